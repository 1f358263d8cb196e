/*
 * strbuf.c - growable byte buffer with JSON string escaping, used by the
 * report writers and the record splicer.
 */
#include "strbuf.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
mtl_strbuf_init(mtl_strbuf *sb)
{
    sb->data = NULL;
    sb->len = 0;
    sb->cap = 0;
}

void
mtl_strbuf_free(mtl_strbuf *sb)
{
    free(sb->data);
    mtl_strbuf_init(sb);
}

void
mtl_strbuf_reserve(mtl_strbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need > sb->cap) {
        size_t cap = sb->cap ? sb->cap : 256;
        while (cap < need)
            cap *= 2;
        sb->data = mtl_xrealloc(sb->data, cap);
        sb->cap = cap;
    }
}

void
mtl_strbuf_puts(mtl_strbuf *sb, const char *s)
{
    mtl_strbuf_put(sb, s, strlen(s));
}

void
mtl_strbuf_printf(mtl_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        return;
    }
    mtl_strbuf_reserve(sb, (size_t)n);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    sb->len += (size_t)n;
}

/* The length of the well-formed UTF-8 sequence at s[j] (a lead byte),
 * checked as mtl_utf8_next_multi checks it (the second byte's range
 * after E0, ED, F0 and F4 is its test of the code point's range), or 0
 * when it is none, or is U+2028 or U+2029, which are escaped. */
