namespace NetGen.Data.Hdf5;

/// <summary>
/// Decodes a datatype message into an <see cref="Hdf5ElementType"/>: integers of 1, 2, 4 or 8 bytes, IEEE floats of 2,
/// 4 or 8 bytes and fixed-length strings, either byte order. Every other class (compound, enum such as numpy bool,
/// variable-length, array, reference, ...) and every non-standard bit layout is refused by name.
/// </summary>
internal static class Hdf5Datatype
{
    const string Supported = "it reads integers of 1, 2, 4 or 8 bytes, IEEE floats of 2, 4 or 8 bytes and fixed-length strings";

    public static Hdf5ElementType Read(Hdf5Cursor body, string datasetPath)
    {
        var image = body.Image;
        var classAndVersion = body.ReadByte();
        int typeClass = classAndVersion & 0x0F, version = classAndVersion >> 4;
        if (version is < 1 or > 5) throw body.Corrupt($"datatype message version {version}, expected 1 to 5");
        var bits = body.ReadByte() | (body.ReadByte() << 8) | (body.ReadByte() << 16);
        var size = body.ReadUInt32();
        return typeClass switch
        {
            0 => ReadInteger(body, datasetPath, bits, size),
            1 => ReadFloat(body, datasetPath, bits, size),
            3 => ReadString(body, datasetPath, bits, size),
            9 when (bits & 0x0F) == 1 => throw image.Unsupported(datasetPath, "the variable-length string datatype (h5py's default for str; store numpy 'S' bytes instead)", Supported),
            _ => throw image.Unsupported(datasetPath, $"the {ClassName(typeClass)} datatype", Supported),
        };
    }

    static Hdf5ElementType ReadInteger(Hdf5Cursor body, string datasetPath, int bits, uint size)
    {
        var bitOffset = body.ReadUInt16();
        var precision = body.ReadUInt16();
        if (size is not (1 or 2 or 4 or 8) || bitOffset != 0 || precision != size * 8)
            throw body.Image.Unsupported(datasetPath, $"an integer datatype of {size} bytes with {precision} bits of precision at bit offset {bitOffset}", Supported);
        return new Hdf5ElementType(Hdf5TypeClass.Integer, (int)size, isSigned: (bits & 0x08) != 0, isBigEndian: (bits & 0x01) != 0);
    }

    static Hdf5ElementType ReadFloat(Hdf5Cursor body, string datasetPath, int bits, uint size)
    {
        var bitOffset = body.ReadUInt16();
        var precision = body.ReadUInt16();
        var exponentLocation = body.ReadByte();
        var exponentSize = body.ReadByte();
        var mantissaLocation = body.ReadByte();
        var mantissaSize = body.ReadByte();
        var exponentBias = body.ReadUInt32();
        var signLocation = (bits >> 8) & 0xFF;
        var normalization = (bits >> 4) & 0x03;

        // Only IEEE 754 layouts: sign in the top bit, implied leading mantissa bit, the standard bias.
        var ieee = size switch
        {
            2 => (exponentSize, mantissaSize, exponentBias) == (5, 10, 15u),
            4 => (exponentSize, mantissaSize, exponentBias) == (8, 23, 127u),
            8 => (exponentSize, mantissaSize, exponentBias) == (11, 52, 1023u),
            _ => false,
        };
        ieee &= bitOffset == 0 && precision == size * 8 && mantissaLocation == 0 && exponentLocation == mantissaSize
            && signLocation == precision - 1 && normalization == 2;
        var vaxOrder = (bits & 0x40) != 0;
        if (!ieee || vaxOrder)
            throw body.Image.Unsupported(datasetPath, $"a non-IEEE floating-point datatype ({size} bytes, {exponentSize}-bit exponent, {mantissaSize}-bit mantissa{(vaxOrder ? ", VAX byte order" : "")})", Supported);
        return new Hdf5ElementType(Hdf5TypeClass.Float, (int)size, isSigned: true, isBigEndian: (bits & 0x01) != 0);
    }

    static Hdf5ElementType ReadString(Hdf5Cursor body, string datasetPath, int bits, uint size)
    {
        var padding = (bits & 0x0F) switch
        {
            0 => Hdf5StringPadding.NullTerminated,
            1 => Hdf5StringPadding.NullPadded,
            2 => Hdf5StringPadding.SpacePadded,
            var other => throw body.Corrupt($"string padding type {other}, expected 0, 1 or 2"),
        };
        var characterSet = (bits >> 4) & 0x0F;
        if (characterSet > 1) throw body.Corrupt($"string character set {characterSet}, expected 0 (ASCII) or 1 (UTF-8)");
        if (size is 0 or > int.MaxValue) throw body.Corrupt($"fixed-length string of {size} bytes");
        return new Hdf5ElementType(Hdf5TypeClass.String, (int)size, isSigned: false, isBigEndian: false, padding, isUtf8: characterSet == 1);
    }

    static string ClassName(int typeClass) => typeClass switch
    {
        2 => "time",
        4 => "bitfield",
        5 => "opaque",
        6 => "compound",
        7 => "reference",
        8 => "enumeration (numpy bool is stored as one)",
        9 => "variable-length sequence",
        10 => "array",
        _ => $"unknown class {typeClass}",
    };
}
