using System.Globalization;
using System.IO;
using Microsoft.CodeAnalysis;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;
using static NetGen.Tests.Analyzers.ShapeAnalysis;

namespace NetGen.Tests.Analyzers;

/// <summary>Which calls are a network's generated methods: wherever the network is declared, and nothing else.</summary>
public sealed class NetworkLookupTests
{
    [Fact]
    public void ANetworkInANamespace_IsNamedWithoutTheNamespace() => AssertReports("""
        using NetGen;

        namespace Models.Vision
        {
            [Network(12288, 20, 7, 5, 1)] public partial class CatNet { }
        }

        public static class Use
        {
            public static float Run(Models.Vision.CatNet net) => net.Predict(new float[100]);
        }
        """, "new float[100]", "CatNet.Predict(x) expects x to hold exactly 12288 floats (InputSize), but the array given has 100");

    [Fact]
    public void TheDocumentedExample_ReportsWhatTheDocsSay() => AssertReportsAll("""
        using NetGen;

        [Network(12288, 20, 7, 5, 1)]
        public partial class CatNet { }

        public static class Use
        {
            public static void Run()
            {
                var net = new CatNet();
                net.Predict(new float[100]);
                var output = new float[2];
                net.Predict(new float[3 * 12288], output);
            }
        }
        """,
        ("new float[100]", "CatNet.Predict(x) expects x to hold exactly 12288 floats (InputSize), but the array given has 100"),
        ("output", "CatNet.Predict(x, output) expects output to hold exactly 3 floats (OutputSize x 3 examples), but the array 'output' given has 2"));

    [Fact]
    public void ANestedNetwork_IsNamedWithItsContainingTypes() => AssertReports("""
        using NetGen;

        public partial class Outer
        {
            internal partial class Middle
            {
                [Network(3, 2)] internal partial class Inner { }
            }

            public static void Run() => new Middle.Inner().Predict([1f, 2f, 3f], new float[3]);
        }
        """, "new float[3]", "Outer.Middle.Inner.Predict(x, output) expects output to hold exactly 2 floats (OutputSize x 1 example), but the array given has 3");

    [Fact]
    public void ANetworkNestedInAGenericType_IsChecked() => AssertReports("""
        using NetGen;

        public partial class Models<T>
        {
            [Network(3, 3)] public partial record Net { }
        }

        public static class Use
        {
            public static void Run(Models<int>.Net net) => net.Predict(new float[6], new float[3]);
        }
        """, "new float[3]", "Models<int>.Net.Predict(x, output) expects output to hold exactly 6 floats (OutputSize x 2 examples), but the array given has 3");

    [Fact]
    public void TheNetworksOwnCodeCallingItsMethods_IsChecked() => AssertReports("""
        using NetGen;

        [Network(2, 1)]
        public partial class Net
        {
            public float Zero() => Predict(new float[3]);
        }
        """, "new float[3]", "Net.Predict(x) expects x to hold exactly 2 floats (InputSize), but the array given has 3");

    [Fact]
    public void MethodsOfTheSameNamesOnOtherTypes_AreSilent() => AssertSilent("""
        using System;
        using NetGen;

        [Network(4, 1)] public partial class Net { }

        public class Lookalike
        {
            public const int InputSize = 4;
            public const int OutputSize = 1;
            public ReadOnlySpan<float> Forward(ReadOnlyMemory<float> x, object caches) => x.Span;
            public static float ComputeCost(ReadOnlySpan<float> al, ReadOnlySpan<float> y) => 0;
            public void Backward(ReadOnlySpan<float> y, object caches, object gradients) { }
            public void Predict(ReadOnlySpan<float> x, Span<float> output) { }
            public float Predict(ReadOnlySpan<float> x) => 0;
            public object? Train(ReadOnlySpan<float> x, ReadOnlySpan<float> y, object options) => null;
        }

        public static class Use
        {
            public static void Run(Lookalike other)
            {
                other.Forward(new float[3], new object());
                Lookalike.ComputeCost(new float[3], new float[5]);
                other.Backward(new float[3], new object(), new object());
                other.Predict(new float[3], new float[5]);
                other.Predict(new float[3]);
                other.Train(new float[3], new float[5], new object());
            }
        }
        """);

    [Fact]
    public void HandWrittenOverloadsOnANetwork_AreSilent() => AssertSilent("""
        using System;
        using NetGen;

        [Network(4, 3, 2)]
        public partial class Net
        {
            // No generated Predict(x) here (two outputs), so this one is the class's own.
            public float Predict(ReadOnlySpan<float> x) => x.Length;
            public void Predict(float[] x, int examples) { }
            public void Forward(ReadOnlySpan<float> x) { }
        }

        public static class Use
        {
            public static void Run(Net net)
            {
                net.Predict(new float[3]);
                net.Predict(new float[3], 1);
                net.Forward(new float[3]);
            }
        }
        """);

    [Fact]
    public void ANetworkFromAReferencedAssembly_IsChecked()
    {
        var library = GeneratorHarness.Run<NetworkGenerator>("""
            namespace Lib { [NetGen.Network(4, 3, 1)] public partial class Net { } }
            """);
        library.AssertNoErrors();
        using var image = new MemoryStream();
        Assert.True(library.OutputCompilation.Emit(image).Success);
        var consumer = GeneratorHarness.CreateCompilation("""
            public static class Use
            {
                public static float Run(Lib.Net net) => net.Predict(stackalloc float[3]);
            }
            """).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        Assert.DoesNotContain(consumer.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

        var diagnostic = Assert.Single(Analyze(consumer));
        Assert.Equal("stackalloc float[3]", PointedAt(diagnostic));
        Assert.Equal("Net.Predict(x) expects x to hold exactly 4 floats (InputSize), but the stackalloc buffer given has 3",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void APragmaSilencesIt_ForCodeThatMeansToPassAWrongLength() => AssertSilent(ShapeAnalysis.InMethod("""
        #pragma warning disable NG0008 // the run-time guard is under test
                scorer.Predict(new float[3]);
        #pragma warning restore NG0008
        """));
}
