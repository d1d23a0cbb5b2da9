using System;
using System.IO;

namespace NetGen.Data.Imaging;

/// <summary>
/// Reads an image file whole, but only once its first bytes say what it is and only up to the most bytes such a file
/// may hold: a large file of something else, or a device such as <c>/dev/zero</c> that never ends, is refused after
/// a few bytes, not read into memory.
/// </summary>
internal static class BoundedFileReader
{
    /// <summary>How many leading bytes <see cref="Read"/> hands to its check: a PNG signature's length.</summary>
    public const int HeadLength = 8;

    /// <summary>
    /// Looks at the first <see cref="HeadLength"/> bytes (fewer if the file is shorter): throws if they are not a file it
    /// takes, else returns the most bytes such a file may hold, and what to call the format in an error.
    /// </summary>
    public delegate (long MaxBytes, string Format) HeadCheck(ReadOnlySpan<byte> head);

    /// <summary>The file's bytes, after <paramref name="check"/> accepted its head; refused past the limit it gave.</summary>
    /// <exception cref="InvalidDataException">The head was refused, or the file holds more than the limit.</exception>
    public static byte[] Read(string path, HeadCheck check)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var buffer = new byte[HeadLength];
        var filled = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var (maxBytes, format) = check(buffer.AsSpan(0, filled));

        // The length is a hint only: devices and pipes report 0 or nothing.
        var length = stream.CanSeek ? stream.Length : 0;
        if (length > maxBytes)
            throw TooLarge(path, format, maxBytes, $"it is {length} bytes long, more");
        // One byte more than the length, so a file read whole ends with a read of nothing rather than a resize.
        Array.Resize(ref buffer, (int)Math.Max(length + 1, 4096));
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled > maxBytes) throw TooLarge(path, format, maxBytes, "it holds more");
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxBytes + 1));
            }
            var got = stream.Read(buffer, filled, buffer.Length - filled);
            if (got == 0) break;
            filled += got;
        }
        Array.Resize(ref buffer, filled);
        return buffer;
    }

    static InvalidDataException TooLarge(string path, string format, long maxBytes, string found) =>
        new($"'{path}' is not a {format} NetGen reads: {found} than the {maxBytes} bytes of the largest {format} it decodes.");
}
