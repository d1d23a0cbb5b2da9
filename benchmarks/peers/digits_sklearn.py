"""sklearn's MLPClassifier on the Digits sample's data and split (tests/NetGen.Tests/Fixtures/Digits/digits.npz):
one hidden layer of 32 ReLU units, softmax output, Adam with learning rate 0.001, batches of 200, L2 alpha 1e-4,
300 epochs (tol=0 and n_iter_no_change=300, so that it runs all of them, as NetGen does).

Usage: /usr/bin/python3 digits_sklearn.py --data digits.npz [--epochs N] [--threads N]
Prints the test accuracy and a RESULT line with the time of fit() (wall clock and CPU).
"""

import argparse
import time
import warnings

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--epochs", type=int, default=300)
    args = parser.parse_args()
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    with np.load(args.data) as data:
        X = data["images"].astype(np.float64) / 16
        y = data["target"]
        train, test = data["train_index"], data["test_index"]
    model = MLPClassifier(hidden_layer_sizes=(32,), activation="relu", solver="adam", learning_rate_init=0.001,
                          batch_size=200, alpha=1e-4, max_iter=args.epochs, tol=0, n_iter_no_change=args.epochs,
                          random_state=1)
    start, cpu_start = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter reached: intended
        model.fit(X[train], y[train])
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    accuracy = float(np.mean(model.predict(X[test]) == y[test]))
    print(f"sklearn MLPClassifier: {model.n_iter_} epochs, final loss {model.loss_:.4f}")
    print(f"Test accuracy:  {accuracy:.4f}")
    print(f"RESULT sklearn epochs={model.n_iter_} seconds={seconds:.4f} cpu_seconds={cpu_seconds:.4f} test_accuracy={accuracy:.4f}")


if __name__ == "__main__":
    main()
