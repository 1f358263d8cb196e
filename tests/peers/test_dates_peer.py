#!/usr/bin/python3
"""Peer acceptance test of the `dates` detector on LanguageTool's date-rule
examples (shared/peers/languagetool-dates/*.jsonl, README section 2).

Usage: test_dates_peer.py MTLINT_BINARY SHARED_FOLDER [-v]

Positives must get a `date` flag overlapping the marked span (the whole
text when no marker is given); negatives must get no `date` flag.  Records
with `mtlint_exclude` are left out, and so are the categories outside the
dates detector's contract (verb tense, wall clock, house style): they are
listed with a note.  Examples whose time_relative is `test_clock_2014` run
with --date 2014-06-15; `wallclock` examples are never run.

Targets (pooled over all languages): recall >= 85 %, false flags <= 5 %.
Exit 0 when met, 1 when missed, 77 when the shared folder is absent.
"""
import collections
import glob
import json
import os
import subprocess
import sys
import tempfile

RECALL_TARGET = 0.85
FALSE_TARGET = 0.05
OUT_OF_SCOPE = {
    "future_date_with_past_tense":
        "needs the verb's tense and a clock: outside DESIGN.md's scope",
    "stale_year_after_new_year":
        "depends on the wall clock (last year's number in January)",
    "outdated_recent_year":
        "depends on the wall clock",
    "date_format":
        "spacing/abbreviation house style, not an artifact rule of issue 6",
}


def run(binary, records, date):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                     encoding="utf-8") as f:
        for i, r in enumerate(records):
            f.write(json.dumps({"id": str(i), "text": r["text"],
                                "lang": r["lang"]}, ensure_ascii=False))
            f.write("\n")
        path = f.name
    cmd = [binary, "--detectors", "dates", "--jsonl", "--text-field", "text",
           "--lang-field", "lang", "--format", "jsonl", "--batch-rules", "off"]
    if date:
        cmd += ["--date", date]
    cmd.append(path)
    env = dict(os.environ)
    if "MTLINT_LEXICON_PATH" not in env:
        here = os.path.dirname(os.path.abspath(__file__))
        env["MTLINT_LEXICON_PATH"] = os.path.join(here, "..", "..",
                                                  "lexicons")
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env)
    os.unlink(path)
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr.decode("utf-8", "replace"))
        sys.exit(2)
    out = []
    for line in p.stdout.decode("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        v = rec.get("mtlint", rec)
        out.append([fl for fl in (v.get("flags") or [])
                    if fl.get("category") == "date"])
    if len(out) != len(records):
        sys.stderr.write("mtlint gave %d records for %d inputs\n"
                         % (len(out), len(records)))
        sys.exit(2)
    return out


def char_to_byte(text, n):
    return len(text[:n].encode("utf-8"))


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    binary, shared = sys.argv[1], sys.argv[2]
    verbose = "-v" in sys.argv[3:]
    folder = os.path.join(shared, "peers", "languagetool-dates")
    files = sorted(glob.glob(os.path.join(folder, "*.jsonl")))
    if not files:
        print("SKIP: %s not found" % folder)
        return 77
    records, left = [], collections.Counter()
    for fn in files:
        with open(fn, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                if r.get("mtlint_exclude"):
                    left["mtlint_exclude"] += 1
                    continue
                if r.get("category") in OUT_OF_SCOPE:
                    left[r["category"]] += 1
                    continue
                if r.get("time_relative") == "wallclock":
                    left["wallclock"] += 1
                    continue
                records.append(r)
    print("left out:")
    for k, v in sorted(left.items()):
        print("  %-28s %4d  %s" % (k, v, OUT_OF_SCOPE.get(
            k, "marked by the peers README" if k == "mtlint_exclude"
            else "depends on the real clock")))
    groups = collections.defaultdict(list)
    for r in records:
        date = "2014-06-15" if r.get("time_relative") == "test_clock_2014" \
            else None
        groups[date].append(r)
    stats = collections.defaultdict(lambda: [0, 0, 0, 0])  # tp, pos, fp, neg
    misses = []
    for date, recs in groups.items():
        flags = run(binary, recs, date)
        for r, fl in zip(recs, flags):
            st = stats[r["lang"]]
            if r["expect_flag"]:
                st[1] += 1
                if r.get("marker") and r.get("marker_start") is not None:
                    s = char_to_byte(r["text"], r["marker_start"])
                    e = char_to_byte(r["text"],
                                     r["marker_start"] + len(r["marker"]))
                else:
                    s, e = 0, len(r["text"].encode("utf-8"))
                hit = any(f["start"] < e and f["end"] > s for f in fl)
                st[0] += hit
                if not hit:
                    misses.append(("miss", r, fl))
            else:
                st[3] += 1
                st[2] += bool(fl)
                if fl:
                    misses.append(("false", r, fl))
    tot = [sum(v[i] for v in stats.values()) for i in range(4)]
    print("%-6s %10s %10s" % ("lang", "recall", "false"))
    for lang in sorted(stats):
        tp, pos, fp, neg = stats[lang]
        print("%-6s %4d/%-4d %4.0f%%  %3d/%-4d %4.1f%%" % (
            lang, tp, pos, 100.0 * tp / max(pos, 1), fp, neg,
            100.0 * fp / max(neg, 1)))
    recall = tot[0] / max(tot[1], 1)
    false = tot[2] / max(tot[3], 1)
    print("%-6s %4d/%-4d %4.1f%%  %3d/%-4d %4.1f%%" % (
        "all", tot[0], tot[1], 100 * recall, tot[2], tot[3], 100 * false))
    if verbose:
        for kind, r, fl in misses:
            print("%s %s %s | %s | %s" % (
                kind, r["lang"], r["id"], r["text"][:100], r.get("marker")),
                [(f["rule"], f["text"]) for f in fl])
    ok = recall >= RECALL_TARGET and false <= FALSE_TARGET
    print("PASS" if ok else "FAIL: targets recall >= %.0f%%, false <= %.0f%%"
          % (100 * RECALL_TARGET, 100 * FALSE_TARGET))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
