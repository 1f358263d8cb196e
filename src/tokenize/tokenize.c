/*
 * tokenize.c - turns a document's UTF-8 bytes into the token, sentence,
 * line and paragraph arrays of an mtl_doc (doc.h).
 *
 * One UText is opened with utext_openUTF8() on the caller's bytes, so ICU
 * works on them in place and every index it returns is a byte offset.  The
 * word iterator gives the segments; this file walks each segment's bytes
 * once with U8_NEXT to tell white space from tokens and to compute the
 * token shapes (letters, digits, case, script), and keeps line, column,
 * sentence and paragraph counters as it goes.  Nothing is allocated per
 * token: the arrays grow geometrically and are reused from one document
 * to the next.
 *
 * Words.  ICU's word iteration was most of the tokenizer's time, so
 * next_word() finds most segments itself: fast_word() applies ICU's word
 * rules (root word.txt: UAX #29 with ICU's changes and rule statuses) to
 * the Word_Break values European text is made of (ALetter, Numeric,
 * ExtendNumLet, the Mid* values, WSegSpace, CR, LF, Newline, Other), read
 * from tables built with ICU's properties (U+0000..U+07FF and
 * U+2000..U+20FF).  At any other code point (Extend, Format, ZWJ,
 * Katakana, Hebrew, regional indicators, emoji, the scripts ICU segments
 * with dictionaries, everything outside the tables) and at invalid bytes
 * it gives up, and ICU finds the next boundary from the last one: that is
 * a true boundary, where ICU's rules start afresh, so ICU finds what a
 * full pass would.  A segment is only decided from characters
 * fast_word() has classified, the look-ahead of WB4, WB6/7 and WB11/12
 * included.  The tables and fast_word() are checked against the ICU in
 * use once per process, code point by code point (fast_words_init()),
 * so a later ICU with other rules costs speed, not correctness; the unit
 * test test_tokenize_diff compares the two on many texts.  The commonest
 * segments, an ASCII word or punctuation character (ascii_segment(),
 * from the same tables), are found and shaped by fast_segments() in the
 * one pass over their bytes: 16 bytes at a time with SSE2 (ascii16(),
 * checked against the tables once per process), a lone space taken with
 * the word after it, the token's shape from a table (fast_shape[]).
 * The segments that most often stopped it, line breaks, a space before
 * a character beyond ASCII, quotes or dashes standing alone ('“', '—',
 * '«') and words with letters of two bytes ("città"), are read without
 * leaving its loop (fast_other()).
 *
 * Sentences.  A sentence starts at every line start.  Within a line, UAX
 * #29 puts a sentence boundary only after a paragraph separator (U+0085,
 * U+2028, U+2029) or after a terminal token ('.', '!', '?', '。' ...)
 * followed by closing punctuation and spaces.  A full ICU sentence pass
 * costs a third of the word pass, and random access (ubrk_isBoundary) a
 * whole sentence's scan per call, so sentence_cut() applies the UAX #29
 * rules itself at the token after such a run (SB6 to SB11, from the
 * Sentence_Break property), and asks the ICU iterator (a shallow clone of
 * the same UText, with the locale's "@ss=standard" abbreviations) only
 * when the rules need context it does not keep.  When the word before a
 * full stop is in the locale's abbreviation list (read from ICU's brkitr
 * data: "Mr."), ICU's exception filter decides; icu_exception() replays
 * it from the same list (a few hundred instructions where asking ICU
 * cost some 25,000), checked against ICU's iterator when the language is
 * loaded, and ICU is still asked where the replay cannot tell.  The unit
 * test compares the result with a full ICU pass.  A boundary inside a
 * token (a full stop glued between Latin and Arabic letters) is not
 * seen.
 */
#include "tokenize.h"

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ures.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

/* Sentence iterators kept per tokenizer, one per language. */
#define MTL_TK_LANGS 8

/* Array capacities above this many entries are given back when a smaller
 * document follows, so one huge document does not pin its memory. */
#define MTL_TK_KEEP ((size_t)1 << 18)

/* One abbreviation of ICU's sentence-break exception list (or a prefix of
 * one that ends with a full stop), as bytes of the blob. */
typedef struct mtl_abbr {
    uint32_t off;
    uint32_t len;
    /* backward keys of icu_exception(): a prefix "Ph." of "Ph.D." lists
     * the entries that start with it, it->fwd[fwd .. fwd + nfwd) */
    uint32_t fwd, nfwd;
} mtl_abbr;

/* Keys looked up at the end of a stretch of text (key_before()). */
typedef struct mtl_keys {
    mtl_abbr *v;           /* sorted by length, then bytes */
    size_t n;
    uint64_t lens;         /* bit k: there are keys of k bytes */
    uint32_t at[65];       /* the keys of k bytes: v[at[k] .. at[k + 1]) */
    uint64_t first[64][4]; /* bit c of first[k]: one starts with byte c */
    /* bit k of tail[key_tail()]: there may be keys of k bytes ending with
     * those three bytes (every bucket has the keys of k < 3 bytes) */
    uint64_t tail[256];
} mtl_keys;

/* The bucket of mtl_keys.tail for the three bytes before @p e. */
static inline unsigned
key_tail(const uint8_t *e)
{
    return ((unsigned)e[-3] * 7 + (unsigned)e[-2] * 3 + e[-1]) & 255;
}

typedef struct mtl_sent_iter {
    char lang[16]; /* primary subtag, "" for root */
    UBreakIterator *bi;
    char *blob;      /* UTF-8 exception list entries, back to back */
    mtl_keys abbr;   /* the entries ending with '.', and such prefixes */
    /* bit (x << 8 | y) of abbr_tail: a key of abbr may end with "xy."
     * (abbr_tail_init()); maybe_abbreviation()'s filter */
    uint64_t abbr_tail[1024];
    /* ICU's own exception matching, replayed (icu_exception()) */
    bool own_filter; /* icu_exception() is ICU's answer */
    mtl_keys back;   /* backward keys */
    mtl_abbr *fwd;   /* forward keys: the entries of the "Ph." groups */
    size_t nfwd;
} mtl_sent_iter;

struct mtl_tokenizer {
    UBreakIterator *words;
    bool fast_words; /* next_word() may use fast_word() */
    mtl_sent_iter langs[MTL_TK_LANGS];
    int nlangs;
    int cur; /* index into langs of the sentence rules in force */
    int next_evict;

    mtl_token *toks;
    size_t cap_toks;
    mtl_span *sents;
    size_t cap_sents;
    mtl_span *lines;
    size_t cap_lines;
    mtl_span *paras;
    size_t cap_paras;
};

/* ASCII classes. */
enum {
    C_WS = 1,    /* White_Space */
    C_NL = 2,    /* line break: \n or \r */
    C_UP = 4,    /* upper-case letter */
    C_LO = 8,    /* lower-case letter */
    C_DIG = 16,  /* decimal digit */
    C_PUNCT = 32 /* punctuation or symbol */
};

static const uint8_t ascii_class[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, C_WS, C_WS|C_NL, C_WS, C_WS, C_WS|C_NL, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, C_WS, C_PUNCT, C_PUNCT,
    C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
    C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_DIG, C_DIG, C_DIG, C_DIG,
    C_DIG, C_DIG, C_DIG, C_DIG, C_DIG, C_DIG, C_PUNCT, C_PUNCT, C_PUNCT,
    C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP,
    C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP,
    C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_PUNCT, C_PUNCT, C_PUNCT,
    C_PUNCT, C_PUNCT, C_PUNCT, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO,
    C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO,
    C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, 0,
};

/* What a byte adds to the counts of scan_token()'s ASCII path: four
 * 16-bit counters in a uint64_t, summed over at most CNT_MAX bytes so
 * that none overflows into the next. */
#define CNT_UP ((uint64_t)1)         /* upper-case letter */
#define CNT_LO ((uint64_t)1 << 16)   /* lower-case letter */
#define CNT_DIG ((uint64_t)1 << 32)  /* decimal digit */
#define CNT_STOP ((uint64_t)1 << 48) /* white space, or not ASCII */
#define CNT_MAX 0xFFFF
#define CNT_FIELD(unit) ((unit) * CNT_MAX) /* the bits of a counter */

/* Made from ascii_class by ascii_count_init(), once per process. */
static uint64_t ascii_count[256];
static pthread_once_t ascii_count_once = PTHREAD_ONCE_INIT;

static void
ascii_count_init(void)
{
    for (int c = 0; c < 256; c++) {
        unsigned k = c < 0x80 ? ascii_class[c] : C_WS;
        ascii_count[c] = (k & C_WS)    ? CNT_STOP
                         : (k & C_UP)  ? CNT_UP
                         : (k & C_LO)  ? CNT_LO
                         : (k & C_DIG) ? CNT_DIG
                                       : 0;
    }
}

/* Sentence_Break of ASCII (UAX #29; ICU's u_getIntPropertyValue). */
static const uint8_t ascii_sb[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, U_SB_SP, U_SB_LF, U_SB_SP, U_SB_SP, U_SB_CR, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, U_SB_SP, U_SB_STERM,
    U_SB_CLOSE, 0, 0, 0, 0, U_SB_CLOSE, U_SB_CLOSE, U_SB_CLOSE, 0, 0,
    U_SB_SCONTINUE, U_SB_SCONTINUE, U_SB_ATERM, 0, U_SB_NUMERIC, U_SB_NUMERIC,
    U_SB_NUMERIC, U_SB_NUMERIC, U_SB_NUMERIC, U_SB_NUMERIC, U_SB_NUMERIC,
    U_SB_NUMERIC, U_SB_NUMERIC, U_SB_NUMERIC, U_SB_SCONTINUE, 0, 0, 0, 0,
    U_SB_STERM, 0, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER,
    U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER,
    U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER,
    U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_UPPER,
    U_SB_UPPER, U_SB_UPPER, U_SB_UPPER, U_SB_CLOSE, 0, U_SB_CLOSE, 0, 0, 0,
    U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER,
    U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER,
    U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER,
    U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER, U_SB_LOWER,
    U_SB_LOWER, U_SB_LOWER, U_SB_CLOSE, 0, U_SB_CLOSE, 0, 0,
};

/* Sentence_Break of U+0000..U+07FF and of U+2000..U+20FF (quotes,
 * dashes), from ICU once per process (char_props_init(), which every
 * tokenizer's creation runs before its first scan). */
static uint8_t sb_low[0x800];
static uint8_t sb_punct[0x100];

static inline int
sb_class(UChar32 cp)
{
    if (cp < 0)
        return U_SB_OTHER;
    if (cp < 0x80)
        return ascii_sb[cp];
    if (cp < 0x800)
        return sb_low[cp];
    if ((cp & ~0xFF) == 0x2000)
        return sb_punct[cp & 0xFF];
    return u_getIntPropertyValue(cp, UCHAR_SENTENCE_BREAK);
}

static void
set_error(mtl_error *err, int status, const char *what, UErrorCode uc)
{
    if (!err)
        return;
    err->status = status;
    snprintf(err->message, sizeof err->message, "tokenizer: %s%s%s", what,
             uc != U_ZERO_ERROR ? ": " : "",
             uc != U_ZERO_ERROR ? u_errorName(uc) : "");
}

/* Makes room for @p need elements; grows by half again plus a little. */
static int
grow(void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return MTL_OK;
    size_t ncap = *cap;
    while (ncap < need)
        ncap += ncap / 2 + 256;
    if (ncap > SIZE_MAX / size)
        return MTL_ENOMEM;
    void *p = realloc(*arr, ncap * size);
    if (!p)
        return MTL_ENOMEM;
    *arr = p;
    *cap = ncap;
    return MTL_OK;
}

/* Gives back an array far larger than the next document needs. */
static void
trim(void **arr, size_t *cap, size_t expect)
{
    if (*cap > MTL_TK_KEEP && *cap / 4 > expect) {
        free(*arr);
        *arr = NULL;
        *cap = 0;
    }
}

static int
abbr_cmp_key(const char *blob, const mtl_abbr *a, const char *s, size_t n)
{
    if (a->len != n)
        return a->len < n ? -1 : 1;
    return memcmp(blob + a->off, s, n);
}

/* Sorts @p ks (insertion sort without a global: the lists are a few
 * hundred) and indexes it by length and first byte. */
static void
keys_index(mtl_keys *ks, const char *blob)
{
    mtl_abbr *v = ks->v;
    for (size_t i = 1; i < ks->n; i++) {
        mtl_abbr x = v[i];
        size_t j = i;
        while (j > 0 && abbr_cmp_key(blob, &v[j - 1], blob + x.off,
                                     x.len) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
    size_t i = 0;
    for (uint32_t k = 0; k <= 64; k++) {
        ks->at[k] = (uint32_t)i;
        while (k < 64 && i < ks->n && v[i].len == k) {
            uint8_t c = (uint8_t)blob[v[i].off];
            ks->lens |= (uint64_t)1 << k;
            ks->first[k][c >> 6] |= (uint64_t)1 << (c & 63);
            i++;
        }
    }
    for (size_t j = 0; j < ks->n; j++) {
        uint32_t k = v[j].len;
        if (k >= 64)
            continue;
        if (k < 3) {
            for (unsigned h = 0; h < 256; h++)
                ks->tail[h] |= (uint64_t)1 << k;
        } else {
            const uint8_t *e = (const uint8_t *)blob + v[j].off + k;
            ks->tail[key_tail(e)] |= (uint64_t)1 << k;
        }
    }
}

/* memcmp() of the few bytes of a key, inline: the search below compares
 * a handful of them a call, and most differ at their first byte. */
static inline int
key_cmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i])
            return (uint8_t)a[i] < (uint8_t)b[i] ? -1 : 1;
    }
    return 0;
}

/* The longest key of @p ks (1 to 63 bytes, of a length whose bit is set
 * in @p lens) that ends at byte @p p of @p s, or NULL. */
