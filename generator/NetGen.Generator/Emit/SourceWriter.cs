using System;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>Writes indented C# with <c>\n</c> line endings; <see cref="Block"/> opens a brace scope closed on dispose.</summary>
internal sealed class SourceWriter
{
    readonly StringBuilder text = new(64 * 1024);
    int indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0) text.Append(' ', indent * 4).Append(line);
        text.Append('\n');
        return this;
    }

    /// <summary>Writes each line of a multi-line string at the current indentation.</summary>
    public SourceWriter Lines(string lines)
    {
        foreach (var line in lines.Replace("\r\n", "\n").Split('\n')) Line(line);
        return this;
    }

    public Scope Block(string header, string closing = "}")
    {
        Line(header);
        Line("{");
        indent++;
        return new Scope(this, closing);
    }

    public Scope Open()
    {
        Line("{");
        indent++;
        return new Scope(this, "}");
    }

    public Scope Indent()
    {
        indent++;
        return new Scope(this, null);
    }

    public override string ToString() => text.ToString();

    internal readonly struct Scope : IDisposable
    {
        readonly SourceWriter writer;
        readonly string? closing;

        public Scope(SourceWriter writer, string? closing)
        {
            this.writer = writer;
            this.closing = closing;
        }

        public void Dispose()
        {
            writer.indent--;
            if (closing is not null) writer.Line(closing);
        }
    }
}
