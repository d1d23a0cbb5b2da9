using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace NetGen.Onnx;

/// <summary>
/// Writes protocol buffer messages field by field: varints, little-endian fixed32 and length-delimited
/// fields (strings, bytes, nested messages). Only what an ONNX model needs; fields go out in the order written.
/// </summary>
internal sealed class ProtoWriter
{
    readonly ArrayBufferWriter<byte> buffer = new();

    public ReadOnlySpan<byte> WrittenSpan => buffer.WrittenSpan;

    public void Varint(int field, long value)
    {
        Tag(field, ProtoWireType.Varint);
        RawVarint((ulong)value);
    }

    public void Float(int field, float value)
    {
        Tag(field, ProtoWireType.Fixed32);
        BinaryPrimitives.WriteSingleLittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, ProtoWireType.LengthDelimited);
        RawVarint((ulong)value.Length);
        buffer.Write(value);
    }

    /// <summary>A float array as little-endian bytes (ONNX's <c>raw_data</c>).</summary>
    public void Floats(int field, ReadOnlySpan<float> values)
    {
        Tag(field, ProtoWireType.LengthDelimited);
        RawVarint((ulong)values.Length * 4);
        var target = buffer.GetSpan(values.Length * 4);
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(target[(4 * i)..], values[i]);
        buffer.Advance(values.Length * 4);
    }

    /// <summary>A nested message: <paramref name="writeBody"/> writes its fields, which then go out after their length.</summary>
    public void Message(int field, Action<ProtoWriter> writeBody)
    {
        var body = new ProtoWriter();
        writeBody(body);
        Bytes(field, body.WrittenSpan);
    }

    void Tag(int field, ProtoWireType wireType) => RawVarint(((ulong)field << 3) | (ulong)wireType);

    void RawVarint(ulong value)
    {
        var target = buffer.GetSpan(10);
        int length = 0;
        while (value >= 0x80)
        {
            target[length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        target[length++] = (byte)value;
        buffer.Advance(length);
    }
}
