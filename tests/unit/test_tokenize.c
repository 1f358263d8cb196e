/*
 * test_tokenize.c - unit tests of the tokenizer (src/tokenize/) and of the
 * document lookups (src/doc.c): byte offsets, lines and columns, invalid
 * bytes, scripts, token shapes, sentences, lines and paragraphs.
 *
 * Besides the examples, every document tokenized here goes through
 * check_invariants(), which recomputes lines, columns, gaps and spans the
 * slow way, and check_sentences_vs_icu(), which compares the sentence
 * starts with a full pass of ICU's sentence iterator (but where ICU takes
 * the end of a word for an abbreviation: mid_word_key()).  Pseudo-random
 * documents (TEST_ROUNDS of them, 900 by default) go through both.  The
 * seed articles and UDHR texts of $MTLINT_SHARED are used when present
 * (when absent only that part is skipped).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ures.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "doc.h"
#include "tokenize/tokenize.h"
#include "util/util.h"
#include "test.h"

static mtl_tokenizer *tk;
static int verbose;
static char cur_lang[16]; /* what mtl_tokenizer_set_lang() was given */

static void
set_lang(const char *lang)
{
    CHECK_EQ(mtl_tokenizer_set_lang(tk, lang), MTL_OK);
    snprintf(cur_lang, sizeof cur_lang, "%s", lang ? lang : "");
    char *dash = strchr(cur_lang, '-');
    if (dash)
        *dash = '\0';
    if (strcmp(cur_lang, "und") == 0)
        cur_lang[0] = '\0';
}

/* The bytes of token @p i as a NUL-terminated string (static buffer). */
static const char *
tt(const mtl_doc *doc, size_t i)
{
    static char buf[8][256];
    static int slot;
    char *b = buf[slot++ & 7];
    if (i >= doc->ntoks)
        return "(none)";
    size_t n = doc->toks[i].len < 255 ? doc->toks[i].len : 255;
    memcpy(b, doc->text + doc->toks[i].start, n);
    b[n] = '\0';
    return b;
}

static void
dump(const mtl_doc *doc)
{
    for (size_t i = 0; i < doc->ntoks; i++) {
        const mtl_token *t = &doc->toks[i];
        fprintf(stderr,
                "  %zu [%u+%u] %u:%u s%u p%u k%d c%d sc%d n%u f%03x '%s'\n",
                i, t->start, t->len, t->line, t->col, t->sent, t->para,
                t->kind, t->casing, t->script, t->nchars, t->flags,
                tt(doc, i));
    }
}

/* ------------------------------------------------ reference computations */

/* Decodes one code point at s[i] (limit n); *w gets its width in columns
 * (1, or one per byte of an invalid sequence).  Returns -1 if invalid. */
static int32_t
ref_next(const uint8_t *s, size_t *i, size_t n, size_t *w)
{
    size_t j = *i;
    UChar32 c;
    U8_NEXT(s, j, n, c);
    *w = c < 0 ? j - *i : 1;
    *i = j;
    return c;
}

static int
ref_is_ws(int32_t c)
{
    return c >= 0 && u_isUWhiteSpace(c);
}

/* Line and column of @p off, counted from the start of the text. */
static void
ref_linecol(const mtl_doc *doc, size_t off, size_t *line, size_t *col)
{
    const uint8_t *s = (const uint8_t *)doc->text;
    size_t ln = 1, cl = 1, i = 0;
    while (i < off) {
        if (s[i] == '\r' && i + 1 < doc->len && s[i + 1] == '\n' &&
            i + 1 < off) {
            i += 2;
            ln++;
            cl = 1;
        } else if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < doc->len &&
                                                      s[i + 1] == '\n'))) {
            i++;
            ln++;
            cl = 1;
        } else {
            size_t j = i, w;
            ref_next(s, &j, doc->len, &w);
            if (j > off) {
                if (w > 1) /* inside an invalid sequence: per byte */
                    cl += off - i;
                break;
            }
            cl += w;
            i = j;
        }
    }
    *line = ln;
    *col = cl;
}

