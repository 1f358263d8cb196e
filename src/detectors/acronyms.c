/*
 * acronyms.c - the `acronyms` detector (category `acronym`): acronyms that
 * no longer match the words they stand for.
 *
 *   acronym-mismatch  `Chinese Communist Party (CPP)`: an acronym in
 *                     parentheses right after its expansion that does not
 *                     match the expansion's initials but nearly does (one
 *                     letter wrong or doubled, two inner letters swapped,
 *                     an inner letter too many, see mtl_ac_check_variants;
 *                     two inner letters swapped where the name's last word
 *                     gives no letter, see mtl_ac_swap_but_last;
 *                     a swap at either end only where no other language's
 *                     word order explains it, see mtl_ac_end_swap, or
 *                     where the dictionary knows the initials as an
 *                     acronym and not the form written: `gross domestic
 *                     product (GPD)`; the last letter replaced after a
 *                     name of the document's own language, outside
 *                     English, see mtl_ac_own_last; the last letter
 *                     doubled: `Environment Agency (EAA)`).
 *   acronym-variant   an acronym the document defines and later writes
 *                     with two letters swapped or a letter doubled, or
 *                     with a full stop after each letter (`F.C.I.`).
 *
 * Matching is generous so that only near misses are flagged: function
 * words may be used or skipped (of, the, de, la, für), a word may give more
 * letters than its initial (compounds: Europäische Zentralbank (EZB),
 * BioNTech), numbers give their digits (Threat 31 (APT31)), elided articles
 * are split off (l’Atlantique), hyphenated words count once.  An acronym
 * that matches nothing closely (`Weltgesundheitsorganisation (WHO)`, one in
 * another language) is not judged.
 */
#include <pthread.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "../batch.h"
#include "../lexicon/lexicon.h"
#include "../util/util.h"
#include "detector.h"

#define MTL_AC_MAX 12      /* acronym code points */
#define MTL_AC_WORDS 12    /* expansion words looked at */
#define MTL_AC_WLEN 48     /* letters kept per word */
#define MTL_AC_DEFS 64     /* definitions remembered for variants */
#define MTL_AC_CANDS 256   /* possible variants noted while counting */

/* Function words an expansion may skip, when the language has no
 * function-words.txt or acronym-skip.txt (used in addition to them). */
static const char *const mtl_ac_skip[] = {
    /* en */ "of", "the", "and", "for", "to", "in", "on", "at", "by", "a",
    "an", "with", "&",
    /* fr */ "de", "du", "des", "la", "le", "les", "l", "d", "et", "pour",
    "en", "au", "aux", "à", "sur",
    /* es, pt, it */ "del", "el", "los", "las", "y", "e", "para", "por",
    "da", "do", "dos", "das", "di", "della", "dei", "delle", "per",
    /* de */ "für", "der", "die", "das", "den", "dem", "des", "und", "von",
    "vom", "zu", "zum", "zur", "im", "am", NULL};

/* One expansion word. */
typedef struct mtl_ac_word {
    uint32_t cps[MTL_AC_WLEN]; /* lower-cased letters and digits */
    uint8_t n;
    uint32_t parts; /* bit r: a hyphen-joined part starts at letter r */
    bool func;   /* may be skipped */
    bool aside;  /* a lower-case word inside a capitalised name
                    (`Healthcare products Regulatory`): may be skipped */
    bool number; /* all digits: gives all of them */
    bool cap;    /* starts with a capital */
    bool elided; /* after an elided article: `dell’Unione` */
    uint32_t start; /* byte offset of its first token */
    uint32_t end;   /* byte offset after its last token */
} mtl_ac_word;

typedef struct mtl_ac_def {
    uint32_t cps[MTL_AC_MAX];
    uint8_t n;
    uint32_t count; /* uses in the document */
} mtl_ac_def;

/* ICU's character classes, ASCII answered inline (u_isupper is Lu,
 * u_islower Ll, u_isdigit Nd, u_isalnum L or Nd: in ASCII the letters and
 * digits). */
static inline bool
mtl_ac_isupper(int32_t cp)
{
    return cp >= 0 && cp < 0x80 ? cp >= 'A' && cp <= 'Z' : u_isupper(cp);
}

static inline bool
mtl_ac_islower(int32_t cp)
{
    return cp >= 0 && cp < 0x80 ? cp >= 'a' && cp <= 'z' : u_islower(cp);
}

static inline bool
mtl_ac_isdigit(int32_t cp)
{
    return cp >= 0 && cp < 0x80 ? mtl_is_digit(cp) : u_isdigit(cp);
}

static inline bool
mtl_ac_isalnum(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return mtl_is_digit(cp) || (cp >= 'a' && cp <= 'z') ||
               (cp >= 'A' && cp <= 'Z');
    return u_isalnum(cp);
}

/* Lower case without diacritics: É -> e, so that `SNE` matches
 * `Syndicat national de l'édition`. */
static uint32_t
mtl_ac_base(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return (uint32_t)mtl_ascii_lower(cp);
    cp = u_tolower(cp);
    if (cp < 0x80)
        return (uint32_t)cp;
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    if (U_FAILURE(st))
        return (uint32_t)cp;
    UChar buf[8];
    int32_t n = unorm2_getDecomposition(nfd, cp, buf, 8, &st);
    if (U_FAILURE(st) || n <= 0)
        return (uint32_t)cp;
    UChar32 first;
    U16_GET(buf, 0, 0, n, first);
    return (uint32_t)first;
}

/* How often each acronym-like token occurs in the document: built once, on
 * the first near miss, in checker scratch memory. */
typedef struct mtl_ac_count {
    uint64_t hash; /* 0 = empty */
    uint32_t n;
} mtl_ac_count;

typedef struct mtl_ac_uses {
    mtl_checker *ck;
    mtl_ac_count *tab; /* NULL until built */
    size_t mask;
} mtl_ac_uses;

static uint64_t
mtl_ac_hash(const uint32_t *a, size_t m)
{
    return mtl_hash_key(mtl_hash64(a, m * sizeof *a, 0xac));
}

static mtl_ac_count *
mtl_ac_slot(mtl_ac_count *tab, size_t mask, uint64_t h)
{
    for (size_t i = h & mask;; i = (i + 1) & mask)
        if (tab[i].hash == h || tab[i].hash == 0)
            return &tab[i];
}

/* The longest entry of mtl_ac_skip, in bytes: longer words skip the
 * list. */
static size_t mtl_ac_skip_max;
/* Bit b of word b / 64 of mtl_ac_skip_first[n]: an entry of n bytes (the
 * last row: MTL_AC_SKIP_LEN or more) starts with byte b.  Most words are
 * of no such length and first byte, and skip the list's walk. */
#define MTL_AC_SKIP_LEN 8
static uint64_t mtl_ac_skip_first[MTL_AC_SKIP_LEN + 1][4];
static pthread_once_t mtl_ac_skip_once = PTHREAD_ONCE_INIT;

static void
mtl_ac_skip_measure(void)
{
    for (const char *const *s = mtl_ac_skip; *s; s++) {
        size_t n = strlen(*s);
        if (n > mtl_ac_skip_max)
            mtl_ac_skip_max = n;
        unsigned char b = (unsigned char)(*s)[0];
        mtl_ac_skip_first[n < MTL_AC_SKIP_LEN ? n : MTL_AC_SKIP_LEN][b / 64] |=
            (uint64_t)1 << (b % 64);
    }
}

/* Whether some entry of mtl_ac_skip may be the @p n bytes at @p low. */
static bool
mtl_ac_skip_may(const char *low, size_t n)
{
    unsigned char b = (unsigned char)low[0];
    size_t row = n < MTL_AC_SKIP_LEN ? n : MTL_AC_SKIP_LEN;
    return n <= mtl_ac_skip_max &&
           (mtl_ac_skip_first[row][b / 64] >> (b % 64) & 1);
}

/* The language's lexicons of words an expansion may skip, looked up once
 * per document. */
typedef struct mtl_ac_lex {
    const mtl_lexicon *skip, *func;
    const mtl_lexicon *forms; /* acronym-forms.txt: native|english */
} mtl_ac_lex;

