using System;
using System.Linq;
using Xunit;
using Xunit.Sdk;

namespace NetGen.Tests.Numerics;

/// <summary>
/// Forward, cost, backward and one update of every test network, at batch sizes that leave every tile remainder,
/// against <see cref="ReferenceNetwork"/> in double precision with the same (float) parameters and inputs.
/// </summary>
public sealed class ForwardBackwardTests
{
    /// <summary>
    /// Float against double, measured against each array's largest magnitude (see <see cref="NumericAssert.Close(ReadOnlySpan{double}, ReadOnlySpan{float}, double, string)"/>).
    /// The longest sum here has 2050 terms: float rounding bounds its error by ~2050 x 6e-8 ≈ 1.2e-4 of the terms'
    /// magnitudes in the worst case and ~sqrt(2050) x 6e-8 ≈ 3e-6 typically, and a few layers compound that
    /// mildly. 1e-4 leaves that room, while a wrong index, a missed tail element, a wrong derivative or a stale
    /// cache entry is off by the size of the value itself.
    /// </summary>
    const double Tolerance = 1e-4;

    /// <summary>A learning rate large enough that one step is well above the float rounding of W.</summary>
    const float LearningRate = 0.5f;

    static readonly int[] BatchSizes = [1, 3, 4, 5, 17];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in NumericsNetworks.Names)
            foreach (var m in BatchSizes) data.Add(name, m);
        return data;
    }

    /// <summary>
    /// Batches large enough for tiled layers to split their work into many items and over several threads (the cat
    /// data set has 209 examples; NumericsWide's 37 -> 3 layer needs over a thousand examples before it splits).
    /// </summary>
    public static TheoryData<string, int> LargeBatchCases() => new()
    {
        { nameof(NumericsWide), 517 },
        { nameof(NumericsWide), 1203 },
        { nameof(NumericsWideColumn), 209 },
        { nameof(NumericsPooledPredict), 300 },
        { nameof(NumericsMixedTanhLinear), 1031 },
    };

    /// <summary>
    /// Small layers run 16 examples per block of vector lanes (8 per vector with 256 bits, 1 in scalar code): batches
    /// of one lane short of, exactly, and one past whole blocks, so the lanes past the last example are covered in every
    /// layout (blocked between small layers, gathered and scattered where they meet the input, the output or a tiled layer).
    /// Run with DOTNET_EnableAVX512F=0 and DOTNET_EnableAVX2=0 too for the narrower widths.
    /// </summary>
    public static TheoryData<string, int> LaneBlockCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[]
        {
            nameof(NumericsSeedDeep543), nameof(NumericsCourseNet), nameof(NumericsDeepNarrow), nameof(NumericsDeepNarrowTanhLinear),
            nameof(NumericsMixedSigmoidSigmoid), nameof(NumericsMixedLeakyLinear), nameof(NumericsSeparableDeep),
        })
            foreach (var m in new[] { 7, 15, 16, 33, 300 }) data.Add(name, m);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [MemberData(nameof(LargeBatchCases))]
    [MemberData(nameof(LaneBlockCases))]
    public void ForwardCostBackwardAndUpdate_MatchTheDoublePrecisionReference(string network, int m)
    {
        var net = NumericsNetworks.Create(network);
        net.Initialize(seed: 11, NumericAssert.InitFor(net.Hidden));
        for (var l = 1; l <= net.LayerCount; l++) // non-zero biases, so the bias terms are checked too
            NumericAssert.Uniform(net.Sizes[l], seed: 50 + l, range: 0.5).CopyTo(net.Biases(l), 0);
        var x = NumericAssert.Uniform(m * net.InputSize, seed: 100 + m);
        var y = NumericAssert.Labels(net.Output, m * net.OutputSize, seed: 200 + m);

        // Caches larger than the batch, first filled by a different, larger batch: any read of a stale row, or of
        // a row beyond m, changes the results below.
        net.UseCaches(m + 3);
        net.Forward(NumericAssert.Uniform((m + 3) * net.InputSize, seed: 999, range: 3));
        net.Backward(NumericAssert.Labels(net.Output, (m + 3) * net.OutputSize, seed: 998));

        var al = net.Forward(x);
        var reference = net.ToReference();
        var xColumns = ReferenceNetwork.Columns(x, net.InputSize);
        var yColumns = ReferenceNetwork.Columns(y, net.OutputSize);
        var caches = reference.Forward(xColumns);

        for (var l = 1; l < net.LayerCount; l++)
            NumericAssert.Close(ReferenceNetwork.SampleMajor(caches.A[l]), net.Activations(l), Tolerance, $"A{l}");
        var referenceAL = caches.A[net.LayerCount];
        NumericAssert.Close(ReferenceNetwork.SampleMajor(referenceAL), al, Tolerance, "AL");
        NumericAssert.Identical(al, net.Activations(net.LayerCount), "AL as returned and as cached");

        var cost = net.Cost(al, y);
        var referenceCost = reference.Cost(referenceAL, yColumns);
        AssertRelative(referenceCost, cost, Tolerance, "cost of AL");
        // ComputeCost alone, on exactly NetGen's AL: only the final rounding to float separates it from the reference.
        AssertRelative(reference.Cost(ReferenceNetwork.Columns(al, net.OutputSize), yColumns), cost, 1e-6, "ComputeCost(AL, Y)");

        net.Backward(y);
        var gradients = reference.Backward(caches, yColumns);
        for (var l = 1; l <= net.LayerCount; l++)
        {
            NumericAssert.Close(ReferenceNetwork.RowMajor(gradients.DW[l]), net.WeightGradient(l), Tolerance, $"dW{l}");
            NumericAssert.Close(gradients.DB[l], net.BiasGradient(l), Tolerance, $"db{l}");
        }

        var before = Enumerable.Range(1, net.LayerCount).Select(l => (W: net.Weights(l).ToArray(), B: net.Biases(l).ToArray())).ToArray();
        net.Update(LearningRate);
        for (var l = 1; l <= net.LayerCount; l++)
        {
            AssertStep(before[l - 1].W, net.Weights(l), ReferenceNetwork.RowMajor(gradients.DW[l]), $"W{l} after one update");
            AssertStep(before[l - 1].B, net.Biases(l), gradients.DB[l], $"b{l} after one update");
        }
    }

    [Theory]
    [MemberData(nameof(LargeBatchCases))]
    public void ForwardAndBackwardRepeated_GiveBitIdenticalResults(string network, int m)
    {
        (float[] AL, float[][] Gradients) Run(NetworkCase net, float[] x, float[] y)
        {
            var al = net.Forward(x);
            net.Backward(y);
            return (al, Enumerable.Range(1, net.LayerCount).SelectMany(l => new[] { net.WeightGradient(l).ToArray(), net.BiasGradient(l).ToArray() }).ToArray());
        }

        NetworkCase first = NumericsNetworks.Create(network), second = NumericsNetworks.Create(network);
        foreach (var net in new[] { first, second })
        {
            net.Initialize(seed: 21, NumericAssert.InitFor(net.Hidden));
            net.UseCaches(m);
        }
        var x = NumericAssert.Uniform(m * first.InputSize, seed: 22);
        var y = NumericAssert.Labels(first.Output, m * first.OutputSize, seed: 23);

        var expected = Run(first, x, y);
        foreach (var (net, run) in new[] { (first, "the same network again"), (second, "another instance") })
        {
            var actual = Run(net, x, y);
            NumericAssert.Identical(expected.AL, actual.AL, $"AL, {run}");
            for (var i = 0; i < expected.Gradients.Length; i++)
                NumericAssert.Identical(expected.Gradients[i], actual.Gradients[i], $"gradient array {i}, {run}");
        }
    }

    /// <summary>
    /// new - old must be -learningRate * the reference gradient: to <see cref="Tolerance"/> of the largest step,
    /// plus one float ulp of the parameter, since the new value is rounded to float once more.
    /// </summary>
    static void AssertStep(float[] before, float[] after, double[] referenceGradient, string what)
    {
        var scale = referenceGradient.Max(Math.Abs) * LearningRate;
        for (var i = 0; i < before.Length; i++)
        {
            var expected = -LearningRate * referenceGradient[i];
            var step = (double)after[i] - before[i];
            var ulp = (double)MathF.BitIncrement(Math.Max(Math.Abs(before[i]), Math.Abs(after[i]))) - Math.Max(Math.Abs(before[i]), Math.Abs(after[i]));
            if (!(Math.Abs(step - expected) <= Tolerance * scale + ulp))
                throw new XunitException($"{what}[{i}]: moved by {step:E6} from {before[i]:R}; the reference step is {expected:E6}.");
        }
    }

    static void AssertRelative(double expected, float actual, double tolerance, string what)
    {
        if (!(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected)))
            throw new XunitException($"{what}: {actual:R}, the reference {expected:R} (relative tolerance {tolerance:E1}).");
    }
}