static const mtl_abbr *
key_before_of(const mtl_keys *ks, const char *blob, const uint8_t *s,
              size_t p, uint64_t lens)
{
    if (p < 63)
        lens &= ((uint64_t)2 << p) - 1; /* keys of at most p bytes */
    if (p >= 3) /* and of the lengths that end as the text does */
        lens &= ks->tail[key_tail(s + p)];
    while (lens) {
        int k = 63 - __builtin_clzll(lens);
        lens &= ~((uint64_t)1 << k);
        uint8_t c = s[p - (size_t)k];
        if (!((ks->first[k][c >> 6] >> (c & 63)) & 1))
            continue;
        const char *key = (const char *)s + p - k;
        size_t lo = ks->at[k], hi = ks->at[k + 1];
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int r = key_cmp(blob + ks->v[mid].off, key, (size_t)k);
            if (r == 0)
                return &ks->v[mid];
            if (r < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    return NULL;
}

/* The longest key of @p ks that ends at byte @p p of @p s, or NULL. */
static inline const mtl_abbr *
key_before(const mtl_keys *ks, const char *blob, const uint8_t *s, size_t p)
{
    return key_before_of(ks, blob, s, p, ks->lens);
}

static inline void
tail_set(uint64_t *bits, unsigned x, unsigned y)
{
    unsigned pair = x << 8 | y;
    bits[pair >> 6] |= (uint64_t)1 << (pair & 63);
}

/* Sets the bits of it->abbr_tail from the keys of it->abbr (which all end
 * with '.'): "Mr." sets "Mr", a key "X." of two bytes every pair ending
 * with 'X', a key "." alone every pair. */
static void
abbr_tail_init(mtl_sent_iter *it)
{
    const mtl_keys *ks = &it->abbr;
    for (size_t i = 0; i < ks->n; i++) {
        const uint8_t *k = (const uint8_t *)it->blob + ks->v[i].off;
        uint32_t len = ks->v[i].len;
        if (len >= 3) {
            tail_set(it->abbr_tail, k[len - 3], k[len - 2]);
            continue;
        }
        if (len == 1) {
            memset(it->abbr_tail, 0xFF, sizeof it->abbr_tail);
            continue;
        }
        for (unsigned x = 0; x < 256; x++)
            tail_set(it->abbr_tail, x, k[0]);
    }
}

/*
 * ICU's answer to "is the sentence boundary at @p off (0 < off <= n)
 * suppressed?" over the text @p s of @p n bytes, replayed from the
 * exception list in @p it.  With "@ss=standard" ICU wraps the sentence
 * rules in a SimpleFilteredSentenceBreakIterator (ICU's filteredbrk.cpp),
 * which asks this at every boundary the rules find:
 *   - it steps back over one U+0020 before @p off, if there is one;
 *   - it reads the text backwards from there as far as a key of its
 *     backward trie can match, and takes the longest key that ends there
 *     (the text start ends the walk);
 *   - a whole entry ("Mr.") suppresses the boundary; the prefix "Ph."
 *     shared by the entries with a full stop inside ("Ph.D.") reads the
 *     text forwards from the prefix's start through the trie of those
 *     entries, and suppresses the boundary if the walk ends on an entry
 *     that no other entry extends.
 * Returns 1 (suppressed), 0 (not), or -1 when the forward walk reaches
 * the end of the text: there ICU 72 suppresses the boundary even when
 * the walk has not read a whole entry (French "Hi av. J" at the end of a
 * text, for "av. J.-C."), so ICU decides.
 * The keys are UTF-8 without U+FFFD, so comparing bytes is comparing
 * ICU's code points: an invalid byte (U+FFFD to ICU) matches no key.
 * mtl_tokenizer_set_lang() checks this against ICU's own iterator
 * (exceptions_agree()) before using it.
 */
static int
icu_exception(const mtl_sent_iter *it, const uint8_t *s, size_t n,
              size_t off)
{
    size_t p = s[off - 1] == ' ' ? off - 1 : off;
    /* the longest backward key that ends at p */
    const mtl_abbr *best = key_before(&it->back, it->blob, s, p);
    if (!best)
        return 0;
    if (!best->nfwd)
        return 1;
    /* forwards from the prefix through the entries that share it */
    size_t q = p - best->len, i = q;
    while (i < n) {
        UChar32 cp;
        U8_NEXT(s, i, n, cp);
        if (cp < 0)
            return 0;
        size_t m = i - q;
        bool is_key = false, longer = false;
        for (size_t k = best->fwd; k < best->fwd + best->nfwd; k++) {
            const mtl_abbr *f = &it->fwd[k];
            if (f->len >= m && memcmp(it->blob + f->off, s + q, m) == 0) {
                if (f->len == m)
                    is_key = true;
                else
                    longer = true;
            }
        }
        if (!longer)
            return is_key;
    }
    return -1;
}

/* The first '.' of entry @p e, its length if none. */
static uint32_t
first_stop(const char *blob, const mtl_abbr *e)
{
    const char *d = memchr(blob + e->off, '.', e->len);
    return d ? (uint32_t)(d - (blob + e->off)) : e->len;
}

/*
 * Builds the backward and forward keys of icu_exception() from the
 * @p nent entries @p ent as ICU's builder does: an entry with a full stop
 * before its end ("Ph.D.") makes its prefix up to that stop ("Ph.") a
 * backward key that sends to the forward keys, and every entry starting
 * with such a prefix ("Ph.", "Ph.D.") becomes a forward key; the other
 * entries are backward keys of their own.  Returns MTL_OK or MTL_ENOMEM.
 */
static int
exception_keys(mtl_sent_iter *it, const mtl_abbr *ent, size_t nent)
{
    mtl_keys *back = &it->back;
    back->v = malloc((2 * nent + 1) * sizeof *back->v);
    it->fwd = malloc((nent + 1) * sizeof *it->fwd);
    if (!back->v || !it->fwd)
        return MTL_ENOMEM;
    /* the prefixes, without repeats */
    for (size_t i = 0; i < nent; i++) {
        uint32_t d = first_stop(it->blob, &ent[i]);
        if (d + 1 >= ent[i].len)
            continue;
        bool seen = false;
        for (size_t k = 0; k < back->n && !seen; k++)
            seen = abbr_cmp_key(it->blob, &back->v[k],
                                it->blob + ent[i].off, d + 1) == 0;
        if (!seen)
            back->v[back->n++] = (mtl_abbr){ent[i].off, d + 1, 0, 0};
    }
    /* an entry whose part up to its first stop is a prefix joins it */
    bool *grouped = calloc(nent + 1, sizeof *grouped);
    if (!grouped)
        return MTL_ENOMEM;
    size_t nprefix = back->n;
    for (size_t k = 0; k < nprefix; k++) {
        mtl_abbr *pre = &back->v[k];
        pre->fwd = (uint32_t)it->nfwd;
        for (size_t i = 0; i < nent; i++) {
            uint32_t d = first_stop(it->blob, &ent[i]);
            if (d < ent[i].len && abbr_cmp_key(it->blob, pre,
                                               it->blob + ent[i].off,
                                               d + 1) == 0) {
                it->fwd[it->nfwd++] = ent[i];
                grouped[i] = true;
            }
        }
        pre->nfwd = (uint32_t)it->nfwd - pre->fwd;
    }
    for (size_t i = 0; i < nent; i++)
        if (!grouped[i])
            back->v[back->n++] = (mtl_abbr){ent[i].off, ent[i].len, 0, 0};
    free(grouped);
    keys_index(back, it->blob);
    return MTL_OK;
}

/* Writes @p ctx at text + *n, '%' standing for key @p e; counts only if
 * @p text is NULL. */
static void
exception_sample(char *text, size_t *n, const char *ctx, const char *blob,
                 const mtl_abbr *e)
{
    for (const char *c = ctx; *c; c++) {
        if (*c == '%') {
            if (text)
                memcpy(text + *n, blob + e->off, e->len);
            *n += e->len;
        } else {
            if (text)
                text[*n] = *c;
            (*n)++;
        }
    }
}

/* Writes the samples of exceptions_agree() to @p text (NULL: counts
 * them) and returns their length.  Every key comes after a space and
 * before " A" (where the rules put a boundary when the key ends with a
 * full stop: "Mr. A"), and in turn glued to a word, before two spaces
 * and inside brackets. */
static size_t
exception_samples(const mtl_sent_iter *it, char *text)
{
    static const char *const ctx[] = {"z% A ", "%  A ", "(%) A "};
    size_t n = 0;
    for (size_t i = 0; i < it->back.n + it->nfwd; i++) {
        const mtl_abbr *e = i < it->back.n ? &it->back.v[i]
                                           : &it->fwd[i - it->back.n];
        exception_sample(text, &n, "% A ", it->blob, e);
        exception_sample(text, &n, ctx[i % 3], it->blob, e);
    }
    return n;
}

/*
 * Checks icu_exception() against the ICU in use for language @p tag: a
 * pass of the filtered iterator it->bi over samples of every key must
 * give the boundaries of the plain rules minus those icu_exception()
 * suppresses.  Under a millisecond per language.
 */
static bool
exceptions_agree(const mtl_sent_iter *it, const char *tag)
{
    size_t n = exception_samples(it, NULL);
    char *text = malloc(n + 1);
    if (!text)
        return false;
    exception_samples(it, text);
    UErrorCode uc = U_ZERO_ERROR;
    UBreakIterator *plain = ubrk_open(UBRK_SENTENCE, tag, NULL, 0, &uc);
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text, (int64_t)n, &uc);
    ubrk_setUText(plain, &ut, &uc);
    ubrk_setUText(it->bi, &ut, &uc);
    bool ok = U_SUCCESS(uc);
    int32_t want = ubrk_first(plain), got = ubrk_first(it->bi);
    while (ok && want != UBRK_DONE) {
        want = ubrk_next(plain);
        if (want != UBRK_DONE && (size_t)want < n) {
            int r = icu_exception(it, (const uint8_t *)text, n,
                                  (size_t)want);
            if (r < 0)
                ok = false; /* the samples keep off the end */
            if (r != 0)
                continue;
        }
        got = ubrk_next(it->bi);
        ok = got == want;
    }
    ubrk_close(plain);
    utext_close(&ut);
    free(text);
    return ok;
}

/* Longest exception list entry, in bytes, that icu_exception() takes (its
 * key lengths are bits of a uint64_t). */
#define MTL_EXC_MAX 63

/*
 * Reads ICU's sentence-break exceptions for @p tag (brkitr data,
 * exceptions/SentenceBreak: "Mr.", "z.B.") into @p it: for
 * maybe_abbreviation(), each entry that ends with a full stop and each
 * of its prefixes that does; for icu_exception(), every entry.  A locale
 * without a list (most of them, and root) gets none.  Returns MTL_OK or
 * MTL_ENOMEM.
 */
static int
load_abbreviations(mtl_sent_iter *it, const char *tag)
{
    if (!tag[0])
        return MTL_OK;
    UErrorCode uc = U_ZERO_ERROR;
    UResourceBundle *b = ures_openDirect(U_ICUDATA_NAME "-brkitr", tag, &uc);
    UResourceBundle *ex = ures_getByKey(b, "exceptions", NULL, &uc);
    UResourceBundle *list = ures_getByKey(ex, "SentenceBreak", NULL, &uc);
    int rc = MTL_OK;
    mtl_abbr *ent = NULL; /* every entry */
    size_t nent = 0, cap_ent = 0;
    bool exact = true; /* every entry is one icu_exception() can take */
    if (U_SUCCESS(uc)) {
        int32_t n = ures_getSize(list);
        size_t cap_blob = 0, nblob = 0, cap_abbr = 0;
        for (int32_t i = 0; i < n && rc == MTL_OK; i++) {
            UErrorCode e = U_ZERO_ERROR;
            int32_t ulen;
            const UChar *u = ures_getStringByIndex(list, i, &ulen, &e);
            char buf[128];
            int32_t blen;
            u_strToUTF8(buf, (int32_t)sizeof buf, &blen, u, ulen, &e);
            if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING ||
                blen < 1 || blen > MTL_EXC_MAX ||
                u_memchr32(u, 0xFFFD, ulen) != NULL) {
                exact = false;
                continue;
            }
            if (grow((void **)&it->blob, &cap_blob, nblob + (size_t)blen,
                     1) != MTL_OK ||
                grow((void **)&ent, &cap_ent, nent + 1, sizeof *ent) !=
                    MTL_OK) {
                rc = MTL_ENOMEM;
                break;
            }
            memcpy(it->blob + nblob, buf, (size_t)blen);
            ent[nent++] = (mtl_abbr){(uint32_t)nblob, (uint32_t)blen, 0, 0};
            if (buf[blen - 1] != '.') {
                /* cannot end before a boundary: no effect */
                nblob += (size_t)blen;
                continue;
            }
            for (int32_t k = 1; k <= blen; k++) {
                if (buf[k - 1] != '.')
                    continue;
                if (grow((void **)&it->abbr.v, &cap_abbr, it->abbr.n + 1,
                         sizeof *it->abbr.v) != MTL_OK) {
                    rc = MTL_ENOMEM;
                    break;
                }
                it->abbr.v[it->abbr.n++] =
                    (mtl_abbr){(uint32_t)nblob, (uint32_t)k, 0, 0};
            }
            nblob += (size_t)blen;
        }
        keys_index(&it->abbr, it->blob);
        abbr_tail_init(it);
        if (rc == MTL_OK && exact && nent > 0) {
            rc = exception_keys(it, ent, nent);
            it->own_filter = rc == MTL_OK && exceptions_agree(it, tag);
        }
    }
    free(ent);
    ures_close(list);
    ures_close(ex);
    ures_close(b);
    return rc;
}

static void
sent_iter_clear(mtl_sent_iter *it)
{
    ubrk_close(it->bi);
    free(it->blob);
    free(it->abbr.v);
    free(it->back.v);
    free(it->fwd);
    memset(it, 0, sizeof *it);
}

/* Copies the primary subtag of @p lang, lower-cased, "" for root/und. */
static void
primary_subtag(const char *lang, char *out, size_t size)
{
    size_t n = 0;
    if (lang) {
        while (lang[n] && lang[n] != '-' && lang[n] != '_' &&
               lang[n] != '@' && lang[n] != '.' && n + 1 < size) {
            char c = lang[n];
            out[n] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
            n++;
        }
    }
    out[n] = '\0';
    if (strcmp(out, "und") == 0 || strcmp(out, "root") == 0)
        out[0] = '\0';
}

int
mtl_tokenizer_set_lang(mtl_tokenizer *tk, const char *lang)
{
    char tag[16];
    primary_subtag(lang, tag, sizeof tag);
    for (int i = 0; i < tk->nlangs; i++) {
        if (strcmp(tk->langs[i].lang, tag) == 0) {
            tk->cur = i;
            return MTL_OK;
        }
    }
    /* "@ss=standard": ICU's list of abbreviations after which a full stop
     * ends no sentence ("Mr.", "z.B."), where the locale has one. */
    char locale[40];
    snprintf(locale, sizeof locale, "%s@ss=standard", tag);
    UErrorCode uc = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &uc);
    if (U_FAILURE(uc)) {
        ubrk_close(bi);
        return uc == U_MEMORY_ALLOCATION_ERROR ? MTL_ENOMEM : MTL_EICU;
    }
    mtl_sent_iter it;
    memset(&it, 0, sizeof it);
    it.bi = bi;
    memcpy(it.lang, tag, sizeof tag);
    if (load_abbreviations(&it, tag) != MTL_OK) {
        sent_iter_clear(&it);
        return MTL_ENOMEM;
    }
    int slot;
    if (tk->nlangs < MTL_TK_LANGS) {
        slot = tk->nlangs++;
    } else {
        slot = tk->next_evict;
        if (slot == tk->cur)
            slot = (slot + 1) % MTL_TK_LANGS;
        tk->next_evict = (slot + 1) % MTL_TK_LANGS;
        sent_iter_clear(&tk->langs[slot]);
    }
    tk->langs[slot] = it;
    tk->cur = slot;
    return MTL_OK;
}

bool
mtl_tokenizer_replays_exceptions(const mtl_tokenizer *tk)
{
    return tk && tk->nlangs > 0 && tk->langs[tk->cur].own_filter;
}

/* ----------------------------------------------------------- the words */

/*
 * Word_Break classes of the fast path.  Each stands for the values that
 * ICU's root word rules (word.txt, ICU 72) treat alike once the values
 * left to ICU (WB_BAIL) are out of the way.
 */
enum {
    WB_BAIL = 0, /* ICU decides: Extend, Format, ZWJ, Katakana,
                    Hebrew_Letter, Regional_Indicator, the dictionary
                    scripts, Extended_Pictographic, unknown values */
    WB_OTHER,    /* Other; Double_Quote, whose WB7b/c need Hebrew */
    WB_CR,
    WB_LF,       /* LF and Newline: always a segment of their own */
    WB_WS,       /* WSegSpace */
    WB_AL,       /* ALetter, without the dictionary scripts */
    WB_NU,       /* Numeric */
    WB_ENL,      /* ExtendNumLet */
    WB_ML,       /* MidLetter */
    WB_MN,       /* MidNum */
    WB_MNL       /* MidNumLet; Single_Quote, whose WB7a needs Hebrew */
};

