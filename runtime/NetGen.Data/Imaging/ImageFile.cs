using System;
using System.IO;

namespace NetGen.Data.Imaging;

/// <summary>Decodes a photo file, PNG or JPEG, chosen by the file's signature rather than its name.</summary>
public static class ImageFile
{
    /// <summary>Decodes the PNG (with <see cref="Png"/>) or JPEG (with <see cref="Jpeg"/>) at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is neither PNG nor JPEG (seen from its first bytes, before it is read), is larger than its format allows, or its decoder refuses it.
    /// </exception>
    public static RgbImage Decode(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = BoundedFileReader.Read(path, head =>
            PngChunks.HasSignature(head) ? (PngHeader.MaxFileBytes, "PNG")
            : JpegFrameHeader.HasSignature(head) ? (ImageLimits.MaxFileBytes, "JPEG")
            : throw new InvalidDataException($"'{path}' is neither a PNG nor a JPEG file (it starts with {Convert.ToHexString(head)}); NetGen decodes those two."));
        // The head was one of the two signatures, and the bytes start with it.
        return PngChunks.HasSignature(bytes) ? Png.Decode(bytes, path) : Jpeg.Decode(bytes, path);
    }
}
