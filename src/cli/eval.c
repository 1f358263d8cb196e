/*
 * eval.c - `mtlint eval`: scores mtlint against gold span labels, so that a
 * team can measure it on its own labelled data.
 *
 * Gold files are JSON Lines in either form of ../shared/seeds/gold.jsonl:
 * one row per labelled span ({"doc", "category", "text", "expect_flag",
 * "detectable", optional "start_byte"/"end_byte"}), or one document per row
 * with inline labels ({"id", "text", "labels": [{"category", "text"}]},
 * located by substring).  The matching rules are those of
 * ../shared/tools/mtlint-eval, and the text output ends with the same line:
 * "recall R (FOUND/TOTAL); clean spans flagged N; unmatched flags M;
 * documents D/E".
 *
 * Part of the CLI: it uses mtlint.h, plus jansson to read the gold file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "mtlint.h"

#define EV_MAX_CATS 32
#define MTL_MAX_CONFUSION 16

typedef struct ev_span {
    size_t start, end;
} ev_span;

typedef struct ev_label {
    char *category;
    char *text;
    char *note;
    ev_span *spans;
    size_t nspans;
    bool expect;
    bool detectable;
} ev_label;

typedef struct ev_doc {
    char *name;     /* gold "doc" or "id" */
    char *path;     /* file to read, NULL for inline text */
    char *text;     /* bytes (read or inline) */
    size_t len;
    bool have;      /* text available */
    ev_label *labels;
    size_t nlabels, caplabels;
    mtl_report *report;
} ev_doc;

typedef struct ev {
    ev_doc *docs;
    size_t ndocs, capdocs;
    const char *cats[EV_MAX_CATS];
    size_t ncats;
} ev;

/* Which flag categories count for a gold category (mtlint-eval's ACCEPT):
 * ownership borders of DESIGN.md that a label cannot decide. */
static const struct {
    const char *gold;
    const char *accept[4];
} ev_accept[] = {
    {"name", {"name", "spacing"}},
    {"boilerplate", {"boilerplate", "duplicate"}},
    {"duplicate", {"duplicate", "boilerplate"}},
    {"date", {"date"}},
    {"quote", {"quote"}},
    {"acronym", {"acronym"}},
    {"casing", {"casing"}},
    {"lowercase_start", {"casing"}},
    {"spacing", {"spacing", "name", "quote"}},
    {"encoding", {"encoding"}},
    {"mojibake", {"encoding"}},
    {"language", {"language"}},
};

/* -1: the gold category is unknown, any flag category counts; else the
 * index into ev_accept. */
static int
ev_accept_index(const char *gold)
{
    for (size_t i = 0; i < sizeof ev_accept / sizeof ev_accept[0]; i++)
        if (strcmp(ev_accept[i].gold, gold) == 0)
            return (int)i;
    return -1;
}

static bool
ev_accepts(const char *gold, const char *flagcat)
{
    int a = ev_accept_index(gold);
    if (a < 0)
        return true;
    for (int k = 0; k < 4 && ev_accept[a].accept[k]; k++)
        if (strcmp(ev_accept[a].accept[k], flagcat) == 0)
            return true;
    return false;
}

/* The union of accepted categories of the --category list. */
static bool
ev_allowed(const ev *e, const char *flagcat)
{
    if (e->ncats == 0)
        return true;
    for (size_t i = 0; i < e->ncats; i++) {
        int a = ev_accept_index(e->cats[i]);
        if (a < 0) {
            if (strcmp(e->cats[i], flagcat) == 0)
                return true;
            continue;
        }
        for (int k = 0; k < 4 && ev_accept[a].accept[k]; k++)
            if (strcmp(ev_accept[a].accept[k], flagcat) == 0)
                return true;
    }
    return false;
}

static bool
ev_in_cats(const ev *e, const char *cat)
{
    for (size_t i = 0; i < e->ncats; i++)
        if (strcmp(e->cats[i], cat) == 0)
            return true;
    return false;
}

static char *
ev_strdup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d) {
        fputs("mtlint eval: out of memory\n", stderr);
        exit(2);
    }
    return d;
}

