using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen.Kernels;

/// <summary>
/// The permutations of epochs 0, 1, ... of one <c>Train</c> call, computed ahead on a background thread (the core
/// <see cref="WorkSplitter.ThreadCount"/> leaves idle in a small network's run) into a ring of buffers made once. One
/// producer, one consumer: the worker publishes how many epochs it has written, the consumer which epoch it holds (the
/// ones below it are free to overwrite). The worker waits on a full ring with a <see cref="SpinWait"/> (that sleeps);
/// the consumer never waits: an epoch not yet written it computes itself.
/// </summary>
internal sealed class ShuffleAhead : IDisposable
{
    // Starting and joining a thread costs ~100-200 µs; shuffling 300 examples (reseeding included) a few µs per epoch.
    // The worker pays off from some 30000 examples shuffled in all (100 epochs of the moons' 300), and needs a second
    // thread the user allows.
    const long MinimumShuffledExamples = 32_768;

    // The worker waiting on a full ring sleeps (after a short spin) 1 ms at a time, so it takes little of a core the
    // work splitter or another process may want; the ring holds about that long of a small network's epochs (256 of
    // the moons' 300 examples, at ~8 µs an epoch), within a bound on memory: fewer slots of larger sets, whose epochs
    // are longer. Epochs the training thread finds not ready while the worker sleeps it computes itself.
    const int RingBytes = 512 * 1024, MaximumSlots = 256;

    readonly int[][] ring;
    readonly EpochPermutations permutations;
    readonly int epochs;
    readonly Thread worker;
    int produced, held, next;
    volatile bool stopping;
    volatile ExceptionDispatchInfo? failure;

    /// <summary>Whether shuffling <paramref name="epochs"/> epochs of <paramref name="examples"/> ahead is worth a thread.</summary>
    public static bool IsWorthStarting(int epochs, int examples) =>
        WorkSplitter.ThreadCount > 1 && epochs > 1 && (long)epochs * examples >= MinimumShuffledExamples;

    /// <summary>Starts the worker on epochs 0 to <paramref name="epochs"/> - 1.</summary>
    public ShuffleAhead(int examples, int shuffleSeed, int epochs, int seededTogether)
    {
        permutations = new EpochPermutations(shuffleSeed, seededTogether);
        this.epochs = epochs;
        ring = new int[Math.Clamp(RingBytes / (examples * sizeof(int)), 2, MaximumSlots)][];
        for (var s = 0; s < ring.Length; s++) ring[s] = new int[examples];
        worker = new Thread(Produce) { IsBackground = true, Name = "NetGen shuffle ahead" };
        worker.Start();
    }

    /// <summary>Whether the worker thread has ended (after <see cref="Dispose"/>, always).</summary>
    internal bool Ended => !worker.IsAlive;

    /// <summary>
    /// Epoch <paramref name="epoch"/>'s permutation if it is the next in order and ready, else null (the caller computes
    /// it, and the worker skips it: a worker the machine's load holds back never holds the training back). The buffer
    /// stays the caller's until its next call.
    /// </summary>
    public int[]? TryTake(int epoch)
    {
        if (epoch != next || epoch >= epochs || stopping) return null;
        next = epoch + 1;
        if (!IsReady(epoch))
        {
            // Frees every slot and tells the worker to go on from the next epoch.
            Volatile.Write(ref held, epoch + 1);
            failure?.Throw();
            return null;
        }
        // Taking epoch e frees the slot of e - 1.
        Volatile.Write(ref held, epoch);
        return ring[epoch % ring.Length];
    }

    /// <summary>Whether the worker has written epoch <paramref name="epoch"/> (from the consumer's next epoch on).</summary>
    internal bool IsReady(int epoch) => Volatile.Read(ref produced) > epoch;

    void Produce()
    {
        try
        {
            var spin = new SpinWait();
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                // Epochs held .. held + slots - 1 may be in the ring; the held one is being read.
                int from;
                while (epoch >= (from = Volatile.Read(ref held)) + ring.Length)
                {
                    if (stopping) return;
                    spin.SpinOnce();
                }
                spin.Reset();
                if (stopping) return;
                // Epochs the consumer computed itself are skipped.
                epoch = Math.Max(epoch, from);
                if (epoch >= epochs) return;
                permutations.Write(epoch, ring[epoch % ring.Length]);
                Volatile.Write(ref produced, epoch + 1);
            }
        }
        catch (Exception e)
        {
            // Rethrown by the consumer when it finds an epoch not ready.
            failure = ExceptionDispatchInfo.Capture(e);
        }
    }

    /// <summary>Stops the worker and waits for its thread to end.</summary>
    public void Dispose()
    {
        stopping = true;
        worker.Join();
    }
}