/* Checks everything that can be recomputed from the text alone. */
static void
check_invariants(const mtl_doc *doc, const char *what)
{
    const uint8_t *s = (const uint8_t *)doc->text;
    int before = test_failures;
    size_t prev_end = 0, words = 0;
    size_t lines_seen = 0;

    for (size_t i = 0; i < doc->ntoks; i++) {
        const mtl_token *t = &doc->toks[i];
        CHECK(t->len > 0);
        CHECK(t->start >= prev_end);
        CHECK(t->start + t->len <= doc->len);
        /* the gap is white space only; flags describe it */
        int has_ws = 0, has_nl = 0;
        for (size_t g = prev_end; g < t->start;) {
            if (s[g] == '\n' || s[g] == '\r')
                has_nl = 1;
            size_t w;
            int32_t c = ref_next(s, &g, t->start, &w);
            CHECK(ref_is_ws(c));
            has_ws = 1;
        }
        CHECK(!!(t->flags & MTL_TF_SPACE_BEFORE) == has_ws);
        CHECK(!!(t->flags & MTL_TF_NEWLINE_BEFORE) == has_nl);
        /* no white space at either end; no line break inside */
        size_t j = t->start, w, nch = 0, last = t->start;
        int ascii = 1, invalid = 0;
        int32_t first = ref_next(s, &j, t->start + t->len, &w);
        CHECK(!ref_is_ws(first));
        j = t->start;
        while (j < t->start + t->len) {
            CHECK(s[j] != '\n' && s[j] != '\r');
            if (s[j] >= 0x80)
                ascii = 0;
            last = j;
            int32_t c = ref_next(s, &j, t->start + t->len, &w);
            if (c < 0)
                invalid = 1;
            nch += w;
        }
        size_t lj = last;
        CHECK(!ref_is_ws(ref_next(s, &lj, t->start + t->len, &w)));
        CHECK_EQ(t->nchars, nch > 65535 ? 65535 : nch);
        CHECK(!!(t->flags & MTL_TF_ASCII) == ascii);
        CHECK(!!(t->flags & MTL_TF_INVALID) == invalid);
        size_t ln, cl, ln2, cl2;
        ref_linecol(doc, t->start, &ln, &cl);
        CHECK_EQ(t->line, ln);
        CHECK_EQ(t->col, cl);
        mtl_doc_linecol(doc, t->start, &ln2, &cl2);
        CHECK_EQ(ln2, ln);
        CHECK_EQ(cl2, cl);
        if (t->kind <= MTL_TOK_KANA)
            words++;
        /* sentences, lines, paragraphs */
        CHECK(t->sent < doc->nsents);
        CHECK(t->para < doc->nparas);
        CHECK(t->line >= 1 && t->line <= doc->nlines);
        if (t->sent < doc->nsents) {
            const mtl_span *sp = &doc->sents[t->sent];
            CHECK(i >= sp->tok_first && i < sp->tok_first + sp->tok_count);
            CHECK(!!(t->flags & MTL_TF_SENT_START) == (i == sp->tok_first));
            CHECK(doc->toks[sp->tok_first].line == t->line);
        }
        if (t->para < doc->nparas) {
            const mtl_span *sp = &doc->paras[t->para];
            CHECK(i >= sp->tok_first && i < sp->tok_first + sp->tok_count);
            CHECK(!!(t->flags & MTL_TF_PARA_START) == (i == sp->tok_first));
        }
        if (t->line >= 1 && t->line <= doc->nlines) {
            const mtl_span *sp = &doc->lines[t->line - 1];
            CHECK(i >= sp->tok_first && i < sp->tok_first + sp->tok_count);
            CHECK(!!(t->flags & MTL_TF_LINE_START) == (i == sp->tok_first));
        }
        prev_end = t->start + t->len;
    }
    /* trailing gap: white space only */
    for (size_t g = prev_end; g < doc->len;) {
        size_t w;
        CHECK(ref_is_ws(ref_next(s, &g, doc->len, &w)));
    }
    CHECK_EQ(doc->words, words);

    /* spans partition the tokens and are trimmed to them */
    const mtl_span *arrs[3] = {doc->sents, doc->lines, doc->paras};
    size_t counts[3] = {doc->nsents, doc->nlines, doc->nparas};
    for (int a = 0; a < 3; a++) {
        size_t next = 0;
        for (size_t k = 0; k < counts[a]; k++) {
            const mtl_span *sp = &arrs[a][k];
            CHECK_EQ(sp->tok_first, next);
            next += sp->tok_count;
            CHECK(sp->start <= sp->end && sp->end <= doc->len);
            if (sp->tok_count) {
                const mtl_token *f = &doc->toks[sp->tok_first];
                const mtl_token *l = &doc->toks[sp->tok_first +
                                                sp->tok_count - 1];
                CHECK_EQ(sp->start, f->start);
                CHECK_EQ(sp->end, l->start + l->len);
            } else {
                CHECK(a == 1); /* only lines may be empty */
                CHECK_EQ(sp->start, sp->end);
            }
            if (k > 0)
                CHECK(sp->start >= arrs[a][k - 1].end);
        }
        CHECK_EQ(next, a == 1 ? doc->ntoks : doc->ntoks);
    }
    /* line count and blank line starts */
    size_t ln = 1, line_first = 0;
    for (size_t i = 0; i < doc->len; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < doc->len &&
                                               s[i + 1] == '\n'))) {
            if (ln <= doc->nlines && doc->lines[ln - 1].tok_count == 0)
                CHECK_EQ(doc->lines[ln - 1].start, line_first);
            lines_seen++;
            ln++;
            line_first = i + 1;
        }
    }
    if (line_first < doc->len) {
        lines_seen++;
        if (ln <= doc->nlines && doc->lines[ln - 1].tok_count == 0)
            CHECK_EQ(doc->lines[ln - 1].start, line_first);
    }
    CHECK_EQ(doc->nlines, lines_seen);
    /* paragraphs: separated by blank lines, never sharing one */
    for (size_t k = 1; k < doc->nparas; k++) {
        uint32_t pl = doc->toks[doc->paras[k - 1].tok_first +
                                doc->paras[k - 1].tok_count - 1].line;
        uint32_t nl = doc->toks[doc->paras[k].tok_first].line;
        CHECK(nl >= pl + 2);
        for (uint32_t x = pl + 1; x < nl; x++)
            CHECK_EQ(doc->lines[x - 1].tok_count, 0);
    }
    if (test_failures != before) {
        fprintf(stderr, "  invariants failed for %s\n", what);
        if (verbose && doc->ntoks < 200)
            dump(doc);
    }
}

/* The keys of cur_lang's sentence-break exception list: each entry and
 * each of its prefixes that ends with a full stop ("Ph." of "Ph.D."). */
static char keys_lang[16] = "-";
static char keys[4096][128];
static size_t nkeys;

/*
 * The keys of @p lang's sentence-break exception list in ICU's data
 * ("root" for ""): each entry, then each of its prefixes that ends with a
 * full stop ("Ph.D.", "Ph."), at most @p cap of them into @p out.  Sets
 * *@p entries to the number of entries read.  Returns the number of keys.
 */
static size_t
exception_keys(const char *lang, char (*out)[128], size_t cap,
               size_t *entries)
{
    size_t nk = 0;
    *entries = 0;
    UErrorCode uc = U_ZERO_ERROR;
    UResourceBundle *b = ures_openDirect(U_ICUDATA_NAME "-brkitr",
                                         lang[0] ? lang : "root", &uc);
    UResourceBundle *ex = ures_getByKey(b, "exceptions", NULL, &uc);
    UResourceBundle *list = ures_getByKey(ex, "SentenceBreak", NULL, &uc);
    int32_t n = U_SUCCESS(uc) ? ures_getSize(list) : 0;
    for (int32_t i = 0; i < n; i++) {
        int32_t ulen, blen;
        const UChar *u = ures_getStringByIndex(list, i, &ulen, &uc);
        char e[128];
        u_strToUTF8(e, (int32_t)sizeof e, &blen, u, ulen, &uc);
        if (U_FAILURE(uc) || blen >= (int32_t)sizeof e)
            break;
        ++*entries;
        for (int32_t k = blen; k > 0 && nk < cap; k--) {
            if (k == blen || e[k - 1] == '.') {
                memcpy(out[nk], e, (size_t)k);
                out[nk++][k] = '\0';
            }
        }
    }
    ures_close(list);
    ures_close(ex);
    ures_close(b);
    return nk;
}

static void
load_keys(void)
{
    if (strcmp(keys_lang, cur_lang) == 0)
        return;
    snprintf(keys_lang, sizeof keys_lang, "%s", cur_lang);
    size_t entries;
    nkeys = exception_keys(cur_lang, keys, 4096, &entries);
}

/*
 * True if ICU's exception filter suppressed the sentence boundary at @p b
 * only by a key that starts inside a word: some key of the list ends at
 * the full stop before @p b (and one space), and every such key follows a
 * letter, a mark or a digit.  The tokenizer cuts there on purpose
 * (maybe_abbreviation() in tokenize.c): "Er war Lehrer. Die" is two
 * sentences, though German's list has "r.".
 */
static bool
mid_word_key(const mtl_doc *doc, size_t b)
{
    const char *s = doc->text;
    size_t p = b > 0 && s[b - 1] == ' ' ? b - 1 : b;
    if (p == 0 || s[p - 1] != '.')
        return false;
    load_keys();
    bool any = false;
    for (size_t k = 0; k < nkeys; k++) {
        size_t n = strlen(keys[k]);
        if (n > p || memcmp(s + p - n, keys[k], n) != 0)
            continue;
        any = true;
        if (p == n)
            return false;
        int32_t q = (int32_t)(p - n);
        UChar32 cp;
        U8_PREV(s, 0, q, cp);
        if (cp < 0 || !(u_isalnum(cp) || u_charType(cp) == U_NON_SPACING_MARK ||
                        u_charType(cp) == U_COMBINING_SPACING_MARK))
            return false;
    }
    return any;
}

