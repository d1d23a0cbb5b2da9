using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// The generator as the IDE runs it, on every keystroke: unrelated edits must reuse every cached step and
/// regenerate nothing; a changed attribute must regenerate exactly its own network; and no step may keep Roslyn
/// objects (which would pin old compilations in memory).
/// </summary>
public class IncrementalityTests
{
    const string Source = """
        using NetGen;
        namespace Demo;

        [Network(12288, 20, 7, 5, 1)]
        public partial class CatNet { }

        [Network(4, 8, 1)]
        public partial class TinyNet
        {
            public int Unrelated() => 1;
        }
        """;

    static readonly string[] Steps = { TrackingNames.Parse, TrackingNames.Diagnostics, TrackingNames.Specs, TrackingNames.Plans };

    [Theory]
    [InlineData("a comment", "// a comment\n")]
    [InlineData("an unrelated type", "public class Unrelated { }\n")]
    public void UnrelatedEditsAreCached(string _, string addition)
    {
        var first = GeneratorHarness.Run<NetworkGenerator>(Source);
        var second = first.RunAgain(GeneratorHarness.ReplaceSource(Source + addition));
        GeneratorHarness.AssertStepsCachedOrUnchanged(second.Result, Steps);
        AssertNoOutputRegenerated(second);
    }

    [Fact]
    public void AnUnrelatedMemberOfTheSameClass_IsCached()
    {
        var first = GeneratorHarness.Run<NetworkGenerator>(Source);
        var second = first.RunAgain(GeneratorHarness.ReplaceSource(Source.Replace("public int Unrelated() => 1;", "public int Unrelated() => 2; int field;")));
        GeneratorHarness.AssertStepsCachedOrUnchanged(second.Result, TrackingNames.Specs, TrackingNames.Plans);
        AssertNoOutputRegenerated(second);
    }

    [Fact]
    public void AnotherFile_IsCached()
    {
        var first = GeneratorHarness.Run<NetworkGenerator>(Source);
        var second = first.RunAgain(GeneratorHarness.AddSource("namespace Demo; public class Other { }", "Other.cs"));
        GeneratorHarness.AssertStepsCachedOrUnchanged(second.Result, Steps);
        AssertNoOutputRegenerated(second);
    }

    [Fact]
    public void ChangingOneAttribute_RegeneratesExactlyThatNetwork()
    {
        var first = GeneratorHarness.Run<NetworkGenerator>(Source);
        var second = first.RunAgain(GeneratorHarness.ReplaceSource(Source.Replace("[Network(4, 8, 1)]", "[Network(4, 9, 1)]")));
        var specs = second.Result.TrackedSteps[TrackingNames.Specs].SelectMany(step => step.Outputs).ToList();
        Assert.Equal(1, specs.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, specs.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains("9", second.GeneratedSources["Demo.TinyNet.g.cs"]);
        Assert.Equal(first.GeneratedSources["Demo.CatNet.g.cs"], second.GeneratedSources["Demo.CatNet.g.cs"]);
        var outputs = second.Result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(step => step.Outputs).ToList();
        Assert.Equal(1, outputs.Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New));
    }

    [Fact]
    public void NoStep_KeepsRoslynObjects()
    {
        var first = GeneratorHarness.Run<NetworkGenerator>(Source + "[Network(0, 1)] public partial class Broken { }\n");
        GeneratorHarness.AssertNoRoslynObjectsInSteps(first.Result);
        var second = first.RunAgain(GeneratorHarness.ReplaceSource(Source + "// edit\n"));
        GeneratorHarness.AssertNoRoslynObjectsInSteps(second.Result);
    }

    static void AssertNoOutputRegenerated(GeneratorRun run)
    {
        var outputs = run.Result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output step was {o.Reason}"));
    }
}
