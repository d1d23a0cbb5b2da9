using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Analyzers;

/// <summary>The sizes the generated span methods check: read from the type's <c>[Network]</c> attribute, not its generated consts.</summary>
internal sealed class NetworkShape
{
    NetworkShape(INamedTypeSymbol type, int inputSize, int outputSize)
    {
        Type = type;
        InputSize = inputSize;
        OutputSize = outputSize;
    }

    /// <summary>The network class.</summary>
    public INamedTypeSymbol Type { get; }

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
        var values = argument.Values;
        return new NetworkShape(type, (int)values[0].Value!, (int)values[values.Length - 1].Value!);
    }

    static bool IsNetworkAttribute(INamedTypeSymbol? attributeClass) =>
        attributeClass is { Name: "NetworkAttribute", TypeKind: not TypeKind.Error, ContainingType: null } &&
        attributeClass.ContainingNamespace is { Name: "NetGen", ContainingNamespace.IsGlobalNamespace: true };
}
