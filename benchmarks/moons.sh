#!/usr/bin/env bash
# The sequel course's Adam run side by side: benchmarks/peers/moons_numpy.py (the course's numpy loop) and NetGen's
# Train on the same moons data (tests/NetGen.Tests/Fixtures/Moons/moons.npz, written by sklearn), network [2, 5, 2, 1],
# He seed 3, learning rate 0.0007, mini-batches of 64. Prints both runs' costs, accuracies and times, the speed-up against
# issue 14's target (100x by the clock for Adam), and NetGen's GFLOP/s as a fraction of the machine's FMA peak.
#
# Usage: benchmarks/moons.sh [--optimizer gd|momentum|adam] [--epochs N]    (from any folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
optimizer=adam
epochs=10000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --optimizer) optimizer="${2:?--optimizer needs gd, momentum or adam}"; shift 2 ;;
        --epochs) epochs="${2:?--epochs needs a number}"; shift 2 ;;
        *) echo "usage: $0 [--optimizer gd|momentum|adam] [--epochs N]" >&2; exit 2 ;;
    esac
done
python=/usr/bin/python3
if ! "$python" -c 'import numpy' 2>/dev/null; then
    echo "error: $python with numpy is needed: apt-get install python3-numpy" >&2; exit 1
fi
data=../tests/NetGen.Tests/Fixtures/Moons/moons.npz

[[ "$epochs" =~ ^[1-9][0-9]*$ ]] || { echo "error: --epochs needs a positive whole number, got '$epochs'" >&2; exit 2; }
command -v dotnet >/dev/null || { echo "error: dotnet is not on PATH; install the .NET SDK" >&2; exit 1; }
echo "Machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(nproc) cores; load $(cut -d ' ' -f 1-3 /proc/loadavg)"
dotnet build NetGen.Moons -c Release -v quiet -nologo >/dev/null
echo "== numpy (the course's loop, float64)"
numpy_out=$("$python" peers/moons_numpy.py --optimizer "$optimizer" --epochs "$epochs" --data "$data")
echo "$numpy_out"
echo "== NetGen (Train, float32)"
netgen_out=$(dotnet NetGen.Moons/bin/Release/net10.0/NetGen.Moons.dll --data "$data" --optimizer "$optimizer" --epochs "$epochs")
echo "$netgen_out"
field() { sed -n "s/^RESULT .* $1=\([0-9.]*\).*/\1/p" <<<"$2"; }
echo "== FMA peak"
peak=$(./peak.sh --gflops) || { echo "error: benchmarks/peak.sh (the FMA peak) failed" >&2; exit 1; }
# Issue 14's target: the Adam run at least 100 times faster than the course's numpy loop.
"$python" -c "import sys; sys.path.insert(0, 'peers'); import common
n, nc, g, gc, peak, epochs = map(float, sys.argv[1:])
common.speed_report('Moons $optimizer, $epochs epochs', 'the course\'s numpy loop', n, nc, g, gc,
                    epochs * common.training_flops([2, 5, 2, 1], 300), 100, peak, $(nproc))" \
    "$(field seconds "$numpy_out")" "$(field cpu_seconds "$numpy_out")" "$(field seconds "$netgen_out")" "$(field cpu_seconds "$netgen_out")" "$peak" "$epochs"
