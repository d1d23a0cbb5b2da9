using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels.Simd;

/// <summary>8 floats in one AVX register.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Simd256 : ISimd<Simd256>
{
    readonly Vector256<float> value;

    Simd256(Vector256<float> value) => this.value = value;

    /// <inheritdoc/>
    public static int Count => Vector256<float>.Count;

    /// <inheritdoc/>
    public static int Registers => 16;

    /// <inheritdoc/>
    public static Simd256 Zero => default;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Broadcast(float value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Load(ref float source) => new(Vector256.LoadUnsafe(ref source));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd256 value, ref float destination) => value.value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Add(Simd256 left, Simd256 right) => new(left.value + right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Subtract(Simd256 left, Simd256 right) => new(left.value - right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Multiply(Simd256 left, Simd256 right) => new(left.value * right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Divide(Simd256 left, Simd256 right) => new(left.value / right.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 MultiplyAdd(Simd256 left, Simd256 right, Simd256 addend) => new(Vector256.FusedMultiplyAdd(left.value, right.value, addend.value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Max(Simd256 left, Simd256 right) => new(Vector256.Max(left.value, right.value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 ReLU(Simd256 value) => new(Vector256.MaxNative(Vector256<float>.Zero, value.value) + Vector256<float>.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Exp(Simd256 value) => new(Vector256.Exp(value.value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 WherePositive(Simd256 condition, Simd256 value) =>
        new(Vector256.ConditionalSelect(Vector256.GreaterThan(condition.value, Vector256<float>.Zero), value.value, Vector256<float>.Zero));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Simd256 value) => Vector256.Sum(value.value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 PairSums(Simd256 left, Simd256 right)
    {
        if (Avx2.IsSupported)
        {
            // [l01, l23, r01, r23, l45, l67, r45, r67], its middle pairs of lanes swapped.
            Vector256<float> sums = Avx.HorizontalAdd(left.value, right.value);
            return new(Avx2.Permute4x64(sums.AsDouble(), 0b11_01_10_00).AsSingle());
        }
        Vector256<int> even = Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6), odd = even + Vector256<int>.One;
        return new(Vector256.Create(Half(left.value, even, odd), Half(right.value, even, odd)));

        static Vector128<float> Half(Vector256<float> v, Vector256<int> even, Vector256<int> odd) =>
            (Vector256.Shuffle(v, even) + Vector256.Shuffle(v, odd)).GetLower();
    }
}
