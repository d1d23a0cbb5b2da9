using System;
using System.Collections.Generic;

namespace NetGen.Data.Hdf5;

/// <summary>
/// One dataset of an <see cref="Hdf5File"/>: its shape, element type and typed reads of all its elements in C
/// (row-major) order. Layout, type and sizes were checked when it was opened, so reads only slice and convert.
/// </summary>
public sealed class Hdf5Dataset
{
    readonly Hdf5FileImage image;
    readonly Hdf5Storage storage;
    readonly byte[]? fillValue;
    readonly long[] shape;

    internal Hdf5Dataset(Hdf5FileImage image, string name, long[] shape, long elementCount, Hdf5ElementType elementType, Hdf5Storage storage, byte[]? fillValue)
    {
        this.image = image;
        this.storage = storage;
        this.fillValue = fillValue;
        this.shape = shape;
        Name = name;
        ElementCount = elementCount;
        ElementType = elementType;
    }

    /// <summary>The dataset's full path in the file, without a leading slash ("train_set_x", "group/sub").</summary>
    public string Name { get; }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape => shape;

    /// <summary>The number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>How each element is stored.</summary>
    public Hdf5ElementType ElementType { get; }

    /// <summary>The elements of an unsigned 8-bit integer dataset (numpy <c>uint8</c>), as stored.</summary>
    /// <exception cref="InvalidOperationException">The dataset is not unsigned 8-bit integers.</exception>
    public byte[] ReadBytes()
    {
        if (ElementType is not { Class: Hdf5TypeClass.Integer, Size: 1, IsSigned: false })
            throw WrongType(nameof(ReadBytes), "unsigned 8-bit integers (|u1)");
        return RawBytes().ToArray();
    }

    /// <summary>The elements of any integer dataset, widened to 64 bits.</summary>
    /// <exception cref="InvalidOperationException">The dataset is not integers.</exception>
    /// <exception cref="OverflowException">An unsigned 64-bit element is larger than <see cref="long.MaxValue"/>.</exception>
    public long[] ReadInt64()
    {
        if (ElementType.Class != Hdf5TypeClass.Integer)
            throw WrongType(nameof(ReadInt64), "integers");
        return Convert(
            static value => value,
            (value, index) => value <= long.MaxValue
                ? (long)value
                : throw new OverflowException($"Element {index} of dataset '{Name}' in '{image.FileName}' is {value}, which does not fit in a long."),
            static value => (long)value);
    }

    /// <summary>The elements of any float or integer dataset, converted to <see cref="float"/> (rounding as a C# cast does).</summary>
    /// <exception cref="InvalidOperationException">The dataset holds strings.</exception>
    public float[] ReadSingle()
    {
        if (ElementType.Class == Hdf5TypeClass.String)
            throw WrongType(nameof(ReadSingle), "numbers");
        return Convert(static value => (float)value, static (value, _) => (float)value, static value => (float)value);
    }

    /// <summary>The elements of any float or integer dataset, converted to <see cref="double"/>.</summary>
    /// <exception cref="InvalidOperationException">The dataset holds strings.</exception>
    public double[] ReadDouble()
    {
        if (ElementType.Class == Hdf5TypeClass.String)
            throw WrongType(nameof(ReadDouble), "numbers");
        return Convert(static value => (double)value, static (value, _) => (double)value, static value => value);
    }

    /// <summary>The elements of a fixed-length string dataset, padding removed as the type declares, decoded as UTF-8.</summary>
    /// <exception cref="InvalidOperationException">The dataset does not hold fixed-length strings.</exception>
    public string[] ReadStrings()
    {
        if (ElementType.Class != Hdf5TypeClass.String)
            throw WrongType(nameof(ReadStrings), "fixed-length strings");
        var raw = RawBytes();
        var size = ElementType.Size;
        var result = new string[ElementCount];
        for (var i = 0; i < result.Length; i++)
            result[i] = Hdf5ElementDecoder.ReadString(raw.Slice(i * size, size), ElementType.StringPadding);
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {ElementType} ({string.Join(", ", shape)})";

    T[] Convert<T>(Func<long, T> fromSigned, Func<ulong, long, T> fromUnsigned, Func<double, T> fromFloat)
    {
        var raw = RawBytes();
        var size = ElementType.Size;
        var bigEndian = ElementType.IsBigEndian;
        var result = new T[ElementCount];
        for (var i = 0; i < result.Length; i++)
        {
            var element = raw.Slice(i * size, size);
            result[i] = ElementType.Class == Hdf5TypeClass.Float ? fromFloat(Hdf5ElementDecoder.ReadFloat(element, bigEndian))
                : ElementType.IsSigned ? fromSigned(Hdf5ElementDecoder.ReadSigned(element, bigEndian))
                : fromUnsigned(Hdf5ElementDecoder.ReadUnsigned(element, bigEndian), i);
        }
        return result;
    }

    /// <summary>All elements' bytes: a view of the file, or the fill value repeated for never-written data.</summary>
    ReadOnlySpan<byte> RawBytes()
    {
        // The loader checked the byte count against the file (stored data) or against the largest array (fill).
        var byteCount = ElementCount * ElementType.Size;
        if (storage.Kind != Hdf5StorageKind.Unallocated)
            return image.Data.AsSpan((int)storage.Address, (int)byteCount);

        var filled = new byte[byteCount];
        if (fillValue is not null)
        {
            for (var offset = 0; offset < filled.Length; offset += fillValue.Length) fillValue.CopyTo(filled, offset);
        }
        return filled;
    }

    InvalidOperationException WrongType(string method, string expected) =>
        new($"{method} needs a dataset of {expected}, but '{Name}' in '{image.FileName}' holds {ElementType} elements ({ElementType.Class}).");
}
