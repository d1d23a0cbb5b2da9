using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace NetGen.Data.Hdf5;

/// <summary>
/// Sequential little-endian reads (HDF5 metadata is always little-endian) over one window of the file. Each read
/// checks it stays inside the window, so a lying size or address surfaces as an <see cref="InvalidDataException"/>
/// naming the structure being read instead of an index error or a wild allocation.
/// </summary>
internal sealed class Hdf5Cursor
{
    readonly Hdf5FileImage image;
    readonly long start;
    readonly long end;
    long position;

    readonly string what;
    readonly string? subject;

    internal Hdf5Cursor(Hdf5FileImage image, long start, long end, string what, string? subject)
    {
        this.image = image;
        this.start = start;
        this.end = end;
        position = start;
        this.what = what;
        this.subject = subject;
    }

    /// <summary>
    /// What this window holds, for error messages ("object header of 'x'"); kept in two parts and joined only when an
    /// error needs it, since cursors are made for every structure read.
    /// </summary>
    public string What => Hdf5FileImage.Describe(what, subject);

    public Hdf5FileImage Image => image;

    /// <summary>Absolute file position of the next read.</summary>
    public long Position => position;

    public long Start => start;

    public long Remaining => end - position;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>An unsigned little-endian integer of <paramref name="size"/> bytes (1 to 8).</summary>
    public ulong ReadUnsigned(int size)
    {
        var bytes = Take(size);
        ulong value = 0;
        for (var i = size - 1; i >= 0; i--) value = (value << 8) | bytes[i];
        return value;
    }

    /// <summary>A file address (absolute, or <see cref="Hdf5FileImage.UndefinedAddress"/>) named <paramref name="field"/> in errors.</summary>
    public long ReadAddress(string field)
    {
        var stored = ReadUnsigned(image.OffsetSize);
        if (!image.TryToAbsolute(stored, image.OffsetSize, out var address))
            throw Corrupt($"{field} is 0x{stored:X}, past the end of the file ({image.Length} bytes)");
        return address;
    }

    /// <summary>A stored length, which must fit in a signed 64-bit number to be meaningful.</summary>
    public long ReadLength(string field)
    {
        var value = ReadUnsigned(image.LengthSize);
        if (value > long.MaxValue) throw Corrupt($"{field} is {value}, larger than any file");
        return (long)value;
    }

    public ReadOnlySpan<byte> ReadSpan(long count) => Take(count);

    public void Skip(long count) => Take(count);

    /// <summary>Reads a 4-byte ASCII signature ("TREE", "OHDR", ...) and fails unless it matches.</summary>
    public void ExpectSignature(string signature)
    {
        var found = Take(signature.Length);
        for (var i = 0; i < signature.Length; i++)
        {
            if (found[i] != signature[i])
                throw Corrupt($"expected signature \"{signature}\" at 0x{position - signature.Length:X}, found \"{Printable(found)}\"");
        }
    }

    /// <summary>A child window over the next <paramref name="length"/> bytes, consumed from this one.</summary>
    public Hdf5Cursor Slice(long length, string what, string? subject = null)
    {
        Require(length);
        var slice = new Hdf5Cursor(image, position, position + length, what, subject);
        position += length;
        return slice;
    }

    public InvalidDataException Corrupt(string problem) => image.Corrupt($"{What} at 0x{start:X}: {problem}");

    ReadOnlySpan<byte> Take(long count)
    {
        Require(count);
        var span = image.Data.AsSpan((int)position, (int)count);
        position += count;
        return span;
    }

    void Require(long count)
    {
        if (count < 0 || count > end - position)
        {
            var limit = end == image.Length ? "the file ends" : "the structure ends";
            throw Corrupt($"needs {count} bytes at 0x{position:X} but {limit} at 0x{end:X}");
        }
    }

    static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes) text.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        return text.ToString();
    }
}