/* Code points the word tables classify: U+0000..U+07FF (one or two UTF-8
 * bytes: Latin, Greek, Cyrillic, Arabic...) and U+2000..U+20FF (General
 * Punctuation: quotes, dashes, U+2028; currency signs). */
#define MTL_WB_LOW 0x800
#define MTL_WB_PUNCT 0x2000

/* The word tables depend on the ICU in use only: made once per process
 * (fast_words_init()), read-only afterwards. */
static struct {
    bool ok;                 /* fast_word() agrees with ICU */
    uint8_t low[MTL_WB_LOW]; /* WB_* of U+0000..U+07FF */
    uint8_t punct[0x100];    /* WB_* of U+2000..U+20FF */
    uint8_t byte[0x100];     /* WB_* of an ASCII byte (low[]), WB_BAIL for
                                the others: fast_word()'s inner loop */
    uint64_t word_count[0x100]; /* ascii_count[] of a byte that byte[]
                                   puts in words (wb_word()), CNT_STOP
                                   for the others: ascii_segment() */
    uint8_t after[0x100]; /* what ascii_segment() asks of the byte after
                             a word: WB_BAIL, or a mid character that
                             may join it to the next (AFTER_*) */
    bool simd; /* ascii16() classifies as word_count[] does */
} wbt;

#if defined(__SSE2__)
#include <emmintrin.h>
#define MTL_TK_SIMD 1

/* Bit k: byte k of 16 is an upper-case, a lower-case ASCII letter.  The
 * letters are the word bytes of the 16-byte path: a digit, '_' or '@'
 * ends its runs, and wbt.after[] sends such a word to latin_token(), and
 * a segment that starts with a digit too. */
typedef struct mtl_ascii16 {
    unsigned up, lo;
} mtl_ascii16;

/* Bytes in [lo, lo + n) (n < 128): shifted to the bottom of the signed
 * range, they compare below -128 + n; the others do not. */
static inline __m128i
bytes_in(__m128i v, char lo, int n)
{
    return _mm_cmplt_epi8(_mm_sub_epi8(v, _mm_set1_epi8((char)(lo ^ 0x80))),
                          _mm_set1_epi8((char)(-128 + n)));
}

/* The classes of the 16 bytes at @p p.  fast_words_init() checks them
 * against wbt.word_count[] (wbt.simd). */
static inline mtl_ascii16
ascii16(const uint8_t *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i up = bytes_in(v, 'A', 26), lo = bytes_in(v, 'a', 26);
    mtl_ascii16 m = {
        .up = (unsigned)_mm_movemask_epi8(up),
        .lo = (unsigned)_mm_movemask_epi8(lo),
    };
    return m;
}
#endif
static pthread_once_t wbt_once = PTHREAD_ONCE_INIT;

/* Bits of wbt.after[]. */
enum {
    AFTER_BAIL = 1, /* WB_BAIL */
    AFTER_AL = 2,   /* joins two letters (wb_joins(WB_AL, byte[c])) */
    AFTER_NU = 4    /* joins two digits (wb_joins(WB_NU, byte[c])) */
};

/* The fast path's class of @p c, from ICU's own properties. */
static uint8_t
wb_class(UChar32 c)
{
    /* ICU's root rules take the colons out of MidLetter: "a:b" is three
     * segments ... */
    if (c == ':' || c == 0xFE55 || c == 0xFF1A)
        return WB_OTHER;
    /* ... and count '@' as a letter: "user@example.com" is one word, a
     * lone "@" has the letter status. */
    if (c == '@')
        return WB_AL;
    UErrorCode uc = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &uc);
    /* ICU's $dictionary ($ComplexContext, Han, kana, Hangul) runs
     * through its dictionaries and KanaKanji/Hangul rules; emoji through
     * WB3c.  None is in the tables' ranges today: checked anyway. */
    if (U_FAILURE(uc) ||
        u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT ||
        script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
        script == USCRIPT_KATAKANA || script == USCRIPT_HANGUL ||
        u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC))
        return WB_BAIL;
    switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_OTHER:
    case U_WB_DOUBLE_QUOTE:
        return WB_OTHER;
    case U_WB_CR:
        return WB_CR;
    case U_WB_LF:
    case U_WB_NEWLINE:
        return WB_LF;
    case U_WB_WSEGSPACE:
        return WB_WS;
    case U_WB_ALETTER:
        return WB_AL;
    case U_WB_NUMERIC:
        return WB_NU;
    case U_WB_EXTENDNUMLET:
        return WB_ENL;
    case U_WB_MIDLETTER:
        return WB_ML;
    case U_WB_MIDNUM:
        return WB_MN;
    case U_WB_MIDNUMLET:
    case U_WB_SINGLE_QUOTE:
        return WB_MNL;
    default:
        return WB_BAIL;
    }
}

/*
 * Class of the character at s[i] (i < n); its length in *w.  Invalid
 * bytes and code points outside the tables are WB_BAIL (ICU reads an
 * invalid sequence as one U+FFFD, whatever its length).
 */
static inline int
wb_at(const uint8_t *s, size_t i, size_t n, size_t *w)
{
    uint8_t c = s[i];
    if (c < 0x80) {
        *w = 1;
        return wbt.low[c];
    }
    if (c >= 0xC2 && c < 0xE0) {
        if (i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            *w = 2;
            return wbt.low[((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)];
        }
        return WB_BAIL;
    }
    /* E2 80..83 xx: U+2000..U+20FF */
    if (c == 0xE2 && i + 2 < n && (s[i + 1] & 0xFC) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80) {
        *w = 3;
        return wbt.punct[((s[i + 1] & 0x03u) << 6) | (s[i + 2] & 0x3Fu)];
    }
    return WB_BAIL;
}

/* ALetter, Numeric and ExtendNumLet: what words are made of (WB5,
 * WB8-10, WB13a/b). */
static inline bool
wb_word(int c)
{
    return (unsigned)(c - WB_AL) <= WB_ENL - WB_AL;
}

/* True if mid character @p d joins two word characters of class @p last
 * when one of that class follows it (WB6/7, WB11/12). */
static inline bool
wb_joins(int last, int d)
{
    return (last == WB_AL && (d == WB_ML || d == WB_MNL)) ||
           (last == WB_NU && (d == WB_MN || d == WB_MNL));
}

/* ICU's status of a word whose last two word characters are of class
 * @p last and @p before (WB_BAIL: none): that of the rule that matched
 * last, '_' taking the one before it. */
static inline int32_t
word_status(int last, int before)
{
    if (last == WB_ENL)
        last = before;
    return last == WB_AL    ? UBRK_WORD_LETTER
           : last == WB_NU  ? UBRK_WORD_NUMBER
           : last == WB_ENL ? UBRK_WORD_LETTER /* "__" */
                            : UBRK_WORD_NONE;  /* "_" */
}

/*
 * The segment that starts at boundary @p a (< n), by ICU's root word
 * rules: returns where it ends and sets *status, or returns -1 when a
 * character it would have to look at is WB_BAIL.  A segment starts
 * afresh at a boundary (the rules look at nothing before it).
 *
 * What ICU 72 does with these classes (without Extend and Format, which
 * WB4 makes transparent: they are WB_BAIL, so that a character after the
 * segment must be classified before its end is known):
 *   - CR LF, CR, LF and Newline alone (WB3-WB3b), nothing attached;
 *   - a run of WSegSpace (WB3d);
 *   - words: ALetter, Numeric and ExtendNumLet in any order (WB5, WB8-10,
 *     WB13a/b), with MidLetter, MidNumLet or '\'' between two ALetters
 *     (WB6/7) and MidNum, MidNumLet or '\'' between two Numerics
 *     (WB11/12).  ICU's status is that of the rule that matched last:
 *     200 after a letter, 100 after a digit, and after '_' 200 or 100 as
 *     the character before it ("a_" 200, "1_" 100, "__" 200), 0 for a
 *     lone '_';
 *   - any other character alone, status 0 (WB999).
 */
static int32_t
fast_word(const uint8_t *s, size_t n, size_t a, int32_t *status)
{
    size_t i = a, w;
    int c = wb_at(s, i, n, &w);
    i += w;
    *status = UBRK_WORD_NONE;
    switch (c) {
    case WB_BAIL:
        return -1;
    case WB_CR:
        if (i < n && s[i] == '\n')
            i++;
        return (int32_t)i;
    case WB_LF:
        return (int32_t)i;
    case WB_WS:
        while (i < n && (c = wb_at(s, i, n, &w)) == WB_WS)
            i += w;
        return i < n && c == WB_BAIL ? -1 : (int32_t)i;
    case WB_AL:
    case WB_NU:
    case WB_ENL:
        break;
    default: /* alone, unless an Extend, Format or ZWJ follows (WB4) */
        return i < n && wb_at(s, i, n, &w) == WB_BAIL ? -1
                                                           : (int32_t)i;
    }

    int last = c, before = WB_BAIL; /* the last two word characters */
    while (i < n) {
        /* a run of ASCII word characters, most of a word: one table
         * look-up a byte, the last two read at its end */
        size_t r = i;
        while (r < n && wb_word(wbt.byte[s[r]]))
            r++;
        if (r > i) {
            before = r - i >= 2 ? wbt.byte[s[r - 2]] : last;
            last = wbt.byte[s[r - 1]];
            i = r;
            if (i >= n)
                break;
        }
        int d = wb_at(s, i, n, &w);
        if (wb_word(d)) {
            before = last;
            last = d;
            i += w;
            continue;
        }
        if (d == WB_BAIL)
            return -1;
        /* WB6/7, WB11/12: a mid character joins two letters or two
         * digits; the one after it decides */
        if (!wb_joins(last, d) || i + w >= n)
            break;
        size_t w2;
        int e = wb_at(s, i + w, n, &w2);
        if (e == WB_BAIL)
            return -1;
        if (e != last)
            break;
        before = last;
        i += w + w2;
    }
    *status = word_status(last, before);
    return (int32_t)i;
}

/*
 * True if fast_word() at @p a (< n) gives the commonest segment, one
 * space between two words: an ASCII space (WSegSpace) followed by the
 * text's end or an ASCII character that is neither WSegSpace (WB3d) nor
 * left to ICU.  The tokenizer takes it without segmenting (next_word()).
 */
static inline bool
lone_space(const uint8_t *s, size_t n, size_t a)
{
    if (s[a] != ' ') /* WSegSpace where the fast path is on (wbt.ok) */
        return false;
    if (a + 1 == n)
        return true;
    uint8_t c = s[a + 1];
    return c < 0x80 && wbt.low[c] != WB_WS && wbt.low[c] != WB_BAIL;
}

/* How far behind ICU's iterator may be for next_word() to walk it up. */
#define MTL_WORD_CATCHUP 32

/* A walk over one text's word segments. */
typedef struct mtl_words {
    mtl_tokenizer *tk;
    const uint8_t *s;
    size_t len;
    bool fast;      /* tk->fast_words */
    int32_t icu_at; /* the boundary ICU's iterator stands at */
    size_t nfast;   /* segments found by fast_word() */
    /* not NULL: ICU's iterator is not on the text yet, and is set on it
     * with this UText when it is first asked (words_start()): most
     * documents never ask it, and setting it cost some 550 instructions
     * a document */
    UText *ut;
    int status; /* MTL_OK, or words_start()'s error */
} mtl_words;

/* Opens wk->ut on the text and sets ICU's word iterator on it, at its
 * first boundary.  False on an error (in wk->status). */
__attribute__((noinline)) static bool
words_start(mtl_words *wk)
{
    UErrorCode uc = U_ZERO_ERROR;
    utext_openUTF8(wk->ut, (const char *)wk->s, (int64_t)wk->len, &uc);
    ubrk_setUText(wk->tk->words, wk->ut, &uc);
    wk->ut = NULL;
    if (U_FAILURE(uc)) {
        wk->status = uc == U_MEMORY_ALLOCATION_ERROR ? MTL_ENOMEM : MTL_EICU;
        return false;
    }
    wk->icu_at = ubrk_first(wk->tk->words);
    return true;
}

/*
 * The end of the segment that starts at boundary @p a (< len) and its
 * rule status in *status; -1 if ICU has none (it always has).  The
 * caller has tried lone_space() (with wk->fast).  ICU goes on with
 * ubrk_next() from where it stands, or starts over at @p a with
 * ubrk_following() after segments of the fast path: @p a being a
 * boundary, that is the segment a full pass finds.
 */
static inline int32_t
next_word(mtl_words *wk, int32_t a, int32_t *status)
{
    if (wk->fast) {
        int32_t b = fast_word(wk->s, wk->len, (size_t)a, status);
        if (b >= 0) {
            wk->nfast++;
            return b;
        }
    }
    UBreakIterator *bi = wk->tk->words;
    if (wk->ut && !words_start(wk))
        return -1;
    int32_t b = wk->icu_at;
    /* a few bytes behind (one space since the last time ICU was asked),
     * ICU catches up faster with ubrk_next() than it starts over */
    if (a - b <= MTL_WORD_CATCHUP)
        while (b != UBRK_DONE && b < a)
            b = ubrk_next(bi);
    b = b == a ? ubrk_next(bi) : ubrk_following(bi, a);
    if (b == UBRK_DONE)
        return -1;
    *status = ubrk_getRuleStatus(bi);
    wk->icu_at = b;
    return b;
}

/* The segments of the text on tk->words, into the arrays (see
 * mtl_word_segments()). */
static int64_t
word_segments(mtl_tokenizer *tk, const char *text, size_t len,
              int32_t *ends, int32_t *status, size_t cap, size_t *nfast)
{
    mtl_words wk = {
        .tk = tk,
        .s = (const uint8_t *)text,
        .len = len,
        .fast = tk->fast_words,
        .icu_at = ubrk_first(tk->words),
    };
    int64_t n = 0;
    for (int32_t a = 0, b; (size_t)a < len; a = b) {
        int32_t st;
        if (wk.fast && lone_space(wk.s, len, (size_t)a)) {
            b = a + 1;
            st = UBRK_WORD_NONE;
            wk.nfast++;
        } else {
            b = next_word(&wk, a, &st);
            if (b <= a)
                break;
        }
        if ((size_t)n < cap) {
            ends[n] = b;
            status[n] = st;
        }
        n++;
    }
    if (nfast)
        *nfast = wk.nfast;
    return n;
}

int64_t
mtl_word_segments(mtl_tokenizer *tk, const char *text, size_t len,
                  int32_t *ends, int32_t *status, size_t cap, size_t *nfast)
{
    if (len > (size_t)INT32_MAX || (!text && len))
        return -1;
    UErrorCode uc = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text ? text : "", (int64_t)len, &uc);
    ubrk_setUText(tk->words, &ut, &uc);
    int64_t n = U_FAILURE(uc) ? -1
                : word_segments(tk, text, len, ends, status, cap, nfast);
    utext_close(&ut);
    return n;
}

bool
mtl_tokenizer_fast_words(mtl_tokenizer *tk, bool on)
{
    bool was = tk->fast_words;
    tk->fast_words = on && wbt.ok;
    return was;
}

