using System;
using System.Linq;
using NetGen.Tests.Numerics;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// L2 (the course's <c>compute_cost_with_regularization</c>, <c>backward_propagation_with_regularization</c>) and inverted
/// dropout (<c>forward_propagation_with_dropout</c>, <c>backward_propagation_with_dropout</c>) against the double-precision
/// reference network and central finite differences of its cost.
/// </summary>
public sealed class RegularizationTests
{
    const int M = 7;
    const float Lambda = 0.7f, Keep = 0.6f;

    static float[] Weights(RegularizedReLU net, int l) => l switch { 1 => net.W1, 2 => net.W2, _ => net.W3 };
    static float[] Biases(RegularizedReLU net, int l) => l switch { 1 => net.B1, 2 => net.B2, _ => net.B3 };

    static RegularizedReLU Network()
    {
        var net = new RegularizedReLU();
        net.InitializeParameters(5, WeightInit.He);
        NumericAssert.Uniform(6, seed: 3, range: 0.3).CopyTo(net.B1, 0);
        NumericAssert.Uniform(5, seed: 4, range: 0.3).CopyTo(net.B2, 0);
        return net;
    }

    static ReferenceNetwork Reference(RegularizedReLU net) =>
        ReferenceNetwork.FromParameters([4, 6, 5, 2], Activation.ReLU, Activation.Sigmoid, l => Weights(net, l), l => Biases(net, l));

    static ReferenceGradients Generated(RegularizedReLU net, RegularizedReLU.Gradients g) => new(
        [new double[0, 0], FiniteDifferenceTests.Matrix(g.DW1, 6, 4), FiniteDifferenceTests.Matrix(g.DW2, 5, 6), FiniteDifferenceTests.Matrix(g.DW3, 2, 5)],
        [[], g.DB1.Select(v => (double)v).ToArray(), g.DB2.Select(v => (double)v).ToArray(), g.DB3.Select(v => (double)v).ToArray()],
        DA: []);

    [Fact]
    public void L2_CostAndGradients_MatchTheReferenceAndFiniteDifferences()
    {
        var net = Network();
        var x = NumericAssert.Uniform(M * 4, seed: 8);
        var y = NumericAssert.Labels(Activation.Sigmoid, M * 2, seed: 9);
        var caches = new RegularizedReLU.Caches(M);
        var gradients = new RegularizedReLU.Gradients();
        var al = net.Forward(x, caches);
        var cost = RegularizedReLU.ComputeCost(al, y) + Lambda / (2.0 * M) * net.SquaredWeights();
        net.Backward(y, caches, gradients);
        net.AddL2Gradients(gradients, Lambda / M);

        var reference = Reference(net);
        reference.Lambda = Lambda;
        double[,] xc = ReferenceNetwork.Columns(x, 4), yc = ReferenceNetwork.Columns(y, 2);
        NumericAssert.Close([reference.CostOf(xc, yc)], [cost], 1e-6, "cost with L2");
        var expected = reference.Backward(reference.Forward(xc), yc);
        for (var l = 1; l <= 3; l++)
            NumericAssert.Close(ReferenceNetwork.RowMajor(expected.DW[l]), l switch { 1 => gradients.DW1, 2 => gradients.DW2, _ => gradients.DW3 }, 1e-5, $"dW{l} with L2");
        // The L2 term is large here (lambda 0.7 on 7 examples): without it dW would be far off.
        foreach (var (name, analytic, numeric) in FiniteDifferenceTests.Compare(reference, reference.Backward(reference.Forward(xc), yc), xc, yc, everyParameter: true))
            NumericAssert.Close(numeric, analytic, 1e-6, "reference " + name);
        foreach (var (name, analytic, numeric) in FiniteDifferenceTests.Compare(reference, Generated(net, gradients), xc, yc, everyParameter: true))
            NumericAssert.Close(numeric, analytic, 1e-4, "NetGen " + name);
    }

    [Fact]
    public void Dropout_ForwardAndBackwardWithItsMasks_MatchTheReferenceAndFiniteDifferences()
    {
        var net = Network();
        var x = NumericAssert.Uniform(M * 4, seed: 10);
        var y = NumericAssert.Labels(Activation.Sigmoid, M * 2, seed: 11);
        var caches = new RegularizedReLU.Caches(M);
        var gradients = new RegularizedReLU.Gradients();
        var dropout = new Dropout(Keep, seed: 1, capacity: M, 6, 5);
        var al = net.ForwardWithDropout(x, caches, dropout).ToArray();
        net.BackwardWithDropout(y, caches, gradients, dropout);

        var reference = Reference(net);
        reference.KeepProbability = Keep;
        reference.DropoutMasks = [new double[0, 0], Mask(dropout.Mask(1, M), 6), Mask(dropout.Mask(2, M), 5), new double[0, 0]];
        Assert.Contains(0.0, reference.DropoutMasks[1].Cast<double>());
        Assert.Contains(1.0, reference.DropoutMasks[1].Cast<double>());
        double[,] xc = ReferenceNetwork.Columns(x, 4), yc = ReferenceNetwork.Columns(y, 2);
        NumericAssert.Close(ReferenceNetwork.SampleMajor(reference.Forward(xc).A[3]), al, 1e-6, "AL with dropout");
        foreach (var (name, analytic, numeric) in FiniteDifferenceTests.Compare(reference, reference.Backward(reference.Forward(xc), yc), xc, yc, everyParameter: true))
            NumericAssert.Close(numeric, analytic, 1e-6, "reference " + name);
        foreach (var (name, analytic, numeric) in FiniteDifferenceTests.Compare(reference, Generated(net, gradients), xc, yc, everyParameter: true))
            NumericAssert.Close(numeric, analytic, 1e-4, "NetGen " + name);
    }

    [Fact]
    public void Dropout_FirstMask_IsTheCoursesRandOfTheSeed()
    {
        // np.random.seed(1); D1 = np.random.rand(6, M) < 0.6: drawn unit by unit, as numpy's (n1, m) array.
        var numpy = new NetGen.Numerics.NumpyRandom(1);
        var expected = new bool[6 * M];
        for (var j = 0; j < 6; j++)
            for (var i = 0; i < M; i++) expected[i * 6 + j] = numpy.NextDouble() < Keep;
        var dropout = new Dropout(Keep, seed: 1, capacity: M, 6, 5);
        var a = Enumerable.Repeat(1f, 6 * M).ToArray();
        dropout.Forward(1, a, M);
        Assert.Equal(expected, dropout.Mask(1, M).ToArray());
        Assert.Equal(expected.Select(k => k ? 1f / Keep : 0f), a);
    }

    [Fact]
    public void Dropout_OnTanhHiddenLayers_IsRefusedByTrain()
    {
        var net = new RegularizedTanh();
        net.InitializeParameters(1);
        var error = Assert.Throws<ArgumentException>(() => net.Train(new float[8], new float[4], new TrainingOptions { KeepProbability = 0.8f, Iterations = 1 }));
        Assert.Contains("Tanh", error.Message);
        Assert.Contains("ReLU or LeakyReLU", error.Message);
    }

    static double[,] Mask(ReadOnlySpan<bool> exampleMajor, int units)
    {
        var m = exampleMajor.Length / units;
        var mask = new double[units, m];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < units; j++) mask[j, i] = exampleMajor[i * units + j] ? 1 : 0;
        return mask;
    }
}
