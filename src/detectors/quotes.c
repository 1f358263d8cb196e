/*
 * quotes.c - the `quotes` detector (category `quote`): what machine
 * translation leaves around quotation marks.
 *
 *   closing-quote-case   an ordinary word capitalised right after a closing
 *                        quote in mid-sentence (`“operation” For fourteen`),
 *                        a verb of saying before the speaker among them
 *                        (`plato" Dijo ante`, German `geplant“ Sagte der`),
 *                        a capitalised elided clitic (`« à usage général »
 *                        S'appliquent`)
 *   closing-quote-glued  a letter glued to a closing quote (`recordings”The`,
 *                        `interests.”A`, `accusations.”-Share`)
 *   unbalanced           an opening quote never closed before the paragraph
 *                        ends (the convention of a quotation running over
 *                        several paragraphs, each opening again, is silent),
 *                        or closed by a straight quote that pairs with no
 *                        other (`«No vamos a ceder"`, `„Wir bleiben"`), or
 *                        by the mark of another typography (`“…»`, `"…»`, `„…»`,
 *                        `«…”`, `the “Belt and Road" accounted`, `"Há
 *                        quem … na videira”, disse`, the one curly mark
 *                        of a document quoting in straight marks:
 *                        `"We are exhausted,” said`), a
 *                        straight ' closed by ” (`'substantial benefit”`),
 *                        a paragraph's first mark closing a quotation
 *                        before a verb of saying, none open (`inflation,"
 *                        said`), a paragraph's only mark closing its
 *                        sentence (`chiamando il numero verde".`), a
 *                        mark closing nothing after the clause of saying
 *                        of a closed quotation (`gradual», afirmó».`) or
 *                        after a comma (`le ministère,» mais`), or a
 *                        closing mark written twice
 *                        (`disappeared,””`, `crowd”.”`, `long,""We`)
 *
 * Every quote mark is one punctuation token (tokenize.h).  Its role
 * (opening or closing) comes from the characters on both sides, the mark
 * itself and a stack of the quotes still open in the paragraph, so English
 * “ ”, German „ “ and » «, French « », Swedish ” ” and straight quotes all
 * work.  Single quotes only keep the nesting right: ’ is far more often an
 * apostrophe (don’t, l’État, ’90s) than a quote, so no flag is ever raised on
 * a single quote.  One pass over the tokens; the stack lives in scratch
 * memory, so 10^6 quote marks cost linear time.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "../batch.h"
#include "../lexicon/lexicon.h"
#include "../util/strbuf.h"
#include "../util/util.h"
#include "detector.h"

/* Scratch slots of this detector. */
#define MTL_Q_SLOT_STACK 0
#define MTL_Q_SLOT_EVID 1
#define MTL_Q_SLOT_PEND 2
#define MTL_Q_SLOT_MARKS 3

#define MTL_Q_WORD_MAX 128 /* longer words are never judged */

enum { MTL_Q_OPEN = 1, MTL_Q_CLOSE = 2, MTL_Q_NONE = 0 };

/* A quote mark of the document: its token and code point. */
typedef struct mtl_q_mark {
    uint32_t tok;
    int32_t cp;
} mtl_q_mark;

/* A quote still open. */
typedef struct mtl_q_open {
    uint32_t tok;     /* token index of the mark */
    int32_t below;    /* stack index of the double quote below, or -1 */
    int32_t cp;       /* the mark */
    uint8_t single;   /* a single quote (‘ ‚ ‹) */
    uint8_t straight; /* a straight " */
} mtl_q_open;

/* What the document says about one word (lower-cased). */
typedef struct mtl_q_evid {
    uint64_t hash;   /* 0 = empty slot */
    uint32_t lower;  /* written in lower case */
    uint32_t capmid; /* capitalised after a lower-case word mid-sentence */
} mtl_q_evid;

/* Small closed-class lists used when the language has no
 * function-words.txt / stopwords.txt (or in addition to them). */
static const char *const mtl_q_fw_en[] = {
    "a", "an", "the", "and", "or", "but", "nor", "for", "from", "in", "on",
    "at", "to", "of", "by", "with", "as", "into", "over", "under", "about",
    "after", "before", "since", "until", "than", "that", "this", "these",
    "those", "it", "its", "he", "she", "we", "they", "you", "his", "her",
    "their", "our", "your", "is", "are", "was", "were", "be", "been", "has",
    "have", "had", "not", "so", "if", "then", "when", "while", "which",
    "who", "what", "also", "yet", "there", NULL};
static const char *const mtl_q_fw_fr[] = {
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "mais",
    "donc", "car", "pour", "par", "en", "dans", "sur", "sous", "avec",
    "sans", "chez", "vers", "entre", "à", "au", "aux", "ce", "cet", "cette",
    "ces", "il", "elle", "ils", "elles", "nous", "vous", "son", "sa",
    "ses", "leur", "leurs", "est", "sont", "qui", "que", "dont", "où", "selon",
    NULL};
static const char *const mtl_q_fw_es[] = {
    "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "y",
    "o", "pero", "para", "por", "en", "con", "sin", "sobre", "entre", "hacia",
    "desde", "hasta", "a", "al", "que", "este", "esta", "estos", "estas",
    "su", "sus", "se", "es", "son", "fue", "según", NULL};
static const char *const mtl_q_fw_de[] = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen",
    "einem", "einer", "und", "oder", "aber", "für", "mit", "von", "vom",
    "zu", "zum", "zur", "im", "in", "am", "an", "auf", "aus", "bei", "nach",
    "über", "unter", "vor", "durch", "gegen", "ohne", "um", "seit", "dass",
    "wenn", "als", "wie", "er", "wir", "ist", "sind", "war", "hat", "wird",
    NULL};
static const char *const mtl_q_fw_pt[] = {
    "o", "a", "os", "as", "um", "uma", "de", "do", "da", "dos", "das", "e",
    "ou", "mas", "para", "por", "em", "no", "na", "nos", "nas", "com", "sem",
    "sobre", "entre", "ao", "aos", "que", "seu", "sua", "é", "são", "foi",
    NULL};
static const char *const mtl_q_fw_it[] = {
    "il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "di", "del",
    "della", "dei", "delle", "e", "o", "ma", "per", "in", "nel", "nella",
    "con", "su", "sul", "da", "dal", "tra", "fra", "al", "alla", "che", "è",
    "sono", NULL};

