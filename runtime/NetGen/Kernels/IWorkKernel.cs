using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>
/// A kernel of a generated network that <see cref="WorkSplitter"/> can spread over cores: a job is a number of work
/// items that write disjoint outputs, so they may run in any order, on any thread, and give the same bits.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IWorkKernel
{
    /// <summary>Does work item <paramref name="item"/> of a job.</summary>
    /// <param name="item">0 to the job's item count - 1.</param>
    /// <param name="args">The buffers and sizes the job was started with.</param>
    /// <param name="scratch">This thread's scratch memory, 64-byte aligned, at least as long as the job asked for.</param>
    static abstract void Run(int item, in KernelArgs args, Span<float> scratch);
}
