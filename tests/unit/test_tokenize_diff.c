/*
 * test_tokenize_diff.c - the tokenizer's word segmentation against ICU.
 *
 * mtl_tokenize() finds most word segments without ICU (fast_word() in
 * tokenize.c applies ICU's word rules to the common Word_Break values and
 * hands the rest to ICU).  That is only right if every boundary and every
 * rule status is what a plain ICU UBRK_WORD pass (root locale) gives, so
 * this test compares the two, segment by segment, on:
 *   0. every code point of U+0000..U+00FF and U+2010..U+2027 in a few
 *      contexts, which the fast path must also find by itself (it turns
 *      itself off where it disagrees with ICU, which would hide a broken
 *      rule from the comparisons);
 *   1. the corpus documents (corpus/seeds, corpus/clean) under
 *      $MTLINT_SOURCE_ROOT, whole and cut at many offsets, and the UDHR
 *      texts of $MTLINT_SHARED (Arabic, Russian, Chinese...) when
 *      present;
 *   2. the fuzz seeds of tests/fuzz/corpus_analyze (invalid UTF-8...);
 *   3. DIFF_ROUNDS (200000 by default) pseudo-random strings of 1-60
 *      pieces from an alphabet meant to reach every rule (and random
 *      code points, of the tokenizer's tables or anywhere), each with a
 *      fixed seed so a failure can be replayed;
 *   4. the texts of a JSONL file named by $DIFF_JSONL, e.g. the bench
 *      corpus of tests/bench/gen_corpus.py (its "text" fields).
 * The first difference is reported with its context.  The documents are
 * also tokenized with the fast path on and off, and every token, sentence,
 * line and paragraph must be the same.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "doc.h"
#include "tokenize/tokenize.h"
#include "util/util.h"
#include "test.h"

static mtl_tokenizer *tk;
static UBreakIterator *icu;

/* Growable segment lists: ends and statuses. */
typedef struct segs {
    int32_t *end, *st;
    size_t n, cap;
} segs;

static segs ref, got;
static size_t total_segs, total_fast, total_texts, total_bytes;

static void
segs_reserve(segs *s, size_t n)
{
    if (n <= s->cap)
        return;
    size_t cap = s->cap ? s->cap : 1024;
    while (cap < n)
        cap *= 2;
    s->end = realloc(s->end, cap * sizeof *s->end);
    s->st = realloc(s->st, cap * sizeof *s->st);
    if (!s->end || !s->st) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    s->cap = cap;
}

/* The plain ICU pass: the reference. */
static void
icu_pass(const char *text, size_t len, segs *out)
{
    UErrorCode uc = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text, (int64_t)len, &uc);
    ubrk_setUText(icu, &ut, &uc);
    CHECK(U_SUCCESS(uc));
    out->n = 0;
    ubrk_first(icu);
    int32_t b;
    while ((b = ubrk_next(icu)) != UBRK_DONE) {
        segs_reserve(out, out->n + 1);
        out->end[out->n] = b;
        out->st[out->n] = ubrk_getRuleStatus(icu);
        out->n++;
    }
    utext_close(&ut);
}

/* The tokenizer's segmentation. */
static size_t
hybrid_pass(const char *text, size_t len, segs *out)
{
    size_t nfast = 0;
    int64_t n = mtl_word_segments(tk, text, len, out->end, out->st,
                                  out->cap, &nfast);
    CHECK(n >= 0);
    if (n > 0 && (size_t)n > out->cap) {
        segs_reserve(out, (size_t)n);
        n = mtl_word_segments(tk, text, len, out->end, out->st, out->cap,
                              &nfast);
    }
    out->n = n > 0 ? (size_t)n : 0;
    return nfast;
}

/* Prints bytes [a, b) of text, escaping what is not printable ASCII. */
static void
put_escaped(const char *text, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            fputc(c, stderr);
        else
            fprintf(stderr, "\\x%02x", c);
    }
}

