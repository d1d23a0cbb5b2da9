#!/usr/bin/env bash
# Every figure of issues 13 and 14 in one command, one after the other (never two at once, so that they do not share
# the cores), each headed by the CPU and the load average at its start, everything also written to a log:
#   peak.sh      the FMA peak (1 core and every core)
#   compare.sh   training, cat network and 2-10-5-1, against numpy float64/float32 and PyTorch (1 and every thread)
#   threads.sh   thread scaling of the cat network's Train and batched Predict, same bits at every count; read bandwidth
#   BenchmarkDotNet OnnxRuntimeComparison: Predict against ONNX Runtime (1 and 2 intra-op threads), cat 1/209,
#                [64, 32, 10] softmax 1/256, [4, 8, 8, 1] 1
#   moons.sh     the sequel's Adam run, 10000 epochs, against the course's numpy loop
#   digits.sh    samples/Digits against sklearn's MLPClassifier
#
# Usage: benchmarks/all.sh [--quick] [LOG]   (default LOG: $TMPDIR or /tmp/netgen-benchmarks-<date>.log; --quick: fewer iterations and
#        BenchmarkDotNet's short job, to check that everything runs, not for figures)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
quick=false
[[ "${1:-}" == --quick ]] && { quick=true; shift; }
log="${1:-${TMPDIR:-/tmp}/netgen-benchmarks-$(date -u +%Y%m%dT%H%M%SZ).log}"
[[ $# -le 1 ]] || { echo "usage: $0 [--quick] [LOG]" >&2; exit 2; }
command -v dotnet >/dev/null || { echo "error: dotnet is not on PATH; install the .NET SDK" >&2; exit 1; }

section() {
    echo
    echo "=================================================================================================="
    echo "== $1"
    echo "== $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(nproc) cores; load average $(cut -d ' ' -f 1-3 /proc/loadavg); $(date -u +%H:%M:%SZ)"
    echo "=================================================================================================="
}

{
    echo "lscpu:"; lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket|L1d|L2|L3|CPU family|Model:)'
    section "FMA peak: benchmarks/peak.sh"
    ./peak.sh
    if $quick; then
        section "Training side by side: benchmarks/compare.sh --iterations 20 --small-iterations 200"
        ./compare.sh --iterations 20 --small-iterations 200
        section "Thread scaling: benchmarks/threads.sh --iterations 20"
        ./threads.sh --iterations 20
    else
        section "Training side by side: benchmarks/compare.sh"
        ./compare.sh
        section "Thread scaling: benchmarks/threads.sh"
        ./threads.sh
    fi
    job=(); $quick && job=(--job short)
    section "Inference against ONNX Runtime: BenchmarkDotNet --filter '*OnnxRuntimeComparison*' --inProcess ${job[*]}"
    dotnet build NetGen.Benchmarks -c Release -v quiet -nologo >/dev/null
    # In process: run out of process (BenchmarkDotNet's separate build of the project) at load 49, every row came out NA.
    dotnet NetGen.Benchmarks/bin/Release/net10.0/NetGen.Benchmarks.dll --filter '*OnnxRuntimeComparison*' --inProcess "${job[@]}" \
        | sed -n '/^\/\/ \* Summary \*/,/^\/\/ \* Legends \*/p'
    if $quick; then
        section "Moons: benchmarks/moons.sh --epochs 1000"; ./moons.sh --epochs 1000
        section "Digits: benchmarks/digits.sh --epochs 30"; ./digits.sh --epochs 30
    else
        section "Moons: benchmarks/moons.sh"; ./moons.sh
        section "Digits: benchmarks/digits.sh"; ./digits.sh
    fi
} 2>&1 | tee "$log"
echo "written to $log"
