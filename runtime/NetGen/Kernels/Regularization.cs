using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>The course's L2 regularisation (<c>compute_cost_with_regularization</c>, <c>backward_propagation_with_regularization</c>), per weight array.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Regularization
{
    /// <summary>sum(W²), in double.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> weights)
    {
        double sum = 0;
        foreach (var w in weights) sum += (double)w * w;
        return sum;
    }

    /// <summary><c>dW += factor * W</c>, factor being lambd / m.</summary>
    public static void AddGradient(Span<float> dWeights, ReadOnlySpan<float> weights, float factor)
    {
        ShapeGuard.Length(weights.Length, dWeights.Length, nameof(weights));
        for (var i = 0; i < dWeights.Length; i++) dWeights[i] += factor * weights[i];
    }
}
