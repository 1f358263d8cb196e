/*
 * language.c - the `language` detector (category `language`): passages
 * that are not in the document's language.
 *
 *   untranslated  a sentence (or a run of sentences of one paragraph)
 *                 whose language, identified by CLD2 on that span with high
 *                 confidence and enough letters, differs from the
 *                 document's: a sentence machine translation left in the
 *                 source language, a foreign boilerplate block.
 *                 Quotations, text in parentheses and titles in title case
 *                 stay silent.
 *   gibberish     a sentence where nearly every plain word of four letters
 *                 or more is unknown to the document language's dictionary
 *                 (shorter ones survive scrambling), that is not names,
 *                 numbers, codes or a quotation, and that CLD2 does not take
 *                 for another language: scrambled paywall text, OCR junk,
 *                 keyboard mash; or, in a sentence that is otherwise
 *                 fine, a run of words with two letters swapped that the
 *                 dictionary knows swapped back (lg_swapped).
 *
 * CLD2 is expensive, so it runs only on candidate spans: sentences where
 * most lower-case words are unknown to Hunspell, where most words are in
 * another script than the document's, or (languages without a dictionary)
 * a long sentence without a single stop word.  Long sentences are cut into
 * windows of LG_SPAN_WORDS words, so the work stays linear.  Only
 * lower-case words (and a sentence's first word) are spelled: capitalised
 * words mid-sentence are names, and codes, handles, numbers and dotted
 * tokens are left out.
 *
 * Next to a flagged window of the same paragraph a weaker candidate is
 * enough for the same verdict (a foreign sentence whose words the
 * dictionary happens to know, a scrambled one whose short words survived),
 * and the window before a flagged one is looked at again.  Before the
 * first flag, the document itself is checked once: when CLD2 names
 * another language for the whole of it (a wrong label) nothing is flagged,
 * and when half its sentences are candidates (a mixed page, or CLD2 took
 * an English page with a long French quote for French) no passage is
 * "untranslated".
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/uscript.h>

#include "../batch.h"
#include "../engine.h"
#include "../lang/langid.h"
#include "../lexicon/lexicon.h"
#include "../util/util.h"
#include "detector.h"

/* Words per window of a long sentence. */
#define LG_SPAN_WORDS 60
/* Longest word spelled. */
#define LG_WORD_MAX 48
/* Candidate: this many checkable words, and this share unknown. */
#define LG_MIN_CHECK 4
#define LG_MIN_UNKNOWN 3
#define LG_UNKNOWN_SHARE 0.5
/* Untranslated: CLD2 confidence (reliable, percent/100) and letters. */
#define LG_MIN_CONF 0.80
#define LG_MIN_BYTES 30
#define LG_MIN_WORDS 6
/* Gibberish: words of four letters or more, nearly all unknown. */
#define LG_GIB_MIN_CHECK 6
#define LG_GIB_MIN_UNKNOWN 6
#define LG_GIB_SHARE 0.75
/* Whole-document check: sentences sampled. */
#define LG_DOC_SAMPLE 300
/* The document's own language must be this sure. */
#define LG_DOC_CONF 0.40

typedef struct lg_ctx {
    mtl_checker *ck;
    const mtl_doc *doc;
    const mtl_lang *lang;
    mtl_flags *out;
    const mtl_lexicon *stop, *func;
    bool dict;
    char prim[16];  /* primary subtag of the document's language */
    int script;     /* dominant script of the document's words */
    bool mixed;     /* its words are of more than one script (class) */
    /* per token: inside quotes or parentheses; marked the first time a
     * window is a candidate (most documents have none) */
    uint8_t *quoted;
    /* whole-document check, made once at the first verdict: 0 not yet,
     * 1 the document is clearly in its language, -1 it is not */
    int doc_ok;
    int doc_label_ok; /* the same, for CLD2's whole-document answer only */
} lg_ctx;

/* What a window holds. */
typedef struct lg_stats {
    size_t words;    /* word-like tokens */
    size_t check;    /* spelled words */
    size_t unknown;  /* of those, unknown */
    size_t check4;   /* spelled words of four letters or more */
    size_t unknown4; /* of those, unknown */
    size_t foreign;  /* words in another script */
    size_t stops;    /* stop words of the language */
    /* for a candidate only (lg_count_candidate): */
    size_t quoted;   /* words inside quotes or parentheses */
    size_t capital;  /* capitalised words */
    size_t numbers;  /* number tokens */
} lg_stats;

/* A flag waiting to be merged with the next sentence. */
typedef struct lg_pending {
    mtl_rule rule;
    size_t start, end;
    char code[16];
    double conf;
    bool active;
} lg_pending;


/* Languages CLD2 confuses on a sentence (Spanish taken for Galician):
 * one family for merging, for the neighbour check and for the
 * whole-document check. */
static const char *const lg_families[] = {
    " es gl ca pt ", " no nb nn da sv ", " hr sr bs sh ", " id ms ",
    " cs sk ",
};

static bool
lg_same_family(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    char ka[20], kb[20];
    snprintf(ka, sizeof ka, " %s ", a);
    snprintf(kb, sizeof kb, " %s ", b);
    for (size_t i = 0; i < sizeof lg_families / sizeof lg_families[0]; i++)
        if (strstr(lg_families[i], ka) && strstr(lg_families[i], kb))
            return true;
    return false;
}

/* The English name of language @p code from ICU's display names
 * ("hi" -> "Hindi"), or the code itself, into @p out. */
static const char *
lg_name(const char *code, char *out, size_t cap)
{
    UChar u[64];
    UErrorCode st = U_ZERO_ERROR;
    int32_t ul = uloc_getDisplayLanguage(code, "en", u, 64, &st);
    int32_t ol = 0;
    if (U_SUCCESS(st) && ul > 0 && ul < 64) {
        u_strToUTF8(out, (int32_t)cap, &ol, u, ul, &st);
        /* ICU answers an unknown code with the code itself */
        if (U_SUCCESS(st) && ol > 0 && (size_t)ol < cap &&
            strcmp(out, code) != 0)
            return out;
    }
    snprintf(out, cap, "%s", code);
    return out;
}