/* German pronouns of address are capitalised anywhere in a sentence. */
static const char *const mtl_q_de_polite[] = {
    "sie", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres", "ihnen", NULL};

static bool
mtl_q_in_list(const char *const *list, const char *w, size_t n)
{
    for (; list && *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return true;
    return false;
}

static const char *const *
mtl_q_builtin(const char *primary)
{
    if (strcmp(primary, "en") == 0)
        return mtl_q_fw_en;
    if (strcmp(primary, "fr") == 0)
        return mtl_q_fw_fr;
    if (strcmp(primary, "es") == 0)
        return mtl_q_fw_es;
    if (strcmp(primary, "de") == 0)
        return mtl_q_fw_de;
    if (strcmp(primary, "pt") == 0)
        return mtl_q_fw_pt;
    if (strcmp(primary, "it") == 0)
        return mtl_q_fw_it;
    return NULL;
}

static bool
mtl_q_is_function(const mtl_lang *lang, const char *lw, size_t n)
{
    if (mtl_q_in_list(mtl_q_builtin(mtl_lang_primary(lang)), lw, n))
        return true;
    /* function-words.txt holds no word that is also a name or a month
     * (stopwords.txt has `may`, `will`): it alone is safe here */
    return mtl_lexicon_has_fold(mtl_lang_lexicon(lang, "function-words"), lw,
                                n);
}

static const char *const mtl_q_articles[] = {
    "the", "a", "an", "le", "la", "les", "un", "une", "el", "los", "las",
    "lo", "der", "die", "das", "den", "dem", "des", "ein", "eine", "o", "os",
    "as", "il", "gli", "i", "uno", "una", NULL};

static bool
mtl_q_is_article(const mtl_lang *lang, const char *lw, size_t n)
{
    if (mtl_q_in_list(mtl_q_articles, lw, n))
        return true;
    return mtl_lexicon_in_section(mtl_lang_lexicon(lang, "function-words"),
                                  lw, n, "article");
}

/* The code point just before byte @p off, or -1 at the start. */
static int32_t
mtl_q_cp_before(const mtl_doc *doc, size_t off)
{
    if (off == 0)
        return -1;
    size_t i = off;
    return mtl_utf8_prev(doc->text, &i);
}

/* The code point before byte @p off past up to four white-space code
 * points on the line (a no-break space inside French guillemets), or -1. */
static int32_t
mtl_q_cp_before_spaces(const mtl_doc *doc, size_t off)
{
    size_t i = off;
    for (int k = 0; k < 4 && i > 0; k++) {
        size_t j = i;
        int32_t cp = mtl_utf8_prev(doc->text, &j);
        if (cp == '\n' || cp == '\r' || !mtl_cp_is_space(cp))
            return cp;
        i = j;
    }
    return mtl_q_cp_before(doc, i);
}

/* The code point at byte @p off, or -1 at the end. */
static int32_t
mtl_q_cp_at(const mtl_doc *doc, size_t off)
{
    if (off >= doc->len)
        return -1;
    size_t i = off;
    return mtl_utf8_next(doc->text, doc->len, &i);
}

static bool
mtl_q_space(int32_t cp)
{
    return cp < 0 || cp == '\n' || cp == '\r' || mtl_cp_is_space(cp);
}

/* Punctuation before an opening quote: ( [ { and dashes. */
static bool
mtl_q_opener_ctx(int32_t cp)
{
    return cp == '(' || cp == '[' || cp == '{' || cp == 0x2014 ||
           cp == 0x2013 || cp == '-' || cp == '/';
}

static bool
mtl_q_sentence_end(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static bool
mtl_q_clause_punct(int32_t cp)
{
    return mtl_q_sentence_end(cp) || cp == ',' || cp == ';';
}

/* 2 = double quote mark, 1 = single, 0 = not a quote. */
static int
mtl_q_kind(int32_t cp)
{
    switch (cp) {
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x00AB: case 0x00BB:
        return 2;
    case 0x2018: case 0x2019: case 0x201A: case 0x2039: case 0x203A:
        return 1;
    default:
        return 0;
    }
}

/*
 * Role of the quote mark @p cp at token @p t: MTL_Q_OPEN, MTL_Q_CLOSE or
 * MTL_Q_NONE (an apostrophe or a mark that says nothing).  @p pending: a
 * quote of the same width (single/double) is open.
 */
/* True if @p cp is the closing partner of the opening mark @p open. */
static bool
mtl_q_partner(int32_t open, int32_t cp)
{
    return (open == 0x00AB && cp == 0x00BB) ||
           (open == 0x00BB && cp == 0x00AB) ||
           (open == 0x201E && cp == 0x201C) ||
           (open == 0x201C && cp == 0x201D) || (open == '"' && cp == '"');
}

static int
mtl_q_role(const mtl_doc *doc, const mtl_token *t, int32_t cp, bool pending,
           int32_t top)
{
    bool top_straight = pending && top == '"';
    if (pending && top != '"' && mtl_q_partner(top, cp))
        return MTL_Q_CLOSE; /* « … », „ … “, » … « */
    int32_t pc = mtl_q_cp_before(doc, t->start);
    int32_t nc = mtl_q_cp_at(doc, t->start + t->len);
    bool ps = mtl_q_space(pc) || mtl_q_opener_ctx(pc);
    bool ns = mtl_q_space(nc);
    bool nl = nc >= 0 && (u_isalnum(nc) || mtl_q_kind(nc) != 0);
    bool pl = pc >= 0 && u_isalnum(pc);

    if (mtl_q_kind(cp) == 1) {
        /* single marks: never an apostrophe between letters or before a
         * digit (don’t, ’90s) */
        if (pl && nc >= 0 && u_isalpha(nc))
            return MTL_Q_NONE;
        if (nc >= 0 && u_isdigit(nc))
            return MTL_Q_NONE;
        if (cp == 0x201A)
            return ps && nl ? MTL_Q_OPEN : MTL_Q_NONE;
        if (ps && nl)
            return cp == 0x2019 ? MTL_Q_NONE : MTL_Q_OPEN;
        if (!ps && (ns || !nl))
            return pending ? MTL_Q_CLOSE : MTL_Q_NONE;
        return MTL_Q_NONE;
    }

    if (cp == 0x201E)
        return MTL_Q_OPEN;
    if (ps && ns) {
        /* spaced on both sides: French « texte » or a stray mark */
        if (cp == 0x00AB || cp == 0x201C)
            return MTL_Q_OPEN;
        if (cp == 0x00BB || cp == 0x201D || cp == 0x201F)
            return MTL_Q_CLOSE;
        return pending && top_straight ? MTL_Q_CLOSE : MTL_Q_OPEN;
    }
    if (ps && !ns) {
        if (nc >= 0 && (mtl_q_clause_punct(nc) || nc == ':' || nc == ')'))
            return MTL_Q_CLOSE; /* `word ”.` */
        return MTL_Q_OPEN;
    }
    if (!ps && ns)
        return cp == 0x00AB && !pending ? MTL_Q_OPEN : MTL_Q_CLOSE;
    /* glued on both sides: after a letter and before a comma, a full stop
     * or a bracket only a closing quote (`Vereinssport“, so`) */
    if (pl && (mtl_q_clause_punct(nc) || nc == ':' || nc == ')'))
        return MTL_Q_CLOSE;
    if (pc == ':')
        return (cp == 0x201D || cp == 0x00BB) && pending ? MTL_Q_CLOSE
                                                          : MTL_Q_OPEN;
    if (pc >= 0 && mtl_q_clause_punct(pc))
        return MTL_Q_CLOSE;
    if (pending)
        return MTL_Q_CLOSE;
    if (cp == 0x201D || cp == 0x00BB)
        return MTL_Q_CLOSE;
    return MTL_Q_OPEN;
}

/* ------------------------------------------------------ word evidence */

typedef struct mtl_q_ctx {
    const mtl_doc *doc;
    const mtl_lang *lang;
    mtl_checker *ck;
    mtl_flags *out;
    mtl_q_evid *ev; /* built on first need */
    size_t evmask;
    int64_t headline_line; /* cache: line index judged last */
    bool headline;
    /* cache: paragraph whose first quote mark in mojibake was looked
     * for, and that mark's offset (SIZE_MAX: none) */
    size_t garbled_para, garbled_at;
    /* the document's straight double marks, and its curly double marks
     * (“ ” „) */
    size_t doc_straight, doc_curly;
} mtl_q_ctx;

/* The key of a word, given it lower-cased. */
static uint64_t
mtl_q_lower_hash(const char *low, size_t n)
{
    return mtl_hash_key(mtl_hash64(low, n, 0x71u));
}

static uint64_t
mtl_q_word_hash(const mtl_doc *doc, const mtl_token *t)
{
    char buf[MTL_Q_WORD_MAX + 8];
    const char *s = mtl_tok_text(doc, t);
    size_t n = mtl_utf8_lower(s, t->len, buf, sizeof buf);
    if (n == 0)
        return 0;
    return mtl_q_lower_hash(buf, n);
}

static mtl_q_evid *
mtl_q_evid_slot(mtl_q_evid *tab, size_t mask, uint64_t h)
{
    for (size_t i = h & mask;; i = (i + 1) & mask)
        if (tab[i].hash == h || tab[i].hash == 0)
            return &tab[i];
}

/* True when token @p i is a capitalised word in running text: after a
 * lower-case word, not at a sentence or line start. */
static bool
mtl_q_capmid(const mtl_doc *doc, size_t i)
{
    const mtl_token *t = &doc->toks[i];
    if (i == 0 || t->casing != MTL_CASE_TITLE ||
        (t->flags & (MTL_TF_SENT_START | MTL_TF_LINE_START)) ||
        !(t->flags & MTL_TF_SPACE_BEFORE))
        return false;
    const mtl_token *p = &doc->toks[i - 1];
    return p->kind == MTL_TOK_WORD && p->casing == MTL_CASE_LOWER;
}

static void
mtl_q_build_evidence(mtl_q_ctx *c)
{
    const mtl_doc *doc = c->doc;
    size_t slots = 64;
    while (slots < doc->ntoks * 2 + 2)
        slots *= 2;
    c->ev = mtl_checker_scratch(c->ck, MTL_Q_SLOT_EVID, slots * sizeof *c->ev);
    memset(c->ev, 0, slots * sizeof *c->ev);
    c->evmask = slots - 1;
    for (size_t i = 0; i < doc->ntoks; i++) {
        const mtl_token *t = &doc->toks[i];
        if (t->kind != MTL_TOK_WORD || !(t->flags & MTL_TF_LETTER) ||
            t->len > MTL_Q_WORD_MAX)
            continue;
        bool low = t->casing == MTL_CASE_LOWER;
        bool cap = mtl_q_capmid(doc, i);
        if (!low && !cap)
            continue;
        /* an ASCII word without a capital is its own lower case (only
         * A-Z change there): its bytes are hashed as they are */
        uint64_t h = low && (t->flags & MTL_TF_ASCII)
                         ? mtl_q_lower_hash(mtl_tok_text(doc, t), t->len)
                         : mtl_q_word_hash(doc, t);
        if (!h)
            continue;
        mtl_q_evid *e = mtl_q_evid_slot(c->ev, c->evmask, h);
        e->hash = h;
        if (low)
            e->lower++;
        else
            e->capmid++;
    }
}

static const mtl_q_evid *
mtl_q_evidence(mtl_q_ctx *c, const mtl_token *t)
{
    if (!c->ev)
        mtl_q_build_evidence(c);
    uint64_t h = mtl_q_word_hash(c->doc, t);
    if (!h)
        return NULL;
    mtl_q_evid *e = mtl_q_evid_slot(c->ev, c->evmask, h);
    return e->hash == h ? e : NULL;
}

/* A headline in title case: most longer words after the first are
 * capitalised. */
static bool
mtl_q_titlecase_line(mtl_q_ctx *c, uint32_t line)
{
    if (c->headline_line == (int64_t)line)
        return c->headline;
    const mtl_doc *doc = c->doc;
    bool res = false;
    if (line >= 1 && line <= doc->nlines) {
        const mtl_span *sp = &doc->lines[line - 1];
        size_t n = 0, cap = 0;
        bool first = true;
        for (uint32_t k = sp->tok_first; k < sp->tok_first + sp->tok_count;
             k++) {
            const mtl_token *t = &doc->toks[k];
            if (t->kind != MTL_TOK_WORD || !(t->flags & MTL_TF_LETTER))
                continue;
            if (first) {
                first = false;
                continue;
            }
            if (t->nchars < 4)
                continue;
            n++;
            if (t->casing == MTL_CASE_TITLE || t->casing == MTL_CASE_UPPER)
                cap++;
        }
        res = n >= 2 && cap * 10 >= n * 6;
    }
    c->headline_line = line;
    c->headline = res;
    return res;
}

/* ------------------------------------------------------------- rules */

/* closing-quote-glued: a letter (or `-Letter` after a sentence end) glued
 * to the closing quote at token @p q. */
static void
mtl_q_check_glued(mtl_q_ctx *c, size_t q, int32_t before)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = &doc->toks[q];
    if (q + 1 >= doc->ntoks || !mtl_tok_glued_prev(doc, q + 1))
        return;
    /* `""We`: the doubled mark is flagged as such
     * (mtl_q_check_straight) */
    if (before == '"' && mtl_tok_is_char(doc, t, '"'))
        return;
    size_t w = q + 1;
    const mtl_token *nt = &doc->toks[w];
    bool dash = false;
    if (nt->kind == MTL_TOK_PUNCT && w + 1 < doc->ntoks &&
        mtl_tok_glued_prev(doc, w + 1) && nt->nchars == 1) {
        /* `here".And he`, `vivo»,Ha detto`: the sentence or clause
         * punctuation after the quote, then no space; after a full stop
         * (or ! ?) a capital follows, after a comma or semicolon any
         * letter.  Not a decimal or an address (`".5`, `".com`). */
        uint32_t p = mtl_tok_first_cp(doc, nt);
        const mtl_token *n2 = &doc->toks[w + 1];
        bool stop = p == '.' || p == '!' || p == '?';
        if ((stop || p == ',' || p == ';') && n2->kind == MTL_TOK_WORD &&
            (n2->flags & MTL_TF_LETTER) && !(n2->flags & MTL_TF_DIGIT) &&
            u_isalpha(mtl_tok_first_cp(doc, n2)) &&
            (!stop || (n2->flags & MTL_TF_UPPER_START)) && n2->nchars >= 1 &&
            !(w + 2 < doc->ntoks && mtl_tok_glued_prev(doc, w + 2) &&
              (mtl_tok_is_char(doc, &doc->toks[w + 2], '.') ||
               mtl_tok_is_char(doc, &doc->toks[w + 2], '/') ||
               mtl_tok_is_char(doc, &doc->toks[w + 2], '@')))) {
            UErrorCode ue = U_ZERO_ERROR;
            UScriptCode sc2 = uscript_getScript(mtl_tok_first_cp(doc, n2), &ue);
            if (U_FAILURE(ue) || sc2 == USCRIPT_HANGUL ||
                uscript_breaksBetweenLetters(sc2))
                return;
            mtl_strbuf sb;
            mtl_strbuf_init(&sb);
            mtl_strbuf_put(&sb, doc->text + t->start,
                           n2->start - t->start);
            mtl_strbuf_putc(&sb, ' ');
            mtl_strbuf_put(&sb, doc->text + n2->start, n2->len);
            mtl_strbuf_putc(&sb, '\0');
            mtl_flags_addf(c->out, MTL_RULE_QUOTE_GLUED, t->start,
                           n2->start + n2->len, sb.data,
                           "no space after the “%.*s” that follows a closing "
                           "quote",
                           (int)nt->len, doc->text + nt->start);
            mtl_strbuf_free(&sb);
            return;
        }
    }
    if (nt->kind == MTL_TOK_PUNCT &&
        (mtl_tok_is_char(doc, nt, '-') || mtl_tok_is_char(doc, nt, 0x2013))) {
        /* `accusations.”-Share`: only after a sentence end, before a
         * capital (never `“PRC”-based`); not where nouns are
         * capitalised, which join a quotation to a noun (`»Bravo!«-Rufe`,
         * `„Nein!“-Lager`) */
        if (!mtl_q_sentence_end(before) || w + 1 >= doc->ntoks ||
            !mtl_tok_glued_prev(doc, w + 1) ||
            mtl_lang_capitalises_nouns(doc->res))
            return;
        w++;
        nt = &doc->toks[w];
        if (!(nt->flags & MTL_TF_UPPER_START))
            return;
        dash = true;
    }
    if (nt->kind != MTL_TOK_WORD || !(nt->flags & MTL_TF_LETTER) ||
        !u_isalpha(mtl_tok_first_cp(doc, nt)))
        return;
    /* scripts written without spaces between words (Chinese, Japanese,
     * Thai...), and Korean, whose quotation particles are written on the
     * closing quote (“…”라고 말했다) */
    UErrorCode uerr = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(mtl_tok_first_cp(doc, nt), &uerr);
    if (U_SUCCESS(uerr) &&
        (sc == USCRIPT_HANGUL || uscript_breaksBetweenLetters(sc)))
        return;
    /* nor after a quotation in such a script: Chinese sets a Latin word
     * against its closing quote (“浙里办”App) */
    size_t at = t->start;
    int32_t last = at ? mtl_utf8_prev(doc->text, &at) : -1;
    uerr = U_ZERO_ERROR;
    if (last > 0x2E7F &&
        uscript_breaksBetweenLetters(uscript_getScript(last, &uerr)) &&
        U_SUCCESS(uerr))
        return;
    size_t start = t->start, end = nt->start + nt->len;
    if (dash) {
        mtl_flags_addf(c->out, MTL_RULE_QUOTE_GLUED, start, end, NULL,
                       "text glued to a closing quote with a dash: a "
                       "garbled continuation");
        return;
    }
    char sugg[MTL_Q_WORD_MAX * 2];
    size_t ql = t->len, wl = end - nt->start;
    if (ql + 1 + wl >= sizeof sugg) {
        mtl_flags_add(c->out, MTL_RULE_QUOTE_GLUED, start, end,
                      "no space after a closing quote", NULL);
        return;
    }
    memcpy(sugg, doc->text + t->start, ql);
    sugg[ql] = ' ';
    memcpy(sugg + ql + 1, doc->text + nt->start, wl);
    sugg[ql + 1 + wl] = '\0';
    mtl_flags_addf(c->out, MTL_RULE_QUOTE_GLUED, start, end, sugg,
                   "no space between a closing quote and “%.*s”", (int)wl,
                   doc->text + nt->start);
}

/* Short verbs of saying that attribute a quotation (", Ocampo told",
 * ", disse a ministra"); speech-verbs.txt holds the longer forms. */
static const char *const mtl_q_short_speech[] = {
    "said", "says", "told", "asked", "dit", "dice", "dijo", "dicho",
    "sagt", "diz", "disse", "detto", NULL};

/* A verb of saying at token @p k: speech-verbs.txt or the short ones. */
static bool
mtl_q_is_speech(const mtl_q_ctx *c, size_t k)
{
    const mtl_token *t = &c->doc->toks[k];
    if (t->kind != MTL_TOK_WORD || t->casing != MTL_CASE_LOWER ||
        t->len > MTL_Q_WORD_MAX)
        return false;
    const char *s = c->doc->text + t->start;
    return mtl_q_in_list(mtl_q_short_speech, s, t->len) ||
           mtl_lexicon_has(mtl_lang_lexicon(c->lang, "speech-verbs"), s,
                           t->len);
}

/* True if the quotation from the opening mark at token @p oq to the
 * closing mark at token @p q is a short term in lower case: one to four
 * words, the first in lower case, no sentence punctuation (`keep a
 * «moderately tight» Monetary policy`). */
static bool
mtl_q_lower_term(const mtl_doc *doc, size_t oq, size_t q)
{
    if (oq == SIZE_MAX || oq + 1 >= q || q - oq > 8)
        return false;
    const mtl_token *f = &doc->toks[oq + 1];
    if (f->kind != MTL_TOK_WORD || f->casing != MTL_CASE_LOWER)
        return false;
    int words = 0;
    for (size_t k = oq + 1; k < q; k++) {
        const mtl_token *t = &doc->toks[k];
        if (t->kind == MTL_TOK_WORD)
            words++;
        else if (!mtl_tok_is_char(doc, t, '-'))
            return false;
    }
    return words >= 1 && words <= 4;
}

/* Whether word @p s (@p n bytes) starts with an elided clitic, capitalised,
 * before a lower-case letter: fr `S'appliquent`, `L'usage`, `Qu'il`, it
 * `L'anno`, `Dell'arte`.  A function word, never a name's start: names
 * keep the capital after the apostrophe (`L'Oréal`, `D'Alembert`,
 * `L'Aquila`). */
static bool
mtl_q_elided(const char *s, size_t n)
{
    size_t j = mtl_elided_clitic(s, n, true);
    return j > 0 && mtl_cp_is_lower(mtl_utf8_next(s, n, &j));
}

/* Whether the text before the quote mark at byte @p at (past white
 * space) ends in a hashtag or a handle: a post quoted whole
 * (`… pas le dernier. #TennisFrançais » Le joueur`), which ends its
 * sentence without a full stop.  Looks back 64 bytes at most. */
static bool
mtl_q_tag_before(const mtl_doc *doc, size_t at)
{
    size_t k = at;
    while (k > 0 && (doc->text[k - 1] == ' ' || doc->text[k - 1] == '\t'))
        k--;
    size_t lim = k > 64 ? k - 64 : 0;
    while (k > lim && doc->text[k - 1] != ' ' && doc->text[k - 1] != '\n' &&
           doc->text[k - 1] != '\t')
        k--;
    if (k == lim && lim > 0)
        return false;
    return k < at && (doc->text[k] == '#' || doc->text[k] == '@') &&
           k + 1 < at && doc->text[k + 1] != ' ';
}

/* closing-quote-case: `operation” For fourteen years`.  @p oq is the
 * token of the opening mark the quote closes, or SIZE_MAX. */
static void
mtl_q_check_case(mtl_q_ctx *c, size_t q, size_t oq, int32_t before)
{
    const mtl_doc *doc = c->doc;
    if (q + 1 >= doc->ntoks || mtl_q_sentence_end(before) || before == ':')
        return;
    const mtl_token *t = &doc->toks[q];
    const mtl_token *w = &doc->toks[q + 1];
    size_t gap = t->start + t->len; /* where the white space starts */
    if (mtl_tok_is_char(doc, w, ',') && mtl_tok_glued_prev(doc, q + 1) &&
        q + 2 < doc->ntoks) {
        /* `„Das reicht völlig aus“, So die Ingenieurin`: the comma
         * after the quote keeps the sentence going; only a function word
         * or a verb of saying is judged there (an ordinary word after a
         * comma may be the speaker's name, below) */
        before = ',';
        gap = w->start + w->len;
        q++;
        w = &doc->toks[q + 1];
    } else if (q + 2 < doc->ntoks && w->len == t->len &&
               memcmp(doc->text + w->start, doc->text + t->start, t->len) ==
                   0 &&
               !mtl_tok_glued_prev(doc, q + 1) &&
               !(w->flags & MTL_TF_NEWLINE_BEFORE)) {
        /* `invisibles » » Affirme`: the closing mark printed twice, the
         * word after the copy judged */
        gap = w->start + w->len;
        q++;
        w = &doc->toks[q + 1];
    }
    if (w->kind != MTL_TOK_WORD || w->casing != MTL_CASE_TITLE ||
        !(w->flags & MTL_TF_SPACE_BEFORE) ||
        (w->flags & MTL_TF_NEWLINE_BEFORE) || w->len > MTL_Q_WORD_MAX)
        return;
    if (mtl_q_tag_before(doc, t->start))
        return;
    /* the gap must be plain white space */
    for (size_t k = gap; k < w->start; k++)
        if (doc->text[k] != ' ' && (unsigned char)doc->text[k] < 0x80)
            return;
    const char *ws = mtl_tok_text(doc, w);
    if (w->nchars == 1 && ws[0] == 'I')
        return;
    char lw[MTL_Q_WORD_MAX + 8];
    size_t ln = mtl_utf8_lower(ws, w->len, lw, sizeof lw);
    if (ln == 0 || memchr(lw, '.', ln))
        return;
    const char *primary = mtl_lang_primary(c->lang);
    bool german = strcmp(primary, "de") == 0;
    if (german && mtl_q_in_list(mtl_q_de_polite, lw, ln))
        return;
    const mtl_q_evid *ev = NULL;
    /* a verb of saying (speech-verbs.txt) before the speaker: `plato"
     * Dijo ante`, `geplant“ Sagte der`; after a comma too (`“No,” Said
     * Brown`), never written so in running text of any language */
    bool speech = w->nchars >= 3 && q + 2 < doc->ntoks &&
                  mtl_lexicon_has(mtl_lang_lexicon(c->lang, "speech-verbs"),
                                  lw, ln);
    if (speech) {
        const mtl_token *n2 = &doc->toks[q + 2];
        speech = n2->kind == MTL_TOK_WORD && n2->line == w->line &&
                 (n2->flags & MTL_TF_SPACE_BEFORE);
    }
    /* a headline in title case; German capitalises its nouns, and its
     * headlines do not capitalise verbs */
    if (!(speech && german) && mtl_q_titlecase_line(c, w->line))
        return;
    bool fw = !speech && (mtl_q_is_function(c->lang, lw, ln) ||
                          mtl_q_elided(ws, w->len));
    if (speech) {
        /* flagged below */
    } else if (fw && q + 2 < doc->ntoks &&
               mtl_q_is_article(c->lang, lw, ln)) {
        /* `” The New York Times`: an article opening a name */
        const mtl_token *n2 = &doc->toks[q + 2];
        if (n2->kind == MTL_TOK_WORD && n2->casing != MTL_CASE_LOWER)
            return;
    }
    if (speech) {
        /* nothing more to ask */
    } else if (fw) {
        /* a function word capitalised elsewhere in running text: the
         * document writes titles or names that way */
        ev = mtl_q_evidence(c, w);
        if (ev && ev->capmid > 0)
            return;
    } else {
        /* an ordinary word: known in lower case, used in lower case in
         * this document and never capitalised in running text, not a
         * given name, followed by a lower-case word; never in German */
        if (german || w->nchars < 3)
            return;
        /* `“No,” Brown said`: after a comma comes the speaker */
        if (before == ',')
            return;
        if (mtl_spell(c->ck, c->lang, lw, ln) != 1)
            return;
        if (mtl_lexicon_has(mtl_lang_lexicon_all(c->lang, "given-names"), ws,
                            w->len))
            return;
        if (q + 2 >= doc->ntoks)
            return;
        const mtl_token *n2 = &doc->toks[q + 2];
        if (n2->kind != MTL_TOK_WORD || n2->casing != MTL_CASE_LOWER ||
            (n2->flags & MTL_TF_NEWLINE_BEFORE))
            return;
        ev = mtl_q_evidence(c, w);
        /* a word the document never writes in lower case elsewhere only
         * after a short lower-case term (`a «moderately tight» Monetary
         * policy`): a quoted word before a capitalised one is otherwise
         * often a name's (`the “Yes” Campaign said`) */
        if (ev && ev->capmid > 0)
            return;
        if (!ev || ev->lower == 0) {
            /* ... and before a content word: a name is followed by its
             * verb, most often an auxiliary or a verb of saying (`«
             * crise » Macron a répondu`, `“crisis” Smith said`), the
             * noun of a quoted adjective by more words (`Monetary
             * policy`) */
            if (!mtl_q_lower_term(doc, oq, q) || n2->nchars < 3 ||
                n2->len > MTL_Q_WORD_MAX ||
                mtl_q_is_function(c->lang, mtl_tok_text(doc, n2), n2->len) ||
                mtl_q_is_speech(c, q + 2))
                return;
        }
    }
    size_t start = t->start, end = w->start + w->len;
    size_t pre = w->start - start;
    char sugg[MTL_Q_WORD_MAX * 2 + 16];
    if (pre + ln >= sizeof sugg)
        return;
    memcpy(sugg, doc->text + start, pre);
    /* lower-case only the first letter: `For` -> `for` */
    size_t i = 0;
    int32_t cp = mtl_utf8_next(ws, w->len, &i);
    size_t o = pre + mtl_utf8_encode((uint32_t)u_tolower(cp), sugg + pre);
    memcpy(sugg + o, ws + i, w->len - i);
    sugg[o + w->len - i] = '\0';
    mtl_flags_addf(c->out, MTL_RULE_QUOTE_CASE, start, end, sugg,
                   "“%.*s” capitalised after a closing quote in mid-sentence",
                   (int)w->len, ws);
}

/* The comma at token @p k before a verb of saying may close an
 * apposition that starts the attribution (", the union's chairman, Park
 * Ji-hoon, said"): an earlier comma after the opening mark at @p q,
 * followed by an article, with at most eight words up to @p k, a
 * capitalised one among them (the speaker's name), and no conjunction,
 * auxiliary or pronoun (", the market is intact, she said" is the
 * quotation's own clause), takes its place. */
static size_t
mtl_q_apposition(const mtl_q_ctx *c, size_t q, size_t k)
{
    const mtl_doc *doc = c->doc;
    const mtl_lexicon *fw = mtl_lang_lexicon(c->lang, "function-words");
    size_t words = 0;
    bool cap = false;
    for (size_t j = k - 1; j > q + 1 && words <= 8; j--) {
        const mtl_token *t = &doc->toks[j];
        if (t->kind == MTL_TOK_WORD || t->kind == MTL_TOK_NUMBER) {
            const char *ts = doc->text + t->start;
            if (t->casing == MTL_CASE_LOWER &&
                (mtl_lexicon_in_section(fw, ts, t->len, "conjunction") ||
                 mtl_lexicon_in_section(fw, ts, t->len, "auxiliary") ||
                 mtl_lexicon_in_section(fw, ts, t->len, "pronoun")))
                return k;
            cap |= (t->flags & MTL_TF_UPPER_START) != 0;
            words++;
            continue;
        }
        if (t->kind != MTL_TOK_PUNCT)
            continue;
        uint32_t cp = mtl_tok_first_cp(doc, t);
        if (cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':')
            return k;
        if (cp != ',' || !mtl_tok_glued_prev(doc, j))
            continue;
        const mtl_token *a = &doc->toks[j + 1];
        if (cap && a->kind == MTL_TOK_WORD && a->casing == MTL_CASE_LOWER &&
            a->len <= MTL_Q_WORD_MAX &&
            mtl_q_is_article(c->lang, doc->text + a->start, a->len))
            return j;
    }
    return k;
}

/* The attribution that ends a quotation never closed: the comma, glued
 * to a word, after which a verb of saying comes first or after at most
 * three words of a speaker (", explique Thomas", ", Ocampo told", ", she
 * said", ", the minister said"), none of them a conjunction, on the line
 * of the opening mark at token @p q and before any other quote mark.
 * Returns the comma's token, or 0. */
static size_t
mtl_q_attribution(const mtl_q_ctx *c, size_t q)
{
    const mtl_doc *doc = c->doc;
    size_t line = doc->toks[q].line;
    size_t words = 0;
    for (size_t k = q + 1; k < doc->ntoks && words < 120; k++) {
        const mtl_token *t = &doc->toks[k];
        if (t->line != line)
            return 0;
        if (t->kind == MTL_TOK_WORD || t->kind == MTL_TOK_NUMBER) {
            words++;
            continue;
        }
        if (t->kind != MTL_TOK_PUNCT)
            continue;
        uint32_t cp = mtl_tok_first_cp(doc, t);
        if (mtl_q_kind((int32_t)cp) == 2)
            return 0;
        if (cp != ',' || words < 2 || !mtl_tok_glued_prev(doc, k))
            continue;
        /* the speaker's words, then the verb */
        for (size_t v = k + 1, n = 0; v < doc->ntoks && n <= 3; v++, n++) {
            const mtl_token *w = &doc->toks[v];
            if (w->line != line || w->kind != MTL_TOK_WORD)
                break;
            if (mtl_q_is_speech(c, v))
                return mtl_q_apposition(c, q, k);
            const char *ws = doc->text + w->start;
            if (n == 0 && w->casing == MTL_CASE_LOWER &&
                mtl_lexicon_in_section(mtl_lang_lexicon(c->lang,
                                                        "function-words"),
                                       ws, w->len, "conjunction"))
                break;
        }
    }
    return 0;
}

/* unbalanced: flags the opening quote at token @p q.  Where an
 * attribution shows where the quotation ends (mtl_q_attribution), the
 * flag spans the quotation up to it and the suggestion closes it there
 * (English puts the comma inside the marks); otherwise it spans the mark
 * and the rest of its sentence (the mark and three words when that is
 * over 400 bytes). */
static void
mtl_q_flag_unbalanced(mtl_q_ctx *c, size_t q)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = &doc->toks[q];
    size_t comma = mtl_q_attribution(c, q);
    if (comma) {
        const mtl_token *k = &doc->toks[comma];
        int32_t open = (int32_t)mtl_tok_first_cp(doc, t);
        const char *close;
        switch (open) {
        case 0x201C: close = "\xE2\x80\x9D"; break; /* “ ” */
        case 0x201E: close = "\xE2\x80\x9C"; break; /* „ “ */
        case 0x00AB: close = "\xC2\xBB"; break;     /* « » */
        case 0x00BB: close = "\xC2\xAB"; break;     /* » « */
        case 0x300C: close = "\xE3\x80\x8D"; break; /* 「 」 */
        default: close = "\""; break;
        }
        /* « with a space inside closes with the same space before » */
        char space[4] = "";
        size_t sl = 0;
        if (open == 0x00AB && q + 1 < doc->ntoks) {
            size_t a = t->start + t->len, b = doc->toks[q + 1].start;
            if (b > a && b - a < sizeof space) {
                memcpy(space, doc->text + a, b - a);
                sl = b - a;
            }
        }
        bool en = strcmp(mtl_lang_primary(c->lang), "en") == 0;
        mtl_strbuf sb;
        mtl_strbuf_init(&sb);
        mtl_strbuf_put(&sb, doc->text + t->start, k->start - t->start);
        if (en)
            mtl_strbuf_putc(&sb, ',');
        mtl_strbuf_put(&sb, space, sl);
        mtl_strbuf_put(&sb, close, strlen(close));
        if (!en)
            mtl_strbuf_putc(&sb, ',');
        mtl_strbuf_putc(&sb, '\0');
        mtl_flags_add(c->out, MTL_RULE_QUOTE_UNBALANCED, t->start,
                      k->start + k->len,
                      "opening quote never closed: the quotation ends "
                      "before the attribution that follows",
                      sb.data);
        mtl_strbuf_free(&sb);
        return;
    }
    /* the quotation's first sentence, when it is not long; otherwise
     * the mark and three words */
    size_t end = t->start + t->len;
    const mtl_span *sp = t->sent < doc->nsents ? &doc->sents[t->sent] : NULL;
    if (sp && sp->end > end && sp->end - t->start <= 400) {
        end = sp->end;
    } else {
        int words = 0;
        for (size_t k = q + 1; k < doc->ntoks && words < 3; k++) {
            const mtl_token *n = &doc->toks[k];
            if (n->line != t->line ||
                (n->kind != MTL_TOK_WORD && n->kind != MTL_TOK_NUMBER))
                break;
            end = n->start + n->len;
            words++;
        }
    }
    mtl_flags_add(c->out, MTL_RULE_QUOTE_UNBALANCED, t->start, end,
                  "opening quote never closed before the end of the "
                  "paragraph", NULL);
}

/* unbalanced, mixed pair: the straight quote at token @p q closes the
 * opening mark @p open at token @p oq, and pairs with no other straight
 * quote of the paragraph (the caller's parity test).  « », „ and German
 * » « are judged always.  A straight closer after an English “ is common
 * keyboard mixing after punctuation (`spring," the engineer said`,
 * `next year?"`), where the tools that curl quotes as one types go wrong
 * most; but glued to a letter, where every such tool curls it, and in the
 * sentence of its opener (`along the “Belt and Road" accounted`), it is
 * a quotation pieced together from two sources, or a closing mark an
 * engine rewrote. */
static void
mtl_q_check_mixed(mtl_q_ctx *c, size_t q, size_t oq, int32_t open)
{
    const char *want;
    switch (open) {
    case 0x00AB: want = "»"; break;
    case 0x00BB: want = "«"; break;
    case 0x201E: want = "“"; break;
    case 0x201C: {
        const mtl_doc *doc = c->doc;
        int32_t pb = mtl_q_cp_before(doc, doc->toks[q].start);
        if (pb < 0 || !u_isalpha(pb) ||
            doc->toks[oq].sent != doc->toks[q].sent)
            return;
        want = "”";
        break;
    }
    default: return;
    }
    const mtl_token *t = &c->doc->toks[q];
    char o[8];
    size_t ol = mtl_utf8_encode((uint32_t)open, o);
    mtl_flags_addf(c->out, MTL_RULE_QUOTE_UNBALANCED, t->start,
                   t->start + t->len, want,
                   "quotation opened with %.*s and closed with a straight "
                   "\": %s expected",
                   (int)ol, o, want);
}

/* unbalanced, mixed styles: `"It is a 'substantial benefit” for people
 * who cannot inject," said`.  The curly ” at token @p q would close the
 * straight " at token @p oq, but that one pairs with a later straight
 * quote (the caller's parity test); between them, a straight ' opens a
 * word (after a space or a bracket, before a letter: no apostrophe of
 * don't, '90s or the Smiths') and no straight ' closes it after a letter.
 * The ” closes that inner quotation: flagged from the ' to the ”, the
 * suggestion closing it with a '.  True if flagged (the ” then closes
 * nothing else). */
static bool
mtl_q_check_single_open(mtl_q_ctx *c, size_t oq, size_t q)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *o = &doc->toks[oq], *t = &doc->toks[q];
    size_t a = o->start + o->len, b = t->start;
    if (b <= a || b - a > 1000)
        return false;
    int32_t pb = mtl_q_cp_before(doc, b);
    if (pb < 0 || !u_isalpha(pb))
        return false;
    size_t open = SIZE_MAX;
    for (size_t k = a; k < b; k++) {
        if (doc->text[k] != '\'')
            continue;
        int32_t l = k > 0 ? mtl_q_cp_before(doc, k) : -1;
        int32_t r = mtl_q_cp_at(doc, k + 1);
        bool lw = l >= 0 && u_isalnum(l), rw = r >= 0 && u_isalpha(r);
        if (!lw && rw && (k == a || mtl_q_space(l) || l == '('))
            open = k; /* `'substantial` */
        else if (lw && !(r >= 0 && u_isalnum(r)))
            open = SIZE_MAX; /* `benefit'` closes it, or `Smiths'` */
    }
    if (open == SIZE_MAX || b + t->len - open > 200)
        return false;
    char sugg[256];
    size_t n = b - open;
    memcpy(sugg, doc->text + open, n);
    sugg[n] = '\'';
    sugg[n + 1] = '\0';
    mtl_flags_add(c->out, MTL_RULE_QUOTE_UNBALANCED, open, b + t->len,
                  "quotation opened with a straight ' and closed with ”",
                  sugg);
    return true;
}

