using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// Every build-time check of <c>Weights = "..."</c> on files numpy wrote (Fixtures/TrainedWeights): the id, the
/// severity, that it points at the <c>Weights</c> argument, that the message names the array with what was expected
/// and found, and that errors leave out <c>CreateTrained</c> but not the network.
/// </summary>
public class WeightsDiagnosticTests
{
    static Diagnostic Single(GeneratorRun run, string id, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        Assert.All(run.RunResult.Results, result => Assert.Null(result.Exception));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        var tree = run.InputCompilation.SyntaxTrees.Single(t => t.FilePath == diagnostic.Location.GetLineSpan().Path);
        Assert.StartsWith("Weights = \"", tree.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains($"docs/diagnostics.md#{id.ToLowerInvariant()}", diagnostic.Descriptor.HelpLinkUri);
        Assert.Contains("Demo.Net.g.cs", run.GeneratedSources.Keys); // The network itself is still generated.
        Assert.Equal(severity != DiagnosticSeverity.Error, run.GeneratedSources.ContainsKey("Demo.Net.Weights.g.cs"));
        return diagnostic;
    }

    static string Message(string file, string id, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        Single(TrainedWeights.Run(TrainedWeights.Source(file)), id, severity).GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void NG0011_NotAnAdditionalFile()
    {
        var message = Message("elsewhere/course.npz", "NG0011");
        Assert.Contains("is not among the project's AdditionalFiles", message);
        Assert.Contains("<AdditionalFiles Include=\"elsewhere/course.npz\" />", message);
    }

    [Fact]
    public void NG0011_Unreadable()
    {
        using var project = new TemporaryDirectory();
        Directory.CreateDirectory(project.File("dir.npz")); // Listed, but a directory: reading it fails.
        var run = GeneratorHarness.Run(TrainedWeights.Source("dir.npz"), [new FileAdditionalText(project.File("dir.npz"))], project.Path, new NetGen.Generator.NetworkGenerator());
        Assert.Contains("cannot be read", Single(run, "NG0011").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void NG0012_Truncated()
    {
        using var project = new TemporaryDirectory();
        var bytes = File.ReadAllBytes(TrainedWeights.Fixture("course_f32.npz"));
        File.WriteAllBytes(project.File("cut.npz"), bytes[..(bytes.Length - 30)]);
        var run = TrainedWeights.Run(TrainedWeights.Source("cut.npz"), project.Path);
        Assert.Contains("not a valid .npz", Single(run, "NG0012").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void NG0012_DamagedData()
    {
        using var project = new TemporaryDirectory();
        var bytes = File.ReadAllBytes(TrainedWeights.Fixture("course_f32.npz"));
        bytes[200] ^= 0x10; // Inside W1's data (stored): the zip is whole, only the CRC-32 can tell.
        File.WriteAllBytes(project.File("flipped.npz"), bytes);
        var message = Single(TrainedWeights.Run(TrainedWeights.Source("flipped.npz"), project.Path), "NG0012").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("array 'W1'", message);
        Assert.Contains("CRC-32", message);
    }

    [Fact]
    public void NG0013_MissingKey() =>
        Assert.Contains("missing 'b3' (expected a float32 array of shape (1, 1))", Message("missing_b3.npz", "NG0013"));

    [Fact]
    public void NG0014_ExtraKey()
    {
        var message = Message("extra_key.npz", "NG0014");
        Assert.Contains("it holds 'W4'", message);
        Assert.Contains("'W1', 'b1', 'W2', 'b2', 'W3', 'b3'", message);
    }

    [Fact]
    public void NG0015_WrongShape() =>
        Assert.Contains("'W2' has shape (3, 5), expected (3, 4)", Message("wrong_shape.npz", "NG0015"));

    [Fact]
    public void NG0016_IntegerWeights() =>
        Assert.Contains("'W1' is int64 of shape (4, 5), expected a float32 array of shape (4, 5)", Message("int_weights.npz", "NG0016"));

    [Fact]
    public void NG0017_NotFiniteIsAWarningAndStillEmbeds() =>
        Assert.Contains("1 in 'b1', 1 in 'W2'", Message("nan.npz", "NG0017", DiagnosticSeverity.Warning));

    [Fact]
    public void NG0018_TooLargeToEmbed()
    {
        // 2,002,001 floats are 8 MB; as base64 they would overflow the assembly's user-string heap. Checked from the
        // attribute alone, before any file is read.
        var run = TrainedWeights.Run(TrainedWeights.Source("course_f32.npz").Replace("5, 4, 3, 1", "2000, 1000, 1"));
        Assert.All(run.RunResult.Results, result => Assert.Null(result.Exception));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "NG0018");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("8,008,004 bytes of float32 parameters, more than the 5,922,075 one network can embed", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("Demo.Net.Weights.g.cs", run.GeneratedSources.Keys);
    }

    [Fact]
    public void TheWeightsFileSnapshot() => Snapshot.Verify(TrainedWeights.Run(TrainedWeights.Source("course_f32.npz")));
}
