using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Plan;
using NetGen.Kernels;
using GeneratorActivation = NetGen.Generator.Shared.Activation;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// The plan without any generated text: hand-built specs in, strategies, names, loss, training paths and predict
/// modes out, each against the rule it encodes (the sizes at a threshold and just past it).
/// </summary>
public class NetworkPlanTests
{
    static NetworkSpec Spec(int[] sizes, GeneratorActivation hidden = GeneratorActivation.ReLU, GeneratorActivation output = GeneratorActivation.Sigmoid) =>
        new(null, default, "class", "Net", new EquatableArray<int>(sizes), hidden, output);

    [Fact]
    public void TheCatNetwork_TilesLayer1_RunsTheRestInLanes_AndHasEveryFullBatchPath()
    {
        var plan = NetworkPlan.For(Spec([12288, 20, 7, 5, 1]));

        Assert.Equal(
            [LayerStrategy.Tiled, LayerStrategy.Lanes, LayerStrategy.Lanes, LayerStrategy.Lanes],
            plan.Layers.Select(l => l.Strategy));
        Assert.Equal("Layer 2: 20 -> 7, ReLU (W2: 7 x 20, B2: 7)", plan.Layer(2).Title);
        Assert.Equal("Layer 4: 5 -> 1, Sigmoid (W4: 1 x 5, B4: 1)", plan.OutputLayer.Title);
        Assert.Contains("12,288 inputs", plan.Layer(1).Reason);
        Assert.IsType<Loss.BinaryCrossEntropy>(plan.Loss);
        Assert.Equal(new TrainingPlan(FusedStep: true, GramMatrix: true, Dropout: true), plan.Training);
        // 20 + 7 + 5 hidden floats fit the stack.
        Assert.Equal(new PredictPlan(SingleOutput: true, TypedInput: true, TypedOutput: false, Classes: false, new OneExamplePlan(true)), plan.Predict);
        Assert.True(plan.Predict.TypedPredict);
    }

    [Theory]
    [InlineData(32, 512, "Lanes")]   // up to 32 inputs, any width up to 512 units
    [InlineData(32, 513, "Tiled")]
    [InlineData(64, 32, "Lanes")]    // mid-size: up to 128 inputs into 8 units or more
    [InlineData(128, 8, "Lanes")]
    [InlineData(64, 7, "Tiled")]     // a long dot product into few units
    [InlineData(129, 64, "Tiled")]   // past 128 inputs
    public void ALayerRunsInLanes_UpTo32Inputs_OrUpTo128InputsInto8UnitsOrMore(int inputs, int outputs, string expected)
    {
        var strategy = System.Enum.Parse<LayerStrategy>(expected);
        var layer = NetworkPlan.For(Spec([inputs, outputs, 1])).Layer(1);
        Assert.Equal(strategy, layer.Strategy);
        // The entry point the emitters not yet converted use gives the same answer.
        Assert.Equal(strategy, LayerPlan.For(layer.Spec));
        Assert.Equal(layer.Title, LayerPlan.Title(layer.Spec));
        Assert.Equal(layer.Reason, LayerPlan.Reason(layer.Spec));
    }

    [Fact]
    public void EveryLayerMemberIsNamedInOnePlace()
    {
        var plan = NetworkPlan.For(Spec([4, 3, 2]));
        Assert.Equal(
            new LayerMembers("W2", "B2", "W2", "b2", "ForwardLayer2", "BackwardLayer2", "A2", "DZ2", "Tiles2", "DW2", "DB2"),
            plan.Layer(2).Members);
        Assert.Equal("TrainLayer1", MemberNames.TrainLayer(1));
        Assert.Equal("WriteOutW1", MemberNames.WriteOutWeights(1));
        Assert.Equal("Sums1", MemberNames.Sums(1));
    }

    [Fact]
    public void EveryPlannedNameIsReservedAgainstUserMembers()
    {
        var plan = NetworkPlan.For(Spec([12288, 20, 7, 5, 1]));
        var perLayer = plan.Layers.SelectMany(l => new[] { l.Members.Weights, l.Members.Biases, l.Members.Forward, l.Members.Backward })
            .Concat([MemberNames.TrainLayer(1), MemberNames.WriteOutWeights(1), MemberNames.ForwardLayer(1) + "Tile3x4"]);
        Assert.All(perLayer.Concat(MemberNames.Fixed), name => Assert.True(GeneratedMembers.IsReserved(name), name));
        // A name that only starts like a layer member is the user's.
        Assert.False(GeneratedMembers.IsReserved("Weights"));
        Assert.False(GeneratedMembers.IsReserved("ForwardLayerCount"));
    }

