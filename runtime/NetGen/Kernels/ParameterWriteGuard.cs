using System;
using System.ComponentModel;
using System.Threading;

namespace NetGen.Kernels;

/// <summary>
/// Keeps a generated network's parameter writers (Train, LoadParameters, InitializeParameters, UpdateParameters) from
/// overlapping: entering claims the network's field with one compare-and-swap, a second writer finds it taken and
/// throws <see cref="InvalidOperationException"/>, and disposing frees it. Readers (Predict, Forward) take no guard.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct ParameterWriteGuard
{
    readonly ref string? running;

    ParameterWriteGuard(ref string? running) => this.running = ref running;

    /// <summary>Claims <paramref name="running"/> for <paramref name="method"/>; throws if another writer holds it.</summary>
    /// <param name="running">The network's field naming the writer that runs, null when none does.</param>
    /// <param name="method">The writer that starts, named in the error.</param>
    public static ParameterWriteGuard Enter(ref string? running, string method)
    {
        var other = Interlocked.CompareExchange(ref running, method, null);
        if (other is not null)
            throw new InvalidOperationException(
                $"{method} cannot start while {other} is changing this network's parameters; Train, LoadParameters, " +
                "InitializeParameters and UpdateParameters cannot overlap on one network. Wait for " + other + " to return.");
        return new ParameterWriteGuard(ref running);
    }

    /// <summary>Frees the network for the next writer.</summary>
    public void Dispose() => Volatile.Write(ref running, null);
}
