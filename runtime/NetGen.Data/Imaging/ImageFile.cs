using System;
using System.IO;

namespace NetGen.Data.Imaging;

/// <summary>Decodes a photo file, PNG or JPEG, chosen by the file's signature rather than its name.</summary>
public static class ImageFile
{
    enum Format { Unknown, Png, Jpeg }

    static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Decodes the PNG (with <see cref="Png"/>) or JPEG (with <see cref="Jpeg"/>) at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is neither PNG nor JPEG (seen from its first bytes, before it is read), is larger than its format allows, or its decoder refuses it.
    /// </exception>
    public static RgbImage Decode(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var format = Format.Unknown;
        byte[] bytes = BoundedFileReader.Read(path, head =>
        {
            format = head.StartsWith(PngSignature) ? Format.Png : JpegFrameHeader.HasSignature(head) ? Format.Jpeg
                : throw new InvalidDataException($"'{path}' is neither a PNG nor a JPEG file (it starts with {Convert.ToHexString(head)}); NetGen decodes those two.");
            return format == Format.Png ? (PngHeader.MaxFileBytes, "PNG") : (ImageLimits.MaxFileBytes, "JPEG");
        });
        return format == Format.Png ? Png.Decode(bytes, path) : Jpeg.Decode(bytes, path);
    }
}
