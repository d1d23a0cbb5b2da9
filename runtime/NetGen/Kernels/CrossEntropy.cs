using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>The binary cross-entropy sum, in double, four outputs per vector: a training step checks it every mini-batch.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CrossEntropy
{
    /// <summary>
    /// <c>-sum(y log(max(al, eps)) + (1 - y) log(max(1 - al, eps)))</c> in double with eps = <see cref="float.Epsilon"/>,
    /// which keeps the logarithms finite when a float output has saturated to exactly 0 or 1. NaN outputs give NaN.
    /// </summary>
    public static double Binary(ReadOnlySpan<float> al, ReadOnlySpan<float> y)
    {
        if (y.Length != al.Length) throw new ArgumentException($"The labels have {y.Length} values, but the outputs {al.Length}.", nameof(y));
        double sum = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> total = Vector256<double>.Zero, one = Vector256<double>.One, epsilon = Vector256.Create((double)float.Epsilon);
            ref float a0 = ref MemoryMarshal.GetReference(al), y0 = ref MemoryMarshal.GetReference(y);
            for (; i + 4 <= al.Length; i += 4)
            {
                var a = Widen(Vector128.LoadUnsafe(ref a0, (nuint)i));
                var label = Widen(Vector128.LoadUnsafe(ref y0, (nuint)i));
                var terms = label * Vector256.Log(Vector256.Max(a, epsilon)) + (one - label) * Vector256.Log(Vector256.Max(one - a, epsilon));
                total -= terms;
            }
            sum = Vector256.Sum(total);
        }
        for (; i < al.Length; i++)
        {
            double a = al[i], label = y[i];
            sum -= label * Math.Log(Math.Max(a, float.Epsilon)) + (1 - label) * Math.Log(Math.Max(1 - a, float.Epsilon));
        }
        return sum;
    }

    static Vector256<double> Widen(Vector128<float> value) => Vector256.Create(Vector128.WidenLower(value), Vector128.WidenUpper(value));
}
