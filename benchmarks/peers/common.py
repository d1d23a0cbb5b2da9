"""What the peer trainers share: arguments, the synthetic data, the course's initialisation,
the timed loop and the RESULT line that benchmarks/compare.sh reads."""

import argparse
import ctypes
import os
import time

import numpy as np

# The workloads: the course's cat network on a synthetic batch of 209, and a small network's full-batch step on the
# sequel course's 300 moons examples (tests/NetGen.Tests/Fixtures/Moons/moons.npz, written by sklearn).
NETWORKS = {"cat": [12288, 20, 7, 5, 1], "small": [2, 10, 5, 1]}
LAYER_DIMS = NETWORKS["cat"]
BATCH = 209
LEARNING_RATE = 0.0075
# The data has its own generator so that --seed only moves the weights, as in the course,
# where initialize_parameters_deep reseeds numpy after the data is loaded.
DATA_SEED = 0


def parse_args(description, default_dtype, add_arguments=None):
    """The arguments every peer takes, plus any `add_arguments(parser)` adds."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dtype", choices=["float32", "float64"], default=default_dtype)
    parser.add_argument("--iterations", type=int, default=200, help="timed iterations")
    parser.add_argument("--warmup", type=int, default=10, help="untimed iterations before timing")
    parser.add_argument("--seed", type=int, default=1, help="weight seed (the course uses 1)")
    parser.add_argument("--network", choices=sorted(NETWORKS), default="cat",
                        help="cat: 12288-20-7-5-1 on 209 synthetic examples; small: 2-10-5-1 on the 300 moons examples")
    parser.add_argument("--data", help="moons.npz (X of shape (300, 2), y of shape (300,)) for --network small")
    if add_arguments is not None:
        add_arguments(parser)
    args = parser.parse_args()
    if args.iterations < 1:
        parser.error(f"--iterations must be at least 1, got {args.iterations}")
    if args.warmup < 0:
        parser.error(f"--warmup must be 0 or more, got {args.warmup}")
    if args.network == "small" and not args.data:
        parser.error("--network small needs --data moons.npz (tests/NetGen.Tests/Fixtures/Moons/moons.npz)")
    return args


def synthetic_data(dtype):
    """X of shape (12288, 209) in [0, 1) and Y of shape (1, 209) in {0, 1}, in the course's
    (features, examples) layout. The label says whether the first half of an example's features
    averages more than the second half, so the network has something it can learn."""
    rng = np.random.RandomState(DATA_SEED)
    x = rng.random_sample((LAYER_DIMS[0], BATCH))
    half = LAYER_DIMS[0] // 2
    y = (x[:half].mean(axis=0) > x[half:].mean(axis=0)).reshape(1, BATCH)
    # Y takes X's dtype: the course's int64 labels would silently lift float32 costs to float64.
    return x.astype(dtype), y.astype(dtype)


def workload(args):
    """(layer dims, X, Y) of the workload --network names, in the course's (features, examples) layout and --dtype."""
    if args.network == "cat":
        X, Y = synthetic_data(args.dtype)
        return NETWORKS["cat"], X, Y
    with np.load(args.data) as moons:
        x, y = moons["X"], moons["y"]
    if x.ndim != 2 or x.shape[1] != 2 or y.shape != (x.shape[0],):
        raise ValueError(f"{args.data}: expected X of shape (m, 2) and y of shape (m,), got {x.shape} and {y.shape}")
    return NETWORKS["small"], x.T.astype(args.dtype), y.reshape(1, -1).astype(args.dtype)


def initialize_parameters_deep(layer_dims, seed, dtype):
    """The course's initialize_parameters_deep in the application's version: randn / sqrt(n_{l-1}),
    zero biases, drawn in float64 by numpy's legacy generator and then cast to dtype."""
    np.random.seed(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        w = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["W" + str(l)] = w.astype(dtype)
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1), dtype=dtype)
    return parameters


def check_dtypes(expected, named_arrays, what):
    """Fails naming every array that is not of the expected dtype (a silent upcast would time
    float64 arithmetic under a float32 label)."""
    wrong = [f"{name}: {array_dtype}" for name, array_dtype in named_arrays if str(array_dtype) != expected]
    if wrong:
        raise TypeError(f"{what}: expected every array in {expected}, but got " + ", ".join(wrong))


def time_training(step, iterations, warmup, check_after_first):
    """Runs `step()` (one forward + cost + backward + update, returning the cost) `warmup` times
    untimed (at least once: the dtype check needs a finished step), calling `check_after_first()`
    after the first, then `iterations` times timed. Returns (ms per timed iteration, last cost)."""
    cost = step()
    check_after_first()
    for _ in range(max(warmup, 1) - 1):
        cost = step()
    start = time.perf_counter()
    for _ in range(iterations):
        cost = step()
    elapsed = time.perf_counter() - start
    return elapsed * 1000.0 / iterations, float(cost)


