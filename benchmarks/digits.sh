#!/usr/bin/env bash
# samples/Digits side by side with sklearn's MLPClassifier on the same data and stratified split
# (tests/NetGen.Tests/Fixtures/Digits/digits.npz, written by sklearn) and settings: one hidden layer of 32, softmax,
# Adam learning rate 0.001, batches of 200, L2 1e-4, 300 epochs. Prints both test accuracies, times, the speed-up against
# issue 14's targets (10x by the clock, accuracy within 1.5 points) and NetGen's GFLOP/s as a fraction of the FMA peak.
#
# Usage: benchmarks/digits.sh [--epochs N]    (from any folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
epochs=300
while [[ $# -gt 0 ]]; do
    case "$1" in
        --epochs) epochs="${2:?--epochs needs a number}"; shift 2 ;;
        *) echo "usage: $0 [--epochs N]" >&2; exit 2 ;;
    esac
done
python=/usr/bin/python3
if ! "$python" -c 'import sklearn' 2>/dev/null; then
    echo "error: $python with sklearn is needed: apt-get install python3-sklearn" >&2; exit 1
fi
[[ "$epochs" =~ ^[1-9][0-9]*$ ]] || { echo "error: --epochs needs a positive whole number, got '$epochs'" >&2; exit 2; }
command -v dotnet >/dev/null || { echo "error: dotnet is not on PATH; install the .NET SDK" >&2; exit 1; }
data=../tests/NetGen.Tests/Fixtures/Digits/digits.npz
echo "Machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(nproc) cores; load $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "sklearn $("$python" -c 'import sklearn; print(sklearn.__version__)'), numpy $("$python" -c 'import numpy; print(numpy.__version__)'), .NET $(dotnet --version)"
dotnet build ../samples/Digits -c Release -v quiet -nologo >/dev/null
echo "== sklearn MLPClassifier"
sklearn_out=$("$python" peers/digits_sklearn.py --data "$data" --epochs "$epochs")
echo "$sklearn_out"
echo "== NetGen (samples/Digits, Train timed after one untimed run)"
netgen_out=$(cd "$(mktemp -d)" && dotnet "$OLDPWD/../samples/Digits/bin/Release/net10.0/Digits.dll" --epochs "$epochs" --warmup)
grep -E "Test accuracy|Trained|RESULT" <<<"$netgen_out"
field() { sed -n "s/^RESULT .* $1=\([0-9.]*\).*/\1/p" <<<"$2"; }
echo "== FMA peak"
peak=$(./peak.sh --gflops) || { echo "error: benchmarks/peak.sh (the FMA peak) failed" >&2; exit 1; }
# Issue 14's targets: the same test accuracy within 1.5 points, at least 10 times faster than sklearn.
"$python" -c "import sys; sys.path.insert(0, 'peers'); import common, numpy
s, sc, n, nc, sa, na, peak, epochs = map(float, sys.argv[1:])
train = len(numpy.load('$data')['train_index'])
common.speed_report(f'Digits, {epochs:.0f} epochs', 'sklearn MLPClassifier', s, sc, n, nc,
                    epochs * common.training_flops([64, 32, 10], train), 10, peak, $(nproc))
print(f'Test accuracy: NetGen {na:.4f}, sklearn {sa:.4f} ({100 * (na - sa):+.2f} points; target within 1.5 points: {\"met\" if abs(na - sa) <= 0.015 else \"not met\"})')" \
    "$(field seconds "$sklearn_out")" "$(field cpu_seconds "$sklearn_out")" "$(field seconds "$netgen_out")" "$(field cpu_seconds "$netgen_out")" \
    "$(field test_accuracy "$sklearn_out")" "$(field test_accuracy "$netgen_out")" "$peak" "$epochs"
