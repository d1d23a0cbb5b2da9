using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using System.Text;

// The .NET APIs the runtime's .npz reader (linked in from runtime/NetGen/IO) uses that netstandard2.0 lacks, so
// that the generator checks weights files with the very code that loads them at run time. Each does what the
// .NET API does for the arguments the reader passes.

namespace System
{
    /// <summary>An index from the start or the end, for the reader's <c>[..^n]</c> slices.</summary>
    internal readonly struct Index
    {
        readonly int _value;

        public Index(int value, bool fromEnd = false) => _value = fromEnd ? ~value : value;

        public int GetOffset(int length) => _value < 0 ? length + _value + 1 : _value;

        public static implicit operator Index(int value) => new(value);
    }

    /// <summary>A slice <c>[start..end]</c>.</summary>
    internal readonly struct Range(Index start, Index end)
    {
        public Index Start { get; } = start;

        public Index End { get; } = end;

        public static Range StartAt(Index start) => new(start, new Index(0, fromEnd: true));

        public static Range EndAt(Index end) => new(new Index(0), end);

        public static Range All => new(new Index(0), new Index(0, fromEnd: true));
    }
}

namespace NetGen.Generator.Shared.IO
{
    internal static class Polyfills
    {
        extension(Array)
        {
            /// <summary>The largest element count of a one-dimensional .NET array, as .NET 6's <c>Array.MaxLength</c>.</summary>
            public static int MaxLength => 0x7FFFFFC7;
        }

        extension(ArgumentNullException)
        {
            public static void ThrowIfNull(object? argument, string? paramName = null)
            {
                if (argument is null) throw new ArgumentNullException(paramName);
            }
        }

        extension(Encoding)
        {
            /// <summary>ISO-8859-1, built into every .NET runtime the compiler runs on.</summary>
            public static Encoding Latin1 => Encoding.GetEncoding(28591);
        }

        extension(char)
        {
            public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

            public static bool IsAsciiLetterOrDigit(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z';
        }

        extension(long)
        {
            public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider provider, out long result) =>
                long.TryParse(s.ToString(), style, provider, out result);
        }

        extension(System.Buffers.Binary.BinaryPrimitives)
        {
            public static void ReverseEndianness(ReadOnlySpan<uint> source, Span<uint> destination)
            {
                for (var i = 0; i < source.Length; i++) destination[i] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(source[i]);
            }

            public static void ReverseEndianness(ReadOnlySpan<ulong> source, Span<ulong> destination)
            {
                for (var i = 0; i < source.Length; i++) destination[i] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(source[i]);
            }

            public static void ReverseEndianness(ReadOnlySpan<long> source, Span<long> destination)
            {
                for (var i = 0; i < source.Length; i++) destination[i] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(source[i]);
            }
        }

        extension<TKey, TValue>(Dictionary<TKey, TValue> dictionary) where TKey : notnull
        {
            public bool TryAdd(TKey key, TValue value)
            {
                if (dictionary.ContainsKey(key)) return false;
                dictionary.Add(key, value);
                return true;
            }
        }

        extension(Stream stream)
        {
            public int Read(Span<byte> buffer)
            {
                var bytes = new byte[buffer.Length];
                var got = stream.Read(bytes, 0, bytes.Length);
                bytes.AsSpan(0, got).CopyTo(buffer);
                return got;
            }

            public void Write(ReadOnlySpan<byte> buffer) => stream.Write(buffer.ToArray(), 0, buffer.Length);

            public int ReadAtLeast(Span<byte> buffer, int minimumBytes, bool throwOnEndOfStream)
            {
                var total = 0;
                while (total < minimumBytes)
                {
                    var got = stream.Read(buffer[total..]);
                    if (got == 0)
                    {
                        if (throwOnEndOfStream) throw new EndOfStreamException();
                        break;
                    }
                    total += got;
                }
                return total;
            }
        }

        extension(ZipArchiveEntry entry)
        {
            /// <summary>
            /// The CRC-32 the central directory records for the entry. Public on every .NET the compiler runs on
            /// (.NET Core 3.0 and later); .NET Framework keeps the same value in a private field.
            /// </summary>
            public uint Crc32 => (uint)(CrcProperty?.GetValue(entry) ?? CrcField?.GetValue(entry)
                ?? throw new NotSupportedException("this .NET runtime's ZipArchiveEntry does not expose the CRC-32 of an entry, so the .npz cannot be checked"));
        }

        static readonly PropertyInfo? CrcProperty = typeof(ZipArchiveEntry).GetProperty("Crc32", BindingFlags.Public | BindingFlags.Instance);
        static readonly FieldInfo? CrcField = typeof(ZipArchiveEntry).GetField("_crc32", BindingFlags.NonPublic | BindingFlags.Instance);
    }
}
