using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Plan;

/// <summary>
/// The cost a network trains on, chosen by its output activation: everything the generated code says and checks
/// about it. Each loss pairs with its output's activation so that dCost/dZ of the output layer is AL - Y (the
/// canonical link), which is why no loss needs the output activation's derivative. Adding a loss is one record
/// here and a line in <see cref="For"/>.
/// </summary>
internal abstract record Loss
{
    public static Loss For(Activation output) => output switch
    {
        Activation.Sigmoid => new BinaryCrossEntropy(),
        Activation.Softmax => new CategoricalCrossEntropy(),
        _ => new MeanSquaredError(),
    };

    /// <summary>Its name in prose, e.g. "binary cross-entropy".</summary>
    public abstract string Name { get; }

    /// <summary>The lines of <c>ComputeCost</c>'s summary (without <c>///</c>): the formula and how it stays finite.</summary>
    public abstract string[] Summary { get; }

    /// <summary><c>ComputeCost</c>'s returns text.</summary>
    public abstract string Returns { get; }

    /// <summary>When <c>ComputeCost</c> throws <c>ArgumentException</c>, as a sentence.</summary>
    public abstract string Throws { get; }

    /// <summary>The check of labels <paramref name="y"/> (a statement without its semicolon) that ComputeCost and Train run.</summary>
    public abstract string CheckLabels(string y);

    /// <summary>A check of outputs <paramref name="al"/> that ComputeCost runs before the cost, or null.</summary>
    public virtual string? CheckOutputs(string al) => null;

    /// <summary>A further check of Train's labels <paramref name="y"/> once it holds the parameters, or null.</summary>
    public virtual string? CheckTrainingLabels(string y) => null;

    /// <summary>The statements of <c>CostCore(al, y)</c>: the mean over the examples of the loss of every output, summed in double.</summary>
    public abstract string[] CostBody { get; }

    /// <summary>A <see cref="CostBody"/> that adds <paramref name="term"/> (statements adding output i's loss to <c>sum</c>) over every output.</summary>
    protected static string[] SumOverOutputs(params string[] term) =>
        new[] { "double sum = 0;", "for (int i = 0; i < al.Length; i++)", "{" }
            .Concat(term.Select(line => "    " + line))
            .Concat(new[] { "}", "return (float)(sum / (al.Length / OutputSize));" })
            .ToArray();


    /// <summary><c>CostIsFinite</c>'s summary line (without <c>///</c>).</summary>
    public virtual string CostIsFiniteSummary => $"Whether <see cref=\"{MemberNames.CostCore}\"/> of these outputs is finite.";

    /// <summary><c>CostIsFinite(al, y)</c>'s expression body.</summary>
    public virtual string CostIsFinite => $"float.IsFinite({MemberNames.CostCore}(al, y))";

    /// <summary>The output layer's dZ from outputs <paramref name="al"/> and labels <paramref name="y"/>, as a statement: dZ = AL - Y for every loss here.</summary>
    public virtual string OutputGradient(string al, string y, string dz) => $"{Names.VectorMath}.Subtract({al}, {y}, {dz});";

    /// <summary>The course's <c>compute_cost</c> for a sigmoid output.</summary>
    public sealed record BinaryCrossEntropy : Loss
    {
        public override string Name => "binary cross-entropy";

        public override string[] Summary =>
        [
            "The course's <c>compute_cost</c>: <c>-(1/m) sum(y log(al) + (1 - y) log(1 - al))</c> over every output of m examples,",
            "summed in double. A saturated output (al exactly 0 or 1) gives a large finite cost, never infinity.",
        ];

        public override string Returns =>
            "The cost of the batch: a finite number of 0 or more, or NaN when <paramref name=\"al\"/> holds NaN (the output of a network whose parameters diverged).";

        public override string Throws => "A label is not a number from 0 to 1, or an output is outside 0 to 1.";

        public override string CheckLabels(string y) => $"{Names.ValueGuard}.ProbabilityLabels({y}, nameof({y}))";

        public override string? CheckOutputs(string al) => $"{Names.ValueGuard}.SigmoidOutputs({al}, nameof({al}))";

        public override string[] CostBody =>
        [
            "// Summed in double, vectors of outputs at a time; float.Epsilon keeps log finite when an output has saturated to exactly 0 or 1.",
            "return (float)(global::NetGen.Kernels.CrossEntropy.Binary(al, y) / (al.Length / OutputSize));",
        ];

        public override string CostIsFiniteSummary =>
            $"Whether <see cref=\"{MemberNames.CostCore}\"/> of these outputs is finite, without its logarithms: with labels from 0 to 1 it is unless an output is NaN.";

        public override string CostIsFinite => $"{Names.VectorMath}.AllFinite(al)";
    }

    /// <summary>Half the squared error, for a linear output.</summary>
    public sealed record MeanSquaredError : Loss
    {
        public override string Name => "mean squared error";

        public override string[] Summary =>
        [
            "Mean squared error: <c>(1/m) sum((al - y)^2 / 2)</c> over every output of m examples, summed in double",
            "(the halving makes dCost/dZ = AL - Y, as for a sigmoid output with cross-entropy).",
        ];

        public override string Returns => FiniteLabelsReturns;

        public override string Throws => "A label is infinite or NaN.";

        public override string CheckLabels(string y) => $"{Names.ValueGuard}.FiniteLabels({y}, nameof({y}))";

        public override string[] CostBody => SumOverOutputs(
            "double error = (double)al[i] - y[i];",
            "sum += 0.5 * error * error;");
    }

    /// <summary>Cross-entropy over one-hot labels, for a softmax output.</summary>
    public sealed record CategoricalCrossEntropy : Loss
    {
        public override string Name => "categorical cross-entropy";

        public override string[] Summary =>
        [
            "Categorical cross-entropy: <c>-(1/m) sum(y log(al))</c> over every output of m examples with one-hot labels,",
            "summed in double. An output that underflowed to 0 gives a large finite cost, never infinity or NaN.",
        ];

        public override string Returns => FiniteLabelsReturns;

        public override string Throws => "A label is infinite or NaN.";

        public override string CheckLabels(string y) => $"{Names.ValueGuard}.FiniteLabels({y}, nameof({y}))";

        public override string? CheckTrainingLabels(string y) => $"global::NetGen.Training.ClassLabels.RequireOneHot({y}, OutputSize, nameof({y}))";

        public override string CostIsFiniteSummary =>
            $"Whether <see cref=\"{MemberNames.CostCore}\"/> of these outputs is finite, without its logarithms: with one-hot labels (Train checks them) and softmax outputs it is unless an output labelled 1 is NaN or infinite.";

        public override string CostIsFinite => "global::NetGen.Kernels.CrossEntropy.LabelledOutputsFinite(al, y)";

        public override string[] CostBody => SumOverOutputs(
            "// float.Epsilon keeps log finite when an output has underflowed to exactly 0.",
            "if (y[i] != 0f) sum -= y[i] * global::System.Math.Log(global::System.Math.Max((double)al[i], float.Epsilon));");
    }

    const string FiniteLabelsReturns =
        "The cost of the batch: 0 or more; +Infinity when an output is infinite or the mean exceeds <see cref=\"float.MaxValue\"/>; NaN when <paramref name=\"al\"/> holds NaN.";
}
