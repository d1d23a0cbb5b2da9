"""Writes the [64, 32, 10] softmax network of the ONNX Runtime comparison (NetGen.Benchmarks,
DigitsOnnxRuntimeComparison): NetGen's SaveOnnx writes sigmoid and linear outputs only, so this model comes from
Debian's PyTorch, and the same weights go to NetGen as an .npz of the course's keys.

    /usr/bin/python3 benchmarks/peers/export_digits_onnx.py [folder]    (default: benchmarks/NetGen.Benchmarks/Models)

digits-64-32-10.onnx: torch.onnx.export of nn.Sequential(Linear(64, 32), ReLU(), Linear(32, 10), Softmax(dim=1)),
    input "input" (batch, 64), output "output" (batch, 10), the batch dimension symbolic, opset 13.
digits-64-32-10.npz: np.savez of the same weights as W1 (32, 64), b1 (32, 1), W2 (10, 32), b2 (10, 1), float32.
The weights: np.random.seed(1), He-scaled randn per layer, biases 0.01 * (j + 1), so every unit does its whole job.
"""

import pathlib
import sys

import numpy as np
import torch

SIZES = [64, 32, 10]


def make(folder: pathlib.Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    np.random.seed(1)
    arrays = {}
    layers = []
    for l in range(1, len(SIZES)):
        w = (np.random.randn(SIZES[l], SIZES[l - 1]) * np.sqrt(2 / SIZES[l - 1])).astype(np.float32)
        b = (0.01 * np.arange(1, SIZES[l] + 1)).astype(np.float32).reshape(SIZES[l], 1)
        arrays[f"W{l}"], arrays[f"b{l}"] = w, b
        linear = torch.nn.Linear(SIZES[l - 1], SIZES[l])
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w))
            linear.bias.copy_(torch.from_numpy(b.reshape(-1)))
        layers += [linear, torch.nn.ReLU() if l < len(SIZES) - 1 else torch.nn.Softmax(dim=1)]
    np.savez(folder / "digits-64-32-10.npz", **arrays)
    model = torch.nn.Sequential(*layers).eval()
    torch.onnx.export(model, torch.zeros(1, SIZES[0]), str(folder / "digits-64-32-10.onnx"), input_names=["input"],
                      output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=13)


if __name__ == "__main__":
    make(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / "NetGen.Benchmarks" / "Models")
