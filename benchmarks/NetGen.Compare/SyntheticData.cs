using System;
using NetGen.Numerics;

namespace NetGen.Compare;

/// <summary>
/// The peers' data (benchmarks/peers/common.py), bit for bit: <c>np.random.RandomState(0).random_sample((12288, 209))</c>
/// cast to float32, label 1 when an example's first 6144 features average more than its last 6144 (in float64).
/// Stored sample-major, as NetGen takes it: the transpose of numpy's (features, examples) array.
/// </summary>
internal sealed class SyntheticData
{
    public const int Examples = 209;
    const uint Seed = 0;

    SyntheticData(float[] inputs, float[] labels)
    {
        Inputs = inputs;
        Labels = labels;
    }

    /// <summary><c>Inputs[i * InputSize + k]</c> is feature k of example i.</summary>
    public float[] Inputs { get; }

    /// <summary>0 or 1 per example.</summary>
    public float[] Labels { get; }

    public static SyntheticData Create()
    {
        const int features = CatNet.InputSize, half = features / 2;
        var random = new NumpyRandom(Seed);
        var inputs = new float[Examples * features];
        var firstHalf = new double[Examples];
        var secondHalf = new double[Examples];
        // numpy fills the (features, examples) array row by row: feature k of every example, then feature k + 1.
        for (var k = 0; k < features; k++)
        {
            var sums = k < half ? firstHalf : secondHalf;
            for (var i = 0; i < Examples; i++)
            {
                var value = random.NextDouble();
                inputs[i * features + k] = (float)value;
                sums[i] += value;
            }
        }
        var labels = new float[Examples];
        for (var i = 0; i < Examples; i++) labels[i] = firstHalf[i] / half > secondHalf[i] / half ? 1f : 0f;
        return new SyntheticData(inputs, labels);
    }
}
