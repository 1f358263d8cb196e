#!/usr/bin/env python3
"""--fix=boilerplate on each seed article removes every detectable gold
boilerplate (and duplicate) span, and every sentence outside them is still
there.

usage: test_fix.py MTLINT SOURCE_ROOT
"""
import json
import os
import re
import subprocess
import sys

mtlint, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
seeds = os.path.join(root, "corpus", "seeds")
gold = [json.loads(l) for l in open(os.path.join(seeds, "gold.jsonl"))]
fails = passes = 0
for doc in sorted(set(g["doc"] for g in gold)):
    raw = open(os.path.join(seeds, doc), "rb").read()
    text = raw.decode("utf-8")
    spans = [(g["start_byte"], g["end_byte"]) for g in gold
             if g["doc"] == doc and g["category"] in ("boilerplate", "duplicate")
             and g["expect_flag"] and g["detectable"]]
    out = subprocess.run([mtlint, "--fix=boilerplate", os.path.join(seeds, doc)],
                         capture_output=True)
    if out.returncode != 0:
        print(f"FAIL {doc}: exit {out.returncode} {out.stderr!r}")
        fails += 1
        continue
    fixed = out.stdout.decode("utf-8")
    ok = True
    # every gold span is gone: the fixed text has one copy fewer of it
    for a, b in spans:
        span = raw[a:b].decode("utf-8")
        if fixed.count(span) >= text.count(span):
            print(f"FAIL {doc}: boilerplate still there: {span[:60]!r}")
            ok = False
    # every sentence outside the gold spans (optional ones included, such
    # as a byline that may or may not be removed, and artifacts labelled
    # `other`, such as a garbled photo credit) is still there
    anyspans = [(g["start_byte"], g["end_byte"]) for g in gold
                if g["doc"] == doc and g["expect_flag"]
                and g["category"] in ("boilerplate", "duplicate", "other")]
    pos = 0
    for m in re.finditer(r"[^\n]+", text):
        line_a = len(text[:m.start()].encode("utf-8"))
        line_b = line_a + len(m.group(0).encode("utf-8"))
        if any(a < line_b and line_a < b for a, b in anyspans):
            continue
        for sent in re.split(r"(?<=[.!?”])\s+", m.group(0)):
            if sent.strip() and sent.strip() not in fixed:
                print(f"FAIL {doc}: sentence lost: {sent[:70]!r}")
                ok = False
    if ok:
        passes += 1
        print(f"ok   {doc}: {len(spans)} spans removed, other sentences kept")
    else:
        fails += 1
print(f"{passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
