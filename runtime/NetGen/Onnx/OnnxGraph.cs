using System;
using System.Collections.Generic;

namespace NetGen.Onnx;

/// <summary>What NetGen reads of an ONNX model: the default domain's opset and the main graph's parts.</summary>
internal sealed record OnnxGraph(
    long? Opset,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs);

/// <summary>A node: its operator, the values it reads and writes, and its float and integer attributes.</summary>
internal sealed record OnnxNode(string Name, string OpType, string Domain, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes)
{
    /// <summary>How errors name the node: its name if it has one, its output otherwise, and its operator.</summary>
    public string Description => $"node '{(Name.Length > 0 ? Name : Outputs.Count > 0 ? Outputs[0] : "")}' ({OpType})";
}

/// <summary>A node attribute; <see cref="Float"/> or <see cref="Int"/> is set for the types NetGen reads.</summary>
internal sealed record OnnxAttribute(string Name, long Type, float? Float, long? Int);

/// <summary>
/// An initializer: its shape, element type and data, which is either <c>raw_data</c> or the <c>float_data</c>
/// fields, kept as slices of the file (little-endian float32 in both cases) rather than copied.
/// <see cref="HasOtherData"/>: the tensor also has data NetGen does not read (external, segmented, another type's
/// field, or both raw_data and float_data), so its values cannot be taken from <see cref="FloatBytes"/> alone.
/// </summary>
internal sealed record OnnxTensor(string Name, IReadOnlyList<long> Dims, long DataType, IReadOnlyList<ReadOnlyMemory<byte>> FloatBytes, bool HasOtherData);

/// <summary>A graph input or output: its name and, when the model gives them, element type and dimensions (null: symbolic).</summary>
internal sealed record OnnxValueInfo(string Name, long? ElemType, IReadOnlyList<long?>? Shape);
