/*
 * dates.c - the `dates` detector (category `date`): misspelled month names
 * in a date (`New Delhi, Match 25`), a weekday that does not fall on its
 * date, impossible dates (`February 30`, `32.8.2014`), the standalone month
 * form where the format (genitive) form is required (pl `1 styczeń`), a
 * capitalised month in a language that writes months in lower case (and
 * a month in lower case after a day number where every month is
 * capitalised: de `6. november`), five-digit years (after a month, the
 * word for "year", a season's name, or a preposition of time at the end
 * of a sentence: "in 20229."), reversed or empty ranges of days or years
 * ("between 2029 and 2026,"), and of dates across months ("from 5 December to 27
 * November"), a misspelled weekday before a date ("sabbato 7 novembre"),
 * and a month name of another language or script next to a day number in
 * a sentence of the document's language (`on 15 janvier` in English, de
 * `ab 1. January`, pt `5 de mayo`, `on 23 января`), or in lower case
 * after a preposition of time (`in janvier,`, pt `até o fim de junio`).
 *
 * Month and weekday names, eras and the order of numeric dates come from
 * ICU's CLDR data (udat_getSymbols, udat_toPattern), loaded once per
 * language; calendar arithmetic is ICU's Gregorian calendar.  The small
 * word lists ICU lacks (connectors such as es `de`, range words such as
 * de `bis`, ordinal suffixes, extra BC markers) are in
 * lexicons/<lang>/date-words.txt.  There is no wall clock: a date without a
 * year is checked against the reference date's year, or else against the
 * year of a full date in the dateline (within three months of it), or
 * else against the year of the document's dates when they all have one (within three
 * months of them, no later year-like number, no anniversary, no "this
 * Thursday"), or else against the document's other weekday/date pairs
 * (DESIGN.md, "Dates and the reference date"): one year must fit them all,
 * and when none fits two of them, the first pair, when it is the story's
 * dateline, fixes the weekdays of the dates within three months of it,
 * unless a year the document writes fits only the other one.
 *
 * month-typo: a word one or two edits from a month name, with the same
 * first letter (or, of any length, the name with its accents moved or
 * changed: "aôut"), that is neither a month of another language nor an
 * inflected form, in a date context: a day number before or after it, a
 * year after it (also after a connector: pt "setembo de 2024"), or, with
 * no number, a phrase of date-words.txt that announces a month ("Mitte
 * Dezmber", "a mediados de octbre", "octbre del año pasado", "in
 * Febuary").  The weaker
 * the context the more the dictionary must say: a known word needs a
 * dateline, a weekday or a full date; a phrase context takes only a word
 * of five letters or more that the dictionary does not know.  Without a
 * dictionary (hi, ru, pl, ...) a misspelling can not be told from a
 * spelling of the language's own (hi "अक्टूबर" beside CLDR's "अक्तूबर"):
 * the word is flagged only when the document spells that month as ICU
 * does elsewhere, or when it is in the Latin script and occurs once.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uscript.h>

#include "../batch.h"
#include "../engine.h"
#include "../lexicon/lexicon.h"
#include "../util/util.h"
#include "detector.h"

#define MTL_DN_MAX 48     /* bytes of a folded name */
#define MTL_DN_WORDS 16   /* entries per word section */
#define MTL_DN_NAMES 160  /* month and weekday names */
#define MTL_DN_SLOTS 512  /* hash index over them: a power of two */

/* Name kinds. */
enum {
    MTL_DN_MONTH = 1,
    MTL_DN_WEEKDAY = 2
};

/* Forms (bits). */
enum {
    MTL_DF_FORMAT = 1,     /* format (genitive) full month name */
    MTL_DF_STANDALONE = 2, /* standalone (nominative) full month name */
    MTL_DF_SHORT = 4,      /* abbreviation */
    MTL_DF_FULL_WD = 8,    /* full weekday name */
    MTL_DF_SHORTER = 16    /* two-letter weekday (en `Mo`) */
};

/* mtl_dates_state.typo_first (bits). */
enum {
    MTL_DATES_TF_MONTH = 1,
    MTL_DATES_TF_ELIDED = 2
};

typedef struct mtl_dname {
    char fold[MTL_DN_MAX];
    uint8_t len;
    uint8_t what;  /* MTL_DN_* */
    uint8_t value; /* month 1..12, weekday 1..7 (1 = Sunday) */
    uint8_t forms; /* MTL_DF_* */
    uint8_t nchars; /* code points of fold */
    uint8_t baselen; /* months: mtl_utf8_unaccent() of fold, into base */
    char base[MTL_DN_MAX];
} mtl_dname;

typedef struct mtl_dwords {
    char w[MTL_DN_WORDS][24];
    uint8_t len[MTL_DN_WORDS]; /* strlen of each, not recomputed per token */
    size_t n;
} mtl_dwords;

/* A phrase of lexicons/<lang>/date-words.txt that announces a month
 * before it ("a mediados de", "Mitte", "mi-") or after it ("del año
 * pasado", "dernier"): its words, folded. */
#define MTL_DP_WORDS 4
#define MTL_DP_MAX 32

typedef struct mtl_dphrase {
    char w[MTL_DP_WORDS][24];
    uint8_t len[MTL_DP_WORDS];
    uint8_t n;
    bool dash; /* ends in a hyphen glued to the month: fr "mi-", en "mid-" */
} mtl_dphrase;

typedef struct mtl_dphrases {
    mtl_dphrase p[MTL_DP_MAX];
    size_t n;
    /* bit (len & 31) and bit (byte & 31) of the first byte of the word
     * next to the month (the last one before it, the first one after
     * it) of each phrase: a cheap filter on the neighbour of a word */
    uint32_t near_len, near_first;
} mtl_dphrases;

typedef struct mtl_dates_state {
    mtl_dname names[MTL_DN_NAMES];
    size_t nnames;
    /* names[slot - 1] by (kind, folded text), the first such name: every
     * word of a document is looked up, most of them miss */
    uint8_t slot[MTL_DN_SLOTS];
    /* bits (fold[0] & 31) of first[what][len] and (fold[len - 1] & 31) of
     * last[what][len] are set for each name: a cheap filter before the
     * hash, checked on ASCII words before they are folded at all */
    uint32_t first[3][MTL_DN_MAX], last[3][MTL_DN_MAX];
    /* last[what][1] | ... | last[what][len]: a word with an elided article
     * ("d'octubre") is looked up by a shorter tail with the same last
     * byte, so a word that passes neither this nor the filter of its own
     * length needs no search for the apostrophe */
    uint32_t last_upto[3][MTL_DN_MAX];
    /* bit (fold[len - 2] & 31) of last2[what][fold[len - 1] & 31] is set
     * for each name (every bit for a name of one byte): the last two bytes
     * of a word stay the last two of the tail after an elided article, so
     * that a word whose pair is not there needs no search for the
     * apostrophe either */
    uint32_t last2[3][32];
    /* first bytes of the month names (folded): a month typo keeps the
     * first letter, so a word that starts otherwise is none */
    bool month_first[256];
    /* by a word's first byte as written: MTL_DATES_TF_MONTH when it is
     * past ASCII or its lower case is in month_first, MTL_DATES_TF_ELIDED
     * when its lower case starts the elided articles and prepositions
     * before a month (d', l', dell', all', nell', sull', quest'): the
     * tests of mtl_dates_month_typo_may in one look */
    uint8_t typo_first[256];
    /* display forms (ICU's case, connector stripped) */
    char month_fmt[13][MTL_DN_MAX];
    char month_sa[13][MTL_DN_MAX];
    char wd_full[8][MTL_DN_MAX];
    char wd_short[8][MTL_DN_MAX];
    UChar dm_pat[48];    /* ICU's pattern for day and month ("MMMM d") */
    int32_t dm_patlen;   /* 0: none */
    bool lower_months;   /* months written in lower case (fr, es, ...) */
    bool upper_months;   /* every month capitalised (en, de) */
    bool month_case;     /* month-case rule on */
    bool forms_differ;   /* format and standalone month names differ */
    bool day_first;      /* numeric dates d/m/y */
    bool strict_order;   /* only the locale's order (d.m.y in de) */
    bool dot_dates;      /* "31.4." style numeric dates */
    mtl_dwords connector, article, range, year, era, ordinal, deictic,
        year_prep, birth, season, next;
    /* function-words.txt (NULL without one): what may follow a year */
    const mtl_lexicon *func;
    /* date-words.txt (NULL without one), for its [change] section */
    const mtl_lexicon *words;
    /* [between]: the two words of a range of years ("between", "and";
     * "from", "to") */
    mtl_dwords between, between_and;
    /* [holiday]: days named by their date, which take a capital ("14
     * juillet", "25 abril"): the day's number, a space, the month */
    mtl_dwords holiday;
    mtl_dphrases before_month, after_month;
    /* [article] entries of several words ("corresponding to") */
    mtl_dphrases article_phrases;
    /* the calendar each document clones (mtl_dctx_cal): cloning costs a
     * fraction of opening one; never changed after loading, so that
     * threads can clone it at once (NULL if it failed to open) */
    UCalendar *cal;
} mtl_dates_state;

/* ------------------------------------------------------------ loading */

static size_t
mtl_dates_u2c(const UChar *u, int32_t ulen, char *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strToUTF8(out, (int32_t)cap - 1, &n, u, ulen, &st);
    if (U_FAILURE(st) || n >= (int32_t)cap) {
        out[0] = 0;
        return 0;
    }
    out[n] = 0;
    return (size_t)n;
}

/* Strips a connector prefix (ca "de gener", "d’octubre") and a trailing
 * '.' from an ICU name, in place. */
static void
mtl_dates_strip_name(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '.')
        s[--n] = 0;
    /* after the last space or apostrophe */
    size_t cut = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\'')
            cut = i + 1;
        else if ((unsigned char)s[i] == 0xE2 && i + 2 < n &&
                 (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0x99)
            cut = i + 3;
    }
    if (cut > 0 && cut < n)
        memmove(s, s + cut, n - cut + 1);
}

static void
mtl_dates_add_name(mtl_dates_state *s, const char *name, int what, int value,
                   int forms)
{
    char buf[MTL_DN_MAX];
    if (!name[0])
        return;
    size_t n = mtl_utf8_fold(name, strlen(name), buf, sizeof buf);
    if (n == (size_t)-1 || n == 0)
        return;
    for (size_t i = 0; i < s->nnames; i++) {
        mtl_dname *d = &s->names[i];
        if (d->len == n && d->what == what && d->value == value &&
            memcmp(d->fold, buf, n) == 0) {
            d->forms |= (uint8_t)forms;
            return;
        }
    }
    if (s->nnames >= MTL_DN_NAMES)
        return;
    mtl_dname *d = &s->names[s->nnames++];
    memcpy(d->fold, buf, n + 1);
    d->len = (uint8_t)n;
    d->what = (uint8_t)what;
    d->value = (uint8_t)value;
    d->forms = (uint8_t)forms;
}

/* Symbol @p i of table @p type, stripped, with ICU's case, into @p c
 * (MTL_DN_MAX bytes).  False when there is none or it does not fit. */
static bool
mtl_dates_symbol(UDateFormat *df, UDateFormatSymbolType type, int32_t i,
                 char *c)
{
    UChar u[64];
    UErrorCode st = U_ZERO_ERROR;
    int32_t ul = udat_getSymbols(df, type, i, u, 64, &st);
    if (U_FAILURE(st) || ul <= 0 || ul >= 64 ||
        !mtl_dates_u2c(u, ul, c, MTL_DN_MAX))
        return false;
    mtl_dates_strip_name(c);
    return true;
}

/* Reads one symbol table; calls add for each.  @p out (may be NULL)
 * receives the stripped names with ICU's case. */
static void
mtl_dates_symbols(mtl_dates_state *s, UDateFormat *df, UDateFormatSymbolType
                  type, int what, int forms, char (*out)[MTL_DN_MAX])
{
    int32_t count = udat_countSymbols(df, type);
    int first = what == MTL_DN_WEEKDAY ? 1 : 0;
    for (int32_t i = first; i < count && i < first + 12; i++) {
        char c[MTL_DN_MAX];
        if (!mtl_dates_symbol(df, type, i, c))
            continue;
        int value = what == MTL_DN_MONTH ? i + 1 : i;
        if (value > (what == MTL_DN_MONTH ? 12 : 7))
            continue;
        mtl_dates_add_name(s, c, what, value, forms);
        char *dash = strchr(c, '-');
        if (what == MTL_DN_WEEKDAY && dash && dash > c) {
            char part[MTL_DN_MAX];
            memcpy(part, c, (size_t)(dash - c));
            part[dash - c] = 0;
            mtl_dates_add_name(s, part, what, value, forms);
        }
        if (out && !out[value][0])
            memcpy(out[value], c, strlen(c) + 1);
    }
}

/* ------------------------------------------ other languages' names */

/* The full month and weekday names of the languages of Europe and a few
 * more, folded, sorted and unique: a word that is one of them is no typo
 * of the document language's month ("Februar 2022" in a text taken for
 * English).  Made on the first candidate typo, once for the process. */
static const char *const mtl_dates_foreign_locales[] = {
    "ca", "cs", "cy", "da", "de", "en", "es", "et", "eu", "fi", "fr",
    "ga", "gl", "hr", "hu", "id", "is", "it", "lb", "lt", "lv", "ms",
    "mt", "nb", "nl", "nn", "pl", "pt", "ro", "sk", "sl", "sq", "sv",
    "tr",
};

#define MTL_DATES_NELEM(a) (sizeof(a) / sizeof((a)[0]))

typedef char mtl_dates_fname[MTL_DN_MAX];
static mtl_dates_fname *mtl_dates_foreign;
static size_t mtl_dates_nforeign;
static pthread_once_t mtl_dates_foreign_once = PTHREAD_ONCE_INIT;

static int
mtl_dates_fname_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Calls @p fn for the names of @p types (the first @p maxi of each) of
 * each locale of @p locs, case-folded, with the locale's and the name's
 * index. */
typedef void (*mtl_dates_sym_fn)(void *ctx, size_t loc, int32_t i,
                                 const char *fold, size_t len);

static void
mtl_dates_each_symbol(const char *const *locs, size_t nloc,
                      const UDateFormatSymbolType *types, size_t ntypes,
                      int32_t maxi, mtl_dates_sym_fn fn, void *ctx)
{
    for (size_t l = 0; l < nloc; l++) {
        UErrorCode st = U_ZERO_ERROR;
        UDateFormat *df =
            udat_open(UDAT_NONE, UDAT_SHORT, locs[l], NULL, 0, NULL, 0, &st);
        if (U_FAILURE(st) || !df)
            continue;
        for (size_t t = 0; t < ntypes; t++) {
            int32_t count = udat_countSymbols(df, types[t]);
            for (int32_t i = 0; i < count && i < maxi; i++) {
                char c[MTL_DN_MAX], f[MTL_DN_MAX];
                if (!mtl_dates_symbol(df, types[t], i, c))
                    continue;
                size_t k = mtl_utf8_fold(c, strlen(c), f, sizeof f);
                if (k != (size_t)-1 && k > 0 && k < sizeof f)
                    fn(ctx, l, i, f, k);
            }
        }
        udat_close(df);
    }
}

typedef struct mtl_dates_fnames {
    mtl_dates_fname *v;
    size_t n, cap;
} mtl_dates_fnames;

static void
mtl_dates_foreign_add(void *ctx, size_t loc, int32_t i, const char *fold,
                      size_t len)
{
    (void)loc;
    (void)i;
    mtl_dates_fnames *a = ctx;
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 512;
        a->v = mtl_xrealloc(a->v, a->cap * sizeof *a->v);
    }
    memcpy(a->v[a->n], fold, len);
    a->v[a->n][len] = '\0';
    a->n++;
}

static void
mtl_dates_foreign_build(void)
{
    static const UDateFormatSymbolType types[] = {
        UDAT_MONTHS, UDAT_STANDALONE_MONTHS, UDAT_WEEKDAYS,
        UDAT_STANDALONE_WEEKDAYS};
    mtl_dates_fnames a = {0};
    mtl_dates_each_symbol(mtl_dates_foreign_locales,
                          MTL_DATES_NELEM(mtl_dates_foreign_locales), types,
                          MTL_DATES_NELEM(types), 14, mtl_dates_foreign_add,
                          &a);
    mtl_dates_fname *v = a.v;
    size_t n = a.n;
    if (n > 1) {
        qsort(v, n, sizeof *v, mtl_dates_fname_cmp);
        size_t u = 1;
        for (size_t i = 1; i < n; i++)
            if (strcmp(v[i], v[u - 1]) != 0)
                memcpy(v[u++], v[i], sizeof *v);
        n = u;
    }
    mtl_dates_foreign = v;
    mtl_dates_nforeign = n;
}

/* Whether the folded word @p buf (@p n bytes) is a full month or weekday
 * name in one of mtl_dates_foreign_locales. */
static bool
mtl_dates_foreign_name(const char *buf, size_t n)
{
    mtl_dates_fname key;
    if (n == 0 || n >= sizeof key)
        return false;
    pthread_once(&mtl_dates_foreign_once, mtl_dates_foreign_build);
    memcpy(key, buf, n);
    key[n] = '\0';
    return mtl_dates_nforeign > 0 &&
           bsearch(key, mtl_dates_foreign, mtl_dates_nforeign,
                   sizeof *mtl_dates_foreign, mtl_dates_fname_cmp) != NULL;
}

/* Full month names of the languages mtlint has lexicons for (and two
 * neighbours), folded, with their month: a date written with one of them
 * in a text of another language is a month left untranslated ("on 15
 * janvier" in English).  Then the languages written in Cyrillic and Greek
 * that news is most often translated from: an engine that meets a date it
 * does not parse copies it, script and all ("on 23 января 2027 года"),
 * and no word of another script is a word of the six languages, so their
 * names (ICU's format and stand-alone forms: the genitive "января" and
 * the nominative "январь") cost no false alarm. */
static const char *const mtl_dates_month_locales[] = {
    "en", "fr", "es", "de", "pt", "it", "nl", "ca",
    "ru", "uk", "be", "bg", "sr", "mk", "el", "id", "tr", "pl",
};

typedef struct mtl_dates_fmonth {
    char name[MTL_DN_MAX];
    uint8_t month;  /* 1..12 */
    uint8_t locale; /* index into mtl_dates_month_locales */
    bool romanised; /* a Cyrillic name in Latin letters */
} mtl_dates_fmonth;

static mtl_dates_fmonth *mtl_dates_fmonths;
static size_t mtl_dates_nfmonths;
/* Hash index over the names above: 1 + the index of the first of the
 * names that are equal (in sorted order), 0 for an empty slot.  A word is
 * looked up for every candidate after a preposition or a day number, and
 * a binary search of strcmp costs ten times a probe. */
#define MTL_DATES_FM_SLOTS 2048 /* a power of two, over four names a slot */
static uint16_t mtl_dates_fm_slot[MTL_DATES_FM_SLOTS];
static pthread_once_t mtl_dates_fmonths_once = PTHREAD_ONCE_INIT;
/* A bit per pair of first bytes (ASCII, lower case, 5 bits each) of the
 * names above: a word starting with ASCII letters whose pair has no bit
 * is no month name of any of the languages. */
static uint64_t mtl_dates_fm_pairs[1024 / 64];
/* A bit per last byte (& 31) of the names of each length: an ASCII word
 * folds to as many bytes, its last one to its lower case, the same bit. */
static uint32_t mtl_dates_fm_last[MTL_DN_MAX];

/* FNV-1a: the names are short, and mtl_hash64 costs more than they do. */
static size_t
mtl_dates_fm_hash(const char *name, size_t len)
{
    uint32_t h = 0x811c9dc5u;
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)name[k]) * 0x01000193u;
    return (h ^ h >> 16) & (MTL_DATES_FM_SLOTS - 1);
}

static int
mtl_dates_fmonth_cmp(const void *a, const void *b)
{
    return strcmp(((const mtl_dates_fmonth *)a)->name,
                  ((const mtl_dates_fmonth *)b)->name);
}

typedef struct mtl_dates_fmonths_acc {
    mtl_dates_fmonth *v;
    size_t n, cap;
} mtl_dates_fmonths_acc;

static void
mtl_dates_fmonth_add(void *ctx, size_t loc, int32_t i, const char *fold,
                     size_t len)
{
    mtl_dates_fmonths_acc *a = ctx;
    if (len < 3 || len >= sizeof a->v[0].name || a->n == a->cap)
        return;
    mtl_dates_fmonth *m = &a->v[a->n++];
    memcpy(m->name, fold, len);
    m->name[len] = '\0';
    m->month = (uint8_t)(i + 1);
    m->locale = (uint8_t)loc;
}

/* The Russian and Ukrainian names romanised by ICU's BGN/PCGN
 * transliterators ("июля" -> "iyulya", "серпня" -> "serpnya"): an
 * engine that copies the date transliterates it as it does names ("on
 * 12 iyulya").  Only names of six letters or more without a soft sign's
 * prime are kept: the short ones are words of the six languages ("mart",
 * "maya", "marta"). */
static void
mtl_dates_fmonths_romanised(mtl_dates_fmonths_acc *a, size_t from, size_t to)
{
    static const struct {
        const char *locale, *id;
    } tr[] = {{"ru", "Russian-Latin/BGN"}, {"uk", "Ukrainian-Latin/BGN"}};
    for (size_t t = 0; t < MTL_DATES_NELEM(tr); t++) {
        UErrorCode st = U_ZERO_ERROR;
        UChar id[32];
        u_uastrcpy(id, tr[t].id);
        UTransliterator *ut =
            utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
        if (U_FAILURE(st) || !ut)
            continue;
        for (size_t k = from; k < to; k++) {
            const char *ln = mtl_dates_month_locales[a->v[k].locale];
            if (strcmp(ln, tr[t].locale) != 0 || a->n == a->cap)
                continue;
            UChar u[MTL_DN_MAX];
            int32_t ul = 0;
            st = U_ZERO_ERROR;
            u_strFromUTF8(u, MTL_DN_MAX, &ul, a->v[k].name, -1, &st);
            if (U_FAILURE(st) || ul >= MTL_DN_MAX / 2)
                continue;
            int32_t lim = ul;
            utrans_transUChars(ut, u, &ul, MTL_DN_MAX, 0, &lim, &st);
            char out[MTL_DN_MAX];
            int32_t ol = 0;
            if (U_FAILURE(st))
                continue;
            u_strToUTF8(out, MTL_DN_MAX, &ol, u, ul, &st);
            bool plain = U_SUCCESS(st) && ol >= 6 && ol < MTL_DN_MAX;
            for (int32_t b = 0; plain && b < ol; b++)
                plain = out[b] >= 'a' && out[b] <= 'z';
            if (plain) {
                size_t at = a->n;
                mtl_dates_fmonth_add(a, a->v[k].locale, a->v[k].month - 1,
                                     out, (size_t)ol);
                if (a->n > at)
                    a->v[at].romanised = true;
            }
        }
        utrans_close(ut);
    }
}

static void
mtl_dates_fmonths_build(void)
{
    static const UDateFormatSymbolType types[] = {UDAT_MONTHS,
                                                  UDAT_STANDALONE_MONTHS};
    mtl_dates_fmonths_acc a = {0};
    a.cap = MTL_DATES_NELEM(mtl_dates_month_locales) * 2 * 12 + 2 * 2 * 12;
    a.v = mtl_xcalloc(a.cap, sizeof *a.v);
    mtl_dates_each_symbol(mtl_dates_month_locales,
                          MTL_DATES_NELEM(mtl_dates_month_locales), types,
                          MTL_DATES_NELEM(types), 12, mtl_dates_fmonth_add,
                          &a);
    mtl_dates_fmonths_romanised(&a, 0, a.n);
    qsort(a.v, a.n, sizeof *a.v, mtl_dates_fmonth_cmp);
    /* the filter of first bytes: not for the romanised names, looked
     * up after a day number only (their first letters, "se", "de", "no",
     * start too many words) */
    for (size_t k = 0; k < a.n; k++) {
        if (a.v[k].romanised)
            continue;
        unsigned p = ((unsigned char)a.v[k].name[0] & 31u) << 5 |
                     ((unsigned char)a.v[k].name[1] & 31u);
        mtl_dates_fm_pairs[p / 64] |= (uint64_t)1 << (p % 64);
    }
    for (size_t k = 0; k < a.n; k++) {
        if (k > 0 && strcmp(a.v[k - 1].name, a.v[k].name) == 0)
            continue;
        size_t len = strlen(a.v[k].name);
        mtl_dates_fm_last[len] |= 1u << ((unsigned char)a.v[k].name[len - 1] & 31);
        size_t j = mtl_dates_fm_hash(a.v[k].name, len);
        while (mtl_dates_fm_slot[j])
            j = (j + 1) & (MTL_DATES_FM_SLOTS - 1);
        mtl_dates_fm_slot[j] = (uint16_t)(k + 1);
    }
    mtl_dates_fmonths = a.v;
    mtl_dates_nfmonths = a.n;
}

/* False if the word at @p s (@p n bytes, two or more) is surely no month
 * name of mtl_dates_fmonths: its first two bytes, ASCII, lower-cased,
 * start none (a folded name starts with the same ASCII bytes). */
static inline bool
mtl_dates_fmonth_may(const char *s, size_t n)
{
    unsigned char b0 = (unsigned char)s[0], b1 = (unsigned char)s[1];
    if (n < 2 || b0 >= 0x80 || b1 >= 0x80)
        return true;
    /* built by mtl_dates_load, before any check; bit (byte & 31) is the
     * same for an ASCII letter and its lower case */
    unsigned p = (b0 & 31u) << 5 | (b1 & 31u);
    return (mtl_dates_fm_pairs[p / 64] >> (p % 64)) & 1;
}

/* The month of the languages above whose folded name is @p buf (@p n
 * bytes), the first language's when several share it; NULL if none. */
static const mtl_dates_fmonth *
mtl_dates_fmonth_find(const char *buf, size_t n)
{
    if (n < 3 || n >= MTL_DN_MAX)
        return NULL;
    pthread_once(&mtl_dates_fmonths_once, mtl_dates_fmonths_build);
    for (size_t j = mtl_dates_fm_hash(buf, n); mtl_dates_fm_slot[j];
         j = (j + 1) & (MTL_DATES_FM_SLOTS - 1)) {
        const mtl_dates_fmonth *f = &mtl_dates_fmonths[mtl_dates_fm_slot[j] - 1];
        if (memcmp(f->name, buf, n) == 0 && f->name[n] == '\0')
            return f;
    }
    return NULL;
}

static void
mtl_dates_word(mtl_dwords *w, const char *s, size_t n)
{
    char buf[24];
    size_t k = mtl_utf8_fold(s, n, buf, sizeof buf);
    if (k == (size_t)-1 || k == 0 || w->n >= MTL_DN_WORDS)
        return;
    w->len[w->n] = (uint8_t)k;
    memcpy(w->w[w->n++], buf, k + 1);
}

/* A phrase of words separated by spaces; a final '-' is a hyphen glued
 * to the month ("mi-"). */
static void
mtl_dates_phrase(mtl_dphrases *ph, const char *s, size_t n)
{
    if (ph->n >= MTL_DP_MAX)
        return;
    mtl_dphrase *p = &ph->p[ph->n];
    memset(p, 0, sizeof *p);
    if (n > 1 && s[n - 1] == '-') {
        p->dash = true;
        n--;
    }
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t a = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == a)
            break;
        if (p->n >= MTL_DP_WORDS)
            return; /* too long: left out */
        size_t k = mtl_utf8_fold(s + a, i - a, p->w[p->n], sizeof p->w[0]);
        if (k == (size_t)-1 || k == 0)
            return;
        p->len[p->n++] = (uint8_t)k;
    }
    if (p->n)
        ph->n++;
}

/* Sets the filters of mtl_dphrases: @p before, the phrases come before
 * the month. */
static void
mtl_dates_phrase_index(mtl_dphrases *ph, bool before)
{
    ph->near_len = ph->near_first = 0;
    for (size_t q = 0; q < ph->n; q++) {
        const mtl_dphrase *p = &ph->p[q];
        size_t w = before ? p->n - 1 : 0;
        ph->near_len |= 1u << (p->len[w] & 31);
        ph->near_first |= 1u << ((unsigned char)p->w[w][0] & 31);
    }
}

/* False if word token k can not be the word of a phrase of @p ph next to
 * the month (mtl_dphrases.near_len). */
static bool
mtl_dates_phrase_may(const mtl_doc *doc, const mtl_dphrases *ph, size_t k)
{
    const mtl_token *t = &doc->toks[k];
    if (t->kind != MTL_TOK_WORD)
        return false;
    if (!(t->flags & MTL_TF_ASCII))
        return true;
    return (ph->near_len >> (t->len & 31) & 1) &&
           (ph->near_first >> ((unsigned char)doc->text[t->start] & 31) & 1);
}

/* Letters only, folded: "v. Chr." -> "vchr". */
static void
mtl_dates_era_word(mtl_dwords *w, const char *s)
{
    char buf[24];
    size_t k = mtl_utf8_fold(s, strlen(s), buf, sizeof buf);
    if (k == (size_t)-1)
        return;
    size_t o = 0;
    for (size_t i = 0; i < k; i++)
        if (buf[i] != ' ' && buf[i] != '.' && buf[i] != '-' &&
            buf[i] != '\'')
            buf[o++] = buf[i];
    buf[o] = 0;
    if (o < 2 || w->n >= MTL_DN_WORDS)
        return;
    for (size_t i = 0; i < w->n; i++)
        if (strcmp(w->w[i], buf) == 0)
            return;
    w->len[w->n] = (uint8_t)o;
    memcpy(w->w[w->n++], buf, o + 1);
}

