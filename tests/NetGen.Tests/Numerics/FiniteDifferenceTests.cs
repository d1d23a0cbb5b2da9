using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// Gradients against central finite differences of the cost, in double: first the reference's own backward pass
/// (so the reference is not merely trusted), then NetGen's gradients directly.
/// </summary>
public sealed class FiniteDifferenceTests
{
    /// <summary>
    /// The step of the central difference. Its truncation error is O(h²) ≈ 1e-12 for costs with bounded third
    /// derivatives; its rounding error is about 1e-16 x cost / h ≈ 1e-10. A ReLU kink inside ±h of some Z would
    /// spoil one difference, which random data of order 1 does not produce.
    /// </summary>
    const double Step = 1e-6;

    public static TheoryData<Activation, Activation> ActivationPairs()
    {
        var data = new TheoryData<Activation, Activation>();
        foreach (var hidden in new[] { Activation.ReLU, Activation.LeakyReLU, Activation.Tanh, Activation.Sigmoid })
            foreach (var output in new[] { Activation.Sigmoid, Activation.Linear })
                data.Add(hidden, output);
        return data;
    }

    [Theory]
    [MemberData(nameof(ActivationPairs))]
    public void ReferenceBackward_EqualsFiniteDifferencesOfTheReferenceCost(Activation hidden, Activation output)
    {
        var reference = new ReferenceNetwork([4, 5, 3, 2], hidden, output);
        var random = new Random(17);
        for (var l = 1; l <= reference.LayerCount; l++)
        {
            for (var j = 0; j < reference.Sizes[l]; j++)
            {
                for (var k = 0; k < reference.Sizes[l - 1]; k++) reference.W[l][j, k] = random.NextDouble() * 2 - 1;
                reference.B[l][j] = random.NextDouble() - 0.5;
            }
        }
        const int m = 6;
        var x = ReferenceNetwork.Columns(NumericAssert.Uniform(m * 4, seed: 18), 4);
        var y = ReferenceNetwork.Columns(NumericAssert.Labels(output, m * 2, seed: 19), 2);

        var gradients = reference.Backward(reference.Forward(x), y);

        // Everything in double: the differences agree with the analytic gradient to ~1e-9 of its scale; 1e-6 is
        // far above that and far below any error in a formula.
        foreach (var (name, analytic, numeric) in Compare(reference, gradients, x, y, everyParameter: true))
            NumericAssert.Close(numeric, analytic, 1e-6, name);
    }

    public static TheoryData<string> GeneratedNetworks() => new()
    {
        nameof(NumericsCourseNet),
        nameof(NumericsSingleLayer),
        nameof(NumericsSingleTiledLinear),
        nameof(NumericsDeepNarrowTanhLinear),
        nameof(NumericsMixedLeakyLinear),
        nameof(NumericsMixedSigmoidSigmoid),
        nameof(NumericsWide),
        nameof(NumericsNarrowInputTiled),
    };

    [Theory]
    [MemberData(nameof(GeneratedNetworks))]
    public void GeneratedBackward_EqualsFiniteDifferencesOfTheCost(string network)
    {
        var net = NumericsNetworks.Create(network);
        net.Initialize(seed: 23, NumericAssert.InitFor(net.Hidden));
        for (var l = 1; l <= net.LayerCount; l++)
            NumericAssert.Uniform(net.Sizes[l], seed: 30 + l, range: 0.3).CopyTo(net.Biases(l), 0);
        const int m = 7;
        var x = NumericAssert.Uniform(m * net.InputSize, seed: 24);
        var y = NumericAssert.Labels(net.Output, m * net.OutputSize, seed: 25);
        net.UseCaches(m);
        net.Forward(x);
        net.Backward(y);

        // The differences are of the exact cost of NetGen's own float parameters, taken in double.
        var reference = net.ToReference();
        var generated = new ReferenceGradients(
            Enumerable.Range(0, net.LayerCount + 1).Select(l => l == 0 ? new double[0, 0] : Matrix(net.WeightGradient(l), net.Sizes[l], net.Sizes[l - 1])).ToArray(),
            Enumerable.Range(0, net.LayerCount + 1).Select(l => l == 0 ? [] : net.BiasGradient(l).Select(v => (double)v).ToArray()).ToArray(),
            DA: []);

        // NetGen's gradients are float: the same 1e-4 of each array's scale as against the analytic reference.
        foreach (var (name, analytic, numeric) in Compare(reference, generated, ReferenceNetwork.Columns(x, net.InputSize), ReferenceNetwork.Columns(y, net.OutputSize), everyParameter: false))
            NumericAssert.Close(numeric, analytic, 1e-4, name);
    }

    /// <summary>
    /// For every layer, the given gradients and the central differences of the reference cost for the same
    /// parameters: all of them, or (for large layers) an evenly spread sample of at most 150 weights.
    /// </summary>
    internal static IEnumerable<(string Name, double[] Analytic, double[] Numeric)> Compare(
        ReferenceNetwork reference, ReferenceGradients gradients, double[,] x, double[,] y, bool everyParameter)
    {
        for (var l = 1; l <= reference.LayerCount; l++)
        {
            int units = reference.Sizes[l], inputs = reference.Sizes[l - 1];
            var count = units * inputs;
            var stride = everyParameter ? 1 : Math.Max(1, count / 150);
            var picked = Enumerable.Range(0, count).Where(i => i % stride == 0 || i == count - 1).Distinct().ToArray();
            var weights = reference.W[l];
            yield return (
                $"dW{l} ({picked.Length} of {count})",
                picked.Select(i => gradients.DW[l][i / inputs, i % inputs]).ToArray(),
                picked.Select(i => CentralDifference(reference, x, y, v => weights[i / inputs, i % inputs] = v, weights[i / inputs, i % inputs])).ToArray());

            var biases = reference.B[l];
            yield return (
                $"db{l}",
                gradients.DB[l].ToArray(),
                Enumerable.Range(0, units).Select(j => CentralDifference(reference, x, y, v => biases[j] = v, biases[j])).ToArray());
        }
    }

    static double CentralDifference(ReferenceNetwork reference, double[,] x, double[,] y, Action<double> set, double value)
    {
        set(value + Step);
        var plus = reference.CostOf(x, y);
        set(value - Step);
        var minus = reference.CostOf(x, y);
        set(value);
        return (plus - minus) / (2 * Step);
    }

    internal static double[,] Matrix(float[] rowMajor, int rows, int columns)
    {
        var result = new double[rows, columns];
        for (var j = 0; j < rows; j++)
            for (var k = 0; k < columns; k++) result[j, k] = rowMajor[j * columns + k];
        return result;
    }
}
