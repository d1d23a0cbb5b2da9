using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NetGen.Tests.Packaging;

/// <summary>
/// docs/install.md performed by a stranger: a console app outside the clone adds the packed NetGen from a local
/// feed, declares a network, builds (the generator runs from the package) and runs; a shape mistake in the
/// attribute is a build error at the offending argument.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class ConsumerTests(PackedNetGen package)
{
    /// <summary>docs/install.md's Program.cs: learn "the label is the first feature" from eight examples.</summary>
    public const string Program = """
        using NetGen;

        // Eight examples of four features each, one after another; the label is the first feature.
        float[] x = [1, 1, 0, 0,  0, 0, 1, 1,  1, 0, 0, 0,  0, 0, 0, 1,  1, 1, 1, 0,  0, 1, 1, 1,  1, 1, 0, 1,  0, 1, 0, 0];
        float[] y = [1, 0, 1, 0, 1, 0, 1, 0];

        var net = new TinyNet();
        net.InitializeParameters(seed: 1, WeightInit.InverseSqrtFanIn);
        TrainingResult result = net.Train(x, y, new TrainingOptions { LearningRate = 0.5f, Iterations = 300, ReportEvery = 100 });

        Console.WriteLine($"TinyNet: {TinyNet.InputSize} -> {TinyNet.OutputSize}, {TinyNet.ParameterCount} parameters");
        foreach (var point in result.Costs) Console.WriteLine($"cost after {point.Iteration} iterations: {point.Cost:F4}");
        Console.WriteLine($"P(1, 1, 0, 0) = {net.Predict([1f, 1f, 0f, 0f]):F3}");
        Console.WriteLine($"P(0, 0, 1, 1) = {net.Predict([0f, 0f, 1f, 1f]):F3}");

        /// <summary>Four inputs, eight hidden ReLU units, one sigmoid output.</summary>
        [Network(4, 8, 1)]
        public partial class TinyNet { }

        """;

    const string Attribute = "[Network(4, 8, 1)]";
    const string ShapeError = "[Network(4, 0, 1)]";

    [Fact]
    public void AppOutsideTheRepository_AddsThePackageBuildsAndRuns()
    {
        var app = new ConsumerProject(package, "consumer", Program);

        app.AddPackage(PackedNetGen.DeclaredVersion);
        Assert.Contains($"<PackageReference Include=\"NetGen\" Version=\"{PackedNetGen.DeclaredVersion}\" />", File.ReadAllText(app.ProjectFile));
        // NetGen alone was restored: none of the generator's Roslyn dependencies reach the app.
        Assert.Equal(["netgen"], Directory.GetDirectories(app.PackagesDirectory).Select(d => Path.GetFileName(d)!).ToArray());

        app.Build();
        var generated = app.GeneratedFile("TinyNet.g.cs");
        Assert.True(File.Exists(generated), $"EmitCompilerGeneratedFiles should have written the generated network to {generated}.");
        var source = File.ReadAllText(generated);
        Assert.Contains("partial class TinyNet", source);
        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen\", \"{PackedNetGen.DeclaredVersion}.0\")]", source);

        var lines = app.Run().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // 4 * 8 + 8 weights and biases in the hidden layer, 8 * 1 + 1 in the output layer.
        Assert.Equal("TinyNet: 4 -> 1, 49 parameters", lines[0]);
        var costs = lines.Where(l => l.StartsWith("cost after ", StringComparison.Ordinal)).Select(l => Number(l, "iterations: ")).ToArray();
        Assert.Equal(4, costs.Length); // iterations 0, 100, 200 and the last, 299
        Assert.InRange(costs[0], 0.3, 1.5);    // near ln 2 before training, as for any near-even guess
        Assert.InRange(costs[^1], 0, costs[0] / 10);
        Assert.InRange(Number(lines.Single(l => l.StartsWith("P(1, 1, 0, 0)", StringComparison.Ordinal)), "= "), 0.9, 1.0);
        Assert.InRange(Number(lines.Single(l => l.StartsWith("P(0, 0, 1, 1)", StringComparison.Ordinal)), "= "), 0.0, 0.1);
    }

    [Fact]
    public void ShapeMistakeInTheApp_IsABuildErrorAtTheArgument()
    {
        var program = Program.Replace(Attribute, ShapeError, StringComparison.Ordinal);
        var app = new ConsumerProject(package, "consumer-with-shape-error", program);
        app.AddPackage(PackedNetGen.DeclaredVersion);

        var build = app.BuildExpectingFailure();

        // Line and column of the offending 0, 1-based as the compiler prints them.
        var lineIndex = program.Split('\n').ToList().FindIndex(l => l.StartsWith(ShapeError, StringComparison.Ordinal));
        var column = ShapeError.IndexOf(", 0", StringComparison.Ordinal) + 3;
        var expected = $"Program.cs({lineIndex + 1},{column}): error NG0001: Layer size 1 of [Network] must be a positive integer constant, but it is 0"
            + " (https://github.com/netgen-dotnet/netgen/blob/main/docs/diagnostics.md#ng0001)";
        Assert.True(build.StandardOutput.Contains(expected, StringComparison.Ordinal),
            $"The build output should contain\n  {expected}\n" + build.Describe());
    }

    /// <summary>The number after <paramref name="after"/>; the app formats in the machine's culture, so ',' may be the decimal point.</summary>
    static double Number(string line, string after)
    {
        var text = line[(line.IndexOf(after, StringComparison.Ordinal) + after.Length)..];
        return double.Parse(Regex.Match(text, @"^-?[0-9]+([.,][0-9]+)?").Value.Replace(',', '.'), CultureInfo.InvariantCulture);
    }
}