static void *
ev_grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap * 2 : 16;
    while (c < need)
        c *= 2;
    void *q = realloc(p, c * elem);
    if (!q) {
        fputs("mtlint eval: out of memory\n", stderr);
        exit(2);
    }
    *cap = c;
    return q;
}

static ev_doc *
ev_find_doc(ev *e, const char *name, bool create)
{
    for (size_t i = 0; i < e->ndocs; i++)
        if (strcmp(e->docs[i].name, name) == 0)
            return &e->docs[i];
    if (!create)
        return NULL;
    e->docs = ev_grow(e->docs, &e->capdocs, e->ndocs + 1, sizeof *e->docs);
    ev_doc *d = &e->docs[e->ndocs++];
    memset(d, 0, sizeof *d);
    d->name = ev_strdup(name);
    return d;
}

static bool
ev_read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    bool ok = !ferror(f);
    fclose(f);
    if (!ok) {
        free(buf);
        return false;
    }
    *out = buf;
    *len = n;
    return true;
}

/* All byte spans of @p needle in the document. */
static void
ev_find_spans(const ev_doc *d, const char *needle, ev_label *lab)
{
    size_t nl = strlen(needle);
    size_t cap = 0;
    if (nl == 0 || !d->have)
        return;
    for (size_t i = 0; i + nl <= d->len; i++) {
        if (memcmp(d->text + i, needle, nl) == 0) {
            lab->spans = ev_grow(lab->spans, &cap, lab->nspans + 1,
                                 sizeof *lab->spans);
            lab->spans[lab->nspans++] = (ev_span){i, i + nl};
        }
    }
}

static ev_label *
ev_add_label(ev_doc *d, const char *cat, const char *text, const char *note,
             bool expect, bool detectable)
{
    d->labels = ev_grow(d->labels, &d->caplabels, d->nlabels + 1,
                        sizeof *d->labels);
    ev_label *l = &d->labels[d->nlabels++];
    memset(l, 0, sizeof *l);
    l->category = ev_strdup(cat);
    l->text = ev_strdup(text);
    l->note = ev_strdup(note);
    l->expect = expect;
    l->detectable = detectable;
    return l;
}

static bool
ev_bool(json_t *o, const char *key, bool def)
{
    json_t *v = json_object_get(o, key);
    return v && json_is_boolean(v) ? json_is_true(v) : def;
}

static const char *
ev_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Locates a document file: an input given on the command line with the
 * same base name, else DIR/doc. */
static char *
ev_locate(const char *doc, const char *dir, char **inputs, int ninputs)
{
    const char *base = strrchr(doc, '/');
    base = base ? base + 1 : doc;
    for (int i = 0; i < ninputs; i++) {
        const char *ib = strrchr(inputs[i], '/');
        ib = ib ? ib + 1 : inputs[i];
        if (strcmp(inputs[i], doc) == 0 || strcmp(ib, base) == 0)
            return ev_strdup(inputs[i]);
    }
    if (ninputs > 0)
        return NULL;
    size_t n = strlen(dir) + strlen(doc) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, doc);
    return p;
}