static void
put_segments(const char *text, const segs *s, size_t k)
{
    size_t from = k > 3 ? k - 3 : 0, to = k + 4 < s->n ? k + 4 : s->n;
    for (size_t j = from; j < to; j++) {
        size_t a = j ? (size_t)s->end[j - 1] : 0;
        fprintf(stderr, "    %s#%zu [%zu,%d) st %d '", j == k ? "> " : "  ",
                j, a, s->end[j], s->st[j]);
        put_escaped(text, a, (size_t)s->end[j]);
        fprintf(stderr, "'\n");
    }
}

/*
 * Compares the tokenizer's segments of @p text with ICU's; reports the
 * first difference.  @p what names the text.  Returns 0 if they agree.
 */
static int
diff_text(const char *what, const char *text, size_t len)
{
    icu_pass(text, len, &ref);
    segs_reserve(&got, ref.n + 16);
    size_t nfast = hybrid_pass(text, len, &got);
    total_texts++;
    total_bytes += len;
    total_segs += ref.n;
    total_fast += nfast;
    size_t k = 0;
    while (k < ref.n && k < got.n && ref.end[k] == got.end[k] &&
           ref.st[k] == got.st[k])
        k++;
    test_checks++;
    if (k == ref.n && k == got.n)
        return 0;
    test_failures++;
    size_t at = k ? (size_t)ref.end[k - 1] : 0;
    fprintf(stderr, "%s: segment %zu differs (from byte %zu of %zu)\n",
            what, k, at, len);
    size_t a = at > 40 ? at - 40 : 0, b = at + 40 < len ? at + 40 : len;
    fprintf(stderr, "  context: '");
    put_escaped(text, a, at);
    fprintf(stderr, "|");
    put_escaped(text, at, b);
    fprintf(stderr, "'\n  ICU:\n");
    put_segments(text, &ref, k);
    fprintf(stderr, "  tokenizer:\n");
    put_segments(text, &got, k);
    return 1;
}

/* mtl_tokenize() with the fast path on and off: same document. */
static mtl_token *tok_copy;
static mtl_span *span_copy[3];
static size_t tok_cap, span_cap[3];

/* Field by field: no padding bytes compared. */
static bool
token_eq(const mtl_token *a, const mtl_token *b)
{
    return a->start == b->start && a->len == b->len && a->line == b->line &&
           a->col == b->col && a->sent == b->sent && a->para == b->para &&
           a->flags == b->flags && a->script == b->script &&
           a->nchars == b->nchars && a->kind == b->kind &&
           a->casing == b->casing;
}

static bool
span_eq(const mtl_span *a, const mtl_span *b)
{
    return a->start == b->start && a->end == b->end &&
           a->tok_first == b->tok_first && a->tok_count == b->tok_count;
}

