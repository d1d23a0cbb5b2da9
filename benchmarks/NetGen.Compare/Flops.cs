using System;

namespace NetGen.Compare;

/// <summary>
/// The floating-point work of a workload, counted the same way for every runner: 2 operations per multiply-add of the
/// matrix products the course's algorithm needs, nothing for element-wise work (activations, cost, update), which
/// is a few percent of it on the cat network.
/// </summary>
internal static class Flops
{
    /// <summary>
    /// One training iteration on <paramref name="examples"/> examples: the forward products (W_l A_{l-1}), the weight
    /// gradients (dZ_l A_{l-1}^T) and the gradients passed back (W_l^T dZ_l) for layers 2 to L. The input layer's dA0,
    /// which the course's loop computes and no update uses, is not counted (NetGen skips it; the peers do that work
    /// on top).
    /// </summary>
    public static double TrainingIteration(ReadOnlySpan<int> sizes, int examples)
    {
        double products = 0, passedBack = 0;
        for (var l = 1; l < sizes.Length; l++)
        {
            products += (double)sizes[l] * sizes[l - 1];
            if (l >= 2) passedBack += (double)sizes[l] * sizes[l - 1];
        }
        return 2.0 * examples * (2 * products + passedBack);
    }

    /// <summary>A forward pass of <paramref name="examples"/> examples: the products W_l A_{l-1}.</summary>
    public static double Predict(ReadOnlySpan<int> sizes, int examples)
    {
        double products = 0;
        for (var l = 1; l < sizes.Length; l++) products += (double)sizes[l] * sizes[l - 1];
        return 2.0 * examples * products;
    }
}
