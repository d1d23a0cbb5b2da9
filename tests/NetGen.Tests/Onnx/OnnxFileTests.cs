using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary>
/// <c>SaveOnnx</c> / <c>LoadOnnx</c> as a file format: exact round trips, and damaged or hostile files refused whole
/// (<see cref="InvalidDataException"/> naming the file, the network unchanged, no crash, no huge allocation).
/// </summary>
public sealed class OnnxFileTests : IDisposable
{
    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    string PathOf(string name) => Path.Combine(_directory.Path, name);

    [Theory]
    [InlineData(nameof(OnnxLeakySigmoid))]
    [InlineData(nameof(OnnxSigmoidLinear))]
    [InlineData(nameof(OnnxCat))]
    public void SaveOnnx_ThenLoadOnnx_GivesBackEveryParameterBitForBit(string name)
    {
        var @case = OnnxCase.Named(name);
        var saved = @case.CreateRandom(seed: 5);
        saved.SaveOnnx(PathOf("model.onnx"));

        var loaded = @case.Create();
        loaded.LoadOnnx(PathOf("model.onnx"));

        Assert.Equal(@case.Parameters(saved), @case.Parameters(loaded));
    }

    [Fact]
    public void SaveOnnx_ReplacesAnExistingFile_AndLeavesNoTemporaryFile()
    {
        var @case = OnnxCase.Named(nameof(OnnxReluSigmoid));
        File.WriteAllText(PathOf("model.onnx"), "an older file");
        @case.CreateRandom(seed: 6).SaveOnnx(PathOf("model.onnx"));

        Assert.Equal(["model.onnx"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
        @case.Create().LoadOnnx(PathOf("model.onnx"));
    }

    [Fact]
    public void LoadOnnx_OfAnotherNetworksExport_NamesTheInitializer_AndChangesNothing()
    {
        OnnxCase.Named(nameof(OnnxReluLinear)).CreateRandom(seed: 7).SaveOnnx(PathOf("relu-linear.onnx"));
        var @case = OnnxCase.Named(nameof(OnnxReluSigmoid));
        var network = @case.CreateRandom(seed: 8);
        var before = @case.Parameters(network);

        var error = Assert.Throws<InvalidDataException>(() => network.LoadOnnx(PathOf("relu-linear.onnx")));

        Assert.Contains(PathOf("relu-linear.onnx"), error.Message);
        Assert.Contains("[Network(5, 4, 3, 1, Hidden = Activation.ReLU, Output = Activation.Sigmoid)]", error.Message);
        Assert.Contains("layer 3's weights (initializer 'W3', read by node 'Gemm3' (Gemm)): expected shape (1, 3), found (2, 3)", error.Message);
        Assert.Equal(before, @case.Parameters(network));
    }

    [Theory]
    [InlineData(new byte[0], "expected a model with a graph, found none")]
    [InlineData(new byte[] { 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "at byte 1: a field claims 4294967295 bytes, but only 0 remain")]
    [InlineData(new byte[] { 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "claims 18446744073709551615 bytes")]
    [InlineData(new byte[] { 0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "a number is longer than 10 bytes")]
    [InlineData(new byte[] { 0x0B, 0x00 }, "field 1 has wire type 3, which ONNX does not use")]
    [InlineData(new byte[] { 0x00 }, "expected a field number from 1")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "at byte")]
    public void LoadOnnx_NotAModel_IsRefusedWithWhatWasFound(byte[] bytes, string expected)
    {
        File.WriteAllBytes(PathOf("bad.onnx"), bytes);
        var @case = OnnxCase.Named(nameof(OnnxReluSigmoid));
        var network = @case.CreateRandom(seed: 9);
        var before = @case.Parameters(network);

        var error = Assert.Throws<InvalidDataException>(() => network.LoadOnnx(PathOf("bad.onnx")));

        Assert.StartsWith($"'{PathOf("bad.onnx")}': ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(before, @case.Parameters(network));
    }

    [Fact]
    public void LoadOnnx_FileFarLargerThanTheNetworksModel_IsRefusedWithoutReadingIt()
    {
        // OnnxReluSigmoid has 43 parameters: a model of it takes at most 8 * 43 bytes plus 64 MiB.
        using (var file = File.Create(PathOf("huge.onnx"))) file.SetLength((64L << 20) + 8 * 43 + 1); // sparse: no disk used
        var @case = OnnxCase.Named(nameof(OnnxReluSigmoid));
        var network = @case.CreateRandom(seed: 14);
        var before = @case.Parameters(network);

        var error = Assert.Throws<InvalidDataException>(() => network.LoadOnnx(PathOf("huge.onnx")));

        Assert.Equal($"'{PathOf("huge.onnx")}': expected an ONNX model of this network's 43 parameters, at most 67109208 bytes, found a file of 67109209 bytes.", error.Message);
        Assert.Equal(before, @case.Parameters(network));
    }

    [Fact]
    public void LoadOnnx_EveryTruncation_IsRefusedOrLoadsTheSameWeights()
    {
        // A truncation exactly before a trailing top-level field (the metadata) is itself a valid model without it.
        var @case = OnnxCase.Named(nameof(OnnxLeakySigmoid));
        var original = @case.CreateRandom(seed: 10);
        original.SaveOnnx(PathOf("model.onnx"));
        var bytes = File.ReadAllBytes(PathOf("model.onnx"));
        var expected = @case.Parameters(original);

        int loaded = 0;
        for (int length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(PathOf("cut.onnx"), bytes[..length]);
            if (TryLoad(@case, PathOf("cut.onnx"), out var parameters))
            {
                Assert.Equal(expected, parameters);
                loaded++;
            }
        }
        // Only cuts between the two trailing metadata entries and after the opset import can load.
        Assert.InRange(loaded, 0, 2);
    }

    [Fact]
    public void LoadOnnx_SeededByteFlips_AreRefusedOrLoadExactlyWhatTheFileNowSays()
    {
        // ONNX has no checksum, so a flipped bit inside a weight's raw data is a different, valid weight. Anything
        // that loads must equal the original parameters with exactly that float changed; flips anywhere else either
        // change nothing NetGen reads (names of nodes, metadata) or are refused.
        var @case = OnnxCase.Named(nameof(OnnxLeakySigmoid));
        var original = @case.CreateRandom(seed: 12);
        original.SaveOnnx(PathOf("model.onnx"));
        var bytes = File.ReadAllBytes(PathOf("model.onnx"));
        var parameters = @case.Parameters(original);
        var payloads = parameters.Select(values => IndexOf(bytes, FloatBytes(values))).ToArray();
        Assert.All(payloads, offset => Assert.True(offset > 0));

        var random = new Random(2026);
        int refused = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            int at = random.Next(damaged.Length);
            damaged[at] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(PathOf("flipped.onnx"), damaged);

            if (!TryLoad(@case, PathOf("flipped.onnx"), out var loaded))
            {
                refused++;
                continue;
            }
            var expected = parameters.Select(p => (float[])p.Clone()).ToArray();
            for (int p = 0; p < expected.Length; p++)
            {
                int index = at - payloads[p];
                if (index >= 0 && index < expected[p].Length * 4)
                    expected[p][index / 4] = BitConverter.ToSingle(damaged, payloads[p] + index / 4 * 4);
            }
            Assert.True(expected.Zip(loaded).All(pair => pair.First.SequenceEqual(pair.Second)), $"flip at byte {at} loaded other values than the file holds");
        }
        Assert.True(refused > 0);
    }

    /// <summary>Loads into a fresh network; on refusal checks the message names the file and the network is untouched.</summary>
    bool TryLoad(OnnxCase @case, string path, out float[][] parameters)
    {
        var network = @case.CreateRandom(seed: 99);
        var before = @case.Parameters(network);
        try
        {
            network.LoadOnnx(path);
            parameters = @case.Parameters(network);
            return true;
        }
        catch (InvalidDataException error)
        {
            Assert.StartsWith($"'{path}': ", error.Message);
            Assert.Equal(before, @case.Parameters(network));
            parameters = [];
            return false;
        }
    }

    static byte[] FloatBytes(float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