/* unbalanced, mixed styles: the mark @p close at token @p q closes the
 * opening mark @p open of another typography (`“…»`, `"…»`, `«…”`,
 * `„…»`, `"…“`, `»…“`). */
static void
mtl_q_check_styles(mtl_q_ctx *c, size_t q, size_t oq, int32_t open,
                   int32_t close, size_t straight)
{
    const char *want;
    bool guillemet = close == 0x00BB || close == 0x00AB;
    if ((open == 0x201C || open == '"') && guillemet)
        want = open == '"' ? "\"" : "”";
    else if (open == 0x00AB && (close == 0x201D || close == 0x201C))
        want = "»";
    else if (open == 0x00BB && (close == 0x201D || close == 0x201C))
        want = "«"; /* German `»Ich freue mich …“` */
    else if (open == 0x201E && guillemet)
        want = "“"; /* `„Stück über Kälte»` */
    else if (open == '"' && (close == 0x201D || close == 0x201C) &&
             straight % 2 != 0 &&
             ((c->doc->toks[oq].sent == c->doc->toks[q].sent &&
               u_isalpha(mtl_q_cp_before(c->doc, c->doc->toks[q].start))) ||
              (close == 0x201D && c->doc_curly == 1 &&
               c->doc_straight >= 3)))
        /* `"Há quem tenha deixado as uvas na videira”, disse`: the
         * straight mark pairs with no other straight one of the
         * paragraph (an even count is `"a 'b” c"`, above).  As for “
         * closed by " (mtl_q_check_mixed), a ” after punctuation
         * (`look,” said`) is keyboard mixing; glued to a letter, in the
         * sentence of its opener, it is a pieced-together quotation.
         * So is the one curly mark of a document that writes every
         * other quotation in straight marks (`"We are exhausted,” said`):
         * no keyboard mixing curls one mark of many */
        want = "\"";
    else
        return;
    const mtl_token *t = &c->doc->toks[q];
    char o[8], k[8];
    size_t ol = mtl_utf8_encode((uint32_t)open, o);
    size_t kl = mtl_utf8_encode((uint32_t)close, k);
    mtl_flags_addf(c->out, MTL_RULE_QUOTE_UNBALANCED, t->start,
                   t->start + t->len, want,
                   "quotation opened with %.*s and closed with %.*s: %s "
                   "expected",
                   (int)ol, o, (int)kl, k, want);
}

