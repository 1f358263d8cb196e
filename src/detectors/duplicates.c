/*
 * duplicates.c - the `duplicates` detector: a line or paragraph repeated in
 * the document (a title printed twice, an image caption twice), or a long
 * sentence of running text repeated (a pull quote or a paragraph's sentence
 * spliced in again; not a headline restated in a caption), or a sentence
 * of eight words or more printed twice in a row on one line (an extractor
 * that read a block twice), or the start of a sentence printed again
 * inside it (mtl_dup_restart).  Every copy after the first is flagged.
 * Lines and sentences are compared normalised (case, runs of white space,
 * trailing punctuation); very short lines ("Share", "Article 1") are never
 * duplicates, and a sentence must have MTL_DUP_SENT_WORDS words.
 */
#include <string.h>

#include "../batch.h"
#include "../engine.h"
#include "../util/util.h"
#include "detector.h"

/* A line must have this many word tokens and normalised bytes to count. */
#define MTL_DUP_MIN_WORDS 4
#define MTL_DUP_MIN_BYTES 20
/* A sentence repeated inside other text needs this many words: shorter
 * ones recur in clean copy ("The company did not respond to a request for
 * comment."). */
#define MTL_DUP_SENT_WORDS 12
/* A sentence printed twice in a row, on one line, needs only this many:
 * clean copy repeats a sentence at once only as a chant or a refrain, of
 * a few words ("We want justice. We want justice."). */
#define MTL_DUP_ADJ_WORDS 8

typedef struct mtl_dup_slot {
    uint64_t hash; /* 0 = empty */
    uint32_t first; /* index of the first copy */
} mtl_dup_slot;

/* Whether @p sp has @p min_words word tokens (counted only up to the
 * minimum: a long line needs no more). */
static bool
mtl_dup_words(const mtl_doc *doc, const mtl_span *sp, size_t min_words)
{
    size_t words = 0;
    for (uint32_t t = sp->tok_first;
         t < sp->tok_first + sp->tok_count && words < min_words; t++)
        words += mtl_tok_is_word(&doc->toks[t]);
    return words >= min_words;
}

/* Whether line @p sp is a line of verse: it ends in a comma or a
 * semicolon, and its sentence goes on in the next line of its paragraph
 * ("I have gone out with the tide, / and the tide knows the way home"):
 * a refrain repeats a line so, and no title or caption ends in a comma. */
static bool
mtl_dup_refrain(const mtl_doc *doc, const mtl_span *sp)
{
    size_t e = sp->end;
    while (e > sp->start &&
           (doc->text[e - 1] == ' ' || doc->text[e - 1] == '\t' ||
            doc->text[e - 1] == '\r'))
        e--;
    if (e == sp->start || (doc->text[e - 1] != ',' && doc->text[e - 1] != ';'))
        return false;
    size_t n = sp->end;
    while (n < doc->len && (doc->text[n] == '\r' || doc->text[n] == ' ' ||
                            doc->text[n] == '\t'))
        n++;
    if (n >= doc->len || doc->text[n] != '\n')
        return false;
    n++;
    while (n < doc->len && (doc->text[n] == ' ' || doc->text[n] == '\t' ||
                            doc->text[n] == '\r'))
        n++;
    return n < doc->len && doc->text[n] != '\n';
}

/* A byte that mtl_normalise_line drops from the end of a line. */
static inline bool
mtl_dup_trailing(char c)
{
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
           c == '?' || c == ' ';
}

/* The hash of a normalised span of @p n bytes at @p buf, 0 when it does
 * not count. */
static uint64_t
mtl_dup_hash_norm(const char *buf, size_t n)
{
    if (n == (size_t)-1 || n < MTL_DUP_MIN_BYTES)
        return 0;
    return mtl_hash_key(mtl_hash64_wide(buf, n, 0));
}

static uint64_t
mtl_dup_hash_span(const mtl_doc *doc, const mtl_span *sp, char *buf,
                  size_t cap, size_t min_words)
{
    if (!mtl_dup_words(doc, sp, min_words))
        return 0;
    return mtl_dup_hash_norm(buf, mtl_normalise_line(doc->text + sp->start,
                                                     sp->end - sp->start,
                                                     buf, cap));
}

/* Sentences of a line whose hashes are taken from the line's
 * normalisation at most (the others are normalised alone). */
#define MTL_DUP_LINE_SENTS 32
/* In the table of sentence hashes: not taken from its line. */
#define MTL_DUP_NOT_YET 1

