using System;
using System.Buffers.Binary;
using System.ComponentModel;
using NetGen.IO;

namespace NetGen.Kernels;

/// <summary>
/// Fills a network's parameters from the weights the generator embedded for <c>[Network(..., Weights = "...")]</c>:
/// float32, little-endian, in slot order, as base64 text (line breaks allowed). Called by the generated
/// <c>CreateTrained()</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EmbeddedParameters
{
    /// <summary>Decodes <paramref name="base64"/> into the slots' <c>Values</c>, in order.</summary>
    /// <exception cref="ArgumentException">The data is not base64 or does not hold exactly the slots' floats.</exception>
    public static void Load(ReadOnlySpan<char> base64, ReadOnlySpan<ParameterSlot> slots)
    {
        long floats = 0;
        foreach (var slot in slots) floats += slot.Values.Length;
        var bytes = new byte[floats * sizeof(float)];
        // Skips the line breaks, as base64 decoding does.
        if (!Convert.TryFromBase64Chars(base64, bytes, out var written) || written != bytes.Length)
            throw new ArgumentException($"The embedded parameters are not base64 of the {bytes.Length} bytes of {floats} float32 values; regenerate the network.", nameof(base64));

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
