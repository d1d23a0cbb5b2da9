using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.Kernels;

/// <summary>
/// The sequel course's update rules, element-wise over one parameter array and its gradient: the one place each rule
/// is written. Shape-free, so generated code calls them per parameter array (through <see cref="ParameterUpdater"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OptimizerSteps
{
    /// <summary><c>update_parameters_with_momentum</c>: <c>v = beta v + (1 - beta) g</c>, then <c>p -= learningRate * v</c>.</summary>
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
    public static void Adam(Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> first, Span<float> second,
        float beta1, float beta2, float epsilon, float learningRate, float firstCorrection, float secondCorrection)
    {
        ShapeGuard.Length(gradient.Length, parameter.Length, nameof(gradient));
        ShapeGuard.Length(first.Length, parameter.Length, nameof(first));
        ShapeGuard.Length(second.Length, parameter.Length, nameof(second));
        float mix1 = 1f - beta1, mix2 = 1f - beta2;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> b1 = new(beta1), b2 = new(beta2), m1 = new(mix1), m2 = new(mix2), eps = new(epsilon), rate = new(learningRate),
                c1 = new(firstCorrection), c2 = new(secondCorrection);
            for (; i <= parameter.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradient[i..]);
                var v = b1 * new Vector<float>(first[i..]) + m1 * g;
                var s = b2 * new Vector<float>(second[i..]) + m2 * (g * g);
                v.CopyTo(first[i..]);
                s.CopyTo(second[i..]);
                (new Vector<float>(parameter[i..]) - rate * (v * c1) / (Vector.SquareRoot(s * c2) + eps)).CopyTo(parameter[i..]);
            }
        }
        for (; i < parameter.Length; i++)
        {
            var g = gradient[i];
            var v = beta1 * first[i] + mix1 * g;
            var s = beta2 * second[i] + mix2 * (g * g);
            first[i] = v;
            second[i] = s;
            parameter[i] -= learningRate * (v * firstCorrection) / (MathF.Sqrt(s * secondCorrection) + epsilon);
        }
    }
}
