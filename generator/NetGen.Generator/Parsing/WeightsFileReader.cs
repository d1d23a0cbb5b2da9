using System;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Reads an .npz additional file's bytes (the compiler offers additional files only as text).</summary>
internal static class WeightsFileReader
{
    /// <summary>Weights files are .npz archives; other additional files are never read.</summary>
    public static bool IsCandidate(AdditionalText text) => text.Path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Files larger than this are refused before reading: twice what <see cref="WeightsChecker.MaxEmbeddedBytes"/> lets a network embed (float64 files are twice the size).</summary>
    public const long MaxFileBytes = 2 * WeightsChecker.MaxEmbeddedBytes + (1 << 20);

    public static WeightsFile Read(AdditionalText text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // AdditionalText decodes files as text, which would corrupt a zip; the bytes are read from its path.
            // This runs only when the AdditionalText changes (the pipeline keys it on the AdditionalText).
#pragma warning disable RS1035 // File IO is banned in analyzers: this is the one read, of a file the project lists as an additional file.
            using var stream = new FileStream(text.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
#pragma warning restore RS1035
            if (stream.Length > MaxFileBytes)
                return new WeightsFile(text.Path, default, $"is {stream.Length} bytes, more than the {MaxFileBytes} bytes a weights file NetGen embeds can take");
            var bytes = new byte[stream.Length];
            var read = 0;
            while (read < bytes.Length)
            {
                var got = stream.Read(bytes, read, bytes.Length - read);
                if (got == 0) break;
                read += got;
            }
            if (read != bytes.Length)
                return new WeightsFile(text.Path, default, $"cannot be read: it shrank from {bytes.Length} to {read} bytes while being read");
            return new WeightsFile(text.Path, ImmutableArray.Create(bytes), null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new WeightsFile(text.Path, default, $"cannot be read: {exception.Message}");
        }
    }
}
