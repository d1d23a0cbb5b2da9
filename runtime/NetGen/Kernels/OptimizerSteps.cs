using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// The sequel course's update rules, element-wise over one parameter array and its gradient: the one place each rule
/// is written. Shape-free, so generated code calls them per parameter array (through <see cref="ParameterUpdater"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OptimizerSteps
{
    /// <summary><c>update_parameters_with_momentum</c>: <c>v = beta v + (1 - beta) g</c>, then <c>p -= learningRate * v</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Momentum(Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> velocity, float beta, float learningRate)
    {
        ShapeGuard.Length(gradient.Length, parameter.Length, nameof(gradient));
        ShapeGuard.Length(velocity.Length, parameter.Length, nameof(velocity));
        float keep = beta, mix = 1f - beta;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> vKeep = new(keep), vMix = new(mix), vRate = new(learningRate);
            for (; i <= parameter.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = vKeep * new Vector<float>(velocity[i..]) + vMix * new Vector<float>(gradient[i..]);
                v.CopyTo(velocity[i..]);
                (new Vector<float>(parameter[i..]) - vRate * v).CopyTo(parameter[i..]);
            }
        }
        for (; i < parameter.Length; i++)
        {
            var v = keep * velocity[i] + mix * gradient[i];
            velocity[i] = v;
            parameter[i] -= learningRate * v;
        }
    }

    /// <summary>
    /// <c>update_parameters_with_adam</c> at step <paramref name="step"/> (1 for the first): <c>v = beta1 v + (1 - beta1) g</c>,
    /// <c>s = beta2 s + (1 - beta2) g²</c>, <c>p -= learningRate * (v / (1 - beta1^t)) / (sqrt(s / (1 - beta2^t)) + epsilon)</c>.
    /// </summary>
    public static void Adam(Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> first, Span<float> second,
        float beta1, float beta2, float epsilon, float learningRate, int step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        var (firstCorrection, secondCorrection) = AdamCorrections(beta1, beta2, step);
        Adam(parameter, gradient, first, second, beta1, beta2, epsilon, learningRate, firstCorrection, secondCorrection);
    }

    /// <summary>Adam's bias corrections <c>1 / (1 - beta1^t)</c> and <c>1 / (1 - beta2^t)</c>, computed in double, once per step.</summary>
    public static (float First, float Second) AdamCorrections(float beta1, float beta2, int step) =>
        ((float)(1 / (1 - Math.Pow(beta1, step))), (float)(1 / (1 - Math.Pow(beta2, step))));

    /// <summary>Adam with the step's bias corrections already computed (see <see cref="AdamCorrections"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adam(Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> first, Span<float> second,
        float beta1, float beta2, float epsilon, float learningRate, float firstCorrection, float secondCorrection)
    {
        ShapeGuard.Length(gradient.Length, parameter.Length, nameof(gradient));
        ShapeGuard.Length(first.Length, parameter.Length, nameof(first));
        ShapeGuard.Length(second.Length, parameter.Length, nameof(second));
        ref float p = ref MemoryMarshal.GetReference(parameter), g = ref MemoryMarshal.GetReference(gradient);
        ref float v = ref MemoryMarshal.GetReference(first), s = ref MemoryMarshal.GetReference(second);
        float mix1 = 1f - beta1, mix2 = 1f - beta2;
        int i = 0, n = parameter.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            // Element-wise, so a vector of elements gets the bits each would get alone.
            Vector256<float> b1 = Vector256.Create(beta1), b2 = Vector256.Create(beta2), m1 = Vector256.Create(mix1),
                m2 = Vector256.Create(mix2), eps = Vector256.Create(epsilon), rate = Vector256.Create(learningRate),
                c1 = Vector256.Create(firstCorrection), c2 = Vector256.Create(secondCorrection);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var gi = Vector256.LoadUnsafe(ref g, (nuint)i);
                var vi = b1 * Vector256.LoadUnsafe(ref v, (nuint)i) + m1 * gi;
                var si = b2 * Vector256.LoadUnsafe(ref s, (nuint)i) + m2 * (gi * gi);
                vi.StoreUnsafe(ref v, (nuint)i);
                si.StoreUnsafe(ref s, (nuint)i);
                (Vector256.LoadUnsafe(ref p, (nuint)i) - rate * (vi * c1) / (Vector256.Sqrt(si * c2) + eps)).StoreUnsafe(ref p, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            var gi = Unsafe.Add(ref g, i);
            var vi = beta1 * Unsafe.Add(ref v, i) + mix1 * gi;
            var si = beta2 * Unsafe.Add(ref s, i) + mix2 * (gi * gi);
            Unsafe.Add(ref v, i) = vi;
            Unsafe.Add(ref s, i) = si;
            Unsafe.Add(ref p, i) -= learningRate * (vi * firstCorrection) / (MathF.Sqrt(si * secondCorrection) + epsilon);
        }
    }
}
