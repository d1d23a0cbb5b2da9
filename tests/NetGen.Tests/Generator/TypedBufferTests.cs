using System.Linq;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>The generated inline-array buffers make a single-example call of the wrong shape a compile error.</summary>
public class TypedBufferTests
{
    const string Networks = """
        using NetGen;
        namespace Demo;
        [Network(4, 8, 1)] public partial class Tiny { }
        [Network(3, 5, 2)] public partial class Pair { }
        [Network(70000, 2, 1)] public partial class Huge { }
        """;

    [Fact]
    public void TypedPredict_CompilesAndAgreesWithTheSpanOverload()
    {
        var run = GeneratorHarness.Run<NetworkGenerator>(Networks + """

            public static class Probe
            {
                public static float Run()
                {
                    var tiny = new Tiny();
                    tiny.InitializeParameters(2, WeightInit.He);
                    var x = new Tiny.Input();
                    for (var k = 0; k < Tiny.InputSize; k++) x[k] = k - 1.5f;
                    var pair = new Pair();
                    pair.InitializeParameters(3, WeightInit.He);
                    var input = new Pair.Input();
                    input[0] = 1; input[1] = -2; input[2] = 0.5f;
                    Pair.Output typed = pair.Predict(input);
                    var spanOutput = new float[2];
                    pair.Predict(new float[] { 1, -2, 0.5f }, spanOutput);
                    var sameAsSpans = typed[0] == spanOutput[0] && typed[1] == spanOutput[1];
                    return sameAsSpans && tiny.Predict(x) == tiny.Predict(new float[] { -1.5f, -0.5f, 0.5f, 1.5f }) ? 1 : 0;
                }
            }
            """);
        run.AssertNoErrors(includeWarnings: true);
        using var compiled = run.Emit();
        Assert.Equal(1f, compiled.FindType("Demo.Probe").GetMethod("Run")!.Invoke(null, null));
    }

    [Fact]
    public void AnotherNetworksInput_DoesNotCompile()
    {
        var run = GeneratorHarness.Run<NetworkGenerator>(Networks + """

            public static class Misuse
            {
                public static float Run() => new Tiny().Predict(new Pair.Input());
            }
            """);
        // No Predict overload takes a Pair.Input: the typed overload wants Tiny.Input, and a temporary inline array
        // cannot become the span overload's argument (CS9165). A Pair.Input variable would convert to a span of
        // 3 floats; the shape analyzer reports that call (NG0008).
        var error = Assert.Single(run.CompilationDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("CS9165", error.Id);
    }

    [Fact]
    public void InputsTooLargeForTheStack_GetNoInlineArray()
    {
        var run = GeneratorHarness.Run<NetworkGenerator>(Networks);
        run.AssertNoErrors(includeWarnings: true);
        Assert.DoesNotContain("struct Input", run.GeneratedSources["Demo.Huge.g.cs"]);
        Assert.Contains("InlineArray(InputSize)", run.GeneratedSources["Demo.Tiny.g.cs"]);
        Assert.DoesNotContain("struct Output", run.GeneratedSources["Demo.Tiny.g.cs"]); // a single output is a float
        Assert.Contains("struct Output", run.GeneratedSources["Demo.Pair.g.cs"]);
    }
}
