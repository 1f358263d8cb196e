/*
 * text.c - gcc-style diagnostics for editors: FILE:LINE:COL: CAT/RULE:
 * message [suggestion], the source line and a caret underline, then one
 * summary line per document naming the categories that cost the most.
 */
#include <string.h>

#include <unicode/uchar.h>

#include "../engine.h"
#include "../util/strbuf.h"
#include "../util/util.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_GREEN "\033[1;32m"
#define C_YELLOW "\033[1;33m"
#define C_CYAN "\033[1;36m"

/* Display columns of a code point: 0 for marks, 2 for wide, else 1. */
static int
mtl_cp_width(int32_t cp)
{
    if (cp < 0)
        return 1;
    if (cp < 0x300)
        return 1;
    int8_t t = u_charType(cp);
    if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_FORMAT_CHAR)
        return 0;
    int w = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
    return (w == U_EA_WIDE || w == U_EA_FULLWIDTH) ? 2 : 1;
}

/* Appends text[a..b) for display: invalid bytes and control characters
 * shown as U+FFFD, tabs kept. */
static void
mtl_put_display(mtl_strbuf *sb, const char *s, size_t a, size_t b)
{
    size_t i = a;
    while (i < b) {
        size_t st = i;
        int32_t cp = mtl_utf8_next(s, b, &i);
        if (cp < 0 || (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0))
            mtl_strbuf_put(sb, "\xEF\xBF\xBD", 3);
        else
            mtl_strbuf_put(sb, s + st, i - st);
    }
}

/* Appends spaces (tabs where the source has tabs) under s[a..b). */
static size_t
mtl_put_pad(mtl_strbuf *sb, const char *s, size_t a, size_t b, char fill)
{
    size_t i = a, cols = 0;
    while (i < b) {
        int32_t cp = mtl_utf8_next(s, b, &i);
        if (cp == '\t' && fill == ' ') {
            mtl_strbuf_putc(sb, '\t');
            cols++;
            continue;
        }
        int w = mtl_cp_width(cp);
        for (int k = 0; k < w; k++)
            mtl_strbuf_putc(sb, fill);
        cols += (size_t)w;
    }
    return cols;
}

static void
mtl_line_bounds(const char *s, size_t len, size_t off, size_t *a, size_t *b)
{
    size_t x = off;
    while (x > 0 && s[x - 1] != '\n' && s[x - 1] != '\r')
        x--;
    size_t y = off;
    while (y < len && s[y] != '\n' && s[y] != '\r')
        y++;
    *a = x;
    *b = y;
}

/* Start of the line @p delta lines before/after the line holding off. */
static bool
mtl_line_step(const char *s, size_t len, size_t *a, size_t *b, int dir)
{
    if (dir < 0) {
        if (*a == 0)
            return false;
        size_t p = *a - 1;
        if (p > 0 && s[p] == '\n' && s[p - 1] == '\r')
            p--;
        mtl_line_bounds(s, len, p, a, b);
        return true;
    }
    if (*b >= len)
        return false;
    size_t p = *b + 1;
    if (s[*b] == '\r' && p < len && s[p] == '\n')
        p++;
    if (p > len)
        return false;
    mtl_line_bounds(s, len, p, a, b);
    return true;
}

static void
mtl_put_context(mtl_strbuf *sb, const char *s, size_t len, size_t a,
                size_t b, unsigned n, int dir)
{
    size_t la[64], lb[64];
    unsigned k = 0;
    size_t x = a, y = b;
    while (k < n && k < 64 && mtl_line_step(s, len, &x, &y, dir)) {
        la[k] = x;
        lb[k] = y;
        k++;
    }
    for (unsigned i = 0; i < k; i++) {
        unsigned j = dir < 0 ? k - 1 - i : i;
        mtl_strbuf_put(sb, "  ", 2);
        mtl_put_display(sb, s, la[j], lb[j]);
        mtl_strbuf_putc(sb, '\n');
    }
}

static int
mtl_cmp_sub(const void *x, const void *y, const double *sub)
{
    double a = sub[*(const int *)x], b = sub[*(const int *)y];
    return a < b ? -1 : a > b;
}

