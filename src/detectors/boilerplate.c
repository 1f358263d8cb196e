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
 *              News › World") too.  A photo credit ([credit] label, a
 *              name ending in an [agency] after a slash) closing a
 *              caption ("Visitors in Madrid. Photo: Óscar del Pozo /
 *              AFP"), or without a label ("(Manu Fernandez/AP)",
 *              "Sanjeev Verma/Hindustan Times/Getty Images").  A
 *              [page-name] phrase ("Aviso legal") is no widget as the
 *              document's own title.  An advertising, newsletter or
 *              paywall phrase set inside a line between dashes or in
 *              brackets ("… — Lire la suite après la publicité — …").
 *              A promotion line: a [promo] verb and its object ("Download
 *              The Times of Pune App for the latest news"), or a sentence
 *              naming the object and a call to action ("... on our app.
 *              Download now").  A label, a colon and its text: an
 *              author box's bio, a newsletter label and a [promo] verb,
 *              a credit label and a kind of source ("Photo: press
 *              service of ...").  An author box that ends in a follow
 *              line with a social handle ("... Follow him on X:
 *              @handle"), or a journalist's bio spliced into the text
 *              ("Mario Esposito, giornalista, collabora con la redazione
 *              di Napoli dal 2015.").  A call to follow the site's
 *              channel ("Follow ... on our Google News channel"), an
 *              error-report instruction ("... press Ctrl+Enter"), a
 *              disclaimer label and its text ("Disclaimer: ..."), an
 *              agency's credit line without a slash ("Xinhua Photo Wang
 *              Ying").
 *              A line of two or more such phrases ("Facebook Twitter
 *              Email") is a bar of widgets; so is a line of segments
 *              split by | · • ; brackets or wide gaps, each a phrase, a
 *              date stamp or (the first) a section label ("Technology ·
 *              4 min read", "Nov 06, 2026 at 11:04 am | 0 Comments"), or
 *              fields of a stamp line, each a phrase ("Source: Sichuan
 *              Daily Editor: Yang Fan").
 *   structural a one-word navigation label of the lexicon ("Search"); a
 *              block of five or more short stand-alone lines with no
 *              sentence punctuation (a navigation menu) that holds
 *              evidence of furniture (a line flagged by the rules above, a
 *              short line printed twice in the document, a line found in
 *              many documents of the batch): each line of it.  A line
 *              of title-case words right before a stamp line in the
 *              page's header ("Business Labour South Africa", then "3
 *              min read"): section labels run together.
 *   repeated-across-documents
 *              a line found in many documents of the batch (site
 *              furniture), read from the batch context's line counts;
 *              never a subheading between two paragraphs, a numbered
 *              heading, a short sentence or a quotation.
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
    MTL_BP_K_TEASER = 0,
    MTL_BP_K_SHARE,
    MTL_BP_K_COMMENT,
    MTL_BP_K_READTIME,
    MTL_BP_K_UPDATE,
    MTL_BP_K_BYLINE,
    MTL_BP_K_AUTHOR,
    MTL_BP_K_NEWSLETTER,
    MTL_BP_K_COOKIE,
    MTL_BP_K_ADVERT,
    MTL_BP_K_NAV,
    MTL_BP_K_TAGS,
    MTL_BP_K_CREDIT,  /* photo credits: also found at the end of a line */
    MTL_BP_K_PAYWALL,
    MTL_BP_K_PAGE,    /* a page of the site: also a document's own title */
    MTL_BP_K_AGENCY,  /* not furniture by itself: evidence for a credit */
    MTL_BP_K_PROMO,   /* verb and object of a promotion line */
    MTL_BP_K_DISCLAIMER, /* a site's disclaimer or publisher's footer */
    MTL_BP_K_BIO,     /* verb and role of an author's bio line */
    MTL_BP_K__COUNT
};

static const char *const mtl_bp_kind_names[MTL_BP_K__COUNT] = {
    "teaser-cue",   "share",       "comment-form", "reading-time",
    "update-stamp", "byline",      "author-box",   "newsletter",
    "cookie",       "advertising", "navigation",   "tag-list",
    "credit",       "paywall",     "page-name",    "agency",
    "promo",        "disclaimer",  "author-bio",
};

static const char *const mtl_bp_kind_labels[MTL_BP_K__COUNT] = {
    "related-content cue", "share or social widget",
    "comment form",        "reading-time widget",
    "update stamp",        "byline",
    "author box",          "newsletter sign-up",
    "cookie notice",       "advertising label",
    "navigation",          "tag list",
    "photo credit",        "paywall banner",
    "link to a page of the site", "agency",
    "app or newsletter promotion",
    "site disclaimer or publisher footer",
    "author's bio",
};

/* Entry types: how a stored item string is matched. */
enum {
    MTL_BP_T_PHRASE = 1, /* the whole line or sentence */
    MTL_BP_T_CUE = 2,    /* teaser cue at the start of a line */
    MTL_BP_T_DATE = 3,   /* prefix, then a date or time stamp */
    MTL_BP_T_NAME = 4,   /* prefix, then a name */
    MTL_BP_T_REST = 5,   /* prefix, then anything */
    MTL_BP_T_AGENCY = 6, /* a whole agency name ([agency]), never a line */
    MTL_BP_T_PROMO_VERB = 7, /* first item of a [promo] entry */
    MTL_BP_T_PROMO = 8,      /* a [promo] entry: verb and object */
    MTL_BP_T_BIO_VERB = 9,   /* first item of an [author-bio] entry */
    MTL_BP_T_BIO = 10        /* an [author-bio] entry: verb and role */
};

#define MTL_BP_MAX_ITEMS 48   /* items kept per line */
#define MTL_BP_HEAD_BITS 4096 /* mtl_bp_state.head, per type */
#define MTL_BP_ITEMBUF 2048   /* bytes of item string */
#define MTL_BP_MAX_PREFIX 12  /* longest prefix (items) looked up */
#define MTL_BP_SENT_ITEMS 25  /* most items of a sentence looked at */
#define MTL_BP_LINE_COUNT 100 /* a line's items are counted up to this */
#define MTL_BP_RUN_MIN 5      /* lines in a menu block */
#define MTL_BP_SHORT_WORDS 4  /* words in a menu line */
#define MTL_BP_SHORT_BYTES 50 /* bytes in a menu line */
#define MTL_BP_REPEAT_MAX_WORDS 60
#define MTL_BP_REPEAT_MAX_PROSE 25

typedef struct mtl_bp_slot {
    uint64_t key;     /* 0 = empty */
    const char *text; /* the entry as written in the lexicon */
    uint8_t kind;
    uint8_t type;
    uint8_t nitems;
} mtl_bp_slot;

typedef struct mtl_bp_state {
    mtl_bp_slot *tab;
    size_t mask;
    size_t n;
    unsigned max_prefix;     /* longest cue or prefix, in items */
    unsigned max_phrase;     /* longest whole phrase, in items */
    /* items written into an item string (mtl_bp_line_items): every check
     * reads at most this many, or the string of a line or sentence of at
     * most this many (a whole phrase, a sentence, a widget bar) */
    unsigned keep;
    /* bit n of plen[type][j]: an entry of that type (a cue, date, name or
     * rest prefix) has j items and n bytes (n < 64; longer ones are not
     * noted and always looked up).  Items hold no space, so a string's
     * item count follows from it: most prefixes of a line need no hash
     * and no lookup (mtl_bp_find_prefix). */
    uint64_t plen[MTL_BP_T_REST + 1][MTL_BP_MAX_PREFIX + 1];
    /* plen of the date, name and rest prefixes together: a prefix of a
     * line that none of the three may have is not looked up as any
     * (mtl_bp_widget) */
    uint64_t plen_widget[MTL_BP_MAX_PREFIX + 1];
    /* and a bit per type of the hash of an entry's length and first two
     * bytes (mtl_bp_head_bit): the first item of a line passes the
     * length filter often, but seldom starts like an entry */
    uint64_t head[MTL_BP_T_REST + 1][MTL_BP_HEAD_BITS / 64];
    /* the same for whole phrases: bit n % 64 of phrase_len[j][n / 64] for
     * a phrase of j items and n bytes (n < 256), so that most lines and
     * sentences, whose length no phrase of their item count has, are not
     * hashed (mtl_bp_phrase_may) */
    uint64_t phrase_len[MTL_BP_MAX_ITEMS + 1][4];
    bool strong_only;        /* teasers need a strong separator (German) */
    const mtl_lexicon *stop; /* the language's stopwords, or NULL */
    mtl_lexicon *own_en;     /* English fallback loaded here, or NULL */
} mtl_bp_state;

/* --------------------------------------------------------- item strings */

static bool
mtl_bp_is_word_cp(int32_t cp)
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
mtl_bp_is_letter_cp(int32_t cp)
{
    return cp >= 0 && (u_isalpha((UChar32)cp) || mtl_bp_is_word_cp(cp)) &&
           !u_isdigit((UChar32)cp);
}

/* Appends a case-folded word to buf (with a separating space); turns the
 * right single quote into an apostrophe.  Returns false when full (buf
 * unchanged up to its NUL at *o).  The word is folded straight into its
 * place: the room given to the fold, at most the 256 bytes a word may
 * take, fits every word that the final length check lets through, so the
 * outcome is the one of folding into a word buffer first. */
static bool
mtl_bp_append_word(char *buf, size_t cap, size_t *o, const char *s, size_t len)
{
    size_t at = *o > 0 ? *o + 1 : 0; /* after the separating space */
    if (len >= 128 || at >= cap)
        return false;
    size_t room = cap - at < 256 ? cap - at : 256;
    size_t n = mtl_utf8_fold(s, len, buf + at, room);
    if (n == (size_t)-1 || *o + n + 2 >= cap) {
        buf[*o] = '\0';
        return false;
    }
    if (*o > 0)
        buf[*o] = ' ';
    char *w = buf + at;
    if (memchr(w, 0xE2, n)) {
        /* U+2019 (3 bytes) becomes '\'' (1 byte): compacted in place */
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (i + 2 < n && (unsigned char)w[i] == 0xE2 &&
                (unsigned char)w[i + 1] == 0x80 &&
                (unsigned char)w[i + 2] == 0x99) {
                w[k++] = '\'';
                i += 2;
            } else {
                w[k++] = w[i];
            }
        }
        n = k;
    }
    *o = at + n;
    buf[*o] = '\0';
    return true;
}

/* What mtl_bp_append_word does to *o for an all-ASCII word
 * (MTL_TF_ASCII), whose fold is its ASCII lower case, which always fits:
 * the word itself is not written here but by mtl_bp_ctx_fill, when a
 * check reads it (most items of a long line are never read). */
static bool
mtl_bp_skip_ascii(size_t cap, size_t *o, size_t len)
{
    if (len >= 128 || *o + len + 2 >= cap)
        return false;
    *o += (*o > 0) + len; /* the separating space, the word */
    return true;
}

static bool
mtl_bp_append_lit(char *buf, size_t cap, size_t *o, const char *lit)
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
mtl_bp_pattern_items(const char *s, size_t len, char *out, size_t cap,
                     int *type)
{
    size_t o = 0, i = 0;
    unsigned items = 0;
    *type = MTL_BP_T_PHRASE;
    out[0] = '\0';
    while (i < len) {
        if (s[i] == '<') {
            const char *gt = memchr(s + i, '>', len - i);
            if (gt) {
                size_t ml = (size_t)(gt - (s + i)) + 1;
                if (ml == 3 && s[i + 1] == 'n') {
                    if (!mtl_bp_append_lit(out, cap, &o, "#"))
                        return 0;
                    items++;
                    i += ml;
                    continue;
                }
                int t = 0;
                if (ml == 6 && memcmp(s + i, "<date>", 6) == 0)
                    t = MTL_BP_T_DATE;
                else if (ml == 6 && memcmp(s + i, "<name>", 6) == 0)
                    t = MTL_BP_T_NAME;
                else if (ml == 5 && memcmp(s + i, "<...>", 5) == 0)
                    t = MTL_BP_T_REST;
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
        if (!mtl_bp_is_word_cp(cp)) {
            if (cp == 0xA9) { /* © */
                if (!mtl_bp_append_lit(out, cap, &o, "\xC2\xA9"))
                    return 0;
                items++;
            }
            continue;
        }
        /* a word or number run */
        bool letter = mtl_bp_is_letter_cp(cp);
        size_t end = i;
        int32_t prev = cp;
        for (;;) {
            size_t j = end;
            if (j >= len)
                break;
            int32_t c = mtl_utf8_next(s, len, &j);
            if (mtl_bp_is_word_cp(c)) {
                letter |= mtl_bp_is_letter_cp(c);
                prev = c;
                end = j;
                continue;
            }
            bool mid_letter = c == '\'' || c == 0x2019 || c == '.' || c == ':';
            bool mid_num = c == '.' || c == ',';
            size_t k = j;
            int32_t nx = k < len ? mtl_utf8_next(s, len, &k) : -1;
            if (mid_letter && mtl_bp_is_letter_cp(prev) &&
                mtl_bp_is_letter_cp(nx)) {
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
        bool okp = letter ? mtl_bp_append_word(out, cap, &o, s + st, end - st)
                          : mtl_bp_append_lit(out, cap, &o, "#");
        if (!okp)
            return 0;
        items++;
        i = end;
    }
    return items;
}

/* Whether token @p tk is an item of an item string: a word, a number or
 * a copyright sign. */
static bool
mtl_bp_is_item(const mtl_doc *doc, const mtl_token *tk)
{
    switch (tk->kind) {
    case MTL_TOK_WORD:
    case MTL_TOK_IDEO:
    case MTL_TOK_KANA:
    case MTL_TOK_NUMBER:
        return true;
    case MTL_TOK_PUNCT:
        return tk->len == 2 && (unsigned char)doc->text[tk->start] == 0xC2 &&
               (unsigned char)doc->text[tk->start + 1] == 0xA9;
    default:
        return false;
    }
}

/* The count mtl_bp_line_items returns for tokens [first, last) with
 * @p stop, without building the string. */
static unsigned
mtl_bp_count_items(const mtl_doc *doc, size_t first, size_t last,
                   unsigned stop)
{
    unsigned items = 0;
    for (size_t t = first; t < last && items <= stop; t++)
        if (mtl_bp_is_item(doc, &doc->toks[t]))
            items++;
    return items;
}

/* Item string of tokens [first, last) of the document, but for the
 * all-ASCII words and the space before each, left for mtl_bp_ctx_fill to
 * write when a check reads them.  off[k] is the string length after item
 * k+1, tok[k] the token of item k (first MTL_BP_MAX_ITEMS items).  Returns
 * the item count (counting on past the kept ones, stopping past @p stop);
 * *full is set when the string could not hold its first @p keep items (at
 * most MTL_BP_MAX_ITEMS), *written is the number of items in it.  Only
 * those are written: the checks read the string through off[] up to
 * mtl_bp_state.keep items and, when there are that many items or fewer,
 * *len and *full, so past that the text of the items a long prose line
 * goes on with would be folded for nothing.  *signs gets the number of
 * copyright signs among the items counted: the others are words
 * (mtl_tok_is_word). */
static unsigned
mtl_bp_line_items(const mtl_doc *doc, size_t first, size_t last, char *buf,
                  size_t cap, uint16_t *off, uint32_t *tok, size_t *len,
                  bool *full, unsigned *written, unsigned *signs,
                  unsigned stop, unsigned keep)
{
    /* the results in locals, stored at the end: written through the
     * pointers, they would be reloaded after every byte put in buf */
    size_t o = 0;
    unsigned items = 0, nwritten = 0, nsigns = 0;
    bool isfull = false;
    buf[0] = '\0';
    size_t t = first;
    /* the items written, up to @p keep or until the string is full */
    for (; t < last && !isfull && items < keep; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (!mtl_bp_is_item(doc, tk))
            continue;
        bool ok;
        size_t no = o; /* the appenders get this one's address */
        switch (tk->kind) {
        case MTL_TOK_NUMBER:
            ok = mtl_bp_append_lit(buf, cap, &no, "#");
            break;
        case MTL_TOK_PUNCT:
            ok = mtl_bp_append_lit(buf, cap, &no, "\xC2\xA9");
            break;
        default:
            ok = (tk->flags & MTL_TF_ASCII)
                     ? mtl_bp_skip_ascii(cap, &no, tk->len)
                     : mtl_bp_append_word(buf, cap, &no,
                                          doc->text + tk->start, tk->len);
        }
        o = no;
        if (items > stop) {
            t = last; /* enough: the caller only needs to know it is long */
            break;
        }
        nsigns += tk->kind == MTL_TOK_PUNCT;
        if (!ok)
            isfull = true;
        else
            nwritten = items + 1;
        if (items < MTL_BP_MAX_ITEMS) {
            /* once full, later items get the length written so far, so
             * every offset the caller reads is inside what was written */
            off[items] = (uint16_t)o;
            tok[items] = (uint32_t)t;
        }
        items++;
    }
    /* then only counted (and noted, the first MTL_BP_MAX_ITEMS) */
    for (; t < last; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (!mtl_bp_is_item(doc, tk))
            continue;
        if (items > stop)
            break;
        nsigns += tk->kind == MTL_TOK_PUNCT;
        if (items < MTL_BP_MAX_ITEMS) {
            off[items] = (uint16_t)o;
            tok[items] = (uint32_t)t;
        }
        items++;
    }
    buf[o] = '\0';
    *len = o;
    *full = isfull;
    *written = nwritten;
    *signs = nsigns;
    return items;
}

/* ------------------------------------------------------------ the table */

/* The key of an item string stored as @p type: the type is mixed into
 * the string's hash @p h (mtl_bp_hash) afterwards, so that the checks that
 * look one prefix of a line up as a cue, a date, a name and a rest hash
 * the prefix once (mtl_bp_find_prefix).  For a given type the mixing is a
 * bijection of h, and two types start it from different values. */
static uint64_t
mtl_bp_type_key(uint64_t h, int type)
{
    h ^= (uint64_t)(unsigned)type * 0x9E3779B97F4A7C15ULL;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return mtl_hash_key(h);
}

static uint64_t
mtl_bp_hash(const char *s, size_t n)
{
    return mtl_hash64(s, n, 0);
}

static uint64_t
mtl_bp_key(const char *s, size_t n, int type)
{
    return mtl_bp_type_key(mtl_bp_hash(s, n), type);
}

/* Notes that @p type has an entry of @p items items (at most
 * MTL_BP_MAX_PREFIX) and @p len bytes. */
static void
mtl_bp_note_len(mtl_bp_state *st, int type, unsigned items, size_t len)
{
    if (len < 64)
        st->plen[type][items] |= (uint64_t)1 << len;
}

/* The head filter bit of an item string of @p len bytes that starts
 * with bytes @p b0, @p b1 (0 when it has one byte). */
static unsigned
mtl_bp_head_bit(size_t len, unsigned b0, unsigned b1)
{
    uint32_t k = (((uint32_t)len * 257u + b0) * 257u + b1) * 0x9E3779B1u;
    return (k >> 20) & (MTL_BP_HEAD_BITS - 1);
}

/* Notes the head bit of an entry of @p type, item string @p s. */
static void
mtl_bp_note_head(mtl_bp_state *st, int type, const char *s, size_t len)
{
    if (len == 0)
        return;
    unsigned b = mtl_bp_head_bit(len, (unsigned char)s[0],
                                 len > 1 ? (unsigned char)s[1] : 0);
    st->head[type][b / 64] |= (uint64_t)1 << (b % 64);
}

/* Notes that a whole phrase has @p items items (at most MTL_BP_MAX_ITEMS)
 * and @p len bytes. */
static void
mtl_bp_note_phrase(mtl_bp_state *st, unsigned items, size_t len)
{
    if (items > st->max_phrase)
        st->max_phrase = items;
    if (len < 256)
        st->phrase_len[items][len / 64] |= (uint64_t)1 << (len % 64);
}

/* False when no whole phrase has @p items items (at most
 * MTL_BP_MAX_ITEMS) and @p len bytes. */
static bool
mtl_bp_phrase_may(const mtl_bp_state *st, unsigned items, size_t len)
{
    return len >= 256 || (st->phrase_len[items][len / 64] >> (len % 64) & 1);
}

/* False when no entry of @p type has @p items items and @p len bytes. */
static bool
mtl_bp_may_have(const mtl_bp_state *st, int type, unsigned items, size_t len)
{
    return len >= 64 || (st->plen[type][items] >> len & 1);
}

static const mtl_bp_slot *
mtl_bp_find_key(const mtl_bp_state *st, uint64_t k)
{
    for (size_t i = k & st->mask;; i = (i + 1) & st->mask) {
        if (st->tab[i].key == k)
            return &st->tab[i];
        if (st->tab[i].key == 0)
            return NULL;
    }
}

static const mtl_bp_slot *
mtl_bp_find(const mtl_bp_state *st, const char *s, size_t n, int type)
{
    if (!st || !st->tab)
        return NULL;
    return mtl_bp_find_key(st, mtl_bp_key(s, n, type));
}

static void
mtl_bp_insert(mtl_bp_state *st, uint64_t k, const char *text, int kind,
              int type, unsigned nitems)
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
mtl_bp_kind_of(const char *section)
{
    for (int k = 0; k < MTL_BP_K__COUNT; k++)
        if (strcmp(section, mtl_bp_kind_names[k]) == 0)
            return k;
    return -1;
}

/* Adds a lexicon's entries.  @p fallback: only phrases of two items or
 * more, no bylines (an English list used for another language). */
static void
mtl_bp_add_lexicon(mtl_bp_state *st, mtl_engine *engine,
                   const mtl_lexicon *lex, bool fallback)
{
    size_t n = 0;
    const mtl_lex_entry *e = mtl_lexicon_entries(lex, &n);
    char buf[MTL_BP_ITEMBUF];
    for (size_t i = 0; i < n; i++) {
        int kind = mtl_bp_kind_of(e[i].section);
        if (kind < 0) {
            mtl_engine_log(engine, MTL_LOG_WARNING,
                           "boilerplate.txt:%u: unknown section [%s]",
                           e[i].line, e[i].section);
            continue;
        }
        int type;
        unsigned items =
            mtl_bp_pattern_items(e[i].text, e[i].len, buf, sizeof buf, &type);
        if (items == 0 || items > MTL_BP_MAX_ITEMS)
            continue;
        size_t bl = strlen(buf);
        if (kind == MTL_BP_K_AGENCY) {
            /* agencies are the same in every language: the English
             * list's are used for all (one to four items, no marker) */
            if (type == MTL_BP_T_PHRASE && items <= 4)
                mtl_bp_insert(st, mtl_bp_key(buf, bl, MTL_BP_T_AGENCY),
                              e[i].text, kind, MTL_BP_T_AGENCY, items);
            continue;
        }
        if (kind == MTL_BP_K_PROMO || kind == MTL_BP_K_BIO) {
            /* two items: the verb, looked up first, and the object */
            const char *sp = memchr(buf, ' ', bl);
            if (fallback || type != MTL_BP_T_PHRASE || items != 2 || !sp)
                continue;
            int tv = kind == MTL_BP_K_BIO ? MTL_BP_T_BIO_VERB
                                          : MTL_BP_T_PROMO_VERB;
            int tp = kind == MTL_BP_K_BIO ? MTL_BP_T_BIO : MTL_BP_T_PROMO;
            mtl_bp_insert(st, mtl_bp_key(buf, (size_t)(sp - buf), tv),
                          e[i].text, kind, tv, 1);
            mtl_bp_insert(st, mtl_bp_key(buf, bl, tp), e[i].text, kind, tp,
                          2);
            continue;
        }
        if (fallback && (items < 2 || kind == MTL_BP_K_BYLINE ||
                         kind == MTL_BP_K_CREDIT))
            continue;
        if (type != MTL_BP_T_PHRASE && items > MTL_BP_MAX_PREFIX)
            continue;
        if (kind == MTL_BP_K_TEASER) {
            mtl_bp_insert(st, mtl_bp_key(buf, bl, MTL_BP_T_PHRASE), e[i].text,
                          kind, MTL_BP_T_PHRASE, items);
            mtl_bp_note_phrase(st, items, bl);
            if (items <= MTL_BP_MAX_PREFIX) {
                mtl_bp_insert(st, mtl_bp_key(buf, bl, MTL_BP_T_CUE), e[i].text,
                              kind, MTL_BP_T_CUE, items);
                mtl_bp_note_len(st, MTL_BP_T_CUE, items, bl);
                mtl_bp_note_head(st, MTL_BP_T_CUE, buf, bl);
                if (items > st->max_prefix)
                    st->max_prefix = items;
            }
            continue;
        }
        mtl_bp_insert(st, mtl_bp_key(buf, bl, type), e[i].text, kind, type,
                      items);
        if (type != MTL_BP_T_PHRASE) {
            mtl_bp_note_len(st, type, items, bl);
            mtl_bp_note_head(st, type, buf, bl);
        }
        if (type == MTL_BP_T_PHRASE)
            mtl_bp_note_phrase(st, items, bl);
        if (type != MTL_BP_T_PHRASE && items > st->max_prefix)
            st->max_prefix = items;
    }
}

static int
mtl_bp_load(mtl_engine *engine, const mtl_lang *lang, void **state)
{
    const mtl_lexicon *lex = mtl_lang_lexicon(lang, "boilerplate");
    const char *primary = mtl_lang_primary(lang);
    mtl_bp_state *st = mtl_xcalloc(1, sizeof *st);
    st->strong_only = strcmp(primary, "de") == 0;
    st->stop = mtl_lang_lexicon(lang, "stopwords");

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
        mtl_bp_add_lexicon(st, engine, lex, false);
    if (st->own_en)
        mtl_bp_add_lexicon(st, engine, st->own_en, true);
    for (unsigned j = 0; j <= MTL_BP_MAX_PREFIX; j++)
        st->plen_widget[j] = st->plen[MTL_BP_T_DATE][j] |
                             st->plen[MTL_BP_T_NAME][j] |
                             st->plen[MTL_BP_T_REST][j];
    /* a widget bar has at most MTL_BP_SENT_ITEMS items too */
    st->keep = MTL_BP_SENT_ITEMS;
    if (st->max_phrase > st->keep)
        st->keep = st->max_phrase;
    if (st->max_prefix > st->keep)
        st->keep = st->max_prefix;
    *state = st;
    return MTL_OK;
}

static void
mtl_bp_unload(void *state)
{
    mtl_bp_state *st = state;
    if (!st)
        return;
    free(st->tab);
    mtl_lexicon_free(st->own_en);
    free(st);
}

/* ------------------------------------------------------------- helpers */

static int32_t
mtl_bp_tok_cp(const mtl_doc *doc, const mtl_token *t)
{
    return (int32_t)mtl_tok_first_cp(doc, t);
}

static bool
mtl_bp_is_quote_cp(int32_t cp)
{
    return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E ||
           cp == 0x201F || cp == 0x300C || cp == 0x300D;
}

/* Sentence-final punctuation. */
static bool
mtl_bp_is_final_cp(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == 0x3002 ||
           cp == 0xFF01 || cp == 0xFF1F || cp == 0x2026;
}

/* A separator between a teaser cue and its headline. */
static bool
mtl_bp_is_sep_cp(int32_t cp)
{
    return cp == ':' || cp == '-' || cp == 0x2013 || cp == 0x2014 ||
           cp == '|' || cp == 0xBB || cp == 0x203A || cp == '>' ||
           cp == 0x2022 || cp == '/' || cp == 0x25BA || cp == 0x25B6 ||
           cp == 0xFF1A;
}

/* True if the bytes [a, b) hold a strong separator: a separator
 * character, two white-space characters, a tab or a non-ASCII space. */
static bool
mtl_bp_strong_gap(const char *s, size_t a, size_t b)
{
    unsigned spaces = 0;
    size_t i = a;
    while (i < b) {
        size_t st = i;
        int32_t cp = mtl_utf8_next(s, b, &i);
        if (mtl_bp_is_sep_cp(cp))
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
mtl_bp_headline_start(const mtl_doc *doc, const mtl_token *t)
{
    if (t->kind == MTL_TOK_NUMBER || t->kind == MTL_TOK_IDEO ||
        t->kind == MTL_TOK_KANA)
        return true;
    if (t->kind == MTL_TOK_PUNCT)
        return mtl_bp_is_quote_cp(mtl_bp_tok_cp(doc, t)) ||
               mtl_bp_tok_cp(doc, t) == 0x2018 ||
               mtl_bp_tok_cp(doc, t) == 0xAB;
    if (t->kind != MTL_TOK_WORD)
        return false;
    if (t->flags & MTL_TF_UPPER_START)
        return true;
    return t->casing == MTL_CASE_NONE;
}

static const char *const mtl_bp_name_links[] = {
    "de",  "da",  "do", "dos", "das", "del", "della", "di",  "van", "von",
    "der", "den", "le", "la",  "y",   "e",   "et",    "and", "und", "ed",
    "bin", "al",  "el", "du",  "des", "ten", "ter",   "af",  "zu",  NULL};

static bool
mtl_bp_name_link(const mtl_doc *doc, const mtl_token *t)
{
    for (int i = 0; mtl_bp_name_links[i]; i++)
        if (mtl_tok_is(doc, t, mtl_bp_name_links[i]))
            return true;
    return false;
}

/* Tokens [a, b) are a news or photo agency of the [agency] list ("AFP",
 * "dpa", "Getty Images"), or two of them joined by "via" ("AFP via Getty
 * Images"); punctuation between the words does not matter. */
static bool
mtl_bp_is_agency(const mtl_bp_state *st, const mtl_doc *doc, size_t a,
                 size_t b)
{
    char buf[160];
    size_t o = 0;
    unsigned n = 0;
    buf[0] = '\0';
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_PUNCT)
            continue;
        if (tk->kind != MTL_TOK_WORD)
            return false;
        if (n > 0 && mtl_tok_is(doc, tk, "via"))
            return mtl_bp_is_agency(st, doc, a, t) &&
                   mtl_bp_is_agency(st, doc, t + 1, b);
        if (++n > 4 ||
            !mtl_bp_append_word(buf, sizeof buf, &o, doc->text + tk->start,
                                tk->len))
            return false;
    }
    return n > 0 && mtl_bp_find(st, buf, o, MTL_BP_T_AGENCY) != NULL;
}

/* Tokens [a, b) look like a person's or agency's name ("By The Numbers"
 * does not: a capitalised stopword is no name).  A credit's agency after
 * a slash ("Oliver Berg/dpa", "Agencia Uno / Archivo") or in place of the
 * name ("dpa") proves the shape: its words may be in lower case and the
 * words before it capitalised stopwords; *agency (when not NULL) tells
 * whether there was one. */
static bool
mtl_bp_rest_is_name2(const mtl_doc *doc, const mtl_bp_state *st, size_t a,
                     size_t b, bool *agency, bool *slash_person)
{
    if (agency)
        *agency = false;
    if (slash_person)
        *slash_person = false;
    /* a Chinese name in Han characters, two to four of them, in an
     * English page's editor stamp ("【Editor: 李娜】") */
    {
        size_t e = b;
        while (e > a && doc->toks[e - 1].kind == MTL_TOK_PUNCT)
            e--;
        size_t han = 0;
        bool only = e > a;
        for (size_t t = a; t < e && only; t++) {
            only = doc->toks[t].kind == MTL_TOK_IDEO;
            han += doc->toks[t].nchars;
        }
        if (only)
            return han >= 2 && han <= 4;
    }
    /* an e-mail address after the name ("Reporter Kim So-hee
     * ksh@example.co.kr", "By Jane Doe jane.doe@example.com") is the
     * byline's too: the name ends before it */
    if (b > a + 1) {
        size_t cs = b - 1;
        while (cs > a && !(doc->toks[cs].flags & MTL_TF_SPACE_BEFORE))
            cs--;
        const mtl_token *lt = &doc->toks[b - 1];
        size_t from = doc->toks[cs].start, to = lt->start + lt->len;
        if (cs > a && memchr(doc->text + from, '@', to - from) &&
            !memchr(doc->text + from, ' ', to - from))
            b = cs;
    }
    /* the agency part: after the last slash, or the whole; trailing
     * punctuation (a closing bracket) left out */
    size_t e = b;
    while (e > a && doc->toks[e - 1].kind == MTL_TOK_PUNCT)
        e--;
    size_t ag = b; /* first token of the agency part, b = none */
    size_t ag_end = a; /* or the agency is tokens [a, ag_end): "dpa/Name" */
    for (size_t t = e; t > a; t--)
        if (mtl_tok_is_char(doc, &doc->toks[t - 1], '/')) {
            if (t < e && mtl_bp_is_agency(st, doc, t, e))
                ag = t;
            break;
        }
    if (ag == b && e > a && mtl_bp_is_agency(st, doc, a, e))
        ag = a;
    if (ag == b) {
        size_t t = a;
        while (t < e && !mtl_tok_is_char(doc, &doc->toks[t], '/'))
            t++;
        if (t > a && t < e && mtl_bp_is_agency(st, doc, a, t))
            ag_end = t;
    }
    /* or a photographer's name of two or three capitalised words after
     * the last slash ("Landesamt für Denkmalpflege / Markus Seiler"):
     * the institution before it may hold function words too */
    bool person = false;
    if (ag == b && ag_end == a) {
        size_t sl = e;
        while (sl > a && !mtl_tok_is_char(doc, &doc->toks[sl - 1], '/'))
            sl--;
        /* (a hyphenated given name counts once: "Kim Soo-jin") */
        unsigned pw = 0;
        person = sl > a + 1 && e - sl >= 2 && e - sl <= 7;
        for (size_t t = sl; person && t < e; t++) {
            const mtl_token *tk = &doc->toks[t];
            if (t > sl && t + 1 < e && mtl_tok_is_char(doc, tk, '-') &&
                mtl_tok_glued_prev(doc, t) && mtl_tok_glued_prev(doc, t + 1) &&
                doc->toks[t + 1].kind == MTL_TOK_WORD &&
                (doc->toks[t + 1].casing == MTL_CASE_LOWER ||
                 doc->toks[t + 1].casing == MTL_CASE_TITLE)) {
                t++;
                continue;
            }
            person = tk->kind == MTL_TOK_WORD &&
                     tk->casing == MTL_CASE_TITLE && tk->nchars >= 2 &&
                     ++pw <= 3 &&
                     !mtl_lexicon_has_fold(st->stop, doc->text + tk->start,
                                           tk->len);
        }
        person = person && pw >= 2;
    }
    /* or a photographer's name of two or three capitalised words before
     * the only slash and a publication after it ("Laurent Vidal / Le
     * Courrier du Littoral"): the publication's name may open with a
     * capitalised article and hold function words */
    size_t pub = b; /* first token after that slash, b = none */
    if (ag == b && ag_end == a && !person) {
        size_t sl = a;
        while (sl < e && !mtl_tok_is_char(doc, &doc->toks[sl], '/'))
            sl++;
        unsigned pw = 0;
        bool ok = sl > a + 1 && sl + 1 < e && sl - a <= 3 &&
                  (doc->toks[sl + 1].flags & MTL_TF_UPPER_START);
        for (size_t t = a; ok && t < sl; t++) {
            const mtl_token *tk = &doc->toks[t];
            ok = tk->kind == MTL_TOK_WORD && tk->casing == MTL_CASE_TITLE &&
                 tk->nchars >= 2 && ++pw <= 3 &&
                 !mtl_lexicon_has_fold(st->stop, doc->text + tk->start,
                                       tk->len);
        }
        for (size_t t = sl + 1; ok && t < e; t++)
            ok = !mtl_tok_is_char(doc, &doc->toks[t], '/');
        if (ok && pw >= 2)
            pub = sl + 1;
    }
    unsigned words = 0, caps = 0;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_NUMBER || (tk->flags & MTL_TF_DIGIT))
            return false;
        if (tk->kind == MTL_TOK_PUNCT) {
            int32_t cp = mtl_bp_tok_cp(doc, tk);
            if (mtl_bp_is_quote_cp(cp) || cp == '!' || cp == '?' || cp == ';')
                return false;
            continue;
        }
        if (tk->kind != MTL_TOK_WORD)
            return false;
        words++;
        if (t >= ag || t < ag_end) {
            caps++;
            continue;
        }
        if (mtl_bp_name_link(doc, tk))
            continue;
        /* the place of a dateline after a name of two words ("Reporting
         * by Jane Doe in Seoul", "By Jane Doe in London") */
        if (caps >= 2 && t + 1 < b && mtl_tok_is(doc, tk, "in"))
            continue;
        /* the lower-case function words of an institution's name that an
         * agency proves a credit ("Bayerisches Landesamt für
         * Denkmalpflege/dpa", "Ministry of Tourism and Antiquities /
         * Handout via AFP"): never its first word */
        if ((ag < b || ag_end > a || person || (pub < b && t > pub)) &&
            t > a &&
            mtl_lexicon_has_fold(st->stop, doc->text + tk->start, tk->len))
            continue;
        /* the second part of a hyphenated given name ("So-hee") */
        if (t >= a + 2 && mtl_tok_glued_prev(doc, t) &&
            mtl_tok_glued_prev(doc, t - 1) &&
            mtl_tok_is_char(doc, &doc->toks[t - 1], '-') &&
            doc->toks[t - 2].kind == MTL_TOK_WORD)
            continue;
        if (!(tk->flags & MTL_TF_UPPER_START))
            return false;
        /* a capitalised stopword is no name ("By The Numbers"), but for
         * the first part of a hyphenated name ("So-hee") */
        bool hyphen = t + 2 < b && mtl_tok_glued_prev(doc, t + 1) &&
                      mtl_tok_glued_prev(doc, t + 2) &&
                      mtl_tok_is_char(doc, &doc->toks[t + 1], '-');
        if (ag == b && ag_end == a && !hyphen && t != pub &&
            mtl_lexicon_has_fold(st->stop, doc->text + tk->start, tk->len))
            return false;
        caps++;
    }
    /* a final full stop after a word longer than an initial */
    if (b > a + 1 && mtl_tok_is_char(doc, &doc->toks[b - 1], '.') &&
        doc->toks[b - 2].nchars > 1)
        return false;
    /* six words for a name; an institution and an agency ("Ministry of
     * Tourism and Antiquities / Handout via AFP") may take ten */
    unsigned most = ag < b || ag_end > a ? 10 : 6;
    bool ok = words >= 1 && words <= most && caps >= 1 &&
              (!mtl_tok_glued_prev(doc, a) ||
               mtl_tok_is_char(doc, &doc->toks[a - 1], '('));
    if (ok && agency)
        *agency = ag < b || ag_end > a;
    if (ok && slash_person)
        *slash_person = person;
    return ok;
}

static bool
mtl_bp_rest_is_name(const mtl_doc *doc, const mtl_bp_state *st, size_t a,
                    size_t b, bool *agency)
{
    return mtl_bp_rest_is_name2(doc, st, a, b, agency, NULL);
}

/* Tokens [a, b) look like a date or time stamp. */
static bool
mtl_bp_rest_is_date(const mtl_doc *doc, size_t a, size_t b)
{
    unsigned digits = 0, words = 0, items = 0;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_PUNCT) {
            if (mtl_bp_is_quote_cp(mtl_bp_tok_cp(doc, tk)))
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
mtl_bp_line_toks(const mtl_doc *doc, size_t i, size_t *a, size_t *b)
{
    *a = doc->lines[i].tok_first;
    *b = *a + doc->lines[i].tok_count;
}

/* The first byte of each quotation mark of mtl_bp_is_quote_cp is one of
 * these: most punctuation (, .) is not decoded. */
static bool
mtl_bp_quote_lead(unsigned char b0)
{
    return b0 == '"' || b0 == 0xE2 || b0 == 0xE3;
}

static bool
mtl_bp_has_quote(const mtl_doc *doc, size_t a, size_t b)
{
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_PUNCT && tk->len > 0 &&
            mtl_bp_quote_lead((unsigned char)doc->text[tk->start]) &&
            mtl_bp_is_quote_cp(mtl_bp_tok_cp(doc, tk)))
            return true;
    }
    return false;
}

/* What one walk of a line's tokens [a, b) tells mtl_bp_run, where a walk
 * for each (mtl_bp_has_quote, the number, mtl_bp_inset's delimiters) cost
 * three: whether it holds a quotation mark and a number, and whether it
 * may hold an inset (mtl_bp_inset), which needs an opening and a closing
 * bracket, or two dashes. */
typedef struct mtl_bp_line_scan {
    bool quote, number, inset;
} mtl_bp_line_scan;

static mtl_bp_line_scan
mtl_bp_scan_line(const mtl_doc *doc, size_t a, size_t b)
{
    mtl_bp_line_scan r = {false, false, false};
    unsigned brackets = 0, dashes = 0;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_NUMBER) {
            r.number = true;
            continue;
        }
        if (tk->kind != MTL_TOK_PUNCT || tk->len == 0)
            continue;
        unsigned char b0 = (unsigned char)doc->text[tk->start];
        switch (b0) {
        case '(':
            brackets |= 1;
            continue;
        case ')':
            brackets |= 2;
            continue;
        case '[':
            brackets |= 4;
            continue;
        case ']':
            brackets |= 8;
            continue;
        case '"':
        case 0xE2:
        case 0xE3:
            break;
        default:
            continue;
        }
        int32_t cp = mtl_bp_tok_cp(doc, tk);
        dashes += cp == 0x2014 || cp == 0x2013;
        if (mtl_bp_is_quote_cp(cp))
            r.quote = true;
    }
    r.inset = (brackets & 3) == 3 || (brackets & 12) == 12 || dashes >= 2;
    return r;
}

static int32_t
mtl_bp_last_cp(const mtl_doc *doc, size_t b)
{
    const mtl_token *t = &doc->toks[b - 1];
    size_t i = t->start + t->len;
    return mtl_utf8_prev(doc->text, &i);
}

/* Whether the line's tokens [.., @p b) end in three full stops. */
static bool
mtl_bp_dots_end(const mtl_doc *doc, size_t b)
{
    const mtl_token *t = &doc->toks[b - 1];
    size_t e = t->start + t->len;
    return e >= 3 && memcmp(doc->text + e - 3, "...", 3) == 0;
}

/* A line that starts like an item of an article's list. */
static bool
mtl_bp_list_marker(const mtl_doc *doc, size_t a, size_t b)
{
    const mtl_token *t = &doc->toks[a];
    if (t->kind == MTL_TOK_PUNCT) {
        int32_t cp = mtl_bp_tok_cp(doc, t);
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
    MTL_BP_L_BLANK = 1,
    MTL_BP_L_FLAGGED = 2, /* flagged by teaser or widget */
    MTL_BP_L_SHORT = 4,   /* could be a menu entry */
    MTL_BP_L_NUMBER = 8,  /* has a number */
    MTL_BP_L_PROSE = 16,  /* a sentence of article prose */
    MTL_BP_L_RECUR = 32,  /* found in many documents of the batch */
    MTL_BP_L_TWICE = 64,  /* a short line found twice in the document */
    MTL_BP_L_STAMP = 128  /* a reading-time, update or byline widget */
};

/* Whether a widget of kind @p kind is a stamp of an article's header. */
static bool
mtl_bp_stamp_kind(int kind)
{
    return kind == MTL_BP_K_READTIME || kind == MTL_BP_K_UPDATE ||
           kind == MTL_BP_K_BYLINE;
}

/* The nearest non-blank line before (@p dir -1) or after (+1) line @p i
 * is prose; the document's edge counts as not prose. */
static bool
mtl_bp_near_prose(const uint8_t *ls, size_t n, size_t i, int dir)
{
    for (size_t k = i;;) {
        if (dir < 0) {
            if (k == 0)
                return false;
            k--;
        } else {
            if (k + 1 >= n)
                return false;
            k++;
        }
        if (ls[k] & MTL_BP_L_BLANK)
            continue;
        return (ls[k] & MTL_BP_L_PROSE) != 0;
    }
}

/* The shape of a bar: its separator, its segments, and how many of them
 * hold a number (mtl_bp_bar_shape). */
typedef struct mtl_bp_bar {
    int32_t sep;       /* the separator, 0 for none */
    unsigned segs;     /* segments */
    unsigned maxw;     /* the most words of one segment */
    unsigned figures;  /* segments pairing a label with a number */
    unsigned numbers;  /* segments holding a number */
} mtl_bp_bar;

/* The bar shape of tokens [@p a, @p b): segments split by one separator
 * (› » > | / • ·) written with spaces around it.  False for a line with
 * a sentence's end, a quotation mark, a comma, two separators or an
 * empty segment. */
static bool
mtl_bp_bar_shape(const mtl_doc *doc, size_t a, size_t b, mtl_bp_bar *bar)
{
    int32_t sep = 0;
    unsigned segs = 1, words = 0, maxw = 0, figures = 0, numbers = 0;
    bool letter = false, number = false;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_PUNCT) {
            int32_t cp = mtl_bp_tok_cp(doc, tk);
            bool is_sep = cp == 0x203A || cp == 0xBB || cp == '>' ||
                          cp == '|' || cp == '/' || cp == 0x2022 || cp == 0xB7;
            if (is_sep && (tk->flags & MTL_TF_SPACE_BEFORE) && t + 1 < b &&
                (doc->toks[t + 1].flags & MTL_TF_SPACE_BEFORE)) {
                if (sep && cp != sep)
                    return false;
                sep = cp;
                if (words == 0)
                    return false;
                if (words > maxw)
                    maxw = words;
                figures += number && (letter || words >= 2);
                numbers += number;
                letter = number = false;
                words = 0;
                segs++;
                continue;
            }
            /* (a German ordinal's full stop ends nothing: "Fußball > 2.
             * Bundesliga") */
            if (cp == '.' && t > a && mtl_tok_glued_prev(doc, t) &&
                doc->toks[t - 1].kind == MTL_TOK_NUMBER &&
                doc->toks[t - 1].len <= 2)
                continue;
            if (mtl_bp_is_final_cp(cp) || mtl_bp_is_quote_cp(cp) || cp == ',')
                return false;
            continue;
        }
        if (mtl_tok_is_word(tk)) {
            words++;
            /* (a figure with its unit counts as a number: "40.6C") */
            if (tk->kind == MTL_TOK_NUMBER || (tk->flags & MTL_TF_DIGIT))
                number = true;
            else if (tk->flags & MTL_TF_LETTER)
                letter = true;
        }
    }
    if (words == 0 || !sep)
        return false;
    if (words > maxw)
        maxw = words;
    figures += number && (letter || words >= 2);
    numbers += number;
    *bar = (mtl_bp_bar){sep, segs, maxw, figures, numbers};
    return true;
}

/* Line @p k is a row of the same table as the bar @p bar: a bar with the
 * same separator and as many segments. */
static bool
mtl_bp_same_row(const mtl_doc *doc, size_t k, const mtl_bp_bar *bar,
                mtl_bp_bar *row)
{
    size_t a, b;
    mtl_bp_line_toks(doc, k, &a, &b);
    return a < b && mtl_bp_bar_shape(doc, a, b, row) && row->sep == bar->sep &&
           row->segs == bar->segs;
}

/* Breadcrumb or menu bar, line @p i (tokens [@p a, @p b)): three or more
 * short segments split by the same separator written with spaces around
 * it.  Not a line of figures, where most segments pair a label with a
 * number ("AC 15 · PRR 8 · IV 6", "A320neo: 58 | A321neo: 21"): a
 * menu's items are words, or years alone.  Not a row of a table either:
 * a line next to it (no blank line between) has the same separator and
 * as many segments, and one of the two holds numbers in half its
 * segments or more ("Región | Incendios | Hectáreas" above "Biobío |
 * 1.406 | 14.720"); two menus one above the other hold words. */
static bool
mtl_bp_breadcrumb(const mtl_doc *doc, size_t i, size_t a, size_t b)
{
    mtl_bp_bar bar;
    if (!mtl_bp_bar_shape(doc, a, b, &bar) || bar.segs < 3 || bar.maxw > 4 ||
        2 * bar.figures >= bar.segs)
        return false;
    for (int dir = -1; dir <= 1; dir += 2) {
        if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= doc->nlines))
            continue;
        mtl_bp_bar row;
        if (mtl_bp_same_row(doc, i + dir, &bar, &row) &&
            (2 * bar.numbers >= bar.segs || 2 * row.numbers >= row.segs))
            return false;
    }
    return true;
}

/* After a tag-list label ("Tags", "Schlagwörter"), tokens [@p a, @p b):
 * a colon right before them, then two or more short items (five words at
 * most) split by commas or bars, with no sentence end: "Tags: Vietnam,
 * semiconductors, investment".  A scraper that drops the links' commas
 * leaves the keywords side by side ("Tags: nuclear power Ninh Thuan
 * Rosatom energy"): three to ten words with no punctuation and no
 * function word (@p stop), which any sentence after a colon has. */
static bool
mtl_bp_tag_list(const mtl_doc *doc, const mtl_lexicon *stop, size_t a,
                size_t b)
{
    if (a == 0 || a >= b || doc->toks[a - 1].kind != MTL_TOK_PUNCT ||
        mtl_bp_tok_cp(doc, &doc->toks[a - 1]) != ':')
        return false;
    unsigned parts = 1, words = 0;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_PUNCT) {
            int32_t cp = mtl_bp_tok_cp(doc, tk);
            if (cp == ',' || cp == '|' || cp == ';' || cp == 0xB7) {
                if (words == 0 || words > 5)
                    return false;
                parts++;
                words = 0;
            } else if (mtl_bp_is_final_cp(cp) || mtl_bp_is_quote_cp(cp)) {
                return false;
            }
            continue;
        }
        if (++words > 5 && parts > 1)
            return false;
    }
    if (parts >= 2)
        return words > 0;
    /* no separator: keywords side by side */
    if (!stop || words < 3 || words > 10)
        return false;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_PUNCT) {
            if (!mtl_tok_is_char(doc, tk, '-'))
                return false;
            continue;
        }
        if (tk->kind != MTL_TOK_WORD ||
            mtl_lexicon_has_fold(stop, doc->text + tk->start, tk->len))
            return false;
    }
    return true;
}

