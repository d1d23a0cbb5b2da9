#!/usr/bin/env bash
# Side-by-side training speed: the course's numpy network in float64 and float32, the same in
# PyTorch on the CPU (when installed) and NetGen, on the same network (12288-20-7-5-1), batch (209)
# and number of iterations. Prints ms per iteration and NetGen's speed-up over each peer.
#
# Usage: benchmarks/compare.sh [--iterations N]    (from any folder)
set -euo pipefail

usage() { echo "usage: $0 [--iterations N]   (default 200 timed iterations per runner)"; }

iterations=200
warmup=10
while [[ $# -gt 0 ]]; do
    case "$1" in
        --iterations)
            if [[ $# -lt 2 || ! "$2" =~ ^[1-9][0-9]*$ ]]; then
                echo "error: --iterations needs a positive whole number, got '${2:-nothing}'" >&2; usage >&2; exit 2
            fi
            iterations="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "error: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")"

# Debian's Python: the python3 first on PATH may be a pyenv shim without numpy.
python=/usr/bin/python3
if [[ ! -x "$python" ]] || ! "$python" -c 'import numpy' 2>/dev/null; then
    echo "error: $python with numpy is needed for the peers. Install Debian's packages:" >&2
    echo "    apt-get install python3-numpy libopenblas0-pthread    (PyTorch, optional: python3-torch)" >&2
    exit 1
fi

version_or() { "$@" 2>/dev/null || echo "not installed"; }

# --- what the numbers were measured on ---------------------------------------------------------
echo "Machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(nproc) cores available"
echo "Load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg) (timings are noisy when this exceeds the core count)"
echo "Python:  $("$python" --version 2>&1 | cut -d ' ' -f 2) ($python)"
echo "numpy:   $("$python" -c 'import sys, numpy; sys.path.insert(0, "peers"); import common; print(numpy.__version__, "with", common.blas_description())')"
echo "PyTorch: $(version_or "$python" -c 'import torch; print(torch.__version__)') $(version_or dpkg-query -W -f '(Debian python3-torch ${Version})' python3-torch)"
echo ".NET:    $(version_or dotnet --version)"
echo "Network 12288-20-7-5-1, batch 209, $iterations timed iterations after $warmup warm-up iterations per peer"
echo

# --- run everyone -------------------------------------------------------------------------------
results=()

# Runs a command, keeps its last RESULT line; on failure shows its output and stops.
run() {
    local label="$1"; shift
    echo "running $label ..." >&2
    local output
    if ! output=$("$@" 2>&1); then
        echo "error: $label failed; its output:" >&2
        echo "$output" >&2
        exit 1
    fi
    local line
    line=$(grep '^RESULT ' <<<"$output" | tail -n 1 || true)
    if [[ -z "$line" ]]; then
        echo "error: $label printed no RESULT line; its output:" >&2
        echo "$output" >&2
        exit 1
    fi
    results+=("$line")
}

peer_args=(--iterations "$iterations" --warmup "$warmup")
run "numpy float64" "$python" peers/numpy_train.py --dtype float64 "${peer_args[@]}"
run "numpy float32" "$python" peers/numpy_train.py --dtype float32 "${peer_args[@]}"
run "PyTorch float32" "$python" peers/torch_train.py --dtype float32 "${peer_args[@]}"

netgen_note=""
if ! command -v dotnet >/dev/null; then
    netgen_note="NetGen: dotnet is not on PATH, so only the peers' numbers are shown."
else
    # Built first, then launched directly: a lingering `dotnet run` host would share the two cores with the timed run.
    echo "building NetGen.Compare (Release) ..." >&2
    if ! build_output=$(dotnet build NetGen.Compare -c Release -o NetGen.Compare/bin/compare 2>&1); then
        echo "error: building benchmarks/NetGen.Compare failed; its output:" >&2
        echo "$build_output" >&2
        exit 1
    fi
    netgen=(dotnet NetGen.Compare/bin/compare/NetGen.Compare.dll --iterations "$iterations" --warmup "$warmup")
    run "NetGen Train (Auto)" "${netgen[@]}" --mode train
    run "NetGen Train (Direct)" "${netgen[@]}" --mode train-direct
fi

# --- the table ----------------------------------------------------------------------------------
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

# NetGen's two Train runs: Auto (the Gram-matrix form of layer 1 here) and Direct (two products with the inputs per iteration).
auto_ms=""
direct_ms=""
for line in "${results[@]}"; do
    case "$(field "$line" name)" in
        netgen-gram) auto_ms=$(field "$line" ms_per_iter) ;;
        netgen-direct) direct_ms=$(field "$line" ms_per_iter) ;;
    esac
done
# Auto falls back to the direct form when the Gram matrix would not pay; then both rows are direct.
[[ -z "$auto_ms" ]] && auto_ms="$direct_ms"

ratio() { awk -v peer="$1" -v netgen="$2" 'BEGIN { if (netgen > 0 && peer > 0) printf "%.1fx", peer / netgen; else printf "n/a" }'; }

echo
echo "Speed-ups are the runner's ms/iter over NetGen's: 'Train' with the default TrainingAlgorithm.Auto, 'Direct' with"
echo "TrainingAlgorithm.Direct (the course's arithmetic: W1 times X and dZ1 times X every iteration)."
printf '%-16s %10s %15s %16s %8s %11s\n' "runner" "ms/iter" "Train speed-up" "Direct speed-up" "threads" "final cost"
for line in "${results[@]}"; do
    name=$(field "$line" name)
    skipped=$(field "$line" skipped)
    if [[ -n "$skipped" ]]; then
        printf '%-16s %10s\n' "$name" "skipped ($skipped)"
        continue
    fi
    ms=$(field "$line" ms_per_iter)
    over_auto="-"
    over_direct="-"
    if [[ -n "$auto_ms" && "$name" != "netgen-gram" ]]; then over_auto=$(ratio "$ms" "$auto_ms"); fi
    if [[ -n "$direct_ms" && "$name" != netgen-* ]]; then over_direct=$(ratio "$ms" "$direct_ms"); fi
    printf '%-16s %10s %15s %16s %8s %11s\n' "$name" "$ms" "$over_auto" "$over_direct" "$(field "$line" threads)" "$(field "$line" final_cost)"
done
if [[ -n "$netgen_note" ]]; then
    echo
    echo "$netgen_note"
fi