/* Old codes CLD2 still returns, and their current form. */
static const char *const lg_aliases[][2] = {
    {"iw", "he"}, {"ji", "yi"}, {"jw", "jv"}, {"tl", "fil"}, {"in", "id"},
    {"nb", "no"}, {"nn", "no"}, {"mo", "ro"},
};

/* Primary subtag of @p tag, lower case and current, into @p out. */
static void
lg_primary(const char *tag, char *out, size_t cap)
{
    size_t n = 0;
    while (tag[n] && tag[n] != '-' && tag[n] != '_' && n + 1 < cap) {
        out[n] = (char)mtl_ascii_lower((unsigned char)tag[n]);
        n++;
    }
    out[n] = '\0';
    for (size_t i = 0; i < sizeof lg_aliases / sizeof lg_aliases[0]; i++)
        if (strcmp(out, lg_aliases[i][0]) == 0) {
            snprintf(out, cap, "%s", lg_aliases[i][1]);
            break;
        }
}

/* A word, ideographic or kana token: of the kinds up to KANA, all but
 * NUMBER (two comparisons, where the three equalities took six
 * instructions, on every token of the document, three times). */
static inline bool
lg_wordlike(const mtl_token *t)
{
    _Static_assert(MTL_TOK_WORD < MTL_TOK_NUMBER &&
                       MTL_TOK_NUMBER < MTL_TOK_IDEO &&
                       MTL_TOK_IDEO < MTL_TOK_KANA &&
                       MTL_TOK_KANA + 1 == MTL_TOK_PUNCT,
                   "lg_wordlike: the kinds' order");
    return t->kind <= MTL_TOK_KANA && t->kind != MTL_TOK_NUMBER;
}

/* Han, kana and Hangul count as one script. */
static int
lg_script_class(int sc)
{
    switch (sc) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
        return USCRIPT_HAN;
    default:
        return sc;
    }
}

/* The script most words of the document are written in; *mixed when
 * its words are of more than one (class). */
static int
lg_dominant_script(const mtl_doc *doc, bool *mixed)
{
    if (!doc->other_script) {
        /* the tokenizer saw words of Latin letters only, if any */
        *mixed = false;
        for (size_t i = 0; i < doc->ntoks; i++)
            if (doc->toks[i].script > USCRIPT_INHERITED &&
                lg_wordlike(&doc->toks[i]))
                return USCRIPT_LATIN;
        return -1;
    }
    enum { N = 8 };
    int sc[N] = {0};
    size_t cnt[N] = {0};
    /* the slot of the last script seen, and the words of that script not
     * yet added to its count: most words share it (a counter in a
     * register, where the slot's was loaded and stored for each) */
    int last = -1;
    size_t last_k = 0, run = 0;
    for (size_t i = 0; i < doc->ntoks; i++) {
        const mtl_token *t = &doc->toks[i];
        /* the script first: punctuation and numbers are common */
        if (t->script <= USCRIPT_INHERITED || !lg_wordlike(t))
            continue;
        if (t->script == last) {
            run++;
            continue;
        }
        cnt[last_k] += run;
        run = 0;
        int s = lg_script_class(t->script);
        for (int k = 0; k < N; k++) {
            if (cnt[k] == 0 || sc[k] == s) {
                sc[k] = s;
                cnt[k]++;
                last = t->script;
                last_k = (size_t)k;
                break;
            }
        }
    }
    cnt[last_k] += run;
    /* slots are taken in order */
    *mixed = cnt[1] > 0;
    int best = 0;
    for (int k = 1; k < N; k++)
        if (cnt[k] > cnt[best])
            best = k;
    return cnt[best] ? sc[best] : -1;
}

/* Restarts of lg_mark_range per paragraph after a quotation left open. */
#define LG_QUOTE_RESTARTS 8

/* Marks tokens [a, e) of one paragraph inside quotation marks or
 * parentheses (mtl_quote_step).  A quotation or bracket the paragraph
 * never closes covers only its own sentence: the marks are walked again
 * from the next sentence ("... ha spiegato che «la stabilità resta la
 * priorità. La mossa era attesa. Markets had priced in the cut." does not
 * quote the English sentence).  Returns the token to walk again from, or
 * @p e. */
static size_t
lg_mark_range(const mtl_doc *doc, uint8_t *q, size_t a, size_t e)
{
    int depth = 0, paren = 0;
    size_t open = e;
    for (size_t i = a; i < e; i++) {
        const mtl_token *t = &doc->toks[i];
        q[i] = (depth > 0 || paren > 0);
        if (t->kind != MTL_TOK_PUNCT)
            continue;
        bool was = depth > 0 || paren > 0;
        mtl_quote_step(mtl_tok_first_cp(doc, t), &depth, &paren);
        if (!was && (depth > 0 || paren > 0))
            open = i;
        q[i] = 1;
    }
    if ((depth == 0 && paren == 0) || open == e)
        return e;
    size_t s = open + 1;
    while (s < e && doc->toks[s].sent == doc->toks[open].sent)
        s++;
    return s;
}

/* Marks the tokens inside quotation marks or parentheses, paragraph by
 * paragraph (lg_mark_range). */
static void
lg_mark_quoted(const mtl_doc *doc, uint8_t *q)
{
    size_t a = 0;
    while (a < doc->ntoks) {
        size_t e = a + 1;
        while (e < doc->ntoks && doc->toks[e].para == doc->toks[a].para)
            e++;
        size_t from = a;
        for (int k = 0; k < LG_QUOTE_RESTARTS && from < e; k++)
            from = lg_mark_range(doc, q, from, e);
        a = e;
    }
}

static bool
lg_is_stop(const lg_ctx *c, const char *s, size_t len)
{
    return mtl_lexicon_has_fold(c->stop, s, len) ||
           mtl_lexicon_has_fold(c->func, s, len);
}

/* A word of the dictionary, for a lower-cased token (a whole token goes
 * to mtl_spell_token: the document's statistics have spelled most of
 * them, and their answers are kept per distinct word).  The speller's
 * cache, shared by all detectors and threads, remembers the answers.  Its
 * key, the lexicons' hash, is computed here, so that the lookup goes
 * straight to the cache (mtl_spell would wrap the same hashing in a call
 * of its own). */
static inline bool
lg_known(const lg_ctx *c, const char *s, size_t len)
{
    return mtl_spell_hashed(c->ck, c->lang, s, len,
                            mtl_hash64(s, len, MTL_LEXICON_SEED)) == 1;
}

