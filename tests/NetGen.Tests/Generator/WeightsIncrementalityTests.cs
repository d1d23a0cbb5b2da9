using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// Weights files in the IDE's loop: an unrelated edit neither re-reads a file nor re-emits anything; a changed
/// weights file (the driver's ReplaceAdditionalText, as the IDE does on save) regenerates exactly its network's
/// weights; and no step keeps Roslyn objects.
/// </summary>
public sealed class WeightsIncrementalityTests : System.IDisposable
{
    const string Source = """
        using NetGen;
        namespace Demo;

        [Network(5, 4, 3, 1, Weights = "a.npz")]
        public partial class A { }

        [Network(5, 4, 3, 1, Weights = "b.npz")]
        public partial class B
        {
            public int Unrelated() => 1;
        }
        """;

    static readonly string[] WeightsSteps = { TrackingNames.WeightsFiles, TrackingNames.Weights, TrackingNames.TrainedWeights };

    readonly TemporaryDirectory _project = new();

    public void Dispose() => _project.Dispose();

    AdditionalText[] _texts = [];

    GeneratorRun First()
    {
        File.Copy(TrainedWeights.Fixture("course_f32.npz"), _project.File("a.npz"));
        File.Copy(TrainedWeights.Fixture("course_f32.npz"), _project.File("b.npz"));
        _texts = [new FileAdditionalText(_project.File("a.npz")), new FileAdditionalText(_project.File("b.npz"))];
        var run = GeneratorHarness.Run(Source, _texts, _project.Path, new NetworkGenerator());
        run.AssertNoErrors(includeWarnings: true);
        Assert.Equal(["Demo.A.Weights.g.cs", "Demo.A.g.cs", "Demo.B.Weights.g.cs", "Demo.B.g.cs"], run.GeneratedSources.Keys);
        return run;
    }

    [Theory]
    [InlineData("a comment", "// a comment\n")]
    [InlineData("an unrelated type", "public class Unrelated { }\n")]
    public void UnrelatedEditsDoNotReReadOrReEmit(string _, string addition)
    {
        var second = First().RunAgain(GeneratorHarness.ReplaceSource(Source + addition));
        GeneratorHarness.AssertStepsCachedOrUnchanged(second.Result, WeightsSteps);
        AssertNotReRead(second);
        AssertOutputs(second, regenerated: 0);
    }

    [Fact]
    public void AnEditThatMovesTheAttribute_DoesNotReEmit()
    {
        // Lines above move the Weights argument: its diagnostics' locations change, the embedded weights do not.
        var second = First().RunAgain(GeneratorHarness.ReplaceSource("// moved\n// down\n" + Source));
        GeneratorHarness.AssertStepsCachedOrUnchanged(second.Result, TrackingNames.WeightsFiles, TrackingNames.TrainedWeights);
        AssertNotReRead(second);
        AssertOutputs(second, regenerated: 0);
    }

    [Fact]
    public void ChangingOneWeightsFile_RegeneratesExactlyThatNetworksWeights()
    {
        var first = First();
        File.Copy(TrainedWeights.Fixture("course_f64.npz"), _project.File("a.npz"), overwrite: true);
        var second = first.RunAgainWithDriver(driver =>
            driver.ReplaceAdditionalText(_texts[0], new FileAdditionalText(_project.File("a.npz"))));

        var reads = second.Result.TrackedSteps[TrackingNames.WeightsFiles].SelectMany(step => step.Outputs).ToList();
        Assert.Equal(1, reads.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        var trained = second.Result.TrackedSteps[TrackingNames.TrainedWeights].SelectMany(step => step.Outputs).ToList();
        Assert.Equal(1, trained.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, trained.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.NotEqual(first.GeneratedSources["Demo.A.Weights.g.cs"], second.GeneratedSources["Demo.A.Weights.g.cs"]);
        Assert.Equal(first.GeneratedSources["Demo.B.Weights.g.cs"], second.GeneratedSources["Demo.B.Weights.g.cs"]);
        Assert.Equal(first.GeneratedSources["Demo.A.g.cs"], second.GeneratedSources["Demo.A.g.cs"]);
        AssertOutputs(second, regenerated: 1);
    }

    [Fact]
    public void NoWeightsStep_KeepsRoslynObjects()
    {
        var second = First().RunAgain(GeneratorHarness.ReplaceSource(Source + "// edit\n"));
        GeneratorHarness.AssertNoRoslynObjectsInSteps(second.Result, WeightsSteps);
    }

    /// <summary>Cached, not Unchanged: the read did not run again (Unchanged would mean it ran and found the same bytes).</summary>
    static void AssertNotReRead(GeneratorRun run)
    {
        var reads = run.Result.TrackedSteps[TrackingNames.WeightsFiles].SelectMany(step => step.Outputs).ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    static void AssertOutputs(GeneratorRun run, int regenerated)
    {
        var outputs = run.Result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.Equal(regenerated, outputs.Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New));
    }
}
