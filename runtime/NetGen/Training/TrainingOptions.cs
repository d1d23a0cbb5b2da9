using System;
using System.Threading;

namespace NetGen;

/// <summary>Settings of a generated network's <c>Train</c> method: batch gradient descent, as in the course.</summary>
public sealed class TrainingOptions
{
    /// <summary>The gradient-descent step. The course's application uses 0.0075.</summary>
    public float LearningRate { get; init; } = 0.0075f;

    /// <summary>How many full-batch iterations to run. The course's application uses 2500.</summary>
    public int Iterations { get; init; } = 2500;

    /// <summary>The cost is recorded, and progress reported, every this many iterations (and after the last).</summary>
    public int ReportEvery { get; init; } = 100;

    /// <summary>How layer 1 is computed from one iteration to the next; <see cref="TrainingAlgorithm.Auto"/> picks the cheaper.</summary>
    public TrainingAlgorithm Algorithm { get; init; } = TrainingAlgorithm.Auto;

    /// <summary>Receives a <see cref="TrainingProgress"/> at every recorded iteration; called on the training thread.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Stops training between two iterations; the parameters then hold the last completed update.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that cannot be used.</summary>
    public void Validate()
    {
        ValueGuard.LearningRate(LearningRate, nameof(LearningRate));
        if (Iterations < 0)
            throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "The number of iterations cannot be negative.");
        if (ReportEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(ReportEvery), ReportEvery, "ReportEvery must be at least 1.");
        if (!Enum.IsDefined(Algorithm))
            throw new ArgumentOutOfRangeException(nameof(Algorithm), Algorithm, "The algorithm must be Auto, Direct or GramMatrix.");
    }
}
