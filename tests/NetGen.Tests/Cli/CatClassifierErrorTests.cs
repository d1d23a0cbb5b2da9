using System;
using System.IO;
using NetGen.Tests.Data;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Cli;

/// <summary>
/// Every mistake the sample can meet ends with ONE line on stderr saying what was wrong, what was expected and
/// what was given: exit 1 for bad data and files, exit 2 for a bad command line; never a stack trace.
/// </summary>
public sealed class CatClassifierErrorTests : IDisposable
{
    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("missing-x", "has no dataset 'train_set_x'", "Expected 'train_set_x' to hold uint8 pixels")]
    [InlineData("float-pixels", "'train_set_x' holds <f4 elements of shape (3, 64, 64, 3)", "expected uint8 pixels (|u1)")]
    [InlineData("string-labels", "'train_set_y' holds |S7 elements of shape (3,)", "expected integer labels 0 or 1")]
    [InlineData("empty-test", "'test_set_x' holds |u1 elements of shape (0, 64, 64, 3)", "N at least 1")]
    public void BadCourseData_IsOneLineAndExit1(string folder, string found, string expected)
    {
        var run = CatClassifierRun.Start("--data", CatClassifierRun.FixtureFolder(folder), "--iterations", "2", "--output", _directory.File("out"));

        AssertOneLineError(run, 1, found, expected);
        Assert.DoesNotContain("Final cost", run.StandardOutput);
    }

    [Fact]
    public void ValidData_Trains_TheControlForTheCasesAbove()
    {
        var run = CatClassifierRun.Start("--data", CatClassifierRun.FixtureFolder("valid"), "--iterations", "2", "--output", _directory.File("out"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.StandardError);
        Assert.True(File.Exists(_directory.File("out/parameters.npz")), run.ToString());
    }

    [Fact]
    public void UnwritableOutput_IsReportedBeforeTraining()
    {
        // A folder inside a regular file can never be created, whoever runs the test (root ignores permissions).
        File.WriteAllText(_directory.File("file"), "not a folder");
        var output = Path.Combine(_directory.File("file"), "out");

        var run = CatClassifierRun.Start("--data", CatClassifierRun.FixtureFolder("valid"), "--iterations", "2", "--output", output);

        AssertOneLineError(run, 1, $"--output: cannot write into the folder '{output}'", "expected a folder that can be created and written to");
        Assert.DoesNotContain("Final cost", run.StandardOutput);
    }

    [Fact]
    public void OutputFileThatIsAFolder_IsReportedBeforeTraining()
    {
        Directory.CreateDirectory(_directory.File("out/parameters.npz"));

        var run = CatClassifierRun.Start("--data", CatClassifierRun.FixtureFolder("valid"), "--iterations", "2", "--output", _directory.File("out"));

        AssertOneLineError(run, 1, "parameters.npz' is a folder", "expected it to be absent or a file");
        Assert.DoesNotContain("Final cost", run.StandardOutput);
    }

    [Theory]
    [InlineData("--output")]
    [InlineData("--data")]
    [InlineData("--parameters")]
    public void EmptyPathOption_IsAUsageError(string option)
    {
        var run = CatClassifierRun.Start(option == "--parameters" ? ["predict", option, ""] : [option, ""]);

        AssertOneLineError(run, 2, $"{option} expects", "but was given an empty value");
    }

    [Theory]
    [InlineData("--iterations", "ten", "--iterations expects a whole number greater than 0, but was given 'ten'")]
    [InlineData("--learning-rate", "-1", "--learning-rate expects a number greater than 0, but was given '-1'")]
    [InlineData("--first-layer", "fast", "--first-layer expects direct or gram-matrix, but was given 'fast'")]
    [InlineData("--bogus", null, "Unknown option '--bogus'")]
    [InlineData("--iterations", null, "--iterations needs a value")]
    public void BadOption_IsAUsageError(string option, string? value, string message)
    {
        var run = CatClassifierRun.Start(value is null ? [option] : [option, value]);

        AssertOneLineError(run, 2, message);
    }

    [Fact]
    public void PredictWithoutParameters_IsAUsageError() =>
        AssertOneLineError(CatClassifierRun.Start("predict"), 2, "predict needs --parameters FILE");

    [Fact]
    public void MissingDataFolder_IsOneLineAndExit1() =>
        AssertOneLineError(CatClassifierRun.Start("--data", _directory.File("nowhere")), 1, "--data: the folder", "does not exist; expected a folder holding train_catvnoncat.h5");

    [Fact]
    public void DataThatIsAFile_IsOneLineAndExit1()
    {
        File.WriteAllText(_directory.File("data.h5"), "a file");

        AssertOneLineError(CatClassifierRun.Start("--data", _directory.File("data.h5")), 1, "is a file; expected a folder holding train_catvnoncat.h5");
    }

    [Fact]
    public void DataFileThatIsNotHdf5_IsOneLineAndExit1()
    {
        Directory.CreateDirectory(_directory.File("data"));
        File.WriteAllText(_directory.File("data/train_catvnoncat.h5"), "not HDF5 at all");
        File.WriteAllText(_directory.File("data/test_catvnoncat.h5"), "not HDF5 at all");

        AssertOneLineError(CatClassifierRun.Start("--data", _directory.File("data")), 1, "train_catvnoncat.h5");
    }

    [Fact]
    public void PredictOnDevZero_IsOneLineAndExit1()
    {
        if (!File.Exists("/dev/zero")) return; // Windows has no /dev/zero; the PNG tests cover large files there
        var run = CatClassifierRun.Start("predict", "--parameters", SavedParameters(), "/dev/zero");

        AssertOneLineError(run, 1, "'/dev/zero' is neither a PNG nor a JPEG file", "starts with 0000000000000000");
    }

    [Fact]
    public void PredictWithDevZeroAsParameters_IsOneLineAndExit1()
    {
        if (!File.Exists("/dev/zero")) return;
        AssertOneLineError(CatClassifierRun.Start("predict", "--parameters", "/dev/zero"), 1, "'/dev/zero'", "expected a .npz file");
    }

    [Fact]
    public void PredictWithDamagedParameters_IsOneLineAndExit1()
    {
        // One byte of W1's data changed: only the zip's CRC-32 can tell.
        var path = SavedParameters();
        var bytes = File.ReadAllBytes(path);
        bytes[400] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        AssertOneLineError(CatClassifierRun.Start("predict", "--parameters", path), 1, $"'{path}', array 'W1'", "CRC-32");
    }

    [Fact]
    public void PredictWithMissingImage_IsOneLineAndExit1() =>
        AssertOneLineError(CatClassifierRun.Start("predict", "--parameters", SavedParameters(), _directory.File("cat.png")), 1, "cat.png");

    string SavedParameters()
    {
        var net = new CourseCatNet();
        net.InitializeParameters(seed: 1, WeightInit.InverseSqrtFanIn);
        var path = _directory.File("parameters.npz");
        net.SaveParameters(path);
        return path;
    }

    static void AssertOneLineError(CatClassifierRun run, int exitCode, params string[] fragments)
    {
        Assert.True(run.ExitCode == exitCode, $"expected exit {exitCode}: {run}");
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr: {run}");
        Assert.StartsWith("error: ", lines[0]);
        foreach (var fragment in fragments)
            Assert.True(lines[0].Contains(fragment, StringComparison.Ordinal), $"expected '{fragment}' in: {lines[0]}");
    }
}