/* unbalanced, doubled: the closing mark @p cp at token @p q repeats the
 * one glued before it. */
static void
mtl_q_flag_doubled(mtl_q_ctx *c, size_t q, int32_t cp)
{
    const mtl_token *p = &c->doc->toks[q - 1], *t = &c->doc->toks[q];
    char m[8];
    size_t ml = mtl_utf8_encode((uint32_t)cp, m);
    m[ml] = '\0';
    mtl_flags_addf(c->out, MTL_RULE_QUOTE_UNBALANCED, p->start,
                   t->start + t->len, m, "closing quote %s written twice", m);
}

/* A straight quote at token @p i whose role its neighbours leave open:
 *  - glued to a sentence or clause mark before and to a capitalised word
 *    after (`anymore,"It is`): a space is missing whichever quote it is;
 *  - written twice (`player.""` at a line's end, `""We` at a word's
 *    start): flagged at the first of the two, the pair's other sides
 *    being a letter or mark and a space (never `= "";`). */
static void
mtl_q_check_straight(mtl_q_ctx *c, size_t i)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = &doc->toks[i];
    if (i == 0 || i + 1 >= doc->ntoks)
        return;
    const mtl_token *n = &doc->toks[i + 1];
    bool glued_before = mtl_tok_glued_prev(doc, i);
    bool glued_after = mtl_tok_glued_prev(doc, i + 1);
    int32_t b = mtl_q_cp_before(doc, t->start);
    if (glued_before && glued_after && n->kind == MTL_TOK_WORD &&
        (b == ',' || b == '.' || b == ';' || b == '!' || b == '?') &&
        (n->flags & MTL_TF_UPPER_START) && !(n->flags & MTL_TF_DIGIT) &&
        n->len <= MTL_Q_WORD_MAX) {
        char sugg[MTL_Q_WORD_MAX + 4];
        sugg[0] = '"';
        sugg[1] = ' ';
        memcpy(sugg + 2, doc->text + n->start, n->len);
        sugg[2 + n->len] = '\0';
        mtl_flags_addf(c->out, MTL_RULE_QUOTE_GLUED, t->start,
                       n->start + n->len, sugg,
                       "no space between a quote mark and “%.*s”",
                       (int)n->len, doc->text + n->start);
        return;
    }
    if (!glued_after || !mtl_tok_is_char(doc, n, '"'))
        return;
    /* the pair's outer sides */
    bool left_text = glued_before && b >= 0 &&
                     (u_isalnum(b) || b == '.' || b == ',' || b == '!' ||
                      b == '?');
    bool left_space = !glued_before;
    bool right_space = i + 2 >= doc->ntoks || !mtl_tok_glued_prev(doc, i + 2);
    bool right_word = !right_space && doc->toks[i + 2].kind == MTL_TOK_WORD &&
                      u_isalpha(mtl_tok_first_cp(doc, &doc->toks[i + 2]));
    if (left_text && right_word && (b == ',' || b == '.' || b == '!' ||
                                    b == '?')) {
        /* `they wait too long,""We now have`: one quotation's closing
         * mark and the next one's opening mark run together, the space
         * (and the attribution) between them lost */
        mtl_flags_add(c->out, MTL_RULE_QUOTE_UNBALANCED, t->start,
                      n->start + n->len,
                      "a closing and an opening quote run together",
                      "\" \"");
        return;
    }
    if (!((left_text && right_space) || (left_space && right_word)))
        return;
    mtl_flags_add(c->out, MTL_RULE_QUOTE_UNBALANCED, t->start,
                  n->start + n->len, "quote mark written twice", "\"");
}