static bool
mtl_dates_all_lower(const char *s)
{
    size_t i = 0, n = strlen(s);
    bool any = false;
    while (i < n) {
        int32_t cp = mtl_utf8_next(s, n, &i);
        if (cp < 0)
            return false;
        if (u_isupper(cp) || u_istitle(cp))
            return false;
        if (u_islower(cp))
            any = true;
    }
    return any;
}

static uint64_t
mtl_dates_name_hash(const char *fold, size_t len, int what)
{
    return mtl_hash64(fold, len, 0xd47e0000u + (unsigned)what);
}

static void
mtl_dates_index(mtl_dates_state *s)
{
    memset(s->slot, 0, sizeof s->slot);
    memset(s->first, 0, sizeof s->first);
    memset(s->last, 0, sizeof s->last);
    memset(s->last2, 0, sizeof s->last2);
    memset(s->month_first, 0, sizeof s->month_first);
    for (size_t k = 0; k < s->nnames; k++) {
        mtl_dname *d = &s->names[k];
        d->nchars = (uint8_t)mtl_utf8_count(d->fold, d->len); /* < 48 */
        if (d->what == MTL_DN_MONTH) {
            s->month_first[(unsigned char)d->fold[0]] = true;
            d->baselen = (uint8_t)mtl_utf8_unaccent(d->fold, d->len, d->base,
                                                 sizeof d->base);
        }
        s->first[d->what][d->len] |= 1u << ((unsigned char)d->fold[0] & 31);
        s->last[d->what][d->len] |=
            1u << ((unsigned char)d->fold[d->len - 1] & 31);
        s->last2[d->what][(unsigned char)d->fold[d->len - 1] & 31] |=
            d->len >= 2 ? 1u << ((unsigned char)d->fold[d->len - 2] & 31)
                        : UINT32_MAX;
        size_t j = mtl_dates_name_hash(d->fold, d->len, d->what) &
                   (MTL_DN_SLOTS - 1);
        bool dup = false;
        while (s->slot[j]) {
            const mtl_dname *o = &s->names[s->slot[j] - 1];
            if (o->what == d->what && o->len == d->len &&
                memcmp(o->fold, d->fold, d->len) == 0) {
                dup = true; /* the earlier one answers */
                break;
            }
            j = (j + 1) & (MTL_DN_SLOTS - 1);
        }
        if (!dup)
            s->slot[j] = (uint8_t)(k + 1);
    }
    for (int w = 0; w < 3; w++) {
        uint32_t acc = 0;
        for (size_t len = 0; len < MTL_DN_MAX; len++) {
            acc |= s->last[w][len];
            s->last_upto[w][len] = acc;
        }
    }
    for (unsigned b = 0; b < 256; b++) {
        int l = mtl_ascii_lower((int)b);
        bool elided = l == 'd' || l == 'l' || l == 'a' || l == 'n' ||
                      l == 's' || l == 'q';
        s->typo_first[b] =
            (uint8_t)((b >= 0x80 || s->month_first[l] ? MTL_DATES_TF_MONTH
                                                      : 0) |
                      (elided ? MTL_DATES_TF_ELIDED : 0));
    }
}

/* The Gregorian calendar in UTC the checks compute with, or NULL. */
static UCalendar *
mtl_dates_cal_open(void)
{
    UErrorCode st = U_ZERO_ERROR;
    static const UChar utc[] = {'U', 'T', 'C', 0};
    UCalendar *cal = ucal_open(utc, -1, "en_US@calendar=gregorian",
                               UCAL_GREGORIAN, &st);
    if (U_FAILURE(st) || !cal) {
        if (cal)
            ucal_close(cal);
        return NULL;
    }
    return cal;
}

static int
mtl_dates_load(mtl_engine *engine, const mtl_lang *lang, void **state)
{
    (void)engine;
    const char *prim = mtl_lang_primary(lang);
    if (!prim || !prim[0] || strcmp(prim, "und") == 0)
        return MTL_OK;
    char loc[64];
    UErrorCode st = U_ZERO_ERROR;
    uloc_forLanguageTag(mtl_lang_tag(lang), loc, sizeof loc, NULL, &st);
    if (U_FAILURE(st))
        return MTL_OK;
    st = U_ZERO_ERROR;
    UDateFormat *df = udat_open(UDAT_NONE, UDAT_SHORT, loc, NULL, 0, NULL, 0,
                                &st);
    if (U_FAILURE(st) || !df)
        return MTL_OK;
    /* the other languages' month names, which mtl_dates_fmonth_may reads
     * without asking */
    pthread_once(&mtl_dates_fmonths_once, mtl_dates_fmonths_build);
    mtl_dates_state *s = mtl_xcalloc(1, sizeof *s);
    mtl_dates_symbols(s, df, UDAT_MONTHS, MTL_DN_MONTH, MTL_DF_FORMAT,
                      s->month_fmt);
    mtl_dates_symbols(s, df, UDAT_STANDALONE_MONTHS, MTL_DN_MONTH,
                      MTL_DF_STANDALONE, s->month_sa);
    mtl_dates_symbols(s, df, UDAT_SHORT_MONTHS, MTL_DN_MONTH, MTL_DF_SHORT,
                      NULL);
    mtl_dates_symbols(s, df, UDAT_STANDALONE_SHORT_MONTHS, MTL_DN_MONTH,
                      MTL_DF_SHORT, NULL);
    mtl_dates_symbols(s, df, UDAT_WEEKDAYS, MTL_DN_WEEKDAY, MTL_DF_FULL_WD,
                      s->wd_full);
    mtl_dates_symbols(s, df, UDAT_STANDALONE_WEEKDAYS, MTL_DN_WEEKDAY,
                      MTL_DF_FULL_WD, NULL);
    mtl_dates_symbols(s, df, UDAT_SHORT_WEEKDAYS, MTL_DN_WEEKDAY,
                      MTL_DF_SHORT, s->wd_short);
    mtl_dates_symbols(s, df, UDAT_STANDALONE_SHORT_WEEKDAYS, MTL_DN_WEEKDAY,
                      MTL_DF_SHORT, NULL);
    mtl_dates_symbols(s, df, UDAT_SHORTER_WEEKDAYS, MTL_DN_WEEKDAY,
                      MTL_DF_SHORTER, NULL);

    /* numeric order and separator from the short date pattern */
    UChar pat[128];
    st = U_ZERO_ERROR;
    int32_t pl = udat_toPattern(df, false, pat, 128, &st);
    int dpos = -1, mpos = -1;
    UChar sep = 0;
    for (int32_t i = 0; U_SUCCESS(st) && i < pl && i < 128; i++) {
        if (pat[i] == 'd' && dpos < 0)
            dpos = i;
        else if (pat[i] == 'M' && mpos < 0)
            mpos = i;
        else if (!sep && (pat[i] == '.' || pat[i] == '/' || pat[i] == '-'))
            sep = pat[i];
    }
    s->day_first = !(mpos >= 0 && dpos >= 0 && mpos < dpos);
    s->strict_order = sep == '.';
    s->dot_dates = sep == '.' && s->day_first;

    /* eras: index 0 is before the common era */
    for (int k = 0; k < 2; k++) {
        UChar u[64];
        char c[64];
        st = U_ZERO_ERROR;
        int32_t ul = udat_getSymbols(df, k ? UDAT_ERA_NAMES : UDAT_ERAS, 0,
                                     u, 64, &st);
        if (U_SUCCESS(st) && ul > 0 && ul < 64 &&
            mtl_dates_u2c(u, ul, c, sizeof c))
            mtl_dates_era_word(&s->era, c);
    }
    udat_close(df);

    /* full names of the regional variants (de-AT "Jänner") */
    char base[16];
    st = U_ZERO_ERROR;
    uloc_getLanguage(loc, base, sizeof base, &st);
    int32_t navail = uloc_countAvailable();
    size_t blen = strlen(base);
    for (int32_t i = 0; U_SUCCESS(st) && i < navail; i++) {
        const char *al = uloc_getAvailable(i);
        if (strncmp(al, base, blen) != 0 || al[blen] != '_')
            continue;
        UErrorCode st2 = U_ZERO_ERROR;
        UDateFormat *vf = udat_open(UDAT_NONE, UDAT_SHORT, al, NULL, 0, NULL,
                                    0, &st2);
        if (U_FAILURE(st2) || !vf)
            continue;
        mtl_dates_symbols(s, vf, UDAT_MONTHS, MTL_DN_MONTH, MTL_DF_FORMAT,
                          NULL);
        mtl_dates_symbols(s, vf, UDAT_STANDALONE_MONTHS, MTL_DN_MONTH,
                          MTL_DF_STANDALONE, NULL);
        mtl_dates_symbols(s, vf, UDAT_SHORT_MONTHS, MTL_DN_MONTH,
                          MTL_DF_SHORT, NULL);
        mtl_dates_symbols(s, vf, UDAT_WEEKDAYS, MTL_DN_WEEKDAY,
                          MTL_DF_FULL_WD, NULL);
        udat_close(vf);
    }

    /* the word for "year" (es "año", pl "rok") */
    st = U_ZERO_ERROR;
    UDateTimePatternGenerator *pg = udatpg_open(loc, &st);
    if (U_SUCCESS(st) && pg) {
        int32_t yl = 0;
        const UChar *yu = udatpg_getAppendItemName(pg, UDATPG_YEAR_FIELD,
                                                   &yl);
        char c[64];
        if (yu && yl > 0 && yl < 64 && mtl_dates_u2c(yu, yl, c, sizeof c))
            mtl_dates_word(&s->year, c, strlen(c));
        /* how the language writes a day and a month (en "MMMM d", es
         * "d 'de' MMMM"): the month-language rule's suggestion */
        static const UChar skel[] = {'d', 'M', 'M', 'M', 'M', 0};
        st = U_ZERO_ERROR;
        int32_t pl2 = udatpg_getBestPattern(pg, skel, -1, s->dm_pat,
                                            MTL_DATES_NELEM(s->dm_pat) - 1,
                                            &st);
        s->dm_patlen = U_SUCCESS(st) && pl2 > 0 ? pl2 : 0;
        udatpg_close(pg);
    }

    s->lower_months = true;
    s->upper_months = true;
    s->forms_differ = false;
    for (int m = 1; m <= 12; m++) {
        if (!mtl_dates_all_lower(s->month_fmt[m]))
            s->lower_months = false;
        {
            size_t k = 0;
            int32_t cp = mtl_utf8_next(s->month_fmt[m],
                                       strlen(s->month_fmt[m]), &k);
            if (!s->month_fmt[m][0] || !u_isupper(cp))
                s->upper_months = false;
        }
        char a[MTL_DN_MAX], b[MTL_DN_MAX];
        size_t la = mtl_utf8_fold(s->month_fmt[m], strlen(s->month_fmt[m]),
                                  a, sizeof a);
        size_t lb = mtl_utf8_fold(s->month_sa[m], strlen(s->month_sa[m]),
                                  b, sizeof b);
        if (la != (size_t)-1 && lb != (size_t)-1 && s->month_sa[m][0] &&
            (la != lb || memcmp(a, b, la) != 0))
            s->forms_differ = true;
    }
    /* Portuguese writers capitalise months often enough (pt-PT before
     * 2009): the rule is left out there. */
    s->month_case = s->lower_months && strcmp(base, "pt") != 0;

    /* lexicons/<lang>/date-words.txt */
    s->func = mtl_lang_lexicon(lang, "function-words");
    const mtl_lexicon *lex = mtl_lang_lexicon(lang, "date-words");
    s->words = lex;
    size_t ne = 0;
    const mtl_lex_entry *e = lex ? mtl_lexicon_entries(lex, &ne) : NULL;
    for (size_t i = 0; i < ne; i++) {
        const char *sec = e[i].section;
        if (strcmp(sec, "connector") == 0)
            mtl_dates_word(&s->connector, e[i].text, e[i].len);
        else if (strcmp(sec, "article") == 0 &&
                 memchr(e[i].text, ' ', e[i].len))
            mtl_dates_phrase(&s->article_phrases, e[i].text, e[i].len);
        else if (strcmp(sec, "article") == 0)
            mtl_dates_word(&s->article, e[i].text, e[i].len);
        else if (strcmp(sec, "range") == 0)
            mtl_dates_word(&s->range, e[i].text, e[i].len);
        else if (strcmp(sec, "year") == 0)
            mtl_dates_word(&s->year, e[i].text, e[i].len);
        else if (strcmp(sec, "season") == 0)
            mtl_dates_word(&s->season, e[i].text, e[i].len);
        else if (strcmp(sec, "next") == 0)
            mtl_dates_word(&s->next, e[i].text, e[i].len);
        else if (strcmp(sec, "between") == 0) {
            const char *sp = memchr(e[i].text, ' ', e[i].len);
            if (sp && sp > e[i].text && sp + 1 < e[i].text + e[i].len) {
                mtl_dates_word(&s->between, e[i].text,
                               (size_t)(sp - e[i].text));
                mtl_dates_word(&s->between_and, sp + 1,
                               e[i].len - (size_t)(sp + 1 - e[i].text));
            }
        }
        else if (strcmp(sec, "era") == 0)
            mtl_dates_era_word(&s->era, e[i].text);
        else if (strcmp(sec, "ordinal") == 0)
            mtl_dates_word(&s->ordinal, e[i].text, e[i].len);
        else if (strcmp(sec, "deictic") == 0)
            mtl_dates_word(&s->deictic, e[i].text, e[i].len);
        else if (strcmp(sec, "year-prep") == 0)
            mtl_dates_word(&s->year_prep, e[i].text, e[i].len);
        else if (strcmp(sec, "birth") == 0)
            mtl_dates_word(&s->birth, e[i].text, e[i].len);
        else if (strcmp(sec, "holiday") == 0)
            mtl_dates_word(&s->holiday, e[i].text, e[i].len);
        else if (strcmp(sec, "before-month") == 0)
            mtl_dates_phrase(&s->before_month, e[i].text, e[i].len);
        else if (strcmp(sec, "after-month") == 0)
            mtl_dates_phrase(&s->after_month, e[i].text, e[i].len);
    }
    mtl_dates_phrase_index(&s->before_month, true);
    mtl_dates_phrase_index(&s->after_month, false);
    mtl_dates_phrase_index(&s->article_phrases, true);
    mtl_dates_index(s);
    s->cal = mtl_dates_cal_open();
    *state = s;
    return MTL_OK;
}

static void
mtl_dates_unload(void *state)
{
    mtl_dates_state *s = state;
    if (s && s->cal)
        ucal_close(s->cal);
    free(state);
}

/* ------------------------------------------------------------ helpers */

typedef struct mtl_dctx {
    const mtl_dates_state *s;
    const mtl_doc *doc;
    mtl_checker *ck;
    mtl_flags *out;
    UCalendar *cal; /* opened lazily */
    bool cal_failed;
    /* the last token before the one mtl_dates_run is at that is a number
     * or a word with a digit (mtl_dates_numeric_tok), SIZE_MAX if none */
    size_t num_before;
    /* the earliest and latest years of the document's dates (0 when
     * none) and its latest year-like number: a weekday date without a
     * year is checked against that year when they are all one
     * (mtl_dates_doc_year); its full dates (year, month, day), the first
     * 16 of them */
    int ymin, ymax, bare_ymax;
    /* the first distinct four-digit years 1900..2100 of the document's
     * title (its first line) and of its copyright lines ("©", "Copyright"):
     * the year of writing, unlike the years of its prose */
    int years[16];
    unsigned nyears;
    /* the first full date of the document when it is its dateline (near
     * the start of one of its first paragraphs): year, month, day */
    int lead[3];
    /* month-language: the month word last flagged, plus one (0: none),
     * so that "12 Februar 2022" is flagged once */
    size_t fm_word;
    /* candidates of month-case without a day or a year, or after a
     * connector ("del 22 de Diciembre"), so far: each
     * scans the document once (mtl_dates_bare_case) */
    unsigned bare_case;
    /* the line last asked about by mtl_dates_writing_line, and its answer */
    uint32_t wl_line;
    bool wl_is;
    bool year_doubt; /* a full date's weekday does not match its year */
    int accented;    /* mtl_dates_accented: -1 not asked yet */
    bool dict;       /* the language has a dictionary: asked per word */
    int anchor[16][3];
    size_t anchor_at[16]; /* the byte where each starts */
    /* whether the anchor's weekday falls on it ("terça-feira, 2 de julho
     * de 2024"), proving its year */
    bool anchor_sure[16];
    /* whether a word of [next] stands before it in its sentence ("la
     * prochaine édition, du vendredi 13 au dimanche 15 mars 2026"): a
     * date of another year than the story's */
    bool anchor_next[16];
    size_t nanchor;
    /* months (bits 1..12) the document spells as ICU does, in full */
    uint32_t months_seen;
    /* the last date of a day and a month name read (mtl_dates_range_months):
     * its tokens, bytes, month and day, and whether it has a year */
    size_t rg_first, rg_last, rg_start, rg_end;
    int rg_month, rg_day;
    bool rg_year, rg_set;
    /* month typos in a language without a dictionary, decided when the
     * whole document has been read (mtl_dates_typo_resolve) */
    struct mtl_dtypo {
        size_t tok, start, end;
        int month;
        char sug[256];
        char name[MTL_DN_MAX + 8];
    } typo[8];
    size_t ntypo;
} mtl_dctx;

static bool
mtl_dctx_cal(mtl_dctx *c)
{
    if (c->cal)
        return true;
    if (c->cal_failed)
        return false;
    if (c->s->cal) {
        UErrorCode st = U_ZERO_ERROR;
        c->cal = ucal_clone(c->s->cal, &st);
        if (U_SUCCESS(st) && c->cal)
            return true;
        if (c->cal)
            ucal_close(c->cal);
    }
    c->cal = mtl_dates_cal_open();
    if (!c->cal) {
        c->cal_failed = true;
        return false;
    }
    return true;
}

/* Days in month @p m of year @p y (0 = unknown year: February has 29). */
static int
mtl_dates_days_in(mtl_dctx *c, int y, int m)
{
    static const int dim[13] = {0, 31, 29, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (y <= 0 || m != 2 || !mtl_dctx_cal(c))
        return dim[m];
    UErrorCode st = U_ZERO_ERROR;
    ucal_clear(c->cal);
    ucal_setDate(c->cal, y, m - 1, 1, &st);
    int32_t n = ucal_getLimit(c->cal, UCAL_DAY_OF_MONTH, UCAL_ACTUAL_MAXIMUM,
                              &st);
    return U_SUCCESS(st) ? n : dim[m];
}

/* Weekday (1 = Sunday) of a valid date, or 0. */
static int
mtl_dates_weekday(mtl_dctx *c, int y, int m, int d)
{
    if (!mtl_dctx_cal(c))
        return 0;
    if (y >= 1583 && y <= 12000 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        /* after the calendar's switch from Julian (1582-10-15): the days
         * since 0000-03-01, a Wednesday, of the proleptic Gregorian
         * calendar (H. Hinnant's days_from_civil, years from March), a
         * day past the end of the month running on into the next as in
         * the lenient calendar.  The same as ICU for every such date
         * (checked), at a hundredth of the cost. */
        int yy = y - (m <= 2);
        long era = yy / 400, yoe = yy - era * 400;
        long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return (int)((days + 3) % 7) + 1; /* UCAL_SUNDAY = 1 */
    }
    UErrorCode st = U_ZERO_ERROR;
    ucal_clear(c->cal);
    ucal_setDate(c->cal, y, m - 1, d, &st);
    int32_t w = ucal_get(c->cal, UCAL_DAY_OF_WEEK, &st);
    return U_SUCCESS(st) ? w : 0;
}

static const mtl_token *
mtl_tk(const mtl_dctx *c, size_t i)
{
    return &c->doc->toks[i];
}

/* Strips an elided article ("d'octubre" -> "octubre") from the @p *n
 * bytes at @p *p. */
static void
mtl_dates_strip_elided(const char **p, size_t *n)
{
    const char *s = *p;
    for (size_t k = 0; k + 1 < *n; k++) {
        if (s[k] == '\'') {
            *p += k + 1, *n -= k + 1;
            return;
        }
        if ((unsigned char)s[k] == 0xE2 && k + 3 < *n &&
            (unsigned char)s[k + 1] == 0x80 &&
            (unsigned char)s[k + 2] == 0x99) {
            *p += k + 3, *n -= k + 3;
            return;
        }
    }
}

/* Folds token @p i into @p buf; strips an elided article when @p strip.
 * Returns the length or 0. */
static size_t
mtl_dates_fold_tok(const mtl_dctx *c, size_t i, char *buf, size_t cap,
                   bool strip)
{
    const mtl_token *t = mtl_tk(c, i);
    const char *p = c->doc->text + t->start;
    size_t n = t->len;
    if (strip)
        mtl_dates_strip_elided(&p, &n);
    size_t k = mtl_utf8_fold(p, n, buf, cap);
    return k == (size_t)-1 ? 0 : k;
}

/* Byte offset where the name starts inside token i (after "d'"). */
static size_t
mtl_dates_name_start(const mtl_dctx *c, size_t i)
{
    const mtl_token *t = mtl_tk(c, i);
    const char *p = c->doc->text + t->start;
    for (size_t k = 0; k + 1 < t->len; k++) {
        if (p[k] == '\'')
            return t->start + k + 1;
        if ((unsigned char)p[k] == 0xE2 && k + 3 < t->len &&
            (unsigned char)p[k + 1] == 0x80 &&
            (unsigned char)p[k + 2] == 0x99)
            return t->start + k + 3;
    }
    return t->start;
}

/* False if no name of kind @p what has @p n bytes (folded, < MTL_DN_MAX)
 * that start with byte @p b0 and end with byte @p b1. */
static bool
mtl_dates_may_be(const mtl_dates_state *s, int what, size_t n, unsigned b0,
                 unsigned b1)
{
    return (s->first[what][n] >> (b0 & 31) & 1) &&
           (s->last[what][n] >> (b1 & 31) & 1);
}

/* The name of kind @p what spelled by the @p n bytes at @p p, or NULL.
 * @p ascii: the bytes are all ASCII, and fold to their lower case (what
 * mtl_utf8_fold makes of them, without its checks for other bytes). */
static const mtl_dname *
mtl_dates_find(const mtl_dates_state *s, int what, const char *p, size_t n,
               bool ascii)
{
    char buf[MTL_DN_MAX];
    if (ascii) {
        if (n >= MTL_DN_MAX) /* mtl_utf8_fold: no room for the NUL */
            return NULL;
        for (size_t k = 0; k < n; k++)
            buf[k] = (char)mtl_ascii_lower((unsigned char)p[k]);
    } else {
        n = mtl_utf8_fold(p, n, buf, sizeof buf);
        if (n == (size_t)-1)
            return NULL;
    }
    if (n == 0 || !mtl_dates_may_be(s, what, n, (unsigned char)buf[0],
                                    (unsigned char)buf[n - 1]))
        return NULL;
    size_t j = mtl_dates_name_hash(buf, n, what) & (MTL_DN_SLOTS - 1);
    while (s->slot[j]) {
        const mtl_dname *d = &s->names[s->slot[j] - 1];
        if (d->what == what && d->len == n && memcmp(d->fold, buf, n) == 0)
            return d;
        j = (j + 1) & (MTL_DN_SLOTS - 1);
    }
    return NULL;
}

/* False if no name of kind @p what ends in the bytes @p b2 @p b1 (folded),
 * nor has one byte only. */
static bool
mtl_dates_may_end(const mtl_dates_state *s, int what, unsigned b2,
                  unsigned b1)
{
    return s->last2[what][b1 & 31] >> (b2 & 31) & 1;
}

/* mtl_dates_lookup past its filter, apart so that the filter stays
 * small: @p whole tells whether the ASCII word passed the filter of its
 * own length. */
static const mtl_dname *
mtl_dates_lookup_word(const mtl_dates_state *s, int what, const char *p,
                      size_t n, bool ascii, bool whole)
{
    if (!ascii) {
        mtl_dates_strip_elided(&p, &n);
        return mtl_dates_find(s, what, p, n, false);
    }
    /* ASCII: mtl_dates_strip_elided has only the apostrophe to look for */
    const char *q = n > 1 ? memchr(p, '\'', n - 1) : NULL;
    if (!q)
        return whole ? mtl_dates_find(s, what, p, n, true) : NULL;
    n -= (size_t)(q + 1 - p);
    p = q + 1;
    if (n >= MTL_DN_MAX || !mtl_dates_may_be(s, what, n, (unsigned char)p[0],
                                             (unsigned char)p[n - 1]))
        return NULL;
    return mtl_dates_find(s, what, p, n, true);
}

/* The name of kind @p what that token i spells, or NULL.  Every word of a
 * document is looked up, and most fail the filters here.  The filters
 * test bit (byte & 31) of their masks, the same bit for an ASCII letter
 * and its lower case: ASCII bytes are tested as they are, not folded.
 * Inline: mtl_dates_run looks up every word, and has its token at hand. */
__attribute__((always_inline)) static inline const mtl_dname *
mtl_dates_lookup_tok(const mtl_dctx *c, const mtl_token *t, int what)
{
    if (t->kind != MTL_TOK_WORD || (t->flags & MTL_TF_DIGIT) || t->len == 0)
        return NULL;
    const mtl_dates_state *s = c->s;
    const char *p = c->doc->text + t->start;
    size_t n = t->len;
    /* the last byte stays the last one when an elided article is cut off
     * (mtl_dates_strip_elided) */
    unsigned b1 = (unsigned char)p[n - 1];
    /* and so does the byte before it, when the tail has two bytes or more
     * (a tail of one byte follows the apostrophe) */
    unsigned b2 = n >= 2 ? (unsigned char)p[n - 2] : 0x80;
    if (!(t->flags & MTL_TF_ASCII)) {
        if (b1 < 0x80 && !(t->flags & MTL_TF_INVALID)) {
            if (!(s->last_upto[what][MTL_DN_MAX - 1] >> (b1 & 31) & 1))
                return NULL;
            if (b2 < 0x80 && !mtl_dates_may_end(s, what, b2, b1))
                return NULL;
        } else if (b2 == 0xC3 && b1 != 0x9F && !(t->flags & MTL_TF_INVALID)) {
            /* a last letter from U+00C0 on ("está", "città"): its fold
             * is itself or 0x20 on (U+00C0..U+00DE), the same bits, but
             * for U+00DF ("ss") */
            if (!(s->last_upto[what][MTL_DN_MAX - 1] >> (b1 & 31) & 1) ||
                !mtl_dates_may_end(s, what, b2, b1))
                return NULL;
        }
        return mtl_dates_lookup_word(s, what, p, n, false, false);
    }
    /* ASCII: the name is the whole word (folded to its own length) or the
     * tail after an apostrophe, and so ends in the word's last two bytes
     * or has one byte only: a word of two bytes or more that fails
     * mtl_dates_may_end has none, and most words fail it.  The tail is
     * shorter than the word: a word that fails the filter of its own
     * length and of every shorter one has no name in it either, with or
     * without an apostrophe. */
    if (n >= 2 && !mtl_dates_may_end(s, what, b2, b1))
        return NULL;
    bool whole = n < MTL_DN_MAX &&
                 mtl_dates_may_be(s, what, n, (unsigned char)p[0], b1);
    size_t shorter = n - 1 < MTL_DN_MAX ? n - 1 : MTL_DN_MAX - 1;
    if (!whole && (n < 2 || !(s->last_upto[what][shorter] >> (b1 & 31) & 1)))
        return NULL;
    return mtl_dates_lookup_word(s, what, p, n, true, whole);
}

/* The name of kind @p what that token i spells, or NULL. */
static const mtl_dname *
mtl_dates_lookup(const mtl_dctx *c, size_t i, int what)
{
    return mtl_dates_lookup_tok(c, mtl_tk(c, i), what);
}

/* A weekday name, or an inflected form of a full one right before a date
 * (pl "w niedzielę" of "niedziela", en "Mondays"): the name's stem less
 * its last letter, and at most two letters more. */
static const mtl_dname *
mtl_dates_lookup_wd(const mtl_dctx *c, size_t i)
{
    const mtl_dname *d = mtl_dates_lookup(c, i, MTL_DN_WEEKDAY);
    const mtl_token *t = mtl_tk(c, i);
    if (d || t->kind != MTL_TOK_WORD || (t->flags & MTL_TF_DIGIT) ||
        t->casing == MTL_CASE_MIXED)
        return d;
    char buf[MTL_DN_MAX];
    size_t n = mtl_dates_fold_tok(c, i, buf, sizeof buf, false);
    for (size_t k = 0; n && k < c->s->nnames; k++) {
        const mtl_dname *w = &c->s->names[k];
        if (w->what != MTL_DN_WEEKDAY || !(w->forms & MTL_DF_FULL_WD) ||
            w->len < 5 || n + 1 < w->len || n > (size_t)w->len + 2)
            continue;
        size_t cp = 0;
        while (cp < n && cp < w->len && buf[cp] == w->fold[cp])
            cp++;
        /* the differing tail must start on a character boundary */
        while (cp > 0 && ((unsigned char)w->fold[cp] & 0xC0) == 0x80)
            cp--;
        if (cp + 2 >= w->len && cp >= 4)
            return w;
    }
    return NULL;
}

static bool
mtl_dates_in(const mtl_dwords *w, const char *s, size_t n)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->len[i] == n && memcmp(w->w[i], s, n) == 0)
            return true;
    return false;
}

static bool
mtl_dates_tok_in(const mtl_dctx *c, size_t i, const mtl_dwords *w)
{
    char buf[24];
    const mtl_token *t = mtl_tk(c, i);
    if (t->kind != MTL_TOK_WORD)
        return false;
    size_t n = mtl_dates_fold_tok(c, i, buf, sizeof buf, false);
    return n && mtl_dates_in(w, buf, n);
}

