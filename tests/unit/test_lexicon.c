/*
 * test_lexicon.c - the list loader: comments, sections, synonyms, white
 * space, case-folded lookups, and errors that name file:line.
 *
 * mtl_utf8_fold is checked against its ICU reference (mtl_utf8_fold_icu,
 * the former implementation) for every code point alone and in strings,
 * every invalid sequence of up to three bytes after a lead byte (and a
 * sample of four), random mixed strings, every capacity around the
 * result's length, the 256-unit limit of short strings, in-place folding,
 * and from several threads while the fold table is being filled.
 *
 * mtl_listset (the detectors' fixed word lists in one hash set): a word
 * is in the list it was added with only, counted and NULL-terminated
 * lists, prefixes and case, and a set too small to take a list.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "lexicon/lexicon.h"
#include "test.h"
#include "util/listset.h"
#include "util/util.h"

/* ------------------------------------------------ fold vs reference */

#define FOLD_BUF 70000
#define FOLD_GUARD 16
static char fold_a[FOLD_BUF + FOLD_GUARD], fold_b[FOLD_BUF + FOLD_GUARD];
static long fold_compared, fold_bad;

static void
fold_report(const char *what, const char *s, size_t len, size_t cap,
            size_t ra, size_t rb)
{
    if (++fold_bad > 12)
        return;
    fprintf(stderr, "fold mismatch (%s): cap %zu, new %lld, icu %lld, input",
            what, cap, (long long)ra, (long long)rb);
    for (size_t i = 0; i < len && i < 48; i++)
        fprintf(stderr, " %02X", (unsigned char)s[i]);
    fprintf(stderr, len > 48 ? " ...\n" : "\n");
}

/* Folds @p s both ways with capacity @p cap; counts a mismatch in the
 * result, the output or a byte written past cap. */
static void
fold_same(const char *what, const char *s, size_t len, size_t cap)
{
    memset(fold_a + cap, 0xA5, FOLD_GUARD);
    memset(fold_b + cap, 0xA5, FOLD_GUARD);
    size_t ra = mtl_utf8_fold(s, len, fold_a, cap);
    size_t rb = mtl_utf8_fold_icu(s, len, fold_b, cap);
    fold_compared++;
    bool bad = ra != rb;
    if (!bad && ra != (size_t)-1)
        bad = memcmp(fold_a, fold_b, ra + 1) != 0 || fold_a[ra] != '\0';
    for (size_t g = 0; g < FOLD_GUARD && !bad; g++)
        bad = (unsigned char)fold_a[cap + g] != 0xA5;
    if (bad)
        fold_report(what, s, len, cap, ra, rb);
}

/* Every capacity from 0 to a little past what the result needs. */
static void
fold_same_caps(const char *what, const char *s, size_t len)
{
    size_t top = len * 3 + 8;
    for (size_t cap = 0; cap <= top && cap < FOLD_BUF; cap++)
        fold_same(what, s, len, cap);
}

static uint64_t fold_rng = 0x9E3779B97F4A7C15ULL;
static uint32_t
fold_rand(void)
{
    return test_rand(&fold_rng);
}

static void
test_fold_code_points(void)
{
    char s[64];
    long before = fold_bad;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char e[4];
        size_t n = mtl_utf8_encode(cp, e);
        /* alone */
        fold_same("cp", e, n, 64);
        /* between ASCII letters */
        memcpy(s, "aB", 2);
        memcpy(s + 2, e, n);
        memcpy(s + 2 + n, "Cd", 2);
        fold_same("cp in word", s, n + 4, 64);
        /* after an ASCII run of 16 (the word-at-a-time path), before more */
        memcpy(s, "The QUICK brown ", 16);
        memcpy(s + 16, e, n);
        memcpy(s + 16 + n, " FOX jumps", 10);
        fold_same("cp in text", s, n + 26, 64);
    }
    /* every code point again, 70 at a time (strings of 70 to 280 bytes,
     * either side of the 200-byte limit of the reference) */
    char *buf = malloc(70 * 4);
    uint32_t cp = 0;
    while (cp <= 0x10FFFF) {
        size_t n = 0;
        for (int k = 0; k < 70 && cp <= 0x10FFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF)
                continue;
            n += mtl_utf8_encode(cp, buf + n);
            k++;
        }
        fold_same("cp run", buf, n, 4096);
    }
    free(buf);
    CHECK_EQ(fold_bad - before, 0);
}

