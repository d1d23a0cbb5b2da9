namespace NetGen.Onnx;

// Field numbers and enum values of onnx.proto (proto2) for the messages NetGen reads and writes.

internal static class ModelField
{
    public const int IrVersion = 1, ProducerName = 2, ProducerVersion = 3, Graph = 7, OpsetImport = 8, MetadataProps = 14;
}

internal static class OperatorSetIdField
{
    public const int Domain = 1, Version = 2;
}

internal static class StringStringEntryField
{
    public const int Key = 1, Value = 2;
}

internal static class GraphField
{
    public const int Node = 1, Name = 2, Initializer = 5, Input = 11, Output = 12, SparseInitializer = 15;
}

internal static class NodeField
{
    public const int Input = 1, Output = 2, Name = 3, OpType = 4, Attribute = 5, Domain = 7;
}

internal static class AttributeField
{
    public const int Name = 1, F = 2, I = 3, Type = 20;

    /// <summary>AttributeProto.AttributeType values.</summary>
    public const int TypeFloat = 1, TypeInt = 2;
}

internal static class TensorField
{
    public const int Dims = 1, DataType = 2, Segment = 3, FloatData = 4, Name = 8, RawData = 9, ExternalData = 13, DataLocation = 14;

    /// <summary>The data fields of element types other than float.</summary>
    public const int Int32Data = 5, StringData = 6, Int64Data = 7, DoubleData = 10, Uint64Data = 11;

    /// <summary>TensorProto.DataType.FLOAT, the element type NetGen writes and reads.</summary>
    public const int DataTypeFloat = 1;
}

internal static class ValueInfoField
{
    public const int Name = 1, Type = 2;
}

internal static class TypeField
{
    /// <summary>TypeProto.tensor_type, and inside it TypeProto.Tensor's fields.</summary>
    public const int TensorType = 1, ElemType = 1, Shape = 2;
}

internal static class ShapeField
{
    /// <summary>TensorShapeProto.dim, and inside it Dimension's fields.</summary>
    public const int Dim = 1, DimValue = 1, DimParam = 2;
}