/* A word of [next] among the eight tokens before token @p w in its
 * sentence ("la prochaine édition, du vendredi 13"). */
static bool
mtl_dates_next_before(const mtl_dctx *c, size_t w)
{
    if (c->s->next.n == 0)
        return false;
    for (size_t k = w, steps = 0; k > 0 && steps < 8; steps++) {
        k--;
        if (mtl_tk(c, k)->sent != mtl_tk(c, w)->sent)
            return false;
        if (mtl_dates_tok_in(c, k, &c->s->next))
            return true;
    }
    return false;
}

/* True if word token @p i elides its first word and the rest is in
 * @p w ("jusqu'au", "jusqu’au" with "au"). */
static bool
mtl_dates_elided_in(const mtl_dctx *c, size_t i, const mtl_dwords *w)
{
    char buf[24];
    const mtl_token *t = mtl_tk(c, i);
    if (t->kind != MTL_TOK_WORD || mtl_dates_name_start(c, i) == t->start)
        return false;
    size_t n = mtl_dates_fold_tok(c, i, buf, sizeof buf, true);
    return n && mtl_dates_in(w, buf, n);
}

/* Token @p q is the apostrophe of an elided article glued to the day
 * after it ("l'8", "dall’11", "Dall'11"): glued to one to five letters
 * before it, lower case but the first, and to the token after it. */
static bool
mtl_dates_elided_article(const mtl_dctx *c, size_t q)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = mtl_tk(c, q);
    if (q == 0 || q + 1 >= doc->ntoks || t->kind != MTL_TOK_PUNCT ||
        !(mtl_tok_is_char(doc, t, '\'') || mtl_tok_is_char(doc, t, 0x2019)) ||
        !mtl_tok_glued_prev(doc, q) || !mtl_tok_glued_prev(doc, q + 1))
        return false;
    const mtl_token *a = mtl_tk(c, q - 1);
    const char *s = doc->text + a->start;
    if (a->kind != MTL_TOK_WORD || a->len == 0 || a->len > 5)
        return false;
    for (size_t k = 0; k < a->len; k++)
        if ((s[k] < 'a' || s[k] > 'z') && !(k == 0 && s[k] >= 'A' && s[k] <= 'Z'))
            return false;
    return true;
}

/* True if token i is the one-byte punctuation @p ch. */
static bool
mtl_dates_is(const mtl_dctx *c, size_t i, char ch)
{
    const mtl_token *t = mtl_tk(c, i);
    return t->len == 1 && c->doc->text[t->start] == ch;
}

static bool
mtl_dates_is_dash(const mtl_dctx *c, size_t i)
{
    const mtl_token *t = mtl_tk(c, i);
    if (t->kind != MTL_TOK_PUNCT)
        return false;
    const char *p = c->doc->text + t->start;
    if (t->len == 1)
        return p[0] == '-';
    return t->len == 3 && (unsigned char)p[0] == 0xE2 &&
           (unsigned char)p[1] == 0x80 &&
           ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94);
}

static bool
mtl_dates_same_sent(const mtl_dctx *c, size_t a, size_t b)
{
    return b < c->doc->ntoks && mtl_tk(c, a)->line == mtl_tk(c, b)->line;
}

/* Value of a token of ASCII digits only (at most @p maxd digits), or -1. */
static long
mtl_dates_num(const mtl_dctx *c, size_t i, size_t maxd)
{
    const mtl_token *t = mtl_tk(c, i);
    if (t->kind != MTL_TOK_NUMBER || t->len > maxd || t->len == 0)
        return -1;
    const char *p = c->doc->text + t->start;
    long v = 0;
    for (size_t k = 0; k < t->len; k++) {
        if (!mtl_is_digit((unsigned char)p[k]))
            return -1;
        v = v * 10 + (p[k] - '0');
    }
    return v;
}

/* A day: "25", "25th", "1er", "1º"; sets *ord when it carries an ordinal
 * mark.  Returns the day (1..999) or -1. */
static long
mtl_dates_day(const mtl_dctx *c, size_t i, bool *ord)
{
    const mtl_token *t = mtl_tk(c, i);
    *ord = false;
    if (t->kind == MTL_TOK_NUMBER) {
        long v = mtl_dates_num(c, i, 3);
        if (v <= 0)
            return -1;
        /* "23." with the ordinal dot */
        if (i + 1 < c->doc->ntoks && mtl_dates_is(c, i + 1, '.') &&
            mtl_tok_glued_prev(c->doc, i + 1))
            *ord = true;
        return v;
    }
    if (t->kind != MTL_TOK_WORD || !(t->flags & MTL_TF_DIGIT))
        return -1;
    const char *p = c->doc->text + t->start;
    size_t k = 0;
    long v = 0;
    while (k < t->len && k < 3 && mtl_is_digit((unsigned char)p[k]))
        v = v * 10 + (p[k++] - '0');
    if (k == 0 || v <= 0 || v > 99)
        return -1;
    char buf[24];
    size_t n = mtl_utf8_fold(p + k, t->len - k, buf, sizeof buf);
    if (n == (size_t)-1 || n == 0 || !mtl_dates_in(&c->s->ordinal, buf, n))
        return -1;
    *ord = true;
    return v;
}

/* Index of the next token after i in the same line, skipping nothing. */
static bool
mtl_dates_next(const mtl_dctx *c, size_t i, size_t *j)
{
    if (i + 1 >= c->doc->ntoks || !mtl_dates_same_sent(c, i, i + 1))
        return false;
    *j = i + 1;
    return true;
}

static bool
mtl_dates_prev(const mtl_dctx *c, size_t i, size_t *j)
{
    if (i == 0 || mtl_tk(c, i - 1)->line != mtl_tk(c, i)->line)
        return false;
    *j = i - 1;
    return true;
}

/* True if token @p i is a word of the week of writing in lower case
 * after the article of a date ("el pasado 7 de marzo"). */
static bool
mtl_dates_article_deictic(const mtl_dctx *c, size_t i)
{
    size_t a;
    return mtl_tk(c, i)->casing == MTL_CASE_LOWER &&
           mtl_dates_tok_in(c, i, &c->s->deictic) && mtl_dates_prev(c, i, &a) &&
           mtl_dates_tok_in(c, a, &c->s->article);
}

/* Skips a separator between the parts of a date going forward from token
 * i (exclusive): ',' '.' '/' '-' (glued) or a connector word. */
static size_t
mtl_dates_skip_fwd(const mtl_dctx *c, size_t i)
{
    size_t j = i, k;
    for (int n = 0; n < 3; n++) {
        if (!mtl_dates_next(c, j, &k))
            break;
        const mtl_token *t = mtl_tk(c, k);
        bool glued = mtl_tok_glued_prev(c->doc, k);
        if (mtl_dates_is(c, k, ',') || (glued && mtl_dates_is(c, k, '.')) ||
            (glued && (mtl_dates_is(c, k, '/') || mtl_dates_is(c, k, '-')) &&
             k + 1 < c->doc->ntoks && mtl_tok_glued_prev(c->doc, k + 1)) ||
            (t->kind == MTL_TOK_WORD &&
             (mtl_dates_tok_in(c, k, &c->s->connector) ||
              mtl_dates_tok_in(c, k, &c->s->year))))
            j = k;
        else
            break;
    }
    return j + 1;
}

static size_t
mtl_dates_skip_back(const mtl_dctx *c, size_t i)
{
    size_t j = i, k;
    for (int n = 0; n < 3; n++) {
        if (!mtl_dates_prev(c, j, &k))
            break;
        const mtl_token *t = mtl_tk(c, k);
        bool glued = mtl_tok_glued_prev(c->doc, j);
        if ((mtl_dates_is(c, k, '.') && (glued ||
             (mtl_tok_glued_prev(c->doc, k) &&
              mtl_tk(c, k - 1)->kind == MTL_TOK_NUMBER))) ||
            (glued && (mtl_dates_is(c, k, '/') || mtl_dates_is(c, k, '-')) &&
             mtl_tok_glued_prev(c->doc, k)) ||
            (t->kind == MTL_TOK_WORD && mtl_dates_tok_in(c, k,
                                                         &c->s->connector)) ||
            /* the degree sign some write for the ordinal of the first
             * ("il 1° giugno") */
            (k > 0 && mtl_tok_is_char(c->doc, t, 0xB0) &&
             mtl_tok_glued_prev(c->doc, k) &&
             mtl_tk(c, k - 1)->kind == MTL_TOK_NUMBER &&
             mtl_tk(c, k - 1)->len <= 2))
            j = k;
        else
            break;
    }
    return j; /* first skipped token, or i */
}

/* A year: 4 digits 1000..2999 (or 1..9999 with @p loose), or a five-digit
 * number (*five set).  Returns the value or -1. */
static long
mtl_dates_year(const mtl_dctx *c, size_t i, bool *five)
{
    *five = false;
    long v = mtl_dates_num(c, i, 5);
    const mtl_token *t = mtl_tk(c, i);
    if (v < 0)
        return -1;
    if (t->len == 4 && v >= 1000 && v <= 2999)
        return v;
    if (t->len == 5 && v >= 10000) {
        *five = true;
        return v;
    }
    return -1;
}

/* True if an era before the common era ("BC", "v. Chr.", "p.n.e.") starts
 * at token i. */
static bool
mtl_dates_bc_at(const mtl_dctx *c, size_t i)
{
    char acc[32];
    size_t n = 0;
    for (size_t j = i; j < c->doc->ntoks && j < i + 8; j++) {
        const mtl_token *t = mtl_tk(c, j);
        if (j > i && !mtl_dates_same_sent(c, i, j))
            break;
        if (t->kind == MTL_TOK_PUNCT) {
            if (!mtl_dates_is(c, j, '.') && !mtl_dates_is(c, j, '-'))
                break;
            continue;
        }
        if (t->kind != MTL_TOK_WORD)
            break;
        char buf[24];
        size_t k = mtl_dates_fold_tok(c, j, buf, sizeof buf, false);
        for (size_t q = 0; q < k; q++)
            if (buf[q] != '.' && buf[q] != '-' && n + 1 < sizeof acc)
                acc[n++] = buf[q];
        acc[n] = 0;
        if (mtl_dates_in(&c->s->era, acc, n))
            return true;
        if (n > 8)
            break;
    }
    return false;
}

/* Roman month I..XII as its own upper-case token. */
static int
mtl_dates_roman(const mtl_dctx *c, size_t i)
{
    static const char *const rom[13] = {"", "I", "II", "III", "IV", "V",
                                        "VI", "VII", "VIII", "IX", "X",
                                        "XI", "XII"};
    static const uint8_t rlen[13] = {0, 1, 2, 3, 2, 1, 2, 3, 4, 2, 1, 2, 3};
    const mtl_token *t = mtl_tk(c, i);
    /* a numeral is capitals only: no lower-case word's text is read */
    if (t->kind != MTL_TOK_WORD || t->len > 4 ||
        t->casing == MTL_CASE_LOWER)
        return 0;
    char c0 = c->doc->text[t->start];
    if (c0 != 'I' && c0 != 'V' && c0 != 'X') /* what every numeral starts with */
        return 0;
    for (int m = 1; m <= 12; m++)
        if (rlen[m] == t->len &&
            memcmp(rom[m], c->doc->text + t->start, t->len) == 0)
            return m;
    return 0;
}

/* Copies @p name into @p out with the case of token i (title, upper or as
 * ICU writes it). */
static void
mtl_dates_cased(const mtl_dctx *c, size_t i, const char *name, char *out,
                size_t cap)
{
    const mtl_token *t = mtl_tk(c, i);
    UChar u[64];
    UErrorCode st = U_ZERO_ERROR;
    int32_t ul = 0;
    u_strFromUTF8(u, 64, &ul, name, -1, &st);
    if (U_FAILURE(st) || ul >= 64) {
        snprintf(out, cap, "%s", name);
        return;
    }
    if (t->casing == MTL_CASE_UPPER) {
        UChar v[64];
        st = U_ZERO_ERROR;
        int32_t vl = u_strToUpper(v, 64, u, ul, "", &st);
        if (U_SUCCESS(st) && vl < 64)
            memcpy(u, v, (size_t)vl * sizeof(UChar)), ul = vl;
    } else if (t->casing == MTL_CASE_TITLE && ul > 0) {
        u[0] = (UChar)u_totitle(u[0]);
    } else if (t->casing == MTL_CASE_LOWER && ul > 0) {
        u[0] = (UChar)u_tolower(u[0]);
    }
    mtl_dates_u2c(u, ul, out, cap);
}

/* True if the name inside token i ("Agost" in "d'Agost") is title case. */
static bool
mtl_dates_title_at(const mtl_dctx *c, size_t i)
{
    const mtl_token *t = mtl_tk(c, i);
    size_t ns = mtl_dates_name_start(c, i);
    const char *p = c->doc->text;
    size_t e = t->start + t->len, k = ns;
    int32_t cp = mtl_utf8_next(p, e, &k);
    if (cp < 0 || !(u_isupper(cp) || u_istitle(cp)))
        return false;
    while (k < e) {
        cp = mtl_utf8_next(p, e, &k);
        if (cp < 0 || u_isupper(cp))
            return false;
    }
    return true;
}

/* True if token i follows a colon, a bar, a bracket, a dash or an
 * opening quote: a place where a capital starts a new phrase
 * ("Fecha: Abril 2022"). */
static bool
mtl_dates_after_label(const mtl_dctx *c, size_t i)
{
    size_t k;
    if (!mtl_dates_prev(c, i, &k))
        return true;
    const mtl_token *t = mtl_tk(c, k);
    if (t->kind != MTL_TOK_PUNCT || mtl_dates_elided_article(c, k))
        return false; /* (no quote: "l'8 Agosto") */
    uint32_t cp = mtl_tok_first_cp(c->doc, t);
    return cp == ':' || cp == '|' || cp == '(' || cp == '[' || cp == '"' ||
           cp == 0x201C || cp == 0x201E || cp == 0xAB || cp == 0x2018 ||
           cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == ';' ||
           cp == 0xBF || cp == 0xA1 || cp == '\'';
}

/* -------------------------------------------------------- date records */

typedef struct mtl_date {
    size_t start, end;     /* bytes of the whole date */
    size_t first, last;    /* tokens */
    int day, month, year;  /* 0 when absent */
    int day2, month2;      /* second reading of a numeric date, or 0 */
    bool bc;
    bool numeric;
} mtl_date;

/* A weekday/date pair without a year, checked against the others. */
typedef struct mtl_dpair {
    size_t start, end;
    size_t wtok;
    int wd, m, d, m2, d2;
} mtl_dpair;

/* The year that puts @p m / @p d nearest to the reference date: a date
 * written in late December and checked in early January belongs to the
 * year before. */
static int
mtl_dates_nearest_year(mtl_dctx *c, int32_t ref, int m, int d)
{
    int ry = ref / 10000, rm = ref / 100 % 100, rd = ref % 100;
    if (!mtl_dctx_cal(c))
        return ry;
    UErrorCode st = U_ZERO_ERROR;
    ucal_clear(c->cal);
    ucal_setDate(c->cal, ry, rm - 1, rd, &st);
    UDate r = ucal_getMillis(c->cal, &st);
    int best = ry;
    double bd = 1e300;
    for (int y = ry - 1; y <= ry + 1; y++) {
        if (d > mtl_dates_days_in(c, y, m))
            continue;
        st = U_ZERO_ERROR;
        ucal_clear(c->cal);
        ucal_setDate(c->cal, y, m - 1, d, &st);
        UDate x = ucal_getMillis(c->cal, &st);
        double dist = x > r ? x - r : r - x;
        if (U_SUCCESS(st) && dist < bd) {
            bd = dist;
            best = y;
        }
    }
    return best;
}

/* Adds the weekday-mismatch flag when @p wd does not fall on any reading
 * of @p dt in year @p y.  Returns true when it matches. */
static bool
mtl_dates_wd_matches(mtl_dctx *c, const mtl_date *dt, int y, int wd)
{
    if (dt->day && dt->month && dt->day <= mtl_dates_days_in(c, y, dt->month) &&
        mtl_dates_weekday(c, y, dt->month, dt->day) == wd)
        return true;
    if (dt->day2 && dt->month2 &&
        dt->day2 <= mtl_dates_days_in(c, y, dt->month2) &&
        mtl_dates_weekday(c, y, dt->month2, dt->day2) == wd)
        return true;
    return false;
}

static int
mtl_dates_true_wd(mtl_dctx *c, const mtl_date *dt, int y)
{
    if (dt->day && dt->month && dt->day <= mtl_dates_days_in(c, y, dt->month))
        return mtl_dates_weekday(c, y, dt->month, dt->day);
    return 0;
}

/* weekday-mismatch on weekday token @p wtok (name @p wn) of the date
 * spanning [@p start, @p end); @p truewd is the date's weekday (0: not
 * known), @p leapwd its weekday in a leap year when that differs and the
 * year is not known (0: none; no repair then), @p y the year the message
 * names (0: none; negative: minus the year the text's other pairs fit),
 * @p by the pair that it disagrees with, or NULL. */
static void
mtl_dates_flag_wd(mtl_dctx *c, size_t wtok, const mtl_dname *wn,
                  size_t start, size_t end, int truewd, int leapwd, int y,
                  const mtl_dpair *by)
{
    const mtl_dates_state *s = c->s;
    char sug[256];
    const char *sp = NULL;
    const mtl_token *wt = mtl_tk(c, wtok);
    /* the weekday's bytes: "segunda-feira" is three tokens */
    size_t wend = wt->start + wt->len;
    if (wn->value >= 1 && wn->value <= 7 && strchr(s->wd_full[wn->value], '-') &&
        wtok + 2 < c->doc->ntoks && mtl_dates_is(c, wtok + 1, '-') &&
        mtl_tok_glued_prev(c->doc, wtok + 1) &&
        mtl_tok_glued_prev(c->doc, wtok + 2) &&
        mtl_tk(c, wtok + 2)->kind == MTL_TOK_WORD &&
        mtl_tk(c, wtok + 2)->start + mtl_tk(c, wtok + 2)->len <= end)
        wend = mtl_tk(c, wtok + 2)->start + mtl_tk(c, wtok + 2)->len;
    /* no repair for an inflected form ("w niedzielę") */
    if (!leapwd && truewd >= 1 && truewd <= 7 && wt->start == start &&
        mtl_dates_lookup(c, wtok, MTL_DN_WEEKDAY)) {
        const char *name = (wn->forms & MTL_DF_FULL_WD) ? s->wd_full[truewd]
                                                        : s->wd_short[truewd];
        char cased[MTL_DN_MAX + 8];
        mtl_dates_cased(c, wtok, name, cased, sizeof cased);
        size_t rest = end - wend;
        if (strlen(cased) + rest + 1 < sizeof sug && name[0]) {
            snprintf(sug, sizeof sug, "%s%.*s", cased, (int)rest,
                     c->doc->text + wend);
            sp = sug;
        }
    }
    if (by && truewd && leapwd)
        mtl_flags_addf(c->out, MTL_RULE_DATE_WEEKDAY, start, end, NULL,
                       "weekday does not agree with \"%.*s\" in the same "
                       "text: by that date this one falls on a %s, or in a "
                       "leap year on a %s, not on a %.*s",
                       (int)(by->end - by->start), c->doc->text + by->start,
                       s->wd_full[truewd], s->wd_full[leapwd],
                       (int)(wend - wt->start), c->doc->text + wt->start);
    else if (by && truewd)
        mtl_flags_addf(c->out, MTL_RULE_DATE_WEEKDAY, start, end, sp,
                       "weekday does not agree with \"%.*s\" in the same "
                       "text: by that date this one falls on a %s, not on a "
                       "%.*s",
                       (int)(by->end - by->start), c->doc->text + by->start,
                       s->wd_full[truewd], (int)(wend - wt->start),
                       c->doc->text + wt->start);
    else if (y > 0 && truewd)
        mtl_flags_addf(c->out, MTL_RULE_DATE_WEEKDAY, start, end, sp,
                       "this date falls on a %s in %d, not on a %.*s",
                       s->wd_full[truewd], y, (int)(wend - wt->start),
                       c->doc->text + wt->start);
    else if (y < 0 && truewd)
        mtl_flags_addf(c->out, MTL_RULE_DATE_WEEKDAY, start, end, sp,
                       "the text's other weekdays fit its dates in %d, when "
                       "this date falls on a %s, not on a %.*s",
                       -y, s->wd_full[truewd], (int)(wend - wt->start),
                       c->doc->text + wt->start);
    else
        mtl_flags_addf(c->out, MTL_RULE_DATE_WEEKDAY, start, end, sp,
                       "weekday %.*s does not match the date",
                       (int)(wend - wt->start), c->doc->text + wt->start);
}

static size_t mtl_dates_phrase_before(const mtl_dctx *c, size_t i,
                                      const mtl_dphrases *ph);

/* Finds a weekday next to the date: before it ("Monday, 7 October",
 * "So., den 23.08.", "Segunda-feira (dia 7") or after it
 * ("27 sierpnia 2014, wtorek").  Returns its token or SIZE_MAX. */
static size_t
mtl_dates_find_wd(const mtl_dctx *c, const mtl_date *dt,
                  const mtl_dname **wn, size_t *span_start, size_t *span_end)
{
    size_t j = dt->first, k;
    /* backwards: articles, '(' ',' '.', "-feira" */
    for (int n = 0; n < 4; n++) {
        if (!mtl_dates_prev(c, j, &k))
            break;
        const mtl_token *t = mtl_tk(c, k);
        const mtl_dname *d = mtl_dates_lookup_wd(c, k);
        if (d) {
            /* a short form needs a capital or a following ',' or '.' */
            if (!(d->forms & MTL_DF_FULL_WD) && t->casing == MTL_CASE_LOWER &&
                !(mtl_dates_is(c, k + 1, ',') || mtl_dates_is(c, k + 1, '.')))
                return SIZE_MAX;
            size_t pk;
            if (!(d->forms & MTL_DF_FULL_WD) && mtl_dates_prev(c, k, &pk) &&
                mtl_tk(c, pk)->kind == MTL_TOK_WORD &&
                (mtl_tk(c, pk)->flags & MTL_TF_UPPER_START))
                return SIZE_MAX; /* part of a name: "Washington DC" */
            *wn = d;
            *span_start = t->start;
            *span_end = dt->end;
            return k;
        }
        if (mtl_dates_is(c, k, ',') || mtl_dates_is(c, k, '(') ||
            (mtl_dates_is(c, k, '.') && mtl_tok_glued_prev(c->doc, k)) ||
            (t->kind == MTL_TOK_WORD && mtl_dates_tok_in(c, k,
                                                         &c->s->article))) {
            j = k;
            continue;
        }
        /* or one of several words ("Monday, corresponding to March 17":
         * the Arabic press's "الموافق" translated word for word) */
        size_t pt = t->kind == MTL_TOK_WORD
                        ? mtl_dates_phrase_before(c, j, &c->s->article_phrases)
                        : 0;
        if (pt) {
            j -= pt;
            n += (int)pt - 1;
            continue;
        }
        /* "Segunda-feira": the word glued after '-' */
        if (t->kind == MTL_TOK_WORD && k >= 2 && mtl_tok_glued_prev(c->doc, k) &&
            mtl_dates_is(c, k - 1, '-') && mtl_tok_glued_prev(c->doc, k - 1)) {
            const mtl_dname *d2 = mtl_dates_lookup(c, k - 2, MTL_DN_WEEKDAY);
            if (d2) {
                *wn = d2;
                *span_start = mtl_tk(c, k - 2)->start;
                *span_end = dt->end;
                return k - 2;
            }
        }
        break;
    }
    /* forwards: ", wtorek" "(wtorek)" */
    j = dt->last;
    for (int n = 0; n < 2; n++) {
        if (!mtl_dates_next(c, j, &k))
            break;
        if (mtl_dates_is(c, k, ',') || mtl_dates_is(c, k, '(')) {
            j = k;
            continue;
        }
        const mtl_dname *d = mtl_dates_lookup(c, k, MTL_DN_WEEKDAY);
        if (d && n == 1) {
            const mtl_token *t = mtl_tk(c, k);
            *wn = d;
            *span_start = dt->start;
            *span_end = t->start + t->len;
            /* "November 28 (Friday)": the bracket closes in the span */
            if (mtl_dates_is(c, j, '(') && k + 1 < c->doc->ntoks &&
                mtl_dates_is(c, k + 1, ')') && mtl_tok_glued_prev(c->doc, k + 1))
                *span_end = mtl_tk(c, k + 1)->start + 1;
            return SIZE_MAX - 1 - k; /* encoded: weekday after */
        }
        break;
    }
    return SIZE_MAX;
}

/* Whether token @p i is where a dateline stands: among the first dozen
 * tokens of one of the document's first four paragraphs (headline,
 * byline, dateline), after nothing but a place ("SEOUL/TOKYO, ",
 * "Frankfurt am Main, ", "Peso da Régua (Lusa), ") and a weekday
 * ("Lisboa, quinta-feira, "): capitalised words, short particles,
 * punctuation that ends no sentence.  A dateline dates the text; a date
 * further on, or after a verb ("The council meets on Thursday"), may be
 * any date the story tells of. */
static bool
mtl_dates_in_lead(const mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    if (i >= doc->ntoks)
        return false;
    uint32_t para = doc->toks[i].para;
    if (para >= 4 || para >= doc->nparas ||
        i < doc->paras[para].tok_first ||
        i - doc->paras[para].tok_first >= 12)
        return false;
    for (size_t k = doc->paras[para].tok_first; k < i; k++) {
        const mtl_token *t = &doc->toks[k];
        if (t->kind != MTL_TOK_WORD) {
            if (t->len == 1 && strchr(".!?", doc->text[t->start]))
                return false;
            continue;
        }
        if ((t->flags & MTL_TF_UPPER_START) || t->nchars <= 3 ||
            mtl_dates_lookup(c, k, MTL_DN_WEEKDAY) ||
            (k > 0 && mtl_dates_is(c, k - 1, '-') &&
             mtl_tok_glued_prev(doc, k)) ||
            (k + 1 < i && mtl_dates_is(c, k + 1, '-') &&
             mtl_tok_glued_prev(doc, k + 1)))
            continue;
        return false;
    }
    return true;
}

/* Whether token @p i stands on the document's first line (its title)
 * or on a short line with "©" or "copyright" (any case): a year there
 * is the year of writing. */
static bool
mtl_dates_writing_line(mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    uint32_t ln = doc->toks[i].line;
    if (ln == doc->toks[0].line)
        return true;
    if (ln == 0 || ln > doc->nlines)
        return false;
    if (ln == c->wl_line)
        return c->wl_is;
    const mtl_span *l = &doc->lines[ln - 1];
    const char *t = doc->text + l->start;
    size_t n = l->end - l->start;
    /* a short line (a footer, not a paragraph) with "©", or "copyright"
     * in any case: its "opyright" in lower case or in capitals */
    c->wl_line = ln;
    c->wl_is = n <= 200 && (memmem(t, n, "\xC2\xA9", 2) ||
                            memmem(t, n, "opyright", 8) ||
                            memmem(t, n, "OPYRIGHT", 8));
    return c->wl_is;
}

/* Notes the year of a date of the document (mtl_dctx.ymin). */
static void
mtl_dates_note_year(mtl_dctx *c, int y)
{
    if (y < 1000 || y > 2999)
        return;
    if (!c->ymin || y < c->ymin)
        c->ymin = y;
    if (y > c->ymax)
        c->ymax = y;
}

/* Whether a word of a birth ([birth]: "born", "née", "geboren") stands
 * among the five words before token @p first, in its sentence: the date
 * there ("Born in Dublin on March 3, 1938") is of a life, not of the
 * story. */
static bool
mtl_dates_of_birth(const mtl_dctx *c, size_t first)
{
    const mtl_doc *doc = c->doc;
    if (!c->s->birth.n || first >= doc->ntoks)
        return false;
    uint32_t sent = doc->toks[first].sent;
    unsigned words = 0;
    /* (sixteen tokens back at most) */
    for (size_t k = first; k-- > 0 && words < 5 && first - k <= 16;) {
        const mtl_token *t = &doc->toks[k];
        if (t->sent != sent)
            break;
        if (t->kind != MTL_TOK_WORD)
            continue;
        words++;
        if (mtl_dates_tok_in(c, k, &c->s->birth))
            return true;
    }
    return false;
}

/* Notes a full date of the document (year @p y, month @p m, day @p d,
 * first token @p first, at byte @p start): its year, the dateline when it
 * is the first near the start, an anchor for the weekdays of dates
 * without a year.  A date of birth (mtl_dates_of_birth) gives only its
 * year: the story's weekdays are not of that year. */
static void
mtl_dates_full(mtl_dctx *c, size_t first, size_t start, int y, int m, int d)
{
    mtl_dates_note_year(c, y);
    if (mtl_dates_of_birth(c, first))
        return;
    if (c->nanchor == 0 && y >= 1900 && y <= 2100 &&
        mtl_dates_in_lead(c, first)) {
        c->lead[0] = y;
        c->lead[1] = m;
        c->lead[2] = d;
    }
    if (d <= mtl_dates_days_in(c, y, m) &&
        c->nanchor < MTL_DATES_NELEM(c->anchor)) {
        c->anchor_at[c->nanchor] = start;
        int *a = c->anchor[c->nanchor++];
        a[0] = y;
        a[1] = m;
        a[2] = d;
    }
}

