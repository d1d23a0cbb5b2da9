using System;
using System.Reflection;

namespace NetGen.Onnx;

/// <summary>
/// Writes a network as an ONNX model of opset 13: per layer a <c>Gemm</c> (transB = 1, so <c>W</c> stays in
/// its (n_l, n_(l-1)) layout) and the activation's node; a symbolic batch dimension on the input and output.
/// </summary>
internal static class OnnxModelWriter
{
    public const string InputName = "input";
    public const string OutputName = "output";
    public const string BatchDimension = "batch";
    public const long Opset = 13;

    // IR version 7 is the one that came with opset 13, so every runtime that runs opset 13 reads it.
    const long IrVersion = 7;

    public static byte[] Write(OnnxLayer[] layers)
    {
        var model = new ProtoWriter();
        model.Varint(ModelField.IrVersion, IrVersion);
        model.String(ModelField.ProducerName, "NetGen");
        model.String(ModelField.ProducerVersion, ProducerVersion);
        model.Message(ModelField.Graph, graph => WriteGraph(graph, layers));
        model.Message(ModelField.OpsetImport, opset =>
        {
            opset.String(OperatorSetIdField.Domain, "");
            opset.Varint(OperatorSetIdField.Version, Opset);
        });
        Metadata(model, "producer", $"NetGen {ProducerVersion}");
        Metadata(model, "topology", OnnxLayer.Topology(layers));
        return model.WrittenSpan.ToArray();
    }

    static void WriteGraph(ProtoWriter graph, OnnxLayer[] layers)
    {
        string current = InputName;
        foreach (var layer in layers)
        {
            string? activation = OnnxLayer.Operator(layer.Activation);
            bool last = layer.Index == layers.Length;
            string linear = last && activation is null ? OutputName : $"Z{layer.Index}";
            graph.Message(GraphField.Node, node =>
            {
                Names(node, "Gemm" + layer.Index, "Gemm", [current, layer.Weights.Key, layer.Biases.Key], linear);
                FloatAttribute(node, "alpha", 1f);
                FloatAttribute(node, "beta", 1f);
                IntAttribute(node, "transB", 1);
            });
            current = linear;
            if (activation is null) continue;

            string activated = last ? OutputName : $"A{layer.Index}";
            graph.Message(GraphField.Node, node =>
            {
                Names(node, activation + layer.Index, activation, [current], activated);
                if (layer.Activation == Activation.LeakyReLU) FloatAttribute(node, "alpha", OnnxLayer.LeakySlope);
                if (layer.Activation == Activation.Softmax) IntAttribute(node, "axis", OnnxLayer.SoftmaxAxis);
            });
            current = activated;
        }

        graph.String(GraphField.Name, "NetGen");
        foreach (var layer in layers)
        {
            Initializer(graph, layer.Weights.Key, [layer.Outputs, layer.Inputs], layer.Weights.Values);
            Initializer(graph, layer.Biases.Key, [layer.Outputs], layer.Biases.Values);
        }
        Value(graph, GraphField.Input, InputName, layers[0].Inputs);
        Value(graph, GraphField.Output, OutputName, layers[^1].Outputs);
    }

    static void Names(ProtoWriter node, string name, string opType, string[] inputs, string output)
    {
        foreach (var input in inputs) node.String(NodeField.Input, input);
        node.String(NodeField.Output, output);
        node.String(NodeField.Name, name);
        node.String(NodeField.OpType, opType);
    }

    static void FloatAttribute(ProtoWriter node, string name, float value) =>
        node.Message(NodeField.Attribute, attribute =>
        {
            attribute.String(AttributeField.Name, name);
            attribute.Float(AttributeField.F, value);
            attribute.Varint(AttributeField.Type, AttributeField.TypeFloat);
        });

    static void IntAttribute(ProtoWriter node, string name, long value) =>
        node.Message(NodeField.Attribute, attribute =>
        {
            attribute.String(AttributeField.Name, name);
            attribute.Varint(AttributeField.I, value);
            attribute.Varint(AttributeField.Type, AttributeField.TypeInt);
        });

    static void Initializer(ProtoWriter graph, string name, long[] dims, float[] values) =>
        graph.Message(GraphField.Initializer, tensor =>
        {
            foreach (var dim in dims) tensor.Varint(TensorField.Dims, dim);
            tensor.Varint(TensorField.DataType, TensorField.DataTypeFloat);
            tensor.String(TensorField.Name, name);
            tensor.Floats(TensorField.RawData, values);
        });

    /// <summary>A float tensor of shape (batch, <paramref name="size"/>).</summary>
    static void Value(ProtoWriter graph, int field, string name, int size) =>
        graph.Message(field, value =>
        {
            value.String(ValueInfoField.Name, name);
            value.Message(ValueInfoField.Type, type => type.Message(TypeField.TensorType, tensor =>
            {
                tensor.Varint(TypeField.ElemType, TensorField.DataTypeFloat);
                tensor.Message(TypeField.Shape, shape =>
                {
                    shape.Message(ShapeField.Dim, dim => dim.String(ShapeField.DimParam, BatchDimension));
                    shape.Message(ShapeField.Dim, dim => dim.Varint(ShapeField.DimValue, size));
                });
            }));
        });

    static void Metadata(ProtoWriter model, string key, string value) =>
        model.Message(ModelField.MetadataProps, entry =>
        {
            entry.String(StringStringEntryField.Key, key);
            entry.String(StringStringEntryField.Value, value);
        });

    static string ProducerVersion { get; } =
        typeof(OnnxModelWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString() ?? "unknown";
}
