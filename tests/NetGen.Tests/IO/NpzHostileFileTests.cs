using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.IO;

/// <summary>
/// Damaged and hostile .npz files: every one is refused with an <see cref="InvalidDataException"/> naming the file,
/// leaves the network unchanged, or loads exactly the values that were saved; none loads different values, and a
/// zip bomb costs neither time nor memory.
/// </summary>
public sealed class NpzHostileFileTests : IDisposable
{
    /// <summary>Seeded single-byte changes tried per file (in the README's reliability table).</summary>
    public const int Flips = 400;

    const float Sentinel = -12345f;
    const long AllowedBytes = 100L << 20;

    readonly TemporaryDirectory _directory = new();
    readonly ITestOutputHelper _output;

    public NpzHostileFileTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _directory.Dispose();

    // A [Network(4, 3, 2)]: W1 (3, 4), b1 (3, 1), W2 (2, 3), b2 (2, 1).
    static ParameterSlot[] Slots() =>
    [
        new("W1", Filled(12), 3, 4),
        new("b1", Filled(3), 3, 1),
        new("W2", Filled(6), 2, 3),
        new("b2", Filled(2), 2, 1),
    ];

    static float[] Filled(int count) => Enumerable.Repeat(Sentinel, count).ToArray();

    /// <summary>A saved parameter file whose values are all distinct, stored (as SaveParameters writes) or deflated.</summary>
    byte[] SavedParameters(bool compressed)
    {
        var arrays = Slots().Select((slot, i) => new KeyValuePair<string, NpyArray>(slot.Key,
            NpyArray.FromSingles(Enumerable.Range(0, slot.Values.Length).Select(k => 0.25f + i + k / 16f).ToArray(), slot.Rows, slot.Columns)));
        var path = _directory.File($"saved-{compressed}.npz");
        Npz.Write(path, arrays, compressed);
        return File.ReadAllBytes(path);
    }

    static float[][] Expected(byte[] saved, string path)
    {
        File.WriteAllBytes(path, saved);
        var slots = Slots();
        ParameterFiles.Load(path, slots);
        return slots.Select(slot => slot.Values).ToArray();
    }

