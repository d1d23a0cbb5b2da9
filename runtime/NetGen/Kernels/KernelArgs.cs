using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// What every work item of a job reads: up to six float buffers, pinned by <see cref="WorkSplitter"/> for the
/// length of the job, the number of examples, one scalar, one size and one object. A plain value, handed to other threads as is.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly unsafe struct KernelArgs
{
    readonly float* buffer0, buffer1, buffer2, buffer3, buffer4, buffer5;

    internal KernelArgs(float* buffer0, float* buffer1, float* buffer2, float* buffer3, float* buffer4, float* buffer5, int examples, float scale, object? state, int block)
    {
        State = state;
        this.buffer0 = buffer0;
        this.buffer1 = buffer1;
        this.buffer2 = buffer2;
        this.buffer3 = buffer3;
        this.buffer4 = buffer4;
        this.buffer5 = buffer5;
        Examples = examples;
        Scale = scale;
        Block = block;
    }

    /// <summary>The number of examples the job covers.</summary>
    public int Examples { get; }

    /// <summary>A size the caller decided once for every item of the job, e.g. examples per item (read once, so a thread count changed meanwhile cannot split the job two ways).</summary>
    public int Block { get; }

    /// <summary>The job's scalar, e.g. 1 / m for gradients.</summary>
    public float Scale { get; }

    /// <summary>Whatever else the job's items share (read-only while they run), e.g. <see cref="ActiveExampleTiles"/>.</summary>
    public object? State { get; }

    /// <summary>The first element of buffer <paramref name="index"/> (0 to 5), in the order the job was given them.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not 0 to 5.</exception>
    public ref float Buffer(int index) => ref Unsafe.AsRef<float>(index switch
    {
        0 => buffer0,
        1 => buffer1,
        2 => buffer2,
        3 => buffer3,
        4 => buffer4,
        5 => buffer5,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A job has buffers 0 to 5."),
    });
}
