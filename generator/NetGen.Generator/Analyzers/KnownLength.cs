using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NetGen.Generator.Analyzers;

/// <summary>A buffer length the compiler can see, and what the buffer is ("array", "collection expression", "array 'x'").</summary>
internal readonly struct KnownLength
{
    /// <summary>How many locals deep <c>var b = a;</c> chains are followed.</summary>
    const int MaxLocalDepth = 4;

    KnownLength(long length, string source)
    {
        Length = length;
        Source = source;
    }

    /// <summary>The number of floats.</summary>
    public long Length { get; }

    /// <summary>What the argument is, for "the {Source} given has {Length}".</summary>
    public string Source { get; }

    /// <summary>
    /// The length of <paramref name="value"/> when the compiler knows it: an array creation with a constant size or an
    /// initializer, a collection expression without spreads, a <c>stackalloc</c> of constant size, an inline array of
    /// floats, or a local whose initializer is one of those and that nothing assigns again - seen through any
    /// length-keeping conversion between float arrays, spans and memories. Anything else (parameters, fields, calls,
    /// slices) is unknown: null.
    /// </summary>
    public static KnownLength? Of(IOperation? value, CancellationToken cancellationToken) => Of(value, 0, cancellationToken);

    internal static KnownLength? Of(IOperation? value, int depth, CancellationToken cancellationToken)
    {
        value = SkipLengthKeepingConversions(value);
        switch (value)
        {
            case IConversionOperation { Operand.Type: INamedTypeSymbol inlineArray } conversion
                when FloatBuffers.IsFloatBuffer(conversion.Type) && FloatBuffers.InlineArrayLength(inlineArray) is { } length:
                // An inline array's length is part of its type, whatever the variable.
                return new KnownLength(length, inlineArray.ToDisplayString(FloatBuffers.TypeNameFormat));
            case IArrayCreationOperation creation:
                return OfArrayCreation(creation);
            case ICollectionExpressionOperation collection:
                return OfCollectionExpression(collection);
            case ILocalReferenceOperation local when depth < MaxLocalDepth:
                return UnchangedLocal.InitialLength(local, depth, cancellationToken) is { } initial
                    ? new KnownLength(initial.Length, $"{FloatBuffers.Describe(local.Local.Type)} '{local.Local.Name}'")
                    : null;
            case { Kind: OperationKind.None } when value.Syntax is StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                // Roslyn has no public operation for stackalloc yet; its syntax says everything needed.
                return OfStackAlloc(value, cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>Steps through conversions between float buffers (<c>float[]</c> to <c>ReadOnlySpan&lt;float&gt;</c> and the like), which keep the length.</summary>
    static IOperation? SkipLengthKeepingConversions(IOperation? value)
    {
        while (value is IConversionOperation conversion &&
               FloatBuffers.IsFloatBuffer(conversion.Type) &&
               FloatBuffers.IsFloatBuffer(conversion.Operand.Type))
            value = conversion.Operand;
        return value;
    }

    static KnownLength? OfArrayCreation(IArrayCreationOperation creation)
    {
        if (creation.DimensionSizes.Length != 1 || !FloatBuffers.IsFloatBuffer(creation.Type)) return null;
        if (AsLength(creation.DimensionSizes[0].ConstantValue) is { } size) return new KnownLength(size, "array");
        return creation.Initializer is { } initializer ? new KnownLength(initializer.ElementValues.Length, "array") : null;
    }

    static KnownLength? OfCollectionExpression(ICollectionExpressionOperation collection)
    {
        foreach (var element in collection.Elements)
            if (element is ISpreadOperation or IInvalidOperation) return null; // a spread's length is the other collection's
        return new KnownLength(collection.Elements.Length, "collection expression");
    }

    static KnownLength? OfStackAlloc(IOperation stackAlloc, CancellationToken cancellationToken)
    {
        if (!FloatBuffers.IsSystemOfFloat(stackAlloc.Type, "Span")) return null;
        switch (stackAlloc.Syntax)
        {
            case ImplicitStackAllocArrayCreationExpressionSyntax implicitly:
                return new KnownLength(implicitly.Initializer.Expressions.Count, "stackalloc buffer");
            case StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax arrayType } explicitly
                when arrayType.RankSpecifiers.Count == 1 && arrayType.RankSpecifiers[0].Sizes.Count == 1:
                var size = arrayType.RankSpecifiers[0].Sizes[0];
                if (size is OmittedArraySizeExpressionSyntax)
                    return explicitly.Initializer is { } initializer ? new KnownLength(initializer.Expressions.Count, "stackalloc buffer") : null;
                return stackAlloc.SemanticModel is { } model && AsLength(model.GetConstantValue(size, cancellationToken)) is { } length
                    ? new KnownLength(length, "stackalloc buffer")
                    : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// A constant array size as a length. Negative sizes are the compiler's error and sizes over <c>int.MaxValue</c>
    /// fail at run time whatever the network; neither is a length to compare.
    /// </summary>
    static long? AsLength(Optional<object?> constant) => constant.HasValue
        ? constant.Value switch
        {
            int value when value >= 0 => value,
            uint value when value <= int.MaxValue => value,
            long value when value is >= 0 and <= int.MaxValue => value,
            ulong value when value <= int.MaxValue => (long)value,
            _ => null,
        }
        : null;
}
