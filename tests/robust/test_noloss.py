#!/usr/bin/env python3
"""No record is ever lost, duplicated or reordered.

Generates 100,000 JSON Lines records mixing good records, broken JSON,
wrong field types, missing text fields, invalid UTF-8, NUL bytes, blank
lines, CRLF line ends and huge records (some over --max-doc-bytes), runs
`mtlint --jsonl --jobs 2` on them, and checks that:

- there is exactly one output line per non-blank input line, in order
  (each record's `source` names its input line);
- every good record comes back with its input bytes intact, the verdict
  spliced in under "mtlint" before the closing brace;
- every bad record yields an error record whose "error" starts with
  "line N:" for its own line N, and its id when the id could be read;
- the exit status is 0 (per-record errors do not change it) and the stderr
  summary counts the documents and the errors.

usage: test_noloss.py MTLINT SOURCE_ROOT
MTLINT_NOLOSS_RECORDS (default 100000) changes the number of input lines.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

mtlint = os.path.abspath(sys.argv[1])
root = os.path.abspath(sys.argv[2])
N = int(os.environ.get("MTLINT_NOLOSS_RECORDS", "100000"))
MAX_DOC = 1_000_000

rng = random.Random(20261122)

SENTENCES = [
    "The minister said on Monday that the budget would be published soon.",
    "Police arrested two men after the protest in the city centre.",
    "Merrick GarlandHe alluded to the case in a short statement.",
    "Le gouvernement a annoncé de nouvelles mesures pour les retraites.",
    "El presidente visitó la región afectada por las inundaciones.",
    "Die Regierung hat am Dienstag einen neuen Haushalt vorgelegt.",
    "O ministro disse que a economia cresceu no último trimestre.",
    "Il sindaco ha presentato il piano per il centro storico.",
    "新华社北京电 国务院总理今天主持召开常务会议。",
    "Правительство объявило о новых мерах поддержки экономики.",
    "وقال الوزير إن الحكومة ستعلن عن خطة جديدة الأسبوع المقبل.",
    "See also  Police arrest two men\nLeave a Reply\nSpread the love",
    "New Delhi, Match 25 (Reuters) - Shares rose on Monday, February 30.",
    "Ã©tÃ© Ã  la plage â€™ donâ€™t &amp;#8217; caf\u00e9",
    "\u201coperation\u201d For fourteen years the Chinese Communist Party (CPP) ruled.",
]


def text(k):
    return "\n".join(rng.choice(SENTENCES) for _ in range(k))


def good(i):
    """A good record: (bytes, parsed id or None)."""
    t = text(rng.randint(1, 4))
    shape = rng.randrange(7)
    rid = "r%d" % i
    if shape == 0:
        obj = '{"id": %s, "n": 1.50, "text": %s}' % (json.dumps(rid),
                                                     json.dumps(t))
    elif shape == 1:   # text first, nested extras, numbers kept verbatim
        obj = ('{"text": %s, "meta": {"k": [1, 2.0, 1e3, null, true]}, '
               '"id": %s, "score": -0.000}' % (json.dumps(t), json.dumps(rid)))
    elif shape == 2:   # \u escapes, surrogate pairs and an escaped NUL
        obj = '{"id": %s, "text": %s}' % (
            json.dumps(rid), json.dumps(t + " \U0001F600 \x00 end",
                                        ensure_ascii=True))
    elif shape == 3:   # no id: the verdict's id is null or absent
        obj = '{"text": %s, "lang": "en"}' % json.dumps(t, ensure_ascii=False)
        rid = None
    elif shape == 4:   # numeric id, compact separators, trailing spaces
        obj = '{"id":%d,"text":%s}  ' % (i, json.dumps(t, ensure_ascii=False))
        rid = i
    elif shape == 5:   # empty text
        obj = '{"id": %s, "text": ""}' % json.dumps(rid)
    else:              # raw UTF-8, unusual whitespace inside the object
        obj = '{ "id" : %s ,\t"text" : %s }' % (
            json.dumps(rid), json.dumps(t, ensure_ascii=False))
    return obj.encode("utf-8"), rid


def bad(i):
    """A bad record: (bytes, id the error record should carry or None)."""
    rid = "b%d" % i
    kind = rng.randrange(12)
    t = json.dumps(text(1))
    if kind == 0:
        return b'{"id": "%s", "text": "unterminated' % rid.encode(), None
    if kind == 1:
        return b'{"id": "%s", "text": 5}' % rid.encode(), rid
    if kind == 2:
        return b'{"id": "%s", "text": null}' % rid.encode(), rid
    if kind == 3:
        return b'{"id": "%s", "text": ["a", "b"]}' % rid.encode(), rid
    if kind == 4:
        return b'{"id": "%s", "body": %s}' % (rid.encode(), t.encode()), rid
    if kind == 5:
        return b'[1, 2, 3]', None
    if kind == 6:
        return b'"just a string"', None
    if kind == 7:   # invalid UTF-8 inside the text string
        return (b'{"id": "%s", "text": "caf\xe9 \xff\xfe bytes"}'
                % rid.encode(), None)
    if kind == 8:   # a raw NUL byte in the line
        return b'{"id": "%s", "text": "a\x00b"}' % rid.encode(), None
    if kind == 9:   # trailing garbage after the object
        return b'{"id": "%s", "text": %s} trailing' % (rid.encode(),
                                                       t.encode()), None
    if kind == 10:
        return b'{', None
    return b'{"id": "%s", "text": {"nested": %s}}' % (rid.encode(),
                                                       t.encode()), rid


def huge(i, size):
    rid = "h%d" % i
    words = []
    n = 0
    while n < size:
        s = rng.choice(SENTENCES[:8])
        words.append(s)
        n += len(s.encode()) + 1
    return ('{"id": %s, "text": %s}' % (json.dumps(rid),
                                        json.dumps(" ".join(words))))\
        .encode("utf-8"), rid


def main():
    lines = []      # raw input lines, without their line end
    expect = []     # per input line: None (blank) or (kind, id)
    ends = []
    n_huge_ok = n_huge_err = 0
    for i in range(N):
        r = rng.random()
        if r < 0.04:
            lines.append(rng.choice([b"", b"   ", b"\t", b" \t "]))
            expect.append(None)
        elif r < 0.25:
            b, rid = bad(i)
            lines.append(b)
            expect.append(("error", rid))
        elif r < 0.2502 and n_huge_ok < 12:
            b, rid = huge(i, rng.randint(200_000, MAX_DOC // 2))
            lines.append(b)
            expect.append(("good", rid))
            n_huge_ok += 1
        elif r < 0.2504 and n_huge_err < 6:
            b, rid = huge(i, rng.randint(MAX_DOC + 1, 3 * MAX_DOC))
            lines.append(b)
            expect.append(("toobig", rid))
            n_huge_err += 1
        else:
            b, rid = good(i)
            lines.append(b)
            expect.append(("good", rid))
        ends.append(b"\r\n" if rng.random() < 0.02 else b"\n")

    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in.jsonl")
        with open(inp, "wb") as f:
            for b, e in zip(lines, ends):
                f.write(b + e)
        out = os.path.join(tmp, "out.jsonl")
        with open(out, "wb") as fo:
            p = subprocess.run([mtlint, "--jsonl", "--jobs", "2",
                                "--max-doc-bytes", str(MAX_DOC), inp],
                               stdout=fo, stderr=subprocess.PIPE)
        err = p.stderr.decode("utf-8", "replace")
        failures = []
        if p.returncode != 0:
            failures.append("exit status %d, want 0; stderr: %s"
                            % (p.returncode, err[-2000:]))
        with open(out, "rb") as f:
            outs = f.read().split(b"\n")
        if outs and outs[-1] == b"":
            outs.pop()

        want = [(n + 1, lines[n], e) for n, e in enumerate(expect)
                if e is not None]
        if len(outs) != len(want):
            failures.append("%d output records for %d non-blank input lines"
                            % (len(outs), len(want)))
        n_err = 0
        for (line_no, raw, (kind, rid)), o in zip(want, outs):
            where = "%s:%d" % (inp, line_no)
            try:
                rec = json.loads(o)
            except ValueError as e:
                failures.append("line %d: output is not JSON (%s): %r"
                                % (line_no, e, o[:200]))
                continue
            v = rec.get("mtlint") if isinstance(rec, dict) else None
            if not isinstance(v, dict):
                failures.append("line %d: no mtlint verdict: %r"
                                % (line_no, o[:200]))
                continue
            if v.get("source") != where:
                failures.append("line %d: source %r, want %r (order lost?)"
                                % (line_no, v.get("source"), where))
            if kind == "good":
                body = raw.rstrip(b" \t")
                if not (o.startswith(body[:-1]) and o.endswith(b"}")):
                    failures.append("line %d: input bytes not kept: %r -> %r"
                                    % (line_no, raw[:120], o[:200]))
                if v.get("error") is not None or "grade" not in v:
                    failures.append("line %d: good record got %r"
                                    % (line_no, {k: v.get(k) for k in
                                                 ("error", "grade")}))
                back = dict(rec)
                del back["mtlint"]
                if back != json.loads(raw):
                    failures.append("line %d: fields changed" % line_no)
            else:
                n_err += 1
                e = v.get("error")
                if not isinstance(e, str) or \
                        not e.startswith("line %d: " % line_no):
                    failures.append("line %d: error %r does not name the "
                                    "line" % (line_no, e))
                if kind == "toobig" and isinstance(e, str) and \
                        "bytes" not in e:
                    failures.append("line %d: over-size error %r does not "
                                    "say why" % (line_no, e))
                if rid is not None and rec.get("id") != rid:
                    failures.append("line %d: error record id %r, want %r"
                                    % (line_no, rec.get("id"), rid))
                if set(rec) - {"id", "mtlint"}:
                    failures.append("line %d: error record has fields %r"
                                    % (line_no, sorted(rec)))
            if len(failures) > 20:
                break
        summary = "%d documents, %d errors" % (len(want), n_err)
        if summary not in err:
            failures.append("stderr summary lacks %r: %s"
                            % (summary, err[-500:]))

    print("no-loss: %d input lines, %d records (%d good incl. %d huge, "
          "%d errors incl. %d over --max-doc-bytes), %d blank"
          % (N, len(want), len(want) - n_err, n_huge_ok, n_err, n_huge_err,
             N - len(want)))
    for f in failures[:20]:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print("no-loss: all records accounted for, in order")


main()
