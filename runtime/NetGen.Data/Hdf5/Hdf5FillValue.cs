namespace NetGen.Data.Hdf5;

/// <summary>
/// The value of elements that were never written (storage not allocated): from the fill value message (versions 1 to
/// 3) or the old fill value message, else zero bytes, as the HDF5 library does.
/// </summary>
internal static class Hdf5FillValue
{
    /// <summary>One element's bytes, or null when the fill is all zero bytes.</summary>
    public static byte[]? Read(Hdf5FileImage image, Hdf5ObjectHeader header, int elementSize)
    {
        if (header.Find(Hdf5MessageType.FillValue) is { } message)
            return ReadCurrent(header.Body(image, message), elementSize);
        if (header.Find(Hdf5MessageType.FillValueOld) is { } old)
            return ReadValue(header.Body(image, old), elementSize);
        return null;
    }

    static byte[]? ReadCurrent(Hdf5Cursor body, int elementSize)
    {
        var version = body.ReadByte();
        switch (version)
        {
            case 1 or 2:
                body.Skip(2);                             // space allocation time, fill value write time
                var defined = body.ReadByte() != 0;
                return version == 1 || defined ? ReadValue(body, elementSize) : null;
            case 3:
                var flags = body.ReadByte();
                return (flags & 0x20) != 0 ? ReadValue(body, elementSize) : null;
            default:
                throw body.Corrupt($"fill value message version {version}, expected 1 to 3");
        }
    }

    static byte[]? ReadValue(Hdf5Cursor body, int elementSize)
    {
        var size = body.ReadUInt32();
        if (size == 0) return null;
        if (size != elementSize) throw body.Corrupt($"fill value of {size} bytes for elements of {elementSize} bytes");
        return body.ReadSpan(size).ToArray();
    }
}