/* One of the marks of code: @ # / _ = \ (a switch, which compilers make
 * a bit test, where strchr() on the list was a call for every word glued
 * to its punctuation). */
static inline bool
lg_code_mark(char ch)
{
    switch (ch) {
    case '@':
    case '#':
    case '/':
    case '_':
    case '=':
    case '\\':
        return true;
    default:
        return false;
    }
}

/* A handle, hashtag, path or identifier part: glued to @ # / _ = \.
 * Inlined in lg_spell_word, as the call for each word spelled cost more
 * than the test. */
__attribute__((always_inline)) static inline bool
lg_in_code(const mtl_doc *d, size_t i)
{
    if (i > 0 && mtl_tok_glued_prev(d, i)) {
        const mtl_token *p = &d->toks[i - 1];
        if (p->len == 1 && lg_code_mark(d->text[p->start]))
            return true;
    }
    if (i + 1 < d->ntoks && mtl_tok_glued_prev(d, i + 1)) {
        const mtl_token *n = &d->toks[i + 1];
        char ch = d->text[n->start];
        if (n->len == 1 && (lg_code_mark(ch) || ch == '('))
            return true;
    }
    return false;
}

/* The counts lg_judge needs for a candidate window only: the words of
 * tokens [a, b) inside quotes or parentheses (the tokens are marked for
 * the whole document the first time) and the capitalised ones. */
static void
lg_count_candidate(lg_ctx *c, size_t a, size_t b, lg_stats *st)
{
    const mtl_doc *d = c->doc;
    if (!c->quoted) {
        c->quoted = mtl_checker_scratch(c->ck, 0, d->ntoks);
        lg_mark_quoted(d, c->quoted);
    }
    for (size_t i = a; i < b; i++) {
        const mtl_token *t = &d->toks[i];
        st->numbers += t->kind == MTL_TOK_NUMBER;
        if (!lg_wordlike(t) || !(t->flags & MTL_TF_LETTER))
            continue;
        st->quoted += c->quoted[i];
        st->capital += t->casing == MTL_CASE_TITLE ||
                       t->casing == MTL_CASE_UPPER;
    }
}

/* A title-case word known in lower case: apart from lg_spell_word, which
 * is inlined, so that its buffer and the call's registers are set up only
 * for the few title-case words the dictionary does not know as written. */
static __attribute__((noinline)) bool
lg_known_lower(const lg_ctx *c, const char *s, size_t len)
{
    char low[LG_WORD_MAX * 4];
    size_t ll = mtl_utf8_lower(s, len, low, sizeof low);
    return ll && lg_known(c, low, ll);
}

/* Spells word token i (lower case, or title case as the first word) into
 * @p st.  Always inlined: lg_count calls it for half the words of the
 * document, and the call cost a score of instructions each. */
__attribute__((always_inline)) static inline void
lg_spell_word(const lg_ctx *c, size_t i, lg_stats *st)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    const char *s = d->text + t->start;
    if (!mtl_tok_letters_only(s, t) || lg_in_code(d, i))
        return;
    /* stop words only decide without a dictionary (by_stops) */
    if (!c->dict) {
        if (lg_is_stop(c, s, t->len))
            st->stops++;
        return;
    }
    bool long_word = t->nchars >= 4;
    st->check++;
    st->check4 += long_word;
    /* the whole token: the statistics have spelled most words */
    if (mtl_spell_token(c->ck, d, i) == 1)
        return;
    if (t->casing == MTL_CASE_TITLE && lg_known_lower(c, s, t->len))
        return;
    st->unknown++;
    st->unknown4 += long_word;
}

/* Most words spelled in one count: a window has at most LG_SPAN_WORDS
 * word-like tokens, lg_doc_ok's sentences at most 4 * LG_SPAN_WORDS
 * tokens. */
#define LG_SPELL_MAX (4 * LG_SPAN_WORDS)

/* The dictionary's two verdicts on a window's spelled words: most of
 * them unknown (by_dict in lg_judge), or nearly every one of four
 * letters or more (gib: shorter ones survive scrambling and are mostly
 * function words). */
static bool
lg_by_dict(size_t check, size_t unknown)
{
    /* unknown >= LG_UNKNOWN_SHARE (1/2) * check, in integers */
    return check >= LG_MIN_CHECK && unknown >= LG_MIN_UNKNOWN &&
           2 * unknown >= check;
}

static bool
lg_gib(size_t check4, size_t unknown4)
{
    /* unknown4 >= LG_GIB_SHARE (3/4) * check4, in integers */
    return check4 >= LG_GIB_MIN_CHECK && unknown4 >= LG_GIB_MIN_UNKNOWN &&
           4 * unknown4 >= 3 * check4;
}

/* Whether spelling the @p left words still to spell (@p left4 of four
 * letters or more) cannot make the window a candidate by the dictionary,
 * not even if they are all unknown (both verdicts grow with the unknown
 * words). */
static bool
lg_settled(const lg_stats *st, size_t left, size_t left4)
{
    return !lg_by_dict(st->check + left, st->unknown + left) &&
           !lg_gib(st->check4 + left4, st->unknown4 + left4);
}

/*
 * Counts what tokens [a, b) hold.  With @p exact false the words are
 * spelled only as far as the verdict of lg_judge without a neighbour can
 * need them, and false is returned when it stopped early: st->check,
 * unknown, check4, unknown4 and stops are then partial, too few to make a
 * candidate (by_dict, gib, by_stops), and the weak verdicts cannot be
 * told from them.  Spelling is most of the work, and in text in the
 * document's language most windows are settled after half their words:
 * - a window of fewer than LG_MIN_WORDS words (and fewer than 3 foreign
 *   ones) is judged on that alone;
 * - by_dict needs half the spelled words unknown, gib three quarters of
 *   the long ones: once the words left to spell cannot bring either
 *   about (lg_settled), the rest is not spelled;
 * - by_stops needs 8 words, none foreign and not one stop word.
 */
