/*
 * calibrate.c - `mtlint calibrate CORPUS.jsonl > calib.json`: derives
 * per-language normalisation of the scorer from a corpus, the way
 * FineWeb-2 and HPLT adjust thresholds per language by hand, but from the
 * data.
 *
 * For each language L with at least --min-docs documents and each category
 * c, the scale is
 *
 *     scale(L, c) = (median rate of c over L's documents + EPS)
 *                 / (median rate of c over all documents + EPS)
 *
 * clamped to [0.5, 4], where a rate is the category's penalty before
 * calibration (mtl_report_category_rate: weights per 100 words, or absolute
 * for boilerplate-like categories) and EPS = 0.1.  The scorer divides a
 * document's rate by its language's scale, so a language on which a
 * category fires more often in ordinary text loses fewer points for it.
 * Load the result with `mtlint --calibration calib.json`.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mtlint.h"

#define CAL_EPS 0.1
#define CAL_MAX_LANGS 64

typedef struct cal_lang {
    char tag[24];
    double *rates[16]; /* per category: one rate per document */
    size_t n, cap;
} cal_lang;

static int
cal_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double
cal_median(double *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cal_cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
cal_push(cal_lang *l, size_t ncat, const mtl_report *r)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        for (size_t c = 0; c < ncat; c++) {
            l->rates[c] = realloc(l->rates[c], l->cap * sizeof(double));
            if (!l->rates[c]) {
                fputs("mtlint calibrate: out of memory\n", stderr);
                exit(2);
            }
        }
    }
    for (size_t c = 0; c < ncat; c++)
        l->rates[c][l->n] = mtl_report_category_rate(r, mtl_category_name(c));
    l->n++;
}

static cal_lang *
cal_find(cal_lang *langs, size_t *n, const char *tag)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(langs[i].tag, tag) == 0)
            return &langs[i];
    if (*n >= CAL_MAX_LANGS)
        return NULL;
    cal_lang *l = &langs[(*n)++];
    memset(l, 0, sizeof *l);
    snprintf(l->tag, sizeof l->tag, "%s", tag);
    return l;
}

int
mtl_cli_calibrate(int argc, char **argv)
{
    enum { O_TEXT = 300, O_LANGF, O_LEX, O_MIN, O_HELP };
    static const struct option opts[] = {
        {"text-field", required_argument, NULL, O_TEXT},
        {"lang-field", required_argument, NULL, O_LANGF},
        {"lexicon-path", required_argument, NULL, O_LEX},
        {"min-docs", required_argument, NULL, O_MIN},
        {"help", no_argument, NULL, O_HELP},
        {NULL, 0, NULL, 0}};
    mtl_record_fields fields = {0};
    const char *lexpath = NULL;
    long min_docs = 20;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_TEXT: fields.text_field = optarg; break;
        case O_LANGF: fields.lang_field = optarg; break;
        case O_LEX: lexpath = optarg; break;
        case O_MIN: min_docs = strtol(optarg, NULL, 10); break;
        case O_HELP:
            fputs("Usage: mtlint calibrate [OPTION]... CORPUS.jsonl... > "
                  "calib.json\n"
                  "Derive per-language score normalisation from a corpus of "
                  "JSON Lines\nrecords (median per-category rates per "
                  "language against all\nlanguages; see the README).\n\n"
                  "      --text-field NAME   field with the text (text)\n"
                  "      --lang-field NAME   field with the language "
                  "(lang; else identified)\n"
                  "      --min-docs N        languages with fewer documents "
                  "get no entry (20)\n"
                  "      --lexicon-path DIRS as for mtlint\n", stdout);
            return 0;
        default:
            fputs("Try 'mtlint calibrate --help' for more information.\n",
                  stderr);
            return 2;
        }
    }
    if (optind >= argc) {
        fputs("mtlint calibrate: give at least one JSONL corpus file\n",
              stderr);
        return 2;
    }
    mtl_options o = mtl_options_default();
    o.lexicon_path = lexpath;
    mtl_error err = {0};
    mtl_engine *engine = mtl_engine_new(&o, &err);
    if (!engine) {
        fprintf(stderr, "mtlint calibrate: %s\n", err.message);
        return 2;
    }
    size_t ncat = mtl_category_count();
    static cal_lang langs[CAL_MAX_LANGS];
    size_t nlangs = 0;
    cal_lang all;
    memset(&all, 0, sizeof all);
    size_t docs = 0, errors = 0;
    int status = 0;
    for (int i = optind; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            fprintf(stderr, "mtlint calibrate: cannot open '%s'\n", argv[i]);
            status = 2;
            continue;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, f)) >= 0) {
            size_t k = 0;
            while (k < (size_t)n && (line[k] == ' ' || line[k] == '\n' ||
                                     line[k] == '\r' || line[k] == '\t'))
                k++;
            if (k == (size_t)n)
                continue;
            mtl_record *rec = mtl_record_parse(line, (size_t)n, &fields, NULL,
                                               &err);
            if (!rec) {
                errors++;
                continue;
            }
            size_t tl;
            const char *t = mtl_record_text(rec, &tl);
            mtl_doc_meta m = {.lang = mtl_record_lang(rec)};
            if (m.lang && !mtl_language_tag_valid(m.lang))
                m.lang = NULL;
            mtl_report *r = mtl_engine_check(engine, t, tl, &m, NULL, &err);
            if (r) {
                cal_lang *l = cal_find(langs, &nlangs, mtl_report_lang(r));
                if (l)
                    cal_push(l, ncat, r);
                cal_push(&all, ncat, r);
                docs++;
                mtl_report_free(r);
            } else {
                errors++;
            }
            mtl_record_free(rec);
        }
        free(line);
        fclose(f);
    }
    double global[16];
    for (size_t cidx = 0; cidx < ncat; cidx++)
        global[cidx] = cal_median(all.rates[cidx], all.n);
    printf("{\"source\": \"mtlint calibrate %s\", \"documents\": %zu, "
           "\"errors\": %zu, \"min_docs\": %ld,\n \"global_median_rates\": {",
           mtl_version(), docs, errors, min_docs);
    for (size_t cidx = 0; cidx < ncat; cidx++)
        printf("%s\"%s\": %.4f", cidx ? ", " : "", mtl_category_name(cidx),
               global[cidx]);
    printf("},\n \"languages\": {");
    bool first = true;
    for (size_t i = 0; i < nlangs; i++) {
        cal_lang *l = &langs[i];
        if ((long)l->n < min_docs)
            continue;
        printf("%s\n  \"%s\": {", first ? "" : ",", l->tag);
        first = false;
        for (size_t cidx = 0; cidx < ncat; cidx++) {
            double med = cal_median(l->rates[cidx], l->n);
            double s = (med + CAL_EPS) / (global[cidx] + CAL_EPS);
            if (s < 0.5)
                s = 0.5;
            if (s > 4)
                s = 4;
            printf("%s\"%s\": %.3f", cidx ? ", " : "",
                   mtl_category_name(cidx), s);
        }
        printf(", \"documents\": %zu}", l->n);
    }
    printf("\n }}\n");
    for (size_t i = 0; i < nlangs; i++)
        for (size_t cidx = 0; cidx < ncat; cidx++)
            free(langs[i].rates[cidx]);
    for (size_t cidx = 0; cidx < ncat; cidx++)
        free(all.rates[cidx]);
    mtl_engine_free(engine);
    if (fflush(stdout) != 0)
        return 2;
    return status;
}
