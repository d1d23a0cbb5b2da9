using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary><c>dW += factor * W</c>, factor being lambd / m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddGradient(Span<float> dWeights, ReadOnlySpan<float> weights, float factor)
    {
        ShapeGuard.Length(weights.Length, dWeights.Length, nameof(weights));
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Element-wise, the product and the sum rounded separately as below: a vector gets each element's bits.
            ref float d = ref MemoryMarshal.GetReference(dWeights);
            ref float w = ref MemoryMarshal.GetReference(weights);
            var f = Vector256.Create(factor);
            for (; i <= dWeights.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                (Vector256.LoadUnsafe(ref d, (nuint)i) + f * Vector256.LoadUnsafe(ref w, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < dWeights.Length; i++) dWeights[i] += factor * weights[i];
    }
}