static void
same_tokens(const char *what, const char *text, size_t len)
{
    mtl_doc d;
    memset(&d, 0, sizeof d);
    mtl_tokenizer_fast_words(tk, false);
    CHECK_EQ(mtl_tokenize(tk, text, len, &d), MTL_OK);
    if (d.ntoks > tok_cap) {
        tok_cap = d.ntoks;
        tok_copy = realloc(tok_copy, tok_cap * sizeof *tok_copy);
    }
    if (d.ntoks)
        memcpy(tok_copy, d.toks, d.ntoks * sizeof *tok_copy);
    const mtl_span *sp[3] = {d.sents, d.lines, d.paras};
    size_t ns[3] = {d.nsents, d.nlines, d.nparas};
    for (int i = 0; i < 3; i++) {
        if (ns[i] > span_cap[i]) {
            span_cap[i] = ns[i];
            span_copy[i] = realloc(span_copy[i], ns[i] * sizeof(mtl_span));
        }
        if (ns[i])
            memcpy(span_copy[i], sp[i], ns[i] * sizeof(mtl_span));
    }
    size_t ntoks = d.ntoks, words = d.words;

    mtl_tokenizer_fast_words(tk, true);
    CHECK_EQ(mtl_tokenize(tk, text, len, &d), MTL_OK);
    test_checks++;
    const mtl_span *sp2[3] = {d.sents, d.lines, d.paras};
    size_t ns2[3] = {d.nsents, d.nlines, d.nparas};
    bool same = d.ntoks == ntoks && d.words == words;
    for (size_t i = 0; i < ntoks && same; i++)
        same = token_eq(&d.toks[i], &tok_copy[i]);
    for (int i = 0; i < 3 && same; i++) {
        same = ns[i] == ns2[i];
        for (size_t j = 0; j < ns[i] && same; j++)
            same = span_eq(&sp2[i][j], &span_copy[i][j]);
    }
    if (!same) {
        test_failures++;
        fprintf(stderr, "%s: mtl_tokenize() differs with the fast path "
                "(%zu/%zu tokens)\n", what, d.ntoks, ntoks);
        for (size_t i = 0; i < ntoks && i < d.ntoks; i++) {
            if (!token_eq(&d.toks[i], &tok_copy[i])) {
                fprintf(stderr, "  first at token %zu: [%u+%u] k%d vs "
                        "[%u+%u] k%d\n", i, d.toks[i].start, d.toks[i].len,
                        d.toks[i].kind, tok_copy[i].start, tok_copy[i].len,
                        tok_copy[i].kind);
                break;
            }
        }
    }
}

/* Every regular file of @p dir whose name ends with @p suffix ("" for
 * all).  Returns how many were read. */
static int
diff_dir(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t nl = strlen(e->d_name), sl = strlen(suffix);
        if (e->d_name[0] == '.' || nl < sl ||
            strcmp(e->d_name + nl - sl, suffix) != 0)
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *text = NULL;
        if (mtl_read_file(path, &text, &len) != 0)
            continue;
        diff_text(path, text, len);
        same_tokens(path, text, len);
        /* every start offset too: a document cut anywhere */
        for (size_t off = 1; off < len && off < 4096; off += 61)
            diff_text(path, text + off, len - off);
        free(text);
        count++;
    }
    closedir(d);
    return count;
}

static void
test_files(void)
{
    const char *root = getenv("MTLINT_SOURCE_ROOT");
    if (!root)
        root = ".";
    char dir[1024];
    static const char *const dirs[][2] = {
        {"corpus/seeds", ".txt"},
        {"corpus/clean", ".txt"},
        {"tests/fuzz/corpus_analyze", ""},
    };
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        size_t s0 = total_segs, f0 = total_fast;
        snprintf(dir, sizeof dir, "%s/%s", root, dirs[i][0]);
        int n = diff_dir(dir, dirs[i][1]);
        fprintf(stderr, "%s: %d files, %zu segments, %zu by the fast "
                "path\n", dirs[i][0], n, total_segs - s0, total_fast - f0);
        CHECK(n > 0);
        if (i == 1) /* European news: nearly all of it */
            CHECK((total_fast - f0) * 100 >= (total_segs - s0) * 99);
    }
    const char *shared = getenv("MTLINT_SHARED");
    if (shared) {
        snprintf(dir, sizeof dir, "%s/peers/udhr", shared);
        int n = diff_dir(dir, ".txt");
        snprintf(dir, sizeof dir, "%s/seeds", shared);
        n += diff_dir(dir, ".txt");
        fprintf(stderr, "shared texts: %d files\n", n);
    }
}

/*
 * The code points that are the bulk of European text must be found by
 * the fast path: the tokenizer turns off the fast path for a code point
 * (or altogether) where it disagrees with ICU when it is made, which
 * keeps the output right but would hide a broken rule from the
 * comparisons.  U+0000..U+00FF (but U+00AD, a Format character, and
 * the emoji U+00A9 and U+00AE) and U+2010..U+2027, each alone and next
 * to letters, digits and '_'.
 */