static bool
mtl_ac_is_skip(const mtl_ac_lex *lex, const char *w, size_t n)
{
    char low[64];
    size_t o = 0, i = 0;
    while (i < n) {
        int32_t cp = mtl_utf8_next(w, n, &i);
        if (cp < 0 || o + 4 >= sizeof low)
            return false;
        if (cp < 0x80)
            low[o++] = (char)mtl_ascii_lower(cp); /* u_tolower there */
        else
            o += mtl_utf8_encode((uint32_t)u_tolower(cp), low + o);
    }
    low[o] = '\0'; /* fits: the loop keeps four bytes of room */
    pthread_once(&mtl_ac_skip_once, mtl_ac_skip_measure);
    /* the first byte first: most entries differ there */
    if (mtl_ac_skip_may(low, o))
        for (const char *const *s = mtl_ac_skip; *s; s++)
            if ((*s)[0] == low[0] && strcmp(*s, low) == 0)
                return true;
    return mtl_lexicon_has_fold(lex->skip, low, o) ||
           mtl_lexicon_has_fold(lex->func, low, o);
}

/* Reads an acronym token: 2..12 code points, starts with a capital, at
 * least two capitals, capitals at least half of the letters.  Fills @p a
 * with lower-cased code points. */
static size_t
mtl_ac_read_str(const char *s, size_t len, uint32_t *a)
{
    size_t i = 0, n = 0, up = 0, letters = 0;
    while (i < len) {
        if (n == MTL_AC_MAX)
            return 0;
        int32_t cp = mtl_utf8_next(s, len, &i);
        if (n == 0 && !mtl_ac_isupper(cp))
            return 0;
        if (cp < 0)
            return 0;
        if (mtl_ac_isupper(cp)) {
            up++;
            letters++;
        } else if (cp < 0x80 ? (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'
                             : u_isalpha(cp)) {
            letters++;
        } else if (!mtl_ac_isdigit(cp)) {
            return 0;
        }
        a[n++] = mtl_ac_base(cp);
    }
    if (n < 2 || up < 2 || up * 2 < letters)
        return 0;
    return n;
}

static size_t
mtl_ac_read_acronym(const mtl_doc *doc, const mtl_token *t, uint32_t *a)
{
    if (t->kind != MTL_TOK_WORD || t->nchars < 2 || t->nchars > MTL_AC_MAX)
        return 0;
    return mtl_ac_read_str(mtl_tok_text(doc, t), t->len, a);
}

/* False when mtl_ac_read_use surely reads nothing from @p t: so for most
 * words, which have no upper-case letter (an acronym starts with one), or
 * are not upper case and ASCII with no apostrophe in their first six
 * bytes (read_use would look there for one, and '\'' is the only one in
 * ASCII). */
static inline bool
mtl_ac_may_use(const mtl_doc *doc, const mtl_token *t)
{
    if (t->kind != MTL_TOK_WORD || t->nchars < 2 ||
        t->casing == MTL_CASE_LOWER || t->casing == MTL_CASE_NONE)
        return false;
    if (!(t->flags & MTL_TF_ASCII) || t->casing == MTL_CASE_UPPER)
        return true;
    const char *s = mtl_tok_text(doc, t);
    size_t lim = t->len < 6 ? t->len : 6;
    /* four bytes or more: two loads that overlap cover them */
    if (lim >= 4)
        return mtl_has_byte8((uint64_t)mtl_load4(s) |
                                 (uint64_t)mtl_load4(s + lim - 4) << 32,
                             '\'');
    for (size_t j = 0; j < lim; j++)
        if (s[j] == '\'')
            return true;
    return false;
}

/* An acronym in running text, after an elided article: `l’OMS`,
 * `dell’INGV`. */
static size_t
mtl_ac_read_use(const mtl_doc *doc, const mtl_token *t, uint32_t *a,
                size_t *off)
{
    *off = 0;
    if (!mtl_ac_may_use(doc, t))
        return 0;
    const char *s = mtl_tok_text(doc, t);
    size_t i = 0, letters = 0;
    bool lower = true;
    /* l’, d’; in lower case up to five letters: dell’, nell’, quell’ */
    while (i < t->len && (letters <= 2 || (lower && letters <= 5))) {
        int32_t cp = mtl_utf8_next(s, t->len, &i);
        if (cp == '\'' || cp == 0x2019) {
            if (letters == 0)
                return 0;
            *off = i;
            return mtl_ac_read_str(s + i, t->len - i, a);
        }
        if (!mtl_ac_islower(cp))
            lower = false;
        letters++;
    }
    return t->casing == MTL_CASE_UPPER ? mtl_ac_read_str(s, t->len, a) : 0;
}

static bool
mtl_ac_is_apos(int32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

/* mtl_ac_collect's answer for a name with a compound cut short in it
 * ("Küsten- und Naturschutz"): a name whose initials are unknown. */
#define MTL_AC_CUT ((size_t)-1)

/*
 * Collects up to MTL_AC_WORDS expansion words ending before token @p open
 * (the '('), last word last.  Stops at punctuation other than a hyphen or
 * an apostrophe, at a line start, or at a number followed by nothing.
 * Returns the number of words, or MTL_AC_CUT.
 */
static size_t
mtl_ac_collect(const mtl_doc *doc, const mtl_ac_lex *lex, size_t open,
               mtl_ac_word *words)
{
    mtl_ac_word rev[MTL_AC_WORDS];
    size_t nw = 0;
    size_t k = open;
    bool join = false; /* the next word is hyphen-joined to the previous */
    while (k > 0 && nw < MTL_AC_WORDS) {
        const mtl_token *t = &doc->toks[k - 1];
        if (doc->toks[k].flags & MTL_TF_LINE_START)
            break;
        if (t->kind == MTL_TOK_PUNCT) {
            if ((mtl_tok_is_char(doc, t, '-') ||
                 mtl_tok_is_char(doc, t, 0x2010)) &&
                mtl_tok_glued_prev(doc, k) && nw > 0 && !join) {
                join = true;
                k--;
                continue;
            }
            /* a compound cut short before a conjunction ("Wirtschafts-
             * und Sozialwissenschaftliches Institut (WSI)"): its other
             * half is in the next word, and the initials are unknown */
            if ((mtl_tok_is_char(doc, t, '-') ||
                 mtl_tok_is_char(doc, t, 0x2010)) &&
                !mtl_tok_glued_prev(doc, k) && k >= 2 &&
                mtl_tok_glued_prev(doc, k - 1) &&
                doc->toks[k - 2].kind == MTL_TOK_WORD)
                return MTL_AC_CUT;
            /* a comma between two capitalised words of one name: "United
             * Nations Educational, Scientific and Cultural Organization";
             * not before an elided article ("En France, l'Agence ...") */
            if (mtl_tok_is_char(doc, t, ',') && nw > 0 && !join &&
                rev[nw - 1].cap && (doc->toks[k].flags & MTL_TF_UPPER_START) &&
                k >= 2 && mtl_tok_glued_prev(doc, k - 1) &&
                doc->toks[k - 2].kind == MTL_TOK_WORD &&
                (doc->toks[k - 2].flags & MTL_TF_UPPER_START) &&
                !(doc->toks[k - 1].flags & MTL_TF_LINE_START)) {
                k--;
                continue;
            }
            break;
        }
        if (t->kind != MTL_TOK_WORD && t->kind != MTL_TOK_NUMBER)
            break;
        const char *s = mtl_tok_text(doc, t);
        /* split an elided article: l’Atlantique, dell’Unione */
        size_t body = 0;
        {
            size_t i = 0, letters = 0;
            bool lower = true;
            while (i < t->len) {
                int32_t cp = mtl_utf8_next(s, t->len, &i);
                if (mtl_ac_is_apos(cp)) {
                    /* l’, d’, L’, dell’, qu’ */
                    if (letters >= 1 && i < t->len &&
                        (letters <= 2 || (lower && letters <= 5)))
                        body = i;
                    break;
                }
                if (!mtl_ac_islower(cp))
                    lower = false;
                letters++;
            }
        }
        mtl_ac_word w;
        memset(&w, 0, sizeof w);
        w.start = t->start;
        w.end = t->start + t->len;
        size_t i = body;
        bool digits = true, part = false;
        while (i < t->len && w.n < MTL_AC_WLEN) {
            int32_t cp = mtl_utf8_next(s, t->len, &i);
            if (mtl_ac_is_apos(cp))
                break; /* People’s: the possessive gives nothing */
            if (cp == '-' || cp == 0x2010)
                part = w.n > 0; /* `value-added` as one token */
            if (cp < 0 || !mtl_ac_isalnum(cp))
                continue;
            if (part && w.n < 32)
                w.parts |= (uint32_t)1 << w.n;
            part = false;
            if (!mtl_ac_isdigit(cp))
                digits = false;
            if (w.n == 0 && mtl_ac_isupper(cp))
                w.cap = true;
            w.cps[w.n++] = mtl_ac_base(cp);
        }
        if (w.n == 0)
            break;
        w.number = digits;
        w.func = !digits && body == 0 &&
                 mtl_ac_is_skip(lex, s, t->len);
        if (join && !w.cap && w.n <= 3 && !w.number) {
            /* `al-Sham`, `Tehrik-i-Taliban`: a particle gives nothing */
            rev[nw - 1].start = w.start;
            join = false;
        } else if (join) {
            /* `Co-operation`: prepend this piece to the word after it */
            mtl_ac_word *nx = &rev[nw - 1];
            mtl_ac_word m = w;
            if (m.n < 32)
                m.parts = (uint32_t)1 << m.n | nx->parts << m.n;
            for (size_t j = 0; j < nx->n && m.n < MTL_AC_WLEN; j++)
                m.cps[m.n++] = nx->cps[j];
            m.func = false;
            m.number = false;
            m.end = nx->end;
            *nx = m;
            join = false;
        } else {
            rev[nw++] = w;
        }
        k--;
        if (body > 0) {
            rev[nw - 1].start = t->start; /* the span keeps `l’` */
            rev[nw - 1].elided = true;
        }
    }
    for (size_t j = 0; j < nw; j++)
        words[j] = rev[nw - 1 - j];
    for (size_t j = 1; j + 1 < nw; j++) {
        const mtl_ac_word *w = &words[j];
        if (w->cap || w->func || w->number || w->n < 4)
            continue;
        size_t b = j, f = j + 1;
        while (b > 0 && words[b - 1].func)
            b--;
        while (f < nw && words[f].func)
            f++;
        words[j].aside = b > 0 && f < nw && words[b - 1].cap && words[f].cap;
    }
    return nw;
}

static bool mtl_ac_compound_part(mtl_checker *ck, const mtl_doc *doc,
                                 const mtl_ac_word *w, size_t r);

/*
 * True if acronym @p a (@p m code points) matches words[s..nw): every
 * word that is not a function word gives its initial (numbers give all
 * their digits), and possibly more letters of the same word in order.
 *
 * With @p ck (for a mended acronym, mtl_ac_check_variants) the matching
 * is stricter: a letter of a word after its initial is taken only right
 * after the letter before it (a syllable: `COVID`) or where a part of a
 * compound starts (mtl_ac_compound_part, asked of @p doc's dictionary).
 * So a mended form is believed only where the name gives it plainly: not
 * `AISAN` for "Association of Southeast Asian Nations", with an "i" from
 * the middle of "Association".  With @p initials, stricter still: only
 * the initials of words and of their hyphen-joined parts (`value-added
 * tax` gives VAT), and where nouns are capitalised of the parts of a
 * capitalised compound.
 */
static bool
mtl_ac_match_in(const uint32_t *a, size_t m, const mtl_ac_word *words,
                size_t s, size_t nw, mtl_checker *ck, const mtl_doc *doc,
                bool initials)
{
    /* reach[p]: acronym prefix of length p matched by the words so far */
    bool reach[MTL_AC_MAX + 1], next[MTL_AC_MAX + 1];
    memset(reach, 0, sizeof reach);
    reach[0] = true;
    for (size_t j = s; j < nw; j++) {
        const mtl_ac_word *w = &words[j];
        memset(next, 0, sizeof next);
        for (size_t p = 0; p <= m; p++) {
            if (!reach[p])
                continue;
            if ((w->func || w->aside) && j != s)
                next[p] = true; /* skipped */
            if (p == m)
                continue;
            if (w->number) {
                if (p + w->n <= m &&
                    memcmp(a + p, w->cps, w->n * sizeof *a) == 0)
                    next[p + w->n] = true;
                continue;
            }
            if (a[p] != w->cps[0])
                continue;
            next[p + 1] = true;
            /* more letters of the same word, in order */
            size_t q = p + 1, last = 0;
            for (size_t r = 1; q < m && r < w->n; r++) {
                if (a[q] != w->cps[r])
                    continue;
                /* with @p initials, a part of a capitalised compound
                 * with no hyphen, where nouns are capitalised, counts as
                 * a word (`Technischen Hilfswerks (THW)`) */
                if (initials && (r >= 32 || !(w->parts >> r & 1)) &&
                    !(ck && w->cap && (w->parts >> 1) == 0 &&
                      mtl_lang_capitalises_nouns(doc->res) &&
                      mtl_ac_compound_part(ck, doc, w, r)))
                    continue;
                if (ck && r != last + 1 &&
                    !mtl_ac_compound_part(ck, doc, w, r))
                    continue;
                last = r;
                q++;
                next[q] = true;
            }
        }
        memcpy(reach, next, sizeof reach);
    }
    return reach[m];
}

static bool
mtl_ac_match(const uint32_t *a, size_t m, const mtl_ac_word *words,
             size_t s, size_t nw)
{
    return mtl_ac_match_in(a, m, words, s, nw, NULL, NULL, false);
}

/* Positions where @p a and @p b (@p n code points each) differ; the
 * first in @p first (@p n when none). */
static size_t
mtl_ac_diff(const uint32_t *a, const uint32_t *b, size_t n, size_t *first)
{
    size_t diff = 0;
    *first = n;
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) {
            if (*first == n)
                *first = i;
            diff++;
        }
    return diff;
}

/* True if the differences are two adjacent letters swapped, the first at
 * @p first. */
static bool
mtl_ac_swapped(const uint32_t *a, const uint32_t *b, size_t n, size_t diff,
               size_t first)
{
    return diff == 2 && first + 1 < n && a[first] == b[first + 1] &&
           a[first + 1] == b[first];
}

/* Near miss at equal length: one letter replaced by
 * another letter of the initials @p b (`CPP` for `CCP`; never `FSB` for
 * `Federal Security Service`, an acronym of another language), or two
 * inner letters swapped.  Returns 0 (equal), 1 (near miss), or 2. */
static int
mtl_ac_dist(const uint32_t *a, const uint32_t *b, size_t n)
{
    size_t first;
    size_t diff = mtl_ac_diff(a, b, n, &first);
    if (diff == 0)
        return 0;
    if (diff == 1) {
        for (size_t i = 0; i < n; i++)
            if (i != first && b[i] == a[first])
                return 1;
        return 2;
    }
    /* Two adjacent letters swapped at either end is not a near miss
     * here: it is the usual mark of an acronym kept in its own language's
     * word order, noun and adjective swapped (`Social Democratic Party
     * (SPD)`, from Sozialdemokratische Partei Deutschlands; `Party of the
     * Democratic Revolution (PRD)`; `National Movement for the Liberation
     * of Azawad (MNLA)`), which is right, and a single mention cannot tell
     * the two apart.  Such swaps are judged by acronym-variant, against
     * the document's own definition.  Inside an acronym of four letters
     * or more, between two letters that stay in place, a swap is a typo
     * (`Natural Environment Research Council (NREC)`). */
    if (n >= 4 && first >= 1 && first + 2 <= n - 1 &&
        mtl_ac_swapped(a, b, n, diff, first))
        return 1;
    return 2;
}

/* Conjunctions: the only function words an expansion may hold for a swap
 * at an end of its acronym to count as a typo (mtl_ac_end_swap). */
static const char *const mtl_ac_conj[] = {"and", "et", "y", "e", "und", "&",
                                          NULL};

/* Words of the organisations that keep their acronym in their own
 * language's order when named in another (parties, fronts, movements,
 * armed groups: `Social Democratic Party (SPD)`, `National Democratic
 * Party (NPD)`), lower case without diacritics (mtl_ac_base); a word
 * that languages share (`union`, `armee`) is listed once. */
static const char *const mtl_ac_org_words[] = {
    /* en */ "party", "front", "movement", "union", "alliance", "league",
    "rally", "bloc", "congress", "coalition", "forces", "army",
    /* fr */ "parti", "mouvement", "ligue", "rassemblement", "congres",
    "armee",
    /* es, pt, it */ "partido", "frente", "movimiento", "alianza",
    "liga", "bloque", "congreso", "coalicion", "fuerzas", "ejercito",
    "movimento", "uniao", "alianca", "bloco", "congresso", "coligacao",
    "forcas", "exercito", "partito", "fronte", "unione", "alleanza", "lega",
    "blocco", "coalizione", "forze", "esercito",
    /* de */ "partei", "bewegung", "bundnis", "allianz", "block", "kongress",
    "koalition", NULL};

/* Whether expansion word @p w is one of @p list (ASCII entries). */
static bool
mtl_ac_word_in(const mtl_ac_word *w, const char *const *list)
{
    char buf[MTL_AC_WLEN + 1];
    for (size_t i = 0; i < w->n; i++) {
        if (w->cps[i] >= 0x80)
            return false;
        buf[i] = (char)w->cps[i];
    }
    for (size_t k = 0; list[k]; k++)
        if (strlen(list[k]) == w->n && memcmp(list[k], buf, w->n) == 0)
            return true;
    return false;
}

/* Whether the letters @p first and @p first + 1 of the initials of
 * words[s..nw) (mtl_ac_initials) come from two words with a function word
 * between them: `Fraternal Order of Police` gives O and P across "of",
 * `Seeschifffahrt und Hydrographie` S and H across "und". */
static bool
mtl_ac_swap_across(const mtl_ac_word *words, size_t s, size_t nw,
                   size_t first)
{
    size_t k = 0, from = nw;
    for (size_t j = s; j < nw; j++) {
        const mtl_ac_word *w = &words[j];
        if (w->func) {
            if (from < nw)
                return true;
            continue;
        }
        if (w->aside)
            continue;
        if (w->number)
            return false; /* a number gives several letters */
        if (k == first)
            from = j;
        else if (k == first + 1)
            return false;
        k++;
    }
    return false;
}

/*
 * Two adjacent letters swapped at an end of an acronym of three letters or
 * more (`National Crime Agency (NAC)`, `Banca centrale europea (BEC)`) is
 * a typo where no other language's word order explains it.  The
 * expansion, words[s..nw), is all of the name (the word before it, if
 * any, is a function word or in lower case), and either
 * - holds no word of a party, front or armed group, which keep their own
 *   language's acronym (`Social Democratic Party (SPD)`), and no
 *   function word but a conjunction (`Party of the Democratic Revolution
 *   (PRD)` keeps the Spanish order), unless the name starts with a
 *   capital and the two swapped letters come from words on either side
 *   of a function word (`Fraternal Order of Police (FPO)`, `Federação
 *   Portuguesa de Rugby (FRP)`, `Bundesamt für Seeschifffahrt und
 *   Hydrographie (BHS)`): every language keeps the order of a name and
 *   its complement, and of the parts a conjunction joins, and reorders
 *   adjective and noun or the parts of a compound only; or
 * - the last two letters are swapped, the document is not in English
 *   and the dictionary knows every word of the expansion as written: a
 *   name of the document's own language (`Sociedad Nacional de Pesquería
 *   (SPN)`, `Transports en commun lyonnais (TLC)`).  The orders that
 *   explain such swaps come from translating a name into English; the
 *   first two letters swapped are how an English acronym stands after a
 *   name translated from English, its adjective after its noun
 *   (`Administración Federal de Aviación (FAA)`), and stay silent.
 */
static bool
mtl_ac_end_swap(mtl_checker *ck, const mtl_doc *doc, const uint32_t *a,
                const uint32_t *ini, size_t m, const mtl_ac_word *words,
                size_t s, size_t nw)
{
    size_t first;
    size_t diff = mtl_ac_diff(a, ini, m, &first);
    if (m < 3 || !mtl_ac_swapped(a, ini, m, diff, first) ||
        (first != 0 && first + 2 != m))
        return false;
    if (s > 0 && !words[s - 1].func && words[s - 1].cap)
        return false;
    bool org = false, other_func = false;
    for (size_t j = s; j < nw && !org; j++) {
        if (words[j].func)
            other_func |= !mtl_ac_word_in(&words[j], mtl_ac_conj);
        else
            org = mtl_ac_word_in(&words[j], mtl_ac_org_words);
    }
    if (!org && (!other_func ||
                 (words[s].cap && mtl_ac_swap_across(words, s, nw, first))))
        return true;
    if (first + 2 != m || !doc->res ||
        strcmp(mtl_lang_primary(doc->res), "en") == 0)
        return false;
    for (size_t j = s; j < nw; j++)
        if (words[j].number || words[j].end <= words[j].start ||
            mtl_spell(ck, doc->res, doc->text + words[j].start,
                      words[j].end - words[j].start) != 1)
            return false;
    return true;
}

/*
 * The last letter of an acronym of three letters or more replaced by one
 * that no word of its name gives (`Sociedad de Tasación Inmobiliaria
 * (STA)`): a typo where the name is the document's own language's, in
 * English of four letters or more only (foreign acronyms stand after
 * translated names, `Federal Security Service (FSB)`, and differ in more
 * than their last letter when longer: `Korea Aerospace Research
 * Institute (KARO)` is a typo), the whole of the name, capitalised, every word
 * known to the dictionary as written, and no word of an international
 * body's name, which keeps its acronym in every language (`Federação
 * Internacional de Esqui (FIS)`, from the French Ski).  A translated name
 * otherwise keeps the original's acronym in another order (`Fondo
 * Monetario Internacional (IMF)`), which differs in more than its last
 * letter.
 */
static const char *const mtl_ac_intl_words[] = {
    "international",   "internationale", "internationales", "internationaux",
    "internationalen", "internacional",  "internacionales", "internacionais",
    "internazionale",  "internazionali", "mundial",         "mundiales",
    "mundiais",        "mondial",        "mondiale",        "mondiali",
    "world",           NULL,
};

static bool
mtl_ac_own_last(mtl_checker *ck, const mtl_doc *doc, const uint32_t *a,
                const uint32_t *ini, size_t m, const mtl_ac_word *words,
                size_t s, size_t nw)
{
    size_t first;
    if (m < 3 || mtl_ac_diff(a, ini, m, &first) != 1 || first + 1 != m ||
        !words[s].cap || (s > 0 && !words[s - 1].func) || !doc->res ||
        (m < 4 && strcmp(mtl_lang_primary(doc->res), "en") == 0))
        return false;
    for (size_t j = s; j < nw; j++)
        if (words[j].number || words[j].end <= words[j].start ||
            mtl_ac_word_in(&words[j], mtl_ac_intl_words) ||
            mtl_spell(ck, doc->res, doc->text + words[j].start,
                      words[j].end - words[j].start) != 1)
            return false;
    return true;
}

/* One letter replaced by any other, or two adjacent letters swapped. */
static bool
mtl_ac_loose(const uint32_t *a, const uint32_t *b, size_t n)
{
    size_t first;
    size_t diff = mtl_ac_diff(a, b, n, &first);
    return diff == 1 || mtl_ac_swapped(a, b, n, diff, first);
}

static void
mtl_ac_utf8(const uint32_t *cps, size_t n, bool upper, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        o += mtl_utf8_encode(upper ? (uint32_t)u_toupper((UChar32)cps[i])
                                   : cps[i],
                             out + o);
    out[o] = '\0';
}

/* Doubles the table of @p uses into the scratch slot it is not in. */
static void
mtl_ac_grow_uses(mtl_ac_uses *uses, int *slot)
{
    size_t slots = (uses->mask + 1) * 2;
    *slot = !*slot;
    mtl_ac_count *tab =
        mtl_checker_scratch(uses->ck, *slot, slots * sizeof *tab);
    memset(tab, 0, slots * sizeof *tab);
    for (size_t k = 0; k <= uses->mask; k++)
        if (uses->tab[k].hash)
            *mtl_ac_slot(tab, slots - 1, uses->tab[k].hash) = uses->tab[k];
    uses->tab = tab;
    uses->mask = slots - 1;
}

/* The table grows with the acronym-like words it holds, at most half
 * full: a document has a few dozen, and a table sized by its tokens cost
 * more to clear than the counting. */
static void
mtl_ac_count_uses(const mtl_doc *doc, mtl_ac_uses *uses)
{
    size_t slots = 64, used = 0;
    int slot = 0; /* scratch slot of the table, 0 or 1 */
    uses->tab = mtl_checker_scratch(uses->ck, slot, slots * sizeof *uses->tab);
    memset(uses->tab, 0, slots * sizeof *uses->tab);
    uses->mask = slots - 1;
    for (size_t k = 0; k < doc->ntoks; k++) {
        if (doc->toks[k].kind != MTL_TOK_WORD)
            continue;
        uint32_t v[MTL_AC_MAX];
        size_t off;
        size_t vn = mtl_ac_read_use(doc, &doc->toks[k], v, &off);
        if (vn < 2)
            continue;
        uint64_t h = mtl_ac_hash(v, vn);
        mtl_ac_count *c = mtl_ac_slot(uses->tab, uses->mask, h);
        if (c->hash == 0) {
            if (2 * (used + 1) > uses->mask + 1) {
                mtl_ac_grow_uses(uses, &slot);
                c = mtl_ac_slot(uses->tab, uses->mask, h);
            }
            used++;
        }
        c->hash = h;
        c->n++;
    }
}

/*
 * Flags acronym @p a (@p m code points) at the '(' token @p open, whose
 * expansion starts at byte @p start, as a near miss of @p want (@p wm code
 * points; NULL: a letter too many, no suggestion).  Silent when the
 * document keeps using the acronym as written and never the form wanted:
 * then it is the organisation's established name (`Social Democratic
 * Party (SPD)`, then `the SPD`).  Returns true if it flagged.
 */
static bool
mtl_ac_flag_n(const mtl_doc *doc, size_t open, const uint32_t *a, size_t m,
              const uint32_t *want, size_t wm, size_t start,
              mtl_ac_uses *uses, mtl_flags *out)
{
    if (!uses->tab)
        mtl_ac_count_uses(doc, uses);
    mtl_ac_count *ca = mtl_ac_slot(uses->tab, uses->mask, mtl_ac_hash(a, m));
    size_t uses_a = ca->hash ? ca->n - 1 : 0; /* not this one */
    size_t uses_w = 0;
    if (want) {
        mtl_ac_count *cw =
            mtl_ac_slot(uses->tab, uses->mask, mtl_ac_hash(want, wm));
        uses_w = cw->hash ? cw->n : 0;
    }
    if (uses_a > 0 && uses_w == 0)
        return false;
    const mtl_token *cl = &doc->toks[open + 2];
    const mtl_token *ac = &doc->toks[open + 1];
    size_t end = cl->start + cl->len;
    if (!want) {
        mtl_flags_addf(out, MTL_RULE_ACRONYM_MISMATCH, start, end, NULL,
                       "acronym “%.*s” has a letter more than its expansion "
                       "gives",
                       (int)ac->len, mtl_tok_text(doc, ac));
        return true;
    }
    char wantu[MTL_AC_MAX * 4 + 1];
    mtl_ac_utf8(want, wm, true, wantu);
    size_t wl = strlen(wantu);
    size_t pre = ac->start - start, post = end - (ac->start + ac->len);
    if (pre + wl + post > 1024)
        return false;
    char sugg[1100];
    memcpy(sugg, doc->text + start, pre);
    memcpy(sugg + pre, wantu, wl);
    memcpy(sugg + pre + wl, doc->text + ac->start + ac->len, post);
    sugg[pre + wl + post] = '\0';
    mtl_flags_addf(out, MTL_RULE_ACRONYM_MISMATCH, start, end, sugg,
                   "acronym “%.*s” does not match its expansion: “%s”?",
                   (int)ac->len, mtl_tok_text(doc, ac), wantu);
    return true;
}

/* mtl_ac_flag_n for a wanted form as long as the acronym. */
static bool
mtl_ac_flag(const mtl_doc *doc, size_t open, const uint32_t *a,
            const uint32_t *want, size_t m, size_t start, mtl_ac_uses *uses,
            mtl_flags *out)
{
    return mtl_ac_flag_n(doc, open, a, m, want, m, start, uses, out);
}

/* Whether acronym @p a (@p m code points) is spelled as one of the words
 * words[s..nw): `Association of Southeast Asian Nations (ASIAN)` is
 * matched by taking all but the last letter from "Asian", no sign that
 * it stands for the name. */
static bool
mtl_ac_is_word_of(const uint32_t *a, size_t m, const mtl_ac_word *words,
                  size_t s, size_t nw)
{
    for (size_t j = s; j < nw; j++)
        if (words[j].n == m && !words[j].number &&
            memcmp(words[j].cps, a, m * sizeof *a) == 0)
            return true;
    return false;
}

/* Whether word @p w from its letter @p r on is a word of the document's
 * language of four letters or more, in lower case or capitalised:
 * `corporeal` in "extracorporeal", `Ministerium` in "Bundesministerium",
 * the parts of a compound. */
static bool
mtl_ac_compound_part(mtl_checker *ck, const mtl_doc *doc,
                     const mtl_ac_word *w, size_t r)
{
    if (w->n < r + 4 || w->n >= MTL_AC_WLEN)
        return false;
    char part[MTL_AC_WLEN * 4 + 1];
    mtl_ac_utf8(w->cps + r, w->n - r, false, part);
    if (mtl_spell(ck, doc->res, part, strlen(part)) == 1)
        return true;
    /* a noun, where the language writes them with a capital (German) */
    size_t o = mtl_utf8_encode((uint32_t)u_toupper((UChar32)w->cps[r]), part);
    mtl_ac_utf8(w->cps + r + 1, w->n - r - 1, false, part + o);
    return mtl_spell(ck, doc->res, part, strlen(part)) == 1;
}

/* Whether letter @p cp starts one of the words words[s..nw) or a
 * hyphen-joined part of one.  Where a compound's parts give letters
 * (mtl_ac_match_in with initials, in German), an end swap is a typo only
 * when the first of the two letters, in the name's order, starts a word
 * or part: `Technischen Hilfswerks (TWH)` swaps the two of one word,
 * while `Weltorganisation für Meteorologie (WMO)` keeps the English
 * order, the next word's initial before the compound's second part. */
static bool
mtl_ac_starts_part(const mtl_ac_word *words, size_t s, size_t nw,
                   uint32_t cp)
{
    for (size_t j = s; j < nw; j++) {
        const mtl_ac_word *w = &words[j];
        if (w->n == 0)
            continue;
        if (w->cps[0] == cp)
            return true;
        for (size_t r = 1; r < w->n && r < 32; r++)
            if ((w->parts >> r & 1) && w->cps[r] == cp)
                return true;
    }
    return false;
}

/* Letters in pairs, as Spanish writes plurals: `EEUU`, `FFAA`, `RRHH`. */
static bool
mtl_ac_pairs(const uint32_t *a, size_t m)
{
    if (m % 2)
        return false;
    for (size_t i = 0; i < m; i += 2)
        if (a[i] != a[i + 1])
            return false;
    return true;
}

/*
 * Near misses that the strict matching of mtl_ac_match_in explains once the
 * acronym is mended, for an acronym of four letters or more, without
 * digits, and the whole of a name (its first word starts the expansion or
 * follows a function word), or words in lower case:
 * - two adjacent inner letters swapped (`Bundesministerium für Wirtschaft
 *   und Klimaschutz (BWMK)`, `extracorporeal membrane oxygenation
 *   (EMCO)`): the swapped form, which matches, is the suggestion;
 * - an inner letter that no word gives (`Association of Southeast Asian
 *   Nations (ASIAN)`): the name matches without it, in a capitalised
 *   name only, and not in the pairs of a Spanish plural (`Fuerzas Armadas
 *   (FFAA)`).  No suggestion: the letter meant is not known.
 * - two adjacent letters swapped at an end, in an acronym of three letters
 *   or more, where the swapped form is the initials of the words and of
 *   their hyphen-joined parts (`value-added tax (VTA)`) and
 *   mtl_ac_end_swap finds no other language's word order to explain it
 *   (`Social Democratic Party (SPD)`).  With @p ends_only, for an acronym
 *   that matches its expansion loosely only (V, TA from "value-added
 *   tax"), just these.
 * An extra letter at an end is never mended: that is how other languages'
 * articles show (`les Nations unies (ONU)`).  Returns true if it flagged.
 */
static bool
mtl_ac_check_variants(const mtl_doc *doc, size_t open, const uint32_t *a,
                      size_t m, const mtl_ac_word *words, size_t nw,
                      mtl_ac_uses *uses, mtl_flags *out, bool ends_only)
{
    if (m < 3)
        return false;
    for (size_t i = 0; i < m; i++)
        if (mtl_ac_isdigit((int32_t)a[i]))
            return false;
    for (size_t s = 0; ends_only && s < nw; s++)
        if (mtl_ac_match_in(a, m, words, s, nw, uses->ck, doc, true))
            return false; /* the initials as they are */
    uint32_t v[MTL_AC_MAX];
    for (size_t s = 0; s < nw; s++) {
        /* the whole name; a lower-case one may follow any word */
        bool whole = s == 0 || words[s - 1].func;
        if (words[s].func || (!whole && words[s].cap))
            continue;
        for (size_t i = 0; i + 1 < m; i++) {
            bool end = i == 0 || i + 2 == m;
            if (a[i] == a[i + 1] || (m < 4 && !end) || (ends_only && !end))
                continue;
            memcpy(v, a, m * sizeof *a);
            v[i] = a[i + 1];
            v[i + 1] = a[i];
            if (mtl_ac_match_in(v, m, words, s, nw, uses->ck, doc, end) &&
                (!end || (mtl_ac_end_swap(uses->ck, doc, a, v, m, words, s,
                                          nw) &&
                          mtl_ac_starts_part(words, s, nw, v[i])))) {
                return mtl_ac_flag(doc, open, a, v, m, words[s].start, uses,
                                   out);
            }
        }
        /* the last letter doubled (`Environment Agency (EAA)`): the
         * name gives the rest as its initials; not Spanish plurals in
         * pairs (`Fuerzas Armadas (FFAA)`) */
        if (!ends_only && whole && words[s].cap && a[m - 1] == a[m - 2] &&
            !mtl_ac_pairs(a, m) &&
            mtl_ac_match_in(a, m - 1, words, s, nw, uses->ck, doc, true))
            return mtl_ac_flag_n(doc, open, a, m, a, m - 1, words[s].start,
                                 uses, out);
        if (ends_only || m < 4 || !whole || !words[s].cap ||
            mtl_ac_pairs(a, m))
            continue;
        for (size_t i = 1; i + 1 < m; i++) {
            memcpy(v, a, i * sizeof *a);
            memcpy(v + i, a + i + 1, (m - i - 1) * sizeof *a);
            if (mtl_ac_match_in(v, m - 1, words, s, nw, uses->ck, doc,
                                false)) {
                return mtl_ac_flag(doc, open, a, NULL, m, words[s].start,
                                   uses, out);
            }
        }
    }
    return false;
}

/*
 * Two adjacent inner letters swapped in an acronym of four letters or more
 * whose name leaves out its last word, as many do (`Société nationale des
 * chemins de fer français (SCNF)`: SNCF): the swapped form matches the
 * whole name but that word, strictly (mtl_ac_match_in with a checker),
 * and the acronym as written matches nothing.  Returns true if it
 * flagged.
 */
static bool
mtl_ac_swap_but_last(const mtl_doc *doc, size_t open, const uint32_t *a,
                     size_t m, const mtl_ac_word *words, size_t nw,
                     mtl_ac_uses *uses, mtl_flags *out)
{
    if (m < 4 || nw < 3 || words[nw - 1].func || words[nw - 1].number)
        return false;
    for (size_t i = 0; i < m; i++)
        if (mtl_ac_isdigit((int32_t)a[i]))
            return false;
    size_t n = nw - 1;
    while (n > 0 && words[n - 1].func)
        n--;
    uint32_t v[MTL_AC_MAX];
    for (size_t s = 0; s < n; s++) {
        if (words[s].func || (s > 0 && !words[s - 1].func))
            continue;
        for (size_t i = 1; i + 2 < m; i++) {
            if (a[i] == a[i + 1])
                continue;
            memcpy(v, a, m * sizeof *a);
            v[i] = a[i + 1];
            v[i + 1] = a[i];
            if (mtl_ac_match_in(v, m, words, s, n, uses->ck, doc, false))
                return mtl_ac_flag(doc, open, a, v, m, words[s].start, uses,
                                   out);
        }
    }
    return false;
}

/*
 * An acronym in its English form after an expansion in the document's
 * language that gives the language's own form ("Organización Mundial del
 * Comercio (WTO)", "Unione europea (EU)"): acronym-forms.txt lists the
 * pairs, "OMC|WTO".  An English expansion ("World Trade Organization
 * (WTO)", quoted in a Spanish text) matches the English form, not the
 * native one, and stays silent.  Returns true if it flagged.
 */
static bool
mtl_ac_english_form(const mtl_doc *doc, const mtl_ac_lex *lex, size_t open,
                    const mtl_ac_word *words, size_t nw, mtl_flags *out)
{
    const mtl_token *ac = &doc->toks[open + 1];
    const mtl_lex_entry *e =
        lex->forms ? mtl_lexicon_get(lex->forms, mtl_tok_text(doc, ac),
                                     ac->len)
                   : NULL;
    if (!e || strcmp(e->canonical, e->text) == 0)
        return false;
    uint32_t native[MTL_AC_MAX];
    size_t m = mtl_ac_read_str(e->canonical, strlen(e->canonical), native);
    if (m == 0)
        return false;
    size_t s = 0;
    while (s < nw && !(mtl_ac_match(native, m, words, s, nw) &&
                       (s == 0 || words[s - 1].func || words[s].elided ||
                        !words[s].cap)))
        s++;
    if (s == nw)
        return false;
    const mtl_token *cl = &doc->toks[open + 2];
    size_t start = words[s].start, end = cl->start + cl->len;
    size_t pre = ac->start - start, cl_len = strlen(e->canonical);
    if (pre + cl_len + 1 > 1024)
        return false;
    char sugg[1100];
    memcpy(sugg, doc->text + start, pre);
    memcpy(sugg + pre, e->canonical, cl_len);
    memcpy(sugg + pre + cl_len, doc->text + ac->start + ac->len,
           end - ac->start - ac->len);
    sugg[pre + cl_len + end - ac->start - ac->len] = '\0';
    mtl_flags_addf(out, MTL_RULE_ACRONYM_MISMATCH, start, end, sugg,
                   "acronym “%s” is the English form: in this language the "
                   "name's acronym is “%s”",
                   e->text, e->canonical);
    return true;
}

/* The initials of the content words of words[s..nw) into @p ini
 * (MTL_AC_MAX * 4 code points at most; numbers give all their digits,
 * words aside none).  Returns their number. */
static size_t
mtl_ac_initials(const mtl_ac_word *words, size_t s, size_t nw, uint32_t *ini)
{
    size_t ni = 0;
    for (size_t j = s; j < nw; j++) {
        const mtl_ac_word *w = &words[j];
        if (w->func || w->aside)
            continue;
        if (w->number) {
            for (size_t r = 0; r < w->n; r++)
                if (ni < MTL_AC_MAX * 4)
                    ini[ni++] = w->cps[r];
            continue;
        }
        if (ni < MTL_AC_MAX * 4)
            ini[ni++] = w->cps[0];
    }
    return ni;
}

/* Whether @p s (@p n bytes) is the language's own form of an acronym in
 * acronym-forms.txt (the canonical of its "native|english" line). */
static bool
mtl_ac_native_form(const mtl_lexicon *forms, const char *s, size_t n)
{
    const mtl_lex_entry *e = mtl_lexicon_get(forms, s, n);
    return e && strcmp(e->canonical, e->text) == 0;
}

/*
 * An acronym that takes a letter from a function word of its name, as
 * German ones take "für" (`BfV`, `BfE`) and English ones "of" (`DoJ`),
 * with one letter of a content word replaced by another letter of the
 * initials: `Bundesamt für Energie (BFF)` for BFE.  The expansion is the
 * whole name, capitalised, of three words or more; the acronym gives
 * every function word's letter where it stands (so it does take them);
 * the initials of all its words are as many as its letters.  Flags and
 * returns true, or returns false.
 */
static bool
mtl_ac_func_near_miss(const mtl_doc *doc, size_t open, const uint32_t *a,
                      size_t m, const mtl_ac_word *words, size_t nw,
                      mtl_ac_uses *uses, mtl_flags *out)
{
    for (size_t s = 0; s < nw; s++) {
        if (words[s].func || !words[s].cap || (s > 0 && !words[s - 1].func))
            continue;
        uint32_t ini[MTL_AC_MAX * 4];
        bool fpos[MTL_AC_MAX * 4];
        size_t ni = 0, nfunc = 0;
        for (size_t j = s; j < nw && ni < m + 1; j++) {
            if (words[j].aside || words[j].number || words[j].n == 0)
                continue;
            fpos[ni] = words[j].func;
            nfunc += words[j].func;
            ini[ni++] = words[j].cps[0];
        }
        if (ni != m || nfunc == 0 || nw - s < 3)
            continue;
        size_t first;
        if (mtl_ac_diff(a, ini, m, &first) != 1 || fpos[first] ||
            mtl_ac_dist(a, ini, m) != 1)
            return false;
        mtl_ac_flag(doc, open, a, ini, m, words[s].start, uses, out);
        return true;
    }
    return false;
}

/* acronym-mismatch at the '(' token @p open; the acronym is @p a.
 * Returns true when the acronym matches its expansion (a definition). */
static bool
mtl_ac_check_def(const mtl_doc *doc, const mtl_ac_lex *lex, size_t open,
                 const uint32_t *a, size_t m, mtl_ac_uses *uses,
                 mtl_flags *out)
{
    mtl_ac_word words[MTL_AC_WORDS];
    size_t nw = mtl_ac_collect(doc, lex, open, words);
    /* a name with a compound cut short ("Landesbetrieb für
     * Wasserwirtschaft, Küsten- und Naturschutz (NLWKN)"): not judged,
     * but the acronym in brackets after a name is the document's own,
     * which its variants are judged against */
    if (nw == MTL_AC_CUT)
        return m >= 4;
    if (nw == 0)
        return false;
    if (mtl_ac_english_form(doc, lex, open, words, nw, out))
        return false;

    for (size_t s = 0; s < nw; s++)
        if (mtl_ac_match(a, m, words, s, nw) &&
            !mtl_ac_is_word_of(a, m, words, s, nw))
            /* the initials as they are, most definitions, first */
            return mtl_ac_match_in(a, m, words, s, nw, NULL, NULL, true) ||
                   !mtl_ac_check_variants(doc, open, a, m, words, nw, uses,
                                          out, true);
    if (m < 3)
        return false;
    /* near misses: the initials of the content words of a suffix */
    for (size_t s = nw; s-- > 0;) {
        if (words[s].func)
            continue;
        uint32_t ini[MTL_AC_MAX * 4];
        size_t ni = mtl_ac_initials(words, s, nw, ini);
        if (ni > m)
            break; /* longer suffixes only add initials */
        if (ni < m)
            continue;
        int d = mtl_ac_dist(a, ini, m);
        char want[MTL_AC_MAX * 4 + 1];
        mtl_ac_utf8(ini, ni, true, want);
        if (!words[s].cap || (d == 2 && mtl_ac_loose(a, ini, m))) {
            /* any other near miss, and one after a lower-case expansion
             * (`gross domestic product (GPD)`), only when the dictionary
             * knows the initials as a word and not the form written: the
             * acronym is established in this language, so no word order
             * of another explains the form */
            const mtl_token *ac = &doc->toks[open + 1];
            /* the whole expansion: no content word before the suffix
             * ("European James Whitfield Medicines Agency (EMA)" is not
             * judged on "Whitfield Medicines Agency") */
            bool whole = s == 0 || words[s - 1].func;
            /* known as an acronym, not as a word in capitals (`LIP`, as
             * Hunspell takes any word in capitals) */
            char low[MTL_AC_MAX * 4 + 1];
            mtl_ac_utf8(ini, ni, false, low);
            d = whole && mtl_ac_loose(a, ini, m) &&
                        mtl_spell(uses->ck, doc->res, want, strlen(want)) ==
                            1 &&
                        mtl_spell(uses->ck, doc->res, low, strlen(low)) != 1 &&
                        mtl_spell(uses->ck, doc->res, mtl_tok_text(doc, ac),
                                  ac->len) == 0
                    ? 1
                    : 2;
        }
        if (d == 2 &&
            (mtl_ac_end_swap(uses->ck, doc, a, ini, m, words, s, nw) ||
             mtl_ac_own_last(uses->ck, doc, a, ini, m, words, s, nw)))
            d = 1;
        if (d != 1)
            continue;
        /* a settled acronym of the language (acronym-forms.txt), one
         * letter replaced, for a name whose initials are none: an
         * international body's, which keeps its form in translation (es
         * "Tribunal Arbitral del Deporte (TAS)", from the French); but
         * "Organización Mundial de la Salud (OMM)" names another body,
         * and "Comitato Glaciologico Italiano (CIG)" swaps two letters */
        const mtl_token *act = &doc->toks[open + 1];
        size_t first_diff;
        if (lex->forms && mtl_ac_diff(a, ini, m, &first_diff) == 1 &&
            mtl_ac_native_form(lex->forms, mtl_tok_text(doc, act),
                               act->len) &&
            !mtl_ac_native_form(lex->forms, want, strlen(want)))
            return false;
        mtl_ac_flag(doc, open, a, ini, m, words[s].start, uses, out);
        return false;
    }
    if (mtl_ac_func_near_miss(doc, open, a, m, words, nw, uses, out))
        return false;
    if (!mtl_ac_check_variants(doc, open, a, m, words, nw, uses, out,
                               false))
        mtl_ac_swap_but_last(doc, open, a, m, words, nw, uses, out);
    return false;
}

/* A variant of a definition: two letters swapped, or one letter replaced
 * by its neighbour (`CPP` for `CCP`).  Letters only, same length. */
static bool
mtl_ac_is_variant(const uint32_t *v, const uint32_t *d, size_t n)
{
    size_t diff = 0, at = 0;
    for (size_t i = 0; i < n; i++) {
        if (u_isdigit((UChar32)v[i]) || u_isdigit((UChar32)d[i]))
            return false;
        if (v[i] != d[i]) {
            if (diff == 0)
                at = i;
            diff++;
        }
    }
    if (diff == 2)
        return at + 1 < n && v[at] == d[at + 1] && v[at + 1] == d[at] &&
               (at + 2 >= n || v[at + 2] == d[at + 2]);
    if (diff == 1)
        return (at > 0 && v[at] == d[at - 1]) ||
               (at + 1 < n && v[at] == d[at + 1]);
    return false;
}

/* acronym-variant: a definition of three letters or more (`FCI`) written
 * later with a full stop after each letter (`F.C.I.`), from byte @p from
 * on.  Found by its bytes: few documents define an acronym. */
static void
mtl_ac_dotted(const mtl_doc *doc, const mtl_ac_def *defs, size_t ndefs,
              size_t from, mtl_flags *out)
{
    for (size_t d = 0; d < ndefs; d++) {
        size_t m = defs[d].n;
        if (m < 3 || m > 8)
            continue;
        char dotted[8 * 5 + 1], want[MTL_AC_MAX * 4 + 1];
        size_t o = 0;
        bool letters = true;
        for (size_t i = 0; i < m; i++) {
            letters &= u_isalpha((UChar32)defs[d].cps[i]) != 0;
            o += mtl_utf8_encode((uint32_t)u_toupper((UChar32)defs[d].cps[i]),
                                 dotted + o);
            dotted[o++] = '.';
        }
        if (!letters)
            continue;
        mtl_ac_utf8(defs[d].cps, m, true, want);
        const char *t = doc->text + from, *end = doc->text + doc->len;
        const char *hit;
        /* its first letter by memchr, then the rest: memmem's general
         * search is the slower */
        while (t < end &&
               (hit = memchr(t, dotted[0], (size_t)(end - t))) != NULL) {
            t = hit + 1;
            if ((size_t)(end - hit) < o ||
                memcmp(hit, dotted, o) != 0)
                continue;
            t = hit + o;
            /* a word of its own: "F.C.I.", not "A.F.C.I." or "F.C.I.A." */
            size_t at = (size_t)(hit - doc->text), b = at;
            while (b > 0 && at - b < 4 &&
                   ((unsigned char)doc->text[b - 1] & 0xC0) == 0x80)
                b--;
            int32_t before = 0, after = 0;
            if (b > 0) {
                b--;
                before = mtl_utf8_next(doc->text, doc->len, &b);
            }
            size_t a = (size_t)(t - doc->text);
            if (a < doc->len)
                after = mtl_utf8_next(doc->text, doc->len, &a);
            if (before == '.' || (before > 0 && u_isalnum(before)) ||
                (after > 0 && u_isalnum(after)))
                continue;
            mtl_flags_addf(out, MTL_RULE_ACRONYM_VARIANT,
                           (size_t)(hit - doc->text), (size_t)(t - doc->text),
                           want,
                           "“%.*s” is written “%s” elsewhere in the "
                           "document",
                           (int)o, hit, want);
        }
    }
}

/* acronym-variant: a definition of four letters or more (`MHRA`) written
 * later in title case (`the Mhra`), a form no dictionary word has: the
 * house style of some papers, but not both in one text.  Tokens from
 * @p from on. */
static void
mtl_ac_title_form(mtl_checker *ck, const mtl_doc *doc, const mtl_ac_def *defs,
                  size_t ndefs, size_t from, mtl_flags *out)
{
    for (size_t i = from; i < doc->ntoks; i++) {
        const mtl_token *t = &doc->toks[i];
        if (t->casing != MTL_CASE_TITLE || t->nchars < 4 || t->nchars > 8 ||
            !(t->flags & MTL_TF_ALPHA))
            continue;
        const char *s = mtl_tok_text(doc, t);
        for (size_t d = 0; d < ndefs; d++) {
            if (defs[d].n != t->len)
                continue;
            size_t k = 0;
            /* (definitions are kept folded: mtl_ac_base) */
            while (k < t->len &&
                   (uint32_t)mtl_ascii_lower((unsigned char)s[k]) ==
                       defs[d].cps[k])
                k++;
            if (k < t->len || mtl_spell(ck, doc->res, s, t->len) == 1)
                continue;
            char want[MTL_AC_MAX * 4 + 1];
            mtl_ac_utf8(defs[d].cps, defs[d].n, true, want);
            mtl_flags_addf(out, MTL_RULE_ACRONYM_VARIANT, t->start,
                           t->start + t->len, want,
                           "“%.*s” is written “%s” elsewhere in the "
                           "document",
                           (int)t->len, s, want);
            break;
        }
    }
}

/* The definition spelled @p v (@p m code points), or @p ndefs. */
static size_t
mtl_ac_find_def(const mtl_ac_def *defs, size_t ndefs, const uint32_t *v,
                size_t m)
{
    size_t same = ndefs;
    for (size_t d = 0; d < ndefs; d++)
        if (defs[d].n == m && memcmp(defs[d].cps, v, m * sizeof *v) == 0)
            same = d;
    return same;
}

static void
mtl_acronyms_run(const void *state, mtl_checker *ck, const mtl_doc *doc,
                 const mtl_batch *batch, mtl_flags *out)
{
    (void)state;
    (void)batch;
    const mtl_lang *lang = doc->res;
    mtl_ac_def defs[MTL_AC_DEFS];
    size_t ndefs = 0;
    uint32_t first_def_tok = UINT32_MAX;
    mtl_ac_uses uses = {.ck = ck, .tab = NULL, .mask = 0};

    mtl_ac_lex lex = {NULL, NULL, NULL};
    bool have_lex = false;

    /* definitions and near misses: at each '(' token, found by its byte */
    size_t pos = 0, open = 0;
    while (mtl_doc_next_punct(doc, '(', &pos, &open) + 2 < doc->ntoks) {
        if (!mtl_tok_is_char(doc, &doc->toks[open + 2], ')'))
            continue;
        uint32_t a[MTL_AC_MAX];
        size_t m = mtl_ac_read_acronym(doc, &doc->toks[open + 1], a);
        if (m == 0 || !mtl_tok_glued_prev(doc, open + 1) ||
            !mtl_tok_glued_prev(doc, open + 2))
            continue;
        if (!have_lex) {
            lex.skip = mtl_lang_lexicon(lang, "acronym-skip");
            lex.func = mtl_lang_lexicon(lang, "function-words");
            lex.forms = mtl_lang_lexicon(lang, "acronym-forms");
            have_lex = true;
        }
        if (!mtl_ac_check_def(doc, &lex, open, a, m, &uses, out) || m < 3)
            continue;
        bool have = false;
        for (size_t d = 0; d < ndefs; d++)
            if (defs[d].n == m && memcmp(defs[d].cps, a, m * sizeof *a) == 0)
                have = true;
        if (!have && ndefs < MTL_AC_DEFS) {
            memcpy(defs[ndefs].cps, a, m * sizeof *a);
            defs[ndefs].n = (uint8_t)m;
            defs[ndefs].count = 0;
            ndefs++;
            if (first_def_tok == UINT32_MAX)
                first_def_tok = (uint32_t)open;
        }
    }
    if (ndefs == 0)
        return;

    /*
     * acronym-variant: count uses, then flag the rarer spelling after the
     * definition.  The counting pass notes the tokens that may be a
     * variant (an acronym of three or more that is no definition), so the
     * second pass reads those only; all again when there were too many to
     * note.
     */
    uint32_t cand[MTL_AC_CANDS];
    size_t ncand = 0;
    bool rescan = false;
    for (size_t i = first_def_tok; i < doc->ntoks; i++) {
        const mtl_token *t = &doc->toks[i];
        if (!mtl_ac_may_use(doc, t))
            continue;
        uint32_t v[MTL_AC_MAX];
        size_t off;
        size_t m = mtl_ac_read_use(doc, t, v, &off);
        if (m < 3)
            continue;
        size_t same = mtl_ac_find_def(defs, ndefs, v, m);
        if (same < ndefs)
            defs[same].count++;
        else if (ncand < MTL_AC_CANDS)
            cand[ncand++] = (uint32_t)i;
        else
            rescan = true;
    }
    size_t nlook = rescan ? doc->ntoks - first_def_tok : ncand;
    for (size_t k = 0; k < nlook; k++) {
        const mtl_token *t = &doc->toks[rescan ? first_def_tok + k : cand[k]];
        uint32_t v[MTL_AC_MAX];
        size_t off;
        size_t m = mtl_ac_read_use(doc, t, v, &off);
        if (m < 3 || mtl_ac_find_def(defs, ndefs, v, m) < ndefs)
            continue;
        for (size_t d = 0; d < ndefs; d++) {
            if (defs[d].n != m || !mtl_ac_is_variant(v, defs[d].cps, m))
                continue;
            /* used again as defined; or two letters of four or more
             * swapped, which no other name's acronym is likely to be
             * (`INGV` defined, `INVG` written) */
            size_t first = 0;
            size_t diff = mtl_ac_diff(v, defs[d].cps, m, &first);
            if (defs[d].count < 2 &&
                !(m >= 4 && mtl_ac_swapped(v, defs[d].cps, m, diff, first)))
                continue;
            char want[MTL_AC_MAX * 4 + 1];
            mtl_ac_utf8(defs[d].cps, m, true, want);
            mtl_flags_addf(out, MTL_RULE_ACRONYM_VARIANT, t->start + off,
                           t->start + t->len, want,
                           "“%.*s” is written “%s” elsewhere in the "
                           "document",
                           (int)(t->len - off), mtl_tok_text(doc, t) + off,
                           want);
            break;
        }
    }
    mtl_ac_dotted(doc, defs, ndefs, doc->toks[first_def_tok].start, out);
    mtl_ac_title_form(ck, doc, defs, ndefs, first_def_tok, out);
}

const mtl_detector mtl_detector_acronyms = {
    .name = "acronyms",
    .category = "acronym",
    .description = "acronym that nearly but not quite matches its expansion "
                   "(Chinese Communist Party (CPP)), acronym written two ways",
    .run = mtl_acronyms_run,
};
