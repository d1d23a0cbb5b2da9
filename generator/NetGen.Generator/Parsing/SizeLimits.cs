using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Rejects networks whose parameters cannot be counted in an <c>int</c> or held in .NET arrays.</summary>
internal static class SizeLimits
{
    /// <summary>The largest element count of a one-dimensional .NET array (Array.MaxLength).</summary>
    public const long MaxArrayLength = 0x7FFFFFC7;

    public static void Check(NetworkSpec spec, Location at, List<DiagnosticInfo> diagnostics)
    {
        var largest = spec.Layers.OrderByDescending(l => l.MultiplyAdds).First();
        if (spec.ParameterCount > int.MaxValue)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterCountOverflow, at, spec.Name,
                spec.ParameterCount.ToString("N0", CultureInfo.InvariantCulture), int.MaxValue.ToString("N0", CultureInfo.InvariantCulture),
                "ParameterCount is an int"));
        else if (largest.MultiplyAdds > MaxArrayLength)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterCountOverflow, at, spec.Name,
                largest.MultiplyAdds.ToString("N0", CultureInfo.InvariantCulture), MaxArrayLength.ToString("N0", CultureInfo.InvariantCulture),
                $"{largest.Weights} is one array"));
    }
}
