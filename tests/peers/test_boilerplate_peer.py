#!/usr/bin/python3
"""test_boilerplate_peer.py - acceptance 2 of the boilerplate detector.

Runs mtlint (all detectors, one batch) on the article-extraction benchmark
(SHARED/peers/boilerplate/article-extraction-benchmark.jsonl: 40 real pages,
each line labelled 1 boilerplate / 0 main text) and prints the share of
boilerplate lines flagged and of main-text lines flagged.  A line counts as
flagged when a `boilerplate` or `duplicate` flag overlaps it.

Usage: test_boilerplate_peer.py MTLINT_BINARY SHARED_DIR
Exit: 0 both targets met (>= 50% boilerplate, <= 3% main text), 1 missed,
77 (skip) when the shared folder or the data file is absent.
"""
import json
import os
import subprocess
import sys

BP_TARGET = 0.50
MAIN_TARGET = 0.03
CATEGORIES = ("boilerplate", "duplicate")


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    mtlint, shared = sys.argv[1], sys.argv[2]
    data = os.path.join(shared, "peers", "boilerplate",
                        "article-extraction-benchmark.jsonl")
    if not os.path.isdir(shared) or not os.path.isfile(data):
        print("skip: %s not found" % data)
        return 77
    env = dict(os.environ)
    if "MTLINT_LEXICON_PATH" not in env:
        here = os.path.dirname(os.path.abspath(__file__))
        env["MTLINT_LEXICON_PATH"] = os.path.join(here, "..", "..",
                                                  "lexicons")
    proc = subprocess.run([mtlint, "--jsonl", "--format", "jsonl", "--quiet",
                           data], stdout=subprocess.PIPE, env=env)
    if proc.returncode not in (0, 1):
        print("mtlint failed with status %d" % proc.returncode)
        return 1
    out = [l for l in proc.stdout.decode("utf-8").split("\n") if l.strip()]
    recs = [json.loads(l) for l in open(data, encoding="utf-8")
            if l.strip()]
    if len(out) != len(recs):
        print("expected %d records, got %d" % (len(recs), len(out)))
        return 1
    bp = bp_hit = main_n = main_hit = 0
    for rec, line in zip(recs, out):
        verdict = json.loads(line).get("mtlint", {})
        text = rec["text"].encode("utf-8")
        spans = [(f["start"], f["end"]) for f in verdict.get("flags", [])
                 if f["category"] in CATEGORIES]
        pos = 0
        for raw, label in zip(text.split(b"\n"), rec["line_labels"]):
            start, end = pos, pos + len(raw)
            pos = end + 1
            if label not in (0, 1):
                continue
            hit = any(s < end and e > start for s, e in spans)
            if label == 1:
                bp += 1
                bp_hit += hit
            else:
                main_n += 1
                main_hit += hit
    bp_rate = bp_hit / bp if bp else 0.0
    main_rate = main_hit / main_n if main_n else 0.0
    print("boilerplate lines flagged: %d/%d = %.1f%% (target >= %.0f%%)"
          % (bp_hit, bp, 100 * bp_rate, 100 * BP_TARGET))
    print("main-text lines flagged:   %d/%d = %.1f%% (target <= %.0f%%)"
          % (main_hit, main_n, 100 * main_rate, 100 * MAIN_TARGET))
    ok = bp_rate >= BP_TARGET and main_rate <= MAIN_TARGET
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
