using System.Globalization;
using System.Linq;
using CatClassifier.Data;
using CatClassifier.Display;
using NetGen;
using NetGen.Data.Plotting;
using Spectre.Console;

namespace CatClassifier.Commands;

/// <summary>The course's application: train [12288, 20, 7, 5, 1], report accuracies, keep the curve and the weights.</summary>
public static class TrainCommand
{
    /// <summary>
    /// The built-in set is easier than real photos; this many iterations learn it in a few seconds. At the course's
    /// learning rate its cost spikes once near iteration 1000 and recovers by 1100, so the run goes past it.
    /// </summary>
    public const int BuiltInIterations = 1500;

    /// <summary>The course's application notebook trains for 2500 iterations.</summary>
    public const int CourseIterations = 2500;

    public static int Run(Options options)
    {
        var (train, test) = options.DataDirectory is null ? SyntheticCats.Create() : CourseFiles.Load(options.DataDirectory);
        var iterations = options.Iterations ?? (options.DataDirectory is null ? BuiltInIterations : CourseIterations);
        AnsiConsole.MarkupLineInterpolated($"[bold]NetGen cat classifier[/]: [[{string.Join(", ", CatNet.LayerSizes.ToArray())}]], {CatNet.ParameterCount:N0} parameters");
        AnsiConsole.MarkupLineInterpolated($"Data: {train.Name} ({train.Count} images, {train.Cats} cats), {test.Name} ({test.Count} images, {test.Cats} cats)");

        var outputs = OutputFolder.Prepare(options.OutputDirectory, "parameters.npz", "learning-curve.svg");
        var (parameters, curve) = (outputs[0], outputs[1]);

        var net = new CatNet();
        net.InitializeParameters(seed: 1, WeightInit.InverseSqrtFanIn);
        var result = TrainingView.Run(iterations, progress => net.Train(train.X, train.Y, new TrainingOptions
        {
            Iterations = iterations,
            LearningRate = options.LearningRate,
            ReportEvery = 100,
            Progress = progress,
            FirstLayer = options.FirstLayer,
        }));

        if (result.Diverged)
        {
            // The parameters are no use (they gave a NaN or infinite cost): keep the files of an earlier run.
            var at = result.Costs[^1];
            System.Console.Error.WriteLine(
                $"error: training diverged: the cost was {at.Cost.ToString(CultureInfo.InvariantCulture)} at iteration {at.Iteration} with learning rate " +
                $"{options.LearningRate.ToString(CultureInfo.InvariantCulture)}; expected a finite cost. Nothing was written to {options.OutputDirectory} " +
                "(an earlier parameters.npz there is kept); try a smaller --learning-rate.");
            return 1;
        }

        net.SaveParameters(parameters);
        LearningCurveSvg.Write(curve, result.Costs.Select(p => (p.Iteration, p.Cost)).ToList(),
            $"Learning rate = {options.LearningRate.ToString(CultureInfo.InvariantCulture)}");

        var milliseconds = result.Elapsed.TotalMilliseconds / System.Math.Max(1, result.IterationsCompleted);
        TrainingView.Summary(new[]
        {
            ("Train accuracy", Evaluation.Accuracy(net, train).ToString("F4", CultureInfo.InvariantCulture)),
            ("Test accuracy", Evaluation.Accuracy(net, test).ToString("F4", CultureInfo.InvariantCulture)),
            ("Final cost", result.FinalCost.ToString("F6", CultureInfo.InvariantCulture)),
            ("Training time", $"{result.Elapsed.TotalSeconds:F1} s ({milliseconds:F2} ms per iteration)"),
            ("Layer 1", result.FirstLayer == FirstLayerArithmetic.GramMatrix ? "from the examples' Gram matrix" : "W1 times the inputs every iteration"),
            ("Parameters", parameters),
            ("Learning curve", curve),
        });
        return 0;
    }
}
