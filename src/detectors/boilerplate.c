/*
 * boilerplate.c - the `boilerplate` detector (category `boilerplate`): page
 * furniture that a scraper left in the article text.
 *
 * Rules (flags.def):
 *   teaser     a line that starts with a related-content cue ("See also",
 *              "READ", "Lire aussi") followed by a separator and another
 *              article's headline; a cue alone on its line (a dangling
 *              label) and the headline line right after it.
 *   widget     a line (or a sentence of three words or more) that is
 *              exactly a phrase of lexicons/<lang>/boilerplate.txt: share,
 *              comment-form, reading-time, update-stamp, byline,
 *              author-box, newsletter, cookie, advertising, navigation;
 *              phrases may hold <n> (a number) and end in <date> (a date
 *              or time stamp), <name> (a person or agency) or <...> (the
 *              rest of the line).  Breadcrumb and menu bars ("Home ›
 *              News › World") too.
 *   structural a block of five or more short stand-alone lines with no
 *              sentence punctuation (a navigation menu): each line of it.
 *   repeated-across-documents
 *              a line found in many documents of the batch (site
 *              furniture), read from the batch context's line counts.
 *
 * Phrases are compared as sequences of items: case-folded words, "#" for
 * a number, "©"; other punctuation and the amount of white space do not
 * matter.  Each phrase (or phrase prefix) is stored as a 64-bit hash of
 * its item string in one open-addressing table per language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "../batch.h"
#include "../engine.h"
#include "../lexicon/lexicon.h"
#include "../util/util.h"
#include "detector.h"

/* ------------------------------------------------------------- kinds */

enum {
    BP_K_TEASER = 0,
    BP_K_SHARE,
    BP_K_COMMENT,
    BP_K_READTIME,
    BP_K_UPDATE,
    BP_K_BYLINE,
    BP_K_AUTHOR,
    BP_K_NEWSLETTER,
    BP_K_COOKIE,
    BP_K_ADVERT,
    BP_K_NAV,
    BP_K__COUNT
};

static const char *const bp_kind_names[BP_K__COUNT] = {
    "teaser-cue", "share",  "comment-form", "reading-time",
    "update-stamp", "byline", "author-box", "newsletter",
    "cookie",     "advertising", "navigation",
};

static const char *const bp_kind_labels[BP_K__COUNT] = {
    "related-content cue", "share or social widget", "comment form",
    "reading-time widget", "update stamp", "byline", "author box",
    "newsletter sign-up", "cookie notice", "advertising label",
    "navigation",
};

/* Entry types: how a stored item string is matched. */
enum {
    BP_T_PHRASE = 1, /* the whole line or sentence */
    BP_T_CUE = 2,    /* teaser cue at the start of a line */
    BP_T_DATE = 3,   /* prefix, then a date or time stamp */
    BP_T_NAME = 4,   /* prefix, then a name */
    BP_T_REST = 5    /* prefix, then anything */
};

#define BP_MAX_ITEMS 48    /* items kept per line */
#define BP_ITEMBUF 2048    /* bytes of item string */
#define BP_MAX_PREFIX 12   /* longest prefix (items) looked up */
#define BP_RUN_MIN 5       /* lines in a menu block */
#define BP_SHORT_WORDS 4   /* words in a menu line */
#define BP_SHORT_BYTES 50  /* bytes in a menu line */
#define BP_REPEAT_MAX_WORDS 60

typedef struct bp_slot {
    uint64_t key;     /* 0 = empty */
    const char *text; /* the entry as written in the lexicon */
    uint8_t kind;
    uint8_t type;
    uint8_t nitems;
} bp_slot;

typedef struct bp_state {
    bp_slot *tab;
    size_t mask;
    size_t n;
    unsigned max_prefix; /* longest cue or prefix, in items */
    bool strong_only;    /* teasers need a strong separator (German) */
    mtl_lexicon *own_en; /* English fallback loaded here, or NULL */
} bp_state;

/* --------------------------------------------------------- item strings */

static bool
bp_is_word_cp(int32_t cp)
{
    if (cp < 0)
        return false;
    if (u_isalnum((UChar32)cp))
        return true;
    int8_t t = u_charType((UChar32)cp);
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
           t == U_ENCLOSING_MARK;
}

static bool
bp_is_letter_cp(int32_t cp)
{
    return cp >= 0 && (u_isalpha((UChar32)cp) || bp_is_word_cp(cp)) &&
           !u_isdigit((UChar32)cp);
}

/* Appends a case-folded word to buf (with a separating space); turns the
 * right single quote into an apostrophe.  Returns false when full. */
static bool
bp_append_word(char *buf, size_t cap, size_t *o, const char *s, size_t len)
{
    char tmp[256];
    if (len >= sizeof tmp / 2)
        return false;
    size_t n = mtl_utf8_fold(s, len, tmp, sizeof tmp);
    if (n == (size_t)-1)
        return false;
    if (*o + n + 2 >= cap)
        return false;
    if (*o > 0)
        buf[(*o)++] = ' ';
    for (size_t i = 0; i < n; i++) {
        if (i + 2 < n && (unsigned char)tmp[i] == 0xE2 &&
            (unsigned char)tmp[i + 1] == 0x80 &&
            (unsigned char)tmp[i + 2] == 0x99) {
            buf[(*o)++] = '\'';
            i += 2;
        } else {
            buf[(*o)++] = tmp[i];
        }
    }
    buf[*o] = '\0';
    return true;
}

