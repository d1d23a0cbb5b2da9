using System;
using System.IO;
using System.Linq;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary>
/// <c>LoadOnnx</c> on models <c>torch.onnx.export</c> wrote (tests/fixtures/onnx_models.py): the loaded network predicts
/// what PyTorch predicted, and models that are not this network are refused with the node or initializer named.
/// </summary>
public sealed class TorchOnnxTests
{
    [Theory]
    [InlineData("relu_sigmoid", nameof(OnnxReluSigmoid))]
    [InlineData("leakyrelu_sigmoid", nameof(OnnxLeakySigmoid))]
    [InlineData("tanh_linear", nameof(OnnxTanhLinear))]
    [InlineData("sigmoid_sigmoid", nameof(OnnxSigmoid631))]
    [InlineData("matmul_tanh_linear", nameof(OnnxTanhLinear))]
    [InlineData("relu_softmax", nameof(OnnxReluSoftmax))]
    public void LoadOnnx_TorchExport_PredictsWhatTorchPredicted(string model, string networkName)
    {
        var @case = OnnxCase.Named(networkName);
        var network = @case.Create();
        network.LoadOnnx(Fixture.Path($"OnnxModels/torch_{model}.onnx"));

        var arrays = Npz.Read(Fixture.Path($"OnnxModels/torch_{model}.npz"));
        var x = arrays["x"].ToSingleArray();
        var expected = arrays["y"].ToSingleArray();
        var actual = @case.Predict(network, x);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"{model}, output {i}: torch gave {expected[i]:R}, NetGen {actual[i]:R}");
    }

    [Fact]
    public void LoadOnnx_TorchExportWithoutWeights_IsRefused_NamingTheInitializer()
    {
        var @case = OnnxCase.Named(nameof(OnnxReluSigmoid));
        var network = @case.CreateRandom(seed: 2);
        var before = @case.Parameters(network);

        var path = Fixture.Path("OnnxModels/torch_no_params.onnx");
        var error = Assert.Throws<InvalidDataException>(() => network.LoadOnnx(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("expected one graph input (the data) and the weights as initializers, found 7 graph inputs that are not initializers ('onnx::Gemm_0', '0.weight', '0.bias', '2.weight', '2.bias', '4.weight', '4.bias')", error.Message);
        Assert.Equal(before, @case.Parameters(network));
    }

    [Fact]
    public void LoadOnnx_WrongActivation_NamesTheNodeAndBothActivations()
    {
        // torch's LeakyReLU model into a ReLU network of the same sizes.
        var @case = OnnxCase.Named(nameof(OnnxReluSigmoid));
        var network = @case.CreateRandom(seed: 3);
        var before = @case.Parameters(network);

        var error = Assert.Throws<InvalidDataException>(() => network.LoadOnnx(Fixture.Path("OnnxModels/torch_leakyrelu_sigmoid.onnx")));

        Assert.Contains("layer 1: expected its activation ReLU (Relu reading '/0/Gemm_output_0'), found node '/1/LeakyRelu' (LeakyRelu)", error.Message);
        Assert.Equal(before, @case.Parameters(network));
    }

    [Fact]
    public void LoadOnnx_WrongSizes_NamesEveryInitializerWithBothShapes()
    {
        // torch's 5-4-3-2 Tanh model into a 5-4-3-1 Tanh network: the last layer's weights and biases do not fit.
        var @case = OnnxCase.Named(nameof(OnnxTanhSigmoid));
        var network = @case.CreateRandom(seed: 4);
        var before = @case.Parameters(network);

        var error = Assert.Throws<InvalidDataException>(() => network.LoadOnnx(Fixture.Path("OnnxModels/torch_tanh_linear.onnx")));

        Assert.Contains("layer 3's weights (initializer '4.weight', read by node '/4/Gemm' (Gemm)): expected shape (1, 3), found (2, 3)", error.Message);
        Assert.Contains("layer 3's biases (initializer '4.bias', read by node '/4/Gemm' (Gemm)): expected shape (1), found (2)", error.Message);
        Assert.Equal(before, @case.Parameters(network));
    }
}
