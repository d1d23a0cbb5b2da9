using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Numerics;

/// <summary>
/// numpy's legacy global generator (<c>np.random.seed</c>, <c>np.random.rand</c>, <c>np.random.randn</c>,
/// <c>np.random.permutation</c>),
/// reproduced bit for bit: MT19937 seeded with <c>init_genrand</c>, 53-bit doubles from two 32-bit draws,
/// and the polar Box-Muller method that keeps its second value for the next call.
/// </summary>
/// <remarks>
/// <c>np.random.seed(s); np.random.randn(a, b)</c> equals <c>a * b</c> calls of <see cref="NextGaussian"/> on
/// <c>new NumpyRandom(s)</c>, row by row. The cached Gaussian survives between calls, as in numpy, so
/// <c>randn(3)</c> followed by <c>randn(2)</c> gives the same numbers as <c>randn(5)</c>.
/// Not thread-safe: one instance per thread.
/// </remarks>
public sealed class NumpyRandom
{
    const int StateLength = 624;
    const int ShiftPosition = 397;
    const uint MatrixA = 0x9908B0DFu;
    const uint UpperMask = 0x80000000u;
    const uint LowerMask = 0x7FFFFFFFu;

    readonly uint[] _state = new uint[StateLength];
    int _position;
    bool _hasCachedGaussian;
    double _cachedGaussian;

    /// <summary>Seeds the generator exactly as <c>np.random.seed(seed)</c> does for an integer seed.</summary>
    /// <param name="seed">Any value numpy accepts as an integer seed: 0 to 2**32 - 1.</param>
    public NumpyRandom(uint seed) => Seed(seed);

    /// <summary>Reseeds this generator as <c>np.random.seed(seed)</c> does, forgetting any cached Gaussian; allocates nothing.</summary>
    /// <param name="seed">Any value numpy accepts as an integer seed: 0 to 2**32 - 1.</param>
    public void Seed(uint seed)
    {
        // numpy's legacy seeding of an int is Matsumoto and Nishimura's init_genrand.
        _state[0] = seed;
        for (var i = 1; i < StateLength; i++)
        {
            var previous = _state[i - 1];
            _state[i] = unchecked(1812433253u * (previous ^ (previous >> 30)) + (uint)i);
        }
        _position = StateLength;
        _hasCachedGaussian = false;
    }