static void
test_fold_invalid(void)
{
    long before = fold_bad;
    unsigned char s[16];
    /* every pair of bytes, with ASCII and a valid letter around */
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++) {
            s[0] = 'A';
            s[1] = (unsigned char)a;
            s[2] = (unsigned char)b;
            memcpy(s + 3, "\xC3\x89z", 3);
            fold_same("2 bytes", (const char *)s, 6, 64);
            fold_same("2 bytes alone", (const char *)s + 1, 2, 64);
        }
    /* three bytes after a lead byte: every continuation-ish value */
    for (unsigned a = 0xC0; a < 256; a++)
        for (unsigned b = 0x7F; b <= 0xC2; b++)
            for (unsigned c = 0x7F; c <= 0xC2; c++) {
                s[0] = (unsigned char)a;
                s[1] = (unsigned char)b;
                s[2] = (unsigned char)c;
                s[3] = 'Q';
                fold_same("3 bytes", (const char *)s, 4, 64);
                fold_same("3 bytes cut", (const char *)s, 3, 64);
            }
    /* four bytes: a sample */
    static const unsigned char tail[] = {0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                         0xA0, 0xBF, 0xC0, 0xFF};
    for (unsigned a = 0xF0; a < 256; a++)
        for (unsigned b = 0x7F; b <= 0xC2; b++)
            for (size_t c = 0; c < sizeof tail; c++)
                for (size_t d = 0; d < sizeof tail; d++) {
                    s[0] = 'x';
                    s[1] = (unsigned char)a;
                    s[2] = (unsigned char)b;
                    s[3] = tail[c];
                    s[4] = tail[d];
                    s[5] = 'Y';
                    fold_same("4 bytes", (const char *)s, 6, 64);
                    fold_same("4 bytes cut", (const char *)s, 4, 64);
                }
    CHECK_EQ(fold_bad - before, 0);
}

/* Pieces of mixed text: ASCII, folds that grow and shrink, other scripts,
 * supplementary letters, NUL and invalid bytes. */
static const char *const fold_pieces[] = {
    "a", "Z", "Hello", "WORLD", " ", "  ", "\t", "-", "0", "@[`{", "\0",
    "\xC3\xA9", "\xC3\x89", "\xC3\x9F" /* ß */, "\xE1\xBA\x9E" /* ẞ */,
    "\xC4\xB0" /* İ */, "\xC4\xB1", "\xCE\x90" /* ΐ */, "\xCE\xA3",
    "\xCF\x82", "\xEF\xAC\x83" /* ﬃ */, "\xE2\x84\xAA" /* K */,
    "\xE2\x84\xAB" /* Å */, "\xC8\xBA" /* Ⱥ */, "\xC5\xBF" /* ſ */,
    "\xD0\x96", "\xD0\xB6", "\xD4\xB1", "\xE1\x8F\xB8" /* Cherokee */,
    "\xEA\xAD\xB0", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x82\xAC",
    "\xE4\xB8\xAD\xE6\x96\x87", "\xEF\xBC\xA1" /* fullwidth A */,
    "\xF0\x90\x90\x80" /* U+10400 */, "\xF0\x9E\xA4\x80" /* Adlam */,
    "\xF0\x9F\x98\x80", "\xF0\xA0\x80\x80" /* plane 2 */,
    "\xF3\xA0\x80\x81" /* tag */, "\xF4\x8F\xBF\xBF",
    "\xE1\xBE\x88" /* ᾈ */, "\xE1\xBF\xB7",
    "\x80", "\xFF", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
    "\xE2\x82", "\xF0\x9F\x98", "\xC3",
};

static size_t
fold_piece(char *out, bool valid_only)
{
    size_t np = sizeof fold_pieces / sizeof *fold_pieces;
    for (;;) {
        size_t k = fold_rand() % np;
        const char *p = fold_pieces[k];
        size_t n = strcmp(p, "\0") == 0 ? 1 : strlen(p);
        bool invalid = k >= np - 8;
        if (valid_only && invalid)
            continue;
        memcpy(out, p, n);
        return n;
    }
}

