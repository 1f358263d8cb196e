/*
 * utf8.c - allocation wrappers, UTF-8 decoding, edit distances and date
 * parsing shared by the library.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <pthread.h>
#include <stdbool.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "util.h"

#define MTL_HUGE_PAGE ((size_t)2 << 20)

static void
mtl_oom(void)
{
    /* The one place the library stops the process: see util.h. */
    abort();
}

void *
mtl_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        mtl_oom();
    return p;
}

void *
mtl_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        mtl_oom();
    return p;
}

void *
mtl_calloc_resident(size_t n, size_t size)
{
    if (n && size > SIZE_MAX / n)
        return NULL;
    size_t bytes = (n ? n : 1) * (size ? size : 1);
    if (bytes < MTL_HUGE_PAGE) {
        volatile unsigned char *p = calloc(1, bytes);
        /* zeros on zeros: only the write matters; 4 KiB is the smallest
         * page size */
        for (size_t i = 0; p && i < bytes; i += 4096)
            p[i] = 0;
        return (void *)p;
    }
    /* A table of megabytes (the batch's, a few of them): aligned to 2 MiB
     * and, where the kernel makes transparent huge pages on request
     * (/sys/kernel/mm/transparent_hugepage/enabled: madvise or always), in
     * huge pages: 8 page faults for 16 MB instead of 4,096, and fewer TLB
     * misses on the random reads that follow.  Still freed with free(). */
    void *p;
    if (posix_memalign(&p, MTL_HUGE_PAGE, bytes) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    size_t whole = bytes & ~(size_t)(MTL_HUGE_PAGE - 1);
    if (whole)
        madvise(p, whole, MADV_HUGEPAGE); /* a hint: failure is harmless */
#endif
    memset(p, 0, bytes); /* zeros, and every page written */
    return p;
}

void *
mtl_xcalloc_resident(size_t n, size_t size)
{
    void *p = mtl_calloc_resident(n, size);
    if (!p)
        mtl_oom();
    return p;
}

void *
mtl_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        mtl_oom();
    return q;
}

char *
mtl_xstrdup(const char *s)
{
    return s ? mtl_xstrndup(s, strlen(s)) : NULL;
}

char *
mtl_xstrndup(const char *s, size_t n)
{
    char *d = mtl_xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void
mtl_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    *arr = mtl_xrealloc(*arr, c * elem);
    *cap = c;
}

int32_t
mtl_utf8_next_multi(const char *str, size_t n, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return (int32_t)c;
    }
    size_t left = n - p - 1; /* bytes after the lead */
    if (c >= 0xC2 && c <= 0xDF) {
        if (left >= 1 && (s[p + 1] & 0xC0) == 0x80) {
            *i = p + 2;
            return (int32_t)(((c & 0x1Fu) << 6) | (s[p + 1] & 0x3Fu));
        }
    } else if (c >= 0xE0 && c <= 0xEF) {
        if (left >= 2 && (s[p + 1] & 0xC0) == 0x80 &&
            (s[p + 2] & 0xC0) == 0x80) {
            int32_t cp = (int32_t)(((c & 0x0Fu) << 12) |
                                   ((s[p + 1] & 0x3Fu) << 6) |
                                   (s[p + 2] & 0x3Fu));
            if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
                *i = p + 3;
                return cp;
            }
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        if (left >= 3 && (s[p + 1] & 0xC0) == 0x80 &&
            (s[p + 2] & 0xC0) == 0x80 && (s[p + 3] & 0xC0) == 0x80) {
            int32_t cp = (int32_t)(((c & 0x07u) << 18) |
                                   ((s[p + 1] & 0x3Fu) << 12) |
                                   ((s[p + 2] & 0x3Fu) << 6) |
                                   (s[p + 3] & 0x3Fu));
            if (cp >= 0x10000 && cp <= 0x10FFFF) {
                *i = p + 4;
                return cp;
            }
        }
    }
    /* invalid: one byte */
    *i = p + 1;
    return -1;
}

int32_t
mtl_utf8_prev(const char *str, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    if (p == 0)
        return -1;
    size_t q = p - 1;
    int back = 0;
    while (q > 0 && back < 3 && (s[q] & 0xC0) == 0x80) {
        q--;
        back++;
    }
    size_t j = q;
    int32_t cp = mtl_utf8_next(str, p, &j);
    if (j != p) {
        *i = p - 1;
        return -1;
    }
    *i = q;
    return cp;
}