    /// <summary>Loads <paramref name="bytes"/>; true when refused (network unchanged), false when it loaded exactly <paramref name="expected"/>.</summary>
    static bool Refused(byte[] bytes, string path, float[][] expected, string what)
    {
        File.WriteAllBytes(path, bytes);
        var slots = Slots();
        var error = Record.Exception(() => ParameterFiles.Load(path, slots));
        if (error is null)
        {
            for (var i = 0; i < slots.Length; i++)
                Assert.True(expected[i].SequenceEqual(slots[i].Values), $"{what} loaded different values into '{slots[i].Key}'");
            return false;
        }
        Assert.True(error is InvalidDataException, $"{what}: {error}");
        Assert.True(error.Message.Contains(path, StringComparison.Ordinal), $"{what}: the message does not name the file: {error.Message}");
        Assert.True(slots.All(slot => slot.Values.All(value => value == Sentinel)), $"{what} changed the network and then failed");
        return true;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryTruncation_IsRefused(bool compressed)
    {
        var saved = SavedParameters(compressed);
        var path = _directory.File("cut.npz");
        var expected = Expected(saved, path);
        for (var length = 0; length < saved.Length; length++)
            Assert.True(Refused(saved[..length], path, expected, $"cut to {length} of {saved.Length} bytes"), $"cut to {length} of {saved.Length} bytes loaded");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SeededByteFlips_AreRefusedOrLoadTheSavedValues(bool compressed)
    {
        var saved = SavedParameters(compressed);
        var path = _directory.File("flipped.npz");
        var expected = Expected(saved, path);
        var random = new Random(11);
        var refused = 0;
        for (var i = 0; i < Flips; i++)
        {
            var damaged = (byte[])saved.Clone();
            var offset = random.Next(damaged.Length);
            damaged[offset] ^= (byte)random.Next(1, 256);
            if (Refused(damaged, path, expected, $"byte {offset} changed to 0x{damaged[offset]:X2} (was 0x{saved[offset]:X2})")) refused++;
        }
        _output.WriteLine($"{refused} of {Flips} flips refused, {Flips - refused} loaded the saved values");
        // Most bytes are data, headers or CRCs; the rest (timestamps, fields the directory repeats) may change harmlessly.
        Assert.True(refused > Flips / 2, $"only {refused} of {Flips} flips were refused");
    }

    [Fact]
    public void AFlipInStoredData_IsRefusedByTheCrcNamingFileAndEntry()
    {
        // What numpy refuses with "Bad CRC-32": one bit of W2's data changed in a file SaveParameters wrote.
        var saved = SavedParameters(compressed: false);
        var path = _directory.File("crc.npz");
        var w2 = Npz.Read(_directory.File("saved-False.npz"))["W2"];
        var dataOffset = IndexOf(saved, w2.ToSingleArray().SelectMany(BitConverter.GetBytes).ToArray());
        saved[dataOffset + 5] ^= 0x01;
        File.WriteAllBytes(path, saved);
        var slots = Slots();

        var error = Assert.Throws<InvalidDataException>(() => ParameterFiles.Load(path, slots));

        AssertMentions(error, $"'{path}', array 'W2'");
        AssertMentions(error, "CRC-32");
        Assert.All(slots, slot => Assert.All(slot.Values, value => Assert.Equal(Sentinel, value)));
        Assert.Throws<InvalidDataException>(() => Npz.Read(path));
    }

    [Fact]
    public void AnEntryDeclaringGigabytes_IsRefusedBeforeInflating()
    {
        var bytes = ZipPatch.Build(true, RightEntriesBut(""));
        ZipPatch.SetDeclaredSize(bytes, "W1.npy", 2_000_000_000);

        var error = AssertRefusedCheaply(bytes, "declares.npz");

        AssertMentions(error, "'W1' declares 2000000000 bytes, expected 48 to");
    }

    [Fact]
    public void AHeaderForAHugeShape_IsRefusedBeforeItsDataIsInflated()
    {
        // Declared size plausible for W1, header promising 40000 x 12288 floats, then 200 MB of zeros (about 200 KB deflated).
        var bomb = 40_000L * 12_288 * 4;
        var bytes = ZipPatch.Build(true,
            [("W1.npy", s => { s.Write(ZipPatch.NpyHeader("<f4", "(40000, 12288)")); ZipPatch.WriteZeros(s, 200L << 20); }), .. RightEntriesBut("W1")]);
        ZipPatch.SetDeclaredSize(bytes, "W1.npy", 1000);

        var error = AssertRefusedCheaply(bytes, "huge-shape.npz");

        AssertMentions(error, "'W1' has shape (40000, 12288), expected (3, 4)");
        Assert.True(bomb > AllowedBytes);
    }

    [Fact]
    public void AnEntryInflatingPastItsDeclaredSize_IsRefusedAfterThatSize()
    {
        // Every declared size and header right for the network, but W1's data goes on for 200 MB more.
        var header = ZipPatch.NpyHeader("<f4", "(3, 4)");
        var bytes = ZipPatch.Build(true, [("W1.npy", s => { s.Write(header); ZipPatch.WriteZeros(s, 48 + (200L << 20)); }), .. RightEntriesBut("W1")]);
        ZipPatch.SetDeclaredSize(bytes, "W1.npy", (uint)(header.Length + 48));

        var error = AssertRefusedCheaply(bytes, "lying.npz");

        AssertMentions(error, "array 'W1'");
        // .NET's inflater stops at the declared size, so the CRC of what it gives fails; had it gone on, the size would.
        Assert.True(error.Message.Contains("CRC-32") || error.Message.Contains("found more"), error.Message);
    }

    [Fact]
    public void UnexpectedEntries_AreRefusedBeforeInflatingAndListedUpToTen()
    {
        var entries = Enumerable.Range(0, 20_000).Select(i => ($"extra{i:D5}.npy", (Action<Stream>)(s => s.WriteByte(0)))).ToArray();
        var bytes = ZipPatch.Build(true, entries);

        var error = AssertRefusedCheaply(bytes, "many.npz");

        AssertMentions(error, "unexpected 'extra00000', 'extra00001'");
        AssertMentions(error, "'extra00009' and 19990 more");
        Assert.DoesNotContain("extra00010", error.Message);
        Assert.True(error.Message.Length < 1000, $"{error.Message.Length} characters");
    }

    [Fact]
    public void GeneralReading_RefusesAnEntryThatInflatesPastItsDeclaredSize()
    {
        // The header promises 50 million floats; the directory declares 1000 bytes; the data really is 200 MB.
        var bytes = ZipPatch.Build(true, ("x.npy", s => { s.Write(ZipPatch.NpyHeader("<f4", "(50000000,)")); ZipPatch.WriteZeros(s, 200_000_000); }));
        ZipPatch.SetDeclaredSize(bytes, "x.npy", 1000);
        var path = _directory.File("general.npz");
        File.WriteAllBytes(path, bytes);

        var (error, allocated) = Measure(() => Npz.Read(path));

        Assert.IsType<InvalidDataException>(error);
        AssertMentions(error, $"'{path}', array 'x'");
        Assert.True(allocated < AllowedBytes, $"{allocated} bytes allocated");
    }

    [Fact]
    public void GeneralReading_RefusesAnHonestBombOverTheDefaultLimitBeforeInflating()
    {
        // 300 MB of zeros, every size true, about 300 KB on disk: more than Npz.Read inflates unless asked to.
        var bytes = ZipPatch.Build(true, ("x.npy", s => { s.Write(ZipPatch.NpyHeader("|u1", "(300000000,)")); ZipPatch.WriteZeros(s, 300_000_000); }));
        var path = _directory.File("honest.npz");
        File.WriteAllBytes(path, bytes);

        var (error, allocated) = Measure(() => Npz.Read(path));

        Assert.IsType<InvalidDataException>(error);
        AssertMentions(error, $"'{path}': expected at most");
        Assert.True(allocated < AllowedBytes, $"{allocated} bytes allocated");
    }

    [Fact]
    public void GeneralReading_RefusesEntriesDeclaringMoreThanTheCallersLimitBeforeInflating()
    {
        var bytes = ZipPatch.Build(true, ("x.npy", s => { s.Write(ZipPatch.NpyHeader("<f4", "(50000000,)")); ZipPatch.WriteZeros(s, 200_000_000); }));
        var path = _directory.File("limit.npz");
        File.WriteAllBytes(path, bytes);

        var (error, allocated) = Measure(() => Npz.Read(path, maxBytes: 1 << 20));

        Assert.IsType<InvalidDataException>(error);
        AssertMentions(error, $"'{path}': expected at most 1048576 bytes of arrays");
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated");
        Assert.Equal(50_000_000, Npz.Read(path, maxBytes: 300_000_000)["x"].ElementCount);
    }

    [Fact]
    public void DamageToTheZipDirectory_IsReportedNamingTheFile()
    {
        // The end-of-directory record points one byte into the directory: .NET finds that only when it lists the
        // entries ("Number of entries expected in End Of Central Directory does not correspond..."), naming no file.
        var saved = SavedParameters(compressed: false);
        var end = saved.Length - 22;
        saved[end + 16] += 1;
        var path = _directory.File("directory.npz");
        File.WriteAllBytes(path, saved);

        var error = Assert.Throws<InvalidDataException>(() => ParameterFiles.Load(path, Slots()));

        Assert.StartsWith($"'{path}'", error.Message);
    }

    /// <summary>Zip entries of zeros with the right header for every slot but <paramref name="key"/>.</summary>
    static (string, Action<Stream>)[] RightEntriesBut(string key) => Slots().Where(slot => slot.Key != key)
        .Select(slot => ($"{slot.Key}.npy", (Action<Stream>)(s =>
        {
            s.Write(ZipPatch.NpyHeader("<f4", $"({slot.Rows}, {slot.Columns})"));
            ZipPatch.WriteZeros(s, slot.Values.Length * 4);
        }))).ToArray();

    InvalidDataException AssertRefusedCheaply(byte[] bytes, string name)
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, bytes);
        var slots = Slots();

        var (error, allocated) = Measure(() => ParameterFiles.Load(path, slots));

        var refused = Assert.IsType<InvalidDataException>(error);
        Assert.StartsWith($"'{path}'", refused.Message);
        Assert.True(allocated < AllowedBytes, $"{allocated} bytes allocated to refuse {name}");
        Assert.All(slots, slot => Assert.All(slot.Values, value => Assert.Equal(Sentinel, value)));
        return refused;
    }

    static void AssertMentions(Exception error, string fragment) =>
        Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"expected '{fragment}' in: {error.Message}");

    static (Exception? Error, long Allocated) Measure(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Record.Exception(action);
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("not found");
    }
}
