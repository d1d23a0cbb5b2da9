using System;
using System.ComponentModel;
using System.Globalization;

namespace NetGen.Kernels;

/// <summary>
/// Run-time checks of the values (not the shapes) behind the generated cost and training methods. Each throws
/// <see cref="ArgumentException"/> naming the argument, the first bad element, what it holds and what was expected.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ValueGuard
{
    /// <summary>Checks that every label of a sigmoid output is a number from 0 to 1 (binary cross-entropy's domain).</summary>
    public static void ProbabilityLabels(ReadOnlySpan<float> y, string parameterName)
    {
        for (var i = 0; i < y.Length; i++)
            if (!(y[i] >= 0f && y[i] <= 1f))
                throw Bad(parameterName, i, y[i], "the labels of a sigmoid output must be numbers from 0 to 1");
    }

    /// <summary>Checks that every label of a linear output is finite.</summary>
    public static void FiniteLabels(ReadOnlySpan<float> y, string parameterName)
    {
        for (var i = 0; i < y.Length; i++)
            if (!float.IsFinite(y[i]))
                throw Bad(parameterName, i, y[i], "labels must be finite numbers");
    }

    /// <summary>Checks that every output of a sigmoid is from 0 to 1, or NaN (the output of a network that diverged).</summary>
    public static void SigmoidOutputs(ReadOnlySpan<float> al, string parameterName)
    {
        for (var i = 0; i < al.Length; i++)
            if (al[i] < 0f || al[i] > 1f)
                throw Bad(parameterName, i, al[i], "a sigmoid output is a number from 0 to 1 (or NaN)");
    }

    /// <summary>Checks a learning rate the way <see cref="TrainingOptions.Validate"/> does: finite and greater than 0.</summary>
    public static void LearningRate(float learningRate, string parameterName)
    {
        if (!float.IsFinite(learningRate) || learningRate <= 0)
            throw new ArgumentOutOfRangeException(parameterName, learningRate, "The learning rate must be a finite number greater than 0.");
    }

    static ArgumentException Bad(string parameterName, int index, float value, string expected) =>
        new($"{parameterName}[{index}] is {value.ToString(CultureInfo.InvariantCulture)}, but {expected}.", parameterName);
}
