using System;
using System.IO;

namespace NetGen.Tests.Infrastructure;

/// <summary>
/// The committed files tests/fixtures/&lt;area&gt;.py wrote, as copied beside the test assembly. A local stand-in for
/// the shared fixture helper (issue 10), which it should be folded into.
/// </summary>
public static class LocalFixture
{
    /// <summary>The full path of <paramref name="relativePath"/> (e.g. <c>"OnnxModels/torch_relu_sigmoid.onnx"</c>); fails if it is missing.</summary>
    public static string Path(string relativePath)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The fixture '{relativePath}' is missing; regenerate it with /usr/bin/python3 tests/fixtures/<area>.py.", path);
        return path;
    }
}
