#!/usr/bin/env bash
# Side-by-side training speed, every figure also a fraction of this machine's FMA peak:
#   1. the FMA peak (NetGen.Compare --mode peak: the widest accelerated vector, on 1 core and on every core);
#   2. the course's cat network 12288-20-7-5-1, one training iteration on a batch of 209: numpy float64 and float32,
#      PyTorch float32 on 1 and on every thread, NetGen's Train (the course's arithmetic) and its opt-in Gram-matrix form;
#   3. the small network 2-10-5-1, one full-batch gradient-descent step on the 300 moons examples: the same runners.
# Prints ms per iteration, GFLOP/s, % of the all-core peak and NetGen's speed-up over each peer, then the targets of
# issue 13. FLOPs: 2 per multiply-add of the matrix products the course's algorithm needs (forward, dW, and dA of
# layers 2 to L; not dA0, which the peers compute on top and no update uses; element-wise work not counted).
#
# The peers get their best configuration: OpenBLAS's own choice of kernels for this CPU, or, where it does not know
# the CPU and falls back to Prescott (SSE3) as Debian's 0.3.21 does on recent ones, OPENBLAS_CORETYPE=SkylakeX
# (AVX-512) or Haswell (AVX2); PyTorch with 1 thread and with every core (both shown, the best used for the ratios).
#
# Usage: benchmarks/compare.sh [--iterations N] [--small-iterations N] [--openblas-coretype NAME]    (from any folder)
set -euo pipefail

usage() {
    echo "usage: $0 [--iterations N] [--small-iterations N] [--openblas-coretype NAME]"
    echo "  --iterations N             timed iterations of the cat network per runner (default 200)"
    echo "  --small-iterations N       timed steps of the 2-10-5-1 network per runner (default 2000)"
    echo "  --openblas-coretype NAME   the peers' OpenBLAS kernels (default: OpenBLAS's choice, or SkylakeX / Haswell"
    echo "                             by the CPU's flags where OpenBLAS falls back to Prescott)"
}

positive() { [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "error: $1 needs a positive whole number, got '${2:-nothing}'" >&2; usage >&2; exit 2; }; }

iterations=200
small_iterations=2000
warmup=10
coretype_asked=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --openblas-coretype)
            if [[ $# -lt 2 || ! "$2" =~ ^[A-Za-z0-9]+$ ]]; then
                echo "error: --openblas-coretype needs a kernel name such as SkylakeX or Haswell, got '${2:-nothing}'" >&2; usage >&2; exit 2
            fi
            coretype_asked="$2"; shift 2 ;;
        --iterations) positive "$1" "${2:-}"; iterations="$2"; shift 2 ;;
        --small-iterations) positive "$1" "${2:-}"; small_iterations="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "error: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")"
moons=../tests/NetGen.Tests/Fixtures/Moons/moons.npz
cores=$(nproc)

# Debian's Python: the python3 first on PATH may be a pyenv shim without numpy.
python=/usr/bin/python3
if [[ ! -x "$python" ]] || ! "$python" -c 'import numpy' 2>/dev/null; then
    echo "error: $python with numpy is needed for the peers. Install Debian's packages:" >&2
    echo "    apt-get install python3-numpy libopenblas0-pthread    (PyTorch, optional: python3-torch)" >&2
    exit 1
fi
if ! command -v dotnet >/dev/null; then
    echo "error: dotnet is not on PATH; NetGen's runner and the FMA peak need the .NET SDK" >&2
    exit 1
fi
[[ -f "$moons" ]] || { echo "error: $moons (the moons fixture) is missing" >&2; exit 1; }

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
echo "Machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $cores cores available"
echo "Load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg) (timings are noisy when this exceeds the core count)"
echo "Python:  $("$python" --version 2>&1 | cut -d ' ' -f 2) ($python)"
echo "numpy:   $("${peer_env[@]}" "$python" -c 'import sys, numpy; sys.path.insert(0, "peers"); import common; print(numpy.__version__, "with", common.blas_description())')"
echo "OpenBLAS kernels for the peers: $peer_kernel ($kernel_reason$([[ -n "$coretype" ]] && echo ": OPENBLAS_CORETYPE=$coretype"); OpenBLAS alone picks $openblas_choice)"
echo "PyTorch: $(version_or "$python" -c 'import torch; print(torch.__version__)') $(version_or dpkg-query -W -f '(Debian python3-torch ${Version})' python3-torch)"
echo ".NET:    $(version_or dotnet --version)"
echo "TorchSharp: not run (TorchSharp-cpu 0.107.0's libLibTorchSharp.so needs GLIBCXX_3.4.32; see RESULTS.md)"
echo

# --- run everyone -------------------------------------------------------------------------------
results=()

# Runs a command, keeps its RESULT lines; on failure shows its output and stops.
run() {
    local label="$1"; shift
    echo "running $label ..." >&2
    local output
    if ! output=$("$@" 2>&1); then
        echo "error: $label failed; its output:" >&2
        echo "$output" >&2
        exit 1
    fi
    local lines
    lines=$(grep '^RESULT ' <<<"$output" || true)
    if [[ -z "$lines" ]]; then
        echo "error: $label printed no RESULT line; its output:" >&2
        echo "$output" >&2
        exit 1
    fi
    while IFS= read -r line; do results+=("$line"); done <<<"$lines"
}

