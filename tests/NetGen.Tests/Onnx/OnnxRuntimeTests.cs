using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary><c>SaveOnnx</c>'s models run in the real ONNX Runtime (Microsoft.ML.OnnxRuntime) as <c>Predict</c> does.</summary>
public sealed class OnnxRuntimeTests : IDisposable
{
    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static IEnumerable<object[]> Cases => OnnxCase.All.Select(c => new object[] { c.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnnxRuntime_RunsTheExport_AsPredictDoes(string name)
    {
        var @case = OnnxCase.Named(name);
        var network = @case.CreateRandom(seed: 11);
        var path = Path.Combine(_directory.Path, name + ".onnx");
        network.SaveOnnx(path);

        // Two batch sizes through one session: the batch dimension is dynamic.
        using var session = new InferenceSession(path);
        foreach (int batch in new[] { 1, 9 })
        {
            var x = @case.Inputs(batch, seed: batch);
            var expected = @case.Predict(network, x);
            var actual = Run(session, x, batch, @case.Sizes[0]);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"{name}, batch {batch}, output {i}: Predict gave {expected[i]:R}, ONNX Runtime {actual[i]:R}");
        }
    }

    [Fact]
    public void OnnxRuntime_SeesNamedInputAndOutput_DynamicBatch_AndTheMetadata()
    {
        var network = OnnxCase.Named(nameof(OnnxTanhLinear)).CreateRandom(seed: 1);
        var path = Path.Combine(_directory.Path, "tanh.onnx");
        network.SaveOnnx(path);

        using var session = new InferenceSession(path);
        var input = Assert.Single(session.InputMetadata);
        Assert.Equal("input", input.Key);
        Assert.Equal(new[] { -1, 5 }, input.Value.Dimensions);
        Assert.Equal("batch", input.Value.SymbolicDimensions[0]);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal("output", output.Key);
        Assert.Equal(new[] { -1, 2 }, output.Value.Dimensions);

        var metadata = session.ModelMetadata;
        Assert.Equal("NetGen", metadata.ProducerName);
        Assert.StartsWith("NetGen ", metadata.CustomMetadataMap["producer"]);
        Assert.Equal("[Network(5, 4, 3, 2, Hidden = Activation.Tanh, Output = Activation.Linear)]", metadata.CustomMetadataMap["topology"]);
    }

    static float[] Run(InferenceSession session, float[] x, int batch, int inputs)
    {
        var tensor = new DenseTensor<float>(x, [batch, inputs]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", tensor)]);
        return results.Single(r => r.Name == "output").AsEnumerable<float>().ToArray();
    }
}