static bool
lg_count(const lg_ctx *c, size_t a, size_t b, lg_stats *st, bool exact)
{
    const mtl_doc *d = c->doc;
    memset(st, 0, sizeof *st);
    /* the cheap counts, and the words to spell (and whether each has
     * four letters or more) */
    uint32_t spell[LG_SPELL_MAX];
    bool spell_long[LG_SPELL_MAX];
    size_t nspell = 0, nlong = 0;
    bool first = true;
    /* counted in locals, not through @p st, which the compiler must
     * assume may be written by any store (the script reloaded for each
     * token) */
    size_t words = 0, foreign = 0;
    /* with words of one script only, no word is foreign: -1 spares the
     * test below */
    const int script = c->mixed ? c->script : -1;
    const mtl_token *toks = d->toks;
    for (size_t i = a; i < b; i++) {
        const mtl_token *t = &toks[i];
        if (!lg_wordlike(t) || !(t->flags & MTL_TF_LETTER))
            continue;
        bool was_first = first;
        first = false;
        words++;
        /* c->script is an lg_script_class(), its own class: a token
         * in that script needs no lookup */
        if (script >= 0 && t->script > USCRIPT_INHERITED &&
            t->script != script && lg_script_class(t->script) != script)
            foreign++;
        if (t->kind != MTL_TOK_WORD || (t->flags & MTL_TF_DIGIT) ||
            t->len > LG_WORD_MAX)
            continue;
        if (!(t->casing == MTL_CASE_LOWER ||
              (t->casing == MTL_CASE_TITLE && was_first)))
            continue;
        if (t->nchars < 2)
            continue;
        if (nspell == LG_SPELL_MAX) {
            /* longer than any caller's span: spelled right away */
            lg_spell_word(c, i, st);
            exact = true;
            continue;
        }
        bool long_word = t->nchars >= 4;
        spell_long[nspell] = long_word;
        spell[nspell++] = (uint32_t)i;
        nlong += long_word;
    }
    st->words = words;
    st->foreign = foreign;
    if (!exact) {
        if (st->words < LG_MIN_WORDS && st->foreign < 3)
            return false;
        if (!c->dict && (!(c->stop || c->func) || st->words < 8 ||
                         st->foreign > 0))
            return false;
    }
    for (size_t k = 0; k < nspell; k++) {
        if (!exact && (c->dict ? lg_settled(st, nspell - k, nlong)
                               : st->stops > 0))
            return false;
        nlong -= spell_long[k];
        lg_spell_word(c, spell[k], st);
    }
    return true;
}

static void
lg_flush(const lg_ctx *c, lg_pending *p)
{
    if (!p->active)
        return;
    p->active = false;
    char n1[64], n2[64];
    if (p->rule == MTL_RULE_LANG_UNTRANSLATED)
        mtl_flags_addf(c->out, p->rule, p->start, p->end, NULL,
                       "passage in %s (%s, %.0f%%) in a document in %s",
                       lg_name(p->code, n1, sizeof n1), p->code,
                       p->conf * 100, lg_name(c->prim, n2, sizeof n2));
    else
        mtl_flags_addf(c->out, p->rule, p->start, p->end, NULL,
                       "run of words unknown to the %s dictionary: "
                       "scrambled or meaningless text",
                       lg_name(c->prim, n2, sizeof n2));
}

static void
lg_emit(const lg_ctx *c, lg_pending *p, mtl_rule rule, size_t start,
        size_t end, const char *code, double conf, uint32_t para)
{
    if (p->active && p->rule == rule && lg_same_family(p->code, code) &&
        c->doc->toks[mtl_doc_token_at(c->doc, p->start)].para == para) {
        p->end = end;
        if (conf > p->conf) {
            /* the surer identification names the passage */
            snprintf(p->code, sizeof p->code, "%s", code);
            p->conf = conf;
        }
        return;
    }
    lg_flush(c, p);
    p->active = true;
    p->rule = rule;
    p->start = start;
    p->end = end;
    snprintf(p->code, sizeof p->code, "%s", code);
    p->conf = conf;
}

/* Languages so close that a sentence of one in the other keeps most of
 * its words known to the document's dictionary, and CLD2's sentence
 * verdict between them is unsure: each document language's sibling,
 * whose own dictionary then judges the sentence (lg_sibling). */
static const char *const lg_siblings[][2] = {
    {"pt", "es"},
    {"es", "pt"},
};

/* Whether the document's language has a sibling (lg_siblings). */
static bool
lg_has_sibling(const lg_ctx *c)
{
    for (size_t k = 0; k < sizeof lg_siblings / sizeof lg_siblings[0]; k++)
        if (strcmp(c->prim, lg_siblings[k][0]) == 0)
            return true;
    return false;
}

/*
 * "La conexión con Madrid no está prevista antes de 2034, según fuentes
 * del Ministerio" in a Portuguese text: a window whose plain words (as
 * lg_count picks them, eight or more) are a quarter or more unknown to the
 * document's dictionary (two at least) and all but one known to the
 * sibling language's, or two unknown and all known to the sibling's
 * (lg_siblings).  Returns the sibling's primary subtag, or NULL.  Asked
 * only of windows with some unknown words already; the sibling language
 * is loaded on the first need.
 */
static const char *
lg_sibling(lg_ctx *c, size_t a, size_t b)
{
    const char *sib = NULL;
    for (size_t k = 0; k < sizeof lg_siblings / sizeof lg_siblings[0]; k++)
        if (strcmp(c->prim, lg_siblings[k][0]) == 0)
            sib = lg_siblings[k][1];
    if (!sib || !c->dict)
        return NULL;
    const mtl_lang *sl = mtl_engine_lang(c->ck->engine, sib, NULL);
    if (!sl || !mtl_lang_has_dictionary(sl))
        return NULL;
    const mtl_doc *d = c->doc;
    size_t check = 0, unknown = 0, sib_unknown = 0;
    bool first = true;
    for (size_t i = a; i < b; i++) {
        const mtl_token *t = &d->toks[i];
        if (!lg_wordlike(t) || !(t->flags & MTL_TF_LETTER))
            continue;
        bool was_first = first;
        first = false;
        if (t->kind != MTL_TOK_WORD || (t->flags & MTL_TF_DIGIT) ||
            t->len > LG_WORD_MAX || t->nchars < 2 ||
            !(t->casing == MTL_CASE_LOWER ||
              (t->casing == MTL_CASE_TITLE && was_first)))
            continue;
        const char *s = d->text + t->start;
        if (!mtl_tok_letters_only(s, t) || lg_in_code(d, i))
            continue;
        check++;
        bool known = mtl_spell_token(c->ck, d, i) == 1 ||
                     (t->casing == MTL_CASE_TITLE &&
                      lg_known_lower(c, s, t->len));
        unknown += !known;
        if (mtl_spell(c->ck, sl, s, t->len) != 1) {
            char low[LG_WORD_MAX + 8];
            size_t ln = t->casing == MTL_CASE_TITLE
                            ? mtl_utf8_lower(s, t->len, low, sizeof low)
                            : 0;
            if (!ln || mtl_spell(c->ck, sl, low, ln) != 1)
                sib_unknown++;
        }
        if (sib_unknown > 1)
            return NULL;
    }
    /* (every word known to the sibling: two unknown are enough) */
    return check >= 8 && unknown >= 2 &&
                   (4 * unknown >= check || sib_unknown == 0)
               ? sib
               : NULL;
}

