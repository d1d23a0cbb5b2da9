using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.IO;

/// <summary>
/// <see cref="ParameterFiles"/> with the course's <c>np.savez(path, **parameters)</c> layout: numpy's files load,
/// ours load in numpy, and every mismatch is refused before the network is touched.
/// </summary>
public sealed class ParameterFilesTests : IDisposable
{
    // A [Network(4, 3, 2)]-like network: W1 (3, 4), b1 (3, 1), W2 (2, 3), b2 (2, 1).
    const float Sentinel = -12345f;
    readonly TemporaryDirectory _directory = new();
    readonly ParameterSlot[] _slots =
    [
        new("W1", new float[12], 3, 4),
        new("b1", new float[3], 3, 1),
        new("W2", new float[6], 2, 3),
        new("b2", new float[2], 2, 1),
    ];

    public ParameterFilesTests()
    {
        foreach (var slot in _slots) Array.Fill(slot.Values, Sentinel);
    }

    public void Dispose() => _directory.Dispose();

    string PathOf(string name) => Path.Combine(_directory.Path, name);

    [Fact]
    public void Load_TheCoursesFloat64Savez_GivesNumpysValuesRoundedToFloat32()
    {
        // initialize_parameters_deep([4, 3, 2]) with seed 3, saved as the course would: float64, b of shape (n, 1).
        ParameterFiles.Load(Fixture.Path("ParameterFiles/course.npz"), _slots);

        foreach (var slot in _slots)
            AssertBitsEqual(Fixture.Bytes($"ParameterFiles/course-{slot.Key}.f4"), slot.Values, slot.Key);
    }

    [Fact]
    public void Load_Float32WithBiasVectorsOfShapeN_IsAccepted()
    {
        ParameterFiles.Load(Fixture.Path("ParameterFiles/vectors.npz"), _slots);

        foreach (var slot in _slots)
            AssertBitsEqual(Fixture.Bytes($"ParameterFiles/vectors-{slot.Key}.f4"), slot.Values, slot.Key);
    }

    [Fact]
    public void Save_WritesFloat32ArraysOfTheCoursesShapesThatNumpyLoads()
    {
        Requires.Python("numpy");
        for (var s = 0; s < _slots.Length; s++)
            for (var i = 0; i < _slots[s].Values.Length; i++)
                _slots[s].Values[i] = MathF.Sin(s * 100 + i) * 0.1f;
        foreach (var slot in _slots)
            File.WriteAllBytes(PathOf(slot.Key + ".f4"), MemoryMarshal.AsBytes(slot.Values.AsSpan()).ToArray());

        ParameterFiles.Save(PathOf("ours.npz"), _slots);

        var output = Python.Run("""
            import sys, os, numpy as np
            folder = sys.argv[1]
            with np.load(os.path.join(folder, 'ours.npz')) as parameters:
                assert sorted(parameters.files) == ['W1', 'W2', 'b1', 'b2'], parameters.files
                shapes = {'W1': (3, 4), 'b1': (3, 1), 'W2': (2, 3), 'b2': (2, 1)}
                for key, shape in shapes.items():
                    value = parameters[key]
                    assert value.dtype == np.float32 and value.shape == shape, (key, value.dtype, value.shape)
                    assert np.array_equal(value.ravel(), np.fromfile(os.path.join(folder, key + '.f4'), '<f4')), key
                # The course's forward step works on what we saved.
                Z1 = parameters['W1'] @ np.ones((4, 5), np.float32) + parameters['b1']
                assert Z1.shape == (3, 5)
            print('ok')
            """, _directory.Path);
        Assert.Equal("ok", output.Trim());

        // And our own loader reads it back into fresh slots exactly.
        var fresh = _slots.Select(slot => slot with { Values = new float[slot.Values.Length] }).ToArray();
        ParameterFiles.Load(PathOf("ours.npz"), fresh);
        for (var s = 0; s < _slots.Length; s++) Assert.Equal(_slots[s].Values, fresh[s].Values);
    }

    [Fact]
    public void Load_MissingKey_IsRefusedNamingFileKeyAndShapeAndLeavesTheNetworkUnchanged()
    {
        var path = Fixture.Path("ParameterFiles/missing.npz"); // W1, b1, W2

        var error = Assert.Throws<InvalidDataException>(() => ParameterFiles.Load(path, _slots));

        Assert.Contains(path, error.Message);
        Assert.Contains("missing 'b2'", error.Message);
        Assert.Contains("(2, 1)", error.Message);
        AssertUnchanged();
    }

