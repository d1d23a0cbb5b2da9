using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace NetGen.Tests.Infrastructure;

/// <summary>One run of a generator driver: what went in, what the generators made, and what compiles from it.</summary>
public sealed class GeneratorRun
{
    readonly Lazy<ImmutableArray<Diagnostic>> compilationDiagnostics;

    GeneratorRun(GeneratorDriver driver, Compilation inputCompilation, Compilation outputCompilation)
    {
        Driver = driver;
        InputCompilation = inputCompilation;
        OutputCompilation = outputCompilation;
        RunResult = driver.GetRunResult();
        GeneratedSources = RunResult.Results
            .SelectMany(result => result.GeneratedSources)
            .ToImmutableSortedDictionary(source => source.HintName, source => source.SourceText.ToString(), StringComparer.Ordinal);
        compilationDiagnostics = new(() => GetCompilationDiagnostics(DiagnosticSeverity.Warning));
    }

    /// <summary>The driver after this run; it remembers the run's state, so running it again shows what was cached.</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>The compilation the generators ran over.</summary>
    public Compilation InputCompilation { get; }

    /// <summary>The input compilation with the generated trees added.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>The driver's result: per-generator sources, diagnostics, exceptions and tracked steps.</summary>
    public GeneratorDriverRunResult RunResult { get; }

    /// <summary>The result of the only generator run; fails when several ran.</summary>
    public GeneratorRunResult Result =>
        RunResult.Results.Length == 1 ? RunResult.Results[0] : throw new InvalidOperationException($"{RunResult.Results.Length} generators ran; pick one from RunResult.Results.");

    /// <summary>The diagnostics the generators reported.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => RunResult.Diagnostics;

    /// <summary>The generated sources by hint name.</summary>
    public ImmutableSortedDictionary<string, string> GeneratedSources { get; }

    /// <summary>The compiler's warnings and errors for <see cref="OutputCompilation"/>.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics => compilationDiagnostics.Value;

    /// <summary>The compiler's diagnostics for <see cref="OutputCompilation"/> of at least <paramref name="minimumSeverity"/>.</summary>
    public ImmutableArray<Diagnostic> GetCompilationDiagnostics(DiagnosticSeverity minimumSeverity) =>
        [.. DiagnosticFormat.Sorted(OutputCompilation.GetDiagnostics().Where(d => d.Severity >= minimumSeverity))];

    /// <summary>Runs <paramref name="driver"/> over <paramref name="compilation"/>.</summary>
    internal static GeneratorRun Execute(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new(driver, compilation, output);
    }

    /// <summary>Applies <paramref name="edit"/> to the input compilation and runs the same driver again (see <see cref="GeneratorHarness.ReplaceSource"/>).</summary>
    public GeneratorRun RunAgain(Func<Compilation, Compilation> edit) => Execute(Driver, edit(InputCompilation));

    /// <summary>Applies <paramref name="edit"/> to the driver (e.g. <c>ReplaceAdditionalText</c>) and runs it again over the same compilation.</summary>
    public GeneratorRun RunAgainWithDriver(Func<GeneratorDriver, GeneratorDriver> edit) => Execute(edit(Driver), InputCompilation);

    /// <summary>
    /// Fails listing, with the source line each points at, every generator exception, error the generators reported
    /// and compiler error in the output compilation; with <paramref name="includeWarnings"/>, warnings too.
    /// </summary>
    public void AssertNoErrors(bool includeWarnings = false)
    {
        var minimum = includeWarnings ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        var exceptions = RunResult.Results
            .Where(result => result.Exception is not null)
            .Select(result => $"{result.Generator.GetGeneratorType().FullName} threw {result.Exception}");
        var diagnostics = DiagnosticFormat.Sorted(GeneratorDiagnostics.Where(d => d.Severity >= minimum))
            .Concat(CompilationDiagnostics.Where(d => d.Severity >= minimum))
            .Select(Describe);
        var problems = exceptions.Concat(diagnostics).ToList();
        if (problems.Count > 0)
            Assert.Fail($"{problems.Count} problem(s) after generation:\n" + string.Join("\n", problems));
    }

    /// <summary>Compiles <see cref="OutputCompilation"/> and loads it into its own unloadable context; fails on compile errors.</summary>
    public CompiledAssembly Emit()
    {
        using var assembly = new MemoryStream();
        using var symbols = new MemoryStream();
        var result = OutputCompilation.Emit(assembly, symbols, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        if (!result.Success)
            Assert.Fail("The output compilation does not compile:\n"
                + string.Join("\n", DiagnosticFormat.Sorted(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)).Select(Describe)));
        assembly.Position = 0;
        symbols.Position = 0;
        return CompiledAssembly.Load(assembly, symbols);
    }

    static string Describe(Diagnostic diagnostic) =>
        DiagnosticFormat.SourceLine(diagnostic) is { } line
            ? $"{DiagnosticFormat.Line(diagnostic)}\n    | {line.Trim()}"
            : DiagnosticFormat.Line(diagnostic);
}
