using System;
using System.Collections.Generic;
using NetGen;
using Spectre.Console;

namespace CatClassifier.Display;

/// <summary>
/// Shows training live: a progress bar with iteration, cost and rate, plus the course's "Cost after iteration i"
/// lines, which are also all a log file or CI run sees.
/// </summary>
public static class TrainingView
{
    public static TrainingResult Run(int iterations, Func<IProgress<TrainingProgress>, TrainingResult> train)
    {
        // A log file or CI gets the plain lines only (see Program.cs): no live bar.
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return train(new Reporter(null));

        TrainingResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("Training", maxValue: iterations);
                result = train(new Reporter(task));
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>Receives points on the training thread; updates the live bar when there is one.</summary>
    sealed class Reporter(ProgressTask? task) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress point)
        {
            if (task is not null)
            {
                task.Value = point.Iteration + 1;
                task.Description = $"Training: iteration {point.Iteration,5}  cost {point.Cost:F6}  {point.IterationsPerSecond,6:F0} it/s";
            }
            AnsiConsole.MarkupLineInterpolated($"Cost after iteration {point.Iteration}: [bold]{point.Cost:F6}[/]");
        }
    }

    public static void Summary(IReadOnlyList<(string Name, string Value)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn("");
        table.HideHeaders();
        foreach (var (name, value) in rows) table.AddRow(Markup.Escape(name), Markup.Escape(value));
        AnsiConsole.Write(table);
    }
}
