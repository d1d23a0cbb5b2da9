using System;
using System.IO;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.IO;

/// <summary>
/// What a save killed mid-write leaves (its temporary file) is removed by the next save into that folder, and only
/// that: a live save's file, a file written moments ago, and files with other names stay. Errors name the target.
/// </summary>
public sealed class AtomicFileCleanupTests : IDisposable
{
    readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    static string TemporaryName(string target) => $".{target}.{Guid.NewGuid():N}.tmp";

    string Orphan(string name, TimeSpan age)
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, new byte[1000]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public void TheNextSave_RemovesStaleTemporaryFilesOfCrashedSaves()
    {
        var ofThisTarget = Orphan(TemporaryName("parameters.npz"), TimeSpan.FromHours(1));
        var ofAnotherTarget = Orphan(TemporaryName("learning-curve.svg"), TimeSpan.FromMinutes(1));

        AtomicFile.Write(_directory.File("parameters.npz"), stream => stream.WriteByte(1));

        Assert.False(File.Exists(ofThisTarget));
        Assert.False(File.Exists(ofAnotherTarget));
        Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(_directory.File("parameters.npz")));
    }

    [Fact]
    public void TheNextSave_LeavesALiveSavesFileAFreshFileAndOtherNames()
    {
        var live = Orphan(TemporaryName("parameters.npz"), TimeSpan.FromHours(1));
        var fresh = Orphan(TemporaryName("parameters.npz"), TimeSpan.Zero);
        var userFiles = new[]
        {
            Orphan(".notes.tmp", TimeSpan.FromHours(1)),
            Orphan(".parameters.npz.1234.tmp", TimeSpan.FromHours(1)),
            Orphan($"parameters.npz.{Guid.NewGuid():N}.tmp", TimeSpan.FromHours(1)),
            Orphan($".parameters.npz.{Guid.NewGuid():N}.tmp.bak", TimeSpan.FromHours(1)),
        };

        // Held open as a save in another process holds its file until it is moved.
        using (new FileStream(live, FileMode.Open, FileAccess.Write, FileShare.Delete))
            AtomicFile.Write(_directory.File("parameters.npz"), stream => stream.WriteByte(1));

        Assert.True(File.Exists(live));
        Assert.True(File.Exists(fresh));
        Assert.All(userFiles, path => Assert.True(File.Exists(path), path));
    }

    [Fact]
    public void SavingIntoAFolderThatCannotExist_NamesTheTargetNotTheTemporaryFile()
    {
        File.WriteAllText(_directory.File("file"), "not a folder");
        var target = Path.Combine(_directory.File("file"), "parameters.npz");

        var error = Assert.ThrowsAny<IOException>(() => AtomicFile.Write(target, stream => stream.WriteByte(1)));

        Assert.True(error.Message.Contains($"'{target}'", StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
    }

    [Fact]
    public void SavingOverAFolder_NamesTheTargetNotTheTemporaryFile()
    {
        var target = _directory.File("parameters.npz");
        Directory.CreateDirectory(target);

        var error = Record.Exception(() => AtomicFile.Write(target, stream => stream.WriteByte(1)));

        Assert.True(error is IOException or UnauthorizedAccessException, error?.ToString());
        Assert.True(error!.Message.Contains(target, StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }
}