static bool
bp_append_lit(char *buf, size_t cap, size_t *o, const char *lit)
{
    size_t n = strlen(lit);
    if (*o + n + 2 >= cap)
        return false;
    if (*o > 0)
        buf[(*o)++] = ' ';
    memcpy(buf + *o, lit, n);
    *o += n;
    buf[*o] = '\0';
    return true;
}

/*
 * Turns a lexicon phrase into its item string, the way the tokenizer would
 * cut it: runs of letters and digits (joined across ' ’ . : between
 * letters, and across . , between digits) are items; a run without a
 * letter is a number ("#"); "<n>" is a number; a final "<date>", "<name>"
 * or "<...>" sets the type.  Returns the item count, 0 when unusable.
 */
static unsigned
bp_pattern_items(const char *s, size_t len, char *out, size_t cap, int *type)
{
    size_t o = 0, i = 0;
    unsigned items = 0;
    *type = BP_T_PHRASE;
    out[0] = '\0';
    while (i < len) {
        if (s[i] == '<') {
            const char *gt = memchr(s + i, '>', len - i);
            if (gt) {
                size_t ml = (size_t)(gt - (s + i)) + 1;
                if (ml == 3 && s[i + 1] == 'n') {
                    if (!bp_append_lit(out, cap, &o, "#"))
                        return 0;
                    items++;
                    i += ml;
                    continue;
                }
                int t = 0;
                if (ml == 6 && memcmp(s + i, "<date>", 6) == 0)
                    t = BP_T_DATE;
                else if (ml == 6 && memcmp(s + i, "<name>", 6) == 0)
                    t = BP_T_NAME;
                else if (ml == 5 && memcmp(s + i, "<...>", 5) == 0)
                    t = BP_T_REST;
                if (t) {
                    /* must be last */
                    for (size_t j = i + ml; j < len; j++)
                        if (!mtl_is_ascii_space((unsigned char)s[j]))
                            return 0;
                    *type = t;
                    break;
                }
            }
        }
        size_t st = i;
        int32_t cp = mtl_utf8_next(s, len, &i);
        if (!bp_is_word_cp(cp)) {
            if (cp == 0xA9) { /* © */
                if (!bp_append_lit(out, cap, &o, "\xC2\xA9"))
                    return 0;
                items++;
            }
            continue;
        }
        /* a word or number run */
        bool letter = bp_is_letter_cp(cp);
        size_t end = i;
        int32_t prev = cp;
        for (;;) {
            size_t j = end;
            if (j >= len)
                break;
            int32_t c = mtl_utf8_next(s, len, &j);
            if (bp_is_word_cp(c)) {
                letter |= bp_is_letter_cp(c);
                prev = c;
                end = j;
                continue;
            }
            bool mid_letter = c == '\'' || c == 0x2019 || c == '.' ||
                              c == ':';
            bool mid_num = c == '.' || c == ',';
            size_t k = j;
            int32_t nx = k < len ? mtl_utf8_next(s, len, &k) : -1;
            if (mid_letter && bp_is_letter_cp(prev) && bp_is_letter_cp(nx)) {
                end = k;
                prev = nx;
                continue;
            }
            if (mid_num && prev >= 0 && u_isdigit(prev) && nx >= 0 &&
                u_isdigit(nx)) {
                end = k;
                prev = nx;
                continue;
            }
            break;
        }
        bool okp = letter ? bp_append_word(out, cap, &o, s + st, end - st)
                          : bp_append_lit(out, cap, &o, "#");
        if (!okp)
            return 0;
        items++;
        i = end;
    }
    return items;
}

/* Item string of tokens [first, last) of the document.  off[k] is the
 * string length after item k+1, tok[k] the token of item k (first
 * BP_MAX_ITEMS items).  Returns the item count (counting on past the
 * kept ones, stopping past @p stop); *full is set when the string
 * could not hold them all. */