/* --------------------------------------------------------------- checks */

typedef struct mtl_bp_ctx {
    const mtl_bp_state *st;
    const mtl_doc *doc;
    mtl_flags *out;
    char buf[MTL_BP_ITEMBUF];
    uint16_t off[MTL_BP_MAX_ITEMS];
    uint32_t tok[MTL_BP_MAX_ITEMS];
    /* mtl_bp_hash of the prefixes of 1..MTL_BP_MAX_PREFIX items of buf,
     * pre[j - 1] valid when bit j - 1 of pre_set is: set on first use,
     * cleared when buf is built again (mtl_bp_ctx_items) */
    uint64_t pre[MTL_BP_MAX_PREFIX];
    uint32_t pre_set;
    /* the first two bytes mtl_bp_head_may reads, the same for every
     * prefix (head_b1 as for one of two bytes or more): valid, like pre,
     * when MTL_BP_PRE_HEAD is in pre_set */
    unsigned char head_b0, head_b1;
    /* the item string of the line whose sentences are looked at, when it
     * holds all the line's items (mtl_bp_sentences) */
    char lbuf[MTL_BP_ITEMBUF];
    uint16_t loff[MTL_BP_MAX_ITEMS];
    uint32_t ltok[MTL_BP_MAX_ITEMS];
    unsigned litems;   /* kept items of the line */
    unsigned lwritten; /* items in lbuf */
    unsigned signs;    /* copyright signs among the items (buf's) */
    bool lall;         /* the kept items are all the line's */
    unsigned written;  /* items in buf (mtl_bp_ctx_items) */
    unsigned filled;   /* of them, those in place (mtl_bp_ctx_fill) */
    /* mtl_bp_has_quote of tokens [qa, qb) (the line the loop is at) */
    size_t qa, qb;
    bool quote;
} mtl_bp_ctx;