/* The words of the sentence of token @p i before it; 0 when a quote
 * mark stands among them (a mark glued to a word may have been read the
 * wrong way round: "Farsetti.«I numeri ... successivi»"). */
static size_t
mtl_q_sentence_words(const mtl_doc *doc, size_t i)
{
    uint32_t sent = doc->toks[i].sent;
    size_t words = 0, k = i, floor = i > 64 ? i - 64 : 0;
    /* and the mark glued before its first word, which the sentence
     * before may hold ("Farsetti.«I") */
    /* (64 tokens back at most: enough words, and a bound) */
    for (; k-- > floor && (doc->toks[k].sent == sent ||
                       (mtl_tok_glued_prev(doc, k + 1) &&
                        doc->toks[k].kind == MTL_TOK_PUNCT));) {
        const mtl_token *t = &doc->toks[k];
        if (t->kind == MTL_TOK_PUNCT &&
            mtl_q_kind((int32_t)mtl_tok_first_cp(doc, t)) != 0)
            return 0;
        if (t->sent != sent)
            break;
        words += t->kind == MTL_TOK_WORD;
    }
    return words;
}

/* True if the double mark at token @p i, the only one of its paragraph
 * (which starts at token @p first), closes a sentence of the paragraph's
 * text: glued after a letter or the sentence's own . ! ?, followed by
 * . ! ? or the end of the paragraph, with six words or more before it
 * in the paragraph.  Not after a digit (27" is inches). */
