using System;
using System.Buffers.Binary;
using System.IO;

namespace NetGen.Data.Imaging;

/// <summary>
/// The dimensions of a JPEG from its frame header (SOF), found by walking the marker segments before the first
/// scan, so that a size can be refused before any decoder allocates pixels for it.
/// </summary>
internal readonly record struct JpegFrameHeader(int Width, int Height, int Components)
{
    /// <summary>Whether <paramref name="bytes"/> starts as a JPEG does (SOI followed by a marker).</summary>
    public static bool HasSignature(ReadOnlySpan<byte> bytes) => bytes is [0xFF, 0xD8, 0xFF, ..];

    /// <summary>Finds and checks the frame header.</summary>
    /// <exception cref="InvalidDataException">No SOF before the first scan, a segment runs past the end, or the frame is one NetGen does not read.</exception>
    public static JpegFrameHeader Read(ReadOnlySpan<byte> bytes, string source)
    {
        if (!HasSignature(bytes)) throw Corrupt(source, "it does not start with the JPEG signature FF D8 FF");
        int position = 2;
        while (true)
        {
            if (position >= bytes.Length || bytes[position] != 0xFF)
                throw Corrupt(source, $"expected a marker at byte {position}, found {(position >= bytes.Length ? "the end of the file" : $"0x{bytes[position]:X2}")}");
            while (position < bytes.Length && bytes[position] == 0xFF) position++; // fill bytes
            if (position >= bytes.Length) throw Corrupt(source, "the file ends inside a marker");
            byte marker = bytes[position++];
            if (marker is 0x01 or >= 0xD0 and <= 0xD7) continue; // markers without a segment
            if (marker is 0xD9 or 0xDA) throw Corrupt(source, $"expected a frame header (SOF) before the {(marker == 0xDA ? "first scan" : "end of the image")} at byte {position - 2}, found none");
            if (position + 2 > bytes.Length) throw Corrupt(source, $"the file ends inside the length of the segment at byte {position - 2}");
            int length = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
            if (length < 2 || position + length > bytes.Length)
                throw Corrupt(source, $"the segment 0xFF{marker:X2} at byte {position - 2} claims {length} bytes, but {bytes.Length - position} remain");
            if (IsFrameHeader(marker)) return Check(marker, bytes.Slice(position + 2, length - 2), source);
            position += length;
        }
    }

    // SOF0..SOF15 are C0..CF, except C4 (DHT), C8 (reserved) and CC (DAC).
    static bool IsFrameHeader(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    static JpegFrameHeader Check(byte marker, ReadOnlySpan<byte> frame, string source)
    {
        if (marker is not (0xC0 or 0xC1 or 0xC2))
            throw new InvalidDataException($"'{source}' is a JPEG coded as SOF{marker - 0xC0} (lossless, hierarchical or arithmetic-coded), which NetGen does not read; re-save it as a baseline or progressive JPEG.");
        if (frame.Length < 6) throw Corrupt(source, $"its frame header holds {frame.Length} bytes; it needs at least 6");
        int precision = frame[0], height = BinaryPrimitives.ReadUInt16BigEndian(frame[1..]), width = BinaryPrimitives.ReadUInt16BigEndian(frame[3..]), components = frame[5];
        if (precision != 8)
            throw new InvalidDataException($"'{source}' has {precision}-bit samples, which NetGen does not read; re-save it as an 8-bit JPEG.");
        if (width == 0 || height == 0)
            throw Corrupt(source, $"its frame header gives dimensions {width}x{height}; NetGen needs both in the frame header (no DNL)");
        if ((long)width * height > ImageLimits.MaxPixels)
            throw Corrupt(source, $"its frame header gives dimensions {width}x{height} ({(long)width * height} pixels), more than the decoder's limit of {ImageLimits.MaxPixels} pixels");
        if (components is not (1 or 3 or 4))
            throw Corrupt(source, $"its frame header gives {components} components; JPEG images have 1 (gray), 3 (color) or 4 (CMYK)");
        return new JpegFrameHeader(width, height, components);
    }

    static InvalidDataException Corrupt(string source, string detail) => new($"'{source}' is not a valid JPEG file: {detail}.");
}