def openblas_threads():
    """The number of threads OpenBLAS uses: threadpoolctl's answer when it is installed, else
    openblas_get_num_threads() of the OpenBLAS this process has loaded, else the environment."""
    try:
        from threadpoolctl import threadpool_info

        counts = {info["num_threads"] for info in threadpool_info() if info.get("internal_api") == "openblas"}
        if counts:
            return ",".join(str(c) for c in sorted(counts))
    except ImportError:
        pass
    library = _loaded_library_path("openblas")
    if library is not None:
        try:
            return str(ctypes.CDLL(library).openblas_get_num_threads())
        except (OSError, AttributeError):
            pass
    return os.environ.get("OPENBLAS_NUM_THREADS", "default")


def openblas_kernel():
    """The kernel set OpenBLAS runs here (Haswell, SkylakeX, Cooperlake, Zen, Prescott, ...): threadpoolctl's answer
    when it is installed, else openblas_get_corename() of the OpenBLAS this process has loaded."""
    try:
        from threadpoolctl import threadpool_info

        kernels = {info.get("architecture") for info in threadpool_info() if info.get("internal_api") == "openblas"}
        kernels.discard(None)
        if kernels:
            return ",".join(sorted(kernels))
    except ImportError:
        pass
    library = _loaded_library_path("openblas")
    if library is not None:
        try:
            get_corename = ctypes.CDLL(library).openblas_get_corename
            get_corename.restype = ctypes.c_char_p
            return get_corename().decode().strip()
        except (OSError, AttributeError):
            pass
    return "not-OpenBLAS"


def blas_description():
    """What openblas_get_config() says of the OpenBLAS numpy loaded (version, kernel, thread limit)."""
    library = _loaded_library_path("openblas")
    if library is not None:
        try:
            get_config = ctypes.CDLL(library).openblas_get_config
            get_config.restype = ctypes.c_char_p
            return get_config().decode().strip()
        except (OSError, AttributeError):
            pass
    return "not OpenBLAS (numpy.show_config() tells which)"


def _loaded_library_path(name_part):
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                if name_part in os.path.basename(path) and ".so" in path:
                    return path
    except OSError:
        pass
    return None


def print_result(name, ms_per_iter, iterations, final_cost, threads, network="cat"):
    """The one machine-readable line compare.sh collects, with the OpenBLAS kernel the run used."""
    print(f"RESULT name={name} network={network} ms_per_iter={ms_per_iter:.3f} iterations={iterations} "
          f"final_cost={final_cost:.6f} threads={threads} kernel={openblas_kernel()}", flush=True)


def print_skipped(name, reason, network="cat"):
    """The RESULT line of a peer that could not run here."""
    print(f"RESULT name={name} network={network} skipped={reason}", flush=True)


def training_flops(layer_dims, examples):
    """FLOPs of one pass of training over `examples` examples, counted as NetGen.Compare's Flops.TrainingIteration
    counts them (the one definition the scripts share): 2 per multiply-add of the forward products, the weight
    gradients and the gradients passed back to layers 2..L (not dA0); element-wise work not counted."""
    products = sum(layer_dims[l] * layer_dims[l - 1] for l in range(1, len(layer_dims)))
    passed_back = sum(layer_dims[l] * layer_dims[l - 1] for l in range(2, len(layer_dims)))
    return 2 * examples * (2 * products + passed_back)


def speed_report(what, peer, peer_seconds, peer_cpu, netgen_seconds, netgen_cpu, flops, target, peak_gflops, cores):
    """The ratio lines moons.sh and digits.sh print: by the clock and by CPU time against the target, and NetGen's
    GFLOP/s as a fraction of the machine's FMA peak (of `cores` cores)."""
    ratio = peer_seconds / netgen_seconds
    print(f"{what}: NetGen is {ratio:.1f}x faster than {peer} by the clock ({peer_seconds:.3f} s vs {netgen_seconds:.4f} s), "
          f"{peer_cpu / netgen_cpu:.1f}x by CPU time ({peer_cpu:.3f} s vs {netgen_cpu:.4f} s); "
          f"target {target}x by the clock: {'met' if ratio >= target else 'not met'}")
    rate = flops / netgen_seconds / 1e9
    print(f"NetGen: {flops / 1e9:.3f} GFLOP (2 per multiply-add of the products; element-wise work not counted) in "
          f"{netgen_seconds:.4f} s = {rate:.2f} GFLOP/s = {100 * rate / peak_gflops:.2f}% of the {cores}-core FMA peak "
          f"({peak_gflops:.1f} GFLOP/s)")
