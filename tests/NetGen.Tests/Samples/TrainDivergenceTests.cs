using System;
using System.IO;
using NetGen.Tests.Infrastructure;
using NetGen.Tests.Packaging;
using Xunit;

namespace NetGen.Tests.Samples;

/// <summary>The cat classifier run as a process: a training run whose cost diverges is an error and saves nothing.</summary>
public sealed class TrainDivergenceTests
{
    [Fact]
    public void ADivergingRun_ExitsWith1_SaysSoOnStderr_AndLeavesTheSavedParameters()
    {
        using var output = new TemporaryDirectory();
        var parameters = output.File("parameters.npz");
        byte[] earlier = [1, 2, 3, 4];
        File.WriteAllBytes(parameters, earlier);
        var sample = Path.Combine(AppContext.BaseDirectory, "CatClassifier.dll");

        var result = DotnetCli.RunExpectingFailure(output.Path, null,
            "exec", sample, "--learning-rate", "1e30", "--iterations", "300", "--output", output.Path);

        Assert.True(result.ExitCode == 1, result.Describe());
        Assert.Contains("error: training diverged", result.StandardError);
        Assert.Contains("learning rate 1E+30", result.StandardError);
        Assert.Equal(earlier, File.ReadAllBytes(parameters));
        Assert.False(File.Exists(output.File("learning-curve.svg")));
    }
}