/*
 * The tokenizer applies the UAX #29 sentence rules itself and asks ICU
 * only now and then; this compares its sentence starts with a full pass
 * of the ICU sentence iterator: a token starts a sentence if it starts a
 * line or an ICU boundary lies between the previous token's end and its
 * start.
 */
static void
check_sentences_vs_icu(const mtl_doc *doc, const char *what)
{
    char locale[40];
    snprintf(locale, sizeof locale, "%s@ss=standard", cur_lang);
    UErrorCode uc = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, doc->text ? doc->text : "", (int64_t)doc->len, &uc);
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &uc);
    ubrk_setUText(bi, &ut, &uc);
    CHECK(U_SUCCESS(uc));
    if (U_FAILURE(uc)) {
        ubrk_close(bi);
        utext_close(&ut);
        return;
    }
    int32_t b = ubrk_first(bi);
    size_t prev_end = 0;
    int bad = 0;
    for (size_t i = 0; i < doc->ntoks; i++) {
        const mtl_token *t = &doc->toks[i];
        while (b != UBRK_DONE && (size_t)b < prev_end)
            b = ubrk_next(bi);
        bool icu = b != UBRK_DONE && (size_t)b <= t->start;
        bool want = icu || (t->flags & MTL_TF_LINE_START);
        bool got = (t->flags & MTL_TF_SENT_START) != 0;
        if (got && !want && mid_word_key(doc, t->start))
            want = true; /* a deliberate difference */
        if (want != got && bad++ < 5) {
            size_t from = t->start > 30 ? t->start - 30 : 0;
            fprintf(stderr, "  sentence start at %u ('%s', lang '%s'): "
                    "%d, ICU %d: ...%.*s|%.20s\n", t->start, tt(doc, i),
                    cur_lang, got, want, (int)(t->start - from),
                    doc->text + from, doc->text + t->start);
        }
        prev_end = t->start + t->len;
    }
    CHECK_EQ(bad, 0);
    if (bad)
        fprintf(stderr, "  (in %s)\n", what);
    ubrk_close(bi);
    utext_close(&ut);
}

static mtl_doc
tok(const char *text, size_t len)
{
    mtl_doc doc;
    memset(&doc, 0, sizeof doc);
    int rc = mtl_tokenize(tk, text, len, &doc);
    CHECK_EQ(rc, MTL_OK);
    check_invariants(&doc, text);
    check_sentences_vs_icu(&doc, text);
    if (verbose > 1)
        dump(&doc);
    return doc;
}

#define TOKS(lit) tok(lit, sizeof(lit) - 1)

/* ---------------------------------------------------------------- tests */

static void
test_offsets(void)
{
    /* café 中文 😀! */
    mtl_doc d = TOKS("caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 "
                     "\xf0\x9f\x98\x80!");
    CHECK_EQ(d.ntoks, 4);
    CHECK_STR(tt(&d, 0), "caf\xc3\xa9");
    CHECK_EQ(d.toks[0].start, 0);
    CHECK_EQ(d.toks[0].len, 5);
    CHECK_EQ(d.toks[0].nchars, 4);
    CHECK_EQ(d.toks[0].kind, MTL_TOK_WORD);
    CHECK_EQ(d.toks[0].script, USCRIPT_LATIN);
    CHECK(!(d.toks[0].flags & MTL_TF_ASCII));
    CHECK_EQ(d.toks[1].start, 6);
    CHECK_EQ(d.toks[1].col, 6);
    CHECK_EQ(d.toks[1].kind, MTL_TOK_IDEO);
    CHECK_EQ(d.toks[1].script, USCRIPT_HAN);
    CHECK_EQ(d.toks[1].nchars, 2);
    CHECK_EQ(d.toks[2].start, 13);
    CHECK_EQ(d.toks[2].col, 9);
    CHECK_EQ(d.toks[2].len, 4);
    CHECK_EQ(d.toks[2].kind, MTL_TOK_PUNCT);
    CHECK_EQ(d.toks[3].start, 17);
    CHECK_EQ(d.toks[3].col, 10);
    CHECK(mtl_tok_glued_prev(&d, 3));
    CHECK(!mtl_tok_glued_prev(&d, 2));
    CHECK(mtl_tok_is_char(&d, &d.toks[3], '!'));
    CHECK(mtl_tok_is_char(&d, &d.toks[2], 0x1F600));
    CHECK_EQ(mtl_tok_first_cp(&d, &d.toks[1]), 0x4E2D);
    CHECK_EQ(d.words, 2);

    size_t line, col;
    mtl_doc_linecol(&d, 9, &line, &col); /* inside 中文: on 文 */
    CHECK_EQ(line, 1);
    CHECK_EQ(col, 7);
    mtl_doc_linecol(&d, 10, &line, &col); /* inside 文 */
    CHECK_EQ(col, 7);
    mtl_doc_linecol(&d, d.len, &line, &col);
    CHECK_EQ(col, 11);
    mtl_doc_linecol(&d, d.len + 100, &line, &col); /* clamped */
    CHECK_EQ(col, 11);
}

static void
test_crlf(void)
{
    mtl_doc d = TOKS("ab\r\ncd\ref\n\r\ngh  ");
    CHECK_EQ(d.ntoks, 4);
    CHECK_EQ(d.nlines, 5);
    CHECK_EQ(d.toks[1].line, 2);
    CHECK_EQ(d.toks[1].col, 1);
    CHECK(d.toks[1].flags & MTL_TF_NEWLINE_BEFORE);
    CHECK(d.toks[1].flags & MTL_TF_SPACE_BEFORE);
    CHECK(!(d.toks[0].flags & MTL_TF_SPACE_BEFORE));
    CHECK_EQ(d.toks[2].line, 3);
    CHECK_EQ(d.toks[3].line, 5);
    CHECK_EQ(d.lines[3].tok_count, 0);
    CHECK_EQ(d.lines[3].start, 10);
    CHECK_EQ(d.lines[4].start, 12);
    CHECK_EQ(d.lines[4].end, 14);
    CHECK_EQ(d.nparas, 2);
    CHECK_EQ(d.nsents, 4);
    size_t line, col;
    mtl_doc_linecol(&d, 2, &line, &col); /* the '\r' */
    CHECK(line == 1 && col == 3);
    mtl_doc_linecol(&d, 3, &line, &col); /* the '\n' of the CRLF */
    CHECK(line == 1 && col == 4);
    mtl_doc_linecol(&d, 4, &line, &col);
    CHECK(line == 2 && col == 1);
    mtl_doc_linecol(&d, 11, &line, &col); /* '\n' of the blank CRLF line */
    CHECK(line == 4 && col == 2);
    mtl_doc_linecol(&d, d.len, &line, &col);
    CHECK(line == 5 && col == 5);

    /* a final line break ends the last line, it does not open one */
    d = TOKS("one\ntwo\n");
    CHECK_EQ(d.nlines, 2);
    d = TOKS("one\ntwo\n\n");
    CHECK_EQ(d.nlines, 3);
    CHECK_EQ(d.lines[2].tok_count, 0);
    CHECK_EQ(d.lines[2].start, 8);
}

