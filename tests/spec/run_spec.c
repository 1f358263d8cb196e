/*
 * run_spec.c - runs the examples of tests/spec/<detector>.txt (format in
 * tests/spec/README.md) through the library and checks that the flags are
 * exactly the expected ones.  Exit 0 when all pass, 1 otherwise.
 *
 * usage: run_spec FILE.txt [FILE.txt ...]
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mtlint.h"

typedef struct expect {
    char rule[96];      /* category/rule */
    char *text;
    char *suggestion;   /* NULL: not checked */
    bool matched;
} expect;

typedef struct example {
    const char *file;
    int line;
    char lang[32];
    char detectors[256];
    char date[16];
    char *doc;
    size_t doclen;
    expect exp[64];
    int nexp;
} example;

static int
hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static size_t
put_utf8(unsigned long cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Expands \t, \xHH, \u{H..}, \\ in s[0..n) into out; returns length. */
static size_t
unescape(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            char c = s[i + 1];
            if (c == 't') {
                out[o++] = '\t';
                i++;
                continue;
            }
            if (c == '\\') {
                out[o++] = '\\';
                i++;
                continue;
            }
            if (c == 'x' && i + 3 < n && hexval(s[i + 2]) >= 0 &&
                hexval(s[i + 3]) >= 0) {
                out[o++] = (char)(hexval(s[i + 2]) * 16 + hexval(s[i + 3]));
                i += 3;
                continue;
            }
            if (c == 'u' && i + 2 < n && s[i + 2] == '{') {
                size_t j = i + 3;
                unsigned long cp = 0;
                while (j < n && hexval(s[j]) >= 0)
                    cp = cp * 16 + (unsigned long)hexval(s[j++]);
                if (j < n && s[j] == '}' && cp <= 0x10FFFF) {
                    o += put_utf8(cp, out + o);
                    i = j;
                    continue;
                }
            }
        }
        out[o++] = s[i];
    }
    return o;
}

/* Parses a "quoted string" at *p (escapes as in documents); returns a new
 * string or NULL. */
static char *
parse_quoted(const char **p)
{
    const char *s = *p;
    while (*s == ' ')
        s++;
    if (*s != '"')
        return NULL;
    s++;
    const char *start = s;
    while (*s && !(*s == '"' && (s[1] == '\0' || s[1] == ' ' ||
                                 s[1] == '\n' || s[1] == '\r')))
        s++;
    if (*s != '"')
        return NULL;
    size_t n = (size_t)(s - start);
    char *out = malloc(n * 4 + 1);
    size_t l = unescape(start, n, out);
    out[l] = '\0';
    *p = s + 1;
    return out;
}

static int failures, passes;

static void
report_failure(const example *ex, mtl_report *r, const char *why)
{
    failures++;
    fprintf(stderr, "%s:%d: FAIL (%s): %s\n", ex->file, ex->line, ex->lang,
            why);
    fprintf(stderr, "  document: %.*s\n", (int)(ex->doclen > 300 ? 300
                                                : ex->doclen), ex->doc);
    for (int i = 0; i < ex->nexp; i++)
        fprintf(stderr, "  expected: %s \"%s\"%s%s%s\n", ex->exp[i].rule,
                ex->exp[i].text, ex->exp[i].suggestion ? " -> \"" : "",
                ex->exp[i].suggestion ? ex->exp[i].suggestion : "",
                ex->exp[i].suggestion ? "\"" : "");
    for (size_t i = 0; r && i < mtl_report_flag_count(r); i++) {
        const mtl_flag *f = mtl_report_flag(r, i);
        fprintf(stderr, "  got:      %s/%s \"%s\"%s%s%s\n", f->category,
                f->rule, f->text, f->suggestion ? " -> \"" : "",
                f->suggestion ? f->suggestion : "",
                f->suggestion ? "\"" : "");
    }
}

/* One engine per detector set and reference date, shared by every example
 * that asks for them, as a batch run shares one engine among millions of
 * documents: opening the dictionaries once per example made the suite
 * spend most of its time loading them, and a shared engine also proves
 * that no check leaves state behind that changes the next one's flags. */
