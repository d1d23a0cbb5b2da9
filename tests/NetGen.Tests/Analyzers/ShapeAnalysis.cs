using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator;
using NetGen.Generator.Analyzers;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Analyzers;

/// <summary>Runs the generator, then <see cref="ShapeAnalyzer"/> over the output, and checks what it reports and where.</summary>
internal static class ShapeAnalysis
{
    /// <summary>
    /// Two networks and a method whose parameters give every kind of argument the tests need:
    /// <c>Net</c> has InputSize 4 and OutputSize 2; <c>Scorer</c> has InputSize 4 and one output, so it also has <c>float Predict(x)</c>.
    /// </summary>
    public static string InMethod(string body) => $$"""
        using System;
        using NetGen;

        [Network(4, 3, 2)] public partial class Net { }
        [Network(4, 3, 1)] public partial class Scorer { }

        public static class Use
        {
            static float[] field = new float[3];

            public static void Run(Net net, Scorer scorer, Net.Caches caches, Net.Gradients gradients, TrainingOptions options,
                float[] parameter, ReadOnlySpan<float> span, int count)
            {
                {{body}}
            }

            static float[] Make() => new float[3];
            static void Replace(out float[] array) => array = new float[4];
            static void ReadIn(in float[] array) { }
        }
        """;

    /// <summary>The analyzer's diagnostics for <paramref name="source"/>, after checking it compiles without errors.</summary>
    public static ImmutableArray<Diagnostic> Diagnostics(string source)
    {
        var run = GeneratorHarness.Run<NetworkGenerator>(source);
        run.AssertNoErrors();
        return Analyze(run.OutputCompilation);
    }

    /// <summary>The analyzer's diagnostics for <paramref name="compilation"/>; fails if the analyzer throws.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
    {
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception.ToString()),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = compilation.WithAnalyzers([new ShapeAnalyzer()], options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        Assert.Empty(exceptions);
        return [.. DiagnosticFormat.Sorted(diagnostics)];
    }

    /// <summary>Fails unless the analyzer reports nothing for <paramref name="source"/>.</summary>
    public static void AssertSilent(string source)
    {
        var diagnostics = Diagnostics(source);
        Assert.True(diagnostics.IsEmpty, "Expected no diagnostics, got:\n" + DiagnosticFormat.Lines(diagnostics));
    }

    /// <summary>Fails unless the analyzer reports exactly one NG0008, as an error at the text <paramref name="at"/>, with <paramref name="message"/>.</summary>
    public static void AssertReports(string source, string at, string message) => AssertReportsAll(source, (at, message));

    /// <summary>Fails unless the analyzer reports exactly these NG0008 errors, in source order: the text each points at and its message.</summary>
    public static void AssertReportsAll(string source, params (string At, string Message)[] expected)
    {
        var diagnostics = Diagnostics(source);
        Assert.True(diagnostics.Length == expected.Length,
            $"Expected {expected.Length} diagnostic(s), got {diagnostics.Length}:\n" + DiagnosticFormat.Lines(diagnostics));
        foreach (var (diagnostic, (at, message)) in diagnostics.Zip(expected))
        {
            Assert.Equal("NG0008", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Equal(at, PointedAt(diagnostic));
            Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The source text a diagnostic's location covers.</summary>
    public static string PointedAt(Diagnostic diagnostic)
    {
        Assert.True(diagnostic.Location.IsInSource, $"{diagnostic.Id} has no source location.");
        return diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}