static void
test_invalid(void)
{
    /* a \xff z  b \xe4\xb8(truncated) z  c, then a NUL */
    static const char text[] = "a\xffz b\xe4\xb8z c\0d \xed\xa0\x80 e\xc3";
    mtl_doc d = tok(text, sizeof text - 1);
    if (verbose)
        dump(&d);
    CHECK_EQ(d.ntoks, 14);
    CHECK_STR(tt(&d, 0), "a");
    CHECK_STR(tt(&d, 1), "\xff");
    CHECK_EQ(d.toks[1].kind, MTL_TOK_OTHER);
    CHECK(d.toks[1].flags & MTL_TF_INVALID);
    CHECK(!(d.toks[0].flags & MTL_TF_INVALID));
    CHECK_EQ(d.toks[2].col, 3);
    CHECK_STR(tt(&d, 4), "\xe4\xb8"); /* one maximal subpart: one token */
    CHECK_EQ(d.toks[4].nchars, 2);    /* ... counted per byte */
    CHECK_EQ(d.toks[4].col, 6);
    CHECK_EQ(d.toks[5].col, 8);
    CHECK_EQ(d.toks[6].col, 10); /* c */
    CHECK_EQ(d.toks[7].len, 1);  /* NUL */
    CHECK_EQ(d.toks[7].start, 10);
    CHECK_EQ(d.toks[7].kind, MTL_TOK_OTHER);
    CHECK(!(d.toks[7].flags & MTL_TF_INVALID));
    CHECK_STR(tt(&d, 8), "d");
    CHECK(mtl_tok_glued_prev(&d, 8));
    /* a surrogate encoded in UTF-8: three invalid bytes */
    CHECK_EQ(d.toks[9].start, 13);
    CHECK(d.toks[9].flags & MTL_TF_INVALID);
    CHECK_EQ(d.toks[12].start, 17); /* e */
    CHECK_EQ(d.toks[12].col, 18);
    CHECK(d.toks[13].flags & MTL_TF_INVALID); /* truncated at the end */
    CHECK_EQ(d.toks[13].start, 18);
    CHECK_EQ(d.toks[13].len, 1);
    CHECK_EQ(mtl_tok_first_cp(&d, &d.toks[1]), 0xFFFD);
    CHECK(!mtl_tok_is_char(&d, &d.toks[1], 0xFFFD));
    size_t line, col;
    mtl_doc_linecol(&d, 5, &line, &col); /* inside the invalid pair */
    CHECK_EQ(col, 6);
    mtl_doc_linecol(&d, 6, &line, &col);
    CHECK_EQ(col, 7);

    /* a literal U+FFFD is OTHER too, not punctuation */
    d = TOKS("x \xef\xbf\xbd y");
    CHECK_EQ(d.toks[1].kind, MTL_TOK_OTHER);
    CHECK(!(d.toks[1].flags & MTL_TF_INVALID));

    /* a document of NULs and invalid bytes only */
    static const char junk[] = "\0\0\x80\x80\xc0\xaf\xf5\0";
    d = tok(junk, sizeof junk - 1);
    CHECK_EQ(d.words, 0);
    CHECK(d.ntoks >= 4);
}

static void
test_scripts(void)
{
    mtl_doc d = TOKS("\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, "
                     "\xd0\xbc\xd0\xb8\xd1\x80!"); /* Привет, мир! */
    CHECK_EQ(d.ntoks, 4);
    CHECK_EQ(d.toks[0].script, USCRIPT_CYRILLIC);
    CHECK_EQ(d.toks[0].casing, MTL_CASE_TITLE);
    CHECK(d.toks[0].flags & MTL_TF_UPPER_START);
    CHECK_EQ(d.toks[0].nchars, 6);
    CHECK_EQ(d.toks[1].kind, MTL_TOK_PUNCT);
    CHECK_EQ(d.toks[2].col, 9);
    CHECK_EQ(d.toks[2].casing, MTL_CASE_LOWER);

    /* مرحبا بالعالم. */
    d = TOKS("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 "
             "\xd8\xa8\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd9\x84\xd9\x85.");
    CHECK_EQ(d.ntoks, 3);
    CHECK_EQ(d.toks[0].script, USCRIPT_ARABIC);
    CHECK_EQ(d.toks[0].kind, MTL_TOK_WORD);
    CHECK_EQ(d.toks[0].casing, MTL_CASE_NONE);
    CHECK(!(d.toks[0].flags & MTL_TF_UPPER_START));
    CHECK_EQ(d.toks[1].nchars, 7);
    CHECK_EQ(d.words, 2);

    /* 中华人民共和国成立了。 (dictionary segmentation) */
    d = TOKS("\xe4\xb8\xad\xe5\x8d\x8e\xe4\xba\xba\xe6\xb0\x91\xe5\x85\xb1"
             "\xe5\x92\x8c\xe5\x9b\xbd\xe6\x88\x90\xe7\xab\x8b\xe4\xba\x86"
             "\xe3\x80\x82");
    CHECK(d.ntoks >= 3);
    CHECK_EQ(d.toks[0].kind, MTL_TOK_IDEO);
    CHECK_EQ(d.toks[d.ntoks - 1].kind, MTL_TOK_PUNCT);
    CHECK(mtl_tok_is_char(&d, &d.toks[d.ntoks - 1], 0x3002));
    CHECK_EQ(d.words, d.ntoks - 1);
    CHECK_EQ(d.nsents, 1);

    /* 日本語の文章を書きます。カタカナ。食べる */
    d = TOKS("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87"
             "\xe7\xab\xa0\xe3\x82\x92\xe6\x9b\xb8\xe3\x81\x8d\xe3\x81\xbe"
             "\xe3\x81\x99\xe3\x80\x82\xe3\x82\xab\xe3\x82\xbf\xe3\x82\xab"
             "\xe3\x83\x8a\xe3\x80\x82\xe9\xa3\x9f\xe3\x81\xb9\xe3\x82\x8b");
    CHECK(d.ntoks >= 6);
    CHECK_EQ(d.nsents, 3);
    for (size_t i = 0; i < d.ntoks; i++) {
        CHECK(d.toks[i].kind == MTL_TOK_IDEO || d.toks[i].kind == MTL_TOK_KANA
              || d.toks[i].kind == MTL_TOK_PUNCT);
        CHECK(!(d.toks[i].flags & MTL_TF_MIXED_SCRIPT));
        CHECK(!(d.toks[i].flags & MTL_TF_SPACE_BEFORE));
    }
    int kata = 0;
    for (size_t i = 0; i < d.ntoks; i++)
        if (d.toks[i].script == USCRIPT_KATAKANA)
            kata++;
    CHECK(kata >= 1);

    /* ภาษาไทยง่ายนิดเดียว: several words, no spaces */
    d = TOKS("\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2\xe0\xb9\x84"
             "\xe0\xb8\x97\xe0\xb8\xa2\xe0\xb8\x87\xe0\xb9\x88\xe0\xb8\xb2"
             "\xe0\xb8\xa2\xe0\xb8\x99\xe0\xb8\xb4\xe0\xb8\x94\xe0\xb9\x80"
             "\xe0\xb8\x94\xe0\xb8\xb5\xe0\xb8\xa2\xe0\xb8\xa7");
    CHECK(d.ntoks >= 3);
    for (size_t i = 0; i < d.ntoks; i++) {
        CHECK_EQ(d.toks[i].kind, MTL_TOK_WORD);
        CHECK_EQ(d.toks[i].script, USCRIPT_THAI);
    }
    CHECK_STR(tt(&d, 0), "\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2");

    /* mixed scripts: Cyrillic М + Latin "oscow"; Latin + Greek */
    d = TOKS("\xd0\x9coscow Moscow caf\xce\xb5 \xce\xb1\xce\xb2\xce\xb3");
    CHECK(d.toks[0].flags & MTL_TF_MIXED_SCRIPT);
    CHECK_EQ(d.toks[0].script, USCRIPT_CYRILLIC);
    CHECK(!(d.toks[1].flags & MTL_TF_MIXED_SCRIPT));
    CHECK(d.toks[2].flags & MTL_TF_MIXED_SCRIPT);
    CHECK(!(d.toks[3].flags & MTL_TF_MIXED_SCRIPT));
    CHECK_EQ(d.toks[3].script, USCRIPT_GREEK);
}

