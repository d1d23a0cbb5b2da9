using System;
using System.Buffers.Binary;
using System.Text;

namespace NetGen.Data.Hdf5;

/// <summary>Decodes one stored element (already sliced to <see cref="Hdf5ElementType.Size"/> bytes) in its byte order.</summary>
internal static class Hdf5ElementDecoder
{
    public static long ReadSigned(ReadOnlySpan<byte> element, bool bigEndian) => element.Length switch
    {
        1 => (sbyte)element[0],
        2 => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(element) : BinaryPrimitives.ReadInt16LittleEndian(element),
        4 => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(element) : BinaryPrimitives.ReadInt32LittleEndian(element),
        _ => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(element) : BinaryPrimitives.ReadInt64LittleEndian(element),
    };

    public static ulong ReadUnsigned(ReadOnlySpan<byte> element, bool bigEndian) => element.Length switch
    {
        1 => element[0],
        2 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(element) : BinaryPrimitives.ReadUInt16LittleEndian(element),
        4 => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(element) : BinaryPrimitives.ReadUInt32LittleEndian(element),
        _ => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(element) : BinaryPrimitives.ReadUInt64LittleEndian(element),
    };

    public static double ReadFloat(ReadOnlySpan<byte> element, bool bigEndian) => element.Length switch
    {
        2 => (double)(bigEndian ? BinaryPrimitives.ReadHalfBigEndian(element) : BinaryPrimitives.ReadHalfLittleEndian(element)),
        4 => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(element) : BinaryPrimitives.ReadSingleLittleEndian(element),
        _ => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(element) : BinaryPrimitives.ReadDoubleLittleEndian(element),
    };

    /// <summary>The text of a fixed-length string element, with its padding removed as the type says.</summary>
    public static string ReadString(ReadOnlySpan<byte> element, Hdf5StringPadding padding)
    {
        var text = padding switch
        {
            Hdf5StringPadding.NullTerminated => element.IndexOf((byte)0) is var end and >= 0 ? element[..end] : element,
            Hdf5StringPadding.NullPadded => element.TrimEnd((byte)0),
            _ => element.TrimEnd((byte)' '),
        };
        return Encoding.UTF8.GetString(text);
    }
}
