using System;
using System.ComponentModel;
using NetGen.Numerics;

namespace NetGen.Kernels;

/// <summary>Scales numpy's normal draws exactly as the course's Python does, in double, before rounding to float.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WeightInitializer
{
    /// <summary>
    /// The course's <c>initialize_parameters_deep</c> over a network's parameters, given in layer order with weights and
    /// biases alternating (W1, b1, W2, b2, ...: a network's <see cref="IO.ParameterSlot"/>s): <c>np.random.seed(seed)</c>,
    /// then each weight matrix takes the next <c>randn</c> draws, scaled per <paramref name="init"/> with its column count
    /// as the fan-in, and each bias vector is zeroed.
    /// </summary>
    public static void Initialize(int seed, WeightInit init, ReadOnlySpan<IO.ParameterSlot> parameters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        var random = new NumpyRandom((uint)seed);
        for (var i = 0; i < parameters.Length; i++)
        {
            if (i % 2 == 0) Fill(random, parameters[i].Values, parameters[i].Columns, init);
            else Array.Clear(parameters[i].Values);
        }
    }

    /// <summary>Fills <paramref name="weights"/> with the next <c>randn</c> draws of <paramref name="random"/>, scaled per <paramref name="init"/>.</summary>
    public static void Fill(NumpyRandom random, Span<float> weights, int fanIn, WeightInit init)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        switch (init)
        {
            case WeightInit.Small: // randn(...) * 0.01
                for (var i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextGaussian() * 0.01);
                break;
            case WeightInit.InverseSqrtFanIn: // randn(...) / np.sqrt(n): a division, not a multiply by the reciprocal
                var root = Math.Sqrt(fanIn);
                for (var i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextGaussian() / root);
                break;
            case WeightInit.He: // randn(...) * np.sqrt(2. / n)
                var gain = Math.Sqrt(2.0 / fanIn);
                for (var i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextGaussian() * gain);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(init), init, "Expected WeightInit.Small, InverseSqrtFanIn or He.");
        }
    }
}
