using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace NetGen.Tests.Infrastructure;

/// <summary>Diagnostics as stable, compiler-style text: <c>File.cs(3,2)-(3,10): error NG0001: message</c>.</summary>
internal static class DiagnosticFormat
{
    /// <summary>One line per diagnostic, sorted by file, position, id and message; each line ends with <c>\n</c>.</summary>
    public static string Lines(IEnumerable<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (var line in Sorted(diagnostics).Select(Line)) text.Append(line).Append('\n');
        return text.ToString();
    }

    /// <summary>The diagnostics ordered by where they point (no location first), then id and message.</summary>
    public static IEnumerable<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.GetLineSpan().StartLinePosition)
            .ThenBy(d => d.Location.GetLineSpan().EndLinePosition)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ThenBy(Message, StringComparer.Ordinal);

    /// <summary>One diagnostic: 1-based <c>path(line,column)-(line,column): severity id: message</c>.</summary>
    public static string Line(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var where = span.IsValid
            ? $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})"
            : "(no location)";
        var severity = diagnostic.Severity.ToString().ToLowerInvariant();
        return $"{where}: {severity} {diagnostic.Id}: {Message(diagnostic)}";
    }

    /// <summary>The source line a diagnostic points at, or null when it has no source location.</summary>
    public static string? SourceLine(Diagnostic diagnostic)
    {
        if (!diagnostic.Location.IsInSource) return null;
        var text = diagnostic.Location.SourceTree!.GetText();
        return text.Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString();
    }

    static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);
}