/*
 * The hash of line @p sp (its tokens have MTL_DUP_MIN_WORDS words), and
 * those of its sentences from sents[*k] on with MTL_DUP_SENT_WORDS words
 * into sent_h[] (unless the line turns out to be a copy): the line's
 * white space is collapsed once for the line and its sentences (a line
 * of prose is most of its sentences' bytes), and folded only when the
 * fold changes it.  Moves *k past the line's sentences.
 */
static uint64_t
mtl_dup_hash_line(const mtl_doc *doc, const mtl_span *sp, mtl_norm *nm,
                  char *buf, size_t cap, size_t *k, uint64_t *sent_h,
                  const mtl_dup_slot *tab, size_t mask, mtl_fold_memo *memo)
{
    size_t cuts[2 * MTL_DUP_LINE_SENTS], at[2 * MTL_DUP_LINE_SENTS];
    size_t which[MTL_DUP_LINE_SENTS], ns = 0;
    uint32_t tok_end = sp->tok_first + sp->tok_count;
    for (; *k < doc->nsents; ++*k) {
        const mtl_span *ss = &doc->sents[*k];
        if (ss->tok_count == 0)
            continue;
        if (ss->tok_first >= tok_end)
            break;
        if (ss->tok_first < sp->tok_first ||
            ss->tok_first + ss->tok_count > tok_end ||
            ss->start < sp->start || ss->end > sp->end ||
            ns == MTL_DUP_LINE_SENTS ||
            !mtl_dup_words(doc, ss, MTL_DUP_SENT_WORDS))
            continue;
        cuts[2 * ns] = ss->start - sp->start;
        cuts[2 * ns + 1] = ss->end - sp->start;
        which[ns++] = *k;
    }
    size_t len = mtl_norm_line(nm, doc->text + sp->start, sp->end - sp->start,
                               cuts, 2 * ns, at);
    if (len == (size_t)-1)
        return 0;
    /* the line's fold is of nm->tmp[0 .. to), trailing punctuation and
     * spaces dropped (mtl_norm_part; tmp never starts with a space) */
    size_t to = mtl_norm_trim(nm->tmp, len);
    int fc = mtl_fold_class(nm->tmp, to, memo);
    const char *f = buf; /* the line's fold */
    size_t fl;
    if (fc == MTL_FOLD_SELF && to < cap) {
        f = nm->tmp;
        fl = to;
    } else {
        fl = mtl_norm_part(nm, 0, len, buf, cap);
    }
    uint64_t h = mtl_dup_hash_norm(f, fl);
    /* a copy of an earlier line: its sentences are not looked at */
    if (h) {
        for (size_t i = h & mask; tab[i].hash; i = (i + 1) & mask)
            if (tab[i].hash == h)
                return h;
    }
    if (ns == 0)
        return h;
    /* when the fold keeps the code points' lengths, a sentence's fold is
     * a piece of the line's */
    bool piece = fl == to && (to == 0 || nm->tmp[0] != ' ') &&
                 fc != MTL_FOLD_OTHER;
    for (size_t j = 0; j < ns; j++) {
        size_t a = at[2 * j], b = at[2 * j + 1];
        if (a == SIZE_MAX || b == SIZE_MAX)
            continue;
        if (piece && a <= b && b <= len) {
            /* mtl_norm_part's trimming, the fold read from the line's */
            if (a < b && nm->tmp[a] == ' ')
                a++;
            while (b > a && mtl_dup_trailing(nm->tmp[b - 1]))
                b--;
            if (b <= to) {
                sent_h[which[j]] = mtl_dup_hash_norm(f + a, b - a);
                continue;
            }
        }
        sent_h[which[j]] =
            mtl_dup_hash_norm(buf, mtl_norm_part(nm, at[2 * j],
                                                 at[2 * j + 1], buf, cap));
    }
    return h;
}

/* Looks up @p h; inserts it with @p idx when absent.  Returns the index of
 * the first copy, or -1 when this is the first. */
static long
mtl_dup_seen(mtl_dup_slot *tab, size_t mask, uint64_t h, uint32_t idx)
{
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        if (tab[i].hash == h)
            return (long)tab[i].first;
        if (tab[i].hash == 0) {
            tab[i].hash = h;
            tab[i].first = idx;
            return -1;
        }
    }
}

