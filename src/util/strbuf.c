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

void
mtl_strbuf_json_string(mtl_strbuf *sb, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    mtl_strbuf_reserve(sb, n + 2);
    mtl_strbuf_putc(sb, '"');
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            size_t j = i;
            /* eight bytes at a time while none needs escaping */
            while (n - j >= 8 && mtl_json_plain8(mtl_load8(s + j)))
                j += 8;
            while (j < n) {
                unsigned char d = (unsigned char)s[j];
                if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\')
                    break;
                j++;
            }
            mtl_strbuf_put(sb, s + i, j - i);
            i = j;
            continue;
        }
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
        size_t start = i;
        int32_t cp = mtl_utf8_next(s, n, &i);
        if (cp < 0) {
            mtl_strbuf_put(sb, "\xEF\xBF\xBD", 3);
        } else if (cp == 0x2028 || cp == 0x2029) {
            /* valid JSON, but escaped so the line is safe in JavaScript */
            mtl_strbuf_puts(sb, cp == 0x2028 ? "\\u2028" : "\\u2029");
        } else {
            mtl_strbuf_put(sb, s + start, i - start);
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

static size_t
mtl_u64_digits(uint64_t q, char *out)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + q % 10);
        q /= 10;
    } while (q);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/*
 * Every record carries some forty numbers: printf's exact decimal
 * conversion is most of the cost of writing one.  Integers and small
 * values are written directly; a value whose scaled fraction comes near
 * a rounding tie (where printf's exact rounding could differ from one
 * computed in doubles) and large values still go through printf.  The
 * output is the same either way (test_stats compares them).
 */
void
mtl_strbuf_number(mtl_strbuf *sb, double v, int decimals)
{
    static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    if (!isfinite(v)) {
        mtl_strbuf_puts(sb, "null");
        return;
    }
    char buf[48];
    size_t n = 0;
    double a = fabs(v);
    if (a < 9e15 && a == floor(a)) {
        uint64_t q = (uint64_t)a;
        if (v < 0 && q)
            buf[n++] = '-';
        n += mtl_u64_digits(q, buf + n);
        mtl_strbuf_put(sb, buf, n);
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
    double fl = floor(x), frac = x - fl;
    if (fabs(frac - 0.5) < 1e-4) {
        mtl_number_printf(sb, v, decimals);
        return;
    }
    uint64_t q = (uint64_t)fl + (frac > 0.5);
    uint64_t scale = (uint64_t)p10[decimals];
    uint64_t ip = q / scale, fp = q % scale;
    if (v < 0 && q)
        buf[n++] = '-';
    n += mtl_u64_digits(ip, buf + n);
    if (fp) {
        buf[n++] = '.';
        int d = decimals;
        while (fp % 10 == 0) {
            fp /= 10;
            d--;
        }
        char digits[8];
        for (int i = d - 1; i >= 0; i--) {
            digits[i] = (char)('0' + fp % 10);
            fp /= 10;
        }
        memcpy(buf + n, digits, (size_t)d);
        n += (size_t)d;
    }
    mtl_strbuf_put(sb, buf, n);
}

void
mtl_strbuf_uint(mtl_strbuf *sb, uint64_t v)
{
    char buf[24];
    mtl_strbuf_put(sb, buf, mtl_u64_digits(v, buf));
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
