#if NET
namespace NetGen.IO;
#else
namespace NetGen.Generator.Shared.IO; // Compiled into the generator too (to check Weights files); its own namespace there.
#endif

/// <summary>The element types NetGen reads from and writes to .npy files.</summary>
public enum NpyDType
{
    /// <summary>32-bit IEEE float: numpy <c>float32</c>, descr <c>'&lt;f4'</c> (or <c>'&gt;f4'</c> on read).</summary>
    Float32,

    /// <summary>64-bit IEEE float: numpy <c>float64</c>, descr <c>'&lt;f8'</c> (or <c>'&gt;f8'</c> on read).</summary>
    Float64,

    /// <summary>Unsigned byte: numpy <c>uint8</c>, descr <c>'|u1'</c>.</summary>
    UInt8,

    /// <summary>Signed 64-bit integer: numpy <c>int64</c>, descr <c>'&lt;i8'</c> (or <c>'&gt;i8'</c> on read).</summary>
    Int64,
}
