/*
 * strbuf.h - a growable byte buffer for the report writers.
 *
 * Allocation failure aborts through mtl_xmalloc (mem policy in util.h):
 * writers stay free of error paths for every append.
 */
#ifndef MTL_STRBUF_H
#define MTL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct mtl_strbuf {
    char *data;
    size_t len;
    size_t cap;
} mtl_strbuf;

void mtl_strbuf_init(mtl_strbuf *sb);
void mtl_strbuf_free(mtl_strbuf *sb);
void mtl_strbuf_reserve(mtl_strbuf *sb, size_t extra);
/* Appends bytes.  Inline: a report is written in many small appends (keys,
 * separators, short values), where a call each costs more than the bytes;
 * only growing the buffer is a call. */
static inline void
mtl_strbuf_put(mtl_strbuf *sb, const char *s, size_t n)
{
    if (sb->cap - sb->len <= n)
        mtl_strbuf_reserve(sb, n);
    if (n)
        memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

/* A string literal, its length known when compiling. */
#define mtl_strbuf_lit(sb, lit) mtl_strbuf_put((sb), (lit), sizeof(lit) - 1)

static inline void
mtl_strbuf_putc(mtl_strbuf *sb, char c)
{
    if (sb->cap - sb->len <= 1)
        mtl_strbuf_reserve(sb, 1);
    sb->data[sb->len++] = c;
    sb->data[sb->len] = '\0';
}
void mtl_strbuf_puts(mtl_strbuf *sb, const char *s);
void mtl_strbuf_printf(mtl_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends @p s as a JSON string literal (quotes included); invalid UTF-8
 * becomes U+FFFD, control characters are escaped. */
void mtl_strbuf_json_string(mtl_strbuf *sb, const char *s, size_t n);
/* Appends a number in the shortest form that reads back the same (%.4g
 * style for scores: at most @p decimals decimals, trailing zeros cut). */
void mtl_strbuf_number(mtl_strbuf *sb, double v, int decimals);
/* Appends an unsigned integer in decimal. */
void mtl_strbuf_uint(mtl_strbuf *sb, uint64_t v);
/* The same through printf alone (the reference, for tests). */
void mtl_strbuf_number_ref(mtl_strbuf *sb, double v, int decimals);
/* Detaches the NUL-terminated contents (caller frees with free()). */
char *mtl_strbuf_detach(mtl_strbuf *sb, size_t *len);

#endif