static bool
mtl_q_lone_close(const mtl_q_ctx *c, size_t i, size_t first)
{
    const mtl_doc *doc = c->doc;
    const mtl_token *t = &doc->toks[i];
    /* French sets » apart from its word by a space ("décisives »") */
    bool spaced = mtl_tok_first_cp(doc, t) == 0x00BB &&
                  !mtl_tok_glued_prev(doc, i);
    if (i <= first || (!mtl_tok_glued_prev(doc, i) && !spaced) ||
        t->sent >= doc->nsents)
        return false;
    int32_t b = spaced ? mtl_q_cp_before_spaces(doc, t->start)
                       : mtl_q_cp_before(doc, t->start);
    /* and then a full stop glued after it: a menu's arrow ends a line
     * ("Torneio de Palpites »") */
    if (spaced && !(i + 1 < doc->ntoks && mtl_tok_glued_prev(doc, i + 1) &&
                    (mtl_tok_is_char(doc, &doc->toks[i + 1], '.') ||
                     mtl_tok_is_char(doc, &doc->toks[i + 1], '!') ||
                     mtl_tok_is_char(doc, &doc->toks[i + 1], '?'))))
        return false;
    if (b < 0 || !(u_isalpha(b) || b == '.' || b == '!' || b == '?'))
        return false;
    if (i + 1 < doc->ntoks && doc->toks[i + 1].para == t->para) {
        const mtl_token *n = &doc->toks[i + 1];
        if (!mtl_tok_glued_prev(doc, i + 1) ||
            !(mtl_tok_is_char(doc, n, '.') || mtl_tok_is_char(doc, n, '!') ||
              mtl_tok_is_char(doc, n, '?')))
            return false;
        if (b == '.' || b == '!' || b == '?')
            return false;
    }
    size_t words = 0;
    for (size_t k = first; k < i && words < 6; k++)
        if (doc->toks[k].kind == MTL_TOK_WORD)
            words++;
    return words >= 6;
}

/* Whether paragraph @p p holds a quotation mark in mojibake before byte
 * @p to: UTF-8 read as Windows-1252 ("â€ž", "â€œ" of „ and “; "Â«" of
 * «).  The paragraph is searched once. */
static bool
mtl_q_garbled_open(mtl_q_ctx *c, size_t p, size_t to)
{
    if (c->garbled_para != p) {
        static const char *const marks[] = {"\xC3\xA2\xE2\x82\xAC",
                                            "\xC3\x82\xC2\xAB"};
        const mtl_span *sp = &c->doc->paras[p];
        c->garbled_para = p;
        c->garbled_at = SIZE_MAX;
        for (size_t k = 0; k < 2; k++) {
            const char *m = memmem(c->doc->text + sp->start,
                                   sp->end - sp->start, marks[k],
                                   strlen(marks[k]));
            if (m && (size_t)(m - c->doc->text) < c->garbled_at)
                c->garbled_at = (size_t)(m - c->doc->text);
        }
    }
    return c->garbled_at < to;
}

/* True if the closing mark at token @p i, glued to the word before it,
 * follows a quotation already closed, a comma and a clause of saying of
 * one to four words (`gradual», afirmó».`, `», a-t-il dit».`): the
 * mark closes nothing.  Tokens of paragraph [@p first, i). */
