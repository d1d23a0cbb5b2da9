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

    /// <summary>Each spec's plan: every decision the emitters write from.</summary>
    public const string Plans = "NetGen.Plans";

    /// <summary>Each .npz additional file's bytes, read again only when that AdditionalText changes.</summary>
    public const string WeightsFiles = "NetGen.WeightsFiles";

    /// <summary>Each <c>Weights = "..."</c> network's file checked against its shape: diagnostics and what to embed.</summary>
    public const string Weights = "NetGen.Weights";

    /// <summary>The checked weights that get embedded (no locations, so moving the attribute does not re-emit).</summary>
    public const string TrainedWeights = "NetGen.TrainedWeights";
}