# Built first, then launched directly: a lingering `dotnet run` host would share the cores with the timed runs.
echo "building NetGen.Compare (Release) ..." >&2
if ! build_output=$(dotnet build NetGen.Compare -c Release -o NetGen.Compare/bin/compare 2>&1); then
    echo "error: building benchmarks/NetGen.Compare failed; its output:" >&2
    echo "$build_output" >&2
    exit 1
fi
netgen=(dotnet NetGen.Compare/bin/compare/NetGen.Compare.dll --warmup "$warmup" --threads "$cores")

run "FMA peak" "${netgen[@]}" --mode peak
cat_args=(--iterations "$iterations" --warmup "$warmup")
run "numpy float64 (cat)" "${peer_env[@]}" "$python" peers/numpy_train.py --dtype float64 "${cat_args[@]}"
run "numpy float32 (cat)" "${peer_env[@]}" "$python" peers/numpy_train.py --dtype float32 "${cat_args[@]}"
run "PyTorch float32, 1 thread (cat)" "${peer_env[@]}" "$python" peers/torch_train.py --dtype float32 --threads 1 "${cat_args[@]}"
[[ $cores -gt 1 ]] && run "PyTorch float32, $cores threads (cat)" "${peer_env[@]}" "$python" peers/torch_train.py --dtype float32 --threads "$cores" "${cat_args[@]}"
run "NetGen Train (the course's arithmetic)" "${netgen[@]}" --iterations "$iterations" --mode train
run "NetGen Train (Gram-matrix form)" "${netgen[@]}" --iterations "$iterations" --mode train-gram-matrix
small_args=(--network small --data "$moons" --iterations "$small_iterations" --warmup "$warmup")
run "numpy float64 (2-10-5-1)" "${peer_env[@]}" "$python" peers/numpy_train.py --dtype float64 "${small_args[@]}"
run "numpy float32 (2-10-5-1)" "${peer_env[@]}" "$python" peers/numpy_train.py --dtype float32 "${small_args[@]}"
run "PyTorch float32, 1 thread (2-10-5-1)" "${peer_env[@]}" "$python" peers/torch_train.py --dtype float32 --threads 1 "${small_args[@]}"
[[ $cores -gt 1 ]] && run "PyTorch float32, $cores threads (2-10-5-1)" "${peer_env[@]}" "$python" peers/torch_train.py --dtype float32 --threads "$cores" "${small_args[@]}"
run "NetGen Train (2-10-5-1)" "${netgen[@]}" --iterations "$small_iterations" --mode small --data "$moons"

# --- the tables ---------------------------------------------------------------------------------
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
calc() { awk "BEGIN { $1 }" </dev/null; }
# The RESULT line whose fields match all the name=value pairs given.
find_result() {
    local line pair
    for line in "${results[@]}"; do
        for pair in "$@"; do [[ "$(field "$line" "${pair%%=*}")" == "${pair#*=}" ]] || continue 2; done
        echo "$line"; return
    done
}

peak1=$(field "$(find_result name=peak threads=1)" gflops)
peak_all=$(field "$(find_result name=peak threads="$cores")" gflops)
peak_all=${peak_all:-$peak1}
width=$(field "$(find_result name=peak threads=1)" width)
# The machine's peak: the all-core measurement, or the cores times the one-core figure when other processes held
# cores during it (the larger of the two, so a busy machine does not flatter the fractions).
peak=$(calc "a = $peak_all; b = $cores * $peak1; printf \"%.1f\", (a > b ? a : b)")
echo
echo "FMA peak ($width floats per fused multiply-add, 2 FLOPs each, registers only): $peak1 GFLOP/s on 1 core, $peak_all GFLOP/s"
echo "measured on $cores at once; the machine's peak taken as $peak GFLOP/s (the larger of that and $cores x the 1-core figure)."
echo "'% of peak' below is of it, whatever threads a runner used."

# best_ms NETWORK NAME: the fastest run of NAME (over its thread counts), as "ms threads".
best_of() {
    local best="" threads="" line
    for line in "${results[@]}"; do
        [[ "$(field "$line" network)" == "$1" && "$(field "$line" name)" == "$2" && -z "$(field "$line" skipped)" ]] || continue
        local ms; ms=$(field "$line" ms_per_iter)
        if [[ -z "$best" ]] || calc "exit !($ms < $best)"; then best=$ms; threads=$(field "$line" threads); fi
    done
    [[ -n "$best" ]] && echo "$best $threads"
}

