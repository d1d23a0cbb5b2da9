using System;
using System.IO;
using System.Linq;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.IO;

/// <summary>
/// Damaged .npy files. The format has no checksum, so a changed data byte loads as a changed value, as it does in
/// numpy; what must hold is that every truncation is refused and that every changed byte either is refused with an
/// <see cref="InvalidDataException"/> naming the file or loads an array of exactly the bytes the file holds.
/// </summary>
public sealed class NpyHostileFileTests : IDisposable
{
    /// <summary>Seeded single-byte changes tried per file (in the README's reliability table).</summary>
    public const int Flips = 400;

    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Arrays => new() { "float32", "float64", "int64", "uint8" };

    static NpyArray Sample(string dtype) => dtype switch
    {
        "float32" => NpyArray.FromSingles(Enumerable.Range(0, 12).Select(i => i * 0.5f).ToArray(), 3, 4),
        "float64" => NpyArray.FromDoubles(Enumerable.Range(0, 6).Select(i => i / 3.0).ToArray(), 6),
        "int64" => NpyArray.FromInt64s(Enumerable.Range(0, 8).Select(i => (long)i - 4).ToArray(), 2, 2, 2),
        _ => NpyArray.FromBytes(Enumerable.Range(0, 30).Select(i => (byte)i).ToArray(), 5, 6),
    };

    byte[] Saved(string dtype)
    {
        var path = _directory.File($"{dtype}.npy");
        Npy.Write(path, Sample(dtype));
        return File.ReadAllBytes(path);
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void EveryTruncation_IsRefusedNamingTheFile(string dtype)
    {
        var whole = Saved(dtype);
        var path = _directory.File("cut.npy");
        for (var length = 0; length < whole.Length; length++)
        {
            File.WriteAllBytes(path, whole[..length]);
            var error = Record.Exception(() => Npy.Read(path));
            Assert.True(error is InvalidDataException && error.Message.Contains(path, StringComparison.Ordinal),
                $"cut to {length} of {whole.Length} bytes: {error?.ToString() ?? "loaded"}");
        }
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void SeededByteFlips_AreRefusedOrLoadWhatTheFileHolds(string dtype)
    {
        var whole = Saved(dtype);
        var dataStart = whole.Length - (int)(Sample(dtype).ElementCount * ElementSize(dtype));
        var path = _directory.File("flipped.npy");
        var random = new Random(7);
        for (var i = 0; i < Flips; i++)
        {
            var damaged = (byte[])whole.Clone();
            var offset = random.Next(damaged.Length);
            damaged[offset] ^= (byte)random.Next(1, 256);
            File.WriteAllBytes(path, damaged);
            var what = $"byte {offset} of {whole.Length} changed to 0x{damaged[offset]:X2}";
            try
            {
                var array = Npy.Read(path);
                // Loaded: then its elements are the file's bytes after the header, no more and no fewer.
                Assert.True(array.ElementCount * ElementSize(dtype) <= damaged.Length - 10, what);
                if (offset >= dataStart)
                    Assert.True(array.ShapeText == Sample(dtype).ShapeText, $"{what}: a data byte changed the shape");
            }
            catch (InvalidDataException error)
            {
                Assert.True(error.Message.Contains(path, StringComparison.Ordinal), $"{what}: {error.Message}");
            }
        }
    }

    static int ElementSize(string dtype) => dtype switch { "float32" => 4, "uint8" => 1, _ => 8 };
}
