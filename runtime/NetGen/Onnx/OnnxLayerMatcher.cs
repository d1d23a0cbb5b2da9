using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Onnx;

/// <summary>
/// Follows an ONNX graph from its input to its output, layer by layer, and takes each layer's weights and
/// biases if the graph computes exactly this network. Reads a <c>Gemm</c> with transB = 1 (NetGen's and
/// <c>torch.onnx.export</c>'s <c>nn.Linear</c>) or transB = 0, or a <c>MatMul</c> then <c>Add</c>, with weights and
/// biases as initializers; after it the layer's activation node, or none for a Linear output.
/// </summary>
internal sealed class OnnxLayerMatcher
{
    readonly OnnxGraph graph;
    readonly OnnxLayer[] layers;
    readonly Dictionary<string, OnnxTensor> initializers = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<OnnxNode>> readers = new(StringComparer.Ordinal);
    readonly HashSet<OnnxNode> visited = [];

    OnnxLayerMatcher(OnnxGraph graph, OnnxLayer[] layers)
    {
        this.graph = graph;
        this.layers = layers;
    }

    /// <summary>The weights and biases of every layer, in NetGen's layout, or the problems that stop them being taken.</summary>
    public static (float[][] Weights, float[][] Biases, List<string> Problems) Match(OnnxGraph graph, OnnxLayer[] layers) =>
        new OnnxLayerMatcher(graph, layers).Match();

    (float[][], float[][], List<string>) Match()
    {
        var weights = layers.Select(l => new float[l.Weights.Values.Length]).ToArray();
        var biases = layers.Select(l => new float[l.Outputs]).ToArray();
        var problems = new List<string>();
        try
        {
            Index();
            string current = Input();
            foreach (var layer in layers)
            {
                current = Linear(layer, current, weights[layer.Index - 1], biases[layer.Index - 1], problems);
                current = Activation(layer, current);
            }
            Output(current);
        }
        catch (GraphMismatch mismatch)
        {
            problems.Add(mismatch.Message);
        }
        return (weights, biases, problems);
    }

    void Index()
    {
        if (graph.Opset is not { } opset)
            throw new GraphMismatch("expected an opset import for the default ONNX domain, found none");
        if (opset < 7)
            throw new GraphMismatch($"expected opset 7 or later (Gemm with broadcasting biases), found opset {opset}");
        foreach (var tensor in graph.Initializers)
        {
            if (!initializers.TryAdd(tensor.Name, tensor))
                throw new GraphMismatch($"expected each initializer once, found '{tensor.Name}' twice");
        }
        foreach (var node in graph.Nodes)
        {
            if (node.Domain is not ("" or "ai.onnx"))
                throw new GraphMismatch($"{node.Description} is from the domain '{node.Domain}'; expected only standard ONNX operators");
            if (node.Outputs.Count != 1)
                throw new GraphMismatch($"{node.Description} has {node.Outputs.Count} outputs; expected 1");
            foreach (var input in node.Inputs.Distinct())
            {
                if (!readers.TryGetValue(input, out var list)) readers[input] = list = [];
                list.Add(node);
            }
        }
    }

    /// <summary>The one graph input that is not an initializer (older exporters list initializers as inputs too).</summary>
    string Input()
    {
        var inputs = graph.Inputs.Where(i => !initializers.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1)
            throw new GraphMismatch($"expected one graph input (the data) and the weights as initializers, found {inputs.Count} graph inputs that are not initializers ({Names(inputs.Select(i => i.Name))})");
        CheckValue(inputs[0], "input", layers[0].Inputs);
        return inputs[0].Name;
    }

    void Output(string current)
    {
        if (graph.Outputs.Count != 1 || graph.Outputs[0].Name != current)
            throw new GraphMismatch($"expected the graph's one output to be '{current}', the last layer's result, found {Names(graph.Outputs.Select(o => o.Name))}");
        CheckValue(graph.Outputs[0], "output", layers[^1].Outputs);
        if (readers.TryGetValue(current, out var after))
            throw new GraphMismatch($"expected nothing after the last layer (its activation is {layers[^1].Activation}), found {after[0].Description}");
        var stray = graph.Nodes.FirstOrDefault(n => !visited.Contains(n));
        if (stray is not null)
            throw new GraphMismatch($"expected only the network's layers, found {stray.Description} besides them");
    }

