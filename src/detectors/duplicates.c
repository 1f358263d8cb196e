/*
 * duplicates.c - the `duplicates` detector: a line or paragraph repeated in
 * the document (a title printed twice, an image caption twice).  Every copy
 * after the first is flagged.  Lines are compared normalised (case, runs of
 * white space, trailing punctuation); very short lines ("Share",
 * "Article 1") are never duplicates.
 */
#include <string.h>

#include "../batch.h"
#include "../engine.h"
#include "../util/util.h"
#include "detector.h"

/* A line must have this many word tokens and normalised bytes to count. */
#define MTL_DUP_MIN_WORDS 4
#define MTL_DUP_MIN_BYTES 20

typedef struct mtl_dup_slot {
    uint64_t hash; /* 0 = empty */
    uint32_t first; /* index of the first copy */
} mtl_dup_slot;

static uint64_t
mtl_dup_hash_span(const mtl_doc *doc, const mtl_span *sp, char *buf,
                  size_t cap)
{
    /* counted only up to the minimum: a long line needs no more */
    size_t words = 0;
    for (uint32_t t = sp->tok_first;
         t < sp->tok_first + sp->tok_count && words < MTL_DUP_MIN_WORDS; t++)
        words += mtl_tok_is_word(&doc->toks[t]);
    if (words < MTL_DUP_MIN_WORDS)
        return 0;
    size_t n = mtl_normalise_line(doc->text + sp->start, sp->end - sp->start,
                                  buf, cap);
    if (n == (size_t)-1 || n < MTL_DUP_MIN_BYTES)
        return 0;
    return mtl_hash_key(mtl_hash64(buf, n, 0));
}

/* Looks up @p h; inserts it with @p idx when absent.  Returns the index of
 * the first copy, or -1 when this is the first. */
static long
mtl_dup_seen(mtl_dup_slot *tab, size_t mask, uint64_t h, uint32_t idx)
{
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        if (tab[i].hash == h)
            return (long)tab[i].first;
        if (tab[i].hash == 0) {
            tab[i].hash = h;
            tab[i].first = idx;
            return -1;
        }
    }
}

static void
mtl_dup_run(const void *state, mtl_checker *ck, const mtl_doc *doc,
            const mtl_batch *batch, mtl_flags *out)
{
    (void)state;
    (void)batch;
    char buf[4096];
    size_t slots = 64;
    size_t need = doc->nlines + doc->nparas;
    while (slots < need * 2)
        slots *= 2;
    mtl_dup_slot *tab = mtl_checker_scratch(ck, 0, slots * sizeof *tab);
    memset(tab, 0, slots * sizeof *tab);

    /* paragraphs of several lines first; their lines are then skipped */
    uint32_t skip_until = 0;
    for (size_t p = 0; p < doc->nparas; p++) {
        const mtl_span *sp = &doc->paras[p];
        if (sp->tok_count == 0)
            continue;
        /* only multi-line paragraphs here */
        const char *nl = memchr(doc->text + sp->start, '\n',
                                sp->end - sp->start);
        if (!nl)
            continue;
        uint64_t h = mtl_dup_hash_span(doc, sp, buf, sizeof buf);
        if (!h)
            continue;
        h ^= 0x9E3779B97F4A7C15ULL; /* keep apart from line hashes */
        long first = mtl_dup_seen(tab, slots - 1, mtl_hash_key(h), (uint32_t)p);
        if (first >= 0) {
            size_t l, c;
            mtl_doc_linecol(doc, doc->paras[first].start, &l, &c);
            mtl_flags_addf(out, MTL_RULE_DUP_PARAGRAPH, sp->start, sp->end,
                           NULL, "paragraph repeated from line %zu", l);
            if (sp->end > skip_until)
                skip_until = sp->end;
        }
    }
    for (size_t i = 0; i < doc->nlines; i++) {
        const mtl_span *sp = &doc->lines[i];
        if (sp->tok_count == 0 || sp->start < skip_until)
            continue;
        uint64_t h = mtl_dup_hash_span(doc, sp, buf, sizeof buf);
        if (!h)
            continue;
        long first = mtl_dup_seen(tab, slots - 1, h, (uint32_t)i);
        if (first >= 0)
            mtl_flags_addf(out, MTL_RULE_DUP_LINE, sp->start, sp->end, NULL,
                           "line repeated from line %ld", first + 1);
    }
}

const mtl_detector mtl_detector_duplicates = {
    .name = "duplicates",
    .category = "duplicate",
    .description = "a line or paragraph repeated in the document (title or "
                   "caption printed twice): every copy after the first",
    .load = NULL,
    .run = mtl_dup_run,
    .unload = NULL,
    .observe = NULL,
};
