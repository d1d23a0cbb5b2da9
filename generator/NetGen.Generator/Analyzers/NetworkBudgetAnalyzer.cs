using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Analyzers;

/// <summary>
/// Reports each network's size where it is declared: NG0100 (info) with parameters, memory and multiply-adds per
/// example, and NG0007 (warning) when one weight matrix passes 2 GB. An analyzer rather than the generator, so that
/// the generator's pipeline holds no locations and stays cached while the user types above the attribute.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkBudgetAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Floats in 2 GB: beyond this one array needs a 64-bit process with room for it.</summary>
    public const long LargeArrayFloats = (1L << 31) / sizeof(float);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NetworkBudget, DiagnosticDescriptors.VeryLargeArray);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
    }

    static void Analyze(SymbolAnalysisContext context)
    {
        // The same reading of [Network] as the shape analyzer: bad or missing sizes are the generator's to report.
        if (NetworkShape.Of(context.Symbol as INamedTypeSymbol) is not { } shape) return;

        var sizes = shape.Sizes;
        if (!SizeLimits.Fit(sizes)) return; // NG0005, from the generator
        long parameters = LayerCounts.Parameters(sizes), multiplyAdds = LayerCounts.MultiplyAdds(sizes);

        var location = shape.Attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? context.Symbol.Locations.FirstOrDefault();
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NetworkBudget, location,
            context.Symbol.Name, Grouped(parameters), Bytes(parameters * sizeof(float)), Grouped(multiplyAdds)));
        for (var l = 1; l < sizes.Length; l++)
        {
            var weights = LayerCounts.Weights(sizes[l - 1], sizes[l]);
            if (weights > LargeArrayFloats)
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.VeryLargeArray, location,
                    "W" + l, context.Symbol.Name, Grouped(weights), Bytes(weights * sizeof(float))));
        }
    }

    static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    static string Bytes(long bytes) =>
        bytes >= 1L << 30 ? (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB"
        : bytes >= 1L << 20 ? (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
        : bytes >= 1L << 10 ? (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
}