/* mtl_bp_has_quote, without looking again at the line the loop is at. */
static bool
mtl_bp_ctx_has_quote(const mtl_bp_ctx *c, size_t a, size_t b)
{
    if (a == c->qa && b == c->qb)
        return c->quote;
    return mtl_bp_has_quote(c->doc, a, b);
}

/* The bit of mtl_bp_ctx.pre_set for head_b0 and head_b1 (the prefixes'
 * bits are the low ones). */
#define MTL_BP_PRE_HEAD (1u << 31)
_Static_assert(MTL_BP_MAX_PREFIX < 31, "mtl_bp_ctx.pre_set: the head's bit");

/* mtl_bp_line_items into the context's buffers. */
static unsigned
mtl_bp_ctx_items(mtl_bp_ctx *c, size_t first, size_t last, size_t *len,
                 bool *full, unsigned stop)
{
    c->pre_set = 0;
    c->filled = 0;
    return mtl_bp_line_items(c->doc, first, last, c->buf, sizeof c->buf,
                             c->off, c->tok, len, full, &c->written,
                             &c->signs, stop, c->st->keep);
}

/* The items of tokens [t, b) (mtl_bp_is_item): how many, their bytes and
 * the longest. */
typedef struct mtl_bp_measure {
    unsigned items;
    size_t bytes, longest;
} mtl_bp_measure;

/* Counts the items from token @p t up to @p b, or (@p one_sentence) up to
 * the first token of another sentence; returns where it stopped. */
static inline size_t
mtl_bp_measure_items(const mtl_doc *doc, size_t t, size_t b,
                     bool one_sentence, mtl_bp_measure *k)
{
    uint32_t s = doc->toks[t].sent;
    k->items = 0;
    k->bytes = k->longest = 0;
    for (; t < b && (!one_sentence || doc->toks[t].sent == s); t++)
        if (mtl_bp_is_item(doc, &doc->toks[t])) {
            size_t n = doc->toks[t].len;
            k->items++;
            k->bytes += n;
            if (n > k->longest)
                k->longest = n;
        }
    return t;
}

/* Whether the item string of counted items surely fits c->buf: each item,
 * folded, takes at most four times its bytes and fits the room a word is
 * given, and the items with their spaces fit the buffer. */
static inline bool
mtl_bp_measure_fits(const mtl_bp_measure *k)
{
    return k->longest < 64 && 4 * k->bytes + k->items + 2 < MTL_BP_ITEMBUF;
}

/*
 * What mtl_bp_teaser reads of mtl_bp_ctx_items(c, first, last, len, full,
 * 30), for a span of MTL_BP_SENT_ITEMS items or fewer that it is asked
 * about as a later sentence: the cues are looked up among the first
 * mtl_bp_state.max_prefix items, so only those are written, and the rest
 * of the teaser reads tokens (c->tok, noted for all).  *full is the one
 * of the whole string: it cannot be full when each item, folded (four
 * times its bytes at most), fits the room a word is given and the items
 * with their spaces fit the buffer; otherwise the string is built whole.
 */
static void
mtl_bp_ctx_rest(mtl_bp_ctx *c, size_t first, size_t last, size_t *len,
                bool *full)
{
    const mtl_doc *doc = c->doc;
    mtl_bp_measure k;
    (void)mtl_bp_measure_items(doc, first, last, false, &k);
    if (!mtl_bp_measure_fits(&k) || c->st->max_prefix >= c->st->keep) {
        mtl_bp_ctx_items(c, first, last, len, full, 30);
        return;
    }
    c->pre_set = 0;
    c->filled = 0;
    mtl_bp_line_items(doc, first, last, c->buf, sizeof c->buf, c->off,
                      c->tok, len, full, &c->written, &c->signs, 30,
                      c->st->max_prefix);
}

/* Writes the all-ASCII words among the first @p n items of c->buf (and
 * the space before each), which mtl_bp_line_items left out: the string is
 * complete up to there, and reads as mtl_bp_append_word would have
 * written it. */
static void
mtl_bp_ctx_fill(mtl_bp_ctx *c, unsigned n)
{
    if (n > c->written)
        n = c->written;
    for (unsigned k = c->filled; k < n; k++) {
        const mtl_token *tk = &c->doc->toks[c->tok[k]];
        if (tk->kind == MTL_TOK_NUMBER || tk->kind == MTL_TOK_PUNCT ||
            !(tk->flags & MTL_TF_ASCII))
            continue; /* written already */
        size_t at = 0;
        if (k > 0) {
            at = c->off[k - 1];
            c->buf[at++] = ' ';
        }
        mtl_ascii_lower_copy(c->buf + at, c->doc->text + tk->start, tk->len);
    }
    if (n > c->filled)
        c->filled = n;
}

/* The first of the line's items (c->ltok, ascending) at token @p t or
 * after: c->litems when none. */
