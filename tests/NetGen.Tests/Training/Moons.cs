using System.Linq;
using NetGen.IO;
using NetGen.Tests.Infrastructure;

namespace NetGen.Tests.Training;

/// <summary>The course's moons data (Fixtures/Moons/moons.npz, written by sklearn) as float batches.</summary>
public static class Moons
{
    public static (float[] X, float[] Y) Load()
    {
        var arrays = Npz.Read(Fixture.Path("Moons/moons.npz"));
        var x = arrays["X"].ToDoubleArray().Select(v => (float)v).ToArray();
        var y = arrays["y"].ToInt64Array().Select(v => (float)v).ToArray();
        return (x, y);
    }
}
