/*
 * fuzz_analyze.c - libFuzzer target for the check call: the first byte
 * chooses the options (detectors, language, reference date, batch), the
 * rest is the document; the report goes through every writer (JSON, text,
 * HTML, fix).  With bit 0x80 of that byte the rest is a batch instead:
 * documents separated by form feeds, observed into a batch with small
 * tables (so that they fill up) and then each checked against it, as the
 * CLI's two passes do.  Also built as a plain replay program (see
 * replay.c) for CI.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mtlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mtl_engine *engines[4];

static mtl_engine *
engine_for(unsigned which)
{
    static const char *const det[4] = {NULL, "none", "-language",
                                       "names,dates,quotes,casing"};
    which &= 3;
    if (!engines[which]) {
        mtl_options o = mtl_options_default();
        o.detectors = det[which];
        o.reference_date = which == 1 ? "2014-06-15" : NULL;
        o.filters = which == 2 ? "gopher,c4,fineweb" : NULL;
        mtl_error err;
        engines[which] = mtl_engine_new(&o, &err);
        if (!engines[which]) {
            fprintf(stderr, "fuzz: engine: %s\n", err.message);
            abort();
        }
    }
    return engines[which];
}

/* Checks one document (against @p batch when not NULL) and sends the
 * report through every writer. */
static void
check_one(mtl_engine *e, unsigned sel, const mtl_doc_meta *meta,
          const char *text, size_t len, const mtl_batch *batch)
{
    mtl_error err;
    mtl_report *r = mtl_engine_check(e, text, len, meta, batch, &err);
    if (!r)
        return;
    /* every flag's text must equal its bytes (U+FFFD for invalid ones) */
    for (size_t i = 0; i < mtl_report_flag_count(r); i++) {
        const mtl_flag *f = mtl_report_flag(r, i);
        if (f->start > f->end || f->end > len || f->line < 1 || f->col < 1)
            abort();
    }
    char *s = mtl_report_json(r, 0);
    mtl_free(s);
    s = mtl_report_text_diagnostics(r, "fuzz", sel & 3, sel & 1);
    mtl_free(s);
    size_t n;
    s = mtl_report_fix(r, (sel & 0x40) != 0, &n);
    mtl_free(s);
    mtl_html *h = mtl_html_new("fuzz");
    mtl_html_add(h, r, "fuzz");
    s = mtl_html_finish(h, &n);
    mtl_free(s);
    mtl_html_free(h);
    mtl_report_free(r);
}

/* Most documents of one batch input. */
#define FUZZ_BATCH_DOCS 16

/* The batch mode: form-feed-separated documents, observed, then checked. */
static void
check_batch(mtl_engine *e, unsigned sel, const mtl_doc_meta *meta,
            const char *text, size_t len)
{
    const char *doc[FUZZ_BATCH_DOCS];
    size_t dlen[FUZZ_BATCH_DOCS], ndocs = 0, a = 0;
    while (ndocs < FUZZ_BATCH_DOCS) {
        const char *ff = ndocs + 1 < FUZZ_BATCH_DOCS
                             ? memchr(text + a, '\f', len - a)
                             : NULL;
        size_t b = ff ? (size_t)(ff - text) : len;
        doc[ndocs] = text + a;
        dlen[ndocs++] = b - a;
        if (!ff)
            break;
        a = b + 1;
    }
    /* the smallest tables (1,024 counts, 128 name pairs): a few documents
     * fill them */
    mtl_batch_options bo = {.table_slots = 1, .min_documents = 2};
    mtl_error err;
    mtl_batch *b = mtl_batch_new(e, &bo, &err);
    if (!b)
        abort();
    for (size_t i = 0; i < ndocs; i++)
        (void)mtl_batch_observe(b, doc[i], dlen[i], meta);
    if (mtl_batch_documents(b) > ndocs)
        abort();
    for (size_t i = 0; i < ndocs; i++)
        check_one(e, sel, meta, doc[i], dlen[i], b);
    mtl_batch_free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[8] = {NULL, "en", "fr", "de",
                                         "es", "pt-BR", "zh", "tlh"};
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    mtl_engine *e = engine_for(sel);
    mtl_doc_meta meta = {.id = "fuzz", .source = "fuzz",
                         .lang = langs[(sel >> 2) & 7],
                         .date = (sel & 0x20) ? "2024-02-29" : NULL};
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    if (sel & 0x80)
        check_batch(e, sel, &meta, text, len);
    else
        check_one(e, sel, &meta, text, len, NULL);
    return 0;
}
