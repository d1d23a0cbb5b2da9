using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// The natural logarithm of positive doubles (the cost's logarithms of outputs of at least <see cref="float.Epsilon"/>),
/// inlined where .NET's vector logarithm is a call that spills every vector register of its caller's loop (a loop of
/// dependent calls took 30-70 ns each). x = 2^k m with m in [sqrt(2)/2, sqrt(2)) (k from the exponent bits, shifted by m's
/// midpoint), f = m - 1 (exact), s = f / (2 + f), log m = 2 atanh(s) = f - (f^2/2 - s (f^2/2 + R)) with
/// R = 2 s^2/3 + 2 s^4/5 + ... + 2 s^18/19 (|s| &lt; 0.172: the first term left out is below 1e-17 relatively), and
/// k ln 2 added in two parts. Accurate to about an ulp of double. NaN gives NaN, +infinity gives +infinity; zero,
/// negative and subnormal arguments are not handled (the callers pass none). The same operations in the same order
/// at every width, so every width and the scalar twin give the same bits.
/// </summary>
internal static class DoubleLog
{
    const ulong MidpointBits = 0x3FE6A09E667F3BCD; // sqrt(2) / 2
    const double Shifter = 6755399441055744.0; // 1.5 * 2^52: an integer n below 2^51 in size added to its bits gives Shifter + n
    const long ShifterBits = 0x4338000000000000;
    const double Ln2High = 0.6931471803691238, Ln2Low = 1.9082149292705877e-10; // ln 2 = high + low, k x high exact
    const double C3 = 2.0 / 3, C5 = 2.0 / 5, C7 = 2.0 / 7, C9 = 2.0 / 9, C11 = 2.0 / 11, C13 = 2.0 / 13, C15 = 2.0 / 15,
        C17 = 2.0 / 17, C19 = 2.0 / 19;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        var shifted = x.AsInt64() - Vector512.Create((long)MidpointBits);
        var exponent = Vector512.ShiftRightArithmetic(shifted, 52);
        var m = (x.AsInt64() - Vector512.ShiftLeft(exponent, 52)).AsDouble();
        var k = (exponent + Vector512.Create(ShifterBits)).AsDouble() - Vector512.Create(Shifter);
        var f = m - Vector512<double>.One;
        var s = f / (Vector512.Create(2.0) + f);
        var z = s * s;
        var r = Vector512.FusedMultiplyAdd(Vector512.Create(C19), z, Vector512.Create(C17));
        r = Vector512.FusedMultiplyAdd(r, z, Vector512.Create(C15));
        r = Vector512.FusedMultiplyAdd(r, z, Vector512.Create(C13));
        r = Vector512.FusedMultiplyAdd(r, z, Vector512.Create(C11));
        r = Vector512.FusedMultiplyAdd(r, z, Vector512.Create(C9));
        r = Vector512.FusedMultiplyAdd(r, z, Vector512.Create(C7));
        r = Vector512.FusedMultiplyAdd(r, z, Vector512.Create(C5));
        r = Vector512.FusedMultiplyAdd(r, z, Vector512.Create(C3));
        r *= z;
        var halfSquare = Vector512.Create(0.5) * f * f;
        var low = Vector512.FusedMultiplyAdd(k, Vector512.Create(Ln2Low), s * (halfSquare + r));
        var result = Vector512.FusedMultiplyAdd(k, Vector512.Create(Ln2High), f - (halfSquare - low));
        // NaN and +infinity come out as themselves: the bits above would read them as finite numbers.
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(double.PositiveInfinity)), result, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        var shifted = x.AsInt64() - Vector256.Create((long)MidpointBits);
        var exponent = Vector256.ShiftRightArithmetic(shifted, 52);
        var m = (x.AsInt64() - Vector256.ShiftLeft(exponent, 52)).AsDouble();
        var k = (exponent + Vector256.Create(ShifterBits)).AsDouble() - Vector256.Create(Shifter);
        var f = m - Vector256<double>.One;
        var s = f / (Vector256.Create(2.0) + f);
        var z = s * s;
        var r = Vector256.FusedMultiplyAdd(Vector256.Create(C19), z, Vector256.Create(C17));
        r = Vector256.FusedMultiplyAdd(r, z, Vector256.Create(C15));
        r = Vector256.FusedMultiplyAdd(r, z, Vector256.Create(C13));
        r = Vector256.FusedMultiplyAdd(r, z, Vector256.Create(C11));
        r = Vector256.FusedMultiplyAdd(r, z, Vector256.Create(C9));
        r = Vector256.FusedMultiplyAdd(r, z, Vector256.Create(C7));
        r = Vector256.FusedMultiplyAdd(r, z, Vector256.Create(C5));
        r = Vector256.FusedMultiplyAdd(r, z, Vector256.Create(C3));
        r *= z;
        var halfSquare = Vector256.Create(0.5) * f * f;
        var low = Vector256.FusedMultiplyAdd(k, Vector256.Create(Ln2Low), s * (halfSquare + r));
        var result = Vector256.FusedMultiplyAdd(k, Vector256.Create(Ln2High), f - (halfSquare - low));
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(double.PositiveInfinity)), result, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Log(Vector128<double> x)
    {
        var shifted = x.AsInt64() - Vector128.Create((long)MidpointBits);
        var exponent = Vector128.ShiftRightArithmetic(shifted, 52);
        var m = (x.AsInt64() - Vector128.ShiftLeft(exponent, 52)).AsDouble();
        var k = (exponent + Vector128.Create(ShifterBits)).AsDouble() - Vector128.Create(Shifter);
        var f = m - Vector128<double>.One;
        var s = f / (Vector128.Create(2.0) + f);
        var z = s * s;
        var r = Vector128.FusedMultiplyAdd(Vector128.Create(C19), z, Vector128.Create(C17));
        r = Vector128.FusedMultiplyAdd(r, z, Vector128.Create(C15));
        r = Vector128.FusedMultiplyAdd(r, z, Vector128.Create(C13));
        r = Vector128.FusedMultiplyAdd(r, z, Vector128.Create(C11));
        r = Vector128.FusedMultiplyAdd(r, z, Vector128.Create(C9));
        r = Vector128.FusedMultiplyAdd(r, z, Vector128.Create(C7));
        r = Vector128.FusedMultiplyAdd(r, z, Vector128.Create(C5));
        r = Vector128.FusedMultiplyAdd(r, z, Vector128.Create(C3));
        r *= z;
        var halfSquare = Vector128.Create(0.5) * f * f;
        var low = Vector128.FusedMultiplyAdd(k, Vector128.Create(Ln2Low), s * (halfSquare + r));
        var result = Vector128.FusedMultiplyAdd(k, Vector128.Create(Ln2High), f - (halfSquare - low));
        return Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(double.PositiveInfinity)), result, x);
    }

    /// <summary>The scalar twin: a lane of the vector versions, bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x) => Log(Vector128.CreateScalarUnsafe(x)).ToScalar();
}