size_t
mtl_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t
mtl_utf8_count(const char *s, size_t n)
{
    size_t i = 0, count = 0;
    while (i < n) {
        /* ASCII eight bytes at a time: one code point each */
        if (n - i >= 8 && !(mtl_load8(s + i) & MTL_HIGH8)) {
            i += 8;
            count += 8;
            continue;
        }
        if ((unsigned char)s[i] < 0x80)
            i++;
        else
            mtl_utf8_next(s, n, &i);
        count++;
    }
    return count;
}

bool
mtl_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        if (mtl_utf8_next(s, n, &i) < 0)
            return false;
    }
    return true;
}

static size_t
mtl_decode_all(const char *s, size_t n, int32_t *out, size_t cap)
{
    size_t i = 0, k = 0;
    while (i < n && k < cap)
        out[k++] = mtl_utf8_next(s, n, &i);
    return k;
}

static unsigned
mtl_edit_impl(const char *a, size_t alen, const char *b, size_t blen,
              unsigned max, bool swaps)
{
    int32_t x[65], y[65];
    size_t m = mtl_decode_all(a, alen, x, 65);
    size_t n = mtl_decode_all(b, blen, y, 65);
    if (m > 64 || n > 64)
        return max + 1;
    size_t diff = m > n ? m - n : n - m;
    if (diff > max)
        return max + 1;
    /* Only the band of cells |i - j| <= max is computed: a cell holds
     * at least |i - j|, so one outside is over max, and so is every value
     * made from it; a cell of at most max comes from such cells only, all
     * in the band.  The cells on either side of a row's band hold max + 1
     * for the next row (and this one) to read. */
    unsigned d[65][65];
    for (size_t i = 0; i <= m; i++)
        d[i][0] = (unsigned)i;
    for (size_t j = 0; j <= n; j++)
        d[0][j] = (unsigned)j;
    for (size_t i = 1; i <= m; i++) {
        unsigned rowmin = max + 1;
        size_t lo = i > max + 1 ? i - max : 1;
        size_t hi = i + max < n ? i + max : n;
        if (lo > 1)
            d[i][lo - 1] = max + 1;
        if (hi < n)
            d[i][hi + 1] = max + 1;
        for (size_t j = lo; j <= hi; j++) {
            unsigned cost = x[i - 1] == y[j - 1] ? 0 : 1;
            unsigned v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (swaps && i > 1 && j > 1 && x[i - 1] == y[j - 2] &&
                x[i - 2] == y[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
            if (v < rowmin)
                rowmin = v;
        }
        if (rowmin > max)
            return max + 1;
    }
    return d[m][n] > max ? max + 1 : d[m][n];
}

unsigned
mtl_edit_distance(const char *a, size_t alen, const char *b, size_t blen,
                  unsigned max)
{
    return mtl_edit_impl(a, alen, b, blen, max, false);
}

unsigned
mtl_edit_distance_osa(const char *a, size_t alen, const char *b, size_t blen,
                      unsigned max)
{
    return mtl_edit_impl(a, alen, b, blen, max, true);
}

bool
mtl_cp_is_space_multi(int32_t cp)
{
    if (cp < 0)
        return false;
    if (cp < 0x80)
        return mtl_is_ascii_space(cp);
    /* White_Space above ASCII is among these code points (U+180E before
     * Unicode 6.3): the others, letters and punctuation (quotation
     * marks, dashes), need no call of ICU */
    switch (cp) {
    case 0x85: case 0xA0: case 0x1680: case 0x180E: case 0x2028:
    case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
        break;
    default:
        if (cp < 0x2000 || cp > 0x200B)
            return false;
    }
    return u_isUWhiteSpace(cp) || cp == 0x200B || cp == 0xFEFF;
}

bool
mtl_cp_is_upper_multi(int32_t cp)
{
    return cp >= 0 && (u_isupper(cp) || u_istitle(cp));
}

bool
mtl_cp_is_lower_multi(int32_t cp)
{
    return cp >= 0 && u_islower(cp);
}

bool
mtl_cp_is_alpha_multi(int32_t cp)
{
    return cp >= 0 && u_isalpha(cp);
}

int32_t
mtl_parse_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !mtl_is_digit(s[i]))
            return 0;
    int y = atoi(s), mo = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || mo < 1 || mo > 12 || d < 1)
        return 0;
    int md = mdays[mo - 1];
    if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        md = 29;
    if (d > md)
        return 0;
    return y * 10000 + mo * 100 + d;
}

