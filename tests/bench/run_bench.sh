#!/bin/bash
# run_bench.sh - batch-scoring throughput and memory of mtlint against the
# ICU word-segmentation floor and `hunspell -l`, on a generated corpus.
#
# Usage: tests/bench/run_bench.sh [-b BUILD_DIR] [-n MB] [-j JOBS] [-r ROUNDS] WORKDIR
#   WORKDIR   a folder outside the repository; the corpus is generated into
#             it (tests/bench/gen_corpus.py, 200 MB) unless it is there
#   -b DIR    the meson build folder with src/mtlint (default: build)
#   -n MB     measure on the first MB megabytes of the corpus only (a
#             subset linked into WORKDIR/sub-MB); default: all of it
#   -j JOBS   the "all cores" run (default: nproc)
#   -r ROUNDS the floor, 1 core and all cores measured ROUNDS times in turn
#             (default 3): the ratios are each round's, then their median,
#             since a shared machine's speed drifts between runs
#
# Prints, for plain text (one file per document) and JSONL (one record per
# line): the ICU floor, mtlint --detectors none, mtlint with every detector
# on 1 core and on all cores, and hunspell -l -d en_US over the plain text,
# each with wall time (every input read into the page cache first),
# MB/s and docs/s on the wall clock, CPU seconds and MB/s per CPU second
# (the fair figure on a loaded machine), and peak RSS (/usr/bin/time -v).
# Then the ratios the issue sets targets for.  mtlint runs as batch users
# run it: --format jsonl to /dev/null, batch rules auto (two passes).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=build
mb=
jobs=$(nproc)
rounds=3
while getopts "b:n:j:r:" o; do
    case $o in
    b) build=$OPTARG ;;
    n) mb=$OPTARG ;;
    j) jobs=$OPTARG ;;
    r) rounds=$OPTARG ;;
    *) sed -n '2,23p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