# table NETWORK NETGEN_NAME TITLE: one row per runner of NETWORK, NetGen's speed-up over each.
table() {
    local network="$1" netgen_name="$2" title="$3"
    local netgen_line; netgen_line=$(find_result network="$network" name="$netgen_name")
    local netgen_ms; netgen_ms=$(field "$netgen_line" ms_per_iter)
    local flops; flops=$(field "$netgen_line" flops_per_iter)
    echo
    echo "$title"
    echo "FLOPs per iteration: $(calc "printf \"%.3f M\", $flops / 1e6")"
    printf '%-20s %8s %10s %8s %10s %16s %12s %11s\n' runner threads ms/iter GFLOP/s "% of peak" "NetGen speed-up" "BLAS kernel" "final cost"
    local line
    for line in "${results[@]}"; do
        [[ "$(field "$line" network)" == "$network" ]] || continue
        local name; name=$(field "$line" name)
        [[ "$name" == netgen-gram ]] && continue
        local skipped; skipped=$(field "$line" skipped)
        if [[ -n "$skipped" ]]; then printf '%-20s %s\n' "$name" "skipped ($skipped)"; continue; fi
        local ms; ms=$(field "$line" ms_per_iter)
        local speedup="-"
        [[ "$line" != "$netgen_line" ]] && speedup=$(calc "printf \"%.1fx\", $ms / $netgen_ms")
        local kernel; kernel=$(field "$line" kernel)
        printf '%-20s %8s %10s %8s %10s %16s %12s %11s\n' "$name" "$(field "$line" threads)" "$ms" \
            "$(calc "printf \"%.1f\", $flops / $ms / 1e6")" "$(calc "printf \"%.1f%%\", 100 * $flops / $ms / 1e6 / $peak")" \
            "$speedup" "${kernel:--}" "$(field "$line" final_cost)"
    done
}

# summary LABEL MS FLOPS: "LABEL: X ms/iter = Y GFLOP/s = Z% of peak".
summary() { calc "printf \"%s: %s ms/iter = %.1f GFLOP/s = %.1f%% of peak\n\", \"$1\", \"$2\", $3 / $2 / 1e6, 100 * $3 / $2 / 1e6 / $peak"; }
# target WHAT PEER_MS NETGEN_MS [GOAL]: "WHAT: 3.2x (target 6x: not met)", or the ratio alone without a goal.
target() {
    [[ -n "${4:-}" ]] || { calc "printf \"  %s: %.1fx\n\", \"$1\", $2 / $3"; return; }
    calc "r = $2 / $3; printf \"  %s: %.1fx (target %sx: %s)\n\", \"$1\", r, \"$4\", (r >= $4 ? \"met\" : \"not met\")"
}

cat_line=$(find_result network=cat name=netgen-direct)
[[ -z "$cat_line" ]] && cat_line=$(find_result network=cat name=netgen-gram)
cat_ms=$(field "$cat_line" ms_per_iter); cat_flops=$(field "$cat_line" flops_per_iter)
table cat "$(field "$cat_line" name)" \
    "Cat network 12288-20-7-5-1, batch 209, $iterations iterations after $warmup warm-up: every runner computes the course's arithmetic (W1 times X and dZ1 times X every iteration); NetGen's is Train with its defaults."

gram_line=$(find_result network=cat name=netgen-gram)
if [[ -n "$gram_line" && "$gram_line" != "$cat_line" ]]; then
    gram_ms=$(field "$gram_line" ms_per_iter)
    echo
    echo "A different arithmetic: NetGen's opt-in Gram-matrix form of layer 1 (FirstLayerArithmetic.GramMatrix), the same"
    echo "gradient descent in exact arithmetic but rounded differently (numpy or PyTorch could be written this way too):"
    echo "netgen-gram-matrix $gram_ms ms/iter, final cost $(field "$gram_line" final_cost), $(calc "printf \"%.1fx\", $cat_ms / $gram_ms") over netgen-direct"
fi

small_line=$(find_result network=small name=netgen)
small_ms=$(field "$small_line" ms_per_iter); small_flops=$(field "$small_line" flops_per_iter)
table small netgen \
    "Small network 2-10-5-1, full-batch gradient descent on the 300 moons examples, $small_iterations steps after $warmup warm-up, the cost at every step."

echo
echo "Summary (ratios from this one run):"
summary "NetGen Train, cat" "$cat_ms" "$cat_flops"
summary "NetGen Train, 2-10-5-1" "$small_ms" "$small_flops"
calc "f = 100 * $cat_flops / $cat_ms / 1e6 / $peak; printf \"  cat: %.1f%% of peak (target 70%%: %s)\n\", f, (f >= 70 ? \"met\" : \"not met\")"
read -r numpy32_ms _ <<<"$(best_of cat numpy-float32)"
target "cat over numpy float32" "$numpy32_ms" "$cat_ms" 6
if torch_best=$(best_of cat pytorch-float32); then
    read -r torch_ms torch_threads <<<"$torch_best"
    target "cat over PyTorch float32 (its best: threads=$torch_threads)" "$torch_ms" "$cat_ms"
fi
read -r numpy64_ms _ <<<"$(best_of small numpy-float64)"
target "2-10-5-1 over numpy float64" "$numpy64_ms" "$small_ms" 30
if torch_best=$(best_of small pytorch-float32); then
    read -r torch_ms torch_threads <<<"$torch_best"
    target "2-10-5-1 over PyTorch float32 (its best: threads=$torch_threads)" "$torch_ms" "$small_ms" 20
fi
