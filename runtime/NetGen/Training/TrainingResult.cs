using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>What a call to a generated network's <c>Train</c> did.</summary>
public sealed class TrainingResult
{
    /// <summary>Creates a result.</summary>
    public TrainingResult(IReadOnlyList<TrainingProgress> costs, int iterationsCompleted, TimeSpan elapsed, bool cancelled,
        FirstLayerArithmetic firstLayer = FirstLayerArithmetic.Direct, int? divergedAtIteration = null)
    {
        DivergedAtIteration = divergedAtIteration;
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

    /// <summary>
    /// Whether training stopped because the cost became NaN or infinite (a learning rate too large, or inputs that are
    /// not finite). The parameters are then those of the last update made, the ones that gave the non-finite cost
    /// (no update is made from it): they may hold very large, infinite or NaN values, so reinitialise or load
    /// parameters before using the network.
    /// </summary>
    public bool Diverged => DivergedAtIteration is not null;

    /// <summary>
    /// The iteration whose cost was not finite (it is the last point of <see cref="Costs"/>, recorded and reported
    /// whatever <see cref="TrainingOptions.ReportEvery"/> says), or null when training did not diverge.
    /// <see cref="IterationsCompleted"/> is then this number: the updates of the iterations before it.
    /// </summary>
    public int? DivergedAtIteration { get; }

    /// <summary>The last recorded cost, or NaN when no iteration ran (NaN or infinity when training diverged).</summary>
    public float FinalCost => Costs.Count == 0 ? float.NaN : Costs[Costs.Count - 1].Cost;
}
