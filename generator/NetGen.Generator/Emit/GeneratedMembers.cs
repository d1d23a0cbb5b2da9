using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The names of the members the emitters put into a network class, so that a user member of the same name is an
/// NG0009 error at that member rather than compiler errors inside the generated file. Public methods may be
/// overloaded: for them the parameter types of each generated overload are listed (a generated nested type by its
/// name). GeneratedMembersTests compiles the output of several networks and checks this list against it.
/// </summary>
internal static class GeneratedMembers
{
    const string Span = "global::System.Span<float>";
    const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    const string Dropout = "global::NetGen.Training.Dropout";

    /// <summary>
    /// Member names with no overload allowed: types, constants, properties, fields and private methods; and
    /// <c>var</c> and <c>nameof</c>, which the generated code uses and a member of that name would rebind.
    /// </summary>
    static readonly string[] Fixed =
    {
        "var", "nameof",
        "InputSize", "OutputSize", "LayerCount", "ParameterCount", "LayerSizes", "Caches", "Gradients", "Input", "Output",
        ParameterGuard.Field, "ParameterSlots", "ForwardCore", "BackwardCore", "UpdateCore", "CostCore", "CostIsFinite",
        "PredictOne", "TrainStep", "TrainWithGramMatrix", "TrainGeneral", "ForwardDropoutCore", "BackwardDropoutCore",
        "CreateTrained", "TrainedParameters",
        "Sigmoid", "LeakyReLU",
    };

    /// <summary>Prefixes of per-layer members (W1, ForwardLayer2, Layer1Shape, ...): a prefix followed by a digit.</summary>
    static readonly string[] LayerPrefixes = { "W", "B", "Layer", "ForwardLayer", "BackwardLayer", "TrainLayer", "WriteOutW" };

    /// <summary>The generated public methods and the parameter types of each of their overloads.</summary>
    public static IReadOnlyDictionary<string, string[][]> PublicMethods(NetworkSpec spec)
    {
        var predict = new List<string[]> { new[] { ReadOnlySpan, Span } };
        if (spec.OutputSize == 1) predict.Add(new[] { ReadOnlySpan });
        if (TypedBuffersEmitter.HasInput(spec) && (spec.OutputSize == 1 || TypedBuffersEmitter.HasOutput(spec))) predict.Add(new[] { "Input" });
        var methods = new Dictionary<string, string[][]>
        {
            ["InitializeParameters"] = new[] { new[] { "int", "global::NetGen.WeightInit" } },
            ["SaveParameters"] = new[] { new[] { "string" } },
            ["LoadParameters"] = new[] { new[] { "string" } },
            ["Forward"] = new[] { new[] { "global::System.ReadOnlyMemory<float>", "Caches" } },
            ["ComputeCost"] = new[] { new[] { ReadOnlySpan, ReadOnlySpan } },
            ["Backward"] = new[] { new[] { ReadOnlySpan, "Caches", "Gradients" } },
            ["UpdateParameters"] = new[] { new[] { "Gradients", "float" } },
            ["Predict"] = predict.ToArray(),
            ["Train"] = new[] { new[] { ReadOnlySpan, ReadOnlySpan, "global::NetGen.TrainingOptions" } },
            ["SaveOnnx"] = new[] { new[] { "string" } },
            ["LoadOnnx"] = new[] { new[] { "string" } },
            ["SquaredWeights"] = new[] { System.Array.Empty<string>() },
            ["AddL2Gradients"] = new[] { new[] { "Gradients", "float" } },
        };
        if (GeneralTrainEmitter.HasDropout(spec))
        {
            methods["ForwardWithDropout"] = new[] { new[] { "global::System.ReadOnlyMemory<float>", "Caches", Dropout } };
            methods["BackwardWithDropout"] = new[] { new[] { ReadOnlySpan, "Caches", "Gradients", Dropout } };
        }
        if (spec.Output == ActivationKind.Softmax)
        {
            methods["OneHot"] = new[] { new[] { "global::System.ReadOnlySpan<int>" } };
            methods["PredictClass"] = new[] { new[] { ReadOnlySpan } };
            methods["PredictClasses"] = new[] { new[] { ReadOnlySpan, "global::System.Span<int>" } };
        }
        return methods;
    }

    /// <summary>Whether <paramref name="name"/> is a generated member that cannot be overloaded.</summary>
    public static bool IsReserved(string name) =>
        Fixed.Contains(name) ||
        LayerPrefixes.Any(prefix => name.Length > prefix.Length && name.StartsWith(prefix, System.StringComparison.Ordinal) && char.IsDigit(name[prefix.Length]));
}
