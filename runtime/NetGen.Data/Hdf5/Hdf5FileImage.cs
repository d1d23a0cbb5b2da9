using System;
using System.IO;

namespace NetGen.Data.Hdf5;

/// <summary>
/// The whole file in memory plus the address encoding its superblock declares. Every structure is read through
/// <see cref="At"/>, which checks the window lies inside the file before anything is touched, and every error is
/// built here so that all of them name the file.
/// </summary>
internal sealed class Hdf5FileImage
{
    /// <summary>The value <see cref="Hdf5Cursor.ReadAddress"/> returns for HDF5's "undefined address" (all bits set).</summary>
    public const long UndefinedAddress = -1;

    public Hdf5FileImage(byte[] data, string fileName, int offsetSize = 8, int lengthSize = 8, long baseAddress = 0)
    {
        Data = data;
        FileName = fileName;
        OffsetSize = offsetSize;
        LengthSize = lengthSize;
        BaseAddress = baseAddress;
    }

    public byte[] Data { get; }

    public string FileName { get; }

    public long Length => Data.Length;

    /// <summary>Bytes per stored address ("size of offsets" in the superblock).</summary>
    public int OffsetSize { get; }

    /// <summary>Bytes per stored length ("size of lengths" in the superblock).</summary>
    public int LengthSize { get; }

    /// <summary>Absolute position that stored addresses are relative to (non-zero when a user block precedes the data).</summary>
    public long BaseAddress { get; }

    public Hdf5FileImage WithEncoding(int offsetSize, int lengthSize, long baseAddress) =>
        new(Data, FileName, offsetSize, lengthSize, baseAddress);

    /// <summary>A cursor over <paramref name="length"/> bytes at absolute <paramref name="address"/>, which must lie in the file.</summary>
    public Hdf5Cursor At(long address, long length, string what, string? subject = null)
    {
        if (address == UndefinedAddress)
            throw Corrupt($"{Describe(what, subject)} has an undefined address");
        if (address < 0 || length < 0 || address > Length || length > Length - address)
            throw Corrupt($"{Describe(what, subject)} at 0x{address:X} ({length} bytes) lies past the end of the file ({Length} bytes)");
        return new Hdf5Cursor(this, address, address + length, what, subject);
    }

    /// <summary>A cursor from absolute <paramref name="address"/> to the end of the file, for structures whose size is only known once read.</summary>
    public Hdf5Cursor From(long address, string what, string? subject = null)
    {
        if (address == UndefinedAddress)
            throw Corrupt($"{Describe(what, subject)} has an undefined address");
        if (address < 0 || address >= Length)
            throw Corrupt($"{Describe(what, subject)} at 0x{address:X} lies past the end of the file ({Length} bytes)");
        return new Hdf5Cursor(this, address, Length, what, subject);
    }

    /// <summary>"object header of" and "x" make "object header of 'x'".</summary>
    public static string Describe(string what, string? subject) => subject is null ? what : $"{what} '{subject}'";

    /// <summary>
    /// Turns a stored (base-relative) address of <paramref name="size"/> bytes into an absolute one, keeping
    /// "undefined" as <see cref="UndefinedAddress"/>; false when it points at or past the end of the file, where no
    /// structure can be (caught here, before any arithmetic on it could overflow).
    /// </summary>
    public bool TryToAbsolute(ulong stored, int size, out long address)
    {
        address = UndefinedAddress;
        if (size < 8 ? stored == (1UL << (8 * size)) - 1 : stored == ulong.MaxValue) return true;
        if (stored >= (ulong)Length || (ulong)BaseAddress + stored >= (ulong)Length) return false;
        address = BaseAddress + (long)stored;
        return true;
    }

    /// <summary>An error for bytes that break the HDF5 format: damage, truncation or a hostile file.</summary>
    public InvalidDataException Corrupt(string problem) =>
        new($"HDF5 file '{FileName}' is damaged or truncated: {problem}.");

    /// <summary>An error for a valid HDF5 feature this reader deliberately does not implement.</summary>
    public InvalidDataException Unsupported(string objectPath, string feature, string supported) =>
        new($"HDF5 file '{FileName}', object '{objectPath}': {feature} is not supported by this reader ({supported}).");
}
