using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Tests.Infrastructure;

/// <summary>An additional file on disk, as MSBuild hands <c>&lt;AdditionalFiles&gt;</c> to the compiler.</summary>
public sealed class FileAdditionalText(string path) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText? GetText(CancellationToken cancellationToken = default) =>
        File.Exists(Path) ? SourceText.From(File.ReadAllText(Path, Encoding.Latin1), Encoding.Latin1) : null;
}

/// <summary>The global analyzer options a build sets from MSBuild properties (<c>build_property.*</c>).</summary>
public sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    /// <summary>Options with <c>build_property.projectdir</c> set to <paramref name="directory"/>, as the SDK sets ProjectDir.</summary>
    public static GlobalOptionsProvider ProjectDirectory(string directory) =>
        new(new Dictionary<string, string> { ["build_property.projectdir"] = directory.TrimEnd('/') + "/" });

    sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value)
        {
            var found = values.FirstOrDefault(pair => KeyComparer.Equals(pair.Key, key));
            value = found.Value!;
            return found.Key is not null;
        }
    }
}
