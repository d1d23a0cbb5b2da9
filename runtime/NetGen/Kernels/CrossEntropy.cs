using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
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
    /// The logarithms are <see cref="DoubleLog"/>'s, inlined (every lane and the scalar tail alike); max(x, eps) is the
    /// processor's max with eps first, which returns x where x is NaN, so NaN outputs still give NaN.
    /// </summary>
    public static double Binary(ReadOnlySpan<float> al, ReadOnlySpan<float> y)
    {
        if (y.Length != al.Length) throw new ArgumentException($"The labels have {y.Length} values, but the outputs {al.Length}.", nameof(y));
        ref float a0 = ref MemoryMarshal.GetReference(al), y0 = ref MemoryMarshal.GetReference(y);
        int i = 0;
        double sum = Vector512.IsHardwareAccelerated ? Vectors512(ref a0, ref y0, al.Length, ref i)
            : Vector256.IsHardwareAccelerated ? Vectors256(ref a0, ref y0, al.Length, ref i)
            : 0;
        return i < al.Length ? Tail(ref a0, ref y0, i, al.Length, sum) : sum;
    }

    /// <summary><paramref name="sum"/> minus the terms of outputs <paramref name="i"/> .. <paramref name="length"/> - 1, one by one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static double Tail(ref float a0, ref float y0, int i, int length, double sum)
    {
        for (; i < length; i++)
        {
            double a = Unsafe.Add(ref a0, i), label = Unsafe.Add(ref y0, i);
            // A hard label keeps one logarithm, as in the vectors: the other term is 0 times a finite number (or NaN when a is).
            sum -= label == 1 ? DoubleLog.Log(Math.Max(a, float.Epsilon))
                : label == 0 ? DoubleLog.Log(Math.Max(1 - a, float.Epsilon))
                : label * DoubleLog.Log(Math.Max(a, float.Epsilon)) + (1 - label) * DoubleLog.Log(Math.Max(1 - a, float.Epsilon));
        }
        return sum;
    }

    // The loops over hard labels and the tail are methods of their own (never inlined: inlined into the generated cost
    // with the rest of Binary, the logarithm stayed a call, past the JIT's inlining budget), optimised from the first call
    // (the scalar logarithm's vector code runs as calls before tier 1), and the vector loops make no call: so the
    // logarithm is inlined and the total stays in a register (a call in the loop would spill it every vector).

    /// <summary>The sum over whole vectors of 8 outputs from <paramref name="i"/> on, which it leaves past them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double Vectors512(ref float a0, ref float y0, int length, ref int i)
    {
        var total = Vector512<double>.Zero;
        while (true)
        {
            HardVectors512(ref a0, ref y0, length, ref i, ref total);
            if (i + 8 > length) return Vector512.Sum(total);
            var a = Vector512.WidenLower(Vector256.LoadUnsafe(ref a0, (nuint)i).ToVector512Unsafe());
            var label = Vector512.WidenLower(Vector256.LoadUnsafe(ref y0, (nuint)i).ToVector512Unsafe());
            total -= Soft(a, label);
            i += 8;
        }
    }

    /// <summary>The vectors of 8 outputs from <paramref name="i"/> on whose labels are all 0 or 1: each term the one logarithm its label keeps.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void HardVectors512(ref float a0, ref float y0, int length, ref int i, ref Vector512<double> sum)
    {
        Vector512<double> total = sum, one = Vector512<double>.One, epsilon = Vector512.Create((double)float.Epsilon);
        int k = i;
        for (; k + 8 <= length; k += 8)
        {
            var a = Vector512.WidenLower(Vector256.LoadUnsafe(ref a0, (nuint)k).ToVector512Unsafe());
            var label = Vector512.WidenLower(Vector256.LoadUnsafe(ref y0, (nuint)k).ToVector512Unsafe());
            if (!Vector512.EqualsAll(label * (one - label), Vector512<double>.Zero)) break;
            total -= DoubleLog.Log(Vector512.MaxNative(epsilon, Vector512.ConditionalSelect(Vector512.Equals(label, one), a, one - a)));
        }
        i = k;
        sum = total;
    }

    /// <summary><see cref="Vectors512"/> with vectors of 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double Vectors256(ref float a0, ref float y0, int length, ref int i)
    {
        var total = Vector256<double>.Zero;
        while (true)
        {
            HardVectors256(ref a0, ref y0, length, ref i, ref total);
            if (i + 4 > length) return Vector256.Sum(total);
            var a = Vector256.WidenLower(Vector128.LoadUnsafe(ref a0, (nuint)i).ToVector256Unsafe());
            var label = Vector256.WidenLower(Vector128.LoadUnsafe(ref y0, (nuint)i).ToVector256Unsafe());
            total -= Soft(a, label);
            i += 4;
        }
    }

    /// <summary><see cref="HardVectors512"/> with vectors of 4.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void HardVectors256(ref float a0, ref float y0, int length, ref int i, ref Vector256<double> sum)
    {
        Vector256<double> total = sum, one = Vector256<double>.One, epsilon = Vector256.Create((double)float.Epsilon);
        int k = i;
        for (; k + 4 <= length; k += 4)
        {
            var a = Vector256.WidenLower(Vector128.LoadUnsafe(ref a0, (nuint)k).ToVector256Unsafe());
            var label = Vector256.WidenLower(Vector128.LoadUnsafe(ref y0, (nuint)k).ToVector256Unsafe());
            if (!Vector256.EqualsAll(label * (one - label), Vector256<double>.Zero)) break;
            total -= DoubleLog.Log(Vector256.MaxNative(epsilon, Vector256.ConditionalSelect(Vector256.Equals(label, one), a, one - a)));
        }
        i = k;
        sum = total;
    }

    /// <summary>The terms of a vector with soft labels: both logarithms, weighted.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static Vector512<double> Soft(Vector512<double> a, Vector512<double> label)
    {
        Vector512<double> one = Vector512<double>.One, epsilon = Vector512.Create((double)float.Epsilon);
        return label * DoubleLog.Log(Vector512.MaxNative(epsilon, a)) + (one - label) * DoubleLog.Log(Vector512.MaxNative(epsilon, one - a));
    }

    /// <summary>The terms of a vector with soft labels: both logarithms, weighted.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static Vector256<double> Soft(Vector256<double> a, Vector256<double> label)
    {
        Vector256<double> one = Vector256<double>.One, epsilon = Vector256.Create((double)float.Epsilon);
        return label * DoubleLog.Log(Vector256.MaxNative(epsilon, a)) + (one - label) * DoubleLog.Log(Vector256.MaxNative(epsilon, one - a));
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
