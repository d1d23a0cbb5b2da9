using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

#if NET
namespace NetGen.IO;
#else
namespace NetGen.Generator.Shared.IO; // Compiled into the generator too (to check Weights files); its own namespace there.
#endif

/// <summary>Brings elements read from a file into this machine's byte order and C (row-major) order.</summary>
internal static class NpyElementOrder
{
    /// <summary>Reverses the bytes of every element of <paramref name="elements"/> in place.</summary>
    public static void SwapBytes(Array elements)
    {
        switch (elements)
        {
            case float[] values: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, uint>(values.AsSpan()), MemoryMarshal.Cast<float, uint>(values.AsSpan())); break;
            case double[] values: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<double, ulong>(values.AsSpan()), MemoryMarshal.Cast<double, ulong>(values.AsSpan())); break;
            case long[] values: BinaryPrimitives.ReverseEndianness(values, values); break;
            case byte[]: break;
            default: throw new InvalidOperationException("Unreachable: unknown element storage.");
        }
    }

    /// <summary>
    /// The elements of a Fortran-order (first index fastest) array of <paramref name="shape"/>, rearranged
    /// into C order (last index fastest) so that element (i0, ..., ik) has the same value in both.
    /// </summary>
    public static Array FortranToC(Array elements, int[] shape) => elements switch
    {
        float[] values => FortranToC(values, shape),
        double[] values => FortranToC(values, shape),
        byte[] values => FortranToC(values, shape),
        long[] values => FortranToC(values, shape),
        _ => throw new InvalidOperationException("Unreachable: unknown element storage."),
    };

    static T[] FortranToC<T>(T[] fortran, int[] shape)
    {
        if (shape.Length < 2 || fortran.Length == 0) return fortran;

        // Walk C order with an odometer over the indices while tracking the Fortran offset incrementally.
        var fortranStrides = new long[shape.Length];
        long stride = 1;
        for (var axis = 0; axis < shape.Length; axis++)
        {
            fortranStrides[axis] = stride;
            stride *= shape[axis];
        }

        var result = new T[fortran.Length];
        var index = new int[shape.Length];
        long offset = 0;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = fortran[offset];
            for (var axis = shape.Length - 1; axis >= 0; axis--)
            {
                if (++index[axis] < shape[axis])
                {
                    offset += fortranStrides[axis];
                    break;
                }
                offset -= fortranStrides[axis] * (shape[axis] - 1);
                index[axis] = 0;
            }
        }
        return result;
    }
}
