using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>Element-wise SIMD loops over whole parameter and gradient arrays; shape-agnostic, so they live here once.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorMath
{
    /// <summary>Arrays at least this long are updated by every core, in blocks of <see cref="ParallelBlock"/> floats.</summary>
    const int ParallelLength = 1 << 16;

    const int ParallelBlock = 1 << 14;

    /// <summary>
    /// <c>target[i] -= scale * gradient[i]</c>: a gradient-descent step. Long arrays are split over the cores; each
    /// element is computed the same way whichever thread does it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SubtractScaled(Span<float> target, ReadOnlySpan<float> gradient, float scale)
    {
        ShapeGuard.Length(gradient.Length, target.Length, nameof(gradient));
        if (target.Length >= ParallelLength)
        {
            WorkSplitter.Run<SubtractScaledBlock>((target.Length + ParallelBlock - 1) / ParallelBlock, true, 0, target.Length, scale, target, gradient);
            return;
        }
        SubtractScaledSerial(target, gradient, scale);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void SubtractScaledSerial(Span<float> target, ReadOnlySpan<float> gradient, float scale)
    {
        ref float t = ref MemoryMarshal.GetReference(target);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        var factor = new Vector<float>(scale);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var wide = Vector512.Create(scale);
            for (; i <= target.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                (Vector512.LoadUnsafe(ref t, (nuint)i) - wide * Vector512.LoadUnsafe(ref g, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
        }
        for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var value = Vector.LoadUnsafe(ref t, (nuint)i) - factor * Vector.LoadUnsafe(ref g, (nuint)i);
            value.StoreUnsafe(ref t, (nuint)i);
        }
        for (; i < target.Length; i++) Unsafe.Add(ref t, i) -= scale * Unsafe.Add(ref g, i);
    }

    /// <summary><c>destination[i] = left[i] - right[i]</c> for the length of <paramref name="left"/>.</summary>
    public static void Subtract(ReadOnlySpan<float> left, ReadOnlySpan<float> right, Span<float> destination)
    {
        ShapeGuard.Length(right.Length, left.Length, nameof(right));
        if (destination.Length < left.Length)
            throw new ArgumentException($"{nameof(destination)} must hold at least {left.Length} floats, but its length is {destination.Length}.", nameof(destination));
        ref float l = ref MemoryMarshal.GetReference(left), r = ref MemoryMarshal.GetReference(right), d = ref MemoryMarshal.GetReference(destination);
        int i = 0, n = left.Length;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                (Vector512.LoadUnsafe(ref l, (nuint)i) - Vector512.LoadUnsafe(ref r, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            (Vector.LoadUnsafe(ref l, (nuint)i) - Vector.LoadUnsafe(ref r, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref l, i) - Unsafe.Add(ref r, i);
    }

    /// <summary><c>target[i] += values[i]</c> for the length of <paramref name="target"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(Span<float> target, ReadOnlySpan<float> values)
    {
        ShapeGuard.Length(values.Length, target.Length, nameof(values));
        ref float t = ref MemoryMarshal.GetReference(target), v = ref MemoryMarshal.GetReference(values);
        int i = 0, n = target.Length;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                (Vector512.LoadUnsafe(ref t, (nuint)i) + Vector512.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            (Vector.LoadUnsafe(ref t, (nuint)i) + Vector.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref t, i) += Unsafe.Add(ref v, i);
    }

    /// <summary>Whether every value is finite: no NaN and no infinity.</summary>
    public static bool AllFinite(ReadOnlySpan<float> values)
    {
        // v - v is 0 where v is finite and NaN where it is infinite or NaN; a NaN stays in the sum.
        var sum = Vector<float>.Zero;
        int i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var v = new Vector<float>(values[i..]);
            sum += v - v;
        }
        if (!Vector.EqualsAll(sum, Vector<float>.Zero)) return false;
        for (; i < values.Length; i++) if (!float.IsFinite(values[i])) return false;
        return true;
    }

    /// <summary><c>values[i] *= factor</c>.</summary>
    public static void Scale(Span<float> values, float factor)
    {
        var f = new Vector<float>(factor);
        int i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(values[i..]) * f).CopyTo(values[i..]);
        for (; i < values.Length; i++) values[i] *= factor;
    }

    /// <summary>One block of a parallel <see cref="SubtractScaled"/>; buffers: target, gradient; Examples is the length.</summary>
    readonly struct SubtractScaledBlock : IWorkKernel
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            var start = item * ParallelBlock;
            var length = Math.Min(ParallelBlock, args.Examples - start);
            SubtractScaledSerial(
                MemoryMarshal.CreateSpan(ref Unsafe.Add(ref args.Buffer(0), start), length),
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref args.Buffer(1), start), length),
                args.Scale);
        }
    }
}
