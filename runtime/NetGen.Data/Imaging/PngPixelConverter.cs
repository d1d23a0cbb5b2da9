using System;
using System.Buffers.Binary;

namespace NetGen.Data.Imaging;

/// <summary>
/// Turns unfiltered scanlines of any supported colour type into 8-bit RGB, compositing transparency
/// (an alpha channel or a tRNS chunk) over white.
/// </summary>
internal static class PngPixelConverter
{
    /// <summary>Converts the unfiltered <paramref name="scanlines"/> to row-major RGB bytes.</summary>
    public static byte[] ToRgb(ReadOnlySpan<byte> scanlines, PngChunks chunks, string source)
    {
        PngHeader header = chunks.Header;
        var rgb = new byte[(long)header.Width * header.Height * 3];
        int rowBytes = header.RowBytes;
        for (int y = 0; y < header.Height; y++)
        {
            ReadOnlySpan<byte> row = scanlines.Slice(y * (rowBytes + 1) + 1, rowBytes);
            Span<byte> output = rgb.AsSpan(y * header.Width * 3, header.Width * 3);
            switch (header.ColorType)
            {
                case PngColorType.Gray: ConvertGray(row, output, header, chunks.Transparency); break;
                case PngColorType.Rgb: ConvertRgb(row, output, chunks.Transparency); break;
                case PngColorType.Palette: ConvertPalette(row, output, header, chunks, y, source); break;
                case PngColorType.GrayAlpha: ConvertGrayAlpha(row, output); break;
                case PngColorType.Rgba: ConvertRgba(row, output); break;
            }
        }
        return rgb;
    }

    static void ConvertGray(ReadOnlySpan<byte> row, Span<byte> output, PngHeader header, byte[]? transparency)
    {
        int maxSample = (1 << header.BitDepth) - 1;
        int transparentSample = transparency is null ? -1 : BinaryPrimitives.ReadUInt16BigEndian(transparency);
        for (int x = 0; x < header.Width; x++)
        {
            int sample = ReadPackedSample(row, x, header.BitDepth);
            // 255 / maxSample is exact for 1, 2, 4 and 8 bits (255, 85, 17, 1): the PNG-recommended bit replication.
            byte gray = sample == transparentSample ? (byte)255 : (byte)(sample * (255 / maxSample));
            output[3 * x] = output[3 * x + 1] = output[3 * x + 2] = gray;
        }
    }

    static void ConvertRgb(ReadOnlySpan<byte> row, Span<byte> output, byte[]? transparency)
    {
        row.CopyTo(output);
        if (transparency is null) return;
        int red = BinaryPrimitives.ReadUInt16BigEndian(transparency);
        int green = BinaryPrimitives.ReadUInt16BigEndian(transparency.AsSpan(2));
        int blue = BinaryPrimitives.ReadUInt16BigEndian(transparency.AsSpan(4));
        for (int i = 0; i < output.Length; i += 3)
            if (output[i] == red && output[i + 1] == green && output[i + 2] == blue) output[i] = output[i + 1] = output[i + 2] = 255;
    }

    static void ConvertPalette(ReadOnlySpan<byte> row, Span<byte> output, PngHeader header, PngChunks chunks, int y, string source)
    {
        byte[] palette = chunks.Palette!;
        byte[] alphas = chunks.Transparency ?? [];
        int entries = palette.Length / 3;
        for (int x = 0; x < header.Width; x++)
        {
            int index = ReadPackedSample(row, x, header.BitDepth);
            if (index >= entries)
                throw PngErrors.Corrupt(source, $"pixel ({x}, {y}) uses palette index {index}, but PLTE has only {entries} entries");
            byte alpha = index < alphas.Length ? alphas[index] : (byte)255;
            for (int c = 0; c < 3; c++) output[3 * x + c] = OverWhite(palette[3 * index + c], alpha);
        }
    }

    static void ConvertGrayAlpha(ReadOnlySpan<byte> row, Span<byte> output)
    {
        for (int x = 0; x < output.Length / 3; x++)
            output[3 * x] = output[3 * x + 1] = output[3 * x + 2] = OverWhite(row[2 * x], row[2 * x + 1]);
    }

    static void ConvertRgba(ReadOnlySpan<byte> row, Span<byte> output)
    {
        for (int x = 0; x < output.Length / 3; x++)
        {
            byte alpha = row[4 * x + 3];
            for (int c = 0; c < 3; c++) output[3 * x + c] = OverWhite(row[4 * x + c], alpha);
        }
    }

    /// <summary>Reads sample <paramref name="x"/> of a row packed most-significant bits first at <paramref name="bitDepth"/> bits.</summary>
    static int ReadPackedSample(ReadOnlySpan<byte> row, int x, int bitDepth)
    {
        if (bitDepth == 8) return row[x];
        long bit = (long)x * bitDepth;
        int shift = 8 - bitDepth - (int)(bit & 7);
        return (row[(int)(bit >> 3)] >> shift) & ((1 << bitDepth) - 1);
    }

    /// <summary>Composites <paramref name="value"/> with <paramref name="alpha"/> over white, rounding to nearest.</summary>
    static byte OverWhite(byte value, byte alpha) => (byte)((value * alpha + 255 * (255 - alpha) + 127) / 255);
}
