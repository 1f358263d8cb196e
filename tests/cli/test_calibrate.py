#!/usr/bin/env python3
"""`mtlint calibrate` and `--calibration`: per-language scales from a
corpus, languages under --min-docs left out, broken lines counted, and a
calibration that makes a category cheaper in the language where it is
common (README "Scorer").

usage: test_calibrate.py MTLINT SOURCE_ROOT
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

mtlint = os.path.abspath(sys.argv[1])
root = os.path.abspath(sys.argv[2])
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def read(pattern):
    return open(sorted(glob.glob(os.path.join(root, "corpus", "clean",
                                              pattern)))[0],
                encoding="utf-8").read()


en, fr, de = read("en-*.txt"), read("fr-*.txt"), read("de-*.txt")
furniture = "\nSpread the love\nLeave a Reply\n"

with tempfile.TemporaryDirectory() as tmp:
    corpus = os.path.join(tmp, "corpus.jsonl")
    with open(corpus, "w", encoding="utf-8") as f:
        for i in range(25):
            # English pages of this site all carry share and comment widgets
            f.write(json.dumps({"id": "en%d" % i, "lang": "en",
                                "text": en + furniture}) + "\n")
            f.write(json.dumps({"id": "fr%d" % i, "lang": "fr",
                                "text": fr}) + "\n")
        for i in range(5):
            f.write(json.dumps({"id": "de%d" % i, "lang": "de",
                                "text": de}) + "\n")
        f.write('{"id": "broken", "text": "unterminated\n')

    p = subprocess.run([mtlint, "calibrate", corpus], capture_output=True,
                       text=True)
    check(p.returncode == 0, "calibrate exit %d: %s" % (p.returncode,
                                                        p.stderr))
    try:
        cal = json.loads(p.stdout)
    except ValueError as e:
        cal = {}
        failures.append("calibrate output is not JSON: %s" % e)
    langs = cal.get("languages", {})
    check(cal.get("documents") == 55, "documents %r, want 55"
          % cal.get("documents"))
    check(cal.get("errors") == 1, "errors %r, want 1" % cal.get("errors"))
    check(set(langs) == {"en", "fr"},
          "languages %r, want en and fr (de has 5 < 20 documents)"
          % sorted(langs))
    for lang, scales in langs.items():
        for cat, v in scales.items():
            if cat != "documents":
                check(0.5 <= v <= 4.0, "%s %s scale %r outside [0.5, 4]"
                      % (lang, cat, v))
    check(langs.get("en", {}).get("boilerplate", 0) > 1.0,
          "en boilerplate scale %r, want > 1"
          % langs.get("en", {}).get("boilerplate"))
    check(langs.get("fr", {}).get("boilerplate") == 1.0,
          "fr boilerplate scale %r, want 1" % langs.get("fr", {}).get(
              "boilerplate"))

    p = subprocess.run([mtlint, "calibrate", "--min-docs", "5", corpus],
                       capture_output=True, text=True)
    check(p.returncode == 0 and "de" in json.loads(p.stdout)["languages"],
          "--min-docs 5 should give de an entry")

    cal_path = os.path.join(tmp, "cal.json")
    with open(cal_path, "w") as f:
        json.dump(cal, f)

    def score(text, lang, *opts):
        doc = os.path.join(tmp, "doc.txt")
        with open(doc, "w", encoding="utf-8") as f:
            f.write(text)
        r = subprocess.run([mtlint, "--format", "jsonl", "--lang", lang,
                            *opts, doc], capture_output=True, text=True)
        check(r.returncode in (0, 1), "mtlint exit %d: %s"
              % (r.returncode, r.stderr))
        return json.loads(r.stdout)["score"]

    plain = score(en + furniture, "en")
    calibrated = score(en + furniture, "en", "--calibration", cal_path)
    check(calibrated > plain, "calibrated English score %r not above %r"
          % (calibrated, plain))
    check(score(fr + furniture, "fr", "--calibration", cal_path) ==
          score(fr + furniture, "fr"),
          "French scores changed although French scales are 1")
    bad = os.path.join(tmp, "bad.json")
    with open(bad, "w") as f:
        f.write("{not json")
    r = subprocess.run([mtlint, "--calibration", bad, corpus],
                       capture_output=True, text=True)
    check(r.returncode == 2 and "bad.json" in r.stderr,
          "a broken --calibration file: exit %d, stderr %r"
          % (r.returncode, r.stderr[:200]))

for f in failures:
    print("FAIL:", f)
print("calibrate: %d failures" % len(failures))
sys.exit(1 if failures else 0)
