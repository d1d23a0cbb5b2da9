using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Data.Hdf5;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Hdf5;

/// <summary>
/// Truncated, bit-flipped and deliberately crafted files (starting from real h5py output) must fail fast with an
/// <see cref="InvalidDataException"/> that says what is wrong, never with an index, overflow or out-of-memory error,
/// and never by silently returning different data.
/// </summary>
public sealed class Hdf5HostileFileTests : IClassFixture<Hdf5HostileFileTests.Files>
{
    readonly Files files;

    public Hdf5HostileFileTests(Files files) => this.files = files;

    /// <summary>
    /// Small h5py files covering each structure the reader walks (Fixtures/Hdf5, made by tests/fixtures/hdf5.py's
    /// make_hostile), and object header addresses h5py reports in them.
    /// </summary>
    public sealed class Files
    {
        public Files()
        {
            var parsed = JsonDocument.Parse(Fixture.Text("Hdf5/hostile.json")).RootElement;
            XHeader = parsed.GetProperty("x").GetInt64();
            ManyHeader = parsed.GetProperty("many").GetInt64();
            DimsHeader = parsed.GetProperty("dims").GetInt64();
        }

        /// <summary>Object header addresses, from h5py, of dataset 'x' in mixed.h5, group 'many' and dataset 'dims'.</summary>
        public long XHeader { get; }

        public long ManyHeader { get; }

        public long DimsHeader { get; }

        public string Path(string name) => Fixture.Path($"Hdf5/{name}");

        /// <summary>A copy of the file's bytes, which the test may patch.</summary>
        public byte[] Bytes(string name) => Fixture.Bytes($"Hdf5/{name}");
    }

    [Theory]
    [InlineData("mixed.h5")]
    [InlineData("mixed_latest.h5")]
    public void EveryTruncation_FailsWithInvalidDataException(string name)
    {
        var whole = files.Bytes(name);
        var clock = Stopwatch.StartNew();
        for (var length = 0; length < whole.Length; length++)
        {
            var error = Assert.Throws<InvalidDataException>(() => ReadEverything(Hdf5File.FromBytes(whole[..length], name)));
            Assert.Contains(name, error.Message);
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{whole.Length} truncations took {clock.Elapsed}");
    }

    /// <summary>
    /// With the superblock's end-of-file field rewritten to match, truncation is only noticed where a structure or
    /// the data runs off the end; the reader must then fail, or return exactly what the whole file holds when the
    /// lost bytes were ones it never needs.
    /// </summary>
    [Fact]
    public void TruncationHiddenFromTheSuperblock_FailsOrReadsTheSameData()
    {
        const int EndOfFileField = 40;   // superblock version 0 without user block: 8 signature + 16 + base + free-space
        var whole = files.Bytes("mixed.h5");
        var reference = ReadEverything(Hdf5File.FromBytes(whole, "mixed.h5"));
        var failures = 0;
        for (var length = EndOfFileField + 8; length < whole.Length; length++)
        {
            var cut = whole[..length];
            BinaryPrimitives.WriteInt64LittleEndian(cut.AsSpan(EndOfFileField), length);
            try
            {
                Assert.Equal(reference, ReadEverything(Hdf5File.FromBytes(cut, "cut.h5")));
            }
            catch (InvalidDataException)
            {
                failures++;
            }
        }
        Assert.True(failures > whole.Length / 2, $"only {failures} of {whole.Length} truncations failed");
    }

    [Theory]
    [InlineData("mixed.h5")]
    [InlineData("mixed_latest.h5")]
    [InlineData("many.h5")]
    [InlineData("attrs.h5")]
    public void EverySingleByteCorruption_FailsWithInvalidDataExceptionOrReads(string name)
    {
        var bytes = files.Bytes(name);
        var repeats = RepeatedSymbolNodes(bytes);
        var slowest = TimeSpan.Zero;
        for (var offset = 0; offset < bytes.Length; offset++)
        {
            if (repeats.Any(node => offset >= node.Start && offset < node.End)) continue;
            var original = bytes[offset];
            foreach (var replacement in new[] { (byte)~original, (byte)0, (byte)(original + 1) })
            {
                if (replacement == original) continue;
                bytes[offset] = replacement;
                var clock = Stopwatch.StartNew();
                try
                {
                    ReadEverything(Hdf5File.FromBytes(bytes, name));
                }
                catch (InvalidDataException)
                {
                }
                catch (Exception other)
                {
                    Assert.Fail($"byte 0x{offset:X} of {name} set to 0x{replacement:X2} (was 0x{original:X2}) threw {other}");
                }
                slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            }
            bytes[offset] = original;
        }
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"the slowest of the corrupted reads took {slowest}");
    }

