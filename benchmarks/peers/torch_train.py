"""The course's L-layer network in PyTorch on the CPU: the same formulas as numpy_train.py with
explicit tensor ops (no autograd, as the course derives the gradients by hand), the same data and
the same initial weights, timed for benchmarks/compare.sh. --autograd times the variant a PyTorch
user would more likely write: the same forward and cost, gradients from cost.backward().

Usage: /usr/bin/python3 torch_train.py [--dtype float32|float64] [--iterations N] [--warmup K]
                                       [--seed S] [--threads T] [--autograd]
                                       [--network cat|small --data moons.npz]
"""

import os
import sys

import common

# Debian's PyTorch runs element-wise ops on OpenMP threads and matrix products on OpenBLAS's own
# pthreads. With libgomp's default active wait, OpenMP threads idling between ops spin on the cores
# OpenBLAS is using (about 3x slower on 2 cores); waiting passively keeps every thread without that.
# libgomp reads this when torch loads it, so it must be set before the import.
os.environ.setdefault("OMP_WAIT_POLICY", "passive")

try:
    import torch
except ImportError:
    torch = None


def sigmoid(Z):
    return 1 / (1 + torch.exp(-Z))


def relu(Z):
    return torch.clamp(Z, min=0)


def L_model_forward(X, parameters):
    """Returns AL and the caches (A_prev, W, Z) of every layer."""
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        W, b = parameters["W" + str(l)], parameters["b" + str(l)]
        Z = W @ A + b
        caches.append((A, W, Z))
        A = relu(Z) if l < L else sigmoid(Z)
    return A, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    return (-1 / m) * torch.sum(Y * torch.log(AL) + (1 - Y) * torch.log(1 - AL))


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        A_prev, W, Z = caches[l - 1]
        m = A_prev.shape[1]
        if l == L:
            s = sigmoid(Z)
            dZ = dA * s * (1 - s)
        else:
            dZ = dA.masked_fill(Z <= 0, 0)
        grads["dW" + str(l)] = 1 / m * (dZ @ A_prev.T)
        grads["db" + str(l)] = 1 / m * torch.sum(dZ, dim=1, keepdim=True)
        # As in the course, every layer's dA_prev is computed, the input layer's (12288 x 209) included.
        dA = W.T @ dZ
        grads["dA" + str(l - 1)] = dA
    return grads


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    return {
        key: parameters[key] - learning_rate * grads["d" + key]
        for l in range(1, L + 1)
        for key in ("W" + str(l), "b" + str(l))
    }


def manual_step(X, Y, state):
    """One iteration with the course's hand-derived gradients."""
    with torch.no_grad():
        AL, caches = L_model_forward(X, state["parameters"])
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        state.update(AL=AL, caches=caches, cost=cost, grads=grads)
        state["parameters"] = update_parameters(state["parameters"], grads, common.LEARNING_RATE)
    return cost


def autograd_step(X, Y, state):
    """One iteration with gradients from autograd, updated in place."""
    parameters = state["parameters"]
    AL, caches = L_model_forward(X, parameters)
    cost = compute_cost(AL, Y)
    cost.backward()
    with torch.no_grad():
        grads = {"d" + key: value.grad.clone() for key, value in parameters.items()}
        for value in parameters.values():
            value -= common.LEARNING_RATE * value.grad
            value.grad = None
    state.update(AL=AL.detach(), caches=[tuple(t.detach() for t in c) for c in caches], cost=cost.detach(), grads=grads)
    return cost.detach()


def add_torch_arguments(parser):
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)),
                        help="torch.set_num_threads (default: every core this process may use)")
    parser.add_argument("--autograd", action="store_true", help="gradients from autograd instead of by hand")


def main():
    args = common.parse_args(__doc__, default_dtype="float32", add_arguments=add_torch_arguments)
    name = f"pytorch{'-autograd' if args.autograd else ''}-{args.dtype}"
    if torch is None:
        common.print_skipped(name, "not-installed", args.network)
        return
    torch.set_num_threads(args.threads)
    layer_dims, x, y = common.workload(args)
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    initial = common.initialize_parameters_deep(layer_dims, args.seed, args.dtype)
    parameters = {key: torch.from_numpy(value).requires_grad_(args.autograd) for key, value in initial.items()}
    state = {"parameters": parameters}
    train_step = autograd_step if args.autograd else manual_step

    def check_dtypes():
        tensors = [("X", X), ("Y", Y), ("AL", state["AL"]), ("cost", state["cost"])]
        tensors += list(state["parameters"].items()) + list(state["grads"].items())
        for l, (A_prev, _, Z) in enumerate(state["caches"], start=1):
            tensors += [(f"cache{l}.A_prev", A_prev), (f"cache{l}.Z", Z)]
        off_cpu = [name for name, tensor in tensors if tensor.device.type != "cpu"]
        if off_cpu:
            raise RuntimeError("expected every tensor on the CPU, but these are not: " + ", ".join(off_cpu))
        named_dtypes = [(name, str(tensor.dtype).replace("torch.", "")) for name, tensor in tensors]
        common.check_dtypes(args.dtype, named_dtypes, "pytorch after the first iteration")

    ms_per_iter, final_cost = common.time_training(
        lambda: train_step(X, Y, state), args.iterations, args.warmup, check_dtypes)
    common.print_result(name, ms_per_iter, args.iterations, final_cost, torch.get_num_threads(), args.network)


if __name__ == "__main__":
    sys.exit(main())