static unsigned
bp_line_items(const mtl_doc *doc, size_t first, size_t last, char *buf,
              size_t cap, uint16_t *off, uint32_t *tok, size_t *len,
              bool *full, unsigned stop)
{
    size_t o = 0;
    unsigned items = 0;
    *full = false;
    buf[0] = '\0';
    for (size_t t = first; t < last; t++) {
        const mtl_token *tk = &doc->toks[t];
        bool ok = true, item = true;
        switch (tk->kind) {
        case MTL_TOK_WORD:
        case MTL_TOK_IDEO:
        case MTL_TOK_KANA:
            if (!*full)
                ok = bp_append_word(buf, cap, &o, doc->text + tk->start,
                                    tk->len);
            break;
        case MTL_TOK_NUMBER:
            if (!*full)
                ok = bp_append_lit(buf, cap, &o, "#");
            break;
        case MTL_TOK_PUNCT:
            if (tk->len == 2 && (unsigned char)doc->text[tk->start] == 0xC2 &&
                (unsigned char)doc->text[tk->start + 1] == 0xA9) {
                if (!*full)
                    ok = bp_append_lit(buf, cap, &o, "\xC2\xA9");
            } else {
                item = false;
            }
            break;
        default:
            item = false;
        }
        if (!item)
            continue;
        if (items > stop)
            break; /* enough: the caller only needs to know it is long */
        if (!ok)
            *full = true;
        if (items < BP_MAX_ITEMS && !*full) {
            off[items] = (uint16_t)o;
            tok[items] = (uint32_t)t;
        } else if (items < BP_MAX_ITEMS) {
            *full = true;
        }
        items++;
    }
    *len = o;
    return items;
}

/* ------------------------------------------------------------ the table */

static uint64_t
bp_key(const char *s, size_t n, int type)
{
    return mtl_hash64(s, n, (uint64_t)type * 0x9E3779B97F4A7C15ULL) | 1;
}

static const bp_slot *
bp_find(const bp_state *st, const char *s, size_t n, int type)
{
    if (!st || !st->tab)
        return NULL;
    uint64_t k = bp_key(s, n, type);
    for (size_t i = k & st->mask;; i = (i + 1) & st->mask) {
        if (st->tab[i].key == k)
            return &st->tab[i];
        if (st->tab[i].key == 0)
            return NULL;
    }
}

static void
bp_insert(bp_state *st, uint64_t k, const char *text, int kind, int type,
          unsigned nitems)
{
    for (size_t i = k & st->mask;; i = (i + 1) & st->mask) {
        if (st->tab[i].key == k)
            return; /* first entry wins */
        if (st->tab[i].key == 0) {
            st->tab[i].key = k;
            st->tab[i].text = text;
            st->tab[i].kind = (uint8_t)kind;
            st->tab[i].type = (uint8_t)type;
            st->tab[i].nitems = (uint8_t)(nitems > 255 ? 255 : nitems);
            st->n++;
            return;
        }
    }
}

static int
bp_kind_of(const char *section)
{
    for (int k = 0; k < BP_K__COUNT; k++)
        if (strcmp(section, bp_kind_names[k]) == 0)
            return k;
    return -1;
}

/* Adds a lexicon's entries.  @p fallback: only phrases of two items or
 * more, no bylines (an English list used for another language). */
static void
bp_add_lexicon(bp_state *st, mtl_engine *engine, const mtl_lexicon *lex,
               bool fallback)
{
    size_t n = 0;
    const mtl_lex_entry *e = mtl_lexicon_entries(lex, &n);
    char buf[BP_ITEMBUF];
    for (size_t i = 0; i < n; i++) {
        int kind = bp_kind_of(e[i].section);
        if (kind < 0) {
            mtl_engine_log(engine, MTL_LOG_WARNING,
                           "boilerplate.txt:%u: unknown section [%s]",
                           e[i].line, e[i].section);
            continue;
        }
        int type;
        unsigned items = bp_pattern_items(e[i].text, e[i].len, buf,
                                          sizeof buf, &type);
        if (items == 0 || items > BP_MAX_ITEMS)
            continue;
        if (fallback && (items < 2 || kind == BP_K_BYLINE))
            continue;
        size_t bl = strlen(buf);
        if (type != BP_T_PHRASE && items > BP_MAX_PREFIX)
            continue;
        if (kind == BP_K_TEASER) {
            bp_insert(st, bp_key(buf, bl, BP_T_PHRASE), e[i].text, kind,
                      BP_T_PHRASE, items);
            if (items <= BP_MAX_PREFIX) {
                bp_insert(st, bp_key(buf, bl, BP_T_CUE), e[i].text, kind,
                          BP_T_CUE, items);
                if (items > st->max_prefix)
                    st->max_prefix = items;
            }
            continue;
        }
        bp_insert(st, bp_key(buf, bl, type), e[i].text, kind, type, items);
        if (type != BP_T_PHRASE && items > st->max_prefix)
            st->max_prefix = items;
    }
}

static int
bp_load(mtl_engine *engine, const mtl_lang *lang, void **state)
{
    const mtl_lexicon *lex = mtl_lang_lexicon(lang, "boilerplate");
    const char *primary = mtl_lang_primary(lang);
    bp_state *st = mtl_xcalloc(1, sizeof *st);
    st->strong_only = strcmp(primary, "de") == 0;

    /* English furniture is common on sites in other languages */
    if (strcmp(primary, "en") != 0) {
        char path[4096];
        for (size_t i = 0; i < engine->npaths && !st->own_en; i++) {
            snprintf(path, sizeof path, "%s/en/boilerplate.txt",
                     engine->paths[i]);
            FILE *f = fopen(path, "rb");
            if (!f)
                continue;
            fclose(f);
            mtl_error err;
            st->own_en = mtl_lexicon_load(path, &err);
        }
    }
    size_t total = 0, n = 0;
    if (lex) {
        mtl_lexicon_entries(lex, &n);
        total += n;
    }
    if (st->own_en) {
        mtl_lexicon_entries(st->own_en, &n);
        total += n;
    }
    size_t slots = 64;
    while (slots < total * 4)
        slots *= 2;
    st->tab = mtl_xcalloc(slots, sizeof *st->tab);
    st->mask = slots - 1;
    if (lex)
        bp_add_lexicon(st, engine, lex, false);
    if (st->own_en)
        bp_add_lexicon(st, engine, st->own_en, true);
    *state = st;
    return MTL_OK;
}

