#!/usr/bin/env bash
# Side-by-side training speed: the course's numpy network in float64 and float32, the same in
# PyTorch on the CPU (when installed) and NetGen, on the same network (12288-20-7-5-1), batch (209)
# and number of iterations. Prints ms per iteration and NetGen's speed-up over each peer: first
# like for like (NetGen's Train in the course's arithmetic), then NetGen's opt-in Gram-matrix form.
#
# The peers get their best configuration here: OpenBLAS's own choice of kernels for this CPU, or,
# where it does not know the CPU and falls back to Prescott (SSE3) as Debian's 0.3.21 does on recent
# ones, OPENBLAS_CORETYPE=SkylakeX (AVX-512) or Haswell (AVX2). The kernel each peer ran is printed.
#
# Usage: benchmarks/compare.sh [--iterations N] [--openblas-coretype NAME]    (from any folder)
set -euo pipefail

usage() {
    echo "usage: $0 [--iterations N] [--openblas-coretype NAME]"
    echo "  --iterations N             timed iterations per runner (default 200)"
    echo "  --openblas-coretype NAME   the peers' OpenBLAS kernels (default: OpenBLAS's choice, or SkylakeX / Haswell"
    echo "                             by the CPU's flags where OpenBLAS falls back to Prescott)"
}

iterations=200
warmup=10
coretype_asked=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --openblas-coretype)
            if [[ $# -lt 2 || ! "$2" =~ ^[A-Za-z0-9]+$ ]]; then
                echo "error: --openblas-coretype needs a kernel name such as SkylakeX or Haswell, got '${2:-nothing}'" >&2; usage >&2; exit 2
            fi
            coretype_asked="$2"; shift 2 ;;
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

# --- the peers' OpenBLAS kernels -----------------------------------------------------------------
# The kernel OpenBLAS runs for numpy under the environment given as arguments (env ...).
kernel_under() { "$@" "$python" -c 'import sys, numpy; sys.path.insert(0, "peers"); import common; print(common.openblas_kernel())'; }

if [[ -n "${OPENBLAS_CORETYPE:-}" ]]; then
    echo "note: OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE from the environment is not used; --openblas-coretype sets it" >&2
fi
openblas_choice=$(kernel_under env -u OPENBLAS_CORETYPE)
coretype="$coretype_asked"
kernel_reason="as asked (--openblas-coretype)"
if [[ -z "$coretype" ]]; then
    kernel_reason="OpenBLAS's own choice for this CPU"
    if [[ "$openblas_choice" == Prescott ]]; then
        # OpenBLAS did not recognise the CPU: its SSE3 kernels would run at a fraction of the CPU's speed.
        if grep -qw avx512f /proc/cpuinfo; then
            coretype=SkylakeX
        elif grep -qw avx2 /proc/cpuinfo; then
            coretype=Haswell
        fi
        [[ -n "$coretype" ]] && kernel_reason="OpenBLAS fell back to Prescott on this CPU, which has $([[ $coretype == SkylakeX ]] && echo AVX-512 || echo AVX2)"
    fi
fi
peer_env=(env -u OPENBLAS_CORETYPE)
[[ -n "$coretype" ]] && peer_env=(env "OPENBLAS_CORETYPE=$coretype")
peer_kernel=$(kernel_under "${peer_env[@]}")
if [[ -n "$coretype" && "$peer_kernel" != "$coretype" ]]; then
    echo "error: OPENBLAS_CORETYPE=$coretype gave OpenBLAS kernel '$peer_kernel'; this OpenBLAS does not offer $coretype" >&2
    exit 1
fi

# --- what the numbers were measured on ---------------------------------------------------------
echo "Machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(nproc) cores available"
echo "Load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg) (timings are noisy when this exceeds the core count)"
echo "Python:  $("$python" --version 2>&1 | cut -d ' ' -f 2) ($python)"
echo "numpy:   $("${peer_env[@]}" "$python" -c 'import sys, numpy; sys.path.insert(0, "peers"); import common; print(numpy.__version__, "with", common.blas_description())')"
echo "OpenBLAS kernels for the peers: $peer_kernel ($kernel_reason$([[ -n "$coretype" ]] && echo ": OPENBLAS_CORETYPE=$coretype"); OpenBLAS alone picks $openblas_choice)"
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
run "numpy float64" "${peer_env[@]}" "$python" peers/numpy_train.py --dtype float64 "${peer_args[@]}"
run "numpy float32" "${peer_env[@]}" "$python" peers/numpy_train.py --dtype float32 "${peer_args[@]}"
run "PyTorch float32" "${peer_env[@]}" "$python" peers/torch_train.py --dtype float32 "${peer_args[@]}"

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
    run "NetGen Train (the course's arithmetic)" "${netgen[@]}" --mode train
    run "NetGen Train (Gram-matrix form)" "${netgen[@]}" --mode train-gram-matrix
fi

# --- the tables ---------------------------------------------------------------------------------
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
ratio() { awk -v peer="$1" -v netgen="$2" 'BEGIN { if (netgen > 0 && peer > 0) printf "%.1fx", peer / netgen; else printf "n/a" }'; }

direct_ms=""
gram_ms=""
for line in "${results[@]}"; do
    case "$(field "$line" name)" in
        netgen-direct) direct_ms=$(field "$line" ms_per_iter) ;;
        netgen-gram) gram_ms=$(field "$line" ms_per_iter) ;;
    esac
done

echo
echo "Like for like: every runner computes the course's arithmetic (W1 times X and dZ1 times X every iteration);"
echo "NetGen's is Train with its defaults. Speed-up: the runner's ms/iter over NetGen's."
printf '%-16s %10s %16s %12s %8s %11s\n' "runner" "ms/iter" "NetGen speed-up" "BLAS kernel" "threads" "final cost"
for line in "${results[@]}"; do
    name=$(field "$line" name)
    [[ "$name" == netgen-gram ]] && continue
    skipped=$(field "$line" skipped)
    if [[ -n "$skipped" ]]; then
        printf '%-16s %10s\n' "$name" "skipped ($skipped)"
        continue
    fi
    ms=$(field "$line" ms_per_iter)
    speedup="-"
    [[ -n "$direct_ms" && "$name" != netgen-* ]] && speedup=$(ratio "$ms" "$direct_ms")
    kernel=$(field "$line" kernel)
    printf '%-16s %10s %16s %12s %8s %11s\n' "$name" "$ms" "$speedup" "${kernel:--}" "$(field "$line" threads)" "$(field "$line" final_cost)"
done

if [[ -n "$gram_ms" ]]; then
    echo
    echo "A different arithmetic: NetGen's opt-in Gram-matrix form of layer 1 (FirstLayerArithmetic.GramMatrix), the same"
    echo "gradient descent in exact arithmetic but rounded differently; numpy or PyTorch could be written this way too."
    printf '%-18s %10s %s\n' "runner" "ms/iter" "its speed-up over each runner above"
    line=""
    for r in "${results[@]}"; do [[ "$(field "$r" name)" == netgen-gram ]] && line="$r"; done
    over=()
    for r in "${results[@]}"; do
        name=$(field "$r" name)
        [[ "$name" == netgen-gram || -n "$(field "$r" skipped)" ]] && continue
        over+=("$name $(ratio "$(field "$r" ms_per_iter)" "$gram_ms")")
    done
    printf '%-18s %10s %s\n' "netgen-gram-matrix" "$gram_ms" "$(IFS=,; echo "${over[*]}" | sed 's/,/, /g')"
    echo "(final cost $(field "$line" final_cost))"
fi
if [[ -n "$netgen_note" ]]; then
    echo
    echo "$netgen_note"
fi
