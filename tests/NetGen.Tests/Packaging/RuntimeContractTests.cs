using System;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using Xunit;

namespace NetGen.Tests.Packaging;

/// <summary>
/// The contract between generated code and the runtime lives in one namespace, NetGen.Kernels (README, "The contract
/// between generated code and the runtime"): everything there is hidden from IntelliSense, and nothing hidden lives elsewhere.
/// </summary>
public sealed class RuntimeContractTests
{
    static readonly Type[] TopLevelTypes = typeof(Activation).Assembly.GetExportedTypes().Where(t => !t.IsNested).ToArray();

    static bool IsContract(Type type) => type.Namespace is { } ns && (ns == "NetGen.Kernels" || ns.StartsWith("NetGen.Kernels.", StringComparison.Ordinal));

    static bool IsHidden(Type type) =>
        type.GetCustomAttribute<EditorBrowsableAttribute>() is { State: EditorBrowsableState.Never };

    [Fact]
    public void ContractNamespace_EveryTypeIsHiddenFromIntelliSense()
    {
        var contract = TopLevelTypes.Where(IsContract).ToArray();
        Assert.Contains(contract, t => t.Name == "ShapeGuard");
        Assert.Empty(contract.Where(t => !IsHidden(t)).Select(t => t.FullName));
    }

    [Fact]
    public void PublicApi_HasNoHiddenTypeOutsideTheContractNamespace()
    {
        Assert.Contains(TopLevelTypes, t => t.Name == "TrainingOptions" && !IsContract(t));
        Assert.Empty(TopLevelTypes.Where(t => !IsContract(t) && IsHidden(t)).Select(t => t.FullName));
    }
}