    string Linear(OnnxLayer layer, string current, float[] weights, float[] biases, List<string> problems)
    {
        var node = Next(current, $"layer {layer.Index}'s Gemm");
        switch (node.OpType)
        {
            case "Gemm":
                if (node.Inputs.Count != 3 || node.Inputs[0] != current)
                    throw new GraphMismatch($"layer {layer.Index}: expected {node.Description} to read '{current}', weights and biases, found inputs {Names(node.Inputs)}");
                long transB = GemmAttributes(node);
                // transB = 1: B is W itself, (n_l, n_(l-1)); transB = 0: B is W's transpose.
                Take(node, node.Inputs[1], layer.Index, "weights", transB == 1 ? [layer.Outputs, layer.Inputs] : [layer.Inputs, layer.Outputs], weights, transB == 0 ? layer.Inputs : 0, problems);
                TakeBias(node, node.Inputs[2], layer, biases, problems);
                return node.Outputs[0];
            case "MatMul":
                if (node.Inputs.Count != 2 || node.Inputs[0] != current)
                    throw new GraphMismatch($"layer {layer.Index}: expected {node.Description} to read '{current}' and the weights, found inputs {Names(node.Inputs)}");
                CheckAttributes(node);
                Take(node, node.Inputs[1], layer.Index, "weights", [layer.Inputs, layer.Outputs], weights, layer.Inputs, problems);
                var add = Next(node.Outputs[0], $"layer {layer.Index}'s Add of the biases");
                if (add.OpType != "Add" || add.Inputs.Count != 2)
                    throw new GraphMismatch($"layer {layer.Index}: expected an Add of the biases after {node.Description}, found {add.Description}");
                CheckAttributes(add);
                TakeBias(add, add.Inputs[add.Inputs[0] == node.Outputs[0] ? 1 : 0], layer, biases, problems);
                return add.Outputs[0];
            default:
                throw new GraphMismatch($"layer {layer.Index}: expected a Gemm (or MatMul and Add) reading '{current}', found {node.Description}");
        }
    }

    string Activation(OnnxLayer layer, string current)
    {
        var expected = OnnxLayer.Operator(layer.Activation);
        if (expected is null) return current;
        var node = Next(current, $"layer {layer.Index}'s {expected}");
        if (node.OpType != expected || node.Inputs.Count != 1)
            throw new GraphMismatch($"layer {layer.Index}: expected its activation {layer.Activation} ({expected} reading '{current}'), found {node.Description}");
        if (layer.Activation == NetGen.Activation.LeakyReLU)
        {
            // ONNX's default alpha is 0.01; PyTorch writes float32(0.01) explicitly.
            var alpha = FloatAttribute(node, "alpha", OnnxLayer.LeakySlope);
            CheckAttributes(node, "alpha");
            if (alpha != OnnxLayer.LeakySlope)
                throw new GraphMismatch($"layer {layer.Index}: expected {node.Description} with alpha {Text(OnnxLayer.LeakySlope)}, as NetGen's LeakyReLU has, found alpha {Text(alpha)}");
        }
        else if (layer.Activation == NetGen.Activation.Softmax)
        {
            // Over each example's outputs: axis 1 of (batch, outputs), or -1, opset 13's default, the same axis.
            var axis = IntAttribute(node, "axis", -1);
            CheckAttributes(node, "axis");
            if (axis != OnnxLayer.SoftmaxAxis && axis != -1)
                throw new GraphMismatch($"layer {layer.Index}: expected {node.Description} over each example's outputs (axis 1 or -1), found axis {axis}");
        }
        else
        {
            CheckAttributes(node);
        }
        return node.Outputs[0];
    }

    long GemmAttributes(OnnxNode node)
    {
        CheckAttributes(node, "alpha", "beta", "transA", "transB");
        foreach (var name in new[] { "alpha", "beta" })
        {
            var value = FloatAttribute(node, name, 1f);
            if (value != 1f) throw new GraphMismatch($"expected {node.Description} with {name} 1, found {name} {Text(value)}");
        }
        if (IntAttribute(node, "transA", 0) is var transA and not 0)
            throw new GraphMismatch($"expected {node.Description} with transA 0, found transA {transA}");
        var transB = IntAttribute(node, "transB", 0);
        if (transB is not (0 or 1))
            throw new GraphMismatch($"expected {node.Description} with transB 0 or 1, found transB {transB}");
        return transB;
    }

    void TakeBias(OnnxNode node, string name, OnnxLayer layer, float[] biases, List<string> problems)
    {
        // Gemm broadcasts a bias of shape (n_l) or (1, n_l) over the batch; so does Add.
        var shape = initializers.TryGetValue(name, out var tensor) && tensor.Dims.Count == 2 ? new long[] { 1, layer.Outputs } : [layer.Outputs];
        Take(node, name, layer.Index, "biases", shape, biases, 0, problems);
    }

