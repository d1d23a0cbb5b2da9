using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetGen.Training;

namespace NetGen.Kernels;

/// <summary>
/// The course's <c>random_mini_batches</c> for one <c>Train</c> call, without allocating per epoch or step: before
/// epoch e the permutation of <c>np.random.seed(shuffleSeed + e + 1)</c>; <c>np.random.permutation(m)</c>, then batch b
/// gathers examples <c>permutation[b * size ..]</c> (the last batch smaller when size does not divide m) into buffers
/// made once. With size 0 there is one batch, the data itself, in order (course 1). Given the run's epoch count, and when
/// <see cref="ShuffleAhead.IsWorthStarting"/> says so, the permutations are computed ahead on a spare core; dispose the
/// batches (<c>using</c>) to stop that worker.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MiniBatches : IDisposable
{
    readonly int size, examples, inputSize, outputSize;
    readonly int[] permutation;
    readonly float[] inputs, labels;
    // The batch's inputs in the lane kernels' blocked layout (ExampleLanes), when asked for at construction.
    readonly float[] blocked;
    readonly EpochPermutations? permutations;
    // The permutation in use: the one computed here, or the worker's buffer for the epoch.
    int[] current;
    readonly ShuffleAhead? ahead;

    /// <summary>
    /// Batches of <paramref name="size"/> (0: the whole batch) of <paramref name="examples"/> examples, for a run of
    /// <paramref name="epochs"/> epochs taken in order from 0 (0: unknown, every permutation computed when asked for);
    /// with <paramref name="blockedInputs"/>, room for <see cref="BlockedInputs"/>.
    /// </summary>
    public MiniBatches(int size, int shuffleSeed, int examples, int inputSize, int outputSize, int epochs = 0, bool blockedInputs = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfNegative(shuffleSeed);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(examples);
        this.size = size;
        this.examples = examples;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        Capacity = size == 0 ? examples : Math.Min(size, examples);
        Count = size == 0 ? 1 : (examples + size - 1) / size;
        permutation = size == 0 ? [] : new int[examples];
        inputs = size == 0 ? [] : new float[checked(Capacity * inputSize)];
        labels = size == 0 ? [] : new float[checked(Capacity * outputSize)];
        blocked = blockedInputs ? new float[ExampleLanes.Length(Capacity, inputSize)] : [];
        permutations = size == 0 ? null : new EpochPermutations(shuffleSeed, SeededTogether);
        current = permutation;
        if (size != 0 && ShuffleAhead.IsWorthStarting(epochs, examples))
            ahead = new ShuffleAhead(examples, shuffleSeed, epochs, SeededTogether);
    }

    /// <summary>Whether a worker shuffles ahead and has not been stopped.</summary>
    internal bool ShufflesAhead => ahead is { Ended: false };

    /// <summary>Stops the worker shuffling ahead, if any, and waits for its thread to end; later epochs are shuffled here (the current permutation stays).</summary>
    public void Dispose()
    {
        ahead?.Dispose();
    }

    /// <summary>The largest batch: what the caches must hold.</summary>
    public int Capacity { get; }

    /// <summary>Steps per epoch.</summary>
    public int Count { get; }

    /// <summary>The current epoch's order of examples (empty for the whole batch).</summary>
    public ReadOnlySpan<int> Permutation => current;

    /// <summary>Shuffles for epoch <paramref name="epoch"/> (from 0) as the course does; nothing for the whole batch.</summary>
    public void Shuffle(int epoch)
    {
        if (size == 0) return;
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (ahead?.TryTake(epoch) is { } ready)
        {
            current = ready;
            return;
        }
        current = permutation;
        permutations!.Write(epoch, permutation);
    }

    /// <summary>The epochs whose generators are seeded together: a vector of seeds.</summary>
    static int SeededTogether => System.Numerics.Vector<uint>.Count;

    /// <summary>The number of examples in batch <paramref name="batch"/>.</summary>
    public int Size(int batch) => size == 0 ? examples : Math.Min(size, examples - batch * size);

    /// <summary>Batch <paramref name="batch"/>'s inputs, sample-major: gathered from <paramref name="x"/>, or x itself for the whole batch.</summary>
    public ReadOnlySpan<float> Inputs(int batch, ReadOnlySpan<float> x) => Gather(batch, x, inputs, inputSize);

    /// <summary>Batch <paramref name="batch"/>'s labels, in the same order as its inputs.</summary>
    public ReadOnlySpan<float> Labels(int batch, ReadOnlySpan<float> y) => Gather(batch, y, labels, outputSize);

    /// <summary>
    /// Batch <paramref name="batch"/>'s inputs in the lane kernels' blocked layout (<see cref="ExampleLanes"/>, lanes past
    /// the batch 0): each example gathered from <paramref name="x"/> straight into its lanes, one copy where
    /// <see cref="Inputs"/> and the first lane layer's own gathers make two. Needs <c>blockedInputs</c> at construction.
    /// </summary>
    public ReadOnlySpan<float> BlockedInputs(int batch, ReadOnlySpan<float> x)
    {
        int count = Size(batch), width = inputSize, length = ExampleLanes.Length(count, width);
        if (blocked.Length < length)
            throw new InvalidOperationException("These mini-batches were made without blockedInputs: true, so they have no room for blocked inputs.");
        var destination = blocked.AsSpan(0, length);
        if (size == 0)
        {
            ExampleLanes.FromSampleMajor(x, width, count, destination);
            return destination;
        }
        // Every index of the permutation is below examples: one check of the source's length covers every row read.
        ArgumentOutOfRangeException.ThrowIfLessThan(x.Length, examples * width, nameof(x));
        var order = current.AsSpan(batch * size, count);
        ref float from = ref MemoryMarshal.GetReference(x), to = ref MemoryMarshal.GetReference(destination);
        ref int index = ref MemoryMarshal.GetReference(order);
        const int Block = ExampleLanes.Block;
        for (int first = 0; first < count; first += Block)
        {
            int valid = Math.Min(Block, count - first);
            ref float lanes = ref Unsafe.Add(ref to, first * width);
            ref int rows = ref Unsafe.Add(ref index, first);
            if (valid == Block && width == 2 && Avx512F.IsSupported)
            {
                GatherPairs(ref from, ref rows, ref lanes);
                continue;
            }
            if (valid < Block) MemoryMarshal.CreateSpan(ref lanes, Block * width).Clear();
            for (int i = 0; i < valid; i++)
            {
                ref float row = ref Unsafe.Add(ref from, Unsafe.Add(ref rows, i) * width);
                for (int k = 0; k < width; k++) Unsafe.Add(ref lanes, k * Block + i) = Unsafe.Add(ref row, k);
            }
        }
        return destination;
    }

    /// <summary>
    /// A whole block of two-feature examples (the moons' x, y): each example's pair as one 8-byte word, four per hardware
    /// gather, then split into the block's first and second feature by two permutes (as <see cref="ExampleLanes.Gather"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void GatherPairs(ref float from, ref int rows, ref float lanes)
    {
        Vector512<float> first, second;
        fixed (float* source = &from)
        {
            long* pairs = (long*)source;
            first = Vector512.Create(
                Avx2.GatherVector256(pairs, Vector128.LoadUnsafe(ref rows), 8),
                Avx2.GatherVector256(pairs, Vector128.LoadUnsafe(ref rows, 4), 8)).AsSingle();
            second = Vector512.Create(
                Avx2.GatherVector256(pairs, Vector128.LoadUnsafe(ref rows, 8), 8),
                Avx2.GatherVector256(pairs, Vector128.LoadUnsafe(ref rows, 12), 8)).AsSingle();
        }
        Vector512<int> even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        Vector512.StoreUnsafe(Avx512F.PermuteVar16x32x2(first, even, second), ref lanes);
        Vector512.StoreUnsafe(Avx512F.PermuteVar16x32x2(first, even + Vector512<int>.One, second), ref lanes, 16);
    }

    ReadOnlySpan<float> Gather(int batch, ReadOnlySpan<float> source, float[] buffer, int width)
    {
        if (size == 0) return source;
        int start = batch * size, count = Size(batch);
        var order = current.AsSpan(start, count);
        var destination = buffer.AsSpan(0, count * width);
        // Every index of the permutation is below examples: one check of the source's length covers every row read.
        ArgumentOutOfRangeException.ThrowIfLessThan(source.Length, examples * width, nameof(source));
        ref float from = ref MemoryMarshal.GetReference(source), to = ref MemoryMarshal.GetReference(destination);
        ref int index = ref MemoryMarshal.GetReference(order);
        if (width == 1)
        {
            // One label per example: one float per row.
            for (var r = 0; r < order.Length; r++) Unsafe.Add(ref to, r) = Unsafe.Add(ref from, Unsafe.Add(ref index, r));
        }
        else if (width == 2)
        {
            // Two features (the moons' x, y): each row moved as one 8-byte word.
            for (var r = 0; r < order.Length; r++)
                Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref to, 2 * r)),
                    Unsafe.ReadUnaligned<long>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref from, 2 * Unsafe.Add(ref index, r)))));
        }
        else if (width <= 16)
        {
            // Narrow examples: an element loop beats a memmove call per example.
            for (var r = 0; r < order.Length; r++)
            {
                ref float row = ref Unsafe.Add(ref from, Unsafe.Add(ref index, r) * width), copy = ref Unsafe.Add(ref to, r * width);
                for (var k = 0; k < width; k++) Unsafe.Add(ref copy, k) = Unsafe.Add(ref row, k);
            }
        }
        else
        {
            for (var r = 0; r < order.Length; r++)
                source.Slice(order[r] * width, width).CopyTo(destination.Slice(r * width, width));
        }
        return destination;
    }
}
