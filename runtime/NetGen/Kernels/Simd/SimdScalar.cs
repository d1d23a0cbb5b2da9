using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels.Simd;

/// <summary>One float: the fallback where no vector width is accelerated, and the same kernels run lane by lane.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SimdScalar : ISimd<SimdScalar>
{
    readonly float value;

    SimdScalar(float value) => this.value = value;

    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    public static int Registers => 16;

    /// <inheritdoc/>
    public static SimdScalar Zero => default;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Broadcast(float value) => new(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Load(ref float source) => new(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(SimdScalar value, ref float destination) => destination = value.value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Add(SimdScalar left, SimdScalar right) => new(left.value + right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Subtract(SimdScalar left, SimdScalar right) => new(left.value - right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Multiply(SimdScalar left, SimdScalar right) => new(left.value * right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Divide(SimdScalar left, SimdScalar right) => new(left.value / right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar MultiplyAdd(SimdScalar left, SimdScalar right, SimdScalar addend) =>
        // Without the FMA instruction MathF.FusedMultiplyAdd runs in software, hundreds of times slower: round twice instead.
        new(Fma.IsSupported ? MathF.FusedMultiplyAdd(left.value, right.value, addend.value) : left.value * right.value + addend.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Max(SimdScalar left, SimdScalar right) => new(MathF.Max(left.value, right.value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar ReLU(SimdScalar value) => new(MathF.Max(value.value, 0f));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Exp(SimdScalar value) => new(MathF.Exp(value.value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar WherePositive(SimdScalar condition, SimdScalar value) => new(condition.value > 0f ? value.value : 0f);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(SimdScalar value) => value.value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar PairSums(SimdScalar left, SimdScalar right) => left;
}