static unsigned
mtl_bp_line_item_at(const mtl_bp_ctx *c, size_t t)
{
    unsigned lo = 0, hi = c->litems;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (c->ltok[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether the string of the line kept in c->lbuf holds all the line's
 * items before token @p last: then the string of any run of the line's
 * tokens ending there is a piece of it (mtl_bp_ctx_piece). */
static bool
mtl_bp_ctx_has_piece(const mtl_bp_ctx *c, size_t last)
{
    unsigned k1 = mtl_bp_line_item_at(c, last);
    return k1 <= c->lwritten && (k1 < c->litems || c->lall);
}

/* What mtl_bp_ctx_items gives for tokens [first, last) (MTL_BP_SENT_ITEMS
 * items or fewer) inside the line kept in c->lbuf, when
 * mtl_bp_ctx_has_piece: cut from the line's string instead of folding the
 * words again.  The items of [first, last) are a run of the line's, and a
 * string that the line's with more fitted in fits in its turn. */
static void
mtl_bp_ctx_piece(mtl_bp_ctx *c, size_t first, size_t last, size_t *len,
                 bool *full)
{
    unsigned k0 = mtl_bp_line_item_at(c, first);
    unsigned k1 = mtl_bp_line_item_at(c, last);
    /* past the space before item k0; items k0..k1-1 end at loff[k1 - 1] */
    size_t from = k0 > 0 ? (size_t)c->loff[k0 - 1] + 1 : 0;
    size_t n = k1 > k0 ? c->loff[k1 - 1] - from : 0;
    memcpy(c->buf, c->lbuf + from, n);
    c->buf[n] = '\0';
    for (unsigned k = k0; k < k1; k++) {
        c->off[k - k0] = (uint16_t)(c->loff[k] - from);
        c->tok[k - k0] = c->ltok[k];
    }
    c->pre_set = 0;
    c->filled = 0; /* the gaps of the line's string came along */
    c->written = k1 - k0;
    *len = n;
    *full = false;
}

/* False when no entry of @p type starts like the prefix of c->buf of
 * @p len bytes (mtl_bp_state.head).  Its first two bytes are read
 * where mtl_bp_ctx_fill would write them: an all-ASCII word is the
 * token's bytes lower-cased, other items are in buf already, and after
 * a first item of one byte comes the space before the second. */
static bool
mtl_bp_head_may(mtl_bp_ctx *c, int type, size_t len)
{
    if (c->written == 0 || len == 0)
        return true; /* nothing written: looked up as it is */
    if (!(c->pre_set & MTL_BP_PRE_HEAD)) {
        const mtl_token *tk = &c->doc->toks[c->tok[0]];
        bool deferred = tk->kind != MTL_TOK_NUMBER &&
                        tk->kind != MTL_TOK_PUNCT &&
                        (tk->flags & MTL_TF_ASCII);
        const char *w = deferred ? c->doc->text + tk->start : c->buf;
        unsigned b0 = (unsigned char)w[0];
        unsigned b1 = c->off[0] > 1 ? (unsigned char)w[1] : ' ';
        if (deferred) {
            b0 = (unsigned)mtl_ascii_lower((int)b0);
            b1 = (unsigned)mtl_ascii_lower((int)b1);
        }
        c->head_b0 = (unsigned char)b0;
        c->head_b1 = (unsigned char)b1;
        c->pre_set |= MTL_BP_PRE_HEAD;
    }
    unsigned b = mtl_bp_head_bit(len, c->head_b0, len > 1 ? c->head_b1 : 0);
    return (c->st->head[type][b / 64] >> (b % 64)) & 1;
}

/* mtl_bp_find_prefix past its filter: hashes the prefix once for every
 * type it is looked up as. */
static const mtl_bp_slot *
mtl_bp_find_prefix_hashed(mtl_bp_ctx *c, unsigned j, int type)
{
    if (!c->st->tab)
        return NULL;
    uint32_t bit = 1u << (j - 1);
    if (!(c->pre_set & bit)) {
        mtl_bp_ctx_fill(c, j);
        c->pre[j - 1] = mtl_bp_hash(c->buf, c->off[j - 1]);
        c->pre_set |= bit;
    }
    return mtl_bp_find_key(c->st, mtl_bp_type_key(c->pre[j - 1], type));
}

/* mtl_bp_find for the prefix of @p j items of c->buf
 * (1 <= j <= MTL_BP_MAX_PREFIX, j items kept).  The filter is apart from
 * the lookup so that it stays small enough to be inlined: most prefixes
 * fail it. */
static inline const mtl_bp_slot *
mtl_bp_find_prefix(mtl_bp_ctx *c, unsigned j, int type)
{
    /* a prefix past the items written (buf full) holds those only */
    unsigned n = j < c->written ? j : c->written;
    if (!c->st || !mtl_bp_may_have(c->st, type, n, c->off[j - 1]) ||
        !mtl_bp_head_may(c, type, c->off[j - 1]))
        return NULL;
    return mtl_bp_find_prefix_hashed(c, j, type);
}

/* Longest prefix of the item string (k items, 1..max) stored as @p type;
 * *k gets its item count. */
static const mtl_bp_slot *
mtl_bp_longest_prefix(mtl_bp_ctx *c, unsigned items, unsigned kept, int type,
                      unsigned maxk, unsigned *k)
{
    const mtl_bp_slot *best = NULL;
    unsigned lim = items < maxk ? items : maxk;
    if (lim > kept)
        lim = kept;
    if (lim > c->st->max_prefix)
        lim = c->st->max_prefix;
    for (unsigned j = 1; j <= lim; j++) {
        const mtl_bp_slot *s = mtl_bp_find_prefix(c, j, type);
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
mtl_bp_teaser(mtl_bp_ctx *c, size_t a, size_t b, unsigned items, unsigned kept,
              bool line_start, const mtl_bp_slot **cue_out)
{
    const mtl_doc *doc = c->doc;
    unsigned k = 0;
    const mtl_bp_slot *cue = mtl_bp_longest_prefix(
        c, items, kept, MTL_BP_T_CUE, MTL_BP_MAX_PREFIX, &k);
    if (!cue)
        return 0;
    *cue_out = cue;
    /* the cue must start the span */
    if (c->tok[0] != a &&
        !(c->tok[0] == a + 1 &&
          (doc->toks[a].kind == MTL_TOK_PUNCT ||
           doc->toks[a].kind == MTL_TOK_OTHER) &&
          !mtl_bp_is_quote_cp(mtl_bp_tok_cp(doc, &doc->toks[a]))))
        return 0;
    if (k == items)
        return line_start ? 2 : 0;
    if (items > 40 || k >= kept)
        return 0;
    const mtl_token *last = &doc->toks[c->tok[k - 1]];
    const mtl_token *head = &doc->toks[c->tok[k]];
    /* the first token after the cue (punctuation included) */
    size_t nt = c->tok[k - 1] + 1;
    /* "Más noticias de Economía: El precio ...": the section's name of
     * one to three capitalised words after a short stopword, a colon, and
     * the headline */
    if (head->kind == MTL_TOK_WORD && head->casing == MTL_CASE_LOWER &&
        head->nchars <= 4 && nt == c->tok[k] &&
        mtl_lexicon_has_fold(c->st->stop, doc->text + head->start,
                             head->len)) {
        size_t r = c->tok[k] + 1;
        unsigned caps = 0;
        while (r < b && caps < 3 && doc->toks[r].kind == MTL_TOK_WORD &&
               (doc->toks[r].flags & MTL_TF_UPPER_START)) {
            r++;
            caps++;
        }
        return caps && r + 2 < b && mtl_tok_is_char(doc, &doc->toks[r], ':') &&
                       mtl_bp_headline_start(doc, &doc->toks[r + 1]) &&
                       line_start
                   ? 1
                   : 0;
    }
    if (!mtl_bp_headline_start(doc, head)) {
        /* an opening quote before the headline */
        if (!(nt < c->tok[k] && mtl_bp_headline_start(doc, &doc->toks[nt])))
            return 0;
    }
    bool strong =
        mtl_bp_strong_gap(doc->text, last->start + last->len, head->start);
    if (strong)
        return line_start || k >= 2 ? 1 : 0;
    /* a single space: a cue of two words or more, a capitalised headline
     * with no final full stop, a short line */
    if (c->st->strong_only || k < 2 || !line_start || items > 25)
        return 0;
    if (head->kind == MTL_TOK_WORD && !(head->flags & MTL_TF_UPPER_START) &&
        head->casing != MTL_CASE_NONE)
        return 0;
    if (mtl_bp_last_cp(doc, b) == '.')
        return 0;
    return 1;
}

/* Widget match of tokens [a, b) whose items are in c->buf.  Returns the
 * slot or NULL. */
static bool mtl_bp_byline_tail(mtl_bp_ctx *c, size_t a, size_t b);

static const mtl_bp_slot *
mtl_bp_widget(mtl_bp_ctx *c, size_t a, size_t b, unsigned items, unsigned kept,
              size_t blen, bool full, bool sentence)
{
    const mtl_doc *doc = c->doc;
    /* a quotation mark makes a line prose, but in a cookie notice after
     * its opening phrase, which quotes its buttons ("Mit „Alle
     * akzeptieren“ stimmen Sie zu") */
    bool quote = mtl_bp_ctx_has_quote(c, a, b);
    if (quote && sentence)
        return NULL;
    /* a string of more items than any phrase is none (and is not all
     * written when it has more than mtl_bp_state.keep) */
    if (!quote && !full && items <= c->st->max_phrase &&
        mtl_bp_phrase_may(c->st, items, blen)) {
        mtl_bp_ctx_fill(c, items);
        const mtl_bp_slot *s =
            mtl_bp_find(c->st, c->buf, blen, MTL_BP_T_PHRASE);
        if (s && s->kind != MTL_BP_K_TEASER) {
            if (sentence && s->nitems < 3)
                return NULL;
            /* a one-word line ending like a sentence is not a label; one
             * ending in an ellipsis is ("Loading…", "Loading...") */
            if (s->nitems == 1 && mtl_bp_is_final_cp(mtl_bp_last_cp(doc, b)) &&
                mtl_bp_last_cp(doc, b) != 0x2026 && !mtl_bp_dots_end(doc, b))
                return NULL;
            return s;
        }
    }
    if (sentence || items < 2)
        return NULL;
    for (unsigned j = 1; j < items && j <= kept && j <= c->st->max_prefix;
         j++) {
        const mtl_bp_slot *s;
        size_t rest = j < kept ? c->tok[j] : b;
        if (j >= kept)
            break;
        /* mtl_bp_find_prefix's length filter for the three types at once */
        unsigned n = j < c->written ? j : c->written;
        if (c->off[j - 1] < 64 &&
            !(c->st->plen_widget[n] >> c->off[j - 1] & 1))
            continue;
        if (quote) {
            if ((s = mtl_bp_find_prefix(c, j, MTL_BP_T_REST)) &&
                s->kind == MTL_BP_K_COOKIE && items <= 80 &&
                !mtl_bp_has_quote(doc, a, rest))
                return s;
            continue;
        }
        if ((s = mtl_bp_find_prefix(c, j, MTL_BP_T_DATE)) &&
            mtl_bp_rest_is_date(doc, rest, b))
            return s;
        if ((s = mtl_bp_find_prefix(c, j, MTL_BP_T_NAME)) &&
            (mtl_bp_rest_is_name(doc, c->st, rest, b, NULL) ||
             (s->kind == MTL_BP_K_BYLINE &&
              mtl_bp_byline_tail(c, rest, b))))
            return s;
        if ((s = mtl_bp_find_prefix(c, j, MTL_BP_T_REST)) &&
            items <= 80 &&
            (s->kind != MTL_BP_K_TAGS ||
             mtl_bp_tag_list(doc, c->st->stop, rest, b)))
            return s;
    }
    return NULL;
}

/*
 * After a byline's label ("By", "Par", "Por"), tokens [@p a, @p b): a
 * person's name of two to four capitalised words, the first a given name,
 * then a comma, a bar, a dash or a middle dot and what bylines add after
 * it, a role, a desk, a place or a time stamp ("By Helen Oakes, North of
 * England correspondent", "Par Claire Dumesnil | Service Politique |
 * Publié le 18/12/2025 à 07h45"): one to fourteen words, the first no
 * stop word, no sentence end and no quotation mark.
 */
static bool
mtl_bp_byline_tail(mtl_bp_ctx *c, size_t a, size_t b)
{
    const mtl_doc *doc = c->doc;
    size_t sep = a;
    while (sep < b && sep < a + 4 && doc->toks[sep].kind == MTL_TOK_WORD &&
           (doc->toks[sep].flags & MTL_TF_UPPER_START) &&
           !(doc->toks[sep].flags & MTL_TF_DIGIT))
        sep++;
    if (sep - a < 2 || sep >= b || doc->toks[sep].kind != MTL_TOK_PUNCT ||
        !doc->res ||
        !mtl_lexicon_has(mtl_lang_lexicon_all(doc->res, "given-names"),
                         doc->text + doc->toks[a].start, doc->toks[a].len))
        return false;
    int32_t cp = mtl_bp_tok_cp(doc, &doc->toks[sep]);
    if (!(cp == ',' || cp == '|' || cp == 0x2014 || cp == 0x2013 ||
          cp == 0xB7))
        return false;
    /* what follows starts with no stop word: "Par Jean Dupont – le
     * maire a remercié les secours" goes on with a sentence */
    const mtl_token *f = sep + 1 < b ? &doc->toks[sep + 1] : NULL;
    if (!f || (f->kind == MTL_TOK_WORD && c->st->stop &&
               mtl_lexicon_has_fold(c->st->stop, doc->text + f->start,
                                    f->len)))
        return false;
    unsigned words = 0;
    for (size_t t = sep + 1; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_PUNCT) {
            int32_t q = mtl_bp_tok_cp(doc, tk);
            if (mtl_bp_is_quote_cp(q) ||
                (mtl_bp_is_final_cp(q) && q != '.'))
                return false;
            /* a full stop ends a sentence unless a number or an
             * abbreviation's letters hold it ("07h45.", "p.m.") */
            if (q == '.' && t + 1 < b &&
                (doc->toks[t + 1].flags & MTL_TF_SPACE_BEFORE) &&
                (doc->toks[t + 1].flags & MTL_TF_UPPER_START))
                return false;
            continue;
        }
        if (mtl_tok_is_word(tk) && ++words > 14)
            return false;
    }
    /* a full stop at the end: a short role only ("By Helen Oakes, Our
     * Correspondent."), not a sentence that starts with "By" and a name */
    if (mtl_bp_is_final_cp(mtl_bp_last_cp(doc, b)) && words > 6)
        return false;
    return words >= 1;
}

/* A widget bar: a short line that is two or more whole phrases of the
 * share, navigation, comment-form or newsletter kinds one after the other
 * ("Facebook Twitter Email", "Log in Register").  It ends like a sentence
 * only when its last phrase is a notice of three words or more ("Deja un
 * comentario  Cancelar respuesta  Tu dirección de correo electrónico no
 * será publicada.").  Returns the first phrase's slot or NULL. */
static const mtl_bp_slot *
mtl_bp_widget_bar(mtl_bp_ctx *c, size_t a, size_t b, unsigned items, bool full)
{
    enum { MAXI = 16 };
    bool final = mtl_bp_is_final_cp(mtl_bp_last_cp(c->doc, b));
    if (full || items < 2 || items > (final ? MAXI : 12) ||
        mtl_bp_ctx_has_quote(c, a, b))
        return NULL;
    mtl_bp_ctx_fill(c, items);
    /* reach[j]: number of phrases covering items [0, j), 0 = unreachable;
     * notice[j]: whether a phrase of three items or more ends at j */
    uint8_t reach[MAXI + 1] = {1};
    bool notice[MAXI + 1] = {false};
    const mtl_bp_slot *first = NULL;
    for (unsigned i = 0; i < items; i++) {
        if (!reach[i])
            continue;
        size_t from = i == 0 ? 0 : (size_t)c->off[i - 1] + 1;
        for (unsigned j = i + 1; j <= items; j++) {
            if (c->off[j - 1] < from)
                break; /* past the end of what fitted in the buffer */
            /* "X", the network, is a button among others, never first
             * (alone, a line "X" is a numeral or a letter) */
            if (i > 0 && j == i + 1 && c->off[i] - from == 1 &&
                c->buf[from] == 'x') {
                if (!reach[j] || reach[j] > reach[i] + 1)
                    reach[j] = (uint8_t)(reach[i] + 1);
                continue;
            }
            if (!mtl_bp_phrase_may(c->st, j - i, c->off[j - 1] - from))
                continue;
            const mtl_bp_slot *s = mtl_bp_find(
                c->st, c->buf + from, c->off[j - 1] - from, MTL_BP_T_PHRASE);
            if (!s || s->kind == MTL_BP_K_TEASER ||
                s->kind == MTL_BP_K_READTIME || s->kind == MTL_BP_K_UPDATE ||
                s->kind == MTL_BP_K_BYLINE || s->kind == MTL_BP_K_AUTHOR ||
                s->kind == MTL_BP_K_CREDIT || s->kind == MTL_BP_K_PAYWALL)
                continue;
            if (!reach[j] || reach[j] > reach[i] + 1)
                reach[j] = (uint8_t)(reach[i] + 1);
            if (j - i >= 3)
                notice[j] = true;
            if (i == 0 && !first)
                first = s;
        }
    }
    if (final && !notice[items])
        return NULL;
    return reach[items] >= 3 ? first : NULL; /* two phrases or more */
}

/* Whether tokens @p t - 1 and @p t of a line are apart by two spaces or
 * more, or a tab: the gap between two widgets laid out side by side. */
static bool
mtl_bp_wide_gap(const mtl_doc *doc, size_t t)
{
    const mtl_token *p = &doc->toks[t - 1], *q = &doc->toks[t];
    size_t gap = q->start - (p->start + p->len);
    if (gap >= 2)
        return true;
    return gap == 1 && doc->text[q->start - 1] == '\t';
}

/* A segment separator of a widget line: | · • [ ] ( ), the en and em
 * dashes ("Par la rédaction – Mis à jour le 4 février"), and the
 * semicolon between the fields of an agency's credit line ("Reporting by
 * X; Editing by Y"). */
static bool
mtl_bp_seg_cp(int32_t cp)
{
    return cp == '|' || cp == 0xB7 || cp == 0x2022 || cp == '[' ||
           cp == 0x3010 || cp == 0x3011 || cp == 0x2013 || cp == 0x2014 ||
           cp == ']' || cp == '(' || cp == ')' || cp == ';';
}

/* A short label of title-case words without digits ("Fisheries",
 * "Technology"), a section name before the widgets of its line. */
static bool
mtl_bp_label_seg(const mtl_doc *doc, size_t a, size_t b)
{
    unsigned words = 0;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_PUNCT)
            continue;
        if (tk->kind != MTL_TOK_WORD || (tk->flags & MTL_TF_DIGIT) ||
            (tk->casing != MTL_CASE_TITLE && tk->casing != MTL_CASE_UPPER))
            return false;
        words++;
    }
    return words >= 1 && words <= 3;
}

/* A line of three or more underscores or equals signs, nothing else but
 * white space ("___" before an agency's contributor line, "=====" under
 * a plain-text heading): a rule drawn by the page's layout. */
static bool
mtl_bp_rule_line(mtl_bp_ctx *c, const mtl_span *sp)
{
    const char *s = c->doc->text;
    size_t n = 0;
    char ch = 0;
    for (size_t k = sp->start; k < sp->end; k++) {
        if (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')
            continue;
        if ((s[k] != '_' && s[k] != '=') || (ch && s[k] != ch))
            return false;
        ch = s[k];
        n++;
    }
    if (n < 3)
        return false;
    mtl_flags_add(c->out, MTL_RULE_BP_STRUCTURAL, sp->start, sp->end,
                  "a rule drawn by the page's layout: page furniture, not "
                  "article text",
                  NULL);
    return true;
}

/* A byline segment: a lower-case "by" of the six languages and one to
 * four capitalised words ("di Francesca Rinaldi · 4 minuti di lettura",
 * "por Ana Ruiz | 3 min"); alone on its line the Italian one is a name
 * ("di Maio"), beside another widget of the line it is the author's. */
static bool
mtl_bp_byline_seg(const mtl_doc *doc, size_t a, size_t b)
{
    static const char *const by[] = {"by", "di", "par", "von", "por", "de",
                                     "da", NULL};
    const mtl_token *f = &doc->toks[a];
    if (f->kind != MTL_TOK_WORD || f->casing != MTL_CASE_LOWER || b - a < 2 ||
        b - a > 5)
        return false;
    bool known = false;
    for (size_t k = 0; by[k] && !known; k++)
        known = f->len == strlen(by[k]) &&
                memcmp(doc->text + f->start, by[k], f->len) == 0;
    if (!known)
        return false;
    for (size_t t = a + 1; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind != MTL_TOK_WORD || (tk->flags & MTL_TF_DIGIT) ||
            tk->casing != MTL_CASE_TITLE)
            return false;
    }
    return true;
}

/* A byline phrase of the lexicon and the desk's section after it, one to
 * three capitalised words ("Par la rédaction Économie", "By Staff
 * Reporters Business"): the first segment of a stamp line. */
static bool
mtl_bp_desk_seg(mtl_bp_ctx *c, size_t a, size_t b)
{
    for (size_t m = b - 1; m > a + 1 && b - m <= 3; m--) {
        if (!mtl_bp_label_seg(c->doc, m, b))
            break;
        size_t blen;
        bool full;
        unsigned si = mtl_bp_ctx_items(c, a, m, &blen, &full, 30);
        if (si == 0)
            continue;
        unsigned kept = si < MTL_BP_MAX_ITEMS ? si : MTL_BP_MAX_ITEMS;
        const mtl_bp_slot *s =
            mtl_bp_widget(c, a, m, si, kept, blen, full, false);
        if (s && s->kind == MTL_BP_K_BYLINE)
            return true;
    }
    return false;
}

/*
 * A line of widgets of several kinds laid out side by side: segments split
 * by | · • brackets or a wide gap, each a phrase of the lexicon (with its
 * name, date or rest), a date or time stamp, or (the first) a short
 * section label: "Responsible editor: Li Jiaqi [ Print ] [ Close window ]",
 * "Fisheries Nov 06, 2026 at 11:04 am | 0 Comments", "Technology · 4 min
 * read".  Two segments or more, one of them a phrase.  Returns the first
 * phrase's slot or NULL; sets *touched when it filled c's buffers with a
 * segment's items (the line's must then be filled again).
 */
static const mtl_bp_slot *
mtl_bp_segments(mtl_bp_ctx *c, size_t a, size_t b, unsigned items,
                bool *touched)
{
    enum { MAXSEG = 8 };
    const mtl_doc *doc = c->doc;
    if (items < 3 || items > 30 || c->quote)
        return NULL;
    int32_t last = mtl_bp_last_cp(doc, b);
    if (mtl_bp_is_final_cp(last) && last != 0x2026)
        return NULL;
    size_t sa[MAXSEG], sb[MAXSEG];
    size_t n = 0, from = a;
    /* a capitalised word and a colon after a word start a segment too:
     * stamp lines of labelled fields ("Source: Sichuan Daily Editor: Yang
     * Fan Proofreading: Liu Min"); such a line must be phrases only */
    bool colon_cut = false;
    for (size_t t = a; t <= b; t++) {
        bool cut = t == b;
        bool sep = false;
        if (!cut && doc->toks[t].kind == MTL_TOK_PUNCT &&
            mtl_bp_seg_cp(mtl_bp_tok_cp(doc, &doc->toks[t])))
            cut = sep = true;
        else if (!cut && t > from && mtl_bp_wide_gap(doc, t))
            cut = true;
        else if (!cut && t > from && t + 1 < b &&
                 doc->toks[t].kind == MTL_TOK_WORD &&
                 (doc->toks[t].flags & MTL_TF_UPPER_START) &&
                 doc->toks[t - 1].kind == MTL_TOK_WORD &&
                 mtl_tok_is_char(doc, &doc->toks[t + 1], ':'))
            cut = colon_cut = true;
        if (!cut)
            continue;
        if (t > from) {
            if (n == MAXSEG)
                return NULL;
            sa[n] = from;
            sb[n] = t;
            n++;
        }
        from = sep ? t + 1 : t;
    }
    if (n < 2)
        return NULL;
    *touched = true;
    const mtl_bp_slot *first = NULL;
    for (size_t k = 0; k < n; k++) {
        size_t blen;
        bool full;
        unsigned si = mtl_bp_ctx_items(c, sa[k], sb[k], &blen, &full, 30);
        if (si == 0)
            continue; /* punctuation only */
        unsigned kept = si < MTL_BP_MAX_ITEMS ? si : MTL_BP_MAX_ITEMS;
        const mtl_bp_slot *s =
            mtl_bp_widget(c, sa[k], sb[k], si, kept, blen, full, false);
        if (s && s->kind != MTL_BP_K_TEASER) {
            if (!first)
                first = s;
            continue;
        }
        if (colon_cut)
            return NULL;
        if (mtl_bp_rest_is_date(doc, sa[k], sb[k]))
            continue;
        if (k == 0 && (mtl_bp_label_seg(doc, sa[k], sb[k]) ||
                       mtl_bp_byline_seg(doc, sa[k], sb[k]) ||
                       mtl_bp_desk_seg(c, sa[k], sb[k])))
            continue;
        return NULL;
    }
    return first;
}

/*
 * A breadcrumb whose separators the scraper dropped, leaving the gaps
 * ("Home  News  Science  Space", "Accueil  Monde  Europe"): three to
 * eight segments split by two spaces or more (or a tab), each one to
 * three capitalised words without digits or punctuation, the first a
 * one-word navigation or page link of the lexicon ("Home", "Accueil",
 * "Startseite").  Sets *touched when it filled c's buffers.
 */
static bool
mtl_bp_gap_breadcrumb(mtl_bp_ctx *c, size_t a, size_t b, bool *touched)
{
    const mtl_doc *doc = c->doc;
    if (b - a < 3 || b - a > 24)
        return false;
    size_t segs = 1, words = 0, first_end = b;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind != MTL_TOK_WORD || (tk->flags & MTL_TF_DIGIT) ||
            (tk->casing != MTL_CASE_TITLE && tk->casing != MTL_CASE_UPPER))
            return false;
        if (t > a && mtl_bp_wide_gap(doc, t)) {
            if (first_end == b)
                first_end = t;
            segs++;
            words = 0;
        } else if (t > a && !(tk->flags & MTL_TF_SPACE_BEFORE)) {
            return false;
        }
        if (++words > 3)
            return false;
    }
    if (segs < 3 || segs > 8 || first_end != a + 1)
        return false;
    *touched = true;
    size_t blen;
    bool full;
    unsigned si = mtl_bp_ctx_items(c, a, a + 1, &blen, &full, 30);
    if (si != 1)
        return false;
    const mtl_bp_slot *s = mtl_bp_widget(c, a, a + 1, si, si, blen, full,
                                         false);
    return s && (s->kind == MTL_BP_K_NAV || s->kind == MTL_BP_K_PAGE) &&
           s->nitems == 1;
}

