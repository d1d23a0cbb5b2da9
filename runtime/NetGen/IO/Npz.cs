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
    const string EntrySuffix = ".npy";

    // A fixed timestamp (the zip format's earliest, as numpy uses) makes equal contents give equal files.
    static readonly DateTimeOffset EntryTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Reads every array of the archive at <paramref name="path"/>, stored or deflated, keyed as numpy keys them.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is not a zip archive, holds an entry that is not a <c>.npy</c> array NetGen can read, or holds a key twice.
    /// </exception>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        ZipArchive archive;
        try { archive = new ZipArchive(file, ZipArchiveMode.Read); }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"'{path}': expected a .npz file (a zip archive of .npy arrays), found data that is not a zip archive: {exception.Message}", exception);
        }

        using (archive)
        {
            var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                if (!entry.FullName.EndsWith(EntrySuffix, StringComparison.Ordinal))
                    throw new InvalidDataException($"'{path}': expected only .npy entries in the .npz archive, found the entry '{entry.FullName}'.");
                var key = entry.FullName[..^EntrySuffix.Length];
                if (arrays.ContainsKey(key))
                    throw new InvalidDataException($"'{path}': expected each array once, found the entry '{entry.FullName}' twice.");
                arrays.Add(key, ReadEntry(entry, $"'{path}', array '{key}'"));
            }
            return new ReadOnlyDictionary<string, NpyArray>(arrays);
        }
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
                var entry = archive.CreateEntry(key + EntrySuffix, compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                entry.LastWriteTime = EntryTimestamp;
                using var entryStream = entry.Open();
                Npy.Write(entryStream, array);
            }
        });
    }

    static NpyArray ReadEntry(ZipArchiveEntry entry, string source)
    {
        try
        {
            using var stream = entry.Open();
            return Npy.Read(stream, source);
        }
        catch (InvalidDataException exception) when (!exception.Message.StartsWith(source, StringComparison.Ordinal))
        {
            // The zip layer's own errors (corrupt deflate data, unsupported compression) do not name the file.
            throw new InvalidDataException($"{source}: expected a readable zip entry, found: {exception.Message}", exception);
        }
    }
}
