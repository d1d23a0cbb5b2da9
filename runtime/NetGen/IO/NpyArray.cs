using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

#if NET
namespace NetGen.IO;
#else
namespace NetGen.Generator.Shared.IO; // Compiled into the generator too (to check Weights files); its own namespace there.
#endif

/// <summary>
/// An n-dimensional array as a .npy file holds it: a dtype, a shape and the elements in C (row-major) order.
/// Immutable: the factories copy their input and the <c>To...Array</c> methods return fresh copies.
/// </summary>
public sealed class NpyArray
{
    readonly Array _elements;

    internal NpyArray(NpyDType dtype, int[] shape, Array elements)
    {
        DType = dtype;
        Shape = Array.AsReadOnly(shape);
        ElementCount = elements.LongLength;
        _elements = elements;
    }

    /// <summary>The element type.</summary>
    public NpyDType DType { get; }

    /// <summary>The dimensions, outermost first; empty for a 0-d (scalar) array.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of elements: the product of <see cref="Shape"/> (1 for a 0-d array).</summary>
    public long ElementCount { get; }

    /// <summary>The shape as Python prints it, e.g. <c>(2, 3)</c>, <c>(5,)</c> or <c>()</c>.</summary>
    public string ShapeText => NpyShape.Format(Shape);

    /// <summary>The elements in this machine's byte order, for the writer.</summary>
    internal ReadOnlySpan<byte> ElementBytes => BytesOf(_elements);

    /// <summary>A float32 array of <paramref name="shape"/> holding a copy of <paramref name="data"/> in C order.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape's product is not <c>data.Length</c>.</exception>
    public static NpyArray FromSingles(float[] data, params int[] shape) => Create(NpyDType.Float32, data, shape);

    /// <summary>A float64 array of <paramref name="shape"/> holding a copy of <paramref name="data"/> in C order.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape's product is not <c>data.Length</c>.</exception>
    public static NpyArray FromDoubles(double[] data, params int[] shape) => Create(NpyDType.Float64, data, shape);

    /// <summary>A uint8 array of <paramref name="shape"/> holding a copy of <paramref name="data"/> in C order.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape's product is not <c>data.Length</c>.</exception>
    public static NpyArray FromBytes(byte[] data, params int[] shape) => Create(NpyDType.UInt8, data, shape);

    /// <summary>An int64 array of <paramref name="shape"/> holding a copy of <paramref name="data"/> in C order.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape's product is not <c>data.Length</c>.</exception>
    public static NpyArray FromInt64s(long[] data, params int[] shape) => Create(NpyDType.Int64, data, shape);

    /// <summary>The elements as float32, converted from any dtype (float64 and int64 round to nearest).</summary>
    public float[] ToSingleArray()
    {
        var result = new float[_elements.LongLength];
        CopyTo(result);
        return result;
    }

    /// <summary>The elements as float64, converted from any dtype (int64 beyond 2**53 rounds to nearest).</summary>
    public double[] ToDoubleArray()
    {
        var result = new double[_elements.LongLength];
        CopyTo(result);
        return result;
    }

    /// <summary>The elements of a uint8 array.</summary>
    /// <exception cref="InvalidOperationException">The array is not uint8.</exception>
    public byte[] ToByteArray() => _elements is byte[] values
        ? (byte[])values.Clone()
        : throw WrongType("ToByteArray", "uint8");

    /// <summary>The elements of an int64 or uint8 array as int64.</summary>
    /// <exception cref="InvalidOperationException">The array is a floating-point array.</exception>
    public long[] ToInt64Array() => _elements switch
    {
        long[] values => (long[])values.Clone(),
        byte[] values => Array.ConvertAll(values, value => (long)value),
        _ => throw WrongType("ToInt64Array", "int64 or uint8"),
    };

    /// <summary>Converts the elements to float32 into <paramref name="destination"/>, in C order.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not hold exactly <see cref="ElementCount"/> elements.</exception>
    public void CopyTo(Span<float> destination)
    {
        CheckDestination(destination.Length);
        switch (_elements)
        {
            case float[] values: values.CopyTo(destination); break;
            case double[] values: for (var i = 0; i < values.Length; i++) destination[i] = (float)values[i]; break;
            case byte[] values: for (var i = 0; i < values.Length; i++) destination[i] = values[i]; break;
            case long[] values: for (var i = 0; i < values.Length; i++) destination[i] = values[i]; break;
        }
    }

    /// <summary>Converts the elements to float64 into <paramref name="destination"/>, in C order.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not hold exactly <see cref="ElementCount"/> elements.</exception>
    public void CopyTo(Span<double> destination)
    {
        CheckDestination(destination.Length);
        switch (_elements)
        {
            case float[] values: for (var i = 0; i < values.Length; i++) destination[i] = values[i]; break;
            case double[] values: values.CopyTo(destination); break;
            case byte[] values: for (var i = 0; i < values.Length; i++) destination[i] = values[i]; break;
            case long[] values: for (var i = 0; i < values.Length; i++) destination[i] = values[i]; break;
        }
    }

    /// <summary>Zeroed storage for <paramref name="count"/> elements of <paramref name="dtype"/>.</summary>
    internal static Array Allocate(NpyDType dtype, int count) => dtype switch
    {
        NpyDType.Float32 => new float[count],
        NpyDType.Float64 => new double[count],
        NpyDType.UInt8 => new byte[count],
        NpyDType.Int64 => new long[count],
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a dtype NetGen knows."),
    };

    /// <summary>The bytes of storage made by <see cref="Allocate"/>, for the reader to fill.</summary>
    internal static Span<byte> BytesOf(Array elements) => elements switch
    {
        float[] values => MemoryMarshal.AsBytes(values.AsSpan()),
        double[] values => MemoryMarshal.AsBytes(values.AsSpan()),
        byte[] values => values,
        long[] values => MemoryMarshal.AsBytes(values.AsSpan()),
        _ => throw new InvalidOperationException("Unreachable: unknown element storage."),
    };

    static NpyArray Create<T>(NpyDType dtype, T[] data, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length > NpyShape.MaxDimensions)
            throw new ArgumentException($"An array may have at most {NpyShape.MaxDimensions} dimensions; the shape given has {shape.Length}.", nameof(shape));
        var count = NpyShape.ElementCount(shape, Array.MaxLength);
        if (count < 0)
            throw new ArgumentException($"Shape {NpyShape.Format(shape)} has a negative dimension or more elements than an array can hold.", nameof(shape));
        if (count != data.Length)
            throw new ArgumentException($"Shape {NpyShape.Format(shape)} holds {count} elements but the data has {data.Length}.", nameof(data));
        return new NpyArray(dtype, (int[])shape.Clone(), (T[])data.Clone());
    }

    void CheckDestination(int length)
    {
        if (length != ElementCount)
            throw new ArgumentException($"The destination must hold the {ElementCount} elements of this {ShapeText} array; it has {length}.", "destination");
    }

    InvalidOperationException WrongType(string method, string needed) =>
        new($"{method} needs a {needed} array; this {ShapeText} array is {NpyDescr.Name(DType)}.");
}
