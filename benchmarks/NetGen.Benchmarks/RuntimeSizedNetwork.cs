using System;

namespace NetGen.Benchmarks;

/// <summary>
/// The baseline for the small network: a straightforward dense network in C# whose layer sizes are known only at
/// run time. ReLU hidden layers and a sigmoid output, weights row-major per layer as NetGen stores them, activations
/// in buffers allocated once, so that Predict allocates nothing either (it is not thread-safe, an advantage NetGen's
/// Predict does not take).
/// </summary>
public sealed class RuntimeSizedNetwork
{
    readonly int[] sizes;
    readonly float[][] weights;
    readonly float[][] biases;
    readonly float[][] activations;

    public RuntimeSizedNetwork(params int[] sizes)
    {
        if (sizes.Length < 2) throw new ArgumentException($"A network needs at least 2 layer sizes, but {sizes.Length} were given.", nameof(sizes));
        this.sizes = (int[])sizes.Clone();
        weights = new float[sizes.Length - 1][];
        biases = new float[sizes.Length - 1][];
        activations = new float[sizes.Length][];
        for (var l = 1; l < sizes.Length; l++)
        {
            weights[l - 1] = new float[sizes[l] * sizes[l - 1]];
            biases[l - 1] = new float[sizes[l]];
            activations[l] = new float[sizes[l]];
        }
    }

    /// <summary>Layer <paramref name="layer"/>'s weights (1-based, as W1..WL), row-major (units, inputs).</summary>
    public float[] Weights(int layer) => weights[layer - 1];

    /// <summary>Layer <paramref name="layer"/>'s biases.</summary>
    public float[] Biases(int layer) => biases[layer - 1];

    /// <summary>The network's output for one example: ReLU hidden layers, sigmoid output unit 0.</summary>
    public float Predict(ReadOnlySpan<float> x)
    {
        if (x.Length != sizes[0]) throw new ArgumentException($"x must have length {sizes[0]}, but its length is {x.Length}.", nameof(x));
        ReadOnlySpan<float> input = x;
        var last = sizes.Length - 1;
        for (var l = 1; l <= last; l++)
        {
            var w = weights[l - 1];
            var b = biases[l - 1];
            var output = activations[l];
            int inputs = sizes[l - 1], units = sizes[l];
            for (var j = 0; j < units; j++)
            {
                var z = b[j];
                for (var k = 0; k < inputs; k++) z += w[j * inputs + k] * input[k];
                output[j] = l == last ? 1f / (1f + MathF.Exp(-z)) : MathF.Max(z, 0f);
            }
            input = output;
        }
        return activations[last][0];
    }
}
