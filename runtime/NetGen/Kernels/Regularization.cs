using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>The course's L2 regularisation (<c>compute_cost_with_regularization</c>, <c>backward_propagation_with_regularization</c>), per weight array.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Regularization
{
    /// <summary>sum(W²), in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SumOfSquares(ReadOnlySpan<float> weights)
    {
        double sum = 0;
        foreach (var w in weights) sum += (double)w * w;
        return sum;
    }

    /// <summary>
    /// <c>dW += factor * W</c>, factor being lambd / m: gradient descent's <see cref="VectorMath.SubtractScaled"/> with
    /// -factor, which gives the same bits (negating a product is exact, and x - (-y) is x + y).
    /// </summary>
    public static void AddGradient(Span<float> dWeights, ReadOnlySpan<float> weights, float factor)
    {
        ShapeGuard.Length(weights.Length, dWeights.Length, nameof(weights));
        VectorMath.SubtractScaled(dWeights, weights, -factor);
    }
}