static void
test_fold_random(void)
{
    long before = fold_bad;
    char *s = malloc(8192);
    for (int round = 0; round < 200000; round++) {
        size_t target = fold_rand() % 4 == 0 ? fold_rand() % 2000
                                             : fold_rand() % 120;
        bool valid = fold_rand() % 8 != 0;
        size_t n = 0;
        while (n < target)
            n += fold_piece(s + n, valid);
        size_t cap = fold_rand() % 2 ? 8192 : fold_rand() % (n * 2 + 8);
        fold_same("random", s, n, cap);
    }
    /* every capacity for a few hundred strings */
    for (int round = 0; round < 400; round++) {
        size_t target = fold_rand() % 60;
        size_t n = 0;
        while (n < target)
            n += fold_piece(s + n, round % 4 != 0);
        fold_same_caps("random caps", s, n);
    }
    free(s);
    CHECK_EQ(fold_bad - before, 0);
}

static void
test_fold_limits(void)
{
    long before = fold_bad;
    /* strings of at most 200 bytes fold through 256 UTF-16 units in the
     * reference: repeat growing folds either side of both limits */
    static const char *const grow[] = {
        "\xCE\x90", "\xC3\x9F", "\xEF\xAC\x83", "\xE1\xBE\x88",
        "\xF0\x90\x90\x80", "\xC4\xB0", "a\xCE\x90", "A",
    };
    char s[1024];
    for (size_t g = 0; g < sizeof grow / sizeof *grow; g++) {
        size_t pl = strlen(grow[g]);
        for (size_t reps = 1; reps * pl < sizeof s - 4; reps++) {
            size_t n = 0;
            for (size_t r = 0; r < reps; r++, n += pl)
                memcpy(s + n, grow[g], pl);
            fold_same("limit", s, n, 4096);
            fold_same("limit", s, n, n + 1);
            fold_same("limit", s, n, n * 3 + 1);
            if (n + 1 < sizeof s) {
                s[n] = 'X';
                fold_same("limit+1", s, n + 1, 4096);
            }
        }
    }
    /* mixed: growing folds up to the limit, then other code points (each
     * UTF-8 length, folding or not) that cross it */
    static const char *const more[] = {
        "a", "\xC3\xA9", "\xC3\x9F", "\xE2\x80\x99", "\xE2\x84\xAA",
        "\xEF\xAC\x83", "\xF0\x9F\x98\x80", "\xF0\x90\x90\x80",
        "\xF0\xA0\x80\x80",
    };
    for (size_t m = 0; m < sizeof more / sizeof *more; m++) {
        size_t ml = strlen(more[m]);
        for (size_t n1 = 60; n1 <= 100; n1++)
            for (size_t n2 = 0; n2 <= 12; n2++) {
                size_t n = 0;
                for (size_t r = 0; r < n1; r++, n += 2)
                    memcpy(s + n, "\xCE\x90", 2);
                for (size_t r = 0; r < n2; r++, n += ml)
                    memcpy(s + n, more[m], ml);
                fold_same("limit mixed", s, n, 4096);
            }
    }
    /* all capacities for short interesting strings */
    static const char *const some[] = {
        "", "a", "AB", "abcdefgh", "ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`{|}~",
        "Stra\xC3\x9F" "e", "\xE2\x84\xAA" "elvin", "\xCE\x90\xCE\x90",
        "\xC4\xB0stanbul", "\xC8\xBA\xC8\xBA\xC8\xBA", "x\xFFy",
        "\xF0\x90\x90\x80\xF0\x9F\x98\x80" "abc", "\xEF\xAC\x83x",
        "ASCII text that is long enough to take the word path \xC3\x89",
        "\xC3\x89 then ASCII text long enough to take the word path",
    };
    for (size_t k = 0; k < sizeof some / sizeof *some; k++)
        fold_same_caps("caps", some[k], strlen(some[k]));
    /* in place: the reference reads all of s before writing */
    for (size_t k = 0; k < sizeof some / sizeof *some; k++) {
        size_t n = strlen(some[k]);
        for (size_t off = 0; off < 3; off++) {
            char x[256], y[256];
            memset(x, 0, sizeof x);
            memset(y, 0, sizeof y);
            memcpy(x + off, some[k], n);
            memcpy(y + off, some[k], n);
            size_t ra = mtl_utf8_fold(x + off, n, x, sizeof x);
            size_t rb = mtl_utf8_fold_icu(y + off, n, y, sizeof y);
            fold_compared++;
            if (ra != rb || memcmp(x, y, sizeof x) != 0)
                fold_report("in place", some[k], n, sizeof x, ra, rb);
        }
    }
    CHECK_EQ(fold_bad - before, 0);
}

/* Threads fold every code point of the table's range at once, in
 * different orders, while its pages are being built. */