static void
mtl_bp_flag_widget(mtl_bp_ctx *c, const mtl_bp_slot *s, size_t start,
                   size_t end)
{
    /* a one-word navigation label ("Search", "Sections") is less sure */
    if ((s->kind == MTL_BP_K_NAV || s->kind == MTL_BP_K_PAGE) &&
        s->nitems == 1) {
        mtl_flags_addf(c->out, MTL_RULE_BP_STRUCTURAL, start, end, NULL,
                       "navigation label (\xE2\x80\x9C%s\xE2\x80\x9D): "
                       "page furniture, not article text",
                       s->text);
        return;
    }
    mtl_flags_addf(c->out, MTL_RULE_BP_WIDGET, start, end, NULL,
                   "%s (\xE2\x80\x9C%s\xE2\x80\x9D): page furniture, not "
                   "article text",
                   mtl_bp_kind_labels[s->kind], s->text);
}

/* Sentences of a line: widget phrases (three items or more) and teasers
 * that start a later sentence and run to the end of the line.  c->buf
 * holds the line's item string (@p items_line items, @p blen_line
 * bytes). */
static bool
mtl_bp_sentences(mtl_bp_ctx *c, size_t a, size_t b, unsigned items_line,
                 size_t blen_line)
{
    const mtl_doc *doc = c->doc;
    bool any = false;
    /* the line's item string, kept aside: the string of a sentence whose
     * items are all in it is a piece of it */
    memcpy(c->lbuf, c->buf, blen_line + 1);
    c->litems = items_line < MTL_BP_MAX_ITEMS ? items_line : MTL_BP_MAX_ITEMS;
    memcpy(c->loff, c->off, c->litems * sizeof *c->off);
    memcpy(c->ltok, c->tok, c->litems * sizeof *c->tok);
    c->lwritten = c->written;
    c->lall = items_line <= MTL_BP_MAX_ITEMS;
    size_t run_start = 0, run_end = 0;
    const mtl_bp_slot *run_slot = NULL;
    size_t t = a;
    unsigned before = 0; /* the line's items before token t */
    while (t < b) {
        /* only a sentence of 3 to MTL_BP_SENT_ITEMS items is looked at: the
         * others (long prose ones) are counted, not given an item string */
        mtl_bp_measure k;
        size_t e = mtl_bp_measure_items(doc, t, b, true, &k);
        unsigned items = k.items;
        size_t blen = 0;
        bool full = false;
        bool look = items >= 3 && items <= MTL_BP_SENT_ITEMS;
        /* a sentence of more items than any phrase is no widget
         * (mtl_bp_widget returns NULL before it reads the string), and
         * its string would only tell whether it fits (full, for the
         * teaser below): surely when mtl_bp_measure_fits */
        bool phrase = look && items <= c->st->max_phrase;
        bool fits = mtl_bp_measure_fits(&k);
        if (look && (phrase || !fits)) {
            if (mtl_bp_ctx_has_piece(c, e))
                mtl_bp_ctx_piece(c, t, e, &blen, &full);
            else
                mtl_bp_ctx_items(c, t, e, &blen, &full, 30);
        }
        unsigned kept = items < MTL_BP_MAX_ITEMS ? items : MTL_BP_MAX_ITEMS;
        const mtl_bp_slot *w = NULL;
        if (phrase)
            w = mtl_bp_widget(c, t, e, items, kept, blen, full, true);
        if (w) {
            if (!run_slot) {
                run_slot = w;
                run_start = doc->toks[t].start;
            }
            run_end = doc->toks[e - 1].start + doc->toks[e - 1].len;
        } else {
            if (run_slot) {
                mtl_bp_flag_widget(c, run_slot, run_start, run_end);
                any = true;
                run_slot = NULL;
            }
            const mtl_bp_slot *cue = NULL;
            if (t > a && items >= 3 && items <= MTL_BP_SENT_ITEMS && !full) {
                /* the rest of the line, from this sentence on (the
                 * line's count is exact up to MTL_BP_LINE_COUNT) */
                unsigned li = items_line <= MTL_BP_LINE_COUNT
                                  ? items_line - before
                                  : mtl_bp_count_items(doc, t, b, 30);
                if (li <= MTL_BP_SENT_ITEMS && mtl_bp_ctx_has_piece(c, b))
                    mtl_bp_ctx_piece(c, t, b, &blen, &full);
                else if (li <= MTL_BP_SENT_ITEMS)
                    mtl_bp_ctx_rest(c, t, b, &blen, &full);
                unsigned lk = li < MTL_BP_MAX_ITEMS ? li : MTL_BP_MAX_ITEMS;
                if (li <= MTL_BP_SENT_ITEMS && !full &&
                    mtl_bp_teaser(c, t, b, li, lk, false, &cue) == 1) {
                    mtl_flags_addf(
                        c->out, MTL_RULE_BP_TEASER, doc->toks[t].start,
                        doc->toks[b - 1].start + doc->toks[b - 1].len, NULL,
                        "related-content teaser "
                        "(\xE2\x80\x9C%s\xE2\x80\x9D and another "
                        "article's headline)",
                        cue->text);
                    return true;
                }
            }
        }
        before += items;
        t = e;
    }
    if (run_slot) {
        mtl_bp_flag_widget(c, run_slot, run_start, run_end);
        any = true;
    }
    return any;
}

/* A credit without a label: tokens [a, b) are a name of two capitalised
 * words or more, a slash and an agency ("Manu Fernandez/AP", "Sanjeev
 * Verma/Hindustan Times/Getty Images"), or the other way round, the way
 * agencies sign pictures. */
static bool
mtl_bp_bare_credit(const mtl_bp_ctx *c, size_t a, size_t b)
{
    const mtl_doc *doc = c->doc;
    unsigned before = 0;
    size_t t = a;
    for (; t < b && !mtl_tok_is_char(doc, &doc->toks[t], '/'); t++)
        if (doc->toks[t].kind == MTL_TOK_WORD)
            before++;
    if (t >= b)
        return false;
    /* or an agency, a slash and a name of two words ("AP Photo/Evan
     * Vucci", "ANSA/Giuseppe Lami") */
    if (before < 2) {
        unsigned after = 0;
        for (size_t k = t + 1; k < b; k++)
            if (doc->toks[k].kind == MTL_TOK_WORD)
                after++;
        if (after < 2 || !mtl_bp_is_agency(c->st, doc, a, t))
            return false;
    }
    bool agency = false;
    return mtl_bp_rest_is_name(doc, c->st, a, b, &agency) && agency;
}

/* Tokens [a, b) are agencies split by slashes, the way agencies sign a
 * picture they share ("AFP", "APG/EFE", "Reuters/AFP"): every part an
 * agency of the list or a word of two to six capitals, one of them at
 * least an agency of the list. */
static bool
mtl_bp_agency_chain(const mtl_bp_ctx *c, size_t a, size_t b)
{
    const mtl_doc *doc = c->doc;
    if (b <= a || b - a > 9)
        return false;
    bool listed = false;
    size_t from = a;
    for (size_t t = a; t <= b; t++) {
        if (t < b && !mtl_tok_is_char(doc, &doc->toks[t], '/'))
            continue;
        if (t == from)
            return false;
        if (mtl_bp_is_agency(c->st, doc, from, t)) {
            listed = true;
        } else {
            const mtl_token *tk = &doc->toks[from];
            if (t != from + 1 || tk->kind != MTL_TOK_WORD ||
                tk->casing != MTL_CASE_UPPER || tk->nchars < 2 ||
                tk->nchars > 6)
                return false;
        }
        from = t + 1;
    }
    return listed;
}

/*
 * A credit of an agency's photographer without a slash: one or two
 * agencies (split by a slash), the word "Photo" or "Foto" and a name of
 * two or three title-case words that are no stopwords, nothing else on
 * the line ("VNA/VNS Photo Tran Viet", "Xinhua Photo Wang Ying", "AP
 * Photo Evan Vucci" whose slash was lost).  Tokens [a, b) of a line.
 */
static bool
mtl_bp_agency_photo(const mtl_bp_ctx *c, size_t a, size_t b)
{
    const mtl_doc *doc = c->doc;
    if (b - a < 4 || b - a > 9)
        return false;
    size_t p = a + 1;
    while (p < b && p <= a + 4 && !mtl_tok_is(doc, &doc->toks[p], "Photo") &&
           !mtl_tok_is(doc, &doc->toks[p], "Foto"))
        p++;
    if (p >= b || p > a + 4 || b - p < 3 || b - p > 4)
        return false;
    for (size_t t = p + 1; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind != MTL_TOK_WORD || tk->casing != MTL_CASE_TITLE ||
            mtl_lexicon_has_fold(c->st->stop, doc->text + tk->start, tk->len))
            return false;
    }
    /* the agencies: each part between slashes */
    size_t from = a;
    for (size_t t = a; t <= p; t++) {
        if (t < p && !mtl_tok_is_char(doc, &doc->toks[t], '/'))
            continue;
        if (t == from || !mtl_bp_is_agency(c->st, doc, from, t))
            return false;
        from = t + 1;
    }
    return true;
}

/*
 * A photo credit that closes a line after a caption, after the caption's
 * full stop or in brackets: "Visitors at the exhibition. Photo: Óscar del
 * Pozo / AFP", "Pilgrims in Lalibela. (Photo: Amanuel Sileshi/AFP)",
 * "Tuesday, Nov. 19, 2019. (Manu Fernandez/AP)", "Trucks at the border.
 * (AFP)", "Vecinos en la cabina. APG/EFE" (agencies alone,
 * mtl_bp_agency_chain); or a whole line that is a credit without a
 * label.  The credit is a [credit] label, a colon
 * within its first words, and a name that ends in an agency after a slash
 * or is one, or an institution and a photographer's name after a slash
 * ("Foto: Ballett am Rheinufer / Lin Yufei"); without a label, a name, a
 * slash and an agency (mtl_bp_bare_credit): the agency (or the
 * photographer after a slash) is what tells a credit from a sentence
 * that starts with "Photo" (a credit with a label at the start of a line
 * is a widget phrase).  Tokens [a, b) of a line; returns true, sets *from
 * to the credit's first token (its opening bracket included), *label
 * to the label's slot (NULL without one) and *bare when the credit is
 * agencies alone.  Fills c's buffers.
 */
static bool
mtl_bp_credit_tail(mtl_bp_ctx *c, size_t a, size_t b, size_t *from,
                   const mtl_bp_slot **label, bool *bare)
{
    const mtl_doc *doc = c->doc;
    size_t e = b;
    bool bracket = e > a && mtl_tok_is_char(doc, &doc->toks[e - 1], ')');
    if (bracket)
        e--;
    *label = NULL;
    /* a whole line without a label, in brackets or not */
    size_t f = a + (bracket && mtl_tok_is_char(doc, &doc->toks[a], '('));
    if (f < e && e - f <= 24 && (f > a || !bracket) &&
        (mtl_bp_bare_credit(c, f, e) || mtl_bp_agency_photo(c, f, e))) {
        *from = a;
        return true;
    }
    /* candidate starts, from the end: the credit is short */
    unsigned seen = 0;
    for (size_t t = e; t > a + 1 && seen <= 12; t--) {
        const mtl_token *tk = &doc->toks[t - 1];
        if (tk->kind != MTL_TOK_PUNCT) {
            seen++;
            continue;
        }
        size_t s = t; /* the label's first token */
        if (s >= e || !(doc->toks[s].flags & MTL_TF_UPPER_START))
            continue;
        int32_t cp = mtl_bp_tok_cp(doc, tk);
        if (bracket ? cp != '('
                    : !((cp == '.' || cp == '!' || cp == '?') &&
                        (doc->toks[s].flags & MTL_TF_SPACE_BEFORE)))
            continue;
        /* a colon right after the label's words */
        size_t colon = 0;
        for (size_t k = s + 1; k < e && k <= s + 4; k++)
            if (mtl_tok_is_char(doc, &doc->toks[k], ':')) {
                colon = k;
                break;
            }
        if (!colon) {
            /* "(Manu Fernandez/AP)" after the caption's full stop; or
             * the agencies alone ("... east of Ramtha. (AFP)", "... la
             * línea Dorada. APG/EFE") */
            if (bracket && t - 1 > a &&
                mtl_bp_is_final_cp(mtl_bp_tok_cp(doc, &doc->toks[t - 2])) &&
                (mtl_bp_bare_credit(c, s, e) ||
                 (*bare = mtl_bp_agency_chain(c, s, e)))) {
                *from = t - 1;
                return true;
            }
            if (!bracket && mtl_bp_agency_chain(c, s, e)) {
                *bare = true;
                *from = s;
                return true;
            }
            continue; /* "Dr. Smith": a full stop inside the credit */
        }
        size_t blen;
        bool full;
        unsigned items = mtl_bp_ctx_items(c, s, e, &blen, &full, 30);
        if (items < 2 || items > 12)
            return false;
        for (unsigned j = 1; j < items && j <= 3; j++) {
            if (c->tok[j] <= colon || c->tok[j - 1] > colon)
                continue; /* the label ends at the colon */
            const mtl_bp_slot *sl = mtl_bp_find_prefix(c, j, MTL_BP_T_NAME);
            if (!sl || sl->kind != MTL_BP_K_CREDIT)
                sl = mtl_bp_find_prefix(c, j, MTL_BP_T_REST);
            if (!sl || sl->kind != MTL_BP_K_CREDIT)
                continue;
            /* an agency, or an institution and a photographer after a
             * slash ("Foto: Ballett am Rheinufer / Lin Yufei") */
            bool agency = false, person = false;
            if (mtl_bp_rest_is_name2(doc, c->st, c->tok[j], e, &agency,
                                     &person) &&
                (agency || person)) {
                *from = bracket ? t - 1 : s;
                *label = sl;
                return true;
            }
        }
    }
    return false;
}

/* An advertising, newsletter or paywall phrase of three items or more set
 * inside a line between two dashes or in brackets: "dont le fabricant
 * Fenwick-Linde — Lire la suite après la publicité — et un groupe", the
 * label of an advertisement that the scraper pasted into the sentence
 * around it.  Tokens [a, b) of a line; returns the phrase's slot and its
 * first and last token (the delimiters), or NULL.  Fills c's buffers. */
static const mtl_bp_slot *
mtl_bp_inset(mtl_bp_ctx *c, size_t a, size_t b, size_t *first, size_t *last)
{
    const mtl_doc *doc = c->doc;
    size_t open = b;
    int32_t want = 0;
    for (size_t t = a; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind != MTL_TOK_PUNCT || tk->len == 0)
            continue;
        /* brackets, or a lead byte of the dashes: most punctuation is
         * not decoded */
        unsigned char b0 = (unsigned char)doc->text[tk->start];
        if (b0 != '(' && b0 != ')' && b0 != '[' && b0 != ']' && b0 != 0xE2)
            continue;
        int32_t cp = mtl_bp_tok_cp(doc, tk);
        bool dash = cp == 0x2014 || cp == 0x2013;
        if (!dash && b0 == 0xE2)
            continue;
        if (open < b && cp == want) {
            size_t blen;
            bool full;
            unsigned items = mtl_bp_ctx_items(c, open + 1, t, &blen, &full, 30);
            if (items >= 3 && items <= c->st->max_phrase && !full &&
                mtl_bp_phrase_may(c->st, items, blen) &&
                !mtl_bp_has_quote(doc, open + 1, t)) {
                mtl_bp_ctx_fill(c, items);
                const mtl_bp_slot *s =
                    mtl_bp_find(c->st, c->buf, blen, MTL_BP_T_PHRASE);
                if (s && (s->kind == MTL_BP_K_ADVERT ||
                          s->kind == MTL_BP_K_NEWSLETTER ||
                          s->kind == MTL_BP_K_PAYWALL)) {
                    *first = open;
                    *last = t;
                    return s;
                }
            }
            open = b;
            if (!dash)
                continue;
        }
        if (dash || cp == '(' || cp == '[') {
            open = t;
            want = dash ? cp : cp == '(' ? ')' : ']';
        }
    }
    return NULL;
}

/* The [promo] (@p type MTL_BP_T_PROMO) or [author-bio] (MTL_BP_T_BIO)
 * entry of the verb at c->buf + @p vf (@p vl bytes) and one of the items
 * j0 <= j < j1 of the item string ("download" and "app" of "Download the
 * app"), or NULL. */
static const mtl_bp_slot *
mtl_bp_pair(mtl_bp_ctx *c, size_t vf, size_t vl, unsigned j0, unsigned j1,
            int type)
{
    char pair[160];
    if (vl + 1 >= sizeof pair)
        return NULL;
    memcpy(pair, c->buf + vf, vl);
    pair[vl] = ' ';
    for (unsigned j = j0; j < j1; j++) {
        size_t from = j == 0 ? 0 : (size_t)c->off[j - 1] + 1,
               n = c->off[j] - from;
        if (vl + 1 + n >= sizeof pair)
            continue;
        memcpy(pair + vl + 1, c->buf + from, n);
        const mtl_bp_slot *s = mtl_bp_find(c->st, pair, vl + 1 + n, type);
        if (s)
            return s;
    }
    return NULL;
}

/* A line that promotes the site's app or newsletter: an imperative verb
 * and, two to eight words on, its object, a [promo] pair ("Download The
 * Times of Pune App for the latest news", "Recevez chaque matin notre
 * newsletter Économie", "Scarica l'app di ...").  Three to fourteen items,
 * the verb first, no comma, no sentence end.  c->buf holds the line's items.
 * Returns the pair's slot or NULL. */
static const mtl_bp_slot *
mtl_bp_promo_tail(mtl_bp_ctx *c, size_t b, unsigned items, bool full);

/* The site's own: the possessive of an appositive after a promoted
 * name ("The Culture Desk, our free weekly arts newsletter"), as written
 * (lower case). */
static const char *const mtl_bp_our[] = {
    "our",     "notre",   "nos",     "nuestro", "nuestra", "nuestros",
    "nuestras", "nosso",  "nossa",   "nossos",  "nossas",  "nostro",
    "nostra",  "nostri",  "nostre",  NULL};

static bool mtl_bp_in_words(const char *const *list, const char *w,
                            size_t n);

/* Where a newsletter's tagline delivers (mtl_bp_label_line,
 * mtl_bp_promo), folded: the reader's mailbox. */
static const char *const mtl_bp_tagline_words[] = {
    "inbox", "postfach", "boîte", "bandeja", "casella", NULL};

/* A word of mtl_bp_tagline_words (the reader's mailbox) among the ten
 * tokens from @p a on, before @p b. */
static bool
mtl_bp_mailbox_after(const mtl_doc *doc, size_t a, size_t b)
{
    for (size_t t = a; t < b && t < a + 10; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_WORD && tk->casing == MTL_CASE_LOWER &&
            mtl_bp_in_words(mtl_bp_tagline_words, doc->text + tk->start,
                            tk->len))
            return true;
    }
    return false;
}

static const mtl_bp_slot *mtl_bp_promo_after_question(mtl_bp_ctx *c,
                                                       size_t b,
                                                       unsigned items);

