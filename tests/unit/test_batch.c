/*
 * test_batch.c - the batch context: fixed-size tables (counts and pairs),
 * line statistics observed through the public API, bounded memory.
 *
 * mtl_normalise_line is compared with a copy of its former implementation
 * (ref_normalise_line below, with copies of the former mtl_utf8_next and
 * mtl_cp_is_space, folding with the ICU reference mtl_utf8_fold_icu): on
 * every short string over a small alphabet, random lines, lines near the
 * 4096-byte limit and the lines of /tmp/b200_20.jsonl when that file is
 * there.  mtl_utf8_next, mtl_cp_is_space and mtl_utf8_letters_only are
 * compared with their former versions too.
 *
 * The count table and the language memo, which threads use without a
 * lock, are filled by several threads at once and must hold every count
 * and every answer.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unicode/uchar.h>

#include "batch.h"
#include "mtlint.h"
#include "test.h"
#include "util/util.h"

/* ------------------------------------------- the former implementations */

static int32_t
ref_utf8_next(const char *str, size_t n, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned char c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return c;
    }
    int need;
    int32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1; cp = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; cp = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; cp = c & 0x07; min = 0x10000;
    } else {
        *i = p + 1;
        return -1;
    }
    for (int k = 1; k <= need; k++) {
        if (p + (size_t)k >= n || (s[p + k] & 0xC0) != 0x80) {
            *i = p + 1;
            return -1;
        }
        cp = (cp << 6) | (s[p + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = p + 1;
        return -1;
    }
    *i = p + (size_t)need + 1;
    return cp;
}

static bool
ref_cp_is_space(int32_t cp)
{
    if (cp < 0)
        return false;
    if (cp < 0x80)
        return mtl_is_ascii_space(cp);
    return u_isUWhiteSpace(cp) || cp == 0x200B || cp == 0xFEFF;
}

static bool
ref_letters_only(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int32_t cp = ref_utf8_next(s, n, &i);
        if (cp < 0)
            return false;
        if (!u_isalpha(cp) && !(U_GET_GC_MASK(cp) & U_GC_M_MASK))
            return false;
    }
    return n > 0;
}

static size_t
ref_normalise_line(const char *s, size_t len, char *out, size_t cap)
{
    char tmp[4096];
    size_t o = 0, i = 0;
    bool space = false;
    while (i < len) {
        size_t st = i;
        int32_t cp = ref_utf8_next(s, len, &i);
        if (ref_cp_is_space(cp)) {
            space = o > 0;
            continue;
        }
        if (o + (i - st) + 2 >= sizeof tmp)
            return (size_t)-1;
        if (space) {
            tmp[o++] = ' ';
            space = false;
        }
        memcpy(tmp + o, s + st, i - st);
        o += i - st;
    }
    /* drop trailing punctuation and spaces */
    while (o > 0) {
        unsigned char c = (unsigned char)tmp[o - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
            c == '?' || c == ' ')
            o--;
        else
            break;
    }
    return mtl_utf8_fold_icu(tmp, o, out, cap);
}

/* ------------------------------------------------------- comparisons */

static long nl_compared, nl_bad;
static char nl_a[8192 + 16], nl_b[8192 + 16];

static void
nl_same(const char *what, const char *s, size_t len, size_t cap)
{
    memset(nl_a, 0x5A, sizeof nl_a);
    memset(nl_b, 0x5A, sizeof nl_b);
    size_t ra = mtl_normalise_line(s, len, nl_a, cap);
    size_t rb = ref_normalise_line(s, len, nl_b, cap);
    nl_compared++;
    bool bad = ra != rb ||
               (ra != (size_t)-1 && memcmp(nl_a, nl_b, ra + 1) != 0);
    for (size_t g = cap; g < cap + 16 && !bad; g++)
        bad = nl_a[g] != 0x5A;
    if (bad && ++nl_bad <= 12) {
        fprintf(stderr, "normalise mismatch (%s): len %zu cap %zu, new %lld, "
                "old %lld, input", what, len, cap, (long long)ra,
                (long long)rb);
        for (size_t i = 0; i < len && i < 40; i++)
            fprintf(stderr, " %02X", (unsigned char)s[i]);
        fprintf(stderr, len > 40 ? " ...\n" : "\n");
    }
}

