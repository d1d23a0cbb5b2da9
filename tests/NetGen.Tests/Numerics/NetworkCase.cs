using System;
using System.Reflection;

namespace NetGen.Tests.Numerics;

/// <summary>
/// The generated members the numeric tests drive: the runtime's <see cref="INetwork{TCaches, TGradients}"/>, which every
/// network implements, so the numeric tests run their one body over every topology through it, plus the static members
/// an interface meant as a variable type leaves out. Naming this interface in a test network's base list is itself a
/// compile-time check of the public API.
/// </summary>
public interface IGeneratedNetworkApi<TCaches, TGradients> : INetwork<TCaches, TGradients>
    where TCaches : class
    where TGradients : class
{
    /// <summary>n0..nL.</summary>
    static abstract ReadOnlySpan<int> LayerSizes { get; }

    /// <summary>The generated <c>ComputeCost</c>.</summary>
    static abstract float ComputeCost(ReadOnlySpan<float> al, ReadOnlySpan<float> y);
}

/// <summary>Reads a generated <c>Caches</c>' activations of one layer (spans cannot go through <see cref="Func{T, TResult}"/>).</summary>
public delegate ReadOnlySpan<float> CachedActivationsReader<in TCaches>(TCaches caches, int layer);

/// <summary>
/// One generated network class seen through a shape-agnostic surface, so that one test body runs over every
/// declared topology. Arrays in and out are copies; W, B and their gradients are the generated arrays themselves.
/// </summary>
public abstract class NetworkCase
{
    /// <summary>The generated class's name, shown in test names.</summary>
    public abstract string Name { get; }

    /// <summary>n0..nL as declared in the attribute.</summary>
    public abstract int[] Sizes { get; }

    /// <summary>The hidden activation declared in the attribute.</summary>
    public abstract Activation Hidden { get; }

    /// <summary>The output activation declared in the attribute.</summary>
    public abstract Activation Output { get; }

    /// <summary>L.</summary>
    public int LayerCount => Sizes.Length - 1;

    /// <summary>n0.</summary>
    public int InputSize => Sizes[0];

    /// <summary>nL.</summary>
    public int OutputSize => Sizes[^1];

    /// <summary>The generated <c>W{layer}</c> array (not a copy).</summary>
    public abstract float[] Weights(int layer);

    /// <summary>The generated <c>B{layer}</c> array (not a copy).</summary>
    public abstract float[] Biases(int layer);

    /// <summary>The generated <c>DW{layer}</c> of the gradients the last <see cref="Backward"/> filled.</summary>
    public abstract float[] WeightGradient(int layer);

    /// <summary>The generated <c>DB{layer}</c> of the gradients the last <see cref="Backward"/> filled.</summary>
    public abstract float[] BiasGradient(int layer);

    /// <summary>Calls <c>InitializeParameters</c>.</summary>
    public abstract void Initialize(int seed, WeightInit init);

    /// <summary>Replaces the caches the next <see cref="Forward"/> uses with new ones of this capacity.</summary>
    public abstract void UseCaches(int capacity);

    /// <summary>Calls <c>Forward</c> with the current caches and returns a copy of AL.</summary>
    public abstract float[] Forward(float[] x);

    /// <summary>A copy of the current caches' activations of layer 1..L.</summary>
    public abstract float[] Activations(int layer);

    /// <summary>Calls <c>Backward</c> with the current caches.</summary>
    public abstract void Backward(float[] y);

    /// <summary>Calls <c>UpdateParameters</c> with the gradients of the last <see cref="Backward"/>.</summary>
    public abstract void Update(float learningRate);

    /// <summary>Calls the static <c>ComputeCost</c>.</summary>
    public abstract float Cost(float[] al, float[] y);

    /// <summary>Calls the many-example <c>Predict</c> and returns its output.</summary>
    public abstract float[] Predict(float[] x);

    /// <summary>Calls <c>Train</c>.</summary>
    public abstract TrainingResult Train(float[] x, float[] y, TrainingOptions options);

    /// <summary>A double-precision reference holding exactly the generated network's current parameters.</summary>
    public ReferenceNetwork ToReference() => ReferenceNetwork.FromParameters(Sizes, Hidden, Output, Weights, Biases);

