using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;

namespace NetGen.IO;

/// <summary>
/// Fills a network's parameters from the weights the generator embedded for <c>[Network(..., Weights = "...")]</c>:
/// float32, little-endian, in slot order, as base64 text in UTF-8 (line breaks allowed). Called by the generated
/// <c>CreateTrained()</c>.
/// </summary>
public static class EmbeddedParameters
{
    /// <summary>Decodes <paramref name="base64Utf8"/> into the slots' <c>Values</c>, in order.</summary>
    /// <exception cref="ArgumentException">The data is not base64 or does not hold exactly the slots' floats.</exception>
    public static void Load(ReadOnlySpan<byte> base64Utf8, ReadOnlySpan<ParameterSlot> slots)
    {
        long floats = 0;
        foreach (var slot in slots) floats += slot.Values.Length;
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(base64Utf8.Length)];
        var status = Base64.DecodeFromUtf8(base64Utf8, bytes, out _, out var written);
        if (status != OperationStatus.Done || written != floats * sizeof(float))
            throw new ArgumentException($"The embedded parameters decode to {written} bytes ({status}), expected the {floats * sizeof(float)} bytes of {floats} float32 values; regenerate the network.", nameof(base64Utf8));

        var offset = 0;
        foreach (var slot in slots)
        {
            var source = bytes.AsSpan(offset, slot.Values.Length * sizeof(float));
            for (var i = 0; i < slot.Values.Length; i++)
                slot.Values[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * sizeof(float))..]);
            offset += source.Length;
        }
    }
}