size_t
mtl_utf8_lower(const char *s, size_t n, char *out, size_t cap)
{
    /* A leading ASCII run (most words are all of it), eight bytes at a
     * time: u_tolower maps A-Z only there.  The room test is the loop's
     * below, four bytes past each code point, for the run at once. */
    size_t a = 0;
    while (n - a >= 8 && !(mtl_load8(s + a) & MTL_HIGH8))
        a += 8;
    while (a < n && (unsigned char)s[a] < 0x80)
        a++;
    if (a > 0) {
        if (a + 3 >= cap)
            return 0;
        mtl_ascii_lower_copy(out, s, a);
    }
    size_t i = a, o = a;
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

/* True if the four bytes of @p v are all ASCII letters. */
static inline bool
mtl_ascii_letters4(uint32_t v)
{
    uint32_t w = v | 0x20202020u; /* upper to lower; no carries */
    uint32_t ge_a = w + 0x01010101u * (0x80 - 'a');
    uint32_t gt_z = w + 0x01010101u * (0x80 - 'z' - 1);
    return !(v & 0x80808080u) && (ge_a & ~gt_z & 0x80808080u) == 0x80808080u;
}

/* Bit cp of mtl_utf8_letter2: mtl_utf8_letters_only() takes U+0080..
 * U+07FF (two UTF-8 bytes: accented Latin, Greek, Cyrillic, Arabic...)
 * for a letter or a mark (u_isalpha() or U_GC_M_MASK), from ICU once. */
static uint8_t mtl_utf8_letter2[0x800 / 8];
static pthread_once_t mtl_utf8_letter2_once = PTHREAD_ONCE_INIT;

static void
mtl_utf8_letter2_build(void)
{
    for (UChar32 cp = 0x80; cp < 0x800; cp++)
        if (u_isalpha(cp) || (U_GET_GC_MASK(cp) & U_GC_M_MASK))
            mtl_utf8_letter2[cp >> 3] |= (uint8_t)(1u << (cp & 7));
}

size_t
mtl_elided_clitic(const char *s, size_t n, bool cap_first)
{
    size_t k = 0;
    while (k < n && k < 5 &&
           ((s[k] >= 'a' && s[k] <= 'z') ||
            (cap_first && k == 0 && s[k] >= 'A' && s[k] <= 'Z')))
        k++;
    if (k == 0 || k > 4 || k >= n)
        return 0;
    if (s[k] == '\'')
        k++;
    else if (n - k >= 3 && memcmp(s + k, "\xE2\x80\x99", 3) == 0)
        k += 3;
    else
        return 0;
    return k < n ? k : 0;
}

bool
mtl_utf8_letters_only(const char *s, size_t n)
{
    size_t i = 0;
    /* the ASCII letters are A-Z and a-z (no ASCII marks): four bytes at a
     * time, the last four overlapping */
    if (n >= 4) {
        uint32_t v;
        for (; i + 4 <= n; i += 4) {
            memcpy(&v, s + i, 4);
            if (!mtl_ascii_letters4(v))
                break;
        }
        if (i + 4 > n) {
            memcpy(&v, s + n - 4, 4);
            if (mtl_ascii_letters4(v))
                return true;
        }
    }
    bool table = false; /* mtl_utf8_letter2 made */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if ((unsigned char)((c | 0x20) - 'a') > 'z' - 'a')
                return false;
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n &&
            ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            /* two bytes: from the table (mtl_utf8_next_multi's code
             * point) */
            if (!table) {
                pthread_once(&mtl_utf8_letter2_once, mtl_utf8_letter2_build);
                table = true;
            }
            unsigned cp = ((c & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
            if (!((mtl_utf8_letter2[cp >> 3] >> (cp & 7)) & 1))
                return false;
            i += 2;
            continue;
        }
        int32_t cp = mtl_utf8_next_multi(s, n, &i);
        if (cp < 0)
            return false;
        if (!u_isalpha(cp) && !(U_GET_GC_MASK(cp) & U_GC_M_MASK))
            return false;
    }
    return n > 0;
}

int
mtl_read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno ? errno : EIO;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        mtl_grow((void **)&buf, &cap, n + 65536 + 1, 1);
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return EIO;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

/* The letters U+00C0..U+024F without their marks, from ICU's NFD once:
 * an ASCII base letter, 0 for a letter NFD leaves alone ("ø", "ß"), 1
 * where mtl_utf8_unaccent() must ask ICU. */
#define MTL_UTF8_LATIN_FIRST 0xC0
#define MTL_UTF8_LATIN_LAST 0x24F
static unsigned char
    mtl_utf8_latin_base[MTL_UTF8_LATIN_LAST - MTL_UTF8_LATIN_FIRST + 1];
static pthread_once_t mtl_utf8_latin_once = PTHREAD_ONCE_INIT;

static void
mtl_utf8_latin_build(void)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    for (UChar32 cp = MTL_UTF8_LATIN_FIRST; cp <= MTL_UTF8_LATIN_LAST; cp++) {
        unsigned char *b = &mtl_utf8_latin_base[cp - MTL_UTF8_LATIN_FIRST];
        UChar u[2] = {(UChar)cp, 0}, v[8];
        st = U_ZERO_ERROR;
        int32_t vl = nfd ? unorm2_normalize(nfd, u, 1, v, 8, &st) : 0;
        if (U_FAILURE(st) || vl <= 0) {
            *b = 1;
            continue;
        }
        if (vl == 1 && v[0] == (UChar)cp) {
            *b = 0; /* no decomposition */
            continue;
        }
        bool marks = true;
        for (int32_t k = 1; k < vl; k++)
            marks = marks && u_charType(v[k]) == U_NON_SPACING_MARK;
        *b = marks && v[0] >= 'A' && v[0] < 0x80 ? (unsigned char)v[0] : 1;
    }
}

