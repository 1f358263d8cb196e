#!/bin/bash
# test_cli.sh - options, exit codes, inputs and output formats of the mtlint
# command-line tool (DESIGN.md "Output contract").
#
# Usage: tests/cli/test_cli.sh MTLINT_BINARY SOURCE_ROOT
# Needs bash, POSIX tools and /usr/bin/python3 (JSON checks).  Exits 0 when
# every check passes, 1 otherwise, 77 (skip) without python3.

set -u

MTLINT=${1:?usage: test_cli.sh MTLINT_BINARY SOURCE_ROOT}
SRCROOT=${2:?usage: test_cli.sh MTLINT_BINARY SOURCE_ROOT}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 || true)
if [ -z "$PY" ]; then
    echo "SKIP: python3 not found" >&2
    exit 77
fi
case $MTLINT in /*) ;; *) MTLINT=$PWD/$MTLINT ;; esac
export MTLINT_LEXICON_PATH=${MTLINT_LEXICON_PATH:-$SRCROOT/lexicons}
unset NO_COLOR

T=$(mktemp -d "${TMPDIR:-/tmp}/mtlint-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

passes=0
failures=0
ok() { passes=$((passes + 1)); }
fail() {
    failures=$((failures + 1))
    echo "FAIL: $*" >&2
    if [ -s err ]; then sed 's/^/    stderr: /' err | head -5 >&2; fi
}

# run ARGS...: runs mtlint, stdout to ./out, stderr to ./err, status in $rc
run() {
    "$MTLINT" "$@" >out 2>err
    rc=$?
}
# run_in FILE ARGS...: the same with FILE on standard input
run_in() {
    local f=$1
    shift
    "$MTLINT" "$@" <"$f" >out 2>err
    rc=$?
}
expect_rc() { # WANT LABEL
    if [ "$rc" -eq "$1" ]; then ok; else fail "$2: exit $rc, want $1"; fi
}
# expect_out LABEL GREP_ARGS...: stdout matches
expect_out() {
    local label=$1
    shift
    if grep -q "$@" out; then ok; else fail "$label"; fi
}
expect_err() { # TEXT LABEL
    if grep -qF -- "$1" err; then ok; else fail "$2: stderr lacks '$1'"; fi
}
# pycheck LABEL SCRIPT [ARGS...]: a Python check; it exits non-zero (with a
# message) when the check fails
pycheck() {
    local label=$1 script=$2
    shift 2
    local msg
    if msg=$("$PY" -c "$script" "$@" 2>&1); then
        ok
    else
        fail "$label: $msg"
    fi
}

# ---------------------------------------------------------------- fixtures

cat >clean.txt <<'EOF'
The city council met on Tuesday to discuss the new budget for the coming year.

Members agreed to spend more money on schools, libraries and parks. The mayor
said that the plan would be published next week, after a final vote.
EOF

cat >dirty.txt <<'EOF'
New Delhi, Match 25 (Reuters) - US authorities on Monday announced the indictment of seven men. Merrick GarlandHe said the Chinese Communist Party (CPP) was behind it.
Leave a Reply
Spread the love
Reading time: 2 minutes
The accused are I won't answer you38 years; Weng Ming37 years; Cheng Feng34 years.
Ã©tÃ© Ã  la plage â€™ â€œ caf� &amp;nbsp; the minister Announced.The report
See also  Police arrest two men
Leave a Reply
Spread the love
EOF

"$PY" - <<'EOF'
import json
clean = open("clean.txt", encoding="utf-8").read()
dirty = open("dirty.txt", encoding="utf-8").read()
with open("mixed.jsonl", "w", encoding="utf-8") as f:
    f.write('{"id": "a", "n": 1.50, "text": %s}\n' % json.dumps(clean))
    f.write('\n')
    f.write('{"id": "b", "text": "unterminated\n')
    f.write('   \n')
    f.write('{"id": "c", "n": 1.50, "text": %s}\n' % json.dumps(dirty))
    f.write('{"id": "d", "text": 5}\n')
    f.write('{"id": 7, "text": %s, "extra": {"k": [1, 2.0]}}\n'
            % json.dumps(clean))
EOF

# ---------------------------------------------------------- help, version

run --help
expect_rc 0 "--help"
expect_out "--help lists the exit codes" "Exit status"
expect_out "--help lists --min-grade" -- "--min-grade"
expect_out "--help lists --jsonl" -- "--jsonl"

run --version
expect_rc 0 "--version"
expect_out "--version prints 'mtlint X.Y.Z'" -E '^mtlint [0-9]+\.[0-9]+\.[0-9]+' 

# ---------------------------------------------------------- usage errors

usage_error() { # LABEL ARGS...
    local label=$1
    shift
    run "$@" clean.txt
    expect_rc 2 "$label"
    if [ -s out ]; then fail "$label: wrote to stdout"; else ok; fi
    expect_err "mtlint:" "$label"
}
usage_error "bad --lang" --lang 'en_US!!'
expect_err "en_US!!" "bad --lang names the value"
usage_error "bad --date (Feb 30)" --date 2024-02-30
expect_err "2024-02-30" "bad --date names the value"
usage_error "bad --date (format)" --date 2024-2-3
usage_error "bad --date (Feb 29 in 2023)" --date 2023-02-29
usage_error "--keep without --min-grade" --keep
expect_err "--min-grade" "--keep without --min-grade says what is missing"
usage_error "unknown option" --no-such-option
expect_err "--no-such-option" "unknown option is named"
usage_error "unknown short option" -Z
usage_error "bad --format" --format pdf
usage_error "bad --min-grade" --min-grade G
usage_error "bad --color" --color sometimes
usage_error "bad --batch-rules" --batch-rules maybe
usage_error "bad --context" --context many
usage_error "bad --max-doc-bytes" --max-doc-bytes 12Q
usage_error "--reject without --keep" --reject rej.jsonl
usage_error "--text-field without --jsonl" --text-field body
run --format
expect_rc 2 "missing option value"
expect_err "--format" "missing option value names the option"
usage_error "unknown detector" --detectors no-such-detector

run --date 2024-02-29 --format jsonl clean.txt
expect_rc 0 "--date on a leap day"
run --lang pt-BR --format jsonl clean.txt
expect_rc 0 "--lang pt-BR"

# ----------------------------------------------------------- missing file

run --format jsonl no-such-file.txt clean.txt
expect_rc 2 "missing file"
expect_err "no-such-file.txt" "missing file is named"
pycheck "missing file: the other file is still checked" '
import json, sys
recs = [json.loads(l) for l in open("out")]
assert len(recs) == 1 and recs[0]["id"] == "clean.txt", recs
'

# -------------------------------------------------------- list-detectors

run --list-detectors
expect_rc 0 "--list-detectors"
for d in encoding duplicates names boilerplate dates quotes acronyms \
         casing spacing language; do
    expect_out "--list-detectors lists $d" "^$d\b"
done
for r in glued-word month-typo invalid-utf8; do
    expect_out "--list-detectors lists rule $r" -- "$r"
done

# ------------------------------------------------- jsonl output for files

run --format jsonl clean.txt dirty.txt
expect_rc 0 "--format jsonl on files"
pycheck "jsonl output fields" '
import json, os, sys
lines = open("out", encoding="utf-8").read().split("\n")
assert lines[-1] == "", "output does not end in a newline"
recs = [json.loads(l) for l in lines[:-1]]
assert [r["id"] for r in recs] == ["clean.txt", "dirty.txt"], recs
for r in recs:
    for k in ("id", "source", "lang", "lang_confidence", "bytes", "words",
              "score", "grade", "counts", "subscores", "stats", "flags",
              "error"):
        assert k in r, "no %s in %s" % (k, r["id"])
    assert r["source"] == r["id"]
    assert r["bytes"] == os.path.getsize(r["id"]), r["bytes"]
    assert r["grade"] in "ABCDEF" and len(r["grade"]) == 1
    assert 0 <= r["score"] <= 100
    assert r["error"] is None
'

run clean.txt
expect_rc 0 "text format"
expect_out "text format names the file" "clean.txt"
run --color=never dirty.txt
if grep -q $'\033' out; then fail "--color=never wrote escape codes"
else ok; fi

printf 'Tom & Jerry <b>bold</b> "quoted" text.\n' >markup.txt
run --format html clean.txt markup.txt
expect_rc 0 "--format html"
pycheck "--format html: one self-contained page for all documents" '
import re
page = open("out", encoding="utf-8").read()
assert page.lstrip().lower().startswith("<!doctype html"), page[:80]
assert page.rstrip().endswith("</html>"), page[-80:]
assert page.lower().count("<html") == 1, "more than one page"
assert "clean.txt" in page and "markup.txt" in page
assert "<b>bold</b>" not in page, "document text not escaped"
assert "&lt;b&gt;bold&lt;/b&gt;" in page, "escaped text missing"
assert not re.search(r"(src|href)=[\"\x27]?(https?:)?//", page), "network"
assert "<script" not in page.lower()
'
run --jsonl --format html mixed.jsonl
expect_rc 0 "--format html with --jsonl"
expect_err "mixed.jsonl:3" "--format html reports a broken JSONL line on stderr"
expect_out "--format html with --jsonl names the records" "mixed.jsonl:1"

# ------------------------------------------------------------ JSONL input

run --jsonl mixed.jsonl
expect_rc 0 "--jsonl with broken lines"
expect_err "5 documents, 2 errors" "error summary"
pycheck "--jsonl records in order, errors in place, bytes kept" '
import json
src = [l for l in open("mixed.jsonl", encoding="utf-8").read().split("\n")
       if l.strip()]
out = open("out", encoding="utf-8").read().split("\n")
assert out[-1] == "", "output does not end in a newline"
out = out[:-1]
assert len(out) == 5, "%d records for 5 non-blank lines" % len(out)
recs = [json.loads(l) for l in out]
# good records: input bytes kept, verdict under "mtlint"
for i in (0, 2, 4):
    body = src[i].rstrip()
    assert body.endswith("}")
    assert out[i].startswith(body[:-1].rstrip()), \
        "input bytes changed:\n%s\n%s" % (src[i], out[i])
    assert recs[i]["mtlint"]["grade"] in "ABCDEF", recs[i]
assert "\"n\": 1.50" in out[0] and "\"n\": 1.50" in out[2], "1.50 rewritten"
assert "\"extra\": {\"k\": [1, 2.0]}" in out[4]
assert [recs[i]["id"] for i in (0, 2, 4)] == ["a", "c", 7]
assert recs[0]["mtlint"]["source"] == "mixed.jsonl:1", recs[0]["mtlint"]
assert recs[2]["mtlint"]["source"] == "mixed.jsonl:5"
# broken JSON on line 3; wrong text type on line 6, id still readable
e = recs[1]["mtlint"]
assert e["error"].startswith("line 3"), e
assert e["source"] == "mixed.jsonl:3", e
e = recs[3]["mtlint"]
assert e["error"].startswith("line 6"), e
assert e["source"] == "mixed.jsonl:6", e
assert recs[3].get("id") == "d", recs[3]
'

printf '\n   \n\t\n' >blank.jsonl
run --jsonl blank.jsonl
expect_rc 0 "blank lines only"
if [ -s out ]; then fail "blank lines yielded output"; else ok; fi

# ------------------------------------------------------------ filter mode

run --jsonl --format jsonl mixed.jsonl
cp out graded.jsonl
pycheck "fixture has passing and failing records" '
import json
g = [json.loads(l)["mtlint"].get("grade") for l in open("graded.jsonl")]
assert "A" in g, "no record graded A: %s" % g
assert any(x and x != "A" for x in g), "no record below A: %s" % g
'

run --jsonl --keep --min-grade A --reject rej.jsonl mixed.jsonl
expect_rc 0 "--keep --min-grade A"
pycheck "--keep writes only passing records, --reject the rest" '
import json
graded = open("graded.jsonl", encoding="utf-8").read().split("\n")[:-1]
recs = [json.loads(l) for l in graded]
want = [l for l, r in zip(graded, recs) if r["mtlint"].get("grade") == "A"]
rest = [l for l, r in zip(graded, recs) if r["mtlint"].get("grade") != "A"]
got = open("out", encoding="utf-8").read().split("\n")[:-1]
assert got == want, \
    "kept:\n%s\nwant:\n%s" % ("\n".join(got), "\n".join(want))
rej = open("rej.jsonl", encoding="utf-8").read().split("\n")[:-1]
assert rej == rest, \
    "rejected:\n%s\nwant:\n%s" % ("\n".join(rej), "\n".join(rest))
'

run --keep --min-grade A clean.txt dirty.txt
expect_rc 0 "--keep on files"
pycheck "--keep on files writes verdict records" '
import json
recs = [json.loads(l) for l in open("out")]
assert all(r["grade"] == "A" for r in recs), recs
assert "dirty.txt" not in [r["id"] for r in recs]
'

run --min-grade A --format jsonl clean.txt dirty.txt
expect_rc 1 "--min-grade A with a document below"
run --min-grade F --format jsonl clean.txt dirty.txt
expect_rc 0 "--min-grade F"
run --jsonl --min-grade a mixed.jsonl
expect_rc 1 "--min-grade on JSONL (lower-case grade)"

# ------------------------------------------------------- awkward documents

printf 'Caf\xc3\xa9 bad \xff\xfe bytes\000and a NUL.\n' >binary.txt
printf 'Second line \x80 here.\n' >>binary.txt
run --format jsonl binary.txt
expect_rc 0 "invalid UTF-8 and NUL bytes"
pycheck "invalid UTF-8 and NUL bytes still give a record" '
import json, os
recs = [json.loads(l) for l in open("out", encoding="utf-8")]
assert len(recs) == 1, recs
r = recs[0]
assert r["bytes"] == os.path.getsize("binary.txt"), r["bytes"]
assert any(f["category"] == "encoding" for f in r["flags"]), r["flags"]
'

: >empty.txt
run --format jsonl empty.txt
expect_rc 0 "empty file"
pycheck "empty file gives one record" '
import json
recs = [json.loads(l) for l in open("out")]
assert len(recs) == 1 and recs[0]["bytes"] == 0, recs
'

run --max-doc-bytes 16 --format jsonl clean.txt
expect_rc 2 "file over --max-doc-bytes"
expect_err "clean.txt" "file over --max-doc-bytes is named"
run --jsonl --max-doc-bytes 16 mixed.jsonl
expect_rc 0 "JSONL record over --max-doc-bytes"
pycheck "records over --max-doc-bytes become error records" '
import json
recs = [json.loads(l) for l in open("out")]
assert len(recs) == 5
assert recs[0]["mtlint"]["error"].startswith("line 1"), recs[0]
assert recs[0]["id"] == "a", recs[0]
'

# ------------------------------------------------------------------ stdin

run_in clean.txt --format jsonl
expect_rc 0 "stdin, no arguments"
pycheck "stdin gives one record" '
import json
recs = [json.loads(l) for l in open("out")]
assert len(recs) == 1 and recs[0]["bytes"] > 0, recs
'
run_in mixed.jsonl --jsonl -
expect_rc 0 "JSONL on stdin"
pycheck "JSONL on stdin" '
import json
recs = [json.loads(l) for l in open("out")]
assert len(recs) == 5, len(recs)
assert recs[1]["mtlint"]["error"].startswith("line 3")
'
run_in clean.txt --format jsonl dirty.txt - clean.txt
expect_rc 0 "stdin between files"
pycheck "stdin between files keeps the order" '
import json
recs = [json.loads(l) for l in open("out")]
assert len(recs) == 3, recs
assert recs[0]["id"] == "dirty.txt" and recs[2]["id"] == "clean.txt"
'

# --------------------------------------------------------------- folders

mkdir -p tree/sub/deeper tree/.hidden
cp clean.txt tree/b.txt
cp dirty.txt tree/a.txt
cp clean.txt tree/sub/c.txt
cp clean.txt tree/sub/deeper/d.txt
cp clean.txt tree/notes.md
cp clean.txt tree/.hidden/e.txt
run --format jsonl tree
expect_rc 0 "folder input"
pycheck "folder walk: *.txt in sorted order, hidden skipped" '
import json
ids = [json.loads(l)["id"] for l in open("out")]
assert ids == ["tree/a.txt", "tree/b.txt", "tree/sub/c.txt",
               "tree/sub/deeper/d.txt"], ids
'
run --format jsonl --glob '*.md' tree
expect_rc 0 "folder input with --glob"
pycheck "--glob picks the matching files" '
import json
ids = [json.loads(l)["id"] for l in open("out")]
assert ids == ["tree/notes.md"], ids
'

# -------------------------------------------------------------------- fix

run --fix clean.txt
expect_rc 0 "--fix on a file"
if cmp -s out clean.txt; then ok; else fail "--fix changed a clean text"; fi
run --jsonl --fix --fix-field fixed mixed.jsonl
expect_rc 0 "--fix with --jsonl"
pycheck "--fix with --jsonl adds the fixed text" '
import json
recs = [json.loads(l) for l in open("out")]
assert isinstance(recs[0].get("fixed"), str), recs[0].keys()
assert recs[0]["fixed"] == recs[0]["text"], "clean text changed by --fix"
assert "fixed" not in recs[1]
'

echo "test_cli: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
