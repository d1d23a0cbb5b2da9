using System;
using System.IO;
using NetGen.Data.Imaging;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Imaging;

/// <summary>
/// A file is judged by its first bytes and its size before it is read: a huge file that is not a PNG, a huge file
/// that claims to be one, and a device that never ends are each refused having read a few bytes.
/// </summary>
public sealed class PngFileSizeTests : IDisposable
{
    const long HugeFile = 1_500_000_000;
    const long AllowedBytes = 1 << 20;

    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AHugeFileThatIsNotAPng_IsRefusedWithoutReadingIt()
    {
        var path = Sparse("huge.png", HugeFile, []);

        var (error, allocated) = Measure(() => Png.Decode(path));

        AssertRefused(error, path, "not the PNG signature");
        Assert.True(allocated < AllowedBytes, $"{allocated} bytes allocated");
    }

    [Fact]
    public void AHugeFileStartingWithThePngSignature_IsRefusedBySizeWithoutReadingIt()
    {
        var path = Sparse("huge-signed.png", HugeFile, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var (error, allocated) = Measure(() => Png.Decode(path));

        AssertRefused(error, path, $"it is {HugeFile} bytes long, more than the");
        Assert.True(allocated < AllowedBytes, $"{allocated} bytes allocated");
    }

    [Fact]
    public void DevZero_IsRefusedAfterItsFirstBytes()
    {
        if (!File.Exists("/dev/zero")) return; // no such device on Windows

        var (error, allocated) = Measure(() => Png.Decode("/dev/zero"));

        AssertRefused(error, "/dev/zero", "it starts with 0000000000000000, not the PNG signature");
        Assert.True(allocated < AllowedBytes, $"{allocated} bytes allocated");
    }

    /// <summary>A file of <paramref name="length"/> bytes, all zero after <paramref name="start"/>, that takes no disk space where the file system allows.</summary>
    string Sparse(string name, long length, byte[] start)
    {
        var path = _directory.File(name);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(start);
        stream.SetLength(length);
        return path;
    }

    static void AssertRefused(Exception? error, string path, string detail)
    {
        Assert.True(error is InvalidDataException, error?.ToString() ?? "decoded");
        Assert.True(error!.Message.Contains($"'{path}'", StringComparison.Ordinal) && error.Message.Contains(detail, StringComparison.Ordinal), error.Message);
    }

    static (Exception? Error, long Allocated) Measure(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Record.Exception(action);
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
