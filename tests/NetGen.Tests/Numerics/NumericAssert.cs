using System;
using System.Linq;
using Xunit.Sdk;

namespace NetGen.Tests.Numerics;

/// <summary>Array comparisons that report the worst element, and the random inputs the numeric tests use.</summary>
public static class NumericAssert
{
    /// <summary>
    /// Asserts <c>|actual[i] - expected[i]| &lt;= tolerance * max_i |expected[i]|</c> for every i: an error
    /// measured against the array's scale. A float sum of n terms is off by up to about n * 6e-8 of the sum of
    /// the terms' magnitudes, so this is the measure float arithmetic can promise; an element that merely
    /// happens to be near 0 through cancellation carries the absolute error of its larger neighbours.
    /// NaN or infinity in <paramref name="actual"/> fails.
    /// </summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        var widened = new double[actual.Length];
        for (var i = 0; i < actual.Length; i++) widened[i] = actual[i];
        Close(expected, widened, tolerance, what);
    }

    /// <inheritdoc cref="Close(ReadOnlySpan{double}, ReadOnlySpan{float}, double, string)"/>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        if (actual.Length != expected.Length)
            throw new XunitException($"{what}: expected {expected.Length} values, got {actual.Length}.");
        var scale = 0.0;
        foreach (var value in expected) scale = Math.Max(scale, Math.Abs(value));
        var worst = -1;
        var worstError = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(actual[i] - expected[i]);
            if (double.IsNaN(error)) { (worst, worstError) = (i, error); break; }
            if (error > worstError) (worst, worstError) = (i, error);
        }
        if (worst >= 0 && !(worstError <= tolerance * scale))
            throw new XunitException(
                $"{what}: element {worst} of {expected.Length} is {actual[worst]:R}, the reference {expected[worst]:R}; error {worstError:E3} exceeds " +
                $"{tolerance:E1} x the largest magnitude {scale:E3} = {tolerance * scale:E3}.");
    }

    /// <summary>Asserts two float arrays are equal bit for bit (NaN payloads included).</summary>
    public static void Identical(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        if (actual.Length != expected.Length)
            throw new XunitException($"{what}: expected {expected.Length} values, got {actual.Length}.");
        for (var i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                throw new XunitException($"{what}: element {i} is {actual[i]:R}, expected exactly {expected[i]:R}.");
    }

    /// <summary>Uniform values in [-<paramref name="range"/>, <paramref name="range"/>) from a seeded generator.</summary>
    public static float[] Uniform(int count, int seed, double range = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * range)).ToArray();
    }

    /// <summary>Labels for a network's output: 0/1 for a sigmoid output, values in [-1, 1) for a linear one.</summary>
    public static float[] Labels(Activation output, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => output == Activation.Sigmoid ? (random.Next(2) == 0 ? 0f : 1f) : (float)(random.NextDouble() * 2 - 1))
            .ToArray();
    }

    /// <summary>The weight initialisation that keeps activations of order 1 through many layers for this activation.</summary>
    public static WeightInit InitFor(Activation hidden) =>
        hidden is Activation.ReLU or Activation.LeakyReLU ? WeightInit.He : WeightInit.InverseSqrtFanIn;
}