/* Checks a complete date: impossible, weekday. */
static void
mtl_dates_check(mtl_dctx *c, mtl_date *dt, int32_t ref, mtl_dpair **pairs,
                size_t *npairs, size_t *cap)
{
    if (dt->year >= 10000)
        return;
    if (dt->year && !dt->bc) {
        if (dt->day && dt->month && !dt->day2)
            mtl_dates_full(c, dt->first, dt->start, dt->year, dt->month,
                           dt->day);
        else
            mtl_dates_note_year(c, dt->year);
    }
    /* weekday: not of a day past the month's end, an impossible date
     * ("Monday, March 35, 2023") */
    if (dt->day > 31)
        return;
    const mtl_dname *wn = NULL;
    size_t ws = 0, we = 0;
    size_t wt = mtl_dates_find_wd(c, dt, &wn, &ws, &we);
    if (wt == SIZE_MAX && dt->year && !dt->bc && dt->day && dt->month) {
        /* a weekday a few words before a date with a year, that does not
         * fall on it: "Monday, Robert Chen March 4, 2007" may carry the
         * wrong year, and the document's year is in doubt */
        size_t k = dt->first;
        for (int n = 0, steps = 0; n < 4 && steps < 8 &&
                                   mtl_dates_prev(c, k, &k); steps++) {
            const mtl_dname *d = mtl_dates_lookup(c, k, MTL_DN_WEEKDAY);
            if (d && (d->forms & MTL_DF_FULL_WD) &&
                !mtl_dates_wd_matches(c, dt, dt->year, d->value)) {
                c->year_doubt = true;
                break;
            }
            if (mtl_tk(c, k)->kind == MTL_TOK_WORD)
                n++;
        }
    }
    if (wt == SIZE_MAX || !wn || dt->bc || !dt->day || !dt->month)
        return;
    size_t wtok = wt;
    if (wt > c->doc->ntoks)
        wtok = SIZE_MAX - 1 - wt;
    int wd = wn->value;
    if (dt->year) {
        if (!mtl_dates_wd_matches(c, dt, dt->year, wd)) {
            c->year_doubt = true; /* the year may be the error */
            mtl_dates_flag_wd(c, wtok, wn, ws, we,
                              dt->day2 ? 0 : mtl_dates_true_wd(c, dt,
                                                               dt->year),
                              0, dt->year, NULL);
        } else if (!dt->day2 && c->nanchor &&
                   c->anchor_at[c->nanchor - 1] == dt->start) {
            /* the anchor mtl_dates_full noted for this date */
            c->anchor_sure[c->nanchor - 1] = true;
            c->anchor_next[c->nanchor - 1] =
                wtok < c->doc->ntoks && mtl_dates_next_before(c, wtok);
        }
        return;
    }
    if (ref > 0) {
        int y = mtl_dates_nearest_year(c, ref, dt->month, dt->day);
        if (!mtl_dates_wd_matches(c, dt, y, wd))
            mtl_dates_flag_wd(c, wtok, wn, ws, we,
                              dt->day2 ? 0 : mtl_dates_true_wd(c, dt, y), 0,
                              y, NULL);
        return;
    }
    mtl_grow((void **)pairs, cap, *npairs + 1, sizeof **pairs);
    mtl_dpair *p = &(*pairs)[(*npairs)++];
    p->start = ws;
    p->end = we;
    p->wtok = wtok;
    p->wd = wd;
    p->d = dt->day;
    p->m = dt->month;
    p->d2 = dt->day2;
    p->m2 = dt->month2;
}

static bool
mtl_dates_pair_ok(mtl_dctx *c, const mtl_dpair *p, int y)
{
    mtl_date dt = {0};
    dt.day = p->d;
    dt.month = p->m;
    dt.day2 = p->d2;
    dt.month2 = p->m2;
    return mtl_dates_wd_matches(c, &dt, y, p->wd);
}

/* Whether a year of the sentence of pair @p p, written as a number of
 * four digits (1900..2100), fits its weekday: "The 2026 edition is
 * scheduled for Sunday, October 25" dates a day that the rest of the
 * document would put in another year.  (A year of the sentence that does
 * not fit may be any other: "founded in 1998".) */
static bool
mtl_dates_sentence_year_fits(mtl_dctx *c, const mtl_dpair *p)
{
    const mtl_doc *doc = c->doc;
    /* the sentence's tokens within 64 of the weekday: a year further
     * off dates something else, and a line without full stops may be
     * one sentence of millions of tokens */
    uint32_t sent = mtl_tk(c, p->wtok)->sent;
    size_t k = p->wtok, stop = p->wtok + 64;
    while (k > 0 && k + 64 > p->wtok && mtl_tk(c, k - 1)->sent == sent)
        k--;
    for (; k < doc->ntoks && k < stop && mtl_tk(c, k)->sent == sent; k++) {
        const mtl_token *t = mtl_tk(c, k);
        if (t->kind != MTL_TOK_NUMBER || t->len != 4)
            continue;
        long v = mtl_dates_num(c, k, 4);
        if (v >= 1900 && v <= 2100 && mtl_dates_pair_ok(c, p, (int)v))
            return true;
    }
    return false;
}

/* weekday-mismatch on pair @p p, judged in year @p y; @p said is the year
 * the message names (0: none; negative: minus the year that the text's
 * other weekday/date pairs fit). */
static void
mtl_dates_flag_pair(mtl_dctx *c, const mtl_dpair *p, int y, int said)
{
    const mtl_dname *wn = mtl_dates_lookup_wd(c, p->wtok);
    if (!wn)
        return;
    if (mtl_dates_sentence_year_fits(c, p))
        return;
    mtl_date dt = {0};
    dt.day = p->d;
    dt.month = p->m;
    mtl_dates_flag_wd(c, p->wtok, wn, p->start, p->end,
                      p->d2 ? 0 : mtl_dates_true_wd(c, &dt, y), 0, said,
                      NULL);
}

/* The day of a common year (not a leap one) of @p m/@p d, 1..365. */
static int
mtl_dates_yday(int m, int d)
{
    static const int before[13] = {0, 0, 31, 59, 90, 120, 151,
                                   181, 212, 243, 273, 304, 334};
    return before[m] + d;
}

/* Days from @p m1/@p d1 to @p m2/@p d2 in one year (either order). */
static int
mtl_dates_days_apart(int m1, int d1, int m2, int d2)
{
    int a = mtl_dates_yday(m1, d1), b = mtl_dates_yday(m2, d2);
    return a > b ? a - b : b - a;
}

/* The year of the document's dates for weekday/date pairs without a
 * year, or 0.  Every date of the document with a year has the same one;
 * no full date has a weekday that does not fall on it (the year may be
 * what is wrong); no year-like number is later ("the 2025-2026 season",
 * "Agenda 2030", "Voltaire wrote in 1756" after "1 November 1755"); and
 * each pair lies within three months of a full date that the text gives
 * before it (one after it may be another year's: "the next edition, 11
 * to 20 November 2027"), nearer to every
 * full date in that year than a year before or after ("Monday, 5
 * January" after "20 December 2025" may be in 2026), on another day
 * than any of them (the same day and month is an anniversary).  A
 * weekday after a word of the week of writing ("esta quinta-feira") is
 * left alone. */
static int
mtl_dates_doc_year(mtl_dctx *c, const mtl_dpair *p, size_t n)
{
    int y = c->ymin;
    if (!y || y != c->ymax || c->bare_ymax > y || c->nanchor == 0 ||
        c->year_doubt)
        return 0;
    for (size_t i = 0; i < n && i < 64; i++) {
        bool near = false;
        for (size_t a = 0; a < c->nanchor; a++) {
            const int *an = c->anchor[a];
            int32_t r = an[0] * 10000 + an[1] * 100 + an[2];
            if ((an[1] == p[i].m && an[2] == p[i].d) ||
                mtl_dates_nearest_year(c, r, p[i].m, p[i].d) != y ||
                (p[i].m2 && mtl_dates_nearest_year(c, r, p[i].m2,
                                                   p[i].d2) != y))
                return 0;
            if (mtl_dates_days_apart(an[1], an[2], p[i].m, p[i].d) <= 92 &&
                c->anchor_at[a] < p[i].start)
                near = true;
        }
        if (!near)
            return 0;
    }
    return y;
}

/* Pairs @p p[1..n) against the first, p[0], when no year fits two of
 * them: the weekday of a date within three months of the first one's
 * follows from it (two dates on either side of February 29 fit one of
 * two weekdays, as the year is a leap year or not: only a weekday that
 * is neither is wrong, and no year then turns the verdict round).  Of
 * two that disagree, a year of the document that fits only one tells
 * the wrong one; a document without years has the first taken as right
 * when it is the dateline, which a newsroom's system writes. */
static void
mtl_dates_check_by_first(mtl_dctx *c, const mtl_dpair *p, size_t n)
{
    const mtl_dpair *a = &p[0];
    if (a->d2 || a->wd < 1 || a->wd > 7)
        return;
    for (size_t i = 1; i < n && i < 64; i++) {
        const mtl_dpair *q = &p[i];
        if (q->d2 || q->wd < 1 || q->wd > 7 || q->d > 31 || a->d > 31)
            continue;
        int delta = mtl_dates_yday(q->m, q->d) - mtl_dates_yday(a->m, a->d);
        if (delta == 0 || delta > 92 || delta < -92)
            continue;
        int want = ((a->wd - 1 + delta) % 7 + 7) % 7 + 1;
        if (want == q->wd)
            continue;
        /* across February 29: a day more (or less) in a leap year */
        int leap = 0;
        if ((a->m <= 2) != (q->m <= 2)) {
            int ld = delta + (delta > 0 ? 1 : -1);
            leap = ((a->wd - 1 + ld) % 7 + 7) % 7 + 1;
            if (leap == q->wd || (q->m == 2 && q->d == 29) ||
                (a->m == 2 && a->d == 29))
                continue;
        }
        /* the year of writing may say which of the two is wrong
         * ("Copyright 2026" under "Wednesday, July 2" and "Friday,
         * August 7"): a year of the title, of a copyright line or of a
         * full date (mtl_dctx.years, .anchor; not one of the prose, "since
         * 2021", "by 2030", which fits one of the two as often as not);
         * one that fits the first and not this one confirms the first;
         * one that fits this one and not the first turns the verdict
         * round; both kinds, or neither with such years about, leave it
         * open */
        bool for_a = false, for_q = false;
        for (unsigned k = 0; k < c->nyears + c->nanchor; k++) {
            int y = k < c->nyears ? c->years[k] : c->anchor[k - c->nyears][0];
            bool fa = mtl_dates_pair_ok(c, a, y);
            bool fq = mtl_dates_pair_ok(c, q, y);
            for_a |= fa && !fq;
            for_q |= fq && !fa;
        }
        if (for_a && for_q)
            continue;
        const mtl_dpair *bad = for_q ? a : q, *good = for_q ? q : a;
        if (!for_a && !for_q && c->nyears + c->nanchor > 0)
            continue;
        if (leap && for_q)
            continue;
        /* nothing tells which of the two is wrong: the first is taken as
         * right only in the story's dateline ("Tuesday, June 16 -" under
         * the headline), which a newsroom's system writes; two dates of
         * the prose, in its first sentence too ("La settimana si apre
         * mercoledì 23 settembre" ... "sabato 29 settembre"), may be
         * wrong either of them: blind test sets had the first one wrong
         * twice as often as the second */
        if (!for_a && !for_q && !mtl_dates_in_lead(c, a->wtok))
            continue;
        int d = -delta;
        int want_bad = for_q ? ((q->wd - 1 + d) % 7 + 7) % 7 + 1 : want;
        const mtl_dname *wn = mtl_dates_lookup_wd(c, bad->wtok);
        if (!wn)
            continue;
        mtl_dates_flag_wd(c, bad->wtok, wn, bad->start, bad->end, want_bad,
                          leap, 0, good);
        if (for_q)
            return; /* the first is wrong: it anchors nothing */
    }
}

/* Days between @p m1/@p d1 and @p m2/@p d2 across the turn of the year
 * ("20 December" and "5 January" are 16 days apart). */
static int
mtl_dates_days_near(int m1, int d1, int m2, int d2)
{
    int a = mtl_dates_days_apart(m1, d1, m2, d2);
    return a < 365 - a ? a : 365 - a;
}

/* Pairs near the dateline's full date ("Lisboa, quinta-feira, 25 de junho
 * de 2026"): within three months of it, they are judged in the year that
 * puts them nearest to it, as against a reference date, whatever other
 * years the story names ("chegou em 2023", "contrato até 2028").  Not the
 * dateline's own day (an anniversary) nor a weekday of "this week" (the
 * week of writing may follow a dateline of a syndicated story).  Marks
 * in @p done the pairs it judged. */
static void
mtl_dates_check_lead(mtl_dctx *c, const mtl_dpair *p, size_t n, bool *done)
{
    if (!c->lead[0] || c->year_doubt)
        return;
    int32_t r = c->lead[0] * 10000 + c->lead[1] * 100 + c->lead[2];
    for (size_t i = 0; i < n && i < 64; i++) {
        size_t q;
        if (done[i] || p[i].start < c->anchor_at[0] ||
            (p[i].m == c->lead[1] && p[i].d == c->lead[2]) ||
            mtl_dates_days_near(c->lead[1], c->lead[2], p[i].m, p[i].d) > 92 ||
            (p[i].m2 && mtl_dates_days_near(c->lead[1], c->lead[2], p[i].m2,
                                            p[i].d2) > 92) ||
            (mtl_dates_prev(c, p[i].wtok, &q) &&
             mtl_dates_tok_in(c, q, &c->s->deictic)))
            continue;
        done[i] = true;
        int y = mtl_dates_nearest_year(c, r, p[i].m, p[i].d);
        if (!mtl_dates_pair_ok(c, &p[i], y))
            mtl_dates_flag_pair(c, &p[i], y, y);
    }
}

/* The year pair @p p is judged in when the others are in year @p y: with
 * @p wrap (a schedule across the turn of the year), y + 1 for a pair in
 * the first three months. */
static int
mtl_dates_wrap_year(const mtl_dpair *p, int y, bool wrap)
{
    return wrap && p->m <= 3 ? y + 1 : y;
}

/* Whether a pair of @p p other than @p i, with no year and no second
 * reading, fits one year with it within twenty years of @p y that is not
 * @p y. */
static bool
mtl_dates_pairs_agree(mtl_dctx *c, const mtl_dpair *p, size_t n, size_t i,
                      int y)
{
    if (p[i].m2)
        return false;
    for (size_t j = 0; j < n && j < 64; j++) {
        if (j == i || p[j].m2)
            continue;
        for (int z = y - 20; z <= y + 20; z++)
            if (z != y && mtl_dates_pair_ok(c, &p[i], z) &&
                mtl_dates_pair_ok(c, &p[j], z))
                return true;
    }
    return false;
}

/* Pairs within two months of a full date whose weekday falls on it
 * ("na noite de terça-feira, 2 de julho de 2024" ... "quarta-feira, 4 de
 * julho", or "suspended on Tuesday, February 12" ... "a meeting on
 * Thursday, February 15, 2024"): that date's weekday proves its year, and
 * a date so near it without one is judged in the year that puts it
 * nearest, whatever other years the story names ("em 2021", "já em
 * 2025"), when every such date agrees on that year.  Not the same day and
 * month (an anniversary), not a weekday of "this week".  Marks in @p done
 * the pairs it judged. */
static void
mtl_dates_check_sure(mtl_dctx *c, const mtl_dpair *p, size_t n, bool *done)
{
    for (size_t i = 0; i < n && i < 64; i++) {
        size_t q;
        if (p[i].m2 || (mtl_dates_prev(c, p[i].wtok, &q) &&
                        mtl_dates_tok_in(c, q, &c->s->deictic)))
            continue;
        /* such dates before the pair and within two months of it, all
         * putting it in one year ("am Mittwoch, 19. März 2025" and "am
         * Dienstag, 5. März 2024" leave "Donnerstag, 20. März" open) */
        int y = 0;
        bool open = false, same = false, after = false;
        for (size_t k = 0; k < c->nanchor; k++) {
            const int *a = c->anchor[k];
            if (!c->anchor_sure[k] || a[0] < 1900 || a[0] > 2100 ||
                mtl_dates_days_near(a[1], a[2], p[i].m, p[i].d) > 61)
                continue;
            /* the next edition's date, further down, is no anchor of
             * this one */
            if (c->anchor_next[k] && c->anchor_at[k] > p[i].start)
                continue;
            same |= a[1] == p[i].m && a[2] == p[i].d;
            after |= c->anchor_at[k] > p[i].start;
            int ky = mtl_dates_nearest_year(
                c, a[0] * 10000 + a[1] * 100 + a[2], p[i].m, p[i].d);
            open |= y && ky != y;
            y = ky;
        }
        if (!y || open || same)
            continue;
        bool ok = mtl_dates_pair_ok(c, &p[i], y);
        /* a full date further down may be of another year than the story
         * ("cerró el domingo 1 de marzo" ... "la próxima edición, del
         * viernes 19 al domingo 28 de febrero de 2027"): when another
         * date without a year agrees with this one in a year of its own,
         * it is left to the checks below */
        if (!ok && after && mtl_dates_pairs_agree(c, p, n, i, y))
            continue;
        done[i] = true;
        if (!ok)
            mtl_dates_flag_pair(c, &p[i], y, y);
    }
}

/* Weekday/date pairs without a year and no reference date.  When the
 * document's dates are all of one year (mtl_dates_doc_year), the pairs
 * are checked against it, unless there are two or more and none fits it.
 * Otherwise the pairs near a dateline's full date are checked against its
 * year (mtl_dates_check_lead); the rest are consistent when one year in
 * 1900..2100 satisfies all of them, and the pairs that disagree with the
 * best year are flagged. */
static void
mtl_dates_check_pairs(mtl_dctx *c, const mtl_dpair *p, size_t n)
{
    bool done[64] = {false};
    mtl_dates_check_sure(c, p, n, done);
    int dy = n ? mtl_dates_doc_year(c, p, n) : 0;
    if (dy) {
        size_t fit = 0;
        for (size_t i = 0; i < n && i < 64; i++)
            fit += mtl_dates_pair_ok(c, &p[i], dy);
        if (fit > 0 || n == 1) {
            for (size_t i = 0; i < n && i < 64; i++) {
                /* "this Thursday, 10 October": the week of writing, which
                 * may be in another year than the dates with a year */
                size_t q;
                if (done[i] || mtl_dates_pair_ok(c, &p[i], dy) ||
                    (mtl_dates_prev(c, p[i].wtok, &q) &&
                     mtl_dates_tok_in(c, q, &c->s->deictic)))
                    continue;
                mtl_dates_flag_pair(c, &p[i], dy, dy);
            }
            return;
        }
    }
    /* the dateline's year; the pairs it leaves are judged against each
     * other */
    mtl_dates_check_lead(c, p, n, done);
    mtl_dpair rest[64];
    size_t m = 0;
    for (size_t i = 0; i < n && i < 64; i++)
        if (!done[i])
            rest[m++] = p[i];
    p = rest;
    n = m;
    if (n < 2)
        return;
    /* pairs on both sides of a turn of the year ("Thursday, 31
     * December" ... "Friday, 1 January"): the year y for the last three
     * months, y + 1 for the first three */
    bool late = false, early = false;
    for (size_t i = 0; i < n && i < 64; i++) {
        late |= p[i].m >= 10 && (!p[i].m2 || p[i].m2 >= 10);
        early |= p[i].m <= 3 && (!p[i].m2 || p[i].m2 <= 3);
    }
    bool wrap = late && early;
    int best = 0, besty = 0;
    bool bestwrap = false;
    for (int y = 1900; y <= 2100; y++) {
        for (int w = 0; w <= (int)wrap; w++) {
            int ok = 0;
            for (size_t i = 0; i < n && i < 64; i++)
                ok += mtl_dates_pair_ok(c, &p[i],
                                        mtl_dates_wrap_year(&p[i], y, w));
            if (ok > best) {
                best = ok;
                besty = y;
                bestwrap = w;
            }
            if (ok == (int)(n < 64 ? n : 64))
                return;
        }
    }
    if (best < 2) {
        /* no year fits two of them: the first pair anchors the ones
         * within three months of it (a dateline, "Tuesday, June 16",
         * and "Thursday, June 17" below it) */
        mtl_dates_check_by_first(c, p, n);
        return;
    }
    for (size_t i = 0; i < n && i < 64; i++) {
        int y = mtl_dates_wrap_year(&p[i], besty, bestwrap);
        if (mtl_dates_pair_ok(c, &p[i], y))
            continue;
        mtl_dates_flag_pair(c, &p[i], y, -y);
    }
}

/* ----------------------------------------------------------- the rules */

static void
mtl_dates_impossible(mtl_dctx *c, const mtl_date *dt, size_t s, size_t e)
{
    int dim = mtl_dates_days_in(c, dt->bc ? 0 : dt->year, dt->month);
    if (dt->day >= 1 && dt->day <= dim)
        return;
    if (dt->month == 2 && dt->day == 29 && dt->year)
        mtl_flags_addf(c->out, MTL_RULE_DATE_IMPOSSIBLE, s, e, NULL,
                       "%d is not a leap year: February has 28 days",
                       dt->year);
    else
        mtl_flags_addf(c->out, MTL_RULE_DATE_IMPOSSIBLE, s, e, NULL,
                       "%s has only %d days", c->s->month_sa[dt->month][0]
                                                  ? c->s->month_sa[dt->month]
                                                  : c->s->month_fmt[dt->month],
                       dim);
}

/* Five-digit year at token i: suggestion drops the doubled digit. */
static void
mtl_dates_year_typo(mtl_dctx *c, size_t i, size_t start)
{
    const mtl_token *t = mtl_tk(c, i);
    const char *p = c->doc->text + t->start;
    if (t->len != 5 || (p[0] != '1' && p[0] != '2'))
        return;
    char cand[5] = {0}, best[5] = {0};
    int found = 0;
    /* a doubled digit first ("20014"), then any digit */
    for (int pass = 0; pass < 2 && found == 0; pass++)
    for (int k = 0; k < 5; k++) {
        if (pass == 0 && !((k > 0 && p[k] == p[k - 1]) ||
                           (k < 4 && p[k] == p[k + 1])))
            continue;
        int o = 0;
        for (int q = 0; q < 5; q++)
            if (q != k)
                cand[o++] = p[q];
        long v = (cand[0] - '0') * 1000 + (cand[1] - '0') * 100 +
                 (cand[2] - '0') * 10 + (cand[3] - '0');
        if (v < 1000 || v > 2099)
            continue;
        if (found && memcmp(best, cand, 4) == 0)
            continue;
        memcpy(best, cand, 4);
        found++;
    }
    if (!found)
        return;
    char sug[128];
    const char *sp = NULL;
    size_t pre = t->start - start;
    if (found == 1 && pre + 5 < sizeof sug) {
        snprintf(sug, sizeof sug, "%.*s%.4s", (int)pre, c->doc->text + start,
                 best);
        sp = sug;
    }
    mtl_flags_addf(c->out, MTL_RULE_DATE_YEAR_TYPO, start, t->start + t->len,
                   sp, "five-digit year %.5s", p);
}

/* True if word token i follows a capitalised word of its sentence: a
 * name goes on ("Zhang Miao 12"). */
static bool
mtl_dates_after_capital(const mtl_dctx *c, size_t i)
{
    size_t j;
    return mtl_dates_prev(c, i, &j) && mtl_dates_same_sent(c, j, i) &&
           mtl_tk(c, j)->kind == MTL_TOK_WORD &&
           (mtl_tk(c, j)->flags & MTL_TF_UPPER_START);
}

/* True if the folded word @p w is a name of month @p m with two
 * neighbouring letters swapped ("juyl" of "july"). */
static bool
mtl_dates_swapped_month(const mtl_dates_state *s, int m, const char *w,
                        size_t n)
{
    for (size_t k = 0; k < s->nnames; k++) {
        const mtl_dname *d = &s->names[k];
        if (d->what != MTL_DN_MONTH || d->value != m || d->len != n)
            continue;
        size_t a = 0;
        while (a < n && w[a] == d->fold[a])
            a++;
        if (a + 1 < n && w[a] == d->fold[a + 1] && w[a + 1] == d->fold[a] &&
            w[a] != w[a + 1] &&
            memcmp(w + a + 2, d->fold + a + 2, n - a - 2) == 0)
            return true;
    }
    return false;
}

/* Whether the document writes accented letters: three words of
 * its language's script or more with a letter past ASCII, its quotation
 * marks and dashes aside.  Asked of a month's name without its accent,
 * seldom; the answer is kept. */
static bool
mtl_dates_accented(mtl_dctx *c)
{
    if (c->accented < 0) {
        const mtl_doc *doc = c->doc;
        unsigned n = 0;
        for (size_t k = 0; k < doc->ntoks && n < 3; k++) {
            const mtl_token *t = &doc->toks[k];
            if (t->kind != MTL_TOK_WORD || (t->flags & MTL_TF_ASCII))
                continue;
            const char *p = doc->text + t->start;
            for (size_t b = 0; b + 1 < t->len; b++)
                /* a Latin letter U+00C0..U+017F */
                if ((unsigned char)p[b] >= 0xC3 &&
                    (unsigned char)p[b] <= 0xC5) {
                    n++;
                    break;
                }
        }
        c->accented = n >= 3;
    }
    return c->accented > 0;
}

/* Month-typo candidate: best month for a folded word, or 0.  A word
 * with the stem of a full month name and another ending of at most two
 * letters is an inflected form (pl "styczniu" of "stycznia") or a word
 * made from the month (pt "setembrino"), not a typo.  Where months do not
 * decline and a dictionary has not heard of the word (@p stems false),
 * one edit from the name is a misspelling all the same ("dicembere" of
 * "dicembre"). */
static int
mtl_dates_near_month(mtl_dctx *c, const char *w, size_t n, size_t nchars,
                     bool stems, bool ascii, bool numbered, unsigned *dist)
{
    const mtl_dates_state *s = c->s;
    unsigned best = 99, second = 99;
    int bm = 0;
    unsigned maxd = nchars >= 6 ? 2 : 1;
    /* the answer must start with the word's first character (below): no
     * month name starts with its first byte, no answer */
    if (n == 0 || !s->month_first[(unsigned char)w[0]])
        return 0;
    /* nor without a name of the answer's month that starts with that
     * character within maxd edits of the word (mf, below): the names that
     * start with its first byte are measured first, and most words that
     * come this far are near none of them, which spares the distances to
     * all the others */
    bool near = false;
    for (size_t k = 0; k < s->nnames && !near; k++) {
        const mtl_dname *d = &s->names[k];
        if (d->what != MTL_DN_MONTH || d->fold[0] != w[0] ||
            d->nchars > nchars + maxd || nchars > (size_t)d->nchars + maxd)
            continue;
        near = mtl_edit_distance_osa(w, n, d->fold, d->len, maxd) <= maxd;
    }
    if (!near)
        return 0;
    for (size_t k = 0; k < s->nnames; k++) {
        const mtl_dname *d = &s->names[k];
        if (d->what != MTL_DN_MONTH)
            continue;
        size_t dn = d->nchars;
        if (dn < 4)
            continue;
        /* the distance is at least the difference in length: a name that
         * can not be within maxd changes neither the best month nor
         * whether another one ties it */
        if (dn > nchars + maxd || nchars > dn + maxd)
            continue;
        /* and by the same token, every distance over maxd may read as
         * maxd + 1: the search stops at the first row past maxd */
        unsigned e = mtl_edit_distance_osa(w, n, d->fold, d->len, maxd);
        if (e < best) {
            if (bm != d->value)
                second = best;
            best = e;
            bm = d->value;
        } else if (d->value != bm && e < second) {
            second = e;
        }
    }
    if (!bm || best == 0 || best > maxd || second <= best)
        return 0;
    char wb[MTL_DN_MAX];
    size_t wbl = mtl_utf8_unaccent(w, n, wb, sizeof wb);
    for (size_t k = 0; k < s->nnames && wbl; k++) {
        const mtl_dname *d = &s->names[k];
        if (d->what != MTL_DN_MONTH)
            continue;
        const char *db = d->base;
        size_t dbl = d->baselen;
        /* an accent dropped ("aout"), or an inflected form ("maju" of
         * "maj") is not a misspelling */
        bool full = d->forms & (MTL_DF_FORMAT | MTL_DF_STANDALONE);
        /* "styczniu" (locative) next to "stycznia": the same stem with
         * another ending; an abbreviation is no stem ("juil" of
         * "juilet") */
        size_t cp = 0;
        while (cp < dbl && cp < wbl && db[cp] == wb[cp])
            cp++;
        if ((stems || best > 1) && full && dbl && cp >= 4 && wbl >= dbl &&
            cp + 2 >= dbl)
            return 0;
        /* but an accent added to a month that has none ("Jänuar") is */
        bool added = d->len == dbl && memcmp(d->fold, db, dbl) == 0 &&
                     (wbl != n || memcmp(wb, w, n) != 0);
        /* and so is an acute or grave accent, a diaeresis or a cedilla
         * dropped from the full name, the word of ASCII (@p ascii), in an
         * accented text (mtl_dates_accented), which writes its other words
         * with theirs ("le 16 decembre", "13. Marz"); a
         * circumflex over i or u is not: French writes "aout" since 1990.
         * The text's accents last: a walk over the document, asked of
         * the few words that come this far */
        bool dropped = full && wbl == n && dbl == n && d->len != dbl &&
                       memcmp(wb, w, n) == 0 &&
                       !memmem(d->fold, d->len, "\xC3\xBB", 2) &&
                       !memmem(d->fold, d->len, "\xC3\xAE", 2) && ascii &&
                       mtl_dates_accented(c);
        /* a longer word that starts with the name is an inflected form,
         * or a place ("in Junee"); next to a day number, only where months
         * inflect (stems) or in a genitive's "s" ("des Januars"):
         * elsewhere a letter doubled at the end ("Aprill 18") is a typo */
        bool prefix = full && (stems || !numbered ||
                               (wbl == dbl + 1 && wb[dbl] == 's'));
        if (dbl && !added && !dropped && (prefix ? dbl <= wbl : dbl == wbl) &&
            memcmp(db, wb, dbl) == 0)
            return 0;
    }
    /* same first letter */
    size_t i0 = 0, i1 = 0;
    const char *mf = NULL;
    for (size_t k = 0; k < s->nnames; k++)
        if (s->names[k].what == MTL_DN_MONTH && s->names[k].value == bm &&
            mtl_edit_distance_osa(w, n, s->names[k].fold, s->names[k].len,
                                  3) == best) {
            mf = s->names[k].fold;
            break;
        }
    if (!mf || mtl_utf8_next(w, n, &i0) != mtl_utf8_next(mf, strlen(mf), &i1))
        return 0;
    *dist = best;
    return bm;
}