/* Every rule fast_word() knows, for the check against the ICU in use. */
static const char fast_sample[] =
    "Don't stop: 3.5% of 1,234.56 a.b.c x_1 __init__ _ 1_a a_ 1_ _1 "
    "Ming37 2nd l'\xc3\xa9t\xc3\xa9 2:30 a:b 1;2 a;b a.1 1.a a._b 1._2 "
    "a_.b x.. 1,, x\xe2\x80\x99y 1\xe2\x80\x99" "2 \xe2\x80\x98q\xe2\x80"
    "\x99 \xe2\x80\x9cq\xe2\x80\x9d \"q\" a\xc2\xb7" "b 1\xc2\xb7" "2 "
    "a\xe2\x80\xa4" "b 1\xe2\x80\xa4" "2 #@$%&()[]?!-/\t\v\f\r\n\r\r\n"
    "\n  \xc2\xa0 \xe2\x80\x80\xe2\x80\x80 \xe2\x80\xa8\xc2\x85"
    "\xce\xa9\xce\xbc\xce\xad\xce\xb3\xce\xb1 \xd0\x96\xd0\xb6" "1 "
    "\xd9\xa1\xd9\xa2 \xd8\xa8\xd9\xa1 \xc3\x9f\xc3\xb8\xc5\x82 end.";

/*
 * Builds the word tables, then checks them and fast_word() against the
 * ICU in use: on fast_sample, and on every code point of the tables in a
 * few contexts ("c", "aca", "1c1", "cc", "_c_", one a line).  At each of
 * ICU's boundaries fast_word() must give up or find ICU's segment and
 * status.  A code point where it does not becomes WB_BAIL (giving up is
 * always right); a difference on the sample, which is about the rules
 * and not one code point, leaves the fast path off.  About a millisecond,
 * once per process (pthread_once).
 */
static void
fast_words_init(void)
{
    /* the contexts, '%' standing for the code point */
    static const char *const ctx[] = {"%", "a%a", "1%1", "%%", "_%_"};
    enum { NCP = MTL_WB_LOW + 0x100, BLOCK = 32 };
    for (UChar32 c = 0; c < MTL_WB_LOW; c++)
        wbt.low[c] = wb_class(c);
    for (UChar32 c = 0; c < 0x100; c++)
        wbt.punct[c] = wb_class(MTL_WB_PUNCT + c);
    for (int c = 0; c < 0x80; c++)
        wbt.byte[c] = wbt.low[c];

    size_t nsample = sizeof fast_sample - 1;
    uint8_t *text = malloc(nsample + (size_t)NCP * BLOCK);
    uint32_t *block = malloc(NCP * sizeof *block);
    UErrorCode uc = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &uc);
    if (!text || !block || U_FAILURE(uc)) {
        free(text);
        free(block);
        ubrk_close(bi);
        return; /* ICU alone */
    }
    memcpy(text, fast_sample, nsample);
    int32_t n = (int32_t)nsample;
    for (int k = 0; k < NCP; k++) {
        UChar32 c = k < MTL_WB_LOW ? k : MTL_WB_PUNCT + (k - MTL_WB_LOW);
        block[k] = (uint32_t)n;
        for (size_t m = 0; m < sizeof ctx / sizeof *ctx; m++) {
            for (const char *p = ctx[m]; *p; p++) {
                UBool err = false;
                if (*p == '%')
                    U8_APPEND(text, n, n + 4, c, err);
                else
                    text[n++] = (uint8_t)*p;
                (void)err;
            }
            text[n++] = '\n';
        }
    }

    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, (const char *)text, n, &uc);
    ubrk_setUText(bi, &ut, &uc);
    bool ok = U_SUCCESS(uc);
    int32_t a = ubrk_first(bi), b;
    int k = 0; /* the block that a is in */
    while (ok && (b = ubrk_next(bi)) != UBRK_DONE) {
        int32_t st, fb = fast_word(text, (size_t)n, (size_t)a, &st);
        if (fb >= 0 && (fb != b || st != ubrk_getRuleStatus(bi))) {
            if ((size_t)a < nsample) {
                ok = false;
                break;
            }
            while (k + 1 < NCP && block[k + 1] <= (uint32_t)a)
                k++;
            if (k < 0x80)
                wbt.low[k] = wbt.byte[k] = WB_BAIL;
            else if (k < MTL_WB_LOW)
                wbt.low[k] = WB_BAIL;
            else
                wbt.punct[k - MTL_WB_LOW] = WB_BAIL;
        }
        a = b;
    }
    utext_close(&ut);
    ubrk_close(bi);
    free(text);
    free(block);
    pthread_once(&ascii_count_once, ascii_count_init);
    for (int c = 0; c < 0x100; c++) {
        wbt.word_count[c] = wb_word(wbt.byte[c]) ? ascii_count[c] : CNT_STOP;
        wbt.after[c] = (wbt.byte[c] == WB_BAIL) * AFTER_BAIL |
                       wb_joins(WB_AL, wbt.byte[c]) * AFTER_AL |
                       wb_joins(WB_NU, wbt.byte[c]) * AFTER_NU;
        /* a word byte no letter (a digit, '_', '@') ends a run of
         * ascii16()'s: the word goes on, latin_token() reads it (the
         * runs of ascii_run() end at no word byte) */
        if (!(wbt.word_count[c] & (CNT_FIELD(CNT_UP) | CNT_FIELD(CNT_LO))) &&
            !(wbt.word_count[c] & CNT_FIELD(CNT_STOP)))
            wbt.after[c] |= AFTER_BAIL;
    }
    /* lone_space() takes ' ' for WSegSpace */
    wbt.ok = ok && wbt.low[' '] == WB_WS;
#ifdef MTL_TK_SIMD
    /* ascii16() must tell the letters as word_count[] does */
    bool simd = true;
    for (int c0 = 0; c0 < 0x100; c0 += 16) {
        uint8_t v[16];
        for (int j = 0; j < 16; j++)
            v[j] = (uint8_t)(c0 + j);
        mtl_ascii16 m = ascii16(v);
        for (int j = 0; j < 16; j++) {
            /* a word byte that is a letter, of either case */
            uint64_t wc = wbt.word_count[c0 + j];
            if (((m.up >> j) & 1) != (wc == CNT_UP) ||
                ((m.lo >> j) & 1) != (wc == CNT_LO))
                simd = false;
        }
    }
    wbt.simd = simd;
#endif
}

/* What read_token() asks ICU about a character of U+0080..U+07FF (two
 * UTF-8 bytes: accented Latin, Greek, Cyrillic, Arabic...), asked once
 * per process (char_props_init()). */
typedef struct mtl_cprop {
    uint8_t type;   /* u_charType() */
    uint8_t script; /* uscript_getScript(), CPROP_ASK: ask ICU */
    bool white;     /* u_isUWhiteSpace() */
} mtl_cprop;
#define CPROP_ASK 0xFF
static mtl_cprop cprop[MTL_WB_LOW];
/* and of U+2000..U+20FF, the quotes and dashes of fast_other() */
static mtl_cprop cprop_punct[0x100];
static pthread_once_t cprop_once = PTHREAD_ONCE_INIT;

static void
char_props_init(void)
{
    for (UChar32 c = 0; c < MTL_WB_LOW; c++) {
        UErrorCode uc = U_ZERO_ERROR;
        int32_t script = (int32_t)uscript_getScript(c, &uc);
        cprop[c].type = (uint8_t)u_charType(c);
        cprop[c].script = U_SUCCESS(uc) && script >= 0 && script < CPROP_ASK
                              ? (uint8_t)script
                              : CPROP_ASK;
        cprop[c].white = u_isUWhiteSpace(c) != 0;
        sb_low[c] = (uint8_t)u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
    }
    for (UChar32 c = 0; c < 0x100; c++) {
        cprop_punct[c].type = (uint8_t)u_charType(MTL_WB_PUNCT + c);
        cprop_punct[c].script = CPROP_ASK; /* not read */
        cprop_punct[c].white = u_isUWhiteSpace(MTL_WB_PUNCT + c) != 0;
        sb_punct[c] = (uint8_t)u_getIntPropertyValue(MTL_WB_PUNCT + c,
                                                     UCHAR_SENTENCE_BREAK);
    }
}

static pthread_once_t fast_shape_once = PTHREAD_ONCE_INIT;
static void fast_shape_init(void);

mtl_tokenizer *
mtl_tokenizer_new(const char *locale, mtl_error *err)
{
    mtl_tokenizer *tk = calloc(1, sizeof *tk);
    if (!tk) {
        set_error(err, MTL_ENOMEM, "out of memory", U_ZERO_ERROR);
        return NULL;
    }
    tk->cur = -1;
    UErrorCode uc = U_ZERO_ERROR;
    /* Root word rules: they carry the CJK and South-East Asian
     * dictionaries whatever the locale. */
    tk->words = ubrk_open(UBRK_WORD, "", NULL, 0, &uc);
    if (U_FAILURE(uc)) {
        set_error(err, MTL_EICU, "cannot open the ICU word break iterator "
                  "(is the ICU data library installed?)", uc);
        mtl_tokenizer_free(tk);
        return NULL;
    }
    pthread_once(&wbt_once, fast_words_init);
    pthread_once(&ascii_count_once, ascii_count_init);
    pthread_once(&cprop_once, char_props_init);
    pthread_once(&fast_shape_once, fast_shape_init);
    tk->fast_words = wbt.ok;
    int rc = mtl_tokenizer_set_lang(tk, locale);
    if (rc != MTL_OK) {
        set_error(err, rc, rc == MTL_ENOMEM ? "out of memory"
                  : "cannot open the ICU sentence break iterator",
                  U_ZERO_ERROR);
        mtl_tokenizer_free(tk);
        return NULL;
    }
    return tk;
}

void
mtl_tokenizer_free(mtl_tokenizer *tk)
{
    if (!tk)
        return;
    ubrk_close(tk->words);
    for (int i = 0; i < tk->nlangs; i++)
        sent_iter_clear(&tk->langs[i]);
    free(tk->toks);
    free(tk->sents);
    free(tk->lines);
    free(tk->paras);
    free(tk);
}

/* ------------------------------------------------------------ the scan */

typedef struct mtl_scan {
    mtl_tokenizer *tk;
    const uint8_t *s;
    size_t len;
    size_t ntoks, nsents, nlines, nparas, words;
    uint32_t line, col;  /* of the next byte to read */
    unsigned gap;        /* SPACE/NEWLINE_BEFORE seen since the last token */
    mtl_span cur_line;   /* the line being read, pushed at its end
                            (end_line()); its tokens are those from
                            tok_first on */
    bool para_open;      /* a paragraph has started */
    bool para_break;     /* a blank line followed it */
    const mtl_sent_iter *sit; /* sentence rules; NULL: lines only */
    int term;            /* U_SB_STERM / U_SB_ATERM: the tokens since the
                            last word are a terminal and glued closers */
    bool term_closed;    /* ... and a closer came after the terminal */
    bool term_spaced;    /* ... and white space before a lone mark */
    size_t term_start, term_end; /* the terminal token */
    bool para_sep;       /* U+0085, U+2028 or U+2029 in the gap */
    bool pending;        /* the next token starts a line, or follows a
                            terminal run or para_sep: emit() must call
                            open_spans() (set where those change) */
    size_t run_guard;    /* for ascii_segment() (run_guard()) */
    bool other_script;   /* mtl_doc.other_script */
    bool mixed_script;   /* mtl_doc.mixed_script */
    int status;
} mtl_scan;

/* One past the last byte of @p s[0 .. n) that ends a run of ASCII word
 * bytes (CNT_STOP in wbt.word_count[]: white space, punctuation, a
 * non-ASCII byte), 0 if none.  Most texts end with one. */
static size_t
run_guard(const uint8_t *s, size_t n)
{
    while (n > 0 && !(wbt.word_count[s[n - 1]] & CNT_FIELD(CNT_STOP)))
        n--;
    return n;
}

/* first_sb_class() of a token that starts beyond ASCII. */
__attribute__((noinline)) static int
first_sb_class_multi(const mtl_scan *sc, size_t start, size_t end)
{
    size_t i = start;
    UChar32 cp;
    U8_NEXT(sc->s, i, end, cp);
    return sb_class(cp);
}

/* Sentence_Break class of the token's first code point (inline for
 * ASCII, the commonest). */
static inline int
first_sb_class(const mtl_scan *sc, size_t start, size_t end)
{
    if (sc->s[start] < 0x80)
        return ascii_sb[sc->s[start]];
    return first_sb_class_multi(sc, start, end);
}

/* SB8's look-ahead past ATerm Close* Sp* runs over everything but these
 * (and Lower, which ends it with no break). */
static inline bool
sb8_stops(int c)
{
    return c == U_SB_OLETTER || c == U_SB_UPPER || c == U_SB_SEP ||
           c == U_SB_CR || c == U_SB_LF || c == U_SB_STERM ||
           c == U_SB_ATERM;
}

/* Bytes of context that ICU sees for one boundary question.  Sentence
 * rules look a short way back (to the terminal, its closers and the word
 * before it, which the abbreviation filter reads, at most 63 bytes) and
 * ahead (SB8 scans past digits, punctuation and spaces to the first
 * letter or terminal); ubrk_isBoundary() on the whole text would back up
 * to a safe point that can be the start of a long line, making a document
 * of one huge line quadratic.  ICU runs its rules over all the context
 * before the offset, and fills its cache with the next few boundaries
 * after it, so both sides are kept short: from shortly before the
 * terminal to a little past the character where SB8's scan stops (at
 * most MTL_SENT_SCAN bytes on). */
#define MTL_SENT_BEFORE 128
#define MTL_SENT_AFTER 64
#define MTL_SENT_SCAN 4096

/* The window of the text around @p off that ICU is asked about: bytes
 * [*from, *to), cut at character boundaries. */
static void
sent_window(const mtl_scan *sc, size_t off, size_t *from, size_t *to)
{
    size_t first = sc->term_start < off ? sc->term_start : off;
    size_t a = first > MTL_SENT_BEFORE ? first - MTL_SENT_BEFORE : 0;
    while (a < off && (sc->s[a] & 0xC0) == 0x80)
        a++;
    size_t stop = off;
    while (stop < sc->len && stop < off + MTL_SENT_SCAN) {
        size_t at = stop;
        UChar32 cp;
        U8_NEXT(sc->s, stop, sc->len, cp);
        int c = sb_class(cp);
        if (c == U_SB_LOWER || sb8_stops(c)) {
            stop = at;
            break;
        }
    }
    size_t b = stop + MTL_SENT_AFTER < sc->len ? stop + MTL_SENT_AFTER
                                               : sc->len;
    while (b > off && b < sc->len && (sc->s[b] & 0xC0) == 0x80)
        b--;
    *from = a;
    *to = b;
}

/* ICU's own answer: is there a sentence boundary at @p off?  Asked on a
 * window of the text around @p off. */
static bool
icu_boundary(const mtl_scan *sc, size_t off)
{
    if (!sc->sit || !sc->sit->bi)
        return true;
    size_t a, b;
    sent_window(sc, off, &a, &b);
    UErrorCode uc = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, (const char *)sc->s + a, (int64_t)(b - a), &uc);
    ubrk_setUText(sc->sit->bi, &ut, &uc);
    bool r = U_FAILURE(uc) ||
             ubrk_isBoundary(sc->sit->bi, (int32_t)(off - a)) != 0;
    utext_close(&ut);
    return r;
}

/*
 * A boundary of the sentence rules at @p off, after a full stop that may
 * end an abbreviation.  ICU's answer is the rules' boundary (which
 * sentence_cut() takes without asking everywhere else) unless its
 * exception filter suppresses it: icu_exception() replays the filter on
 * the window icu_boundary() would give ICU, which spares ICU running its
 * rules over the whole window again (some 25,000 instructions a call).
 */
