using System;
using NetGen.Numerics;

namespace NetGen.Kernels;

/// <summary>
/// The course's permutation of epoch e: <c>np.random.seed(shuffleSeed + e + 1)</c>, then <c>np.random.permutation(m)</c>.
/// Reseeding is the larger part of shuffling a few hundred examples, so the generators of a run of consecutive epochs
/// are seeded together (<see cref="NumpyRandom.SeedConsecutive"/>); each serves one epoch. Used by
/// one thread at a time: <see cref="MiniBatches"/> on the training thread, <see cref="ShuffleAhead"/> on its worker.
/// </summary>
internal sealed class EpochPermutations
{
    readonly int shuffleSeed;
    readonly NumpyRandom[] generators;
    int firstSeededEpoch, nextEpoch = -1;

    /// <summary>Permutations from <paramref name="shuffleSeed"/>, <paramref name="seededTogether"/> epochs' generators seeded at once.</summary>
    public EpochPermutations(int shuffleSeed, int seededTogether)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seededTogether);
        this.shuffleSeed = shuffleSeed;
        generators = new NumpyRandom[seededTogether];
        for (var k = 0; k < generators.Length; k++) generators[k] = new NumpyRandom(0);
    }

    /// <summary>Writes epoch <paramref name="epoch"/>'s permutation of <c>destination.Length</c> examples into <paramref name="destination"/>.</summary>
    public void Write(int epoch, Span<int> destination)
    {
        // A generator serves one shuffle after seeding: the epochs are taken in order, and any other epoch (or the same
        // one again) reseeds from there.
        if (epoch != nextEpoch || epoch - firstSeededEpoch >= generators.Length)
        {
            NumpyRandom.SeedConsecutive(generators, unchecked((uint)(shuffleSeed + epoch + 1)));
            firstSeededEpoch = epoch;
        }
        generators[epoch - firstSeededEpoch].Permutation(destination);
        nextEpoch = epoch + 1;
    }
}
