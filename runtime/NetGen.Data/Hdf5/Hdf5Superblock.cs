using System;

namespace NetGen.Data.Hdf5;

/// <summary>
/// The superblock: format version, the byte widths of addresses and lengths, and where the root group's object
/// header is. Versions 0 and 1 (h5py's default) and 2 and 3 (<c>libver='latest'</c> and friends) are read.
/// </summary>
internal sealed record Hdf5Superblock(int Version, long SignatureOffset, Hdf5FileImage Image, long RootObjectAddress)
{
    static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Finds the signature (at 0, 512, 1024, ... when a user block precedes it) and parses what follows.</summary>
    public static Hdf5Superblock Read(Hdf5FileImage raw)
    {
        var signatureOffset = FindSignature(raw);
        var cursor = raw.From(signatureOffset, "superblock");
        cursor.Skip(Signature.Length);
        var version = cursor.ReadByte();
        return version switch
        {
            0 or 1 => ReadVersion0Or1(raw, cursor, version, signatureOffset),
            2 or 3 => ReadVersion2Or3(raw, cursor, version, signatureOffset),
            _ => throw raw.Unsupported("/", $"superblock version {version}", "superblock versions 0 to 3 are"),
        };
    }

    static long FindSignature(Hdf5FileImage raw)
    {
        for (long offset = 0; offset + Signature.Length <= raw.Length; offset = offset == 0 ? 512 : offset * 2)
        {
            if (raw.Data.AsSpan((int)offset, Signature.Length).SequenceEqual(Signature)) return offset;
        }
        throw raw.Corrupt($"no HDF5 signature (\\x89HDF\\r\\n\\x1a\\n) at offset 0, 512, 1024, ... of its {raw.Length} bytes; is it an HDF5 file?");
    }

    static Hdf5Superblock ReadVersion0Or1(Hdf5FileImage raw, Hdf5Cursor cursor, int version, long signatureOffset)
    {
        cursor.Skip(3);                      // free-space, root symbol table entry and reserved versions
        cursor.Skip(1);                      // shared header message format version
        var (offsetSize, lengthSize) = ReadSizes(raw, cursor);
        cursor.Skip(1);                      // reserved
        cursor.Skip(2 + 2 + 4);              // group leaf / internal node K, consistency flags
        if (version == 1) cursor.Skip(2 + 2); // indexed storage internal node K, reserved
        var baseAddress = ReadBaseAddress(raw, cursor, offsetSize, signatureOffset);
        cursor.Skip(offsetSize);             // free-space info address
        var endOfFile = cursor.ReadUnsigned(offsetSize);
        cursor.Skip(offsetSize);             // driver information block address
        var image = raw.WithEncoding(offsetSize, lengthSize, baseAddress);
        CheckNotTruncated(image, endOfFile);

        // The root group's symbol table entry: link name offset, then the object header address.
        var entry = image.At(cursor.Position, cursor.Remaining, "superblock root group entry");
        entry.Skip(offsetSize);
        var root = entry.ReadAddress("root group object header address");
        return new Hdf5Superblock(version, signatureOffset, image, root);
    }

    static Hdf5Superblock ReadVersion2Or3(Hdf5FileImage raw, Hdf5Cursor cursor, int version, long signatureOffset)
    {
        var (offsetSize, lengthSize) = ReadSizes(raw, cursor);
        cursor.Skip(1);                      // file consistency flags
        var baseAddress = ReadBaseAddress(raw, cursor, offsetSize, signatureOffset);
        cursor.Skip(offsetSize);             // superblock extension address (holds nothing this reader needs)
        var endOfFile = cursor.ReadUnsigned(offsetSize);
        var rootStored = cursor.ReadUnsigned(offsetSize);
        Hdf5Checksum.Verify(raw, signatureOffset, cursor.Position - signatureOffset, "superblock");
        var image = raw.WithEncoding(offsetSize, lengthSize, baseAddress);
        CheckNotTruncated(image, endOfFile);
        if (!image.TryToAbsolute(rootStored, offsetSize, out var root))
            throw image.Corrupt($"superblock: root group object header address 0x{rootStored:X} is past the end of the file ({image.Length} bytes)");
        return new Hdf5Superblock(version, signatureOffset, image, root);
    }

    static (int OffsetSize, int LengthSize) ReadSizes(Hdf5FileImage raw, Hdf5Cursor cursor)
    {
        int offsetSize = cursor.ReadByte(), lengthSize = cursor.ReadByte();
        if (offsetSize is not (2 or 4 or 8) || lengthSize is not (2 or 4 or 8))
            throw raw.Corrupt($"superblock: address and length sizes must be 2, 4 or 8 bytes, found {offsetSize} and {lengthSize}");
        return (offsetSize, lengthSize);
    }

    static long ReadBaseAddress(Hdf5FileImage raw, Hdf5Cursor cursor, int offsetSize, long signatureOffset)
    {
        var stored = cursor.ReadUnsigned(offsetSize);
        if (stored > (ulong)signatureOffset)
            throw raw.Corrupt($"superblock: base address 0x{stored:X} lies after the superblock itself (0x{signatureOffset:X})");
        return (long)stored;
    }

    // The library records where its data ends (an absolute position, user block included); a shorter file lost its
    // tail, which would otherwise surface later as a less obvious error deep inside some structure.
    static void CheckNotTruncated(Hdf5FileImage image, ulong endOfFile)
    {
        if (endOfFile > (ulong)image.Length)
            throw image.Corrupt($"the superblock records {endOfFile} bytes but the file holds only {image.Length}; the file is truncated");
    }
}
