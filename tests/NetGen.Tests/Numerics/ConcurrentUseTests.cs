using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// Train, LoadParameters, InitializeParameters and UpdateParameters change the parameters and may not overlap on one
/// network: a second one throws InvalidOperationException. Checked deterministically by holding Train inside its
/// progress handler while the others are called.
/// </summary>
public sealed class ConcurrentUseTests
{
    sealed class Handler(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    [Fact]
    public async Task WhileTrainRuns_EveryOtherParameterWriterThrows_AndAllWorkAgainAfterwards()
    {
        var net = new NumericsCourseNet();
        net.InitializeParameters(1, WeightInit.He);
        var x = NumericAssert.Uniform(8 * 5, seed: 1);
        float[] y = [1, 0, 1, 0, 1, 0, 1, 0];
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var insideErrors = new Exception?[2];
        var predictedInside = float.NaN;
        var first = true;
        var options = new TrainingOptions
        {
            LearningRate = 0.1f, Iterations = 5, ReportEvery = 1,
            Progress = new Handler(_ =>
            {
                if (!first) return;
                first = false;
                // On the training thread, between iterations: reading is fine, writing is not.
                predictedInside = net.Predict(x.AsSpan(0, 5));
                insideErrors[0] = Record(() => net.InitializeParameters(2));
                insideErrors[1] = Record(() => net.Train(x, y, new TrainingOptions { Iterations = 1 }));
                inside.Set();
                release.Wait(TimeSpan.FromMinutes(1));
            }),
        };

        var training = Task.Run(() => net.Train(x, y, options));
        Assert.True(inside.Wait(TimeSpan.FromMinutes(1)), "Train never reported progress");
        var gradients = new NumericsCourseNet.Gradients();
        var errors = new[]
        {
            Record(() => net.Train(x, y, new TrainingOptions { Iterations = 1 })),
            Record(() => net.LoadParameters("no-such-file.npz")),
            Record(() => net.InitializeParameters(3)),
            Record(() => net.UpdateParameters(gradients, 0.1f)),
        };
        release.Set();
        var result = await training;

        foreach (var error in new[] { errors[0], errors[1], errors[2], errors[3], insideErrors[0], insideErrors[1] })
        {
            var refused = Assert.IsType<InvalidOperationException>(error);
            Assert.Contains("while Train is changing this network's parameters", refused.Message);
        }
        Assert.Equal(5, result.IterationsCompleted);
        Assert.InRange(predictedInside, 0f, 1f);

        // Each writer runs once Train has returned (the missing file now fails as a missing file).
        net.InitializeParameters(3);
        net.UpdateParameters(gradients, 0.1f);
        Assert.IsType<System.IO.FileNotFoundException>(Record(() => net.LoadParameters("no-such-file.npz")));
        Assert.Equal(1, net.Train(x, y, new TrainingOptions { Iterations = 1 }).IterationsCompleted);
    }

    [Fact]
    public void AProgressHandlerThatThrows_LeavesTheNetworkFreeForTheNextWriter()
    {
        var net = new NumericsCourseNet();
        net.InitializeParameters(1);
        var options = new TrainingOptions { Iterations = 3, Progress = new Handler(_ => throw new TimeoutException("stop")) };

        Assert.Throws<TimeoutException>(() => net.Train(new float[10], [0f, 1f], options));

        net.InitializeParameters(2);
        Assert.Equal(3, net.Train(new float[10], [0f, 1f], new TrainingOptions { Iterations = 3 }).IterationsCompleted);
    }

    static Exception? Record(Action action)
    {
        try { action(); return null; }
        catch (Exception e) { return e; }
    }
}
