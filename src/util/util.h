/*
 * util.h - memory policy and small helpers shared by the library.
 *
 * Memory policy (chosen on purpose, as cmark does): small allocations go
 * through mtl_xmalloc and friends, which abort on out-of-memory; there is
 * no useful recovery from failing to allocate a few hundred bytes.  Large
 * allocations whose size comes from the input (documents, token arrays)
 * are checked against the engine's limits before they are made, so input
 * can never drive the process out of memory.
 */
#ifndef MTL_UTIL_H
#define MTL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *mtl_xmalloc(size_t n);
void *mtl_xcalloc(size_t n, size_t size);
/* mtl_xcalloc for a table that threads fill at random places: every page
 * is written once here, so that the table's first writes from several
 * threads do not each turn a shared zero page into a page of its own (a
 * fault that makes the kernel flush the other cores' TLBs). */
void *mtl_xcalloc_resident(size_t n, size_t size);
/* The same, NULL when out of memory. */
void *mtl_calloc_resident(size_t n, size_t size);
void *mtl_xrealloc(void *p, size_t n);
char *mtl_xstrdup(const char *s);
char *mtl_xstrndup(const char *s, size_t n);

/* Grows *arr (element size @p elem) so that it holds at least @p need
 * elements; *cap is updated.  Geometric growth. */
void mtl_grow(void **arr, size_t *cap, size_t need, size_t elem);

/* mtl_utf8_next (below, ASCII inline) past its ASCII test. */
int32_t mtl_utf8_next_multi(const char *s, size_t n, size_t *i);
/* Decodes the code point ending before s[*i] (moving *i back). */
int32_t mtl_utf8_prev(const char *s, size_t *i);
/* Encodes @p cp into out (4 bytes at least); returns its length. */
size_t mtl_utf8_encode(uint32_t cp, char *out);
/* Number of code points (an invalid byte counts as one). */
size_t mtl_utf8_count(const char *s, size_t n);

/* UTF-8 @p s (@p n bytes) without its combining marks ("Vinícius" ->
 * "Vinicius", "févr" -> "fevr": ICU's NFD, then the non-spacing marks
 * dropped; the Latin letters U+00C0..U+024F from a table made once from
 * it) into @p out, NUL-terminated.  Returns the length, or 0 when @p s is
 * not valid UTF-8, has 128 UTF-16 units or more, or the result does not
 * fit in @p cap - 1 bytes. */
size_t mtl_utf8_unaccent(const char *s, size_t n, char *out, size_t cap);
/* True if s[0..n) is valid UTF-8. */
bool mtl_utf8_valid(const char *s, size_t n);

/* Levenshtein distance of two UTF-8 strings by code points, capped at
 * @p max + 1 (returns max + 1 when larger).  Strings up to 64 code points. */
unsigned mtl_edit_distance(const char *a, size_t alen, const char *b,
                           size_t blen, unsigned max);
/* Damerau (optimal string alignment) variant: a swap costs one edit. */
unsigned mtl_edit_distance_osa(const char *a, size_t alen, const char *b,
                               size_t blen, unsigned max);