static void
test_coverage(void)
{
    static const char *const ctx[] = {"%", "a%a", "1%1", "%%", "_%_", "%a",
                                      "a%", "1%", "%1", "_%", "%_", "a%1",
                                      "1%a", "%."};
    char *text = malloc(300 * 14 * 8);
    size_t n = 0;
    for (int32_t c = 0; c < 0x2028; c++) {
        if (c == 0x100)
            c = 0x2010;
        if (c == 0xA9 || c == 0xAD || c == 0xAE)
            continue;
        for (size_t m = 0; m < sizeof ctx / sizeof *ctx; m++) {
            for (const char *p = ctx[m]; *p; p++) {
                if (*p != '%') {
                    text[n++] = *p;
                } else {
                    UBool err = false;
                    U8_APPEND(text, n, n + 4, c, err);
                    (void)err;
                }
            }
            text[n++] = '\n';
        }
    }
    diff_text("coverage text", text, n);
    size_t nfast = 0;
    int64_t nseg = mtl_word_segments(tk, text, n, got.end, got.st, got.cap,
                                     &nfast);
    CHECK_EQ(nfast, nseg);
    free(text);
}

/* ----------------------------------------------------- random strings */

/* The alphabet: every Word_Break value the fast path handles, and the
 * ones it leaves to ICU next to them. */
static const char *const alpha_common[] = {
    "a", "b", "z", "e", "A", "Q", "Z", "0", "1", "5", "9", " ", " ", "_",
    ".", ",", "'", ":", ";",
};
static const char *const alpha_rest[] = {
    /* white space and breaks */
    "\t", "\r", "\n", "\r\n", "\v", "\f", "\xc2\x85", "\xe2\x80\xa8",
    "\xe2\x80\xa9", "\xc2\xa0", "\xe2\x80\xaf", "\xe2\x80\x87",
    "\xe3\x80\x80", "\xe2\x80\x80", "\xe2\x80\x83", "  ",
    /* punctuation and symbols */
    "\"", "-", "/", "@", "#", "$", "%", "&", "(", ")", "[", "]", "?", "!",
    "*", "+", "<", "=", ">", "\\", "^", "`", "{", "|", "}", "~",
    "\xe2\x80\x99", "\xe2\x80\x98", "\xe2\x80\x9c", "\xe2\x80\x9d",
    "\xc2\xb7", "\xe2\x80\xa4", "\xef\xb9\x92", "\xef\xbc\x8e",
    "\xef\xbc\x8c", "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x80\xa6",
    "\xc2\xab", "\xc2\xbb", "\xe2\x82\xac", "\xc2\xa9", "\xe2\x84\xa2",
    "\xc2\xae", "\xe2\x80\xbc", "\xcd\xbe", "\xd6\x89", "\xd8\x8c",
    "\xc2\xba", "\xc2\xaa", "\xc2\xb0", "\xc2\xb2", "\xc2\xbd",
    /* format, extend, joiners */
    "\xc2\xad", "\xcc\x81", "\xe2\x80\x8d", "\xe2\x80\x8c", "\xe2\x80\x8b",
    "\xef\xbb\xbf", "\xe2\x81\xa0", "\xd8\x80",
    /* letters */
    "\xc3\xa9", "\xc3\x9f", "\xc3\xb1", "\xc3\xa7", "\xc3\xb8", "\xc5\x91",
    "\xc5\x82", "\xce\xa9", "\xd0\x96", "\xd0\xb6", "\xca\xbc", "\xcb\x90",
    "\xc4\xb1", "\xc7\x85",
    /* Hebrew: letters, geresh, gershayim */
    "\xd7\x90", "\xd7\xa9", "\xd7\xb3", "\xd7\xb4",
    /* Arabic, Arabic-Indic digit, Devanagari and virama, Thai */
    "\xd8\xa8", "\xd9\xa1", "\xe0\xa4\x95", "\xe0\xa5\x8d",
    "\xe0\xb8\x81", "\xe0\xb8\xb2",
    /* CJK */
    "\xe4\xb8\xad", "\xe6\x96\x87", "\xe3\x81\x82", "\xe3\x82\xab",
    "\xe3\x83\xbc", "\xef\xbd\xb6", "\xed\x95\x9c", "\xe3\x80\x85",
    /* emoji, modifier, flags */
    "\xf0\x9f\x98\x80", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
    "\xf0\x9f\x8f\xbd", "\xf0\x9f\x87\xab", "\xf0\x9f\x87\xb7",
    "\xe2\x9d\xa4", "\xef\xb8\x8f",
    /* replacement character, invalid bytes */
    "\xef\xbf\xbd", "\x80", "\xc3", "\xff", "\xe2\x80", "\xf0\x9f", "\0",
};

