#!/usr/bin/env python3
"""gen_corpus.py - a large, realistic multilingual benchmark corpus.

Builds documents from the articles in corpus/ (clean texts in six
languages and the machine-translated seeds) with variations, so that no
cache inside mtlint is flattered by repeated text:
  - paragraphs mixed across the documents of one language,
  - sentences shuffled inside paragraphs,
  - names, numbers, years and days substituted,
  - a few scraping artifacts added (glued words, boilerplate lines,
    misspelled months), as in real scraped news.

Writes into OUTDIR (never into the repository):
  OUTDIR/corpus.jsonl          one {"id", "text"} record per line
  OUTDIR/txt/NNN/DOC.txt       the same documents as plain-text files
                               (skipped with --jsonl-only)

Usage: gen_corpus.py [--mb N] [--jsonl-only] [--seed S] SOURCE_ROOT OUTDIR
(N: megabytes of JSONL to write, default 200.)  Deterministic for a seed.
Uses the Python standard library only.
"""
import argparse
import json
import os
import random
import re
import sys

NAMES = {
    "en": ["Sarah Mitchell", "David Okafor", "Helen Park", "James Whitfield",
           "Maria Gonzalez", "Robert Chen", "Emily Carter", "Thomas Reed"],
    "fr": ["Claire Dubois", "Julien Moreau", "Sophie Lambert", "Antoine Roux",
           "Camille Fontaine", "Nicolas Girard", "Élise Marchand"],
    "es": ["Lucía Fernández", "Javier Ortega", "Carmen Ruiz", "Pablo Navarro",
           "Isabel Romero", "Andrés Molina", "Elena Castillo"],
    "de": ["Anna Schröder", "Markus Weber", "Julia Hoffmann", "Stefan Becker",
           "Katrin Wolf", "Jürgen Krause", "Lena Vogel"],
    "it": ["Giulia Romano", "Marco Ricci", "Francesca Greco", "Luca Bruno",
           "Chiara Gallo", "Davide Conti"],
    "pt": ["Ana Ferreira", "João Pereira", "Mariana Costa", "Rui Almeida",
           "Inês Carvalho", "Tiago Ribeiro"],
}
BOILER = {
    "en": ["Leave a Reply", "Spread the love", "Reading time: 2 minutes",
           "See also  Markets rally as rates fall", "Share this article"],
    "fr": ["Lire aussi  Les marchés en hausse", "Partager cet article",
           "Laisser un commentaire"],
    "es": ["Leer más  Los mercados suben", "Compartir este artículo",
           "Deja un comentario"],
    "de": ["Lesen Sie auch  Märkte im Aufwind", "Artikel teilen",
           "Kommentar schreiben"],
    "it": ["Leggi anche  I mercati salgono", "Condividi questo articolo"],
    "pt": ["Leia também  Mercados em alta", "Partilhar este artigo"],
}
MONTH_TYPOS = [("March", "Match"), ("June", "Jnue"), ("Juni", "Jnui"),
               ("mars", "mras"), ("marzo", "mazro")]
SENT_RE = re.compile(r"(?<=[.!?»”])\s+(?=[\"“«A-ZÀ-ÖØ-Þ0-9])")
NUM_RE = re.compile(r"\b\d{1,3}(?:[.,]\d+)?\b")
YEAR_RE = re.compile(r"\b(19|20)\d\d\b")


def load(root):
    """{lang: [[paragraph, ...], ...]} from corpus/."""
    docs = {}
    for sub in ("clean", "seeds"):
        folder = os.path.join(root, "corpus", sub)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".txt"):
                continue
            lang = name[:2] if sub == "clean" else "en"
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            paras = [p.strip() for p in re.split(r"\n\s*\n", text)
                     if p.strip()]
            docs.setdefault(lang, []).append(paras)
    return docs


def vary_sentence(rng, s, lang):
    s = NUM_RE.sub(lambda m: str(rng.randint(2, 999))
                   if rng.random() < 0.5 else m.group(0), s)
    s = YEAR_RE.sub(lambda m: str(rng.randint(1990, 2030)), s)
    if lang in NAMES and rng.random() < 0.15:
        words = s.split(" ")
        i = rng.randrange(len(words))
        words.insert(i, rng.choice(NAMES[lang]))
        s = " ".join(words)
    return s


def make_doc(rng, docs, lang):
    pool = docs[lang]
    base = rng.choice(pool)
    out = [base[0]]  # the title
    n = rng.randint(3, max(4, len(base) + 2))
    for _ in range(n):
        src = base if rng.random() < 0.6 else rng.choice(pool)
        if len(src) < 2:
            continue
        para = src[rng.randrange(1, len(src))]
        sents = SENT_RE.split(para)
        if len(sents) > 2 and rng.random() < 0.5:
            head = sents[0]
            rest = sents[1:]
            rng.shuffle(rest)
            sents = [head] + rest
        para = " ".join(vary_sentence(rng, s, lang) for s in sents)
        r = rng.random()
        if r < 0.03:
            # a glued sentence or glued words, as scrapers leave them
            para = para.replace(". ", ".", 1)
        elif r < 0.05:
            for a, b in MONTH_TYPOS:
                if a in para:
                    para = para.replace(a, b, 1)
                    break
        out.append(para)
        if rng.random() < 0.04:
            out.append(rng.choice(BOILER.get(lang, BOILER["en"])))
    return "\n\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=200.0)
    ap.add_argument("--jsonl-only", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("root")
    ap.add_argument("outdir")
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    out = os.path.abspath(a.outdir)
    if out == root or out.startswith(root + os.sep):
        sys.exit("gen_corpus.py: write the corpus outside the repository")
    docs = load(root)
    langs = sorted(docs)
    # weights: mostly English, as in scraped news; every language present
    weights = [4 if l == "en" else 1 for l in langs]
    rng = random.Random(a.seed)
    os.makedirs(out, exist_ok=True)
    target = int(a.mb * 1e6)
    written = 0
    i = 0
    with open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as j:
        while written < target:
            lang = rng.choices(langs, weights)[0]
            text = make_doc(rng, docs, lang)
            doc_id = "%s-%07d" % (lang, i)
            rec = json.dumps({"id": doc_id, "url":
                              "https://news.example/%s/%d" % (lang, i),
                              "text": text}, ensure_ascii=False) + "\n"
            j.write(rec)
            written += len(rec.encode("utf-8"))
            if not a.jsonl_only:
                d = os.path.join(out, "txt", "%03d" % (i // 1000))
                if i % 1000 == 0:
                    os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, doc_id + ".txt"), "w",
                          encoding="utf-8") as f:
                    f.write(text)
            i += 1
    print("gen_corpus.py: %d documents, %.1f MB of JSONL in %s"
          % (i, written / 1e6, out))


if __name__ == "__main__":
    main()
