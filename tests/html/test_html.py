#!/usr/bin/env python3
"""The HTML report in a real browser: headless Chromium renders the report
of the seed articles; every flag of the JSONL output has its own highlight
element whose text is the flag's text; a hostile document renders as text.
Writes a screenshot of the first screen and prints its path.

usage: test_html.py MTLINT SOURCE_ROOT [OUTDIR]
Skips (77) when Chromium is not installed.
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

mtlint, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
outdir = sys.argv[3] if len(sys.argv) > 3 else tempfile.mkdtemp(prefix="mtlint-html-")
os.makedirs(outdir, exist_ok=True)
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    print("skip: chromium not installed (apt-get install chromium)")
    sys.exit(77)

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-quic"]


def browser(page, *extra):
    with tempfile.TemporaryDirectory() as profile:
        r = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}",
                            *extra, "file://" + page],
                           capture_output=True, text=True, timeout=120)
    return r


class Dom(html.parser.HTMLParser):
    """Collects the text of every <mark id=...> (nested marks included)
    and counts elements by tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []       # stack of (tag, id)
        self.text = {}       # mark id -> text
        self.tags = {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        a = dict(attrs)
        if tag == "mark" and "id" in a:
            self.text[a["id"]] = ""
        self.open.append((tag, a.get("id") if tag == "mark" else None))

    def handle_endtag(self, tag):
        while self.open:
            t, _ = self.open.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for t, i in self.open:
            if i is not None:
                self.text[i] += data


fails = passes = 0
seeds = sorted(os.path.join(root, "corpus", "seeds", f)
               for f in os.listdir(os.path.join(root, "corpus", "seeds"))
               if f.endswith(".txt"))
page = os.path.join(outdir, "report.html")
with open(page, "w") as f:
    r = subprocess.run([mtlint, "--format", "html"] + seeds,
                       stdout=f, stderr=subprocess.PIPE, text=True)
jl = subprocess.run([mtlint, "--format", "jsonl"] + seeds,
                    capture_output=True, text=True)
records = [json.loads(l) for l in jl.stdout.splitlines() if l.strip()]
dom_r = browser(page, "--dump-dom")
dom = Dom()
dom.feed(dom_r.stdout)
nflags = 0
for d, rec in enumerate(records):
    for i, fl in enumerate(rec["flags"]):
        nflags += 1
        got = dom.text.get(f"d{d}f{i}")
        if got != fl["text"]:
            fails += 1
            print(f"FAIL {os.path.basename(rec['source'])} flag {i} "
                  f"{fl['rule']}: highlight {got!r} != {fl['text']!r}")
if nflags == 0:
    fails += 1
    print("FAIL: the seeds produced no flags")
else:
    passes += 1
    print(f"ok   {nflags} flags, each with its own highlight in the DOM")
shot = os.path.join(outdir, "report.png")
browser(page, f"--screenshot={shot}", "--window-size=1280,900",
        "--hide-scrollbars")
if os.path.exists(shot) and os.path.getsize(shot) > 1000:
    passes += 1
    print(f"ok   screenshot of the first screen: {shot}")
else:
    fails += 1
    print("FAIL: no screenshot")

# a hostile document renders as text
hostile = os.path.join(outdir, "hostile.txt")
with open(hostile, "w") as f:
    f.write('Title <script>alert(1)</script>\n\n'
            'He wrote "><img src=x onerror=alert(1)> in the comment box.\n\n'
            'Leave a Reply\n')
hpage = os.path.join(outdir, "hostile.html")
with open(hpage, "w") as f:
    subprocess.run([mtlint, "--format", "html", hostile], stdout=f)
hd = Dom()
hd.feed(browser(hpage, "--dump-dom").stdout)
if hd.tags.get("script") or hd.tags.get("img"):
    fails += 1
    print(f"FAIL: injected elements in the DOM: {hd.tags}")
elif "alert(1)" not in browser(hpage, "--dump-dom").stdout:
    fails += 1
    print("FAIL: the hostile text is missing from the page")
else:
    passes += 1
    print("ok   hostile document rendered as text: no script, no img")
print(f"{passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