static void *
fold_thread(void *arg)
{
    uint32_t step = (uint32_t)(uintptr_t)arg;
    long *bad = malloc(sizeof *bad);
    *bad = 0;
    for (uint32_t k = 0; k < 0x20000; k++) {
        uint32_t cp = (k * step + 0x1234) % 0x20000;
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char e[8], a[64], b[64];
        size_t n = mtl_utf8_encode(cp, e);
        e[n] = 'Q';
        size_t ra = mtl_utf8_fold(e, n + 1, a, sizeof a);
        size_t rb = mtl_utf8_fold_icu(e, n + 1, b, sizeof b);
        if (ra != rb || (ra != (size_t)-1 && memcmp(a, b, ra + 1) != 0))
            (*bad)++;
    }
    return bad;
}

static void
test_fold_threads(void)
{
    /* odd steps coprime with 0x20000: each thread visits every code point */
    static const uint32_t steps[] = {1, 0x1FFFF, 40503, 7919, 65537, 3};
    enum { NT = sizeof steps / sizeof *steps };
    pthread_t t[NT];
    for (int k = 0; k < NT; k++)
        CHECK(pthread_create(&t[k], NULL, fold_thread,
                             (void *)(uintptr_t)steps[k]) == 0);
    for (int k = 0; k < NT; k++) {
        void *r = NULL;
        pthread_join(t[k], &r);
        CHECK(r != NULL && *(long *)r == 0);
        free(r);
    }
}


/* mtl_utf8_lower() as it was before its ASCII run: one code point at a
 * time through u_tolower, four bytes of room past each. */
static size_t
lower_ref(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n) {
        int32_t cp = mtl_utf8_next(s, n, &i);
        if (cp < 0 || o + 4 >= cap)
            return 0;
        o += mtl_utf8_encode((uint32_t)u_tolower(cp), out + o);
    }
    if (o >= cap)
        return 0;
    out[o] = '\0';
    return o;
}

/* Random mixes of ASCII (upper and lower), accented and other letters,
 * and invalid bytes, at every capacity around what they need. */
static void
test_lower(void)
{
    static const char *const pieces[] = {
        "a", "Z", "Hello", "WORLD ", "0", ".", "\xC3\x89", "\xC3\xA9",
        "\xCE\xA3", "\xD0\x96", "\xE1\xBA\x9E", "\xF0\x90\x90\x80",
        "\xFF", "\xC3", "\xE2\x80\xA8", "QUICKBROWNFOX"};
    uint64_t rng = 0x51ed2701u;
    long bad = 0;
    for (int k = 0; k < 20000; k++) {
        char s[128];
        size_t n = 0;
        int parts = (int)(test_rand(&rng) % 8);
        for (int p = 0; p < parts; p++) {
            const char *piece =
                pieces[test_rand(&rng) % (sizeof pieces / sizeof *pieces)];
            size_t l = strlen(piece);
            memcpy(s + n, piece, l);
            n += l;
        }
        for (size_t cap = 0; cap <= n * 3 + 8; cap++) {
            char a[512], b[512];
            size_t ra = mtl_utf8_lower(s, n, a, cap);
            size_t rb = lower_ref(s, n, b, cap);
            if (ra != rb || (rb && memcmp(a, b, rb + 1) != 0))
                bad++;
        }
    }
    CHECK_EQ(bad, 0);
}

/* ------------------------------------------------------------ listset */

static void
test_listset(void)
{
    static const char *const a[] = {"de", "van", "von", "der", NULL};
    static const char *const b[] = {"de", "la", "le"}; /* counted */
    static const char *const big[] = {"w1", "w2", "w3", "w4", "w5", NULL};
    mtl_listset_slot slots[16];
    mtl_listset set;
    mtl_listset_init(&set, slots, 16);
    CHECK(mtl_listset_add(&set, a, (size_t)-1));
    CHECK(mtl_listset_add(&set, b, 3));
    CHECK(mtl_listset_add(&set, a, (size_t)-1)); /* again: no change */
    CHECK_EQ(set.n, 7);
    CHECK(mtl_listset_has(&set, a, "van", 3));
    CHECK(mtl_listset_has(&set, a, "de", 2));
    CHECK(mtl_listset_has(&set, b, "de", 2));
    CHECK(mtl_listset_has(&set, b, "le", 2));
    CHECK(!mtl_listset_has(&set, a, "le", 2));   /* another list's */
    CHECK(!mtl_listset_has(&set, b, "van", 3));
    CHECK(!mtl_listset_has(&set, a, "va", 2));   /* a prefix */
    CHECK(!mtl_listset_has(&set, a, "vanx", 4)); /* longer */
    CHECK(!mtl_listset_has(&set, a, "Van", 3));  /* exact bytes */
    CHECK(!mtl_listset_has(&set, a, "", 0));
    CHECK(mtl_listset_has(&set, a, "vonx", 3)); /* the first 3 bytes */
    /* four slots hold three words at most: the fourth is refused, the
     * ones taken stay, and a lookup of anything still ends */
    mtl_listset_slot small[4];
    mtl_listset_init(&set, small, 4);
    CHECK(!mtl_listset_add(&set, big, (size_t)-1));
    CHECK_EQ(set.n, 3);
    CHECK(mtl_listset_has(&set, big, "w1", 2));
    CHECK(mtl_listset_has(&set, big, "w3", 2));
    CHECK(!mtl_listset_has(&set, big, "w4", 2));
    CHECK(!mtl_listset_has(&set, a, "de", 2));
}

