using System;
using System.IO;

#if NET
namespace NetGen.IO;
#else
namespace NetGen.Generator.Shared.IO; // Compiled into the generator too (to check Weights files); its own namespace there.
#endif

/// <summary>
/// Reads one zip entry's contents and holds them to the entry's central-directory record: never more than the
/// declared uncompressed size is inflated (so a size that lies cannot make a small file expand without bound),
/// and at the end the byte count and the CRC-32 must match, so damaged data is never returned as if whole.
/// </summary>
internal sealed class ZipEntryStream(Stream inner, long declaredLength, uint declaredCrc, string source) : Stream
{
    long _consumed;
    uint _crc = Crc32.Initial;
    bool _verified;

#if NET
    public override int Read(Span<byte> buffer)
#else
    public int Read(Span<byte> buffer) // netstandard2.0's Stream (the generator's) has no Span overload to override.
#endif
    {
        if (buffer.IsEmpty || _verified) return 0;
        var left = declaredLength - _consumed;
        if (left == 0)
        {
            // Asking for one byte more both detects surplus data and ends the entry.
            Span<byte> probe = stackalloc byte[1];
            if (inner.Read(probe) != 0)
                throw Error($"expected the {declaredLength} bytes its directory record declares, found more");
            Verify();
            return 0;
        }

        var got = inner.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
        if (got == 0)
            throw Error($"expected the {declaredLength} bytes its directory record declares, found only {_consumed}");
        _crc = Crc32.Append(_crc, buffer[..got]);
        _consumed += got;
        return got;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    void Verify()
    {
        var actual = Crc32.Finish(_crc);
        if (actual != declaredCrc)
            throw Error($"expected CRC-32 0x{declaredCrc:X8} as its directory record declares, found 0x{actual:X8} (the file is damaged)");
        _verified = true;
    }

    InvalidDataException Error(string problem) => new($"{source}: {problem}.");

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _consumed; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