/* Marks the lines of @p sp in @p flagged. */
static void
mtl_dup_mark_lines(const mtl_doc *doc, const mtl_span *sp, uint8_t *flagged)
{
    if (sp->tok_count == 0)
        return;
    uint32_t a = doc->toks[sp->tok_first].line;
    uint32_t b = doc->toks[sp->tok_first + sp->tok_count - 1].line;
    for (uint32_t l = a; l <= b && l <= doc->nlines; l++)
        if (l >= 1)
            flagged[l - 1] = 1;
}

/* A sentence whose start is printed again inside it needs this many
 * words repeated. */
#define MTL_DUP_RESTART_WORDS 5

/*
 * "The scanners also record the plates of The scanners also record the
 * plates of every vehicle": the start of sentence @p sp, five words or
 * more, printed again at once inside it, the copy's first word
 * capitalised after a lower-case word and a space (an extractor that cut
 * a sentence and read it again).  The copy is flagged.
 */
static void
mtl_dup_restart(const mtl_doc *doc, const mtl_span *sp, mtl_flags *out)
{
    const mtl_token *t = doc->toks;
    size_t a = sp->tok_first, end = a + sp->tok_count;
    if (sp->tok_count < 2 * MTL_DUP_RESTART_WORDS ||
        t[a].kind != MTL_TOK_WORD || !(t[a].flags & MTL_TF_UPPER_START))
        return;
    const char *first = doc->text + t[a].start;
    size_t fl = t[a].len;
    for (size_t i = a + MTL_DUP_RESTART_WORDS; i < end; i++) {
        /* the first byte before the call: it tells most words apart */
        if (t[i].len != fl || doc->text[t[i].start] != first[0] ||
            memcmp(doc->text + t[i].start, first, fl) != 0)
            continue;
        const mtl_token *p = &t[i - 1];
        if (!(t[i].flags & MTL_TF_SPACE_BEFORE) || p->kind != MTL_TOK_WORD ||
            p->casing != MTL_CASE_LOWER || 2 * i - a > end)
            continue;
        /* tokens [a, i) again at [i, 2i - a), spaced alike */
        size_t words = 0, k = 0;
        for (; a + k < i; k++) {
            const mtl_token *x = &t[a + k], *y = &t[i + k];
            if (x->len != y->len || x->kind != y->kind ||
                memcmp(doc->text + x->start, doc->text + y->start, x->len) !=
                    0 ||
                (k > 0 && (x->flags & MTL_TF_SPACE_BEFORE) !=
                              (y->flags & MTL_TF_SPACE_BEFORE)))
                break;
            words += x->kind == MTL_TOK_WORD;
        }
        if (a + k < i || words < MTL_DUP_RESTART_WORDS)
            continue;
        mtl_flags_add(out, MTL_RULE_DUP_SENTENCE, t[i].start,
                      t[2 * i - a - 1].start + t[2 * i - a - 1].len,
                      "the start of the sentence printed again inside it: "
                      "a cut-off copy",
                      NULL);
        return;
    }
}

/* In the table of long sentences: the first copy is the head of
 * sentence first & ~MTL_DUP_HEAD (mtl_dup_head). */
#define MTL_DUP_HEAD 0x80000000u

/* The head of sentence @p sp into @p head: its tokens up to the first
 * full stop glued to a word of four letters or more and followed by a
 * word in lower case, where a sentence break was lost ("jewellery. still,
 * the"); not after the short words of most abbreviations ("U.S. and",
 * "etc. and", "z. B. die"), whose heads would cost a hash each for
 * nothing.  False when there is none. */
static bool
mtl_dup_head(const mtl_doc *doc, const mtl_span *sp, mtl_span *head)
{
    /* the full stops inside it, found in its bytes (most sentences have
     * none but their last), then their tokens */
    const char *text = doc->text;
    size_t from = sp->start, to = sp->end;
    /* a head of MTL_DUP_SENT_WORDS words, its full stop, a word after */
    if (sp->tok_count < MTL_DUP_SENT_WORDS + 2)
        return false;
    uint32_t lo = sp->tok_first + 1, end = sp->tok_first + sp->tok_count;
    while (from + 2 < to) {
        const char *p = memchr(text + from, '.', to - 2 - from);
        if (!p)
            return false;
        size_t at = (size_t)(p - text);
        from = at + 1;
        if (text[at + 1] != ' ' || at == sp->start)
            continue;
        /* the token of the full stop */
        size_t t = mtl_doc_token_from(doc, lo, at);
        if (t + 1 >= end || doc->toks[t].start != at || doc->toks[t].len != 1)
            continue;
        lo = (uint32_t)t;
        const mtl_token *w = &doc->toks[t + 1], *q = &doc->toks[t - 1];
        if (!mtl_tok_glued_prev(doc, t) || mtl_tok_glued_prev(doc, t + 1) ||
            !mtl_tok_is_word(q) || q->nchars < 4 || !mtl_tok_is_word(w) ||
            w->casing != MTL_CASE_LOWER)
            continue;
        *head = *sp;
        head->end = at + 1;
        head->tok_count = (uint32_t)(t + 1 - sp->tok_first);
        return true;
    }
    return false;
}

