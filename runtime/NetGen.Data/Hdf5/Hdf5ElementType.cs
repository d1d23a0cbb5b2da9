namespace NetGen.Data.Hdf5;

/// <summary>The kinds of HDF5 element this reader decodes.</summary>
public enum Hdf5TypeClass
{
    /// <summary>A signed or unsigned integer of 1, 2, 4 or 8 bytes ("fixed-point" in HDF5).</summary>
    Integer,

    /// <summary>An IEEE 754 binary16, binary32 or binary64 number.</summary>
    Float,

    /// <summary>A fixed-length string (numpy's <c>S</c> dtype).</summary>
    String,
}

/// <summary>How a fixed-length string fills the bytes after its text.</summary>
public enum Hdf5StringPadding
{
    /// <summary>The text ends at the first null byte.</summary>
    NullTerminated,

    /// <summary>Trailing null bytes are padding (numpy's <c>S</c> dtype, h5py's default).</summary>
    NullPadded,

    /// <summary>Trailing spaces are padding (Fortran style).</summary>
    SpacePadded,
}

/// <summary>The element type of a dataset, as stored in the file.</summary>
public sealed class Hdf5ElementType
{
    internal Hdf5ElementType(Hdf5TypeClass typeClass, int size, bool isSigned, bool isBigEndian, Hdf5StringPadding stringPadding = Hdf5StringPadding.NullPadded, bool isUtf8 = false)
    {
        Class = typeClass;
        Size = size;
        IsSigned = isSigned;
        IsBigEndian = isBigEndian;
        StringPadding = stringPadding;
        IsUtf8 = isUtf8;
    }

    /// <summary>Integer, float or fixed-length string.</summary>
    public Hdf5TypeClass Class { get; }

    /// <summary>Bytes per element.</summary>
    public int Size { get; }

    /// <summary>Whether an integer type is signed (always true for floats, false for strings).</summary>
    public bool IsSigned { get; }

    /// <summary>Whether numbers are stored most significant byte first (numpy's <c>&gt;</c>).</summary>
    public bool IsBigEndian { get; }

    /// <summary>How string elements are padded; meaningful for <see cref="Hdf5TypeClass.String"/> only.</summary>
    public Hdf5StringPadding StringPadding { get; }

    /// <summary>Whether string elements are declared UTF-8 rather than ASCII (both are decoded as UTF-8).</summary>
    public bool IsUtf8 { get; }

    /// <summary>The numpy <c>dtype.str</c> spelling of this type: <c>|u1</c>, <c>&lt;i8</c>, <c>&gt;f4</c>, <c>|S7</c>.</summary>
    public override string ToString()
    {
        if (Class == Hdf5TypeClass.String) return $"|S{Size}";
        var order = Size == 1 ? '|' : IsBigEndian ? '>' : '<';
        var kind = Class == Hdf5TypeClass.Float ? 'f' : IsSigned ? 'i' : 'u';
        return $"{order}{kind}{Size}";
    }
}
