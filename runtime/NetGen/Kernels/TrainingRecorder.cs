using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;

namespace NetGen.Kernels;

/// <summary>
/// The bookkeeping of a generated <c>Train</c> loop: which iterations record the cost, progress reports,
/// cancellation between iterations, and the result. Allocates only when it records a point.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TrainingRecorder
{
    readonly TrainingOptions options;
    readonly List<TrainingProgress> costs = new();
    readonly Stopwatch clock = Stopwatch.StartNew();
    int next;
    bool cancelled;
    int? divergedAt;

    /// <summary>Starts the clock for a run with these options.</summary>
    public TrainingRecorder(TrainingOptions options) => this.options = options;

    /// <summary>How the loop computes layer 1; the generated Gram-matrix loop sets <see cref="FirstLayerArithmetic.GramMatrix"/>.</summary>
    public FirstLayerArithmetic FirstLayer { get; set; } = FirstLayerArithmetic.Direct;

    /// <summary>Moves to the next iteration; false when all are done or cancellation was requested.</summary>
    public bool TryStartIteration(out int iteration)
    {
        iteration = next;
        if (next >= options.Iterations) return false;
        if (options.CancellationToken.IsCancellationRequested)
        {
            cancelled = true;
            return false;
        }
        next++;
        return true;
    }

    /// <summary>Whether this iteration's cost is recorded: every ReportEvery iterations, and the last one.</summary>
    public bool IsRecorded(int iteration) => iteration % options.ReportEvery == 0 || iteration == options.Iterations - 1;

    /// <summary>
    /// Records the cost of an iteration and reports it. Returns false when the cost is not finite: training has
    /// diverged, and the loop stops there, before that iteration's update.
    /// </summary>
    public bool Record(int iteration, float cost)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        var point = new TrainingProgress(iteration, options.Iterations, cost, seconds > 0 ? (iteration + 1) / seconds : 0);
        costs.Add(point);
        if (!float.IsFinite(cost))
        {
            divergedAt = iteration;
            next = iteration; // the updates made: those of the iterations before
        }
        options.Progress?.Report(point);
        return divergedAt is null;
    }

    /// <summary>The result: the recorded curve, how many updates ran, the time taken, how layer 1 was computed and where it diverged.</summary>
    public TrainingResult Finish() => new(costs.ToArray(), next, clock.Elapsed, cancelled, FirstLayer, divergedAt);
}
