using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace NetGen.Tests.Infrastructure;

/// <summary>
/// Snapshot tests with Verify.SourceGenerators' file layout, so that moving to Verify later changes no file.
/// For test method <c>M</c> in class <c>C</c> (which must live in <c>C.cs</c>), each generated source with hint
/// name <c>H.cs</c> is compared with <c>Snapshots/C.M#H.verified.cs</c> (first line <c>//HintName: H.cs</c>), and the
/// generator's diagnostics, when there are any, with <c>Snapshots/C.M.verified.txt</c>. <c>Snapshots</c> sits
/// beside the test project file. A mismatch writes <c>.received.</c> beside and fails with a diff; a pass deletes
/// the test's <c>.received.</c> files. Run with <c>NETGEN_ACCEPT=1</c> to write the new <c>.verified.</c> files.
/// </summary>
public static partial class Snapshot
{
    /// <summary>The environment variable that, set to <c>1</c> or <c>true</c>, accepts every new or changed snapshot.</summary>
    public const string AcceptVariable = "NETGEN_ACCEPT";

    /// <summary>What a scrubbed <c>[GeneratedCode("NetGen", version)]</c> version reads.</summary>
    public const string VersionPlaceholder = "{version}";

    static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Verifies the sources and diagnostics of every generator in <paramref name="run"/>.</summary>
    public static void Verify(GeneratorRun run, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "") =>
        Verify(run.RunResult, testFile, testMethod);

    /// <summary>Verifies the sources and diagnostics of every generator in <paramref name="result"/>.</summary>
    public static void Verify(GeneratorDriverRunResult result, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "") =>
        VerifyTargets(SnapshotLocation.FromCaller(testFile, testMethod), Targets(result.Results, result.Diagnostics), IsAcceptMode());

    /// <summary>Verifies the sources and diagnostics of one generator's <paramref name="result"/>.</summary>
    public static void Verify(GeneratorRunResult result, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "") =>
        VerifyTargets(SnapshotLocation.FromCaller(testFile, testMethod), Targets([result], result.Diagnostics), IsAcceptMode());

    /// <summary>Verifies <paramref name="text"/> against <c>Snapshots/C.M#name.verified.{extension}</c> (<c>C.M.verified.{extension}</c> for an empty name).</summary>
    public static void VerifyText(string name, string text, string extension = "txt", [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "") =>
        VerifyTargets(SnapshotLocation.FromCaller(testFile, testMethod), [new SnapshotTarget(name, extension, Scrub(text))], IsAcceptMode());

    /// <summary>Replaces the version argument of every <c>GeneratedCode</c> attribute by <see cref="VersionPlaceholder"/>.</summary>
    internal static string Scrub(string text) => GeneratedCodeVersion().Replace(text, "${head}\"" + VersionPlaceholder + "\"");

    /// <summary>The text as snapshot files hold it: <c>\n</c> line endings and no byte-order mark.</summary>
    internal static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');

    /// <summary>Compares the <paramref name="targets"/> with their verified files in <paramref name="location"/>.</summary>
    internal static void VerifyTargets(SnapshotLocation location, IReadOnlyList<SnapshotTarget> targets, bool accept)
    {
        var paths = targets.Select(target => location.PathOf(target, "verified")).ToArray();
        var duplicate = paths.GroupBy(path => path, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two snapshots of {location.Prefix} would share the file {duplicate.Key}; give them different names.", nameof(targets));

        foreach (var stale in location.ExistingFiles("received")) File.Delete(stale);
        var failures = new List<string>();
        for (var index = 0; index < targets.Count; index++)
        {
            var (target, verifiedPath) = (targets[index], paths[index]);
            var received = Normalize(target.Text);
            var verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
            if (verified == received) continue;
            if (accept)
            {
                Write(verifiedPath, received);
                continue;
            }
            var receivedPath = location.PathOf(target, "received");
            Write(receivedPath, received);
            failures.Add(verified is null
                ? $"New snapshot, no verified file yet.\n  verified: {verifiedPath}\n  received: {receivedPath}\n{SnapshotDiff.Unified("", received)}"
                : $"Snapshot differs.\n  verified: {verifiedPath}\n  received: {receivedPath}\n{SnapshotDiff.Unified(verified, received)}");
        }
        foreach (var orphan in location.ExistingFiles("verified").Except(paths, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (accept) File.Delete(orphan);
            else failures.Add($"Verified file no longer produced (the output or its diagnostics went away): {orphan}");
        }
        if (failures.Count > 0)
            throw new SnapshotMismatchException(
                $"{failures.Count} snapshot problem(s) in {location.Prefix}; if the new output is right, rerun with {AcceptVariable}=1 to accept it.\n\n"
                + string.Join("\n", failures));
    }

    /// <summary>The snapshot files of generator results: the diagnostics (when any), then each source ordered by hint name.</summary>
    internal static List<SnapshotTarget> Targets(IEnumerable<GeneratorRunResult> results, ImmutableArray<Diagnostic> diagnostics)
    {
        var targets = new List<SnapshotTarget>();
        if (diagnostics.Length > 0) targets.Add(new(null, "txt", DiagnosticFormat.Lines(diagnostics)));
        foreach (var result in results)
        {
            if (result.Exception is not null)
                throw new InvalidOperationException($"The generator {result.Generator.GetGeneratorType().FullName} threw; nothing to verify.", result.Exception);
            foreach (var source in result.GeneratedSources.OrderBy(source => source.HintName, StringComparer.Ordinal))
            {
                var extension = Path.GetExtension(source.HintName) is { Length: > 1 } dotted ? dotted[1..] : "cs";
                var text = $"//HintName: {source.HintName}\n{Scrub(source.SourceText.ToString())}";
                targets.Add(new(Path.GetFileNameWithoutExtension(source.HintName), extension, text));
            }
        }
        return targets;
    }

    static bool IsAcceptMode() => IsAcceptMode(Environment.GetEnvironmentVariable(AcceptVariable));

    /// <summary>Whether the value of <see cref="AcceptVariable"/> turns accept mode on: <c>1</c> or <c>true</c>.</summary>
    internal static bool IsAcceptMode(string? value) =>
        value is not null && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

    static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8WithoutBom);
    }

    // GeneratedCode("tool", "1.2.3") in any spelling: GeneratedCodeAttribute, qualified, with or without global::.
    [GeneratedRegex("""(?<head>\bGeneratedCode(?:Attribute)?\s*\(\s*"[^"]*"\s*,\s*)"[^"]*"(?=\s*\))""")]
    private static partial Regex GeneratedCodeVersion();
}
