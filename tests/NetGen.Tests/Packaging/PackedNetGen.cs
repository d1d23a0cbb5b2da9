using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Tests.Infrastructure;

namespace NetGen.Tests.Packaging;

/// <summary>
/// The NetGen and NetGen.Data packages as docs/install.md tells a user to make them: <c>dotnet pack runtime/NetGen -c Release
/// -o &lt;feed&gt;</c> and the same for runtime/NetGen.Data, run once for every packaging test, into a temporary folder that
/// serves as a local package feed. The build goes to a
/// temporary artifacts folder, so the clone's bin/ and obj/ are neither read nor written.
/// </summary>
public sealed class PackedNetGen : IDisposable
{
    /// <summary>Zip entry times of the package: fixed, so packing the same build twice gives the same bytes.</summary>
    const string SourceDateEpoch = "1767225600";

    readonly TemporaryDirectory temporary = new();

    /// <summary>Packs NetGen and NetGen.Data into <see cref="FeedDirectory"/>.</summary>
    public PackedNetGen()
    {
        try
        {
            FeedDirectory = Path.Combine(temporary.Path, "feed");
            Pack(FeedDirectory);
            var packages = Directory.GetFiles(FeedDirectory, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            string[] expected = [$"NetGen.{DeclaredVersion}.nupkg", $"NetGen.Data.{DeclaredVersion}.nupkg"];
            if (!packages.SequenceEqual(expected))
                throw new InvalidOperationException($"dotnet pack should make {string.Join(" and ", expected)}, but {FeedDirectory} holds: {string.Join(", ", packages)}.");
            PackagePath = Path.Combine(FeedDirectory, expected[0]);
            DataPackagePath = Path.Combine(FeedDirectory, expected[1]);
        }
        catch
        {
            temporary.Dispose();
            throw;
        }
    }

    /// <summary>The temporary folder everything of these tests lives in; outside the clone.</summary>
    public string TemporaryRoot => temporary.Path;

    /// <summary>The local feed: a folder holding the .nupkg and .snupkg.</summary>
    public string FeedDirectory { get; }

    /// <summary>The NetGen .nupkg in the feed.</summary>
    public string PackagePath { get; }

    /// <summary>Where the symbols package of <see cref="PackagePath"/> should be.</summary>
    public string SymbolsPackagePath => Path.ChangeExtension(PackagePath, ".snupkg");

    /// <summary>The NetGen.Data .nupkg in the feed.</summary>
    public string DataPackagePath { get; }

    /// <summary>Where the symbols package of <see cref="DataPackagePath"/> should be.</summary>
    public string DataSymbolsPackagePath => Path.ChangeExtension(DataPackagePath, ".snupkg");

    /// <summary>The version the clone declares, read from Directory.Build.props (not from the package).</summary>
    public static string DeclaredVersion
    {
        get
        {
            var props = System.Xml.Linq.XDocument.Load(RepositoryRoot.Combine("Directory.Build.props"));
            return props.Descendants("VersionPrefix").Single().Value.Trim();
        }
    }

    /// <summary>
    /// Packs the runtime project (and with it the generator), then the data project, into <paramref name="outputDirectory"/>.
    /// The restore into the fresh artifacts folder skips the vulnerability audit: the solution's own restore has audited
    /// the same packages.
    /// </summary>
    public void Pack(string outputDirectory)
    {
        foreach (var project in new[] { "runtime/NetGen", "runtime/NetGen.Data" })
            DotnetCli.Run(RepositoryRoot.Path, new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = SourceDateEpoch },
                ["pack", project, "-c", "Release", "-o", outputDirectory,
                 "--artifacts-path", Path.Combine(temporary.Path, "artifacts"), "-p:NuGetAudit=false", .. DotnetCli.NoServers]);
    }

    /// <inheritdoc/>
    public void Dispose() => temporary.Dispose();
}