static const mtl_bp_slot *
mtl_bp_promo(mtl_bp_ctx *c, size_t b, unsigned items, bool full)
{
    const mtl_doc *doc = c->doc;
    if (full || items < 3 || items > 20 || c->quote)
        return NULL;
    int32_t last = mtl_bp_last_cp(doc, b);
    if (last == '?')
        return NULL;
    /* a time's abbreviation at the end ("at 6 a.m.") ends no sentence */
    size_t le = doc->toks[b - 1].start + doc->toks[b - 1].len;
    const char *lt = doc->text + le;
    bool am = last == '.' && le >= 5 &&
              (lt[-4] == 'a' || lt[-4] == 'p') && lt[-3] == '.' &&
              lt[-2] == 'm' && lt[-1] == '.' && lt[-5] == ' ';
    if (doc->toks[c->tok[0]].sent != doc->toks[b - 1].sent && !am) {
        const mtl_bp_slot *s =
            items <= 14 ? mtl_bp_promo_tail(c, b, items, full) : NULL;
        return s ? s : mtl_bp_promo_after_question(c, b, items);
    }

    if ((mtl_bp_is_final_cp(last) && !am) || last == ',' || last == ':')
        return NULL;
    if (!(doc->toks[c->tok[0]].flags & MTL_TF_UPPER_START))
        return NULL;
    /* a comma: two clauses, a sentence ("Laden und Geschäfte bleiben zu,
     * die App zeigt ...": "Laden" is a shop too); but where nouns are not
     * capitalised, the name of what is promoted and, after the line's
     * only comma, the site's possessive, the object further on ("Sign up
     * for The Culture Desk, our free weekly arts newsletter ›"), or the
     * reader's mailbox ("Sign up to The Health Brief – the week's
     * stories, in your inbox every Thursday"), twenty items at most */
    size_t comma = 0, commas = 0; /* the first comma's token, 0 for none */
    size_t colon = 0;             /* the first colon's, 0 for none */
    /* a dash or a colon before the site's possessive or the mailbox */
    bool dash_our = false;
    for (size_t t = c->tok[0]; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind != MTL_TOK_PUNCT)
            continue;
        if (doc->text[tk->start] == ',' && commas++ == 0)
            comma = t;
        if (doc->text[tk->start] == ':' && !colon)
            colon = t;
        /* ("Sign up for the Markets Briefing – our free newsletter
         * lands in your inbox", "Sign up for The Morning Dispatch: the
         * day's top stories, delivered to your inbox") */
        int32_t cp = mtl_bp_tok_cp(doc, tk);
        if ((cp == 0x2013 || cp == 0x2014 || cp == ':') && !dash_our &&
            t + 1 < b && !mtl_lang_capitalises_nouns(doc->res))
            dash_our = mtl_bp_in_words(mtl_bp_our,
                                       doc->text + doc->toks[t + 1].start,
                                       doc->toks[t + 1].len) ||
                       mtl_bp_mailbox_after(doc, t + 1, b);
    }
    /* more than fourteen items: a link's arrow at the end ("... before
     * you leave home →"), or else the object right after the site's
     * possessive ("Inscrivez-vous à notre lettre Vins & Terroirs pour
     * recevoir ...") or a promotion after a colon, below */
    bool arrow = last == 0x2192 || last == 0x203A;
    bool long_line = !comma && !dash_our && !arrow && items > 14;
    if (comma &&
        (commas > 1 || mtl_lang_capitalises_nouns(doc->res) ||
         comma + 1 >= b ||
         !(mtl_bp_in_words(mtl_bp_our,
                           doc->text + doc->toks[comma + 1].start,
                           doc->toks[comma + 1].len) ||
           mtl_bp_mailbox_after(doc, comma + 1, b))))
        return NULL;
    mtl_bp_ctx_fill(c, items);
    size_t vl = c->off[0];
    if (!mtl_bp_find(c->st, c->buf, vl, MTL_BP_T_PROMO_VERB))
        return NULL;
    unsigned reach = comma || dash_our ? 17 : 9;
    /* the object in the verb's clause: before a colon, unless an
     * apposition names it ("Descarga el informe: la aplicación del plan
     * ...") */
    if (!comma && !dash_our && colon)
        for (unsigned j = 1; j < items && j < reach; j++)
            if (c->tok[j] > colon) {
                reach = j;
                break;
            }
    const mtl_bp_slot *s = NULL;
    if (!long_line)
        s = mtl_bp_pair(c, 0, vl, 2, items < reach ? items : reach,
                        MTL_BP_T_PROMO);
    for (unsigned j = 3; long_line && !s && j < items && j < reach; j++) {
        size_t pf = (size_t)c->off[j - 2] + 1;
        if (mtl_bp_in_words(mtl_bp_our, c->buf + pf, c->off[j - 1] - pf))
            s = mtl_bp_pair(c, 0, vl, j, j + 1, MTL_BP_T_PROMO);
    }
    /* or, the verb first, a second promotion after a colon ("Recibe cada
     * mañana las claves de la economía: suscríbete gratis a nuestro
     * boletín") */
    return s ? s : mtl_bp_promo_after_question(c, b, items);
}

/* A question to the reader, or a phrase before a colon, then a promotion
 * that ends the line ("Quer receber as principais notícias do dia no seu
 * e-mail? Inscreva-se gratuitamente na nossa newsletter", "Recibe cada
 * mañana las claves de la economía: suscríbete gratis a nuestro
 * boletín"): the last sentence, or what follows the line's only colon,
 * starts with a [promo] verb (capitalised after a question mark), its
 * object two to eight items on, and the line ends in no full stop.
 * c->buf holds the line's items (@p items, twenty at most).  Returns the
 * pair's slot or NULL. */
static const mtl_bp_slot *
mtl_bp_promo_after_question(mtl_bp_ctx *c, size_t b, unsigned items)
{
    const mtl_doc *doc = c->doc;
    uint32_t sent = doc->toks[b - 1].sent;
    unsigned k = items;
    while (k > 0 && doc->toks[c->tok[k - 1]].sent == sent)
        k--;
    /* or the line's one sentence, split by a colon */
    bool colon = false;
    if (k == 0) {
        for (unsigned j = 1; j < items && !colon; j++)
            for (uint32_t t = c->tok[j - 1] + 1; t < c->tok[j]; t++)
                if (mtl_tok_is_char(doc, &doc->toks[t], ':')) {
                    colon = true;
                    k = j;
                }
    }
    if (k == 0 || k + 3 > items || c->tok[k] == 0 ||
        (!colon && (!(doc->toks[c->tok[k]].flags & MTL_TF_UPPER_START) ||
                    mtl_bp_tok_cp(doc, &doc->toks[c->tok[k] - 1]) != '?')) ||
        mtl_bp_is_final_cp(mtl_bp_last_cp(doc, b)))
        return NULL;
    mtl_bp_ctx_fill(c, items);
    size_t vf = (size_t)c->off[k - 1] + 1, vl = c->off[k] - vf;
    if (!mtl_bp_find(c->st, c->buf + vf, vl, MTL_BP_T_PROMO_VERB))
        return NULL;
    return mtl_bp_pair(c, vf, vl, k + 2, items < k + 9 ? items : k + 9,
                       MTL_BP_T_PROMO);
}

/*
 * An author's bio closing the document (the caller asks for its last
 * line only): a person's name of two to four capitalised words, the
 * first a given name, then an [author-bio] pair, the verb right after
 * the name and the role or the preposition one to eight items on, in
 * its clause (no comma between) ("Inês Carvalho é jornalista da secção
 * Sociedade", "Marcus Whitfield covers public safety and City Hall for
 * the Ledger", "Lucía Domínguez es redactora de Medio Ambiente"), forty
 * items at most.  The name's last
 * word is written nowhere else in the document: an article about a
 * journalist names its subject again.  c->buf holds the line's items
 * (@p items).  Returns the pair's slot or NULL.
 */
static const mtl_bp_slot *
mtl_bp_author_bio(mtl_bp_ctx *c, size_t a, size_t b, unsigned items,
                  bool full)
{
    const mtl_doc *doc = c->doc;
    if (full || items < 4 || items > 40 || c->quote || !doc->res)
        return NULL;
    mtl_bp_ctx_fill(c, items);
    unsigned v = 0;
    while (v < items && v < 5) {
        const mtl_token *t = &doc->toks[c->tok[v]];
        if (t->kind != MTL_TOK_WORD || (t->flags & MTL_TF_DIGIT) ||
            !(t->flags & MTL_TF_UPPER_START) ||
            (v > 0 && c->tok[v] != c->tok[v - 1] + 1))
            break;
        v++;
    }
    if (v < 2 || v > 4 || v + 1 >= items || c->tok[v] != c->tok[v - 1] + 1)
        return NULL;
    const mtl_token *given = &doc->toks[c->tok[0]];
    if (!mtl_lexicon_has(mtl_lang_lexicon_all(doc->res, "given-names"),
                         doc->text + given->start, given->len))
        return NULL;
    size_t vf = (size_t)c->off[v - 1] + 1, vl = c->off[v] - vf;
    if (!mtl_bp_find(c->st, c->buf + vf, vl, MTL_BP_T_BIO_VERB))
        return NULL;
    /* the role in the verb's clause: no comma or sentence end between */
    unsigned j1 = v + 1;
    while (j1 < items && j1 < v + 9) {
        bool stop = false;
        for (uint32_t t = c->tok[j1 - 1] + 1; t < c->tok[j1] && !stop; t++)
            stop = doc->toks[t].kind == MTL_TOK_PUNCT &&
                   (doc->text[doc->toks[t].start] == ',' ||
                    mtl_bp_is_final_cp(mtl_bp_tok_cp(doc, &doc->toks[t])));
        if (stop)
            break;
        j1++;
    }
    const mtl_bp_slot *s = mtl_bp_pair(c, vf, vl, v + 1, j1, MTL_BP_T_BIO);
    if (!s)
        return NULL;
    const mtl_token *sur = &doc->toks[c->tok[v - 1]];
    const char *ss = doc->text + sur->start;
    for (size_t k = 0; k < doc->ntoks; k++) {
        const mtl_token *o = &doc->toks[k];
        if ((k < a || k >= b) && o->len == sur->len &&
            o->kind == MTL_TOK_WORD &&
            memcmp(doc->text + o->start, ss, sur->len) == 0)
            return NULL;
    }
    return s;
}

/* Whether @p w (@p n bytes; its first byte readable even when n is 0)
 * is one of the NULL-ended @p list, whose words are not empty. */
static bool
mtl_bp_in_words(const char *const *list, const char *w, size_t n)
{
    /* the first byte before the length: it tells most words apart */
    for (int i = 0; list[i]; i++)
        if (list[i][0] == w[0] && strlen(list[i]) == n &&
            memcmp(list[i], w, n) == 0)
            return true;
    return false;
}

/* Words that may follow the verb of a call to action closing a promotion
 * line ("Download now"; "Abonnez-vous" reads "abonnez vous",
 * "Téléchargez-la" "téléchargez la": the pronoun of the verb too),
 * folded. */
static const char *const mtl_bp_cta_words[] = {
    "now",   "today", "here",  "free",  "maintenant",  "ici",
    "vous",  "gratuitement",   "jetzt",  "hier",  "kostenlos",  "ahora",
    "aquí",  "gratis", "agora", "aqui",  "grátis", "ora",       "qui",
    "la",    "le",    "les",   NULL};

/*
 * A promotion line of two sentences: one that names what is promoted and a
 * call to action of one or two words after it, a [promo] verb alone or
 * with "now", "here", "free" or a pronoun ("Get the latest auto news on
 * our app. Download now", "Never miss a story with our newsletter.
 * Subscribe today", "... notre application. Téléchargez-la"), or a French
 * button in the first person ("Recevez notre newsletter. Je m'inscris").
 * The verb and an item of the first sentence must be a [promo] pair: the
 * call to action says what the sentence before it is about.
 * The first sentence is three to twelve items, no comma.  c->buf holds the
 * line's items (@p items, at most 14).  Returns the pair's slot or NULL.
 */
static const mtl_bp_slot *
mtl_bp_promo_tail(mtl_bp_ctx *c, size_t b, unsigned items, bool full)
{
    const mtl_doc *doc = c->doc;
    if (full || items < 4)
        return NULL;
    /* the call to action: the last one or two items, a sentence of its
     * own (the sentence of the line's last item starts at one of them) */
    unsigned v = items;
    for (unsigned k = items - 1; k + 2 >= items && k > 0; k--)
        if (doc->toks[c->tok[k]].flags & MTL_TF_SENT_START) {
            v = k;
            break;
        }
    if (v == items || v < 3 || doc->toks[c->tok[v]].sent !=
                                   doc->toks[c->tok[items - 1]].sent)
        return NULL;
    /* the first sentence: one, closed by a full stop or an exclamation
     * mark right before the call to action, with no comma */
    if (doc->toks[c->tok[0]].sent != doc->toks[c->tok[v - 1]].sent ||
        !(doc->toks[c->tok[0]].flags & MTL_TF_UPPER_START) ||
        !(doc->toks[c->tok[v]].flags & MTL_TF_UPPER_START))
        return NULL;
    for (size_t t = c->tok[0]; t < c->tok[v]; t++)
        if (doc->toks[t].kind == MTL_TOK_PUNCT &&
            doc->text[doc->toks[t].start] == ',')
            return NULL;
    mtl_bp_ctx_fill(c, items);
    size_t vf = (size_t)c->off[v - 1] + 1, vl = c->off[v] - vf;
    /* a French button in the first person: "Je m'inscris", "Je
     * m'abonne" (the verb's [promo] entries are written so) */
    bool first_person = v + 2 == items && vl == 2 &&
                        memcmp(c->buf + vf, "je", 2) == 0;
    /* (a button has no full stop: "J'ai lu la lettre. Je m'abonne."
     * is a columnist's) */
    if (first_person && mtl_bp_is_final_cp(mtl_bp_last_cp(c->doc, b)))
        return NULL;
    if (first_person) {
        vf = (size_t)c->off[v] + 1;
        vl = c->off[v + 1] - vf;
    }
    if (!mtl_bp_find(c->st, c->buf + vf, vl, MTL_BP_T_PROMO_VERB))
        return NULL;
    if (v + 2 == items && !first_person) {
        size_t wf = (size_t)c->off[v] + 1, wl = c->off[v + 1] - wf;
        if (!mtl_bp_in_words(mtl_bp_cta_words, c->buf + wf, wl))
            return NULL;
    }
    return mtl_bp_pair(c, vf, vl, 0, v, MTL_BP_T_PROMO);
}

/* First words of a credit that names a kind of source, folded: press
 * services and offices, courtesy, handouts, screenshots, archives, private
 * pictures ("press service of ...", "service de presse", "Pressestelle",
 * "cortesía de ...", "divulgação", "ufficio stampa"). */
static const char *const mtl_bp_credit_sources[] = {
    "press",       "courtesy",     "handout",    "screenshot", "archive",
    "archives",    "service",      "capture",    "dr",         "archiv",
    "pressestelle", "pressebild",  "privat",     "cortesía",   "captura",
    "archivo",     "gabinete",     "divulgação", "reprodução", "arquivo",
    "assessoria",  "ufficio",      "archivio",   "gentile",    NULL};

/*
 * A line that starts with a label of the lexicon and a colon right after
 * it, then what the label announces, which no phrase of the lexicon can
 * hold:
 *  - an author box: an [author-box] label of two words or more and the
 *    author's bio ("Über die Autorin: Katrin Weber schreibt seit 2015 über
 *    Medizin.", "About the author: ..."), three items or more;
 *  - a newsletter sign-up: a [newsletter] label and a [promo] verb right
 *    after the colon ("Newsletter : recevez chaque matin l'essentiel"),
 *    or a tagline of sixteen items at most that ends no sentence and
 *    names the reader's mailbox (mtl_bp_tagline_words) or ends in a
 *    call to action, a [promo] verb after a word of mtl_bp_cta_words
 *    ("jetzt kostenlos abonnieren");
 *  - a photo credit that names a kind of source, not a person: a
 *    [credit] label and one to ten items that start with a word of
 *    mtl_bp_credit_sources (up to 24 when that word comes first; or the
 *    word after one to three capitalised words of the source's name,
 *    "Photo: Roscosmos press service"), with no number and no sentence
 *    end but a final full stop ("Photo: press service of the National Bank",
 *    "Image: courtesy of NASA", "Foto: privat"); a caption after the
 *    label ("Photo: how the bridge was rebuilt") is a photo story's
 *    title, not a credit.
 * c->buf holds the line's items (@p items).  Returns the label's slot or
 * NULL.
 */
static const mtl_bp_slot *
mtl_bp_label_line(mtl_bp_ctx *c, size_t a, size_t b, unsigned items,
                  bool full)
{
    const mtl_doc *doc = c->doc;
    if (full || items < 2 || c->quote || !mtl_tok_is_word(&doc->toks[a]))
        return NULL;
    /* cheap first: a colon among the line's first eight tokens (a label
     * of five items, "À propos de l'auteur :") */
    size_t colon = 0;
    for (size_t t = a + 1; t < b && t <= a + 8; t++)
        if (mtl_tok_is_char(doc, &doc->toks[t], ':')) {
            colon = t;
            break;
        }
    if (!colon)
        return NULL;
    unsigned j = 0; /* items of the label */
    while (j < items && j < MTL_BP_MAX_ITEMS && c->tok[j] < colon)
        j++;
    if (j == 0 || j > 5 || j >= items || c->tok[j - 1] + 1 != colon)
        return NULL;
    mtl_bp_ctx_fill(c, j + 1 < items ? j + 1 : items);
    const mtl_bp_slot *s =
        mtl_bp_find(c->st, c->buf, c->off[j - 1], MTL_BP_T_PHRASE);
    if (s && s->kind == MTL_BP_K_AUTHOR && s->nitems >= 2 && items - j >= 3)
        return s;
    if (s && s->kind == MTL_BP_K_DISCLAIMER && items - j >= 3)
        return s;
    /* a newsletter's name after the label ("Newsletter Tech :",
     * "Newsletter Économie :", "Newsletter Sud-Ouest Éco :"): one to
     * three capitalised words */
    for (unsigned k = 1; !s && k <= 3 && k < j; k++) {
        bool named = true;
        for (unsigned m = j - k; m < j && named; m++)
            named = doc->toks[c->tok[m]].flags & MTL_TF_UPPER_START;
        if (!named)
            break;
        const mtl_bp_slot *n =
            mtl_bp_find(c->st, c->buf, c->off[j - k - 1], MTL_BP_T_PHRASE);
        if (n && n->kind == MTL_BP_K_NEWSLETTER)
            s = n;
    }
    if (s && s->kind == MTL_BP_K_NEWSLETTER) {
        size_t vf = (size_t)c->off[j - 1] + 1;
        if (mtl_bp_find(c->st, c->buf + vf, c->off[j] - vf,
                        MTL_BP_T_PROMO_VERB))
            return s;
        /* or its tagline: sixteen items at most, no sentence's end, and
         * the reader's mailbox ("Newsletter: Das Wichtigste aus dem
         * Kreis jeden Morgen kostenlos ins Postfach"); not a headline
         * about a newsletter */
        if (items - j > 16 || mtl_bp_is_final_cp(mtl_bp_last_cp(doc, b)))
            return NULL;
        mtl_bp_ctx_fill(c, items);
        for (unsigned m = j; m < items && m < c->written; m++) {
            size_t mf = m == 0 ? 0 : (size_t)c->off[m - 1] + 1;
            if (mtl_bp_in_words(mtl_bp_tagline_words, c->buf + mf,
                                c->off[m] - mf) ||
                /* or a call to action among its last three items, after
                 * a word of one ("... aus OWL – jetzt kostenlos
                 * abonnieren") */
                (m + 3 >= items && m > j && m >= 2 &&
                 mtl_bp_in_words(mtl_bp_cta_words,
                                 c->buf + c->off[m - 2] + 1,
                                 c->off[m - 1] - c->off[m - 2] - 1u) &&
                 mtl_bp_find(c->st, c->buf + mf, c->off[m] - mf,
                             MTL_BP_T_PROMO_VERB)))
                return s;
        }
        return NULL;
    }
    if (items - j > 24)
        return NULL;
    /* the source's first word: cheap before the label's lookups */
    size_t vf = (size_t)c->off[j - 1] + 1;
    bool src =
        mtl_bp_in_words(mtl_bp_credit_sources, c->buf + vf, c->off[j] - vf);
    /* ten items, or up to 24 for a source named first ("Photo: press
     * service of the Main Directorate of the Ministry of Emergency
     * Situations of Russia for the Zabaykalsky Krai") */
    if (items - j > 10 && !src)
        return NULL;
    /* or after the source's name, one to three capitalised words
     * ("Photo: Roscosmos press service", "Foto: Kreml Pressestelle") */
    if (!src && items - j >= 2) {
        unsigned upto = j + 4 < items ? j + 4 : items;
        mtl_bp_ctx_fill(c, upto);
        for (unsigned m = j + 1; m < upto && m < c->written && !src; m++) {
            if (!(doc->toks[c->tok[m - 1]].flags & MTL_TF_UPPER_START) ||
                doc->toks[c->tok[m - 1]].kind != MTL_TOK_WORD)
                break;
            size_t mf = (size_t)c->off[m - 1] + 1;
            src = mtl_bp_in_words(mtl_bp_credit_sources, c->buf + mf,
                                  c->off[m] - mf);
        }
    }
    if (!src)
        return NULL;
    const mtl_bp_slot *sl = mtl_bp_find_prefix(c, j, MTL_BP_T_NAME);
    if (!sl || sl->kind != MTL_BP_K_CREDIT)
        sl = mtl_bp_find_prefix(c, j, MTL_BP_T_REST);
    if (!sl || sl->kind != MTL_BP_K_CREDIT)
        return NULL;
    for (size_t t = colon + 1; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind == MTL_TOK_NUMBER || (tk->flags & MTL_TF_DIGIT))
            return NULL;
        if (tk->kind == MTL_TOK_PUNCT && t + 1 < b &&
            mtl_bp_is_final_cp(mtl_bp_tok_cp(doc, tk)))
            return NULL;
    }
    int32_t last = mtl_bp_last_cp(doc, b);
    if (last == '?' || last == '!' || last == ',' || last == ':')
        return NULL;
    return sl;
}

/* First words of a follow line, folded: "Follow him on X", "Suivez-la
 * sur X", "Retrouvez-le sur Instagram", "Folgen Sie ihr auf X", "Síguela
 * en X", "Siga-o no X", "Seguila su X". */
static const char *const mtl_bp_follow_verbs[] = {
    "follow",  "suivez",   "retrouvez", "folgen",   "folge",   "folgt",
    "sigue",   "síguelo",  "síguela",   "síguenos", "sígueme", "siga",
    "sigam",   "acompanhe", "segui",    "seguilo",  "seguila", "seguici",
    "seguimi", NULL};

static bool mtl_bp_tok_in(const mtl_doc *doc, const mtl_token *tk,
                          const char *const *list);

/* Articles after a follow verb: the account of an organisation. */
static const char *const mtl_bp_follow_articles[] = {
    "the", "le", "la", "les", "l", "der", "die", "das", "den", "el", "los",
    "las", "o", "os", "as", "il", "lo", "gli", NULL};

/* "Us" and "our" of the six languages, as written in lower case: a
 * follow line with one of them is the site's ("Follow our coverage",
 * "Folgen Sie uns", "Siga-nos"). */