static bool
mtl_q_after_said(const mtl_q_ctx *c, size_t i, size_t first)
{
    const mtl_doc *doc = c->doc;
    size_t words = 0;
    bool said = false;
    size_t k = i;
    /* (twelve tokens back at most: four words and what joins them) */
    while (k-- > first && i - k <= 12) {
        const mtl_token *t = &doc->toks[k];
        if (t->kind == MTL_TOK_WORD) {
            if (++words > 4)
                return false;
            said |= mtl_q_is_speech(c, k);
            continue;
        }
        if (mtl_tok_is_char(doc, t, '-') || mtl_tok_is_char(doc, t, '\''))
            continue;
        break;
    }
    if (!said || k <= first || k == (size_t)-1 ||
        !mtl_tok_is_char(doc, &doc->toks[k], ','))
        return false;
    const mtl_token *q = &doc->toks[k - 1];
    int32_t qc = mtl_tok_first_cp(doc, q);
    return mtl_tok_glued_prev(doc, k) && q->kind == MTL_TOK_PUNCT &&
           (qc == 0x00BB || qc == 0x201D || qc == '"');
}

/* True if the straight " at token @p t is the second mark of a time or a
 * length, `1'05"` (a minute and five seconds, in cycling and skiing
 * results) or `5'10"` (feet and inches): one or two digits, a ' (or ’ or
 * ′) after a digit, then the mark.  No quote: it neither opens nor closes
 * one, nor counts among the paragraph's straight quotes. */
static bool
mtl_q_unit_mark(const mtl_doc *doc, const mtl_token *t)
{
    size_t k = t->start, nd = 0;
    while (k > 0 && nd < 3 && mtl_is_digit((unsigned char)doc->text[k - 1])) {
        k--;
        nd++;
    }
    if (nd == 0 || nd > 2 || k == 0)
        return false;
    int32_t p = mtl_q_cp_before(doc, k);
    if (p != '\'' && p != 0x2019 && p != 0x2032)
        return false;
    size_t j = k;
    mtl_utf8_prev(doc->text, &j);
    return j > 0 && mtl_is_digit((unsigned char)doc->text[j - 1]);
}

/* The first byte of u[i, n) that a quote mark of mtl_q_kind starts with,
 * or n: '"', 0xC2 (« ») or 0xE2 (the others).  Sixteen bytes at a time
 * with SSE2: most text has few. */
static size_t
mtl_q_next_lead(const unsigned char *u, size_t i, size_t n)
{
#ifdef __SSE2__
    const __m128i dq = _mm_set1_epi8('"'), c2 = _mm_set1_epi8((char)0xC2),
                  e2 = _mm_set1_epi8((char)0xE2);
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i m = _mm_or_si128(
            _mm_cmpeq_epi8(v, dq),
            _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2)));
        unsigned hit = (unsigned)_mm_movemask_epi8(m);
        if (hit)
            return i + (size_t)__builtin_ctz(hit);
    }
#endif
    while (i < n && u[i] != '"' && u[i] != 0xC2 && u[i] != 0xE2)
        i++;
    return i;
}

/* The first token from @p k on that does not start before @p off (ntoks
 * if none): by steps that double, then halves, so that a document's
 * marks cost O(log) each and never a walk of all its tokens. */
