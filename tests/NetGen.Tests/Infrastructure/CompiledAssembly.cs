using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace NetGen.Tests.Infrastructure;

/// <summary>
/// A compiled test assembly in its own collectible load context; everything it references (the NetGen runtime,
/// the framework) comes from the default context, so its NetGen types are the test's own. Dispose to unload.
/// </summary>
public sealed class CompiledAssembly : IDisposable
{
    readonly AssemblyLoadContext context;

    CompiledAssembly(AssemblyLoadContext context, Assembly assembly) => (this.context, Assembly) = (context, assembly);

    /// <summary>The loaded assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>Loads the image in <paramref name="assembly"/> (with its portable PDB <paramref name="symbols"/>) into a new context.</summary>
    internal static CompiledAssembly Load(Stream assembly, Stream? symbols)
    {
        var context = new GeneratedCodeContext();
        return new(context, context.LoadFromStream(assembly, symbols));
    }

    /// <summary>The type named <paramref name="fullName"/>; fails listing the assembly's types when there is none.</summary>
    public Type FindType(string fullName) =>
        Assembly.GetType(fullName)
        ?? throw new ArgumentException(
            $"The compiled assembly has no type '{fullName}'; it has: {string.Join(", ", Assembly.GetTypes().Select(type => type.FullName).Order(StringComparer.Ordinal))}.",
            nameof(fullName));

    /// <summary>A new instance of <paramref name="fullName"/> made with the constructor taking <paramref name="arguments"/>, typed <c>dynamic</c>.</summary>
    public dynamic CreateInstance(string fullName, params object?[] arguments) =>
        Activator.CreateInstance(FindType(fullName), arguments)
        ?? throw new InvalidOperationException($"Creating '{fullName}' gave null.");

    /// <summary>Starts unloading the context once nothing references its types any more.</summary>
    public void Dispose() => context.Unload();

    sealed class GeneratedCodeContext() : AssemblyLoadContext("NetGen generated test code", isCollectible: true)
    {
        // Null defers to the default context, which already holds the NetGen runtime the test itself uses.
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}