static void
bp_unload(void *state)
{
    bp_state *st = state;
    if (!st)
        return;
    free(st->tab);
    mtl_lexicon_free(st->own_en);
    free(st);
}

/* ------------------------------------------------------------- helpers */

static int32_t
bp_tok_cp(const mtl_doc *doc, const mtl_token *t)
{
    return (int32_t)mtl_tok_first_cp(doc, t);
}

static bool
bp_is_quote_cp(int32_t cp)
{
    return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E ||
           cp == 0x201F || cp == 0x300C || cp == 0x300D;
}

static bool
bp_is_item_tok(const mtl_token *t)
{
    return t->kind == MTL_TOK_WORD || t->kind == MTL_TOK_NUMBER ||
           t->kind == MTL_TOK_IDEO || t->kind == MTL_TOK_KANA;
}

/* Sentence-final punctuation. */
static bool
bp_is_final_cp(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == 0x3002 ||
           cp == 0xFF01 || cp == 0xFF1F || cp == 0x2026;
}

/* A separator between a teaser cue and its headline. */
static bool
bp_is_sep_cp(int32_t cp)
{
    return cp == ':' || cp == '-' || cp == 0x2013 || cp == 0x2014 ||
           cp == '|' || cp == 0xBB || cp == 0x203A || cp == '>' ||
           cp == 0x2022 || cp == '/' || cp == 0x25BA || cp == 0x25B6 ||
           cp == 0xFF1A;
}

/* True if the bytes [a, b) hold a strong separator: a separator
 * character, two white-space characters, a tab or a non-ASCII space. */
static bool
bp_strong_gap(const char *s, size_t a, size_t b)
{
    unsigned spaces = 0;
    size_t i = a;
    while (i < b) {
        size_t st = i;
        int32_t cp = mtl_utf8_next(s, b, &i);
        if (bp_is_sep_cp(cp))
            return true;
        if (cp == '\t' || (mtl_cp_is_space(cp) && i - st > 1))
            return true;
        if (mtl_cp_is_space(cp))
            spaces++;
    }
    return spaces >= 2;
}

/* A headline may start here: a capital, a digit, a quote or a letter of
 * a script without case. */
static bool
bp_headline_start(const mtl_doc *doc, const mtl_token *t)
{
    if (t->kind == MTL_TOK_NUMBER || t->kind == MTL_TOK_IDEO ||
        t->kind == MTL_TOK_KANA)
        return true;
    if (t->kind == MTL_TOK_PUNCT)
        return bp_is_quote_cp(bp_tok_cp(doc, t)) ||
               bp_tok_cp(doc, t) == 0x2018 || bp_tok_cp(doc, t) == 0xAB;
    if (t->kind != MTL_TOK_WORD)
        return false;
    if (t->flags & MTL_TF_UPPER_START)
        return true;
    return t->casing == MTL_CASE_NONE;
}

static const char *const bp_name_links[] = {
    "de", "da", "do", "dos", "das", "del", "della", "di", "van", "von",
    "der", "den", "le", "la", "y", "e", "et", "and", "und", "ed", "bin",
    "al", "el", "du", "des", "ten", "ter", "af", "zu", NULL};

static bool
bp_name_link(const mtl_doc *doc, const mtl_token *t)
{
    for (int i = 0; bp_name_links[i]; i++)
        if (mtl_tok_is(doc, t, bp_name_links[i]))
            return true;
    return false;
}

/* Tokens [a, b) look like a person's or agency's name. */
static bool
bp_rest_is_name(const mtl_doc *doc, size_t a, size_t b)
{
    unsigned words = 0, caps = 0;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_NUMBER || (tk->flags & MTL_TF_DIGIT))
            return false;
        if (tk->kind == MTL_TOK_PUNCT) {
            int32_t cp = bp_tok_cp(doc, tk);
            if (bp_is_quote_cp(cp) || cp == '!' || cp == '?' || cp == ';')
                return false;
            continue;
        }
        if (tk->kind != MTL_TOK_WORD)
            return false;
        words++;
        if (tk->flags & MTL_TF_UPPER_START)
            caps++;
        else if (!bp_name_link(doc, tk))
            return false;
    }
    /* a final full stop after a word longer than an initial */
    if (b > a + 1 && mtl_tok_is_char(doc, &doc->toks[b - 1], '.') &&
        doc->toks[b - 2].nchars > 1)
        return false;
    return words >= 1 && words <= 6 && caps >= 1 &&
           mtl_tok_glued_prev(doc, a) == false;
}

