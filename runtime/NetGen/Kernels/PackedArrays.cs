using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// Several arrays laid end to end in one buffer (padded to whole vectors, the padding 0), so an element-wise rule runs
/// as one vector loop over all of them: a small network's parameter arrays (the moons' 10, 5, 10, 2, 2 and 1 floats)
/// would otherwise each end in scalar code, the slow square roots and divisions of Adam among it.
/// </summary>
internal sealed class PackedArrays
{
    readonly int[] offsets;

    /// <summary>The layout of arrays of these lengths, in order.</summary>
    public PackedArrays(float[][] arrays)
    {
        offsets = new int[arrays.Length + 1];
        for (var i = 0; i < arrays.Length; i++) offsets[i + 1] = checked(offsets[i] + arrays[i].Length);
        Length = (offsets[^1] + Vector512<float>.Count - 1) / Vector512<float>.Count * Vector512<float>.Count;
    }

    /// <summary>The floats of a packed buffer: every array's, then the padding.</summary>
    public int Length { get; }

    /// <summary>A packed buffer, all 0.</summary>
    public float[] NewBuffer() => new float[Length];

    /// <summary>Copies every array into its place in <paramref name="packed"/> (the padding is left as it is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Pack(float[][] arrays, float[] packed)
    {
        // The checks compare inline and call ShapeGuard only to throw: its call per array showed in the moons' Adam profile.
        if (packed.Length != Length) ShapeGuard.Length(packed.Length, Length, nameof(packed));
        ref float to = ref MemoryMarshal.GetArrayDataReference(packed);
        for (var i = 0; i < arrays.Length; i++)
        {
            var array = arrays[i];
            int length = offsets[i + 1] - offsets[i];
            if (array.Length != length) ShapeGuard.Length(array.Length, length, nameof(arrays));
            Copy(ref MemoryMarshal.GetArrayDataReference(array), ref Unsafe.Add(ref to, offsets[i]), array.Length);
        }
    }

    /// <summary>Copies every array's place in <paramref name="packed"/> back into it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Unpack(float[] packed, float[][] arrays)
    {
        if (packed.Length != Length) ShapeGuard.Length(packed.Length, Length, nameof(packed));
        ref float from = ref MemoryMarshal.GetArrayDataReference(packed);
        for (var i = 0; i < arrays.Length; i++)
        {
            var array = arrays[i];
            int length = offsets[i + 1] - offsets[i];
            if (array.Length != length) ShapeGuard.Length(array.Length, length, nameof(arrays));
            Copy(ref Unsafe.Add(ref from, offsets[i]), ref MemoryMarshal.GetArrayDataReference(array), array.Length);
        }
    }

    /// <summary>
    /// n floats, the short runs as two overlapping loads and stores of the widest piece that fits (a call to memmove per
    /// array costs more than the copy).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Copy(ref float from, ref float to, int n)
    {
        if (n >= 16)
        {
            MemoryMarshal.CreateReadOnlySpan(ref from, n).CopyTo(MemoryMarshal.CreateSpan(ref to, n));
        }
        else if (n >= 8)
        {
            var (head, tail) = (Vector256.LoadUnsafe(ref from), Vector256.LoadUnsafe(ref from, (nuint)(n - 8)));
            head.StoreUnsafe(ref to);
            tail.StoreUnsafe(ref to, (nuint)(n - 8));
        }
        else if (n >= 4)
        {
            var (head, tail) = (Vector128.LoadUnsafe(ref from), Vector128.LoadUnsafe(ref from, (nuint)(n - 4)));
            head.StoreUnsafe(ref to);
            tail.StoreUnsafe(ref to, (nuint)(n - 4));
        }
        else if (n >= 2)
        {
            long head = Unsafe.ReadUnaligned<long>(ref Unsafe.As<float, byte>(ref from));
            long tail = Unsafe.ReadUnaligned<long>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref from, n - 2)));
            Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref to), head);
            Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref to, n - 2)), tail);
        }
        else if (n == 1)
        {
            to = from;
        }
    }
}
