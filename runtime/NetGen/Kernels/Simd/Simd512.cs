using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels.Simd;

/// <summary>16 floats in one AVX-512 register.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Simd512 : ISimd<Simd512>
{
    readonly Vector512<float> value;

    Simd512(Vector512<float> value) => this.value = value;

    /// <inheritdoc/>
    public static int Count => Vector512<float>.Count;

    /// <inheritdoc/>
    public static int Registers => 32;

    /// <inheritdoc/>
    public static Simd512 Zero => default;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Broadcast(float value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Load(ref float source) => new(Vector512.LoadUnsafe(ref source));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd512 value, ref float destination) => value.value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Add(Simd512 left, Simd512 right) => new(left.value + right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Subtract(Simd512 left, Simd512 right) => new(left.value - right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Multiply(Simd512 left, Simd512 right) => new(left.value * right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Divide(Simd512 left, Simd512 right) => new(left.value / right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 MultiplyAdd(Simd512 left, Simd512 right, Simd512 addend) => new(Vector512.FusedMultiplyAdd(left.value, right.value, addend.value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Max(Simd512 left, Simd512 right) => new(Vector512.Max(left.value, right.value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 ReLU(Simd512 value) => new(Vector512.MaxNative(Vector512<float>.Zero, value.value) + Vector512<float>.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Exp(Simd512 value) => new(Vector512.Exp(value.value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 WherePositive(Simd512 condition, Simd512 value) =>
        new(Vector512.ConditionalSelect(Vector512.GreaterThan(condition.value, Vector512<float>.Zero), value.value, Vector512<float>.Zero));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Simd512 value) => Vector512.Sum(value.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 PairSums(Simd512 left, Simd512 right)
    {
        Vector512<int> even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), odd = even + Vector512<int>.One;
        if (Avx512F.IsSupported)
            return new(Avx512F.PermuteVar16x32x2(left.value, even, right.value) + Avx512F.PermuteVar16x32x2(left.value, odd, right.value));
        return new(Vector512.Create(Half(left.value, even, odd), Half(right.value, even, odd)));

        static Vector256<float> Half(Vector512<float> v, Vector512<int> even, Vector512<int> odd) =>
            (Vector512.Shuffle(v, even) + Vector512.Shuffle(v, odd)).GetLower();
    }
}