static size_t
mtl_q_token_from(const mtl_doc *doc, size_t k, size_t off)
{
    const mtl_token *tk = doc->toks;
    size_t n = doc->ntoks;
    if (k >= n || tk[k].start >= off)
        return k;
    size_t lo = k, hi = k + 1, step = 1;
    while (hi < n && tk[hi].start < off) {
        lo = hi;
        step *= 2;
        hi = n - lo > step ? lo + step : n;
    }
    /* tk[lo] starts before off; tk[hi] does not, or hi == n */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (tk[mid].start < off)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

/* ------------------------------------------------------------ the run */

static void
mtl_quotes_run(const void *state, mtl_checker *ck, const mtl_doc *doc,
               const mtl_batch *batch, mtl_flags *out)
{
    (void)state;
    (void)batch;
    if (doc->ntoks == 0)
        return;
    mtl_q_ctx c = {.doc = doc, .lang = doc->res, .ck = ck, .out = out,
                   .headline_line = -1, .garbled_para = SIZE_MAX};
    const char *primary = mtl_lang_primary(doc->res);
    bool german = primary && strcmp(primary, "de") == 0;

    /* the quote marks, in one pass: the rest looks at them only, and the
     * stacks need no more room than their number.  A mark's token starts
     * with one of the bytes mtl_q_next_lead finds, which are rarer than
     * tokens: the tokens at those bytes only are looked at. */
    mtl_q_mark *marks = mtl_checker_scratch(ck, MTL_Q_SLOT_MARKS,
                                            doc->ntoks * sizeof *marks);
    size_t nq = 0;
    const unsigned char *u = (const unsigned char *)doc->text;
    size_t ti = 0;
    for (size_t off = mtl_q_next_lead(u, 0, doc->len); off < doc->len;
         off = mtl_q_next_lead(u, off + 1, doc->len)) {
        ti = mtl_q_token_from(doc, ti, off);
        /* an empty token there would hide the mark's */
        while (ti < doc->ntoks && doc->toks[ti].start == off &&
               doc->toks[ti].len == 0)
            ti++;
        if (ti >= doc->ntoks)
            break;
        if (doc->toks[ti].start != off)
            continue;
        const mtl_token *t = &doc->toks[ti];
        if (t->kind != MTL_TOK_PUNCT || t->nchars != 1)
            continue;
        unsigned char b = (unsigned char)doc->text[t->start];
        int32_t cp = b < 0x80 ? b : (int32_t)mtl_tok_first_cp(doc, t);
        if (!mtl_q_kind(cp) || (cp == '"' && mtl_q_unit_mark(doc, t)))
            continue;
        marks[nq].tok = (uint32_t)ti;
        marks[nq].cp = cp;
        nq++;
        if (cp == '"')
            c.doc_straight++;
        else if (cp == 0x201C || cp == 0x201D || cp == 0x201E)
            c.doc_curly++;
    }
    if (nq == 0)
        return;
    mtl_q_open *stack =
        mtl_checker_scratch(ck, MTL_Q_SLOT_STACK, nq * sizeof *stack);
    uint32_t *pend = mtl_checker_scratch(ck, MTL_Q_SLOT_PEND,
                                         nq * sizeof *pend);
    size_t sp = 0, npend = 0;
    bool pend_resolved = true; /* pending opens of the previous paragraph */

    size_t q0 = 0; /* the first mark not before this paragraph */
    size_t open_para = SIZE_MAX; /* the last paragraph left a quote open */
    for (size_t p = 0; p < doc->nparas; p++) {
        const mtl_span *para = &doc->paras[p];
        if (para->tok_count == 0)
            continue;
        size_t first = para->tok_first, lim = first + para->tok_count;
        while (q0 < nq && marks[q0].tok < first)
            q0++;
        size_t q1 = q0; /* past the paragraph's last mark */
        size_t straight = 0;
        int32_t dtop = -1;
        sp = 0;
        /* a quotation of the paragraph before left open may close here;
         * the double marks of this paragraph seen so far */
        bool carried = !pend_resolved && npend > 0;
        size_t ndbl = 0;
        /* straight quotes of this paragraph, for the parity test, and its
         * double marks */
        size_t ndouble = 0;
        for (; q1 < nq && marks[q1].tok < lim; q1++) {
            if (marks[q1].cp == '"')
                straight++;
            if (mtl_q_kind(marks[q1].cp) != 1)
                ndouble++;
        }
        for (size_t q = q0; q < q1; q++) {
            size_t i = marks[q].tok;
            const mtl_token *t = &doc->toks[i];
            int32_t cp = marks[q].cp;
            int kind = mtl_q_kind(cp);
            bool single = kind == 1;
            /* is a quote of this width open?  (O(1): dtop links the
             * doubles of the stack) */
            bool pending;
            int32_t top = 0;
            if (single) {
                pending = sp > 0 && stack[sp - 1].single;
                if (pending)
                    top = stack[sp - 1].cp;
            } else {
                pending = dtop >= 0;
                if (pending)
                    top = stack[dtop].cp;
            }
            /* `disappeared,”” said`: a closing mark written twice, with
             * no quotation left open that the second could close */
            if (!single && !pending && cp != '"' && q > q0 &&
                marks[q - 1].cp == cp && marks[q - 1].tok + 1 == i &&
                mtl_tok_glued_prev(doc, i) &&
                (cp == 0x201D || cp == 0x201C || cp == 0x00BB)) {
                mtl_q_flag_doubled(&c, i, cp);
                continue;
            }
            /* `fed a crowd”.”`: closed, the sentence ended, and closed
             * again, glued, with nothing open */
            if (!single && !pending && cp != '"' && q > q0 &&
                marks[q - 1].cp == cp && marks[q - 1].tok + 2 == i &&
                mtl_tok_glued_prev(doc, i) &&
                mtl_tok_glued_prev(doc, i - 1) &&
                (mtl_tok_is_char(doc, &doc->toks[i - 1], '.') ||
                 mtl_tok_is_char(doc, &doc->toks[i - 1], ',')) &&
                (cp == 0x201D || cp == 0x00BB) &&
                mtl_q_space(mtl_q_cp_at(doc, t->start + t->len))) {
                const mtl_token *p0 = &doc->toks[marks[q - 1].tok];
                char m[8], sg[16];
                size_t ml = mtl_utf8_encode((uint32_t)cp, m);
                memcpy(sg, m, ml);
                sg[ml] = doc->text[doc->toks[i - 1].start];
                sg[ml + 1] = '\0';
                m[ml] = '\0';
                mtl_flags_addf(c.out, MTL_RULE_QUOTE_UNBALANCED, p0->start,
                               t->start + t->len, sg,
                               "closing quote %s written twice", m);
                continue;
            }
            if (cp == '"')
                mtl_q_check_straight(&c, i);
            int role = mtl_q_role(doc, t, cp, pending, top);
            if (role == MTL_Q_NONE)
                continue;
            if (!single) {
                ndbl++;
                /* the first double mark of a paragraph decides the
                 * previous paragraph's open quotes */
                if (!pend_resolved) {
                    bool cont = role == MTL_Q_CLOSE || i == first;
                    if (!cont)
                        for (size_t k = 0; k < npend; k++)
                            mtl_q_flag_unbalanced(&c, pend[k]);
                    npend = 0;
                    pend_resolved = true;
                }
            }
            if (role == MTL_Q_OPEN) {
                /* a line opening with a quote while one is open: the
                 * quotation continues over lines */
                if (!single && (t->flags & MTL_TF_LINE_START)) {
                    sp = 0;
                    dtop = -1;
                }
                stack[sp].tok = (uint32_t)i;
                stack[sp].below = dtop;
                stack[sp].single = single;
                stack[sp].straight = cp == '"';
                stack[sp].cp = cp;
                if (!single)
                    dtop = (int32_t)sp;
                sp++;
                continue;
            }
            /* closing */
            if (single) {
                if (sp > 0 && stack[sp - 1].single)
                    sp--;
                continue;
            }
            if (cp == 0x201D && dtop >= 0 && stack[dtop].cp == '"' &&
                straight % 2 == 0 &&
                mtl_q_check_single_open(&c, stack[dtop].tok, i))
                continue;
            bool matched = dtop >= 0;
            if (matched) {
                sp = (size_t)dtop;
                dtop = stack[sp].below;
                /* `«No vamos a ceder"`: a language's own opening mark
                 * closed by a straight one that pairs with no other */
                int32_t pb = mtl_q_cp_before(doc, t->start);
                if (cp == '"' && straight % 2 != 0 &&
                    !(pb >= 0 && u_isdigit(pb))) /* 27" (inches) */
                    mtl_q_check_mixed(&c, i, stack[sp].tok, stack[sp].cp);
                else if (cp != '"')
                    mtl_q_check_styles(&c, i, stack[sp].tok, stack[sp].cp, cp,
                                       straight);
            }
            int32_t before = mtl_q_cp_before(doc, t->start);
            /* German closes with “ and puts the comma after it:
             * `handlungsfähig“, sagte`; not in the document's first
             * paragraph (an extract that starts inside a quotation) */
            bool de_close = cp == 0x201C && german && ndbl == 1 &&
                            !matched && !carried && i > first && first > 0 &&
                            before >= 0 && u_isalpha(before) &&
                            i + 2 < doc->ntoks &&
                            mtl_tok_glued_prev(doc, i + 1) &&
                            mtl_tok_is_char(doc, &doc->toks[i + 1], ',') &&
                            !mtl_tok_glued_prev(doc, i + 2) &&
                            mtl_q_is_speech(&c, i + 2);
            if (!matched && !carried && mtl_q_garbled_open(&c, p, t->start)) {
                /* `â€žDas ganze Dorf hilft“, sagte er`: the opening mark
                 * is there, in mojibake, which the encoding detector
                 * flags; nothing was lost */
            } else if (de_close ||
                (!matched && !carried && ndbl == 1 && i > first &&
                 (before == ',' || before == '?' || before == '!') &&
                 (cp == 0x201D || cp == 0x00BB ||
                  (cp == '"' && straight % 2 != 0)) &&
                 i + 1 < doc->ntoks && !mtl_tok_glued_prev(doc, i + 1) &&
                 mtl_q_is_speech(&c, i + 1))) {
                /* `Our members cannot survive on it," said the union's
                 * secretary`: the paragraph's first quote mark closes a
                 * quotation before a verb of saying, and none was open,
                 * here or in the paragraph before: its opening mark was
                 * lost */
                const mtl_token *v = &doc->toks[de_close ? i + 2 : i + 1];
                mtl_flags_add(c.out, MTL_RULE_QUOTE_UNBALANCED, t->start,
                              v->start + v->len,
                              "closing quote without an opening one: the "
                              "quotation's opening mark was lost",
                              NULL);
            } else if (!matched && !carried && i > first + 3 &&
                       mtl_tok_glued_prev(doc, i) &&
                       (cp == 0x00BB ? !german : cp == 0x201D) &&
                       mtl_q_after_said(&c, i, first)) {
                /* `lo haremos de forma gradual», afirmó».`: a second
                 * closing mark after the clause of saying */
                const mtl_token *w = &doc->toks[i - 1];
                mtl_flags_add(c.out, MTL_RULE_QUOTE_UNBALANCED, w->start,
                              t->start + t->len,
                              "closing quote without an opening one: the "
                              "quotation closed before the verb of saying",
                              NULL);
            } else if (!matched && !carried && cp == 0x00BB && !german &&
                       before == ',' && i > first &&
                       mtl_tok_glued_prev(doc, i) && i + 1 < doc->ntoks &&
                       doc->toks[i + 1].para == t->para &&
                       !mtl_tok_glued_prev(doc, i + 1) &&
                       doc->toks[i + 1].kind == MTL_TOK_WORD &&
                       doc->toks[i + 1].casing == MTL_CASE_LOWER) {
                /* `a assuré le ministère,» mais le niveau`: a closing
                 * guillemet glued to a comma, the sentence going on in
                 * lower case, and no quotation open */
                const mtl_token *w = i >= 2 ? &doc->toks[i - 2] : t;
                mtl_flags_add(c.out, MTL_RULE_QUOTE_UNBALANCED,
                              w->kind == MTL_TOK_WORD ? w->start : t->start,
                              t->start + t->len,
                              "closing quote without an opening one: the "
                              "quotation's opening mark was lost",
                              NULL);
            } else if (!matched && !carried &&
                       /* the paragraph's only double mark; or a curly
                        * or French closing mark, the quotations before it
                        * closed, before the full stop of a sentence of six
                        * words or more and no other quote mark ("…
                        * seront décisives »." after a quotation closed
                        * earlier; not a menu's arrow, "Palpites »") */
                       (ndouble == 1 ||
                        ((cp == 0x00BB || cp == 0x201D) &&
                         i + 1 < doc->ntoks &&
                         mtl_tok_glued_prev(doc, i + 1) &&
                         (mtl_tok_is_char(doc, &doc->toks[i + 1], '.') ||
                          mtl_tok_is_char(doc, &doc->toks[i + 1], '!') ||
                          mtl_tok_is_char(doc, &doc->toks[i + 1], '?')) &&
                         mtl_q_sentence_words(doc, i) >= 6)) &&
                       (open_para == SIZE_MAX || p > open_para + 3) &&
                       mtl_q_lone_close(&c, i, first)) {
                /* `Le prenotazioni si fanno sul portale regionale o
                 * chiamando il numero verde".`: the paragraph's only
                 * double mark closes a sentence, and no quotation was
                 * left open in the paragraphs before (one running over
                 * paragraphs without reopening marks) */
                const mtl_span *ss = &doc->sents[t->sent];
                mtl_flags_add(c.out, MTL_RULE_QUOTE_UNBALANCED,
                              ss->start < t->start ? ss->start : t->start,
                              t->start + t->len,
                              "closing quote without an opening one in its "
                              "paragraph: the opening mark was lost",
                              NULL);
            }
            bool true_close = matched ||
                              (before >= 0 && mtl_q_clause_punct(before));
            if (cp == '"' && straight % 2 != 0)
                true_close = false;
            if (!true_close)
                continue;
            mtl_q_check_glued(&c, i, before);
            /* `… ” Ninguém`: a space inside the quote after its end */
            mtl_q_check_case(&c, i, matched ? stack[sp].tok : SIZE_MAX,
                             mtl_q_cp_before_spaces(doc, t->start));
        }
        /* end of paragraph: the opening quotes left open */
        if (!pend_resolved) {
            /* the previous paragraph's pendings met no double mark here */
            for (size_t k = 0; k < npend; k++)
                mtl_q_flag_unbalanced(&c, pend[k]);
            npend = 0;
            pend_resolved = true;
        }
        for (size_t s = 0; s < sp; s++) {
            if (stack[s].single)
                continue;
            const mtl_token *o = &doc->toks[stack[s].tok];
            if (stack[s].straight) {
                if (straight % 2 == 0)
                    continue;
                int32_t b = mtl_q_cp_before(doc, o->start);
                if (b >= 0 && u_isdigit(b))
                    continue;
            }
            pend[npend++] = stack[s].tok;
        }
        if (npend > 0) {
            pend_resolved = false;
            open_para = p;
        }
    }
    if (!pend_resolved)
        for (size_t k = 0; k < npend; k++)
            mtl_q_flag_unbalanced(&c, pend[k]);
}

const mtl_detector mtl_detector_quotes = {
    .name = "quotes",
    .category = "quote",
    .description = "capital or letter right after a closing quote in "
                   "mid-sentence, opening quote never closed",
    .run = mtl_quotes_run,
};