static bool
abbreviation_boundary(const mtl_scan *sc, size_t off)
{
    if (!sc->sit->own_filter)
        return icu_boundary(sc, off);
    size_t a, b;
    sent_window(sc, off, &a, &b);
    int r = icu_exception(sc->sit, sc->s + a, b - a, off - a);
    return r < 0 ? icu_boundary(sc, off) : r == 0;
}

/*
 * True if the text ending with the terminal token may end with one of
 * the locale's abbreviations ("Mr."): then ICU decides.
 *
 * Here the tokenizer departs from ICU on purpose: the abbreviation must
 * start a word.  ICU 72's exception filter reads the text backwards from
 * the full stop and takes any key that ends there, wherever it starts, so
 * a list with one-letter entries ("r." and "m." in German, "r." and "y."
 * in Spanish, "r." and "l." in Portuguese...) joins every sentence that
 * ends with a word ending in that letter to the next one: "Er war Lehrer.
 * Die Schule ..." was one sentence to ICU, and so was "FBI. Die" (the
 * English-style "I." of German's list).  A key preceded by a letter, a
 * mark or a digit is the end of a longer word, not an abbreviation, and
 * the full stop ends the sentence (SB11), unless a shorter key starts
 * a word ("G." of "zE.G.": initials).
 */
static bool
maybe_abbreviation(const mtl_scan *sc)
{
    const mtl_sent_iter *it = sc->sit;
    if (!it || !it->abbr.n || sc->s[sc->term_start] != '.' ||
        sc->term_end != sc->term_start + 1)
        return false;
    /* most words before a full stop end with no key's last two bytes
     * before its '.': key_before() walks every key length */
    size_t p = sc->term_end;
    if (p >= 3) {
        unsigned pair = (unsigned)sc->s[p - 3] << 8 | sc->s[p - 2];
        if (!((it->abbr_tail[pair >> 6] >> (pair & 63)) & 1))
            return false;
    }
    uint64_t lens = it->abbr.lens;
    const mtl_abbr *k;
    while ((k = key_before_of(&it->abbr, it->blob, sc->s, p, lens))) {
        int32_t q = (int32_t)(p - k->len);
        if (q == 0)
            return true;
        UChar32 cp;
        U8_PREV(sc->s, 0, q, cp);
        int c = sb_class(cp);
        if (c != U_SB_LOWER && c != U_SB_UPPER && c != U_SB_OLETTER &&
            c != U_SB_NUMERIC && c != U_SB_EXTEND)
            return true;
        /* a shorter key may start after a full stop inside this one
         * ("G." of "zE.G.") */
        lens &= ((uint64_t)1 << k->len) - 1;
    }
    return false;
}

/*
 * UAX #29 at token [start, end), first Sentence_Break class @p sb, after a
 * run "terminal closer*" and white space (none if @p glued).  True if a
 * sentence starts here.
 */
static bool
after_terminal(const mtl_scan *sc, size_t start, int sb, bool glued)
{
    if (sb == U_SB_SCONTINUE || sb == U_SB_STERM || sb == U_SB_ATERM)
        return false; /* SB8a */
    if (glued && sb == U_SB_CLOSE)
        return false; /* SB9 */
    if (sb == U_SB_EXTEND || sb == U_SB_FORMAT)
        return icu_boundary(sc, start); /* SB5: let ICU look */
    if (sc->term == U_SB_STERM)
        return true; /* SB11; abbreviations end with a full stop */

    /* ATerm */
    if (glued && !sc->term_closed) {
        if (sb == U_SB_NUMERIC)
            return false; /* SB6 */
        if (sb == U_SB_UPPER) { /* SB7: (Upper | Lower) ATerm x Upper */
            if (sc->term_start == 0)
                return true;
            int32_t i = (int32_t)sc->term_start;
            UChar32 cp;
            U8_PREV(sc->s, 0, i, cp);
            int pb = sb_class(cp);
            if (pb == U_SB_UPPER || pb == U_SB_LOWER)
                return false;
            if (pb == U_SB_EXTEND || pb == U_SB_FORMAT)
                return icu_boundary(sc, start);
        }
    }
    /* SB8: ATerm Close* Sp* x (not OLetter, Upper, Lower, ParaSep,
     * SATerm)* Lower.  The scan stops at any terminal, so a stretch of
     * text is scanned for one terminal at most. */
    size_t i = start;
    while (i < sc->len) {
        UChar32 cp;
        U8_NEXT(sc->s, i, sc->len, cp);
        int c = sb_class(cp);
        if (c == U_SB_LOWER)
            return false;
        if (sb8_stops(c))
            break;
    }
    /* SB11, unless the locale lists the word as an abbreviation */
    return maybe_abbreviation(sc) ? abbreviation_boundary(sc, start) : true;
}

/*
 * True if a sentence starts at token [start, end) with @p flags and
 * @p kind.  Keeps the terminal run up to date.
 */
static bool
sentence_cut(mtl_scan *sc, size_t start, size_t end, unsigned flags,
             uint8_t kind)
{
    bool mark = kind == MTL_TOK_PUNCT || kind == MTL_TOK_OTHER;
    /* most tokens: a word within a line, no terminal before it */
    if (!sc->term && !sc->para_sep && !(flags & MTL_TF_LINE_START) && !mark)
        return false;
    bool cut = sc->para_sep || (flags & MTL_TF_LINE_START);
    bool glued = !(flags & MTL_TF_SPACE_BEFORE) && !sc->term_spaced;
    int sb = -1;
    sc->para_sep = false;
    if (sc->term && !cut) {
        sb = first_sb_class(sc, start, end);
        cut = sc->sit ? after_terminal(sc, start, sb, glued) : false;
    }
    if (mark) {
        if (sb < 0)
            sb = first_sb_class(sc, start, end);
        if (sb == U_SB_STERM || sb == U_SB_ATERM) {
            sc->term = sb;
            sc->term_closed = false;
            sc->term_spaced = false;
            sc->term_start = start;
            sc->term_end = end;
        } else if (sc->term && glued && !cut && sb == U_SB_CLOSE) {
            sc->term_closed = true;
        } else if (sc->term && !cut &&
                   (sb == U_SB_EXTEND || sb == U_SB_FORMAT)) {
            /* SB5: transparent (U+200B, a lone combining mark, which
             * ICU joins to the space before it) */
            sc->term_spaced = !glued;
        } else {
            sc->term = 0;
        }
    } else {
        sc->term = 0;
    }
    return cut;
}

/* Ends the current line; the next one starts at byte @p next.  Its
 * tokens are those emitted since it started: the line ends with the last
 * of them, and a line without any keeps its start as its end. */
static void
end_line(mtl_scan *sc, size_t next)
{
    mtl_tokenizer *tk = sc->tk;
    if (sc->nlines == tk->cap_lines &&
        grow((void **)&tk->lines, &tk->cap_lines, sc->nlines + 1,
             sizeof *tk->lines) != MTL_OK) {
        sc->status = MTL_ENOMEM;
        return;
    }
    mtl_span *line = &tk->lines[sc->nlines++];
    *line = sc->cur_line;
    line->tok_count = (uint32_t)sc->ntoks - line->tok_first;
    if (line->tok_count > 0) {
        const mtl_token *last = &tk->toks[sc->ntoks - 1];
        line->end = last->start + last->len;
    } else if (sc->para_open) {
        sc->para_break = true;
    }
    sc->line++;
    sc->col = 1;
    sc->cur_line.start = sc->cur_line.end = (uint32_t)next;
    sc->cur_line.tok_first = (uint32_t)sc->ntoks;
    sc->pending = true;
}

/* A line-break byte at @p i ('\n' or '\r'). */
static inline void
line_break(mtl_scan *sc, size_t i)
{
    sc->gap |= MTL_TF_SPACE_BEFORE | MTL_TF_NEWLINE_BEFORE;
    if (sc->s[i] == '\n' && i > 0 && sc->s[i - 1] == '\r') {
        /* second half of a CRLF: the line ended at the '\r' */
        sc->cur_line.start = sc->cur_line.end = (uint32_t)(i + 1);
        return;
    }
    end_line(sc, i + 1);
}

/* Script group for MTL_TF_MIXED_SCRIPT: the scripts written together in
 * Chinese, Japanese and Korean count as one. */
static inline int32_t
script_group(int32_t sc)
{
    switch (sc) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
        return USCRIPT_HAN;
    default:
        return sc;
    }
}

/* Shape of the token being read. */
typedef struct mtl_shape {
    unsigned flags;
    int nupper, nlower;
    bool first_cased_upper; /* meaningful once nupper + nlower > 0 */
    bool seen_letter;
    bool first_punct;       /* first character: punctuation or symbol */
    int32_t first_script;   /* script of the first letter, -1 none */
    int32_t ref_script;     /* first letter script not Common/Inherited */
    int32_t ref_group;
} mtl_shape;

static inline void
shape_letter(mtl_shape *sh, int32_t script, int cased /* 1 up, -1 low */)
{
    sh->flags |= MTL_TF_LETTER;
    if (!sh->seen_letter) {
        sh->seen_letter = true;
        sh->first_script = script;
        if (cased > 0)
            sh->flags |= MTL_TF_UPPER_START;
    }
    if (cased) {
        if (sh->nupper + sh->nlower == 0)
            sh->first_cased_upper = cased > 0;
        if (cased > 0)
            sh->nupper++;
        else
            sh->nlower++;
    }
    if (script > USCRIPT_INHERITED && script != USCRIPT_UNKNOWN) {
        if (sh->ref_script < 0) {
            sh->ref_script = script;
            sh->ref_group = script_group(script);
        } else if (script != sh->ref_script &&
                   script_group(script) != sh->ref_group) {
            sh->flags |= MTL_TF_MIXED_SCRIPT;
        }
    }
}

/* MTL_CASE_* of a token with @p nupper upper-case (or title-case) and
 * @p nlower lower-case letters, the first of which is upper-case if
 * @p first_upper. */
static inline uint8_t
casing_of(int nupper, int nlower, bool first_upper)
{
    if (nupper + nlower == 0)
        return MTL_CASE_NONE;
    if (nupper == 0)
        return MTL_CASE_LOWER;
    if (nlower == 0)
        return nupper >= 2 ? MTL_CASE_UPPER : MTL_CASE_TITLE;
    if (first_upper && nupper == 1)
        return MTL_CASE_TITLE;
    return MTL_CASE_MIXED;
}

/* What emit() records of a token besides where it is. */
typedef struct mtl_tokinfo {
    unsigned flags;   /* MTL_TF_* of its characters */
    uint32_t nchars;  /* at most 0xffff: mtl_token's saturates */
    uint16_t script;
    uint8_t casing;
    bool first_punct; /* first character: punctuation or symbol */
} mtl_tokinfo;

/*
 * The spans a token opens, for emit(): with @p flags and @p kind, it is
 * the first of its line (it opens a paragraph after a blank line) or
 * may start a sentence.  Returns @p flags with the *_START flags it
 * gets; sets sc->status on failure.  Out of line: most tokens open
 * nothing.
 */
__attribute__((noinline)) static unsigned
open_spans(mtl_scan *sc, size_t start, size_t end, unsigned flags,
           uint8_t kind)
{
    mtl_tokenizer *tk = sc->tk;
    /* line and paragraph: the first token since the line started */
    if (sc->ntoks == sc->cur_line.tok_first) {
        flags |= MTL_TF_LINE_START;
        sc->cur_line.start = (uint32_t)start;
        if (!sc->para_open || sc->para_break) {
            if (sc->nparas == tk->cap_paras &&
                grow((void **)&tk->paras, &tk->cap_paras, sc->nparas + 1,
                     sizeof *tk->paras) != MTL_OK) {
                sc->status = MTL_ENOMEM;
                return flags;
            }
            mtl_span *p = &tk->paras[sc->nparas++];
            p->start = (uint32_t)start;
            p->tok_first = (uint32_t)sc->ntoks;
            flags |= MTL_TF_PARA_START;
            sc->para_open = true;
            sc->para_break = false;
        }
    }

    /* sentence: every line start, and ICU's boundaries within a line */
    bool cut = sentence_cut(sc, start, end, flags, kind);
    /* the line has started; a terminal run may go on */
    sc->pending = sc->term != 0 || sc->para_sep;
    if (cut) {
        if (sc->nsents == tk->cap_sents &&
            grow((void **)&tk->sents, &tk->cap_sents, sc->nsents + 1,
                 sizeof *tk->sents) != MTL_OK) {
            sc->status = MTL_ENOMEM;
            return flags;
        }
        mtl_span *s = &tk->sents[sc->nsents++];
        s->start = (uint32_t)start;
        s->tok_first = (uint32_t)sc->ntoks;
        flags |= MTL_TF_SENT_START;
    }
    return flags;
}

/* Appends token [start, end), of a word segment with rule status
 * @p status, and updates lines, paragraphs, sentences.  A paragraph's or
 * sentence's end and token count are set when the text is read
 * (close_spans()), a line's when it ends (end_line()).  Inline: it runs
 * once a token, and the common case (a word within a line and sentence)
 * is short: open_spans() does the rest. */
__attribute__((always_inline)) static inline void
emit(mtl_scan *sc, size_t start, size_t end, uint32_t col,
     const mtl_tokinfo *ti, int32_t status)
{
    mtl_tokenizer *tk = sc->tk;
    if (sc->ntoks == tk->cap_toks &&
        grow((void **)&tk->toks, &tk->cap_toks, sc->ntoks + 1,
             sizeof *tk->toks) != MTL_OK) {
        sc->status = MTL_ENOMEM;
        return;
    }
    unsigned flags = ti->flags | sc->gap;
    sc->gap = 0;
    if (flags & MTL_TF_MIXED_SCRIPT)
        sc->mixed_script = true;

    uint8_t kind;
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT)
        kind = MTL_TOK_WORD;
    else if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
        kind = (flags & MTL_TF_LETTER) ? MTL_TOK_WORD : MTL_TOK_NUMBER;
    else if (status >= UBRK_WORD_KANA && status < UBRK_WORD_KANA_LIMIT)
        kind = MTL_TOK_KANA;
    else if (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT)
        kind = MTL_TOK_IDEO;
    else
        kind = ti->first_punct ? MTL_TOK_PUNCT : MTL_TOK_OTHER;
    bool mark = kind == MTL_TOK_PUNCT || kind == MTL_TOK_OTHER;
    if (!mark)
        sc->words++;
    if (!mark && kind != MTL_TOK_NUMBER && ti->script > USCRIPT_INHERITED &&
        ti->script != USCRIPT_LATIN)
        sc->other_script = true;

    /* what sentence_cut() passes over without a look: a word or a mark
     * other than a terminal ('.', '!', '?'; ASCII marks, the commonest,
     * are told from their byte) within a line, no terminal or paragraph
     * separator before it (sc->pending) */
    if (sc->pending ||
        (mark && (sc->s[start] >= 0x80 ||
                  ascii_sb[sc->s[start]] == U_SB_STERM ||
                  ascii_sb[sc->s[start]] == U_SB_ATERM))) {
        flags = open_spans(sc, start, end, flags, kind);
        if (sc->status != MTL_OK)
            return;
    }

    mtl_token *t = &tk->toks[sc->ntoks++];
    t->start = (uint32_t)start;
    t->len = (uint32_t)(end - start);
    t->line = sc->line;
    t->col = col;
    t->sent = (uint32_t)(sc->nsents - 1);
    t->para = (uint32_t)(sc->nparas - 1);
    t->flags = (uint16_t)flags;
    t->script = ti->script;
    t->nchars = (uint16_t)ti->nchars;
    t->kind = kind;
    t->casing = ti->casing;
}

