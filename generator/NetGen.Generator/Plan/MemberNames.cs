using System.Linq;

namespace NetGen.Generator.Plan;

/// <summary>
/// The names of what the generated code declares, the one place they are spelled: the emitters that declare a member
/// and those that call it both take its name from here, and <c>GeneratedMembers</c> reserves the same names against
/// clashes with user members.
/// </summary>
internal static class MemberNames
{
    // Constants and sizes.
    public const string InputSize = "InputSize";
    public const string OutputSize = "OutputSize";
    public const string LayerCount = "LayerCount";
    public const string ParameterCount = "ParameterCount";
    public const string LayerSizes = "LayerSizes";

    // Nested types.
    public const string Caches = "Caches";
    public const string Gradients = "Gradients";
    public const string Input = "Input";
    public const string Output = "Output";

    // Private members.
    public const string ParameterWriter = "parameterWriter";
    public const string ParameterSlots = "ParameterSlots";
    public const string ForwardCore = "ForwardCore";
    public const string BackwardCore = "BackwardCore";
    public const string UpdateCore = "UpdateCore";
    public const string CostCore = "CostCore";
    public const string CostIsFinite = "CostIsFinite";
    public const string PredictOne = "PredictOne";
    public const string PredictBlock = "PredictBlock";
    public const string PredictBlocks = "PredictBlocks";
    public const string TrainStep = "TrainStep";
    public const string TrainWithGramMatrix = "TrainWithGramMatrix";
    public const string TrainGeneral = "TrainGeneral";
    public const string TrainedParameters = "TrainedParameters";
    public const string SigmoidHelper = "Sigmoid";
    public const string LeakyReLUHelper = "LeakyReLU";

    // Public members not per layer (the methods' overloads are listed in GeneratedMembers).
    public const string CreateTrained = "CreateTrained";

    const string WeightsPrefix = "W", BiasesPrefix = "B", ForwardLayerPrefix = "ForwardLayer", BackwardLayerPrefix = "BackwardLayer",
        TrainLayerPrefix = "TrainLayer", WriteOutWeightsPrefix = "WriteOutW", LayerShapePrefix = "Layer";

    /// <summary>W{l}: layer l's weights, a property of the network.</summary>
    public static string Weights(int layer) => WeightsPrefix + layer;

    /// <summary>B{l}: layer l's biases, a property of the network.</summary>
    public static string Biases(int layer) => BiasesPrefix + layer;

    /// <summary>W{l} as numpy names it in a .npz file (the course's <c>parameters["W1"]</c>).</summary>
    public static string WeightsKey(int layer) => "W" + layer;

    /// <summary>b{l} as numpy names it in a .npz file (the course's <c>parameters["b1"]</c>).</summary>
    public static string BiasesKey(int layer) => "b" + layer;

    /// <summary>ForwardLayer{l}: layer l's forward kernel.</summary>
    public static string ForwardLayer(int layer) => ForwardLayerPrefix + layer;

    /// <summary>BackwardLayer{l}: layer l's backward kernel (and its helpers, which share the prefix).</summary>
    public static string BackwardLayer(int layer) => BackwardLayerPrefix + layer;

    /// <summary>TrainLayer{l}: the fused step's pass over layer l (and its work item and superblock methods).</summary>
    public static string TrainLayer(int layer) => TrainLayerPrefix + layer;

    /// <summary>Layer{l}Shape: a large layer's sizes as the struct the runtime's dense kernels are specialised for.</summary>
    public static string LayerShape(int layer) => LayerShapePrefix + layer + "Shape";

    /// <summary>WriteOutW{l}: the Gram-matrix loop's write-out of layer l's weights.</summary>
    public static string WriteOutWeights(int layer) => WriteOutWeightsPrefix + layer;

    /// <summary>A{l} in <c>Caches</c>: layer l's activations of a batch.</summary>
    public static string Activations(int layer) => "A" + layer;

    /// <summary>DZ{l} in <c>Caches</c>: dCost/dZ of layer l for a batch.</summary>
    public static string Dz(int layer) => "DZ" + layer;

    /// <summary>Tiles{l} in <c>Caches</c>: a tiled layer's active example tiles.</summary>
    public static string Tiles(int layer) => "Tiles" + layer;

    /// <summary>Sums{l} in <c>Caches</c>: the fused step's per-superblock sums of layer l.</summary>
    public static string Sums(int layer) => "Sums" + layer;

    /// <summary>DW{l} in <c>Gradients</c>.</summary>
    public static string DWeights(int layer) => "D" + Weights(layer);

    /// <summary>DB{l} in <c>Gradients</c>.</summary>
    public static string DBiases(int layer) => "D" + Biases(layer);

    /// <summary>The prefixes of the network's per-layer members: each followed by the layer's number, then maybe more.</summary>
    public static readonly string[] LayerPrefixes = { WeightsPrefix, BiasesPrefix, ForwardLayerPrefix, BackwardLayerPrefix, TrainLayerPrefix, WriteOutWeightsPrefix, LayerShapePrefix };

    /// <summary>Every name above that the network class itself declares and that cannot be overloaded.</summary>
    public static readonly string[] Fixed =
    {
        InputSize, OutputSize, LayerCount, ParameterCount, LayerSizes, Caches, Gradients, Input, Output,
        ParameterWriter, ParameterSlots, ForwardCore, BackwardCore, UpdateCore, CostCore, CostIsFinite,
        PredictOne, PredictBlock, PredictBlocks, TrainStep, TrainWithGramMatrix, TrainGeneral,
        CreateTrained, TrainedParameters, SigmoidHelper, LeakyReLUHelper,
    };

    /// <summary>Whether <paramref name="name"/> is a per-layer member's: a prefix followed by a digit.</summary>
    public static bool IsLayerMember(string name) =>
        LayerPrefixes.Any(prefix => name.Length > prefix.Length && name.StartsWith(prefix, System.StringComparison.Ordinal) && char.IsDigit(name[prefix.Length]));
}
