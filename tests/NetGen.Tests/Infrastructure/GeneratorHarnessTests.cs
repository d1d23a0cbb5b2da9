using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Sdk;

namespace NetGen.Tests.Infrastructure;

/// <summary>Tests of <see cref="GeneratorHarness"/> and <see cref="GeneratorRun"/> with the scratch generators.</summary>
public class GeneratorHarnessTests
{
    const string CatNet = """
        using System.Collections.Generic;
        using System.Linq;
        using NetGen;

        namespace Demo;

        [Network(12288, 20, 7, 5, 1)]
        public partial class CatNet
        {
            public int LayerCount() => new List<int> { 12288, 20, 7, 5, 1 }.Count();
        }
        """;

    /// <summary>Generated code compiles against the framework and NetGen, not the test's own dependencies.</summary>
    [Fact]
    public void References_AreTheSharedFrameworkAndTheNetGenRuntimeOnly()
    {
        var files = GeneratorHarness.References.Select(reference => Path.GetFileName(reference.Display!)).ToHashSet();

        Assert.Contains("System.Runtime.dll", files);
        Assert.Contains("System.Private.CoreLib.dll", files);
        Assert.Contains("netstandard.dll", files);
        Assert.Contains("NetGen.dll", files);
        // Test dependencies are trusted platform assemblies too, but generated code must not see them.
        Assert.DoesNotContain("Microsoft.CodeAnalysis.dll", files);
        Assert.DoesNotContain("xunit.core.dll", files);
    }

    /// <summary>Run compiles with the latest C# and nullable analysis, reporting warnings apart from errors.</summary>
    [Fact]
    public void Run_GeneratesAndCompilesWithLatestLanguageAndNullableEnabled()
    {
        var run = GeneratorHarness.Run<DescribingGenerator>(CatNet + "\npublic class Nullable { public string? Maybe { get; set; } public string Warn() => Maybe; }");

        Assert.Equal(["CatNet.g.cs"], run.GeneratedSources.Keys);
        Assert.Contains("public string Describe() => \"CatNet: 12288, 20, 7, 5, 1\";", run.GeneratedSources["CatNet.g.cs"]);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(LanguageVersion.Latest.MapSpecifiedToEffectiveVersion(), ((CSharpParseOptions)run.OutputCompilation.SyntaxTrees.Last().Options).LanguageVersion);
        // The nullable warning proves nullable analysis is on; warnings alone pass AssertNoErrors.
        Assert.Equal(["CS8603"], run.CompilationDiagnostics.Select(diagnostic => diagnostic.Id));
        run.AssertNoErrors();
        var failure = Assert.Throws<FailException>(() => run.AssertNoErrors(includeWarnings: true));
        Assert.Contains("Source.cs(12,84)-(12,89): warning CS8603: Possible null reference return.", failure.Message);
        Assert.Contains("| public class Nullable { public string? Maybe { get; set; } public string Warn() => Maybe; }", failure.Message);
    }

    /// <summary>Emitted code runs through dynamic and reflection, sharing NetGen types with the test.</summary>
    [Fact]
    public void Emit_RunsGeneratedCodeThatSharesNetGenTypesWithTheTest()
    {
        var run = GeneratorHarness.Run<DescribingGenerator>(CatNet);

        using var compiled = run.Emit();
        var network = compiled.CreateInstance("Demo.CatNet");
        Assert.Equal("CatNet: 12288, 20, 7, 5, 1", (string)network.Describe());
        Assert.Equal(5, (int)network.LayerCount());
        // The cast only works when the generated code's NetGen.Activation is the test's own.
        var hidden = (Activation)compiled.FindType("Demo.CatNet").GetProperty("Hidden")!.GetValue(null)!;
        Assert.Equal(Activation.Tanh, hidden);
        Assert.Contains("Demo.CatNet", Assert.Throws<ArgumentException>(() => compiled.FindType("Demo.DogNet")).Message);
    }

    /// <summary>AssertNoErrors names each error and quotes the generated line it points at.</summary>
    [Fact]
    public void AssertNoErrors_ListsEachErrorWithItsLineOfGeneratedSource()
    {
        var run = GeneratorHarness.Run("class Fine { }", new BrokenCodeGenerator());

        var failure = Assert.Throws<FailException>(() => run.AssertNoErrors());

        Assert.Contains("Broken.g.cs(5,35)-(5,44): error CS0103: The name 'Undefined' does not exist in the current context", failure.Message);
        Assert.Contains("| public static int Answer() => Undefined;", failure.Message);
        Assert.Contains("CS0103", Assert.Throws<FailException>(() => run.Emit()).Message);
    }

    /// <summary>AssertNoErrors fails on a generator exception, which the driver reports only as a warning.</summary>
    [Fact]
    public void AssertNoErrors_ReportsAGeneratorThatThrew()
    {
        var run = GeneratorHarness.Run("class Fine { }", new ThrowingGenerator());

        var failure = Assert.Throws<FailException>(() => run.AssertNoErrors());

        Assert.Contains($"{typeof(ThrowingGenerator).FullName} threw", failure.Message);
        Assert.Contains("boom from the scratch generator", failure.Message);
    }

