using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Analyzers;

/// <summary>The sizes the generated span methods check: read from the type's <c>[Network]</c> attribute, not its generated consts.</summary>
internal sealed class NetworkShape
{
    NetworkShape(INamedTypeSymbol type, AttributeData attribute, int[] sizes)
    {
        Type = type;
        Attribute = attribute;
        Sizes = sizes;
        InputSize = sizes[0];
        OutputSize = sizes[sizes.Length - 1];
    }

    /// <summary>The network class.</summary>
    public INamedTypeSymbol Type { get; }

    /// <summary>The <c>[Network]</c> attribute the sizes come from, for reporting at it.</summary>
    public AttributeData Attribute { get; }

    /// <summary>n0 .. nL, every one a positive constant, at least two.</summary>
    public int[] Sizes { get; }

    /// <summary>n0: the floats of one example.</summary>
    public int InputSize { get; }

    /// <summary>nL: the outputs of one example.</summary>
    public int OutputSize { get; }

    /// <summary>
    /// The shape of <paramref name="type"/>, or null when it has no usable <c>[Network]</c>: an attribute with errors,
    /// fewer than two sizes or a size that is not a positive constant (the generator reports those and emits nothing).
    /// </summary>
    public static NetworkShape? Of(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind != TypeKind.Class) return null;
        foreach (var attribute in type.OriginalDefinition.GetAttributes())
        {
            if (!IsNetworkAttribute(attribute.AttributeClass)) continue;
            // Only the first counts, as in the generator; a duplicate is the compiler's CS0579.
            return Read(type, attribute);
        }
        return null;
    }

    /// <summary>The generator's own reading of the sizes (<see cref="LayerSizeReader"/>): a shape only where it reports nothing.</summary>
    static NetworkShape? Read(INamedTypeSymbol type, AttributeData attribute)
    {
        var problems = new List<DiagnosticInfo>();
        var sizes = LayerSizeReader.Read(attribute, syntax: null, problems);
        return sizes is null || problems.Count > 0 ? null : new NetworkShape(type, attribute, sizes.ToArray());
    }

    static bool IsNetworkAttribute(INamedTypeSymbol? attributeClass) =>
        attributeClass is { Name: "NetworkAttribute", TypeKind: not TypeKind.Error, ContainingType: null } &&
        attributeClass.ContainingNamespace is { Name: "NetGen", ContainingNamespace.IsGlobalNamespace: true };
}
