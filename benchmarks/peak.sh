#!/usr/bin/env bash
# This machine's FMA peak: fused multiply-adds of the widest accelerated vector (512, 256 bits or scalar, as NetGen's
# kernels pick), from registers only, on 1 core and on every core; 2 FLOPs per multiply-add per lane.
# compare.sh, moons.sh, digits.sh and threads.sh show their figures as a fraction of it.
#
# Usage: benchmarks/peak.sh              prints the RESULT lines (threads=1 and threads=<cores>)
#        benchmarks/peak.sh --gflops     prints only the machine's peak GFLOP/s: the every-core measurement, or the
#                                        cores times the one-core figure when that is larger (a busy machine)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
[[ $# -le 1 && ( $# -eq 0 || "$1" == --gflops ) ]] || { echo "usage: $0 [--gflops]" >&2; exit 2; }
command -v dotnet >/dev/null || { echo "error: dotnet is not on PATH; install the .NET SDK" >&2; exit 1; }
if ! build_output=$(dotnet build NetGen.Compare -c Release -o NetGen.Compare/bin/compare 2>&1); then
    echo "error: building benchmarks/NetGen.Compare failed; its output:" >&2; echo "$build_output" >&2; exit 1
fi
cores=$(nproc)
output=$(dotnet NetGen.Compare/bin/compare/NetGen.Compare.dll --mode peak --threads "$cores")
if [[ $# -eq 0 ]]; then
    grep '^RESULT ' <<<"$output"
else
    one=$(sed -n "s/^RESULT name=peak threads=1 .*gflops=\([0-9.]*\).*/\1/p" <<<"$output")
    all=$(sed -n "s/^RESULT name=peak threads=$cores .*gflops=\([0-9.]*\).*/\1/p" <<<"$output")
    # The larger of the all-core measurement and the cores times the one-core figure (other processes may hold cores).
    awk -v one="$one" -v all="$all" -v cores="$cores" 'BEGIN { b = cores * one; printf "%.1f\n", (all > b ? all : b) }' 
fi
