using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels.Lanes;

/// <summary>
/// e^z for float z, computed in double and rounded once by the caller: z is clamped to [-200, 200] (beyond, the float
/// result is 0 or infinity either way; NaN stays NaN: the processor's max and min, with the bound first, return the
/// second operand where it is NaN), split as z = n ln 2 + r with |r| &lt;= ln 2 / 2 (n by the
/// round-to-nearest of adding 1.5 * 2^52, r by two fused multiply-adds with ln 2 in two parts), e^r by its Taylor
/// polynomial to degree 13 (truncation below 1e-17) in fused multiply-adds, times 2^n built in the exponent bits.
/// Accurate to about an ulp of double, so the float it rounds to is the nearest but when e^z lies within that of a
/// midpoint between two floats. .NET's double vector exponential runs element by element on this runtime, 20 times
/// slower. The same operations in the same order at every width, so every lane of every width, and the scalar twin,
/// give the same bits: the three bodies below are one algorithm written for three vector types.
/// </summary>
internal static class LaneExp
{
    const double Limit = 200, Log2E = 1.4426950408889634, Shifter = 6755399441055744.0; // 1.5 * 2^52
    const double Ln2High = 0.6931471803691238, Ln2Low = 1.9082149292705877e-10;
    const double C2 = 1.0 / 2, C3 = 1.0 / 6, C4 = 1.0 / 24, C5 = 1.0 / 120, C6 = 1.0 / 720, C7 = 1.0 / 5040,
        C8 = 1.0 / 40320, C9 = 1.0 / 362880, C10 = 1.0 / 3628800, C11 = 1.0 / 39916800, C12 = 1.0 / 479001600,
        C13 = 1.0 / 6227020800;
    const ulong OneBits = 0x3FF0000000000000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> z)
    {
        z = Vector512.MinNative(Vector512.Create(Limit), Vector512.MaxNative(Vector512.Create(-Limit), z));
        var shifted = Vector512.FusedMultiplyAdd(z, Vector512.Create(Log2E), Vector512.Create(Shifter));
        var n = shifted - Vector512.Create(Shifter);
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), z);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(C13), r, Vector512.Create(C12));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C11));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C10));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C9));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C8));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C7));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0));
        var scale = (Vector512.ShiftLeft(shifted.AsUInt64(), 52) + Vector512.Create(OneBits)).AsDouble();
        return p * scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> z)
    {
        z = Vector256.MinNative(Vector256.Create(Limit), Vector256.MaxNative(Vector256.Create(-Limit), z));
        var shifted = Vector256.FusedMultiplyAdd(z, Vector256.Create(Log2E), Vector256.Create(Shifter));
        var n = shifted - Vector256.Create(Shifter);
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), z);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(C13), r, Vector256.Create(C12));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C11));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C10));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C9));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C8));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C7));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0));
        var scale = (Vector256.ShiftLeft(shifted.AsUInt64(), 52) + Vector256.Create(OneBits)).AsDouble();
        return p * scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Exp(Vector128<double> z)
    {
        z = Vector128.MinNative(Vector128.Create(Limit), Vector128.MaxNative(Vector128.Create(-Limit), z));
        var shifted = Vector128.FusedMultiplyAdd(z, Vector128.Create(Log2E), Vector128.Create(Shifter));
        var n = shifted - Vector128.Create(Shifter);
        var r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2High), z);
        r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Low), r);
        var p = Vector128.FusedMultiplyAdd(Vector128.Create(C13), r, Vector128.Create(C12));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C11));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C10));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C9));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C8));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C7));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C6));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C5));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C4));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C3));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C2));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(1.0));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(1.0));
        var scale = (Vector128.ShiftLeft(shifted.AsUInt64(), 52) + Vector128.Create(OneBits)).AsDouble();
        return p * scale;
    }
}
