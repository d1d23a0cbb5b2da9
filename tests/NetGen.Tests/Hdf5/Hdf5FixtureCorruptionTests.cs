using System;
using System.IO;
using System.Linq;
using NetGen.Data.Hdf5;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Hdf5;

/// <summary>
/// Damage to a committed course-style file (h5py, Fixtures/CatClassifier), so this corpus runs without Python too:
/// every truncation is refused, and every seeded byte change is refused with an <see cref="InvalidDataException"/>
/// naming the file or reads (HDF5 keeps no checksum over version-0 metadata or raw data, so h5py reads those too).
/// </summary>
public sealed class Hdf5FixtureCorruptionTests
{
    /// <summary>Seeded single-byte changes tried per file (in the README's reliability table).</summary>
    public const int Flips = 400;

    [Theory]
    [InlineData("empty-test/test_catvnoncat.h5")]
    [InlineData("missing-x/train_catvnoncat.h5")]
    public void EveryTruncation_IsRefused(string name)
    {
        var whole = Fixture.Bytes($"CatClassifier/{name}");
        for (var length = 0; length < whole.Length; length++)
        {
            var error = Record.Exception(() => ReadEverything(Hdf5File.FromBytes(whole[..length], name)));
            Assert.True(error is InvalidDataException && error.Message.Contains(name, StringComparison.Ordinal),
                $"cut to {length} of {whole.Length} bytes: {error?.ToString() ?? "read"}");
        }
    }

    [Theory]
    [InlineData("valid/train_catvnoncat.h5")]
    [InlineData("string-labels/train_catvnoncat.h5")]
    public void SeededByteFlips_AreRefusedOrRead(string name)
    {
        var whole = Fixture.Bytes($"CatClassifier/{name}");
        // The metadata is the first few kilobytes; flips there exercise the reader, flips in pixels only change pixels.
        var metadata = Math.Min(whole.Length, 4096);
        var random = new Random(3);
        for (var i = 0; i < Flips; i++)
        {
            var damaged = (byte[])whole.Clone();
            var offset = random.Next(metadata);
            damaged[offset] ^= (byte)random.Next(1, 256);
            var error = Record.Exception(() => ReadEverything(Hdf5File.FromBytes(damaged, name)));
            Assert.True(error is null || error is InvalidDataException && error.Message.Contains(name, StringComparison.Ordinal),
                $"byte {offset} changed to 0x{damaged[offset]:X2}: {error}");
        }
    }

    /// <summary>Opens every dataset and reads all its elements with the read that suits its type.</summary>
    static void ReadEverything(Hdf5File file)
    {
        foreach (var dataset in file.DatasetNames.Select(file.GetDataset))
        {
            if (dataset.ElementType.Class == Hdf5TypeClass.String) dataset.ReadStrings();
            else dataset.ReadDouble();
        }
    }
}
