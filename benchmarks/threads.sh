#!/usr/bin/env bash
# Thread scaling of the cat network 12288-20-7-5-1 (batch 209): Train (the course's arithmetic) and batched Predict with
# NetGen.Kernels.WorkSplitter.ThreadCount = 1, 2, 4, ... up to the cores available, each with the FMA peak of as many
# cores, checking that the trained weights and the predictions are the same bits at every thread count (exit 1 if not);
# then the read bandwidth of an X-sized and a 512 MB array, the other input of the 16-core estimate in RESULTS.md.
#
# Usage: benchmarks/threads.sh [--iterations N] [--threads MAX]    (from any folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
iterations=100
threads=$(nproc)
while [[ $# -gt 0 ]]; do
    case "$1" in
        --iterations|--threads)
            [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "error: $1 needs a positive whole number, got '${2:-nothing}'" >&2; exit 2; }
            [[ "$1" == --iterations ]] && iterations="$2" || threads="$2"; shift 2 ;;
        *) echo "usage: $0 [--iterations N] [--threads MAX]" >&2; exit 2 ;;
    esac
done
command -v dotnet >/dev/null || { echo "error: dotnet is not on PATH; install the .NET SDK" >&2; exit 1; }
echo "Machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(nproc) cores; load $(cut -d ' ' -f 1-3 /proc/loadavg)"
if ! build_output=$(dotnet build NetGen.Compare -c Release -o NetGen.Compare/bin/compare 2>&1); then
    echo "error: building benchmarks/NetGen.Compare failed; its output:" >&2; echo "$build_output" >&2; exit 1
fi
dotnet NetGen.Compare/bin/compare/NetGen.Compare.dll --mode threads --threads "$threads" --iterations "$iterations"
echo
echo "Read bandwidth (GB/s) of an array the size of the cat batch X (10.3 MB) and of a 512 MB one, over 1 and $threads threads:"
dotnet NetGen.Compare/bin/compare/NetGen.Compare.dll --mode peak --bandwidth --threads "$threads" | grep '^RESULT name=read-bandwidth'
