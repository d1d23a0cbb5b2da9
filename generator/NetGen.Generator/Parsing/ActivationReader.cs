using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Reads the <c>Hidden</c> and <c>Output</c> named arguments and rejects activations the network cannot use there.</summary>
internal static class ActivationReader
{
    static readonly Activation[] HiddenChoices = { Activation.ReLU, Activation.LeakyReLU, Activation.Tanh, Activation.Sigmoid };
    static readonly Activation[] OutputChoices = { Activation.Sigmoid, Activation.Linear, Activation.Softmax };

    public static Activation? Read(AttributeData attribute, AttributeSyntax? syntax, string name, Activation defaultValue, List<DiagnosticInfo> diagnostics)
    {
        var named = attribute.NamedArguments.FirstOrDefault(a => a.Key == name);
        if (named.Key is null) return defaultValue;
        if (named.Value.Kind == TypedConstantKind.Error || named.Value.Value is not int value) return null;

        var choices = name == "Hidden" ? HiddenChoices : OutputChoices;
        var kind = (Activation)value;
        if (choices.Contains(kind)) return kind;

        var at = ArgumentLocation(syntax, name);
        var given = System.Enum.IsDefined(typeof(Activation), kind) ? "Activation." + kind : $"(Activation){value}";
        var expected = string.Join(" or ", choices.Select(c => "Activation." + c));
        var role = name == "Hidden" ? "hidden-layer" : "output";
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedActivation, at, given, role, expected));
        return null;
    }

    /// <summary>The named argument <paramref name="name"/> of the attribute, or the attribute when it is not written.</summary>
    public static Location? ArgumentLocation(AttributeSyntax? syntax, string name) =>
        syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.GetLocation() ?? syntax?.GetLocation();
}
