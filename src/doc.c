/*
 * doc.c - lookups on a tokenized document (doc.h): line and column of a
 * byte offset, the token at an offset, token text comparisons.
 *
 * Positions are found by binary search over the tokens (and the line
 * spans, whose blank lines give column-1 anchors), then by counting code
 * points from the nearest anchor, so a call costs O(log n + distance to
 * the anchor), never O(n): detectors call these per flag on documents that
 * may be one 50 MB line.  Columns count code points as the tokenizer does:
 * each byte of an invalid UTF-8 sequence counts as one.
 */
#include "doc.h"

#include <string.h>

#include <unicode/utf8.h>

/* Index of the first token whose start is > @p off. */
static size_t
token_after(const mtl_doc *doc, size_t off)
{
    size_t lo = 0, hi = doc->ntoks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->toks[mid].start <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t
mtl_doc_token_from(const mtl_doc *doc, size_t from, size_t off)
{
    size_t lo = from, hi = doc->ntoks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->toks[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t
mtl_doc_token_at(const mtl_doc *doc, size_t off)
{
    return mtl_doc_token_from(doc, 0, off);
}

size_t
mtl_doc_next_punct(const mtl_doc *doc, char c, size_t *pos, size_t *tok)
{
    while (*pos < doc->len) {
        const char *at = memchr(doc->text + *pos, c, doc->len - *pos);
        if (!at)
            break;
        size_t off = (size_t)(at - doc->text);
        *pos = off + 1;
        *tok = mtl_doc_token_from(doc, *tok, off);
        if (*tok >= doc->ntoks)
            break;
        const mtl_token *t = &doc->toks[*tok];
        if (t->start == off && t->kind == MTL_TOK_PUNCT && t->len == 1)
            return *tok;
    }
    *pos = doc->len;
    return doc->ntoks;
}

void
mtl_doc_linecol(const mtl_doc *doc, size_t off, size_t *line, size_t *col)
{
    const uint8_t *s = (const uint8_t *)doc->text;
    size_t len = doc->len;
    if (off > len)
        off = len;

    /* anchor: the last token starting at or before off */
    size_t pos = 0, ln = 1, cl = 1;
    size_t k = token_after(doc, off);
    if (k > 0) {
        const mtl_token *t = &doc->toks[k - 1];
        pos = t->start;
        ln = t->line;
        cl = t->col;
    }
    /* a later line start is a better anchor (blank lines between) */
    size_t lo = 0, hi = doc->nlines;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->lines[mid].start <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && doc->lines[lo - 1].start > pos) {
        const mtl_span *l = &doc->lines[lo - 1];
        pos = l->start;
        ln = lo;
        cl = l->tok_count ? doc->toks[l->tok_first].col : 1;
    }

    while (pos < off) {
        uint8_t c = s[pos];
        if (c == '\n') {
            ln++;
            cl = 1;
            pos++;
        } else if (c == '\r') {
            if (pos + 1 < len && s[pos + 1] == '\n') {
                if (pos + 1 == off) { /* off is the '\n' of a CRLF */
                    cl++;
                    break;
                }
                pos++;
            }
            ln++;
            cl = 1;
            pos++;
        } else if (c < 0x80) {
            cl++;
            pos++;
        } else {
            size_t j = pos;
            UChar32 cp;
            U8_NEXT(s, j, len, cp);
            if (j > off) {
                /* off is inside this character; inside an invalid
                 * sequence each byte is a column */
                if (cp < 0)
                    cl += off - pos;
                break;
            }
            cl += cp < 0 ? j - pos : 1;
            pos = j;
        }
    }
    if (line)
        *line = ln;
    if (col)
        *col = cl;
}

/* mtl_tok_first_cp() of a token that is empty or starts beyond ASCII. */
uint32_t
mtl_tok_first_cp_multi(const mtl_doc *doc, const mtl_token *t)
{
    if (t->len == 0)
        return 0;
    const uint8_t *s = (const uint8_t *)doc->text + t->start;
    size_t i = 0;
    UChar32 cp;
    U8_NEXT(s, i, (size_t)t->len, cp);
    return cp < 0 ? 0xfffd : (uint32_t)cp;
}

/* mtl_tok_is_char() of a code point beyond ASCII. */
bool
mtl_tok_is_char_multi(const mtl_doc *doc, const mtl_token *t, uint32_t cp)
{
    if (t->nchars != 1 || (t->flags & MTL_TF_INVALID))
        return false;
    const uint8_t *s = (const uint8_t *)doc->text + t->start;
    size_t i = 0;
    UChar32 c;
    U8_NEXT(s, i, (size_t)t->len, c);
    return c >= 0 && (uint32_t)c == cp && i == t->len;
}