static void
test_glued(void)
{
    mtl_doc d = TOKS("Merrick GarlandHe said Weng Ming37 and APT31 hit "
                     "the U.S. report.The minister don't 3.5 10,000 25th");
    const char *want[] = {"Merrick", "GarlandHe", "said", "Weng", "Ming37",
                          "and", "APT31", "hit", "the", "U.S", ".",
                          "report.The", "minister", "don't", "3.5",
                          "10,000", "25th"};
    size_t n = sizeof want / sizeof *want;
    CHECK_EQ(d.ntoks, n);
    for (size_t i = 0; i < n && i < d.ntoks; i++)
        CHECK_STR(tt(&d, i), want[i]);
    if (d.ntoks != n)
        return;
    CHECK_EQ(d.toks[1].casing, MTL_CASE_MIXED);
    CHECK_EQ(d.toks[4].kind, MTL_TOK_WORD); /* ICU says NUMBER */
    CHECK_EQ(d.toks[4].casing, MTL_CASE_TITLE);
    CHECK(d.toks[4].flags & MTL_TF_LETTER);
    CHECK(d.toks[4].flags & MTL_TF_DIGIT);
    CHECK_EQ(d.toks[6].kind, MTL_TOK_WORD);
    CHECK_EQ(d.toks[6].casing, MTL_CASE_UPPER);
    CHECK_EQ(d.toks[9].casing, MTL_CASE_UPPER);
    CHECK_EQ(d.toks[10].kind, MTL_TOK_PUNCT);
    CHECK(mtl_tok_glued_prev(&d, 10));
    CHECK(mtl_tok_is_char(&d, &d.toks[10], '.'));
    CHECK(!mtl_tok_is_char(&d, &d.toks[9], '.'));
    CHECK_EQ(d.toks[11].casing, MTL_CASE_MIXED);
    CHECK_EQ(d.toks[14].kind, MTL_TOK_NUMBER);
    CHECK_EQ(d.toks[14].casing, MTL_CASE_NONE);
    CHECK_EQ(d.toks[15].kind, MTL_TOK_NUMBER);
    CHECK(d.toks[15].flags & MTL_TF_DIGIT);
    CHECK(!(d.toks[15].flags & MTL_TF_LETTER));
    CHECK_EQ(d.toks[16].kind, MTL_TOK_WORD);
    CHECK(mtl_tok_is(&d, &d.toks[11], "report.The"));
    CHECK(!mtl_tok_is(&d, &d.toks[11], "report"));
    CHECK_EQ(d.words, n - 1);
    CHECK_EQ(mtl_doc_token_at(&d, 0), 0);
    CHECK_EQ(mtl_doc_token_at(&d, 1), 1);
    CHECK_EQ(mtl_doc_token_at(&d, 8), 1);
    CHECK_EQ(mtl_doc_token_at(&d, d.len), d.ntoks);

    /* the word fast path of tokenize.c must agree with ICU here too */
    d = TOKS("a:b user@example.com @ __init__ 1_ x\xe2\x80\x99y "
             "1\xc2\xb7" "2 caf\xc3\xa9s");
    const char *want2[] = {"a", ":", "b", "user@example.com", "@",
                           "__init__", "1_", "x\xe2\x80\x99y", "1",
                           "\xc2\xb7", "2", "caf\xc3\xa9s"};
    const uint8_t kind2[] = {MTL_TOK_WORD, MTL_TOK_PUNCT, MTL_TOK_WORD,
                             MTL_TOK_WORD, MTL_TOK_WORD, MTL_TOK_WORD,
                             MTL_TOK_NUMBER, MTL_TOK_WORD, MTL_TOK_NUMBER,
                             MTL_TOK_PUNCT, MTL_TOK_NUMBER, MTL_TOK_WORD};
    n = sizeof want2 / sizeof *want2;
    CHECK_EQ(d.ntoks, n);
    for (size_t i = 0; i < n && i < d.ntoks; i++) {
        CHECK_STR(tt(&d, i), want2[i]);
        CHECK_EQ(d.toks[i].kind, kind2[i]);
    }
}

