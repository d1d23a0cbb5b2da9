using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels.Dense;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Lanes;

/// <summary>
/// The forward pass and the layer below's dZ of a tiny layer (at most <see cref="TinySize"/> inputs and units, such as the
/// moons' 2 -> 10 -> 5 -> 1): there a tile's work per vector of examples is a few dozen instructions, so calling a tile
/// method per block and vector (as mid-size layers do) costs as much as the arithmetic. Here a tile method loops over a
/// chunk of blocks with the vector's code inlined, so a layer pass makes one or two calls per chunk: full tiles of 8 rows
/// and one tile of the remaining rows (<see cref="OutputRest"/>, <see cref="InputRest"/>), never more than two shapes,
/// well within the JIT's inlining budget. Every sum is computed as in the other path, so the bits are the same.
/// </summary>
public static partial class LaneLayer<TShape, TActivation>
{
    /// <summary>The largest input and unit count of a tiny layer.</summary>
    const int TinySize = 16;

    /// <summary>Blocks per chunk (256 examples): a gathered chunk of the widest tiny layer is 16 KiB, on the stack.</summary>
    const int TinyChunk = 16;

    static bool Tiny
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => In <= TinySize && Out <= TinySize;
    }

    /// <summary>The units past the last full tile of 8.</summary>
    readonly struct OutputRest : ILaneTile
    {
        public static int Rows => Out % 8;
    }

    /// <summary>The inputs past the last full tile of 8.</summary>
    readonly struct InputRest : ILaneTile
    {
        public static int Rows => In % 8;
    }

    /// <summary>The forward pass of a tiny layer, a chunk of blocks at a time: gathered, every tile over the chunk, scattered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    static void TinyForward<TSimd>(scoped ref LaneArgs args) where TSimd : struct, ISimd<TSimd>
    {
        int m = args.Examples, blocks = ExampleLanes.Blocks(m);
        bool inputBlocked = args.InputBlocked, outputBlocked = args.OutputBlocked;
        // Gather clears the lanes past m; the scattered chunk is written whole before it is read.
        Span<float> gathered = inputBlocked ? default : stackalloc float[TinyChunk * Block * In];
        Span<float> scattered = outputBlocked ? default : stackalloc float[TinyChunk * Block * Out];
        ref float w = ref MemoryMarshal.GetReference(args.Weights);
        ref float b = ref MemoryMarshal.GetReference(args.Biases);
        for (int first = 0; first < blocks; first += TinyChunk)
        {
            int count = Math.Min(TinyChunk, blocks - first);
            if (!inputBlocked)
                for (int block = 0; block < count; block++)
                    ExampleLanes.Gather(args.Input, In, first + block, m, gathered.Slice(block * Block * In, Block * In));
            ref float a = ref inputBlocked
                ? ref Unsafe.Add(ref MemoryMarshal.GetReference(args.Input), first * Block * In)
                : ref MemoryMarshal.GetReference(gathered);
            ref float output = ref Unsafe.Add(ref MemoryMarshal.GetReference(args.Output), first * Block * Out);
            // A single output's whole blocks are the same floats sample-major as blocked: written in place, not scattered.
            int inPlace = outputBlocked ? count : Out == 1 ? Math.Min(count, m / Block - first) : 0;
            if (inPlace > 0) TinyForwardTiles<TSimd>(ref a, ref w, ref b, ref output, inPlace);
            if (inPlace == count) continue;
            TinyForwardTiles<TSimd>(ref Unsafe.Add(ref a, inPlace * Block * In), ref w, ref b, ref MemoryMarshal.GetReference(scattered), count - inPlace);
            for (int block = inPlace; block < count; block++)
                ExampleLanes.Scatter(scattered.Slice((block - inPlace) * Block * Out, Block * Out), Out, first + block, m, args.Output);
        }
    }

    /// <summary>Every unit of <paramref name="count"/> blocks: full tiles of 8, then the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void TinyForwardTiles<TSimd>(ref float a, ref float w, ref float b, ref float z, int count) where TSimd : struct, ISimd<TSimd>
    {
        int j = 0;
        for (; j + 8 <= Out; j += 8) TinyForwardTile<TSimd, Tile8>(ref a, ref w, ref b, ref z, j, count);
        if (OutputRest.Rows != 0) TinyForwardTile<TSimd, OutputRest>(ref a, ref w, ref b, ref z, j, count);
    }

    /// <summary>Units j0 .. j0 + rows of <paramref name="count"/> blocks, vector by vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void TinyForwardTile<TSimd, TTile>(ref float a, ref float w, ref float b, ref float z, int j0, int count)
        where TSimd : struct, ISimd<TSimd>
        where TTile : struct, ILaneTile
    {
        for (int block = 0; block < count; block++)
        {
            ref float ab = ref Unsafe.Add(ref a, block * Block * In);
            ref float zb = ref Unsafe.Add(ref z, block * Block * Out);
            for (int s = 0; s < Block; s += TSimd.Count)
                ForwardVector<TSimd, TTile>(ref Unsafe.Add(ref ab, s), ref w, ref b, ref Unsafe.Add(ref zb, s), j0);
        }
    }

    /// <summary>The layer below's dZ for a chunk of blocks of a tiny layer whose input (and so dZ below) is blocked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void TinyBelow<TSimd, TInputActivation>(scoped ref LaneArgs args, ref float a, ref float d, int first, int count)
        where TSimd : struct, ISimd<TSimd>
        where TInputActivation : struct, IDenseActivation
    {
        ref float w = ref MemoryMarshal.GetReference(args.Weights);
        ref float g = ref Unsafe.Add(ref MemoryMarshal.GetReference(args.DzPrevious), first * Block * In);
        int k = 0;
        for (; k + 8 <= In; k += 8) TinyBelowTile<TSimd, TInputActivation, Tile8>(ref a, ref d, ref w, ref g, k, count);
        if (InputRest.Rows != 0) TinyBelowTile<TSimd, TInputActivation, InputRest>(ref a, ref d, ref w, ref g, k, count);
    }

    /// <summary>dZ below of inputs k0 .. k0 + rows for <paramref name="count"/> blocks, vector by vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void TinyBelowTile<TSimd, TInputActivation, TTile>(ref float a, ref float d, ref float w, ref float g, int k0, int count)
        where TSimd : struct, ISimd<TSimd>
        where TInputActivation : struct, IDenseActivation
        where TTile : struct, ILaneTile
    {
        for (int block = 0; block < count; block++)
        {
            ref float ab = ref Unsafe.Add(ref a, block * Block * In);
            ref float db = ref Unsafe.Add(ref d, block * Block * Out);
            ref float gb = ref Unsafe.Add(ref g, block * Block * In);
            for (int s = 0; s < Block; s += TSimd.Count)
                BackwardKernel<TInputActivation>.BelowVector<TSimd, TTile>(
                    ref Unsafe.Add(ref ab, s), ref Unsafe.Add(ref db, s), ref w, ref Unsafe.Add(ref gb, s), k0);
        }
    }
}
