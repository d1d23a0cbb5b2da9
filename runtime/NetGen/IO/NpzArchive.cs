using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

#if NET
namespace NetGen.IO;
#else
namespace NetGen.Generator.Shared.IO; // Compiled into the generator too (to check Weights files); its own namespace there.
#endif

/// <summary>One <c>&lt;key&gt;.npy</c> entry of an .npz as its zip directory lists it, before anything is inflated.</summary>
/// <param name="Key">The array's key: the entry's name without <c>.npy</c>.</param>
/// <param name="DeclaredLength">The uncompressed size the directory declares; reading holds the entry to it.</param>
/// <param name="Zip">The zip entry, for its CRC-32 and its data.</param>
internal sealed record NpzEntry(string Key, long DeclaredLength, ZipArchiveEntry Zip);

/// <summary>
/// An .npz file open for reading: its entries from the zip directory, checked to be <c>.npy</c> arrays with distinct
/// keys, and each entry read header first so callers can refuse it before its data is inflated. Every entry is
/// held to its declared size and CRC-32 (<see cref="ZipEntryStream"/>), and every error names the file.
/// </summary>
internal sealed class NpzArchive : IDisposable
{
    /// <summary>Each array is the entry <c>&lt;key&gt;.npy</c>.</summary>
    internal const string EntrySuffix = ".npy";

    readonly ZipArchive _zip;

    NpzArchive(string path, ZipArchive zip, IReadOnlyList<NpzEntry> entries)
    {
        Path = path;
        _zip = zip;
        Entries = entries;
    }

    /// <summary>The file, as the caller named it.</summary>
    public string Path { get; }

    /// <summary>The arrays in directory order.</summary>
    public IReadOnlyList<NpzEntry> Entries { get; }

#if NET // The generator (netstandard2.0) opens the bytes the compiler hands it instead.
    /// <exception cref="InvalidDataException">The file is not a zip archive, or holds an entry that is not a .npy array or a key twice.</exception>
    public static NpzArchive Open(string path) => Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), path);
#endif

    /// <summary>Opens the .npz held by <paramref name="file"/>, which the archive then owns; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The data is not a zip archive, or holds an entry that is not a .npy array or a key twice.</exception>
    public static NpzArchive Open(Stream file, string path)
    {
        try
        {
            // A zip's directory is at its end; ZipArchive would copy a stream it cannot seek into memory, without limit.
            if (!file.CanSeek)
                throw new InvalidDataException($"'{path}': expected a .npz file, found a pipe or device that cannot seek (a zip archive is read from its end).");
            // The directory is read in two places (the constructor and Entries); both can meet damage.
            var zip = new ZipArchive(file, ZipArchiveMode.Read);
            return new NpzArchive(path, zip, List(zip, path));
        }
        catch (Exception exception) when (exception is InvalidDataException or NotSupportedException or IOException && !Names(exception, $"'{path}'"))
        {
            file.Dispose();
            throw new InvalidDataException($"'{path}': expected a .npz file (a zip archive of .npy arrays), found data that is not a readable zip archive: {exception.Message}", exception);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads <paramref name="entry"/>'s .npy header and hands it to <paramref name="accept"/>; when that returns
    /// false, returns null without inflating the data, otherwise reads the data, which must fill the declared size.
    /// </summary>
    /// <exception cref="InvalidDataException">The entry is damaged (its CRC-32 or size does not match) or not a .npy array NetGen reads.</exception>
    public NpyArray? Read(NpzEntry entry, Func<NpyHeader, bool>? accept = null)
    {
        var source = $"'{Path}', array '{entry.Key}'";
        try
        {
            using var stream = new ZipEntryStream(entry.Zip.Open(), entry.DeclaredLength, entry.Zip.Crc32, source);
            var header = Npy.ReadHeader(stream, source, out var headerBytes);
            if (accept is not null && !accept(header)) return null;
            return Npy.ReadData(stream, header, source, entry.DeclaredLength - headerBytes);
        }
        catch (Exception exception) when (exception is InvalidDataException or NotSupportedException or IOException && !Names(exception, source))
        {
            // The zip layer's own errors (corrupt deflate data, unsupported compression) do not name the file.
            throw new InvalidDataException($"{source}: expected a readable zip entry, found: {exception.Message}", exception);
        }
    }

    public void Dispose() => _zip.Dispose();

    static List<NpzEntry> List(ZipArchive zip, string path)
    {
        var entries = new List<NpzEntry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            if (!entry.FullName.EndsWith(EntrySuffix, StringComparison.Ordinal))
                throw new InvalidDataException($"'{path}': expected only .npy entries in the .npz archive, found the entry '{entry.FullName}'.");
            var key = entry.FullName[..^EntrySuffix.Length];
            if (!keys.Add(key))
                throw new InvalidDataException($"'{path}': expected each array once, found the entry '{entry.FullName}' twice.");
            entries.Add(new NpzEntry(key, entry.Length, entry));
        }
        return entries;
    }

    /// <summary>Whether <paramref name="exception"/> is one of NetGen's own errors, which already name the file.</summary>
    static bool Names(Exception exception, string source) =>
        exception is InvalidDataException && exception.Message.StartsWith(source, StringComparison.Ordinal);
}