    /// <summary>
    /// Copies the initializer <paramref name="name"/> into <paramref name="target"/> if it has the expected shape and
    /// float data; with <paramref name="transposedRows"/> above 0 it is stored transposed, (n_(l-1), n_l).
    /// </summary>
    void Take(OnnxNode node, string name, int layerIndex, string role, long[] shape, float[] target, int transposedRows, List<string> problems)
    {
        var where = $"layer {layerIndex}'s {role} (initializer '{name}', read by {node.Description})";
        if (!initializers.TryGetValue(name, out var tensor))
        {
            problems.Add($"{where}: expected an initializer of shape {Shape(shape)}, found no initializer of that name (computed weights are not read)");
            return;
        }
        if (!tensor.Dims.SequenceEqual(shape))
        {
            problems.Add($"{where}: expected shape {Shape(shape)}, found {Shape(tensor.Dims)}");
            return;
        }
        if (tensor.DataType != TensorField.DataTypeFloat)
        {
            problems.Add($"{where}: expected float32 data (data type 1), found data type {tensor.DataType}");
            return;
        }
        long bytes = tensor.FloatBytes.Sum(segment => (long)segment.Length);
        if (tensor.HasOtherData || bytes != 4L * target.Length)
        {
            problems.Add($"{where}: expected {target.Length} float32 values stored in the file, found {(tensor.HasOtherData ? "data NetGen does not read (external, segmented or of another field)" : $"{bytes} bytes of data")}");
            return;
        }

        int i = 0;
        foreach (var segment in tensor.FloatBytes)
        {
            var span = segment.Span;
            for (int at = 0; at < span.Length; at += 4, i++)
            {
                float value = BinaryPrimitives.ReadSingleLittleEndian(span[at..]);
                if (transposedRows == 0) target[i] = value;
                else
                {
                    // Element (k, j) of the (n_(l-1), n_l) transpose is W[j, k].
                    int columns = target.Length / transposedRows;
                    target[(i % columns) * transposedRows + i / columns] = value;
                }
            }
        }
    }

    /// <summary>The one node reading <paramref name="value"/>; it becomes part of the network.</summary>
    OnnxNode Next(string value, string expected)
    {
        if (!readers.TryGetValue(value, out var nodes))
            throw new GraphMismatch($"expected {expected} to read '{value}', found no node reading it");
        if (nodes.Count != 1)
            throw new GraphMismatch($"expected one node to read '{value}', found {nodes.Count}: {string.Join(", ", nodes.Select(n => n.Description))}");
        if (!visited.Add(nodes[0]))
            throw new GraphMismatch($"expected the graph to be a chain, found {nodes[0].Description} reached twice");
        return nodes[0];
    }

    void CheckValue(OnnxValueInfo value, string role, int size)
    {
        if (value.ElemType is { } type && type != TensorField.DataTypeFloat)
            throw new GraphMismatch($"expected the graph {role} '{value.Name}' to be float32 (data type 1), found data type {type}");
        // Linear layers act on the last axis: PyTorch exports inputs of shape (..., batch, n_0) as MatMul and Add.
        if (value.Shape is { } shape && (shape.Count < 2 || shape[^1] is { } width && width != size))
            throw new GraphMismatch($"expected the graph {role} '{value.Name}' of shape (batch, {size}), found {Shape(shape.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "?"))}");
    }

    static void CheckAttributes(OnnxNode node, params string[] known)
    {
        foreach (var attribute in node.Attributes)
        {
            if (Array.IndexOf(known, attribute.Name) < 0)
                throw new GraphMismatch($"{node.Description} has the attribute '{attribute.Name}', which NetGen does not read; expected {(known.Length == 0 ? "none" : Names(known))}");
        }
    }

    static float FloatAttribute(OnnxNode node, string name, float absent)
    {
        var attribute = node.Attributes.LastOrDefault(a => a.Name == name);
        if (attribute is null) return absent;
        return attribute.Float ?? throw new GraphMismatch($"expected {node.Description}'s attribute '{name}' to be a float, found none (attribute type {attribute.Type})");
    }

    static long IntAttribute(OnnxNode node, string name, long absent)
    {
        var attribute = node.Attributes.LastOrDefault(a => a.Name == name);
        if (attribute is null) return absent;
        return attribute.Int ?? throw new GraphMismatch($"expected {node.Description}'s attribute '{name}' to be an integer, found none (attribute type {attribute.Type})");
    }

    static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    static string Shape<T>(IEnumerable<T> dims) => $"({string.Join(", ", dims)})";

    static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Where the graph stops being this network; ends the walk.</summary>
    sealed class GraphMismatch(string message) : Exception(message);
}
