using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator;
using NetGen.IO;

namespace NetGen.Benchmarks;

/// <summary>
/// What <c>Weights = "cat.npz"</c> adds to a build of the cat network ([12288, 20, 7, 5, 1], 246,119 float32
/// parameters, a 985 KB file): the generator run (read, check, base64) and the compiler's emit of the embedded literal.
/// </summary>
[MemoryDiagnoser]
public class WeightsBenchmarks
{
    const string Plain = "using NetGen; namespace Demo; [Network(12288, 20, 7, 5, 1)] public partial class CatNet { }";
    static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);
    string _folder = null!;
    CSharpCompilation _plain = null!, _trained = null!;
    AdditionalText[] _texts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "netgen-weights-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var random = new Random(1);
        int[] sizes = [12288, 20, 7, 5, 1];
        var arrays = new List<KeyValuePair<string, NpyArray>>();
        for (var l = 1; l < sizes.Length; l++)
        {
            arrays.Add(new($"W{l}", NpyArray.FromSingles(Enumerable.Range(0, sizes[l] * sizes[l - 1]).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), sizes[l], sizes[l - 1])));
            arrays.Add(new($"b{l}", NpyArray.FromSingles(new float[sizes[l]], sizes[l], 1)));
        }
        Npz.Write(Path.Combine(_folder, "cat.npz"), arrays);
        _texts = [new FileText(Path.Combine(_folder, "cat.npz"))];
        _plain = GeneratorBenchmarks.Compile(Plain);
        _trained = GeneratorBenchmarks.Compile(Plain.Replace("1)]", "1, Weights = \"cat.npz\")]"));
        var weights = NewDriver().RunGenerators(_trained).GetRunResult().Results[0].GeneratedSources
            .Single(source => source.HintName.EndsWith(".Weights.g.cs", StringComparison.Ordinal)).SourceText;
        Console.WriteLine($"// CatNet.Weights.g.cs: {weights.Length:N0} characters, {weights.Lines.Count:N0} lines; cat.npz: {new FileInfo(Path.Combine(_folder, "cat.npz")).Length:N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, Description = "Generate the cat network")]
    public GeneratorDriver Generate() => NewDriver().RunGenerators(_plain);

    [Benchmark(Description = "Generate the cat network with Weights (read, check, embed)")]
    public GeneratorDriver GenerateTrained() => NewDriver().RunGenerators(_trained);

    [Benchmark(Description = "Generate and emit the assembly")]
    public long GenerateAndEmit() => Emit(_plain);

    [Benchmark(Description = "Generate and emit the assembly with Weights")]
    public long GenerateAndEmitTrained() => Emit(_trained);

    long Emit(CSharpCompilation compilation)
    {
        NewDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        if (!result.Success) throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        return stream.Length;
    }

    GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new NetworkGenerator().AsSourceGenerator()], _texts, Parse, new ProjectDirectory(_folder));

    sealed class FileText(string path) : AdditionalText
    {
        public override string Path => path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }

    sealed class ProjectDirectory(string folder) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(folder + "/");

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;

        sealed class Options(string folder) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = folder;
                return key == "build_property.projectdir";
            }
        }
    }
}
