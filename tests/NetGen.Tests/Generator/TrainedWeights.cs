using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;

namespace NetGen.Tests.Generator;

/// <summary>Runs the generator over a network with <c>Weights = "..."</c> and the files of Fixtures/TrainedWeights (tests/fixtures/trained_weights.py).</summary>
internal static class TrainedWeights
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "TrainedWeights");

    public static string Fixture(string file) => Path.Combine(Folder, file);

    /// <summary>The course's 5-4-3-1 network naming <paramref name="weights"/>, plus <paramref name="extra"/> source.</summary>
    public static string Source(string weights, string extra = "") => $$"""
        using NetGen;
        namespace Demo;

        [Network(5, 4, 3, 1, Weights = "{{weights}}")]
        public partial class Net { }
        {{extra}}
        """;

    /// <summary>Runs the generator with every .npz of <paramref name="folder"/> (default: the fixtures) as an additional file and that folder as the project's.</summary>
    public static GeneratorRun Run(string source, string? folder = null)
    {
        folder ??= Folder;
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(path => (AdditionalText)new FileAdditionalText(path));
        return GeneratorHarness.Run(source, files, folder, new NetworkGenerator());
    }
}