/* True if token t is a number or a word with a digit: only such a token
 * can be a day (mtl_dates_day) or a year (mtl_dates_year). */
static bool
mtl_dates_numeric_tok(const mtl_token *t)
{
    return t->kind == MTL_TOK_NUMBER ||
           (t->kind == MTL_TOK_WORD && (t->flags & MTL_TF_DIGIT));
}

/* True if one of the four tokens before i on its line is a number or a
 * word with a digit: mtl_dates_skip_back skips at most three tokens, and
 * only such a token can be the day before them.  Most words have none,
 * and need not fold their neighbours.  i is the token mtl_dates_run is
 * at, so the nearest such token before it is c->num_before; tokens come
 * in the order of their lines, so it is on i's line only if every token
 * between them is too. */
static bool
mtl_dates_digit_before(const mtl_dctx *c, size_t i)
{
    size_t k = c->num_before;
    return k != SIZE_MAX && i - k <= 4 &&
           c->doc->toks[k].line == c->doc->toks[i].line;
}

/* A dateline: the date at tokens [@p first, @p last] follows a comma
 * after one to four capitalised words that start the line (a city and
 * its state or country, separated by a comma: "MONTERREY, Nuevo León,"),
 * and the token after it is '(', ':', a dash, or a full stop with a dash
 * glued to it, as Latin American agencies write ("New Delhi, Match 25:",
 * "Madrid, 25 de mazro (EFE)", "MONTERREY, Nuevo León, 9 de marso.-"), or,
 * when @p eol, the line ends there. */
static bool
mtl_dates_dateline_place(const mtl_dctx *c, size_t first);

static bool
mtl_dates_dateline(const mtl_dctx *c, size_t first, size_t last, bool eol)
{
    const mtl_doc *doc = c->doc;
    if (!mtl_dates_dateline_place(c, first))
        return false;
    size_t a = last + 1;
    if (a >= doc->ntoks || mtl_tk(c, a)->line != mtl_tk(c, last)->line)
        return eol;
    if (mtl_dates_is(c, a, '.'))
        return a + 1 < doc->ntoks && mtl_tok_glued_prev(doc, a + 1) &&
               mtl_tok_glued_prev(doc, a) && mtl_dates_is_dash(c, a + 1);
    return mtl_dates_is(c, a, ':') || mtl_dates_is(c, a, '(') ||
           mtl_dates_is_dash(c, a);
}

/* The place of a dateline before the date at token @p first: one to four
 * capitalised words from the line's start and a comma (see
 * mtl_dates_dateline). */
static bool
mtl_dates_dateline_place(const mtl_dctx *c, size_t first)
{
    const mtl_doc *doc = c->doc;
    if (first < 2 || !mtl_dates_is(c, first - 1, ','))
        return false;
    size_t start = doc->lines[mtl_tk(c, first)->line - 1].tok_first;
    if (first - 1 <= start || first - 1 - start > 20)
        return false;
    size_t words = 0;
    for (size_t q = start; q < first - 1; q++) {
        /* a comma between two words of the place, never two in a row */
        if (q > start && mtl_dates_is(c, q, ',') &&
            mtl_tk(c, q - 1)->kind == MTL_TOK_WORD)
            continue;
        /* a hyphen inside the place's name: "SAINT-DENIS, 28 juin" */
        if (q > start && q + 1 < first - 1 && mtl_dates_is(c, q, '-') &&
            mtl_tk(c, q - 1)->kind == MTL_TOK_WORD &&
            mtl_tok_glued_prev(doc, q) && mtl_tok_glued_prev(doc, q + 1))
            continue;
        /* a state or an agency in brackets after the place: "ILHÉUS
         * (BA), 6 de maio", "MADRID (EFE), 3 de marzo" */
        if (q > start && mtl_dates_is(c, q, '(') &&
            mtl_tk(c, q - 1)->kind == MTL_TOK_WORD) {
            size_t e = q + 1;
            /* (its words capitalised, or joined by hyphens:
             * "(Loir-et-Cher)") */
            while (e < first - 1 && e < q + 8 &&
                   ((mtl_tk(c, e)->kind == MTL_TOK_WORD &&
                     ((mtl_tk(c, e)->flags & MTL_TF_UPPER_START) ||
                      (e > q + 1 && mtl_tok_glued_prev(doc, e) &&
                       mtl_dates_is(c, e - 1, '-')))) ||
                    (e > q + 1 && mtl_dates_is(c, e, '-') &&
                     mtl_tok_glued_prev(doc, e) &&
                     mtl_tok_glued_prev(doc, e + 1))))
                e++;
            if (e > q + 1 && e < first - 1 && mtl_dates_is(c, e, ')')) {
                q = e;
                continue;
            }
        }
        if (mtl_tk(c, q)->kind != MTL_TOK_WORD ||
            !(mtl_tk(c, q)->flags & MTL_TF_UPPER_START))
            return false;
        /* (the parts of a hyphenated name are one word) */
        words += !(q > start && mtl_dates_is(c, q - 1, '-'));
    }
    return words <= 4;
}

/* Folded word tokens near a month-typo candidate, folded once each
 * however many phrases ask (len 0: not folded yet, 255: not a word). */
typedef struct mtl_dfolds {
    size_t base; /* token of tok[0] */
    char w[MTL_DP_WORDS + 1][24];
    uint8_t len[MTL_DP_WORDS + 1];
} mtl_dfolds;

/* True if word token k (base <= k <= base + MTL_DP_WORDS), folded, is
 * the @p wl bytes at @p w. */
static bool
mtl_dates_tok_eq(const mtl_dctx *c, mtl_dfolds *f, size_t k, const char *w,
                 size_t wl)
{
    size_t o = k - f->base;
    const mtl_token *t = mtl_tk(c, k);
    if ((t->flags & MTL_TF_ASCII) && t->len != wl)
        return false; /* folds to as many bytes */
    if (!f->len[o]) {
        size_t n = 0;
        if (t->kind == MTL_TOK_WORD) {
            n = mtl_utf8_fold(c->doc->text + t->start, t->len, f->w[o],
                              sizeof f->w[o]);
            if (n == (size_t)-1)
                n = 0;
        }
        f->len[o] = n ? (uint8_t)n : 255;
    }
    return f->len[o] == wl && memcmp(f->w[o], w, wl) == 0;
}

/* The number of tokens of a phrase of @p ph that ends right before word
 * token i, on its line ("Mitte Dezmber", "a mediados de fevreiro",
 * "mi-juilet": its hyphen counts), or 0 when none does. */
static size_t
mtl_dates_phrase_before(const mtl_dctx *c, size_t i, const mtl_dphrases *ph)
{
    const mtl_doc *doc = c->doc;
    uint32_t line = mtl_tk(c, i)->line;
    if (i == 0 || ph->n == 0 || mtl_tk(c, i - 1)->line != line)
        return false;
    mtl_dfolds f;
    f.base = i > MTL_DP_WORDS + 1 ? i - MTL_DP_WORDS - 1 : 0;
    memset(f.len, 0, sizeof f.len);
    /* "mi-juilet": '-' glued on both sides */
    bool dash = i >= 2 && mtl_tok_glued_prev(doc, i) &&
                mtl_dates_is(c, i - 1, '-') && mtl_tok_glued_prev(doc, i - 1) &&
                mtl_dates_phrase_may(doc, ph, i - 2);
    bool spaced = !mtl_tok_glued_prev(doc, i) &&
                  mtl_dates_phrase_may(doc, ph, i - 1);
    if (!dash && !spaced)
        return false;
    for (size_t q = 0; q < ph->n; q++) {
        const mtl_dphrase *p = &ph->p[q];
        if (p->dash ? !dash : !spaced)
            continue;
        size_t k = p->dash ? i - 1 : i;
        if (k < p->n)
            continue;
        bool ok = true;
        for (size_t w = p->n; w-- > 0 && ok;) {
            k--;
            ok = mtl_tk(c, k)->line == line && k >= f.base &&
                 mtl_dates_tok_eq(c, &f, k, p->w[w], p->len[w]);
        }
        if (ok)
            return i - k;
    }
    return 0;
}

/* True if a phrase of @p ph follows word token i after a space, on its
 * line ("octbre del año pasado", "juilet dernier"). */
static bool
mtl_dates_phrase_after(const mtl_dctx *c, size_t i, const mtl_dphrases *ph)
{
    const mtl_doc *doc = c->doc;
    if (ph->n == 0 || i + 1 >= doc->ntoks || mtl_tok_glued_prev(doc, i + 1) ||
        !mtl_dates_phrase_may(doc, ph, i + 1))
        return false;
    mtl_dfolds f;
    f.base = i + 1;
    memset(f.len, 0, sizeof f.len);
    for (size_t q = 0; q < ph->n; q++) {
        const mtl_dphrase *p = &ph->p[q];
        bool ok = true;
        for (size_t w = 0; w < p->n && ok; w++)
            ok = mtl_dates_same_sent(c, i, i + 1 + w) &&
                 mtl_dates_tok_eq(c, &f, i + 1 + w, p->w[w], p->len[w]);
        if (ok)
            return true;
    }
    return false;
}

/* The month-typo flag on word token i, repaired by @p sug (the month
 * @p name and what follows it up to @p end). */
static void
mtl_dates_typo_flag(mtl_dctx *c, size_t i, size_t start, size_t end,
                    const char *sug, const char *name)
{
    const mtl_token *t = mtl_tk(c, i);
    mtl_flags_addf(c->out, MTL_RULE_DATE_MONTH_TYPO, start, end, sug,
                   "%.*s is not a month: did you mean %s?", (int)t->len,
                   c->doc->text + t->start, name);
}

/* month-typo at word token i: a word one or two edits from a month name
 * next to a day number or a year.  A word the dictionary knows needs a
 * strong context: a dateline ("New Delhi, Match 25:"), a weekday before it,
 * a year after the day ("Match 25, 2024") or a day before and a year after
 * ("3 févier 2014"). */
/* False when token @p t surely starts no misspelled month: an ASCII
 * first letter no month starts with, and no apostrophe that could end an
 * elided article ("d'octubre"); mtl_dates_month_typo asks the same
 * first, and the caller asks this inline, so that most words never enter
 * it. */
__attribute__((always_inline)) static inline bool
mtl_dates_month_typo_may(const mtl_dctx *c, const mtl_token *t)
{
    const char *wp = c->doc->text + t->start;
    unsigned f = c->s->typo_first[(unsigned char)wp[0]];
    if ((f & MTL_DATES_TF_MONTH) || !(t->flags & MTL_TF_ASCII))
        return true;
    return (f & MTL_DATES_TF_ELIDED) && t->len >= 4 &&
           memchr(wp, '\'', t->len - 1) != NULL;
}

/* True when mtl_dates_month_typo surely flags nothing at word token @p i
 * (@p t): no number among the two tokens after it (past a comma, a full
 * stop or a connector) nor among the four before it, so that only a
 * phrase could make a month of it, and the phrase's first tests fail:
 * mostly a word the dictionary knows.  Asked inline, it spares most words
 * the call and the look at their neighbours. */
__attribute__((always_inline)) static inline bool
mtl_dates_month_typo_none(const mtl_dctx *c, size_t i, const mtl_token *t)
{
    const mtl_doc *doc = c->doc;
    if (mtl_dates_digit_before(c, i) ||
        (i + 1 < doc->ntoks && mtl_dates_numeric_tok(mtl_tk(c, i + 1))) ||
        (i + 2 < doc->ntoks && mtl_dates_numeric_tok(mtl_tk(c, i + 2))))
        return false;
    unsigned char b0 = (unsigned char)doc->text[t->start];
    return t->nchars < 5 ||
           !(c->s->typo_first[b0] & MTL_DATES_TF_MONTH) ||
           (c->s->lower_months && t->casing != MTL_CASE_LOWER &&
            t->casing != MTL_CASE_TITLE) ||
           !c->dict || mtl_spell_token(c->ck, doc, i) != 0;
}

/* The month whose full name, without its accents, is word token @p i
 * without its own, when the word has accents and the name differs
 * ("aôut", "aoùt" of "août", "févriér"): accents moved or changed garble
 * a month as surely as a wrong letter, and no edit distance of one sees
 * it in a short name.  Returns the month, or 0. */
static int
mtl_dates_accent_month(const mtl_dctx *c, size_t i)
{
    const mtl_token *t = mtl_tk(c, i);
    if (t->flags & MTL_TF_ASCII)
        return 0;
    char buf[MTL_DN_MAX], wb[MTL_DN_MAX];
    size_t n = mtl_dates_fold_tok(c, i, buf, sizeof buf, true);
    if (!n)
        return 0;
    size_t wbl = mtl_utf8_unaccent(buf, n, wb, sizeof wb);
    if (!wbl || (wbl == n && memcmp(wb, buf, n) == 0))
        return 0;
    const mtl_dates_state *st = c->s;
    for (size_t k = 0; k < st->nnames; k++) {
        const mtl_dname *d = &st->names[k];
        if (d->what != MTL_DN_MONTH ||
            !(d->forms & (MTL_DF_FORMAT | MTL_DF_STANDALONE)) ||
            d->baselen != wbl || memcmp(d->base, wb, wbl) != 0)
            continue;
        if (d->len == n && memcmp(d->fold, buf, n) == 0)
            return 0; /* the name itself */
        return d->value;
    }
    return 0;
}

static bool mtl_dates_month_and(mtl_dctx *c, size_t i);

static __attribute__((noinline)) void
mtl_dates_month_typo(mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = mtl_tk(c, i);
    if (t->kind != MTL_TOK_WORD || (t->flags & MTL_TF_DIGIT) ||
        t->nchars < 3 || t->nchars > 12 || t->casing == MTL_CASE_MIXED)
        return;
    /* a word of three letters is one edit from a month of four ("Juy" of
     * "July") only before a day in a strong context (below): "Juy 18:" in
     * a dateline; a number must follow it, which spares the common short
     * words everything else */
    bool three = t->nchars == 3;
    if (three && (i + 1 >= doc->ntoks ||
                  mtl_tk(c, i + 1)->kind != MTL_TOK_NUMBER))
        return;
    /* the month found (mtl_dates_near_month, asked last) starts with the
     * first letter of the word, past an elided article ("d'octubre"); an
     * ASCII letter folds to its lower case whatever follows it.  Most
     * words start otherwise, and need no look at their neighbours */
    const char *wp = doc->text + t->start;
    if ((unsigned char)wp[0] < 0x80 &&
        !c->s->month_first[mtl_ascii_lower((unsigned char)wp[0])]) {
        size_t n = t->len;
        if (t->flags & MTL_TF_ASCII) {
            /* three bytes (a three-letter word, below) leave no month
             * after an elided article, and are not read as four */
            if (n < 4)
                return;
            /* 4 to 12 bytes (as many as characters): an apostrophe in
             * two words of eight or four that overlap, and then where */
            bool apos = n >= 8 ? mtl_has_byte8(mtl_load8(wp), '\'') ||
                                     mtl_has_byte8(mtl_load8(wp + n - 8), '\'')
                               : mtl_has_byte8(mtl_load4(wp) |
                                                   (uint64_t)mtl_load4(
                                                       wp + n - 4) << 32,
                                               '\'');
            if (!apos)
                return;
            const char *q = memchr(wp, '\'', n - 1);
            if (!q)
                return;
            wp = q + 1;
        } else {
            mtl_dates_strip_elided(&wp, &n);
        }
        unsigned char b0 = (unsigned char)wp[0];
        if (b0 < 0x80 && !c->s->month_first[mtl_ascii_lower(b0)])
            return;
    }
    size_t j;
    bool ord;
    size_t numtok = SIZE_MAX;
    bool day_after = false, year_after = false, day_before = false;
    bool strong = false;
    bool conn_frame = false; /* day, connector word, known word */
    int accent_m = 0; /* mtl_dates_accent_month, when asked */
    int sp = -2; /* mtl_spell of the word, -2 not asked yet */
    /* the day and year of a full date around the word ("14. Märtz 2025",
     * "Match 25, 2024"): once flagged, it anchors the document's weekdays
     * as a date spelled right would */
    long full_day = 0, full_year = 0;
    size_t full_first = i;
    /* after: day or year */
    size_t k = i + 1;
    if (k < doc->ntoks && mtl_dates_same_sent(c, i, k)) {
        /* a connector leads to a year only: "setembo de 2024" */
        bool conn = false;
        if (mtl_dates_is(c, k, ',') || mtl_dates_is(c, k, '.'))
            k++;
        else if (mtl_tk(c, k)->kind == MTL_TOK_WORD && c->s->connector.n &&
                 k + 1 < doc->ntoks &&
                 mtl_tk(c, k + 1)->kind == MTL_TOK_NUMBER &&
                 mtl_dates_tok_in(c, k, &c->s->connector))
            k++, conn = true;
        bool five;
        if (k < doc->ntoks && mtl_dates_same_sent(c, i, k) &&
            mtl_dates_numeric_tok(mtl_tk(c, k))) {
            long d = mtl_dates_day(c, k, &ord);
            if (mtl_dates_year(c, k, &five) > 0 && !five) {
                year_after = true;
                numtok = k;
            } else if (!conn && d >= 1 && d <= 31 &&
                       mtl_tk(c, k)->len <= 4) {
                day_after = true;
                numtok = k;
                /* "Match 25, 2024" / "Match 25:" / "25 (" */
                if (k + 2 < doc->ntoks && mtl_dates_is(c, k + 1, ',') &&
                    mtl_dates_year(c, k + 2, &five) > 0 && !five) {
                    strong = true;
                    full_day = d;
                    full_year = mtl_dates_year(c, k + 2, &five);
                }
            }
        }
    }
    /* before: a day number */
    if (!day_after && mtl_dates_prev(c, i, &j) &&
        mtl_dates_digit_before(c, i)) {
        size_t b = mtl_dates_skip_back(c, i);
        if (b > 0 && mtl_dates_prev(c, b, &j)) {
            long d = mtl_dates_day(c, j, &ord);
            if (d >= 1 && d <= 31 && !(j > 0 && mtl_tok_glued_prev(doc, j))) {
                /* and a year after, or an ordinal day */
                size_t y = mtl_dates_skip_fwd(c, i);
                bool five;
                bool yr = y < doc->ntoks && mtl_dates_same_sent(c, i, y) &&
                          mtl_dates_year(c, y, &five) > 0 && !five;
                bool day = ord || yr;
                if (!day && mtl_dates_dateline(c, j, i, true)) {
                    /* "Madrid, 25 de mazro (EFE)" */
                    day = true;
                    strong = true;
                }
                /* a word the dictionary does not know, of five letters or
                 * more: "on 12 Febraury in", "le 18 avirl," (a known word
                 * still needs a strong context below) */
                /* or, of any length, a month with its accents garbled
                 * that the dictionary does not know ("le 14 aôut") */
                if (!day && t->nchars < 5 && (accent_m =
                                                  mtl_dates_accent_month(c, i))) {
                    sp = mtl_spell_token(c->ck, doc, i);
                    day = sp == 0;
                }
                if (!day && t->nchars >= 5) {
                    sp = mtl_spell_token(c->ck, doc, i);
                    day = sp == 0;
                    /* or a word it knows in lower case after the
                     * article of a date, the day and a connector word
                     * ("desde el 12 de marso"): a date's frame, strong
                     * once the word is one edit from a month (below) */
                    size_t aj;
                    if (!day && sp == 1 && b < i &&
                        mtl_tk(c, b)->kind == MTL_TOK_WORD &&
                        t->casing == MTL_CASE_LOWER &&
                        mtl_dates_prev(c, j, &aj) &&
                        (mtl_dates_tok_in(c, aj, &c->s->article) ||
                         mtl_dates_article_deictic(c, aj)))
                        day = conn_frame = true;
                }
                if (day) {
                    day_before = true;
                    numtok = j;
                }
                if (yr) {
                    strong = true; /* day, word, year: "3 févier 2014" */
                    full_day = d;
                    full_year = mtl_dates_year(c, y, &five);
                    full_first = j;
                }
            }
        }
    }
    /* no number: a phrase that announces a month ("Mitte Dezmber", "a
     * mediados de fevreiro", "octbre del año pasado", "lo scorso
     * settebre"), for a word of five letters or more that the dictionary
     * does not know (asked below), in lower case where months are */
    bool phrase = false, capital = false;
    if (numtok == SIZE_MAX) {
        unsigned char b0 = (unsigned char)doc->text[t->start];
        /* where months are written in lower case, a capitalised word
         * needs a phrase on both sides ("en Agsoto del año pasado"): one
         * alone is a name's context too ("en Augustin") */
        capital = c->s->lower_months && t->casing != MTL_CASE_LOWER;
        if (t->nchars < 5 ||
            (b0 < 0x80 && !c->s->month_first[mtl_ascii_lower(b0)]) ||
            (capital && t->casing != MTL_CASE_TITLE) || !c->dict)
            return;
        /* the dictionary first: it knows most words, and its answers are
         * kept per document, while a phrase is matched word by word */
        sp = mtl_spell_token(c->ck, doc, i);
        if (sp != 0)
            return; /* a word the dictionary knows, or no dictionary */
        if (capital
                ? !(mtl_dates_phrase_before(c, i, &c->s->before_month) &&
                    mtl_dates_phrase_after(c, i, &c->s->after_month))
                : !(mtl_dates_phrase_before(c, i, &c->s->before_month) ||
                    mtl_dates_phrase_after(c, i, &c->s->after_month) ||
                    mtl_dates_month_and(c, i)))
            return;
        /* a name goes on: "the last Augusto Pinochet" */
        if (mtl_dates_next(c, i, &j) && mtl_tk(c, j)->kind == MTL_TOK_WORD &&
            (mtl_tk(c, j)->flags & MTL_TF_UPPER_START))
            return;
        phrase = true;
    }
    /* a dateline: "New Delhi, Match 25:" near the start of a line, after a
     * comma that follows capitalised words */
    if (day_after && mtl_dates_dateline(c, i, numtok, false))
        strong = true;
    /* a weekday just before: "Monday, Match 25" */
    if (!strong && day_after && i >= 1) {
        size_t q = i - 1;
        if (mtl_dates_is(c, q, ',') && q > 0)
            q--;
        if (mtl_dates_same_sent(c, q, i) &&
            mtl_dates_lookup(c, q, MTL_DN_WEEKDAY))
            strong = true;
    }
    if (three && (!day_after || !strong))
        return;
    if (mtl_dates_lookup(c, i, MTL_DN_MONTH) ||
        mtl_dates_lookup(c, i, MTL_DN_WEEKDAY))
        return;
    char buf[MTL_DN_MAX];
    size_t n = mtl_dates_fold_tok(c, i, buf, sizeof buf, true);
    if (!n)
        return;
    unsigned dist = 0;
    int m = mtl_dates_near_month(c, buf, n, mtl_utf8_count(buf, n),
                                 c->s->forms_differ || !c->dict,
                                 (t->flags & MTL_TF_ASCII) != 0,
                                 numtok != SIZE_MAX, &dist);
    if (!m && (accent_m || (accent_m = mtl_dates_accent_month(c, i)))) {
        m = accent_m;
        dist = 1;
    }
    if (!m)
        return;
    /* a month or weekday of another language: a quotation, or a text
     * whose language was taken for another ("Februar 2022" read as
     * English) */
    /* (one edit from the text's own month, a name of a language whose
     * months month-language does not know is a typo: "Aprill 18" is
     * Estonian) */
    if (mtl_dates_foreign_name(buf, n) &&
        (dist > 1 || mtl_dates_fmonth_find(buf, n)))
        return;
    /* a long word one edit from a month, right before a year: "févier
     * 2014" ("févier" is a tree) */
    if (year_after && dist == 1 && t->nchars >= 6 &&
        c->dict)
        strong = true;
    if (conn_frame && dist == 1)
        strong = true;
    if (sp == -2)
        sp = mtl_spell_token(c->ck, doc, i);
    if ((phrase || three) && sp != 0)
        return; /* and a short word, whatever its context: "Jay 18" */
    if (sp == 1 && !strong)
        return; /* a real word ("Match 3 of the series") */
    if (sp == -1 && !strong && !day_before)
        return; /* no dictionary: an inflected form or a name */
    /* "Maia 2020": one edit from a four-letter word is loose, but for
     * two letters swapped in a word the dictionary does not know, before
     * a day ("Juyl 12") */
    if (t->nchars <= 4 && !strong && !day_before &&
        !(day_after && sp == 0 && !mtl_dates_after_capital(c, i) &&
          mtl_dates_swapped_month(c->s, m, buf, n)))
        return;
    /* repair */
    const mtl_dates_state *s = c->s;
    const char *name = day_before && s->forms_differ ? s->month_fmt[m]
                                                     : (s->month_sa[m][0]
                                                            ? s->month_sa[m]
                                                            : s->month_fmt[m]);
    if (day_before && !s->forms_differ)
        name = s->month_fmt[m];
    char cased[MTL_DN_MAX + 8];
    /* a capital where months take none is part of the mistake */
    if (capital)
        snprintf(cased, sizeof cased, "%s", name);
    else
        mtl_dates_cased(c, i, name, cased, sizeof cased);
    size_t ns = mtl_dates_name_start(c, i);
    size_t start = ns, end = t->start + t->len;
    char sug[256];
    if (numtok != SIZE_MAX && numtok > i) {
        const mtl_token *nt = mtl_tk(c, numtok);
        end = nt->start + nt->len;
        snprintf(sug, sizeof sug, "%s%.*s", cased,
                 (int)(end - (t->start + t->len)),
                 doc->text + t->start + t->len);
    } else {
        snprintf(sug, sizeof sug, "%s", cased);
    }
    if (sp == -1) {
        /* no dictionary: decided at the end of the document */
        if (c->ntypo < MTL_DATES_NELEM(c->typo)) {
            struct mtl_dtypo *y = &c->typo[c->ntypo++];
            y->tok = i;
            y->start = start;
            y->end = end;
            y->month = m;
            snprintf(y->sug, sizeof y->sug, "%s", sug);
            snprintf(y->name, sizeof y->name, "%s", cased);
        }
        return;
    }
    mtl_dates_typo_flag(c, i, start, end, sug, cased);
    if (full_day && full_year >= 1000 && full_year <= 2999)
        mtl_dates_full(c, full_first, doc->toks[full_first].start,
                       (int)full_year, m, (int)full_day);
}

static bool mtl_dates_quoted(const mtl_dctx *c, size_t i);

/* weekday-typo at word token i: a word one edit from a full weekday name
 * (two from one of seven letters or more), with the same first letter,
 * right before a date of the document's language: a day and a month
 * ("sabbato 7 novembre", "Mitwoch, 28. Juli") or a month and a day
 * ("Wensday, March 25").  The date makes the context; the word must still
 * be none the dictionary knows, no weekday or month of another language,
 * and nearer to one weekday than to any other.  Only a word followed by a
 * number or a month name gets past the first tests. */
/* False when mtl_dates_weekday_typo surely flags nothing at token i for
 * want of a dictionary or of a date after it: either date has a number
 * among the three tokens after the word.  Their kinds only, before any
 * of their text; asked inline, so that most words never enter the rule. */
__attribute__((always_inline)) static inline bool
mtl_dates_weekday_typo_may(const mtl_dctx *c, size_t i)
{
    const mtl_token *toks = c->doc->toks;
    size_t nt = c->doc->ntoks;
    return c->dict &&
           ((i + 1 < nt && toks[i + 1].kind == MTL_TOK_NUMBER) ||
            (i + 2 < nt && toks[i + 2].kind == MTL_TOK_NUMBER) ||
            (i + 3 < nt && toks[i + 3].kind == MTL_TOK_NUMBER));
}