/* Tokens [a, b) look like a date or time stamp. */
static bool
bp_rest_is_date(const mtl_doc *doc, size_t a, size_t b)
{
    unsigned digits = 0, words = 0, items = 0;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_PUNCT) {
            if (bp_is_quote_cp(bp_tok_cp(doc, tk)))
                return false;
            continue;
        }
        items++;
        if (tk->kind == MTL_TOK_NUMBER || (tk->flags & MTL_TF_DIGIT))
            digits++;
        else
            words++;
    }
    return digits >= 1 && words <= 6 && items <= 14;
}

/* First and last token of line @p i (last exclusive). */
static void
bp_line_toks(const mtl_doc *doc, size_t i, size_t *a, size_t *b)
{
    *a = doc->lines[i].tok_first;
    *b = *a + doc->lines[i].tok_count;
}

static bool
bp_has_quote(const mtl_doc *doc, size_t a, size_t b)
{
    for (size_t t = a; t < b; t++)
        if (doc->toks[t].kind == MTL_TOK_PUNCT &&
            bp_is_quote_cp(bp_tok_cp(doc, &doc->toks[t])))
            return true;
    return false;
}

static int32_t
bp_last_cp(const mtl_doc *doc, size_t b)
{
    const mtl_token *t = &doc->toks[b - 1];
    size_t i = t->start + t->len;
    return mtl_utf8_prev(doc->text, &i);
}

/* A line that starts like an item of an article's list. */
static bool
bp_list_marker(const mtl_doc *doc, size_t a, size_t b)
{
    const mtl_token *t = &doc->toks[a];
    if (t->kind == MTL_TOK_PUNCT) {
        int32_t cp = bp_tok_cp(doc, t);
        return cp == '-' || cp == '*' || cp == 0x2022 || cp == 0x2013 ||
               cp == 0x2014 || cp == 0xB7 || cp == 0x25AA || cp == 0x25CF;
    }
    if (t->kind == MTL_TOK_NUMBER && a + 1 < b) {
        const mtl_token *n = &doc->toks[a + 1];
        return mtl_tok_glued_prev(doc, a + 1) &&
               (mtl_tok_is_char(doc, n, '.') || mtl_tok_is_char(doc, n, ')'));
    }
    return false;
}

/* Line states kept for the second pass. */
enum {
    BP_L_BLANK = 1,
    BP_L_FLAGGED = 2, /* flagged by teaser or widget */
    BP_L_SHORT = 4,   /* could be a menu entry */
    BP_L_NUMBER = 8   /* has a number */
};

/* Breadcrumb or menu bar: three or more short segments split by the same
 * separator (› » > | / • ·) written with spaces around it. */
static bool
bp_breadcrumb(const mtl_doc *doc, size_t a, size_t b)
{
    int32_t sep = 0;
    unsigned segs = 1, words = 0, maxw = 0, seps = 0;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_PUNCT) {
            int32_t cp = bp_tok_cp(doc, tk);
            bool is_sep = cp == 0x203A || cp == 0xBB || cp == '>' ||
                          cp == '|' || cp == '/' || cp == 0x2022 ||
                          cp == 0xB7;
            if (is_sep && (tk->flags & MTL_TF_SPACE_BEFORE) && t + 1 < b &&
                (doc->toks[t + 1].flags & MTL_TF_SPACE_BEFORE)) {
                if (sep && cp != sep)
                    return false;
                sep = cp;
                if (words == 0)
                    return false;
                if (words > maxw)
                    maxw = words;
                words = 0;
                segs++;
                seps++;
                continue;
            }
            if (bp_is_final_cp(cp) || bp_is_quote_cp(cp) || cp == ',')
                return false;
            continue;
        }
        if (bp_is_item_tok(tk))
            words++;
    }
    if (words == 0 || seps < 2)
        return false;
    if (words > maxw)
        maxw = words;
    return segs >= 3 && maxw <= 4;
}

/* --------------------------------------------------------------- checks */

typedef struct bp_ctx {
    const bp_state *st;
    const mtl_doc *doc;
    mtl_flags *out;
    char buf[BP_ITEMBUF];
    uint16_t off[BP_MAX_ITEMS];
    uint32_t tok[BP_MAX_ITEMS];
} bp_ctx;

/* Longest prefix of the item string (k items, 1..max) stored as @p type;
 * *k gets its item count. */
static const bp_slot *
bp_longest_prefix(bp_ctx *c, unsigned items, unsigned kept, int type,
                  unsigned maxk, unsigned *k)
{
    const bp_slot *best = NULL;
    unsigned lim = items < maxk ? items : maxk;
    if (lim > kept)
        lim = kept;
    if (lim > c->st->max_prefix)
        lim = c->st->max_prefix;
    for (unsigned j = 1; j <= lim; j++) {
        const bp_slot *s = bp_find(c->st, c->buf, c->off[j - 1], type);
        if (s) {
            best = s;
            *k = j;
        }
    }
    return best;
}

