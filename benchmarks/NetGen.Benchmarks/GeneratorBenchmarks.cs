using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator;

namespace NetGen.Benchmarks;

/// <summary>
/// The generator in the editor loop: a full run for the cat network and for a project of 50 networks, and the
/// incremental re-run the IDE makes after an edit that touches no network (which should be near zero).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);
    CSharpCompilation cat = null!, fifty = null!, fiftyEdited = null!;
    GeneratorDriver warmFifty = null!;

    [GlobalSetup]
    public void Setup()
    {
        cat = Compile("using NetGen; namespace Demo; [Network(12288, 20, 7, 5, 1)] public partial class CatNet { }");
        var networks = string.Concat(Enumerable.Range(0, 50).Select(i =>
            $"[Network({64 + i}, {16 + i % 7}, {8 + i % 5}, 1)] public partial class Net{i} {{ }}\n"));
        fifty = Compile("using NetGen; namespace Demo;\n" + networks);
        fiftyEdited = fifty.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; public class Unrelated { int x; }", Parse));
        warmFifty = NewDriver().RunGenerators(fifty);
    }

    [Benchmark(Description = "Generate the cat network")]
    public GeneratorDriver CatNetwork() => NewDriver().RunGenerators(cat);

    [Benchmark(Description = "Generate 50 networks")]
    public GeneratorDriver FiftyNetworks() => NewDriver().RunGenerators(fifty);

    [Benchmark(Description = "Re-run after an unrelated edit (50 networks)")]
    public GeneratorDriver IncrementalRerun() => warmFifty.RunGenerators(fiftyEdited);

    static GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: Parse);

    internal static CSharpCompilation Compile(string source)
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == frameworkDirectory)
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
        return CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText(source, Parse) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }
}
