using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// The public API's documentation is written once, on the runtime's <see cref="INetwork{TCaches, TGradients}"/> and
/// <see cref="IDropoutNetwork{TCaches, TGradients}"/>, and generated members say <c>&lt;inheritdoc/&gt;</c>. For the IDE
/// to show it, each such member must implement an interface member that the runtime's XML documentation file (the
/// one the package ships beside NetGen.dll) documents.
/// </summary>
public class InheritedDocumentationTests
{
    [Theory]
    [InlineData("Network(12288, 20, 7, 5, 1)", "IDropoutNetwork")]
    [InlineData("Network(3, 5, 2, Hidden = Activation.Tanh, Output = Activation.Linear)", "INetwork")]
    [InlineData("Network(64, 32, 10, Output = Activation.Softmax)", "IDropoutNetwork")]
    [InlineData("Network(6, 1)", "INetwork")]
    public void InheritedDocs_ComeFromADocumentedInterfaceMember(string attribute, string contract)
    {
        var run = GeneratorHarness.Run($"using NetGen;\nnamespace Demo;\n[{attribute}]\npublic partial class Net {{ }}\n", new NetGen.Generator.NetworkGenerator());
        var net = run.OutputCompilation.GetTypeByMetadataName("Demo.Net")!;
        Assert.Equal(contract, net.Interfaces.Single().Name);

        var documented = RuntimeDocumentation();
        var inheriting = net.GetMembers().Where(m => m.GetDocumentationCommentXml()?.Contains("<inheritdoc", StringComparison.Ordinal) == true).ToList();
        Assert.True(inheriting.Count >= 12, $"expected the public API to inherit its docs, found {inheriting.Count} members");
        foreach (var member in inheriting)
        {
            var implemented = net.AllInterfaces
                .SelectMany(i => i.GetMembers())
                .Where(i => SymbolEqualityComparer.Default.Equals(net.FindImplementationForInterfaceMember(i), member))
                .Select(i => i.OriginalDefinition.GetDocumentationCommentId())
                .ToList();
            Assert.True(implemented.Count == 1, $"{member.Name} inherits its docs but implements {implemented.Count} interface members");
            Assert.True(documented.Contains(implemented[0]!), $"{implemented[0]} has no <summary> in the runtime's NetGen.xml");
        }

        // Every interface member is implemented by a generated member that inherits its docs.
        var interfaceMembers = net.AllInterfaces.SelectMany(i => i.GetMembers()).ToList();
        Assert.All(interfaceMembers, i => Assert.Contains(net.FindImplementationForInterfaceMember(i), inheriting, SymbolEqualityComparer.Default));
    }

    /// <summary>The documentation ids of the runtime members NetGen.xml gives a non-empty summary.</summary>
    static string[] RuntimeDocumentation()
    {
        var xml = Path.ChangeExtension(typeof(INetwork<,>).Assembly.Location, ".xml");
        Assert.True(File.Exists(xml), $"the runtime's documentation file {xml} is missing");
        return XDocument.Load(xml).Descendants("member")
            .Where(m => !string.IsNullOrWhiteSpace((string?)m.Element("summary")))
            .Select(m => (string)m.Attribute("name")!)
            .ToArray();
    }
}