    /// <summary>
    /// Symbol table nodes ("SNOD", up to 8 entries of 40 bytes) after the first two: the same structure over and over
    /// in a group of many members, so corrupting them too would only slow the test down.
    /// </summary>
    static List<(int Start, int End)> RepeatedSymbolNodes(byte[] bytes)
    {
        var nodes = new List<(int, int)>();
        for (var at = bytes.AsSpan().IndexOf("SNOD"u8); at >= 0; at = bytes.AsSpan(at + 1).IndexOf("SNOD"u8) is var next and >= 0 ? at + 1 + next : -1)
            nodes.Add((at, at + 8 + 8 * 40));
        return nodes.Skip(2).ToList();
    }

    [Fact]
    public void AddressesPastTheEndOfTheFile_AreReported()
    {
        var bytes = files.Bytes("mixed.h5");
        var rootHeader = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(RootHeaderField));
        var symbolTable = Version1Messages(bytes, rootHeader).Single(m => m.Type == 0x11);

        AssertCorrupt(Patched(bytes, RootHeaderField, 0x7FFF_FFFF_FFFF), "root group object header address", "past the end of the file");
        AssertCorrupt(Patched(bytes, symbolTable.Body, bytes.Length + 8), "B-tree address", "past the end of the file");
        AssertCorrupt(Patched(bytes, symbolTable.Body + 8, bytes.Length), "local heap address", "past the end of the file");

