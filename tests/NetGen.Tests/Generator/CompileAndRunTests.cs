using System;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// Compiles generated code with the real compiler in memory, loads it and runs it (through a small probe class
/// compiled with it, since spans cannot cross reflection), comparing with values worked out from the course's
/// printed parameters.
/// </summary>
public class CompileAndRunTests
{
    static object? Invoke(GeneratorRun run, string type, string method)
    {
        run.AssertNoErrors(includeWarnings: true);
        using var compiled = run.Emit();
        return compiled.FindType(type).GetMethod(method)!.Invoke(null, null);
    }

    [Fact]
    public void TwoLayerNetwork_PredictsWithTheCoursesInitialParameters()
    {
        var run = GeneratorHarness.Run<NetworkGenerator>("""
            using NetGen;
            namespace Demo;
            [Network(3, 2, 1)] public partial class Net { }
            public static class Probe
            {
                public static float Run()
                {
                    var net = new Net();
                    net.InitializeParameters(1, WeightInit.Small);
                    return net.Predict(new float[] { 1.5f, -2.0f, 3.0f });
                }
            }
            """);

        // The course: initialize_parameters(3, 2, 1) with np.random.seed(1), then sigmoid(W2 relu(W1 x)).
        double[,] w1 = { { 0.01624345, -0.00611756, -0.00528172 }, { -0.01072969, 0.00865408, -0.02301539 } };
        double[] w2 = { 0.01744812, -0.00761207 };
        double[] x = { 1.5, -2.0, 3.0 };
        double output = 0;
        for (var j = 0; j < 2; j++)
        {
            var z = 0.0;
            for (var k = 0; k < 3; k++) z += w1[j, k] * x[k];
            output += w2[j] * Math.Max(z, 0);
        }
        var expected = 1 / (1 + Math.Exp(-output));

        Assert.Equal(expected, (float)Invoke(run, "Demo.Probe", "Run")!, 6);
    }

    [Fact]
    public void SeveralNetworksInOneCompilation_AllCompileAndRun()
    {
        var run = GeneratorHarness.Run<NetworkGenerator>("""
            using NetGen;
            [Network(2, 1)] public partial class GlobalNet { }
            namespace A { [Network(4, 8, 1)] public partial class Net { } }
            namespace B { [Network(4, 8, 2, Output = Activation.Linear)] public partial class Net { } }
            namespace C
            {
                public partial class Outer
                {
                    public partial struct Middle
                    {
                        [Network(100, 40, 3, Hidden = Activation.Tanh)] internal partial class Inner { }
                    }
                }
                public partial class Generic<T> { [Network(3, 3)] public partial record Net { } }
                public static class Probe
                {
                    public static float Run()
                    {
                        var inner = new Outer.Middle.Inner();
                        inner.InitializeParameters(7, WeightInit.He);
                        var output = new float[3];
                        inner.Predict(new float[100], output);
                        var global = new GlobalNet();
                        global.InitializeParameters(1);
                        // Zero input and zero biases: tanh(0) = 0 chains to the sigmoid outputs, each sigmoid(0) = 0.5.
                        return output[0] + output[1] + output[2] + global.Predict(new float[2]) + new Generic<int>.Net().B1.Length;
                    }
                }
            }
            """);
        Assert.Equal(new[] { "A.Net.g.cs", "B.Net.g.cs", "C.Generic{T}.Net.g.cs", "C.Outer.Middle.Inner.g.cs", "GlobalNet.g.cs" }, run.GeneratedSources.Keys);
        Assert.Equal(3 * 0.5f + 0.5f + 3, (float)Invoke(run, "C.Probe", "Run")!);
    }
}