static __attribute__((noinline)) void
mtl_dates_weekday_typo(mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = mtl_tk(c, i);
    /* six letters or more: a shorter word one edit from a weekday is as
     * often a name ("Frida, 3 March", "Sunda") */
    if (t->nchars < 6 || t->nchars > 12 || t->casing == MTL_CASE_MIXED ||
        (t->flags & MTL_TF_DIGIT) || !mtl_dates_weekday_typo_may(c, i))
        return;
    /* the date: [,] day [.|connector] month, or [,] month day */
    size_t k = i + 1;
    if (k < doc->ntoks && mtl_dates_is(c, k, ','))
        k++;
    if (k + 1 >= doc->ntoks || !mtl_dates_same_sent(c, i, k + 1))
        return;
    const mtl_token *a = mtl_tk(c, k);
    bool ord;
    if (a->kind == MTL_TOK_NUMBER) {
        long d = mtl_dates_day(c, k, &ord);
        if (d < 1 || d > 31 || a->len > 2)
            return;
        size_t m = k + 1;
        if (mtl_dates_is(c, m, '.') || mtl_dates_tok_in(c, m, &c->s->connector))
            m++;
        if (m >= doc->ntoks || !mtl_dates_same_sent(c, i, m) ||
            !mtl_dates_lookup(c, m, MTL_DN_MONTH))
            return;
    } else if (a->kind == MTL_TOK_WORD && !(a->flags & MTL_TF_DIGIT)) {
        if (mtl_tk(c, k + 1)->kind != MTL_TOK_NUMBER ||
            !mtl_dates_lookup(c, k, MTL_DN_MONTH))
            return;
        long d = mtl_dates_day(c, k + 1, &ord);
        if (d < 1 || d > 31)
            return;
    } else {
        return;
    }
    if (mtl_dates_lookup(c, i, MTL_DN_WEEKDAY) ||
        mtl_dates_lookup(c, i, MTL_DN_MONTH))
        return;
    char buf[MTL_DN_MAX];
    size_t n = mtl_dates_fold_tok(c, i, buf, sizeof buf, false);
    if (!n)
        return;
    size_t nch = mtl_utf8_count(buf, n);
    unsigned maxd = nch >= 7 ? 2 : 1;
    unsigned best = 99, second = 99;
    int bw = 0;
    const mtl_dname *bn = NULL;
    const mtl_dates_state *s = c->s;
    for (size_t q = 0; q < s->nnames; q++) {
        const mtl_dname *d = &s->names[q];
        if (d->what != MTL_DN_WEEKDAY || !(d->forms & MTL_DF_FULL_WD) ||
            d->nchars > nch + maxd || nch > (size_t)d->nchars + maxd)
            continue;
        unsigned e = mtl_edit_distance_osa(buf, n, d->fold, d->len, maxd);
        if (e < best) {
            if (bw != d->value)
                second = best;
            best = e;
            bw = d->value;
            bn = d;
        } else if (d->value != bw && e < second) {
            second = e;
        }
    }
    if (!bn || best == 0 || best > maxd || second <= best)
        return;
    /* the same first letter */
    size_t i0 = 0, i1 = 0;
    if (mtl_utf8_next(buf, n, &i0) != mtl_utf8_next(bn->fold, bn->len, &i1))
        return;
    /* an accent dropped ("venerdi", "sabado") is a spelling of its own,
     * as is a weekday of another language ("Mittwoch" in a text taken
     * for English) */
    char wb[MTL_DN_MAX];
    size_t wbl = mtl_utf8_unaccent(buf, n, wb, sizeof wb);
    char db[MTL_DN_MAX];
    size_t dbl = mtl_utf8_unaccent(bn->fold, bn->len, db, sizeof db);
    if ((wbl && wbl == dbl && memcmp(wb, db, wbl) == 0) ||
        mtl_dates_foreign_name(buf, n))
        return;
    /* capitalised: no given name ("Frida, 3 March"), no word of a name
     * ("Anna Frida 3 May") */
    if (t->casing != MTL_CASE_LOWER &&
        (mtl_lexicon_has(mtl_lang_lexicon_all(doc->res, "given-names"),
                         doc->text + t->start, t->len) ||
         (i > 0 && mtl_dates_same_sent(c, i - 1, i) &&
          mtl_tk(c, i - 1)->kind == MTL_TOK_WORD &&
          (mtl_tk(c, i - 1)->flags & MTL_TF_UPPER_START) &&
          !(mtl_tk(c, i - 1)->flags & MTL_TF_SENT_START))))
        return;
    if (mtl_spell_token(c->ck, doc, i) != 0 || mtl_dates_quoted(c, i))
        return;
    char cased[MTL_DN_MAX + 8];
    mtl_dates_cased(c, i, s->wd_full[bw][0] ? s->wd_full[bw] : bn->fold,
                    cased, sizeof cased);
    mtl_flags_addf(c->out, MTL_RULE_DATE_WEEKDAY_TYPO, t->start,
                   t->start + t->len, cased,
                   "%.*s is not a weekday: did you mean %s?", (int)t->len,
                   doc->text + t->start, cased);
}

/* Month typos in a language without a dictionary, which can not tell a
 * misspelling from a spelling of its own (hi "अक्टूबर" beside CLDR's
 * "अक्तूबर", ar "يونيه" beside "يونيو"): a word is flagged when the
 * document spells the same month as ICU does elsewhere, or else when it
 * is written in the Latin script (whose month names have one spelling:
 * the loanwords of other scripts have several) and nowhere else in the
 * document (a spelling that a writer keeps is theirs). */
static void
mtl_dates_typo_resolve(mtl_dctx *c)
{
    const mtl_doc *doc = c->doc;
    size_t count[MTL_DATES_NELEM(c->typo)] = {0};
    char fw[MTL_DATES_NELEM(c->typo)][MTL_DN_MAX];
    size_t fl[MTL_DATES_NELEM(c->typo)] = {0};
    bool scan = false;
    for (size_t q = 0; q < c->ntypo; q++) {
        const struct mtl_dtypo *y = &c->typo[q];
        if (c->months_seen >> y->month & 1)
            continue;
        const mtl_token *t = mtl_tk(c, y->tok);
        size_t k = 0;
        UErrorCode st = U_ZERO_ERROR;
        int32_t cp = mtl_utf8_next(doc->text + t->start, t->len, &k);
        if (cp < 0 || uscript_getScript(cp, &st) != USCRIPT_LATIN ||
            U_FAILURE(st))
            continue;
        fl[q] = mtl_dates_fold_tok(c, y->tok, fw[q], sizeof fw[q], false);
        scan = scan || fl[q];
    }
    /* one pass over the document counts each candidate's spellings */
    for (size_t i = 0; scan && i < doc->ntoks; i++) {
        const mtl_token *t = mtl_tk(c, i);
        if (t->kind != MTL_TOK_WORD || (t->flags & MTL_TF_DIGIT))
            continue;
        char buf[MTL_DN_MAX];
        size_t n = 0;
        for (size_t q = 0; q < c->ntypo; q++) {
            const mtl_token *u = mtl_tk(c, c->typo[q].tok);
            if (!fl[q] || u->len != t->len)
                continue;
            if (!n)
                n = mtl_dates_fold_tok(c, i, buf, sizeof buf, false);
            if (n == fl[q] && memcmp(buf, fw[q], n) == 0)
                count[q]++;
        }
    }
    for (size_t q = 0; q < c->ntypo; q++) {
        const struct mtl_dtypo *y = &c->typo[q];
        if ((c->months_seen >> y->month & 1) || (fl[q] && count[q] == 1))
            mtl_dates_typo_flag(c, y->tok, y->start, y->end, y->sug,
                                y->name);
    }
}

/* Conjunctions that join two months ("entre maio e agosto", "January
 * and February"). */
static const char *const mtl_dates_month_conj[] = {
    "and", "or", "to", "et", "ou", "y", "o", "e", "und", "oder", "bis",
    "i", NULL};

/* Whether word token i follows a month and a conjunction ("maio e
 * agsoto"): a month's place. */
static bool
mtl_dates_month_and(mtl_dctx *c, size_t i)
{
    size_t q, m;
    if (!mtl_dates_prev(c, i, &q) || !mtl_dates_same_sent(c, q, i) ||
        mtl_tk(c, q)->kind != MTL_TOK_WORD ||
        mtl_tk(c, q)->casing != MTL_CASE_LOWER || mtl_tk(c, q)->len > 4 ||
        !mtl_dates_prev(c, q, &m) || !mtl_dates_same_sent(c, m, q))
        return false;
    const mtl_token *ct = mtl_tk(c, q);
    bool conj = false;
    for (size_t k = 0; mtl_dates_month_conj[k] && !conj; k++)
        conj = strlen(mtl_dates_month_conj[k]) == ct->len &&
               memcmp(mtl_dates_month_conj[k], c->doc->text + ct->start,
                      ct->len) == 0;
    return conj && mtl_dates_lookup(c, m, MTL_DN_MONTH) != NULL;
}

/* month-case without a day or a year: the capitalised month token i
 * follows a lower-case phrase that announces a month ([before-month]:
 * es "en", "desde", it "a", "entro"), a lower-case word or a comma,
 * semicolon or full stop follows it on its line (not a title in title
 * case, not a name that goes on: "en Julio Iglesias"), the document
 * writes some month in lower case elsewhere (its convention), and it
 * never writes this word next to another capitalised word ("Julio
 * Pérez": a person, "pensó en Julio" him).  The document is scanned only
 * for such a candidate, the first four of them. */
static bool mtl_dates_lower_convention(mtl_dctx *c, size_t i);

static bool
mtl_dates_bare_case(mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *mt = mtl_tk(c, i);
    if (i == 0 || c->bare_case >= 4 || mtl_tok_glued_prev(doc, i) ||
        mtl_tk(c, i - 1)->casing != MTL_CASE_LOWER ||
        !mtl_dates_phrase_may(doc, &c->s->before_month, i - 1))
        return false;
    size_t q = i + 1;
    if (q >= doc->ntoks || mtl_tk(c, q)->line != mt->line ||
        mtl_tok_glued_prev(doc, q) != (mtl_tk(c, q)->kind == MTL_TOK_PUNCT))
        return false;
    const mtl_token *nt = mtl_tk(c, q);
    if (nt->kind == MTL_TOK_WORD ? nt->casing != MTL_CASE_LOWER
                                 : !(mtl_dates_is(c, q, ',') ||
                                     mtl_dates_is(c, q, ';') ||
                                     mtl_dates_is(c, q, '.')))
        return false;
    if (!mtl_dates_phrase_before(c, i, &c->s->before_month))
        return false;
    c->bare_case++;
    return mtl_dates_lower_convention(c, i);
}

/* Whether the document writes some month in lower case (its convention)
 * and never writes the capitalised month token i beside another
 * capitalised word ("Julio Pérez", "Plaza de Mayo": a name). */
static bool
mtl_dates_lower_convention(mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *mt = mtl_tk(c, i);
    bool lower = false;
    for (size_t k = 0; k < doc->ntoks; k++) {
        const mtl_token *t = mtl_tk(c, k);
        if (t->kind != MTL_TOK_WORD || (t->flags & MTL_TF_DIGIT) || k == i)
            continue;
        if (t->len == mt->len && t->casing == MTL_CASE_TITLE &&
            memcmp(doc->text + t->start, doc->text + mt->start, t->len) == 0) {
            /* the same word in a name: a capitalised word beside it */
            for (int side = 0; side < 2; side++) {
                size_t o = side ? k + 1 : k - 1;
                if ((side ? k + 1 >= doc->ntoks : k == 0) ||
                    !mtl_dates_same_sent(c, k, o))
                    continue;
                const mtl_token *u = mtl_tk(c, o);
                if (u->kind == MTL_TOK_WORD &&
                    (u->flags & MTL_TF_UPPER_START) &&
                    !(u->flags & MTL_TF_SENT_START))
                    return false;
            }
            continue;
        }
        if (!lower && t->casing == MTL_CASE_LOWER && t->nchars >= 3) {
            const mtl_dname *d = mtl_dates_lookup(c, k, MTL_DN_MONTH);
            lower = d && (d->forms & (MTL_DF_FORMAT | MTL_DF_STANDALONE));
        }
    }
    return lower;
}

/* True if a range word or a dash follows the month token @p i, and a day
 * number after it: the start of a range of dates ("du 3 Août au 18
 * août"), which no name of a street is followed by. */
static bool
mtl_dates_range_after(const mtl_dctx *c, size_t i)
{
    size_t q, d;
    if (!mtl_dates_next(c, i, &q) || !mtl_dates_same_sent(c, i, q) ||
        !(mtl_dates_is_dash(c, q) ||
          (mtl_tk(c, q)->casing == MTL_CASE_LOWER &&
           mtl_dates_tok_in(c, q, &c->s->range))) ||
        !mtl_dates_next(c, q, &d) || mtl_tk(c, d)->kind != MTL_TOK_NUMBER ||
        mtl_tk(c, d)->len > 2)
        return false;
    long n = mtl_dates_num(c, d, 2);
    return n >= 1 && n <= 31;
}

/* Whether day @p day and the month token @p i name a holiday of
 * [holiday] ("le 14 Juillet", "o 25 de Abril"), which the language
 * capitalises. */
static bool
mtl_dates_holiday(const mtl_dctx *c, long day, size_t i)
{
    if (c->s->holiday.n == 0 || day < 1 || day > 31)
        return false;
    char m[24], buf[32];
    size_t n = mtl_dates_fold_tok(c, i, m, sizeof m, true);
    if (!n)
        return false;
    int l = snprintf(buf, sizeof buf, "%ld %.*s", day, (int)n, m);
    return l > 0 && (size_t)l < sizeof buf &&
           mtl_dates_in(&c->s->holiday, buf, (size_t)l);
}

/* True if token @p q is a range word or a dash after a day number that
 * itself follows a lower-case word: the end of a range of days ("del 11
 * al 20 de Noviembre", "du 3 au 5 Mars"), which no name starts with. */
static bool
mtl_dates_range_before(const mtl_dctx *c, size_t q)
{
    size_t p, w;
    if (!(mtl_dates_is_dash(c, q) || mtl_dates_tok_in(c, q, &c->s->range)) ||
        !mtl_dates_prev(c, q, &p) || mtl_tk(c, p)->kind != MTL_TOK_NUMBER ||
        mtl_tk(c, p)->len > 2 || !mtl_dates_prev(c, p, &w) ||
        !mtl_dates_same_sent(c, w, q))
        return false;
    const mtl_token *wt = mtl_tk(c, w);
    long d = mtl_dates_num(c, p, 2);
    return d >= 1 && d <= 31 && wt->kind == MTL_TOK_WORD &&
           wt->casing == MTL_CASE_LOWER;
}

/*
 * range-order across months: "from 5 December to 27 November".  The date
 * @p dt (a day and a month name; @p has_year when a year follows it)
 * comes right after a range word or a dash that comes right after the
 * date read before it, in one sentence, neither with a year.  The second
 * is a few days before the first (2 to 45): read forward it would last
 * eleven months or more, which no one writes without years, while a range
 * over the new year ("from 20 December to 6 January") reads forward in
 * weeks.  A year's period is silent: it starts on the 1st, ends on a
 * month's last day or the day before it started ("from 6 April to 5
 * April", "du 1er septembre au 31 juillet").
 */
static void
mtl_dates_range_months(mtl_dctx *c, const mtl_date *dt, bool has_year)
{
    const mtl_doc *doc = c->doc;
    size_t q, p;
    if (c->rg_set && !has_year && !c->rg_year &&
        mtl_dates_prev(c, dt->first, &q) && mtl_dates_prev(c, q, &p) &&
        p == c->rg_last && mtl_dates_same_sent(c, c->rg_first, dt->last) &&
        (mtl_dates_is_dash(c, q) || mtl_dates_tok_in(c, q, &c->s->range))) {
        int back = mtl_dates_yday(c->rg_month, c->rg_day) -
                   mtl_dates_yday(dt->month, dt->day);
        if (back >= 2 && back <= 45 && c->rg_day != 1 &&
            dt->day != mtl_dates_days_in(c, 0, dt->month) &&
            !(dt->month == 2 && dt->day == 28)) {
            /* the suggestion swaps the two dates around the word */
            char sug[256];
            size_t l2 = dt->end - dt->start, lm = dt->start - c->rg_end,
                   l1 = c->rg_end - c->rg_start;
            bool has_sug = l2 + lm + l1 < sizeof sug;
            if (has_sug) {
                memcpy(sug, doc->text + dt->start, l2);
                memcpy(sug + l2, doc->text + c->rg_end, lm);
                memcpy(sug + l2 + lm, doc->text + c->rg_start, l1);
                sug[l2 + lm + l1] = '\0';
            }
            mtl_flags_addf(c->out, MTL_RULE_DATE_RANGE_ORDER, c->rg_start,
                           dt->end, has_sug ? sug : NULL,
                           "date range in reverse order: it ends %d days "
                           "before it starts",
                           back);
        }
    }
    c->rg_set = true;
    c->rg_first = dt->first;
    c->rg_last = dt->last;
    c->rg_start = dt->start;
    c->rg_end = dt->end;
    c->rg_month = dt->month;
    c->rg_day = dt->day;
    c->rg_year = has_year;
}

/* Parses the date around month token i (a name or a Roman numeral) and
 * runs the checks. */
static void
mtl_dates_at_month(mtl_dctx *c, size_t i, int month, const mtl_dname *dn,
                   int32_t ref, mtl_dpair **pairs, size_t *npairs,
                   size_t *pcap)
{
    const mtl_doc *doc = c->doc;
    const mtl_dates_state *s = c->s;
    const mtl_token *mt = mtl_tk(c, i);
    mtl_date dt = {0};
    dt.month = month;
    dt.first = dt.last = i;
    dt.start = mtl_dates_name_start(c, i);
    dt.end = mt->start + mt->len;
    bool ord = false, five = false;
    size_t daytok = SIZE_MAX, yeartok = SIZE_MAX;
    bool day_before = false;
    /* day before: "25 March", "7 de octubre", "23. August", "7 d'octubre" */
    size_t b = mtl_dates_skip_back(c, i);
    size_t j;
    if (mtl_tk(c, i)->start != dt.start) {
        /* "d'octubre": the connector is inside the token */
        b = i;
    }
    if (mtl_dates_prev(c, b, &j)) {
        long d = mtl_dates_day(c, j, &ord);
        bool glued_before = j > 0 && mtl_tok_glued_prev(doc, j) &&
                            !mtl_dates_is(c, j - 1, '(') &&
                            !mtl_dates_is_dash(c, j - 1) &&
                            !mtl_dates_elided_article(c, j - 1);
        size_t pj;
        if (d > 31 && mtl_dates_prev(c, j, &pj) &&
            mtl_tk(c, pj)->kind == MTL_TOK_NUMBER)
            glued_before = true; /* "9 41 OCT": a code, not a day */
        /* a day over 31 ("32 de enero", "32. Januar") only after a word
         * that introduces a date ("el", "am", "le", "dnia"): otherwise
         * "número 300 de enero" is a label */
        size_t aj;
        bool art = mtl_dates_prev(c, j, &aj) &&
                   mtl_dates_tok_in(c, aj, &s->article);
        if (d > 0 && !glued_before && (d <= 31 || (art && d <= 999))) {
            /* not "3.5" or "10,000": NUMBER tokens are plain digits here */
            dt.day = (int)d;
            daytok = j;
            day_before = true;
            dt.first = j;
            dt.start = mtl_tk(c, j)->start;
        }
    }
    /* day after: "March 25", "October 3rd" (not for a Roman month) */
    size_t a = i;
    if (!day_before && dn) {
        size_t k = i + 1;
        if (k < doc->ntoks && mtl_dates_is(c, k, '.') &&
            mtl_tok_glued_prev(doc, k))
            k++; /* "Oct. 7" */
        if (k < doc->ntoks && mtl_dates_is(c, k, ',') &&
            mtl_tok_glued_prev(doc, k))
            k++; /* "January, 10" */
        if (k < doc->ntoks && mtl_dates_same_sent(c, i, k)) {
            long d = mtl_dates_day(c, k, &ord);
            /* a day past 31 only before a comma and a year, where no
             * other number reads so ("March 32, 2025") */
            bool y5;
            bool past = d >= 32 && d <= 39 && !ord &&
                        mtl_tk(c, k)->len == 2 && k + 2 < doc->ntoks &&
                        mtl_dates_is(c, k + 1, ',') &&
                        mtl_tok_glued_prev(doc, k + 1) &&
                        !mtl_tok_glued_prev(doc, k + 2) &&
                        mtl_dates_year(c, k + 2, &y5) > 0 && !y5;
            if (((d >= 1 && d <= 31) || past) && mtl_tk(c, k)->len <= 4 &&
                mtl_dates_year(c, k, &five) < 0 &&
                !(k + 1 < doc->ntoks && mtl_tok_glued_prev(doc, k + 1) &&
                  (mtl_dates_is(c, k + 1, ':') || mtl_dates_is(c, k + 1, '.') ||
                   mtl_dates_is(c, k + 1, ',')) &&
                  k + 2 < doc->ntoks && mtl_tok_glued_prev(doc, k + 2) &&
                  mtl_tk(c, k + 2)->kind == MTL_TOK_NUMBER)) {
                dt.day = (int)d;
                daytok = k;
                a = k;
                dt.last = k;
                dt.end = mtl_tk(c, k)->start + mtl_tk(c, k)->len;
            }
        }
    }
    /* year after the month or the day */
    size_t y = mtl_dates_skip_fwd(c, a);
    if (y < doc->ntoks && mtl_dates_same_sent(c, a, y) &&
        !(mtl_tok_glued_prev(doc, y) && mtl_tk(c, y - 1)->kind ==
          MTL_TOK_NUMBER)) {
        long yv = mtl_dates_year(c, y, &five);
        bool more = y + 1 < doc->ntoks && mtl_tok_glued_prev(doc, y + 1) &&
                    (mtl_tk(c, y + 1)->kind == MTL_TOK_NUMBER ||
                     mtl_tk(c, y + 1)->kind == MTL_TOK_WORD ||
                     ((mtl_dates_is(c, y + 1, ':') ||
                       mtl_dates_is(c, y + 1, ',')) &&
                      y + 2 < doc->ntoks && mtl_tok_glued_prev(doc, y + 2) &&
                      (mtl_tk(c, y + 2)->kind == MTL_TOK_NUMBER ||
                       mtl_tk(c, y + 2)->kind == MTL_TOK_WORD)));
        if (yv > 0 && !more) {
            dt.year = (int)yv;
            yeartok = y;
            dt.last = y;
            dt.end = mtl_tk(c, y)->start + mtl_tk(c, y)->len;
            if (y + 1 < doc->ntoks && mtl_dates_same_sent(c, y, y + 1) &&
                mtl_dates_bc_at(c, y + 1))
                dt.bc = true;
        }
    }
    if (dn && dt.day)
        mtl_dates_range_months(c, &dt, yeartok != SIZE_MAX);
    bool roman = dn == NULL;
    if (roman) {
        /* "31 IX 1911", "21–10 XII": a day before, and a year after or a
         * range of days */
        if (!day_before)
            return;
        size_t q, q2;
        bool range = mtl_dates_prev(c, daytok, &q) &&
                     (mtl_dates_is_dash(c, q) ||
                      mtl_dates_tok_in(c, q, &s->range)) &&
                     mtl_dates_prev(c, q, &q2) &&
                     mtl_tk(c, q2)->kind == MTL_TOK_NUMBER;
        if (yeartok == SIZE_MAX && !range)
            return;
    }
    if (daytok == SIZE_MAX && yeartok == SIZE_MAX)
        goto month_case_only;
    /* year-typo */
    if (five && yeartok != SIZE_MAX) {
        mtl_dates_year_typo(c, yeartok, mt->start);
        dt.year = 0;
    }
    /* month-form: standalone where the format form is required */
    if (day_before && dn && s->forms_differ &&
        (dn->forms & MTL_DF_STANDALONE) && !(dn->forms & MTL_DF_FORMAT) &&
        s->month_fmt[month][0]) {
        char cased[MTL_DN_MAX + 8];
        mtl_dates_cased(c, i, s->month_fmt[month], cased, sizeof cased);
        mtl_flags_addf(c->out, MTL_RULE_DATE_MONTH_FORM, mt->start,
                       mt->start + mt->len, cased,
                       "after a day number the month takes the form %s",
                       cased);
    }
    /* impossible */
    if (dt.day && (day_before || dt.day <= 31 || dt.year)) {
        mtl_date tmp = dt;
        if (five)
            tmp.year = 0;
        size_t ie = day_before ? mt->start + mt->len : dt.end;
        if (tmp.year)
            ie = dt.end;
        mtl_dates_impossible(c, &tmp, dt.start, ie);
    }
    /* range-order: "10 – 1 January", "2. bis 1. Januar", "January 10 – 1" */
    if (daytok != SIZE_MAX) {
        size_t d2 = daytok;
        size_t q;
        long first = -1;
        size_t ftok = SIZE_MAX;
        if (day_before) {
            /* D1 [.] (dash|range word) D2, or [between] D1 and D2 with
             * an article before each day maybe ("entre el 26 y el 15 de
             * septiembre") */
            size_t a2 = d2, qa;
            if (mtl_dates_prev(c, d2, &q) &&
                mtl_tk(c, q)->casing == MTL_CASE_LOWER &&
                mtl_dates_tok_in(c, q, &s->article) &&
                mtl_dates_prev(c, q, &qa) &&
                mtl_dates_tok_in(c, qa, &s->between_and))
                a2 = q;
            bool rng = a2 == d2 && mtl_dates_prev(c, a2, &q) &&
                       (mtl_dates_is_dash(c, q) ||
                        mtl_dates_tok_in(c, q, &s->range));
            bool and = !rng && mtl_dates_prev(c, a2, &q) &&
                       mtl_tk(c, q)->casing == MTL_CASE_LOWER &&
                       mtl_dates_tok_in(c, q, &s->between_and);
            if (rng || and) {
                size_t p1;
                if (mtl_dates_prev(c, q, &p1)) {
                    if (mtl_dates_is(c, p1, '.') && p1 > 0)
                        p1--;
                    bool o2;
                    first = mtl_dates_day(c, p1, &o2);
                    ftok = p1;
                    if (p1 > 0 && mtl_tok_glued_prev(doc, p1))
                        first = -1;
                    /* the range's first word before the first day */
                    size_t bw, bb;
                    if (and && first > 0 &&
                        !(mtl_dates_prev(c, p1, &bw) &&
                          (mtl_dates_tok_in(c, bw, &s->between) ||
                           (mtl_dates_tok_in(c, bw, &s->article) &&
                            mtl_dates_prev(c, bw, &bb) &&
                            mtl_dates_tok_in(c, bb, &s->between))) &&
                          mtl_tk(c, bw)->casing == MTL_CASE_LOWER))
                        first = -1;
                }
            }
            if (first > 0 && first <= 31 && dt.day <= 31 && first >= dt.day) {
                const mtl_token *ft = mtl_tk(c, ftok);
                const mtl_token *dtk = mtl_tk(c, d2);
                size_t re = dtk->start + dtk->len;
                if (re < doc->len && doc->text[re] == '.' &&
                    mtl_dates_is(c, d2 + 1, '.'))
                    re++;
                mtl_flags_addf(c->out, MTL_RULE_DATE_RANGE_ORDER, ft->start,
                               re, NULL, first == dt.day
                                             ? "empty range of days"
                                             : "range of days in reverse "
                                               "order");
            }
        } else {
            /* Month D1 (dash|range word) D2 */
            if (mtl_dates_next(c, d2, &q) && (mtl_dates_is_dash(c, q) ||
                                              mtl_dates_tok_in(c, q,
                                                               &s->range))) {
                size_t p2;
                bool o2;
                if (mtl_dates_next(c, q, &p2)) {
                    long second = mtl_dates_day(c, p2, &o2);
                    bool f5;
                    if (second >= 1 && second <= 31 &&
                        mtl_dates_year(c, p2, &f5) < 0 &&
                        !(p2 + 1 < doc->ntoks &&
                          mtl_tok_glued_prev(doc, p2 + 1) &&
                          !mtl_dates_is(c, p2 + 1, ',')) &&
                        second <= dt.day) {
                        const mtl_token *pt = mtl_tk(c, p2);
                        mtl_flags_addf(c->out, MTL_RULE_DATE_RANGE_ORDER,
                                       dt.start, pt->start + pt->len, NULL,
                                       second == dt.day
                                           ? "empty range of days"
                                           : "range of days in reverse "
                                             "order");
                    }
                }
            }
        }
    }
    if (dt.year && !dt.bc)
        mtl_dates_note_year(c, dt.year); /* "setembro de 2024" */
    if (dt.day)
        mtl_dates_check(c, &dt, ref, pairs, npairs, pcap);
month_case_only:
    /* month-case: "El 4 de Julio", "30 Mars 1960", "Pel Juliol de 1985",
     * and with neither day nor year "abrirá en Marzo una escuela"
     * (mtl_dates_bare_case) */
    if (dn && s->month_case && mtl_dates_title_at(c, i) &&
        !(mt->flags & MTL_TF_SENT_START) && !mtl_dates_after_label(c, dt.first) &&
        !(yeartok == SIZE_MAX && day_before && mtl_dates_holiday(c, dt.day, i)) &&
        (dn->forms & (MTL_DF_FORMAT | MTL_DF_STANDALONE)) &&
        (day_before || (yeartok != SIZE_MAX && !five) ||
         (daytok == SIZE_MAX && yeartok == SIZE_MAX &&
          mtl_dates_bare_case(c, i)))) {
        /* not inside a name or a title: no capitalised word right after,
         * none right before the day number */
        size_t q;
        bool name = false;
        if (mtl_dates_next(c, yeartok != SIZE_MAX ? yeartok : i, &q) &&
            mtl_tk(c, q)->kind == MTL_TOK_WORD &&
            (mtl_tk(c, q)->flags & MTL_TF_UPPER_START))
            name = true;
        if (daytok == SIZE_MAX && yeartok == SIZE_MAX) {
            /* checked by mtl_dates_bare_case */
        } else if (day_before) {
            /* "le 30 Mars 1960", "El 4 de Julio": the day follows an
             * article or starts the sentence; "rue du 4 Septembre",
             * "Piazza 4 Novembre", "ulica 3 Maja" are names */
            /* a weekday in lower case before the day ("jeudi 29 Août")
             * makes it a date: a street or a square is named by the day
             * and month alone */
            if (mtl_dates_prev(c, dt.first, &q) &&
                !mtl_dates_tok_in(c, q, &s->article) &&
                /* "jusqu'au 9 Juin": an article after an elision */
                !mtl_dates_elided_in(c, q, &s->range) &&
                /* "l'8 Agosto", "dall'11 Marzo": an elided article */
                !mtl_dates_elided_article(c, q) &&
                /* "del próximo 19 de Junio": a word of the week of
                 * writing before the day */
                !(mtl_tk(c, q)->casing == MTL_CASE_LOWER &&
                  mtl_dates_tok_in(c, q, &s->deictic)) &&
                !mtl_dates_range_before(c, q) &&
                !(mtl_tk(c, q)->casing == MTL_CASE_LOWER &&
                  mtl_dates_lookup(c, q, MTL_DN_WEEKDAY)) &&
                /* with a year after the month, a preposition of
                 * [range] or [year-prep] before the day ("remontait au
                 * 14 Octobre 2021"): no street is named with a year */
                !(yeartok != SIZE_MAX && !five &&
                  mtl_tk(c, q)->casing == MTL_CASE_LOWER &&
                  (mtl_dates_tok_in(c, q, &s->range) ||
                   mtl_dates_tok_in(c, q, &s->year_prep) ||
                   /* "les 20 et 21 Septembre 2025" */
                   (mtl_dates_tok_in(c, q, &s->between_and) && q > 0 &&
                    mtl_tk(c, q - 1)->kind == MTL_TOK_NUMBER))) &&
                /* or a range of dates starting there ("du 3 Août au 18
                 * août") */
                !(yeartok == SIZE_MAX && mtl_dates_range_after(c, i)) &&
                /* a dateline's place before it ("Roma, 18 Luglio 2024
                 * -") makes it a date too, and without a year when a
                 * dash, a colon or a bracket ends the dateline
                 * ("BOLZANO, 18 Dicembre –") */
                !(yeartok != SIZE_MAX
                      ? mtl_dates_dateline_place(c, dt.first)
                      : mtl_dates_dateline(c, dt.first, i, false))) {
                name = true;
                /* "a partir del 22 de Diciembre": a connector in lower
                 * case, no capitalised word before it ("Plaza del 2 de
                 * Mayo"), in a document that writes its months in lower
                 * case and this one beside no other capitalised word */
                size_t qq;
                if (mtl_tk(c, q)->casing == MTL_CASE_LOWER &&
                    mtl_dates_tok_in(c, q, &s->connector) &&
                    !(mtl_dates_prev(c, q, &qq) &&
                      (mtl_tk(c, qq)->flags & MTL_TF_UPPER_START)) &&
                    c->bare_case < 4) {
                    c->bare_case++;
                    name = !mtl_dates_lower_convention(c, i);
                }
            }
        } else {
            /* "Juan Abril 2019", "Revolución de Octubre de 1917"; a short
             * capitalised word starting the sentence ("De Julio del 2020",
             * "Pel Juliol de 1985") is not a name */
            size_t bb = mtl_dates_skip_back(c, i);
            if (mtl_dates_prev(c, bb, &q) &&
                mtl_tk(c, q)->kind == MTL_TOK_WORD &&
                (mtl_tk(c, q)->flags & MTL_TF_UPPER_START) &&
                (!(mtl_tk(c, q)->flags & MTL_TF_SENT_START) ||
                 mtl_tk(c, q)->nchars > 3))
                name = true; /* "els fets del Sis d'Octubre del 1934" */
            /* "le rover Mars 2020": after a noun the month may be a name;
             * after a preposition ("en Mars 2023", "Nel Maggio 2020") it
             * is a date */
            if (mtl_dates_prev(c, i, &q) && mtl_tk(c, q)->kind ==
                MTL_TOK_WORD && mtl_tk(c, q)->nchars > 3)
                name = true;
        }
        if (!name && yeartok == SIZE_MAX) {
            size_t f = mtl_dates_skip_fwd(c, i);
            if (f < doc->ntoks && mtl_dates_same_sent(c, i, f) && f > i + 1 &&
                mtl_tk(c, f)->kind == MTL_TOK_WORD &&
                (mtl_tk(c, f)->flags & MTL_TF_UPPER_START) &&
                !(mtl_tk(c, f)->flags & MTL_TF_SENT_START))
                name = true; /* "9 d'Octubre de Sant Vicent", not the
                                next sentence ("23 de Junio. Según") */
        }
        /* the elided article is part of the token: "d'Agost" */
        size_t ns = mtl_dates_name_start(c, i);
        if (!name) {
            char low[MTL_DN_MAX + 8];
            snprintf(low, sizeof low, "%s", s->month_fmt[month]);
            /* lower-case the token itself */
            char tokbuf[MTL_DN_MAX + 8];
            size_t tl = mt->start + mt->len - ns;
            UChar u[64];
            UErrorCode st = U_ZERO_ERROR;
            int32_t ul = 0;
            u_strFromUTF8(u, 64, &ul, doc->text + ns, (int32_t)tl, &st);
            if (U_SUCCESS(st) && ul > 0 && ul < 64) {
                u[0] = (UChar)u_tolower(u[0]);
                mtl_dates_u2c(u, ul, tokbuf, sizeof tokbuf);
            } else {
                snprintf(tokbuf, sizeof tokbuf, "%s", low);
            }
            mtl_flags_addf(c->out, MTL_RULE_DATE_MONTH_CASE, ns,
                           mt->start + mt->len, tokbuf,
                           "months are written in lower case: %s", tokbuf);
        }
    }
    /* month-case the other way: a month in lower case where the language
     * capitalises every month (de "am 6. november", en "on 6 june
     * 2024"), right after a day number, or with no day, of four letters
     * or more, after a phrase of [before-month] ("Bereits im märz",
     * "since june"); the full name, which the dictionary does not know in
     * lower case ("may", "march", "august" are words) */
    if (dn && s->upper_months &&
        (day_before ||
         (daytok == SIZE_MAX && mt->nchars >= 4 &&
          mtl_dates_phrase_before(c, i, &s->before_month))) &&
        mt->casing == MTL_CASE_LOWER &&
        (dn->forms & (MTL_DF_FORMAT | MTL_DF_STANDALONE)) &&
        !(c->dict && mtl_spell(c->ck, doc->res, doc->text + mt->start,
                               mt->len) != 0)) {
        char up[MTL_DN_MAX + 8];
        UChar u[64];
        UErrorCode st = U_ZERO_ERROR;
        int32_t ul = 0;
        u_strFromUTF8(u, 64, &ul, doc->text + mt->start, (int32_t)mt->len,
                      &st);
        if (U_SUCCESS(st) && ul > 0 && ul < 64) {
            u[0] = (UChar)u_toupper(u[0]);
            if (mtl_dates_u2c(u, ul, up, sizeof up))
                mtl_flags_addf(c->out, MTL_RULE_DATE_MONTH_CASE, mt->start,
                               mt->start + mt->len, up,
                               "months are capitalised: %s", up);
        }
    }
}

