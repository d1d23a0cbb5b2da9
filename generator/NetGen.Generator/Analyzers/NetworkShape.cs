using System.Linq;
using Microsoft.CodeAnalysis;

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

    static NetworkShape? Read(INamedTypeSymbol type, AttributeData attribute)
    {
        if (attribute.ConstructorArguments.Length != 1) return null;
        var argument = attribute.ConstructorArguments[0];
        if (argument.Kind != TypedConstantKind.Array || argument.IsNull || argument.Values.Length < 2) return null;
        foreach (var value in argument.Values)
            if (value.Kind == TypedConstantKind.Error || value.Value is not int size || size <= 0)
                return null;
        return new NetworkShape(type, attribute, argument.Values.Select(value => (int)value.Value!).ToArray());
    }

    static bool IsNetworkAttribute(INamedTypeSymbol? attributeClass) =>
        attributeClass is { Name: "NetworkAttribute", TypeKind: not TypeKind.Error, ContainingType: null } &&
        attributeClass.ContainingNamespace is { Name: "NetGen", ContainingNamespace.IsGlobalNamespace: true };
}