typedef struct cached_engine {
    char detectors[256];
    char date[16];
    mtl_engine *engine;
} cached_engine;

static cached_engine engines[32];
static size_t nengines;

static mtl_engine *
engine_for(const char *detectors, const char *date, mtl_error *err)
{
    const char *d = detectors ? detectors : "";
    for (size_t i = 0; i < nengines; i++)
        if (strcmp(engines[i].detectors, d) == 0 &&
            strcmp(engines[i].date, date) == 0)
            return engines[i].engine;
    mtl_options o = mtl_options_default();
    o.detectors = detectors;
    o.reference_date = date[0] ? date : NULL;
    mtl_engine *e = mtl_engine_new(&o, err);
    if (!e)
        return NULL;
    if (nengines == sizeof engines / sizeof engines[0]) {
        /* full: the oldest makes room */
        mtl_engine_free(engines[0].engine);
        memmove(engines, engines + 1, (nengines - 1) * sizeof engines[0]);
        nengines--;
    }
    cached_engine *c = &engines[nengines++];
    snprintf(c->detectors, sizeof c->detectors, "%s", d);
    snprintf(c->date, sizeof c->date, "%s", date);
    c->engine = e;
    return e;
}

static void
free_engines(void)
{
    for (size_t i = 0; i < nengines; i++)
        mtl_engine_free(engines[i].engine);
    nengines = 0;
}

static void
run_example(example *ex, const char *default_detectors)
{
    mtl_error err;
    mtl_engine *e = engine_for(ex->detectors[0] ? ex->detectors
                                                : default_detectors,
                               ex->date, &err);
    if (!e) {
        failures++;
        fprintf(stderr, "%s:%d: engine: %s\n", ex->file, ex->line,
                err.message);
        return;
    }
    mtl_doc_meta meta = {0};
    meta.lang = ex->lang;
    mtl_report *r = mtl_engine_check(e, ex->doc, ex->doclen, &meta, NULL,
                                     &err);
    if (!r) {
        failures++;
        fprintf(stderr, "%s:%d: check: %s\n", ex->file, ex->line, err.message);
        return;
    }
    bool ok = true;
    char why[512] = "";
    for (size_t i = 0; i < mtl_report_flag_count(r); i++) {
        const mtl_flag *f = mtl_report_flag(r, i);
        char rule[96];
        snprintf(rule, sizeof rule, "%s/%s", f->category, f->rule);
        bool found = false;
        for (int k = 0; k < ex->nexp; k++) {
            expect *x = &ex->exp[k];
            if (x->matched || strcmp(x->rule, rule) != 0 ||
                strcmp(x->text, f->text) != 0)
                continue;
            if (x->suggestion &&
                (!f->suggestion || strcmp(x->suggestion, f->suggestion))) {
                snprintf(why, sizeof why, "wrong suggestion for \"%s\"",
                         f->text);
                ok = false;
            }
            x->matched = true;
            found = true;
            break;
        }
        if (!found) {
            snprintf(why, sizeof why, "unexpected flag %s \"%s\"", rule,
                     f->text);
            ok = false;
        }
    }
    for (int k = 0; k < ex->nexp; k++)
        if (!ex->exp[k].matched) {
            snprintf(why, sizeof why, "missing flag %s \"%s\"",
                     ex->exp[k].rule, ex->exp[k].text);
            ok = false;
        }
    if (ok)
        passes++;
    else
        report_failure(ex, r, why);
    mtl_report_free(r);
}

static void
free_example(example *ex)
{
    free(ex->doc);
    for (int i = 0; i < ex->nexp; i++) {
        free(ex->exp[i].text);
        free(ex->exp[i].suggestion);
    }
    memset(ex, 0, sizeof *ex);
}

