using System.Text;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// The generated file holds what is particular to one network and stays small enough to read top to bottom, review
/// and compile quickly: its large layers' kernels live once in the runtime, so it does not grow with their sizes.
/// </summary>
public class GeneratedSizeTests
{
    /// <summary>
    /// Issue 12's target: under 50 KB. Every layer's kernels live in the runtime (the dense tiles took the file from 134 KB
    /// to 86 KB; the runtime's lane kernels from 139 KB to 62 KB), and the public API's documentation is written once, on
    /// the runtime's INetwork, with dropout folded into the forward and backward cores (48.6 KB). What remains is the
    /// network's own: its sizes, parameters and caches, the layer sequence of each path, the training loops, and a shape
    /// struct and two one-line entry points per layer.
    /// </summary>
    const int CatNetworkBudget = 50 * 1024;

    [Fact]
    public void CatNetwork_GeneratedSource_IsUnder50KB()
    {
        var bytes = Encoding.UTF8.GetByteCount(Source("Network(12288, 20, 7, 5, 1)"));
        Assert.True(bytes < CatNetworkBudget, $"The cat network's generated source is {bytes:N0} bytes; the budget is {CatNetworkBudget:N0}.");
    }

    [Theory]
    [InlineData("Network(784, 1000, 1000, 10)", 300_000)]
    [InlineData("Network(32, 32, 32, 32, 32, 32, 32, 32, 32)", 300_000)]
    public void GeneratedSource_IsWellUnderItsBudget(string attribute, int maxBytes) =>
        Assert.InRange(Encoding.UTF8.GetByteCount(Source(attribute)), 1, maxBytes);

    /// <summary>Four times the inputs or units of a large layer changes its constants, not the amount of code.</summary>
    [Theory]
    [InlineData("Network(12288, 20, 7, 5, 1)", "Network(49152, 20, 7, 5, 1)")]
    [InlineData("Network(784, 1000, 1000, 10)", "Network(784, 4000, 1000, 10)")]
    public void GeneratedSource_DoesNotGrowWithALargeLayersSize(string smaller, string larger)
    {
        int small = Encoding.UTF8.GetByteCount(Source(smaller)), large = Encoding.UTF8.GetByteCount(Source(larger));
        Assert.True(large <= small * 1.02, $"{larger} generates {large:N0} bytes, {smaller} {small:N0}: more than the longer constants explain.");
    }

    static string Source(string attribute) => GeneratedSourceTests.Generate(attribute).GeneratedSources["Demo.Net.g.cs"];
}