    /// <summary>Copies every parameter from a reference network (rounded to float).</summary>
    public void SetParameters(ReferenceNetwork reference)
    {
        for (var l = 1; l <= LayerCount; l++)
        {
            float[] weights = Weights(l), biases = Biases(l);
            var w = ReferenceNetwork.RowMajor(reference.W[l]);
            for (var i = 0; i < w.Length; i++) weights[i] = (float)w[i];
            for (var j = 0; j < biases.Length; j++) biases[j] = (float)reference.B[l][j];
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>The <see cref="NetworkCase"/> of generated class <typeparamref name="TNet"/>.</summary>
public sealed class NetworkCase<TNet, TCaches, TGradients> : NetworkCase
    where TNet : class, IGeneratedNetworkApi<TCaches, TGradients>, new()
    where TCaches : class
    where TGradients : class, new()
{
    readonly TNet network = new();
    readonly Func<int, TCaches> newCaches;
    readonly CachedActivationsReader<TCaches> readActivations;
    readonly NetworkAttribute declaration;
    TGradients gradients = new();
    TCaches? caches;

    /// <summary>Wraps a new <typeparamref name="TNet"/>; the delegates reach the generated nested <c>Caches</c>.</summary>
    public NetworkCase(Func<int, TCaches> newCaches, CachedActivationsReader<TCaches> readActivations)
    {
        this.newCaches = newCaches;
        this.readActivations = readActivations;
        declaration = typeof(TNet).GetCustomAttribute<NetworkAttribute>()
            ?? throw new InvalidOperationException($"{typeof(TNet).Name} has no [Network] attribute.");
        // The sizes the tests trust come from the attribute; the generated constant must agree with it.
        if (!TNet.LayerSizes.SequenceEqual(Sizes))
            throw new InvalidOperationException($"{Name}.LayerSizes is [{string.Join(", ", TNet.LayerSizes.ToArray())}], not the declared [{string.Join(", ", Sizes)}].");
    }

    /// <summary>The generated object itself, for members the surface does not cover.</summary>
    public TNet Network => network;

    /// <inheritdoc />
    public override string Name => typeof(TNet).Name;

    /// <inheritdoc />
    public override int[] Sizes => [.. declaration.LayerSizes];

    /// <inheritdoc />
    public override Activation Hidden => declaration.Hidden;

    /// <inheritdoc />
    public override Activation Output => declaration.Output;

    /// <inheritdoc />
    public override float[] Weights(int layer) => Member<float[]>(network, $"W{layer}");

    /// <inheritdoc />
    public override float[] Biases(int layer) => Member<float[]>(network, $"B{layer}");

    /// <inheritdoc />
    public override float[] WeightGradient(int layer) => Member<float[]>(gradients, $"DW{layer}");

    /// <inheritdoc />
    public override float[] BiasGradient(int layer) => Member<float[]>(gradients, $"DB{layer}");

    /// <inheritdoc />
    public override void Initialize(int seed, WeightInit init) => network.InitializeParameters(seed, init);

    /// <inheritdoc />
    public override void UseCaches(int capacity) => caches = newCaches(capacity);

    /// <inheritdoc />
    public override float[] Forward(float[] x) => network.Forward(x, Caches).ToArray();

    /// <inheritdoc />
    public override float[] Activations(int layer) => readActivations(Caches, layer).ToArray();

    /// <inheritdoc />
    public override void Backward(float[] y) => network.Backward(y, Caches, gradients);

    /// <inheritdoc />
    public override void Update(float learningRate) => network.UpdateParameters(gradients, learningRate);

    /// <inheritdoc />
    public override float Cost(float[] al, float[] y) => TNet.ComputeCost(al, y);

    /// <inheritdoc />
    public override float[] Predict(float[] x)
    {
        var output = new float[x.Length / InputSize * OutputSize];
        network.Predict(x, output);
        return output;
    }

    /// <inheritdoc />
    public override TrainingResult Train(float[] x, float[] y, TrainingOptions options) => network.Train(x, y, options);

    TCaches Caches => caches ?? throw new InvalidOperationException("Call UseCaches(capacity) first.");

    static T Member<T>(object target, string property) =>
        (T)(target.GetType().GetProperty(property)?.GetValue(target)
            ?? throw new InvalidOperationException($"{target.GetType().Name} has no property {property}."));
}
