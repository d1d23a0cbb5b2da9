using System;
using System.Linq;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>The lists of examples each tile of units needs, against a brute-force reading of dZ.</summary>
public sealed class ActiveExampleTilesTests
{
    [Theory]
    [InlineData(209, 20, 0.4)]
    [InlineData(37, 7, 0.7)]
    [InlineData(5, 3, 0.5)]
    [InlineData(300, 9, 0.95)]
    [InlineData(16, 4, 0.0)]
    [InlineData(16, 4, 1.0)]
    public void EachTileListsExactlyTheExamplesWithANonZeroDzForOneOfItsUnits(int m, int units, double zeroFraction)
    {
        var random = new Random(m * 31 + units);
        // A few units almost never active and a few always, as behind a ReLU.
        var dz = new float[(m + 3) * units];
        for (var e = 0; e < m; e++)
            for (var j = 0; j < units; j++)
                dz[e * units + j] = random.NextDouble() < zeroFraction * (j % 3 == 0 ? 1.5 : 0.7) ? 0f : (float)(random.NextDouble() - 0.5);
        dz.AsSpan(m * units).Fill(9f); // beyond the batch: must be ignored

        var tiles = new ActiveExampleTiles(m + 3, units, 4);
        tiles.Build(dz, m);

        Assert.Equal(units / 4, tiles.FullTiles);
        Assert.Equal(units / 4 + units % 4, tiles.TileCount);
        var counts = Enumerable.Range(0, units).Select(j => Enumerable.Range(0, m).Count(e => dz[e * units + j] != 0f)).ToArray();
        var expectedOrder = Enumerable.Range(0, units).OrderByDescending(j => counts[j]).ThenBy(j => j).ToArray();
        var order = Enumerable.Range(0, tiles.TileCount).SelectMany(t => tiles.Units(t).ToArray()).ToArray();
        Assert.Equal(expectedOrder, order);

        for (var t = 0; t < tiles.TileCount; t++)
        {
            var tileUnits = tiles.Units(t).ToArray();
            Assert.Equal(t < tiles.FullTiles ? 4 : 1, tileUnits.Length);
            var expected = Enumerable.Range(0, m).Where(e => tileUnits.Any(j => dz[e * units + j] != 0f)).ToArray();
            Assert.Equal(expected, tiles.Examples(t).ToArray());
            var values = expected.SelectMany(e => tileUnits.Select(j => dz[e * units + j])).ToArray();
            Assert.Equal(values, tiles.Values(t).ToArray());

            foreach (var (first, end) in new[] { (0, m), (0, 0), (m / 3, m / 2), (m / 2, m + 5) })
            {
                var (start, count) = tiles.Range(t, first, end);
                var inRange = expected.Where(e => e >= first && e < end).ToArray();
                Assert.Equal(inRange, tiles.Examples(t).Slice(start, count).ToArray());
            }
        }
    }

    [Fact]
    public void ANegativeZeroIsInactive_AndANaNIsActive_InTheCountsAndInTheLists()
    {
        // 9 units: a vector of units (4 or 8 lanes here) and the rest one by one, both ways of counting.
        const int m = 3, units = 9;
        var dz = new float[m * units];
        dz[0 * units + 0] = -0f;
        dz[1 * units + 0] = float.NaN;
        dz[2 * units + 8] = -0f;
        dz[0 * units + 8] = float.NaN;
        dz[2 * units + 5] = 1f;
        var tiles = new ActiveExampleTiles(m, units, 4);

        tiles.Build(dz, m);

        // Units 0, 5 and 8 have one active example each, so they lead, in unit order; unit 0's only example is 1.
        Assert.Equal([0, 5, 8, 1], tiles.Units(0).ToArray());
        Assert.Equal([0, 1, 2], tiles.Examples(0).ToArray());
        var values = tiles.Values(0).ToArray();
        Assert.Equal(float.NaN, values[1 * 4 + 0]);
        Assert.Equal(float.NaN, values[0 * 4 + 2]);
        Assert.Empty(tiles.Examples(1).ToArray());
    }

    [Fact]
    public void ABatchLargerThanTheCapacity_IsRefused()
    {
        var tiles = new ActiveExampleTiles(10, 5, 4);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => tiles.Build(new float[55], 11));
        Assert.Equal("m", error.ParamName);
    }

    [Fact]
    public void ADzShorterThanTheBatch_IsRefused()
    {
        var tiles = new ActiveExampleTiles(10, 5, 4);
        var error = Assert.Throws<ArgumentException>(() => tiles.Build(new float[49], 10));
        Assert.Equal("dz", error.ParamName);
        Assert.Contains("50", error.Message);
    }

    [Fact]
    public async System.Threading.Tasks.Task GroupingUnits_TakesTimeLinearInTheirNumber()
    {
        // One example of a 4M-unit layer, every other unit active (behind a ReLU, about half are): the worst case of
        // the insertion sort that grouped units before, about units^2 / 8 = 2e12 moves (hours; it made Backward of a
        // [2, N, 1] network quadratic in N). The counting sort took 1.4 to 1.9 s for this first call on the 2-core test
        // machine at a load average of 30 (0.17 s warm); the bound is 100 times that, so no load fails it, and a
        // quadratic sort cannot pass it. A time bound is the only outside view of a sort's cost with no counter in it.
        const int units = 1 << 22;
        var dz = new float[units];
        for (var j = 1; j < units; j += 2) dz[j] = 0.5f;
        var tiles = new ActiveExampleTiles(1, units, 4);

        var build = System.Threading.Tasks.Task.Run(() => tiles.Build(dz, 1));

        var finished = await System.Threading.Tasks.Task.WhenAny(build, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(190)));
        Assert.True(finished == build, "grouping 4M units of one example took over 190 s: not linear");
        await build;
        // The active (odd) units first, then the others, each in unit order.
        for (var t = 0; t < tiles.TileCount; t++)
        {
            var tileUnits = tiles.Units(t);
            for (var u = 0; u < tileUnits.Length; u++)
            {
                var position = t * 4 + u;
                var expected = position < units / 2 ? 2 * position + 1 : 2 * (position - units / 2);
                if (tileUnits[u] != expected) Assert.Fail($"unit {tileUnits[u]} is at position {position}, expected {expected}");
            }
        }
    }
}
