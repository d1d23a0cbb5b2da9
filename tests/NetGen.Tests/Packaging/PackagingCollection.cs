using Xunit;

namespace NetGen.Tests.Packaging;

/// <summary>The packaging tests share one pack of NetGen and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackedNetGen>
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "Packaging";
}