/* Teaser at tokens [a, b) (a line, or a sentence to the end of its line).
 * Returns 1 for a teaser, 2 for a dangling cue, 0 otherwise. */
static int
bp_teaser(bp_ctx *c, size_t a, size_t b, unsigned items, unsigned kept,
          bool line_start, const bp_slot **cue_out)
{
    const mtl_doc *doc = c->doc;
    unsigned k = 0;
    const bp_slot *cue =
        bp_longest_prefix(c, items, kept, BP_T_CUE, BP_MAX_PREFIX, &k);
    if (!cue)
        return 0;
    *cue_out = cue;
    /* the cue must start the span */
    if (c->tok[0] != a && !(c->tok[0] == a + 1 &&
                            doc->toks[a].kind == MTL_TOK_PUNCT &&
                            !bp_is_quote_cp(bp_tok_cp(doc, &doc->toks[a]))))
        return 0;
    if (k == items)
        return line_start ? 2 : 0;
    if (items > 40 || k >= kept)
        return 0;
    const mtl_token *last = &doc->toks[c->tok[k - 1]];
    const mtl_token *head = &doc->toks[c->tok[k]];
    /* the first token after the cue (punctuation included) */
    size_t nt = c->tok[k - 1] + 1;
    if (!bp_headline_start(doc, head)) {
        /* an opening quote before the headline */
        if (!(nt < c->tok[k] && bp_headline_start(doc, &doc->toks[nt])))
            return 0;
    }
    bool strong =
        bp_strong_gap(doc->text, last->start + last->len, head->start);
    if (strong)
        return line_start || k >= 2 ? 1 : 0;
    /* a single space: a cue of two words or more, a capitalised headline
     * with no final full stop, a short line */
    if (c->st->strong_only || k < 2 || !line_start || items > 25)
        return 0;
    if (head->kind == MTL_TOK_WORD && !(head->flags & MTL_TF_UPPER_START) &&
        head->casing != MTL_CASE_NONE)
        return 0;
    if (bp_last_cp(doc, b) == '.')
        return 0;
    return 1;
}

/* Widget match of tokens [a, b) whose items are in c->buf.  Returns the
 * slot or NULL. */
static const bp_slot *
bp_widget(bp_ctx *c, size_t a, size_t b, unsigned items, unsigned kept,
          size_t blen, bool full, bool sentence)
{
    const mtl_doc *doc = c->doc;
    if (bp_has_quote(doc, a, b))
        return NULL;
    if (!full && items <= BP_MAX_ITEMS) {
        const bp_slot *s = bp_find(c->st, c->buf, blen, BP_T_PHRASE);
        if (s && s->kind != BP_K_TEASER) {
            if (sentence && s->nitems < 3)
                return NULL;
            /* a one-word line ending like a sentence is not a label */
            if (s->nitems == 1 && bp_is_final_cp(bp_last_cp(doc, b)) &&
                bp_last_cp(doc, b) != 0x2026)
                return NULL;
            return s;
        }
    }
    if (sentence || items < 2)
        return NULL;
    for (unsigned j = 1; j < items && j <= kept && j <= c->st->max_prefix;
         j++) {
        const bp_slot *s;
        size_t rest = j < kept ? c->tok[j] : b;
        if (j >= kept)
            break;
        if ((s = bp_find(c->st, c->buf, c->off[j - 1], BP_T_DATE)) &&
            bp_rest_is_date(doc, rest, b))
            return s;
        if ((s = bp_find(c->st, c->buf, c->off[j - 1], BP_T_NAME)) &&
            bp_rest_is_name(doc, rest, b))
            return s;
        if ((s = bp_find(c->st, c->buf, c->off[j - 1], BP_T_REST)) &&
            items <= 80)
            return s;
    }
    return NULL;
}

static void
bp_flag_widget(bp_ctx *c, const bp_slot *s, size_t start, size_t end)
{
    /* a one-word navigation label ("Search", "Sections") is less sure */
    if (s->kind == BP_K_NAV && s->nitems == 1) {
        mtl_flags_addf(c->out, MTL_RULE_BP_STRUCTURAL, start, end, NULL,
                       "navigation label (\xE2\x80\x9C%s\xE2\x80\x9D): "
                       "page furniture, not article text",
                       s->text);
        return;
    }
    mtl_flags_addf(c->out, MTL_RULE_BP_WIDGET, start, end, NULL,
                   "%s (\xE2\x80\x9C%s\xE2\x80\x9D): page furniture, not "
                   "article text",
                   bp_kind_labels[s->kind], s->text);
}

/* Sentences of a line: widget phrases (three items or more) and teasers
 * that start a later sentence and run to the end of the line. */