static void
test_spaces(void)
{
    /* NBSP, thin space, ideographic space: white space; ZWSP is not */
    mtl_doc d = TOKS("a\xc2\xa0" "b\xe2\x80\x89" "c\xe3\x80\x80" "d"
                     "\xe2\x80\x8b" "e f\tg");
    CHECK_EQ(d.ntoks, 8);
    CHECK(!(d.toks[0].flags & MTL_TF_SPACE_BEFORE));
    CHECK(d.toks[1].flags & MTL_TF_SPACE_BEFORE);
    CHECK(d.toks[2].flags & MTL_TF_SPACE_BEFORE);
    CHECK(d.toks[3].flags & MTL_TF_SPACE_BEFORE);
    CHECK_EQ(d.toks[3].col, 7);
    CHECK_EQ(d.toks[4].kind, MTL_TOK_OTHER); /* U+200B */
    CHECK(!(d.toks[4].flags & MTL_TF_SPACE_BEFORE));
    CHECK(!(d.toks[5].flags & MTL_TF_SPACE_BEFORE));
    CHECK(d.toks[7].flags & MTL_TF_SPACE_BEFORE);
    CHECK(!(d.toks[7].flags & MTL_TF_NEWLINE_BEFORE));
    CHECK_EQ(d.words, 7);

    /* a space followed by a combining mark: the mark alone is a token */
    d = TOKS("x \xcc\x81y");
    CHECK_EQ(d.ntoks, 3);
    CHECK_EQ(d.toks[1].start, 2);
    CHECK_EQ(d.toks[1].kind, MTL_TOK_OTHER);
    CHECK(d.toks[1].flags & MTL_TF_SPACE_BEFORE);

    /* white space only, empty */
    d = TOKS("  \n\xc2\xa0\n");
    CHECK_EQ(d.ntoks, 0);
    CHECK_EQ(d.nlines, 2);
    CHECK_EQ(d.nparas, 0);
    CHECK_EQ(d.nsents, 0);
    d = tok("", 0);
    CHECK_EQ(d.ntoks, 0);
    CHECK_EQ(d.nlines, 0);
    d = tok(NULL, 0);
    CHECK_EQ(d.ntoks, 0);
    size_t line, col;
    mtl_doc_linecol(&d, 0, &line, &col);
    CHECK(line == 1 && col == 1);
}

static void
test_casing(void)
{
    mtl_doc d = TOKS("paris Paris NATO iPhone McDonald A a 123 "
                     "\xc3\x89lys\xc3\xa9" "e \xc3\x89LYS\xc3\x89" "E "
                     "\xc7\x85" "a 3D x2");
    const uint8_t want[] = {MTL_CASE_LOWER, MTL_CASE_TITLE, MTL_CASE_UPPER,
                            MTL_CASE_MIXED, MTL_CASE_MIXED, MTL_CASE_TITLE,
                            MTL_CASE_LOWER, MTL_CASE_NONE, MTL_CASE_TITLE,
                            MTL_CASE_UPPER, MTL_CASE_TITLE, MTL_CASE_TITLE,
                            MTL_CASE_LOWER};
    size_t n = sizeof want;
    CHECK_EQ(d.ntoks, n);
    for (size_t i = 0; i < n && i < d.ntoks; i++) {
        if (d.toks[i].casing != want[i])
            fprintf(stderr, "  casing of '%s': %d, want %d\n", tt(&d, i),
                    d.toks[i].casing, want[i]);
        CHECK_EQ(d.toks[i].casing, want[i]);
    }
    if (d.ntoks != n)
        return;
    CHECK(!(d.toks[0].flags & MTL_TF_UPPER_START));
    CHECK(d.toks[1].flags & MTL_TF_UPPER_START);
    CHECK(!(d.toks[3].flags & MTL_TF_UPPER_START));
    CHECK(d.toks[8].flags & MTL_TF_UPPER_START);
    CHECK(d.toks[10].flags & MTL_TF_UPPER_START); /* titlecase Dž */
    CHECK(d.toks[11].flags & MTL_TF_UPPER_START); /* 3D: first letter */
    CHECK(!(d.toks[7].flags & MTL_TF_LETTER));
    CHECK(d.toks[7].flags & MTL_TF_ASCII);
    CHECK(!(d.toks[8].flags & MTL_TF_ASCII));
}

static void
test_sentences(void)
{
    mtl_doc d = TOKS("He said. She left.\nHeadline without stop\n"
                     "Line wrapped\nsentence here. \"Quoted?\" Yes.");
    const char *want[][2] = {
        {"He", "."}, {"She", "."}, {"Headline", "stop"}, {"Line", "wrapped"},
        {"sentence", "."}, {"\"", "\""}, {"Yes", "."}};
    size_t n = sizeof want / sizeof *want;
    CHECK_EQ(d.nsents, n);
    for (size_t k = 0; k < n && k < d.nsents; k++) {
        const mtl_span *s = &d.sents[k];
        CHECK_STR(tt(&d, s->tok_first), want[k][0]);
        CHECK_STR(tt(&d, s->tok_first + s->tok_count - 1), want[k][1]);
    }
    CHECK_EQ(d.sents[0].start, 0);
    CHECK_EQ(d.sents[0].end, 8);
    CHECK_EQ(d.sents[1].start, 9);
    CHECK_EQ(d.sents[1].end, 18);
    CHECK(d.toks[3].flags & MTL_TF_SENT_START);
    CHECK(!(d.toks[4].flags & MTL_TF_SENT_START));

    /* English abbreviations do not end sentences with the "en" rules */
    set_lang("en-US");
    d = TOKS("Mr. Smith met Mrs. Jones. They talked.");
    CHECK_EQ(d.nsents, 2);
    set_lang("und");
    d = TOKS("Mr. Smith met Mrs. Jones. They talked.");
    CHECK(d.nsents >= 3);
    /* an abbreviation starts a word: ICU's German list has "r." and "Nr.",
     * and its filter took the end of "Lehrer." for the first */
    set_lang("de");
    d = TOKS("Er war Lehrer. Die Schule lag in Haus Nr. 5 am Markt. Das FBI. "
             "Der Sommer. Er kam z.B. spät.");
    CHECK_EQ(d.nsents, 5);
    set_lang("es");
    d = TOKS("Lo haremos hoy. El plan es ser. Lo dijo el Sr. Pérez.");
    CHECK_EQ(d.nsents, 3);
    set_lang("pt");
    d = TOKS("Vamos ao Brasil. O mar. Fala o Sr. Silva.");
    CHECK_EQ(d.nsents, 3);
    /* the rules ICU applies, one case each (compared with ICU in tok()) */
    static const char *const rules[] = {
        "He left. She came.", "He left.She came.", "Why? because.",
        "Why?because", "He said \"go.\" Then left.", "He said (go.) Then.",
        "Ends. (Next one.)", "It is 3. 5 people came.", "It costs Rs.5 now.",
        "See p. 5 and e.g. this.", "Wait... What?! Yes.", "A.B. Smith came.",
        "Yes.\xe2\x80\x9d She said.", "End.\xc2\xa0Next.", "One.  Two.",
        "U.S. officials. U.S. Army.", "x. \xd0\x96 y", "etc.), and more.",
        "\xe4\xbd\xa0\xe5\xa5\xbd\xe3\x80\x82\xe6\x88\x91",
        ("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7\xd8\x9f "
         "\xd9\x85\xd8\xb1"), "Vote!\xe2\x80\xa6 no", "a.\xcc\x81 B",
        "line\xe2\x80\xa8next", "No. 5 is. No. 6.", "Dr. Who. Mr.  Smith.",
        "Fig. 3 shows. Approx. 5.", "z.B. Das ist gut. Herr Dr. M\xc3\xbcller.",
        "The end.\xe2\x80\x9d\xe2\x80\x9d Next.", "A?\xe2\x80\x9d b.",
        "3.5. Next", "J.D. Salinger. Jam. 5.", "MR. X. Long. Y.",
        "I saw mr. Smith. And MR. Jones. Also Mr. X. Then J. D. Smith.",
        "Approx. Ten. approx. Ten. Sept. Nine. L.P. Records."};
    const char *rule_langs[] = {"", "en", "de", "fr", "ru", "pt"};
    for (size_t l = 0; l < sizeof rule_langs / sizeof *rule_langs; l++) {
        set_lang(rule_langs[l]);
        for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
            tok(rules[i], strlen(rules[i]));
    }
    /* more languages than the cache holds, then back */
    const char *langs[] = {"de", "fr", "es", "it", "pt", "ru", "nl", "pl",
                           "sv", "en", ""};
    for (size_t i = 0; i < sizeof langs / sizeof *langs; i++)
        set_lang(langs[i]);
    set_lang("en");
    d = TOKS("Mr. Smith left.");
    CHECK_EQ(d.nsents, 1);
    set_lang(NULL);
}

