using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.IO.Compression;

namespace NetGen.IO;

/// <summary>
/// Reads and writes numpy's .npz archives (<c>np.savez</c>, <c>np.savez_compressed</c>, <c>np.load</c>):
/// a zip file with one <c>&lt;key&gt;.npy</c> entry per array.
/// </summary>
public static class Npz
{
    // A fixed timestamp (the zip format's earliest, as numpy uses) makes equal contents give equal files.
    static readonly DateTimeOffset EntryTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The most bytes <see cref="Read(string)"/> inflates; pass a limit to <see cref="Read(string, long)"/> for larger archives.</summary>
    public const long DefaultMaxBytes = 256L << 20;

    /// <summary>Reads every array of the archive at <paramref name="path"/>, stored or deflated, keyed as numpy keys them, if its entries hold at most <see cref="DefaultMaxBytes"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is not a zip archive, is damaged (an entry's CRC-32 or size does not match), holds an entry that is
    /// not a <c>.npy</c> array NetGen can read or a key twice, or declares more than <see cref="DefaultMaxBytes"/>.
    /// </exception>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path) => Read(path, DefaultMaxBytes);

    /// <summary>
    /// Reads every array of the archive at <paramref name="path"/>, refusing it before anything is inflated when its
    /// entries declare more than <paramref name="maxBytes"/> uncompressed bytes in all; no entry is inflated past
    /// the size it declares, so a file that lies about its sizes (a zip bomb) is refused too.
    /// </summary>
    /// <exception cref="InvalidDataException">As <see cref="Read(string)"/>, with <paramref name="maxBytes"/> as the limit.</exception>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path, long maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        using var archive = NpzArchive.Open(path);
        long declared = 0;
        foreach (var entry in archive.Entries)
        {
            declared += entry.DeclaredLength;
            if (entry.DeclaredLength < 0 || declared < 0 || declared > maxBytes)
                throw new InvalidDataException($"'{path}': expected at most {maxBytes} bytes of arrays (the limit this read was given), found entries that declare {(declared < 0 ? "more than 2^63" : declared)} bytes uncompressed by '{entry.Zip.FullName}'.");
        }

        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
            arrays.Add(entry.Key, archive.Read(entry)!);
        return new ReadOnlyDictionary<string, NpyArray>(arrays);
    }

    /// <summary>
    /// Writes <paramref name="arrays"/> to <paramref name="path"/> as <c>np.savez</c> does (or as
    /// <c>np.savez_compressed</c> does when <paramref name="compressed"/>), atomically (see <see cref="AtomicFile"/>).
    /// </summary>
    /// <param name="path">The .npz file to create or replace.</param>
    /// <param name="arrays">The arrays by key; <c>np.load(path)[key]</c> returns each.</param>
    /// <param name="compressed">Deflate the entries instead of storing them.</param>
    /// <exception cref="ArgumentException">A key is empty or appears twice.</exception>
    public static void Write(string path, IEnumerable<KeyValuePair<string, NpyArray>> arrays, bool compressed = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(arrays);

        // Check every key before the file is touched.
        var entries = new List<KeyValuePair<string, NpyArray>>(arrays);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, array) in entries)
        {
            if (string.IsNullOrEmpty(key)) throw new ArgumentException("Every array needs a non-empty key.", nameof(arrays));
            if (array is null) throw new ArgumentException($"The array for key '{key}' is null.", nameof(arrays));
            if (!keys.Add(key)) throw new ArgumentException($"Each key may appear once; '{key}' appears twice.", nameof(arrays));
        }

        AtomicFile.Write(path, stream =>
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (key, array) in entries)
            {
                var entry = archive.CreateEntry(key + NpzArchive.EntrySuffix, compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                entry.LastWriteTime = EntryTimestamp;
                using var entryStream = entry.Open();
                Npy.Write(entryStream, array);
            }
        });
    }
}
