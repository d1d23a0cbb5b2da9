using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Onnx;

/// <summary>
/// Parses the parts of an ONNX ModelProto NetGen needs into an <see cref="OnnxGraph"/>, skipping every other
/// field. Throws <see cref="InvalidDataException"/> (with the byte offset) for anything that is not well-formed
/// protobuf; whether the graph fits a network is <see cref="OnnxLayerMatcher"/>'s business.
/// </summary>
internal static class OnnxModelReader
{
    public static OnnxGraph Read(ReadOnlyMemory<byte> file)
    {
        var model = new ProtoReader(file, 0);
        long? opset = null;
        ProtoReader? graph = null;
        while (model.Next(out int field))
        {
            switch (field)
            {
                case ModelField.Graph:
                    if (graph is not null) throw model.Error(0, "the model holds two graphs");
                    graph = model.Message();
                    break;
                case ModelField.OpsetImport:
                    var (domain, version) = ReadOpset(model.Message());
                    if (domain is "" or "ai.onnx") opset = version;
                    break;
                default: model.Skip(); break;
            }
        }
        if (graph is null) throw new InvalidDataException("expected a model with a graph, found none (is this an ONNX file?)");
        return ReadGraph(graph.Value, opset);
    }

    static (string Domain, long Version) ReadOpset(ProtoReader reader)
    {
        string domain = "";
        long version = 0;
        while (reader.Next(out int field))
        {
            if (field == OperatorSetIdField.Domain) domain = reader.String();
            else if (field == OperatorSetIdField.Version) version = reader.Int64();
            else reader.Skip();
        }
        return (domain, version);
    }

    static OnnxGraph ReadGraph(ProtoReader reader, long? opset)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxTensor>();
        var inputs = new List<OnnxValueInfo>();
        var outputs = new List<OnnxValueInfo>();
        while (reader.Next(out int field))
        {
            switch (field)
            {
                case GraphField.Node: nodes.Add(ReadNode(reader.Message())); break;
                case GraphField.Initializer: initializers.Add(ReadTensor(reader.Message())); break;
                case GraphField.Input: inputs.Add(ReadValueInfo(reader.Message())); break;
                case GraphField.Output: outputs.Add(ReadValueInfo(reader.Message())); break;
                case GraphField.SparseInitializer:
                    throw reader.Error(0, "the graph has a sparse initializer, which NetGen does not read");
                default: reader.Skip(); break;
            }
        }
        return new OnnxGraph(opset, nodes, initializers, inputs, outputs);
    }

    static OnnxNode ReadNode(ProtoReader reader)
    {
        string name = "", opType = "", domain = "";
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<OnnxAttribute>();
        while (reader.Next(out int field))
        {
            switch (field)
            {
                case NodeField.Input: inputs.Add(reader.String()); break;
                case NodeField.Output: outputs.Add(reader.String()); break;
                case NodeField.Name: name = reader.String(); break;
                case NodeField.OpType: opType = reader.String(); break;
                case NodeField.Domain: domain = reader.String(); break;
                case NodeField.Attribute: attributes.Add(ReadAttribute(reader.Message())); break;
                default: reader.Skip(); break;
            }
        }
        return new OnnxNode(name, opType, domain, inputs, outputs, attributes);
    }

    static OnnxAttribute ReadAttribute(ProtoReader reader)
    {
        string name = "";
        long type = 0;
        float? f = null;
        long? i = null;
        while (reader.Next(out int field))
        {
            switch (field)
            {
                case AttributeField.Name: name = reader.String(); break;
                case AttributeField.Type: type = reader.Int64(); break;
                case AttributeField.F: f = reader.Float(); break;
                case AttributeField.I: i = reader.Int64(); break;
                default: reader.Skip(); break;
            }
        }
        return new OnnxAttribute(name, type, f, i);
    }

    static OnnxTensor ReadTensor(ProtoReader reader)
    {
        string name = "";
        long dataType = 0;
        var dims = new List<long>();
        var floatBytes = new List<ReadOnlyMemory<byte>>();
        bool raw = false, other = false;
        while (reader.Next(out int field))
        {
            switch (field)
            {
                case TensorField.Name: name = reader.String(); break;
                case TensorField.DataType: dataType = reader.Int64(); break;
                case TensorField.Dims: reader.Int64s(dims.Add); break;
                case TensorField.RawData:
                    raw = true;
                    floatBytes.Add(reader.Bytes());
                    break;
                case TensorField.FloatData:
                    if (reader.WireType == ProtoWireType.Fixed32)
                    {
                        floatBytes.Add(reader.Fixed32Bytes());
                        break;
                    }
                    var packed = reader.Bytes(out int offset);
                    if (packed.Length % 4 != 0)
                        throw new InvalidDataException($"at byte {offset}: packed float_data of {packed.Length} bytes, not a multiple of 4");
                    floatBytes.Add(packed);
                    break;
                case TensorField.Segment or TensorField.ExternalData or TensorField.DataLocation
                    or TensorField.Int32Data or TensorField.StringData or TensorField.Int64Data or TensorField.DoubleData or TensorField.Uint64Data:
                    // Segments, external files and data of other element types: nothing NetGen reads as weights.
                    other = true;
                    reader.Skip();
                    break;
                default: reader.Skip(); break;
            }
        }
        // raw_data and float_data are alternatives; a tensor with both is ambiguous.
        if (raw && floatBytes.Count > 1) other = true;
        return new OnnxTensor(name, dims, dataType, floatBytes, other);
    }

    static OnnxValueInfo ReadValueInfo(ProtoReader reader)
    {
        string name = "";
        long? elemType = null;
        List<long?>? shape = null;
        while (reader.Next(out int field))
        {
            if (field == ValueInfoField.Name) name = reader.String();
            else if (field == ValueInfoField.Type) ReadTensorType(reader.Message(), ref elemType, ref shape);
            else reader.Skip();
        }
        return new OnnxValueInfo(name, elemType, shape);
    }

    static void ReadTensorType(ProtoReader type, ref long? elemType, ref List<long?>? shape)
    {
        while (type.Next(out int field))
        {
            if (field != TypeField.TensorType)
            {
                type.Skip();
                continue;
            }
            var tensor = type.Message();
            while (tensor.Next(out int tensorField))
            {
                if (tensorField == TypeField.ElemType) elemType = tensor.Int64();
                else if (tensorField == TypeField.Shape) shape = ReadShape(tensor.Message());
                else tensor.Skip();
            }
        }
    }

    static List<long?> ReadShape(ProtoReader reader)
    {
        var dims = new List<long?>();
        while (reader.Next(out int field))
        {
            if (field != ShapeField.Dim)
            {
                reader.Skip();
                continue;
            }
            var dim = reader.Message();
            long? value = null;
            while (dim.Next(out int dimField))
            {
                if (dimField == ShapeField.DimValue) value = dim.Int64();
                else dim.Skip();
            }
            dims.Add(value);
        }
        return dims;
    }
}
