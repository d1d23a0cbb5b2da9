"""The sequel course's "Optimization methods" model in numpy, written from its formulas in its (features, examples)
layout: [2, 5, 2, 1] (ReLU, ReLU, sigmoid), He initialisation with seed 3, random_mini_batches with seed 10 + epoch + 1,
and gradient descent, momentum or Adam with bias correction, on the course's moons data
(np.random.seed(3); sklearn.datasets.make_moons(n_samples=300, noise=.2)).

Usage: /usr/bin/python3 moons_numpy.py [--optimizer gd|momentum|adam] [--epochs N] [--data moons.npz]
Prints the cost every 1000 epochs, the train accuracy, and a RESULT line with the training time (wall clock and CPU).
"""

import argparse
import math
import time

import numpy as np

LAYER_DIMS = [2, 5, 2, 1]
LEARNING_RATE = 0.0007
MINI_BATCH_SIZE = 64


def load_moons():
    """The course's load_dataset(): (2, 300) inputs and (1, 300) labels."""
    import sklearn.datasets
    np.random.seed(3)
    X, y = sklearn.datasets.make_moons(n_samples=300, noise=.2)
    return X.T, y.reshape((1, y.shape[0]))


def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def random_mini_batches(X, Y, mini_batch_size, seed):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    batches = []
    complete = math.floor(m / mini_batch_size)
    for k in range(complete):
        batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                        shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        batches.append((shuffled_X[:, complete * mini_batch_size:], shuffled_Y[:, complete * mini_batch_size:]))
    return batches


def forward_propagation(X, p):
    z1 = np.dot(p["W1"], X) + p["b1"]
    a1 = np.maximum(0, z1)
    z2 = np.dot(p["W2"], a1) + p["b2"]
    a2 = np.maximum(0, z2)
    z3 = np.dot(p["W3"], a2) + p["b3"]
    a3 = 1 / (1 + np.exp(-z3))
    return a3, (z1, a1, z2, a2, z3, a3)


def compute_cost_total(a3, Y):
    """The sum over the examples of the cross-entropy (the course's compute_cost in this notebook)."""
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return np.sum(logprobs)


def backward_propagation(X, Y, p, cache):
    m = X.shape[1]
    z1, a1, z2, a2, z3, a3 = cache
    dz3 = 1. / m * (a3 - Y)
    grads = {"dW3": np.dot(dz3, a2.T), "db3": np.sum(dz3, axis=1, keepdims=True)}
    da2 = np.dot(p["W3"].T, dz3)
    dz2 = np.multiply(da2, np.int64(a2 > 0))
    grads["dW2"] = np.dot(dz2, a1.T)
    grads["db2"] = np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(p["W2"].T, dz2)
    dz1 = np.multiply(da1, np.int64(a1 > 0))
    grads["dW1"] = np.dot(dz1, X.T)
    grads["db1"] = np.sum(dz1, axis=1, keepdims=True)
    return grads


def update_parameters_with_gd(p, grads, learning_rate):
    for key in p:
        p[key] = p[key] - learning_rate * grads["d" + key]
    return p


def initialize_state(p):
    return {"d" + key: np.zeros(value.shape) for key, value in p.items()}


def update_parameters_with_momentum(p, grads, v, beta, learning_rate):
    for key in p:
        v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
        p[key] = p[key] - learning_rate * v["d" + key]
    return p, v


def update_parameters_with_adam(p, grads, v, s, t, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    for key in p:
        d = "d" + key
        v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
        v_corrected = v[d] / (1 - beta1 ** t)
        s[d] = beta2 * s[d] + (1 - beta2) * np.square(grads[d])
        s_corrected = s[d] / (1 - beta2 ** t)
        p[key] = p[key] - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)
    return p, v, s


def model(X, Y, optimizer, num_epochs=10000, learning_rate=LEARNING_RATE, mini_batch_size=MINI_BATCH_SIZE, beta=0.9,
          print_cost=False):
    """The course's model(): returns the parameters and the mean cost of every 100th epoch (from epoch 0)."""
    p = initialize_parameters_he(LAYER_DIMS)
    v, s = initialize_state(p), initialize_state(p)
    t = 0
    seed = 10
    m = X.shape[1]
    costs = []
    for i in range(num_epochs):
        seed = seed + 1
        cost_total = 0
        for minibatch_X, minibatch_Y in random_mini_batches(X, Y, mini_batch_size, seed):
            a3, cache = forward_propagation(minibatch_X, p)
            cost_total += compute_cost_total(a3, minibatch_Y)
            grads = backward_propagation(minibatch_X, minibatch_Y, p, cache)
            if optimizer == "gd":
                p = update_parameters_with_gd(p, grads, learning_rate)
            elif optimizer == "momentum":
                p, v = update_parameters_with_momentum(p, grads, v, beta, learning_rate)
            else:
                t = t + 1
                p, v, s = update_parameters_with_adam(p, grads, v, s, t, learning_rate)
        cost_avg = cost_total / m
        if print_cost and i % 1000 == 0:
            print("Cost after epoch %i: %f" % (i, cost_avg))
        if i % 100 == 0 or i == num_epochs - 1:
            costs.append(cost_avg)
    return p, np.array(costs)


def accuracy(X, Y, p):
    a3, _ = forward_propagation(X, p)
    return float(np.mean((a3 > 0.5) == (Y == 1)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--optimizer", choices=["gd", "momentum", "adam"], default="adam")
    parser.add_argument("--epochs", type=int, default=10000)
    parser.add_argument("--data", help="moons.npz (X: (300, 2), y: (300,)); default: make it with sklearn")
    args = parser.parse_args()
    if args.data:
        with np.load(args.data) as data:
            X, Y = data["X"].T, data["y"].reshape((1, -1))
    else:
        X, Y = load_moons()
    start, cpu_start = time.perf_counter(), time.process_time()
    p, _ = model(X, Y, args.optimizer, num_epochs=args.epochs, print_cost=True)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"Accuracy: {accuracy(X, Y, p):.4f}")
    print(f"RESULT numpy-{args.optimizer} epochs={args.epochs} seconds={seconds:.3f} cpu_seconds={cpu_seconds:.3f} ms_per_epoch={1000 * seconds / args.epochs:.4f}")


if __name__ == "__main__":
    main()