static uint64_t nl_rng = 0x2545F4914F6CDD1DULL;
static uint32_t
nl_rand(void)
{
    return test_rand(&nl_rng);
}

/* A line that ends where its buffer ends, its last eight bytes a block
 * that starts with a space: the block is copied from the byte after the
 * space, and must not read past the end (the sanitizer build sees it). */
static void
test_normalise_at_end(void)
{
    for (size_t len = 8; len <= 24; len++) {
        char *s = malloc(len);
        CHECK(s != NULL);
        if (!s)
            return;
        for (size_t k = 0; k < len; k++)
            s[k] = (char)('a' + k % 26);
        s[len - 8] = ' ';
        char out[64];
        size_t n = mtl_normalise_line(s, len, out, sizeof out);
        CHECK_EQ(n, len == 8 ? 7 : len); /* a leading space goes */
        free(s);
    }
}

/* Every string of up to 10 symbols over {a, space, tab, .}, and of up
 * to 6 over a wider set, with and without text before. */
static void
test_normalise_small(void)
{
    long before = nl_bad;
    static const char small[] = {'a', ' ', '\t', '.'};
    char s[32];
    for (size_t n = 0; n <= 10; n++) {
        size_t total = 1;
        for (size_t k = 0; k < n; k++)
            total *= 4;
        for (size_t v = 0; v < total; v++) {
            size_t x = v;
            for (size_t k = 0; k < n; k++, x /= 4)
                s[k] = small[x % 4];
            nl_same("small", s, n, 4096);
        }
    }
    static const char *const wide[] = {"B", " ", "\n", "!", "\x1F", "\xC2\xA0",
                                       "\xE3\x80\x80", "\xC3\x89", "\xFF"};
    enum { NW = sizeof wide / sizeof *wide };
    for (size_t n = 0; n <= 6; n++) {
        size_t total = 1;
        for (size_t k = 0; k < n; k++)
            total *= NW;
        for (size_t v = 0; v < total; v++) {
            size_t x = v, len = 3;
            memcpy(s, "Xy ", 3);
            for (size_t k = 0; k < n; k++, x /= NW) {
                size_t pl = strlen(wide[x % NW]);
                memcpy(s + len, wide[x % NW], pl);
                len += pl;
            }
            nl_same("wide", s + 3, len - 3, 4096);
            nl_same("wide after text", s, len, 4096);
        }
    }
    CHECK_EQ(nl_bad - before, 0);
}

static const char *const nl_pieces[] = {
    "word", "The", "QUICK", "a", "xy", "longerwordhere", " ", " ", " ", "  ",
    "\t", "\n", "\r\n", "\v", "\f", " \t ", ".", ",", ";", ":", "!", "?",
    "...", "-", "'", "\"", "(", "\x01", "\x1C", "\x7F",
    "\xC2\xA0" /* NBSP */, "\xC2\x85" /* NEL */, "\xE1\x9A\x80",
    "\xE2\x80\x83", "\xE2\x80\x8B" /* ZWSP */, "\xE2\x80\xAF",
    "\xE3\x80\x80", "\xEF\xBB\xBF" /* BOM */, "\xE2\x80\x99",
    "\xC3\xA9t\xC3\xA9", "Stra\xC3\x9F" "e", "\xCE\x90", "\xE2\x84\xAA",
    "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", "\xE4\xB8\xAD",
    "\xF0\x9F\x98\x80", "\xF0\x90\x90\x80",
    "\x80", "\xFF", "\xC3", "\xE2\x80", "\xED\xA0\x80", "\xC0\xAF",
};

static size_t
nl_piece(char *out, bool ascii)
{
    size_t np = sizeof nl_pieces / sizeof *nl_pieces;
    for (;;) {
        const char *p = nl_pieces[nl_rand() % np];
        if (ascii && (unsigned char)p[0] >= 0x80)
            continue;
        size_t n = strlen(p);
        memcpy(out, p, n);
        return n;
    }
}