/* mtl_utf8_unaccent (its Latin table, the ICU path) against ICU's NFD
 * with the non-spacing marks dropped, on every code point to U+07FF
 * between two letters, and on invalid and overlong inputs. */
static size_t
unaccent_ref(const char *s, size_t n, char *out, size_t cap)
{
    UChar u[128], v[256];
    UErrorCode st = U_ZERO_ERROR;
    int32_t ul = 0, ol = 0;
    u_strFromUTF8(u, 128, &ul, s, (int32_t)n, &st);
    if (U_FAILURE(st) || ul >= 128)
        return 0;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    int32_t vl = unorm2_normalize(nfd, u, ul, v, 256, &st);
    if (U_FAILURE(st) || vl >= 256)
        return 0;
    int32_t w = 0;
    for (int32_t j = 0; j < vl; j++)
        if (u_charType(v[j]) != U_NON_SPACING_MARK)
            v[w++] = v[j];
    u_strToUTF8(out, (int32_t)cap, &ol, v, w, &st);
    return U_SUCCESS(st) && ol > 0 && (size_t)ol < cap ? (size_t)ol : 0;
}

static void
test_unaccent(void)
{
    char in[16], a[16], b[16];
    for (UChar32 cp = 1; cp < 0x800; cp++) {
        size_t n = 0;
        in[n++] = 'x';
        U8_APPEND_UNSAFE(in, n, cp);
        in[n++] = 'y';
        size_t an = mtl_utf8_unaccent(in, n, a, sizeof a);
        size_t bn = unaccent_ref(in, n, b, sizeof b);
        CHECK_EQ(an, bn);
        if (an == bn && an)
            CHECK(memcmp(a, b, an) == 0);
    }
    char out[8];
    CHECK_EQ(mtl_utf8_unaccent("Dvo\xC5\x99\xC3\xA1k", 8, out, sizeof out), 6);
    CHECK(memcmp(out, "Dvorak", 7) == 0);
    CHECK_EQ(mtl_utf8_unaccent("\xC3", 1, out, sizeof out), 0);      /* cut */
    CHECK_EQ(mtl_utf8_unaccent("abcdefgh", 8, out, sizeof out), 0); /* no room */
    CHECK_EQ(mtl_utf8_unaccent("abcdefg", 7, out, sizeof out), 7);
    CHECK_EQ(mtl_utf8_unaccent("\xC5\x81\xC3\xB8", 4, out, sizeof out), 4);
    CHECK(memcmp(out, "\xC5\x81\xC3\xB8", 5) == 0); /* Ł, ø: no marks */
}

