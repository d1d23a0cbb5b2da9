using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// Per-thread scratch memory for the kernels (packed tiles of weights or inputs): 64-byte aligned, allocated when a
/// thread first needs that much and reused by every later call on the same thread, so calls allocate nothing and
/// threads never share it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelScratch
{
    const int AlignmentFloats = 16;

    [ThreadStatic]
    static float[]? array;

    [ThreadStatic]
    static int offset;

    /// <summary>At least <paramref name="length"/> floats of this thread's scratch; contents are left from earlier use.</summary>
    /// <param name="length">0 or more floats.</param>
    public static Span<float> ForCurrentThread(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var current = array;
        if (current is null || current.Length - offset < length) current = Grow(length);
        return current.AsSpan(offset, length);
    }

    static unsafe float[] Grow(int length)
    {
        // Pinned (the pinned object heap never moves it), so the alignment found here holds for its lifetime.
        var grown = GC.AllocateUninitializedArray<float>(checked(Math.Max(length, 16 * 1024) + AlignmentFloats), pinned: true);
        var address = (nuint)Unsafe.AsPointer(ref grown[0]);
        offset = (int)((AlignmentFloats * sizeof(float) - address % (AlignmentFloats * sizeof(float))) % (AlignmentFloats * sizeof(float)) / sizeof(float));
        array = grown;
        return grown;
    }
}