static int
ev_load_gold(ev *e, const char *gold, const char *docs_dir, char **inputs,
             int ninputs)
{
    FILE *f = fopen(gold, "r");
    if (!f) {
        fprintf(stderr, "mtlint eval: cannot open gold file '%s': %s\n", gold,
                strerror(errno));
        return -1;
    }
    char dirbuf[4096];
    if (!docs_dir) {
        snprintf(dirbuf, sizeof dirbuf, "%s", gold);
        char *slash = strrchr(dirbuf, '/');
        if (slash)
            *slash = '\0';
        else
            strcpy(dirbuf, ".");
        docs_dir = dirbuf;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned lineno = 0;
    int status = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t i = 0;
        while (i < (size_t)n && (line[i] == ' ' || line[i] == '\t' ||
                                 line[i] == '\n' || line[i] == '\r'))
            i++;
        if (i == (size_t)n)
            continue;
        json_error_t je;
        json_t *r = json_loadb(line, (size_t)n, 0, &je);
        if (!r || !json_is_object(r)) {
            fprintf(stderr, "mtlint eval: %s:%u: not a JSON object: %s\n",
                    gold, lineno, r ? "wrong type" : je.text);
            json_decref(r);
            status = -1;
            break;
        }
        json_t *labels = json_object_get(r, "labels");
        if (json_is_array(labels)) {
            const char *id = ev_str(r, "id");
            const char *text = ev_str(r, "text");
            if (!id || !text) {
                fprintf(stderr, "mtlint eval: %s:%u: a document row needs "
                        "\"id\" and \"text\"\n", gold, lineno);
                json_decref(r);
                status = -1;
                break;
            }
            ev_doc *d = ev_find_doc(e, id, true);
            free(d->text);
            d->len = json_string_length(json_object_get(r, "text"));
            d->text = malloc(d->len + 1);
            memcpy(d->text, text, d->len);
            d->have = true;
            size_t k;
            json_t *lab;
            json_array_foreach(labels, k, lab) {
                const char *cat = ev_str(lab, "category");
                const char *lt = ev_str(lab, "text");
                if (!cat || !lt)
                    continue;
                ev_label *l = ev_add_label(d, cat, lt, ev_str(lab, "note"),
                                           true,
                                           ev_bool(lab, "detectable", true));
                ev_find_spans(d, lt, l);
                if (l->nspans == 0) {
                    fprintf(stderr, "mtlint eval: %s:%u: label text not in "
                            "document %s: %s\n", gold, lineno, id, lt);
                    status = -1;
                }
            }
            json_decref(r);
            continue;
        }
        const char *docname = ev_str(r, "doc");
        const char *cat = ev_str(r, "category");
        const char *text = ev_str(r, "text");
        if (!docname || !cat || !text) {
            fprintf(stderr, "mtlint eval: %s:%u: a label row needs \"doc\", "
                    "\"category\" and \"text\"\n", gold, lineno);
            json_decref(r);
            status = -1;
            break;
        }
        ev_doc *d = ev_find_doc(e, docname, true);
        if (!d->path && !d->have) {
            d->path = ev_locate(docname, docs_dir, inputs, ninputs);
            if (d->path && ev_read_file(d->path, &d->text, &d->len))
                d->have = true;
        }
        ev_label *l = ev_add_label(d, cat, text, ev_str(r, "note"),
                                   ev_bool(r, "expect_flag", true),
                                   ev_bool(r, "detectable", true));
        json_t *sb = json_object_get(r, "start_byte");
        json_t *eb = json_object_get(r, "end_byte");
        if (json_is_integer(sb) && json_is_integer(eb)) {
            l->spans = malloc(sizeof *l->spans);
            l->spans[0] = (ev_span){(size_t)json_integer_value(sb),
                                    (size_t)json_integer_value(eb)};
            l->nspans = 1;
        } else {
            ev_find_spans(d, text, l);
        }
        json_decref(r);
    }
    free(line);
    fclose(f);
    return status;
}

static bool
ev_overlap(ev_span a, size_t s, size_t t)
{
    return a.start < t && s < a.end;
}

typedef struct ev_count {
    const char *cat;
    size_t found, total;
} ev_count;

static ev_count *
ev_count_of(ev_count *c, size_t *n, const char *cat)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(c[i].cat, cat) == 0)
            return &c[i];
    if (*n >= 64)
        return &c[63];
    c[*n] = (ev_count){cat, 0, 0};
    return &c[(*n)++];
}

static int
ev_cmp_count(const void *a, const void *b)
{
    return strcmp(((const ev_count *)a)->cat, ((const ev_count *)b)->cat);
}

static void
ev_usage(void)
{
    fputs("Usage: mtlint eval --gold GOLD.jsonl [OPTION]... [FILE]...\n"
          "Score mtlint against gold span labels.  Documents are the FILEs\n"
          "(matched to the gold rows by base name), or found beside the\n"
          "gold file (--docs DIR to choose), or inline in the gold rows.\n"
          "\n"
          "      --gold FILE          gold labels (JSON Lines)\n"
          "      --docs DIR           folder of the gold documents\n"
          "      --category CAT       only these gold categories; only\n"
          "                           flags of matching categories count\n"
          "                           against clean spans (repeatable)\n"
          "      --format text|jsonl  output format (default text)\n"
          "      --show               list misses, false flags and\n"
          "                           unmatched flags\n"
          "      --min-recall R       exit 1 when recall is below R\n"
          "      --max-fp N           exit 1 when more clean spans are\n"
          "                           flagged\n"
          "      --lang CODE, --date YYYY-MM-DD, --detectors LIST,\n"
          "      --lexicon-path DIRS, --batch-rules auto|on|off\n"
          "                           as for mtlint\n"
          "\n"
          "The text output ends with one line: recall R (FOUND/TOTAL); clean\n"
          "spans flagged N; unmatched flags M; documents D/E.\n"
          "Exit status: 0 success, 1 a threshold missed or a document\n"
          "missing, 2 usage or I/O error.\n", stdout);
}

