"""The course's L-layer network ("Building your Deep Neural Network: Step by Step") in numpy,
written from its formulas in its (features, examples) layout, timed for benchmarks/compare.sh.

Usage: /usr/bin/python3 numpy_train.py [--dtype float32|float64] [--iterations N] [--warmup K] [--seed S]
                                       [--network cat|small --data moons.npz]
"""

import numpy as np

import common


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return np.maximum(0, Z), Z


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    # keepdims keeps the sum an array: numpy 1.x would lift a float32 scalar times a Python float
    # to float64, an array stays float32.
    cost = (-1 / m) * np.sum(np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL)), keepdims=True)
    return np.squeeze(cost)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def relu_backward(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def sigmoid_backward(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    # As in the course, every layer's dA_prev is computed, the input layer's (12288 x 209) included.
    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA_prev, dW, db
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
    return grads


def update_parameters(parameters, grads, learning_rate):
    parameters = parameters.copy()
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters


def main():
    args = common.parse_args(__doc__, default_dtype="float64")
    layer_dims, X, Y = common.workload(args)
    state = {"parameters": common.initialize_parameters_deep(layer_dims, args.seed, args.dtype)}

    def step():
        AL, caches = L_model_forward(X, state["parameters"])
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        state.update(AL=AL, caches=caches, cost=cost, grads=grads)
        state["parameters"] = update_parameters(state["parameters"], grads, common.LEARNING_RATE)
        return cost

    def check_dtypes():
        arrays = [("X", X.dtype), ("Y", Y.dtype), ("AL", state["AL"].dtype), ("cost", state["cost"].dtype)]
        arrays += [(name, value.dtype) for name, value in state["parameters"].items()]
        arrays += [(name, value.dtype) for name, value in state["grads"].items()]
        for l, ((A_prev, W, b), Z) in enumerate(state["caches"], start=1):
            arrays += [(f"cache{l}.A_prev", A_prev.dtype), (f"cache{l}.Z", Z.dtype)]
        common.check_dtypes(args.dtype, arrays, "numpy after the first iteration")

    ms_per_iter, final_cost = common.time_training(step, args.iterations, args.warmup, check_dtypes)
    common.print_result(f"numpy-{args.dtype}", ms_per_iter, args.iterations, final_cost, common.openblas_threads(), args.network)


if __name__ == "__main__":
    main()