static void
test_normalise_random(void)
{
    long before = nl_bad;
    char *s = malloc(12000);
    for (int round = 0; round < 60000; round++) {
        size_t target;
        switch (nl_rand() % 4) {
        case 0: target = nl_rand() % 20; break;
        case 1: target = nl_rand() % 300; break;
        case 2: target = nl_rand() % 5000; break;
        default: target = 4080 + nl_rand() % 40; break; /* the limit */
        }
        bool ascii = nl_rand() % 3 == 0;
        size_t n = 0;
        while (n < target)
            n += nl_piece(s + n, ascii);
        size_t cap = nl_rand() % 3 ? 4096 : nl_rand() % (n + 8);
        nl_same("random", s, n, cap);
    }
    /* around the limit: plain words, then the last bytes varied */
    for (size_t n = 4070; n < 4110; n++) {
        for (int tail = 0; tail < 8; tail++) {
            for (size_t k = 0; k < n; k++)
                s[k] = (k % 6 == 5) ? ' ' : (char)('a' + k % 26);
            static const char *const ends[] = {" ", "  x", ".", "\xC3\xA9",
                                               "\xE2\x80\x99", "\t\t",
                                               "\xF0\x9F\x98\x80", "\xFF"};
            size_t el = strlen(ends[tail]);
            memcpy(s + n - el, ends[tail], el);
            nl_same("limit", s, n, 4096);
            s[0] = ' ';
            nl_same("limit", s, n, 4096);
            nl_same("limit", s, n, n - n / 3);
        }
    }
    free(s);
    CHECK_EQ(nl_bad - before, 0);
}

/* Lines that fold longer than they are (U+0390 gives three code points),
 * after ASCII runs of every length: mtl_normalise_line must keep the
 * limit mtl_utf8_fold sets on whole strings of at most 200 bytes whose
 * folded form is over 256 UTF-16 units, and the room test. */
static void
test_normalise_expanding(void)
{
    long before = nl_bad;
    char s[600];
    for (size_t ascii = 0; ascii <= 80; ascii += 1) {
        for (size_t n = 0; n <= 130; n += 1) {
            size_t len = 0;
            for (size_t k = 0; k < ascii; k++)
                s[len++] = k % 7 == 6 ? ' ' : (char)('A' + k % 26);
            for (size_t k = 0; k < n; k++) {
                memcpy(s + len, k % 9 == 8 ? "\xC3\x89" : "\xCE\x90", 2);
                len += 2;
            }
            nl_same("expanding", s, len, 4096);
            nl_same("expanding", s, len, len + 1);
            nl_same("expanding", s, len, ascii + 1);
            nl_same("expanding", s, len, ascii + 2 * n + 1);
            nl_same("expanding", s, len, ascii + 6 * n);
        }
    }
    CHECK_EQ(nl_bad - before, 0);
}

/* Every code point of the planes in use (all white space is below
 * U+10000) alone, between letters, doubled, after ASCII text and twice
 * at each offset of an eight-byte block: mtl_normalise_line decodes only
 * after the lead bytes that white space can start with, and copies
 * blocks with no such byte as they are. */
