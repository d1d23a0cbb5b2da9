using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics;

/// <summary>Every diagnostic NetGen reports. Each id has a section in docs/diagnostics.md, linked from its help link.</summary>
internal static class DiagnosticDescriptors
{
    public const string RepositoryUrl = "https://github.com/netgen-dotnet/netgen";
    const string Category = "NetGen";

    public static readonly DiagnosticDescriptor InvalidLayerSize = Error(
        "NG0001", "Layer size must be a positive integer constant",
        "Layer size {0} of [Network] must be a positive integer constant, but it is {1}");

    public static readonly DiagnosticDescriptor TooFewLayerSizes = Error(
        "NG0002", "A network needs an input size and an output size",
        "[Network] needs at least two layer sizes (the input size, then hidden sizes, then the output size), but {0} given");

    public static readonly DiagnosticDescriptor ClassNotPartial = Error(
        "NG0003", "A network class must be partial",
        "Class '{0}' must be declared partial so that NetGen can generate its network into it");

    public static readonly DiagnosticDescriptor UnsupportedClass = Error(
        "NG0004", "NetGen cannot generate into this class",
        "NetGen cannot generate a network into '{0}': {1}");

    public static readonly DiagnosticDescriptor ParameterCountOverflow = Error(
        "NG0005", "The network has too many parameters",
        "Network '{0}' needs {1} parameters, but at most {2} fit in one network ({3})");

    public static readonly DiagnosticDescriptor UnsupportedActivation = Error(
        "NG0006", "Unsupported activation",
        "{0} cannot be the {1} activation; expected {2}");

    public static readonly DiagnosticDescriptor VeryLargeArray = new(
        "NG0007", "A parameter array is very large",
        "{0} of network '{1}' holds {2} floats ({3}); arrays over 2 GB allocate only in 64-bit processes with enough memory and may fail at run time",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink("NG0007"));

    public static readonly DiagnosticDescriptor ArgumentShapeMismatch = Error(
        "NG0008", "An argument cannot have the shape the network expects",
        "{0} expects {1}, but the {2} given has {3}");

    public static readonly DiagnosticDescriptor GeneratedMemberClash = Error(
        "NG0009", "A name clashes with a member NetGen generates",
        "{0} clashes with the network NetGen generates: it generates {1} in '{2}'; rename it");

    public static readonly DiagnosticDescriptor SoftmaxNeedsClasses = Error(
        "NG0010", "A softmax output needs at least two outputs",
        "Activation.Softmax over a single output is always 1 and cannot learn; network '{0}' has 1 output: use Activation.Sigmoid for two classes, or give one output per class");

    public static readonly DiagnosticDescriptor NetworkBudget = new(
        "NG0100", "Network size",
        "Network '{0}': {1} parameters ({2} of float memory), {3} multiply-adds per example",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpLink("NG0100"));

    // The checks of [Network(..., Weights = "file.npz")], reported at the Weights argument.
    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        "NG0011", "The weights file is not an additional file or cannot be read",
        "Weights file '{0}' {1}");

    public static readonly DiagnosticDescriptor WeightsFileInvalid = Error(
        "NG0012", "The weights file is not a valid .npz",
        "Weights file '{0}' is not a valid .npz: {1}");

    public static readonly DiagnosticDescriptor WeightsKeyMissing = Error(
        "NG0013", "The weights file lacks a parameter",
        "Weights file '{0}' does not fit network '{1}': {2}");

    public static readonly DiagnosticDescriptor WeightsKeyUnexpected = Error(
        "NG0014", "The weights file holds arrays the network does not have",
        "Weights file '{0}' does not fit network '{1}': it holds {2}, which the network does not have (expected only {3})");

    public static readonly DiagnosticDescriptor WeightsShapeMismatch = Error(
        "NG0015", "A weights array has the wrong shape",
        "Weights file '{0}' does not fit network '{1}': {2}");

    public static readonly DiagnosticDescriptor WeightsDTypeUnsupported = Error(
        "NG0016", "A weights array has a dtype NetGen cannot take",
        "Weights file '{0}' does not fit network '{1}': {2}");

    public static readonly DiagnosticDescriptor WeightsNotFinite = new(
        "NG0017", "The weights hold NaN or infinite values",
        "Weights file '{0}' holds non-finite values ({1}); the trained network will predict NaN or saturate",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink("NG0017"));

    public static readonly DiagnosticDescriptor WeightsTooLarge = Error(
        "NG0018", "The weights are too large to embed",
        "Network '{0}' has {1} bytes of float32 parameters, more than the {2} one network can embed (string literals share the assembly's 16 MB user-string heap); ship the file and load it at run time with LoadParameters instead");

    public static readonly IReadOnlyList<DiagnosticDescriptor> All = new[]
    {
        InvalidLayerSize, TooFewLayerSizes, ClassNotPartial, UnsupportedClass, ParameterCountOverflow, UnsupportedActivation,
        VeryLargeArray, ArgumentShapeMismatch, GeneratedMemberClash, SoftmaxNeedsClasses, NetworkBudget,
        WeightsFileNotFound, WeightsFileInvalid, WeightsKeyMissing, WeightsKeyUnexpected, WeightsShapeMismatch,
        WeightsDTypeUnsupported, WeightsNotFinite, WeightsTooLarge,
    };

    static readonly Dictionary<string, DiagnosticDescriptor> Index = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => Index[id];

    public static string HelpLink(string id) => $"{RepositoryUrl}/blob/main/docs/diagnostics.md#{id.ToLowerInvariant()}";

    static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
}