static const char *const mtl_bp_site_words[] = {
    "us",       "our",      "nous",    "notre",   "nos",     "uns",
    "unser",    "unsere",   "unserem", "unseren", "unserer", "nuestro",
    "nuestra",  "nuestros", "nuestras", "nosso",  "nossa",   "nossos",
    "nostro",   "nostra",   "nostri",  NULL};

/* Social networks a follow line may end in, as written. */
static const char *const mtl_bp_networks[] = {
    "X",       "Twitter", "Instagram", "LinkedIn", "Bluesky",
    "Threads", "Mastodon", "Facebook", "TikTok",   "YouTube", NULL};

/*
 * A follow line: the line ends in a social handle ("@name", a space
 * before it: not an e-mail address), and the sentence that holds it starts
 * with a follow verb and has at most ten items ("Ahmed Salem covers the
 * Gulf. Follow him on X: @asalem", "Par Claire Dumont, journaliste.
 * Suivez-la sur X : @cdumont"): the end of an author box spliced into the
 * text.  Without a handle, the sentence may end in a network's name when
 * it has six items or fewer and a sentence comes before it on the line,
 * the bio ("... covers energy. Follow her on Twitter."): a follow line
 * alone is a widget phrase of the lexicon or none.  Tokens [a, b) of a
 * line; returns the sentence's first token, or b, and sets *site when the
 * account followed is the site's ("Follow us"): then what comes before
 * on the line is no author's bio.
 */
static size_t
mtl_bp_follow_handle(const mtl_bp_ctx *c, size_t a, size_t b, bool *site)
{
    const mtl_doc *doc = c->doc;
    /* the handle: the line's last token, a word that starts with "@"
     * (the tokenizer reads "@" as a letter: "@asalem_news" is one word),
     * and a space before it ("name@example.com" is an address) */
    size_t at = b - 1;
    const mtl_token *h = &doc->toks[at];
    unsigned most = 10;
    if (at > a && h->kind == MTL_TOK_PUNCT && mtl_tok_is_char(doc, h, '.'))
        h = &doc->toks[--at];
    if (at <= a || h->kind != MTL_TOK_WORD ||
        !(h->flags & MTL_TF_SPACE_BEFORE))
        return b;
    bool plain = true; /* only words and hyphens in the sentence */
    if (doc->text[h->start] == '@') {
        if (h->len < 2 || memchr(doc->text + h->start + 1, '@', h->len - 1))
            return b;
        plain = false;
    } else {
        /* the cheap tests first: most lines are one sentence */
        if (doc->toks[a].sent == h->sent || c->quote)
            return b;
        bool net = false;
        for (int i = 0; mtl_bp_networks[i] && !net; i++)
            net = mtl_tok_is(doc, h, mtl_bp_networks[i]);
        if (!net)
            return b;
        most = 6;
    }
    /* the sentence's first word */
    const mtl_span *sn = &doc->sents[doc->toks[at].sent];
    size_t s0 = sn->tok_first > a ? sn->tok_first : a;
    while (s0 < at && doc->toks[s0].kind == MTL_TOK_PUNCT)
        s0++;
    if (s0 >= at || doc->toks[s0].kind != MTL_TOK_WORD ||
        !(doc->toks[s0].flags & MTL_TF_UPPER_START) ||
        mtl_bp_count_items(doc, s0, at, most) > most)
        return b;
    /* "Follow the money, he said on Twitter": a sentence of the text */
    for (size_t t = s0; plain && t < at; t++)
        if (doc->toks[t].kind != MTL_TOK_WORD &&
            !mtl_tok_is_char(doc, &doc->toks[t], '-'))
            return b;
    char w[32];
    const mtl_token *v = &doc->toks[s0];
    size_t n = v->len < 16 ? mtl_utf8_fold(doc->text + v->start, v->len, w,
                                           sizeof w - 1)
                           : (size_t)-1;
    if (n == (size_t)-1)
        return b;
    if (!mtl_bp_in_words(mtl_bp_follow_verbs, w, n))
        return b;
    /* a bio follows a person ("Follow him on X"): an article after the
     * verb follows an organisation, in its own "about" paragraph
     * ("Follow the company on LinkedIn and on X at @HarbourlineTech") */
    if (s0 + 1 < at && mtl_bp_tok_in(doc, &doc->toks[s0 + 1],
                                     mtl_bp_follow_articles))
        return b;
    /* "Follow us", "Suivez-nous", "Folgen Sie uns", "Síguenos",
     * "Siga-nos", "Seguici": the site's own account */
    *site = (n == 9 && memcmp(w, "síguenos", 9) == 0) ||
            (n == 7 && memcmp(w, "seguici", 7) == 0);
    for (size_t t = s0 + 1; t < at && t <= s0 + 4 && !*site; t++)
        for (int k = 0; mtl_bp_site_words[k] && !*site; k++)
            *site = mtl_tok_is(doc, &doc->toks[t], mtl_bp_site_words[k]);
    return s0;
}

/* Whether token @p tk, case-folded, is one of the NULL-ended @p list (a
 * word of 24 bytes or fewer). */
static bool
mtl_bp_tok_in(const mtl_doc *doc, const mtl_token *tk,
              const char *const *list)
{
    char w[64];
    if (tk->kind != MTL_TOK_WORD || tk->len > 24)
        return false;
    size_t n = mtl_utf8_fold(doc->text + tk->start, tk->len, w, sizeof w - 1);
    return n != (size_t)-1 && mtl_bp_in_words(list, w, n);
}

/* Words of an error report, folded: the instruction to select a mistake
 * and press Ctrl+Enter that sites running a typo reporter print under
 * each article ("If you find an error, please select a piece of text and
 * press Ctrl+Enter", "Si vous trouvez une faute, sélectionnez-la et
 * appuyez sur Ctrl+Entrée", "Fehler gefunden? Markieren und Strg+Enter
 * drücken"). */
static const char *const mtl_bp_error_words[] = {
    "error",   "errors",  "mistake", "mistakes", "typo",     "typos",
    "erreur",  "erreurs", "faute",   "fautes",   "coquille", "fehler",
    "tippfehler", "errores", "errata", "erro",   "erros",    "errore",
    "errori",  "refuso",  NULL};

/* Verbs that tell the reader to select the mistake, folded. */
static const char *const mtl_bp_select_verbs[] = {
    "select",     "highlight",  "mark",       "sélectionnez", "surlignez",
    "sélectionner", "markieren", "markiere",  "markiert",     "selecciona",
    "seleccione", "seleccionar", "resalte",   "selecione",    "selecionar",
    "seleziona",  "selezionare", "evidenzia", NULL};

/* The keys of a key combination, folded. */
static const char *const mtl_bp_ctrl_keys[] = {"ctrl", "strg", NULL};
static const char *const mtl_bp_enter_keys[] = {
    "enter", "entrée", "entree", "eingabe", "intro", "invio", NULL};

/*
 * An error-report instruction: a line of at most thirty items that names
 * a key combination of Ctrl (Strg) and Enter, a word for an error
 * (mtl_bp_error_words) and a verb to select it (mtl_bp_select_verbs).  A
 * sentence of the text that explains a shortcut ("Press Ctrl+Enter to
 * send the message") has no error word, one about a software bug ("The
 * error appeared when users pressed Ctrl+Enter") no selection.  Tokens
 * [a, b) of a line.
 */
static bool
mtl_bp_error_report(const mtl_bp_ctx *c, size_t a, size_t b, unsigned items)
{
    const mtl_doc *doc = c->doc;
    if (items < 4 || items > 30 || c->quote)
        return false;
    /* cheap first: a four-letter ASCII word "Ctrl"/"Strg", "+", a key */
    bool keys = false;
    for (size_t t = a; t + 2 < b && !keys; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->len != 4 || tk->kind != MTL_TOK_WORD ||
            !mtl_bp_tok_in(doc, tk, mtl_bp_ctrl_keys))
            continue;
        keys = mtl_tok_is_char(doc, &doc->toks[t + 1], '+') &&
               mtl_bp_tok_in(doc, &doc->toks[t + 2], mtl_bp_enter_keys);
    }
    if (!keys)
        return false;
    bool error = false, select = false;
    for (size_t t = a; t < b && !(error && select); t++) {
        const mtl_token *tk = &doc->toks[t];
        if (!error)
            error = mtl_bp_tok_in(doc, tk, mtl_bp_error_words);
        if (!select)
            select = mtl_bp_tok_in(doc, tk, mtl_bp_select_verbs);
    }
    return error && select;
}

/* Verbs that start a call to follow or join a channel of the site, folded
 * (mtl_bp_follow_verbs too): "Scan the QR code ...", "Join our WhatsApp
 * channel", "Abonnez-vous à notre chaîne", "Únete a nuestro canal". */
static const char *const mtl_bp_join_verbs[] = {
    "scan",      "join",       "subscribe", "scannez",  "rejoignez",
    "abonnez",   "scannen",    "abonnieren", "abonniere", "escanea",
    "escanee",   "únete",      "suscríbete", "suscríbase", "escaneie",
    "inscreva",  "scansiona",  "unisciti",  "iscriviti", "click",
    "tap",       "stay",       "cliquez",   "klicken",  "haz",
    "clique",    "clicca",     NULL};

/* Channels of a site, folded: "our official account", "our Google News
 * channel", "notre chaîne", "unserem Kanal", "nuestro canal", "nosso
 * canal", "il nostro canale". */
static const char *const mtl_bp_channel_words[] = {
    "channel",  "channels", "chaîne",   "chaînes",  "kanal",    "kanälen",
    "canal",    "canales",  "canais",   "canale",   "canali",   "whatsapp",
    "telegram", "instagram", "facebook", "youtube", "tiktok",   "twitter",
    "linkedin", "google",   "threads",  "bluesky",  NULL};

/* An account is a channel only when official ("our official account",
 * "notre compte officiel"): "our account of the trial" is a story, "notre
 * compte rendu" a report.  Both folded. */
static const char *const mtl_bp_account_words[] = {
    "account", "accounts", "compte", "comptes", "konto", "cuenta",
    "cuentas", "conta",    "contas", NULL};
static const char *const mtl_bp_official_words[] = {
    "official",  "officiel",  "officiels", "offizielles", "offiziellen",
    "offiziellem", "oficial", "oficiales", "oficiais",    "ufficiale",
    "ufficiali", NULL};

/*
 * A call to follow the site on a channel: a line of one sentence, four to
 * twenty-two items, no comma, no quotation, that starts with a follow or
 * join verb (mtl_bp_follow_verbs, mtl_bp_join_verbs) and names the site's
 * own channel, a site word ("our", "notre", "unserem") and within three
 * words a channel word or a network, or an account word and an "official"
 * word ("Follow the latest news of Saudi
 * Arabia on our Google News channel", "Scan the QR code below to follow
 * our official account for more exciting content").  The site word is
 * what tells the site's furniture from a sentence of the text ("Follow
 * the ministry's account of events"), the verb at the start of the line
 * what tells it from reported speech.  Tokens [a, b) of a line.
 */
static bool
mtl_bp_follow_channel(const mtl_bp_ctx *c, size_t a, size_t b,
                      unsigned items)
{
    const mtl_doc *doc = c->doc;
    if (items < 4 || items > 22 || c->quote)
        return false;
    const mtl_token *v = &doc->toks[a];
    if (v->kind != MTL_TOK_WORD || !(v->flags & MTL_TF_UPPER_START) ||
        doc->toks[a].sent != doc->toks[b - 1].sent)
        return false;
    int32_t last = mtl_bp_last_cp(doc, b);
    if (last == '?' || last == ',' || last == ':')
        return false;
    if (!mtl_bp_tok_in(doc, v, mtl_bp_follow_verbs) &&
        !mtl_bp_tok_in(doc, v, mtl_bp_join_verbs))
        return false;
    for (size_t t = a; t < b; t++)
        if (doc->toks[t].kind == MTL_TOK_PUNCT &&
            doc->text[doc->toks[t].start] == ',')
            return false;
    for (size_t t = a + 1; t < b; t++) {
        const mtl_token *tk = &doc->toks[t];
        if (tk->kind != MTL_TOK_WORD || !mtl_bp_tok_in(doc, tk,
                                                       mtl_bp_site_words))
            continue;
        unsigned seen = 0;
        bool official = false; /* an "official" word since the site word */
        size_t acct = 0;       /* an account word since it, 0 = none */
        for (size_t k = t + 1; k < b && seen < 3; k++) {
            const mtl_token *w = &doc->toks[k];
            if (w->kind != MTL_TOK_WORD)
                continue;
            seen++;
            /* "X" as written: a lower-case "x" is no network */
            if (mtl_bp_tok_in(doc, w, mtl_bp_channel_words) ||
                mtl_tok_is(doc, w, "X"))
                return true;
            if (!official)
                official = mtl_bp_tok_in(doc, w, mtl_bp_official_words);
            if (!acct && mtl_bp_tok_in(doc, w, mtl_bp_account_words))
                acct = k;
            if (acct && official)
                return true;
        }
    }
    return false;
}

/* Professions of an author box, folded. */
static const char *const mtl_bp_professions[] = {
    "journalist",   "journaliste",  "giornalista",  "periodista",
    "jornalista",   "journalistin", "reporter",     "reporterin",
    "redakteur",    "redakteurin",  "rédacteur",    "rédactrice",
    "redattore",    "redattrice",   "redactor",     "redactora",
    "redator",      "redatora",     "correspondent", "correspondant",
    "correspondante", "korrespondent", "korrespondentin", "corresponsal",
    "correspondente", "corrispondente", "columnist", "chroniqueur",
    "chroniqueuse", "kolumnist",    "kolumnistin",  "columnista",
    "colunista",    "editorialista", "pubblicista", "freelance",
    NULL};

/* Verbs of an author's work in the present tense, the tense of a bio
 * ("collabora con la redazione"; news of a journalist is in the past:
 * "lavorava nella redazione ... quando"), folded. */
static const char *const mtl_bp_bio_verbs[] = {
    "works",    "writes",    "covers",   "reports",   "contributes",
    "travaille", "écrit",    "collabore", "couvre",   "arbeitet",
    "schreibt", "berichtet", "trabaja",  "escribe",   "colabora",
    "cubre",    "trabalha",  "escreve",  "cobre",     "collabora",
    "lavora",   "scrive",    "segue",    NULL};

/* Newsrooms, folded. */
static const char *const mtl_bp_newsrooms[] = {
    "newsroom",  "redazione", "rédaction", "redaktion", "redacción",
    "redação",   "redacção",  "desk",      NULL};

/* "Since" before a year, folded. */
static const char *const mtl_bp_since_words[] = {
    "since", "depuis", "seit", "desde", "dal", "dall", NULL};

/*
 * An author box spliced into the text: a short paragraph (at most forty
 * items, three sentences) that starts with a name of two to four
 * capitalised words, a comma, a profession (mtl_bp_professions), a comma
 * and a verb of work in the present tense (mtl_bp_bio_verbs), and says the
 * author works for a newsroom since a year: a newsroom word
 * (mtl_bp_newsrooms) and "since" before a number ("Mario
 * Esposito, giornalista, collabora con la redazione di Napoli dal 2015.
 * Si occupa di beni culturali e turismo.").  A journalist in the news
 * ("Anna Rossi, giornalista, è stata arrestata ieri") has no newsroom and
 * year of service.  Or the name is followed by "is our" and a
 * profession (mtl_bp_bio_our).  Tokens [a, b) of a line.
 */
/* A copula, folded: "is" of the bio "Anna Berg is our ... correspondent". */
static const char *const mtl_bp_copulas[] = {
    "is", "est", "es", "ist", "é", "è", NULL};

/*
 * The other shape of an author box: the name, a copula, "our"
 * (mtl_bp_site_words) and within
 * three words a profession ("Eleanor Whitcombe is our environment
 * correspondent. She has reported from 40 countries."; "Katrin Weber ist
 * unsere Korrespondentin in Wien"), in a paragraph of at most three
 * sentences.  A newsroom speaks so of its own staff only: news of a
 * journalist says "a reporter for".  Tokens [a, b) of a line; @p t is
 * the first token after the name.
 */
static bool
mtl_bp_bio_our(const mtl_doc *doc, size_t t, size_t b)
{
    if (t + 3 >= b || !mtl_bp_tok_in(doc, &doc->toks[t], mtl_bp_copulas) ||
        !mtl_bp_tok_in(doc, &doc->toks[t + 1], mtl_bp_site_words))
        return false;
    for (size_t k = t + 2; k < b && k < t + 6; k++) {
        if (doc->toks[k].kind != MTL_TOK_WORD)
            return false;
        if (mtl_bp_tok_in(doc, &doc->toks[k], mtl_bp_professions))
            return true;
    }
    return false;
}

static bool
mtl_bp_bio_line(const mtl_bp_ctx *c, size_t a, size_t b, unsigned items)
{
    const mtl_doc *doc = c->doc;
    if (items < 5 || items > 40 || c->quote)
        return false;
    /* the name: capitalised words up to the first comma; the shape
     * first, the word lists after it */
    size_t t = a;
    for (; t < b && doc->toks[t].kind == MTL_TOK_WORD; t++)
        if (!(doc->toks[t].flags & MTL_TF_UPPER_START))
            break;
    if (t < a + 2 || t > a + 4)
        return false;
    for (size_t k = a; k < t; k++)
        if (mtl_lexicon_has_fold(c->st->stop, doc->text + doc->toks[k].start,
                                 doc->toks[k].len))
            return false;
    if (doc->toks[b - 1].sent - doc->toks[a].sent > 2)
        return false;
    if (mtl_bp_bio_our(doc, t, b))
        return true;
    if (items < 8 || t + 3 >= b ||
        !mtl_tok_is_char(doc, &doc->toks[t], ',') ||
        !mtl_tok_is_char(doc, &doc->toks[t + 2], ',') ||
        !mtl_bp_tok_in(doc, &doc->toks[t + 1], mtl_bp_professions) ||
        !mtl_bp_tok_in(doc, &doc->toks[t + 3], mtl_bp_bio_verbs))
        return false;
    bool room = false, since = false;
    for (size_t k = t + 3; k < b; k++) {
        const mtl_token *tk = &doc->toks[k];
        if (tk->kind == MTL_TOK_NUMBER && k > t + 3 && tk->len == 4 &&
            mtl_bp_tok_in(doc, &doc->toks[k - 1], mtl_bp_since_words))
            since = true;
        else if (!room)
            room = mtl_bp_tok_in(doc, tk, mtl_bp_newsrooms);
    }
    return room && since;
}

/* The widget lines told by their shape rather than by a lexicon phrase,
 * each with its flag's message. */
typedef struct mtl_bp_shape {
    bool (*test)(const mtl_bp_ctx *c, size_t a, size_t b, unsigned items);
    const char *message;
} mtl_bp_shape;

static const mtl_bp_shape mtl_bp_shapes[] = {
    {mtl_bp_error_report,
     "error-report instruction (select the text and press Ctrl+Enter): "
     "page furniture, not article text"},
    {mtl_bp_follow_channel,
     "call to follow the site's channel or account: page furniture, not "
     "article text"},
    {mtl_bp_bio_line,
     "author box (a journalist's name and work for the newsroom): page "
     "furniture, not article text"},
};

/* The first of mtl_bp_shapes that tokens [a, b) of a line (@p items
 * items) have, or NULL. */
static const mtl_bp_shape *
mtl_bp_shape_of(const mtl_bp_ctx *c, size_t a, size_t b, unsigned items)
{
    for (size_t k = 0; k < sizeof mtl_bp_shapes / sizeof *mtl_bp_shapes; k++)
        if (mtl_bp_shapes[k].test(c, a, b, items))
            return &mtl_bp_shapes[k];
    return NULL;
}

/*
 * Section labels of a page's header whose separators were lost
 * ("Business Labour South Africa" from "Business › Labour › South
 * Africa"): in the header (no line of prose before it, and not the
 * document's first line, the title), a line of one to five title-case or
 * capital words, no digit, no punctuation, no stopword, whose next
 * non-blank line is a stamp (reading time, update stamp, byline:
 * MTL_BP_L_STAMP), the way a section label opens the line of stamps
 * ("Technology · 4 min read").  Flagged as structural.
 */
static void
mtl_bp_header_labels(mtl_bp_ctx *c, uint8_t *ls)
{
    const mtl_doc *doc = c->doc;
    bool first = true;
    for (size_t i = 0; i < doc->nlines; i++) {
        if (ls[i] & MTL_BP_L_BLANK)
            continue;
        if (ls[i] & MTL_BP_L_PROSE)
            return; /* the header ends with the first paragraph */
        bool was_first = first;
        first = false;
        if (was_first || (ls[i] & MTL_BP_L_FLAGGED))
            continue;
        size_t n = i + 1;
        while (n < doc->nlines && (ls[n] & MTL_BP_L_BLANK))
            n++;
        if (n >= doc->nlines || !(ls[n] & MTL_BP_L_STAMP))
            continue;
        size_t a, b;
        mtl_bp_line_toks(doc, i, &a, &b);
        if (b <= a || b - a > 5)
            continue;
        bool label = true;
        for (size_t t = a; t < b && label; t++) {
            const mtl_token *tk = &doc->toks[t];
            label = tk->kind == MTL_TOK_WORD && !(tk->flags & MTL_TF_DIGIT) &&
                    (tk->casing == MTL_CASE_TITLE ||
                     tk->casing == MTL_CASE_UPPER) &&
                    !mtl_lexicon_has_fold(c->st->stop,
                                          doc->text + tk->start, tk->len);
        }
        if (!label)
            continue;
        mtl_flags_add(c->out, MTL_RULE_BP_STRUCTURAL, doc->lines[i].start,
                      doc->lines[i].end,
                      "section labels of the page's header before its "
                      "stamp line: page furniture, not article text",
                      NULL);
        ls[i] |= MTL_BP_L_FLAGGED;
    }
}