static bool
bp_sentences(bp_ctx *c, size_t a, size_t b)
{
    const mtl_doc *doc = c->doc;
    bool any = false;
    size_t run_start = 0, run_end = 0;
    const bp_slot *run_slot = NULL;
    size_t t = a;
    while (t < b) {
        uint32_t s = doc->toks[t].sent;
        size_t e = t;
        while (e < b && doc->toks[e].sent == s)
            e++;
        size_t blen;
        bool full;
        unsigned items = bp_line_items(doc, t, e, c->buf, sizeof c->buf,
                                       c->off, c->tok, &blen, &full, 30);
        unsigned kept = items < BP_MAX_ITEMS ? items : BP_MAX_ITEMS;
        const bp_slot *w = NULL;
        if (items >= 3 && items <= 25)
            w = bp_widget(c, t, e, items, kept, blen, full, true);
        if (w) {
            if (!run_slot) {
                run_slot = w;
                run_start = doc->toks[t].start;
            }
            run_end = doc->toks[e - 1].start + doc->toks[e - 1].len;
        } else {
            if (run_slot) {
                bp_flag_widget(c, run_slot, run_start, run_end);
                any = true;
                run_slot = NULL;
            }
            const bp_slot *cue = NULL;
            if (t > a && items >= 3 && items <= 25 && !full) {
                /* the rest of the line, from this sentence on */
                unsigned li = bp_line_items(doc, t, b, c->buf, sizeof c->buf,
                                            c->off, c->tok, &blen, &full, 30);
                unsigned lk = li < BP_MAX_ITEMS ? li : BP_MAX_ITEMS;
                if (li <= 25 && !full &&
                    bp_teaser(c, t, b, li, lk, false, &cue) == 1) {
                    mtl_flags_addf(c->out, MTL_RULE_BP_TEASER,
                                   doc->toks[t].start,
                                   doc->toks[b - 1].start +
                                       doc->toks[b - 1].len,
                                   NULL,
                                   "related-content teaser "
                                   "(\xE2\x80\x9C%s\xE2\x80\x9D and another "
                                   "article's headline)",
                                   cue->text);
                    return true;
                }
            }
        }
        t = e;
    }
    if (run_slot) {
        bp_flag_widget(c, run_slot, run_start, run_end);
        any = true;
    }
    return any;
}

/* A line right after a dangling cue that reads like a headline. */
static bool
bp_headline_line(const mtl_doc *doc, size_t a, size_t b, unsigned items)
{
    if (items == 0 || items > 20)
        return false;
    size_t f = a;
    while (f < b && doc->toks[f].kind == MTL_TOK_PUNCT &&
           !bp_is_quote_cp(bp_tok_cp(doc, &doc->toks[f])))
        f++;
    if (f >= b || !bp_headline_start(doc, &doc->toks[f]))
        return false;
    int32_t last = bp_last_cp(doc, b);
    return !(bp_is_final_cp(last) && last != '?' && last != '!') &&
           last != ':';
}

