namespace NetGen;

/// <summary>A point on the learning curve, reported while a network trains.</summary>
/// <param name="Iteration">The iteration whose forward pass gave <paramref name="Cost"/> (0-based, as printed by the course).</param>
/// <param name="TotalIterations">The number of iterations the run was asked for.</param>
/// <param name="Cost">The cost of the whole batch before that iteration's update.</param>
/// <param name="IterationsPerSecond">The mean rate since training started.</param>
public readonly record struct TrainingProgress(int Iteration, int TotalIterations, float Cost, double IterationsPerSecond);
