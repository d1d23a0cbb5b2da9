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
    static readonly string[] Fixed = new[] { "var", "nameof" }.Concat(MemberNames.Fixed).ToArray();

    /// <summary>The generated public methods and the parameter types of each of their overloads.</summary>
    public static IReadOnlyDictionary<string, string[][]> PublicMethods(NetworkSpec spec) => PublicMethods(NetworkPlan.For(spec));

    /// <inheritdoc cref="PublicMethods(NetworkSpec)"/>
    public static IReadOnlyDictionary<string, string[][]> PublicMethods(NetworkPlan plan)
    {
        var predict = new List<string[]> { new[] { ReadOnlySpan, Span } };
        if (plan.Predict.SingleOutput) predict.Add(new[] { ReadOnlySpan });
        if (plan.Predict.TypedPredict) predict.Add(new[] { MemberNames.Input });
        var methods = new Dictionary<string, string[][]>
        {
            ["InitializeParameters"] = new[] { new[] { "int", "global::NetGen.WeightInit" } },
            ["SaveParameters"] = new[] { new[] { "string" } },
            ["LoadParameters"] = new[] { new[] { "string" } },
            ["Forward"] = new[] { new[] { "global::System.ReadOnlyMemory<float>", MemberNames.Caches } },
            ["ComputeCost"] = new[] { new[] { ReadOnlySpan, ReadOnlySpan } },
            ["Backward"] = new[] { new[] { ReadOnlySpan, MemberNames.Caches, MemberNames.Gradients } },
            ["UpdateParameters"] = new[] { new[] { MemberNames.Gradients, "float" } },
            ["Predict"] = predict.ToArray(),
            ["Train"] = new[] { new[] { ReadOnlySpan, ReadOnlySpan, "global::NetGen.TrainingOptions" } },
            ["SaveOnnx"] = new[] { new[] { "string" } },
            ["LoadOnnx"] = new[] { new[] { "string" } },
            ["SquaredWeights"] = new[] { System.Array.Empty<string>() },
            ["AddL2Gradients"] = new[] { new[] { MemberNames.Gradients, "float" } },
        };
        if (plan.Training.Dropout)
        {
            methods["ForwardWithDropout"] = new[] { new[] { "global::System.ReadOnlyMemory<float>", MemberNames.Caches, Dropout } };
            methods["BackwardWithDropout"] = new[] { new[] { ReadOnlySpan, MemberNames.Caches, MemberNames.Gradients, Dropout } };
        }
        if (plan.Predict.Classes)
        {
            methods["OneHot"] = new[] { new[] { "global::System.ReadOnlySpan<int>" } };
            methods["PredictClass"] = new[] { new[] { ReadOnlySpan } };
            methods["PredictClasses"] = new[] { new[] { ReadOnlySpan, "global::System.Span<int>" } };
        }
        return methods;
    }

    /// <summary>Whether <paramref name="name"/> is a generated member that cannot be overloaded.</summary>
    public static bool IsReserved(string name) => Fixed.Contains(name) || MemberNames.IsLayerMember(name);
}