static void
test_normalise_every_cp(void)
{
    long before = nl_bad;
    for (uint32_t cp = 1; cp < 0x30000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char e[4], s[40];
        size_t k = 0;
        if (cp < 0x80) {
            e[k++] = (char)cp;
        } else if (cp < 0x800) {
            e[k++] = (char)(0xC0 | cp >> 6);
            e[k++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            e[k++] = (char)(0xE0 | cp >> 12);
            e[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            e[k++] = (char)(0x80 | (cp & 0x3F));
        } else {
            e[k++] = (char)(0xF0 | cp >> 18);
            e[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            e[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            e[k++] = (char)(0x80 | (cp & 0x3F));
        }
        nl_same("code point", e, k, 4096);
        memcpy(s, "a", 1);
        memcpy(s + 1, e, k);
        memcpy(s + 1 + k, "b", 1);
        nl_same("code point", s, k + 2, 4096);
        memcpy(s + 1 + k, e, k);
        memcpy(s + 1 + 2 * k, "b", 1);
        nl_same("code point", s, 2 * k + 2, 4096);
        memcpy(s, "Some text ", 10);
        memcpy(s + 10, e, k);
        memcpy(s + 10 + k, " more text", 10);
        nl_same("code point", s, k + 20, 4096);
        /* twice, at every offset in the eight-byte blocks */
        size_t r = cp % 8, n = 0;
        for (; n < r; n++)
            s[n] = (char)('a' + n);
        memcpy(s + n, e, k);
        memcpy(s + n + k, e, k);
        n += 2 * k;
        memcpy(s + n, "xyzzy plugh", 11);
        nl_same("code point", s, n + 11, 4096);
    }
    CHECK_EQ(nl_bad - before, 0);
}

/* mtl_norm_line and mtl_norm_part: of random lines over nl_pieces, cut
 * at code points chosen at random, every part between two cuts is
 * mtl_normalise_line of its bytes alone, and the whole the line's; a cut
 * between two code points always has its offset (on the careful path of
 * lines near the limit, none has). */
static void
test_normalise_parts(void)
{
    long bad = 0, parts = 0;
    char *s = malloc(12000);
    static mtl_norm nm;
    char a_out[4096 + 16], b_out[4096 + 16];
    for (int round = 0; round < 6000; round++) {
        size_t target;
        switch (nl_rand() % 4) {
        case 0: target = nl_rand() % 30; break;
        case 1: target = nl_rand() % 300; break;
        case 2: target = nl_rand() % 3000; break;
        default: target = 4080 + nl_rand() % 40; break;
        }
        bool ascii = nl_rand() % 3 == 0;
        size_t n = 0;
        while (n < target)
            n += nl_piece(s + n, ascii);
        /* the code point boundaries, as the normaliser decodes */
        size_t bounds[64], nb = 0;
        for (size_t i = 0; i < n;) {
            if (nb < 64 && nl_rand() % 8 == 0)
                bounds[nb++] = i;
            ref_utf8_next(s, n, &i);
        }
        if (nb < 64 && nl_rand() % 2)
            bounds[nb++] = n;
        size_t at[64];
        size_t len = mtl_norm_line(&nm, s, n, bounds, nb, at);
        size_t ra = len == (size_t)-1 ? len
                                      : mtl_norm_part(&nm, 0, len, a_out,
                                                      sizeof a_out);
        size_t rb = mtl_normalise_line(s, n, b_out, sizeof b_out);
        if (ra != rb || (ra != (size_t)-1 && memcmp(a_out, b_out, ra) != 0))
            bad++;
        if (len == (size_t)-1)
            continue;
        bool careful = n + 2 >= MTL_NORM_TMP;
        for (size_t x = 0; x < nb; x++) {
            if ((at[x] == SIZE_MAX) != careful)
                bad++;
            for (size_t y = x; y < nb && y < x + 12 && !careful; y++) {
                ra = mtl_norm_part(&nm, at[x], at[y], a_out, sizeof a_out);
                rb = mtl_normalise_line(s + bounds[x], bounds[y] - bounds[x],
                                        b_out, sizeof b_out);
                parts++;
                if (ra != rb ||
                    (ra != (size_t)-1 && memcmp(a_out, b_out, ra) != 0)) {
                    if (++bad <= 12)
                        fprintf(stderr, "part mismatch: line of %zu bytes, "
                                "[%zu, %zu): %lld, alone %lld\n", n,
                                bounds[x], bounds[y], (long long)ra,
                                (long long)rb);
                }
            }
        }
    }
    free(s);
    fprintf(stderr, "normalise: %ld parts\n", parts);
    CHECK(parts > 0);
    CHECK_EQ(bad, 0);
}

/* The lines of a real batch, when /tmp/b200_20.jsonl is there. */
static void
test_normalise_real(void)
{
    FILE *f = fopen("/tmp/b200_20.jsonl", "r");
    if (!f)
        return;
    long before = nl_bad, lines = 0;
    char *rec = NULL;
    size_t rcap = 0;
    ssize_t rn;
    while ((rn = getline(&rec, &rcap, f)) > 0) {
        json_t *j = json_loadb(rec, (size_t)rn, 0, NULL);
        json_t *t = j ? json_object_get(j, "text") : NULL;
        if (json_is_string(t)) {
            const char *text = json_string_value(t);
            size_t tl = json_string_length(t), st = 0;
            for (size_t k = 0; k <= tl; k++) {
                if (k == tl || text[k] == '\n') {
                    nl_same("real", text + st, k - st, 4096);
                    lines++;
                    st = k + 1;
                }
            }
        }
        json_decref(j);
    }
    free(rec);
    fclose(f);
    fprintf(stderr, "normalise: %ld real lines\n", lines);
    CHECK(lines > 0);
    CHECK_EQ(nl_bad - before, 0);
}

static void
test_utf8_helpers(void)
{
    /* mtl_utf8_next: every sequence of up to three bytes, cut anywhere */
    long bad = 0;
    unsigned char b[4];
    for (uint32_t v = 0; v < (1u << 24); v++) {
        b[0] = (unsigned char)(v >> 16);
        b[1] = (unsigned char)(v >> 8);
        b[2] = (unsigned char)v;
        for (size_t n = 1; n <= 3; n++) {
            if (n < 3 && (v & ((1u << (8 * (3 - n))) - 1)) != 0)
                continue; /* shorter inputs: once each */
            size_t i1 = 0, i2 = 0;
            int32_t c1 = mtl_utf8_next((const char *)b, n, &i1);
            int32_t c2 = ref_utf8_next((const char *)b, n, &i2);
            bad += c1 != c2 || i1 != i2;
        }
    }
    static const unsigned char cont[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                         0x9F, 0xA0, 0xBF, 0xC0, 0xF4, 0xFF};
    for (unsigned a = 0xE0; a < 256; a++)
        for (unsigned x = 0x70; x < 0xD0; x++)
            for (size_t y = 0; y < sizeof cont; y++)
                for (size_t z = 0; z < sizeof cont; z++)
                    for (size_t n = 1; n <= 4; n++) {
                        b[0] = (unsigned char)a;
                        b[1] = (unsigned char)x;
                        b[2] = cont[y];
                        b[3] = cont[z];
                        size_t i1 = 0, i2 = 0;
                        int32_t c1 = mtl_utf8_next((const char *)b, n, &i1);
                        int32_t c2 = ref_utf8_next((const char *)b, n, &i2);
                        bad += c1 != c2 || i1 != i2;
                    }
    /* every valid code point, mid-buffer */
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        char e[8] = "x";
        size_t n = 1 + mtl_utf8_encode(cp, e + 1);
        e[n] = 'y';
        size_t i1 = 1, i2 = 1;
        int32_t c1 = mtl_utf8_next(e, n + 1, &i1);
        int32_t c2 = ref_utf8_next(e, n + 1, &i2);
        bad += c1 != c2 || i1 != i2;
    }
    CHECK_EQ(bad, 0);

    /* mtl_cp_is_space: every value */
    bad = 0;
    for (int32_t cp = -2; cp <= 0x110001; cp++)
        bad += mtl_cp_is_space(cp) != ref_cp_is_space(cp);
    CHECK_EQ(bad, 0);

    /* mtl_utf8_letters_only: every byte string of up to 3 bytes (a sample
     * of the third), every code point alone and after letters, and random
     * words */
    bad = 0;
    for (uint32_t v = 0; v < (1u << 16); v++) {
        char s[3] = {(char)(v >> 8), (char)v, 'k'};
        bad += mtl_utf8_letters_only(s, 2) != ref_letters_only(s, 2);
        bad += mtl_utf8_letters_only(s, 3) != ref_letters_only(s, 3);
        bad += mtl_utf8_letters_only(s + 1, 1) != ref_letters_only(s + 1, 1);
    }
    bad += mtl_utf8_letters_only("", 0) != ref_letters_only("", 0);
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char s[16] = "Word";
        size_t e = mtl_utf8_encode(cp, s + 4);
        bad += mtl_utf8_letters_only(s + 4, e) != ref_letters_only(s + 4, e);
        bad += mtl_utf8_letters_only(s, 4 + e) != ref_letters_only(s, 4 + e);
        memcpy(s + 4 + e, "abcd", 4);
        bad += mtl_utf8_letters_only(s, 8 + e) != ref_letters_only(s, 8 + e);
    }
    static const char *const lp[] = {"a", "Z", "m", "@", "[", "`", "{", "1",
                                     " ", "\xC3\xA9", "\xCC\x81", "\xFF",
                                     "\xE4\xB8\xAD", "-", "\x80"};
    enum { NL = sizeof lp / sizeof *lp };
    for (int round = 0; round < 300000; round++) {
        char s[64];
        size_t n = 0, want = nl_rand() % 14;
        for (size_t k = 0; k < want; k++) {
            /* mostly letters, so that the word-at-a-time path runs */
            const char *p = nl_rand() % 4 ? lp[nl_rand() % 3]
                                          : lp[nl_rand() % NL];
            size_t pl = strlen(p);
            memcpy(s + n, p, pl);
            n += pl;
        }
        bad += mtl_utf8_letters_only(s, n) != ref_letters_only(s, n);
    }
    CHECK_EQ(bad, 0);

    /* mtl_ascii_letters_only (ASCII tokens): every ASCII byte at every
     * position of letter strings of 1 to 17 bytes, and random ASCII */
    bad = 0;
    for (size_t n = 1; n <= 17; n++) {
        for (size_t at = 0; at < n; at++) {
            for (int byte = 0; byte < 128; byte++) {
                char s[24];
                for (size_t k = 0; k < n; k++)
                    s[k] = (char)((k & 1 ? 'a' : 'Z') - (k % 3));
                s[at] = (char)byte;
                bad += mtl_ascii_letters_only(s, n) !=
                       ref_letters_only(s, n);
            }
        }
    }
    for (int round = 0; round < 300000; round++) {
        char s[40];
        size_t n = 1 + nl_rand() % 39;
        for (size_t k = 0; k < n; k++)
            s[k] = (char)(nl_rand() % 8 ? 'A' + nl_rand() % 58
                                         : nl_rand() % 128);
        bad += mtl_ascii_letters_only(s, n) != ref_letters_only(s, n);
    }
    CHECK_EQ(bad, 0);
}

/* ----------------------------------------- several threads at once */

#define TH_THREADS 4
#define TH_KEYS 600   /* below three quarters of the 1,024 slots */
#define TH_ROUNDS 50

typedef struct th_arg {
    mtl_batch *b;
    int id;
    int wrong; /* memo answers that were not the ones put */
} th_arg;

static void *
th_fill(void *p)
{
    th_arg *a = p;
    static const char *const codes[] = { "en", "fr", "de", "es" };
    for (int r = 0; r < TH_ROUNDS; r++) {
        /* every thread adds every key once a round, in its own order */
        for (uint64_t k = 0; k < TH_KEYS; k++) {
            uint64_t key = (k * 7 + (uint64_t)a->id * 151) % TH_KEYS + 1;
            mtl_batch_count_add(a->b, 11, key);
        }
        /* the memo: each thread puts its own keys and reads everyone's */
        for (uint64_t k = 1; k <= 40; k++) {
            uint64_t key = (uint64_t)a->id << 32 | (uint32_t)(k * 0x9E3779B9u);
            mtl_batch_langid_put(a->b, key, codes[a->id % 4],
                                 (double)k / 100);
            for (int o = 0; o < TH_THREADS; o++) {
                char code[16];
                double conf;
                uint64_t ok = (uint64_t)o << 32 | (uint32_t)(k * 0x9E3779B9u);
                if (mtl_batch_langid_get(a->b, ok, code, sizeof code,
                                         &conf) &&
                    (strcmp(code, codes[o % 4]) != 0 ||
                     conf != (double)k / 100)) {
                    a->wrong++;
                }
            }
        }
    }
    return NULL;
}

static void
test_threads(mtl_engine *e)
{
    mtl_error err;
    mtl_batch_options bo = {.table_slots = 1024};
    mtl_batch *b = mtl_batch_new(e, &bo, &err);
    CHECK(b != NULL);
    pthread_t tid[TH_THREADS];
    th_arg arg[TH_THREADS];
    for (int i = 0; i < TH_THREADS; i++) {
        arg[i] = (th_arg){ .b = b, .id = i };
        CHECK_EQ(pthread_create(&tid[i], NULL, th_fill, &arg[i]), 0);
    }
    for (int i = 0; i < TH_THREADS; i++)
        pthread_join(tid[i], NULL);
    int wrong = 0;
    for (int i = 0; i < TH_THREADS; i++)
        wrong += arg[i].wrong;
    CHECK_EQ(wrong, 0);
    unsigned bad = 0;
    for (uint64_t k = 1; k <= TH_KEYS; k++)
        bad += mtl_batch_count_get(b, 11, k) != TH_THREADS * TH_ROUNDS;
    CHECK_EQ(bad, 0);
    CHECK_EQ(mtl_batch_count_get(b, 11, TH_KEYS + 1), 0);
    for (int i = 0; i < TH_THREADS; i++) {
        char code[16];
        double conf;
        for (uint64_t k = 1; k <= 40; k++) {
            uint64_t key = (uint64_t)i << 32 | (uint32_t)(k * 0x9E3779B9u);
            CHECK(mtl_batch_langid_get(b, key, code, sizeof code, &conf));
        }
    }
    mtl_batch_free(b);
}

static int
collect(void *user, const char *val, size_t vlen, unsigned docs)
{
    char *buf = user;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*s=%u;", (int)vlen, val, docs);
    strcat(buf, tmp);
    return 0;
}

int
main(void)
{
    mtl_options o = mtl_options_default();
    mtl_error err;
    mtl_engine *e = mtl_engine_new(&o, &err);
    if (!e) {
        fprintf(stderr, "engine: %s\n", err.message);
        return 1;
    }
    mtl_batch_options bo = {.table_slots = 1024, .min_documents = 2};
    mtl_batch *b = mtl_batch_new(e, &bo, &err);
    CHECK(b != NULL);
    CHECK_EQ(mtl_batch_min_documents(b), 2);

    /* the trivial statistic: documents per normalised line */
    const char *d1 = "Share this article\n\nThe port reopened on Monday.\n";
    const char *d2 = "SHARE   this article.\n\nTrains ran late again.\n"
                     "Share this article\n";
    const char *d3 = "Nothing in common here.\n";
    CHECK_EQ(mtl_batch_observe(b, d1, strlen(d1), NULL), MTL_OK);
    CHECK_EQ(mtl_batch_observe(b, d2, strlen(d2), NULL), MTL_OK);
    CHECK_EQ(mtl_batch_observe(b, d3, strlen(d3), NULL), MTL_OK);
    CHECK_EQ(mtl_batch_documents(b), 3);
    /* counted once per document, normalised for case, spaces, final dot */
    CHECK_EQ(mtl_batch_line_documents(b, "share this ARTICLE", 18), 2);
    CHECK_EQ(mtl_batch_line_documents(b, "Trains ran late again", 21), 1);
    CHECK_EQ(mtl_batch_line_documents(b, "never seen", 10), 0);

    /* counts and pairs */
    mtl_batch_count_add(b, 7, 42);
    mtl_batch_count_add(b, 7, 42);
    CHECK_EQ(mtl_batch_count_get(b, 7, 42), 2);
    CHECK_EQ(mtl_batch_count_get(b, 8, 42), 0);
    mtl_batch_pair_add(b, 2, "Christopher", 11, "Wray", 4);
    mtl_batch_pair_add(b, 2, "Christopher", 11, "Wray", 4);
    mtl_batch_pair_add(b, 2, "Christopher", 11, "Ray", 3);
    char buf[256] = "";
    mtl_batch_pair_each(b, 2, "Christopher", 11, collect, buf);
    CHECK(strstr(buf, "Wray=2;") != NULL);
    CHECK(strstr(buf, "Ray=1;") != NULL);
    buf[0] = '\0';
    mtl_batch_pair_each(b, 3, "Christopher", 11, collect, buf);
    CHECK_STR(buf, "");

    /* bounded: filling far past the table size neither grows nor crashes */
    for (uint64_t k = 1; k < 100000; k++)
        mtl_batch_count_add(b, 9, k);
    unsigned found = 0;
    for (uint64_t k = 1; k < 100000; k++)
        found += mtl_batch_count_get(b, 9, k) ? 1 : 0;
    CHECK(found > 0 && found < 2000);
    for (int i = 0; i < 5000; i++) {
        char k[16], v[16];
        snprintf(k, sizeof k, "k%d", i);
        snprintf(v, sizeof v, "v%d", i);
        mtl_batch_pair_add(b, 2, k, strlen(k), v, strlen(v));
    }
    /* earlier pairs are still there */
    buf[0] = '\0';
    mtl_batch_pair_each(b, 2, "Christopher", 11, collect, buf);
    CHECK(strstr(buf, "Wray=2;") != NULL);

    mtl_batch_free(b);
    mtl_batch_free(NULL);
    test_threads(e);
    mtl_engine_free(e);

    /* mtl_normalise_line and the UTF-8 helpers against their former
     * implementations */
    char nb[64];
    CHECK_EQ(mtl_normalise_line("  Share\t this \xC2\xA0" "ARTICLE .!", 26, nb,
                                sizeof nb), 18);
    CHECK_STR(nb, "share this article");
    test_utf8_helpers();
    test_normalise_small();
    test_normalise_at_end();
    test_normalise_random();
    test_normalise_expanding();
    test_normalise_every_cp();
    test_normalise_parts();
    test_normalise_real();
    fprintf(stderr, "normalise: %ld comparisons with the former version, "
            "%ld different\n", nl_compared, nl_bad);
    TEST_DONE();
}