static inline size_t
mtl_json_utf8_len(const unsigned char *s, size_t n, size_t j)
{
    unsigned c = s[j];
    size_t left = n - j - 1; /* bytes after the lead */
    if (c >= 0xC2 && c <= 0xDF)
        return left >= 1 && (s[j + 1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (left < 2)
            return 0;
        unsigned c1 = s[j + 1], c2 = s[j + 2];
        if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80 ||
            (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) ||
            (c == 0xE2 && c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9)))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (left < 3)
            return 0;
        unsigned c1 = s[j + 1];
        if ((c1 & 0xC0) != 0x80 || (s[j + 2] & 0xC0) != 0x80 ||
            (s[j + 3] & 0xC0) != 0x80 || (c == 0xF0 && c1 < 0x90) ||
            (c == 0xF4 && c1 >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

/* The end of the run of bytes from s[i] that are written as they are:
 * ASCII that needs no escape, eight bytes at a time while none does, and
 * well-formed UTF-8 (mtl_json_utf8_len), so that text in other scripts
 * is copied in runs too rather than a code point at a time. */
static size_t
mtl_json_plain_run(const char *str, size_t n, size_t i)
{
    const unsigned char *s = (const unsigned char *)str;
    for (;;) {
        while (n - i >= 8 && mtl_json_plain8(mtl_load8(s + i)))
            i += 8;
        while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' &&
               s[i] != '\\')
            i++;
        if (i == n || s[i] < 0x80)
            return i;
        size_t k = mtl_json_utf8_len(s, n, i);
        if (!k)
            return i;
        i += k;
    }
}

void
mtl_strbuf_json_string(mtl_strbuf *sb, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    mtl_strbuf_reserve(sb, n + 2);
    mtl_strbuf_putc(sb, '"');
    size_t i = 0;
    while (i < n) {
        size_t j = mtl_json_plain_run(s, n, i);
        if (j > i) {
            mtl_strbuf_put(sb, s + i, j - i);
            i = j;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            switch (c) {
            case '"': mtl_strbuf_put(sb, "\\\"", 2); break;
            case '\\': mtl_strbuf_put(sb, "\\\\", 2); break;
            case '\n': mtl_strbuf_put(sb, "\\n", 2); break;
            case '\r': mtl_strbuf_put(sb, "\\r", 2); break;
            case '\t': mtl_strbuf_put(sb, "\\t", 2); break;
            case '\b': mtl_strbuf_put(sb, "\\b", 2); break;
            case '\f': mtl_strbuf_put(sb, "\\f", 2); break;
            default: {
                char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                mtl_strbuf_put(sb, u, 6);
            }
            }
            continue;
        }
        /* an invalid byte, or U+2028 or U+2029 (mtl_json_utf8_len) */
        int32_t cp = mtl_utf8_next(s, n, &i);
        if (cp < 0) {
            mtl_strbuf_put(sb, "\xEF\xBF\xBD", 3);
        } else {
            /* valid JSON, but escaped so the line is safe in JavaScript */
            mtl_strbuf_puts(sb, cp == 0x2028 ? "\\u2028" : "\\u2029");
        }
    }
    mtl_strbuf_putc(sb, '"');
}

/* The reference formatting: printf's %.*f, trailing zeros and a bare
 * point dropped, "-0" written "0". */
static void
mtl_number_printf(mtl_strbuf *sb, double v, int decimals)
{
    char buf[400];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    mtl_strbuf_puts(sb, buf);
}

/* "00" to "99": two digits per division of the integers written */
static const char mtl_digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* The decimal digits of @p q written backwards from @p end: their start. */
static char *
mtl_u64_digits_back(uint64_t q, char *end)
{
    while (q >= 100) {
        unsigned r = (unsigned)(q % 100);
        q /= 100;
        end -= 2;
        memcpy(end, mtl_digit_pairs + 2 * r, 2);
    }
    if (q >= 10) {
        end -= 2;
        memcpy(end, mtl_digit_pairs + 2 * q, 2);
    } else {
        *--end = (char)('0' + q);
    }
    return end;
}

/* The integer and fraction parts of the scaled value @p q (below 2^31)
 * for @p decimals 1..6: a case per power of ten, so that each division
 * is by a constant (a multiplication) rather than a division. */
static inline void
mtl_split_p10(uint32_t q, int decimals, uint32_t *ip, uint32_t *fp)
{
#define MTL_SPLIT(d, p)                                                      \
    case d:                                                                  \
        *ip = q / p;                                                         \
        *fp = q % p;                                                         \
        return;
    switch (decimals) {
        MTL_SPLIT(1, 10u)
        MTL_SPLIT(2, 100u)
        MTL_SPLIT(3, 1000u)
        MTL_SPLIT(4, 10000u)
        MTL_SPLIT(5, 100000u)
    default:
        *ip = q / 1000000u;
        *fp = q % 1000000u;
        return;
    }
#undef MTL_SPLIT
}

/*
 * Every record carries some forty numbers: printf's exact decimal
 * conversion is most of the cost of writing one.  Integers and small
 * values are written directly; a value whose scaled fraction comes near
 * a rounding tie (where printf's exact rounding could differ from one
 * computed in doubles) and large values still go through printf.  The
 * output is the same either way (test_stats compares them).  Zero, the
 * value of most fractions of clean text, is written at once (-0 as 0,
 * as the integers below write it).
 */
void
mtl_strbuf_number(mtl_strbuf *sb, double v, int decimals)
{
    static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    if (v == 0) {
        mtl_strbuf_putc(sb, '0');
        return;
    }
    if (!isfinite(v)) {
        mtl_strbuf_lit(sb, "null");
        return;
    }
    /* written backwards from the end: sign, integer part, point,
     * fraction */
    char buf[48];
    char *end = buf + sizeof buf, *p;
    /* floor() by conversion, where the values fit (a call otherwise) */
    double a = fabs(v);
    if (a < 9e15 && a == (double)(uint64_t)a) {
        p = mtl_u64_digits_back((uint64_t)a, end);
        if (v < 0)
            *--p = '-';
        mtl_strbuf_put(sb, p, (size_t)(end - p));
        return;
    }
    if (decimals < 1 || decimals > 6) {
        mtl_number_printf(sb, v, decimals);
        return;
    }
    double x = a * p10[decimals];
    /* below 2^30 the product is within 2^-22 of the exact one */
    if (x >= 1073741824.0) {
        mtl_number_printf(sb, v, decimals);
        return;
    }
    double fl = (double)(uint32_t)x, frac = x - fl;
    if (fabs(frac - 0.5) < 1e-4) {
        mtl_number_printf(sb, v, decimals);
        return;
    }
    uint32_t q = (uint32_t)fl + (frac > 0.5);
    uint32_t ip, fp;
    mtl_split_p10(q, decimals, &ip, &fp);
    p = end;
    if (fp) {
        int d = decimals;
        while (fp % 10 == 0) {
            fp /= 10;
            d--;
        }
        for (; d >= 2; d -= 2) {
            p -= 2;
            memcpy(p, mtl_digit_pairs + 2 * (fp % 100), 2);
            fp /= 100;
        }
        if (d)
            *--p = (char)('0' + fp);
        *--p = '.';
    }
    p = mtl_u64_digits_back(ip, p);
    if (v < 0 && q)
        *--p = '-';
    mtl_strbuf_put(sb, p, (size_t)(end - p));
}

void
mtl_strbuf_uint(mtl_strbuf *sb, uint64_t v)
{
    char buf[24];
    char *p = mtl_u64_digits_back(v, buf + sizeof buf);
    mtl_strbuf_put(sb, p, (size_t)(buf + sizeof buf - p));
}

/* Internal: the printf formatting alone, for the tests. */
void
mtl_strbuf_number_ref(mtl_strbuf *sb, double v, int decimals)
{
    if (!isfinite(v)) {
        mtl_strbuf_puts(sb, "null");
        return;
    }
    mtl_number_printf(sb, v, decimals);
}

char *
mtl_strbuf_detach(mtl_strbuf *sb, size_t *len)
{
    if (!sb->data)
        mtl_strbuf_reserve(sb, 0), sb->data[0] = '\0';
    char *d = sb->data;
    if (len)
        *len = sb->len;
    mtl_strbuf_init(sb);
    return d;
}