int
mtl_cli_eval(int argc, char **argv)
{
    enum { O_GOLD = 300, O_DOCS, O_CAT, O_FORMAT, O_SHOW, O_MINREC, O_MAXFP,
           O_LANG, O_DATE, O_DET, O_LEX, O_BATCH, O_HELP };
    static const struct option opts[] = {
        {"gold", required_argument, NULL, O_GOLD},
        {"docs", required_argument, NULL, O_DOCS},
        {"category", required_argument, NULL, O_CAT},
        {"format", required_argument, NULL, O_FORMAT},
        {"show", no_argument, NULL, O_SHOW},
        {"min-recall", required_argument, NULL, O_MINREC},
        {"max-fp", required_argument, NULL, O_MAXFP},
        {"lang", required_argument, NULL, O_LANG},
        {"date", required_argument, NULL, O_DATE},
        {"detectors", required_argument, NULL, O_DET},
        {"lexicon-path", required_argument, NULL, O_LEX},
        {"batch-rules", required_argument, NULL, O_BATCH},
        {"help", no_argument, NULL, O_HELP},
        {NULL, 0, NULL, 0}};
    const char *gold = NULL, *docs_dir = NULL, *lang = NULL, *date = NULL;
    const char *detectors = NULL, *lexpath = NULL, *batch_rules = "auto";
    bool jsonl = false, show = false;
    double min_recall = -1;
    long max_fp = -1;
    ev e;
    memset(&e, 0, sizeof e);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_GOLD: gold = optarg; break;
        case O_DOCS: docs_dir = optarg; break;
        case O_CAT:
            if (e.ncats < EV_MAX_CATS)
                e.cats[e.ncats++] = optarg;
            break;
        case O_FORMAT:
            if (strcmp(optarg, "jsonl") == 0)
                jsonl = true;
            else if (strcmp(optarg, "text") != 0) {
                fprintf(stderr, "mtlint eval: --format is text or jsonl\n");
                return 2;
            }
            break;
        case O_SHOW: show = true; break;
        case O_MINREC: min_recall = strtod(optarg, NULL); break;
        case O_MAXFP: max_fp = strtol(optarg, NULL, 10); break;
        case O_LANG: lang = optarg; break;
        case O_DATE: date = optarg; break;
        case O_DET: detectors = optarg; break;
        case O_LEX: lexpath = optarg; break;
        case O_BATCH: batch_rules = optarg; break;
        case O_HELP: ev_usage(); return 0;
        default:
            fputs("Try 'mtlint eval --help' for more information.\n", stderr);
            return 2;
        }
    }
    if (!gold) {
        fputs("mtlint eval: --gold FILE is required\nTry 'mtlint eval "
              "--help' for more information.\n", stderr);
        return 2;
    }
    if (strcmp(batch_rules, "auto") && strcmp(batch_rules, "on") &&
        strcmp(batch_rules, "off")) {
        fputs("mtlint eval: --batch-rules is auto, on or off\n", stderr);
        return 2;
    }
    if (lang && !mtl_language_tag_valid(lang)) {
        fprintf(stderr, "mtlint eval: '%s' is not a BCP 47 language tag\n",
                lang);
        return 2;
    }
    if (ev_load_gold(&e, gold, docs_dir, argv + optind, argc - optind) != 0)
        return 2;

    mtl_options o = mtl_options_default();
    o.detectors = detectors;
    o.reference_date = date;
    o.lexicon_path = lexpath;
    mtl_error err = {0};
    mtl_engine *engine = mtl_engine_new(&o, &err);
    if (!engine) {
        fprintf(stderr, "mtlint eval: %s\n", err.message);
        return 2;
    }
    size_t have = 0;
    for (size_t i = 0; i < e.ndocs; i++)
        have += e.docs[i].have;
    mtl_batch *batch = NULL;
    if (strcmp(batch_rules, "on") == 0 ||
        (strcmp(batch_rules, "auto") == 0 && have > 1)) {
        batch = mtl_batch_new(engine, NULL, &err);
        for (size_t i = 0; batch && i < e.ndocs; i++) {
            ev_doc *d = &e.docs[i];
            mtl_doc_meta m = {.id = d->name, .source = d->path, .lang = lang};
            if (d->have)
                mtl_batch_observe(batch, d->text, d->len, &m);
        }
    }
    for (size_t i = 0; i < e.ndocs; i++) {
        ev_doc *d = &e.docs[i];
        if (!d->have)
            continue;
        mtl_doc_meta m = {.id = d->name, .source = d->path ? d->path
                                                           : d->name,
                          .lang = lang};
        d->report = mtl_engine_check(engine, d->text, d->len, &m, batch,
                                     &err);
        if (!d->report)
            fprintf(stderr, "mtlint eval: %s: %s\n", d->name, err.message);
    }

    /* the metrics of mtlint-eval */
    ev_count counts[64];
    size_t ncounts = 0;
    size_t violations = 0, unmatched = 0, missing = 0;
    size_t confusion[64][MTL_MAX_CONFUSION];
    const char *conf_cols[MTL_MAX_CONFUSION];
    size_t nconf = 0;
    memset(confusion, 0, sizeof confusion);
    FILE *out = stdout;
    char *showbuf = NULL;
    size_t showlen = 0;
    FILE *shows = open_memstream(&showbuf, &showlen);
    for (size_t i = 0; i < e.ndocs; i++) {
        ev_doc *d = &e.docs[i];
        if (!d->report) {
            missing++;
            continue;
        }
        size_t nf = mtl_report_flag_count(d->report);
        for (size_t l = 0; l < d->nlabels; l++) {
            ev_label *lab = &d->labels[l];
            if (e.ncats && !ev_in_cats(&e, lab->category) && lab->expect)
                continue;
            if (lab->expect) {
                if (!lab->detectable)
                    continue;
                ev_count *ct = ev_count_of(counts, &ncounts, lab->category);
                ct->total++;
                bool hit = false;
                const char *seen_cat = NULL;
                for (size_t s = 0; s < lab->nspans; s++)
                    for (size_t k = 0; k < nf; k++) {
                        const mtl_flag *f = mtl_report_flag(d->report, k);
                        if (!ev_overlap(lab->spans[s], f->start, f->end))
                            continue;
                        if (!seen_cat)
                            seen_cat = f->category;
                        if (ev_accepts(lab->category, f->category))
                            hit = true, seen_cat = f->category;
                    }
                const char *col = hit ? seen_cat : (seen_cat ? seen_cat
                                                             : "(missed)");
                size_t ci = 0;
                while (ci < nconf && strcmp(conf_cols[ci], col))
                    ci++;
                if (ci == nconf && nconf < MTL_MAX_CONFUSION)
                    conf_cols[nconf++] = col;
                if (ci < MTL_MAX_CONFUSION)
                    confusion[ct - counts][ci]++;
                if (hit)
                    ct->found++;
                else
                    fprintf(shows, "miss:  %s  %s  %s  %s\n", d->name,
                            lab->category, lab->text, lab->note);
            } else {
                for (size_t k = 0; k < nf; k++) {
                    const mtl_flag *f = mtl_report_flag(d->report, k);
                    bool ov = false;
                    for (size_t s = 0; s < lab->nspans; s++)
                        ov |= ev_overlap(lab->spans[s], f->start, f->end);
                    if (ov && ev_allowed(&e, f->category)) {
                        violations++;
                        fprintf(shows, "false flag on a clean span:  %s  %s"
                                "  %s  %s\n", d->name, lab->text, f->category,
                                f->rule);
                        break;
                    }
                }
            }
        }
        for (size_t k = 0; k < nf; k++) {
            const mtl_flag *f = mtl_report_flag(d->report, k);
            if (!ev_allowed(&e, f->category))
                continue;
            bool pos = false;
            for (size_t l = 0; l < d->nlabels && !pos; l++) {
                if (!d->labels[l].expect)
                    continue;
                for (size_t s = 0; s < d->labels[l].nspans; s++)
                    pos |= ev_overlap(d->labels[l].spans[s], f->start, f->end);
            }
            if (!pos) {
                unmatched++;
                fprintf(shows, "unmatched flag:  %s  %s  %s  %s\n", d->name,
                        f->category, f->rule, f->text);
            }
        }
    }
    fclose(shows);
    size_t found = 0, total = 0;
    /* print in category order; confusion rows follow the counts' order */
    size_t ord[64];
    for (size_t i = 0; i < ncounts; i++)
        ord[i] = i;
    for (size_t i = 1; i < ncounts; i++)
        for (size_t j = i; j > 0 && ev_cmp_count(&counts[ord[j - 1]],
                                                 &counts[ord[j]]) > 0; j--) {
            size_t t = ord[j];
            ord[j] = ord[j - 1];
            ord[j - 1] = t;
        }
    for (size_t i = 0; i < ncounts; i++) {
        found += counts[i].found;
        total += counts[i].total;
    }
    double recall = total ? (double)found / (double)total : 1.0;
    size_t ndocs_ok = e.ndocs - missing;

    if (jsonl) {
        fprintf(out, "{\"recall\": %.3f, \"found\": %zu, \"total\": %zu, "
                     "\"clean_spans_flagged\": %zu, \"unmatched_flags\": %zu, "
                     "\"documents\": %zu, \"documents_total\": %zu, "
                     "\"categories\": {", recall, found, total, violations,
                unmatched, ndocs_ok, e.ndocs);
        for (size_t i = 0; i < ncounts; i++)
            fprintf(out, "%s\"%s\": {\"found\": %zu, \"total\": %zu}",
                    i ? ", " : "", counts[ord[i]].cat, counts[ord[i]].found,
                    counts[ord[i]].total);
        fputs("}}\n", out);
    } else {
        fprintf(out, "%-16s%7s%5s%8s\n", "category", "found", "of", "recall");
        for (size_t i = 0; i < ncounts; i++)
            fprintf(out, "%-16s%7zu%5zu%8.2f\n", counts[ord[i]].cat,
                    counts[ord[i]].found, counts[ord[i]].total,
                    (double)counts[ord[i]].found /
                        (double)counts[ord[i]].total);
        if (nconf) {
            fputs("confusion (gold category -> flag category overlapping "
                  "it):\n", out);
            for (size_t i = 0; i < ncounts; i++) {
                fprintf(out, "  %-14s", counts[ord[i]].cat);
                for (size_t ci = 0; ci < nconf; ci++)
                    if (confusion[ord[i]][ci])
                        fprintf(out, " %s %zu", conf_cols[ci],
                                confusion[ord[i]][ci]);
                fputc('\n', out);
            }
        }
        if (show && showbuf)
            fputs(showbuf, out);
        if (missing)
            fprintf(out, "no prediction for %zu gold document(s)\n", missing);
        fprintf(out, "recall %.3f (%zu/%zu); clean spans flagged %zu; "
                     "unmatched flags %zu; documents %zu/%zu\n", recall, found,
                total, violations, unmatched, ndocs_ok, e.ndocs);
    }
    free(showbuf);
    int status = 0;
    if (missing)
        status = 1;
    if (min_recall >= 0 && recall < min_recall)
        status = 1;
    if (max_fp >= 0 && (long)violations > max_fp)
        status = 1;
    for (size_t i = 0; i < e.ndocs; i++) {
        ev_doc *d = &e.docs[i];
        for (size_t l = 0; l < d->nlabels; l++) {
            free(d->labels[l].category);
            free(d->labels[l].text);
            free(d->labels[l].note);
            free(d->labels[l].spans);
        }
        free(d->labels);
        free(d->name);
        free(d->path);
        free(d->text);
        mtl_report_free(d->report);
    }
    free(e.docs);
    mtl_batch_free(batch);
    mtl_engine_free(engine);
    if (fflush(out) != 0)
        return 2;
    return status;
}
