using System;
using System.IO;
using System.Text.RegularExpressions;

namespace NetGen.IO;

/// <summary>
/// Replaces a file as a whole or not at all: contents go to a temporary file in the same folder, which is
/// flushed to disk and then moved over the target. An exception while writing leaves the previous file
/// untouched and no temporary file behind; a process killed mid-write leaves its temporary file, which the
/// next write into that folder removes once it is stale (see <see cref="Write"/>).
/// </summary>
public static partial class AtomicFile
{
    /// <summary>The suffix of the temporary files, which are named <c>.&lt;target's name&gt;.&lt;32 hex digits&gt;.tmp</c>.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>
    /// How long a temporary file must have gone unwritten before a later write may remove it: far longer than the
    /// moment between a live write creating its file and locking it, the only time such a file is unlocked.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);

    /// <summary>Writes <paramref name="path"/> with whatever <paramref name="writeContents"/> writes to the stream it is given.</summary>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="writeContents">Writes the complete contents; if it throws, the target is left as it was.</param>
    /// <remarks>
    /// First removes the folder's stale temporary files: those with this class's names that no write holds open
    /// (a live write keeps its file open, and so locked, until it has been moved) and that have not been written
    /// for <see cref="StaleAfter"/>. They are what writes killed mid-way leave behind.
    /// </remarks>
    /// <exception cref="IOException">Writing or replacing failed (the message names <paramref name="path"/>, not the temporary file).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the target may not be written.</exception>
    public static void Write(string path, Action<Stream> writeContents)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeContents);

        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        // Same folder, so the final move is a rename within one file system and therefore atomic.
        var temporaryPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}{TemporarySuffix}");
        RemoveStaleTemporaryFiles(folder);
        try
        {
            // FileShare.Delete lets the file be moved while open (Windows); holding it open until then keeps other
            // writers' cleanup from taking it for a crashed write's file.
            using var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.Delete);
            writeContents(stream);
            stream.Flush(flushToDisk: true);
            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch (Exception exception)
        {
            TryDelete(temporaryPath);
            if (exception is UnauthorizedAccessException)
                throw new UnauthorizedAccessException($"Cannot write '{fullPath}': access denied (a write creates a temporary file in '{folder}' and renames it over the file; both must be allowed).", exception);
            if (exception is DirectoryNotFoundException)
                throw new DirectoryNotFoundException($"Cannot write '{fullPath}': the folder '{folder}' does not exist.", exception);
            if (exception is IOException && exception.Message.Contains(temporaryPath, StringComparison.Ordinal))
                throw new IOException($"Cannot write '{fullPath}': {exception.Message.Replace(temporaryPath, fullPath, StringComparison.Ordinal)}", exception);
            throw;
        }
    }

    /// <summary>Whether <paramref name="fileName"/> is one of this class's temporary file names.</summary>
    internal static bool IsTemporaryFileName(string fileName) => TemporaryName().IsMatch(fileName);

    [GeneratedRegex(@"^\..+\.[0-9a-f]{32}\.tmp\z", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryName();

    static void RemoveStaleTemporaryFiles(string folder)
    {
        string[] candidates;
        try { candidates = Directory.GetFiles(folder, "." + "*" + TemporarySuffix); }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException) { return; } // the write reports it
        var cutoff = DateTime.UtcNow - StaleAfter;
        foreach (var candidate in candidates)
        {
            if (!IsTemporaryFileName(Path.GetFileName(candidate))) continue;
            try
            {
                if (File.GetLastWriteTimeUtc(candidate) > cutoff) continue;
                // Opening exclusively fails while a live write holds the file; deleted when closed otherwise.
                using var _ = new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException) { }
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
