namespace NetGen.Generator;

/// <summary>Names of the pipeline's steps, for incrementality tests that read tracked step outputs.</summary>
public static class TrackingNames
{
    /// <summary>Attribute usage parsed into a spec and diagnostics.</summary>
    public const string Parse = "NetGen.Parse";

    /// <summary>The diagnostics branch.</summary>
    public const string Diagnostics = "NetGen.Diagnostics";

    /// <summary>The specs that get emitted.</summary>
    public const string Specs = "NetGen.Specs";
}