/* See util.h.
 * ASCII and the Latin letters of mtl_utf8_latin_base are done here, the
 * rest by ICU (NFD, then the non-spacing marks dropped). */
size_t
mtl_utf8_unaccent(const char *s, size_t n, char *out, size_t cap)
{
    pthread_once(&mtl_utf8_latin_once, mtl_utf8_latin_build);
    size_t o = 0, k = 0;
    bool icu = false;
    while (k < n && !icu) {
        unsigned char b0 = (unsigned char)s[k];
        if (o + 1 >= cap)
            return 0; /* no room for a byte and the NUL */
        if (b0 < 0x80) {
            out[o++] = (char)b0;
            k++;
            continue;
        }
        if (b0 >= 0xC3 && b0 <= 0xC9 && k + 1 < n &&
            ((unsigned char)s[k + 1] & 0xC0) == 0x80) {
            UChar32 cp = (UChar32)(b0 & 0x1F) << 6 | (s[k + 1] & 0x3F);
            if (cp >= MTL_UTF8_LATIN_FIRST && cp <= MTL_UTF8_LATIN_LAST) {
                unsigned char base =
                    mtl_utf8_latin_base[cp - MTL_UTF8_LATIN_FIRST];
                if (base > 1) {
                    out[o++] = (char)base;
                    k += 2;
                    continue;
                }
                if (base == 0) {
                    if (o + 2 >= cap)
                        return 0;
                    out[o++] = s[k];
                    out[o++] = s[k + 1];
                    k += 2;
                    continue;
                }
            }
        }
        icu = true;
    }
    if (!icu) {
        out[o] = '\0';
        return o;
    }
    UChar u[128], v[256];
    UErrorCode st = U_ZERO_ERROR;
    int32_t ul = 0, ol = 0;
    u_strFromUTF8(u, 128, &ul, s, (int32_t)n, &st);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    int32_t vl = U_SUCCESS(st) && ul < 128
                     ? unorm2_normalize(nfd, u, ul, v, 256, &st)
                     : 0;
    if (U_FAILURE(st) || vl <= 0 || vl >= 256)
        return 0;
    int32_t w = 0;
    for (int32_t j = 0; j < vl; j++)
        if (u_charType(v[j]) != U_NON_SPACING_MARK)
            v[w++] = v[j];
    u_strToUTF8(out, (int32_t)cap, &ol, v, w, &st);
    return U_SUCCESS(st) && ol > 0 && (size_t)ol < cap ? (size_t)ol : 0;
}
