using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Analyzers;

/// <summary>The generated members whose buffer arguments have a shape to check.</summary>
internal enum GeneratedMethodKind
{
    /// <summary><c>ReadOnlySpan&lt;float&gt; Forward(ReadOnlyMemory&lt;float&gt; x, Caches caches)</c></summary>
    Forward,
    /// <summary><c>static float ComputeCost(ReadOnlySpan&lt;float&gt; al, ReadOnlySpan&lt;float&gt; y)</c></summary>
    ComputeCost,
    /// <summary><c>void Backward(ReadOnlySpan&lt;float&gt; y, Caches caches, Gradients gradients)</c></summary>
    Backward,
    /// <summary><c>void Predict(ReadOnlySpan&lt;float&gt; x, Span&lt;float&gt; output)</c></summary>
    PredictMany,
    /// <summary><c>float Predict(ReadOnlySpan&lt;float&gt; x)</c>, only for one output</summary>
    PredictOne,
    /// <summary><c>TrainingResult Train(ReadOnlySpan&lt;float&gt; x, ReadOnlySpan&lt;float&gt; y, TrainingOptions options)</c></summary>
    Train,
}

/// <summary>Recognizes the generated span overloads by name, signature and NetGen's <c>[GeneratedCode]</c> mark.</summary>
internal static class GeneratedMethod
{
    /// <summary>The kind of <paramref name="method"/>, or null for any other method (hand-written ones of the same name included).</summary>
    public static GeneratedMethodKind? Recognize(IMethodSymbol? method)
    {
        if (method is null || method.MethodKind != MethodKind.Ordinary || method.IsGenericMethod) return null;
        var kind = KindBySignature(method);
        return kind is not null && IsGeneratedByNetGen(method) ? kind : null;
    }

    static GeneratedMethodKind? KindBySignature(IMethodSymbol method)
    {
        var parameters = method.Parameters;
        bool Is(int ordinal, string type) =>
            parameters[ordinal].RefKind == RefKind.None && FloatBuffers.IsSystemOfFloat(parameters[ordinal].Type, type);

        return method.Name switch
        {
            "Forward" when !method.IsStatic && parameters.Length == 2 && Is(0, "ReadOnlyMemory") => GeneratedMethodKind.Forward,
            "ComputeCost" when method.IsStatic && parameters.Length == 2 && Is(0, "ReadOnlySpan") && Is(1, "ReadOnlySpan") => GeneratedMethodKind.ComputeCost,
            "Backward" when !method.IsStatic && parameters.Length == 3 && Is(0, "ReadOnlySpan") => GeneratedMethodKind.Backward,
            "Predict" when !method.IsStatic && parameters.Length == 2 && Is(0, "ReadOnlySpan") && Is(1, "Span") => GeneratedMethodKind.PredictMany,
            "Predict" when !method.IsStatic && parameters.Length == 1 && Is(0, "ReadOnlySpan") => GeneratedMethodKind.PredictOne,
            "Train" when !method.IsStatic && parameters.Length == 3 && Is(0, "ReadOnlySpan") && Is(1, "ReadOnlySpan") => GeneratedMethodKind.Train,
            _ => null,
        };
    }

    /// <summary>The generator marks every member it emits with <c>[GeneratedCode("NetGen", version)]</c>.</summary>
    static bool IsGeneratedByNetGen(IMethodSymbol method)
    {
        foreach (var attribute in method.OriginalDefinition.GetAttributes())
            if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" } type &&
                type.ContainingNamespace?.ToDisplayString() == "System.CodeDom.Compiler" &&
                attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is "NetGen")
                return true;
        return false;
    }
}
