using System;
using System.Buffers.Binary;

namespace NetGen.Data.Imaging;

/// <summary>The validated contents of an IHDR chunk, and the row geometry it implies.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType)
{
    /// <summary>The largest image accepted, checked before anything is allocated (<see cref="ImageLimits.MaxPixels"/>).</summary>
    public const long MaxPixels = ImageLimits.MaxPixels;

    /// <summary>
    /// The largest file accepted, checked before it is read: the largest image accepted stored uncompressed
    /// (at most 4 bytes per pixel plus a filter byte per row, so at most 5 per pixel) with 64 MiB to spare for
    /// deflate's block headers and ancillary chunks. Anything bigger is not a PNG this decoder could decode.
    /// </summary>
    public const long MaxFileBytes = MaxPixels * 5 + (64L << 20);

    /// <summary>Samples per pixel.</summary>
    public int Channels => ColorType switch
    {
        PngColorType.Rgb => 3,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgba => 4,
        _ => 1,
    };

    /// <summary>Bits per pixel.</summary>
    public int BitsPerPixel => Channels * BitDepth;

    /// <summary>The byte distance to the "left" neighbour used by the filters: whole bytes per pixel, at least 1.</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    /// <summary>Bytes of pixel data per row, excluding the filter-type byte.</summary>
    public int RowBytes => (int)(((long)Width * BitsPerPixel + 7) / 8);

    /// <summary>The size the zlib stream must inflate to: one filter byte plus <see cref="RowBytes"/> per row.</summary>
    public long InflatedSize => (long)(RowBytes + 1) * Height;

    /// <summary>A short description for messages, e.g. "13x7 8-bit RGBA".</summary>
    public string Describe() => $"{Width}x{Height} {BitDepth}-bit {ColorType}";

    /// <summary>Parses and validates the 13 data bytes of IHDR, refusing what the decoder cannot read.</summary>
    public static PngHeader Parse(ReadOnlySpan<byte> data, string source)
    {
        if (data.Length != 13)
            throw PngErrors.Corrupt(source, $"IHDR holds {data.Length} bytes; it must hold 13");

        uint width = BinaryPrimitives.ReadUInt32BigEndian(data);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        byte bitDepth = data[8], colorType = data[9], compression = data[10], filter = data[11], interlace = data[12];

        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
            throw PngErrors.Corrupt(source, $"IHDR gives dimensions {width}x{height}; each must be between 1 and 2^31 - 1");
        if ((long)width * height > MaxPixels)
            throw PngErrors.Corrupt(source,
                $"IHDR gives dimensions {width}x{height} ({(ulong)width * height} pixels), more than the decoder's limit of {MaxPixels} pixels");

        if (colorType is not (0 or 2 or 3 or 4 or 6))
            throw PngErrors.Corrupt(source, $"IHDR gives color type {colorType}; PNG defines 0, 2, 3, 4 and 6");
        if (!IsAllowedCombination(colorType, bitDepth))
            throw PngErrors.Corrupt(source, $"IHDR gives bit depth {bitDepth} with color type {colorType}, a combination PNG does not allow");
        if (bitDepth == 16)
            throw PngErrors.Unsupported(source, "16-bit depth");
        if (compression != 0)
            throw PngErrors.Corrupt(source, $"IHDR gives compression method {compression}; PNG defines only 0 (deflate)");
        if (filter != 0)
            throw PngErrors.Corrupt(source, $"IHDR gives filter method {filter}; PNG defines only 0 (adaptive)");
        if (interlace == 1)
            throw PngErrors.Unsupported(source, "Adam7 interlacing");
        if (interlace != 0)
            throw PngErrors.Corrupt(source, $"IHDR gives interlace method {interlace}; PNG defines only 0 (none) and 1 (Adam7)");

        return new PngHeader((int)width, (int)height, bitDepth, (PngColorType)colorType);
    }

    static bool IsAllowedCombination(byte colorType, byte bitDepth) => colorType switch
    {
        0 => bitDepth is 1 or 2 or 4 or 8 or 16,
        3 => bitDepth is 1 or 2 or 4 or 8,
        _ => bitDepth is 8 or 16,
    };
}
