using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Shared.IO;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Checks a network's weights file with the runtime's own .npz reader and parameter rules (compiled into the
/// generator from runtime/NetGen/IO), so the build accepts exactly the files <c>LoadParameters</c> accepts.
/// </summary>
internal static class WeightsChecker
{
    /// <summary>
    /// The most characters one network's weights literal may take. String literals live in the assembly's user-string
    /// heap, which holds 2^24 bytes (8,388,607 UTF-16 characters) for the whole assembly; this leaves the rest of
    /// the assembly room for its own strings.
    /// </summary>
    public const long MaxLiteralChars = 8_000_000;

    /// <summary>The most float32 bytes a network embeds: base64 (4 characters per 3 bytes) with a line break every 76 characters.</summary>
    public const long MaxEmbeddedBytes = MaxLiteralChars * Emit.TrainedWeightsEmitter.LineLength / (Emit.TrainedWeightsEmitter.LineLength + 1) / 4 * 3;

    /// <summary>Begins the message of a reader failure that is a bug in NetGen, not in the file.</summary>
    public const string UnexpectedFailure = "NetGen's reader failed unexpectedly; please report this with the file";

    public static WeightsResult Check(WeightsRequest request, ImmutableArray<WeightsFile> files, string? projectDirectory, CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        var diagnostics = new List<DiagnosticInfo>();
        WeightsResult Fail(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params object[] arguments)
        {
            diagnostics.Add(Report(descriptor, request, arguments));
            return new WeightsResult(new EquatableArray<DiagnosticInfo>(diagnostics), null);
        }

        var bytes = spec.ParameterCount * sizeof(float);
        if (bytes > MaxEmbeddedBytes)
            return Fail(DiagnosticDescriptors.WeightsTooLarge, spec.Name, Grouped(bytes), Grouped(MaxEmbeddedBytes));

        var file = Find(request.File, files, projectDirectory, out var lookedFor);
        if (file is null)
            return Fail(DiagnosticDescriptors.WeightsFileNotFound, request.File,
                $"is not among the project's AdditionalFiles (looked for '{lookedFor}'); add <AdditionalFiles Include=\"{request.File}\" /> to the project file");
        if (file.Error is not null)
            return Fail(DiagnosticDescriptors.WeightsFileNotFound, request.File, file.Error);

        cancellationToken.ThrowIfCancellationRequested();
        var shapes = spec.Layers.SelectMany(layer => new[]
        {
            new ParameterShape(layer.Weights, layer.Outputs, layer.Inputs),
            new ParameterShape(layer.BiasesKey, layer.Outputs, 1),
        }).ToArray();
        var problems = new List<ParameterProblem>();
        NpyArray[]? arrays;
        try
        {
            using var archive = NpzArchive.Open(new MemoryStream(file.Bytes.ToArray(), writable: false), request.File);
            arrays = ParameterCheck.Read(archive, shapes, problems);
        }
        catch (InvalidDataException exception)
        {
            return Fail(DiagnosticDescriptors.WeightsFileInvalid, request.File, Unquoted(exception.Message, request.File));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A compiler plug-in that throws loses all its output; an error at the attribute keeps the build explained.
            return Fail(DiagnosticDescriptors.WeightsFileInvalid, request.File, $"{UnexpectedFailure} ({exception.GetType().Name}: {exception.Message})");
        }

        if (arrays is null)
        {
            var expected = ParameterCheck.Capped(shapes.Select(s => s.Key).ToList());
            foreach (var problem in problems.Where(p => p.Kind != ParameterProblemKind.Unexpected))
                diagnostics.Add(Report(problem.Kind switch
                {
                    ParameterProblemKind.Missing => DiagnosticDescriptors.WeightsKeyMissing,
                    ParameterProblemKind.WrongDType => DiagnosticDescriptors.WeightsDTypeUnsupported,
                    _ => DiagnosticDescriptors.WeightsShapeMismatch,
                }, request, request.File, spec.Name, problem.Message));
            var unexpected = problems.Where(p => p.Kind == ParameterProblemKind.Unexpected).Select(p => p.Key).ToList();
            if (unexpected.Count > 0)
                diagnostics.Add(Report(DiagnosticDescriptors.WeightsKeyUnexpected, request, request.File, spec.Name, ParameterCheck.Capped(unexpected), expected));
            return new WeightsResult(new EquatableArray<DiagnosticInfo>(diagnostics), null);
        }

        var values = new float[spec.ParameterCount];
        var offset = 0;
        var nonFinite = new List<string>();
        for (var i = 0; i < arrays.Length; i++)
        {
            var span = values.AsSpan(offset, (int)shapes[i].Elements);
            arrays[i].CopyTo(span);
            offset += span.Length;
            var count = 0;
            foreach (var value in span) if (float.IsNaN(value) || float.IsInfinity(value)) count++;
            if (count > 0) nonFinite.Add($"{count} in '{shapes[i].Key}'");
        }
        if (nonFinite.Count > 0)
            diagnostics.Add(Report(DiagnosticDescriptors.WeightsNotFinite, request, request.File, string.Join(", ", nonFinite)));

        var trained = new TrainedWeights(spec, request.File, values.LongLength, Convert.ToBase64String(LittleEndianBytes(values)));
        return new WeightsResult(new EquatableArray<DiagnosticInfo>(diagnostics), trained);
    }

    /// <summary>The additional file <paramref name="file"/> names: a path relative to the project folder, or absolute.</summary>
    static WeightsFile? Find(string file, ImmutableArray<WeightsFile> files, string? projectDirectory, out string lookedFor)
    {
        lookedFor = file;
        try
        {
            lookedFor = Normalize(Path.IsPathRooted(file) || string.IsNullOrEmpty(projectDirectory) ? file : Path.Combine(projectDirectory, file));
        }
        catch (ArgumentException)
        {
            return null; // Characters no path can hold: no additional file has that name.
        }
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var candidate in files)
            if (string.Equals(Normalize(candidate.Path), lookedFor, comparison)) return candidate;
        return null;
    }

    static string Normalize(string path) => Path.IsPathRooted(path) ? Path.GetFullPath(path) : path;

    static byte[] LittleEndianBytes(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
            for (var i = 0; i < bytes.Length; i += 4) Array.Reverse(bytes, i, 4);
        return bytes;
    }

    /// <summary>The reader's message without its leading <c>'file': </c>, which the diagnostic already names.</summary>
    static string Unquoted(string message, string file)
    {
        foreach (var prefix in new[] { $"'{file}': ", $"'{file}', " })
            if (message.StartsWith(prefix, StringComparison.Ordinal)) return message.Substring(prefix.Length);
        return message;
    }

    static DiagnosticInfo Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, WeightsRequest request, params object[] arguments) =>
        new(descriptor.Id, request.Location, new EquatableArray<string>(arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")));

    static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