        var dataField = Version1Messages(bytes, files.XHeader).Single(m => m.Type == 0x08).Body + 2;   // version, class, address
        AssertCorrupt(Patched(bytes, dataField, bytes.Length + 100), "raw data address", "past the end of the file");
        var file = Hdf5File.FromBytes(Patched(bytes, dataField, bytes.Length - 40), "mixed.h5");
        AssertMessage(Assert.Throws<InvalidDataException>(() => file.GetDataset("x")), "raw data of dataset 'x'", "past the end of the file");
    }

    [Fact]
    public void OversizedHeaderMessagesAndChunks_AreReported()
    {
        var bytes = files.Bytes("mixed.h5");
        var rootHeader = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(RootHeaderField));

        var hugeMessage = bytes.ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(hugeMessage.AsSpan((int)rootHeader + 16 + 2), 0xFFFF);
        AssertCorrupt(hugeMessage, "object header chunk of '/'", "claims 65535 bytes");

        var hugeChunk = bytes.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(hugeChunk.AsSpan((int)rootHeader + 8), 0xFFFF_FFF0);
        AssertCorrupt(hugeChunk, "object header chunk of '/'", "(4294967280 bytes) lies past the end of the file");
    }

    [Fact]
    public void AContinuationLoop_IsReported()
    {
        var bytes = files.Bytes("attrs.h5");
        var rootHeader = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(RootHeaderField));
        var continuation = Version1Messages(bytes, rootHeader).First(m => m.Type == 0x10);
        var firstChunk = rootHeader + 16;
        var firstChunkLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)rootHeader + 8));

        // Point the continuation back at the chunk that holds it.
        var looped = Patched(bytes, continuation.Body, firstChunk);
        BinaryPrimitives.WriteInt64LittleEndian(looped.AsSpan(continuation.Body + 8), firstChunkLength);

        AssertCorrupt(looped, "continuation loop");
    }

    [Theory]
    [InlineData("cycle.h5", "'a/b/back' links back to the group 'a'")]
    [InlineData("self.h5", "'g/self' links back to the group 'g'")]
    [InlineData("root_link.h5", "'a/up' links back to the group '/'")]
    public void GroupCycles_AreReported(string name, string detail)
    {
        var error = Assert.Throws<InvalidDataException>(() => Hdf5File.Open(files.Path(name)));
        AssertMessage(error, "group cycle", detail);
    }

    [Fact]
    public void BTreeCyclesAndSharedNodes_AreReported()
    {
        var bytes = files.Bytes("many.h5");
        var symbolTable = Version1Messages(bytes, files.ManyHeader).Single(m => m.Type == 0x11);
        var treeRoot = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(symbolTable.Body));
        Assert.Equal("TREE", System.Text.Encoding.ASCII.GetString(bytes, (int)treeRoot, 4));
        Assert.True(bytes[treeRoot + 5] >= 1, "the group's B-tree should have an internal level for this test");
        Assert.True(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)treeRoot + 6)) >= 2);
        // "TREE", type, level, entry count, two sibling addresses, key 0; then child address / key pairs.
        var child0 = (int)treeRoot + 24 + 8;
        var child1 = child0 + 16;

        AssertCorrupt(Patched(bytes, child0, treeRoot), "group 'many'", "B-tree node at 0x", "reached twice");
        AssertCorrupt(Patched(bytes, child1, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(child0))), "group 'many'", "reached twice");

        var levelMismatch = bytes.ToArray();
        levelMismatch[treeRoot + 5] = 7;
        AssertCorrupt(levelMismatch, "group 'many'", "expects level 6");
    }

    /// <summary>
    /// With the null bytes between the names of a group's local heap overwritten, every member's name runs to the
    /// end of the heap: distinct names, each overlapping all the later ones. Reading them costs quadratic work, which
    /// the reader's budget (metadata walked may not exceed twice the file) turns into an error.
    /// </summary>
    [Fact]
    public void OverlappingStructuresThatWouldCostQuadraticWork_AreReported()
    {
        var bytes = files.Bytes("many.h5");
        var symbolTable = Version1Messages(bytes, files.ManyHeader).Single(m => m.Type == 0x11);
        var heap = (int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(symbolTable.Body + 8));
        Assert.Equal("HEAP", System.Text.Encoding.ASCII.GetString(bytes, heap, 4));
        var segmentLength = (int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(heap + 8));
        var segment = bytes.AsSpan((int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(heap + 24)), segmentLength);
        var lastName = segment.LastIndexOfAnyExcept((byte)0);
        segment[8..lastName].Replace((byte)0, (byte)'x');   // offset 0 holds the root entry's empty name

        AssertCorrupt(bytes, "link names of group 'many'", "overlap or repeat");
    }

    [Fact]
    public void AbsurdDimensions_AreReportedBeforeAnythingIsAllocated()
    {
        var bytes = files.Bytes("dims.h5");
        // Dataspace message version 1: version, rank, flags, 5 reserved bytes, then the dimensions.
        var dimensions = Version1Messages(bytes, files.DimsHeader).Single(m => m.Type == 0x01).Body + 8;
        Assert.Equal(1234, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(dimensions)));

        var both = Patched(Patched(bytes, dimensions, 1L << 40), dimensions + 8, 1L << 40);
        var overflow = Assert.Throws<InvalidDataException>(() => Hdf5File.FromBytes(both, "dims.h5").GetDataset("dims"));
        AssertMessage(overflow, "dimensions (1099511627776, 1099511627776)", "more than 2^63 elements");

        var one = Patched(bytes, dimensions, 1L << 40);
        var tooBig = Assert.Throws<InvalidDataException>(() => Hdf5File.FromBytes(one, "dims.h5").GetDataset("dims"));
        AssertMessage(tooBig, "dataset 'dims' stores 8638 bytes", "need 7696581394432");
    }

    [Fact]
    public void AChecksumMismatchInVersion2Metadata_IsReported()
    {
        var bytes = files.Bytes("mixed_latest.h5");
        var header = bytes.AsSpan().IndexOf("OHDR"u8);
        bytes[header + 6] ^= 0x01;   // inside the first object header, after its signature, version and flags
        AssertCorrupt(bytes, "checksum mismatch");
    }

    [Fact]
    public void FilesThatAreNotHdf5_AreReported()
    {
        AssertCorrupt([], "no HDF5 signature");
        AssertCorrupt("not an HDF5 file at all, just some text"u8.ToArray(), "no HDF5 signature");
        AssertCorrupt(new byte[5000], "no HDF5 signature");
    }

    [Fact]
    public void FilesOver2GiB_AreRefusedWithoutReadingThem()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("huge.h5");
        using (var stream = new FileStream(path, FileMode.Create)) stream.SetLength(3L << 30);   // sparse: no disk used

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<InvalidDataException>(() => Hdf5File.Open(path));
        AssertMessage(error, path, "3221225472 bytes", "up to 2 GiB");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
    }

    // Superblock version 0 without a user block: the root symbol table entry starts at 56, its object header address at 64.
    const int RootHeaderField = 64;

    /// <summary>Opens every dataset and reads all its elements with the read that suits its type.</summary>
    static List<string> ReadEverything(Hdf5File file)
    {
        var values = new List<string>();
        foreach (var name in file.DatasetNames)
        {
            var dataset = file.GetDataset(name);
            values.Add($"{name} {dataset.ElementType} ({string.Join(",", dataset.Shape)})");
            values.AddRange(dataset.ElementType.Class == Hdf5TypeClass.String
                ? dataset.ReadStrings()
                : dataset.ReadDouble().Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x")));
        }
        return values;
    }

    static void AssertCorrupt(byte[] bytes, params string[] fragments)
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<InvalidDataException>(() => ReadEverything(Hdf5File.FromBytes(bytes, "hostile.h5")));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed} to fail");
        AssertMessage(error, ["hostile.h5", .. fragments]);
    }

    static void AssertMessage(Exception error, params string[] fragments)
    {
        foreach (var fragment in fragments)
            Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"expected \"{fragment}\" in: {error.Message}");
    }

    static byte[] Patched(byte[] bytes, long offset, long value)
    {
        var copy = bytes.ToArray();
        BinaryPrimitives.WriteInt64LittleEndian(copy.AsSpan((int)offset), value);
        return copy;
    }

    /// <summary>The messages in the first chunk of a version 1 object header, per the format specification.</summary>
    static List<(int Type, int Body, int Size)> Version1Messages(byte[] bytes, long header)
    {
        Assert.Equal(1, bytes[header]);
        var chunkLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan((int)header + 8));
        var messages = new List<(int, int, int)>();
        for (var at = (int)header + 16; at + 8 <= header + 16 + chunkLength;)
        {
            int type = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
            int size = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 2));
            messages.Add((type, at + 8, size));
            at += 8 + size;
        }
        return messages;
    }
}