/* The verdict on one window. */
typedef struct lg_verdict {
    int rule;      /* MTL_RULE_LANG_*, or -1 */
    bool weak;     /* a weak candidate: some unknown words */
    bool gweak;    /* a weak gibberish candidate: half the long words */
    bool partial;  /* weak and gweak not known (see lg_count) */
    char code[16]; /* untranslated: the language */
    double conf;
    size_t from;   /* the flag's first token when not the window's, or 0 */
} lg_verdict;

/* The weak verdicts, from complete counts. */
static void
lg_weak(const lg_ctx *c, const lg_stats *st, lg_verdict *v)
{
    v->weak = c->dict && st->check >= 3 && st->unknown >= 2 &&
              st->unknown * 4 >= st->check;
    v->gweak = c->dict && st->check4 >= 4 && st->unknown4 >= 3 &&
               st->unknown4 * 2 >= st->check4;
    v->partial = false;
}

/*
 * Judges tokens [a, b) of one sentence window.  With @p relax (the
 * verdict on the neighbouring window of the paragraph), a weaker candidate
 * is enough for the same verdict: a foreign sentence with many words the
 * dictionary happens to know next to one in the same language, a
 * scrambled sentence whose short words survived next to another.
 */
static lg_verdict
lg_judge(lg_ctx *c, size_t a, size_t b, const lg_verdict *nb)
{
    const char *relax =
        nb && nb->rule == MTL_RULE_LANG_UNTRANSLATED ? nb->code : NULL;
    bool relax_gib = nb && nb->rule == MTL_RULE_LANG_GIBBERISH;
    const mtl_doc *d = c->doc;
    lg_verdict v = {.rule = -1};
    lg_stats st;
    /* next to a flag the weak verdicts decide: all words are spelled */
    bool full = lg_count(c, a, b, &st, nb != NULL);
    if (st.words < LG_MIN_WORDS && st.foreign < 3)
        return v;
    if (full)
        lg_weak(c, &st, &v);
    else
        v.partial = true; /* and no candidate by the words spelled */
    bool by_dict = full && c->dict && lg_by_dict(st.check, st.unknown);
    bool by_script = st.foreign >= 3 && st.foreign * 10 >= st.words * 6;
    bool by_stops = full && !c->dict && (c->stop || c->func) &&
                    st.words >= 8 && st.stops == 0 && st.foreign == 0;
    /* gibberish: nearly every plain word of four letters or more unknown */
    bool gib = full && c->dict && lg_gib(st.check4, st.unknown4);
    /* a sentence of the sibling language, most of its words shared; a
     * count stopped early (lg_settled knows only by_dict and gib) is
     * finished first when it found an unknown word already ("La empresa
     * no ha respondido a nuestras preguntas ..." in Portuguese text) */
    size_t unknown = st.unknown;
    if (!full && !by_script && c->dict && unknown == 1 &&
        st.words >= 8 && lg_has_sibling(c)) {
        lg_stats st2;
        (void)lg_count(c, a, b, &st2, true);
        unknown = st2.unknown;
    }
    const char *sib = !by_dict && !by_script && c->dict && unknown >= 2
                          ? lg_sibling(c, a, b)
                          : NULL;
    if (!by_dict && !by_script && !by_stops && !gib && !sib &&
        !(relax && v.weak) && !(relax_gib && v.gweak))
        return v;
    lg_count_candidate(c, a, b, &st);
    /* a line of figures, a number for every other word: its words are
     * labels and abbreviations ("Okonkwo (FRA) 24 pts, 11 reb., 3 tocos
     * · Kim (FRA) 18 pts"), which neither the dictionary nor CLD2 can
     * place */
    if (!by_script && st.numbers * 2 >= st.words)
        return v;
    /* the span: first to last token of the window; in another script,
     * from its first word in that script to the end ("According to the
     * plan, 剩余的两个车站将于明年六月完工。": the lead-in is the
     * document's language) when the lead-in is short */
    size_t start = d->toks[a].start;
    size_t end = d->toks[b - 1].start + d->toks[b - 1].len;
    size_t from = 0;
    if (by_script && c->script >= 0) {
        size_t lead = 0;
        for (size_t i = a; i < b; i++) {
            const mtl_token *t = &d->toks[i];
            if (!lg_wordlike(t) || !(t->flags & MTL_TF_LETTER))
                continue;
            if (t->script > USCRIPT_INHERITED && t->script != c->script &&
                lg_script_class(t->script) != c->script) {
                if (lead > 0 && lead <= 8) {
                    start = t->start;
                    from = i;
                }
                break;
            }
            lead++;
        }
    }
    char code[16];
    double conf = 0;
    int bytes = 0;
    mtl_langid_span(d->text + start, end - start, code, sizeof code, &conf,
                    &bytes);
    char cprim[16];
    lg_primary(code, cprim, sizeof cprim);
    bool other = strcmp(cprim, "und") != 0 && strcmp(cprim, c->prim) != 0;
    /* the sibling's sentence only when CLD2 names the sibling */
    if (sib && !by_dict && !by_stops && !gib && !(relax && v.weak) &&
        strcmp(cprim, sib) != 0)
        other = false;
    /* a sentence in another script needs fewer words: "മഴ തുടരും,
     * എല്ലാവരും ജാഗ്രത പാലിക്കണം." has four */
    if (other && conf >= LG_MIN_CONF && bytes >= LG_MIN_BYTES &&
        (st.words >= LG_MIN_WORDS || by_script) &&
        (!relax || lg_same_family(relax, cprim) ||
                                     by_dict || by_script || by_stops)) {
        /* a quotation, or a title of a work in title case; but a
         * sentence of four words or more in another script inside a
         * quotation in the document's language is one its translation
         * skipped ("... is breaking up. यह स्थिति चिंताजनक है। We are
         * seeing ...") */
        bool skipped = by_script && st.foreign >= 4 &&
                       st.capital * 10 < st.words * 6;
        if (!skipped &&
            (st.quoted * 2 >= st.words || st.capital * 10 >= st.words * 6))
            return v;
        v.rule = MTL_RULE_LANG_UNTRANSLATED;
        snprintf(v.code, sizeof v.code, "%s", cprim);
        v.conf = conf;
        v.from = from;
        return v;
    }
    /* gibberish: no language CLD2 is fairly sure of, and not quoted
     * (a quotation in a language CLD2 cannot name) */
    if ((!gib && !(relax_gib && v.gweak)) || st.quoted * 2 >= st.words)
        return v;
    if (other && conf >= 0.35)
        return v;
    v.rule = MTL_RULE_LANG_GIBBERISH;
    return v;
}

