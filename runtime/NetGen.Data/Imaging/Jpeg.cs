using System;
using System.IO;
using StbImageSharp;

namespace NetGen.Data.Imaging;

/// <summary>
/// Decodes baseline and progressive 8-bit JPEG photos with StbImageSharp, behind NetGen's own checks: the frame
/// header's dimensions are read and limited (<see cref="ImageLimits.MaxPixels"/>) before the decoder runs.
/// </summary>
/// <remarks>
/// JPEG carries no checksum and StbImageSharp does not check the integrity of the entropy-coded data: a truncated
/// or damaged JPEG decodes partially (missing blocks come out gray or smeared) rather than being refused.
/// </remarks>
public static class Jpeg
{
    /// <summary>Decodes a JPEG held in memory to RGB (gray images are expanded); <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a JPEG this decoder reads, or are too damaged to decode at all.</exception>
    public static RgbImage Decode(byte[] bytes, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(sourceName);
        var header = JpegFrameHeader.Read(bytes, sourceName);
        ImageResult result;
        try { result = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue); }
        catch (InvalidOperationException exception)
        {
            // StbImageSharp reports a failure as its C original's terse reason, e.g. "bad huffman code".
            throw new InvalidDataException($"'{sourceName}' is not a JPEG file StbImageSharp can decode: {exception.Message}.", exception);
        }
        if (result.Width != header.Width || result.Height != header.Height || result.Data.LongLength != (long)header.Width * header.Height * 3)
            throw new InvalidDataException($"'{sourceName}': the frame header gives {header.Width}x{header.Height}, but the decoder returned {result.Width}x{result.Height} with {result.Data.LongLength} bytes.");
        return new RgbImage(result.Width, result.Height, result.Data);
    }
}