/* ASCII helpers that do not depend on the C locale. */
static inline bool mtl_is_ascii_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}
static inline bool mtl_is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool mtl_is_alnum_ascii(int c)
{
    return mtl_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline int mtl_ascii_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/*
 * Word-at-a-time helpers: eight bytes in a uint64_t, tested or changed
 * all at once.  The tests are exact for the word as a whole (no carries
 * between bytes for ASCII input).
 */
#define MTL_ONES8 0x0101010101010101ULL
#define MTL_HIGH8 0x8080808080808080ULL

static inline uint64_t
mtl_load8(const void *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint32_t
mtl_load4(const void *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* True if a byte of @p v equals @p b. */
static inline bool
mtl_has_byte8(uint64_t v, unsigned char b)
{
    uint64_t x = v ^ (MTL_ONES8 * b);
    return ((x - MTL_ONES8) & ~x & MTL_HIGH8) != 0;
}

/*
 * The bytes of @p v that do not go into a JSON string as they are (a
 * control character, '"', '\\' or a byte from 0x80), by their high bit.
 * On the low seven bits of a byte, adding 0x60 carries into the high bit
 * from 0x20 on, and adding 0x7F from 1 on (here: a byte other than the
 * one compared with), never into the next byte: each byte is judged
 * alone, so the lowest flag is the first such byte.
 */
static inline uint64_t
mtl_json_special8(uint64_t v)
{
    uint64_t t = v & (MTL_ONES8 * 0x7F);
    uint64_t ok = (t + MTL_ONES8 * 0x60) &
                  ((t ^ (MTL_ONES8 * '"')) + MTL_ONES8 * 0x7F) &
                  ((t ^ (MTL_ONES8 * '\\')) + MTL_ONES8 * 0x7F);
    return (v | ~ok) & MTL_HIGH8;
}

/* True if the eight bytes of @p v go into a JSON string as they are. */
static inline bool
mtl_json_plain8(uint64_t v)
{
    return mtl_json_special8(v) == 0;
}

/* Lower-cases eight ASCII bytes: adding 0x80 - 'A' to a byte below 0x80
 * sets its high bit from 'A' on, adding 0x80 - 'Z' - 1 from past 'Z'. */
static inline uint64_t
mtl_ascii_lower8(uint64_t v)
{
    uint64_t ge_a = v + MTL_ONES8 * (0x80 - 'A');
    uint64_t gt_z = v + MTL_ONES8 * (0x80 - 'Z' - 1);
    return v | ((ge_a & ~gt_z & MTL_HIGH8) >> 2);
}

static inline uint32_t
mtl_ascii_lower4(uint32_t v)
{
    return (uint32_t)mtl_ascii_lower8(v); /* the upper bytes stay 0 */
}

/* Whether the bytes of @p v under the high bits @p high (ASCII: no
 * carries between bytes) are all letters: lower-cased, at least 'a' and
 * not past 'z'. */
static inline bool
mtl_ascii_letters8(uint64_t v, uint64_t high)
{
    uint64_t w = v | MTL_ONES8 * 0x20;
    uint64_t ge_a = w + MTL_ONES8 * (0x80 - 'a');
    uint64_t gt_z = w + MTL_ONES8 * (0x80 - 'z' - 1);
    return (ge_a & ~gt_z & high) == high;
}

/* mtl_utf8_letters_only() for @p n > 0 bytes known to be ASCII (a token
 * with MTL_TF_ASCII): every byte A-Z or a-z, tested eight at a time (the
 * last eight, or two overlapping fours, or the three bytes first, middle
 * and last, overlap the rest). */
static inline bool
mtl_ascii_letters_only(const char *s, size_t n)
{
    uint64_t v, high = MTL_HIGH8;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8)
            if (!mtl_ascii_letters8(mtl_load8(s + i), MTL_HIGH8))
                return false;
        v = mtl_load8(s + n - 8);
    } else if (n >= 4) {
        v = mtl_load4(s) | (uint64_t)mtl_load4(s + n - 4) << 32;
    } else {
        v = (uint64_t)(unsigned char)s[0] |
            (uint64_t)(unsigned char)s[n / 2] << 8 |
            (uint64_t)(unsigned char)s[n - 1] << 16;
        high = 0x808080;
    }
    return mtl_ascii_letters8(v, high);
}

/* d[0..n) = s[0..n) lower-cased, for ASCII @p s, in blocks that may
 * overlap. */
static inline void
mtl_ascii_lower_copy(char *d, const char *s, size_t n)
{
    if (n >= 8) {
        for (size_t i = 0; i + 8 <= n; i += 8) {
            uint64_t v = mtl_ascii_lower8(mtl_load8(s + i));
            memcpy(d + i, &v, 8);
        }
        uint64_t v = mtl_ascii_lower8(mtl_load8(s + n - 8));
        memcpy(d + n - 8, &v, 8);
    } else if (n >= 4) {
        uint32_t a = mtl_ascii_lower4(mtl_load4(s));
        uint32_t b = mtl_ascii_lower4(mtl_load4(s + n - 4));
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    } else {
        for (size_t i = 0; i < n; i++)
            d[i] = (char)mtl_ascii_lower((unsigned char)s[i]);
    }
}

/* Decodes one code point at s[*i] (bounded by n, *i < n), advancing *i by
 * at least one byte.  Invalid sequences return -1 and advance one byte. */
static inline int32_t
mtl_utf8_next(const char *s, size_t n, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    return mtl_utf8_next_multi(s, n, i);
}

/* True if @p cp is white space (Unicode White_Space, incl. NBSP, plus
 * U+200B and U+FEFF); -1 (invalid) is not.  ASCII inline, the rest in
 * mtl_cp_is_space_multi. */
bool mtl_cp_is_space_multi(int32_t cp);
static inline bool
mtl_cp_is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && mtl_is_ascii_space(cp);
    return mtl_cp_is_space_multi(cp);
}

/* Letter case and letters (ICU's u_isupper || u_istitle, u_islower,
 * u_isalpha); -1 (invalid) is none.  In ASCII only A-Z and a-z are
 * letters or cased, which needs no ICU lookup: ASCII inline, the rest in
 * the _multi functions. */
bool mtl_cp_is_upper_multi(int32_t cp);
bool mtl_cp_is_lower_multi(int32_t cp);
bool mtl_cp_is_alpha_multi(int32_t cp);

static inline bool
mtl_cp_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return mtl_cp_is_upper_multi(cp);
}

static inline bool
mtl_cp_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return mtl_cp_is_lower_multi(cp);
}

static inline bool
mtl_cp_is_alpha(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
    return mtl_cp_is_alpha_multi(cp);
}

/* The reference implementation of mtl_utf8_fold (lexicon.h) through ICU
 * conversions; mtl_utf8_fold gives the same results faster.  Internal,
 * for the unit tests and invalid UTF-8. */
size_t mtl_utf8_fold_icu(const char *s, size_t len, char *out, size_t cap);

/* Lower-cases UTF-8 @p s (simple case mapping) into @p out, NUL-ended;
 * returns the length, or 0 when it does not fit or is not valid UTF-8. */
size_t mtl_utf8_lower(const char *s, size_t n, char *out, size_t cap);

/* True if @p s is not empty and every code point is a letter or a
 * combining mark. */
bool mtl_utf8_letters_only(const char *s, size_t n);

/* The bytes of an elided clitic at the start of @p s (@p n bytes): one to
 * four lower-case ASCII letters (the first may be a capital when
 * @p cap_first) and an apostrophe (' or ’), with more after it: "l'",
 * "dell’", "Qu'".  0 when there is none. */
size_t mtl_elided_clitic(const char *s, size_t n, bool cap_first);

/* Reads a whole file into a new buffer (NUL-terminated, freed with
 * free()).  Returns 0, or an errno value. */
int mtl_read_file(const char *path, char **data, size_t *len);

/* Parses "YYYY-MM-DD" into year*10000+month*100+day, checking the
 * calendar; 0 when malformed or not a real date. */
int32_t mtl_parse_date(const char *s);

#endif
