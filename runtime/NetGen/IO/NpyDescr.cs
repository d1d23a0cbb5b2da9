using System;

#if NET
namespace NetGen.IO;
#else
namespace NetGen.Generator.Shared.IO; // Compiled into the generator too (to check Weights files); its own namespace there.
#endif

/// <summary>Maps numpy's dtype descr strings (<c>'&lt;f4'</c>, <c>'|u1'</c>, ...) to <see cref="NpyDType"/> and back.</summary>
internal static class NpyDescr
{
    /// <summary>The descr strings accepted on read, for error messages.</summary>
    public const string Supported = "'<f4', '>f4', '<f8', '>f8', '|u1', '<i8', '>i8'";

    /// <summary>Parses <paramref name="descr"/>; false when it is not one of <see cref="Supported"/>.</summary>
    public static bool TryParse(string descr, out NpyDType dtype, out bool bigEndian)
    {
        bigEndian = false;
        dtype = default;
        switch (descr)
        {
            case "<f4": dtype = NpyDType.Float32; return true;
            case ">f4": dtype = NpyDType.Float32; bigEndian = true; return true;
            case "<f8": dtype = NpyDType.Float64; return true;
            case ">f8": dtype = NpyDType.Float64; bigEndian = true; return true;
            // numpy writes '|u1'; a byte has no order, so '<u1' and '>u1' mean the same.
            case "|u1" or "<u1" or ">u1": dtype = NpyDType.UInt8; return true;
            case "<i8": dtype = NpyDType.Int64; return true;
            case ">i8": dtype = NpyDType.Int64; bigEndian = true; return true;
            default: return false;
        }
    }

    /// <summary>The descr numpy writes for <paramref name="dtype"/> stored in this machine's byte order.</summary>
    public static string Format(NpyDType dtype)
    {
        var order = BitConverter.IsLittleEndian ? '<' : '>';
        return dtype switch
        {
            NpyDType.Float32 => order + "f4",
            NpyDType.Float64 => order + "f8",
            NpyDType.UInt8 => "|u1",
            NpyDType.Int64 => order + "i8",
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a dtype NetGen can write."),
        };
    }

    /// <summary>Bytes per element of <paramref name="dtype"/>.</summary>
    public static int ElementSize(NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 => 4,
        NpyDType.Float64 => 8,
        NpyDType.UInt8 => 1,
        NpyDType.Int64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a dtype NetGen knows."),
    };

    /// <summary>numpy's name of <paramref name="dtype"/>, for messages.</summary>
    public static string Name(NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 => "float32",
        NpyDType.Float64 => "float64",
        NpyDType.UInt8 => "uint8",
        NpyDType.Int64 => "int64",
        _ => dtype.ToString(),
    };
}
