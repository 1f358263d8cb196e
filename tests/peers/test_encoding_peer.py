#!/usr/bin/python3
"""Acceptance test of the `encoding` detector on ftfy's own test cases
(../shared/peers/ftfy/cases.jsonl, see ../shared/peers/README.md section 1).

Usage: test_encoding_peer.py MTLINT_BINARY SHARED_FOLDER [-v]

Prints:
  1. the share of positives (expect_flag true) with an encoding flag, and of
     negatives with one (records that are `ambiguous` or carry an
     `mtlint_exclude` reason are left out);
  2. of the flagged positives with a `clean` text, the share that carry a
     suggestion, and the share whose suggestions, applied right to left
     (overlaps skipped), give exactly ftfy's `clean` text.
Exits 0 when every target is met, 1 when one is missed, 77 (skip) when
the shared folder is absent.
"""
import json
import os
import subprocess
import sys
import tempfile

RECALL_MIN = 0.85
FALSE_MAX = 0.05
SUGGEST_MIN = 0.60
EXACT_MIN = 0.80


def apply_fixes(text_bytes, flags):
    """Applies each flag's suggestion to its byte span, right to left."""
    out = text_bytes
    applied_start = None
    for f in sorted(flags, key=lambda f: (f["start"], f["end"]), reverse=True):
        if f.get("suggestion") is None:
            continue
        if applied_start is not None and f["end"] > applied_start:
            continue  # overlaps a suggestion already applied
        out = out[:f["start"]] + f["suggestion"].encode("utf-8") + out[f["end"]:]
        applied_start = f["start"]
    return out


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    binary, shared = sys.argv[1], sys.argv[2]
    verbose = "-v" in sys.argv[3:]
    cases_path = os.path.join(shared, "peers", "ftfy", "cases.jsonl")
    if not os.path.exists(cases_path):
        print("skip: %s not found" % cases_path)
        return 77
    records = []
    with open(cases_path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                if r.get("ambiguous") or r.get("mtlint_exclude"):
                    continue
                records.append(r)

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                     encoding="utf-8") as tmp:
        for r in records:
            tmp.write(json.dumps({"id": r["id"],
                                  "garbled": r["garbled"]}) + "\n")
        tmp_path = tmp.name
    env = dict(os.environ)
    env.setdefault("MTLINT_LEXICON_PATH", os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "lexicons"))
    try:
        proc = subprocess.run(
            [binary, "--detectors", "encoding", "--format", "jsonl",
             "--jsonl", "--text-field", "garbled", "--batch-rules", "off",
             tmp_path],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    finally:
        os.unlink(tmp_path)
    lines = [l for l in proc.stdout.decode("utf-8").split("\n") if l.strip()]
    if len(lines) != len(records):
        print("error: %d output records for %d inputs (exit %d)\n%s" %
              (len(lines), len(records), proc.returncode,
               proc.stderr.decode("utf-8", "replace")))
        return 1

    pos = neg = pos_hit = neg_hit = 0
    with_clean = suggested = exact = 0
    for r, line in zip(records, lines):
        out = json.loads(line)
        verdict = out.get("mtlint", out)
        flags = [f for f in verdict.get("flags") or []
                 if f.get("category") == "encoding"]
        hit = bool(flags)
        if r["expect_flag"]:
            pos += 1
            pos_hit += hit
            if hit and r.get("clean") is not None:
                with_clean += 1
                if any(f.get("suggestion") is not None for f in flags):
                    suggested += 1
                fixed = apply_fixes(r["garbled"].encode("utf-8"), flags)
                ok = fixed == r["clean"].encode("utf-8")
                exact += ok
                if verbose and not ok:
                    print("  not exact %s: %r -> %r (want %r)" % (
                        r["id"], r["garbled"],
                        fixed.decode("utf-8", "replace"), r["clean"]))
            if verbose and not hit:
                print("  missed %s: %r" % (r["id"], r["garbled"]))
        else:
            neg += 1
            neg_hit += hit
            if verbose and hit:
                print("  false flag %s: %r %s" % (
                    r["id"], r["garbled"],
                    [(f["rule"], f["text"]) for f in flags]))

    recall = pos_hit / pos if pos else 0.0
    false_rate = neg_hit / neg if neg else 0.0
    sugg_rate = suggested / with_clean if with_clean else 0.0
    exact_rate = exact / with_clean if with_clean else 0.0
    print("positives flagged: %d/%d = %.1f%% (target >= %.0f%%)" %
          (pos_hit, pos, 100 * recall, 100 * RECALL_MIN))
    print("negatives flagged: %d/%d = %.1f%% (target <= %.0f%%)" %
          (neg_hit, neg, 100 * false_rate, 100 * FALSE_MAX))
    print("flagged positives with a clean text: %d; with a suggestion: "
          "%d = %.1f%% (target >= %.0f%%)" %
          (with_clean, suggested, 100 * sugg_rate, 100 * SUGGEST_MIN))
    print("suggestions give ftfy's clean text exactly: %d = %.1f%% "
          "(target >= %.0f%%)" % (exact, 100 * exact_rate, 100 * EXACT_MIN))
    ok = (recall >= RECALL_MIN and false_rate <= FALSE_MAX and
          sugg_rate >= SUGGEST_MIN and exact_rate >= EXACT_MIN)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
