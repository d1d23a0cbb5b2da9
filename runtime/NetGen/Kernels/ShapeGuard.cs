using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// Run-time shape checks behind the generated members. Each throws <see cref="ArgumentException"/> naming the
/// argument, the length it expected and the length it was given.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ShapeGuard
{
    /// <summary>The number of examples in a sample-major buffer of <paramref name="length"/> floats, checked to be whole and within capacity.</summary>
    public static int Examples(int length, int perExample, int capacity, string parameterName)
    {
        if (length == 0 || length % perExample != 0)
            throw new ArgumentException(
                $"{parameterName} must hold a whole number of examples of {perExample} floats each (a positive multiple of {perExample}), but its length is {length}.",
                parameterName);
        var examples = length / perExample;
        if (examples > capacity)
            throw new ArgumentException(
                $"{parameterName} holds {examples} examples ({length} floats), but the caches were made for at most {capacity}; create Caches with a capacity of {examples} or more.",
                parameterName);
        return examples;
    }

    /// <summary>Checks that a buffer has exactly the expected length (inlined into every step's kernels: a compare and a branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int length, int expected, string parameterName)
    {
        if (length != expected) WrongLength(length, expected, parameterName);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    static void WrongLength(int length, int expected, string parameterName) =>
        throw new ArgumentException($"{parameterName} must have length {expected}, but its length is {length}.", parameterName);

    /// <summary>Checks that caches were filled by a forward pass before a backward pass reads them.</summary>
    public static void ForwardRan(int batchSize, string parameterName)
    {
        if (batchSize == 0)
            throw new ArgumentException($"{parameterName} holds no forward pass yet: call Forward(x, caches) before Backward.", parameterName);
    }

    /// <summary>Checks that <paramref name="capacity"/> examples of the widest layer fit in one .NET array.</summary>
    public static void BatchFits(int capacity, int widestLayer, string parameterName)
    {
        if ((long)capacity * widestLayer > Array.MaxLength)
            throw new ArgumentOutOfRangeException(parameterName, capacity,
                $"{capacity} examples of a {widestLayer}-unit layer need {(long)capacity * widestLayer} floats, more than one array holds ({Array.MaxLength}).");
    }
}
