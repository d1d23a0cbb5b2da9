using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using NetGen.IO;

namespace NetGen.Data.Imaging;

/// <summary>
/// Walks a PNG file's chunks, verifying the signature, every CRC and the chunk order, and keeps the ones
/// the decoder needs: IHDR, PLTE, tRNS and the concatenated IDAT data. Ancillary chunks are skipped.
/// </summary>
internal sealed class PngChunks
{
    static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    PngChunks(PngHeader header, byte[]? palette, byte[]? transparency, byte[] imageData)
    {
        Header = header;
        Palette = palette;
        Transparency = transparency;
        ImageData = imageData;
    }

    /// <summary>The image header.</summary>
    public PngHeader Header { get; }

    /// <summary>PLTE's RGB triplets, or null when the file has none.</summary>
    public byte[]? Palette { get; }

    /// <summary>tRNS's raw data, or null when the file has none.</summary>
    public byte[]? Transparency { get; }

    /// <summary>The zlib stream, i.e. all IDAT chunks' data in order.</summary>
    public byte[] ImageData { get; }

    /// <summary>Reads the chunks of <paramref name="file"/>; <paramref name="source"/> names it in errors.</summary>
    public static PngChunks Read(ReadOnlySpan<byte> file, string source)
    {
        CheckSignature(file, source);

        PngHeader? header = null;
        byte[]? palette = null, transparency = null;
        var imageData = new MemoryStream();
        bool idatSeen = false, idatEnded = false;
        int offset = Signature.Length;

        while (true)
        {
            int remaining = file.Length - offset;
            if (remaining == 0)
                throw PngErrors.Corrupt(source, "it ends without an IEND chunk (truncated?)");
            if (remaining < 12)
                throw PngErrors.Corrupt(source, $"it ends {remaining} bytes after offset {offset}, too few for a chunk's length, type and CRC (truncated?)");

            uint length = BinaryPrimitives.ReadUInt32BigEndian(file[offset..]);
            ReadOnlySpan<byte> typeBytes = file.Slice(offset + 4, 4);
            if (length > (uint)(remaining - 12))
                throw PngErrors.Corrupt(source, $"chunk {DescribeType(typeBytes)} at offset {offset} declares {length} data bytes but only {remaining - 12} remain (truncated?)");
            if (!IsLetters(typeBytes))
                throw PngErrors.Corrupt(source, $"the chunk type at offset {offset} is {DescribeType(typeBytes)}, not four ASCII letters");
            string type = Encoding.ASCII.GetString(typeBytes);

            ReadOnlySpan<byte> data = file.Slice(offset + 8, (int)length);
            uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file[(offset + 8 + (int)length)..]);
            uint actualCrc = Crc32.Compute(file.Slice(offset + 4, 4 + (int)length));
            if (storedCrc != actualCrc)
                throw PngErrors.Corrupt(source, $"chunk '{type}' at offset {offset} stores CRC 0x{storedCrc:X8} but its contents give 0x{actualCrc:X8} (damaged file)");

            if (header is null && type != "IHDR")
                throw PngErrors.Corrupt(source, $"the first chunk is '{type}'; PNG requires IHDR first");
            if (idatSeen && type != "IDAT") idatEnded = true;

            switch (type)
            {
                case "IHDR":
                    if (header is not null) throw PngErrors.Corrupt(source, $"it has a second IHDR chunk at offset {offset}");
                    header = PngHeader.Parse(data, source);
                    break;
                case "PLTE":
                    if (palette is not null || idatSeen || transparency is not null)
                        throw PngErrors.Corrupt(source, $"PLTE at offset {offset} comes after IDAT or tRNS, or repeats");
                    palette = ReadPalette(data, header!.Value, source);
                    break;
                case "tRNS":
                    if (transparency is not null || idatSeen)
                        throw PngErrors.Corrupt(source, $"tRNS at offset {offset} comes after IDAT, or repeats");
                    transparency = ReadTransparency(data, header!.Value, palette, source);
                    break;
                case "IDAT":
                    if (idatEnded) throw PngErrors.Corrupt(source, $"IDAT chunk at offset {offset} follows another chunk after IDAT; IDAT chunks must be consecutive");
                    idatSeen = true;
                    imageData.Write(data);
                    break;
                case "IEND":
                    if (!idatSeen) throw PngErrors.Corrupt(source, "it has no IDAT chunk");
                    if (header!.Value.ColorType == PngColorType.Palette && palette is null)
                        throw PngErrors.Corrupt(source, "it is a palette image without a PLTE chunk");
                    return new PngChunks(header.Value, palette, transparency, imageData.ToArray());
                default:
                    // Bit 5 of the first letter clear (upper case) marks a chunk a decoder must understand.
                    if ((typeBytes[0] & 0x20) == 0) throw PngErrors.Unsupported(source, $"the critical chunk '{type}'");
                    break;
            }

            offset += 12 + (int)length;
        }
    }

    /// <summary>Whether <paramref name="start"/> (a file's first bytes, or all of it) starts with the PNG signature.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> start) => start.StartsWith(Signature);

    /// <summary>Refuses <paramref name="start"/> (a file's first bytes, or all of it) unless it starts with the PNG signature.</summary>
    public static void CheckSignature(ReadOnlySpan<byte> start, string source)
    {
        if (start.Length < Signature.Length)
            throw PngErrors.Corrupt(source, $"it is {start.Length} bytes long, too short to hold the 8-byte PNG signature");
        if (!start[..Signature.Length].SequenceEqual(Signature))
            throw PngErrors.Corrupt(source, $"it starts with {Convert.ToHexString(start[..Signature.Length])}, not the PNG signature 89504E470D0A1A0A");
    }

    static byte[] ReadPalette(ReadOnlySpan<byte> data, PngHeader header, string source)
    {
        if (header.ColorType is PngColorType.Gray or PngColorType.GrayAlpha)
            throw PngErrors.Corrupt(source, $"it has a PLTE chunk, which a {header.ColorType} image must not have");
        int entries = data.Length / 3;
        if (data.Length % 3 != 0 || entries is < 1 or > 256)
            throw PngErrors.Corrupt(source, $"PLTE holds {data.Length} bytes; it must hold 1 to 256 RGB triplets (a multiple of 3 bytes)");
        if (header.ColorType == PngColorType.Palette && entries > 1 << header.BitDepth)
            throw PngErrors.Corrupt(source, $"PLTE has {entries} entries, more than a {header.BitDepth}-bit index can address");
        return data.ToArray();
    }

    static byte[] ReadTransparency(ReadOnlySpan<byte> data, PngHeader header, byte[]? palette, string source)
    {
        switch (header.ColorType)
        {
            case PngColorType.Palette:
                if (palette is null) throw PngErrors.Corrupt(source, "tRNS comes before PLTE in a palette image");
                if (data.Length > palette.Length / 3)
                    throw PngErrors.Corrupt(source, $"tRNS holds {data.Length} alpha values for a palette of {palette.Length / 3} entries");
                break;
            case PngColorType.Gray when data.Length != 2:
            case PngColorType.Rgb when data.Length != 6:
                throw PngErrors.Corrupt(source, $"tRNS holds {data.Length} bytes; a {header.ColorType} image needs {(header.ColorType == PngColorType.Gray ? 2 : 6)}");
            case PngColorType.GrayAlpha or PngColorType.Rgba:
                throw PngErrors.Corrupt(source, $"it has a tRNS chunk, which a {header.ColorType} image (with its own alpha channel) must not have");
        }
        return data.ToArray();
    }

    static bool IsLetters(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
            if (!(b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z')) return false;
        return true;
    }

    static string DescribeType(ReadOnlySpan<byte> type) =>
        IsLetters(type) ? $"'{Encoding.ASCII.GetString(type)}'" : $"0x{Convert.ToHexString(type)}";
}
