using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace NetGen.Onnx;

/// <summary>
/// Reads the fields of one protocol buffer message from a buffer, never past its end: every length is
/// checked against the bytes left before anything is sliced, so a lying length is an error, not an allocation.
/// Errors are <see cref="InvalidDataException"/>s giving the byte offset in the whole file.
/// </summary>
internal struct ProtoReader
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    readonly ReadOnlyMemory<byte> message;
    readonly int fileOffset;
    int position;

    /// <param name="message">The message's bytes.</param>
    /// <param name="fileOffset">Where <paramref name="message"/> starts in the file, for error messages.</param>
    public ProtoReader(ReadOnlyMemory<byte> message, int fileOffset)
    {
        this.message = message;
        this.fileOffset = fileOffset;
    }

    /// <summary>The wire type of the field <see cref="Next"/> last read.</summary>
    public ProtoWireType WireType { get; private set; }

    /// <summary>Reads the next field's tag; false at the end of the message.</summary>
    public bool Next(out int field)
    {
        field = 0;
        if (position == message.Length) return false;
        int start = position;
        ulong tag = ReadVarint();
        ulong number = tag >> 3;
        if (number == 0 || number > int.MaxValue)
            throw Error(start, $"expected a field number from 1 to {int.MaxValue}, found {number}");
        WireType = (ProtoWireType)(tag & 7);
        if (WireType is not (ProtoWireType.Varint or ProtoWireType.Fixed64 or ProtoWireType.LengthDelimited or ProtoWireType.Fixed32))
            throw Error(start, $"field {number} has wire type {(int)WireType}, which ONNX does not use");
        field = (int)number;
        return true;
    }

    /// <summary>The current field as an integer (wire type varint).</summary>
    public long Int64()
    {
        Expect(ProtoWireType.Varint);
        return (long)ReadVarint();
    }

    /// <summary>The current field as a float (wire type fixed32).</summary>
    public float Float()
    {
        Expect(ProtoWireType.Fixed32);
        return BinaryPrimitives.ReadSingleLittleEndian(Take(4).Span);
    }

    /// <summary>The current field's four bytes (wire type fixed32), a slice of the buffer.</summary>
    public ReadOnlyMemory<byte> Fixed32Bytes()
    {
        Expect(ProtoWireType.Fixed32);
        return Take(4);
    }

    /// <summary>The current field's bytes (wire type length-delimited), a slice of the buffer.</summary>
    public ReadOnlyMemory<byte> Bytes() => Bytes(out _);

    /// <summary>As <see cref="Bytes()"/>, also giving where the bytes start in the file.</summary>
    public ReadOnlyMemory<byte> Bytes(out int bytesFileOffset)
    {
        Expect(ProtoWireType.LengthDelimited);
        int lengthStart = position;
        ulong length = ReadVarint();
        if (length > (ulong)(message.Length - position))
            throw Error(lengthStart, $"a field claims {length} bytes, but only {message.Length - position} remain");
        bytesFileOffset = fileOffset + position;
        return Take((int)length);
    }

    /// <summary>The current field as a nested message.</summary>
    public ProtoReader Message()
    {
        var bytes = Bytes(out int offset);
        return new ProtoReader(bytes, offset);
    }

    /// <summary>The current field as UTF-8 text.</summary>
    public string String()
    {
        var bytes = Bytes(out int offset);
        try { return StrictUtf8.GetString(bytes.Span); }
        catch (DecoderFallbackException) { throw Error(offset - fileOffset, "a string field is not valid UTF-8"); }
    }

    /// <summary>
    /// The current field of a repeated varint field, which protobuf writes either one value per field or
    /// packed into one length-delimited field; <paramref name="add"/> receives each value.
    /// </summary>
    public void Int64s(Action<long> add)
    {
        if (WireType != ProtoWireType.LengthDelimited)
        {
            add(Int64());
            return;
        }
        var packed = Message();
        while (packed.position < packed.message.Length) add((long)packed.ReadVarint());
    }

    /// <summary>Skips the current field, whatever it holds.</summary>
    public void Skip()
    {
        switch (WireType)
        {
            case ProtoWireType.Varint: ReadVarint(); break;
            case ProtoWireType.Fixed64: Take(8); break;
            case ProtoWireType.Fixed32: Take(4); break;
            default: Bytes(); break;
        }
    }

    /// <summary>An error at <paramref name="messageOffset"/> in this message.</summary>
    public readonly InvalidDataException Error(int messageOffset, string problem) =>
        new($"at byte {fileOffset + messageOffset}: {problem}");

    readonly void Expect(ProtoWireType wireType)
    {
        if (WireType != wireType)
            throw Error(position, $"expected a field of wire type {wireType}, found {WireType}");
    }

    ReadOnlyMemory<byte> Take(int length)
    {
        if (length > message.Length - position)
            throw Error(position, $"expected {length} more bytes, found {message.Length - position} (the data ends early)");
        var slice = message.Slice(position, length);
        position += length;
        return slice;
    }

    ulong ReadVarint()
    {
        var span = message.Span;
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (position == span.Length)
                throw Error(position, "a number runs past the end of its message (the data ends early)");
            byte next = span[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80) return value;
        }
        throw Error(position, "a number is longer than 10 bytes");
    }
}
