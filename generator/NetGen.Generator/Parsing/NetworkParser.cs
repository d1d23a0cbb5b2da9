using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Turns one <c>[Network]</c> usage into a <see cref="NetworkSpec"/> or the diagnostics that explain why it cannot be.</summary>
internal static class NetworkParser
{
    /// <summary>Returns null for usages the compiler already reports (or another declaration of the same class handles).</summary>
    public static ParseResult? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type ||
            context.TargetNode is not TypeDeclarationSyntax declaration ||
            context.Attributes.Length == 0)
            return null;

        // The attribute written on this declaration (a partial class may carry more than one; the compiler reports that).
        var attribute = context.Attributes.FirstOrDefault(a => a.ApplicationSyntaxReference is { } reference &&
            reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span));
        if (attribute is null || !IsFirstNetworkAttributeOf(type, attribute))
            return null; // The compiler reports the duplicate (CS0579); emitting twice would clash.

        var diagnostics = new List<DiagnosticInfo>();
        ClassChecks.Check(type, declaration, diagnostics);
        var containing = ClassChecks.ContainingTypes(declaration, diagnostics, type.Name);

        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var sizes = LayerSizeReader.Read(attribute, attributeSyntax, diagnostics);
        var hidden = ActivationReader.Read(attribute, attributeSyntax, "Hidden", Activation.ReLU, diagnostics);
        var output = ActivationReader.Read(attribute, attributeSyntax, "Output", Activation.Sigmoid, diagnostics);

        if (output == Activation.Softmax && sizes is { Count: > 0 } && sizes[sizes.Count - 1] == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNeedsClasses,
                ActivationReader.ArgumentLocation(attributeSyntax, "Output"), type.Name));

        NetworkSpec? spec = null;
        if (sizes is not null && hidden is not null && output is not null && diagnostics.Count == 0)
        {
            var ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            var keyword = declaration is RecordDeclarationSyntax ? "record" : "class";
            spec = new NetworkSpec(ns, new EquatableArray<ContainingType>(containing), keyword, type.Name,
                new EquatableArray<int>(sizes), hidden.Value, output.Value);
            SizeLimits.Check(spec, attributeSyntax?.GetLocation() ?? declaration.Identifier.GetLocation(), diagnostics);
            MemberClashes.Check(type, spec, declaration.Identifier.GetLocation(), diagnostics);
            if (diagnostics.Count > 0) spec = null;
        }

        var weights = spec is null ? null : WeightsArgument.Read(attribute, attributeSyntax, spec);
        return new ParseResult(spec, new EquatableArray<DiagnosticInfo>(diagnostics), weights);
    }

    static bool IsFirstNetworkAttributeOf(INamedTypeSymbol type, AttributeData attribute)
    {
        var first = type.GetAttributes().FirstOrDefault(a =>
            SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute.AttributeClass));
        return first is null || first.ApplicationSyntaxReference?.Span == attribute.ApplicationSyntaxReference?.Span &&
            first.ApplicationSyntaxReference?.SyntaxTree == attribute.ApplicationSyntaxReference?.SyntaxTree;
    }
}
