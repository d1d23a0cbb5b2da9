using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

#if NET
namespace NetGen.IO;
#else
namespace NetGen.Generator.Shared.IO; // Compiled into the generator too (to check Weights files); its own namespace there.
#endif

/// <summary>
/// Reads and writes numpy's .npy format (<c>np.save</c> / <c>np.load</c>): a magic string, a version, a
/// Python-literal header with dtype, order and shape, then the raw elements.
/// </summary>
/// <remarks>
/// Reads format versions 1.0, 2.0 and 3.0, little- and big-endian <c>f4</c>, <c>f8</c>, <c>i8</c> and <c>u1</c>,
/// 0-d and empty arrays, and Fortran-order arrays (rearranged into C order). Writes version 1.0 in this
/// machine's byte order and C order, as <c>np.save</c> does. Every malformed file throws
/// <see cref="InvalidDataException"/> naming the file, what was expected and what was found; sizes are
/// checked before anything large is allocated.
/// </remarks>
public static class Npy
{
    /// <summary>The largest header accepted; numpy's own default limit is 10,000 bytes.</summary>
    const int MaxHeaderLength = 65536;

    /// <summary>Below this many bytes the payload is allocated at once even when the stream's length is unknown.</summary>
    const int TrustedAllocationBytes = 1 << 20;

    static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

#if NET // Files by path are the runtime's; the generator (netstandard2.0) reads the bytes the compiler hands it.
    /// <summary>Reads a .npy file.</summary>
    /// <exception cref="InvalidDataException">The file is not a .npy array NetGen can read.</exception>
    public static NpyArray Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(stream, $"'{path}'");
    }
#endif

    /// <summary>Reads one .npy array from <paramref name="stream"/>, which must end where the array's data ends.</summary>
    /// <param name="stream">Positioned at the magic string.</param>
    /// <param name="source">Names the file (and array) in error messages, e.g. <c>'model.npz', array 'W1'</c>.</param>
    /// <exception cref="InvalidDataException">The data is not a .npy array NetGen can read.</exception>
    public static NpyArray Read(Stream stream, string source)
    {
        var header = ReadHeader(stream, source, out _);
        return ReadData(stream, header, source, RemainingLength(stream));
    }

    /// <summary>
    /// Reads and checks the magic string, version and header of a .npy array, leaving <paramref name="stream"/>
    /// at the first data byte; <paramref name="headerBytes"/> is how many bytes that took.
    /// </summary>
    internal static NpyHeader ReadHeader(Stream stream, string source, out int headerBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);

        Span<byte> prefix = stackalloc byte[12];
        var got = stream.ReadAtLeast(prefix[..8], 8, throwOnEndOfStream: false);
        if (got < 8)
            throw Error(source, $"expected a .npy file starting with the 8-byte magic string \\x93NUMPY and version, found only {got} bytes");
        if (!prefix[..6].SequenceEqual(Magic))
            throw Error(source, $"expected the .npy magic string \\x93NUMPY, found {Printable(prefix[..6])}");

        int major = prefix[6], minor = prefix[7];
        if (major is < 1 or > 3 || minor != 0)
            throw Error(source, $"expected .npy format version 1.0, 2.0 or 3.0, found {major}.{minor}");

        var lengthSize = major == 1 ? 2 : 4;
        got = stream.ReadAtLeast(prefix.Slice(8, lengthSize), lengthSize, throwOnEndOfStream: false);
        if (got < lengthSize)
            throw Error(source, $"expected a {lengthSize}-byte header length after the version, found only {got} bytes");
        var headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        if (headerLength > MaxHeaderLength)
            throw Error(source, $"expected a header of at most {MaxHeaderLength} bytes, found a header length of {headerLength}");

        var headerText = new byte[headerLength];
        got = stream.ReadAtLeast(headerText, headerText.Length, throwOnEndOfStream: false);
        if (got < headerText.Length)
            throw Error(source, $"expected a header of {headerLength} bytes, found only {got} before the end of the file");
        headerBytes = 8 + lengthSize + (int)headerLength;
        // Versions 1.0 and 2.0 store the header in latin-1, 3.0 in UTF-8.
        return NpyHeader.Parse(major == 3 ? DecodeUtf8(headerText, source) : Encoding.Latin1.GetString(headerText), source);
    }

    /// <summary>
    /// The most bytes a .npy file of <paramref name="elements"/> elements of <paramref name="dtype"/> can take:
    /// the data plus the longest prefix and header this reader accepts.
    /// </summary>
    internal static long MaxFileBytes(NpyDType dtype, long elements) => 12 + MaxHeaderLength + elements * NpyDescr.ElementSize(dtype);

    /// <summary>
    /// Reads the elements <paramref name="header"/> describes, which must be all that is left of
    /// <paramref name="stream"/>; <paramref name="remaining"/> is how many bytes are left, when known.
    /// </summary>
    internal static NpyArray ReadData(Stream stream, NpyHeader header, string source, long? remaining)
    {
        var elementSize = NpyDescr.ElementSize(header.DType);
        // Arrays are limited to what one .NET array of bytes can hold (about 2 GiB).
        var count = NpyShape.ElementCount(header.Shape, Array.MaxLength / elementSize);
        if (count < 0)
            throw Error(source, $"expected at most {Array.MaxLength} bytes of data ({Array.MaxLength / elementSize} elements of {NpyDescr.Name(header.DType)}), found shape {NpyShape.Format(header.Shape)}");

        var elements = ReadElements(stream, header, (int)count, elementSize, source, remaining);
        if (header.BigEndian == BitConverter.IsLittleEndian) NpyElementOrder.SwapBytes(elements);
        if (header.FortranOrder) elements = NpyElementOrder.FortranToC(elements, header.Shape);
        return new NpyArray(header.DType, header.Shape, elements);
    }

