using System;
using System.Text.RegularExpressions;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// Wrong sizes at run time: each generated member throws an <see cref="ArgumentException"/> whose
/// <see cref="ArgumentException.ParamName"/> is the argument and whose message states the expected and the given size.
/// </summary>
public sealed class RuntimeErrorTests
{
    // NumericsCourseNet: 5 inputs, 1 output. NumericsSeedDeep432: 4 inputs, 2 outputs.

    [Fact]
    public void Forward_WithXNotAWholeNumberOfExamples_NamesXTheExampleSizeAndTheLength()
    {
        var net = new NumericsCourseNet();
        var caches = new NumericsCourseNet.Caches(4);
        AssertRejects<ArgumentException>(() => net.Forward(Floats(13), caches), "x", "5", "13");
        AssertRejects<ArgumentException>(() => net.Forward(Floats(0), caches), "x", "5", "0");
    }

    [Fact]
    public void Forward_WithMoreExamplesThanTheCachesHold_NamesXBothCountsAndTheCapacity()
    {
        var net = new NumericsCourseNet();
        var caches = new NumericsCourseNet.Caches(2);
        AssertRejects<ArgumentException>(() => net.Forward(Floats(3 * 5), caches), "x", "3", "2");
    }

    [Fact]
    public void Backward_WithLabelsOfTheWrongLength_NamesYTheExpectedAndTheGivenLength()
    {
        var net = new NumericsSeedDeep432();
        var caches = new NumericsSeedDeep432.Caches(5);
        var gradients = new NumericsSeedDeep432.Gradients();
        net.Forward(Floats(3 * 4), caches);
        // 3 examples x 2 outputs: the caches' capacity (5) does not matter, the last batch does.
        AssertRejects<ArgumentException>(() => net.Backward(Floats(5), caches, gradients), "y", "6", "5");
        AssertRejects<ArgumentException>(() => net.Backward(Floats(10), caches, gradients), "y", "6", "10");
        net.Backward(Floats(6), caches, gradients); // the right length is accepted
    }

    [Fact]
    public void Backward_BeforeAnyForward_NamesTheCachesAndSaysToCallForward()
    {
        var net = new NumericsCourseNet();
        var caches = new NumericsCourseNet.Caches(3);
        var exception = AssertRejects<ArgumentException>(() => net.Backward(Floats(3), caches, new NumericsCourseNet.Gradients()), "caches");
        Assert.Contains("Forward", exception.Message);
    }

