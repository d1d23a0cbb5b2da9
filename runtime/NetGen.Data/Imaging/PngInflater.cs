using System.IO;
using System.IO.Compression;

namespace NetGen.Data.Imaging;

/// <summary>Inflates the IDAT zlib stream into exactly the filtered scanlines the header calls for.</summary>
internal static class PngInflater
{
    /// <summary>
    /// Deflate cannot expand data more than about 1032 times (a 258-byte match coded in 2 bits), so an IDAT
    /// stream too small for the header's image is refused before the output buffer is allocated.
    /// </summary>
    const long MaxDeflateRatio = 1032;

    /// <summary>Returns the inflated scanlines (each a filter byte and <see cref="PngHeader.RowBytes"/> bytes).</summary>
    public static byte[] Inflate(byte[] imageData, PngHeader header, string source)
    {
        long expected = header.InflatedSize;
        if (expected > imageData.Length * MaxDeflateRatio + 1024)
            throw PngErrors.Corrupt(source,
                $"its {imageData.Length} bytes of IDAT data cannot inflate to the {expected} bytes a {header.Describe()} image needs (truncated?)");

        var scanlines = new byte[expected];
        int read;
        bool extra;
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(imageData, writable: false), CompressionMode.Decompress);
            read = zlib.ReadAtLeast(scanlines, scanlines.Length, throwOnEndOfStream: false);
            // Reading past the image both detects surplus data and makes zlib check the stream's Adler-32.
            extra = read == scanlines.Length && zlib.Read(new byte[1], 0, 1) > 0;
        }
        catch (InvalidDataException e)
        {
            throw PngErrors.Corrupt(source, $"its IDAT data is not a valid zlib stream ({e.Message.TrimEnd('.')})");
        }

        if (read < scanlines.Length)
            throw PngErrors.Corrupt(source,
                $"its IDAT data inflates to {read} bytes, but a {header.Describe()} image needs {expected} (a filter byte and {header.RowBytes} bytes per row; truncated?)");
        if (extra)
            throw PngErrors.Corrupt(source,
                $"its IDAT data inflates to more than the {expected} bytes a {header.Describe()} image needs (a filter byte and {header.RowBytes} bytes per row)");
        return scanlines;
    }
}