/* Sets the end and token count of the spans @p v[0 .. n) that emit()
 * opened: each holds the tokens up to the next one's first (the last
 * span, up to the last of the @p ntoks tokens) and ends with the last of
 * them. */
static void
close_spans(mtl_span *v, size_t n, const mtl_token *toks, size_t ntoks)
{
    for (size_t k = 0; k < n; k++) {
        size_t next = k + 1 < n ? v[k + 1].tok_first : ntoks;
        const mtl_token *last = &toks[next - 1];
        v[k].tok_count = (uint32_t)(next - v[k].tok_first);
        v[k].end = last->start + last->len;
    }
}

/*
 * Reads the characters of a token from byte @p i (not white space) to
 * @p b or the first line break, whichever comes first, into @p ti; its
 * columns are counted from sc->col, which is left after its last
 * character.  Returns where the token ends, without its trailing white
 * space.
 */
static size_t
read_token(mtl_scan *sc, size_t i, size_t b, mtl_tokinfo *ti)
{
    const uint8_t *s = sc->s;
    size_t start = i, end = i;
    uint32_t col = sc->col, col_end = col;
    uint32_t nch = 0, nch_end = 0;
    mtl_shape sh = {
        .flags = MTL_TF_ASCII,
        .first_script = -1,
        .ref_script = -1,
        .ref_group = -1,
    };

    while (i < b) {
        uint8_t c = s[i];
        size_t j;
        if (c < 0x80) {
            unsigned k = ascii_class[c];
            if (k & C_WS) {
                if (k & C_NL)
                    break;
                i++;
                col++;
                nch++;
                continue;
            }
            if (i == start)
                sh.first_punct = (k & C_PUNCT) != 0;
            j = i + 1;
            if (k & (C_UP | C_LO)) {
                shape_letter(&sh, USCRIPT_LATIN, (k & C_UP) ? 1 : -1);
                if (sh.ref_script == USCRIPT_LATIN && sh.nupper + sh.nlower) {
                    /* the lower-case letters that follow only count */
                    size_t r = j;
                    while (r < b && s[r] < 0x80 && ascii_class[s[r]] == C_LO)
                        r++;
                    sh.nlower += (int)(r - j);
                    col += (uint32_t)(r - j);
                    nch += (uint32_t)(r - j);
                    j = r;
                }
            } else if (k & C_DIG) {
                sh.flags |= MTL_TF_DIGIT;
            }
            col++;
            nch++;
        } else {
            UChar32 cp;
            j = i;
            U8_NEXT(s, j, b, cp);
            sh.flags &= ~(unsigned)MTL_TF_ASCII;
            if (cp < 0) {
                /* one column per invalid byte */
                sh.flags |= MTL_TF_INVALID;
                col += (uint32_t)(j - i);
                nch += (uint32_t)(j - i);
            } else {
                const mtl_cprop *cpr = cp < MTL_WB_LOW ? &cprop[cp] : NULL;
                uint32_t mask = U_MASK(cpr ? cpr->type : u_charType(cp));
                if ((mask & (U_GC_ZS_MASK | U_GC_ZL_MASK | U_GC_ZP_MASK |
                             U_GC_CC_MASK)) &&
                    (cpr ? cpr->white : u_isUWhiteSpace(cp))) {
                    i = j;
                    col++;
                    nch++;
                    continue;
                }
                if (i == start)
                    sh.first_punct =
                        (mask & (U_GC_P_MASK | U_GC_S_MASK)) && cp != 0xfffd;
                if (mask & U_GC_L_MASK) {
                    UErrorCode uc = U_ZERO_ERROR;
                    int32_t script =
                        cpr && cpr->script != CPROP_ASK
                            ? cpr->script
                            : (int32_t)uscript_getScript(cp, &uc);
                    int cased = (mask & (U_GC_LU_MASK | U_GC_LT_MASK)) ? 1
                                : (mask & U_GC_LL_MASK)                ? -1
                                                                       : 0;
                    shape_letter(&sh, script, cased);
                } else if (mask & U_GC_ND_MASK) {
                    sh.flags |= MTL_TF_DIGIT;
                }
                col++;
                nch++;
            }
        }
        i = j;
        end = j;
        col_end = col;
        nch_end = nch;
    }
    sc->col = col_end;
    /* ASCII, every character up to the end a letter */
    if ((sh.flags & MTL_TF_ASCII) && nch_end > 0 &&
        (uint32_t)(sh.nupper + sh.nlower) == nch_end)
        sh.flags |= MTL_TF_ALPHA;
    ti->flags = sh.flags;
    ti->nchars = nch_end > 0xffff ? 0xffff : nch_end;
    ti->script = (uint16_t)(sh.ref_script >= 0     ? sh.ref_script
                            : sh.first_script >= 0 ? sh.first_script
                                                   : 0);
    ti->casing = casing_of(sh.nupper, sh.nlower, sh.first_cased_upper);
    ti->first_punct = sh.first_punct;
    return end;
}

/* Emits the ASCII token [i, b) without white space, whose bytes'
 * ascii_count[] sum to @p cnt, of a segment with rule status @p status:
 * its shape is what read_token() would make of it (one column a byte,
 * every letter Latin and cased).  Inline, as emit(): the commonest
 * token of scan_token() (fast_segments() shapes its own from
 * fast_shape[], made from the same rules). */
__attribute__((always_inline)) static inline void
emit_ascii(mtl_scan *sc, size_t i, size_t b, uint64_t cnt, int32_t status)
{
    const uint8_t *s = sc->s;
    uint32_t col = sc->col;
    mtl_tokinfo ti;
    int nupper = (int)(cnt & CNT_FIELD(CNT_UP));
    int nlower = (int)((cnt & CNT_FIELD(CNT_LO)) / CNT_LO);
    ti.flags = MTL_TF_ASCII;
    ti.nchars = (uint32_t)(b - i); /* at most CNT_MAX */
    ti.script = 0;
    ti.casing = MTL_CASE_NONE;
    ti.first_punct = (ascii_class[s[i]] & C_PUNCT) != 0;
    if (cnt & CNT_FIELD(CNT_DIG))
        ti.flags |= MTL_TF_DIGIT;
    if (nupper + nlower > 0) {
        size_t f = i; /* the first letter */
        while (!(ascii_class[s[f]] & (C_UP | C_LO)))
            f++;
        bool first_upper = (ascii_class[s[f]] & C_UP) != 0;
        ti.flags |= MTL_TF_LETTER;
        if (first_upper)
            ti.flags |= MTL_TF_UPPER_START;
        if ((size_t)(nupper + nlower) == b - i)
            ti.flags |= MTL_TF_ALPHA;
        ti.script = USCRIPT_LATIN;
        ti.casing = casing_of(nupper, nlower, first_upper);
    }
    sc->col = col + ti.nchars;
    emit(sc, i, b, col, &ti, status);
}

/*
 * Reads a token from byte @p i (not white space) to the segment's end @p b
 * or the first line break, whichever comes first, and emits it without
 * its trailing white space; @p status is the segment's rule status.
 * Returns where the token ends; the caller reads the rest as gap.
 */
static size_t
scan_token(mtl_scan *sc, size_t i, size_t b, int32_t status)
{
    const uint8_t *s = sc->s;
    uint32_t col = sc->col;
    mtl_tokinfo ti;
    size_t end;

    /* Most tokens of European text are ASCII without white space up to
     * the segment's end: one pass sums their bytes' counts, and their
     * shape comes out as read_token() would make it (one column a byte,
     * every letter Latin and cased; emit_ascii()). */
    uint64_t cnt = CNT_STOP;
    if (b - i <= CNT_MAX) {
        /* two bytes a step, in two sums: about half the instructions
         * of a byte a step for the same total */
        uint64_t c0 = 0, c1 = 0;
        const uint8_t *p = s + i, *e = s + b;
        for (; e - p >= 2; p += 2) {
            c0 += ascii_count[p[0]];
            c1 += ascii_count[p[1]];
        }
        if (p < e)
            c0 += ascii_count[*p];
        cnt = c0 + c1;
    }
    if (!(cnt & CNT_FIELD(CNT_STOP))) {
        emit_ascii(sc, i, b, cnt, status);
        return b;
    }
    end = read_token(sc, i, b, &ti);
    emit(sc, i, end, col, &ti, status);
    return end;
}

/*
 * The shape of an ASCII token of fast_segments(), as the bits of an index
 * into fast_shape[]: what emit_ascii() and emit() make of its counts, its
 * first byte and its segment's rule status.
 */
enum {
    FS_UP = 1,        /* an upper-case letter */
    FS_UP2 = 2,       /* two or more */
    FS_LO = 4,        /* a lower-case letter */
    FS_FIRST_UP = 8,  /* the first letter is upper-case (only looked at
                         with FS_UP and FS_LO: it follows from them
                         otherwise) */
    FS_DIG = 16,      /* a digit */
    FS_PUNCT = 32,    /* the first byte is punctuation (C_PUNCT) */
    FS_NUMBER = 64,   /* rule status UBRK_WORD_NUMBER */
    FS_LETTER = 128,  /* UBRK_WORD_LETTER; neither: UBRK_WORD_NONE */
    FS_ALPHA = 256,   /* letters only (MTL_TF_ALPHA) */
    FS_N = 512
};

/* A token's last 8 bytes (flags, script, nchars, kind, casing) as one
 * word, and its first 24 as three (put_token()). */
#define TOK_W3(flags, script, nchars, kind, casing)                         \
    ((uint64_t)(flags) | (uint64_t)(script) << 16 |                         \
     (uint64_t)(nchars) << 32 | (uint64_t)(kind) << 48 |                    \
     (uint64_t)(casing) << 56)
#define TOK_W3_KIND(w) ((unsigned)((w) >> 48) & 0xFF)

/* The last word of fast_shape[k]'s token, nchars 0 and no gap or *_START
 * flag: made once per process (fast_shape_init()). */
static uint64_t fast_shape[FS_N];

static void
fast_shape_init(void)
{
    for (unsigned k = 0; k < FS_N; k++) {
        int nupper = (k & FS_UP2) ? 2 : (k & FS_UP) ? 1 : 0;
        int nlower = (k & FS_LO) ? 1 : 0;
        bool first_upper = nupper && nlower ? (k & FS_FIRST_UP) != 0
                                            : nupper > 0;
        unsigned flags = MTL_TF_ASCII;
        uint16_t script = 0;
        uint8_t casing = MTL_CASE_NONE;
        if (k & FS_DIG)
            flags |= MTL_TF_DIGIT;
        if (nupper + nlower > 0) {
            flags |= MTL_TF_LETTER;
            if (first_upper)
                flags |= MTL_TF_UPPER_START;
            if (k & FS_ALPHA)
                flags |= MTL_TF_ALPHA;
            script = USCRIPT_LATIN;
            casing = casing_of(nupper, nlower, first_upper);
        }
        /* emit()'s kind */
        uint8_t kind;
        if (k & FS_LETTER)
            kind = MTL_TOK_WORD;
        else if (k & FS_NUMBER)
            kind = (flags & MTL_TF_LETTER) ? MTL_TOK_WORD : MTL_TOK_NUMBER;
        else
            kind = (k & FS_PUNCT) ? MTL_TOK_PUNCT : MTL_TOK_OTHER;
        fast_shape[k] = TOK_W3(flags, script, 0, kind, casing);
    }
}

_Static_assert(sizeof(mtl_token) == 32 &&
                   offsetof(mtl_token, line) == 8 &&
                   offsetof(mtl_token, sent) == 16 &&
                   offsetof(mtl_token, flags) == 24 &&
                   offsetof(mtl_token, script) == 26 &&
                   offsetof(mtl_token, nchars) == 28 &&
                   offsetof(mtl_token, kind) == 30 &&
                   offsetof(mtl_token, casing) == 31,
               "put_token() knows mtl_token's layout");

/* Stores token @p t from four words: start | len << 32, line | col << 32,
 * sent | para << 32 and TOK_W3(); four stores where there are twelve
 * fields. */
static inline void
put_token(mtl_token *t, uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    char *p = (char *)t;
    memcpy(p, &w0, 8);
    memcpy(p + 8, &w1, 8);
    memcpy(p + 16, &w2, 8);
    memcpy(p + 24, &w3, 8);
#else
    t->start = (uint32_t)w0;
    t->len = (uint32_t)(w0 >> 32);
    t->line = (uint32_t)w1;
    t->col = (uint32_t)(w1 >> 32);
    t->sent = (uint32_t)w2;
    t->para = (uint32_t)(w2 >> 32);
    t->flags = (uint16_t)w3;
    t->script = (uint16_t)(w3 >> 16);
    t->nchars = (uint16_t)(w3 >> 32);
    t->kind = (uint8_t)(w3 >> 48);
    t->casing = (uint8_t)(w3 >> 56);
#endif
}

/* The sent and para fields of the next token, as put_token()'s third
 * word. */
static inline uint64_t
span_word(const mtl_scan *sc)
{
    return (uint64_t)(uint32_t)(sc->nsents - 1) |
           (uint64_t)(uint32_t)(sc->nparas - 1) << 32;
}


/* The FS_* bits of the @p n ASCII word bytes from @p a whose
 * ascii_count[] values sum to @p sum: capitals (one, more), lower case,
 * digits, letters only, and whether the first letter is a capital when
 * both cases occur. */
static inline unsigned
count_bits(const uint8_t *s, size_t a, size_t n, uint64_t sum)
{
    unsigned nup = (unsigned)(sum & CNT_FIELD(CNT_UP));
    unsigned nlo = (unsigned)((sum & CNT_FIELD(CNT_LO)) / CNT_LO);
    unsigned bits = (nup != 0) * FS_UP | (nup > 1) * FS_UP2 |
                    (nlo != 0) * FS_LO |
                    ((sum & CNT_FIELD(CNT_DIG)) != 0) * FS_DIG |
                    (nup + nlo == n) * FS_ALPHA;
    if (nup && nlo) {
        size_t f = a; /* the first letter */
        while (!(ascii_class[s[f]] & (C_UP | C_LO)))
            f++;
        if (ascii_class[s[f]] & C_UP)
            bits |= FS_FIRST_UP;
    }
    return bits;
}

/*
 * The commonest segments after a lone space, found and shaped in one
 * pass: a word of ASCII letters, digits and '_', or an ASCII punctuation
 * character alone (WB999), followed by the text's end or an ASCII
 * character that neither is left to ICU (WB4) nor joins the word to the
 * character after it (WB6/7, WB11/12: "3.5", "U.S").  Segment and token
 * are then one: no white space, no line break.
 *
 * ascii_run() finds the run of ASCII word bytes from @p a, one table
 * look-up a byte: its end goes to *r and the FS_* bits of its letters and
 * digits to *k; false for a run too long for the counts.  @p guard is one
 * past the text's last byte that is no ASCII word byte (0 if none, see
 * run_guard()): a run that starts before it ends by it, without a look
 * at @p n.  (fast_segments() reads 16 bytes at once where it can.)
 */
