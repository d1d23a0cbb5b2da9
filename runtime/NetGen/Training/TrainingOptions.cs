using System;
using System.Threading;
using NetGen.Kernels;

namespace NetGen;

/// <summary>
/// Settings of a generated network's <c>Train</c> method: the course's batch gradient descent by default, and the
/// sequel's mini-batches, momentum, Adam, L2 regularisation and dropout.
/// </summary>
public sealed class TrainingOptions
{
    const int DefaultEpochs = 2500;

    int? iterations;
    int? epochs;

    /// <summary>The step size. The course's application uses 0.0075.</summary>
    public float LearningRate { get; init; } = 0.0075f;

    /// <summary>
    /// The course-1 name of <see cref="Epochs"/>: with the whole batch (<see cref="MiniBatchSize"/> 0) one epoch is one
    /// iteration. Set one or the other (both only when equal); with mini-batches set <see cref="Epochs"/>. Default 2500.
    /// </summary>
    public int Iterations { get => iterations ?? epochs ?? DefaultEpochs; init => iterations = value; }

    /// <summary>Passes over the whole data set. The same number as <see cref="Iterations"/>; default 2500.</summary>
    public int Epochs { get => epochs ?? iterations ?? DefaultEpochs; init => epochs = value; }

    /// <summary>
    /// Examples per step: 0 (default) is the whole batch, in order, as in course 1. Otherwise before each epoch e
    /// (from 0) the examples are shuffled as the course's <c>random_mini_batches</c> does after
    /// <c>seed = ShuffleSeed + e + 1</c>, and split into steps of this many (the last smaller when it does not divide).
    /// </summary>
    public int MiniBatchSize { get; init; }

    /// <summary>The course's <c>seed</c> of <c>random_mini_batches</c>: epoch e uses <c>np.random.seed(ShuffleSeed + e + 1)</c>. Default 10.</summary>
    public int ShuffleSeed { get; init; } = 10;

    /// <summary>How gradients become updates; default <see cref="NetGen.Optimizer.GradientDescent"/>.</summary>
    public Optimizer Optimizer { get; init; } = Optimizer.GradientDescent;

    /// <summary>Momentum's beta, in [0, 1). Default 0.9.</summary>
    public float Beta { get; init; } = 0.9f;

    /// <summary>Adam's first-moment decay, in [0, 1). Default 0.9.</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Adam's second-moment decay, in [0, 1). Default 0.999.</summary>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>Adam's epsilon, greater than 0. Default 1e-8.</summary>
    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>
    /// The course's <c>lambd</c>: the cost gains <c>L2 / (2m) * sum(W²)</c> over every weight matrix and each dW gains
    /// <c>L2 / m * W</c> (m the examples in the step; biases are not regularised). 0 (default) is none.
    /// </summary>
    public float L2 { get; init; }

    /// <summary>
    /// Inverted dropout on every hidden layer (the course's <c>keep_prob</c>): each step keeps each hidden activation with
    /// this probability and divides the kept ones by it; the backward pass uses the same masks. 1 (default) is none.
    /// Needs ReLU or LeakyReLU hidden layers.
    /// </summary>
    public float KeepProbability { get; init; } = 1f;

    /// <summary>
    /// Seeds dropout's masks: one <c>NumpyRandom(DropoutSeed)</c> per <c>Train</c> call, drawn in numpy's order, so the
    /// first step's mask of layer 1 is the course's <c>np.random.rand(n1, m) &lt; keep_prob</c> after <c>np.random.seed(DropoutSeed)</c>.
    /// Default 1.
    /// </summary>
    public int DropoutSeed { get; init; } = 1;

    /// <summary>The cost is recorded, and progress reported, every this many epochs (and after the last).</summary>
    public int ReportEvery { get; init; } = 100;

    /// <summary>
    /// How layer 1 is computed from one iteration to the next: <see cref="FirstLayerArithmetic.Direct"/> (the default, the
    /// course's arithmetic) or, opted into, <see cref="FirstLayerArithmetic.GramMatrix"/>.
    /// </summary>
    public FirstLayerArithmetic FirstLayer { get; init; } = FirstLayerArithmetic.Direct;

    /// <summary>Receives a <see cref="TrainingProgress"/> at every recorded epoch; called on the training thread.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Stops training between two epochs; the parameters then hold the last completed update.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Whether this is course 1's full-batch gradient descent with neither L2 nor dropout: the only setting the
    /// full-batch fast paths (the fused step, the Gram-matrix form of layer 1) compute. Every other takes the general path.
    /// </summary>
    public bool IsFullBatchGradientDescent => MiniBatchSize == 0 && Optimizer == Optimizer.GradientDescent && L2 == 0 && KeepProbability == 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the first setting that cannot be used.</summary>
    public void Validate()
    {
        ValueGuard.LearningRate(LearningRate, nameof(LearningRate));
        if (iterations is { } i && epochs is { } e && i != e)
            throw new ArgumentException($"Iterations ({i}) and Epochs ({e}) name the same number (passes over the data); set one of them.", nameof(Epochs));
        if (Epochs < 0)
            throw new ArgumentOutOfRangeException(iterations is null ? nameof(Epochs) : nameof(Iterations), Epochs, "The number of epochs cannot be negative.");
        if (MiniBatchSize < 0)
            throw new ArgumentOutOfRangeException(nameof(MiniBatchSize), MiniBatchSize, "The mini-batch size must be 0 (the whole batch) or a positive number of examples.");
        if (MiniBatchSize > 0 && iterations is not null && epochs is null)
            throw new ArgumentException($"With mini-batches an iteration is one step, not one pass over the data: set Epochs instead of Iterations ({Iterations}).", nameof(Iterations));
        if (ShuffleSeed < 0 || DropoutSeed < 0)
            throw new ArgumentOutOfRangeException(ShuffleSeed < 0 ? nameof(ShuffleSeed) : nameof(DropoutSeed), Math.Min(ShuffleSeed, DropoutSeed), "Seeds must be 0 or more, as numpy's.");
        if (!Enum.IsDefined(Optimizer))
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "The optimizer must be GradientDescent, Momentum or Adam.");
        InUnitInterval(Beta, nameof(Beta));
        InUnitInterval(Beta1, nameof(Beta1));
        InUnitInterval(Beta2, nameof(Beta2));
        if (!float.IsFinite(Epsilon) || Epsilon <= 0)
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Adam's epsilon must be a finite number greater than 0.");
        if (!float.IsFinite(L2) || L2 < 0)
            throw new ArgumentOutOfRangeException(nameof(L2), L2, "The L2 factor (the course's lambd) must be a finite number of 0 or more.");
        if (!(KeepProbability > 0 && KeepProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(KeepProbability), KeepProbability, "The keep probability must be greater than 0 and at most 1 (1 is no dropout).");
        if (ReportEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(ReportEvery), ReportEvery, "ReportEvery must be at least 1.");
        if (!Enum.IsDefined(FirstLayer))
            throw new ArgumentOutOfRangeException(nameof(FirstLayer), FirstLayer, "The first layer's arithmetic must be Direct or GramMatrix.");
        if (FirstLayer == FirstLayerArithmetic.GramMatrix && !IsFullBatchGradientDescent)
            throw new ArgumentException("The Gram-matrix form computes full-batch gradient descent without L2 or dropout only; with mini-batches, momentum, Adam, L2 or dropout leave FirstLayer at Direct.", nameof(FirstLayer));
    }

    static void InUnitInterval(float value, string name)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 0 and less than 1.");
    }
}
