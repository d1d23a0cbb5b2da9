using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>The binary cross-entropy sum, in double, a vector of outputs at a time, and the categorical cost's finiteness check.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CrossEntropy
{
    /// <summary>
    /// <c>-sum(y log(max(al, eps)) + (1 - y) log(max(1 - al, eps)))</c> in double with eps = <see cref="float.Epsilon"/>,
    /// which keeps the logarithms finite when a float output has saturated to exactly 0 or 1. NaN outputs give NaN.
    /// Where a vector's labels are all 0 or 1, and for each hard label past the last vector, a term is the one logarithm
    /// its label keeps (the other is multiplied by 0 and adds a zero), so hard labels cost half the logarithms for the same bits.
    /// </summary>
    public static double Binary(ReadOnlySpan<float> al, ReadOnlySpan<float> y)
    {
        if (y.Length != al.Length) throw new ArgumentException($"The labels have {y.Length} values, but the outputs {al.Length}.", nameof(y));
        double sum = 0;
        int i = 0;
        ref float a0 = ref MemoryMarshal.GetReference(al), y0 = ref MemoryMarshal.GetReference(y);
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<double> total = Vector512<double>.Zero, one = Vector512<double>.One, epsilon = Vector512.Create((double)float.Epsilon);
            for (; i + 8 <= al.Length; i += 8)
            {
                var a = Vector512.WidenLower(Vector256.LoadUnsafe(ref a0, (nuint)i).ToVector512Unsafe());
                var label = Vector512.WidenLower(Vector256.LoadUnsafe(ref y0, (nuint)i).ToVector512Unsafe());
                total -= Vector512.EqualsAll(label * (one - label), Vector512<double>.Zero)
                    ? Vector512.Log(Vector512.Max(Vector512.ConditionalSelect(Vector512.Equals(label, one), a, one - a), epsilon))
                    : label * Vector512.Log(Vector512.Max(a, epsilon)) + (one - label) * Vector512.Log(Vector512.Max(one - a, epsilon));
            }
            sum = Vector512.Sum(total);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> total = Vector256<double>.Zero, one = Vector256<double>.One, epsilon = Vector256.Create((double)float.Epsilon);
            for (; i + 4 <= al.Length; i += 4)
            {
                var a = Vector256.WidenLower(Vector128.LoadUnsafe(ref a0, (nuint)i).ToVector256Unsafe());
                var label = Vector256.WidenLower(Vector128.LoadUnsafe(ref y0, (nuint)i).ToVector256Unsafe());
                total -= Vector256.EqualsAll(label * (one - label), Vector256<double>.Zero)
                    ? Vector256.Log(Vector256.Max(Vector256.ConditionalSelect(Vector256.Equals(label, one), a, one - a), epsilon))
                    : label * Vector256.Log(Vector256.Max(a, epsilon)) + (one - label) * Vector256.Log(Vector256.Max(one - a, epsilon));
            }
            sum = Vector256.Sum(total);
        }
        for (; i < al.Length; i++)
        {
            double a = al[i], label = y[i];
            // A hard label keeps one logarithm, as in the vectors: the other term is 0 times a finite number (or NaN when a is).
            sum -= label == 1 ? Math.Log(Math.Max(a, float.Epsilon))
                : label == 0 ? Math.Log(Math.Max(1 - a, float.Epsilon))
                : label * Math.Log(Math.Max(a, float.Epsilon)) + (1 - label) * Math.Log(Math.Max(1 - a, float.Epsilon));
        }
        return sum;
    }

    /// <summary>
    /// Whether every output whose label is not 0 is finite: exactly when the categorical cross-entropy
    /// <c>-sum(y log(max(al, eps)))</c> over labels 0 and 1 and outputs from 0 to 1 is finite, without its logarithms
    /// (a training step checks it every mini-batch).
    /// </summary>
    public static bool LabelledOutputsFinite(ReadOnlySpan<float> al, ReadOnlySpan<float> y)
    {
        if (y.Length != al.Length) throw new ArgumentException($"The labels have {y.Length} values, but the outputs {al.Length}.", nameof(y));
        // v - v is 0 where v is finite and NaN where it is infinite or NaN; outputs labelled 0 count as 0.
        var sum = Vector<float>.Zero;
        int i = 0;
        for (; i <= al.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var labelled = Vector.ConditionalSelect(Vector.Equals(new Vector<float>(y[i..]), Vector<float>.Zero), Vector<float>.Zero, new Vector<float>(al[i..]));
            sum += labelled - labelled;
        }
        if (!Vector.EqualsAll(sum, Vector<float>.Zero)) return false;
        for (; i < al.Length; i++) if (y[i] != 0f && !float.IsFinite(al[i])) return false;
        return true;
    }
}