/* Numeric dates scanned on the bytes at a NUMBER token: "31.4.2014",
 * "31/10/2014", "2014-10-31", German "31.4."; with @p wd_ctx (a weekday
 * just before) also "31/10". */
static void
mtl_dates_numeric(mtl_dctx *c, size_t i, int32_t ref, mtl_dpair **pairs,
                  size_t *npairs, size_t *pcap)
{
    const mtl_doc *doc = c->doc;
    const mtl_dates_state *s = c->s;
    const mtl_token *t = mtl_tk(c, i);
    size_t p = t->start;
    if (p > 0) {
        unsigned char b = (unsigned char)doc->text[p - 1];
        if (mtl_is_digit(b) || b == '.' || b == '/' || b == '-' || b == ',' ||
            b == '+' || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
            b >= 0x80)
            return;
    }
    /* a label number: "N° 54.07.2021", "nº 02/29/1771", "#3/4/2020",
     * or one number of a list of codes: "4327-4263 11-54-1035" */
    if (i > 0 && mtl_dates_same_sent(c, i - 1, i)) {
        const mtl_token *pt = mtl_tk(c, i - 1);
        const char *q = doc->text + pt->start;
        size_t pl = pt->len;
        if ((pl == 1 && q[0] == '#') || pt->kind == MTL_TOK_NUMBER ||
            (pl >= 2 && (unsigned char)q[pl - 2] == 0xC2 &&
             ((unsigned char)q[pl - 1] == 0xB0 ||
              (unsigned char)q[pl - 1] == 0xBA)) ||
            (pl >= 3 && (unsigned char)q[pl - 3] == 0xE2 &&
             (unsigned char)q[pl - 2] == 0x84 &&
             (unsigned char)q[pl - 1] == 0x96))
            return;
    }
    long g[3] = {0};
    size_t gl[3] = {0};
    int ng = 0;
    char sep = 0;
    size_t e = p;
    while (ng < 4) {
        size_t st = e;
        long v = 0;
        while (e < doc->len && mtl_is_digit((unsigned char)doc->text[e]) &&
               e - st < 6)
            v = v * 10 + (doc->text[e++] - '0');
        if (e == st)
            return;
        if (ng == 3)
            return; /* four groups: a phone or a document number */
        g[ng] = v;
        gl[ng] = e - st;
        ng++;
        if (e + 1 < doc->len &&
            (doc->text[e] == '.' || doc->text[e] == '/' ||
             doc->text[e] == '-') &&
            mtl_is_digit((unsigned char)doc->text[e + 1])) {
            if (sep && doc->text[e] != sep)
                return;
            sep = doc->text[e];
            e++;
            continue;
        }
        break;
    }
    if (ng < 2 || !sep)
        return;
    if (e < doc->len) {
        unsigned char a = (unsigned char)doc->text[e];
        if (mtl_is_digit(a) || (a >= 'A' && a <= 'Z') ||
            (a >= 'a' && a <= 'z') || a >= 0x80 || a == '%' ||
            ((a == '/' || a == '-' || a == ',') && e + 1 < doc->len &&
             mtl_is_digit((unsigned char)doc->text[e + 1])))
            return;
    }
    bool trail_dot = e < doc->len && doc->text[e] == '.';
    /* the weekday context is looked up on a provisional record */
    mtl_date dt = {0};
    dt.numeric = true;
    dt.start = p;
    dt.end = e;
    dt.first = i;
    dt.last = mtl_doc_token_at(doc, e);
    if (dt.last > 0)
        dt.last--;
    if (ng == 3) {
        if (gl[0] == 4 && gl[1] <= 2 && gl[2] <= 2) {
            dt.year = (int)g[0];
            dt.month = (int)g[1];
            dt.day = (int)g[2];
            if (dt.year < 1000 || dt.year > 2999)
                return;
            if (dt.month < 1 || dt.month > 12 ||
                dt.day < 1 || dt.day > mtl_dates_days_in(c, dt.year,
                                                         dt.month)) {
                if (dt.month >= 1 && dt.month <= 12 && dt.day <= 31 &&
                    dt.day >= 1)
                    mtl_dates_impossible(c, &dt, p, e);
                return;
            }
            mtl_dates_check(c, &dt, ref, pairs, npairs, pcap);
            return;
        }
        size_t aj;
        bool art = i > 0 && mtl_dates_prev(c, i, &aj) &&
                   mtl_dates_tok_in(c, aj, &s->article);
        if ((gl[0] > 2 && !(gl[0] == 3 && art)) || gl[1] > 2 ||
            (gl[2] != 4 && gl[2] != 2))
            return;
        int y = (int)g[2];
        if (gl[2] == 4 && (y < 1000 || y > 2999))
            return;
        int yk = gl[2] == 4 ? y : 0; /* two-digit year: leap unknown */
        int a0 = (int)g[0], a1 = (int)g[1];
        /* readings */
        bool dmy_ok = s->day_first || !s->strict_order;
        bool mdy_ok = !s->day_first || !s->strict_order;
        bool v_dmy = dmy_ok && a1 >= 1 && a1 <= 12 && a0 >= 1 &&
                     a0 <= mtl_dates_days_in(c, yk, a1);
        bool v_mdy = mdy_ok && a0 >= 1 && a0 <= 12 && a1 >= 1 &&
                     a1 <= mtl_dates_days_in(c, yk, a0);
        if (!v_dmy && !v_mdy) {
            /* shape of a date: a month in range, or two day numbers */
            bool shape = (a0 >= 1 && a0 <= 12) || (a1 >= 1 && a1 <= 12) ||
                         (sep != '-' && a0 >= 1 && a0 <= 31 && a1 >= 1 &&
                          a1 <= 31);
            /* dashes join codes: both parts must look like day or month */
            if (sep == '-' && (a0 > 31 || a1 > 31))
                shape = false;
            if (!shape || a0 == 0 || a1 == 0)
                return;
            /* with a two-digit year, "2.31.12" is a version number: the
             * first group must be a day that cannot be a month */
            if (!yk && (gl[0] != 2 || a0 <= 12 || a0 > 31))
                return;
            /* a word glued before a '-' code: "URCG-38-06-2019" handled
             * above; a label word: "Acuerdo 17-17-2020" */
            int mo = s->day_first ? a1 : a0, da = s->day_first ? a0 : a1;
            if (mo >= 1 && mo <= 12 && da >= 1) {
                mtl_date x = {0};
                x.day = da;
                x.month = mo;
                x.year = yk;
                mtl_dates_impossible(c, &x, p, e);
            } else if (!s->strict_order && a1 >= 1 && a1 <= 12) {
                mtl_date x = {0};
                x.day = a0;
                x.month = a1;
                x.year = yk;
                mtl_dates_impossible(c, &x, p, e);
            } else {
                mtl_flags_addf(c->out, MTL_RULE_DATE_IMPOSSIBLE, p, e, NULL,
                               "no month %d: not a valid date",
                               s->day_first ? a1 : a0);
            }
            return;
        }
        dt.year = yk;
        if (v_dmy) {
            dt.day = a0;
            dt.month = a1;
            if (v_mdy && a0 != a1) {
                dt.day2 = a1;
                dt.month2 = a0;
            }
        } else {
            dt.day = a1;
            dt.month = a0;
        }
        if (!yk)
            return; /* two-digit year: no weekday check */
        mtl_dates_check(c, &dt, ref, pairs, npairs, pcap);
        return;
    }
    /* two groups */
    if (gl[0] > 2 || gl[1] > 2)
        return;
    int a0 = (int)g[0], a1 = (int)g[1];
    const mtl_dname *wn = NULL;
    size_t ws, we;
    bool wd_ctx = mtl_dates_find_wd(c, &dt, &wn, &ws, &we) != SIZE_MAX;
    bool dot = sep == '.' && s->dot_dates && trail_dot;
    if (!wd_ctx && !dot)
        return;
    if (sep == '.' && !s->dot_dates && !wd_ctx)
        return;
    bool dmy_ok = s->day_first || !s->strict_order;
    bool mdy_ok = !s->day_first || !s->strict_order;
    if (sep == '.' && s->dot_dates)
        mdy_ok = false;
    bool v_dmy = dmy_ok && a1 >= 1 && a1 <= 12 && a0 >= 1 &&
                 a0 <= mtl_dates_days_in(c, 0, a1);
    bool v_mdy = mdy_ok && a0 >= 1 && a0 <= 12 && a1 >= 1 &&
                 a1 <= mtl_dates_days_in(c, 0, a0);
    if (trail_dot)
        dt.end = e + 1;
    if (!v_dmy && !v_mdy) {
        if (dot && a1 >= 1 && a1 <= 12 && a0 >= 1) {
            mtl_date x = {0};
            x.day = a0;
            x.month = a1;
            mtl_dates_impossible(c, &x, p, dt.end);
        }
        return;
    }
    if (v_dmy) {
        dt.day = a0;
        dt.month = a1;
        if (v_mdy && a0 != a1) {
            dt.day2 = a1;
            dt.month2 = a0;
        }
    } else {
        dt.day = a1;
        dt.month = a0;
    }
    if (wd_ctx)
        mtl_dates_check(c, &dt, ref, pairs, npairs, pcap);
}

/* Year ranges "1915–1840", "1855–40", "715–1840 BC" at NUMBER token i. */
static void
mtl_dates_year_range(mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    long y1 = mtl_dates_num(c, i, 4);
    if (y1 < 1)
        return;
    const mtl_token *t = mtl_tk(c, i);
    if (t->start > 0) {
        unsigned char b = (unsigned char)doc->text[t->start - 1];
        if (mtl_is_digit(b) || b == '.' || b == '/' || b == '-' ||
            b == ',' || b == ':' || b >= 0x80 || (b >= 'A' && b <= 'Z') ||
            (b >= 'a' && b <= 'z'))
            return;
    }
    if (i + 2 >= doc->ntoks || !mtl_dates_is_dash(c, i + 1) ||
        !mtl_dates_same_sent(c, i, i + 2))
        return;
    size_t k = i + 2;
    long y2 = mtl_dates_num(c, k, 4);
    if (y2 < 0)
        return;
    const mtl_token *t2 = mtl_tk(c, k);
    bool glued = mtl_tok_glued_prev(doc, i + 1) && mtl_tok_glued_prev(doc, k);
    size_t e = t2->start + t2->len;
    if (e < doc->len) {
        unsigned char a = (unsigned char)doc->text[e];
        if (mtl_is_digit(a) || a == '/' || a == '-' || a == ':' ||
            (a == '.' && e + 1 < doc->len &&
             mtl_is_digit((unsigned char)doc->text[e + 1])) ||
            (a == ',' && e + 1 < doc->len &&
             mtl_is_digit((unsigned char)doc->text[e + 1])) ||
            (a >= 'A' && a <= 'Z') || (a >= 'a' && a <= 'z') || a == '%')
            return;
        /* "1962 – 272 000": a thousands group follows */
        if (a == ' ' && e + 3 < doc->len &&
            mtl_is_digit((unsigned char)doc->text[e + 1]) &&
            mtl_is_digit((unsigned char)doc->text[e + 2]) &&
            mtl_is_digit((unsigned char)doc->text[e + 3]))
            return;
    }
    bool bc = k + 1 < doc->ntoks && mtl_dates_same_sent(c, k, k + 1) &&
              mtl_dates_bc_at(c, k + 1);
    /* shortened end year */
    long full2 = y2;
    if (t2->len < t->len) {
        if (!glued || bc || t->len != 4)
            return;
        /* "2014-05" may be a year and month */
        if (t2->len == 2 && y2 <= 12 && doc->text[t->start + t->len] == '-')
            return;
        if (t2->len == 1)
            return; /* "1815–8": ambiguous shorthand */
        long pw = 1;
        for (size_t q = 0; q < t2->len; q++)
            pw *= 10;
        full2 = y1 - y1 % pw + y2;
    } else if (t2->len != t->len && !bc) {
        return;
    }
    if (!bc) {
        if (t->len != 4 || y1 < 1000 || y1 > 2100 || full2 < 1000 ||
            full2 > 2100)
            return;
        if (full2 > y1)
            return;
    } else {
        if (y1 > 9999 || full2 > 9999 || y1 > full2)
            return;
        /* before the common era years count down */
    }
    mtl_flags_addf(c->out, MTL_RULE_DATE_RANGE_ORDER, t->start, e, NULL,
                   y1 == full2 ? "empty range of years"
                   : bc ? "years before the common era count down: range "
                          "in reverse order"
                        : "range of years in reverse order");
}

/* "between 2029 and 2026", "from 2024 to 2022", es "entre 2029 y 2026": a
 * range of years written with the words of [between] (date-words.txt),
 * its end before its start.  Both years of four digits, spaced, the
 * range's end followed by punctuation or the line's end: "between 1500
 * and 1200 people" counts people (and no one writes a count from the
 * larger end either).  With a month before each year ("between August
 * 2024 and March 2023 at") they are dates whatever follows, and the
 * months order a range within one year. */
static void
mtl_dates_year_between(mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = mtl_tk(c, i);
    if (t->len != 4 || c->s->between.n == 0 || i == 0 ||
        i + 2 >= doc->ntoks || !(t->flags & MTL_TF_SPACE_BEFORE))
        return;
    long y1 = mtl_dates_num(c, i, 4);
    /* the range's second word right after the year first: most years
     * have none, and are spared the month's lookup */
    if (y1 < 1000 || y1 > 2100 || !mtl_dates_same_sent(c, i, i + 2) ||
        mtl_tk(c, i + 1)->casing != MTL_CASE_LOWER ||
        !(mtl_tk(c, i + 1)->flags & MTL_TF_SPACE_BEFORE) ||
        !mtl_dates_tok_in(c, i + 1, &c->s->between_and))
        return;
    /* a month before the year, a connector maybe between (es "agosto de
     * 2024"): the range's words around both */
    size_t m1 = i - 1;
    if (i >= 2 && mtl_dates_tok_in(c, m1, &c->s->connector))
        m1--;
    const mtl_dname *d1 = mtl_tk(c, m1)->kind == MTL_TOK_WORD
                              ? mtl_dates_lookup(c, m1, MTL_DN_MONTH)
                              : NULL;
    if (!d1)
        m1 = i;
    size_t o = m1 - 1;
    if (m1 == 0 || !mtl_dates_same_sent(c, o, i) ||
        mtl_tk(c, o)->casing != MTL_CASE_LOWER ||
        !mtl_dates_tok_in(c, o, &c->s->between))
        return;
    /* a verb of change before it ([change]: "passés de 2034 à 2027"):
     * a count that went from one number to the other */
    if (o > 0 && c->s->words && mtl_dates_same_sent(c, o - 1, o) &&
        mtl_tk(c, o - 1)->kind == MTL_TOK_WORD &&
        mtl_lexicon_in_section(c->s->words, mtl_tok_text(doc, mtl_tk(c, o - 1)),
                               mtl_tk(c, o - 1)->len, "change"))
        return;
    size_t k = i + 2;
    const mtl_dname *d2 = mtl_tk(c, k)->kind == MTL_TOK_WORD
                              ? mtl_dates_lookup(c, k, MTL_DN_MONTH)
                              : NULL;
    if (d2) {
        k++;
        if (k + 1 < doc->ntoks && mtl_dates_tok_in(c, k, &c->s->connector))
            k++;
    }
    if (!d1 != !d2 || k >= doc->ntoks || !mtl_dates_same_sent(c, i, k))
        return;
    const mtl_token *t2 = mtl_tk(c, k);
    long y2 = mtl_dates_num(c, k, 4);
    if (t2->len != 4 || y2 < 1000 || !(t2->flags & MTL_TF_SPACE_BEFORE) ||
        !(y2 < y1 || (d1 && y2 == y1 && d2->value < d1->value)))
        return;
    size_t e = t2->start + t2->len;
    if (!d1 && e < doc->len) {
        char a = doc->text[e];
        bool next_digit = e + 1 < doc->len &&
                          mtl_is_digit((unsigned char)doc->text[e + 1]);
        /* (or, between years of 1900-2100, the range's conjunction
         * again, a clause going on: pt "entre 2027 e 2025 e serão
         * financiadas") */
        bool conj = y2 >= 1900 && y1 <= 2100 && k + 1 < doc->ntoks &&
                    mtl_dates_same_sent(c, k, k + 1) &&
                    mtl_tk(c, k + 1)->casing == MTL_CASE_LOWER &&
                    mtl_dates_tok_in(c, k + 1, &c->s->between_and);
        if (!(a == '\n' || a == ',' || a == ';' || a == ')' || conj ||
              ((a == '.' || a == ':') && !next_digit)))
            return;
    }
    const mtl_token *from = mtl_tk(c, m1);
    if (d1)
        mtl_flags_addf(c->out, MTL_RULE_DATE_RANGE_ORDER, from->start, e,
                       NULL,
                       "range of dates in reverse order: it ends before it "
                       "starts");
    else
        mtl_flags_addf(c->out, MTL_RULE_DATE_RANGE_ORDER, t->start, e, NULL,
                       "range of years in reverse order: from %ld back to "
                       "%ld",
                       y1, y2);
}

/* Whether the text from byte @p e ends a sentence: '.', '!' or '?' and
 * then a space, a closing quote or bracket, or the end, or the end
 * itself. */
static bool
mtl_dates_sentence_end_at(const mtl_doc *doc, size_t e)
{
    if (e >= doc->len)
        return true;
    char ch = doc->text[e];
    if (ch == '\n' || ch == '\r')
        return true;
    if (ch != '.' && ch != '!' && ch != '?')
        return false;
    if (e + 1 >= doc->len)
        return true;
    unsigned char nx = (unsigned char)doc->text[e + 1];
    return mtl_is_ascii_space(nx) || nx == '"' || nx == ')' || nx == 0xE2;
}

/* Token @p i is followed on its line, after a space, by a word in lower
 * case of function-words.txt, no adverb. */
static bool
mtl_dates_func_after(const mtl_dctx *c, size_t i)
{
    if (!c->s->func || i + 1 >= c->doc->ntoks ||
        !mtl_dates_same_sent(c, i, i + 1))
        return false;
    const mtl_token *n = mtl_tk(c, i + 1);
    if (n->kind != MTL_TOK_WORD || n->casing != MTL_CASE_LOWER ||
        !(n->flags & MTL_TF_SPACE_BEFORE))
        return false;
    const mtl_lex_entry *e =
        mtl_lexicon_get(c->s->func, mtl_tok_text(c->doc, n), n->len);
    return e && strcmp(e->section, "adverb") != 0;
}

/* Whether word token @p k (folded: @p buf, @p n bytes) is one of @p w,
 * or one of @p via after one of @p w on its line ("primavera de", "entro
 * il"). */
static bool
mtl_dates_in_or_via(const mtl_dctx *c, size_t k, const char *buf, size_t n,
                    const mtl_dwords *w, const mtl_dwords *via)
{
    if (mtl_dates_in(w, buf, n))
        return true;
    if (k == 0 || !mtl_dates_in(via, buf, n) ||
        !mtl_dates_same_sent(c, k - 1, k))
        return false;
    char b2[24];
    size_t n2 = mtl_dates_fold_tok(c, k - 1, b2, sizeof b2, true);
    return n2 && mtl_dates_in(w, b2, n2);
}

/* A five-digit number after the word for "year" ("año 20014"), or
 * starting like a year of these centuries after a preposition of time at
 * the end of a sentence ("reach the grid in 20229.": a count there would
 * go on with what it counts). */
static void
mtl_dates_year_slot(mtl_dctx *c, size_t i)
{
    const mtl_token *t = mtl_tk(c, i);
    if (t->len != 5 || mtl_dates_num(c, i, 5) < 10000 || i == 0)
        return;
    const char *p = c->doc->text + t->start;
    /* "by mid-20227": a prefix of [before-month] glued by its hyphen (en
     * "mid-", fr "mi-") takes a month or a year, never a count */
    const bool yearish =
        p[0] == '1' ? p[1] == '9' : p[0] == '2' && p[1] == '0';
    bool dash = t->start > 0 && c->doc->text[t->start - 1] == '-' && yearish;
    if (t->start > 0 && !mtl_is_ascii_space(c->doc->text[t->start - 1]) &&
        !dash)
        return;
    /* a comma after it only before a space, and after a number that
     * starts like a year ("au printemps 20226, après") */
    size_t e = t->start + t->len;
    if (e < c->doc->len &&
        (mtl_is_digit((unsigned char)c->doc->text[e]) ||
         (c->doc->text[e] == ',' &&
          !(yearish && e + 1 < c->doc->len &&
            mtl_is_ascii_space(c->doc->text[e + 1]))) ||
         c->doc->text[e] == '-' ||
         c->doc->text[e] == '/' ||
         (c->doc->text[e] == '.' && e + 1 < c->doc->len &&
          mtl_is_digit((unsigned char)c->doc->text[e + 1]))))
        return;
    char buf[24];
    size_t k = i - 1;
    if (!mtl_dates_same_sent(c, k, i))
        return;
    if (dash) {
        if (mtl_dates_phrase_before(c, i, &c->s->before_month))
            mtl_dates_year_typo(c, i, t->start);
        return;
    }
    size_t n = mtl_dates_fold_tok(c, k, buf, sizeof buf, true);
    if (!n)
        return;
    if (mtl_dates_in(&c->s->year, buf, n)) {
        mtl_dates_year_typo(c, i, t->start);
        return;
    }
    /* a season's name before a year that starts like one of 1900-2099
     * ("printemps 20226,"), or with a connector between (es "primavera de
     * 20226."), and punctuation after it: a count would go on with what
     * it counts ("this winter 20145 cranes") */
    if (c->s->season.n && yearish && e < c->doc->len &&
        c->doc->text[e] != '\0' && strchr(",.;:)!?", c->doc->text[e])) {
        if (mtl_dates_in_or_via(c, k, buf, n, &c->s->season,
                                &c->s->connector)) {
            mtl_dates_year_typo(c, i, t->start);
            return;
        }
    }
    /* "the one of" ("parecida a la de 20012,", "a de 20013."): a
     * connector after an article of function-words.txt, and punctuation
     * after the number; a count would go on with what it counts, and is
     * written with a thousands separator */
    if (yearish && k > 0 && c->s->func && e < c->doc->len &&
        strchr(",.;:)", c->doc->text[e]) &&
        mtl_dates_in(&c->s->connector, buf, n) &&
        mtl_dates_same_sent(c, k - 1, k)) {
        const mtl_token *a = mtl_tk(c, k - 1);
        if (a->kind == MTL_TOK_WORD && a->casing == MTL_CASE_LOWER &&
            mtl_lexicon_in_section(c->s->func, mtl_tok_text(c->doc, a),
                                   a->len, "article")) {
            mtl_dates_year_typo(c, i, t->start);
            return;
        }
    }
    /* a word of four letters or more that announces a month or a year
     * ([before-month], no function word: "bis Ende 20027 abgeschlossen",
     * "by late 20227."): no count follows "end" or "late" ("rose from
     * 20227.", "Since 20227 people" may count) */
    if (yearish && mtl_tk(c, k)->nchars >= 4 &&
        !(c->s->func && mtl_lexicon_has(c->s->func, buf, n)) &&
        mtl_dates_phrase_before(c, i, &c->s->before_month)) {
        mtl_dates_year_typo(c, i, t->start);
        return;
    }
    /* a preposition of time, or one and an article of [article] ("entro
     * il 20266."), at a sentence's end; or one of three letters or more
     * right before it and a function word after ("nel 20118 da una
     * banda": a count goes on with what it counts, and "in 20118 of the
     * samples" may be one) */
    if (c->s->year_prep.n && yearish &&
        (mtl_dates_sentence_end_at(c->doc, e) ||
         (mtl_tk(c, k)->nchars >= 3 && mtl_dates_in(&c->s->year_prep, buf, n) &&
          mtl_dates_func_after(c, i))) &&
        mtl_dates_in_or_via(c, k, buf, n, &c->s->year_prep, &c->s->article))
        mtl_dates_year_typo(c, i, t->start);
}