    [Theory]
    [InlineData("Sigmoid", typeof(Loss.BinaryCrossEntropy), "binary cross-entropy", "ProbabilityLabels")]
    [InlineData("Linear", typeof(Loss.MeanSquaredError), "mean squared error", "FiniteLabels")]
    [InlineData("Softmax", typeof(Loss.CategoricalCrossEntropy), "categorical cross-entropy", "FiniteLabels")]
    public void TheOutputActivationChoosesTheLoss(string activation, System.Type loss, string name, string labelCheck)
    {
        var output = System.Enum.Parse<GeneratorActivation>(activation);
        var plan = NetworkPlan.For(Spec([4, 3, 3], output: output));
        Assert.IsType(loss, plan.Loss);
        Assert.Equal(name, plan.Loss.Name);
        Assert.Contains($"ValueGuard.{labelCheck}(y, nameof(y))", plan.Loss.CheckLabels("y"));
        // Only a sigmoid's outputs have a range to check; only softmax labels must be one-hot.
        Assert.Equal(output == GeneratorActivation.Sigmoid, plan.Loss.CheckOutputs("al") is not null);
        Assert.Equal(output == GeneratorActivation.Softmax, plan.Loss.CheckTrainingLabels("y")?.Contains("ClassLabels.RequireOneHot(y, OutputSize, nameof(y))") ?? false);
        // Each loss pairs with its output activation so that the output layer's dZ is AL - Y.
        Assert.Equal("global::NetGen.Kernels.VectorMath.Subtract(al, y, dz);", plan.Loss.OutputGradient("al", "y", "dz"));
    }

    [Fact]
    public void ASoftmaxOutputActsOnRows_AndKeepsATiledLayer1OffTheFusedStep()
    {
        var plan = NetworkPlan.For(Spec([1000, 10], output: GeneratorActivation.Softmax));
        Assert.Equal(LayerStrategy.Tiled, plan.Layer(1).Strategy);
        Assert.Equal(ActivationForm.Rows, plan.Layer(1).Form);
        Assert.Equal("global::NetGen.Kernels.Softmax.Rows", ActivationForms.RowKernel(GeneratorActivation.Softmax));
        // The fused step applies layer 1's activation value by value: a softmax layer 1 trains through the plain loop.
        Assert.Equal(new TrainingPlan(FusedStep: false, GramMatrix: false, Dropout: false), plan.Training);
        Assert.True(plan.Predict.Classes);
        Assert.True(plan.Predict.TypedOutput);
        Assert.All(new[] { GeneratorActivation.ReLU, GeneratorActivation.LeakyReLU, GeneratorActivation.Tanh, GeneratorActivation.Sigmoid, GeneratorActivation.Linear },
            kind => Assert.Equal(ActivationForm.Elementwise, ActivationForms.Of(kind)));
    }

    [Theory]
    [InlineData("ReLU", true)]
    [InlineData("LeakyReLU", true)]
    [InlineData("Tanh", false)]
    [InlineData("Sigmoid", false)]
    public void DropoutNeedsHiddenLayersWhoseDerivativeIgnoresAPositiveScale(string activation, bool dropout)
    {
        var hidden = System.Enum.Parse<GeneratorActivation>(activation);
        Assert.Equal(dropout, NetworkPlan.For(Spec([2, 5, 2, 1], hidden)).Training.Dropout);
        Assert.False(NetworkPlan.For(Spec([2, 1], hidden)).Training.Dropout); // no hidden layer to drop
    }

    [Fact]
    public void TheFullBatchPathsRunOnlyUnderTheRuntimesFullBatchGradientDescentTest()
    {
        // The plan names the runtime's one definition, so renaming it there breaks this, not a generated file.
        Assert.Equal("options." + nameof(NetGen.TrainingOptions.IsFullBatchGradientDescent), TrainingPlan.FullBatchGradientDescent);
        Assert.Equal("!" + TrainingPlan.FullBatchGradientDescent, TrainingPlan.TakesGeneralPath);
        Assert.False(new NetGen.TrainingOptions { Optimizer = NetGen.Optimizer.Adam }.IsFullBatchGradientDescent);
        Assert.True(new NetGen.TrainingOptions().IsFullBatchGradientDescent);
    }

