using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;
using static NetGen.Tests.Analyzers.ShapeAnalysis;

namespace NetGen.Tests.Analyzers;

/// <summary>
/// The CatClassifier sample's real calls raise nothing. Its Spectre.Console parts do not bind here (the tests do not
/// reference it), so the test first makes sure every call on <c>CatNet</c> binds to a generated method.
/// </summary>
public sealed class SampleSourceTests
{
    [Fact]
    public void TheCatClassifierSample_HasNoShapeErrors()
    {
        var compilation = SampleCompilation();
        var calls = NetworkCalls(compilation);
        Assert.Contains(calls, call => call.Name == "Train");
        Assert.Contains(calls, call => call.Name == "Predict" && call.Parameters.Length == 1);
        Assert.Contains(calls, call => call.Name == "Predict" && call.Parameters.Length == 2);

        var diagnostics = Analyze(compilation);
        Assert.True(diagnostics.IsEmpty, "The sample raises:\n" + DiagnosticFormat.Lines(diagnostics));
    }

    [Fact]
    public void AWrongCallAddedToTheSample_IsReported()
    {
        // The control for the test above: the same compilation does report a call that cannot fit.
        var compilation = SampleCompilation().AddSyntaxTrees(GeneratorHarness.Parse(
            "static class Wrong { static float Run() => new CatClassifier.CatNet().Predict(new float[64 * 64]); }", "Wrong.cs"));
        var diagnostic = Assert.Single(Analyze(compilation));
        Assert.Equal("new float[64 * 64]", PointedAt(diagnostic));
    }

    static Compilation SampleCompilation([CallerFilePath] string testFile = "")
    {
        var directory = Path.Combine(RepositoryRoot(testFile), "samples", "CatClassifier");
        var trees = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(path => GeneratorHarness.Parse(File.ReadAllText(path), Path.GetRelativePath(directory, path)))
            .ToArray();
        Assert.Contains(trees, tree => tree.FilePath == "CatNet.cs");
        // The sample also references NetGen.Data, for decoding photos.
        var references = GeneratorHarness.References.Add(MetadataReference.CreateFromFile(typeof(NetGen.Data.Imaging.ImageFile).Assembly.Location));
        var compilation = CSharpCompilation.Create("CatClassifier", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return GeneratorHarness.Run(compilation, new NetworkGenerator()).OutputCompilation;
    }

    /// <summary>Every method of <c>CatNet</c> the sample's own files call, as bound.</summary>
    static IMethodSymbol[] NetworkCalls(Compilation compilation) =>
        compilation.SyntaxTrees
            .Where(tree => !tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .SelectMany(tree =>
            {
                var model = compilation.GetSemanticModel(tree);
                return tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
                    .Select(invocation => model.GetSymbolInfo(invocation).Symbol as IMethodSymbol);
            })
            .OfType<IMethodSymbol>()
            .Where(method => method.ContainingType.Name == "CatNet")
            .ToArray();

    /// <summary>The folder holding samples/: above this test file, or above the test binaries in a path-mapped build.</summary>
    static string RepositoryRoot(string testFile)
    {
        foreach (var start in new[] { Path.GetDirectoryName(testFile), AppContext.BaseDirectory })
            for (var directory = start; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
                if (File.Exists(Path.Combine(directory, "samples", "CatClassifier", "CatNet.cs")))
                    return directory;
        throw new InvalidOperationException($"No samples/CatClassifier above '{testFile}' or '{AppContext.BaseDirectory}'.");
    }
}