static uint64_t rng;

static uint32_t
rnd(void)
{
    /* xorshift64* */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (uint32_t)((rng * 2685821657736338717ull) >> 32);
}

static void
test_random(void)
{
    const char *env = getenv("DIFF_ROUNDS");
    long rounds = env ? atol(env) : 200000;
    size_t nc = sizeof alpha_common / sizeof *alpha_common;
    size_t nr = sizeof alpha_rest / sizeof *alpha_rest;
    char buf[60 * 8 + 1], what[64]; /* pieces: 8 bytes at most */
    int failed = 0;
    for (long round = 0; round < rounds && failed < 5; round++) {
        rng = 0x9e3779b97f4a7c15ull ^ (uint64_t)round * 0x2545f4914f6cdd1dull;
        rnd();
        size_t pieces = 1 + rnd() % 60, n = 0;
        /* each string leans on its own mix: mostly word characters,
         * or mostly the rest */
        uint32_t bias = rnd() % 100;
        for (size_t p = 0; p < pieces; p++) {
            uint32_t r = rnd() % 100;
            if (r >= bias && r % 4 == 0) {
                /* any code point: one of the tokenizer's tables
                 * (U+0000..U+07FF, U+2000..U+20FF), or anywhere */
                uint32_t k = rnd();
                UChar32 c = k % 3 == 0   ? (UChar32)(k >> 8) % 0x800
                            : k % 3 == 1 ? 0x2000 + (UChar32)(k >> 8) % 0x100
                                         : (UChar32)(k >> 8) % 0x110000;
                if (c >= 0xD800 && c < 0xE000)
                    c = 0xFFFD;
                UBool err = false;
                U8_APPEND(buf, n, sizeof buf, c, err);
                (void)err;
                continue;
            }
            const char *piece = r < bias ? alpha_common[rnd() % nc]
                                         : alpha_rest[rnd() % nr];
            size_t pl = piece[0] ? strlen(piece) : 1;
            memcpy(buf + n, piece, pl);
            n += pl;
        }
        snprintf(what, sizeof what, "random string %ld", round);
        failed += diff_text(what, buf, n);
        if (round % 16 == 0)
            same_tokens(what, buf, n);
    }
    fprintf(stderr, "random strings: %ld\n", rounds);
}

/* ------------------------------------------------------- bench corpus */

static unsigned
hex4(const char *p)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v = v * 16 + (unsigned)(c >= 'a' ? c - 'a' + 10
                                : c >= 'A' ? c - 'A' + 10 : c - '0');
    }
    return v;
}

/* Decodes the JSON string that starts after the quote at @p p into
 * @p out; returns its length.  Enough for the bench corpus. */
