using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// Per-thread memory for the kernels, allocated when a thread first needs that much and reused by every later call on
/// the same thread, so warm calls allocate nothing and threads never share it: one aligned scratch for a job's packed
/// tiles (<see cref="ForCurrentThread"/>), and a few arrays a caller holds while it runs jobs (<see cref="Rent"/>).
/// Unlike ArrayPool's, these are never dropped when the GC reports memory pressure (the shared pool then empties
/// every thread's cache, and the next call allocates again).
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

    const int HeldSlots = 8;

    [ThreadStatic]
    static float[]?[]? held;

    /// <summary>
    /// An array of at least <paramref name="minimumLength"/> floats that this thread keeps for its caller until
    /// <see cref="Return"/> (contents left from earlier use): the smallest of the thread's free arrays that is long
    /// enough, else a new one.
    /// </summary>
    /// <param name="minimumLength">0 or more floats.</param>
    public static float[] Rent(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        var slots = held ??= new float[]?[HeldSlots];
        int best = -1;
        for (int i = 0; i < slots.Length; i++)
            if (slots[i] is { } a && a.Length >= minimumLength && (best < 0 || a.Length < slots[best]!.Length)) best = i;
        if (best < 0) return GC.AllocateUninitializedArray<float>(minimumLength);
        var found = slots[best]!;
        slots[best] = null;
        return found;
    }

    /// <summary>
    /// Gives back an array from <see cref="Rent"/> on this thread: kept in a free slot, or in place of the shortest kept
    /// array when it is longer, so nested callers' arrays settle into the slots and stop being allocated.
    /// </summary>
    public static void Return(float[] array)
    {
        var slots = held ??= new float[]?[HeldSlots];
        int shortest = 0;
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i] is null) { slots[i] = array; return; }
            if (slots[i]!.Length < slots[shortest]!.Length) shortest = i;
        }
        if (slots[shortest]!.Length < array.Length) slots[shortest] = array;
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