/*
 * True unless the document as a whole is not clearly in its language:
 * CLD2 on the whole document names another language with confidence (the
 * caller's label is wrong), or half of its sentences or more are mostly
 * words unknown to the dictionary (CLD2 took an English page with a long
 * French quote for French).  Then no passage is "untranslated".  Made
 * once, lazily, on a bounded sample of LG_DOC_SAMPLE sentences from the
 * start, middle and end.
 */
static bool
lg_doc_ok(lg_ctx *c)
{
    if (c->doc_ok != 0)
        return c->doc_ok > 0;
    const mtl_doc *d = c->doc;
    char code[24], cprim[16];
    double conf = 0;
    if (d->langid_done) {
        /* identified when the document was prepared: the same call */
        memcpy(code, d->langid_code, sizeof code);
        conf = d->langid_conf;
    } else {
        mtl_langid(d->text, d->len, code, sizeof code, &conf);
    }
    lg_primary(code, cprim, sizeof cprim);
    bool other = strcmp(cprim, "und") != 0 &&
                 !lg_same_family(cprim, c->prim) && conf >= LG_MIN_CONF;
    c->doc_ok = c->doc_label_ok = other ? -1 : 1;
    if (other || !c->dict)
        return c->doc_ok > 0;
    /* sentences at the start, middle and end; each cut at a window */
    size_t n = d->nsents, w = LG_DOC_SAMPLE / 3;
    size_t starts[3] = {0, n > w ? n / 2 - w / 2 : n, n > w ? n - w : n};
    size_t sents = 0, cands = 0, done = 0;
    for (int k = 0; k < 3; k++) {
        size_t a = starts[k] < done ? done : starts[k];
        size_t b = starts[k] + w < n ? starts[k] + w : n;
        for (size_t si = a; si < b; si++) {
            const mtl_span *sp = &d->sents[si];
            size_t cnt = sp->tok_count < 4 * LG_SPAN_WORDS ? sp->tok_count
                                                           : 4 * LG_SPAN_WORDS;
            lg_stats st;
            lg_count(c, sp->tok_first, sp->tok_first + cnt, &st, true);
            if (st.check < LG_MIN_CHECK)
                continue;
            sents++;
            if (st.unknown >= LG_MIN_UNKNOWN &&
                (double)st.unknown >= LG_UNKNOWN_SHARE * (double)st.check)
                cands++;
        }
        if (b > done)
            done = b;
    }
    if (cands * 2 > sents)
        c->doc_ok = -1;
    return c->doc_ok > 0;
}

/* A wrong label: nothing is untranslated or gibberish; a mixed page: no
 * passage is untranslated, but a page wholly scrambled is still
 * gibberish. */
static void
lg_vet(lg_ctx *c, lg_verdict *v)
{
    if (v->rule >= 0 && !lg_doc_ok(c) &&
        (v->rule == MTL_RULE_LANG_UNTRANSLATED || c->doc_label_ok < 0))
        v->rule = -1;
}

static void
lg_emit_verdict(const lg_ctx *c, lg_pending *p, const lg_verdict *v,
                size_t a, size_t b)
{
    const mtl_doc *d = c->doc;
    size_t f = v->from > a && v->from < b ? v->from : a;
    lg_emit(c, p, (mtl_rule)v->rule, d->toks[f].start,
            d->toks[b - 1].start + d->toks[b - 1].len, v->code, v->conf,
            d->toks[a].para);
}

/* Whether the mark at token @p k, its window's tokens [a, b), ends a
 * lead-in that a passage of its own follows on the line (lg_cut):
 * - a colon before a capitalised word ("la direction écrivait : The
 *   company will cease all operations effective immediately."), what a
 *   text reports after a colon being maybe in another language;
 * - a full stop glued to a word of three letters or more (not "a.m.")
 *   before a lower-case word: ICU ends no sentence there, so a sentence
 *   left in another language and the next one, whose capital was lost
 *   ("... until the final climb. a equipa do então líder ..."), are one
 *   sentence to it, and either hides the other. */
static bool
lg_cut_mark(const mtl_doc *doc, size_t a, size_t k, char mark)
{
    const mtl_token *t = &doc->toks[k], *n = &doc->toks[k + 1];
    if (!mtl_tok_is_char(doc, t, (uint32_t)mark) || n->kind != MTL_TOK_WORD ||
        n->line != t->line)
        return false;
    if (mark == ':')
        return (n->flags & MTL_TF_UPPER_START) != 0;
    if (k == a || !mtl_tok_glued_prev(doc, k))
        return false;
    const mtl_token *w = &doc->toks[k - 1];
    return w->kind == MTL_TOK_WORD && w->nchars >= 3 &&
           !(w->flags & MTL_TF_DIGIT) &&
           !memchr(doc->text + w->start, '.', w->len) &&
           n->casing == MTL_CASE_LOWER && (n->flags & MTL_TF_SPACE_BEFORE);
}

/* Words before and after a cut (lg_cut). */
#define LG_CUT_BEFORE 4
#define LG_CUT_AFTER 6

