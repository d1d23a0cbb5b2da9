using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tests.Packaging;

/// <summary>
/// A console app outside the clone that knows NetGen only as a package from a local feed: the project file
/// <c>dotnet new console</c> would write, a nuget.config with the feed and nuget.org, and a packages folder of its own
/// (so a NetGen of the same version cached by an earlier run is never used). Commands run as docs/install.md shows them.
/// </summary>
public sealed class ConsumerProject
{
    /// <summary>The app's name: its project file, assembly and output file.</summary>
    public const string Name = "TinyApp";

    readonly IReadOnlyDictionary<string, string> environment;

    /// <summary>Writes the project into a new folder <paramref name="folderName"/> under <paramref name="package"/>'s temporary root.</summary>
    public ConsumerProject(PackedNetGen package, string folderName, string program)
    {
        Directory = Path.Combine(package.TemporaryRoot, folderName);
        if (Directory.StartsWith(RepositoryRoot.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException($"The consumer must live outside the clone, but {Directory} is inside {RepositoryRoot.Path}.");
        PackagesDirectory = Path.Combine(Directory, "packages");
        System.IO.Directory.CreateDirectory(Directory);
        // Stop MSBuild's search for Directory.Build.* and central package files in folders above the temporary root.
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Directory, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Directory, "nuget.config"), NuGetConfig(package.FeedDirectory));
        File.WriteAllText(ProjectFile, ProjectXml(PackagesDirectory));
        File.WriteAllText(Path.Combine(Directory, "Program.cs"), program);
        environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesDirectory };
    }

    /// <summary>The project folder.</summary>
    public string Directory { get; }

    /// <summary>The project's own NuGet packages folder.</summary>
    public string PackagesDirectory { get; }

    /// <summary>The project file.</summary>
    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

    /// <summary>Where EmitCompilerGeneratedFiles writes the network generated for <paramref name="hintName"/> in a Release build.</summary>
    public string GeneratedFile(string hintName) =>
        Path.Combine(Directory, "obj", "Release", "net10.0", "generated", "NetGen.Generator", "NetGen.Generator.NetworkGenerator", hintName);

    /// <summary><c>dotnet add package NetGen --version <paramref name="version"/></c>: adds the reference and restores.</summary>
    public CommandResult AddPackage(string version) =>
        DotnetCli.Run(Directory, environment, "add", "package", "NetGen", "--version", version);

    /// <summary><c>dotnet build -c Release</c>, expected to succeed.</summary>
    public CommandResult Build() => DotnetCli.Run(Directory, environment, ["build", "-c", "Release", "--no-restore", .. DotnetCli.NoServers]);

    /// <summary><c>dotnet build -c Release</c>, expected to fail.</summary>
    public CommandResult BuildExpectingFailure() =>
        DotnetCli.RunExpectingFailure(Directory, environment, ["build", "-c", "Release", "--no-restore", .. DotnetCli.NoServers]);

    /// <summary>Runs the built app with the dotnet host, as <c>dotnet run</c> would after building.</summary>
    public CommandResult Run() => DotnetCli.Run(Directory, environment, Path.Combine("bin", "Release", "net10.0", Name + ".dll"));

    /// <summary>
    /// The nuget.config of docs/install.md: the local feed serves NetGen (and only it, so a package of the same name
    /// elsewhere is never picked), nuget.org everything else.
    /// </summary>
    internal static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="netgen-local" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="netgen-local">
              <package pattern="NetGen" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>

        """;

    /// <summary>
    /// What <c>dotnet new console</c> writes, plus: warnings as errors and XML docs, so the generated code must compile
    /// cleanly and document itself in a strict project; the generated file on disk; the private packages folder; and
    /// no vulnerability audit, which would ask nuget.org (NetGen has no dependencies to audit, and an unreachable
    /// nuget.org must not fail the test).
    /// </summary>
    static string ProjectXml(string packages) => $"""
        <Project Sdk="Microsoft.NET.Sdk">

          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <GenerateDocumentationFile>true</GenerateDocumentationFile>
            <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
            <RestorePackagesPath>{packages}</RestorePackagesPath>
            <NuGetAudit>false</NuGetAudit>
          </PropertyGroup>

        </Project>

        """;
}
