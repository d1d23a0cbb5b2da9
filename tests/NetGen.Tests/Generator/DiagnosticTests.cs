using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// Every NG diagnostic: its id, that it points at the offending syntax, that nothing is generated for the class,
/// and a snapshot of the full diagnostic text (Snapshots/DiagnosticTests.*.verified.txt).
/// </summary>
public class DiagnosticTests
{
    static GeneratorRun Check(string source, string id, string pointsAt)
    {
        var run = GeneratorHarness.Run<NetworkGenerator>("using NetGen;\n\n" + source);
        Assert.All(run.RunResult.Results, result => Assert.Null(result.Exception));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        // The generator reports value-only locations (file, span), so the text is read back from the input tree.
        var tree = run.InputCompilation.SyntaxTrees.Single(t => t.FilePath == diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(pointsAt, tree.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains($"docs/diagnostics.md#{id.ToLowerInvariant()}", diagnostic.Descriptor.HelpLinkUri);
        Assert.Empty(run.GeneratedSources);
        return run;
    }

    [Fact]
    public void NG0001_ZeroSize() => Snapshot.Verify(Check("[Network(12288, 0, 1)] public partial class Net { }", "NG0001", "0"));

    [Fact]
    public void NG0001_NegativeSize() => Snapshot.Verify(Check("[Network(4, 8, -1)] public partial class Net { }", "NG0001", "-1"));

    [Fact]
    public void NG0001_InExplicitArray() => Snapshot.Verify(Check("[Network(new[] { 4, 0, 1 })] public partial class Net { }", "NG0001", "0"));

    [Fact]
    public void NG0002_OneSize() => Snapshot.Verify(Check("[Network(12288)] public partial class Net { }", "NG0002", "Network(12288)"));

    [Fact]
    public void NG0002_NoSizes() => Snapshot.Verify(Check("[Network] public partial class Net { }", "NG0002", "Network"));

    [Fact]
    public void NG0003_NotPartial() => Snapshot.Verify(Check("[Network(4, 8, 1)] public class Net { }", "NG0003", "Net"));

    [Fact]
    public void NG0004_Static() => Snapshot.Verify(Check("[Network(4, 8, 1)] public static partial class Net { }", "NG0004", "Net"));

    [Fact]
    public void NG0004_Generic() => Snapshot.Verify(Check("[Network(4, 8, 1)] public partial class Net<T> { }", "NG0004", "Net"));

    [Fact]
    public void NG0004_NestedInNonPartial() => Snapshot.Verify(Check(
        "public class Models { [Network(4, 8, 1)] public partial class Net { } }", "NG0004", "Net"));

    [Fact]
    public void NG0004_FileLocal() => Snapshot.Verify(Check("[Network(4, 8, 1)] file partial class Net { }", "NG0004", "Net"));

    [Fact]
    public void NG0005_ParameterCountOverflow() => Snapshot.Verify(Check(
        "[Network(100000, 100000, 1)] public partial class Net { }", "NG0005", "Network(100000, 100000, 1)"));

    [Fact]
    public void NG0005_ArrayTooLarge() => Snapshot.Verify(Check(
        "[Network(2147483, 1000, 1)] public partial class Net { }", "NG0005", "Network(2147483, 1000, 1)"));

    [Fact]
    public void NG0006_ReLUOutput() => Snapshot.Verify(Check(
        "[Network(4, 8, 1, Output = Activation.ReLU)] public partial class Net { }", "NG0006", "Output = Activation.ReLU"));

    [Fact]
    public void NG0006_LinearHidden() => Snapshot.Verify(Check(
        "[Network(4, 8, 1, Hidden = Activation.Linear)] public partial class Net { }", "NG0006", "Hidden = Activation.Linear"));

    [Fact]
    public void NG0006_UndefinedValue() => Snapshot.Verify(Check(
        "[Network(4, 8, 1, Hidden = (Activation)42)] public partial class Net { }", "NG0006", "Hidden = (Activation)42"));

    [Fact]
    public void NG0006_SoftmaxHidden() => Snapshot.Verify(Check(
        "[Network(4, 8, 3, Hidden = Activation.Softmax, Output = Activation.Softmax)] public partial class Net { }", "NG0006", "Hidden = Activation.Softmax"));

    [Fact]
    public void NG0010_SoftmaxOverOneOutput() => Snapshot.Verify(Check(
        "[Network(4, 8, 1, Output = Activation.Softmax)] public partial class Net { }", "NG0010", "Output = Activation.Softmax"));

    [Fact]
    public void EveryReportedSize_IsFlagged()
    {
        var run = GeneratorHarness.Run<NetworkGenerator>("using NetGen;\n[Network(0, 5, -2)] public partial class Net { }");
        Assert.Equal(new[] { "NG0001", "NG0001" }, run.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Contains("Layer size 0", run.GeneratorDiagnostics[0].GetMessage());
        Assert.Contains("Layer size 2 of [Network] must be a positive integer constant, but it is -2", run.GeneratorDiagnostics[1].GetMessage());
    }
}
