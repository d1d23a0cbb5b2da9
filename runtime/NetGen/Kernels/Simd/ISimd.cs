using System.ComponentModel;

namespace NetGen.Kernels.Simd;

/// <summary>
/// A vector of floats of one width, as a type a kernel is generic over: a kernel is written once against this
/// interface and the JIT compiles one copy per width (<see cref="Simd512"/>, <see cref="Simd256"/>,
/// <see cref="SimdScalar"/>), with every call inlined, so the copy for a width is the code one would write for it by hand.
/// <see cref="SimdDispatch"/> picks the widest width the machine accelerates.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimd<TSelf> where TSelf : struct, ISimd<TSelf>
{
    /// <summary>Floats per vector: 16, 8 or 1.</summary>
    static abstract int Count { get; }

    /// <summary>The vector registers a kernel of this width can keep values in (32 with AVX-512, 16 with AVX2).</summary>
    static abstract int Registers { get; }

    /// <summary>Every lane 0.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Broadcast(float value);

    /// <summary><see cref="Count"/> floats from <paramref name="source"/> on; no alignment needed.</summary>
    static abstract TSelf Load(ref float source);

    /// <summary>Writes the lanes to <see cref="Count"/> floats from <paramref name="destination"/> on.</summary>
    static abstract void Store(TSelf value, ref float destination);

    /// <summary>left + right, lane by lane.</summary>
    static abstract TSelf Add(TSelf left, TSelf right);

    /// <summary>left - right, lane by lane.</summary>
    static abstract TSelf Subtract(TSelf left, TSelf right);

    /// <summary>left * right, lane by lane.</summary>
    static abstract TSelf Multiply(TSelf left, TSelf right);

    /// <summary>left / right, lane by lane.</summary>
    static abstract TSelf Divide(TSelf left, TSelf right);

    /// <summary><c>left * right + addend</c> with one rounding (a fused multiply-add); the scalar width rounds twice on a CPU without FMA.</summary>
    static abstract TSelf MultiplyAdd(TSelf left, TSelf right, TSelf addend);

    /// <summary>The larger of each pair of lanes.</summary>
    static abstract TSelf Max(TSelf left, TSelf right);

    /// <summary>
    /// max(value, 0) lane by lane, with <see cref="System.MathF.Max(float, float)"/>'s bits (NaN stays NaN, -0 becomes +0): ReLU.
    /// The vector widths take the processor's max with 0 first (it returns the second operand where that is NaN or
    /// both are zeros) plus +0 (which turns -0 into +0): two instructions where <see cref="Max"/>, the IEEE maximum, takes five.
    /// </summary>
    static abstract TSelf ReLU(TSelf value);

    /// <summary>e to the power of each lane.</summary>
    static abstract TSelf Exp(TSelf value);

    /// <summary>Each lane of <paramref name="value"/> where <paramref name="condition"/>'s lane is greater than 0, else 0 (ReLU's derivative applied).</summary>
    static abstract TSelf WherePositive(TSelf condition, TSelf value);

    /// <summary>
    /// The sum of the lanes, in a fixed order: a balanced tree of adjacent pairs, <c>((v0 + v1) + (v2 + v3)) + ...</c> (the
    /// order of the hardware's horizontal sums).
    /// </summary>
    static abstract float Sum(TSelf value);

    /// <summary>
    /// The sums of adjacent lanes, <paramref name="left"/>'s then <paramref name="right"/>'s:
    /// <c>[l0 + l1, l2 + l3, ..., r0 + r1, r2 + r3, ...]</c>; at a width of one lane, <paramref name="left"/> (one lane is
    /// its own sum). log2(<see cref="Count"/>) rounds of it over <see cref="Count"/> vectors leave vector i's
    /// <see cref="Sum"/>, with the same bits, in lane i: many sums for the price of a few.
    /// </summary>
    static abstract TSelf PairSums(TSelf left, TSelf right);
}
