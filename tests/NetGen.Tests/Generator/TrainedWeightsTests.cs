using System;
using System.IO;
using System.Linq;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// <c>[Network(5, 4, 3, 1, Weights = "...")]</c> with parameter files numpy wrote: <c>CreateTrained()</c> predicts as
/// numpy's forward pass does (computed in the fixture maker), with the file gone by run time, and its
/// <c>SaveParameters</c> gives back the file's values.
/// </summary>
public class TrainedWeightsTests
{
    const string Probe = """
        public static class Probe
        {
            public static float[] Run(float[] x, string savePath)
            {
                var net = Net.CreateTrained();
                var output = new float[x.Length / Net.InputSize];
                net.Predict(x, output);
                net.SaveParameters(savePath);
                return output;
            }
        }
        """;

    [Theory]
    [InlineData("course_f32.npz", "predictions_f32.npy")]
    [InlineData("course_f64.npz", "predictions_f64.npy")]
    public void CreateTrainedPredictsAsNumpyWithTheFileRemoved(string weights, string predictions)
    {
        using var project = new TemporaryDirectory();
        File.Copy(TrainedWeights.Fixture(weights), project.File(weights));
        var run = TrainedWeights.Run(TrainedWeights.Source(weights, Probe), project.Path);
        run.AssertNoErrors(includeWarnings: true);
        Assert.Contains("Demo.Net.Weights.g.cs", run.GeneratedSources.Keys);
        File.Delete(project.File(weights)); // Nothing is read at run time.

        using var compiled = run.Emit();
        var x = Npy.Read(TrainedWeights.Fixture("x.npy")).ToSingleArray();
        var saved = project.File("saved.npz");
        var output = (float[])compiled.FindType("Demo.Probe").GetMethod("Run")!.Invoke(null, [x, saved])!;

        var expected = Npy.Read(TrainedWeights.Fixture(predictions)).ToDoubleArray();
        Assert.Equal(expected.Length, output.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(output[i] - expected[i]) <= 1e-5, $"example {i}: NetGen {output[i]}, numpy {expected[i]}");

        // SaveParameters gives back the file's values (float64 ones rounded to float32, as the network holds them).
        var original = Npz.Read(TrainedWeights.Fixture(weights));
        var roundTrip = Npz.Read(saved);
        Assert.Equal(original.Keys.Order(), roundTrip.Keys.Order());
        foreach (var (key, array) in original)
        {
            Assert.Equal(NpyDType.Float32, roundTrip[key].DType);
            Assert.Equal(array.Shape, roundTrip[key].Shape);
            Assert.Equal(array.ToSingleArray(), roundTrip[key].ToSingleArray());
        }
    }

    [Fact]
    public void TheWeights_GoToTheirOwnFileAndTheNetworksFileIsUnchanged()
    {
        var plain = GeneratorHarness.Run<NetGen.Generator.NetworkGenerator>(TrainedWeights.Source("x").Replace(", Weights = \"x\"", ""));
        var trained = TrainedWeights.Run(TrainedWeights.Source("course_f32.npz"));
        Assert.Equal(plain.GeneratedSources["Demo.Net.g.cs"], trained.GeneratedSources["Demo.Net.g.cs"]);
        var weights = trained.GeneratedSources["Demo.Net.Weights.g.cs"];
        Assert.Contains("public static Net CreateTrained()", weights);
        Assert.Contains("private static string TrainedParameters => \"\"\"", weights);
    }
}