    /// <summary>
    /// Seeds <c>generators[k]</c> as <c>np.random.seed(firstSeed + k)</c> (the sum wrapping at 2**32) does, as <see cref="Seed"/>
    /// would one at a time, but faster: seeding is a chain of 624 dependent multiplies, and here a vector's worth of seeds
    /// run side by side, one per lane. Allocates nothing.
    /// </summary>
    /// <param name="generators">The generators to reseed, none of them twice.</param>
    /// <param name="firstSeed">The seed of <c>generators[0]</c>.</param>
    public static void SeedConsecutive(ReadOnlySpan<NumpyRandom> generators, uint firstSeed)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
            for (; k + Vector<uint>.Count <= generators.Length; k += Vector<uint>.Count)
                SeedLanes(generators.Slice(k, Vector<uint>.Count), unchecked(firstSeed + (uint)k));
        for (; k < generators.Length; k++) generators[k].Seed(unchecked(firstSeed + (uint)k));
    }

    /// <summary><see cref="Seed"/> of one generator per lane of a vector, with seeds firstSeed, firstSeed + 1, ...</summary>
    static void SeedLanes(ReadOnlySpan<NumpyRandom> generators, uint firstSeed)
    {
        Span<uint> lanes = stackalloc uint[Vector<uint>.Count];
        for (var k = 0; k < lanes.Length; k++) lanes[k] = unchecked(firstSeed + (uint)k);
        var word = new Vector<uint>(lanes);
        var multiplier = new Vector<uint>(1812433253u);
        for (var i = 0; ; i++)
        {
            for (var k = 0; k < lanes.Length; k++) generators[k]._state[i] = lanes[k];
            if (i + 1 == StateLength) break;
            // init_genrand, as in Seed.
            word = multiplier * (word ^ Vector.ShiftRightLogical(word, 30)) + new Vector<uint>((uint)(i + 1));
            word.CopyTo(lanes);
        }
        foreach (var generator in generators)
        {
            generator._position = StateLength;
            generator._hasCachedGaussian = false;
        }
    }

    /// <summary>The next raw 32-bit output of MT19937 (numpy's <c>random_integers</c> building block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (_position == StateLength) Regenerate();
        return Temper(_state[_position++]);
    }

    /// <summary>MT19937's output function of one state word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static uint Temper(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits: numpy's <c>random_sample</c> / <c>rand</c> element.</summary>
    public double NextDouble()
    {
        // 27 high bits of the first draw and 26 of the second, as numpy's random_standard_uniform does.
        var high = NextUInt32() >> 5;
        var low = NextUInt32() >> 6;
        return (high * 67108864.0 + low) / 9007199254740992.0;
    }

    /// <summary>A standard normal draw: numpy's legacy <c>standard_normal</c> / <c>randn</c> element.</summary>
    public double NextGaussian()
    {
        if (_hasCachedGaussian)
        {
            _hasCachedGaussian = false;
            return _cachedGaussian;
        }

        double x1, x2, radiusSquared;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            radiusSquared = x1 * x1 + x2 * x2;
        }
        while (radiusSquared >= 1.0 || radiusSquared == 0.0);

        // Same operation order as numpy's legacy_gauss, so every rounding matches.
        var factor = Math.Sqrt(-2.0 * Math.Log(radiusSquared) / radiusSquared);
        _cachedGaussian = factor * x1;
        _hasCachedGaussian = true;
        return factor * x2;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> in order with <c>(float)(NextGaussian() * scale)</c>: numpy's
    /// <c>(np.random.randn(...) * scale).astype(np.float32)</c>, computed in double and rounded once.
    /// </summary>
    /// <param name="destination">The elements to fill, in numpy's C (row-major) order.</param>
    /// <param name="scale">The factor each double-precision draw is multiplied by before rounding.</param>
    public void FillGaussian(Span<float> destination, double scale)
    {
        for (var i = 0; i < destination.Length; i++)
            destination[i] = (float)(NextGaussian() * scale);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="max"/>]: numpy's legacy <c>random_interval</c>, masked rejection
    /// sampling (draw, keep the bits below max's highest bit, retry while above max) on 32-bit draws.
    /// </summary>
    public uint NextInterval(uint max)
    {
        if (max == 0) return 0;
        var mask = MaskOf(max);
        uint value;
        while ((value = NextUInt32() & mask) > max) { }
        return value;
    }

    /// <summary>
    /// Writes numpy's legacy <c>np.random.permutation(len(destination))</c> into <paramref name="destination"/>:
    /// 0..n-1, then the Fisher-Yates shuffle of <c>RandomState.shuffle</c>, from the last element down, swapping
    /// element i with a <see cref="NextInterval"/>(i) draw.
    /// </summary>
    public void Permutation(Span<int> destination)
    {
        for (var i = 0; i < destination.Length; i++) destination[i] = i;
        // Mini-batch training shuffles every epoch, so this is NextInterval's rejection without its branch, which the
        // processor cannot predict: one draw per pass, and a rejected draw swaps element i with itself and keeps i.
        // The element swapped is at most i, inside the span, so the swap needs no bounds checks.
        // The draws are NextUInt32's, read from a local position (kept below StateLength, so unchecked) rather than the field.
        ref int first = ref MemoryMarshal.GetReference(destination);
        ref uint words = ref MemoryMarshal.GetArrayDataReference(_state);
        int position = destination.Length - 1, word = _position;
        while (position >= 1)
        {
            // The mask is the same down to the next power of two, so within it each pass depends on the last only
            // through a compare and a subtract.
            uint mask = MaskOf((uint)position);
            int lowest = (int)(mask >> 1) + 1;
            while (position >= lowest)
            {
                if (word == StateLength)
                {
                    Regenerate();
                    word = 0;
                }
                uint value = Temper(Unsafe.Add(ref words, word++)) & mask;
                int accepted = value <= (uint)position ? 1 : 0, j = position + (((int)value - position) & -accepted);
                ref int a = ref Unsafe.Add(ref first, position), b = ref Unsafe.Add(ref first, j);
                (a, b) = (b, a);
                position -= accepted;
            }
        }
        _position = word;
    }

    /// <summary>The rejection sampling's mask: <paramref name="max"/> (above 0) with every lower bit set.</summary>
    static uint MaskOf(uint max) => uint.MaxValue >> BitOperations.LeadingZeroCount(max);

    /// <summary>MT19937's next 624 words, a vector of words at a time where their inputs are already known.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    void Regenerate()
    {
        var state = _state;
        int i = 0;
        // Word i reads words i and i + 1 (old) and i + 397 (old below 227, new from there: written 227 words before,
        // so a vector of up to 227 words never reads a word it writes).
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<uint>.Count <= StateLength - ShiftPosition; i += Vector<uint>.Count)
                Twist(state, i, i + ShiftPosition);
            for (; i < StateLength - ShiftPosition; i++) TwistOne(state, i, i + ShiftPosition);
            for (; i + Vector<uint>.Count <= StateLength - 1; i += Vector<uint>.Count)
                Twist(state, i, i + (ShiftPosition - StateLength));
        }
        for (; i < StateLength - ShiftPosition; i++) TwistOne(state, i, i + ShiftPosition);
        for (; i < StateLength - 1; i++) TwistOne(state, i, i + (ShiftPosition - StateLength));
        var last = (state[StateLength - 1] & UpperMask) | (state[0] & LowerMask);
        state[StateLength - 1] = state[ShiftPosition - 1] ^ (last >> 1) ^ ((last & 1u) * MatrixA);
        _position = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void TwistOne(uint[] state, int i, int shifted)
    {
        var y = (state[i] & UpperMask) | (state[i + 1] & LowerMask);
        state[i] = state[shifted] ^ (y >> 1) ^ ((y & 1u) * MatrixA);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Twist(uint[] state, int i, int shifted)
    {
        var y = (new Vector<uint>(state, i) & new Vector<uint>(UpperMask)) | (new Vector<uint>(state, i + 1) & new Vector<uint>(LowerMask));
        var odd = y & Vector<uint>.One;
        (new Vector<uint>(state, shifted) ^ Vector.ShiftRightLogical(y, 1) ^ (odd * new Vector<uint>(MatrixA))).CopyTo(state, i);
    }
}
