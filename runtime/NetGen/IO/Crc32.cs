using System;

#if NET
namespace NetGen.IO;
#else
namespace NetGen.Generator.Shared.IO; // Compiled into the generator too (to check Weights files); its own namespace there.
#endif

/// <summary>
/// The CRC-32 of ISO 3309 (polynomial 0xEDB88320) that guards every PNG chunk and every zip (.npz) entry.
/// </summary>
internal static class Crc32
{
    /// <summary>The running value before any byte; pass it to the first <see cref="Append"/>.</summary>
    public const uint Initial = 0xFFFFFFFFu;

    static readonly uint[] Table = CreateTable();

    /// <summary>Computes the CRC of <paramref name="bytes"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes) => Finish(Append(Initial, bytes));

    /// <summary>Feeds <paramref name="bytes"/> into the running value <paramref name="running"/>.</summary>
    public static uint Append(uint running, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes) running = Table[(running ^ b) & 0xFF] ^ (running >> 8);
        return running;
    }

    /// <summary>The CRC of everything appended to <paramref name="running"/>.</summary>
    public static uint Finish(uint running) => running ^ 0xFFFFFFFFu;

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
