using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels.Dense;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Lanes;

/// <summary>
/// The kernels of a small or mid-size layer whose activations ride one example per vector lane (the blocked layout of
/// <see cref="ExampleLanes"/>): forward, weight and bias gradients and the gradient of the layer below, plus a scalar
/// forward for one example. Written once, generic over the layer's <typeparamref name="TShape"/>, its
/// <typeparamref name="TActivation"/> and the vector width, so the JIT compiles one copy per layer and width with every
/// size a constant. Each is a register-blocked micro-kernel: a tile of units (or inputs) times a vector of examples
/// lives in registers while a loop over the inputs (or units) broadcasts the weights. Each tile is its own method,
/// optimised from its first call: inlined, its several sizes would exceed the JIT's inlining budget and run
/// unoptimised (tier 0) for a training loop's first hundreds of steps.
/// <para>
/// The order of every sum is fixed, whatever the tiling, width or batch: unit j's Z is <c>b + w0 a0 + w1 a1 + ...</c> in
/// input order with the product and the sum rounded separately (<see cref="ForwardOne"/> does the same, so a batch and
/// one example give the same bits); dW and db add examples lane by lane in order, fused, and sum the lanes at the end;
/// dA of input k is <c>d0 w0k</c> then fused adds of <c>dj wjk</c> in unit order.
/// </para>
/// </summary>
/// <typeparam name="TShape">The layer's sizes.</typeparam>
/// <typeparam name="TActivation">The layer's activation (for a softmax layer, <see cref="Linear"/>; the caller normalises the rows).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class LaneLayer<TShape, TActivation>
    where TShape : struct, IDenseShape
    where TActivation : struct, IDenseActivation
{
    const int Block = ExampleLanes.Block;

    static int In
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Inputs;
    }

    static int Out
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Outputs;
    }

    /// <summary>Checks a span's length; the message is built out of line so every kernel's checks inline to a compare and a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Require(int length, long needed, string name)
    {
        if (length < needed) TooShort(length, needed, name);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    static void TooShort(int length, long needed, string name) =>
        throw new ArgumentException($"{name} holds {length} floats; this layer ({In} -> {Out}) needs {needed}.", name);

    /// <summary>
    /// Z and A of the first <paramref name="m"/> examples: A = activation(W input + b). <paramref name="input"/> and
    /// <paramref name="output"/> are each blocked (<see cref="ExampleLanes"/>) or sample-major, as the flags say.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> output, int m,
        bool inputBlocked, bool outputBlocked)
    {
        if (m <= 0) return;
        var args = ForwardArgs(input, weights, biases, output, m, inputBlocked, outputBlocked);
        SimdDispatch.Run<ForwardKernel, LaneArgs>(ref args);
    }

    /// <summary><see cref="Forward"/> at the width <typeparamref name="TSimd"/> (tests run every width on any machine).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Forward<TSimd>(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> output, int m,
        bool inputBlocked, bool outputBlocked) where TSimd : struct, ISimd<TSimd>
    {
        if (m <= 0) return;
        var args = ForwardArgs(input, weights, biases, output, m, inputBlocked, outputBlocked);
        ForwardKernel.Run<TSimd>(ref args);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static LaneArgs ForwardArgs(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> output, int m,
        bool inputBlocked, bool outputBlocked)
    {
        Require(input.Length, inputBlocked ? ExampleLanes.Length(m, In) : (long)m * In, nameof(input));
        Require(weights.Length, (long)In * Out, nameof(weights));
        Require(biases.Length, Out, nameof(biases));
        Require(output.Length, outputBlocked ? ExampleLanes.Length(m, Out) : (long)m * Out, nameof(output));
        return new LaneArgs
        {
            Input = input, Weights = weights, Biases = biases, Output = output, Examples = m,
            InputBlocked = inputBlocked, OutputBlocked = outputBlocked,
        };
    }

    /// <summary>
    /// One example, sample-major in and out: each unit's sum in the batch kernels' order, 16 units across vector lanes
    /// (<see cref="OneLanes{TSimd}"/>) or, for a small layer or without vectors, in scalar code eight units at a time so
    /// their chains of adds overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardOne(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> output)
    {
        RequireOne(input, weights, biases, output);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float a = ref MemoryMarshal.GetReference(output);
        if (OneInLanes) OneLanes(ref x, ref w, ref b, ref a);
        else OneTiles(ref x, ref w, ref b, ref a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void RequireOne(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> output)
    {
        Require(input.Length, In, nameof(input));
        Require(weights.Length, (long)In * Out, nameof(weights));
        Require(biases.Length, Out, nameof(biases));
        Require(output.Length, Out, nameof(output));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void OneTiles(ref float x, ref float w, ref float b, ref float a)
    {
        int j = 0;
        for (; j + 8 <= Out; j += 8) OneTile<Tile8>(ref x, ref w, ref b, ref a, j);
        if ((Out & 4) != 0) { OneTile<Tile4>(ref x, ref w, ref b, ref a, j); j += 4; }
        if ((Out & 2) != 0) { OneTile<Tile2>(ref x, ref w, ref b, ref a, j); j += 2; }
        if ((Out & 1) != 0) OneTile<Tile1>(ref x, ref w, ref b, ref a, j);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void OneTile<TTile>(ref float x, ref float w, ref float b, ref float a, int j0) where TTile : struct, ILaneTile
    {
        int rows = TTile.Rows;
        ref float wj = ref Unsafe.Add(ref w, j0 * In);
        ref float bj = ref Unsafe.Add(ref b, j0);
        float s0 = bj, s1 = rows > 1 ? Unsafe.Add(ref bj, 1) : 0f, s2 = rows > 2 ? Unsafe.Add(ref bj, 2) : 0f, s3 = rows > 3 ? Unsafe.Add(ref bj, 3) : 0f;
        float s4 = rows > 4 ? Unsafe.Add(ref bj, 4) : 0f, s5 = rows > 5 ? Unsafe.Add(ref bj, 5) : 0f, s6 = rows > 6 ? Unsafe.Add(ref bj, 6) : 0f, s7 = rows > 7 ? Unsafe.Add(ref bj, 7) : 0f;
        for (int k = 0; k < In; k++)
        {
            float xk = Unsafe.Add(ref x, k);
            ref float wk = ref Unsafe.Add(ref wj, k);
            s0 += wk * xk;
            if (rows > 1) s1 += Unsafe.Add(ref wk, In) * xk;
            if (rows > 2) s2 += Unsafe.Add(ref wk, 2 * In) * xk;
            if (rows > 3) s3 += Unsafe.Add(ref wk, 3 * In) * xk;
            if (rows > 4) s4 += Unsafe.Add(ref wk, 4 * In) * xk;
            if (rows > 5) s5 += Unsafe.Add(ref wk, 5 * In) * xk;
            if (rows > 6) s6 += Unsafe.Add(ref wk, 6 * In) * xk;
            if (rows > 7) s7 += Unsafe.Add(ref wk, 7 * In) * xk;
        }
        ref float aj = ref Unsafe.Add(ref a, j0);
        aj = LaneActivation.Apply<TActivation>(s0);
        if (rows > 1) Unsafe.Add(ref aj, 1) = LaneActivation.Apply<TActivation>(s1);
        if (rows > 2) Unsafe.Add(ref aj, 2) = LaneActivation.Apply<TActivation>(s2);
        if (rows > 3) Unsafe.Add(ref aj, 3) = LaneActivation.Apply<TActivation>(s3);
        if (rows > 4) Unsafe.Add(ref aj, 4) = LaneActivation.Apply<TActivation>(s4);
        if (rows > 5) Unsafe.Add(ref aj, 5) = LaneActivation.Apply<TActivation>(s5);
        if (rows > 6) Unsafe.Add(ref aj, 6) = LaneActivation.Apply<TActivation>(s6);
        if (rows > 7) Unsafe.Add(ref aj, 7) = LaneActivation.Apply<TActivation>(s7);
    }

    readonly struct ForwardKernel : ISimdKernel<LaneArgs>
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run<TSimd>(scoped ref LaneArgs args) where TSimd : struct, ISimd<TSimd>
        {
            if (Tiny)
            {
                TinyForward<TSimd>(ref args);
                return;
            }
            int m = args.Examples;
            bool inputBlocked = args.InputBlocked, outputBlocked = args.OutputBlocked;
            Span<float> gathered = inputBlocked ? default : stackalloc float[Block * In];
            Span<float> scattered = outputBlocked ? default : stackalloc float[Block * Out];
            ref float w = ref MemoryMarshal.GetReference(args.Weights);
            ref float b = ref MemoryMarshal.GetReference(args.Biases);
            int firstBlock = Grouped<TSimd>(outputBlocked) ? ForwardGroups<TSimd>(ref args) : 0;
            for (int block = firstBlock; block < ExampleLanes.Blocks(m); block++)
            {
                if (!inputBlocked) ExampleLanes.Gather(args.Input, In, block, m, gathered);
                ref float a = ref inputBlocked
                    ? ref Unsafe.Add(ref MemoryMarshal.GetReference(args.Input), block * Block * In)
                    : ref MemoryMarshal.GetReference(gathered);
                ref float z = ref outputBlocked
                    ? ref Unsafe.Add(ref MemoryMarshal.GetReference(args.Output), block * Block * Out)
                    : ref MemoryMarshal.GetReference(scattered);
                for (int s = 0; s < Block; s += TSimd.Count)
                {
                    ref float lane = ref Unsafe.Add(ref a, s);
                    ref float target = ref Unsafe.Add(ref z, s);
                    int j = 0;
                    for (; j + 8 <= Out; j += 8) ForwardTile<TSimd, Tile8>(ref lane, ref w, ref b, ref target, j);
                    if ((Out & 4) != 0) { ForwardTile<TSimd, Tile4>(ref lane, ref w, ref b, ref target, j); j += 4; }
                    if ((Out & 2) != 0) { ForwardTile<TSimd, Tile2>(ref lane, ref w, ref b, ref target, j); j += 2; }
                    if ((Out & 1) != 0) ForwardTile<TSimd, Tile1>(ref lane, ref w, ref b, ref target, j);
                }
                if (!outputBlocked) ExampleLanes.Scatter(scattered, Out, block, m, args.Output);
            }
        }
    }

    /// <summary><see cref="ForwardVector"/> as a method of its own, optimised from its first call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ForwardTile<TSimd, TTile>(ref float a, ref float w, ref float b, ref float z, int j0)
        where TSimd : struct, ISimd<TSimd>
        where TTile : struct, ILaneTile =>
        ForwardVector<TSimd, TTile>(ref a, ref w, ref b, ref z, j0);

    /// <summary>Units j0 .. j0 + rows of one vector of examples: the sums stay in registers over the whole loop of inputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void ForwardVector<TSimd, TTile>(ref float a, ref float w, ref float b, ref float z, int j0)
        where TSimd : struct, ISimd<TSimd>
        where TTile : struct, ILaneTile
    {
        int rows = TTile.Rows;
        ref float wj = ref Unsafe.Add(ref w, j0 * In);
        ref float bj = ref Unsafe.Add(ref b, j0);
        TSimd s0 = TSimd.Broadcast(bj);
        TSimd s1 = rows > 1 ? TSimd.Broadcast(Unsafe.Add(ref bj, 1)) : TSimd.Zero;
        TSimd s2 = rows > 2 ? TSimd.Broadcast(Unsafe.Add(ref bj, 2)) : TSimd.Zero;
        TSimd s3 = rows > 3 ? TSimd.Broadcast(Unsafe.Add(ref bj, 3)) : TSimd.Zero;
        TSimd s4 = rows > 4 ? TSimd.Broadcast(Unsafe.Add(ref bj, 4)) : TSimd.Zero;
        TSimd s5 = rows > 5 ? TSimd.Broadcast(Unsafe.Add(ref bj, 5)) : TSimd.Zero;
        TSimd s6 = rows > 6 ? TSimd.Broadcast(Unsafe.Add(ref bj, 6)) : TSimd.Zero;
        TSimd s7 = rows > 7 ? TSimd.Broadcast(Unsafe.Add(ref bj, 7)) : TSimd.Zero;
        for (int k = 0; k < In; k++)
        {
            TSimd ak = TSimd.Load(ref Unsafe.Add(ref a, k * Block));
            ref float wk = ref Unsafe.Add(ref wj, k);
            s0 = ExampleLanes.AddProduct(s0, wk, ak);
            if (rows > 1) s1 = ExampleLanes.AddProduct(s1, Unsafe.Add(ref wk, In), ak);
            if (rows > 2) s2 = ExampleLanes.AddProduct(s2, Unsafe.Add(ref wk, 2 * In), ak);
            if (rows > 3) s3 = ExampleLanes.AddProduct(s3, Unsafe.Add(ref wk, 3 * In), ak);
            if (rows > 4) s4 = ExampleLanes.AddProduct(s4, Unsafe.Add(ref wk, 4 * In), ak);
            if (rows > 5) s5 = ExampleLanes.AddProduct(s5, Unsafe.Add(ref wk, 5 * In), ak);
            if (rows > 6) s6 = ExampleLanes.AddProduct(s6, Unsafe.Add(ref wk, 6 * In), ak);
            if (rows > 7) s7 = ExampleLanes.AddProduct(s7, Unsafe.Add(ref wk, 7 * In), ak);
        }
        ref float zj = ref Unsafe.Add(ref z, j0 * Block);
        TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(s0), ref zj);
        if (rows > 1) TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(s1), ref Unsafe.Add(ref zj, Block));
        if (rows > 2) TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(s2), ref Unsafe.Add(ref zj, 2 * Block));
        if (rows > 3) TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(s3), ref Unsafe.Add(ref zj, 3 * Block));
        if (rows > 4) TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(s4), ref Unsafe.Add(ref zj, 4 * Block));
        if (rows > 5) TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(s5), ref Unsafe.Add(ref zj, 5 * Block));
        if (rows > 6) TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(s6), ref Unsafe.Add(ref zj, 6 * Block));
        if (rows > 7) TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(s7), ref Unsafe.Add(ref zj, 7 * Block));
    }
}
