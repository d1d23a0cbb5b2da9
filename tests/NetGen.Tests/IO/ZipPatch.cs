using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace NetGen.Tests.IO;

/// <summary>
/// Builds zip files with .NET's own ZipArchive (which computes true CRCs and sizes) and then edits single fields of
/// an entry's local header and directory record, to make the lies a hostile .npz tells.
/// </summary>
internal static class ZipPatch
{
    const uint LocalHeader = 0x04034b50, DirectoryRecord = 0x02014b50;

    /// <summary>A zip of the given entries (data written as is, each deflated or stored).</summary>
    public static byte[] Build(bool deflate, params (string Name, Action<Stream> Write)[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, write) in entries)
            {
                using var stream = zip.CreateEntry(name, deflate ? CompressionLevel.Fastest : CompressionLevel.NoCompression).Open();
                write(stream);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Declares <paramref name="size"/> uncompressed bytes for <paramref name="entryName"/>, in both places zip keeps it.</summary>
    public static void SetDeclaredSize(byte[] zip, string entryName, uint size)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(Find(zip, LocalHeader, 26, 30, entryName) + 22), size);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(Find(zip, DirectoryRecord, 28, 46, entryName) + 24), size);
    }

    /// <summary>The offset of the header with <paramref name="signature"/> whose name (length at +<paramref name="nameLengthAt"/>, text at +<paramref name="nameAt"/>) is <paramref name="entryName"/>.</summary>
    static int Find(byte[] zip, uint signature, int nameLengthAt, int nameAt, string entryName)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var offset = 0; offset + nameAt <= zip.Length; offset++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(offset)) != signature) continue;
            if (BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + nameLengthAt)) != name.Length) continue;
            if (zip.AsSpan(offset + nameAt, name.Length).SequenceEqual(name)) return offset;
        }
        throw new InvalidOperationException($"No header for '{entryName}' in the zip.");
    }

    /// <summary>A .npy version 1.0 header (magic, version, length, dict padded to 64 bytes) for <paramref name="shape"/> of <paramref name="descr"/>.</summary>
    public static byte[] NpyHeader(string descr, string shape)
    {
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        var total = (10 + dict.Length + 1 + 63) / 64 * 64;
        var header = new byte[total];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)(total - 10));
        Encoding.ASCII.GetBytes(dict.PadRight(total - 11)).CopyTo(header, 10);
        header[^1] = (byte)'\n';
        return header;
    }

    /// <summary>Writes <paramref name="count"/> zero bytes in 1 MiB pieces.</summary>
    public static void WriteZeros(Stream stream, long count)
    {
        var zeros = new byte[1 << 20];
        for (long left = count; left > 0; left -= zeros.Length)
            stream.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
    }
}