/* Window [a, b) cut after the first @p mark (lg_cut_mark) that
 * LG_CUT_BEFORE words or more come before and LG_CUT_AFTER words or more
 * of the window after, so the lead-in and the passage are judged apart.
 * Returns the new end. */
static size_t
lg_cut(const mtl_doc *doc, size_t a, size_t b, char mark)
{
    /* the mark is one of tokens [a, b - 1), with room for the words on
     * either side (many windows are shorter); most windows have none
     * inside, which memchr() tells faster than a walk of the tokens */
    if (b - a < LG_CUT_BEFORE + 1 + LG_CUT_AFTER ||
        !memchr(doc->text + doc->toks[a].start, mark,
                doc->toks[b - 1].start - doc->toks[a].start))
        return b;
    size_t before = 0;
    for (size_t k = a; k + 1 < b; k++) {
        const mtl_token *t = &doc->toks[k];
        if (lg_wordlike(t)) {
            before++;
            continue;
        }
        if (before < LG_CUT_BEFORE || !lg_cut_mark(doc, a, k, mark))
            continue;
        size_t after = 0;
        for (size_t j = k + 1; j < b && after < LG_CUT_AFTER; j++)
            after += lg_wordlike(&doc->toks[j]);
        if (after >= LG_CUT_AFTER)
            return k + 1;
    }
    return b;
}

/* Scrambled words in a sentence of the document's language, two letters
 * of each swapped ("tihs was the tihrd serious incdient", it "cnosiglio
 * comnuale"): too few to make the sentence gibberish, each a word the
 * dictionary does not know that it knows with two neighbouring letters
 * after the first swapped back.  Words of three letters or more, in lower
 * case (or capitalised where the sentence starts or nouns are); two
 * different ones at most LG_SWAP_GAP words apart make a run, one of them
 * four letters or more.  One typo of the kind is no artifact, and two far
 * apart are typing, not scrambling. */
#define LG_SWAP_GAP 6
#define LG_SWAP_WORD_MAX 20
/* Unknown words tried per document (each costs a lookup per letter). */
#define LG_SWAP_BUDGET 48

/* The word of token @p i with two neighbouring letters after its first
 * swapped, that the dictionary knows, into @p fix (NUL-terminated); its
 * length, or 0 when no swap gives a word. */
static size_t
lg_unswap(const lg_ctx *c, size_t i, char *fix, size_t cap)
{
    const mtl_token *t = &c->doc->toks[i];
    const char *s = c->doc->text + t->start;
    size_t at[LG_SWAP_WORD_MAX + 1], n = 0, k = 0;
    while (k < t->len) {
        if (n == LG_SWAP_WORD_MAX)
            return 0;
        at[n++] = k;
        if (!mtl_cp_is_alpha(mtl_utf8_next(s, t->len, &k)))
            return 0;
    }
    at[n] = t->len;
    if (t->len + 1 > cap)
        return 0;
    for (size_t p = 1; p + 1 < n; p++) {
        size_t l1 = at[p + 1] - at[p], l2 = at[p + 2] - at[p + 1];
        if (l1 == l2 && memcmp(s + at[p], s + at[p + 1], l1) == 0)
            continue;
        memcpy(fix, s, at[p]);
        memcpy(fix + at[p], s + at[p + 1], l2);
        memcpy(fix + at[p] + l2, s + at[p], l1);
        memcpy(fix + at[p + 2], s + at[p + 2], t->len - at[p + 2]);
        fix[t->len] = '\0';
        if (mtl_spell(c->ck, c->lang, fix, t->len) == 1)
            return t->len;
    }
    return 0;
}

/* Token @p i may be a scrambled word: a word of letters only, of three
 * to LG_SWAP_WORD_MAX letters, in lower case or capitalised where the
 * sentence starts or where nouns are, that the dictionary does not
 * know. */
static bool
lg_swap_candidate(const lg_ctx *c, size_t i, bool caps)
{
    const mtl_token *t = &c->doc->toks[i];
    if (t->kind != MTL_TOK_WORD || !(t->flags & MTL_TF_LETTER) ||
        (t->flags & MTL_TF_DIGIT) || t->nchars < 3 ||
        t->nchars > LG_SWAP_WORD_MAX)
        return false;
    if (t->casing != MTL_CASE_LOWER &&
        !(t->casing == MTL_CASE_TITLE &&
          (caps || (t->flags & MTL_TF_SENT_START))))
        return false;
    /* prose, not code: white space or the line's start before it
     * ("comm,dso" is an option list) */
    if (t->start > 0 && !(t->flags & MTL_TF_SPACE_BEFORE) &&
        c->doc->text[t->start - 1] != '\n')
        return false;
    return mtl_spell_token(c->ck, c->doc, i) == 0;
}