char *
mtl_report_text_diagnostics(const mtl_report *r, const char *name,
                            unsigned context, unsigned bits)
{
    if (!r)
        return NULL;
    bool color = (bits & MTL_WRITE_COLOR) != 0;
    if (!name)
        name = r->source ? r->source : (r->id ? r->id : "<stdin>");
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    for (size_t i = 0; i < r->nflags; i++) {
        const mtl_flag *f = &r->flags[i];
        if (color)
            mtl_strbuf_puts(&sb, C_BOLD);
        mtl_strbuf_printf(&sb, "%s:%zu:%zu: ", name, f->line, f->col);
        if (color)
            mtl_strbuf_puts(&sb, C_YELLOW);
        mtl_strbuf_printf(&sb, "%s/%s:", f->category, f->rule);
        if (color)
            mtl_strbuf_puts(&sb, C_RESET);
        mtl_strbuf_printf(&sb, " %s", f->message);
        if (f->suggestion) {
            mtl_strbuf_puts(&sb, " [");
            if (color)
                mtl_strbuf_puts(&sb, C_GREEN);
            mtl_put_display(&sb, f->suggestion, 0, strlen(f->suggestion));
            if (color)
                mtl_strbuf_puts(&sb, C_RESET);
            mtl_strbuf_putc(&sb, ']');
        }
        mtl_strbuf_putc(&sb, '\n');
        size_t a, b;
        mtl_line_bounds(r->text, r->len, f->start, &a, &b);
        /* very long lines: show a window around the flag */
        size_t wa = a, wb = b;
        if (f->start - a > 120) {
            wa = f->start - 60;
            while (wa > a && ((unsigned char)r->text[wa] & 0xC0) == 0x80)
                wa--;
        }
        if (wb > wa + 240) {
            wb = (f->end > wa + 180 ? f->end : wa + 180) + 60;
            if (wb > b)
                wb = b;
            while (wb < b && ((unsigned char)r->text[wb] & 0xC0) == 0x80)
                wb++;
        }
        mtl_put_context(&sb, r->text, r->len, a, b, context, -1);
        mtl_strbuf_put(&sb, "  ", 2);
        if (wa > a)
            mtl_strbuf_puts(&sb, "...");
        mtl_put_display(&sb, r->text, wa, wb);
        if (wb < b)
            mtl_strbuf_puts(&sb, "...");
        mtl_strbuf_putc(&sb, '\n');
        mtl_strbuf_put(&sb, "  ", 2);
        if (wa > a)
            mtl_strbuf_puts(&sb, "   ");
        mtl_put_pad(&sb, r->text, wa, f->start, ' ');
        if (color)
            mtl_strbuf_puts(&sb, C_GREEN);
        size_t end = f->end < b ? f->end : b;
        size_t w = mtl_put_pad(&sb, r->text, f->start, end, '^');
        if (w == 0)
            mtl_strbuf_putc(&sb, '^');
        if (color)
            mtl_strbuf_puts(&sb, C_RESET);
        mtl_strbuf_putc(&sb, '\n');
        mtl_put_context(&sb, r->text, r->len, a, b, context, 1);
    }
    /* summary */
    if (color)
        mtl_strbuf_puts(&sb, C_BOLD);
    mtl_strbuf_printf(&sb, "%s: ", name);
    if (color)
        mtl_strbuf_puts(&sb, r->grade <= 'B' ? C_GREEN
                             : r->grade <= 'C' ? C_YELLOW : C_RED);
    mtl_strbuf_printf(&sb, "grade %c", r->grade);
    if (color)
        mtl_strbuf_puts(&sb, C_RESET);
    mtl_strbuf_puts(&sb, " (score ");
    mtl_strbuf_number(&sb, r->score, 1);
    mtl_strbuf_printf(&sb, "; %zu flag%s; %zu words; %s)", r->nflags,
                      r->nflags == 1 ? "" : "s", r->words, r->lang);
    int order[MTL_NCATEGORIES], n = 0;
    for (int c = 0; c < MTL_NCATEGORIES; c++)
        if (r->sr.count[c])
            order[n++] = c;
    /* insertion sort by sub-score, lowest (costliest) first */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && mtl_cmp_sub(&order[j - 1], &order[j],
                                             r->sr.sub) > 0; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    if (n) {
        mtl_strbuf_puts(&sb, ": costliest ");
        for (int i = 0; i < n && i < 3; i++) {
            int c = order[i];
            mtl_strbuf_printf(&sb, "%s%s %u (sub-score ", i ? ", " : "",
                              mtl_categories[c], r->sr.count[c]);
            mtl_strbuf_number(&sb, r->sr.sub[c], 1);
            mtl_strbuf_putc(&sb, ')');
        }
    }
    mtl_strbuf_putc(&sb, '\n');
    for (size_t i = 0; i < r->nnotes; i++)
        mtl_strbuf_printf(&sb, "%s: note: %s\n", name, r->notes[i]);
    return mtl_strbuf_detach(&sb, NULL);
}
