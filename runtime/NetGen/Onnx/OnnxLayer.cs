using System;
using System.Globalization;
using System.Linq;
using NetGen.IO;

namespace NetGen.Onnx;

/// <summary>One weight layer as ONNX sees it: <c>Gemm(A, W, b, transB=1)</c> followed by its activation.</summary>
internal readonly record struct OnnxLayer(int Index, ParameterSlot Weights, ParameterSlot Biases, Activation Activation)
{
    public int Inputs => Weights.Columns;

    public int Outputs => Weights.Rows;

    /// <summary>
    /// The layers of a network from its parameter slots (<c>W1, b1, W2, b2, ...</c>, as the generated
    /// <c>ParameterSlots()</c> lists them) and its activations.
    /// </summary>
    /// <exception cref="ArgumentException">The slots are not weight and bias pairs of chained shapes, or an activation cannot be where it is.</exception>
    public static OnnxLayer[] FromSlots(ReadOnlySpan<ParameterSlot> slots, Activation hidden, Activation output)
    {
        if (slots.Length == 0 || slots.Length % 2 != 0)
            throw new ArgumentException($"Expected weight and bias slots in pairs (W1, b1, W2, b2, ...), found {slots.Length} slots.", nameof(slots));
        if (!Enum.IsDefined(hidden) || hidden is Activation.Linear or Activation.Softmax)
            throw new ArgumentException($"Hidden layers take ReLU, LeakyReLU, Tanh or Sigmoid, not {hidden}.", nameof(hidden));
        if (output is not (Activation.Sigmoid or Activation.Linear or Activation.Softmax))
            throw new ArgumentException($"The output layer takes Sigmoid, Linear or Softmax, not {output}.", nameof(output));

        var layers = new OnnxLayer[slots.Length / 2];
        for (int l = 0; l < layers.Length; l++)
        {
            var (weights, biases) = (slots[2 * l], slots[2 * l + 1]);
            if (weights.Values is null || biases.Values is null
                || weights.Rows <= 0 || weights.Columns <= 0 || (long)weights.Rows * weights.Columns != weights.Values.Length
                || biases.Rows != weights.Rows || biases.Columns != 1 || biases.Values.Length != biases.Rows)
                throw new ArgumentException(
                    $"Layer {l + 1}: expected weights of n_l x n_(l-1) values and biases of n_l x 1, found '{weights.Key}' {weights.Rows} x {weights.Columns} and '{biases.Key}' {biases.Rows} x {biases.Columns}.",
                    nameof(slots));
            if (l > 0 && weights.Columns != layers[l - 1].Outputs)
                throw new ArgumentException($"Layer {l + 1} takes {weights.Columns} inputs, but layer {l} has {layers[l - 1].Outputs} outputs.", nameof(slots));
            layers[l] = new OnnxLayer(l + 1, weights, biases, l == layers.Length - 1 ? output : hidden);
        }
        return layers;
    }

    /// <summary>The network as its attribute declares it, e.g. <c>[Network(5, 4, 1, Hidden = Activation.ReLU, Output = Activation.Sigmoid)]</c>.</summary>
    public static string Topology(OnnxLayer[] layers)
    {
        var sizes = layers.Select(l => l.Outputs).Prepend(layers[0].Inputs).Select(n => n.ToString(CultureInfo.InvariantCulture));
        var hidden = layers.Length > 1 ? $"Hidden = Activation.{layers[0].Activation}, " : "";
        return $"[Network({string.Join(", ", sizes)}, {hidden}Output = Activation.{layers[^1].Activation})]";
    }

    /// <summary>The ONNX operator of an activation; null for Linear, which has none.</summary>
    public static string? Operator(Activation activation) => activation switch
    {
        Activation.ReLU => "Relu",
        Activation.LeakyReLU => "LeakyRelu",
        Activation.Tanh => "Tanh",
        Activation.Sigmoid => "Sigmoid",
        Activation.Softmax => "Softmax",
        _ => null,
    };

    /// <summary>
    /// The axis <c>Softmax</c> normalises over: the outputs of each example (rows of a (batch, outputs) tensor). Opset 13
    /// defaults to the last axis, the same here; written explicitly, as PyTorch's <c>nn.Softmax(dim=1)</c> does.
    /// </summary>
    public const long SoftmaxAxis = 1;

    /// <summary>The slope of LeakyReLU for negative inputs (<c>LeakyRelu</c>'s <c>alpha</c>), as the kernels use it.</summary>
    public const float LeakySlope = 0.01f;
}
