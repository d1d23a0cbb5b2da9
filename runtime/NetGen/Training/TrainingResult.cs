using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>What a call to a generated network's <c>Train</c> did.</summary>
public sealed class TrainingResult
{
    /// <summary>Creates a result.</summary>
    public TrainingResult(IReadOnlyList<TrainingProgress> costs, int iterationsCompleted, TimeSpan elapsed, bool cancelled,
        FirstLayerArithmetic firstLayer = FirstLayerArithmetic.Direct)
    {
        FirstLayer = firstLayer;
        Costs = costs;
        IterationsCompleted = iterationsCompleted;
        Elapsed = elapsed;
        Cancelled = cancelled;
    }

    /// <summary>The learning curve: the cost every <see cref="TrainingOptions.ReportEvery"/> iterations and at the last one.</summary>
    public IReadOnlyList<TrainingProgress> Costs { get; }

    /// <summary>How many parameter updates were made.</summary>
    public int IterationsCompleted { get; }

    /// <summary>The wall-clock time training took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Whether the run was stopped early by its cancellation token.</summary>
    public bool Cancelled { get; }

    /// <summary>
    /// How layer 1 was computed: <see cref="FirstLayerArithmetic.GramMatrix"/> only when it was asked for and the network
    /// and batch have it, else <see cref="FirstLayerArithmetic.Direct"/>.
    /// </summary>
    public FirstLayerArithmetic FirstLayer { get; }

    /// <summary>The last recorded cost, or NaN when no iteration ran.</summary>
    public float FinalCost => Costs.Count == 0 ? float.NaN : Costs[Costs.Count - 1].Cost;
}
