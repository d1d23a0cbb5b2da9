using System;
using System.IO;

namespace NetGen.Data.Imaging;

/// <summary>Decodes a photo file, PNG or JPEG, chosen by the file's signature rather than its name.</summary>
public static class ImageFile
{
    static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Decodes the PNG (with <see cref="Png"/>) or JPEG (with <see cref="Jpeg"/>) at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is larger than <see cref="ImageLimits.MaxFileBytes"/>, is neither PNG nor JPEG, or its decoder refuses it.
    /// </exception>
    public static RgbImage Decode(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long length = new FileInfo(path).Length;
        if (length > ImageLimits.MaxFileBytes)
            throw new InvalidDataException($"'{path}' holds {length} bytes; NetGen decodes images of at most {ImageLimits.MaxFileBytes} bytes.");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().StartsWith(PngSignature)) return Png.Decode(bytes, path);
        if (JpegFrameHeader.HasSignature(bytes)) return Jpeg.Decode(bytes, path);
        throw new InvalidDataException($"'{path}' is neither a PNG nor a JPEG file (it starts with {Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))}); NetGen decodes those two.");
    }
}
