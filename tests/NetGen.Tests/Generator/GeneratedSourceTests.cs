using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// Snapshots of the generated source (Snapshots/GeneratedSourceTests.*.verified.cs). Each one also compiles the
/// output with the real compiler and fails on any error or warning in it.
/// </summary>
public class GeneratedSourceTests
{
    internal static GeneratorRun Generate(string attribute)
    {
        var run = GeneratorHarness.Run<NetworkGenerator>($$"""
            using NetGen;

            namespace Demo;

            [{{attribute}}]
            public partial class Net { }
            """);
        run.AssertNoErrors(includeWarnings: true);
        return run;
    }

    [Fact] public void Network_2_4_1() => Snapshot.Verify(Generate("Network(2, 4, 1)"));

    [Fact] public void CourseNetwork_5_4_3_1() => Snapshot.Verify(Generate("Network(5, 4, 3, 1)"));

    [Fact] public void CatNetwork_12288_20_7_5_1() => Snapshot.Verify(Generate("Network(12288, 20, 7, 5, 1)"));

    [Fact] public void HiddenLeakyReLU() => Snapshot.Verify(Generate("Network(3, 5, 2, Hidden = Activation.LeakyReLU)"));

    [Fact] public void HiddenTanh() => Snapshot.Verify(Generate("Network(3, 5, 2, Hidden = Activation.Tanh)"));

    [Fact] public void HiddenSigmoid() => Snapshot.Verify(Generate("Network(3, 5, 2, Hidden = Activation.Sigmoid)"));

    [Fact] public void OutputLinear() => Snapshot.Verify(Generate("Network(3, 5, 2, Output = Activation.Linear)"));

    [Fact] public void OutputSoftmax() => Snapshot.Verify(Generate("Network(3, 5, 4, Output = Activation.Softmax)"));

    [Fact] public void SingleLayer() => Snapshot.Verify(Generate("Network(6, 1)"));

    /// <summary>A hidden layer too wide for the stack: Predict rents its buffers from the pool instead.</summary>
    [Fact] public void WideHiddenLayer() => Snapshot.Verify(Generate("Network(40, 3000, 1)"));
}
