#!/bin/bash
# test_jobs.sh - batch scoring with several threads (issue 10): --jobs gives
# the same bytes for any number of jobs, one record per input record in
# input order; gzip and zstd inputs and outputs; --output is written
# through a temporary file so an interrupted run leaves no output file.
#
# Usage: tests/cli/test_jobs.sh MTLINT_BINARY SOURCE_ROOT
# Needs bash, POSIX tools, gzip, and /usr/bin/python3 (fixtures and JSON
# checks); zstd checks are skipped without the zstd program.  Exits 0 when
# every check passes, 1 otherwise, 77 (skip) without python3.

set -u

MTLINT=${1:?usage: test_jobs.sh MTLINT_BINARY SOURCE_ROOT}
SRCROOT=${2:?usage: test_jobs.sh MTLINT_BINARY SOURCE_ROOT}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 || true)
if [ -z "$PY" ]; then
    echo "SKIP: python3 not found" >&2
    exit 77
fi
case $MTLINT in /*) ;; *) MTLINT=$PWD/$MTLINT ;; esac
case $SRCROOT in /*) ;; *) SRCROOT=$PWD/$SRCROOT ;; esac
export MTLINT_LEXICON_PATH=${MTLINT_LEXICON_PATH:-$SRCROOT/lexicons}
unset NO_COLOR

T=$(mktemp -d "${TMPDIR:-/tmp}/mtlint-jobs.XXXXXX") || exit 1
bgpid=
cleanup() {
    [ -n "$bgpid" ] && kill "$bgpid" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
cd "$T" || exit 1

passes=0
failures=0
ok() { passes=$((passes + 1)); }
fail() {
    failures=$((failures + 1))
    echo "FAIL: $*" >&2
}
# same LABEL FILE1 FILE2: the two files hold the same bytes
same() {
    if cmp -s "$2" "$3"; then ok; else fail "$1: $2 and $3 differ"; fi
}
# m ARGS...: mtlint without progress bar
m() { "$MTLINT" --no-progress "$@"; }

# ---------------------------------------------------------------- fixtures

# ~2,000 JSONL records cut from the corpus articles (paragraphs, with an id
# and sometimes a lang field), a few broken lines and blank lines among them
"$PY" - "$SRCROOT/corpus" <<'PY' || { echo "cannot build fixtures" >&2; exit 1; }
import json, os, random, sys
root = sys.argv[1]
paras = []
for sub in ("clean", "seeds"):
    d = os.path.join(root, sub)
    for name in sorted(os.listdir(d)):
        if name.endswith(".txt"):
            text = open(os.path.join(d, name), encoding="utf-8").read()
            paras += [p.strip() for p in text.split("\n\n") if p.strip()]
rng = random.Random(7)
lines = []
for i in range(2000):
    k = rng.randint(1, 3)
    text = "\n\n".join(rng.choice(paras) for _ in range(k))
    rec = {"id": "r%04d" % i, "text": text}
    if i % 5 == 0:
        rec = {"text": text, "id": i, "lang": "en"}
    lines.append(json.dumps(rec, ensure_ascii=(i % 2 == 0)))
broken = {17: '{"id": "b17", "text": "unterminated',
          400: '{"id": "b400", "text": 42}',
          999: 'not json at all',
          1500: '{"id": "b1500"}',
          1998: '["an", "array"]'}
for at, line in sorted(broken.items(), reverse=True):
    lines.insert(at, line)
lines.insert(300, "")
lines.insert(700, "   ")
with open("recs.jsonl", "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
# the big input for the interrupted run: the records many times over
with open("big.jsonl", "w", encoding="utf-8") as f:
    for _ in range(30):
        f.write("\n".join(l for l in lines if l.strip()) + "\n")
PY

# ----------------------------------------------------- corpus/: same bytes

cp -r "$SRCROOT/corpus" corpus
m -j 1 corpus >c1.txt 2>c1.err
m -j 2 corpus >c2.txt 2>c2.err
same "corpus/ text diagnostics -j1 vs -j2" c1.txt c2.txt
m -j 1 --format jsonl corpus >c1.jsonl 2>/dev/null
m -j 2 --format jsonl corpus >c2.jsonl 2>/dev/null
m -j 3 --format jsonl corpus >c3.jsonl 2>/dev/null
same "corpus/ JSONL -j1 vs -j2" c1.jsonl c2.jsonl
same "corpus/ JSONL -j1 vs -j3" c1.jsonl c3.jsonl
n_txt=$(find corpus -name '*.txt' | wc -l)
if [ "$(wc -l <c1.jsonl)" -eq "$n_txt" ]; then ok; else
    fail "corpus/: $(wc -l <c1.jsonl) records for $n_txt files"; fi
m -j 1 --format html corpus >c1.html 2>/dev/null
m -j 2 --format html corpus >c2.html 2>/dev/null
same "corpus/ HTML -j1 vs -j2" c1.html c2.html
m -j 1 --format jsonl --batch-rules off corpus >o1.jsonl 2>/dev/null
m -j 2 --format jsonl --batch-rules off corpus >o2.jsonl 2>/dev/null
same "corpus/ --batch-rules off -j1 vs -j2" o1.jsonl o2.jsonl

# ------------------------------------------- generated JSONL: same bytes

m -j 1 --jsonl recs.jsonl >r1.jsonl 2>r1.err
rc1=$?
m -j 2 --jsonl recs.jsonl >r2.jsonl 2>r2.err
rc2=$?
if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]; then ok; else
    fail "--jsonl with broken lines: exit $rc1 / $rc2, want 0"; fi
same "JSONL -j1 vs -j2" r1.jsonl r2.jsonl
if grep -qF "2005 documents, 5 errors" r2.err; then ok; else
    fail "error summary: $(cat r2.err)"; fi
check_records() { # LABEL OUTPUT
    local msg
    if msg=$("$PY" - recs.jsonl "$2" <<'PY' 2>&1
import json, sys
inp = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
out = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8")]
recs = [(i + 1, l) for i, l in enumerate(inp) if l.strip()]
assert len(out) == len(recs), "%d records for %d lines" % (len(out), len(recs))
for (line_no, src), o in zip(recs, out):
    v = json.loads(o)
    m = v["mtlint"]
    assert m["source"].endswith(":%d" % line_no), (line_no, m["source"])
    if "error" in m and m.get("error"):
        assert m["error"].startswith("line %d:" % line_no), m["error"]
        continue
    # pass-through: the input bytes, then the verdict
    assert o.startswith(src[:-1]), "line %d: input bytes not kept" % line_no
    assert json.loads(src)["id"] == v["id"], line_no
PY
    ); then ok; else fail "$1: $msg"; fi
}
check_records "-j2: one record per non-blank line, in order" r2.jsonl

# standard input, with the batch rules observed as they go
m -j 1 --jsonl --batch-rules on <recs.jsonl >s1.jsonl 2>/dev/null
m -j 2 --jsonl --batch-rules on <recs.jsonl >s2.jsonl 2>/dev/null
same "stdin --batch-rules on -j1 vs -j2" s1.jsonl s2.jsonl

# filter mode
m -j 1 --jsonl --keep --min-grade B --reject rej1.jsonl recs.jsonl >k1.jsonl 2>/dev/null
m -j 2 --jsonl --keep --min-grade B --reject rej2.jsonl recs.jsonl >k2.jsonl 2>/dev/null
same "--keep -j1 vs -j2" k1.jsonl k2.jsonl
same "--reject -j1 vs -j2" rej1.jsonl rej2.jsonl
n_recs=$(grep -c '[^[:space:]]' recs.jsonl)
if [ $(($(wc -l <k2.jsonl) + $(wc -l <rej2.jsonl))) -eq "$n_recs" ]; then ok; else
    fail "--keep + --reject: $(wc -l <k2.jsonl) + $(wc -l <rej2.jsonl) records for $n_recs"; fi

# ------------------------------------------------------ compressed files

mkdir -p gz zst plain
cp recs.jsonl plain/in.jsonl
gzip -c recs.jsonl >gz/in.jsonl
(cd plain && m --jsonl in.jsonl >../p.out 2>/dev/null)
(cd gz && m --jsonl -j 2 in.jsonl >../g.out 2>/dev/null)
same "gzip input" p.out g.out
(cd gz && m --jsonl -j 2 <in.jsonl >../gs.out 2>/dev/null)
(cd plain && m --jsonl -j 2 --batch-rules off in.jsonl >../ps.out 2>/dev/null)
sed 's/<stdin>:/in.jsonl:/' gs.out >gs2.out
(cd plain && m --jsonl -j 2 --batch-rules auto <in.jsonl 2>/dev/null |
    sed 's/<stdin>:/in.jsonl:/' >../ps2.out)
same "gzip on standard input" ps2.out gs2.out
m --jsonl -j 2 -o out.jsonl.gz recs.jsonl 2>/dev/null
gzip -dc out.jsonl.gz >out.dec 2>/dev/null
same "--output FILE.gz" r1.jsonl out.dec
m --jsonl -j 2 --output out.jsonl recs.jsonl 2>/dev/null
same "--output FILE" r1.jsonl out.jsonl
if command -v zstd >/dev/null; then
    zstd -q -c recs.jsonl >zst/in.jsonl
    (cd zst && m --jsonl -j 2 in.jsonl >../z.out 2>/dev/null)
    same "zstd input" p.out z.out
    m --jsonl -j 2 -o out.jsonl.zst recs.jsonl 2>/dev/null
    zstd -q -d -c out.jsonl.zst >outz.dec
    same "--output FILE.zst" r1.jsonl outz.dec
fi
head -c 3000 gz/in.jsonl >trunc.gz
m --jsonl trunc.gz >/dev/null 2>trunc.err
rc=$?
if [ $rc -eq 2 ] && grep -q "trunc.gz" trunc.err; then ok; else
    fail "truncated gzip: exit $rc, want 2 and a message naming the file"; fi

# plain-text files in a folder, compressed ones too (default --glob)
mkdir -p docs
cp "$SRCROOT"/corpus/clean/en-0*.txt docs/
gzip docs/en-01-*.txt
m -j 2 --format jsonl docs >d.jsonl 2>/dev/null
if [ "$(wc -l <d.jsonl)" -eq "$(ls docs | wc -l)" ]; then ok; else
    fail "folder with .txt.gz: $(wc -l <d.jsonl) records for $(ls docs | wc -l) files"; fi

# a compressed file is known by its first bytes, whatever its name: a
# gzip file named .txt gives the record of the text it holds (a worker
# reads a plain file in one read(), and a compressed one again through the
# decompressor); an empty file is a document too
mkdir -p magic
cp "$SRCROOT"/corpus/clean/en-01-*.txt magic/a.txt 2>/dev/null ||
    cp "$(ls "$SRCROOT"/corpus/clean/*.txt | head -1)" magic/a.txt
gzip -c magic/a.txt >magic/b.txt
: >magic/c.txt
m -j 2 --format jsonl magic >mg.jsonl 2>mg.err
if [ "$(wc -l <mg.jsonl)" -eq 3 ] && [ ! -s mg.err ]; then ok; else
    fail "folder with a gzip file named .txt and an empty file: $(wc -l <mg.jsonl) records, $(cat mg.err)"; fi
sed -n 1p mg.jsonl | sed 's/magic\/a\.txt/X/g' >mg.a
sed -n 2p mg.jsonl | sed 's/magic\/b\.txt/X/g' >mg.b
same "gzip file named .txt: the record of its text" mg.a mg.b

# plain-text files are read by the workers: their messages (a file over
# --max-doc-bytes, a broken gzip file) still come in input order, between
# the same records, for any --jobs
mkdir -p many
i=0
for f in $(find "$SRCROOT/corpus" -name '*.txt' | sort); do
    i=$((i + 1))
    cp "$f" "many/$(printf '%03d' $i).txt"
done
head -c 100 gz/in.jsonl >many/010b.txt.gz
n_many=$(ls many | wc -l)
limit=$(ls -l many/*.txt | awk '{print $5}' | sort -n | awk '{a[NR] = $1} END {print a[int(NR / 2)]}')
m -j 1 --format jsonl --max-doc-bytes "$limit" many >mf1.jsonl 2>mf1.err
rc1=$?
m -j 3 --format jsonl --max-doc-bytes "$limit" many >mf3.jsonl 2>mf3.err
rc3=$?
if [ $rc1 -eq 2 ] && [ $rc3 -eq 2 ]; then ok; else
    fail "files over the limit: exit $rc1 / $rc3, want 2"; fi
same "worker-read files: records -j1 vs -j3" mf1.jsonl mf3.jsonl
grep -v ' documents' mf1.err >mf1.msg
grep -v ' documents' mf3.err >mf3.msg
same "worker-read files: messages -j1 vs -j3" mf1.msg mf3.msg
n_big=$(grep -c 'is larger than' mf3.msg)
n_bad=$(grep -c '010b.txt.gz' mf3.msg)
if [ "$n_big" -gt 0 ] && [ "$n_bad" -eq 1 ] &&
   [ $(($(wc -l <mf3.jsonl) + n_big + n_bad)) -eq "$n_many" ]; then ok; else
    fail "worker-read files: $(wc -l <mf3.jsonl) records, $n_big too big, $n_bad broken for $n_many files"; fi
if grep -o "many/[0-9]*" mf3.msg | sort -c 2>/dev/null; then ok; else
    fail "worker-read files: messages out of input order: $(cat mf3.msg)"; fi

# -------------------------------------------------- options and the summary

for bad in 0 abc -1 100000; do
    m --jobs "$bad" recs.jsonl >/dev/null 2>&1
    rc=$?
    if [ $rc -eq 2 ]; then ok; else fail "--jobs $bad: exit $rc, want 2"; fi
done
m -j 2 --jsonl --summary recs.jsonl >sum.out 2>sum.err
if grep -q "grades A" sum.err && cmp -s sum.out r1.jsonl; then ok; else
    fail "--summary: $(cat sum.err)"; fi

# ---------------------------------------------- an interrupted --output run

mkdir -p outdir
"$MTLINT" --no-progress -j 2 --jsonl -o outdir/scored.jsonl.gz big.jsonl \
    >/dev/null 2>&1 &
bgpid=$!
for _ in $(seq 1 200); do
    ls outdir/.scored.jsonl.gz.tmp-* >/dev/null 2>&1 && break
    sleep 0.05
done
sleep 1
if [ -e outdir/scored.jsonl.gz ]; then
    fail "--output exists before the run ends"
else
    ok
fi
kill -TERM "$bgpid" 2>/dev/null
wait "$bgpid" 2>/dev/null
rc=$?
bgpid=
if [ $rc -ne 0 ]; then ok; else fail "SIGTERM: the run finished first (exit 0)"; fi
if [ -z "$(ls -A outdir)" ]; then ok; else
    fail "SIGTERM left files behind: $(ls -A outdir)"; fi

# an error exit leaves nothing either: an unwritable --reject after --output
m --jsonl --keep --min-grade C -o outdir/kept.jsonl --reject /nonexistent/dir/rej.jsonl recs.jsonl >/dev/null 2>&1
rc=$?
if [ $rc -eq 2 ] && [ -z "$(ls -A outdir)" ]; then ok; else
    fail "failed --reject: exit $rc, left $(ls -A outdir)"; fi

echo "test_jobs.sh: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