/* Counts token @p t (index @p k) for a test of the language a passage is
 * in: a lower-case word of three letters or more, no digit, known to the
 * dictionary or not.  False when the dictionary cannot say. */
static bool
mtl_dates_tally(const mtl_dctx *c, size_t k, const mtl_token *t,
                size_t *known, size_t *unknown)
{
    if (t->kind != MTL_TOK_WORD || t->casing != MTL_CASE_LOWER ||
        (t->flags & MTL_TF_DIGIT) || t->nchars < 3)
        return true;
    int sp = mtl_spell_token(c->ck, c->doc, k);
    if (sp == 1)
        ++*known;
    else if (sp == 0)
        ++*unknown;
    return sp == 0 || sp == 1;
}

/* Whether sentences @p sent to @p last read as the document's language:
 * of their lower-case words of three letters or more (past @p skip), at
 * least four the dictionary knows and at most one in five it does not.
 * Asked only next to a candidate.  Two sentences where ICU ends one at a
 * day's full stop ("ab 1. | January bei 11,9 Cent"). */
static bool
mtl_dates_sentence_native(const mtl_dctx *c, uint32_t sent, uint32_t last,
                          size_t skip)
{
    const mtl_doc *doc = c->doc;
    if (sent >= doc->nsents || last >= doc->nsents || last < sent ||
        last - sent > 1)
        return false;
    size_t known = 0, unknown = 0;
    for (int pass = 0; pass < 2; pass++) {
        const mtl_span *sp = &doc->sents[sent];
        size_t end =
            (size_t)doc->sents[last].tok_first + doc->sents[last].tok_count;
        for (size_t k = sp->tok_first; k < end && k < sp->tok_first + 200;
             k++) {
            const mtl_token *t = mtl_tk(c, k);
            if (k != skip && !mtl_dates_tally(c, k, t, &known, &unknown))
                return false;
        }
        /* a sentence too short to judge ("Erste Untersuchungen begannen
         * am 28. May.") is judged with its neighbours in the paragraph */
        if (pass == 1 || known + unknown >= 4)
            break;
        uint32_t para = mtl_tk(c, sp->tok_first)->para;
        bool prev = sent > 0 && doc->sents[sent - 1].tok_count &&
                    mtl_tk(c, doc->sents[sent - 1].tok_first)->para == para;
        bool next = last + 1 < doc->nsents && doc->sents[last + 1].tok_count &&
                    mtl_tk(c, doc->sents[last + 1].tok_first)->para == para;
        if (!prev && !next)
            break;
        known = unknown = 0;
        sent -= prev;
        last += next;
    }
    /* three known words are enough when no word is unknown ("The
     * results were published on 3 Dezember in Nature Astronomy.") */
    return (known >= 4 && unknown * 5 <= known) || (known >= 3 && !unknown);
}

/* The first token of token @p i's paragraph, or the one 2000 tokens
 * before it: where a scan for the quotation marks open at @p i starts. */
static size_t
mtl_dates_para_from(const mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = mtl_tk(c, i);
    size_t from = t->para < doc->nparas ? doc->paras[t->para].tok_first : 0;
    return i - from > 2000 ? i - 2000 : from;
}

/* Whether token @p i stands inside quotation marks or brackets opened
 * earlier in its paragraph (a title or a quotation in its own language:
 * "Paris, 3 janvier 2020"). */
static bool
mtl_dates_quoted(const mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    size_t from = mtl_dates_para_from(c, i);
    int depth = 0, paren = 0;
    for (size_t k = from; k < i; k++) {
        const mtl_token *q = mtl_tk(c, k);
        if (q->kind == MTL_TOK_PUNCT)
            mtl_quote_step(mtl_tok_first_cp(doc, q), &depth, &paren);
    }
    return depth > 0 || paren > 0;
}

/* Day @p day of month @p m written as the document's language writes a
 * day and a month (ICU's pattern for the skeleton "dMMMM": en "January
 * 15", es "15 de enero", de "15. Januar"), into @p out; false when there
 * is no pattern. */
static bool
mtl_dates_format_dm(const mtl_dctx *c, int m, int day, char *out, size_t cap)
{
    const mtl_dates_state *s = c->s;
    if (!s->dm_patlen)
        return false;
    char loc[64];
    UErrorCode st = U_ZERO_ERROR;
    uloc_forLanguageTag(c->doc->lang, loc, sizeof loc, NULL, &st);
    if (U_FAILURE(st))
        return false;
    static const UChar utc[] = {'U', 'T', 'C', 0};
    st = U_ZERO_ERROR;
    UDateFormat *df = udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, utc, -1,
                                s->dm_pat, s->dm_patlen, &st);
    if (U_FAILURE(st) || !df)
        return false;
    /* days from 1970-01-01 to 2024-m-day, a leap year (February 29) */
    static const int before[13] = {0,   0,   31,  60,  91,  121, 152,
                                   182, 213, 244, 274, 305, 335};
    double days = 19723.0 + before[m] + (day - 1);
    UChar u[96];
    st = U_ZERO_ERROR;
    int32_t ul = udat_format(df, days * 86400000.0, u, 96, NULL, &st);
    udat_close(df);
    return U_SUCCESS(st) && ul > 0 && ul < 96 && mtl_dates_u2c(u, ul, out, cap);
}

/* English name of a language code, into @p out. */
static void
mtl_dates_lang_name(const char *code, char *out, size_t cap)
{
    UChar u[64];
    UErrorCode st = U_ZERO_ERROR;
    int32_t ul = uloc_getDisplayLanguage(code, "en", u, 64, &st);
    if (U_FAILURE(st) || ul <= 0 || ul >= 64 ||
        !mtl_dates_u2c(u, ul, out, cap))
        snprintf(out, cap, "'%s'", code);
}

/* The month name of another locale than the document's that token @p w
 * folds to (mtl_dates_fmonth_find), its locale in *locp; or NULL. */
static const mtl_dates_fmonth *
mtl_dates_other_month(mtl_dctx *c, size_t w, const char **locp)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = mtl_tk(c, w);
    if ((t->flags & MTL_TF_ASCII) && t->len < MTL_DN_MAX) {
        pthread_once(&mtl_dates_fmonths_once, mtl_dates_fmonths_build);
        if (!(mtl_dates_fm_last[t->len] >>
                  ((unsigned char)doc->text[t->start + t->len - 1] & 31) &
              1))
            return NULL;
    }
    char buf[MTL_DN_MAX];
    size_t n = mtl_dates_fold_tok(c, w, buf, sizeof buf, false);
    if (!n)
        return NULL;
    const mtl_dates_fmonth *f = mtl_dates_fmonth_find(buf, n);
    if (!f)
        return NULL;
    const char *loc = mtl_dates_month_locales[f->locale];
    size_t ll = strlen(loc);
    if (strncmp(doc->lang, loc, ll) == 0 &&
        (doc->lang[ll] == '\0' || doc->lang[ll] == '-'))
        return NULL;
    *locp = loc;
    return f;
}

/* Whether month token @p w after day @p i, capitalised, is a name the
 * dictionary knows only so ("April" in French), after an article of the
 * language before the day ("le 2 April à Almaty"): the article makes the
 * day a date, and no planet or person stands there. */
static bool
mtl_dates_article_day_name(const mtl_dctx *c, size_t i, size_t w)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *wt = mtl_tk(c, w);
    size_t q;
    if (w <= i || wt->casing != MTL_CASE_TITLE || wt->len >= MTL_DN_MAX ||
        !mtl_dates_prev(c, i, &q) || !mtl_dates_tok_in(c, q, &c->s->article) ||
        mtl_tk(c, q)->casing != MTL_CASE_LOWER)
        return false;
    char low[MTL_DN_MAX + 8];
    size_t ln = mtl_utf8_lower(doc->text + wt->start, wt->len, low,
                               sizeof low);
    return ln > 0 && mtl_spell(c->ck, doc->res, low, ln) == 0;
}

/* Whether month token @p w right after day @p i, capitalised in a
 * language that writes its months in lower case, is a month although the
 * dictionary knows the word ("al 3 Mai" in Italian, where "mai" is
 * "never"): mid-sentence after a lower-case word or a comma, a common
 * word takes no capital there, and no capitalised word follows that
 * would make it a name ("il 3 Mai Tai"), also after a connector ("a
 * partir de 2 de June,", "neste domingo, 9 de June,"); or anywhere
 * between the connectors of a whole date with its year ("8 de June de
 * 2025"). */
static bool
mtl_dates_capital_month_word(const mtl_dctx *c, size_t i, size_t w)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *wt = mtl_tk(c, w);
    size_t q;
    if (!c->s->lower_months || wt->casing != MTL_CASE_TITLE)
        return false;
    bool conn = w == i + 2 && c->s->connector.n &&
                mtl_dates_tok_in(c, i + 1, &c->s->connector);
    /* a whole date between connectors ("8 de June de 2025"): the year
     * says it is one, wherever it stands */
    if (conn && w + 2 < doc->ntoks &&
        mtl_dates_tok_in(c, w + 1, &c->s->connector) &&
        mtl_tk(c, w + 2)->kind == MTL_TOK_NUMBER &&
        mtl_tk(c, w + 2)->len == 4 && mtl_dates_same_sent(c, i, w + 2))
        return true;
    /* right after the day, or after a connector ("a partir de 2 de June,
     * para"); the day after a lower-case word or a comma ("neste domingo,
     * 9 de June,") */
    if ((w != i + 1 && !conn) || !mtl_dates_prev(c, i, &q) ||
        !((mtl_tk(c, q)->kind == MTL_TOK_WORD &&
           mtl_tk(c, q)->casing == MTL_CASE_LOWER) ||
          (mtl_dates_is(c, q, ',') && q > 0 &&
           mtl_tk(c, q - 1)->kind == MTL_TOK_WORD)) ||
        !mtl_dates_same_sent(c, q, w))
        return false;
    return w + 1 >= doc->ntoks || mtl_tk(c, w + 1)->kind != MTL_TOK_WORD ||
           !(mtl_tk(c, w + 1)->flags & MTL_TF_UPPER_START);
}

/* Whether a day (1-31) stands before month token @p w, with the day's
 * own full stop where the language writes one (de "8. April") or a
 * connector (es "8 de April") between: with the year after the month, a
 * whole date ("le 8 April 2025"), where a name the dictionary knows
 * ("April" in French) does not stand. */
static bool
mtl_dates_day_before_month(const mtl_dctx *c, size_t w, size_t *dayp)
{
    size_t d;
    if (!mtl_dates_prev(c, w, &d) || !mtl_dates_same_sent(c, d, w))
        return false;
    if ((c->s->dot_dates && mtl_dates_is(c, d, '.') &&
         mtl_tok_glued_prev(c->doc, d)) ||
        (c->s->connector.n && mtl_tk(c, d)->kind == MTL_TOK_WORD &&
         mtl_dates_tok_in(c, d, &c->s->connector))) {
        if (!mtl_dates_prev(c, d, &d))
            return false;
    }
    long day = mtl_dates_num(c, d, 2);
    *dayp = d;
    return day >= 1 && day <= 31;
}

/* Whether the month word at token @p w is followed by a connector and a
 * year of 1900-2100 in its sentence ("June de 2024"). */
static bool
mtl_dates_connector_year(const mtl_dctx *c, size_t w)
{
    size_t k, y;
    bool five;
    if (!mtl_dates_next(c, w, &k) || !mtl_dates_tok_in(c, k, &c->s->connector) ||
        !mtl_dates_next(c, k, &y))
        return false;
    long v = mtl_dates_year(c, y, &five);
    return v >= 1900 && v <= 2100;
}

/*
 * "on 15 janvier" in English: day number token @p i (1-31) next to the
 * full month name of another language, or a year (1900-2100) after one
 * ("the Mai 2022 stoppage"), in a sentence that reads as the document's
 * language.  The month name must be no word the document's dictionary
 * knows ("Mars 3" in English is the planet; but see
 * mtl_dates_capital_month_word); before the number and
 * capitalised, no given name ("Julio 15" may be a person and a count).  Never inlined:
 * asked for every day-like number, it rarely gets past the first tests,
 * and in mtl_dates_run it would keep the month-typo check out of line.
 */
static __attribute__((noinline)) void
mtl_dates_foreign_month(mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = mtl_tk(c, i);
    if ((t->len > 2 && t->len != 4) || !c->dict)
        return;
    /* a day, or a year after the month ("the Mai 2022 stoppage") */
    bool year = t->len == 4;
    long day = year ? mtl_dates_num(c, i, 4) : mtl_dates_num(c, i, 2);
    if (year ? day < 1900 || day > 2100 : day < 1 || day > 31)
        return;
    for (int side = year ? 1 : 0; side < 2; side++) {
        size_t w = side == 0 ? i + 1 : i - 1;
        if ((side == 0 && w >= doc->ntoks) || (side == 1 && i == 0))
            continue;
        /* after the day, the day's own full stop where the language
         * writes one (de "1. January"), or a connector (pt "5 de mayo"),
         * glued to the day or standing between single spaces */
        bool conn = false;
        size_t a = side == 0 ? t->start + t->len : 0;
        if (side == 0 && w + 1 < doc->ntoks) {
            const mtl_token *mid = mtl_tk(c, w);
            if (c->s->dot_dates && mtl_dates_is(c, w, '.') &&
                mid->start == a) {
                a = mid->start + mid->len;
                w++;
            } else if (mid->kind == MTL_TOK_WORD && c->s->connector.n &&
                       mid->start == a + 1 && doc->text[a] == ' ' &&
                       mtl_dates_tok_in(c, w, &c->s->connector)) {
                a = mid->start + mid->len;
                w++;
                conn = true;
            }
        }
        const mtl_token *wt = mtl_tk(c, w);
        if (wt->kind != MTL_TOK_WORD || (wt->flags & MTL_TF_DIGIT) ||
            wt->nchars < 3 || wt->nchars > 12 ||
            (wt->casing != MTL_CASE_LOWER && wt->casing != MTL_CASE_TITLE) ||
            !mtl_dates_same_sent(c, i, w))
            continue;
        /* "12. March 2027": the year that follows flags it (side 1) */
        if (w > i + 1 && w + 1 < doc->ntoks &&
            mtl_tk(c, w + 1)->kind == MTL_TOK_NUMBER &&
            mtl_tk(c, w + 1)->len == 4)
            continue;
        /* one space between them */
        if (side == 1)
            a = wt->start + wt->len;
        size_t b = side == 0 ? wt->start : t->start;
        if (b != a + 1 || doc->text[a] != ' ')
            continue;
        const char *loc;
        const mtl_dates_fmonth *f = mtl_dates_other_month(c, w, &loc);
        if (!f)
            continue;
        /* after a connector, in lower case: a capital there makes a name
         * of the date ("Avenida 5 de Mayo" in a Portuguese text), unless
         * the month is of a language that capitalises its months
         * ("el 20 de April") */
        if (conn && wt->casing != MTL_CASE_LOWER &&
            !(loc && (strncmp(loc, "en", 2) == 0 || strncmp(loc, "de", 2) == 0) &&
              (loc[2] == '\0' || loc[2] == '_')))
            continue;
        if (mtl_dates_lookup(c, w, MTL_DN_MONTH) ||
            mtl_dates_lookup(c, w, MTL_DN_WEEKDAY))
            continue;
        /* before the number, capitalised: no given name ("Julio 15
         * times") */
        if (side == 1 && wt->casing != MTL_CASE_LOWER &&
            mtl_lexicon_has(mtl_lang_lexicon_all(doc->res, "given-names"),
                            doc->text + wt->start, wt->len))
            continue;
        /* the sentence reads as the text's language, or the date is a
         * dateline's ("CHITA, 12 iyulya. More than 400 ...") */
        /* a whole date, the day before the month and the year after */
        size_t d = 0;
        bool whole = side == 1 && mtl_dates_day_before_month(c, w, &d);
        /* the language's own frame of a whole date, its connector on
         * both sides of the month ("| 9 de June de 2024, 18h42" under a
         * headline) */
        bool framed = conn && mtl_dates_connector_year(c, w);
        size_t q = 0;
        if (c->fm_word == w + 1 ||
            (mtl_spell_token(c->ck, doc, w) != 0 &&
             !mtl_dates_article_day_name(c, i, w) &&
             !mtl_dates_capital_month_word(c, i, w) && !whole && !framed) ||
            mtl_dates_quoted(c, i) ||
            !(framed ||
              mtl_dates_sentence_native(c, side ? wt->sent : t->sent,
                                        side ? t->sent : wt->sent, w) ||
              (side == 0 && mtl_dates_dateline_place(c, i)) ||
              /* the language's article before a whole date makes it of
               * the text's language, where a line is too short to tell
               * ("Publié le 8 April 2025 à 07h12") */
              (whole && mtl_dates_prev(c, d, &q) &&
               mtl_tk(c, q)->casing == MTL_CASE_LOWER &&
               mtl_dates_tok_in(c, q, &c->s->article))))
            continue;
        c->fm_word = w + 1;
        size_t start = side == 0 ? t->start : wt->start;
        size_t end = side == 0 ? wt->start + wt->len : t->start + t->len;
        char sug[128], fl[48], dl[48];
        bool has_sug = false;
        if (year) {
            const mtl_dates_state *ds = c->s;
            const char *name = ds->month_sa[f->month][0]
                                   ? ds->month_sa[f->month]
                                   : ds->month_fmt[f->month];
            if (name[0]) {
                snprintf(sug, sizeof sug, "%s %ld", name, day);
                has_sug = true;
            }
        } else {
            has_sug = mtl_dates_format_dm(c, f->month, (int)day, sug,
                                          sizeof sug);
        }
        mtl_dates_lang_name(loc, fl, sizeof fl);
        mtl_dates_lang_name(doc->lang, dl, sizeof dl);
        mtl_flags_addf(c->out, MTL_RULE_DATE_MONTH_LANG, start, end,
                       has_sug ? sug : NULL,
                       "month name in %s (%.*s) in a text in %s", fl,
                       (int)wt->len, doc->text + wt->start, dl);
        return;
    }
}

/* Whether the quotation that token @p i stands in reads as the document's
 * language: of its lower-case words of three letters or more, at least
 * four the dictionary knows and at most one in five it does not ("We have
 * observed a similar picture in Octobre of last year"), where a title
 * ("Paris en janvier") has too few.  Asked only of a candidate. */
static bool
mtl_dates_quote_native(const mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    size_t from = mtl_dates_para_from(c, i);
    int depth = 0, paren = 0;
    size_t open = SIZE_MAX;
    for (size_t k = from; k < i; k++) {
        const mtl_token *q = mtl_tk(c, k);
        if (q->kind != MTL_TOK_PUNCT)
            continue;
        bool was = depth > 0 || paren > 0;
        mtl_quote_step(mtl_tok_first_cp(doc, q), &depth, &paren);
        if (!was && (depth > 0 || paren > 0))
            open = k;
    }
    if (open == SIZE_MAX || paren > 0)
        return false; /* brackets: an aside, a title, another language */
    size_t known = 0, unknown = 0;
    for (size_t k = open + 1; k < doc->ntoks && k < open + 80; k++) {
        const mtl_token *q = mtl_tk(c, k);
        if (q->kind == MTL_TOK_PUNCT && k > i) {
            int d = depth, p = paren;
            mtl_quote_step(mtl_tok_first_cp(doc, q), &d, &p);
            if (d < depth)
                break; /* the closing mark */
        }
        if (k != i && !mtl_dates_tally(c, k, q, &known, &unknown))
            return false;
    }
    return known >= 4 && unknown * 5 <= known;
}

/* Whether capitalised word token @p i, after a phrase that announces a
 * month, reads as a month rather than a place ("in Maio", the island):
 * the phrase is a noun of time, capitalised mid-sentence (de "Ende",
 * "Mitte", "Anfang": a preposition is not), a phrase that follows months
 * follows it ("en April dernier"), or a year or a word of the year
 * follows, directly or after a short word ("in Octobre of last year",
 * "en Juny del año pasado", "em Marzo de 2024"). */
static bool
mtl_dates_month_reading(const mtl_dctx *c, size_t i)
{
    const mtl_token *p = mtl_tk(c, i - 1);
    size_t n;
    if (mtl_dates_next(c, i, &n) && mtl_tk(c, n)->kind == MTL_TOK_NUMBER)
        return false; /* "in Juin 1944": the number's rule takes it */
    if ((p->flags & MTL_TF_UPPER_START) && !(p->flags & MTL_TF_SENT_START) &&
        p->kind == MTL_TOK_WORD &&
        mtl_dates_phrase_before(c, i, &c->s->before_month))
        return true;
    /* a phrase that follows months ([after-month]: fr "en April
     * dernier", en "in Octobre last year") */
    if (mtl_dates_phrase_after(c, i, &c->s->after_month))
        return true;
    size_t j = i, k;
    for (int step = 0; step < 2; step++) {
        if (!mtl_dates_next(c, j, &k) || !mtl_dates_same_sent(c, i, k))
            return false;
        const mtl_token *q = mtl_tk(c, k);
        if (q->kind == MTL_TOK_NUMBER && q->len == 4) {
            long v = mtl_dates_num(c, k, 4);
            return v >= 1900 && v <= 2100;
        }
        if (q->kind != MTL_TOK_WORD)
            return false;
        if (mtl_dates_tok_in(c, k, &c->s->deictic) ||
            mtl_dates_tok_in(c, k, &c->s->year))
            return true;
        if (q->casing != MTL_CASE_LOWER || q->nchars > 3)
            return false;
        j = k;
    }
    return false;
}

/* Whether word token @p i, a month of another language (@p f), of six
 * letters or more, is within two edits of the same month in the
 * document's language ("Octobre" of "October", "Dezember" of "December"):
 * a month left untranslated, where a place or a person seldom is spelled
 * so near a month. */
static bool
mtl_dates_month_cognate(const mtl_dctx *c, size_t i,
                        const mtl_dates_fmonth *f)
{
    const mtl_token *t = mtl_tk(c, i);
    const char *own = c->s->month_fmt[f->month];
    if (t->nchars < 6 || !own[0])
        return false;
    char w[MTL_DN_MAX], m[MTL_DN_MAX];
    size_t wn = mtl_dates_fold_tok(c, i, w, sizeof w, false);
    size_t mn = mtl_utf8_fold(own, strlen(own), m, sizeof m);
    if (!wn || mn == (size_t)-1 || !mn)
        return false;
    return mtl_edit_distance_osa(w, wn, m, mn, 2) <= 2;
}

/*
 * "in janvier," in English, "até o fim de junio" in Portuguese: word token
 * @p i, in lower case, is the full month name of another language right
 * after a phrase that announces a month ([before-month]: "in", "since",
 * "fim de"), in a sentence that reads as the document's language.  In
 * lower case no name ("in Juni Schmidt" and "em Julio" are people); the
 * word must be none the dictionary knows ("in mayo" is food), of four
 * letters or more ("in mai tais"), and no capitalised word may follow
 * it.  Capitalised as a month of its own language ("in Octobre of last
 * year", de "bis Ende October", es "en Juny"), also no given name ("since
 * Julio"), as a name the dictionary knows ("in Mayo", "in Mai") stays
 * silent.  Inside quotation marks only when the quotation itself reads as
 * the document's language (a title "Paris en janvier" does not).  Most
 * words fail the first tests, which read no more than the token and its
 * neighbour's bytes.
 */
static __attribute__((noinline)) void
mtl_dates_foreign_bare(mtl_dctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = mtl_tk(c, i);
    if (i == 0 || c->fm_word == i + 1 || mtl_tok_glued_prev(doc, i) ||
        !mtl_dates_phrase_may(doc, &c->s->before_month, i - 1) ||
        !c->dict)
        return;
    const char *loc;
    const mtl_dates_fmonth *f = mtl_dates_other_month(c, i, &loc);
    if (!f)
        return;
    if (!mtl_dates_phrase_before(c, i, &c->s->before_month))
        return;
    size_t j;
    if (mtl_dates_next(c, i, &j) && mtl_dates_same_sent(c, i, j) &&
        mtl_tk(c, j)->kind == MTL_TOK_WORD &&
        (mtl_tk(c, j)->flags & MTL_TF_UPPER_START))
        return;
    if (t->casing != MTL_CASE_LOWER &&
        (mtl_lexicon_has(mtl_lang_lexicon_all(doc->res, "given-names"),
                         doc->text + t->start, t->len) ||
         !(mtl_dates_month_reading(c, i) || mtl_dates_month_cognate(c, i, f))))
        return;
    if (mtl_spell_token(c->ck, doc, i) != 0 ||
        (mtl_dates_quoted(c, i) && !mtl_dates_quote_native(c, i)) ||
        !mtl_dates_sentence_native(c, t->sent, t->sent, i))
        return;
    c->fm_word = i + 1;
    const mtl_dates_state *ds = c->s;
    const char *name = ds->month_sa[f->month][0] ? ds->month_sa[f->month]
                                                 : ds->month_fmt[f->month];
    char fl[48], dl[48];
    mtl_dates_lang_name(loc, fl, sizeof fl);
    mtl_dates_lang_name(doc->lang, dl, sizeof dl);
    mtl_flags_addf(c->out, MTL_RULE_DATE_MONTH_LANG, t->start,
                   t->start + t->len, name[0] ? name : NULL,
                   "month name in %s (%.*s) in a text in %s", fl, (int)t->len,
                   doc->text + t->start, dl);
}

static void
mtl_dates_run(const void *state, mtl_checker *ck, const mtl_doc *doc,
              const mtl_batch *batch, mtl_flags *out)
{
    (void)batch;
    const mtl_dates_state *s = state;
    if (!s || doc->ntoks == 0)
        return;
    mtl_dctx c = {0};
    c.s = s;
    c.doc = doc;
    c.ck = ck;
    c.out = out;
    c.num_before = SIZE_MAX;
    c.accented = -1;
    c.dict = mtl_lang_has_dictionary(doc->res);
    int32_t ref = doc->ref_date;
    mtl_dpair *pairs = NULL;
    size_t npairs = 0, pcap = 0;
    for (size_t i = 0; i < doc->ntoks; i++) {
        const mtl_token *t = &doc->toks[i];
        if (t->kind == MTL_TOK_WORD && !(t->flags & MTL_TF_DIGIT)) {
            const mtl_dname *dn = mtl_dates_lookup_tok(&c, t, MTL_DN_MONTH);
            if (dn) {
                if (dn->forms & (MTL_DF_FORMAT | MTL_DF_STANDALONE))
                    c.months_seen |= 1u << dn->value;
                mtl_dates_at_month(&c, i, dn->value, dn, ref, &pairs, &npairs,
                                   &pcap);
                continue;
            }
            /* a numeral is capitals only */
            int rm = t->casing != MTL_CASE_LOWER ? mtl_dates_roman(&c, i) : 0;
            if (rm) {
                mtl_dates_at_month(&c, i, rm, NULL, ref, &pairs, &npairs,
                                   &pcap);
                continue;
            }
            /* the rules below in their own functions, entered only by
             * words that pass their first, cheapest tests here */
            if (t->nchars >= 3 && t->nchars <= 12 &&
                t->casing != MTL_CASE_MIXED) {
                if (mtl_dates_month_typo_may(&c, t) &&
                    !mtl_dates_month_typo_none(&c, i, t))
                    mtl_dates_month_typo(&c, i);
                if ((t->casing == MTL_CASE_LOWER ||
                     t->casing == MTL_CASE_TITLE) && t->nchars >= 4 &&
                    t->nchars <= 10 &&
                    mtl_dates_fmonth_may(doc->text + t->start, t->len))
                    mtl_dates_foreign_bare(&c, i);
                if (t->nchars >= 6 && mtl_dates_weekday_typo_may(&c, i))
                    mtl_dates_weekday_typo(&c, i);
            }
        } else if (t->kind == MTL_TOK_NUMBER) {
            mtl_dates_numeric(&c, i, ref, &pairs, &npairs, &pcap);
            if (t->len <= 2 || t->len == 4)
                mtl_dates_foreign_month(&c, i);
            mtl_dates_year_range(&c, i);
            mtl_dates_year_between(&c, i);
            mtl_dates_year_slot(&c, i);
            c.num_before = i;
            if (t->len == 4) {
                long v = mtl_dates_num(&c, i, 4);
                if (v >= 1000 && v <= 2999 && v > c.bare_ymax)
                    c.bare_ymax = (int)v;
                if (v >= 1900 && v <= 2100 && c.nyears < 16 &&
                    mtl_dates_writing_line(&c, i)) {
                    unsigned k = 0;
                    while (k < c.nyears && c.years[k] != (int)v)
                        k++;
                    if (k == c.nyears)
                        c.years[c.nyears++] = (int)v;
                }
            }
        } else if (t->kind == MTL_TOK_WORD) {
            c.num_before = i; /* a word with a digit */
        }
    }
    mtl_dates_check_pairs(&c, pairs, npairs);
    mtl_dates_typo_resolve(&c);
    free(pairs);
    if (c.cal)
        ucal_close(c.cal);
}

const mtl_detector mtl_detector_dates = {
    .name = "dates",
    .category = "date",
    .description = "misspelled month in a date, weekday that does not match "
                   "the date, impossible dates, wrong month form or case, "
                   "five-digit years, reversed ranges, months of another "
                   "language",
    .load = mtl_dates_load,
    .run = mtl_dates_run,
    .unload = mtl_dates_unload,
    .observe = NULL,
};
