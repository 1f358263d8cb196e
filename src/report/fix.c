/*
 * fix.c - the --fix writer: the document with flagged boilerplate and
 * duplicate spans removed, and (with all) every suggestion applied.  Text
 * it is not sure about stays as it was: overlapping edits are skipped.
 */
#include <string.h>

#include "../engine.h"
#include "../util/strbuf.h"
#include "../util/util.h"

static bool
mtl_is_removal(const mtl_flag *f)
{
    return strcmp(f->category, "boilerplate") == 0 ||
           strcmp(f->category, "duplicate") == 0;
}

char *
mtl_report_fix(const mtl_report *r, bool all, size_t *len)
{
    if (!r)
        return NULL;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_reserve(&sb, r->len);
    size_t pos = 0;
    for (size_t i = 0; i < r->nflags; i++) {
        const mtl_flag *f = &r->flags[i];
        bool removal = mtl_is_removal(f);
        if (!removal && !(all && f->suggestion))
            continue;
        if (f->start < pos)
            continue; /* overlaps an edit already made: not sure, skip */
        size_t start = f->start, end = f->end;
        if (removal) {
            /* remove whole lines: the span plus its line break, when the
             * flag covers the line's text */
            size_t a = start, b = end;
            while (a > pos && (r->text[a - 1] == ' ' || r->text[a - 1] == '\t'))
                a--;
            while (b < r->len && (r->text[b] == ' ' || r->text[b] == '\t' ||
                                  r->text[b] == '\r'))
                b++;
            bool line_start = a == 0 || r->text[a - 1] == '\n';
            bool line_end = b == r->len || r->text[b] == '\n';
            if (line_start && line_end) {
                start = a;
                end = b < r->len ? b + 1 : b;
                /* and one blank line after it, so paragraphs stay apart
                 * by exactly one blank line */
                size_t c = end;
                while (c < r->len && (r->text[c] == ' ' || r->text[c] == '\t' ||
                                      r->text[c] == '\r'))
                    c++;
                if (c < r->len && r->text[c] == '\n' && start > 0 &&
                    start >= 2 && r->text[start - 1] == '\n' &&
                    r->text[start - 2] == '\n')
                    end = c + 1;
            }
        }
        mtl_strbuf_put(&sb, r->text + pos, start - pos);
        if (!removal)
            mtl_strbuf_puts(&sb, f->suggestion);
        pos = end;
    }
    mtl_strbuf_put(&sb, r->text + pos, r->len - pos);
    return mtl_strbuf_detach(&sb, len);
}
