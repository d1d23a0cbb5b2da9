using System;

namespace NetGen.Training;

/// <summary>Class labels for a softmax output: one-hot rows <c>y[i * classes + c]</c>, and the class of an output row.</summary>
public static class ClassLabels
{
    /// <summary>One-hot rows from class numbers; throws <see cref="ArgumentOutOfRangeException"/> naming the first class out of range.</summary>
    public static float[] OneHot(ReadOnlySpan<int> classes, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var y = new float[checked(classes.Length * classCount)];
        for (var i = 0; i < classes.Length; i++)
        {
            if ((uint)classes[i] >= (uint)classCount)
                throw new ArgumentOutOfRangeException(nameof(classes), classes[i], $"Example {i}'s class must be 0 to {classCount - 1}, but it is {classes[i]}.");
            y[i * classCount + classes[i]] = 1f;
        }
        return y;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first example whose row of <paramref name="y"/> is not one-hot
    /// (a single 1, the rest 0): categorical cross-entropy and dZ = AL - Y assume it.
    /// </summary>
    public static void RequireOneHot(ReadOnlySpan<float> y, int classCount, string name)
    {
        for (var i = 0; i < y.Length / classCount; i++)
        {
            var row = y.Slice(i * classCount, classCount);
            int ones = 0, others = 0;
            foreach (var v in row)
            {
                if (v == 1f) ones++;
                else if (v != 0f) others++;
            }
            if (ones != 1 || others != 0)
                throw new ArgumentException(
                    $"{name} must hold one-hot rows of {classCount} labels (a single 1, the rest 0) for a softmax output, but example {i}'s row is [{string.Join(", ", row.ToArray())}]. OneHot(classes) makes them from class numbers.", name);
        }
    }

    /// <summary>The index of the largest value (the first on a tie).</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var j = 1; j < row.Length; j++) if (row[j] > row[best]) best = j;
        return best;
    }
}
