namespace NetGen.Generator.Emit;

/// <summary>
/// The generated methods that change the parameters (Train, LoadParameters, InitializeParameters, UpdateParameters)
/// may not overlap: each holds the runtime's <c>ParameterWriteGuard</c> on one field while it runs, and a second one
/// throws instead of mixing two writers' parameters. Predict and Forward only read and take no guard.
/// </summary>
internal static class ParameterGuard
{
    /// <summary>The field that names the writer running, null when none is.</summary>
    public const string Field = MemberNames.ParameterWriter;

    /// <summary>The expression that enters the guard for <paramref name="method"/>, for a <c>using var</c>.</summary>
    public static string Enter(string method) => $"{Names.WriteGuard}.Enter(ref {Field}, \"{method}\")";

    public static void EmitField(SourceWriter w)
    {
        w.Line("/// <summary>The parameter writer running on this network (Train, LoadParameters, ...), or null.</summary>");
        w.Line(Names.GeneratedCode);
        w.Line($"private string? {Field};");
        w.Line();
    }

    /// <summary>The doc line every writer carries.</summary>
    public const string Remarks =
        "/// <remarks>Changes the parameters: it throws <see cref=\"global::System.InvalidOperationException\"/> if Train, LoadParameters, InitializeParameters or UpdateParameters is running on this network, and Predict or Forward must not run on another thread meanwhile.</remarks>";
}