    [Fact]
    public void ARejectedForward_LeavesTheCachesOfThePreviousOneIntact()
    {
        var net = new NumericsCourseNet();
        net.InitializeParameters(1, WeightInit.He);
        var caches = new NumericsCourseNet.Caches(4);
        var gradients = new NumericsCourseNet.Gradients();
        var x = NumericAssert.Uniform(3 * 5, seed: 1);
        var al = net.Forward(x, caches).ToArray();

        Assert.Throws<ArgumentException>(() => net.Forward(Floats(7), caches));

        net.Backward(Floats(3), caches, gradients); // still the 3-example batch
        NumericAssert.Identical(al, caches.Activations(NumericsCourseNet.LayerCount), "AL after a rejected Forward");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Caches_WithoutRoomForAnExample_NameTheCapacity(int capacity)
    {
        AssertRejects<ArgumentOutOfRangeException>(() => new NumericsCourseNet.Caches(capacity), "batchCapacity", capacity.ToString());
    }

    [Fact]
    public void Caches_LargerThanAnArrayHolds_NameTheCapacityBeforeAllocating()
    {
        // int.MaxValue rows of NumericsWide's widest layer (40 units) are more floats than one array holds.
        AssertRejects<ArgumentOutOfRangeException>(() => new NumericsWide.Caches(int.MaxValue), "batchCapacity", int.MaxValue.ToString());
    }

    [Fact]
    public void Predict_WithWrongLengths_NamesTheArgumentAndBothLengths()
    {
        var net = new NumericsSeedDeep432();
        AssertRejects<ArgumentException>(() => net.Predict(Floats(7), Floats(2)), "x", "4", "7");
        AssertRejects<ArgumentException>(() => net.Predict(Floats(3 * 4), Floats(5)), "output", "6", "5");
        AssertRejects<ArgumentException>(() => net.Predict(Floats(3 * 4), Floats(8)), "output", "6", "8");

        var single = new NumericsCourseNet();
        AssertRejects<ArgumentException>(() => single.Predict(Floats(4)), "x", "5", "4");
        AssertRejects<ArgumentException>(() => single.Predict(Floats(10)), "x", "5", "10"); // two examples are not one
    }

    [Fact]
    public void ComputeCost_WithWrongLengths_NamesTheArgumentAndBothLengths()
    {
        AssertRejects<ArgumentException>(() => NumericsSeedDeep432.ComputeCost(Floats(4), Floats(3)), "y", "4", "3");
        AssertRejects<ArgumentException>(() => NumericsSeedDeep432.ComputeCost(Floats(3), Floats(3)), "al", "2", "3");
    }

    [Fact]
    public void Train_WithWrongLengthsOrSettings_NamesTheArgument()
    {
        var net = new NumericsSeparable();
        var options = new TrainingOptions { Iterations = 1 };
        AssertRejects<ArgumentException>(() => net.Train(Floats(7), Floats(3), options), "x", "2", "7");
        AssertRejects<ArgumentException>(() => net.Train(Floats(6), Floats(2), options), "y", "3", "2");
        AssertRejects<ArgumentOutOfRangeException>(() => net.Train(Floats(6), Floats(3), new TrainingOptions { LearningRate = 0 }), "LearningRate");
        AssertRejects<ArgumentOutOfRangeException>(() => net.Train(Floats(6), Floats(3), new TrainingOptions { ReportEvery = 0 }), "ReportEvery");
        Assert.Throws<ArgumentNullException>(() => net.Train(Floats(6), Floats(3), null!));
    }

    [Fact]
    public void ANegativeSeed_IsRejectedByName()
    {
        // numpy's seeds are 0 .. 2^32 - 1.
        AssertRejects<ArgumentOutOfRangeException>(() => new NumericsCourseNet().InitializeParameters(-1), "seed", "-1");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void ActivationsOfALayerThatDoesNotExist_AreRejectedByName(int layer)
    {
        var caches = new NumericsCourseNet.Caches(1);
        AssertRejects<ArgumentOutOfRangeException>(() => caches.Activations(layer).ToArray(), "layer", layer.ToString());
    }

    [Fact]
    public void MissingCachesOrGradients_AreRejectedByName()
    {
        var net = new NumericsCourseNet();
        Assert.Equal("caches", Assert.Throws<ArgumentNullException>(() => net.Forward(Floats(5), null!)).ParamName);
        Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => net.Backward(Floats(1), new NumericsCourseNet.Caches(1), null!)).ParamName);
        Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => net.UpdateParameters(null!, 0.1f)).ParamName);
    }

    /// <summary>
    /// A zeroed buffer whose length the compiler cannot see: NetGen's analyzer (NG0008) rejects a literal
    /// <c>new float[13]</c> of a wrong length at build time, and these tests are about the run-time checks.
    /// </summary>
    static float[] Floats(int length) => new float[length];

    /// <summary>
    /// Asserts the call throws exactly <typeparamref name="TException"/> for <paramref name="parameter"/>, with every
    /// one of <paramref name="numbers"/> in its message as a whole number.
    /// </summary>
    static TException AssertRejects<TException>(Func<object?> call, string parameter, params string[] numbers) where TException : ArgumentException
    {
        var exception = Assert.Throws<TException>(() => call());
        Assert.Equal(parameter, exception.ParamName);
        foreach (var number in numbers)
            Assert.True(Regex.IsMatch(exception.Message, $@"(?<![\d-]){Regex.Escape(number)}(?!\d)"),
                $"The message should state {number}: {exception.Message}");
        return exception;
    }

    static TException AssertRejects<TException>(Action call, string parameter, params string[] numbers) where TException : ArgumentException =>
        AssertRejects<TException>(() => { call(); return null; }, parameter, numbers);
}
