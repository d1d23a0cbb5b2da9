using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

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
        counts.AsSpan().Clear();
        for (var e = 0; e < m; e++)
        {
            var row = dz.Slice(e * units, units);
            for (var j = 0; j < units; j++) if (row[j] != 0f) counts[j]++;
        }
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
            var list = examples.AsSpan(t * Capacity, m);
            var packed = values.AsSpan(first * Capacity, width * m);
            var length = 0;
            for (var e = 0; e < m; e++)
            {
                var row = dz.Slice(e * units, units);
                var active = false;
                for (var u = 0; u < width; u++) active |= row[order[first + u]] != 0f;
                if (!active) continue;
                list[length] = e;
                for (var u = 0; u < width; u++) packed[length * width + u] = row[order[first + u]];
                length++;
            }
            lengths[t] = length;
        }
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
