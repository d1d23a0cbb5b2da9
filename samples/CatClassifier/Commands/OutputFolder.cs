using System;
using System.IO;

namespace CatClassifier.Commands;

/// <summary>The --output folder, made and proved writable before training, so a bad one costs no training run.</summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="folder"/> and writes a file there; returns the paths of <paramref name="fileNames"/> in it.</summary>
    /// <exception cref="IOException">The folder cannot be created or written, or one of the files is a folder.</exception>
    public static string[] Prepare(string folder, params string[] fileNames)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".catclassifier-write-test-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--output: cannot write into the folder '{folder}' ({e.Message.TrimEnd('.')}); expected a folder that can be created and written to.", e);
        }

        var paths = Array.ConvertAll(fileNames, name => Path.Combine(folder, name));
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                throw new IOException($"--output: '{path}' is a folder; expected it to be absent or a file this run may replace.");
        }
        return paths;
    }
}
