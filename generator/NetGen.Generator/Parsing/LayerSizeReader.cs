using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Reads <c>params int[] layerSizes</c> and points each bad size at its own argument.</summary>
internal static class LayerSizeReader
{
    public static List<int>? Read(AttributeData attribute, AttributeSyntax? syntax, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.ConstructorArguments.Length != 1)
            return null; // Not our constructor (or an error the compiler reports).
        var argument = attribute.ConstructorArguments[0];
        if (argument.Kind != TypedConstantKind.Array || argument.IsNull)
        {
            if (argument.Kind == TypedConstantKind.Array && argument.IsNull)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooFewLayerSizes, syntax?.GetLocation(), "null was"));
            return null;
        }

        var values = argument.Values;
        var locations = ArgumentLocations(syntax, values.Length);
        var sizes = new List<int>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Kind == TypedConstantKind.Error || values[i].Value is not int size)
                return null; // The compiler already reports a non-constant or mistyped argument.
            if (size <= 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerSize,
                    locations[i] ?? syntax?.GetLocation(), i, size.ToString(CultureInfo.InvariantCulture)));
            sizes.Add(size);
        }

        if (values.Length < 2)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooFewLayerSizes, syntax?.GetLocation(),
                values.Length == 1 ? "only 1 was" : values.Length + " were"));
        return sizes;
    }

    /// <summary>The syntax of each size: one positional argument each, or the elements of one explicit array.</summary>
    static Location?[] ArgumentLocations(AttributeSyntax? syntax, int count)
    {
        var result = new Location?[count];
        var positional = syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        if (positional is null) return result;

        IReadOnlyList<ExpressionSyntax> expressions = positional.Select(a => a.Expression).ToList();
        if (positional.Count == 1 && count != 1)
            expressions = positional[0].Expression switch
            {
                ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
                ImplicitArrayCreationExpressionSyntax { Initializer: var init } => init.Expressions,
                CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
                _ => expressions,
            };
        if (expressions.Count != count) return result;
        for (var i = 0; i < count; i++) result[i] = expressions[i].GetLocation();
        return result;
    }
}