static inline bool
ascii_run(const uint8_t *s, size_t n, size_t guard, size_t a, size_t *r,
          unsigned *k)
{
    const uint64_t *t = wbt.word_count;
    uint64_t sum = 0;
    size_t i = a;
    if (a < guard) {
        for (;; i++) {
            uint64_t v = t[s[i]];
            if (v & CNT_FIELD(CNT_STOP))
                break;
            sum += v;
        }
    } else {
        for (; i < n; i++) {
            uint64_t v = t[s[i]];
            if (v & CNT_FIELD(CNT_STOP))
                break;
            sum += v;
        }
    }
    if (i - a > CNT_MAX)
        return false;
    *r = i;
    *k = count_bits(s, a, i - a, sum);
    return true;
}

/*
 * The segment at @p a whose run of ASCII word bytes ends at @p r, with
 * the FS_* bits @p k of its letters and digits: returns its end and sets
 * *shape to @p k with the rule status fast_word() would give (and
 * FS_PUNCT), or returns 0 when fast_word() must decide.  @p f is
 * wbt.after[] of the byte at r, 0 at the text's end (the caller knows
 * where r may be n).
 */
static inline size_t
ascii_segment(const uint8_t *s, size_t n, size_t a, size_t r, unsigned k,
              unsigned f, unsigned *shape)
{
    if (r == a) {
        int c = wbt.byte[s[a]]; /* WB_BAIL beyond ASCII */
        if (!(c == WB_OTHER || c == WB_ML || c == WB_MN || c == WB_MNL) ||
            !(ascii_class[s[a]] & C_PUNCT) ||
            (a + 1 < n && wbt.byte[s[a + 1]] == WB_BAIL))
            return 0;
        /* status NONE; no letter, digit (ascii_count[] of punctuation) */
        *shape = FS_PUNCT;
        return a + 1;
    }
    int last = wbt.byte[s[r - 1]];
    /* most words end before a space: one look-up tells */
    if (f) {
        if (f & AFTER_BAIL)
            return 0;
        if (((last == WB_AL && (f & AFTER_AL)) ||
             (last == WB_NU && (f & AFTER_NU))) &&
            r + 1 < n) {
            /* "end." : the character after the mid one decides */
            int e = wbt.byte[s[r + 1]];
            if (e == WB_BAIL || e == last)
                return 0;
        }
    }
    if (last == WB_AL) {
        k |= FS_LETTER;
    } else {
        /* the character before the last counts after a '_' only */
        int before =
            last == WB_ENL && r - a >= 2 ? wbt.byte[s[r - 2]] : WB_BAIL;
        int32_t st = word_status(last, before);
        k |= st == UBRK_WORD_LETTER   ? FS_LETTER
             : st == UBRK_WORD_NUMBER ? FS_NUMBER
             : (ascii_class[s[a]] & C_PUNCT) ? FS_PUNCT
                                             : 0;
    }
    *shape = k;
    return r;
}

/* The two- or three-byte character at s[*i] (lead byte @p c: a latin_shape
 * word holds no longer ones), its properties; steps *i past it and counts
 * its continuation bytes into *cont. */
static inline const mtl_cprop *
latin_next(const uint8_t *s, size_t *i, size_t *cont, uint8_t c, UChar32 *cp)
{
    if (c < 0xE0) {
        *cp = (UChar32)(((c & 0x1Fu) << 6) | (s[*i + 1] & 0x3Fu));
        *i += 2;
        *cont += 1;
        return &cprop[*cp];
    }
    unsigned x = ((s[*i + 1] & 0x03u) << 6) | (s[*i + 2] & 0x3Fu);
    *cp = (UChar32)(MTL_WB_PUNCT + x);
    *i += 3;
    *cont += 2;
    return &cprop_punct[x];
}

/* The two- or three-byte character at s[*i] through latin_next(): a
 * letter sets its script and case (1 upper or title, -1 lower, 0 none)
 * and returns true; a digit marks @p sh and returns false, as does a mid
 * character (white space is in no word). */
static inline bool
latin_letter(const uint8_t *s, size_t *i, size_t *cont, uint8_t c,
             mtl_shape *sh, int32_t *script, int *cased)
{
    UChar32 cp;
    const mtl_cprop *cpr = latin_next(s, i, cont, c, &cp);
    uint32_t mask = U_MASK(cpr->type);
    if (!(mask & U_GC_L_MASK)) {
        if (mask & U_GC_ND_MASK)
            sh->flags |= MTL_TF_DIGIT;
        return false;
    }
    if (cpr->script != CPROP_ASK) {
        *script = cpr->script;
    } else {
        UErrorCode uc = U_ZERO_ERROR;
        *script = (int32_t)uscript_getScript(cp, &uc);
    }
    *cased = (mask & (U_GC_LU_MASK | U_GC_LT_MASK)) ? 1
             : (mask & U_GC_LL_MASK)                ? -1
                                                    : 0;
    return true;
}

/*
 * The shape read_token() gives the word [i, e) of fast_latin_word() into
 * @p ti: it has no white space, no line break and no invalid byte, only
 * characters of the tables (ASCII, U+0080..U+07FF, U+2000..U+20FF) and
 * one beyond ASCII at least, and it ends with a letter, so that each
 * character is one column and the token ends at @p e.  Returns its
 * characters (ti->nchars saturates).  read_token()'s decoding and white
 * space tests are spared.
 */