/* Line @p i is the document's title: its first non-blank line, with a
 * paragraph of text (twelve items or more) as the next non-blank line.
 * A [page-name] phrase there ("Aviso legal", "Privacy policy") names the
 * page the document is, not a link of a menu around an article. */
static bool
mtl_bp_title_line(const mtl_doc *doc, const uint8_t *ls, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (!(ls[k] & MTL_BP_L_BLANK))
            return false;
    for (size_t k = i + 1; k < doc->nlines; k++) {
        if (doc->lines[k].tok_count == 0)
            continue;
        size_t a, b;
        mtl_bp_line_toks(doc, k, &a, &b);
        return mtl_bp_count_items(doc, a, b, 12) >= 12;
    }
    return false;
}

/* A line right after a dangling cue that reads like a headline. */
static bool
mtl_bp_headline_line(const mtl_doc *doc, size_t a, size_t b, unsigned items)
{
    if (items == 0 || items > 20)
        return false;
    size_t f = a;
    while (f < b && doc->toks[f].kind == MTL_TOK_PUNCT &&
           !mtl_bp_is_quote_cp(mtl_bp_tok_cp(doc, &doc->toks[f])))
        f++;
    if (f >= b || !mtl_bp_headline_start(doc, &doc->toks[f]))
        return false;
    int32_t last = mtl_bp_last_cp(doc, b);
    return !(mtl_bp_is_final_cp(last) && last != '?' && last != '!') &&
           last != ':';
}

/* Documents of the batch holding line @p l (normalised). */
static unsigned
mtl_bp_recur_count(mtl_bp_ctx *c, mtl_checker *ck, const mtl_batch *batch,
                   size_t l)
{
    const mtl_span *sp = &c->doc->lines[l];
    return mtl_batch_line_count(batch, c->doc->text + sp->start,
                                sp->end - sp->start, MTL_BP_ITEMBUF,
                                &ck->folds);
}

/* Marks MTL_BP_L_RECUR on the lines found in at least the batch's minimum
 * number of documents, except lines with no letter, lines already
 * flagged, numbered headings, short sentences, quotations, paragraphs of
 * prose and subheadings between two paragraphs; recur[l] gets the number
 * of documents of a line marked.  words[l] is a number of words of line
 * l (of the first ones): past the most a line may have, it is not looked
 * at again. */
static void
mtl_bp_mark_recurring(mtl_bp_ctx *c, mtl_checker *ck, uint8_t *ls,
                      const mtl_batch *batch, unsigned *recur,
                      const uint8_t *words_seen)
{
    const mtl_doc *doc = c->doc;
    unsigned min_docs = mtl_batch_min_documents(batch);
    if (min_docs < 2)
        min_docs = 2;
    for (size_t l = 0; l < doc->nlines; l++) {
        const mtl_span *sp = &doc->lines[l];
        if (sp->tok_count == 0 || (ls[l] & MTL_BP_L_FLAGGED))
            continue;
        size_t a, b;
        mtl_bp_line_toks(doc, l, &a, &b);
        /* a paragraph of prose found in several documents is syndicated
         * text, not furniture; a disclaimer sentence is short */
        unsigned maxw = (ls[l] & MTL_BP_L_PROSE) ? MTL_BP_REPEAT_MAX_PROSE
                                                 : MTL_BP_REPEAT_MAX_WORDS;
        if (words_seen[l] > maxw)
            continue;
        unsigned words = 0, letters = 0, nums = 0;
        for (size_t t = a; t < b && words <= maxw; t++) {
            if (doc->toks[t].kind == MTL_TOK_NUMBER)
                nums++;
            if (mtl_tok_is_word(&doc->toks[t])) {
                words++;
                if (doc->toks[t].flags & MTL_TF_LETTER)
                    letters++;
            }
        }
        if (letters == 0 || words > maxw)
            continue;
        /* numbered headings ("Article 12", "Chapter 3") recur by nature */
        if (words <= 3 && nums > 0)
            continue;
        /* a short line between two paragraphs of prose is a subheading
         * ("Background", "What happens next"), even when other articles
         * use it too */
        if (words <= 8 && !(ls[l] & MTL_BP_L_PROSE) &&
            mtl_bp_near_prose(ls, doc->nlines, l, -1) &&
            mtl_bp_near_prose(ls, doc->nlines, l, +1))
            continue;
        /* a short sentence ("Thank you.", "He said.") recurs by chance */
        if (words <= 3 && mtl_bp_is_final_cp(mtl_bp_last_cp(doc, b)))
            continue;
        if (mtl_bp_has_quote(doc, a, b))
            continue;
        unsigned docs = mtl_bp_recur_count(c, ck, batch, l);
        if (docs >= min_docs) {
            ls[l] |= MTL_BP_L_RECUR;
            recur[l] = docs;
        }
    }
}

/* Marks MTL_BP_L_TWICE on short lines whose normalised text occurs twice or
 * more in the document. */
static void
mtl_bp_mark_twice(mtl_bp_ctx *c, mtl_checker *ck, uint8_t *ls)
{
    const mtl_doc *doc = c->doc;
    size_t nshort = 0;
    for (size_t l = 0; l < doc->nlines; l++)
        if (ls[l] & MTL_BP_L_SHORT)
            nshort++;
    if (nshort < 2)
        return;
    size_t slots = 64;
    while (slots < nshort * 2)
        slots *= 2;
    typedef struct {
        uint64_t h;
        uint32_t first;
    } mtl_bp_seen;
    mtl_bp_seen *tab = mtl_checker_scratch(ck, 3, slots * sizeof *tab);
    memset(tab, 0, slots * sizeof *tab);
    for (size_t l = 0; l < doc->nlines; l++) {
        if (!(ls[l] & MTL_BP_L_SHORT))
            continue;
        const mtl_span *sp = &doc->lines[l];
        c->pre_set = 0; /* buf is used for something else */
        size_t n =
            mtl_normalise_line(doc->text + sp->start, sp->end - sp->start,
                               c->buf, MTL_BP_ITEMBUF);
        if (n == (size_t)-1 || n == 0)
            continue;
        uint64_t h = mtl_hash_key(mtl_hash64(c->buf, n, 7));
        for (size_t k = h & (slots - 1);; k = (k + 1) & (slots - 1)) {
            if (tab[k].h == h) {
                ls[l] |= MTL_BP_L_TWICE;
                ls[tab[k].first] |= MTL_BP_L_TWICE;
                break;
            }
            if (tab[k].h == 0) {
                tab[k].h = h;
                tab[k].first = (uint32_t)l;
                break;
            }
        }
    }
}

/* Flags line @p sp as widget: "@p what (“@p text”@p more): page
 * furniture, not article text". */
static void
mtl_bp_flag_line(mtl_bp_ctx *c, const mtl_span *sp, const char *what,
                 const char *text, const char *more)
{
    mtl_flags_addf(c->out, MTL_RULE_BP_WIDGET, sp->start, sp->end, NULL,
                   "%s (\xE2\x80\x9C%s\xE2\x80\x9D%s): page furniture, not "
                   "article text",
                   what, text, more);
}

static void
mtl_bp_run(const void *state, mtl_checker *ck, const mtl_doc *doc,
           const mtl_batch *batch, mtl_flags *out)
{
    const mtl_bp_state *st = state;
    if (!st || doc->nlines == 0)
        return;
    uint8_t *ls = mtl_checker_scratch(ck, 1, doc->nlines);
    memset(ls, 0, doc->nlines);
    mtl_bp_ctx *c = mtl_checker_scratch(ck, 2, sizeof *c);
    c->st = st;
    c->doc = doc;
    c->out = out;
    c->qa = c->qb = 0; /* no quote in no tokens */
    c->quote = false;
    /* for the lines found in many documents of the batch: how many, and
     * the words a line has (of its first MTL_BP_LINE_COUNT items) */
    unsigned *recur = NULL;
    uint8_t *words = NULL;
    if (batch) {
        recur = mtl_checker_scratch(ck, 0, doc->nlines * (sizeof *recur + 1));
        words = (uint8_t *)(recur + doc->nlines);
    }

    bool pending_cue = false; /* the previous non-blank line was a cue */
    size_t last_line = doc->nlines; /* the last line with a token */
    while (last_line > 0 && doc->lines[last_line - 1].tok_count == 0)
        last_line--;
    last_line = last_line > 0 ? last_line - 1 : doc->nlines;
    for (size_t i = 0; i < doc->nlines; i++) {
        const mtl_span *sp = &doc->lines[i];
        if (sp->tok_count == 0) {
            ls[i] = MTL_BP_L_BLANK;
            continue;
        }
        size_t a, b;
        mtl_bp_line_toks(doc, i, &a, &b);
        size_t blen;
        bool full;
        unsigned items =
            mtl_bp_ctx_items(c, a, b, &blen, &full, MTL_BP_LINE_COUNT);
        if (words)
            words[i] = (uint8_t)(items - c->signs);
        unsigned kept = items < MTL_BP_MAX_ITEMS ? items : MTL_BP_MAX_ITEMS;
        bool cue_line = pending_cue;
        pending_cue = false;
        mtl_bp_line_scan scan = mtl_bp_scan_line(doc, a, b);
        bool quote = scan.quote;
        c->qa = a;
        c->qb = b;
        c->quote = quote;
        int32_t last = mtl_bp_last_cp(doc, b);
        if (scan.number)
            ls[i] |= MTL_BP_L_NUMBER;
        /* menu-entry candidate */
        if (items >= 1 && items <= MTL_BP_SHORT_WORDS &&
            sp->end - sp->start <= MTL_BP_SHORT_BYTES && !quote &&
            !mtl_bp_is_final_cp(last) && last != ',' &&
            !mtl_bp_list_marker(doc, a, b))
            ls[i] |= MTL_BP_L_SHORT;
        if (items >= 12 &&
            (mtl_bp_is_final_cp(last) || mtl_bp_is_quote_cp(last) ||
             last == 0x2019 || last == 0xBB))
            ls[i] |= MTL_BP_L_PROSE;
        /* a rule: its first byte before anything */
        char b0 = b > a ? doc->text[doc->toks[a].start] : 0;
        if ((b0 == '_' || b0 == '=') && mtl_bp_rule_line(c, sp))
            continue;
        if (items == 0)
            continue;

        const mtl_bp_slot *cue = NULL;
        int tz =
            kept > 0 ? mtl_bp_teaser(c, a, b, items, kept, true, &cue) : 0;
        if (tz == 1) {
            mtl_flags_addf(
                out, MTL_RULE_BP_TEASER, sp->start, sp->end, NULL,
                "related-content teaser (\xE2\x80\x9C%s\xE2\x80\x9D "
                "and another article's headline)",
                cue->text);
            ls[i] |= MTL_BP_L_FLAGGED;
            continue;
        }
        if (tz == 2 && !quote) {
            mtl_flags_addf(out, MTL_RULE_BP_TEASER, sp->start, sp->end, NULL,
                           "dangling related-content label "
                           "(\xE2\x80\x9C%s\xE2\x80\x9D)",
                           cue->text);
            ls[i] |= MTL_BP_L_FLAGGED;
            /* the next line is the headline when the label says so: a
             * cue of two words or more, or one ending in a colon */
            pending_cue = cue->nitems >= 2 || mtl_bp_is_sep_cp(last);
            continue;
        }
        const mtl_bp_slot *w =
            kept > 0 ? mtl_bp_widget(c, a, b, items, kept, blen, full, false)
                     : NULL;
        if (w && w->kind == MTL_BP_K_PAGE && mtl_bp_title_line(doc, ls, i))
            continue; /* the page's own title: "AVISO LEGAL", then the text */
        if (w) {
            mtl_bp_flag_widget(c, w, sp->start, sp->end);
            ls[i] |= MTL_BP_L_FLAGGED;
            if (mtl_bp_stamp_kind(w->kind))
                ls[i] |= MTL_BP_L_STAMP;
            continue;
        }
        if ((w = mtl_bp_widget_bar(c, a, b, items, full))) {
            mtl_bp_flag_line(c, sp, "bar of page widgets", w->text,
                             " and more");
            ls[i] |= MTL_BP_L_FLAGGED;
            continue;
        }
        if (i == last_line && (w = mtl_bp_author_bio(c, a, b, items, full))) {
            mtl_bp_flag_line(c, sp, "author's bio at the end", w->text, "");
            ls[i] |= MTL_BP_L_FLAGGED;
            continue;
        }
        if ((w = mtl_bp_promo(c, b, items, full))) {
            mtl_bp_flag_line(c, sp, "app or newsletter promotion", w->text,
                             "");
            ls[i] |= MTL_BP_L_FLAGGED;
            continue;
        }
        bool touched = false;
        if ((w = mtl_bp_segments(c, a, b, items, &touched))) {
            mtl_bp_flag_line(c, sp, "line of page widgets", w->text,
                             " and more");
            ls[i] |= MTL_BP_L_FLAGGED;
            if (mtl_bp_stamp_kind(w->kind))
                ls[i] |= MTL_BP_L_STAMP;
            continue;
        }
        if (touched)
            items = mtl_bp_ctx_items(c, a, b, &blen, &full,
                                     MTL_BP_LINE_COUNT);
        touched = false;
        bool crumbs = mtl_bp_breadcrumb(doc, i, a, b) ||
                      mtl_bp_gap_breadcrumb(c, a, b, &touched);
        if (touched && !crumbs)
            items = mtl_bp_ctx_items(c, a, b, &blen, &full,
                                     MTL_BP_LINE_COUNT);
        if (crumbs) {
            mtl_flags_add(out, MTL_RULE_BP_WIDGET, sp->start, sp->end,
                          "breadcrumb or menu bar: page furniture, not "
                          "article text",
                          NULL);
            ls[i] |= MTL_BP_L_FLAGGED;
            continue;
        }
        if (cue_line && mtl_bp_headline_line(doc, a, b, items)) {
            mtl_flags_add(out, MTL_RULE_BP_TEASER, sp->start, sp->end,
                          "headline of another article after a "
                          "related-content label",
                          NULL);
            ls[i] |= MTL_BP_L_FLAGGED;
            continue;
        }
        if ((w = mtl_bp_label_line(c, a, b, items, full))) {
            mtl_flags_addf(out, MTL_RULE_BP_WIDGET, sp->start, sp->end, NULL,
                           "%s (\xE2\x80\x9C%s\xE2\x80\x9D and a colon, "
                           "then its text): page furniture, not article text",
                           mtl_bp_kind_labels[w->kind], w->text);
            ls[i] |= MTL_BP_L_FLAGGED;
            continue;
        }
        const mtl_bp_shape *shape = mtl_bp_shape_of(c, a, b, items);
        if (shape) {
            mtl_flags_add(out, MTL_RULE_BP_WIDGET, sp->start, sp->end,
                          shape->message, NULL);
            ls[i] |= MTL_BP_L_FLAGGED;
            continue;
        }
        bool site = false;
        size_t fs = items >= 4 ? mtl_bp_follow_handle(c, a, b, &site) : b;
        if (fs < b) {
            /* a short paragraph is the whole author box (the bio before
             * the follow line); in a longer one, or after the site's own
             * account, only the follow line */
            size_t from = items <= 60 && !quote && !site
                              ? sp->start
                              : doc->toks[fs].start;
            mtl_flags_add(out, MTL_RULE_BP_WIDGET, from, sp->end,
                          "author box (a follow line with a social "
                          "handle): page furniture, not article text",
                          NULL);
            ls[i] |= MTL_BP_L_FLAGGED;
            continue;
        }
        if (doc->toks[b - 1].sent != doc->toks[a].sent &&
            mtl_bp_sentences(c, a, b, items, blen)) {
            ls[i] |= MTL_BP_L_FLAGGED;
            continue;
        }
        size_t cf = 0;
        const mtl_bp_slot *lab = NULL;
        bool bare = false;
        if (items >= 3 && !quote &&
            mtl_bp_credit_tail(c, a, b, &cf, &lab, &bare)) {
            /* only the credit: the caption before it may be the only
             * copy of a sentence of the article (a title, a lead) */
            const char *after = cf > a ? " after a caption" : "";
            if (lab)
                mtl_flags_addf(out, MTL_RULE_BP_WIDGET, doc->toks[cf].start,
                               sp->end, NULL,
                               "photo credit (\xE2\x80\x9C%s\xE2\x80\x9D)%s: "
                               "page furniture, not article text",
                               lab->text, after);
            else
                mtl_flags_addf(out, MTL_RULE_BP_WIDGET, doc->toks[cf].start,
                               sp->end, NULL,
                               "photo credit (%s)%s: page furniture, not "
                               "article text",
                               bare ? "an agency" : "an agency and a "
                                                    "photographer's name",
                               after);
            ls[i] |= MTL_BP_L_FLAGGED;
            continue;
        }
        size_t ia, ib;
        if (items >= 8 && scan.inset &&
            (w = mtl_bp_inset(c, a, b, &ia, &ib))) {
            mtl_flags_addf(out, MTL_RULE_BP_WIDGET, doc->toks[ia].start,
                           doc->toks[ib].start + doc->toks[ib].len, NULL,
                           "%s (\xE2\x80\x9C%s\xE2\x80\x9D) set inside "
                           "the text: page furniture, not article text",
                           mtl_bp_kind_labels[w->kind], w->text);
            ls[i] |= MTL_BP_L_FLAGGED;
        }
    }

    /* lines found in many documents of the batch */
    if (batch)
        mtl_bp_mark_recurring(c, ck, ls, batch, recur, words);
    /* short lines found twice in the document (a menu printed at the top
     * and the bottom of the page) */
    mtl_bp_mark_twice(c, ck, ls);
    mtl_bp_header_labels(c, ls);

    /* structural: blocks of short stand-alone lines (blank lines inside a
     * block are fine; any other line ends it) that hold evidence of
     * furniture: a line flagged above, a line found in many documents, a
     * short line printed twice */
    size_t i = 0;
    while (i < doc->nlines) {
        if (!(ls[i] & (MTL_BP_L_SHORT | MTL_BP_L_FLAGGED))) {
            i++;
            continue;
        }
        size_t j = i, members = 0, numbered = 0, furniture = 0;
        while (j < doc->nlines && (ls[j] & (MTL_BP_L_SHORT | MTL_BP_L_FLAGGED |
                                            MTL_BP_L_BLANK))) {
            if (ls[j] & (MTL_BP_L_FLAGGED | MTL_BP_L_RECUR | MTL_BP_L_TWICE))
                furniture++;
            if (!(ls[j] & MTL_BP_L_BLANK)) {
                members++;
                if ((ls[j] & MTL_BP_L_NUMBER) && !(ls[j] & MTL_BP_L_FLAGGED))
                    numbered++;
            }
            j++;
        }
        if (members >= MTL_BP_RUN_MIN && numbered * 5 <= members * 2 &&
            furniture > 0) {
            for (size_t k = i; k < j; k++)
                if ((ls[k] & MTL_BP_L_SHORT) &&
                    !(ls[k] & (MTL_BP_L_FLAGGED | MTL_BP_L_RECUR))) {
                    mtl_flags_addf(out, MTL_RULE_BP_STRUCTURAL,
                                   doc->lines[k].start, doc->lines[k].end,
                                   NULL,
                                   "short stand-alone line in a block of "
                                   "%zu menu-like lines",
                                   members);
                    ls[k] |= MTL_BP_L_FLAGGED;
                }
        }
        i = j;
    }

    /* repeated-across-documents */
    for (size_t l = 0; batch && l < doc->nlines; l++)
        if ((ls[l] & MTL_BP_L_RECUR) && !(ls[l] & MTL_BP_L_FLAGGED))
            mtl_flags_addf(out, MTL_RULE_BP_REPEATED, doc->lines[l].start,
                           doc->lines[l].end, NULL,
                           "line found in %u documents of the batch: site "
                           "furniture",
                           recur[l]);
}

const mtl_detector mtl_detector_boilerplate = {
    .name = "boilerplate",
    .category = "boilerplate",
    .description =
        "page furniture in the text: teaser (related-content cue + "
        "headline), widget (share, comment-form, reading-time, "
        "update-stamp, byline, credit, author-box, newsletter, cookie, "
        "advertising, paywall, navigation, page-name, breadcrumb, "
        "disclaimer, follow-channel, error-report), structural (menu "
        "blocks of short lines, header section labels), "
        "repeated-across-documents (batch)",
    .load = mtl_bp_load,
    .run = mtl_bp_run,
    .unload = mtl_bp_unload,
    .observe = NULL,
};
