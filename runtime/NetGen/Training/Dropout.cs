using System;
using NetGen.Kernels;
using NetGen.Numerics;

namespace NetGen.Training;

/// <summary>
/// Inverted dropout on the hidden layers (the course's <c>forward_propagation_with_dropout</c> and
/// <c>backward_propagation_with_dropout</c>): each step keeps every hidden activation with probability keep, multiplies
/// the kept ones by 1 / keep and zeroes the rest, and the backward pass multiplies dZ of that layer by the same factors.
/// Masks come from one <see cref="NumpyRandom"/> seeded once, drawn in numpy's (unit, example) order, so layer l's mask
/// of a step is <c>np.random.rand(n_l, m) &lt; keep</c> continuing the same stream. Buffers are made once.
/// </summary>
/// <remarks>
/// Scaling dZ after the activation's derivative is exact only when that derivative is unchanged by a positive scale
/// of the activation (ReLU, LeakyReLU): generated <c>Train</c> accepts dropout only for those.
/// </remarks>
public sealed class Dropout
{
    readonly float keep;
    readonly NumpyRandom random;
    readonly int[] widths;
    readonly bool[][] masks;

    /// <summary>Masks for batches of up to <paramref name="capacity"/> examples over hidden layers 1.. of the given widths.</summary>
    public Dropout(float keepProbability, int seed, int capacity, params int[] hiddenWidths)
    {
        if (!(keepProbability > 0 && keepProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(keepProbability), keepProbability, "The keep probability must be greater than 0 and at most 1.");
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        keep = keepProbability;
        random = new NumpyRandom((uint)seed);
        widths = (int[])hiddenWidths.Clone();
        masks = new bool[widths.Length][];
        for (var l = 0; l < widths.Length; l++) masks[l] = new bool[checked(capacity * widths[l])];
    }

    /// <summary>Draws layer <paramref name="layer"/>'s mask for <paramref name="m"/> examples and applies it to its activations.</summary>
    public void Forward(int layer, Span<float> activations, int m)
    {
        int width = widths[layer - 1];
        var mask = masks[layer - 1];
        // numpy's rand(n_l, m) is unit-major; the activations are example-major.
        for (var j = 0; j < width; j++)
            for (var i = 0; i < m; i++)
                mask[i * width + j] = random.NextDouble() < keep;
        for (var k = 0; k < m * width; k++)
            activations[k] = mask[k] ? activations[k] / keep : 0f;
    }

    /// <summary>Multiplies dZ of layer <paramref name="layer"/> by the mask of the last forward pass, over the keep probability.</summary>
    public void Backward(int layer, Span<float> dz, int m)
    {
        int width = widths[layer - 1];
        var mask = masks[layer - 1];
        for (var k = 0; k < m * width; k++)
            dz[k] = mask[k] ? dz[k] / keep : 0f;
    }

    /// <summary>
    /// <see cref="Forward"/> for a layer whose activations are in the example-lane layout (<see cref="ExampleLanes"/>):
    /// the mask is drawn over their sample-major copy, written to <paramref name="sampleMajor"/>, and applied to both.
    /// </summary>
    public void ForwardBlocked(int layer, Span<float> blocked, int m, Span<float> sampleMajor)
    {
        int width = widths[layer - 1];
        ExampleLanes.ToSampleMajor(blocked, width, m, sampleMajor);
        Forward(layer, sampleMajor, m);
        ExampleLanes.FromSampleMajor(sampleMajor, width, m, blocked);
    }

    /// <summary><see cref="Backward"/> for a layer whose dZ is in the example-lane layout, through the sample-major <paramref name="sampleMajor"/>.</summary>
    public void BackwardBlocked(int layer, Span<float> blocked, int m, Span<float> sampleMajor)
    {
        int width = widths[layer - 1];
        ExampleLanes.ToSampleMajor(blocked, width, m, sampleMajor);
        Backward(layer, sampleMajor, m);
        ExampleLanes.FromSampleMajor(sampleMajor, width, m, blocked);
    }

    /// <summary>Layer <paramref name="layer"/>'s mask of the last forward pass over <paramref name="m"/> examples, example-major (<c>mask[i * n_l + j]</c>).</summary>
    public ReadOnlySpan<bool> Mask(int layer, int m) => new(masks[layer - 1], 0, m * widths[layer - 1]);
}