static void
mtl_dup_run(const void *state, mtl_checker *ck, const mtl_doc *doc,
            const mtl_batch *batch, mtl_flags *out)
{
    (void)state;
    (void)batch;
    char buf[4096];
    mtl_norm nm;
    size_t slots = 64;
    size_t need = doc->nlines + doc->nparas;
    while (slots < need * 2)
        slots *= 2;
    mtl_dup_slot *tab = mtl_checker_scratch(ck, 0, slots * sizeof *tab);
    memset(tab, 0, slots * sizeof *tab);
    /* lines flagged as copies, or inside a flagged paragraph */
    uint8_t *flagged = mtl_checker_scratch(ck, 1, doc->nlines + 1);
    memset(flagged, 0, doc->nlines + 1);

    /* paragraphs of several lines first; their lines are then skipped */
    uint32_t skip_until = 0;
    for (size_t p = 0; p < doc->nparas; p++) {
        const mtl_span *sp = &doc->paras[p];
        if (sp->tok_count == 0)
            continue;
        /* only multi-line paragraphs here */
        const char *nl = memchr(doc->text + sp->start, '\n',
                                sp->end - sp->start);
        if (!nl)
            continue;
        uint64_t h = mtl_dup_hash_span(doc, sp, buf, sizeof buf,
                                       MTL_DUP_MIN_WORDS);
        if (!h)
            continue;
        h ^= 0x9E3779B97F4A7C15ULL; /* keep apart from line hashes */
        long first = mtl_dup_seen(tab, slots - 1, mtl_hash_key(h), (uint32_t)p);
        if (first >= 0) {
            size_t l, c;
            mtl_doc_linecol(doc, doc->paras[first].start, &l, &c);
            mtl_flags_addf(out, MTL_RULE_DUP_PARAGRAPH, sp->start, sp->end,
                           NULL, "paragraph repeated from line %zu", l);
            mtl_dup_mark_lines(doc, sp, flagged);
            if (sp->end > skip_until)
                skip_until = sp->end;
        }
    }
    /* the hashes of the sentences, from their lines where they can be
     * (MTL_DUP_NOT_YET: normalised alone below) */
    uint64_t *sent_h = mtl_checker_scratch(
        ck, 3, (doc->nsents ? doc->nsents : 1) * sizeof *sent_h);
    for (size_t k = 0; k < doc->nsents; k++)
        sent_h[k] = MTL_DUP_NOT_YET;
    size_t sk = 0;
    for (size_t i = 0; i < doc->nlines; i++) {
        const mtl_span *sp = &doc->lines[i];
        if (sp->tok_count == 0 || sp->start < skip_until ||
            !mtl_dup_words(doc, sp, MTL_DUP_MIN_WORDS))
            continue;
        uint64_t h = mtl_dup_hash_line(doc, sp, &nm, buf, sizeof buf, &sk,
                                       sent_h, tab, slots - 1, &ck->folds);
        if (!h)
            continue;
        long first = mtl_dup_seen(tab, slots - 1, h, (uint32_t)i);
        if (first >= 0 && !mtl_dup_refrain(doc, sp)) {
            mtl_flags_addf(out, MTL_RULE_DUP_LINE, sp->start, sp->end, NULL,
                           "line repeated from line %ld", first + 1);
            flagged[i] = 1;
        }
    }

    for (size_t k = 0; k < doc->nsents; k++)
        mtl_dup_restart(doc, &doc->sents[k], out);
    if (doc->nsents < 2)
        return;
    /* a sentence printed again right after itself, on the same line (an
     * extractor that read a block twice): eight words are enough; the
     * long-sentence pass below skips the copies flagged here */
    for (size_t k = 1; k < doc->nsents; k++) {
        const mtl_span *a = &doc->sents[k - 1], *b = &doc->sents[k];
        /* cheap tests first: as many tokens, as many bytes, one line */
        if (a->tok_count == 0 || a->tok_count != b->tok_count ||
            a->end - a->start != b->end - b->start || a->end > b->start ||
            memchr(doc->text + a->start, '\n', b->end - a->start) ||
            !mtl_dup_words(doc, a, MTL_DUP_ADJ_WORDS))
            continue;
        uint32_t line = doc->toks[b->tok_first].line;
        if (line < 1 || line > doc->nlines || flagged[line - 1])
            continue;
        size_t half = sizeof buf / 2;
        size_t la = mtl_normalise_line(doc->text + a->start, a->end - a->start,
                                       buf, half);
        size_t lb = mtl_normalise_line(doc->text + b->start, b->end - b->start,
                                       buf + half, half);
        if (la == (size_t)-1 || la != lb || la < MTL_DUP_MIN_BYTES ||
            memcmp(buf, buf + half, la) != 0)
            continue;
        sent_h[k] = 0; /* not looked at again below */
        mtl_flags_addf(out, MTL_RULE_DUP_SENTENCE, b->start, b->end, NULL,
                       "sentence printed twice in a row");
    }
    /* long sentences repeated: not on a line flagged above (a copy of a
     * whole line is the line rule's), the first copy inside running text */
    /* the sentences, and the heads of at most half of them (load factor
     * under 3/4) */
    slots = 64;
    while (slots < doc->nsents * 2)
        slots *= 2;
    size_t heads = 0;
    tab = mtl_checker_scratch(ck, 2, slots * sizeof *tab);
    memset(tab, 0, slots * sizeof *tab);
    for (size_t k = 0; k < doc->nsents; k++) {
        const mtl_span *sp = &doc->sents[k];
        if (sp->tok_count == 0)
            continue;
        uint32_t line = doc->toks[sp->tok_first].line;
        if (line < 1 || line > doc->nlines || flagged[line - 1])
            continue;
        uint64_t h = sent_h[k] != MTL_DUP_NOT_YET
                         ? sent_h[k]
                         : mtl_dup_hash_span(doc, sp, buf, sizeof buf,
                                             MTL_DUP_SENT_WORDS);
        if (!h)
            continue;
        h = mtl_hash_key(h ^ 0xC2B2AE3D27D4EB4FULL);
        long first = mtl_dup_seen(tab, slots - 1, h, (uint32_t)k);
        /* a full stop inside it before a word in lower case ("...
         * jewellery. still, the archaeologists"): the sentence before it
         * may be printed again alone, and is kept as well, marked as such
         * (inside running text, which goes on after it) */
        mtl_span head;
        if (heads < doc->nsents / 2 && mtl_dup_head(doc, sp, &head)) {
            heads++;
            uint64_t hh = mtl_dup_hash_span(doc, &head, buf, sizeof buf,
                                            MTL_DUP_SENT_WORDS);
            if (hh)
                (void)mtl_dup_seen(tab, slots - 1,
                                   mtl_hash_key(hh ^ 0xC2B2AE3D27D4EB4FULL),
                                   (uint32_t)k | MTL_DUP_HEAD);
        }
        if (first < 0)
            continue;
        bool in_head = (uint32_t)first & MTL_DUP_HEAD;
        first &= ~(long)MTL_DUP_HEAD;
        /* a headline restated in a caption or a standfirst is the page's
         * own layout: the first copy must stand inside running text */
        const mtl_span *fs = &doc->sents[first];
        uint32_t fl = doc->toks[fs->tok_first].line;
        if (!in_head && fl >= 1 && fl <= doc->nlines &&
            doc->lines[fl - 1].start == fs->start &&
            doc->lines[fl - 1].end <= fs->end)
            continue;
        size_t l, c;
        mtl_doc_linecol(doc, doc->sents[first].start, &l, &c);
        mtl_flags_addf(out, MTL_RULE_DUP_SENTENCE, sp->start, sp->end, NULL,
                       "sentence repeated from line %zu", l);
    }
}

const mtl_detector mtl_detector_duplicates = {
    .name = "duplicates",
    .category = "duplicate",
    .description = "a line or paragraph repeated in the document (title or "
                   "caption printed twice), a long sentence repeated inside "
                   "other text, a sentence printed twice in a row: every "
                   "copy after the first",
    .load = NULL,
    .run = mtl_dup_run,
    .unload = NULL,
    .observe = NULL,
};
