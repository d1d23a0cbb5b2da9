using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using Xunit;
using GeneratorActivation = NetGen.Generator.Shared.Activation;

namespace NetGen.Tests.Generator;

/// <summary>
/// The generator's weights check on every truncation and on seeded byte flips of numpy-written files (stored and
/// deflated): it never throws, and either embeds exactly the file's values or reports an error at the attribute.
/// </summary>
public class WeightsHostileFileTests
{
    const int Flips = 400;
    static readonly string[] Refusals = ["NG0012", "NG0013", "NG0014", "NG0015", "NG0016"];

    static readonly WeightsRequest Request = new(
        new NetworkSpec("Demo", default(EquatableArray<ContainingType>), "class", "Net", new EquatableArray<int>([5, 4, 3, 1]), GeneratorActivation.ReLU, GeneratorActivation.Sigmoid),
        "weights.npz", null);

    static WeightsResult Check(byte[] bytes) =>
        WeightsChecker.Check(Request, [new WeightsFile("/project/weights.npz", ImmutableArray.Create(bytes), null)], "/project/", CancellationToken.None);

    static IEnumerable<(string What, byte[] Bytes)> Damaged(byte[] good)
    {
        for (var length = 0; length < good.Length; length++) yield return ($"first {length} bytes", good[..length]);
        var random = new Random(15);
        for (var i = 0; i < Flips; i++)
        {
            var bytes = (byte[])good.Clone();
            var at = random.Next(bytes.Length);
            bytes[at] ^= (byte)random.Next(1, 256);
            yield return ($"byte {at} changed", bytes);
        }
    }

    [Theory]
    [InlineData("course_f32.npz")]
    [InlineData("course_f64.npz")]
    public void DamagedFilesGiveDiagnosticsNeverExceptions(string fixture)
    {
        var good = File.ReadAllBytes(TrainedWeights.Fixture(fixture));
        var expected = Check(good);
        Assert.Empty(expected.Diagnostics);
        Assert.NotNull(expected.Trained);

        var refused = 0;
        foreach (var (what, bytes) in Damaged(good))
        {
            var result = Check(bytes); // Any exception fails the test here.
            if (result.Trained is not null)
            {
                // Accepted only when unharmed where it matters (e.g. a changed timestamp): exactly the same values.
                Assert.True(result.Trained.Base64 == expected.Trained!.Base64, $"{what}: accepted with different values");
                continue;
            }
            refused++;
            Assert.NotEmpty(result.Diagnostics); // A changed key name is both a missing and an unexpected key.
            foreach (var diagnostic in result.Diagnostics)
            {
                Assert.True(Refusals.Contains(diagnostic.Id), $"{what}: {diagnostic.Id}");
                Assert.DoesNotContain(WeightsChecker.UnexpectedFailure, string.Join(" ", diagnostic.MessageArguments));
            }
        }
        Assert.True(refused > good.Length, $"only {refused} of {good.Length + Flips} damaged files were refused");
    }
}
