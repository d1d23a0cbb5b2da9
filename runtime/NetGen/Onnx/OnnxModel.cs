using System;
using System.IO;
using NetGen.IO;

namespace NetGen.Onnx;

/// <summary>
/// Exchanges a network with the ONNX ecosystem: <see cref="Save"/> writes an ONNX model that ONNX Runtime (or
/// any ONNX server) runs, <see cref="Load"/> reads the weights of one that <c>torch.onnx.export</c> wrote for an
/// <c>nn.Sequential</c> of <c>Linear</c> layers and activations, or that <see cref="Save"/> wrote.
/// </summary>
/// <remarks>
/// The model has one input, <c>input</c>, of shape (batch, n_0) and one output, <c>output</c>, of shape (batch, n_L),
/// float32, with a symbolic batch dimension: rows are examples, as in <c>Predict</c>. Each layer is a <c>Gemm</c>
/// with transB = 1 over the initializers <c>W_l</c> (n_l, n_(l-1)) and <c>b_l</c> (n_l) and then its activation node;
/// the metadata holds the producer and the topology.
/// </remarks>
public static class OnnxModel
{
    /// <summary>Writes the network to the ONNX file at <paramref name="path"/>, atomically (see <see cref="AtomicFile"/>).</summary>
    /// <param name="path">The .onnx file to create or replace.</param>
    /// <param name="parameters">The network's parameters in pairs: <c>W1, b1, W2, b2, ...</c>.</param>
    /// <param name="hidden">The hidden layers' activation.</param>
    /// <param name="output">The output layer's activation.</param>
    /// <exception cref="ArgumentException">The slots are not weight and bias pairs of chained shapes, or an activation cannot be where it is.</exception>
    public static void Save(string path, ReadOnlySpan<ParameterSlot> parameters, Activation hidden, Activation output)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] model = OnnxModelWriter.Write(OnnxLayer.FromSlots(parameters, hidden, output));
        AtomicFile.Write(path, stream => stream.Write(model));
    }

    /// <summary>
    /// Reads the ONNX model at <paramref name="path"/> and copies its weights and biases into the slots. The whole
    /// graph is checked first (each layer's operator, initializer shapes, activations, nothing else in the graph),
    /// so on any error the slots are unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Save"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a well-formed ONNX model, or its graph does not compute this network; the message names the
    /// file, the node or initializer, and what was expected and found.
    /// </exception>
    public static void Load(string path, ReadOnlySpan<ParameterSlot> parameters, Activation hidden, Activation output)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var layers = OnnxLayer.FromSlots(parameters, hidden, output);
        byte[] file = ReadFile(path, layers);

        OnnxGraph graph;
        try { graph = OnnxModelReader.Read(file); }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"'{path}': expected an ONNX model (a ModelProto), found malformed data {exception.Message}.", exception);
        }

        var (weights, biases, problems) = OnnxLayerMatcher.Match(graph, layers);
        if (problems.Count > 0)
            throw new InvalidDataException($"'{path}': the ONNX model does not compute this network, {OnnxLayer.Topology(layers)}: {string.Join("; ", problems)}.");

        foreach (var layer in layers)
        {
            weights[layer.Index - 1].CopyTo(layer.Weights.Values, 0);
            biases[layer.Index - 1].CopyTo(layer.Biases.Values, 0);
        }
    }

    /// <summary>
    /// Reads the whole file, unless it is far larger than any model of this network could be: its weights take 4 bytes
    /// per value as raw data and at most 5 as float_data fields, so 8 per value plus 64 MiB of names and metadata is ample.
    /// </summary>
    static byte[] ReadFile(string path, OnnxLayer[] layers)
    {
        long values = 0;
        foreach (var layer in layers) values += layer.Weights.Values.Length + layer.Biases.Values.Length;
        long limit = Math.Min(8 * values + (64L << 20), Array.MaxLength);
        long length = new FileInfo(path).Length;
        if (length > limit)
            throw new InvalidDataException($"'{path}': expected an ONNX model of this network's {values} parameters, at most {limit} bytes, found a file of {length} bytes.");
        return File.ReadAllBytes(path);
    }
}