/*
 * Every entry of ICU's sentence-break exception lists ("Mr.", "Ph.D.",
 * "av. J.-C."), and its prefixes up to a full stop, in the places where
 * the exception filter decides (after a space, glued to a word, before
 * two spaces, in brackets, before a lower-case word, at the end): the
 * tokenizer replays ICU's filter there instead of asking ICU, and its
 * sentences must be those of a full ICU pass.
 */
static void
test_abbreviations(void)
{
    static const char *const langs[] = {"en", "de", "fr", "es", "it", "pt",
                                        "ru"};
    static const char *const ctx[] = {
        "Hi % Ab. ", "Hi z% Ab. ", "Hi %  Ab. ", "Hi (%) Ab. ", "Hi %) Ab. ",
        "Hi % ab. ", "Hi %\"Ab\" ", "Hi % 5 Ab. ", "%% Ab. ", "Hi %"};
    size_t entries = 0;
    static char ks[4096][128];
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
        size_t ne;
        size_t nk = exception_keys(langs[l], ks, 4096, &ne);
        CHECK(ne > 0);
        entries += ne;
        set_lang(langs[l]);
        /* the replay, not ICU, must be what is compared below */
        CHECK(mtl_tokenizer_replays_exceptions(tk));
        /* each entry, then its prefixes that end with a full stop */
        for (size_t i = 0; i < nk && !test_failures; i++) {
            size_t k = strlen(ks[i]);
            char buf[2048];
            size_t len = 0;
            /* NUL-terminated: tok() prints it on a failure */
            for (size_t c = 0; c < sizeof ctx / sizeof *ctx; c++) {
                for (const char *p = ctx[c]; *p; p++) {
                    if (*p == '%') {
                        memcpy(buf + len, ks[i], k);
                        len += k;
                    } else {
                        buf[len++] = *p;
                    }
                }
            }
            buf[len] = '\0';
            tok(buf, len);
        }
    }
    CHECK(entries > 500);
    set_lang(NULL);
}

static void
test_paragraphs(void)
{
    mtl_doc d = TOKS("Title\n\nPara one, line one\nline two.\n \n\t\n"
                     "Para two.\n\n\n");
    CHECK_EQ(d.nlines, 9);
    CHECK_EQ(d.nparas, 3);
    CHECK_EQ(d.lines[1].tok_count, 0);
    CHECK_EQ(d.lines[1].start, 6);
    CHECK_EQ(d.lines[1].end, 6);
    CHECK_EQ(d.lines[4].start, 36);
    CHECK_EQ(d.lines[4].end, 36);
    CHECK_EQ(d.lines[3].start, 26);
    CHECK_EQ(d.lines[3].end, 35);
    CHECK_STR(tt(&d, d.paras[1].tok_first), "Para");
    CHECK_EQ(d.paras[1].start, 7);
    CHECK_EQ(d.paras[1].end, 35);
    CHECK_EQ(d.paras[1].tok_count, 8);
    CHECK_EQ(d.paras[2].start, 40);
    CHECK_EQ(d.paras[2].end, 49);
    CHECK(d.toks[1].flags & MTL_TF_PARA_START);
    CHECK(d.toks[1].flags & MTL_TF_LINE_START);
    CHECK_EQ(d.toks[1].para, 1);
    CHECK_EQ(d.toks[d.ntoks - 1].para, 2);
    CHECK_EQ(d.toks[d.ntoks - 1].line, 7);
    /* a wrapped line is not a new paragraph, but is a new sentence */
    size_t k = 0;
    while (k < d.ntoks && !(mtl_tok_is(&d, &d.toks[k], "line") &&
                            (d.toks[k].flags & MTL_TF_LINE_START)))
        k++;
    CHECK(k < d.ntoks && d.toks[k].para == 1);
    CHECK(k < d.ntoks && (d.toks[k].flags & MTL_TF_SENT_START));
    CHECK(k < d.ntoks && !(d.toks[k].flags & MTL_TF_PARA_START));
}

/* Long ASCII tokens: the tokenizer counts the shape of an ASCII token of
 * up to 65,535 bytes in one pass and reads longer ones character by
 * character; both must give the same token (nchars saturating). */
static void
test_long_tokens(void)
{
    static const size_t lens[] = {65534, 65535, 65536, 70000};
    char *buf = malloc(70000 + 8);
    if (!buf) {
        CHECK(buf != NULL);
        return;
    }
    for (size_t k = 0; k < sizeof lens / sizeof *lens; k++) {
        size_t len = lens[k];
        buf[0] = 'A';
        memset(buf + 1, 'b', len - 2);
        buf[len - 1] = '7';
        memcpy(buf + len, " Ab.", 4);
        mtl_doc d = tok(buf, len + 4);
        CHECK_EQ(d.ntoks, 3);
        if (d.ntoks != 3)
            continue;
        const mtl_token *t = &d.toks[0];
        CHECK_EQ(t->len, len);
        CHECK_EQ(t->nchars, len > 65535 ? 65535 : len);
        CHECK_EQ(t->kind, MTL_TOK_WORD);
        CHECK_EQ(t->casing, MTL_CASE_TITLE);
        CHECK_EQ(t->script, USCRIPT_LATIN);
        CHECK_EQ(t->flags, MTL_TF_LETTER | MTL_TF_DIGIT | MTL_TF_ASCII |
                               MTL_TF_UPPER_START | MTL_TF_SENT_START |
                               MTL_TF_LINE_START | MTL_TF_PARA_START);
        CHECK_EQ(d.toks[1].col, len + 2);
        CHECK_EQ(d.toks[1].casing, MTL_CASE_TITLE);
    }
    free(buf);
}