static size_t
json_string(const char *p, const char *end, char *out)
{
    size_t n = 0;
    while (p < end && *p != '"') {
        if (*p != '\\') {
            out[n++] = *p++;
            continue;
        }
        p++;
        if (p >= end)
            break;
        char c = *p++;
        unsigned cp;
        switch (c) {
        case 'n': out[n++] = '\n'; continue;
        case 't': out[n++] = '\t'; continue;
        case 'r': out[n++] = '\r'; continue;
        case 'b': out[n++] = '\b'; continue;
        case 'f': out[n++] = '\f'; continue;
        case 'u':
            if (end - p < 4)
                return n;
            cp = hex4(p);
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && end - p >= 6 && p[0] == '\\'
                && p[1] == 'u') {
                unsigned lo = hex4(p + 2);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
            }
            if (cp < 0x80) {
                out[n++] = (char)cp;
            } else if (cp < 0x800) {
                out[n++] = (char)(0xC0 | cp >> 6);
                out[n++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out[n++] = (char)(0xE0 | cp >> 12);
                out[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
                out[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                out[n++] = (char)(0xF0 | cp >> 18);
                out[n++] = (char)(0x80 | (cp >> 12 & 0x3F));
                out[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
                out[n++] = (char)(0x80 | (cp & 0x3F));
            }
            continue;
        default: out[n++] = c; continue;
        }
    }
    return n;
}

static void
test_bench_corpus(void)
{
    const char *path = getenv("DIFF_JSONL");
    if (!path || !*path)
        return;
    size_t len;
    char *data = NULL;
    if (mtl_read_file(path, &data, &len) != 0) {
        fprintf(stderr, "note: %s absent, bench corpus skipped\n", path);
        return;
    }
    char *out = malloc(len + 1);
    size_t docs = 0;
    const char *p = data, *end = data + len;
    while (p < end && out) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *t = NULL;
        for (const char *q = p; q + 8 <= le; q++) {
            if (memcmp(q, "\"text\": \"", 9) == 0) {
                t = q + 9;
                break;
            }
            if (memcmp(q, "\"text\":\"", 8) == 0) {
                t = q + 8;
                break;
            }
        }
        if (t) {
            size_t n = json_string(t, le, out);
            char what[64];
            snprintf(what, sizeof what, "%s line %zu", path, docs + 1);
            diff_text(what, out, n);
            if (docs % 50 == 0)
                same_tokens(what, out, n);
        }
        docs++;
        p = le + 1;
    }
    fprintf(stderr, "%s: %zu documents\n", path, docs);
    free(out);
    free(data);
}

int
main(void)
{
    mtl_error err;
    memset(&err, 0, sizeof err);
    tk = mtl_tokenizer_new("", &err);
    if (!tk) {
        fprintf(stderr, "mtl_tokenizer_new: %s\n", err.message);
        return 1;
    }
    UErrorCode uc = U_ZERO_ERROR;
    icu = ubrk_open(UBRK_WORD, "", NULL, 0, &uc);
    if (U_FAILURE(uc)) {
        fprintf(stderr, "ubrk_open: %s\n", u_errorName(uc));
        return 1;
    }
    /* the self-check at creation must have let the fast path on */
    CHECK(mtl_tokenizer_fast_words(tk, true));

    test_coverage();
    test_files();
    size_t f0 = total_fast, s0 = total_segs;
    test_random();
    fprintf(stderr, "  %zu segments, %zu by the fast path\n",
            total_segs - s0, total_fast - f0);
    test_bench_corpus();
    fprintf(stderr, "%zu texts, %zu bytes, %zu segments, %.1f%% by the "
            "fast path\n", total_texts, total_bytes, total_segs,
            total_segs ? 100.0 * (double)total_fast / (double)total_segs
                       : 0.0);
    /* the fast path must do the bulk of the work, or it is not there */
    CHECK(total_fast * 2 > total_segs);

    ubrk_close(icu);
    mtl_tokenizer_free(tk);
    free(ref.end);
    free(ref.st);
    free(got.end);
    free(got.st);
    free(tok_copy);
    for (int i = 0; i < 3; i++)
        free(span_copy[i]);
    TEST_DONE();
}
