using System;
using System.Buffers.Binary;
using System.Numerics;

namespace NetGen.Data.Hdf5;

/// <summary>
/// Bob Jenkins' lookup3 <c>hashlittle</c> with seed 0, which HDF5 uses to checksum version 2+ metadata
/// (superblock 2/3, "OHDR" headers, "OCHK" continuation blocks).
/// </summary>
internal static class Hdf5Checksum
{
    public static uint Lookup3(ReadOnlySpan<byte> data)
    {
        uint a, b, c;
        a = b = c = 0xDEADBEEF + (uint)data.Length;
        if (data.Length == 0) return c;

        while (data.Length > 12)
        {
            a += BinaryPrimitives.ReadUInt32LittleEndian(data);
            b += BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            c += BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
            Mix(ref a, ref b, ref c);
            data = data[12..];
        }

        // The last 1..12 bytes: missing bytes count as zero, exactly like hashlittle's fall-through switch.
        Span<byte> tail = stackalloc byte[12];
        tail.Clear();
        data.CopyTo(tail);
        a += BinaryPrimitives.ReadUInt32LittleEndian(tail);
        b += BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        c += BinaryPrimitives.ReadUInt32LittleEndian(tail[8..]);
        Final(ref a, ref b, ref c);
        return c;
    }

    static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= BitOperations.RotateLeft(c, 4); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 6); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 8); b += a;
        a -= c; a ^= BitOperations.RotateLeft(c, 16); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 19); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 4); b += a;
    }

    static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= BitOperations.RotateLeft(b, 14);
        a ^= c; a -= BitOperations.RotateLeft(c, 11);
        b ^= a; b -= BitOperations.RotateLeft(a, 25);
        c ^= b; c -= BitOperations.RotateLeft(b, 16);
        a ^= c; a -= BitOperations.RotateLeft(c, 4);
        b ^= a; b -= BitOperations.RotateLeft(a, 14);
        c ^= b; c -= BitOperations.RotateLeft(b, 24);
    }

    /// <summary>Checks the 4-byte checksum stored right after <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public static void Verify(Hdf5FileImage image, long address, long length, string what)
    {
        var covered = image.At(address, length + 4, what).ReadSpan(length + 4);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(covered[(int)length..]);
        var computed = Lookup3(covered[..(int)length]);
        if (stored != computed)
            throw image.Corrupt($"{what} at 0x{address:X}: checksum mismatch (stored 0x{stored:X8}, computed 0x{computed:X8})");
    }
}