static int
run_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "run_spec: cannot open %s\n", path);
        return 1;
    }
    /* default detectors: the file's base name ("dates.txt" -> "dates",
     * "names-2.txt" -> "names"), unless it is not a detector name: then
     * all */
    char def[128];
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(def, sizeof def, "%s", base);
    char *dot = strrchr(def, '.');
    if (dot)
        *dot = '\0';
    /* a detector's examples split over several files: "names-2.txt" is
     * the names detector's too (a number after the hyphen) */
    char *hy = strrchr(def, '-');
    if (hy && hy[1] && strspn(hy + 1, "0123456789") == strlen(hy + 1))
        *hy = '\0';
    bool known = false;
    for (size_t i = 0; i < mtl_detector_count(); i++)
        if (strcmp(mtl_detector_name(i), def) == 0)
            known = true;
    const char *defdet = known ? def : NULL;

    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0, state = 0; /* 0 prose, 1 document, 2 expectations */
    example ex;
    memset(&ex, 0, sizeof ex);
    size_t doccap = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (state == 0) {
            if (strncmp(line, "~~~ example", 11) == 0) {
                memset(&ex, 0, sizeof ex);
                ex.file = path;
                ex.line = lineno;
                snprintf(ex.lang, sizeof ex.lang, "en");
                char *tok = strtok(line + 11, " ");
                bool first = true;
                while (tok) {
                    if (strncmp(tok, "detectors=", 10) == 0)
                        snprintf(ex.detectors, sizeof ex.detectors, "%s",
                                 tok + 10);
                    else if (strncmp(tok, "date=", 5) == 0)
                        snprintf(ex.date, sizeof ex.date, "%s", tok + 5);
                    else if (first)
                        snprintf(ex.lang, sizeof ex.lang, "%s", tok);
                    first = false;
                    tok = strtok(NULL, " ");
                }
                ex.doc = malloc(1024);
                doccap = 1024;
                ex.doclen = 0;
                state = 1;
            }
            continue;
        }
        if (state == 1) {
            if (strcmp(line, ".") == 0) {
                if (ex.doclen > 0)
                    ex.doclen--; /* the last line break is not content */
                state = 2;
                continue;
            }
            if (ex.doclen + (size_t)n * 4 + 2 > doccap) {
                doccap = (ex.doclen + (size_t)n * 4 + 2) * 2;
                ex.doc = realloc(ex.doc, doccap);
            }
            ex.doclen += unescape(line, (size_t)n, ex.doc + ex.doclen);
            ex.doc[ex.doclen++] = '\n';
            continue;
        }
        if (strcmp(line, "~~~") == 0) {
            run_example(&ex, defdet);
            free_example(&ex);
            state = 0;
            continue;
        }
        if (n == 0)
            continue;
        if (ex.nexp >= 64) {
            fprintf(stderr, "%s:%d: too many expectations\n", path, lineno);
            failures++;
            continue;
        }
        expect *x = &ex.exp[ex.nexp];
        const char *p = line;
        size_t rl = strcspn(p, " ");
        if (rl >= sizeof x->rule) {
            fprintf(stderr, "%s:%d: malformed expectation\n", path, lineno);
            failures++;
            continue;
        }
        memcpy(x->rule, p, rl);
        x->rule[rl] = '\0';
        p += rl;
        x->text = parse_quoted(&p);
        if (!x->text) {
            fprintf(stderr, "%s:%d: expectation needs \"TEXT\"\n", path,
                    lineno);
            failures++;
            continue;
        }
        while (*p == ' ')
            p++;
        if (strncmp(p, "->", 2) == 0) {
            p += 2;
            x->suggestion = parse_quoted(&p);
        }
        ex.nexp++;
    }
    if (state != 0) {
        fprintf(stderr, "%s:%d: example not closed with ~~~\n", path, ex.line);
        failures++;
        free_example(&ex);
    }
    free(line);
    fclose(f);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: run_spec FILE.txt...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        run_file(argv[i]);
    free_engines();
    printf("%d passed, %d failed\n", passes, failures);
    if (passes + failures == 0) {
        fprintf(stderr, "run_spec: no examples found\n");
        return 1;
    }
    return failures ? 1 : 0;
}