static void
lg_swapped(lg_ctx *c, size_t a, size_t b, bool caps, unsigned *budget)
{
    const mtl_doc *d = c->doc;
    /* the unknown candidates first: most sentences have fewer than two
     * close enough, and no swap is tried */
    size_t cand[16], nc = 0, words = 0, last_w = 0;
    size_t word_no[16];
    bool pair = false;
    for (size_t i = a; i < b && nc < 16; i++) {
        if (d->toks[i].kind != MTL_TOK_WORD)
            continue;
        words++;
        if (!lg_swap_candidate(c, i, caps))
            continue;
        if (nc > 0 && words - last_w <= LG_SWAP_GAP + 1)
            pair = true;
        word_no[nc] = words;
        cand[nc++] = i;
        last_w = words;
    }
    if (!pair || *budget == 0)
        return;
    /* the scrambled ones among them, and their runs */
    char fixes[16][LG_SWAP_WORD_MAX * 4 + 1];
    bool sw[16] = {false}; /* all of them: the budget may end the loop */
    for (size_t k = 0; k < nc; k++) {
        if (*budget == 0)
            break;
        /* a candidate with no other one close enough is not tried */
        bool near = (k > 0 && word_no[k] - word_no[k - 1] <= LG_SWAP_GAP + 1) ||
                    (k + 1 < nc &&
                     word_no[k + 1] - word_no[k] <= LG_SWAP_GAP + 1);
        if (!near)
            continue;
        (*budget)--;
        sw[k] = lg_unswap(c, cand[k], fixes[k], sizeof fixes[k]) > 0;
    }
    for (size_t k = 0; k < nc;) {
        if (!sw[k]) {
            k++;
            continue;
        }
        size_t e = k, distinct = 1;
        bool four = d->toks[cand[k]].nchars >= 4;
        for (size_t j = k + 1; j < nc; j++) {
            if (!sw[j])
                continue;
            if (word_no[j] - word_no[e] > LG_SWAP_GAP + 1)
                break;
            const mtl_token *tj = &d->toks[cand[j]];
            bool seen = false;
            for (size_t q = k; q <= e && !seen; q++)
                seen = sw[q] && d->toks[cand[q]].len == tj->len &&
                       memcmp(d->text + d->toks[cand[q]].start,
                              d->text + tj->start, tj->len) == 0;
            distinct += !seen;
            four |= tj->nchars >= 4;
            e = j;
        }
        if (distinct >= 2 && four && lg_doc_ok(c)) {
            /* the suggestion: the run with the words swapped back */
            const mtl_token *t0 = &d->toks[cand[k]], *t1 = &d->toks[cand[e]];
            size_t start = t0->start, end = t1->start + t1->len;
            char sug[512];
            size_t o = 0, pos = start;
            bool fits = end - start < sizeof sug;
            for (size_t q = k; q <= e && fits; q++) {
                if (!sw[q])
                    continue;
                const mtl_token *tq = &d->toks[cand[q]];
                memcpy(sug + o, d->text + pos, tq->start - pos);
                o += tq->start - pos;
                memcpy(sug + o, fixes[q], tq->len);
                o += tq->len;
                pos = tq->start + tq->len;
            }
            if (fits) {
                sug[o] = '\0';
                mtl_flags_addf(c->out, MTL_RULE_LANG_GIBBERISH, start, end,
                               sug,
                               "words with two letters swapped (\"%.*s\" "
                               "for \"%s\"): scrambled text",
                               (int)t0->len, d->text + t0->start, fixes[k]);
            }
        }
        k = e + 1;
    }
}

static void
mtl_language_run(const void *state, mtl_checker *ck, const mtl_doc *doc,
                 const mtl_batch *batch, mtl_flags *out)
{
    (void)state;
    (void)batch;
    if (doc->ntoks == 0 || doc->lang_confidence < LG_DOC_CONF)
        return;
    lg_ctx c = {0};
    c.ck = ck;
    c.doc = doc;
    c.lang = doc->res;
    c.out = out;
    c.dict = mtl_lang_has_dictionary(doc->res);
    c.stop = mtl_lang_lexicon(doc->res, "stopwords");
    c.func = mtl_lang_lexicon(doc->res, "function-words");
    lg_primary(doc->lang, c.prim, sizeof c.prim);
    if (strcmp(c.prim, "und") == 0 || c.prim[0] == '\0')
        return;
    c.script = lg_dominant_script(doc, &c.mixed);

    lg_pending p = {0};
    /* the previous window */
    size_t pa = 0, pb = 0;
    bool have_prev = false;
    lg_verdict pv = {.rule = -1};
    const bool caps = mtl_lang_capitalises_nouns(doc->res);
    /* scrambled words need two words the dictionary does not know in
     * their sentence: the statistics listed the first tokens of such
     * words where they asked about every word (the checker's
     * unknown_at), and a sentence with fewer than two of them is not
     * walked */
    unsigned swap_budget = LG_SWAP_BUDGET;
    const bool listed = ck->words_doc == doc && ck->unknown_all;
    if (listed && ck->nunknown < 2)
        swap_budget = 0;
    size_t un = 0; /* the next of ck->unknown_at */
    for (size_t s = 0; s < doc->nsents; s++) {
        const mtl_span *sp = &doc->sents[s];
        size_t a = sp->tok_first, end = sp->tok_first + sp->tok_count;
        bool flagged = false;
        while (a < end) {
            /* cut after LG_SPAN_WORDS words (not before the end when
             * there are no more tokens than that) */
            size_t b = a, words = 0;
            if (end - a <= LG_SPAN_WORDS)
                b = end;
            while (b < end && words < LG_SPAN_WORDS) {
                if (lg_wordlike(&doc->toks[b]))
                    words++;
                b++;
            }
            b = lg_cut(doc, a, lg_cut(doc, a, b, ':'), '.');
            bool same_para =
                have_prev && doc->toks[pa].para == doc->toks[a].para;
            lg_verdict v = lg_judge(&c, a, b,
                                    same_para && pv.rule >= 0 ? &pv : NULL);
            lg_vet(&c, &v);
            if (v.rule >= 0 && same_para && pv.rule < 0 && pv.partial) {
                /* the window before was not spelled in full */
                lg_stats st;
                lg_count(&c, pa, pb, &st, true);
                lg_weak(&c, &st, &pv);
            }
            if (v.rule >= 0 && same_para && pv.rule < 0 &&
                (v.rule == MTL_RULE_LANG_UNTRANSLATED ? pv.weak : pv.gweak)) {
                /* the window before may be of the same kind */
                lg_verdict back = lg_judge(&c, pa, pb, &v);
                lg_vet(&c, &back);
                if (back.rule == v.rule &&
                    lg_same_family(back.code, v.code))
                    lg_emit_verdict(&c, &p, &back, pa, pb);
            }
            if (v.rule >= 0) {
                lg_emit_verdict(&c, &p, &v, a, b);
                flagged = true;
            }
            pa = a;
            pb = b;
            pv = v;
            have_prev = true;
            a = b;
        }
        /* a sentence that was not flagged ends the run */
        if (p.active && p.end < sp->end)
            lg_flush(&c, &p);
        if (!flagged && c.dict && swap_budget > 0) {
            unsigned here = 2;
            if (listed) {
                here = 0;
                while (un < ck->nunknown && ck->unknown_at[un] < end) {
                    here += ck->unknown_at[un] >= sp->tok_first;
                    un++;
                }
            }
            if (here >= 2)
                lg_swapped(&c, sp->tok_first, end, caps, &swap_budget);
        }
    }
    lg_flush(&c, &p);
}

const mtl_detector mtl_detector_language = {
    .name = "language",
    .category = "language",
    .description = "a sentence left in another language (untranslated), "
                   "scrambled or meaningless text (gibberish)",
    .load = NULL,
    .run = mtl_language_run,
    .unload = NULL,
    .observe = NULL,
};
