#!/bin/bash
# flat_memory.sh - mtlint's resident memory over a long batch run: samples
# the RSS and the input bytes read every few seconds, so a table shows
# whether memory stays flat as the input grows (200 MB to 2 GB).
#
# Usage: tests/bench/flat_memory.sh [-b BUILD_DIR] [-s SECONDS] [-t LIMIT]
#                                   INPUT.jsonl [MTLINT_OPTION...]
#   -s  seconds between samples (default 10)
#   -t  stop the run after LIMIT seconds (default: let it finish)
# Prints "seconds  MB read  RSS MB" lines, then the peak RSS.  The input
# is read twice with the default --batch-rules auto (the batch first pass,
# then the checks), so "MB read" goes up to twice the input size.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=build
every=10
limit=0
while getopts "b:s:t:" o; do
    case $o in
    b) build=$OPTARG ;;
    s) every=$OPTARG ;;
    t) limit=$OPTARG ;;
    *) sed -n '2,13p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
input=${1:?usage: flat_memory.sh [-b BUILD_DIR] [-s SECONDS] [-t LIMIT] INPUT.jsonl [OPTION...]}
shift
case $build in /*) ;; *) build=$root/$build ;; esac
export MTLINT_LEXICON_PATH=${MTLINT_LEXICON_PATH:-$root/lexicons}

echo "# $(basename "$input"): $(($(stat -c %s "$input") / 1000000)) MB; mtlint --jsonl -o /dev/null $*"
printf '%8s %10s %8s\n' seconds "MB read" "RSS MB"
"$build/src/mtlint" --no-progress -q --jsonl -o /dev/null "$@" "$input" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
start=$SECONDS
peak=0
while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    rd=$(awk '/^rchar/ {print $2}' "/proc/$pid/io" 2>/dev/null || echo 0)
    [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
    [ -n "$rss" ] && printf '%8d %10.0f %8.1f\n' $((SECONDS - start)) \
        "$(awk -v r="$rd" 'BEGIN {print r / 1e6}')" \
        "$(awk -v r="$rss" 'BEGIN {print r / 1024}')"
    if [ "$limit" -gt 0 ] && [ $((SECONDS - start)) -ge "$limit" ]; then
        echo "# stopped after $limit s"
        kill "$pid" 2>/dev/null || true
        break
    fi
    sleep "$every"
done
rc=0
wait "$pid" 2>/dev/null || rc=$?
trap - EXIT
echo "# mtlint exited $rc after $((SECONDS - start)) s"
echo "# peak RSS (VmHWM): $(awk -v p="$peak" 'BEGIN {printf "%.1f", p / 1024}') MB"
