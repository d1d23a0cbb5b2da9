using System.Text;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>The generated file stays small enough to open, review and compile quickly, however large the layers.</summary>
public class GeneratedSizeTests
{
    [Theory]
    [InlineData("Network(12288, 20, 7, 5, 1)", 300_000)]
    [InlineData("Network(784, 1000, 1000, 10)", 300_000)]
    [InlineData("Network(32, 32, 32, 32, 32, 32, 32, 32, 32)", 300_000)]
    public void GeneratedSourceIsWellUnderItsBudget(string attribute, int maxBytes)
    {
        var source = GeneratedSourceTests.Generate(attribute).GeneratedSources["Demo.Net.g.cs"];
        Assert.InRange(Encoding.UTF8.GetByteCount(source), 1, maxBytes);
    }
}
