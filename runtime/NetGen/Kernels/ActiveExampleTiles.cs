using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// Which examples each tile of units needs in a layer's dW = dZ^T A / m. Behind a ReLU many dZ entries are exactly 0,
/// and an example whose dZ is 0 for every unit of a tile adds nothing to that tile's sums. Units are grouped by how
/// often their dZ is not 0, so that the rarely active ones share tiles and skip the most; each tile keeps the list of
/// examples it needs, in order, with their dZ values side by side. Skipping an exact 0 term leaves every sum as it
/// was (up to the sign of a zero sum), so the gradients do not change. Sized once for a batch capacity; building it
/// allocates nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ActiveExampleTiles
{
    readonly int units;
    readonly int tileUnits;
    readonly int[] order;
    readonly int[] counts;
    readonly int[] starts;
    readonly int[] examples;
    readonly float[] values;
    readonly int[] lengths;
    float[]? trainBatch;
    (nint Address, int Examples, int Width) trainBatchSource;

    /// <summary>Room for batches of up to <paramref name="capacity"/> examples of a layer with <paramref name="units"/> units.</summary>
    /// <param name="capacity">The most examples a batch has.</param>
    /// <param name="units">The layer's units (dZ's row length).</param>
    /// <param name="tileUnits">Units per tile; the last <c>units % tileUnits</c> units each form a tile of one.</param>
    public ActiveExampleTiles(int capacity, int units, int tileUnits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileUnits);
        this.units = units;
        this.tileUnits = tileUnits;
        FullTiles = units / tileUnits;
        TileCount = FullTiles + units % tileUnits;
        order = new int[units];
        counts = new int[units];
        starts = new int[capacity + 2];
        examples = new int[checked(TileCount * capacity)];
        values = new float[checked(units * capacity)];
        lengths = new int[TileCount];
        Capacity = capacity;
    }

    /// <summary>The most examples a batch may have.</summary>
    public int Capacity { get; }

    /// <summary>Tiles of <c>tileUnits</c> units; the rest are tiles of one unit.</summary>
    public int FullTiles { get; }

    /// <summary>All tiles.</summary>
    public int TileCount { get; }

    /// <summary>
    /// Groups the units and lists each tile's examples for <paramref name="m"/> examples of <paramref name="dz"/>
    /// (sample-major, <c>dz[e * units + j]</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Build(ReadOnlySpan<float> dz, int m)
    {
        if (m < 0 || m > Capacity) throw new ArgumentOutOfRangeException(nameof(m), m, $"The batch must have 0 to {Capacity} examples.");
        if (dz.Length < m * units)
            throw new ArgumentException($"dz must hold at least {m * units} floats ({m} examples of {units} units), but its length is {dz.Length}.", nameof(dz));
        ref float z = ref MemoryMarshal.GetReference(dz);
        CountActive(ref z, m);
        // Most active first, ties in unit order, so the grouping depends on the data only. A counting sort: a count is
        // 0 to m, so this is linear in units + m (a comparison sort of a million units with one example was quadratic).
        var buckets = starts.AsSpan(0, m + 2);
        buckets.Clear();
        for (var j = 0; j < units; j++) buckets[m - counts[j] + 1]++;
        for (var c = 1; c < buckets.Length; c++) buckets[c] += buckets[c - 1];
        for (var j = 0; j < units; j++) order[buckets[m - counts[j]]++] = j;
        for (var t = 0; t < TileCount; t++)
        {
            var (first, width) = Span(t);
            lengths[t] = width == 4 && tileUnits == 4 ? ListTile4(ref z, m, first, t) : ListTile(ref z, m, first, width, t);
        }
    }

    /// <summary>
    /// counts[j] = the examples whose dZ for unit j is not 0, reading dZ row by row. Without branches: behind a ReLU a
    /// dZ entry is 0 about half the time, at random, so a branch on it mispredicts that often (with branches, building
    /// the cat layer's tiles took 9.9 us of the 15 us its training pass spends before going parallel; now 4.5). Counts
    /// the zeros, a vector of units at a time (a lane of an equality mask is -1), then subtracts them from m.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void CountActive(ref float dz, int m)
    {
        counts.AsSpan().Clear();
        ref int zeros = ref MemoryMarshal.GetArrayDataReference(counts);
        int c = Vector<float>.Count, vectorUnits = units - units % c;
        for (var e = 0; e < m; e++)
        {
            ref float row = ref Unsafe.Add(ref dz, (nint)e * units);
            var j = 0;
            for (; j < vectorUnits; j += c)
            {
                ref int slot = ref Unsafe.Add(ref zeros, j);
                (Vector.LoadUnsafe(ref slot) + Vector.Equals(Vector.LoadUnsafe(ref Unsafe.Add(ref row, j)), Vector<float>.Zero)).StoreUnsafe(ref slot);
            }
            for (; j < units; j++) Unsafe.Add(ref zeros, j) -= Unsafe.Add(ref row, j) == 0f ? 1 : 0;
        }
        for (var j = 0; j < units; j++) Unsafe.Add(ref zeros, j) += m;
    }

    /// <summary>Lists tile <paramref name="tile"/>'s examples and packs their dZ; returns how many. Branch-free: every example is written, and kept by counting it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int ListTile(ref float dz, int m, int first, int width, int tile)
    {
        ref int list = ref examples[tile * Capacity];
        ref float packed = ref values[first * Capacity];
        ref int unit = ref order[first];
        var length = 0;
        for (var e = 0; e < m; e++)
        {
            ref float row = ref Unsafe.Add(ref dz, (nint)e * units);
            var active = false;
            for (var u = 0; u < width; u++)
            {
                var value = Unsafe.Add(ref row, Unsafe.Add(ref unit, u));
                active |= value != 0f;
                Unsafe.Add(ref packed, length * width + u) = value;
            }
            Unsafe.Add(ref list, length) = e;
            length += active ? 1 : 0;
        }
        return length;
    }

    /// <summary><see cref="ListTile"/> for a tile of 4 units, with their columns of dZ in registers (the cat layer's whole build 6.7 -> 4.5 us).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int ListTile4(ref float dz, int m, int first, int tile)
    {
        ref int list = ref examples[tile * Capacity];
        ref float packed = ref values[first * Capacity];
        int u0 = order[first], u1 = order[first + 1], u2 = order[first + 2], u3 = order[first + 3];
        var length = 0;
        for (var e = 0; e < m; e++)
        {
            ref float row = ref Unsafe.Add(ref dz, (nint)e * units);
            float v0 = Unsafe.Add(ref row, u0), v1 = Unsafe.Add(ref row, u1), v2 = Unsafe.Add(ref row, u2), v3 = Unsafe.Add(ref row, u3);
            ref float slot = ref Unsafe.Add(ref packed, length * 4);
            slot = v0;
            Unsafe.Add(ref slot, 1) = v1;
            Unsafe.Add(ref slot, 2) = v2;
            Unsafe.Add(ref slot, 3) = v3;
            Unsafe.Add(ref list, length) = e;
            length += (v0 != 0f) | (v1 != 0f) | (v2 != 0f) | (v3 != 0f) ? 1 : 0;
        }
        return length;
    }

    /// <summary>The units of tile <paramref name="tile"/>, in the order its values are stored.</summary>
    public ReadOnlySpan<int> Units(int tile)
    {
        var (first, width) = Span(tile);
        return order.AsSpan(first, width);
    }

    /// <summary>The examples tile <paramref name="tile"/> needs, in increasing order.</summary>
    public ReadOnlySpan<int> Examples(int tile) => examples.AsSpan(tile * Capacity, lengths[tile]);

    /// <summary>Those examples' dZ for the tile's units: <c>Units(tile).Length</c> floats per example, in <see cref="Units"/> order.</summary>
    public ReadOnlySpan<float> Values(int tile)
    {
        var (first, width) = Span(tile);
        return values.AsSpan(first * Capacity, width * lengths[tile]);
    }

    /// <summary>Where tile <paramref name="tile"/>'s examples from <paramref name="first"/> up to (not including) <paramref name="end"/> start in its lists, and how many there are.</summary>
    public (int Start, int Count) Range(int tile, int first, int end)
    {
        var list = Examples(tile);
        var start = Lower(list, first);
        return (start, Lower(list, end) - start);

        static int Lower(ReadOnlySpan<int> list, int value)
        {
            var index = list.BinarySearch(value);
            return index >= 0 ? index : ~index;
        }
    }

    /// <summary>
    /// The fused training pass's copy of its batch (<c>DenseLayer.TrainFirst</c>, which lays it out): allocated at the
    /// first call, <paramref name="length"/> floats (about the batch's size; again if a call needs more), and kept with
    /// these tiles, which a training loop makes once for its constant batch.
    /// </summary>
    internal float[] TrainBatch(int length)
    {
        if (trainBatch is null || trainBatch.Length < length)
        {
            trainBatch = GC.AllocateUninitializedArray<float>(length);
            trainBatchSource = default;
        }
        return trainBatch;
    }

    /// <summary>Whether <see cref="TrainBatch"/> holds the batch of <paramref name="examples"/> examples at <paramref name="address"/>, laid out for vectors of <paramref name="width"/> floats.</summary>
    internal bool HoldsTrainBatch(nint address, int examples, int width) => trainBatchSource == (address, examples, width);

    /// <summary>Records that <see cref="TrainBatch"/> now holds that batch.</summary>
    internal void HoldTrainBatch(nint address, int examples, int width) => trainBatchSource = (address, examples, width);

    (int First, int Width) Span(int tile)
    {
        if ((uint)tile >= (uint)TileCount) throw new ArgumentOutOfRangeException(nameof(tile), tile, $"Tiles are numbered 0 to {TileCount - 1}.");
        return tile < FullTiles ? (tile * tileUnits, tileUnits) : (FullTiles * tileUnits + tile - FullTiles, 1);
    }
}