int
main(void)
{
    /* first, while no page of the fold table is built */
    test_fold_threads();
    test_lower();
    test_listset();
    test_unaccent();
    const char *data = "# source: test\n"
                       "plain\n"
                       "  spaced   entry  \n"
                       "[share]\n"
                       "Spread the love\n"
                       "Share|Partager|Compartir\n"
                       "\n"
                       "# another comment\n"
                       "[reading-time]\n"
                       "Reading time: <n> minutes\n"
                       "ÉCOLE\n";
    mtl_error err;
    mtl_lexicon *lex = mtl_lexicon_parse(data, strlen(data), "t.txt", &err);
    CHECK(lex != NULL);
    size_t n;
    const mtl_lex_entry *e = mtl_lexicon_entries(lex, &n);
    CHECK_EQ(n, 8);
    CHECK_STR(e[0].text, "plain");
    CHECK_STR(e[0].section, "");
    CHECK_STR(e[1].text, "spaced entry");
    CHECK_STR(e[2].section, "share");
    CHECK_STR(e[4].text, "Partager");
    CHECK_STR(e[4].canonical, "Share");
    CHECK_STR(e[6].section, "reading-time");
    CHECK_EQ(e[6].line, 10);
    CHECK(mtl_lexicon_has(lex, "plain", 5));
    CHECK(!mtl_lexicon_has(lex, "Plain", 5));
    CHECK(mtl_lexicon_has_fold(lex, "PLAIN", 5));
    CHECK(mtl_lexicon_has_fold(lex, "spread THE love", 15));
    CHECK(mtl_lexicon_has_fold(lex, "école", strlen("école")));
    CHECK(!mtl_lexicon_has_fold(lex, "ecole", 5));
    const mtl_lex_entry *c = mtl_lexicon_get_fold(lex, "compartir", 9);
    CHECK(c && strcmp(c->canonical, "Share") == 0);
    mtl_lexicon_free(lex);

    /* a word filed under several sections is in each of them, and only
     * in those */
    {
        const char *multi = "[before-month]\nen\nsince\n[range]\nEn\n"
                            "[year-prep]\nen\n";
        mtl_lexicon *m = mtl_lexicon_parse(multi, strlen(multi), "m.txt",
                                           &err);
        CHECK(m != NULL);
        CHECK(mtl_lexicon_in_section(m, "en", 2, "before-month"));
        CHECK(mtl_lexicon_in_section(m, "EN", 2, "range"));
        CHECK(mtl_lexicon_in_section(m, "en", 2, "year-prep"));
        CHECK(!mtl_lexicon_in_section(m, "since", 5, "year-prep"));
        CHECK(!mtl_lexicon_in_section(m, "en", 2, "article"));
        CHECK(!mtl_lexicon_in_section(m, "at", 2, "range"));
        mtl_lexicon_free(m);
    }

    /* an entry longer than the lookup's stack buffer is still found,
     * exactly and case-folded (found by fuzzing) */
    {
        size_t big = 3000;
        char *text = malloc(big + 2), *upper = malloc(big + 1);
        for (size_t i = 0; i < big; i++) {
            text[i] = (char)('a' + i % 26);
            upper[i] = (char)('A' + i % 26);
        }
        text[big] = '\n';
        text[big + 1] = '\0';
        upper[big] = '\0';
        mtl_lexicon *lg = mtl_lexicon_parse(text, big + 1, "long.txt", &err);
        CHECK(lg != NULL);
        CHECK(lg && mtl_lexicon_has(lg, text, big));
        CHECK(lg && mtl_lexicon_get_fold(lg, text, big) != NULL);
        CHECK(lg && mtl_lexicon_get_fold(lg, upper, big) != NULL);
        mtl_lexicon_free(lg);
        free(text);
        free(upper);
    }

    /* errors name the file and line */
    const char *bad = "ok\n[unclosed\n";
    CHECK(mtl_lexicon_parse(bad, strlen(bad), "bad.txt", &err) == NULL);
    CHECK(strstr(err.message, "bad.txt:2") != NULL);
    const char *badutf = "ok\nfo\xff\n";
    CHECK(mtl_lexicon_parse(badutf, strlen(badutf), "u.txt", &err) == NULL);
    CHECK(strstr(err.message, "u.txt:2") != NULL);
    CHECK(mtl_lexicon_load("/nonexistent/x.txt", &err) == NULL);
    CHECK(err.status == MTL_EIO);

    /* folding helper */
    char out[64];
    CHECK_EQ(mtl_utf8_fold("Straße", strlen("Straße"), out, sizeof out),
             strlen("strasse"));
    CHECK_STR(out, "strasse");
    CHECK(mtl_utf8_fold("abcdef", 6, out, 4) == (size_t)-1);
    CHECK(mtl_utf8_fold("abc", 3, out, 4) == 3);
    CHECK(mtl_utf8_fold("abc", 3, out, 3) == (size_t)-1);
    CHECK_EQ(mtl_utf8_fold("\xE2\x84\xAA", 3, out, 2), 1); /* KELVIN SIGN */
    CHECK_STR(out, "k");

    test_fold_code_points();
    test_fold_invalid();
    test_fold_random();
    test_fold_limits();
    fprintf(stderr, "fold: %ld comparisons with the ICU reference, %ld "
            "different\n", fold_compared, fold_bad);
    CHECK(fold_compared > 4000000);
    mtl_lexicon_free(NULL);
    TEST_DONE();
}
