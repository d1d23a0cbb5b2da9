using System;

namespace NetGen.Data.Imaging;

/// <summary>The CRC-32 (ISO 3309, polynomial 0xEDB88320) that guards every PNG chunk's type and data.</summary>
internal static class PngCrc32
{
    static readonly uint[] Table = CreateTable();

    /// <summary>Computes the CRC of <paramref name="bytes"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