    [Theory]
    [InlineData(new[] { 65536, 2, 1 }, true, false)]      // the largest typed input
    [InlineData(new[] { 65537, 2, 1 }, false, false)]     // too large to live on the stack comfortably
    [InlineData(new[] { 4, 65536 }, true, true)]
    [InlineData(new[] { 4, 65537 }, true, false)]
    public void TypedBuffersExistUpTo64KFloats(int[] sizes, bool typedInput, bool typedOutput)
    {
        var predict = NetworkPlan.For(Spec(sizes, output: GeneratorActivation.Linear)).Predict;
        Assert.Equal(typedInput, predict.TypedInput);
        Assert.Equal(typedOutput, predict.TypedOutput);
        Assert.Equal(typedInput && (predict.SingleOutput || typedOutput), predict.TypedPredict);
    }

    [Theory]
    [InlineData(new[] { 4, 8192, 1 }, true)]    // 8,192 hidden floats on the stack
    [InlineData(new[] { 4, 8193, 1 }, false)]   // one float more: rented
    [InlineData(new[] { 8, 3, 1 }, true)]
    public void OneExampleKeepsItsActivationsOnTheStackUpTo8192Floats(int[] sizes, bool onStack) =>
        Assert.Equal(new OneExamplePlan(onStack), NetworkPlan.For(Spec(sizes)).Predict.OneExample);

    [Fact]
    public void PlansAreComparedByValue()
    {
        var first = NetworkPlan.For(Spec([12288, 20, 7, 5, 1]));
        var again = NetworkPlan.For(Spec([12288, 20, 7, 5, 1]));
        Assert.NotSame(first, again);
        Assert.Equal(first, again);
        Assert.Equal(first.GetHashCode(), again.GetHashCode());
        Assert.NotEqual(first, NetworkPlan.For(Spec([12288, 20, 7, 5, 1], GeneratorActivation.Tanh)));
        Assert.NotEqual(first, NetworkPlan.For(Spec([12288, 20, 7, 5, 1], output: GeneratorActivation.Linear)));
    }
}

/// <summary>The emitters write what the plan says, not what they would decide from the spec: a hand-built plan in, its text out.</summary>
public class EmitFromPlanTests
{
    static NetworkPlan Cat() => NetworkPlan.For(new NetworkSpec("Demo", default, "class", "Net", new EquatableArray<int>([12288, 20, 7, 5, 1]), GeneratorActivation.ReLU, GeneratorActivation.Sigmoid));

    [Fact]
    public void TrainHasOnlyThePathsThePlanGives()
    {
        var planned = NetworkEmitter.Emit(Cat());
        Assert.Contains("TrainStep(x, y, caches, gradients, m, options.LearningRate);", planned);
        Assert.Contains("return TrainWithGramMatrix(", planned);

        var plain = NetworkEmitter.Emit(Cat() with { Training = new TrainingPlan(FusedStep: false, GramMatrix: false, Dropout: true) });
        Assert.DoesNotContain("TrainStep(", plain);
        Assert.DoesNotContain("TrainWithGramMatrix(", plain);
        Assert.Contains("if (!options.IsFullBatchGradientDescent) return TrainGeneral(x, y, options, m);", plain);
    }

    [Fact]
    public void TheCostIsThePlansLoss()
    {
        var squared = NetworkEmitter.Emit(Cat() with { Loss = new Loss.MeanSquaredError() });
        Assert.Contains("sum += 0.5 * error * error;", squared);
        Assert.Contains("global::NetGen.Kernels.ValueGuard.FiniteLabels(y, nameof(y));", squared);
        Assert.DoesNotContain("SigmoidOutputs", squared);
        Assert.Contains(", mean squared error cost.", squared);
    }

    [Fact]
    public void PredictOneTakesThePlansForm()
    {
        var cat = Cat();
        var rented = NetworkEmitter.Emit(cat with { Predict = cat.Predict with { OneExample = new OneExamplePlan(OnStack: false) } });
        Assert.Contains("layer by layer, its activations in a rented array", rented);
        Assert.Contains("global::NetGen.Kernels.KernelScratch.Return(rented);", rented);
        // The tiled layer through its batch kernel, the lane layers through their one-example kernel.
        Assert.Contains("ForwardLayer1(x, a1, 1);", rented);
        Assert.Contains("global::NetGen.Kernels.Lanes.LaneLayer<Layer2Shape, global::NetGen.Kernels.Dense.ReLU>.ForwardOne(a1, W2, B2, a2);", rented);
    }
}