/* linecol on a long one-line document must not scan from the start. */
static void
test_linecol_speed(void)
{
    size_t n = 4u << 20;
    char *big = malloc(n);
    if (!big) {
        CHECK(big != NULL);
        return;
    }
    for (size_t i = 0; i < n; i++)
        big[i] = (i % 7 == 6) ? ' ' : (char)('a' + i % 7);
    memcpy(big + 100, "\xc3\xa9\xc3\xa9", 4);
    mtl_doc d;
    memset(&d, 0, sizeof d);
    CHECK_EQ(mtl_tokenize(tk, big, n, &d), MTL_OK);
    clock_t t0 = clock();
    size_t line, col, sum = 0;
    for (size_t i = 0; i < 200000; i++) {
        size_t off = (i * 2654435761u) % n;
        mtl_doc_linecol(&d, off, &line, &col);
        sum += col;
        if (i % 20000 == 0) {
            size_t rl, rc;
            ref_linecol(&d, off, &rl, &rc);
            CHECK(rl == line && rc == col);
        }
    }
    double dt = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(dt < 2.0); /* O(n) per call would take minutes */
    CHECK(sum > 0);
    /* then a small document: the tokenizer reuses or trims its arrays */
    mtl_doc s = TOKS("small one");
    CHECK_EQ(s.ntoks, 2);
    free(big);
}

/* Every byte offset of a mixed document against the slow count. */
static void
test_linecol_all(void)
{
    static const char text[] =
        "  Caf\xc3\xa9\r\n\r\n\xe4\xb8\xad \xff\xfe x\ry\n\n"
        "\xf0\x9f\x98\x80\xc2\xa0z\xe4\xb8 end \r";
    mtl_doc d = tok(text, sizeof text - 1);
    for (size_t off = 0; off <= d.len; off++) {
        size_t l1, c1, l2, c2;
        mtl_doc_linecol(&d, off, &l1, &c1);
        ref_linecol(&d, off, &l2, &c2);
        if (l1 != l2 || c1 != c2)
            fprintf(stderr, "  offset %zu: %zu:%zu, want %zu:%zu\n", off,
                    l1, c1, l2, c2);
        CHECK(l1 == l2 && c1 == c2);
    }
}

/* Pseudo-random byte soup: the invariants must hold whatever the input. */
static void
test_random(void)
{
    static const char *pieces[] = {
        "a", "Z", " ", "\n", "\r", "\r\n", ".", "\xc2\xa0", "\xff", "\0",
        "Mr", "Dr", "etc", "?", "!", "\"", ")", "(", ",", "\xe2\x80\x9d",
        "\xe3\x80\x82", " ", " ", "b", "Q", ".", ".", "5", "\xe2\x80\xa8",
        "J", "D", "MR", "mr", "Approx", "z", "B", "Sept", "L", "P",
        "\xe4\xb8\xad", "\xe4\xb8", "\xf0\x9f\x98\x80", "\xcc\x81", "3",
        "\xd0\x96", "\xd9\x85", "\xe0\xb8\xa0", "\xe3\x81\xae", "'", "\t",
        "\xe2\x80\x8b", "\xef\xbb\xbf", "\xc3", "\x80", "-", "\xe3\x80\x80"};
    size_t np = sizeof pieces / sizeof *pieces;
    char buf[4096];
    uint32_t seed = 12345;
    static const char *const langs[] = {"", "en", "de"};
    /* TEST_ROUNDS=100000 for a longer run */
    const char *env = getenv("TEST_ROUNDS");
    int rounds = env ? atoi(env) : 900;
    if (rounds < 3)
        rounds = 3;
    for (int round = 0; round < rounds; round++) {
        if (round % (rounds / 3) == 0 && round / (rounds / 3) < 3)
            set_lang(langs[round / (rounds / 3)]);
        size_t n = 0;
        size_t want = 1 + (seed >> 8) % 300;
        while (n < want) {
            seed = seed * 1103515245u + 12345u;
            size_t k = (seed >> 16) % np;
            size_t pl = pieces[k][0] ? strlen(pieces[k]) : 1;
            if (n + pl > sizeof buf)
                break;
            memcpy(buf + n, pieces[k], pl);
            n += pl;
        }
        mtl_doc d = tok(buf, n);
        (void)d;
        if (test_failures)
            break;
    }
    /* plain random bytes, biased towards ASCII */
    for (int round = 0; round < rounds / 3 && !test_failures; round++) {
        size_t n = 1 + (seed >> 8) % 400;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            uint8_t c = (uint8_t)(seed >> 16);
            buf[i] = (char)((seed >> 30) ? c & 0x7f : c);
        }
        tok(buf, n);
    }
}

static void
test_shared_texts(void)
{
    const char *dir = getenv("MTLINT_SHARED"); /* set by tests/meson.build */
    if (!dir)
        return;
    static const char *files[] = {
        "seeds/000_6ab33d9a7678df49.txt", "seeds/003_485505f96adbb9ae.txt",
        "seeds/004_1178a884c474d702.txt", "peers/udhr/ar.txt",
        "peers/udhr/ru.txt", "peers/udhr/zh.txt", "peers/udhr/en.txt",
        "peers/udhr/fr.txt"};
    static const char *flangs[] = {"en", "en", "en", "ar", "ru", "zh", "en",
                                   "fr"};
    int found = 0;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        size_t len;
        char *text = NULL;
        if (mtl_read_file(path, &text, &len) != 0)
            continue;
        found++;
        mtl_doc d;
        memset(&d, 0, sizeof d);
        for (int pass = 0; pass < 2; pass++) {
            set_lang(pass ? flangs[i] : "");
            CHECK_EQ(mtl_tokenize(tk, text, len, &d), MTL_OK);
            check_invariants(&d, path);
            check_sentences_vs_icu(&d, path);
        }
        CHECK(d.words > 100);
        CHECK(d.nsents > 5);
        free(text);
    }
    if (!found)
        fprintf(stderr, "note: %s not found, shared texts skipped\n", dir);
}

int
main(void)
{
    const char *v = getenv("TEST_VERBOSE");
    verbose = v ? atoi(v) : 0;
    mtl_error err;
    memset(&err, 0, sizeof err);
    tk = mtl_tokenizer_new("", &err);
    if (!tk) {
        fprintf(stderr, "mtl_tokenizer_new: %s\n", err.message);
        return 1;
    }
    test_offsets();
    test_crlf();
    test_invalid();
    test_scripts();
    test_glued();
    test_spaces();
    test_casing();
    test_sentences();
    test_abbreviations();
    test_paragraphs();
    test_linecol_all();
    test_linecol_speed();
    test_long_tokens();
    test_random();
    test_shared_texts();
    set_lang("");
    mtl_tokenizer_free(tk);
    mtl_tokenizer_free(NULL);
    TEST_DONE();
}