static void
bp_run(const void *state, mtl_checker *ck, const mtl_doc *doc,
       const mtl_batch *batch, mtl_flags *out)
{
    const bp_state *st = state;
    if (!st || doc->nlines == 0)
        return;
    uint8_t *ls = mtl_checker_scratch(ck, 1, doc->nlines);
    memset(ls, 0, doc->nlines);
    bp_ctx *c = mtl_checker_scratch(ck, 2, sizeof *c);
    c->st = st;
    c->doc = doc;
    c->out = out;

    bool pending_cue = false; /* the previous non-blank line was a cue */
    for (size_t i = 0; i < doc->nlines; i++) {
        const mtl_span *sp = &doc->lines[i];
        if (sp->tok_count == 0) {
            ls[i] = BP_L_BLANK;
            continue;
        }
        size_t a, b;
        bp_line_toks(doc, i, &a, &b);
        size_t blen;
        bool full;
        unsigned items = bp_line_items(doc, a, b, c->buf, sizeof c->buf,
                                       c->off, c->tok, &blen, &full, 100);
        unsigned kept = items < BP_MAX_ITEMS ? items : BP_MAX_ITEMS;
        bool cue_line = pending_cue;
        pending_cue = false;
        bool quote = bp_has_quote(doc, a, b);
        int32_t last = bp_last_cp(doc, b);
        for (size_t t = a; t < b; t++)
            if (doc->toks[t].kind == MTL_TOK_NUMBER) {
                ls[i] |= BP_L_NUMBER;
                break;
            }
        /* menu-entry candidate */
        if (items >= 1 && items <= BP_SHORT_WORDS &&
            sp->end - sp->start <= BP_SHORT_BYTES && !quote &&
            !bp_is_final_cp(last) && last != ',' &&
            !bp_list_marker(doc, a, b))
            ls[i] |= BP_L_SHORT;
        if (items == 0)
            continue;

        const bp_slot *cue = NULL;
        int tz = kept > 0 ? bp_teaser(c, a, b, items, kept, true, &cue) : 0;
        if (tz == 1) {
            mtl_flags_addf(out, MTL_RULE_BP_TEASER, sp->start, sp->end, NULL,
                           "related-content teaser (\xE2\x80\x9C%s\xE2\x80\x9D "
                           "and another article's headline)",
                           cue->text);
            ls[i] |= BP_L_FLAGGED;
            continue;
        }
        if (tz == 2 && !quote) {
            mtl_flags_addf(out, MTL_RULE_BP_TEASER, sp->start, sp->end, NULL,
                           "dangling related-content label "
                           "(\xE2\x80\x9C%s\xE2\x80\x9D)",
                           cue->text);
            ls[i] |= BP_L_FLAGGED;
            pending_cue = true;
            continue;
        }
        const bp_slot *w =
            kept > 0 ? bp_widget(c, a, b, items, kept, blen, full, false)
                     : NULL;
        if (w) {
            bp_flag_widget(c, w, sp->start, sp->end);
            ls[i] |= BP_L_FLAGGED;
            continue;
        }
        if (bp_breadcrumb(doc, a, b)) {
            mtl_flags_add(out, MTL_RULE_BP_WIDGET, sp->start, sp->end,
                          "breadcrumb or menu bar: page furniture, not "
                          "article text",
                          NULL);
            ls[i] |= BP_L_FLAGGED;
            continue;
        }
        if (cue_line && bp_headline_line(doc, a, b, items)) {
            mtl_flags_add(out, MTL_RULE_BP_TEASER, sp->start, sp->end,
                          "headline of another article after a "
                          "related-content label",
                          NULL);
            ls[i] |= BP_L_FLAGGED;
            continue;
        }
        if (doc->toks[b - 1].sent != doc->toks[a].sent &&
            bp_sentences(c, a, b))
            ls[i] |= BP_L_FLAGGED;
    }

    /* structural: blocks of short stand-alone lines (blank lines inside a
     * block are fine; any other line ends it) */
    size_t i = 0;
    while (i < doc->nlines) {
        if (!(ls[i] & (BP_L_SHORT | BP_L_FLAGGED))) {
            i++;
            continue;
        }
        size_t j = i, members = 0, numbered = 0;
        while (j < doc->nlines &&
               (ls[j] & (BP_L_SHORT | BP_L_FLAGGED | BP_L_BLANK))) {
            if (!(ls[j] & BP_L_BLANK)) {
                members++;
                if ((ls[j] & BP_L_NUMBER) && !(ls[j] & BP_L_FLAGGED))
                    numbered++;
            }
            j++;
        }
        if (members >= BP_RUN_MIN && numbered * 5 <= members * 2) {
            for (size_t k = i; k < j; k++)
                if ((ls[k] & BP_L_SHORT) && !(ls[k] & BP_L_FLAGGED)) {
                    mtl_flags_addf(out, MTL_RULE_BP_STRUCTURAL,
                                   doc->lines[k].start, doc->lines[k].end,
                                   NULL,
                                   "short stand-alone line in a block of "
                                   "%zu menu-like lines",
                                   members);
                    ls[k] |= BP_L_FLAGGED;
                }
        }
        i = j;
    }

    /* repeated-across-documents */
    if (!batch)
        return;
    unsigned min_docs = mtl_batch_min_documents(batch);
    if (min_docs < 2)
        min_docs = 2;
    char *nb = c->buf;
    for (size_t l = 0; l < doc->nlines; l++) {
        const mtl_span *sp = &doc->lines[l];
        if (sp->tok_count == 0 || (ls[l] & BP_L_FLAGGED))
            continue;
        size_t a, b;
        bp_line_toks(doc, l, &a, &b);
        unsigned words = 0, letters = 0, nums = 0;
        for (size_t t = a; t < b; t++) {
            if (doc->toks[t].kind == MTL_TOK_NUMBER)
                nums++;
            if (bp_is_item_tok(&doc->toks[t])) {
                words++;
                if (doc->toks[t].flags & MTL_TF_LETTER)
                    letters++;
            }
        }
        if (letters == 0 || words > BP_REPEAT_MAX_WORDS)
            continue;
        /* numbered headings ("Article 12", "Chapter 3") recur by nature */
        if (words <= 3 && nums > 0)
            continue;
        size_t n = mtl_normalise_line(doc->text + sp->start,
                                      sp->end - sp->start, nb, BP_ITEMBUF);
        if (n == (size_t)-1 || n == 0)
            continue;
        unsigned docs = mtl_batch_count_get(batch, MTL_BATCH_NS_LINE,
                                            mtl_hash64(nb, n, 0));
        if (docs >= min_docs)
            mtl_flags_addf(out, MTL_RULE_BP_REPEATED, sp->start, sp->end,
                           NULL,
                           "line found in %u documents of the batch: site "
                           "furniture",
                           docs);
    }
}

const mtl_detector mtl_detector_boilerplate = {
    .name = "boilerplate",
    .category = "boilerplate",
    .description =
        "page furniture in the text: teaser (related-content cue + "
        "headline), widget (share, comment-form, reading-time, "
        "update-stamp, byline, author-box, newsletter, cookie, advertising, "
        "navigation, breadcrumb), structural (menu blocks of short lines), "
        "repeated-across-documents (batch)",
    .load = bp_load,
    .run = bp_run,
    .unload = bp_unload,
    .observe = NULL,
};
