using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// Every public generated member carries XML documentation (IntelliSense explains shapes and layouts): compiled with
/// documentation diagnostics on, the generated files raise no CS1591 or malformed-doc warning.
/// </summary>
public class DocumentationTests
{
    [Theory]
    [InlineData("Network(12288, 20, 7, 5, 1)")]
    [InlineData("Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Linear)")]
    [InlineData("Network(40, 3000, 1)")]
    public void GeneratedMembersAreDocumented(string attribute)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var source = $$"""
            using NetGen;
            namespace Demo;
            /// <summary>A documented network class, as in a library that builds its XML docs.</summary>
            [{{attribute}}]
            public partial class Net { }
            """;
        var plain = GeneratorHarness.CreateCompilation(source);
        var compilation = plain.ReplaceSyntaxTree(plain.SyntaxTrees[0], CSharpSyntaxTree.ParseText(source, parseOptions, GeneratorHarness.SourcePath));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        var problems = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true)
            .Select(d => d.ToString())
            .ToList();
        Assert.Empty(problems);
        Assert.True(output.SyntaxTrees.Count() == 2, "the generator added its file");
    }
}