work=${1:?usage: run_bench.sh [-b BUILD_DIR] [-n MB] [-j JOBS] WORKDIR}
case $build in /*) ;; *) build=$root/$build ;; esac
mtlint=$build/src/mtlint
[ -x "$mtlint" ] || { echo "run_bench.sh: no $mtlint: build first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run_bench.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v hunspell >/dev/null || { echo "run_bench.sh: needs hunspell (apt-get install hunspell)" >&2; exit 2; }
export MTLINT_LEXICON_PATH=${MTLINT_LEXICON_PATH:-$root/lexicons}
export LC_ALL=C.UTF-8

mkdir -p "$work"
work=$(cd "$work" && pwd)
case $work/ in "$root"/*) echo "run_bench.sh: WORKDIR must be outside the repository" >&2; exit 2 ;; esac

if [ ! -s "$work/corpus.jsonl" ] || [ ! -d "$work/txt" ]; then
    echo "# generating the corpus into $work"
    python3 "$here/gen_corpus.py" --mb 200 "$root" "$work"
fi

# the floor program, built here so the script needs no meson change
floor=$work/icu_floor
if [ ! -x "$floor" ] || [ "$here/icu_floor.c" -nt "$floor" ]; then
    cc -O2 -o "$floor" "$here/icu_floor.c" $(pkg-config --cflags --libs icu-uc)
fi

jsonl=$work/corpus.jsonl
txt=$work/txt
if [ -n "$mb" ]; then
    sub=$work/sub-$mb
    if [ ! -s "$sub/corpus.jsonl" ]; then
        rm -rf "$sub"
        mkdir -p "$sub/txt"
        head -c "$((mb * 1000000))" "$jsonl" | head -n -1 >"$sub/corpus.jsonl"
        # the same documents as plain text, hard-linked
        python3 - "$sub/corpus.jsonl" "$txt" "$sub/txt" <<'PY'
import json, os, sys
src, dst = sys.argv[2], sys.argv[3]
for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    doc_id = json.loads(line)["id"]
    folder = "%03d" % (i // 1000)
    os.makedirs(os.path.join(dst, folder), exist_ok=True)
    os.link(os.path.join(src, folder, doc_id + ".txt"),
            os.path.join(dst, folder, doc_id + ".txt"))
PY
    fi
    jsonl=$sub/corpus.jsonl
    txt=$sub/txt
fi

jsonl_bytes=$(stat -c %s "$jsonl")
jsonl_docs=$(grep -c . "$jsonl")
txt_bytes=$(find "$txt" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
txt_docs=$(find "$txt" -name '*.txt' | wc -l)

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# mtlint: $mtlint ($("$mtlint" --version))"
echo "# plain text: $txt_docs documents, $((txt_bytes / 1000000)) MB; JSONL: $jsonl_docs records, $((jsonl_bytes / 1000000)) MB"
printf '%-34s %8s %8s %9s %8s %9s %8s\n' "run" "wall s" "MB/s" "docs/s" "CPU s" "MB/cpu-s" "RSS MB"

declare -A cpu_rate wall_rate
# measure KEY LABEL BYTES DOCS CMD...  (warms the cache with $in first)
measure() {
    local key=$1 label=$2 bytes=$3 docs=$4
    shift 4
    local tf=$work/.time.$$
    warm "$in"
    if ! /usr/bin/time -v -o "$tf" "$@" >/dev/null 2>"$work/.stderr.$$"; then
        echo "run_bench.sh: '$*' failed:" >&2
        tail -5 "$work/.stderr.$$" >&2
    fi
    local wall user sys rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tf")
    user=$(awk -F': ' '/User time/ {print $2}' "$tf")
    sys=$(awk -F': ' '/System time/ {print $2}' "$tf")
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$tf")
    awk -v l="$label" -v b="$bytes" -v d="$docs" -v w="$wall" -v u="$user" \
        -v s="$sys" -v r="$rss" 'BEGIN {
        if (w <= 0) w = 0.01; c = u + s; if (c <= 0) c = 0.01;
        printf "%-34s %8.2f %8.2f %9.0f %8.2f %9.2f %8.1f\n",
               l, w, b / 1e6 / w, d / w, c, b / 1e6 / c, r / 1024 }'
    wall_rate[$key]=$(awk -v b="$bytes" -v w="$wall" 'BEGIN {if (w <= 0) w = 0.01; print b / 1e6 / w}')
    cpu_rate[$key]=$(awk -v b="$bytes" -v u="$user" -v s="$sys" 'BEGIN {c = u + s; if (c <= 0) c = 0.01; print b / 1e6 / c}')
    rm -f "$tf" "$work/.stderr.$$"
}

# Every run reads its input from the page cache: the input is read once
# before each run (76,536 small files that have dropped out of the cache
# cost more in the kernel than the floor spends segmenting them, and a
# measurement of the disk says nothing about mtlint).
warm() {
    if [ -d "$1" ]; then
        find "$1" -name '*.txt' -print0 | xargs -0 cat >/dev/null
    else
        cat "$1" >/dev/null
    fi
}

m=("$mtlint" --no-progress -q)
hun_txt=(bash -c 'find "$1" -name "*.txt" -print0 | sort -z | xargs -0 cat | hunspell -l -d en_US' hun_txt "$txt")

for kind in txt jsonl; do
    if [ $kind = txt ]; then
        b=$txt_bytes d=$txt_docs in=$txt
        mo=(--format jsonl)
        fl=()
    else
        b=$jsonl_bytes d=$jsonl_docs in=$jsonl
        mo=(--jsonl)
        fl=(--jsonl)
    fi
    echo "## $kind"
    measure ${kind}_none "mtlint --detectors none -j1" "$b" "$d" "${m[@]}" "${mo[@]}" --detectors none -j 1 "$in"
    for ((k = 1; k <= rounds; k++)); do
        [ "$rounds" -gt 1 ] && rl=" (round $k)" || rl=
        measure ${kind}_floor_$k "ICU floor (icu_floor)$rl" "$b" "$d" "$floor" "${fl[@]}" "$in"
        measure ${kind}_j1_$k "mtlint all detectors -j1$rl" "$b" "$d" "${m[@]}" "${mo[@]}" -j 1 "$in"
        measure ${kind}_jn_$k "mtlint all detectors -j$jobs$rl" "$b" "$d" "${m[@]}" "${mo[@]}" -j "$jobs" "$in"
    done
    # the figures below use the round with the median ratio of 1 core to
    # the floor
    best=$(for ((k = 1; k <= rounds; k++)); do
        awk -v k=$k -v a="${cpu_rate[${kind}_j1_$k]}" -v b="${cpu_rate[${kind}_floor_$k]}" \
            'BEGIN {printf "%.6f %d\n", (b > 0 ? a / b : 0), k}'
    done | sort -n | awk -v n="$rounds" 'NR == int((n + 1) / 2) {print $2}')
    for x in floor j1 jn; do
        cpu_rate[${kind}_$x]=${cpu_rate[${kind}_${x}_$best]}
        wall_rate[${kind}_$x]=${wall_rate[${kind}_${x}_$best]}
    done
    if [ $kind = txt ]; then
        measure ${kind}_hun "hunspell -l -d en_US" "$b" "$d" "${hun_txt[@]}"
    else
        # hunspell -l on the JSONL lines themselves (one long line per
        # record) is two orders of magnitude slower than on the text; the
        # JSONL comparison uses its plain-text figure (the same documents)
        wall_rate[jsonl_hun]=${wall_rate[txt_hun]}
        cpu_rate[jsonl_hun]=${cpu_rate[txt_hun]}
        echo "hunspell -l -d en_US               (the plain-text run above)"
    fi
done

r() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
# median KEY_A KEY_B ARRAY: the median over the rounds of A / B
median() {
    local -n rates=$3
    for ((k = 1; k <= rounds; k++)); do
        r "${rates[$1_$k]}" "${rates[$2_$k]}"
        echo
    done | sort -n | awk -v n="$rounds" '{a[NR] = $1} END {
        printf "%.2f", (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2) }'
}
if [ "$rounds" -gt 1 ]; then
    echo "## each round (CPU-second ratio 1 core / floor; wall-clock ratio $jobs cores / 1 core)"
    for kind in txt jsonl; do
        line="$kind:"
        for ((k = 1; k <= rounds; k++)); do
            line="$line round $k $(r "${cpu_rate[${kind}_j1_$k]}" "${cpu_rate[${kind}_floor_$k]}") / $(r "${wall_rate[${kind}_jn_$k]}" "${wall_rate[${kind}_j1_$k]}");"
        done
        echo "$line median $(median ${kind}_j1 ${kind}_floor cpu_rate) / $(median ${kind}_jn ${kind}_j1 wall_rate)"
    done
fi
echo "## ratios per CPU second (wall clock in brackets: meaningful on an idle machine only; the round with the median 1 core / floor ratio)"
for kind in txt jsonl; do
    want=0.5
    [ $kind = jsonl ] && want=0.4
    echo "$kind: all detectors 1 core / ICU floor = $(r "${cpu_rate[${kind}_j1]}" "${cpu_rate[${kind}_floor]}") [$(r "${wall_rate[${kind}_j1]}" "${wall_rate[${kind}_floor]}")] (target >= $want)"
    echo "$kind: --detectors none / ICU floor = $(r "${cpu_rate[${kind}_none]}" "${cpu_rate[${kind}_floor]}") [$(r "${wall_rate[${kind}_none]}" "${wall_rate[${kind}_floor]}")]"
    echo "$kind: all detectors 1 core / hunspell -l = $(r "${cpu_rate[${kind}_j1]}" "${cpu_rate[${kind}_hun]}") [$(r "${wall_rate[${kind}_j1]}" "${wall_rate[${kind}_hun]}")] (target > 1)"
    echo "$kind: $jobs cores / 1 core on the wall clock = $(r "${wall_rate[${kind}_jn]}" "${wall_rate[${kind}_j1]}") (target >= 1.8 on 2 idle cores); bound from CPU time, $jobs x CPU(1 core) / CPU($jobs cores) = $(awk -v j="$jobs" -v a="${cpu_rate[${kind}_jn]}" -v b="${cpu_rate[${kind}_j1]}" 'BEGIN {printf "%.2f", (b > 0 ? j * a / b : 0)}')"
done