    [Fact]
    public void Load_ExtraLayer_IsRefusedNamingTheExtraKeyAndLeavesTheNetworkUnchanged()
    {
        var path = Fixture.Path("ParameterFiles/extra.npz"); // W1, b1, W2, b2 of the right shapes, and W5 (1, 2)

        var error = Assert.Throws<InvalidDataException>(() => ParameterFiles.Load(path, _slots));

        Assert.Contains(path, error.Message);
        // Refused from the zip directory alone, before any unexpected entry is inflated, so without its shape.
        Assert.Contains("unexpected 'W5'", error.Message);
        AssertUnchanged();
    }

    [Theory]
    [InlineData("transposed", "'W1' has shape (4, 3), expected (3, 4)")]      // np.ones((4, 3))
    [InlineData("flat", "'W1' has shape (12,), expected (3, 4)")]             // np.ones((12,))
    [InlineData("extra-axis", "'W1' has shape (1, 3, 4), expected (3, 4)")]   // np.ones((1, 3, 4))
    [InlineData("int64", "'W1' is int64 of shape (3, 4)")]                    // np.ones((3, 4), np.int64)
    [InlineData("uint8", "'W1' is uint8 of shape (3, 4)")]                    // np.ones((3, 4), np.uint8)
    [InlineData("scalar", "'W1' has shape (), expected (3, 4)")]              // np.float32(1.0)
    public void Load_WrongShapeOrDType_IsRefusedNamingBothShapesAndLeavesTheNetworkUnchanged(string wrongW1, string expected)
    {
        // The other arrays are fine, so a partial copy would show in the slots.
        var path = Fixture.Path($"ParameterFiles/wrong-{wrongW1}.npz");

        var error = Assert.Throws<InvalidDataException>(() => ParameterFiles.Load(path, _slots));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
        AssertUnchanged();
    }

    [Fact]
    public void Load_BiasOfTheWrongLength_IsRefusedEvenAsAVector()
    {
        // b1 np.ones(4), b2 np.ones((1, 2)).
        var error = Assert.Throws<InvalidDataException>(() => ParameterFiles.Load(Fixture.Path("ParameterFiles/bias.npz"), _slots));

        Assert.Contains("'b1' has shape (4,), expected (3, 1)", error.Message);
        Assert.Contains("'b2' has shape (1, 2), expected (2, 1)", error.Message);
        AssertUnchanged();
    }

    [Fact]
    public void Load_FileThatIsNotAnArchive_IsRefusedAndLeavesTheNetworkUnchanged()
    {
        File.WriteAllText(PathOf("notes.npz"), "W1 = [[1, 2, 3, 4], ...] -- not an archive, just some text that is long enough");
        var error = Assert.Throws<InvalidDataException>(() => ParameterFiles.Load(PathOf("notes.npz"), _slots));
        Assert.Contains(PathOf("notes.npz"), error.Message);
        AssertUnchanged();
    }

    [Fact]
    public void SlotsWhoseValuesDoNotMatchTheirShape_AreRefusedBeforeAnyFileIsTouched()
    {
        var path = PathOf("model.npz");
        ParameterFiles.Save(path, _slots);
        var before = File.ReadAllBytes(path);
        ParameterSlot[] bad = [_slots[0], new("b1", new float[4], 3, 1)];

        var saveError = Assert.Throws<ArgumentException>(() => ParameterFiles.Save(path, bad));
        var loadError = Assert.Throws<ArgumentException>(() => ParameterFiles.Load(path, bad));

        foreach (var error in new[] { saveError, loadError })
        {
            Assert.Contains("'b1'", error.Message);
            Assert.Contains("3 x 1 = 3", error.Message);
            Assert.Contains("has 4", error.Message);
        }
        Assert.Throws<ArgumentException>(() => ParameterFiles.Save(path, [_slots[0], _slots[0]]));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.npz"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
        AssertUnchanged();
    }

    [Fact]
    public void Save_OverAPreviousSave_ReplacesTheFileWholeAndLeavesNoTemporaryFiles()
    {
        var path = PathOf("model.npz");
        ParameterFiles.Save(path, _slots);
        var second = _slots.Select(slot => slot with { Values = Enumerable.Repeat(0.5f, slot.Values.Length).ToArray() }).ToArray();

        ParameterFiles.Save(path, second);

        ParameterFiles.Load(path, _slots);
        Assert.All(_slots, slot => Assert.All(slot.Values, value => Assert.Equal(0.5f, value)));
        Assert.Equal(["model.npz"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    void AssertUnchanged() =>
        Assert.All(_slots, slot => Assert.All(slot.Values, value => Assert.Equal(Sentinel, value)));

    static void AssertBitsEqual(byte[] expected, float[] actual, string key) =>
        Assert.True(expected.AsSpan().SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan())), $"{key}: values differ from numpy's float32 rounding");
}