static inline uint32_t
latin_shape(const uint8_t *s, size_t i, size_t e, mtl_tokinfo *ti)
{
    mtl_shape sh = {
        .flags = 0, /* not ASCII */
        .first_script = -1,
        .ref_script = -1,
        .ref_group = -1,
    };
    size_t start = i, cont = 0; /* continuation bytes */
    /* ascii_count[] of the letters read once the word is Latin and
     * cased (below) */
    uint64_t cnt = 0;
    /* the first character: ASCII or a letter (WB_AL) */
    if (s[i] < 0x80) {
        sh.first_punct = (ascii_class[s[i]] & C_PUNCT) != 0;
    } else {
        const mtl_cprop *cpr =
            s[i] < 0xE0
                ? &cprop[((s[i] & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)]
                : &cprop_punct[((s[i + 1] & 0x03u) << 6) |
                               (s[i + 2] & 0x3Fu)];
        sh.first_punct = (U_MASK(cpr->type) & (U_GC_P_MASK | U_GC_S_MASK)) != 0;
    }
    /* every character through shape_letter(), until the word is Latin
     * and cased */
    while (i < e) {
        uint8_t c = s[i];
        int32_t script;
        int cased;
        if (c < 0x80) {
            unsigned k = ascii_class[c];
            i++;
            if (!(k & (C_UP | C_LO))) {
                if (k & C_DIG)
                    sh.flags |= MTL_TF_DIGIT;
                continue;
            }
            script = USCRIPT_LATIN;
            cased = (k & C_UP) ? 1 : -1;
        } else {
            if (!latin_letter(s, &i, &cont, c, &sh, &script, &cased))
                continue; /* a digit, or a mid character */
        }
        shape_letter(&sh, script, cased);
        if (sh.ref_script == USCRIPT_LATIN && sh.nupper + sh.nlower &&
            e - i <= CNT_MAX)
            break;
    }
    /* From a Latin word's first cased letter on, a Latin letter changes
     * the counts only (shape_letter()): they are summed in fields that
     * hold the rest of the word; a letter of another script goes through
     * shape_letter(). */
    while (i < e) {
        uint8_t c = s[i];
        if (c < 0x80) {
            cnt += ascii_count[c];
            i++;
            continue;
        }
        int32_t script;
        int cased;
        if (!latin_letter(s, &i, &cont, c, &sh, &script, &cased))
            continue;
        if (script == USCRIPT_LATIN)
            cnt += cased > 0 ? CNT_UP : cased < 0 ? CNT_LO : 0;
        else
            shape_letter(&sh, script, cased);
    }
    if (cnt & CNT_FIELD(CNT_DIG))
        sh.flags |= MTL_TF_DIGIT;
    int nupper = sh.nupper + (int)(cnt & CNT_FIELD(CNT_UP));
    int nlower = sh.nlower + (int)((cnt & CNT_FIELD(CNT_LO)) / CNT_LO);
    uint32_t nch = (uint32_t)(e - start - cont);
    ti->flags = sh.flags;
    ti->nchars = nch > 0xffff ? 0xffff : nch;
    ti->script = (uint16_t)(sh.ref_script >= 0     ? sh.ref_script
                            : sh.first_script >= 0 ? sh.first_script
                                                   : 0);
    ti->casing = casing_of(nupper, nlower, sh.first_cased_upper);
    ti->first_punct = sh.first_punct;
    return nch;
}

/*
 * For fast_segments(): the word at boundary @p a whose ASCII word bytes run
 * to @p r (maybe none) and on into letters of two bytes ("città",
 * "Müller", "Ελλάδα") or over a mid character ("China’s"): fast_word()'s
 * loop over ASCII word bytes and letters of two bytes (WB_AL), a mid
 * character of the tables joining two of them (WB6/7), up to a character
 * of the tables that ends it or the text's end.  With one character at
 * least beyond ASCII, the last a letter (status UBRK_WORD_LETTER), the
 * token is the one scan_segment() would emit (read_token()'s, from
 * latin_shape(): the segment has no white space; a shape made as the
 * characters are read here cost more); of ASCII only, the last a letter
 * or a digit, emit_ascii()'s.
 * Returns the segment's end, with the token's last word (TOK_W3()) in
 * *w3 and its columns in *cols, or @p a when the word is of another
 * shape (next_word() reads it).
 */
static inline size_t
latin_token(const uint8_t *s, size_t n, size_t a, size_t r, uint64_t *w3,
            uint32_t *cols)
{
    size_t i = r, w, w2;
    bool two = false; /* a character beyond ASCII seen */
    int last = r > a ? wbt.byte[s[r - 1]] : WB_BAIL;
    while (i < n) {
        uint8_t c = s[i];
        int d;
        if (c < 0x80) {
            if (!(wbt.word_count[c] & CNT_FIELD(CNT_STOP))) {
                last = wbt.byte[c];
                i++;
                continue;
            }
            d = wbt.byte[c];
            w = 1;
        } else {
            d = wb_at(s, i, n, &w);
            if (d == WB_AL) {
                last = WB_AL;
                two = true;
                i += w;
                continue;
            }
        }
        /* the character after the word, as fast_word() reads it */
        if (d == WB_BAIL || wb_word(d))
            return a; /* ICU's, or Numeric or ExtendNumLet beyond ASCII */
        if (!wb_joins(last, d) || i + w >= n)
            break;
        int e = wb_at(s, i + w, n, &w2);
        if (e == WB_BAIL)
            return a;
        if (e != last)
            break;
        two |= c >= 0x80 || s[i + w] >= 0x80;
        i += w + w2;
    }
    if (!two) {
        /* ASCII only: a word that ascii_segment() left because of what
         * comes after it ("China's", "U.S.", "10,000", "word»",
         * "word.”"), the token emit_ascii() makes of it with fast_word()'s
         * status (a '_' last takes the class before it: left to it), its
         * shape from fast_shape[] as ascii_run() makes its index */
        if ((last != WB_AL && last != WB_NU) || i - a > CNT_MAX)
            return a;
        uint64_t sum = 0;
        for (size_t j = a; j < i; j++)
            sum += ascii_count[s[j]];
        unsigned k = count_bits(s, a, i - a, sum) |
                     (last == WB_AL ? FS_LETTER : FS_NUMBER);
        *w3 = fast_shape[k] | (uint64_t)(i - a) << 32;
        *cols = (uint32_t)(i - a);
        return i;
    }
    if (last != WB_AL)
        return a;
    mtl_tokinfo ti;
    *cols = latin_shape(s, a, i, &ti);
    *w3 = TOK_W3(ti.flags, ti.script, ti.nchars, MTL_TOK_WORD, ti.casing);
    return i;
}

/* latin_token()'s word, emitted (fast_other()). */
static inline size_t
fast_latin_word(mtl_scan *sc, size_t a, size_t r)
{
    uint64_t w3;
    uint32_t cols;
    size_t i = latin_token(sc->s, sc->len, a, r, &w3, &cols);
    if (i == a)
        return a;
    mtl_tokinfo ti = {
        .flags = (unsigned)w3 & 0xFFFF,
        .nchars = (uint32_t)(w3 >> 32) & 0xFFFF,
        .script = (uint16_t)(w3 >> 16),
        .casing = (uint8_t)(w3 >> 56),
        .first_punct = false, /* read for status NONE only */
    };
    uint32_t col = sc->col;
    sc->col = col + cols;
    emit(sc, a, i, col, &ti,
         TOK_W3_KIND(w3) == MTL_TOK_NUMBER ? UBRK_WORD_NUMBER
                                           : UBRK_WORD_LETTER);
    return sc->status == MTL_OK ? i : a;
}

/*
 * The segments after which fast_segments() would otherwise stop, the
 * commonest of them, read from boundary @p a as next_word() and
 * scan_segment() would read them: a line break (CR LF, CR or LF alone,
 * WB3-WB3a), a lone ASCII space before a character of the tables that
 * is neither WSegSpace (WB3d) nor left to ICU (WB4), and a character of
 * two bytes or of U+2000..U+20FF that is a segment of its own (WB999:
 * quotes, dashes, '«', '°'), which is no white space, letter or digit;
 * and a word of ASCII and letters of two bytes (fast_latin_word()),
 * whose ASCII word bytes from @p a run to @p r (none: r == a).
 * Returns the segment's end, or @p a when next_word() must decide (or
 * on an error in sc->status).  Out of line: fast_segments() keeps its
 * registers for the words; it writes sc->ntoks, col and gap before the
 * call and reads them after it.
 */
__attribute__((noinline)) static size_t
fast_other(mtl_scan *sc, size_t a, size_t r)
{
    if (r != a)
        return fast_latin_word(sc, a, r);
    const uint8_t *s = sc->s;
    size_t n = sc->len, w, w2;
    uint8_t c = s[a];
    if (c == '\n' || c == '\r') {
        int k = wbt.byte[c];
        if (!((k == WB_LF && c == '\n') || (k == WB_CR && c == '\r')))
            return a;
        size_t b = a + 1;
        if (k == WB_CR && b < n && s[b] == '\n')
            b++;
        for (size_t i = a; i < b; i++)
            line_break(sc, i);
        return sc->status == MTL_OK ? b : a;
    }
    if (c == ' ') {
        /* fast_word()'s WSegSpace run of one (the fast path is on: ' '
         * is WSegSpace), and mtl_tokenize()'s reading of it */
        if (a + 1 >= n)
            return a;
        int d = wb_at(s, a + 1, n, &w);
        if (d == WB_WS || d == WB_BAIL)
            return a;
        sc->gap |= MTL_TF_SPACE_BEFORE;
        sc->col++;
        return a + 1;
    }
    if (c < 0x80) {
        /* ascii_segment()'s punctuation character alone (WB999), but
         * before a character beyond ASCII: a full stop or a comma before
         * a closing quote, "said.”" */
        int k = wbt.byte[c];
        if (!(k == WB_OTHER || k == WB_ML || k == WB_MN || k == WB_MNL) ||
            !(ascii_class[c] & C_PUNCT) || a + 1 >= n || s[a + 1] < 0x80 ||
            wb_at(s, a + 1, n, &w) == WB_BAIL)
            return a;
        emit_ascii(sc, a, a + 1, ascii_count[c], UBRK_WORD_NONE);
        return sc->status == MTL_OK ? a + 1 : a;
    }
    int k = wb_at(s, a, n, &w);
    if (k == WB_AL)
        return fast_latin_word(sc, a, a); /* "Über", "État" */
    if (!(k == WB_OTHER || k == WB_ML || k == WB_MN || k == WB_MNL))
        return a;
    /* alone, unless an Extend, Format or ZWJ follows (WB4) */
    if (a + w < n && wb_at(s, a + w, n, &w2) == WB_BAIL)
        return a;
    /* the token read_token() makes of it: one character, not ASCII */
    const mtl_cprop *cpr =
        w == 2 ? &cprop[((c & 0x1Fu) << 6) | (s[a + 1] & 0x3Fu)]
               : &cprop_punct[((s[a + 1] & 0x03u) << 6) | (s[a + 2] & 0x3Fu)];
    uint32_t mask = U_MASK(cpr->type);
    if (cpr->white || (mask & (U_GC_L_MASK | U_GC_ND_MASK)))
        return a;
    mtl_tokinfo ti = {
        .flags = 0,
        .nchars = 1,
        .script = 0,
        .casing = MTL_CASE_NONE,
        /* U+FFFD is beyond the tables */
        .first_punct = (mask & (U_GC_P_MASK | U_GC_S_MASK)) != 0,
    };
    uint32_t col = sc->col++;
    emit(sc, a, a + w, col, &ti, UBRK_WORD_NONE);
    return sc->status == MTL_OK ? a + w : a;
}

/*
 * Reads the commonest segments from boundary @p a on, as long as they
 * come: a lone ASCII space between two words, taken before next_word()
 * is called, and an ASCII word or punctuation character, segment and
 * token at once (scan_segment() would find the same, and emit_ascii()
 * and emit() would make the same token of it).  Returns where it
 * stopped: the text's end, a segment left to next_word(), or an error
 * in sc->status.  Out of line, so that its loop, where European text
 * spends most of its time, has the registers to itself: the counters
 * of sc it changes are kept in locals, written back when it calls
 * open_spans() and when it returns.
 */
__attribute__((noinline)) static size_t
fast_segments(mtl_scan *sc, size_t a)
{
    const uint8_t *s = sc->s;
    size_t len = sc->len, guard = sc->run_guard;
    size_t simd_end = 0; /* where ascii16() would read past the text */
#ifdef MTL_TK_SIMD
    if (wbt.simd && len >= 16)
        simd_end = len - 15;
#endif
    mtl_tokenizer *tk = sc->tk;
    mtl_token *toks = tk->toks;
    size_t ntoks0 = sc->ntoks;
    mtl_token *t = toks + ntoks0, *tend = toks + tk->cap_toks;
    size_t marks = 0; /* PUNCT and OTHER tokens, which are no words */
    /* put_token()'s second word, line | col << 32 */
    uint64_t linecol = sc->line | (uint64_t)sc->col << 32;
    unsigned gap = sc->gap;
    bool pending = sc->pending;
    uint64_t spans = span_word(sc);
    /* Below lim, the 16 bytes at a are in the text and the token array
     * has room for the token: every token takes a byte at least, so
     * fewer than lim - a come before a reaches lim (set again where
     * the array changes). */
#define FS_LIMIT()                                                          \
    ((size_t)(tend - t) < simd_end - a ? a + (size_t)(tend - t) : simd_end)
    size_t lim = a < simd_end ? FS_LIMIT() : 0;
    for (;;) {
        size_t r;
        unsigned k, f;
#ifdef MTL_TK_SIMD
        /* 16 bytes at once where the text has them: most words are
         * shorter, and so are most with the lone space before them */
        if (a < lim) {
            mtl_ascii16 m = ascii16(s + a);
            /* a lone space, when a word byte follows (WB3d and WB4
             * have nothing to say): taken with the word */
            unsigned word = m.up | m.lo;
            size_t a0 = a;
            /* bit 16: past the bytes read */
            unsigned end;
            if (s[a] != ' ') {
                end = (unsigned)__builtin_ctz(~word);
            } else {
                if (!(word & 2))
                    goto scalar;
                end = (unsigned)__builtin_ctz(~(word | 1));
                gap |= MTL_TF_SPACE_BEFORE;
                linecol += (uint64_t)1 << 32;
                a++;
            }
            {
                if (end == 16)
                    goto long_run; /* a long word: read below */
                /* (a space is in neither up nor lo) */
                unsigned keep = (1u << end) - 1;
                unsigned up = m.up & keep, lo = m.lo & keep;
                /* most words have no capital: a run of letters in lower
                 * case (none at all, r == a, and ascii_segment() reads
                 * no k) */
                if (!up) {
                    k = FS_LO | FS_ALPHA;
                } else {
                    unsigned letters = up | lo;
                    k = FS_UP | FS_ALPHA;
                    if (up & (up - 1))
                        k |= FS_UP2;
                    if (lo)
                        k |= FS_LO;
                    if (letters & -letters & up)
                        k |= FS_FIRST_UP;
                }
                r = a0 + end;
                /* r < a0 + 16 <= len */
                f = wbt.after[s[r]];
                goto segment;
            }
        }
    scalar:
#endif
        /* (below lim, a is below len) */
        if (a >= len)
            break;
        if (a >= lim && t == tend) {
            size_t n = (size_t)(t - toks);
            if (grow((void **)&tk->toks, &tk->cap_toks, n + 1,
                     sizeof *tk->toks) != MTL_OK) {
                sc->status = MTL_ENOMEM;
                break;
            }
            toks = tk->toks;
            t = toks + n;
            tend = toks + tk->cap_toks;
            lim = a < simd_end ? FS_LIMIT() : 0;
        }
        if (lone_space(s, len, a)) {
            gap |= MTL_TF_SPACE_BEFORE;
            linecol += (uint64_t)1 << 32;
            a++;
            continue;
        }
#ifdef MTL_TK_SIMD
    long_run:
#endif
        if (!ascii_run(s, len, guard, a, &r, &k))
            break;
        f = r < len ? wbt.after[s[r]] : 0;
#ifdef MTL_TK_SIMD
    segment:;
#endif
        unsigned shape;
        size_t e = ascii_segment(s, len, a, r, k, f, &shape);
        if (!e) {
            /* a line break, a space, a quote, a word with accents
             * (fast_other()); the commonest without a token, a line
             * feed and a space, read as it does, here: they change
             * the counters of sc only, not the token array */
            if (r == a && s[a] == '\n' && wbt.byte['\n'] == WB_LF) {
                sc->ntoks = (size_t)(t - toks);
                sc->col = (uint32_t)(linecol >> 32);
                line_break(sc, a);
                if (sc->status != MTL_OK)
                    break;
                gap |= MTL_TF_SPACE_BEFORE | MTL_TF_NEWLINE_BEFORE;
                linecol = sc->line | (uint64_t)sc->col << 32;
                pending = sc->pending;
                e = a + 1;
                goto next;
            }
            if (r == a && s[a] == ' ' && a + 1 < len) {
                size_t w;
                int d = wb_at(s, a + 1, len, &w);
                if (d != WB_WS && d != WB_BAIL) {
                    gap |= MTL_TF_SPACE_BEFORE;
                    linecol += (uint64_t)1 << 32;
                    e = a + 1;
                    goto next;
                }
            }
            size_t w;
            if (r != a || wbt.byte[s[a]] == WB_NU ||
                (s[a] >= 0x80 && wb_at(s, a, len, &w) == WB_AL)) {
                /* a word with letters beyond ASCII, or joined over a mid
                 * character (latin_token()): its token stored here, as
                 * fast_other() would emit it */
                uint64_t lw3;
                uint32_t cols;
                e = latin_token(s, len, a, r, &lw3, &cols);
                if (e == a)
                    break;
                lw3 |= gap;
                gap = 0;
                /* a word (a number's script is 0 or Latin) */
                uint16_t lsc = (uint16_t)(lw3 >> 16);
                if (lsc > USCRIPT_INHERITED && lsc != USCRIPT_LATIN)
                    sc->other_script = true;
                if (lw3 & MTL_TF_MIXED_SCRIPT)
                    sc->mixed_script = true;
                if (pending) {
                    sc->ntoks = (size_t)(t - toks);
                    lw3 |= open_spans(sc, a, e, (unsigned)lw3 & 0xFFFF,
                                      (uint8_t)TOK_W3_KIND(lw3));
                    if (sc->status != MTL_OK)
                        break;
                    pending = sc->pending;
                    spans = span_word(sc);
                }
                put_token(t++, a | (uint64_t)(e - a) << 32, linecol, spans,
                          lw3);
                linecol += (uint64_t)cols << 32;
                goto next;
            }
            size_t n = (size_t)(t - toks);
            sc->ntoks = n;
            sc->col = (uint32_t)(linecol >> 32);
            sc->gap = gap;
            e = fast_other(sc, a, r);
            if (e == a)
                break;
            /* its token, if any, is counted (emit()) */
            ntoks0 += sc->ntoks - n;
            toks = tk->toks;
            t = toks + sc->ntoks;
            tend = toks + tk->cap_toks;
            gap = sc->gap;
            linecol = sc->line | (uint64_t)sc->col << 32;
            pending = sc->pending;
            spans = span_word(sc);
            lim = e < simd_end ? (a = e, FS_LIMIT()) : 0;
            goto next;
        }
        uint64_t len32 = (uint64_t)(e - a) << 32; /* len, nchars, cols */
        uint64_t w3 = fast_shape[shape] | len32 | gap;
        gap = 0;
        /* emit()'s test: a pending span, or a terminal mark (PUNCT or
         * OTHER: status NONE) */
        bool open = pending;
        if (!(shape & (FS_LETTER | FS_NUMBER))) {
            marks++;
            open |= ascii_sb[s[a]] == U_SB_STERM ||
                    ascii_sb[s[a]] == U_SB_ATERM;
        }
        if (open) {
            sc->ntoks = (size_t)(t - toks);
            w3 |= open_spans(sc, a, e, (unsigned)w3 & 0xFFFF,
                             (uint8_t)TOK_W3_KIND(w3));
            if (sc->status != MTL_OK)
                break;
            pending = sc->pending;
            spans = span_word(sc);
        }
        put_token(t++, a | len32, linecol, spans, w3);
        linecol += len32;
    next:
        a = e;
    }
    size_t ntoks = (size_t)(t - toks);
    sc->words += ntoks - ntoks0 - marks;
    sc->ntoks = ntoks;
    sc->col = (uint32_t)(linecol >> 32);
    sc->gap = gap;
    return a;
#undef FS_LIMIT
}

/* Reads word segment [a, b), of rule status @p status (sc->status being
 * MTL_OK). */
static inline void
scan_segment(mtl_scan *sc, size_t a, size_t b, int32_t status)
{
    const uint8_t *s = sc->s;
    size_t i = a;
    for (;;) {
        /* white space: the gap before the next token */
        while (i < b) {
            uint8_t c = s[i];
            if (c < 0x80) {
                unsigned k = ascii_class[c];
                if (!(k & C_WS))
                    break;
                if (k & C_NL) {
                    line_break(sc, i);
                } else {
                    sc->gap |= MTL_TF_SPACE_BEFORE;
                    sc->col++;
                }
                i++;
            } else {
                size_t j = i;
                UChar32 cp;
                U8_NEXT(s, j, b, cp);
                if (cp < 0 || !(cp < MTL_WB_LOW ? cprop[cp].white
                                                : u_isUWhiteSpace(cp)))
                    break;
                if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
                    sc->para_sep = true;
                    sc->pending = true;
                }
                sc->gap |= MTL_TF_SPACE_BEFORE;
                sc->col++;
                i = j;
            }
        }
        if (i >= b)
            return;
        i = scan_token(sc, i, b, status);
        if (i >= b || sc->status != MTL_OK)
            return;
    }
}

int
mtl_tokenize(mtl_tokenizer *tk, const char *text, size_t len, mtl_doc *doc)
{
    doc->toks = NULL;
    doc->sents = doc->lines = doc->paras = NULL;
    doc->ntoks = doc->nsents = doc->nlines = doc->nparas = 0;
    doc->words = 0;
    doc->other_script = doc->mixed_script = false;
    doc->text = text;
    doc->len = len;
    if (len > (size_t)INT32_MAX)
        return MTL_ETOOBIG;
    if (!text) {
        if (len)
            return MTL_EINVAL;
        text = "";
        doc->text = text;
    }

    /* Rough sizes: ~6 bytes per token in prose, ~60 per line. */
    size_t expect_toks = len / 6 + 16, expect_lines = len / 60 + 16;
    trim((void **)&tk->toks, &tk->cap_toks, expect_toks);
    trim((void **)&tk->sents, &tk->cap_sents, expect_lines);
    trim((void **)&tk->lines, &tk->cap_lines, expect_lines);
    trim((void **)&tk->paras, &tk->cap_paras, expect_lines);
    if (grow((void **)&tk->toks, &tk->cap_toks, len / 8 + 16,
             sizeof *tk->toks) != MTL_OK)
        return MTL_ENOMEM;

    mtl_scan sc = {
        .tk = tk,
        .s = (const uint8_t *)text,
        .len = len,
        .line = 1,
        .col = 1,
        .pending = true, /* the first line's start */
        .status = MTL_OK,
    };
    sc.run_guard = run_guard(sc.s, len);

    /* the sentence iterator is only asked on windows of the text, each
     * set when it is asked (icu_boundary()), and the word iterator is
     * set on the text when it is first asked (words_start()) */
    if (tk->cur >= 0)
        sc.sit = &tk->langs[tk->cur];
    UText ut = UTEXT_INITIALIZER;
    mtl_words wk = {
        .tk = tk,
        .s = sc.s,
        .len = len,
        .fast = tk->fast_words,
        .ut = &ut,
        .status = MTL_OK,
    };
    for (int32_t a = 0, b; (size_t)a < len; a = b) {
        int32_t status;
        if (wk.fast) {
            a = (int32_t)fast_segments(&sc, (size_t)a);
            if (sc.status != MTL_OK || (size_t)a >= len)
                break;
        }
        b = next_word(&wk, a, &status);
        if (b <= a)
            break; /* ICU ran out of boundaries: cannot happen */
        /* a lone ASCII space found otherwise (before a non-ASCII
         * character) */
        if (b == a + 1 && text[a] == ' ') {
            sc.gap |= MTL_TF_SPACE_BEFORE;
            sc.col++;
        } else {
            scan_segment(&sc, (size_t)a, (size_t)b, status);
            if (sc.status != MTL_OK)
                break;
        }
    }
    if (!wk.ut)
        utext_close(&ut); /* opened by words_start() */
    if (sc.status == MTL_OK)
        sc.status = wk.status;
    if (sc.status == MTL_OK && (sc.ntoks > sc.cur_line.tok_first ||
                                sc.cur_line.start < len)) {
        end_line(&sc, len);
        if (sc.status == MTL_OK)
            sc.line--;
    }
    if (sc.status != MTL_OK)
        return sc.status;
    close_spans(tk->sents, sc.nsents, tk->toks, sc.ntoks);
    close_spans(tk->paras, sc.nparas, tk->toks, sc.ntoks);

    doc->toks = tk->toks;
    doc->ntoks = sc.ntoks;
    doc->sents = tk->sents;
    doc->nsents = sc.nsents;
    doc->lines = tk->lines;
    doc->nlines = sc.nlines;
    doc->paras = tk->paras;
    doc->nparas = sc.nparas;
    doc->words = sc.words;
    doc->other_script = sc.other_script;
    doc->mixed_script = sc.mixed_script;
    return MTL_OK;
}