#if NET
    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/> atomically (see <see cref="AtomicFile"/>).</summary>
    public static void Write(string path, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        AtomicFile.Write(path, stream => Write(stream, array));
    }
#endif

    /// <summary>Writes <paramref name="array"/> as .npy version 1.0 (2.0 if the header needed it) in C order.</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);

        var header = NpyHeader.Format(array.DType, array.Shape);
        var major = header.Length + 1 + 10 > ushort.MaxValue ? 2 : 1;
        var prefixLength = major == 1 ? 10 : 12;
        // Pad with spaces and end with '\n' so the data starts 64-byte aligned, as numpy does.
        var padding = 63 - (prefixLength + header.Length + 1 + 63) % 64;
        var headerLength = header.Length + padding + 1;

        Span<byte> prefix = stackalloc byte[12];
        Magic.CopyTo(prefix);
        prefix[6] = (byte)major;
        prefix[7] = 0;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], (ushort)headerLength);
        else BinaryPrimitives.WriteUInt32LittleEndian(prefix[8..], (uint)headerLength);
        stream.Write(prefix[..prefixLength]);
        stream.Write(Encoding.ASCII.GetBytes(header + new string(' ', padding) + "\n"));
        stream.Write(array.ElementBytes);
    }

    static Array ReadElements(Stream stream, NpyHeader header, int count, int elementSize, string source, long? remaining)
    {
        long expectedBytes = (long)count * elementSize;
        if (remaining is { } known && known != expectedBytes)
            throw SizeMismatch(source, header, expectedBytes, $"{known} bytes of data follow the header");

        if (remaining is not null || expectedBytes <= TrustedAllocationBytes)
        {
            var elements = NpyArray.Allocate(header.DType, count);
            var got = stream.ReadAtLeast(NpyArray.BytesOf(elements), (int)expectedBytes, throwOnEndOfStream: false);
            if (got < expectedBytes)
                throw SizeMismatch(source, header, expectedBytes, $"the data ends after {got} bytes");
            ExpectEnd(stream, header, expectedBytes, source);
            return elements;
        }

        // Unknown length (a stream that cannot seek): grow with the data actually read, so a header that
        // promises gigabytes over a few bytes of input cannot make us allocate them.
        var capacity = TrustedAllocationBytes / elementSize;
        var buffer = NpyArray.Allocate(header.DType, capacity);
        long filled = 0;
        while (true)
        {
            var bytes = NpyArray.BytesOf(buffer);
            var got = stream.ReadAtLeast(bytes[(int)filled..], bytes.Length - (int)filled, throwOnEndOfStream: false);
            filled += got;
            if (filled < bytes.Length)
                throw SizeMismatch(source, header, expectedBytes, $"the data ends after {filled} bytes");
            if (capacity == count) break;
            capacity = (int)Math.Min(count, capacity * 2L);
            buffer = Resize(buffer, capacity);
        }
        ExpectEnd(stream, header, expectedBytes, source);
        return buffer;
    }

    static void ExpectEnd(Stream stream, NpyHeader header, long expectedBytes, string source)
    {
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) != 0)
            throw SizeMismatch(source, header, expectedBytes, "more data after that");
    }

    static long? RemainingLength(Stream stream)
    {
        if (!stream.CanSeek) return null;
        try { return stream.Length - stream.Position; }
        catch (NotSupportedException) { return null; }
    }

    static Array Resize(Array elements, int length)
    {
        var resized = NpyArray.Allocate(elements switch
        {
            float[] => NpyDType.Float32,
            double[] => NpyDType.Float64,
            byte[] => NpyDType.UInt8,
            _ => NpyDType.Int64,
        }, length);
        Array.Copy(elements, resized, elements.Length);
        return resized;
    }

    static string DecodeUtf8(byte[] bytes, string source)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException exception)
        {
            throw new InvalidDataException($"{source}: invalid .npy header: expected UTF-8 text (format 3.0), found invalid bytes.", exception);
        }
    }

    static InvalidDataException SizeMismatch(string source, NpyHeader header, long expectedBytes, string found) =>
        Error(source, $"expected {expectedBytes} bytes of data for shape {NpyShape.Format(header.Shape)} of {NpyDescr.Name(header.DType)}, found {found}");

    static InvalidDataException Error(string source, string message) => new($"{source}: {message}.");

    static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes) text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:x2}");
        return text.ToString();
    }
}
