using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Tests.Infrastructure;

/// <summary>
/// Runs incremental generators over test source the way the compiler does: latest C#, nullable enabled, against the
/// running runtime's framework assemblies plus the NetGen runtime, with step tracking on for caching tests.
/// </summary>
public static class GeneratorHarness
{
    /// <summary>The path of the single source tree <see cref="Run(string, IIncrementalGenerator[])"/> compiles.</summary>
    public const string SourcePath = "Source.cs";

    static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>The parse options of test sources and generated trees: the latest C# version.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>The framework assemblies of the running runtime plus the NetGen runtime assembly.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>Runs a new <typeparamref name="TGenerator"/> over <paramref name="source"/> compiled as a library.</summary>
    public static GeneratorRun Run<TGenerator>(string source) where TGenerator : IIncrementalGenerator, new() =>
        Run(source, new TGenerator());

    /// <summary>Runs <paramref name="generators"/> over <paramref name="source"/> compiled as a library.</summary>
    public static GeneratorRun Run(string source, params IIncrementalGenerator[] generators) =>
        Run(CreateCompilation(source), generators);

    /// <summary>Runs <paramref name="generators"/> over <paramref name="compilation"/> (see <see cref="CreateCompilation"/>).</summary>
    public static GeneratorRun Run(Compilation compilation, params IIncrementalGenerator[] generators)
    {
        if (generators.Length == 0) throw new ArgumentException("Give at least one generator to run.", nameof(generators));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators.Select(GeneratorExtensions.AsSourceGenerator),
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return GeneratorRun.Execute(driver, compilation);
    }

    /// <summary>
    /// Runs <paramref name="generators"/> over <paramref name="source"/> with <paramref name="additionalFiles"/> as the
    /// project's AdditionalFiles and <paramref name="projectDirectory"/> as its folder (<c>build_property.projectdir</c>).
    /// </summary>
    public static GeneratorRun Run(string source, IEnumerable<AdditionalText> additionalFiles, string projectDirectory, params IIncrementalGenerator[] generators)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators.Select(GeneratorExtensions.AsSourceGenerator),
            additionalTexts: additionalFiles,
            parseOptions: ParseOptions,
            optionsProvider: GlobalOptionsProvider.ProjectDirectory(projectDirectory),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return GeneratorRun.Execute(driver, CreateCompilation(source));
    }

    /// <summary>A compilation of <paramref name="source"/> (at <see cref="SourcePath"/>): nullable enabled, unsafe allowed, optimized.</summary>
    public static CSharpCompilation CreateCompilation(string source, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary) =>
        CSharpCompilation.Create(
            "NetGen.GeneratedTestAssembly",
            [Parse(source)],
            References,
            new CSharpCompilationOptions(
                outputKind,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release,
                allowUnsafe: true,
                deterministic: true));

    /// <summary>Parses <paramref name="source"/> with <see cref="ParseOptions"/> as the file <paramref name="path"/>.</summary>
    public static SyntaxTree Parse(string source, string path = SourcePath) =>
        CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), ParseOptions, path);

    /// <summary>An edit for <see cref="GeneratorRun.RunAgain"/> that gives the tree at <paramref name="path"/> the text <paramref name="source"/>.</summary>
    public static Func<Compilation, Compilation> ReplaceSource(string source, string path = SourcePath) => compilation =>
    {
        var tree = compilation.SyntaxTrees.FirstOrDefault(tree => tree.FilePath == path)
            ?? throw new ArgumentException($"The compilation has no tree '{path}'; it has: {string.Join(", ", compilation.SyntaxTrees.Select(t => t.FilePath))}.", nameof(path));
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(source, Encoding.UTF8)));
    };

    /// <summary>An edit for <see cref="GeneratorRun.RunAgain"/> that adds <paramref name="source"/> as the file <paramref name="path"/>.</summary>
    public static Func<Compilation, Compilation> AddSource(string source, string path) => compilation =>
        compilation.AddSyntaxTrees(Parse(source, path));

    /// <summary>Fails unless every output of every step named <paramref name="trackingNames"/> is Cached or Unchanged.</summary>
    public static void AssertStepsCachedOrUnchanged(GeneratorRunResult result, params string[] trackingNames)
    {
        if (trackingNames.Length == 0) throw new ArgumentException("Name the tracked steps to check.", nameof(trackingNames));
        var problems = new List<string>();
        foreach (var name in trackingNames)
        {
            foreach (var (step, run) in StepRuns(result, name).Select((step, run) => (step, run)))
                foreach (var ((_, reason), output) in step.Outputs.Select((output, index) => (output, index)))
                    if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                        problems.Add($"step \"{name}\" run {run} output {output}: {reason}");
        }
        if (problems.Count > 0)
            Assert.Fail("Tracked step outputs were recomputed into new values (expected Cached or Unchanged):\n  " + string.Join("\n  ", problems));
    }

    /// <summary>Fails, naming step and path, if a step's output holds an ISymbol, SyntaxNode, SyntaxTree, Location, SemanticModel or Compilation.</summary>
    /// <remarks>Checks the steps named <paramref name="trackingNames"/>, or with none every step but Roslyn's own, which hold such objects by design.</remarks>
    public static void AssertNoRoslynObjectsInSteps(GeneratorRunResult result, params string[] trackingNames)
    {
        var names = trackingNames.Length > 0
            ? trackingNames
            : result.TrackedSteps.Keys.Where(name => !TrackedStepInspector.IsRoslynStep(name)).Order(StringComparer.Ordinal).ToArray();
        if (names.Length == 0)
            Assert.Fail($"The generator names no tracked steps of its own (WithTrackingName); tracked: {string.Join(", ", result.TrackedSteps.Keys)}.");
        var findings = new List<string>();
        foreach (var name in names)
            foreach (var (step, run) in StepRuns(result, name).Select((step, run) => (step, run)))
                foreach (var ((value, _), output) in step.Outputs.Select((output, index) => (output, index)))
                    findings.AddRange(TrackedStepInspector.FindRoslynObjects(value).Select(path => $"step \"{name}\" run {run} output {output}: {path}"));
        if (findings.Count > 0)
            Assert.Fail("Tracked step outputs hold Roslyn objects; keep only equatable values (strings, numbers, records of them):\n  "
                + string.Join("\n  ", findings.Take(20)) + (findings.Count > 20 ? $"\n  ... and {findings.Count - 20} more" : ""));
    }

    static ImmutableArray<IncrementalGeneratorRunStep> StepRuns(GeneratorRunResult result, string name) =>
        result.TrackedSteps.TryGetValue(name, out var steps)
            ? steps
            : throw new ArgumentException(
                $"No tracked step \"{name}\"; the run tracked: {string.Join(", ", result.TrackedSteps.Keys.Order(StringComparer.Ordinal))}.", nameof(name));

    static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The shared framework's own assemblies (System.*, Microsoft.*, netstandard, mscorlib), not the test's
        // dependencies, which the trusted platform list also holds.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES"))
            ?? throw new InvalidOperationException("The runtime gave no TRUSTED_PLATFORM_ASSEMBLIES to compile against.");
        var framework = trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Where(path => Path.GetFileName(path) is var file
                && (file.StartsWith("System.", StringComparison.Ordinal) || file.StartsWith("Microsoft.", StringComparison.Ordinal)
                    || file is "netstandard.dll" or "mscorlib.dll"));
        return [.. framework.Append(typeof(NetworkAttribute).Assembly.Location).Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
