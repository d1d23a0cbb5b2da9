using System.Globalization;
using System.Threading;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>The generated text depends on the attribute only: not on the culture of the machine that builds it.</summary>
public class DeterminismTests
{
    const string Source = """
        using NetGen;
        namespace Demo;
        [Network(12288, 20, 7, 5, 1, Hidden = Activation.LeakyReLU, Output = Activation.Linear)] public partial class Net { }
        """;

    [Theory]
    [InlineData("sv-SE")] // U+2212 MINUS SIGN as NumberFormat.NegativeSign, and a space as the group separator
    [InlineData("ar-SA")]
    [InlineData("de-DE")]
    public void CultureDoesNotChangeTheOutput(string name)
    {
        var invariant = Generate(CultureInfo.InvariantCulture);
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        culture.NumberFormat.NegativeSign = "\u2212";
        Assert.Equal(invariant, Generate(culture));
    }

    [Fact]
    public void TwoRuns_GiveTheSameText() => Assert.Equal(Generate(CultureInfo.InvariantCulture), Generate(CultureInfo.InvariantCulture));

    static string Generate(CultureInfo culture)
    {
        var previous = (Thread.CurrentThread.CurrentCulture, Thread.CurrentThread.CurrentUICulture);
        Thread.CurrentThread.CurrentCulture = culture;
        Thread.CurrentThread.CurrentUICulture = culture;
        try
        {
            var run = GeneratorHarness.Run<NetworkGenerator>(Source);
            run.AssertNoErrors();
            return run.GeneratedSources["Demo.Net.g.cs"];
        }
        finally
        {
            (Thread.CurrentThread.CurrentCulture, Thread.CurrentThread.CurrentUICulture) = previous;
        }
    }
}
