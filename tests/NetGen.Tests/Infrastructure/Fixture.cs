using System;
using System.IO;

namespace NetGen.Tests.Infrastructure;

/// <summary>Files the real libraries wrote (made by <c>tests/fixtures/&lt;area&gt;.py</c>), copied beside the tests.</summary>
public static class Fixture
{
    /// <summary>The full path of <c>Fixtures/&lt;Area&gt;/&lt;file&gt;</c>.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);
}