    /// <summary>An edit that changes no model leaves the model step Cached or Unchanged.</summary>
    [Fact]
    public void EditingAComment_LeavesTheModelStepCachedOrUnchanged()
    {
        var first = GeneratorHarness.Run<DescribingGenerator>(CatNet);

        var second = first.RunAgain(GeneratorHarness.ReplaceSource(CatNet + "\n// a comment"));

        GeneratorHarness.AssertStepsCachedOrUnchanged(second.Result, DescribingGenerator.ModelStep);
        Assert.Equal(first.GeneratedSources, second.GeneratedSources);
        Assert.Contains(second.Result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    /// <summary>A real change makes the caching assertion fail, naming step, run, output and reason.</summary>
    [Fact]
    public void RenamingTheClass_FailsTheCachingAssertion()
    {
        var first = GeneratorHarness.Run<DescribingGenerator>(CatNet);

        var second = first.RunAgain(GeneratorHarness.ReplaceSource(CatNet.Replace("CatNet", "DogNet", StringComparison.Ordinal)));

        Assert.Equal(["DogNet.g.cs"], second.GeneratedSources.Keys);
        var failure = Assert.Throws<FailException>(() => GeneratorHarness.AssertStepsCachedOrUnchanged(second.Result, DescribingGenerator.ModelStep));
        Assert.Contains("step \"Model\" run 0 output 0: Modified", failure.Message);
        var unknown = Assert.Throws<ArgumentException>(() => GeneratorHarness.AssertStepsCachedOrUnchanged(second.Result, "NoSuchStep"));
        Assert.Contains("Model", unknown.Message);
    }

    /// <summary>RunAgain applies the edit to the input compilation and reruns the same driver.</summary>
    [Fact]
    public void RunAgain_WithAnAddedFileGeneratesForItToo()
    {
        var first = GeneratorHarness.Run<DescribingGenerator>(CatNet);

        var second = first.RunAgain(GeneratorHarness.AddSource("[NetGen.Network(2, 1)] partial class Tiny { }", "Tiny.cs"));

        Assert.Equal(["CatNet.g.cs", "Tiny.g.cs"], second.GeneratedSources.Keys);
        Assert.Single(first.InputCompilation.SyntaxTrees);
        second.AssertNoErrors(includeWarnings: true);
    }

    /// <summary>A model of strings and numbers passes the Roslyn object check, also after a rerun.</summary>
    [Fact]
    public void AModelOfStrings_PassesTheRoslynObjectCheck()
    {
        // The one-layer network makes the generator report a diagnostic, whose Location Roslyn's own SourceOutput step keeps.
        var first = GeneratorHarness.Run<DescribingGenerator>(CatNet + "\n[NetGen.Network(3)] partial class Tiny { }");
        var second = first.RunAgain(GeneratorHarness.ReplaceSource(CatNet + "\n// edited"));

        Assert.Equal("SCR001", Assert.Single(first.GeneratorDiagnostics).Id);
        GeneratorHarness.AssertNoRoslynObjectsInSteps(first.Result);
        GeneratorHarness.AssertNoRoslynObjectsInSteps(second.Result, DescribingGenerator.ModelStep);
    }

    /// <summary>A model keeping an ISymbol fails the Roslyn object check, naming step and path.</summary>
    [Fact]
    public void AModelKeepingASymbol_FailsTheRoslynObjectCheck()
    {
        var run = GeneratorHarness.Run<SymbolKeepingGenerator>(CatNet);

        var failure = Assert.Throws<FailException>(() => GeneratorHarness.AssertNoRoslynObjectsInSteps(run.Result));

        Assert.Contains("step \"Model\" run 0 output 0: value.Symbol is a ", failure.Message);
    }

    /// <summary>The inspector reaches into tuples, arrays, dictionaries and private fields, and survives cycles.</summary>
    [Fact]
    public void TheInspector_WalksTuplesCollectionsAndPrivateFieldsOnceEach()
    {
        var tree = CSharpSyntaxTree.ParseText("class A { }");
        var cycle = new Node("first");
        cycle.Next = new Node("second") { Next = cycle };
        var value = (Name: "ok", Items: ImmutableArray.Create(new Holder(1, null), new Holder(2, tree.GetRoot().GetLocation())),
            Cycle: cycle, Map: new Dictionary<string, object> { ["tree"] = tree }, Empty: default(ImmutableArray<Holder>));

        var found = TrackedStepInspector.FindRoslynObjects(value);

        Assert.Equal(2, found.Count);
        Assert.StartsWith("value.Item2[1].location is a Microsoft.CodeAnalysis.", found[0]);
        Assert.StartsWith("value.Item4[0].value is a Microsoft.CodeAnalysis.", found[1]);
        Assert.Empty(TrackedStepInspector.FindRoslynObjects((1, "text", new[] { 1.5, 2.5 }, cycle, default(ImmutableArray<Holder>))));
    }

    sealed class Holder(int id, Location? location)
    {
        public int Id { get; } = id;
        readonly Location? location = location;
        public override string ToString() => $"{Id} {location}";
    }

    sealed class Node(string name)
    {
        public string Name { get; } = name;
        public Node? Next { get; set; }
    }
}
