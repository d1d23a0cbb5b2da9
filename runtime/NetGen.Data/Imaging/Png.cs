using System;
using System.IO;

namespace NetGen.Data.Imaging;

/// <summary>
/// A small PNG decoder for feeding photos to a network: reads non-interlaced 8-bit RGB (color type 2),
/// RGBA (6), gray (0, also at 1, 2 and 4 bits), gray+alpha (4) and palette (3, at 1, 2, 4 and 8 bits) images.
/// Transparency (an alpha channel or a tRNS chunk) is composited over a white background rather than
/// dropped, because dropping it would expose whatever colour the encoder left in transparent pixels
/// (often black). Every chunk CRC and the zlib checksum are verified.
/// </summary>
/// <remarks>
/// Anything else (16-bit samples, Adam7 interlacing, unknown critical chunks) is refused, as are damaged or
/// truncated files, with an <see cref="InvalidDataException"/> naming the file and the problem. Headers
/// claiming more than 64 megapixels, or more pixels than their compressed data could hold, are refused before
/// any pixel memory is allocated.
/// </remarks>
public static class Png
{
    /// <summary>Decodes the PNG file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a PNG this decoder reads, or is damaged or truncated.</exception>
    public static RgbImage Decode(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Decode(ReadFile(path), path);
    }

    /// <summary>Decodes a PNG held in memory; <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a PNG this decoder reads, or are damaged or truncated.</exception>
    public static RgbImage Decode(ReadOnlySpan<byte> bytes, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        PngChunks chunks = PngChunks.Read(bytes, sourceName);
        byte[] scanlines = PngInflater.Inflate(chunks.ImageData, chunks.Header, sourceName);
        PngUnfilter.Apply(scanlines, chunks.Header, sourceName);
        byte[] rgb = PngPixelConverter.ToRgb(scanlines, chunks, sourceName);
        return new RgbImage(chunks.Header.Width, chunks.Header.Height, rgb);
    }

    /// <summary>The file's bytes, read only once its first bytes are the PNG signature, and only up to <see cref="PngHeader.MaxFileBytes"/>.</summary>
    static byte[] ReadFile(string path) => BoundedFileReader.Read(path, head =>
    {
        PngChunks.CheckSignature(head, path);
        return (PngHeader.MaxFileBytes, "PNG");
    });

}
