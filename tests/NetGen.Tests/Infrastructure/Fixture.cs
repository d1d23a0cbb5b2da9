using System;
using System.IO;

namespace NetGen.Tests.Infrastructure;

/// <summary>
/// Files the real libraries wrote (numpy, h5py, ...), committed under tests/NetGen.Tests/Fixtures/&lt;Area&gt; and copied
/// beside the test binaries, so the tests that read them need no python. tests/fixtures/&lt;area&gt;.py makes each area's
/// files and tests/fixtures/regenerate.py rewrites or checks them all.
/// </summary>
public static class Fixture
{
    /// <summary>The full path of <paramref name="name"/>, "&lt;Area&gt;/&lt;file&gt;"; throws naming the maker when it is missing.</summary>
    public static string Path(string name)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        if (!File.Exists(path))
        {
            // Fixtures/NumpyRandom is made by tests/fixtures/numpy_random.py.
            var area = System.Text.RegularExpressions.Regex.Replace(name.Split('/')[0], "(?<=[a-z0-9])(?=[A-Z])", "_").ToLowerInvariant();
            throw new FileNotFoundException(
                $"The fixture '{name}' is not beside the test binaries ({path}). It is made by tests/fixtures/{area}.py: " +
                "run /usr/bin/python3 tests/fixtures/regenerate.py and commit tests/NetGen.Tests/Fixtures.", path);
        }
        return path;
    }

    /// <summary>The bytes of <paramref name="name"/>, "&lt;Area&gt;/&lt;file&gt;".</summary>
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    /// <summary>The text of <paramref name="name"/>, "&lt;Area&gt;/&lt;file&gt;".</summary>
    public static string Text(string name) => File.ReadAllText(Path(name));
}
