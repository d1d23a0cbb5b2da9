using System;
using System.IO;

namespace NetGen.IO;

/// <summary>
/// Replaces a file as a whole or not at all: contents go to a temporary file in the same folder, which is
/// flushed to disk and then moved over the target. A crash or an exception while writing leaves the previous
/// file untouched and no temporary file behind (short of the process being killed mid-write).
/// </summary>
public static class AtomicFile
{
    /// <summary>The suffix of the temporary files, which start with <c>.</c> and the target's name.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>Writes <paramref name="path"/> with whatever <paramref name="writeContents"/> writes to the stream it is given.</summary>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="writeContents">Writes the complete contents; if it throws, the target is left as it was.</param>
    public static void Write(string path, Action<Stream> writeContents)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeContents);

        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        // Same folder, so the final move is a rename within one file system and therefore atomic.
        var temporaryPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContents(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }
    }

    static void TryDelete(string temporaryPath)
    {
        // Cleanup must not hide the exception that made the write fail.
        try { File.Delete(temporaryPath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
