namespace NetGen.Generator.Model;

/// <summary>Mirrors <c>NetGen.Activation</c> by value; the generator cannot reference the runtime assembly.</summary>
internal enum ActivationKind
{
    ReLU = 0,
    LeakyReLU = 1,
    Tanh = 2,
    Sigmoid = 3,
    Linear = 4,
    Softmax = 5,
}
