/*
 * spacing.c - the `spacing` detector (category `spacing`): white space lost
 * or added by scraping.
 *
 * Scrapers glue what the page laid out apart: menu items
 * ("PoliticsBusinessSport"), a standfirst and the first sentence
 * ("report.The minister"), a kicker and a date ("Weather2024-04-07"); and
 * removing a link leaves a hole before the punctuation that followed it
 * ("the mayor of Berlin .") or tears a word ("gov ernment"); an edit or
 * a join of lines leaves a word twice ("the the").
 *
 * Rules:
 *   glued-words      a case change inside a token whose parts are all words
 *                    of the document's language (Hunspell), when the token
 *                    is no known CamelCase brand and no name: three
 *                    capitalised ordinary words or more
 *                    ("PoliticsBusinessSport"), or two where the second
 *                    starts a sentence that goes on in lower case
 *                    ("ministerThe minister"; a capitalised first part only
 *                    in German, "ReformDie Opposition", as two-part
 *                    CamelCase is otherwise brands and code: AddThis,
 *                    backButton), or an article of two letters or more
 *                    glued to its word ("theEuropean", "derVolkswagen"; in German a
 *                    preposition that holds its article, "imKino"),
 *                    or an article that starts the next sentence glued
 *                    to an ordinary word ("premioEl Astor", outside
 *                    English "incêndiosA próxima"), or two ordinary
 *                    words, the second a noun of five letters or more,
 *                    between a word and a lower-case word in a document
 *                    with no other identifier-like token ("afternoon
 *                    tradingAnalysts said": two paragraphs joined).
 *                    In English, a capitalised word the dictionary does
 *                    not know that is a name it knows and a function word
 *                    ("Cardiffto face"), or a code of letters and digits
 *                    and a function word ("CRISPR-Cas9to accelerate").
 *                    Without a case change, a lower-case word the
 *                    dictionary does not know that splits in exactly one
 *                    way into a known word and a function word
 *                    ("petitionerwas", "eltercer"), or, in the Romance
 *                    languages, into two known words of five letters or
 *                    more ("consequênciasgraves"); compounds with a
 *                    particle or a prefix ("login", "eurodiputado";
 *                    a preposition of them counts before a number or an
 *                    article it governs: "flightin 2027", "unitunder the"),
 *                    German compounds ("Bundesregierung") and a word the
 *                    document writes twice stay silent; in German only an
 *                    auxiliary or modal verb glued to a known word of
 *                    eight letters or more ("unterschätztwird"), or an
 *                    article to the adjective of a capitalised noun
 *                    ("dieneue Linie"), never a
 *                    separable verb ("zuteilwerden").  In French and
 *                    Italian an elided word glued to its neighbour
 *                    ("l'ensemblede", "fondsd'investissement").
 *   glued-sentence   a full stop between two words with no space, the
 *                    right one capitalised ("report.The", "Grenzen.Am"),
 *                    except URLs, domains, e-mail addresses, abbreviations,
 *                    initials, decimals, times, file names and versions;
 *                    a right word the dictionary does not know (a name)
 *                    only when a lower-case word follows ("court.Belov
 *                    told").
 *                    An elided article on either word is looked through
 *                    ("l'écart.Le", "azienda.L'assemblea"); a right word of
 *                    one letter counts when it is a function word of the
 *                    language after a lower-case known word and before
 *                    another word ("atendimento.A Secretaria", "parque.A
 *                    las"), or, outside English, an article after a name
 *                    ("Barcarena.O governo"), never a grade or an initial
 *                    ("Plan.B").  Outside English a lower-case word that
 *                    only the built-in (English) abbreviation list holds
 *                    ends a sentence before an article that goes on in
 *                    lower case ("do mar.O secretário").  After a year any ordinary word may start
 *                    the next sentence when it goes on in lower case
 *                    ("2026.Growth in"); a German low quote or a Spanish
 *                    inverted mark may open it ("einzusetzen.„Wir"); a
 *                    hyphenated word may end it ("E-Sport-Turnier.Damit");
 *                    a capitalised host-name ending that is a word starts
 *                    it ("yuan.Net profit").
 *   glued-number     an ordinary word glued to a date or a year
 *                    ("Weather2024-04-07"), a preposition glued to a
 *                    number of one to three digits between words ("rose
 *                    by18 per cent"), or a year or date glued to a
 *                    capitalised word ("2024Politics"), or a lower-case
 *                    word glued to a decimal number before a percent sign
 *                    or a lower-case word ("alcanzó4,21 %", "of1.2
 *                    gigawatts"); a count of two or three digits or a
 *                    decimal glued to the ordinary word after it, in
 *                    running text ("costerà 22euro e", "bis zu
 *                    1,6Milliarden Euro"); a percent sign glued to the
 *                    next word ("2.3%in Seoul"); units ("5km"),
 *                    ordinals ("25th"), words written glued to numbers
 *                    ("10fold", "40enne"), codes ("APT31") and models
 *                    ("Formula1") stay silent.
 *   glued-comma      a comma glued on both sides to lower-case words of the
 *                    language, in running text ("mundo,terminará",
 *                    "disso,os"); numbers, lists ("rojo,verde,azul"),
 *                    single letters, code, addresses and a capital after
 *                    the comma stay silent; a capitalised word before a
 *                    long word of the language that goes on as prose
 *                    ("Branca,direttore dell'"), or a word before a
 *                    number of one to three digits and prose ("Santos,58
 *                    anos").
 *   space-before-punctuation  "Berlin ." / "Berlin , and": ',' or '.'
 *                    after a word and a space, and '!' or '?' outside
 *                    French ("team !"); a hyphenated word counts
 *                    ("cessez-le-feu ."); the comma's space on the wrong
 *                    side before a lower-case word, also after a closing
 *                    quotation mark ("families\" ,said").  French spacing before
 *                    ; : ! ? » is never looked at; numbers are skipped.
 *   torn-word        two pieces, at least one of them no word, whose join
 *                    is a word ("gov ernment"); an elided article before
 *                    the first piece is no part of it ("d'infir mières").
 *                    Also a word hyphenated at a line end, the break a
 *                    space ("ele- phants", "porce- lain"): the tail, or
 *                    else the head, no word, the join one.  And a name's
 *                    last letter torn off ("Horvát h said"): a lone
 *                    consonant that is no word after a capitalised word
 *                    the dictionary does not know.
 *   doubled-punctuation  a comma written twice before white space
 *                    ("track",, but") or a full stop written twice at a
 *                    line end after a whole word ("fuel.."), or a
 *                    percent sign written twice after a number in running
 *                    text ("by 23 %% compared"), or a full stop written
 *                    twice after a space before the next sentence
 *                    ("DHC-515 .. Leur livraison").
 *   repeated-word    a function word of the language of two letters or
 *                    more written twice with only white space between, a
 *                    word after it ("the the", "les les", "que que", "In
 *                    in" at a sentence start).  One line break counts: a
 *                    scraper that joins lines, or a wrapped line, hides a
 *                    doubling as well as a space does, and the second copy
 *                    in lower case says the sentence goes on.  Silent on
 *                    doublings that are grammar or idioms, listed per
 *                    language in repeated-words.txt ("that that", "had
 *                    had", "nous nous", "die die", "se se", "cada una
 *                    una"); on a phrasal verb's particle before the same
 *                    preposition ("log in in seconds"), listed there too,
 *                    except at a sentence start; on copies capitalised
 *                    mid-sentence (titles and names: "La La Land", "Duran
 *                    Duran"); on content words ("piano piano", "bye bye"),
 *                    numbers and letters ("from a a to z"); on three
 *                    copies or a doubling next to another ("la la la",
 *                    "will will hu hu"); on a copy glued to what precedes
 *                    it or ending a word hyphenated at a line end; and on
 *                    a layout between the copies (three spaces or more, a
 *                    tab, an indented or a blank line).
 *
 * A name glued to a word or a number belongs to the `names` detector, which
 * runs first: spans it flagged are skipped, and so is a glued token right
 * after a capitalised word (a given name).  Everything is one pass over the
 * tokens; Hunspell is asked about rare shapes (mixed case, dotted words,
 * digits in words) and about pairs of lower-case words for torn-word (a
 * join is spelled only when a piece is unknown; the pieces, whole tokens,
 * were mostly spelled by the document's statistics, whose answers
 * mtl_spell_token keeps per distinct word).  The speller's cache,
 * shared by all detectors and threads, remembers the answers: a cache of
 * the detector's own cost more to hash into and clear for every document
 * than the speller's hits it saved.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "../batch.h"
#include "../engine.h"
#include "../lexicon/lexicon.h"
#include "../util/strbuf.h"
#include "../util/util.h"
#include "detector.h"

/* Longest token we look inside. */
#define SP_WORD_MAX 64
/* Most parts of a glued token. */
#define SP_PARTS_MAX 8

#define SP_NELEM(a) (sizeof(a) / sizeof((a)[0]))

typedef struct sp_ctx {
    mtl_checker *ck;
    const mtl_doc *doc;
    const mtl_lang *lang;
    mtl_flags *out;
    const mtl_lexicon *camel, *abbrev, *titles, *stop, *func, *units, *tlds;
    const mtl_lexicon *repeats; /* doublings that are no mistake */
    const mtl_lexicon *given;   /* given-names.txt of every language */
    bool dict;      /* Hunspell available */
    bool noun_caps; /* German: every noun capitalised */
    bool en;        /* the language is English */
    /* date-words.txt, whose [year-prep] lists the prepositions of time
     * before a year ("en", "since"), which function-words.txt may file
     * elsewhere (fr "en" is a pronoun there) */
    const mtl_lexicon *date_words;
    /* the articles of two or three ASCII letters (function-words.txt:
     * "the", "le", "los"), which end a preposition glued to its article
     * ("ofthe", sp_glued_pair) */
    char art[16][4];
    uint8_t art_len[16];
    unsigned nart;
    /* [x - 'a'] bit y - 'a': an article ends with "yx"; a preposition or
     * a conjunction of ASCII letters starts with "xy" (the first, cheap
     * test of sp_glued_pair) */
    uint32_t art_end2[26], prep_start2[26];
    /* by first token (the word table's), the occurrences of each word of
     * the document: counted on the first need (sp_recurs) */
    uint32_t *counts;
    /* English only: ICU's weekday and month names, which a preposition
     * of time glues to ("onMonday", sp_glued_words) */
    char cal[19][16];
    uint8_t cal_len[19];
    unsigned ncal;
} sp_ctx;

/* Words that start sentences, for when the stop-word lexicons are missing
 * (en, fr, es, de, it, pt). */
static const char *const sp_starters[] = {
    "the", "he", "she", "it", "they", "we", "this", "that", "these", "those",
    "his", "her", "its", "their", "our", "in", "on", "at", "for", "but",
    "and", "as", "after", "before", "when", "while", "according", "however",
    "meanwhile", "there", "a", "an", "if", "since", "during", "with", "from",
    "le", "la", "les", "il", "elle", "ils", "elles", "un", "une", "des",
    "ce", "cette", "dans", "pour", "selon", "mais", "en", "au", "aux",
    "el", "los", "las", "ella", "ellos", "una", "unos", "este", "esta",
    "según", "pero", "con", "por", "para", "del",
    "der", "die", "das", "er", "sie", "es", "wir", "ein", "eine", "am", "im",
    "auf", "nach", "mit", "für", "bei", "seit", "doch", "aber", "zudem",
    "i", "gli", "lo", "uno", "nel", "della", "o", "os", "as", "um", "uma",
    "no", "na", "nos", "nas", "ao",
};

/* Short words before a full stop that are abbreviations, not sentence
 * ends ("St.Louis", "Dr.Smith"), for when the abbreviation lexicon misses
 * them. */
static const char *const sp_abbrevs[] = {
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "lt",
    "sgt", "jr", "sr", "prof", "mme", "mlle", "sra", "dra", "hr", "fr",
    "pres", "capt", "maj", "adm", "rev", "hon", "no", "nr", "vol", "art",
    "fig", "co", "inc", "ltd", "corp", "vs", "etc", "approx", "ca", "bzw",
    "usw", "evtl", "ggf", "vgl", "mt", "ft", "av", "ave", "blvd", "dept",
    "univ", "ed", "pp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "abs", "str", "tel", "min", "max",
    "nº", "núm", "pág", "sta", "sto", "ste", "dir", "ing", "mgr", "bros",
};

/* Domains: a dotted token with one of these parts is a host name. */
static const char *const sp_tlds[] = {
    "com", "org", "net", "gov", "edu", "info", "io", "co", "uk", "biz",
    "tv", "eu", "ly", "gg", "fm", "html", "htm", "php", "aspx", "js", "py",
    "pdf", "www",
};

/* Domain endings that dictionaries list as abbreviations but that are no
 * sentence start: "example.Com" is an address written carelessly. */
static const char *const sp_tld_only[] = {
    "com", "org", "edu", "gov", "int", "mil",
};

/* CamelCase brands, for when lexicons/all/camelcase.txt misses them: both
 * parts are words, so only a list tells them from glued words. */
static const char *const sp_brands[] = {
    "youtube", "powerpoint", "facetime", "playstation", "whatsapp",
    "linkedin", "javascript", "typescript", "github", "gitlab", "blackrock",
    "jetblue", "softbank", "fedex", "wordpress", "mastercard", "paypal",
    "dreamworks", "spacex", "openai", "deepmind", "harpercollins",
    "soundcloud", "dropbox", "blackberry", "astrazeneca", "glaxosmithkline",
    "exxonmobil", "bahncard", "intercity", "pricewaterhousecoopers",
    "prosiebensat", "bluesky", "firefox", "coinbase", "airbnb", "doordash",
    "salesforce", "smackdown", "wikileaks", "easyjet", "foxconn",
    "thyssenkrupp", "volkswagen", "bitcoin", "moneygram", "skyteam",
    "costco", "starlink", "truthsocial", "newsweek", "bloombergquint",
    "theguardian", "huffpost", "buzzfeed", "pinterest", "snapchat",
    "deutschlandticket", "deutschlandfunk", "lafargeholcim", "mediaworld",
    "lottomatica", "laliga", "bankinter", "telecinco",
};

/* Adverb particles that end CamelCase brands and verbs (LinkedIn,
 * CheckOut, StumbleUpon): never the start of a glued sentence. */
static const char *const sp_particles[] = {
    "in", "on", "up", "out", "off", "down", "over", "back", "away", "upon",
    "im", "am", "an", "en", "a", "o", "i", "e", "y", "at", "to", "by",
    "it", "is", "me", "us", "you", "now", "all", "one",
};

/* Ordinal and unit suffixes after a number ("25th", "3e", "2º"). */
static const char *const sp_num_suffixes[] = {
    "st", "nd", "rd", "th", "er", "re", "e", "eme", "ème", "ieme", "ième",
    "o", "a", "º", "ª", "os", "as", "te", "ten", "ter", "tes", "sten",
    "km", "kg", "mm", "cm", "m", "g", "mg", "ml", "l", "h", "min", "s",
    "ms", "gb", "mb", "kb", "tb", "mhz", "ghz", "hz", "kw", "kwh", "mw",
    "gw", "v", "w", "k", "x", "d", "p", "am", "pm", "uhr", "bn", "mn",
    "mio", "mrd", "pc", "px", "fps", "mp", "ft", "in", "lb", "lbs", "oz",
    "mph", "kmh", "sq", "ha", "dB",
};

/* German prepositions joined to their article. */
static const char *const sp_de_contractions[] = {
    "im", "am", "zum", "zur", "beim", "vom", "ins", "ans",
};

/* ------------------------------------------------------------- helpers */

static bool
sp_in(const char *const *list, size_t n, const char *s, size_t len)
{
    if (len == 0) /* no entry is empty */
        return false;
    /* the first byte before the length: most entries differ there */
    for (size_t i = 0; i < n; i++)
        if (list[i][0] == s[0] && strlen(list[i]) == len &&
            memcmp(list[i], s, len) == 0)
            return true;
    return false;
}

static bool
sp_in_lower(const char *const *list, size_t n, const char *s, size_t len)
{
    char buf[SP_WORD_MAX * 4];
    size_t l = mtl_utf8_lower(s, len, buf, sizeof buf);
    return l && sp_in(list, n, buf, l);
}

/* Shape of a run of letters. */
enum { SP_SHAPE_OTHER = 0, SP_SHAPE_LOWER, SP_SHAPE_TITLE };


static int
sp_shape(const char *s, size_t len, size_t *nchars)
{
    size_t i = 0, n = 0;
    bool first_up = false, rest_lower = true;
    while (i < len) {
        int32_t cp = mtl_utf8_next(s, len, &i);
        if (cp < 0 || !mtl_cp_is_alpha(cp))
            return SP_SHAPE_OTHER;
        bool up = mtl_cp_is_upper(cp);
        if (n == 0)
            first_up = up;
        else if (!mtl_cp_is_lower(cp))
            rest_lower = false;
        if (n == 0 && !up && !mtl_cp_is_lower(cp))
            return SP_SHAPE_OTHER;
        n++;
    }
    *nchars = n;
    if (n == 0 || !rest_lower)
        return SP_SHAPE_OTHER;
    return first_up ? SP_SHAPE_TITLE : SP_SHAPE_LOWER;
}

/* A word of the language's stop-word or function-word lists. */
static bool
sp_is_function(const sp_ctx *c, const char *s, size_t len)
{
    return mtl_lexicon_has_fold(c->stop, s, len) ||
           mtl_lexicon_has_fold(c->func, s, len);
}

static bool
sp_is_starter(const sp_ctx *c, const char *s, size_t len)
{
    if (sp_is_function(c, s, len))
        return true;
    return sp_in_lower(sp_starters, SP_NELEM(sp_starters), s, len);
}

static bool
sp_is_brand(const sp_ctx *c, const char *s, size_t len)
{
    if (mtl_lexicon_has_fold(c->camel, s, len))
        return true;
    return sp_in_lower(sp_brands, SP_NELEM(sp_brands), s, len);
}

/* A word of the language, in any case Hunspell accepts: a part of a
 * token or a join of two (a whole token goes to mtl_spell_token, which
 * has its hash and, mostly, the statistics' answer).  The speller's cache
 * answers most: its key, the lexicons' hash, is computed here so that the
 * lookup goes straight to the cache (mtl_spell would wrap the same
 * hashing in a call of its own).  Always inlined: compilers keep it a
 * function for its dozen callers, and the call (with the torn-word loop's
 * registers saved around it) cost some 18 instructions a lookup. */
__attribute__((always_inline)) static inline bool
sp_known(const sp_ctx *c, const char *s, size_t len)
{
    return c->dict &&
           mtl_spell_hashed(c->ck, c->lang, s, len,
                            mtl_hash64(s, len, MTL_LEXICON_SEED)) == 1;
}

/* An ordinary word: known in lower case (or, where nouns are capitalised,
 * as written).  Proper names are not. */
static bool
sp_common(const sp_ctx *c, const char *s, size_t len)
{
    if (!c->dict)
        return false;
    char low[SP_WORD_MAX * 4];
    size_t ll = mtl_utf8_lower(s, len, low, sizeof low);
    if (ll && sp_known(c, low, ll))
        return true;
    return c->noun_caps && sp_known(c, s, len);
}

static const mtl_token *
sp_tok(const sp_ctx *c, size_t i)
{
    return i < c->doc->ntoks ? &c->doc->toks[i] : NULL;
}

static const char *
sp_text(const sp_ctx *c, size_t i)
{
    return c->doc->text + c->doc->toks[i].start;
}

/* Token i is glued to i-1 and is the one-character punctuation @p cp. */
static bool
sp_glued_char_before(const sp_ctx *c, size_t i, uint32_t cp)
{
    return i > 0 && mtl_tok_glued_prev(c->doc, i) &&
           mtl_tok_is_char(c->doc, &c->doc->toks[i - 1], cp);
}

static bool
sp_glued_char_after(const sp_ctx *c, size_t i, uint32_t cp)
{
    return i + 1 < c->doc->ntoks && mtl_tok_glued_prev(c->doc, i + 1) &&
           mtl_tok_is_char(c->doc, &c->doc->toks[i + 1], cp);
}

/* Part of a URL, an e-mail address, a path, a hashtag or code; with
 * @p date_before, token i ends a date ("2024-04-07Politics") and the
 * marks before it are the date's. */
static bool sp_is_tld(const sp_ctx *c, const char *s, size_t len);

/* Token i starts a host name of hyphen-joined labels that ends in a top
 * level domain ("nuitsbleues-rochefort.fr"): letters, digits and at least
 * one hyphen up to a full stop, then a domain's ending (two lower-case
 * letters, or one of tlds.txt) and no letter or digit. */
static bool
sp_before_host(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    size_t p = d->toks[i].start + d->toks[i].len, end = d->len;
    size_t lim = p + 64 < end ? p + 64 : end;
    bool hyphen = false;
    while (p < lim && (mtl_is_alnum_ascii((unsigned char)d->text[p]) ||
                       d->text[p] == '-')) {
        hyphen |= d->text[p] == '-';
        p++;
    }
    if (!hyphen || p >= lim || d->text[p] != '.' || d->text[p - 1] == '-')
        return false;
    size_t q = ++p;
    while (q < end && q - p < 8 && d->text[q] >= 'a' && d->text[q] <= 'z')
        q++;
    if (q - p < 2 || (q < end && mtl_is_alnum_ascii((unsigned char)d->text[q])))
        return false;
    /* a country's two letters ("fr", "de"), which tlds.txt leaves out
     * as words, or a listed ending */
    return q - p == 2 || sp_is_tld(c, d->text + p, q - p);
}

static bool
sp_in_address_ex(const sp_ctx *c, size_t i, bool date_before)
{
    static const uint32_t before[] = {'@', '/', '\\', '#', '_', ':', '=',
                                      '.', '-', '~', '&', '?'};
    static const uint32_t after[] = {'@', '/', '\\', '(', '_', '=', '[',
                                     '~'};
    for (size_t k = 0; !date_before && k < SP_NELEM(before); k++)
        if (sp_glued_char_before(c, i, before[k]))
            return true;
    for (size_t k = 0; k < SP_NELEM(after); k++)
        if (sp_glued_char_after(c, i, after[k]))
            return true;
    return sp_glued_char_after(c, i, '-') && sp_before_host(c, i);
}

static bool
sp_in_address(const sp_ctx *c, size_t i)
{
    return sp_in_address_ex(c, i, false);
}

/* A capitalised word right before token i in its sentence (not its first
 * word): token i may end a name ("Merrick GarlandHe"). */
static bool
sp_after_name(const sp_ctx *c, size_t i)
{
    if (i == 0)
        return false;
    const mtl_token *t = &c->doc->toks[i];
    const mtl_token *p = &c->doc->toks[i - 1];
    if (!(t->flags & MTL_TF_SPACE_BEFORE) || (t->flags & MTL_TF_NEWLINE_BEFORE))
        return false;
    if (p->kind != MTL_TOK_WORD || p->sent != t->sent)
        return false;
    if (p->casing != MTL_CASE_TITLE && p->casing != MTL_CASE_UPPER)
        return false;
    if (p->flags & MTL_TF_SENT_START) {
        /* "Sen GarlandHe" */
        return !sp_common(c, sp_text(c, i - 1), p->len);
    }
    return true;
}

/* The first part of a chain of up to five words joined by hyphens whose
 * last part is token @p i, the parts before it of letters ("Odhiambo"
 * of "Odhiambo-Were", "E" of "E-Sport-Turnier"), or @p i itself. */
static size_t
sp_hyphen_first(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    for (int hops = 0; hops < 4 && i >= 2 && sp_glued_char_before(c, i, '-') &&
                       mtl_tok_glued_prev(d, i - 1);
         hops++) {
        const mtl_token *w = &d->toks[i - 2];
        if (w->kind != MTL_TOK_WORD || (w->flags & MTL_TF_DIGIT) ||
            !mtl_tok_letters_only(d->text + w->start, w))
            break;
        i -= 2;
    }
    return i;
}

/* Token i ends a hyphenated word of running text ("Rhein-Main.Nach",
 * "E-Sport-Turnier.Damit"): glued to a hyphen glued to a word of letters,
 * and so on back to a word that stands after a space (or starts the
 * text), and to nothing else an address has. */
static bool
sp_hyphen_word_end(const sp_ctx *c, size_t i)
{
    /* back over a chain of up to four words joined by hyphens
     * ("E-Sport-Turnier.Damit", "cessez-le-feu"), each of letters */
    size_t f = sp_hyphen_first(c, i);
    if (f == i || (f > 0 && mtl_tok_glued_prev(c->doc, f)))
        return false;
    static const uint32_t after[] = {'@', '/', '\\', '(', '_', '=', '[',
                                     '~'};
    for (size_t k = 0; k < SP_NELEM(after); k++)
        if (sp_glued_char_after(c, i, after[k]))
            return false;
    return true;
}

static bool
sp_name_owned(const sp_ctx *c, size_t start, size_t end)
{
    return mtl_flags_overlap(c->out, "name", start, end) ||
           mtl_flags_overlap(c->out, "quote", start, end);
}

static bool sp_is_year(const char *s, size_t len);
static bool sp_lower_word_follows(const sp_ctx *c, size_t i);

/* --------------------------------------------------------- glued words */

/* Token @p t is a lower-case word of the sentence of @p of, with white
 * space and no line break between the two. */
static bool
sp_prose_neighbour(const mtl_token *t, const mtl_token *of)
{
    const mtl_token *later = t > of ? t : of;
    return t->kind == MTL_TOK_WORD && t->casing == MTL_CASE_LOWER &&
           t->sent == of->sent && (later->flags & MTL_TF_SPACE_BEFORE) &&
           !(later->flags & MTL_TF_NEWLINE_BEFORE);
}

/* Splits a CamelCase token at each lower->upper change.  Returns the
 * number of parts (0 when the shape is not lower|Title+ or Title+). */
static size_t
sp_camel_parts(const char *s, size_t len, size_t *off, size_t max)
{
    size_t n = 0, i = 0;
    bool prev_lower = false;
    off[n++] = 0;
    while (i < len) {
        size_t at = i;
        int32_t cp = mtl_utf8_next(s, len, &i);
        if (cp < 0 || !mtl_cp_is_alpha(cp))
            return 0;
        bool up = mtl_cp_is_upper(cp);
        if (up && prev_lower) {
            if (n == max)
                return 0;
            off[n++] = at;
        }
        prev_lower = mtl_cp_is_lower(cp);
    }
    off[n] = len;
    return n;
}

static bool sp_recurs(sp_ctx *c, size_t i);

/* Words that follow an identifier named in prose ("the textContent
 * property", "localStorage is", "backgroundColor value"). */
static const char *const sp_code_nouns[] = {
    "property", "properties", "method", "methods", "function", "functions",
    "attribute", "attributes", "variable", "variables", "object", "objects",
    "field", "fields", "value", "values", "element", "elements", "hook",
    "parameter", "parameters", "param", "key", "keys", "class", "event",
    "events", "flag", "option", "options", "setting", "settings", "command",
    "call", "calls", "loop", "prop", "props", "type", "types", "interface",
    "module", "api", "is", "returns", "return", "array", "string",
    "callback", "handler", "component", "components", "tag",
};

/* Whether the @p n bytes at @p s are one of ICU's weekday or month
 * names of the language (c->cal). */
static bool
sp_calendar_name(const sp_ctx *c, const char *s, size_t n)
{
    for (unsigned k = 0; k < c->ncal; k++)
        if (c->cal_len[k] == n && memcmp(c->cal[k], s, n) == 0)
            return true;
    return false;
}

/* Whether the @p n bytes at @p s are a preposition of time: a
 * preposition of function-words.txt, or a word of date-words.txt's
 * [year-prep] ("since", "until") or [deictic] ("last", "next"). */
static bool
sp_time_prep(const sp_ctx *c, const char *s, size_t n)
{
    return mtl_lexicon_in_section(c->func, s, n, "preposition") ||
           mtl_lexicon_in_section(c->date_words, s, n, "year-prep") ||
           mtl_lexicon_in_section(c->date_words, s, n, "deictic");
}

/*
 * "in afternoon tradingAnalysts said", "after the resultsShares in
 * rival": two paragraphs joined with their full stop and break lost, the
 * second starting with an ordinary noun, not a function word.  Two-part
 * CamelCase is otherwise brands and code identifiers (`backButton`,
 * `localStorage is`), so the evidence asked for is strong: an ordinary
 * word of four letters or more first (no function word: `forEach`), an
 * ordinary word of five letters or more second, whose lower-case form the
 * dictionary knows (no name), in running text between a word before and
 * a lower-case word after on the line that is no word code is named
 * with ("the textContent property"); the token written once, and no
 * other identifier-like token (lower case, then a capital) in the
 * document, which would make it code.  @p ll is the first part's bytes.
 */
static bool
sp_joined_paragraph(sp_ctx *c, size_t i, size_t ll)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    const char *s = sp_text(c, i);
    size_t lch = 0, rch = 0;
    if (sp_shape(s, ll, &lch) != SP_SHAPE_LOWER || lch < 4 ||
        sp_shape(s + ll, t->len - ll, &rch) != SP_SHAPE_TITLE || rch < 5 ||
        i == 0 || !(t->flags & MTL_TF_SPACE_BEFORE) ||
        (t->flags & MTL_TF_NEWLINE_BEFORE) ||
        d->toks[i - 1].kind != MTL_TOK_WORD || !sp_lower_word_follows(c, i))
        return false;
    const mtl_token *nx = &d->toks[i + 1];
    if (sp_in(sp_code_nouns, SP_NELEM(sp_code_nouns), sp_text(c, i + 1),
              nx->len) ||
        sp_is_function(c, s, ll) || !sp_common(c, s, ll) ||
        !sp_common(c, s + ll, t->len - ll) || sp_recurs(c, i))
        return false;
    for (size_t k = 0; k < d->ntoks; k++) {
        const mtl_token *o = &d->toks[k];
        if (k != i && o->kind == MTL_TOK_WORD &&
            o->casing == MTL_CASE_MIXED && !(o->flags & MTL_TF_UPPER_START) &&
            o->nchars >= 4 && !sp_is_brand(c, sp_text(c, k), o->len))
            return false;
    }
    return true;
}

static void
sp_glued_words(sp_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    const char *s = sp_text(c, i);
    if (t->kind != MTL_TOK_WORD || t->casing != MTL_CASE_MIXED ||
        (t->flags & MTL_TF_DIGIT) || t->len > SP_WORD_MAX || !c->dict)
        return;
    size_t off[SP_PARTS_MAX + 1];
    size_t n = sp_camel_parts(s, t->len, off, SP_PARTS_MAX);
    if (n < 2)
        return;
    bool lower_first = false, one_letter = false;
    for (size_t k = 0; k < n; k++) {
        size_t nch = 0;
        int shape = sp_shape(s + off[k], off[k + 1] - off[k], &nch);
        if (k == 0 && shape == SP_SHAPE_LOWER)
            lower_first = true;
        else if (shape != SP_SHAPE_TITLE)
            return;
        /* a last part of one letter: an article, checked below
         * ("incêndiosA próxima") */
        if (nch == 1 && k == 1 && n == 2 && lower_first)
            one_letter = true;
        else if (nch < 2 || (k == 0 && !lower_first && nch < 3))
            return;
    }
    if (sp_in_address(c, i) || sp_is_brand(c, s, t->len) ||
        mtl_spell_token(c->ck, c->doc, i) == 1)
        return;
    for (size_t k = 0; k < n; k++) {
        const char *p = s + off[k];
        size_t pl = off[k + 1] - off[k];
        if (!sp_known(c, p, pl))
            return;
        /* German gender forms: "LehrerInnen", "StudentIn" */
        if (k > 0 && c->noun_caps &&
            ((pl == 5 && memcmp(p, "Innen", 5) == 0) ||
             (pl == 2 && memcmp(p, "In", 2) == 0)))
            return;
    }
    const char *last = s + off[n - 1];
    size_t last_len = t->len - off[n - 1];
    bool starter = sp_is_starter(c, last, last_len) &&
                   !sp_in_lower(sp_particles, SP_NELEM(sp_particles), last,
                                last_len);
    /* "premioEl Astor", "incêndiosA próxima": an ordinary word, then an
     * article that starts the next sentence (a paragraph joined to the
     * one before, its full stop lost).  Brands and identifiers end in a
     * noun or a verb, not in an article.  An article of one letter only
     * outside English, where "A" also grades and names things
     * ("vitaminA", "typeA"), after a word of four letters or more and
     * before a lower-case word; one of two letters or more before any
     * word, a name too ("premioEl Astor de Plata"). */
    bool art_next = n == 2 && lower_first && off[1] >= 3 &&
                    mtl_lexicon_in_section(c->func, last, last_len,
                                           "article") &&
                    sp_common(c, s, off[1]);
    if (one_letter) {
        size_t fch = 0;
        sp_shape(s, off[1], &fch);
        if (!art_next || fch < 4 ||
            strcmp(mtl_lang_primary(c->lang), "en") == 0 ||
            !sp_lower_word_follows(c, i))
            return;
    }
    if (art_next)
        starter = true;
    /* "theEuropean Commission", "derVolkswagen": an article of two letters
     * or more glued to the word it goes with; code names its identifiers
     * after verbs and prepositions (isEmpty, toString, onClick), not
     * articles */
    bool article = n == 2 && lower_first && off[1] >= 2 &&
                   t->len - off[1] >= 3 &&
                   (mtl_lexicon_in_section(c->func, s, off[1], "article") ||
                    /* German: a preposition that holds its article
                     * ("imKino", "zurSchule") */
                    (c->noun_caps && sp_in(sp_de_contractions,
                                           SP_NELEM(sp_de_contractions), s,
                                           off[1]))) &&
                   /* `anArray`, `anObject`: how English code docs name an
                    * example value */
                   (off[1] >= 3 || strcmp(mtl_lang_primary(c->lang), "en"));
    /* "onMonday", "inJanuary": in English, a preposition of time glued
     * to a weekday or a month, which no identifier names */
    if (!article && n == 2 && lower_first && c->ncal &&
        sp_calendar_name(c, s + off[1], t->len - off[1]) &&
        sp_time_prep(c, s, off[1]))
        article = true;
    if (n == 2 && !article) {
        /* "ministerThe minister", "ReportThe minister": the second part
         * starts a sentence that goes on in lower case; anything else of
         * two parts is a brand or a code identifier (AddThis, backButton) */
        const mtl_token *nx = sp_tok(c, i + 1);
        if (!starter && lower_first && sp_joined_paragraph(c, i, off[1])) {
            starter = true; /* ". " in the suggestion */
        } else if (!starter || !nx || nx->kind != MTL_TOK_WORD ||
            !(nx->casing == MTL_CASE_LOWER ||
              ((c->noun_caps || art_next) && nx->casing == MTL_CASE_TITLE)) ||
            !(nx->flags & MTL_TF_SPACE_BEFORE) ||
            (nx->flags & MTL_TF_NEWLINE_BEFORE))
            return;
        /* a function word first is a code identifier (`forEach loop`,
         * `toString method`): a sentence seldom ends in one */
        if (lower_first && sp_is_function(c, s, off[1]))
            return;
        /* capitalised first part: a brand (AddThis) or a name, except
         * where every noun is capitalised ("RegierungDie Opposition") */
        if (!lower_first && (!c->noun_caps || !sp_common(c, s, off[1])))
            return;
    } else if (!article) {
        /* three parts or more, capitalised ordinary words: menu items
         * glued (PoliticsBusinessSport); lower-case first is code */
        if (lower_first)
            return;
        for (size_t k = 0; k < n; k++)
            if (off[k + 1] - off[k] < 3 ||
                !sp_common(c, s + off[k], off[k + 1] - off[k]))
                return;
        /* named in running text, between two lower-case words on its
         * line: a product or a program (`is aware of TortoiseGitMerge
         * now`), where glued menu items stand on a line of their own or
         * before the text they were glued to */
        if (i > 0 && i + 1 < c->doc->ntoks &&
            sp_prose_neighbour(&c->doc->toks[i - 1], t) &&
            sp_prose_neighbour(&c->doc->toks[i + 1], t))
            return;
    }
    /* "Merrick GarlandHe": a name's last part (three ordinary words
     * glued are menu items, whatever precedes them) */
    if (n == 2 && !lower_first && sp_after_name(c, i))
        return;
    if (sp_name_owned(c, t->start, t->start + t->len))
        return;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    for (size_t k = 0; k < n; k++) {
        if (k > 0)
            mtl_strbuf_puts(&sb,
                            (k == n - 1 && starter && n == 2 && !article)
                                ? ". "
                                : " ");
        mtl_strbuf_put(&sb, s + off[k], off[k + 1] - off[k]);
    }
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_addf(c->out, MTL_RULE_SPACING_GLUED_WORDS, t->start,
                   t->start + t->len, sb.data, "%zu words glued together", n);
    mtl_strbuf_free(&sb);
}

/* ------------------------------------------------------ glued sentence */

/* Adverb particles and prefixes that make closed compounds with a word
 * ("login", "checkout", "upgrade", "outsource", "enlever", "sobrevivir"):
 * never the function word of a lower-case glued pair. */
static const char *const sp_compound_parts[] = {
    "in", "on", "up", "out", "off", "down", "over", "under", "by", "back",
    "away", "about", "around", "through", "after", "upon", "along", "across",
    "with", "within", "without", "an", "a", "i", "o", "e", "y",
    "en", "sur", "sous", "contre", "entre", "par", "pour", "sans",
    "sobre", "contra", "con", "com", "ante", "bajo", "tras", "per", "dis",
    "pro", "co", "sub", "so", "no", "non", "ne", "se", "si", "me", "te",
    "le", "la", "lo", "il", "al", "ad", "da", "de", "di", "un", "uno", "una",
};

/* Words that start closed compounds in the Romance languages, where two
 * content words glued are otherwise a lost space ("eurodiputado",
 * "videojuego", "fotoperiodista", "autoescuela", "hispanocoreana"). */
static const char *const sp_compound_heads[] = {
    "euro", "contro", "sovra", "oltre", "dopo", "capo", "video", "foto", "photo", "auto", "bio", "eco", "micro",
    "macro", "tele", "radio", "super", "ultra", "mega", "multi", "anti",
    "contra", "sobre", "inter", "semi", "mini", "maxi", "neo", "pseudo",
    "proto", "retro", "cine", "narco", "ciber", "cyber", "cripto", "crypto",
    "agro", "geo",
    "hidro", "idro", "hydro", "electro", "elettro", "termo", "thermo",
    "socio", "psico", "psycho", "post", "pos", "ante", "extra", "infra",
    "intra", "vice", "porta", "porte", "salva", "guarda", "para", "mal",
    "bien", "bene", "mano", "mani", "terra", "aero", "moto", "cardio",
    "filo", "fono", "grafo", "hiper", "iper", "hyper", "kilo", "mono",
    "poli", "poly", "tri", "bi", "tetra", "penta", "hexa", "pluri",
    "servo", "tecno", "techno", "turbo", "nano", "paleo", "ciclo", "tardo",
    "pre", "tras", "trans", "sotto", "sopra", "sub", "archi", "arqui",
    "crono", "chrono", "audio", "info", "meteo", "ferro", "nord", "sud",
    "centro", /* "centroasiatica", "centroamericano", "centrocampista" */
    "siero", /* "sierogruppo", "sieroprevalenza" */
    /* the first of two peoples, fused ("hispanocoreana",
     * "francoalemán", "afrobrasileira", "italoamericano") */
    "hispano", "franco", "anglo", "germano", "luso", "afro", "italo",
    "greco", "austro", "sino", "indo", "ibero", "judeo", "russo", "ruso",
};

/* Number words that may start a lower-case glued pair ("sixconsecutive");
 * "one" and the like make words ("oneself", "onetime"). */
static const char *const sp_number_words[] = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred",
    "deux", "trois", "quatre", "cinq", "sept", "huit", "neuf", "douze",
    "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
    "diez", "doce", "dois", "duas", "quatro", "sete", "oito", "nove", "dez",
    "doze", "due", "tre", "quattro", "sei", "sette", "otto", "dieci",
};

/* Words and their glued forms are looked at up to this many letters. */
#define SP_GLUE_MAX 40

/* Articles that are also pronouns glued after verbs ("dámelos",
 * "dargli"), or too common a word ending: never the function word after
 * a glued word. */
static const char *const sp_enclitic_articles[] = {
    "los", "las", "gli", "les", "une", "una", "uno", "des", "der",
    "die", "das", "dem", "den", "the",
};

/* Endings that are words of their own but make words of others: adverbs
 * in -mente/-ment, "interconnect|or"; and the derivational endings of the
 * Romance languages that the dictionaries also take for words (a verb
 * form, a noun), so that a derived word the dictionary lacks splits in
 * two: "pescad|erías", "vend|adores", "import|antes", "sapat|eiras",
 * "univers|idades", "tutor|aggio", "scollina|mento", "anual|izada",
 * "ampli|abile"; and the combining
 * forms of learned compounds. */
static const char *const sp_suffix_words[] = {
    "mente", "ment", "or", "as", "is", "us", "at", "it", "ti", "os", "es",
    "erías", "arias", "arios", "adores", "adoras", "antes", "entes",
    "eiras", "eiros", "idade", "idades", "ement", "ements", "ismos",
    "aggio", "aggi", "mento", "menti", "mentos",
    /* es, pt -izar ("anual|izada", "digital|izados"): forms of "izar",
     * to hoist, are words */
    "izada", "izadas", "izado", "izados",
    /* es, pt agent nouns in -dor ("potabiliza|doras"): "doras" is a
     * form of "dorar" */
    "doras", "dores",
    /* it adjectives of capability ("ampli|abile", "sosten|ibile"):
     * "abile" is able, "ibile" none, "abili" the plural */
    "abile", "abili",
    /* agent nouns in -iste, -ista after a stem in -l ("vitrail|liste",
     * "mural|lista"): "liste", "lista" are lists */
    "liste", "listes", "lista", "listas",
    /* combining forms of learned compounds, words of their own too
     * ("sismo|metri", "crono|metro", "tele|grafo", "rifletto|grafia") */
    "metro", "metri", "metros", "mètre", "mètres", "grafo", "grafi",
    "grafos", "grafia", "grafie", "graf\xC3\xAD" "a", "graf\xC3\xAD" "as",
    "scopio", "scopi", "scopios", "fono", "foni", "fonos",
};

/* Whether the @p nch letters at @p s are a function word of
 * function-words.txt that a glued word may have at one end: before the
 * word an article, or a preposition, conjunction, auxiliary or pronoun of
 * three letters or more; after it a preposition, conjunction or auxiliary
 * ("to", "of": two letters only in English).  Pronouns after a word are
 * enclitics in the Romance languages ("dímelo"). */
static bool
sp_glue_function(const sp_ctx *c, const char *s, size_t len, size_t nch,
                 bool before, bool english)
{
    /* function words have seven letters at most ("although") */
    if (nch < 2 || nch > 7 || !c->func)
        return false;
    if (!before && nch == 2 && (!english || !(s[0] == 't' || s[0] == 'o')))
        return false;
    const mtl_lex_entry *e = mtl_lexicon_get(c->func, s, len);
    if (!e || sp_in(sp_compound_parts, SP_NELEM(sp_compound_parts), s, len))
        return false;
    /* after the word, an article only as a preposition joined to it
     * (it "presidentedel", "sindacodella"): of three letters or more
     * and none that glues to verbs as a pronoun (es "los", "las", it
     * "gli") */
    if (strcmp(e->section, "article") == 0)
        return before || (nch >= 3 && !sp_in(sp_enclitic_articles,
                                             SP_NELEM(sp_enclitic_articles),
                                             s, len));
    if (before && nch < 3)
        return false;
    return strcmp(e->section, "preposition") == 0 ||
           strcmp(e->section, "conjunction") == 0 ||
           strcmp(e->section, "auxiliary") == 0 ||
           (before && strcmp(e->section, "pronoun") == 0);
}

/* Whether word token @p i occurs elsewhere in the document: a coined
 * compound recurs, a lost space seldom does the same twice.  The word
 * table's first tokens are counted once per document, on the first
 * need; without the table the tokens are compared. */
static bool
sp_recurs(sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    mtl_checker *ck = c->ck;
    if (ck->words_doc == d) {
        if (!c->counts) {
            c->counts = mtl_checker_scratch(ck, 0,
                                            d->ntoks * sizeof *c->counts);
            memset(c->counts, 0, d->ntoks * sizeof *c->counts);
            for (size_t k = 0; k < d->ntoks; k++)
                if (mtl_tok_is_word(&d->toks[k]))
                    c->counts[ck->words[k].first]++;
        }
        return c->counts[ck->words[i].first] > 1;
    }
    const mtl_token *t = &d->toks[i];
    const char *s = sp_text(c, i);
    for (size_t k = 0; k < d->ntoks; k++) {
        const mtl_token *o = &d->toks[k];
        if (k != i && o->len == t->len && o->kind == MTL_TOK_WORD &&
            memcmp(d->text + o->start, s, t->len) == 0)
            return true;
    }
    return false;
}

/* Token @p t with a space put at byte @p split, NUL-terminated, into
 * @p sug (SP_WORD_MAX + 2 bytes); false for a token longer than
 * SP_WORD_MAX. */
static bool
sp_split_text(const sp_ctx *c, const mtl_token *t, size_t split, char *sug)
{
    const char *s = c->doc->text + t->start;
    if (t->len > SP_WORD_MAX)
        return false;
    memcpy(sug, s, split);
    sug[split] = ' ';
    memcpy(sug + split + 1, s + split, t->len - split);
    sug[t->len + 1] = '\0';
    return true;
}

/* Flags word token @p t as glued-words, the suggestion a space at byte
 * @p split of it; @p what says what was glued. */
static void
sp_flag_split(sp_ctx *c, const mtl_token *t, size_t split, const char *what)
{
    char sug[SP_WORD_MAX + 2];
    if (sp_split_text(c, t, split, sug))
        mtl_flags_addf(c->out, MTL_RULE_SPACING_GLUED_WORDS, t->start,
                       t->start + t->len, sug, "%s: \"%s\"", what, sug);
}

/*
 * "petitionerwas", "platformto", "thecompany": a lower-case word the
 * dictionary does not know that splits in exactly one way into a known
 * word of four letters or more and a function word (article, preposition,
 * conjunction, auxiliary, pronoun; no particle or prefix that makes
 * compounds: "login", "outsource").  In French, Spanish, Portuguese,
 * Italian and Catalan, which write few closed compounds, also two known
 * words of four letters or more ("consequênciasgraves"), the first no
 * compound head ("eurodiputado").  Not where nouns are capitalised
 * (German compounds), not in addresses, not for a word the document
 * writes twice.
 */
static bool sp_is_abbrev(const sp_ctx *c, const char *s, size_t len);
static bool sp_is_tld(const sp_ctx *c, const char *s, size_t len);

/*
 * "la langue des signes.selon le ministère": a sentence glued to the next
 * that starts in lower case, token i, lower case, having its one full stop
 * at byte @p dot: a word the dictionary knows of three letters or more
 * before it, a function word of three letters or more after it (not a
 * domain's ending: "data.gov", "news.net"), and a lower-case word after a
 * space next (prose goes on).  The repair capitalises the second word.
 */
static void
sp_glued_stop_lower(sp_ctx *c, size_t i, size_t dot)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    const char *s = sp_text(c, i);
    const char *r = s + dot + 1;
    size_t rl = t->len - dot - 1, lc = 0, rc = 0;
    if (dot < 3 || rl < 3 || memchr(r, '.', rl) ||
        sp_shape(s, dot, &lc) != SP_SHAPE_LOWER ||
        sp_shape(r, rl, &rc) != SP_SHAPE_LOWER || lc < 3 || rc < 3 ||
        !mtl_utf8_letters_only(s, dot) || !mtl_utf8_letters_only(r, rl))
        return;
    const mtl_token *nx = sp_tok(c, i + 1);
    if (!nx || nx->kind != MTL_TOK_WORD || nx->casing != MTL_CASE_LOWER ||
        !(nx->flags & MTL_TF_SPACE_BEFORE) || (nx->flags & MTL_TF_NEWLINE_BEFORE))
        return;
    if (!sp_is_function(c, r, rl) || sp_is_tld(c, r, rl) ||
        sp_is_abbrev(c, s, dot) || !sp_common(c, s, dot) ||
        sp_in_address(c, i))
        return;
    size_t fl = 0;
    UChar32 up = u_toupper(mtl_utf8_next(r, rl, &fl));
    char sug[SP_WORD_MAX + 16];
    memcpy(sug, s, dot + 1);
    size_t o = dot + 1;
    sug[o++] = ' ';
    o += mtl_utf8_encode((uint32_t)up, sug + o);
    memcpy(sug + o, r + fl, rl - fl);
    o += rl - fl;
    sug[o] = '\0';
    mtl_flags_addf(c->out, MTL_RULE_SPACING_GLUED_SENTENCE, t->start,
                   t->start + t->len, sug,
                   "no space after the full stop, and the next sentence "
                   "starts in lower case: \"%s\"", sug);
}

/* German auxiliaries and modal verbs, which no compound ends with: after
 * a participle or an adjective they were glued to ("unterschätztwird",
 * "geschlossenist") */
/* German prepositions that no compound ends in. */
static const char *const sp_de_preps[] = {
    "für", "mit", "von", "bei", "nach", "gegen", "ohne", "unter", "zwischen",
    "wegen", "während", "seit",
    /* with their article ("Testamentvom Sommer") */
    "vom", "zum", "zur", "beim",
    /* and conjunctions ("Grundschulenund Kindergärten"), and verbs in
     * the past that follow their subject ("Wahlbeteiligunglag bei") */
    "und", "oder", "dass", "lag", "war", "hat", "wird", "sank", "fiel",
    "blieb", "kam", "ging",
};

/* German articles and the determiners declined like them (kein, the
 * possessives, dies-), which glue to the adjective after them ("dieneue
 * Linie", "ihrenzweiten Roman"): the whole word then is none the
 * dictionary knows. */
static const char *const sp_de_articles[] = {
    "der",    "die",    "das",    "den",    "dem",    "des",    "ein",
    "eine",   "einen",  "einem",  "einer",  "eines",  "kein",   "keine",
    "keinen", "keinem", "keiner", "keines", "sein",   "seine",  "seinen",
    "seinem", "seiner", "seines", "ihr",    "ihre",   "ihren",  "ihrem",
    "ihrer",  "ihres",  "unser",  "unsere", "unseren", "unserem",
    "unserer", "diese", "diesen", "diesem", "dieser", "dieses",
};

static const char *const sp_de_aux[] = {
    "wird",   "werden", "wurde",  "wurden", "worden", "sind",
    "waren",  "hatte",  "hatten", "haben",  "kann",   "können",
    "konnte", "soll",   "sollen", "muss",   "müssen", "musste",
};

/* Whether the lower-case word @p s of @p n letters (@p at: where each
 * starts, at[n] its length) is a productive prefix of
 * sp_compound_heads and a known word of four letters or more:
 * "ciberataque", "eurodiputado", a compound of the Romance languages that
 * the dictionary may lack. */
static bool
sp_prefix_compound(const sp_ctx *c, const char *s, const size_t *at, size_t n)
{
    for (size_t m = 2; m + 4 <= n && m <= 7; m++)
        if (sp_in(sp_compound_heads, SP_NELEM(sp_compound_heads), s, at[m]) &&
            sp_known(c, s + at[m], at[n] - at[m]))
            return true;
    return false;
}

/* Bytes of an elided article at the start of @p s ("l'", "dell’",
 * "qu'"), which the language's stop-word or function-word lists hold with
 * its apostrophe (the French and Italian lists have them), when more
 * follows; 0 otherwise. */
static size_t
sp_elided(const sp_ctx *c, const char *s, size_t len)
{
    /* the longest listed form is seven bytes ("lorsqu'") */
    for (size_t k = 1; k < len && k <= 7; k++) {
        size_t al = 0;
        if (s[k] == '\'')
            al = 1;
        else if ((unsigned char)s[k] == 0xE2 && k + 2 < len &&
                 (unsigned char)s[k + 1] == 0x80 &&
                 (unsigned char)s[k + 2] == 0x99)
            al = 3;
        if (!al)
            continue;
        return k + al < len && sp_is_function(c, s, k + al) ? k + al : 0;
    }
    return 0;
}

/*
 * French and Italian, which elide articles and prepositions: a lower-case
 * word with an apostrophe at bytes [ap, ae) of token @p i, unknown to the
 * dictionary, that a lost space glued to its neighbour:
 * - "l'ensemblede": an elided word, then a known word of six letters or
 *   more and a preposition of two letters glued after it;
 * - "fondsd'investissement": a known word of four letters or more, no
 *   function word ("quell'anno"), then an elided "d'" or "l'" and the
 *   word it goes with, known with it;
 * - "ospitidell'albergo": such a word, then a longer elided word of the
 *   language's lists and a known word of four letters or more.
 * Exactly one such split, no address, not a word the document repeats.
 */
static void
sp_glued_elided(sp_ctx *c, size_t i, size_t ap, size_t ae)
{
    const mtl_token *t = &c->doc->toks[i];
    const char *s = sp_text(c, i);
    const char *prim = mtl_lang_primary(c->lang);
    if (!prim || (strcmp(prim, "fr") != 0 && strcmp(prim, "it") != 0) ||
        memchr(s + ae, '\'', t->len - ae) ||
        !mtl_utf8_letters_only(s + ae, t->len - ae) ||
        !mtl_utf8_letters_only(s, ap))
        return;
    size_t split = 0;
    if (ap <= 2) {
        /* the elided word first: the rest ends in a preposition */
        size_t rl = t->len - ae;
        if (rl < 8 || rl - 2 > SP_WORD_MAX)
            return;
        const char *r = s + ae;
        if (!mtl_lexicon_in_section(c->func, r + rl - 2, 2, "preposition") ||
            mtl_utf8_count(r, rl - 2) < 6 || !sp_common(c, r, rl - 2))
            return;
        split = t->len - 2;
    } else if (ap >= 5) {
        /* the elided word after a known one */
        size_t ll = ap - 1;
        if ((s[ll] == 'd' || s[ll] == 'l') && mtl_utf8_count(s, ll) >= 4 &&
            t->len - ae >= 4 && !sp_is_function(c, s, ll) &&
            sp_common(c, s, ll) &&
            mtl_spell(c->ck, c->lang, s + ll, t->len - ll) == 1)
            split = ll;
        /* "ospitidell'albergo": an elided preposition with its article
         * (sp_elided: "dell'", "nell'", "sull'") after such a word, and
         * a known word of four letters or more */
        for (size_t k = ap - 2; !split && k >= 4 && k + 5 >= ap; k--)
            if (sp_elided(c, s + k, t->len - k) == ae - k &&
                mtl_utf8_count(s, k) >= 4 && t->len - ae >= 4 &&
                !sp_is_function(c, s, k) && sp_common(c, s, k) &&
                mtl_spell(c->ck, c->lang, s + ae, t->len - ae) == 1)
                split = k;
        if (!split)
            return;
    } else {
        return;
    }
    if (sp_in_address(c, i) || sp_recurs(c, i))
        return;
    sp_flag_split(c, t, split, "two words glued together");
}

/* sp_glued_lower past its first tests, for a word the dictionary does
 * not know (@p s its bytes): apart, so that the known words, nearly all,
 * neither enter it nor pay for its frame. */
static __attribute__((noinline)) void
sp_glued_lower_unknown(sp_ctx *c, size_t i, const char *s)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    /* letters only, and where each character starts */
    size_t at[SP_GLUE_MAX + 1], n = 0, k = 0;
    while (k < t->len) {
        at[n++] = k;
        int32_t cp = mtl_utf8_next(s, t->len, &k);
        if ((cp == '\'' || cp == 0x2019) && n > 1) {
            sp_glued_elided(c, i, at[n - 1], k);
            return;
        }
        if (cp < 0 || !mtl_cp_is_lower(cp))
            return;
    }
    at[n] = t->len;
    const char *prim = mtl_lang_primary(c->lang);
    bool english = prim && strcmp(prim, "en") == 0;
    bool romance = mtl_lang_romance(c->lang);
    /* a number or an article after the token on its line: what a
     * preposition governs ("flightin 2027", "unitunder the arches") */
    const mtl_token *nx = sp_tok(c, i + 1);
    bool governed = nx && (nx->flags & MTL_TF_SPACE_BEFORE) &&
                    !(nx->flags & MTL_TF_NEWLINE_BEFORE) &&
                    (nx->kind == MTL_TOK_NUMBER ||
                     (nx->kind == MTL_TOK_WORD && nx->len <= SP_WORD_MAX &&
                      mtl_lexicon_in_section(c->func, d->text + nx->start,
                                             nx->len, "article")));
    size_t found = 0, split = 0;
    if (c->noun_caps) {
        /* German: only an auxiliary after a known word of eight letters
         * or more; compounds are words of their own, and so are the
         * separable verbs with their particle ("zuteilwerden",
         * "dabeihaben", "zuteilwird" in a subordinate clause) */
        for (size_t m = 8; m + 4 <= n; m++) {
            size_t ll = at[m], rl = t->len - ll;
            if (sp_in(sp_de_aux, SP_NELEM(sp_de_aux), s + ll, rl) &&
                sp_known(c, s, ll)) {
                found++;
                split = ll;
            }
        }
        /* or an article glued to the adjective of the noun after it
         * ("dieneue Linie", "dasgroße Haus"): a known lower-case word of
         * four letters or more after it, the noun capitalised */
        if (found == 0 && nx && nx->kind == MTL_TOK_WORD &&
            nx->casing == MTL_CASE_TITLE && (nx->flags & MTL_TF_SPACE_BEFORE) &&
            !(nx->flags & MTL_TF_NEWLINE_BEFORE)) {
            for (size_t a = 0; a < SP_NELEM(sp_de_articles); a++) {
                size_t al = strlen(sp_de_articles[a]);
                if (n >= al + 4 && memcmp(s, sp_de_articles[a], al) == 0 &&
                    sp_known(c, s + al, t->len - al)) {
                    found++;
                    split = al;
                }
            }
        }
        if (found != 1 || sp_in_address(c, i) || sp_recurs(c, i))
            return;
        sp_flag_split(c, t, split, "two words glued together");
        return;
    }
    /* "afábrica", "ocampeonato": a one-letter article or preposition of
     * a Romance language, or the article "la" or "le" ("lacarretera",
     * "lebarrage": they make no compounds, though sp_compound_parts holds
     * them for the words they begin, "lavoro"), or Italian "il"
     * ("ilprogetto"), before a known word of six letters or more */
    bool italian = prim && strcmp(prim, "it") == 0;
    size_t al = s[0] == 'a' || s[0] == 'o'                    ? 1
                : s[0] == 'l' && (s[1] == 'a' || s[1] == 'e') ? 2
                : italian && s[0] == 'i' && s[1] == 'l'       ? 2
                                                               : 0;
    /* a singular article before a plural is no pair ("laricios", a pine
     * "la ricios"): the plural's -s in French, Spanish and Portuguese
     * after "la", "le" and Portuguese "a", "o" (Spanish "a" is a
     * preposition), the Italian plural's -i after "il" */
    if (al && prim) {
        char last = s[t->len - 1];
        bool pt = strcmp(prim, "pt") == 0;
        if ((last == 's' && (al == 2 || pt) && !italian) ||
            (italian && al == 2 && s[0] == 'i' && last == 'i'))
            al = 0;
    }
    /* (not a species' name after its genus, a capitalised word the
     * dictionary does not know: "Madrepora oculata") */
    const mtl_token *pv = i > 0 ? sp_tok(c, i - 1) : NULL;
    bool genus = pv && pv->kind == MTL_TOK_WORD &&
                 pv->casing == MTL_CASE_TITLE &&
                 (t->flags & MTL_TF_SPACE_BEFORE) &&
                 mtl_spell_token(c->ck, d, i - 1) == 0;
    if (romance && al && n >= al + 6 && !genus &&
        (al == 1 ? mtl_lexicon_get(c->func, s, 1) != NULL
                 : mtl_lexicon_in_section(c->func, s, 2, "article")) &&
        sp_known(c, s + al, t->len - al) && sp_common(c, s + al, t->len - al)) {
        found++;
        split = al;
    }
    /* and the Portuguese contractions of a preposition and the article
     * ("nosegundo", "dasempresas"), which sp_compound_parts holds for
     * other languages' compounds ("no", "da") */
    bool pt_contraction = false;
    if (!al && prim && strcmp(prim, "pt") == 0 &&
        (s[0] == 'n' || s[0] == 'd') && (s[1] == 'o' || s[1] == 'a')) {
        for (size_t cl = 2; cl <= 3; cl++)
            if ((cl == 2 || s[2] == 's') && n >= cl + 6 &&
                mtl_lexicon_in_section(c->func, s, cl, "article") &&
                sp_known(c, s + cl, t->len - cl) &&
                sp_common(c, s + cl, t->len - cl)) {
                found++;
                split = cl;
                pt_contraction = true;
            }
    }
    /* a productive prefix before a known word is a compound, however
     * else the word splits ("ciberataque" is no "cibera taque") */
    if (romance && sp_prefix_compound(c, s, at, n))
        return;
    for (size_t m = 2; m + 2 <= n; m++) {
        size_t ll = at[m], rl = t->len - ll;
        if (sp_in(sp_suffix_words, SP_NELEM(sp_suffix_words), s + ll, rl) ||
            (pt_contraction && ll <= 3))
            continue;
        /* it "-esiano", an adjective of a place or a person
         * ("valse|siano", "arte|siano"), not the auxiliary after a word
         * ("cittadini|siano") */
        if (rl == 5 && memcmp(s + ll, "siano", 5) == 0 && s[ll - 1] == 'e')
            continue;
        bool lfun = sp_glue_function(c, s, ll, m, true, english) ||
                    (m >= 3 && m <= 7 &&
                     sp_in(sp_number_words, SP_NELEM(sp_number_words), s,
                           ll));
        /* a preposition that also makes compounds ("controanalisi",
         * "sobremesa") */
        if (lfun && sp_in(sp_compound_heads, SP_NELEM(sp_compound_heads), s,
                          ll))
            lfun = false;
        bool rfun = !lfun && sp_glue_function(c, s + ll, rl, n - m, false,
                                              english);
        /* a Romance preposition of two letters after a known word of six
         * letters or more ("accordidi", "presupuestode"), or of four or
         * five before a lower-case word, what it governs ("nubedi
         * cenere", "nuvemde fumo") */
        if (!lfun && !rfun && romance && n - m == 2 &&
            (m >= 6 || (m >= 4 && sp_lower_word_follows(c, i))) &&
            mtl_lexicon_in_section(c->func, s + ll, rl, "preposition"))
            rfun = true;
        bool ok = false;
        if (lfun)
            ok = n - m >= 4 && sp_known(c, s + ll, rl);
        else if (rfun)
            ok = m >= 4 && sp_known(c, s, ll);
        else if (governed && m >= 4 &&
                 mtl_lexicon_in_section(c->func, s + ll, rl, "preposition"))
            /* a preposition that also makes compounds ("login",
             * "takeover"), before what it governs: a compound the
             * dictionary does not know is seldom followed by a number or
             * an article */
            ok = sp_known(c, s, ll);
        else if (romance && m >= 5 && n - m >= 5 &&
                 !sp_in(sp_compound_heads, SP_NELEM(sp_compound_heads), s, ll))
            ok = sp_known(c, s, ll) && sp_known(c, s + ll, rl);
        if (ok) {
            found++;
            split = ll;
        }
    }
    if (found != 1 || sp_in_address(c, i) || sp_is_brand(c, s, t->len) ||
        sp_recurs(c, i))
        return;
    sp_flag_split(c, t, split, "two words glued together");
}

/* Whether the @p len bytes at @p s are a preposition or a conjunction of
 * function-words.txt, whatever other section also lists them. */
static bool
sp_prep_or_conj(const sp_ctx *c, const char *s, size_t len)
{
    return mtl_lexicon_in_section(c->func, s, len, "preposition") ||
           mtl_lexicon_in_section(c->func, s, len, "conjunction");
}

/*
 * "ofthe", "surle", "conel", "mitder": a lower-case word of ASCII letters
 * (four to ten) that the dictionary does not know, a preposition or a
 * conjunction of two letters or more glued to an article of the language
 * (sp_ctx.art), before a word or a number on its line; exactly one such
 * split.  Most words end in no article's last two letters, or start
 * with no preposition's first two (asked inline, sp_ctx.art_end2 and
 * .prep_start2), or are words the dictionary knows.
 */
static __attribute__((noinline)) void
sp_glued_pair(sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    const char *s = sp_text(c, i);
    size_t found = 0, split = 0;
    /* the dictionary (its answer kept per document), then each article
     * it ends with and the function word before it */
    if (mtl_spell_token(c->ck, d, i) != 0)
        return;
    for (unsigned k = 0; k < c->nart; k++) {
        size_t al = c->art_len[k], ll = t->len - al;
        if (t->len >= al + 2 && memcmp(s + ll, c->art[k], al) == 0 &&
            sp_prep_or_conj(c, s, ll)) {
            found++;
            split = ll;
        }
    }
    if (found != 1)
        return;
    const mtl_token *nx = sp_tok(c, i + 1);
    if (!nx || !(nx->flags & MTL_TF_SPACE_BEFORE) ||
        (nx->flags & MTL_TF_NEWLINE_BEFORE) ||
        !(nx->kind == MTL_TOK_WORD || nx->kind == MTL_TOK_NUMBER) ||
        sp_in_address(c, i) || sp_recurs(c, i) ||
        /* a piece of a torn word ("l'ospe dale") */
        mtl_flags_overlap(c->out, "spacing", t->start, t->start + t->len))
        return;
    sp_flag_split(c, t, split, "two words glued together");
}

/* Inline: mtl_spacing_run asks it of every lower-case word of seven
 * letters or more, and most leave at the dictionary's answer. */
__attribute__((always_inline)) static inline void
sp_glued_lower(sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (!c->dict || t->nchars < 7 || t->nchars > SP_GLUE_MAX ||
        (t->flags & MTL_TF_DIGIT) || t->len > SP_WORD_MAX)
        return;
    const char *s = sp_text(c, i);
    /* a full stop inside: Hunspell reads the two words apart (not in a
     * word of ASCII letters only, most words) */
    const char *dot =
        (t->flags & MTL_TF_ALPHA) ? NULL : memchr(s, '.', t->len);
    if (dot) {
        sp_glued_stop_lower(c, i, (size_t)(dot - s));
        return;
    }
    /* the dictionary's answer first: the statistics have it for most
     * words, and it is yes for nearly all */
    if (mtl_spell_token(c->ck, d, i) != 0)
        return;
    sp_glued_lower_unknown(c, i, s);
}

/* English function words that a lost space glues after a name
 * ("Cardiffto face Wales"); not the particles that end names and
 * compounds ("Wilson", "Milton", "Berlin"). */
static const struct {
    char w[5];
    uint8_t len;
} sp_name_glue_en[] = {
    {"to", 2},   {"of", 2},   {"and", 3},  {"the", 3},  {"for", 3},
    {"from", 4}, {"with", 4}, {"into", 4}, {"that", 4},
};

/* True if the @p n bytes at @p s end with sp_name_glue_en[k]: the last
 * byte first, where most words differ. */
static inline bool
sp_name_glue_at(size_t k, const char *s, size_t n)
{
    size_t fl = sp_name_glue_en[k].len;
    return s[n - 1] == sp_name_glue_en[k].w[fl - 1] &&
           memcmp(s + n - fl, sp_name_glue_en[k].w, fl) == 0;
}

/*
 * "South Africa travel to Cardiffto face Wales": in English, a
 * capitalised word the dictionary does not know that is a name the
 * dictionary knows (capitalised only: "Cardiff", not "Modes" of
 * "Modesto") and a function word glued after it, before a lower-case
 * word on the line.  Written once in the document, no brand, no address,
 * not the names detector's.
 */
static void
sp_glued_name_function(sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (!c->en || !c->dict || t->nchars < 6 || t->len > SP_GLUE_MAX ||
        !(t->flags & MTL_TF_ASCII) || (t->flags & MTL_TF_DIGIT) ||
        !sp_lower_word_follows(c, i))
        return;
    const char *s = sp_text(c, i);
    size_t split = 0;
    for (size_t k = 0; k < SP_NELEM(sp_name_glue_en); k++) {
        size_t fl = sp_name_glue_en[k].len;
        if (t->len >= fl + 4 && sp_name_glue_at(k, s, t->len)) {
            split = t->len - fl;
            break;
        }
    }
    if (!split || mtl_spell_token(c->ck, d, i) != 0)
        return;
    char low[SP_GLUE_MAX + 1];
    memcpy(low, s, split);
    low[0] = (char)(low[0] - 'A' + 'a');
    if (!sp_known(c, s, split) || sp_known(c, low, split) ||
        sp_in_address(c, i) || sp_is_brand(c, s, t->len) || sp_recurs(c, i) ||
        sp_name_owned(c, t->start, t->start + t->len))
        return;
    sp_flag_split(c, t, split, "name glued to the next word");
}

/*
 * "Thecompany said", "Shesaid the", "Lesrésultats montrent": a sentence's
 * first word, title case, that the dictionary does not know in any case,
 * made of an article or a pronoun of the language (function-words.txt)
 * of three letters or more and a known word of five letters or more (four
 * leave surnames: "Theroux", "Hereford"), in exactly one way, before a
 * lower-case word.  Not where nouns are
 * capitalised (German compounds), not where the first part starts names
 * (name-particles.txt: "Desjardins", "Delmonte") unless a plural article
 * and a plural make it (below), not a listed given name, not a word the
 * document writes twice (a surname: "Theroux").
 */
static void
sp_glued_title_start(sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (c->noun_caps || !c->dict || !c->func ||
        !(t->flags & MTL_TF_SENT_START) || t->nchars < 8 ||
        t->nchars > SP_GLUE_MAX || t->len > SP_WORD_MAX ||
        (t->flags & MTL_TF_DIGIT) || !sp_lower_word_follows(c, i) ||
        mtl_spell_token(c->ck, d, i) != 0)
        return;
    const char *s = sp_text(c, i);
    char low[SP_WORD_MAX + 8];
    size_t ll = mtl_utf8_lower(s, t->len, low, sizeof low);
    if (ll != t->len || !mtl_utf8_letters_only(low, ll) ||
        sp_known(c, low, ll))
        return;
    const mtl_lexicon *parts =
        mtl_lang_lexicon_all(c->lang, "name-particles");
    size_t found = 0, split = 0, k = 0, nch = 0;
    while (k < ll && nch < 5) {
        mtl_utf8_next(low, ll, &k);
        nch++;
        /* a plural article ("les", "los", pt "os") before a plural of six
         * letters or more ("Lesrésultats", "Osestaleiros"): the plural on
         * both sides holds no surname, whatever the particles ("des"
         * starts many: "Deschamps", "Desjardins") */
        bool plural = nch >= 2 && low[k - 1] == 's' &&
                      !(k == 3 && memcmp(low, "des", 3) == 0) &&
                      t->nchars - nch >= 6 &&
                      (low[ll - 1] == 's' || low[ll - 1] == 'x') &&
                      mtl_lexicon_in_section(c->func, low, k, "article");
        if ((nch < 3 && !plural) || t->nchars - nch < 5)
            continue;
        const mtl_lex_entry *e = mtl_lexicon_get(c->func, low, k);
        if (!plural &&
            (!e ||
             (strcmp(e->section, "article") != 0 &&
              strcmp(e->section, "pronoun") != 0) ||
             (parts && mtl_lexicon_has_fold(parts, low, k))))
            continue;
        if (sp_known(c, low + k, ll - k) && sp_common(c, low + k, ll - k)) {
            found++;
            split = k;
        }
    }
    if (found != 1 ||
        mtl_lexicon_has(mtl_lang_lexicon_all(c->lang, "given-names"), s,
                        t->len) ||
        sp_in_address(c, i) || sp_is_brand(c, s, t->len) || sp_recurs(c, i) ||
        sp_name_owned(c, t->start, t->start + t->len))
        return;
    sp_flag_split(c, t, split, "two words glued together");
}

/*
 * "Preisefür Strom", "Kostenmit der": in German, a capitalised word the
 * dictionary does not know that is a known word of five letters or more
 * and a preposition, conjunction or verb no compound ends in
 * (sp_de_preps: "Hintergrund" leaves no known word before "und",
 * "Verlag" none before "lag"), before a word on
 * its line; not in an address, not a word the document writes twice.
 */
static bool sp_word_follows(const sp_ctx *c, size_t i);

static void
sp_glued_de_prep(sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (!c->noun_caps || !c->dict || t->nchars < 8 ||
        t->nchars > SP_GLUE_MAX || t->len > SP_WORD_MAX ||
        (t->flags & MTL_TF_DIGIT) || !sp_word_follows(c, i) ||
        mtl_spell_token(c->ck, d, i) != 0)
        return;
    const char *s = sp_text(c, i);
    size_t found = 0, split = 0;
    for (size_t k = 0; k < SP_NELEM(sp_de_preps); k++) {
        size_t pl = strlen(sp_de_preps[k]);
        if (t->len < pl + 5 ||
            memcmp(s + t->len - pl, sp_de_preps[k], pl) != 0 ||
            !sp_known(c, s, t->len - pl))
            continue;
        found++;
        split = t->len - pl;
    }
    if (found != 1 || sp_in_address(c, i) || sp_recurs(c, i) ||
        sp_name_owned(c, t->start, t->start + t->len))
        return;
    sp_flag_split(c, t, split, "two words glued together");
}

/* An abbreviation of the language's own lists (abbreviations, titles). */
static bool
sp_is_lang_abbrev(const sp_ctx *c, const char *s, size_t len)
{
    char buf[SP_WORD_MAX + 2];
    if (len + 1 >= sizeof buf)
        return false;
    memcpy(buf, s, len);
    buf[len] = '.';
    return mtl_lexicon_has_fold(c->abbrev, buf, len + 1) ||
           mtl_lexicon_has_fold(c->abbrev, s, len) ||
           mtl_lexicon_has_fold(c->titles, s, len) ||
           mtl_lexicon_has_fold(c->titles, buf, len + 1);
}

static bool
sp_is_abbrev(const sp_ctx *c, const char *s, size_t len)
{
    return sp_is_lang_abbrev(c, s, len) ||
           sp_in_lower(sp_abbrevs, SP_NELEM(sp_abbrevs), s, len);
}

static bool
sp_is_tld(const sp_ctx *c, const char *s, size_t len)
{
    if (mtl_lexicon_has_fold(c->tlds, s, len))
        return true;
    return sp_in_lower(sp_tlds, SP_NELEM(sp_tlds), s, len);
}

/* Two or more letters, all upper case. */
static bool
sp_upper_word(const char *s, size_t len, size_t *nchars)
{
    size_t i = 0, n = 0;
    while (i < len) {
        int32_t cp = mtl_utf8_next(s, len, &i);
        if (cp < 0 || !u_isupper(cp))
            return false;
        n++;
    }
    *nchars = n;
    return n >= 2;
}

/* A lower-case word follows token i after a space on the same line. */
static bool
sp_lower_word_follows(const sp_ctx *c, size_t i)
{
    const mtl_token *nx = sp_tok(c, i + 1);
    return nx && nx->kind == MTL_TOK_WORD && nx->casing == MTL_CASE_LOWER &&
           (nx->flags & MTL_TF_SPACE_BEFORE) &&
           !(nx->flags & MTL_TF_NEWLINE_BEFORE);
}

/* A word follows token i after white space on the same line. */
static bool
sp_word_follows(const sp_ctx *c, size_t i)
{
    const mtl_token *nx = sp_tok(c, i + 1);
    return nx && nx->kind == MTL_TOK_WORD && (nx->flags & MTL_TF_LETTER) &&
           (nx->flags & MTL_TF_SPACE_BEFORE) &&
           !(nx->flags & MTL_TF_NEWLINE_BEFORE);
}

/* A sentence start of one letter after a full stop ("urgência.A
 * direção", "parque.A las", "médiathèque.À partir"): a function word of
 * the language, capitalised, with a word after it; initials, grades and
 * classes ("Plan.B", "Class.A") are letters that are no function word or
 * come after a capitalised or short word (the caller checks the word
 * before). */
static bool
sp_letter_start(const sp_ctx *c, const char *s, size_t len, size_t next)
{
    size_t nch = 0;
    return sp_shape(s, len, &nch) == SP_SHAPE_TITLE && nch == 1 &&
           sp_is_function(c, s, len) && sp_word_follows(c, next);
}

/* "report.The" inside one word token. */
static void
sp_glued_sentence_in_token(const sp_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    const char *s = sp_text(c, i);
    if (t->kind != MTL_TOK_WORD || t->len > SP_WORD_MAX ||
        (t->flags & MTL_TF_DIGIT) || !memchr(s, '.', t->len))
        return;
    if (sp_in_address(c, i) && !sp_hyphen_word_end(c, i))
        return;
    /* parts between the dots */
    size_t off[SP_PARTS_MAX + 1], n = 0;
    off[n++] = 0;
    for (size_t k = 0; k < t->len; k++) {
        if (s[k] != '.')
            continue;
        if (n == SP_PARTS_MAX)
            return;
        off[n++] = k + 1;
    }
    off[n] = t->len + 1; /* as if a dot followed the token */
    for (size_t k = 0; k < n; k++) {
        const char *pt = s + off[k];
        size_t pl = off[k + 1] - 1 - off[k], pch = 0, lch0 = 0;
        if (!sp_is_tld(c, pt, pl))
            continue;
        /* "yuan.Net profit": a host name is written in lower case, so a
         * capitalised last part that is an ordinary word ("Net",
         * "Info"; not "Com", "Csv"), after a lower-case word, with the
         * sentence going on in lower case, starts a sentence */
        if (n == 2 && k == 1 && sp_shape(pt, pl, &pch) == SP_SHAPE_TITLE &&
            pch >= 3 && sp_common(c, pt, pl) &&
            !sp_in_lower(sp_tld_only, SP_NELEM(sp_tld_only), pt, pl) &&
            sp_shape(s, off[1] - 1, &lch0) == SP_SHAPE_LOWER && lch0 >= 3 &&
            sp_lower_word_follows(c, i))
            continue;
        return;
    }
    if (sp_is_brand(c, s, t->len))
        return;
    bool split[SP_PARTS_MAX] = {false};
    bool any = false;
    for (size_t k = 0; k + 1 < n; k++) {
        const char *l = s + off[k];
        size_t ll = off[k + 1] - 1 - off[k];
        const char *r = s + off[k + 1];
        size_t rl = off[k + 2] - 1 - off[k + 1];
        /* an elided article before the first word ("l'écart.Le") is no
         * part of it; one capitalised before the second
         * ("azienda.L'assemblea") starts a sentence */
        size_t el = sp_elided(c, l, ll);
        l += el, ll -= el;
        size_t er = sp_elided(c, r, rl);
        size_t lch = 0, rch = 0;
        int ls = sp_shape(l, ll, &lch);
        /* (an English possessive is the word's: "assessment.Belgium's") */
        size_t rs_len = rl;
        if (rl > 4 && r[rl - 1] == 's' && r[rl - 2] == '\'')
            rs_len = rl - 2;
        else if (rl > 6 && r[rl - 1] == 's' &&
                 memcmp(r + rl - 4, "\xE2\x80\x99", 3) == 0)
            rs_len = rl - 4;
        int rs = sp_shape(r + er, rs_len - er, &rch);
        bool rstart;
        if (er) {
            size_t at = 0;
            rstart = mtl_cp_is_upper(mtl_utf8_next(r, rl, &at)) &&
                     rs != SP_SHAPE_OTHER;
            rs = rstart ? SP_SHAPE_TITLE : SP_SHAPE_OTHER;
        } else {
            rstart = rs == SP_SHAPE_TITLE && sp_is_starter(c, r, rl);
        }
        /* "urgência.A direção": a lower-case word, then a sentence
         * start of one letter; or a name of four letters or more that
         * the dictionary does not know, then an article of one letter
         * with the sentence going on in lower case ("Barcarena.O
         * governo"), except in English, where a capital after a surname
         * is as often an initial ("Kowalski.A"); grades and classes
         * ("Plan.B", "Class.A") follow ordinary words */
        bool letter = rch == 1 && !er && k + 2 == n &&
                      ((ls == SP_SHAPE_LOWER && lch >= 3) ||
                       (ls == SP_SHAPE_TITLE && lch >= 4 &&
                        sp_lower_word_follows(c, i) &&
                        strcmp(mtl_lang_primary(c->lang), "en") != 0 &&
                        mtl_lexicon_in_section(c->func, r, rl, "article") &&
                        !sp_common(c, l, ll))) &&
                      sp_letter_start(c, r, rl, i);
        if (ls == SP_SHAPE_OTHER && sp_upper_word(l, ll, &lch) && rstart &&
            k + 2 == n && sp_lower_word_follows(c, i) &&
            !sp_is_abbrev(c, l, ll)) {
            /* an acronym ends the sentence: "NATO.The alliance" */
            split[k] = true;
            any = true;
            continue;
        }
        if (ls == SP_SHAPE_OTHER || rs != SP_SHAPE_TITLE || lch < 2 ||
            (rch < 2 && !letter))
            continue;
        /* the built-in list is mostly English, and some of its
         * abbreviations are ordinary words elsewhere when written in
         * lower case (Portuguese and Spanish "mar", sea: "do mar.O
         * secretário", "del mar.El barco"): before an article that
         * starts the next sentence, going on in lower case, outside
         * English, only the language's own lists make a lower-case word
         * an abbreviation */
        if (sp_is_abbrev(c, l, ll) &&
            !(ls == SP_SHAPE_LOWER && rs == SP_SHAPE_TITLE && c->dict &&
              (letter || (k + 2 == n && sp_lower_word_follows(c, i))) &&
              strcmp(mtl_lang_primary(c->lang), "en") != 0 &&
              mtl_lexicon_in_section(c->func, r, rl, "article") &&
              !sp_is_lang_abbrev(c, l, ll) && sp_known(c, l, ll)))
            continue;
        if (c->dict) {
            /* a name the dictionary does not know may start the sentence
             * too ("court.Belov told"), when it ends the token, follows a
             * lower-case word and the sentence goes on in lower case */
            if (!sp_known(c, l, ll)) {
                /* and a name may end the sentence before it
                 * ("Littenweiler.Für den"): a function word starts the
                 * next, which goes on in lower case; or, in a language
                 * that writes its nouns in lower case, a word the
                 * dictionary knows in lower case ("Amanuel.Tourists
                 * pay", "Kovalam.Officials said") */
                if (!(lch >= 4 && k + 2 == n && mtl_utf8_letters_only(l, ll) &&
                      sp_lower_word_follows(c, i) &&
                      (rstart ||
                       (ls == SP_SHAPE_TITLE && !c->noun_caps && rch >= 3 &&
                        mtl_utf8_letters_only(r, rl) &&
                        sp_common(c, r, rl)))))
                    continue;
            } else if (!(rstart || sp_known(c, r, rl) ||
                         (k + 2 == n && ls == SP_SHAPE_LOWER && lch >= 3 &&
                          rch >= 3 && mtl_utf8_letters_only(r, rl) &&
                          sp_lower_word_follows(c, i)))) {
                continue;
            }
        } else if (!rstart || lch < 3) {
            continue;
        }
        split[k] = true;
        any = true;
    }
    if (!any || sp_name_owned(c, t->start, t->start + t->len))
        return;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    for (size_t k = 0; k < n; k++) {
        if (k > 0)
            mtl_strbuf_puts(&sb, split[k - 1] ? ". " : ".");
        mtl_strbuf_put(&sb, s + off[k], off[k + 1] - 1 - off[k]);
    }
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_add(c->out, MTL_RULE_SPACING_GLUED_SENTENCE, t->start,
                  t->start + t->len, "no space after the full stop",
                  sb.data);
    mtl_strbuf_free(&sb);
}

/* "said!The", "2024.The": a sentence-ending punctuation token glued on
 * both sides. */
static void
sp_glued_sentence_punct(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (t->kind != MTL_TOK_PUNCT || i == 0 || i + 1 >= d->ntoks)
        return;
    /* glued on both sides first: that is rarer than the marks */
    if (!mtl_tok_glued_prev(d, i) || !mtl_tok_glued_prev(d, i + 1))
        return;
    uint32_t cp = mtl_tok_first_cp(d, t);
    if (cp != '.' && cp != '!' && cp != '?' && cp != 0x2026)
        return;
    const mtl_token *p = &d->toks[i - 1];
    const mtl_token *n = &d->toks[i + 1];
    /* "subieron un 0,4%.La inflación": a percent sign glued to its
     * number ends the sentence as a word does */
    bool pct = p->kind == MTL_TOK_PUNCT && p->len == 1 &&
               d->text[p->start] == '%' && i >= 2 &&
               mtl_tok_glued_prev(d, i - 1) &&
               d->toks[i - 2].kind == MTL_TOK_NUMBER;
    /* "einzusetzen.„Wir erwarten": a quotation opens the next sentence
     * with a mark that only ever opens one (the German low quote, the
     * Spanish inverted marks), glued to a capitalised word; the quote
     * marks that also close ("said."The) are the quotes detector's */
    size_t ni = i + 1;
    if (n->kind == MTL_TOK_PUNCT && cp == '.' && ni + 1 < d->ntoks &&
        mtl_tok_glued_prev(d, ni + 1)) {
        uint32_t qc = mtl_tok_first_cp(d, n);
        if (qc != 0x201E && qc != 0xBF && qc != 0xA1)
            return;
        if (p->kind != MTL_TOK_WORD || p->casing != MTL_CASE_LOWER ||
            p->nchars < 3)
            return;
        ni++;
        n = &d->toks[ni];
        if (n->casing != MTL_CASE_TITLE || n->nchars < 2 ||
            !mtl_tok_letters_only(sp_text(c, ni), n))
            return;
    }
    if (n->kind != MTL_TOK_WORD || n->len > SP_WORD_MAX)
        return;
    const char *ns = sp_text(c, ni);
    if (ni > i + 1) {
        /* the quotation's first word: any capitalised word */
    } else if (n->nchars == 1) {
        /* "Monday!A new date": after a lower-case word or a year */
        if (!sp_letter_start(c, ns, n->len, i + 1) ||
            !((p->kind == MTL_TOK_WORD && p->casing == MTL_CASE_LOWER &&
               p->nchars >= 3) ||
              p->kind == MTL_TOK_NUMBER || pct))
            return;
    } else if (n->casing != MTL_CASE_TITLE ||
               !mtl_tok_letters_only(ns, n)) {
        return;
    } else if (!sp_is_starter(c, ns, n->len) && !pct) {
        /* "in 2026.Growth in the region": after a year, an ordinary
         * word that the sentence goes on from in lower case; a name
         * ("2026.Paris") or a heading may follow a year otherwise */
        if (p->kind != MTL_TOK_NUMBER || !sp_is_year(sp_text(c, i - 1), p->len) ||
            n->nchars < 3 || !sp_common(c, ns, n->len) ||
            !sp_lower_word_follows(c, i + 1))
            return;
    }
    if (p->kind == MTL_TOK_NUMBER) {
        /* "in 2024.The": a year, never "am 3.Oktober" */
        if (cp != '.' || p->len != 4)
            return;
    } else if (p->kind == MTL_TOK_WORD) {
        if (p->len > SP_WORD_MAX)
            return;
        /* "Weather2024.The" ends in a digit, "said!The" in a letter */
        const char *ps = sp_text(c, i - 1);
        if (sp_is_brand(c, ps, p->len) || sp_is_abbrev(c, ps, p->len))
            return;
    } else if (pct) {
        /* after a share, an ordinary word that the sentence goes on from
         * in lower case, or a starter ("6,6%.A próxima") */
        if (cp != '.' || (!sp_is_starter(c, ns, n->len) &&
                          (n->nchars < 3 || !sp_common(c, ns, n->len) ||
                           !sp_lower_word_follows(c, i + 1))))
            return;
        p = &d->toks[i - 2];
    } else {
        return;
    }
    if (sp_in_address(c, i - 1) || sp_glued_char_after(c, ni, '.') ||
        sp_glued_char_after(c, ni, '/'))
        return;
    if (sp_name_owned(c, p->start, n->start + n->len))
        return;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, d->text + p->start, d->toks[i + 1].start - p->start);
    mtl_strbuf_putc(&sb, ' ');
    mtl_strbuf_put(&sb, d->text + d->toks[i + 1].start,
                   n->start + n->len - d->toks[i + 1].start);
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_add(c->out, MTL_RULE_SPACING_GLUED_SENTENCE, p->start,
                  n->start + n->len, "no space after the end of a sentence",
                  sb.data);
    mtl_strbuf_free(&sb);
}

/* --------------------------------------------------------- glued number */

static bool
sp_digits(const char *s, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (!mtl_is_digit((unsigned char)s[k]))
            return false;
    return len > 0;
}

/* A date or time continues glued after token i: "-04-07", "/04", ":30". */
static bool
sp_date_follows(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    if (i + 2 >= d->ntoks || !mtl_tok_glued_prev(d, i + 1) ||
        !mtl_tok_glued_prev(d, i + 2))
        return false;
    const mtl_token *sep = &d->toks[i + 1];
    const mtl_token *num = &d->toks[i + 2];
    if (num->kind != MTL_TOK_NUMBER || num->len > 2)
        return false;
    return mtl_tok_is_char(d, sep, '-') || mtl_tok_is_char(d, sep, '/') ||
           mtl_tok_is_char(d, sep, ':') || mtl_tok_is_char(d, sep, '.');
}

/* A date or number ends glued before token i: "2024-04-" before "07W". */
static bool
sp_date_precedes(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    if (i < 2 || !mtl_tok_glued_prev(d, i) || !mtl_tok_glued_prev(d, i - 1))
        return false;
    const mtl_token *sep = &d->toks[i - 1];
    const mtl_token *num = &d->toks[i - 2];
    if (num->kind != MTL_TOK_NUMBER)
        return false;
    return mtl_tok_is_char(d, sep, '-') || mtl_tok_is_char(d, sep, '/') ||
           mtl_tok_is_char(d, sep, ':') || mtl_tok_is_char(d, sep, '.');
}

static bool
sp_is_year(const char *s, size_t len)
{
    return len == 4 && sp_digits(s, len) &&
           ((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0'));
}

/* "alcanzó4,21 %", "a capacity of1.2 gigawatts": a lower-case word glued
 * to a decimal number (one to three digits, a point or a comma, one to
 * three digits) that a percent sign or a lower-case word follows, or a
 * count in thousands that ends its sentence ("counted82,000."): a
 * preposition of two letters or more, or an ordinary word of four
 * letters or more.  Versions and models ("v1.2", "iOS17.4") have a
 * letter, a capital or a name first; units ("km2.5") are skipped. */
static void
sp_glued_decimal(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    const char *s = sp_text(c, i);
    if (!(t->flags & MTL_TF_SPACE_BEFORE))
        return;
    size_t k = 0;
    while (k < t->len && !mtl_is_digit((unsigned char)s[k]))
        k++;
    size_t wl = k, a = k;
    while (k < t->len && mtl_is_digit((unsigned char)s[k]))
        k++;
    size_t int_digits = k - a;
    if (wl == 0 || int_digits == 0 || int_digits > 3 || k + 1 >= t->len ||
        (s[k] != '.' && s[k] != ','))
        return;
    size_t b = ++k;
    while (k < t->len && mtl_is_digit((unsigned char)s[k]))
        k++;
    if (k != t->len || k - b == 0 || k - b > 3)
        return;
    size_t nch = 0;
    if (sp_shape(s, wl, &nch) != SP_SHAPE_LOWER || nch < 2)
        return;
    bool prep = mtl_lexicon_in_section(c->func, s, wl, "preposition");
    if (!prep && nch < 4)
        return;
    /* what follows: a percent sign, or a lower-case word on the line; or
     * the sentence's end after a count in thousands, written with the
     * language's separator ("the police counted82,000."; not a version,
     * "release1.100.") */
    const mtl_token *nx = sp_tok(c, i + 1);
    if (!nx || (nx->flags & MTL_TF_NEWLINE_BEFORE))
        return;
    char thousands = c->en ? ',' : '.';
    bool count_end = k - b == 3 && s[b - 1] == thousands && !prep &&
                     mtl_tok_is_char(d, nx, '.') &&
                     mtl_tok_glued_prev(d, i + 1);
    if (count_end) {
        const mtl_token *n2 = sp_tok(c, i + 2);
        count_end = !n2 || (n2->flags & MTL_TF_NEWLINE_BEFORE) ||
                    ((n2->flags & MTL_TF_SPACE_BEFORE) &&
                     (n2->flags & MTL_TF_UPPER_START));
    }
    if (!(mtl_tok_is_char(d, nx, '%') || sp_lower_word_follows(c, i) ||
          count_end))
        return;
    if (sp_in_address(c, i) ||
        sp_in_lower(sp_num_suffixes, SP_NELEM(sp_num_suffixes), s, wl) ||
        mtl_lexicon_has_fold(c->units, s, wl) || sp_is_brand(c, s, wl) ||
        !sp_common(c, s, wl))
        return;
    if (sp_name_owned(c, t->start, t->start + t->len))
        return;
    char sug[SP_WORD_MAX + 2];
    if (sp_split_text(c, t, wl, sug))
        mtl_flags_addf(c->out, MTL_RULE_SPACING_GLUED_NUMBER, t->start,
                       t->start + t->len, sug, "word glued to a number");
}

/* Words written glued after a number in correct text: "a 10fold rise",
 * "50plus", German "3fach", "20jährige", Italian "40enne", "20esimo",
 * "95mila" (thousand), Spanish "12avo". */
static const char *const sp_number_bound[] = {
    "fold", "plus", "fach", "mal", "jährig", "jährige", "jähriger",
    "jährigen", "jähriges", "stellig", "teilig", "prozentig", "seitig",
    "tägig", "enne", "enni", "esimo", "esima", "avo", "ava", "ish",
    "mila",
};

/* Running text goes on after token i: a lower-case word after white
 * space on its line (or a capitalised one where nouns are), a mark that
 * ends a clause, or the end of the line. */
static bool
sp_prose_follows(const sp_ctx *c, size_t i)
{
    const mtl_token *nx = sp_tok(c, i + 1);
    if (!nx)
        return true;
    if (nx->flags & MTL_TF_NEWLINE_BEFORE)
        return true;
    if (nx->kind == MTL_TOK_WORD)
        return (nx->casing == MTL_CASE_LOWER ||
                (c->noun_caps && nx->casing == MTL_CASE_TITLE)) &&
               (nx->flags & MTL_TF_SPACE_BEFORE);
    uint32_t cp = mtl_tok_first_cp(c->doc, nx);
    return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == ')' ||
           cp == '!' || cp == '?';
}

/* Amounts that British house style writes glued to a price
 * ("£38million", "$2billion"). */
static const char *const sp_magnitudes[] = {
    "million", "millions", "billion", "billions", "trillion", "trillions",
};

/* Whether @p w is an article, a conjunction or a preposition of the
 * language of two letters or more ("avec", "per", "in", "and"). */
static bool
sp_glue_word(const sp_ctx *c, const char *w, size_t wl, size_t nch)
{
    return nch >= 2 && (sp_prep_or_conj(c, w, wl) ||
                        mtl_lexicon_in_section(c->func, w, wl, "article"));
}

/*
 * "costerà 22euro e", "over 65anni.", "bis zu 1,6Milliarden Euro": a
 * count of two or three digits, or a decimal, glued to an ordinary word
 * of four letters or more that follows it, in running text: a lower-case
 * word before it after white space on its line, and a lower-case word or
 * a clause mark after it.  Also a year of 1900-2099 ("printemps 2027avec
 * un"), a price after its currency sign ("above $4.35per pound"), the
 * seconds of a time ("in 2:09:58in 18th place"), and an article, a
 * conjunction or a preposition of two letters or more glued after the
 * number (before a number too: "58in 18th").  A price glued to its
 * amount is house style ("£38million").  A single digit is left
 * alone ("4ever", "2day", "5Live"), and so are units and ordinals
 * ("10km", "25th", "3ème", "1990er", "1990s"; after a time's seconds only
 * the glued function word is looked at, "58in" being no inches there),
 * words that are written glued to numbers ("10fold", "40enne"), codes and
 * models (a token glued to what precedes it: "COVID-19", "Cas9"), and a
 * capitalised word outside the languages that capitalise nouns
 * ("99Designs", "23andMe").  Token i starts with a digit.
 */
/* Between tokens @p a and @p b there is one space, a no-break space or a
 * narrow one: the separator of a group of thousands ("1 500"). */
static bool
sp_thousands_gap(const mtl_doc *d, size_t a, size_t b)
{
    size_t from = d->toks[a].start + d->toks[a].len, to = d->toks[b].start;
    const char *g = d->text + from;
    return (to - from == 1 && g[0] == ' ') ||
           (to - from == 2 && memcmp(g, "\xC2\xA0", 2) == 0) ||
           (to - from == 3 && memcmp(g, "\xE2\x80\xAF", 3) == 0);
}

static void
sp_glued_count(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    const char *s = sp_text(c, i);
    if ((t->flags & MTL_TF_NEWLINE_BEFORE) || i == 0)
        return;
    /* what the number starts after: white space, a currency sign after
     * white space ("$4.35per"), or the minutes of a time ("2:09:58in") */
    size_t first = i;
    bool time = false, money = false;
    if (!(t->flags & MTL_TF_SPACE_BEFORE)) {
        const mtl_token *p = &d->toks[i - 1];
        uint32_t cp = p->kind == MTL_TOK_PUNCT ? mtl_tok_first_cp(d, p) : 0;
        if ((cp == '$' || cp == 0x20AC || cp == 0xA3 || cp == 0xA5) &&
            p->nchars == 1 && i >= 2 && (p->flags & MTL_TF_SPACE_BEFORE) &&
            !(p->flags & MTL_TF_NEWLINE_BEFORE)) {
            first = i - 1;
            money = true;
        } else if (cp == ':' && p->nchars == 1 && i >= 3 &&
                   t->len > 2 && mtl_is_digit((unsigned char)s[0]) &&
                   mtl_is_digit((unsigned char)s[1]) &&
                   !mtl_is_digit((unsigned char)s[2])) {
            /* h:mm:ss or h:mm, the first part after white space */
            size_t k = i - 1;
            while (k >= 2 && d->toks[k].kind == MTL_TOK_PUNCT &&
                   d->toks[k].nchars == 1 &&
                   mtl_tok_first_cp(d, &d->toks[k]) == ':' &&
                   mtl_tok_glued_prev(d, k) &&
                   d->toks[k - 1].kind == MTL_TOK_NUMBER &&
                   d->toks[k - 1].len <= 2 && mtl_tok_glued_prev(d, k))
                k -= 2;
            k++;
            if (k == i || !(d->toks[k].flags & MTL_TF_SPACE_BEFORE) ||
                (d->toks[k].flags & MTL_TF_NEWLINE_BEFORE) ||
                d->toks[k].kind != MTL_TOK_NUMBER)
                return;
            first = k;
            time = true;
        } else {
            return;
        }
        if (first == 0)
            return;
    }
    /* digits, at most one decimal mark and digits, then letters */
    size_t k = 0;
    while (k < t->len && mtl_is_digit((unsigned char)s[k]))
        k++;
    size_t int_digits = k;
    bool decimal = false;
    if (k + 1 < t->len && (s[k] == '.' || s[k] == ',') &&
        mtl_is_digit((unsigned char)s[k + 1])) {
        size_t b = ++k;
        while (k < t->len && mtl_is_digit((unsigned char)s[k]))
            k++;
        if (k - b > 3)
            return;
        decimal = true;
    }
    bool year = !decimal && !time && first == i && int_digits == 4 &&
                sp_is_year(s, 4);
    if (int_digits == 0 || (int_digits > 3 && !year) ||
        (int_digits < 2 && !decimal && first == i))
        return;
    const char *w = s + k;
    size_t wl = t->len - k, nch = 0;
    int shape = sp_shape(w, wl, &nch);
    if (shape == SP_SHAPE_OTHER ||
        (shape == SP_SHAPE_TITLE && !c->noun_caps))
        return;
    bool glue = shape == SP_SHAPE_LOWER && sp_glue_word(c, w, wl, nch);
    if ((nch < 4 && !glue) || (time && !glue))
        return;
    /* (a group of thousands before it, "1 500euros", belongs to the
     * number: the word before that one) */
    if (!time && !money && !decimal && int_digits == 3 && first == i &&
        i >= 2 && d->toks[i - 1].kind == MTL_TOK_NUMBER &&
        d->toks[i - 1].len <= 3 && sp_thousands_gap(d, i - 1, i) &&
        (d->toks[i - 1].flags & MTL_TF_SPACE_BEFORE) &&
        !(d->toks[i - 1].flags & MTL_TF_NEWLINE_BEFORE))
        first = i - 1;
    /* the word before: lower case, after white space, on the line; after
     * it running text, or a number after a glued function word */
    const mtl_token *p = &d->toks[first - 1];
    const mtl_token *nx = sp_tok(c, i + 1);
    if (p->kind != MTL_TOK_WORD || p->casing != MTL_CASE_LOWER ||
        !(sp_prose_follows(c, i) ||
          (glue && nx && nx->kind == MTL_TOK_NUMBER &&
           (nx->flags & MTL_TF_SPACE_BEFORE) &&
           !(nx->flags & MTL_TF_NEWLINE_BEFORE))))
        return;
    if ((!time && (sp_in_lower(sp_num_suffixes, SP_NELEM(sp_num_suffixes), w,
                               wl) ||
                   mtl_lexicon_has_fold(c->units, w, wl))) ||
        sp_in_lower(sp_number_bound, SP_NELEM(sp_number_bound), w, wl) ||
        (money && sp_in_lower(sp_magnitudes, SP_NELEM(sp_magnitudes), w, wl)) ||
        sp_is_brand(c, s, t->len) || sp_in_address_ex(c, i, time) ||
        (!glue && !sp_common(c, w, wl)) ||
        sp_name_owned(c, t->start, t->start + t->len))
        return;
    /* the span and the repair take the sign or the time in */
    size_t from = d->toks[first].start;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, d->text + from, t->start + k - from);
    mtl_strbuf_putc(&sb, ' ');
    mtl_strbuf_put(&sb, w, wl);
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_addf(c->out, MTL_RULE_SPACING_GLUED_NUMBER, from,
                   t->start + t->len, sb.data, "number glued to the next word");
    mtl_strbuf_free(&sb);
}

/*
 * "gene editing technology CRISPR-Cas9to accelerate breeding": in
 * English, a code of letters and digits ("Cas9", "G7", "F35") with a
 * function word glued after its last digit (sp_name_glue_en), before a
 * lower-case word on the line.  The code must start with a letter and end
 * in a digit; a number first is an ordinal or a count ("4to", Spanish).
 */
static void
sp_glued_code_function(sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    const char *s = sp_text(c, i);
    if (!c->en || t->len > SP_WORD_MAX ||
        !mtl_cp_is_upper((unsigned char)s[0]) || !(t->flags & MTL_TF_ASCII) ||
        !sp_lower_word_follows(c, i))
        return;
    size_t split = 0;
    for (size_t k = 0; k < SP_NELEM(sp_name_glue_en); k++) {
        size_t fl = sp_name_glue_en[k].len;
        if (t->len >= fl + 2 && sp_name_glue_at(k, s, t->len) &&
            mtl_is_digit((unsigned char)s[t->len - fl - 1])) {
            split = t->len - fl;
            break;
        }
    }
    if (!split || sp_is_brand(c, s, t->len) || sp_recurs(c, i) ||
        sp_name_owned(c, t->start, t->start + t->len))
        return;
    /* an address, a path or code around it; a hyphen before is the
     * code's own ("CRISPR-Cas9") */
    static const uint32_t before[] = {'@', '/', '\\', '#', '_', ':', '=',
                                      '.', '~', '&', '?'};
    for (size_t k = 0; k < SP_NELEM(before); k++)
        if (sp_glued_char_before(c, i, before[k]))
            return;
    if (sp_in_address_ex(c, i, true))
        return;
    char sug[SP_WORD_MAX + 2];
    memcpy(sug, s, split);
    sug[split] = ' ';
    memcpy(sug + split + 1, s + split, t->len - split);
    sug[t->len + 1] = '\0';
    mtl_flags_addf(c->out, MTL_RULE_SPACING_GLUED_WORDS, t->start,
                   t->start + t->len, sug,
                   "code glued to the next word: \"%s\"", sug);
}

static void
sp_glued_number(const sp_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    const char *s = sp_text(c, i);
    if (t->kind != MTL_TOK_WORD || !(t->flags & MTL_TF_DIGIT) ||
        !(t->flags & MTL_TF_LETTER) || t->len > SP_WORD_MAX || !c->dict)
        return;
    if (memchr(s, '.', t->len) || memchr(s, ',', t->len)) {
        if (!mtl_is_digit((unsigned char)s[0]))
            sp_glued_decimal(c, i);
        else
            sp_glued_count(c, i);
        return;
    }
    if (memchr(s, '\'', t->len))
        return;
    /* letters then digits, or digits then letters: one change only */
    size_t k = 0;
    bool digits_first = mtl_is_digit((unsigned char)s[0]);
    while (k < t->len && mtl_is_digit((unsigned char)s[k]) == digits_first)
        k++;
    if (k == 0 || k == t->len)
        return;
    for (size_t j = k; j < t->len; j++)
        if (mtl_is_digit((unsigned char)s[j]) == digits_first)
            return;
    if (digits_first)
        sp_glued_count(c, i);
    if (sp_in_address_ex(c, i, digits_first && sp_date_precedes(c, i)))
        return;
    const char *w = digits_first ? s + k : s;
    size_t wl = digits_first ? t->len - k : k;
    const char *num = digits_first ? s : s + k;
    size_t nl = digits_first ? k : t->len - k;
    size_t nch = 0;
    int shape = sp_shape(w, wl, &nch);
    /* "rose by18 per cent", "de18 años", "subió del18%": a preposition
     * (an article, a conjunction, an adverb: "circa150") of two letters
     * or more glued to a number of one to three digits or a year ("fondé
     * en1968"), before a word or a percent sign */
    bool year = sp_is_year(s + k, t->len - k);
    bool prep = !digits_first && shape == SP_SHAPE_LOWER && nch >= 2 &&
                (t->len - k <= 3 || year) &&
                (t->flags & MTL_TF_SPACE_BEFORE) &&
                (sp_word_follows(c, i) || sp_glued_char_after(c, i, '%')) &&
                (mtl_lexicon_in_section(c->func, w, wl, "preposition") ||
                 mtl_lexicon_in_section(c->func, w, wl, "article") ||
                 mtl_lexicon_in_section(c->func, w, wl, "conjunction") ||
                 /* "circa150 pendolari", "insgesamt47 Tiere": an adverb
                  * of four letters or more ("now10" may be a name) */
                 (nch >= 4 &&
                  mtl_lexicon_in_section(c->func, w, wl, "adverb")) ||
                 (year && mtl_lexicon_in_section(c->date_words, w, wl,
                                                  "year-prep")));
    if (shape == SP_SHAPE_OTHER || (nch < 3 && !prep))
        return;
    /* (a unit follows its number: "in1968" is no inch) */
    if ((!prep && (sp_in_lower(sp_num_suffixes, SP_NELEM(sp_num_suffixes), w,
                               wl) ||
                   mtl_lexicon_has_fold(c->units, w, wl))) ||
        sp_is_brand(c, s, t->len))
        return;
    if (!sp_common(c, w, wl))
        return;
    if (digits_first) {
        /* "07Politics", "2024Weather": a capitalised word after a date
         * or a year (a brand like "247Sports" starts with another
         * number) */
        if (shape != SP_SHAPE_TITLE ||
            !(sp_is_year(num, nl) || sp_date_precedes(c, i)))
            return;
    } else {
        /* "Weather2024-04-07", "weather2024": a date or a year; a short
         * number is a model ("Formula1", "Covid19") */
        bool date = sp_date_follows(c, i);
        if (!date && !prep && !(sp_is_year(num, nl) && shape == SP_SHAPE_LOWER))
            return;
        if (shape == SP_SHAPE_TITLE && sp_after_name(c, i))
            return;
    }
    if (sp_name_owned(c, t->start, t->start + t->len))
        return;
    char sug[SP_WORD_MAX + 2];
    if (sp_split_text(c, t, k, sug))
        mtl_flags_addf(c->out, MTL_RULE_SPACING_GLUED_NUMBER, t->start,
                       t->start + t->len, sug, "word glued to a %s",
                       digits_first || prep ? "number" : "date or year");
}

/* ---------------------------------------------- space before punctuation */

/* Flags bytes [@p ls, end of @p r) under @p rule with the suggestion
 * "left, right": the bytes [@p ls, @p le), a comma and a space, and
 * token @p r (a comma's space lost or misplaced). */
static void
sp_flag_comma(const sp_ctx *c, mtl_rule rule, size_t ls, size_t le,
              const mtl_token *r, const char *msg)
{
    const mtl_doc *d = c->doc;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, d->text + ls, le - ls);
    mtl_strbuf_put(&sb, ", ", 2);
    mtl_strbuf_put(&sb, d->text + r->start, r->len);
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_addf(c->out, rule, ls, r->start + r->len, sb.data, "%s", msg);
    mtl_strbuf_free(&sb);
}

static void
sp_space_before_punct(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (t->kind != MTL_TOK_PUNCT || i == 0 || t->len != 1)
        return;
    char ch = d->text[t->start];
    /* '!' and '?' too, except in French, which puts a space before
     * them ("Vraiment ?") */
    if (ch != ',' && ch != '.' &&
        !((ch == '!' || ch == '?') &&
          strcmp(mtl_lang_primary(c->lang), "fr") != 0))
        return;
    if (!(t->flags & MTL_TF_SPACE_BEFORE) || (t->flags & MTL_TF_NEWLINE_BEFORE))
        return;
    const mtl_token *p = &d->toks[i - 1];
    /* or a closing quotation mark glued to a word, before a comma: the
     * quotation's end moved ("families" ,said) */
    bool quote = false;
    if (ch == ',' && p->kind == MTL_TOK_PUNCT && p->len <= 3 && i >= 2 &&
        mtl_tok_glued_prev(d, i - 1) &&
        d->toks[i - 2].kind == MTL_TOK_WORD) {
        uint32_t qcp = mtl_tok_first_cp(d, p);
        quote = qcp == '"' || qcp == 0x201D || qcp == 0x00BB;
    }
    if (!quote &&
        (p->kind != MTL_TOK_WORD || !(p->flags & MTL_TF_LETTER) ||
         (p->flags & MTL_TF_DIGIT) || p->len > SP_WORD_MAX))
        return;
    /* the gap: spaces or tabs only, and short */
    size_t gap = t->start - (p->start + p->len);
    if (gap > 3)
        return;
    for (size_t k = p->start + p->len; k < t->start; k++)
        if (d->text[k] != ' ' && d->text[k] != '\t')
            return;
    /* what follows: ".NET", ".5", ",5", ". . .", "..." and a path
     * ("run ./configure") are not holes */
    const mtl_token *n = sp_tok(c, i + 1);
    if (n && mtl_tok_glued_prev(d, i + 1)) {
        /* "said ,the": the comma's space on the wrong side, before a
         * lower-case word of letters ("a ,b" and ",5" stay silent) */
        if (ch == ',' && n->kind == MTL_TOK_WORD &&
            n->casing == MTL_CASE_LOWER && !(n->flags & MTL_TF_DIGIT) &&
            n->nchars >= 2 && n->len <= SP_WORD_MAX &&
            (quote || p->nchars >= 2)) {
            const mtl_token *a = sp_tok(c, i + 2);
            if (a && mtl_tok_glued_prev(d, i + 2))
                return;
            sp_flag_comma(c, MTL_RULE_SPACING_BEFORE_PUNCT, p->start,
                          p->start + p->len, n,
                          "space before the comma and none after it");
            return;
        }
        if (n->kind != MTL_TOK_PUNCT)
            return;
        uint32_t ncp = mtl_tok_first_cp(d, n);
        if (ncp == '.' || ncp == ',' || ncp == 0x2026 || ncp == '/' ||
            ncp == '\\')
            return;
    }
    if (n && !(n->flags & MTL_TF_NEWLINE_BEFORE) &&
        mtl_tok_is_char(d, n, '.'))
        return;
    /* the word is itself after a dot (". . ." dot leaders); a hyphenated
     * word ("cessez-le-feu .") is no address */
    if (!quote && (sp_glued_char_before(c, i - 1, '.') ||
                   (sp_in_address(c, i - 1) && !sp_hyphen_word_end(c, i - 1))))
        return;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, d->text + p->start, p->len);
    mtl_strbuf_putc(&sb, ch);
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_addf(c->out, MTL_RULE_SPACING_BEFORE_PUNCT, p->start,
                   t->start + 1, sb.data, "space before '%c'", ch);
    mtl_strbuf_free(&sb);
}

/* "The city 's mayor": in English, an apostrophe after a space, glued to
 * an "s" that ends there, after a word of letters: the possessive torn
 * from its noun (not a quoted letter, "the 's' key", nor "rock 'n'
 * roll"). */
static void
sp_spaced_possessive(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (i == 0 || i + 1 >= d->ntoks || (t->flags & MTL_TF_NEWLINE_BEFORE) ||
        mtl_tok_first_cp(d, t) != (t->len == 1 ? '\'' : 0x2019))
        return;
    const mtl_token *p = &d->toks[i - 1], *s = &d->toks[i + 1];
    if (p->kind != MTL_TOK_WORD || !(p->flags & MTL_TF_ALPHA) ||
        p->len > SP_WORD_MAX || s->len != 1 || d->text[s->start] != 's' ||
        !mtl_tok_glued_prev(d, i + 1) || t->start != p->start + p->len + 1 ||
        d->text[p->start + p->len] != ' ')
        return;
    const mtl_token *a = sp_tok(c, i + 2);
    if (a && mtl_tok_glued_prev(d, i + 2) &&
        !(mtl_tok_is_char(d, a, ',') || mtl_tok_is_char(d, a, '.')))
        return;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, d->text + p->start, p->len);
    mtl_strbuf_put(&sb, d->text + t->start, t->len + 1);
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_add(c->out, MTL_RULE_SPACING_BEFORE_PUNCT, p->start,
                  s->start + s->len,
                  "space before the possessive 's", sb.data);
    mtl_strbuf_free(&sb);
}

/* ------------------------------------------------------ glued bracket */

/*
 * "Stadtrat Peter Haase(CDU) sagte": a word glued to an opening bracket
 * that holds an acronym of two to six capitals, the bracket closed right
 * after it and followed by white space or a comma, full stop, semicolon or
 * colon: the space before
 * the bracket was lost.  The word is a word of letters after white space
 * (no function call, "f(x)"; no plural mark, "word(s)").  Token i is the
 * '('.
 */
static void
sp_glued_bracket(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    /* the bracket first, by its byte (mtl_tok_is_char's test for ASCII):
     * the caller's tokens are glued marks, few of them brackets */
    const mtl_token *t = &d->toks[i];
    if (t->len != 1 || d->text[t->start] != '(' || i == 0 ||
        i + 2 >= d->ntoks || !mtl_tok_glued_prev(d, i) ||
        !mtl_tok_glued_prev(d, i + 1) ||
        !mtl_tok_glued_prev(d, i + 2) ||
        !mtl_tok_is_char(d, &d->toks[i + 2], ')'))
        return;
    const mtl_token *w = &d->toks[i - 1], *a = &d->toks[i + 1];
    /* the word may end a hyphenated one ("Pellegrini-Haase(CDU)") */
    size_t wf = sp_hyphen_first(c, i - 1);
    const mtl_token *wft = &d->toks[wf];
    if (w->kind != MTL_TOK_WORD || w->nchars < 3 ||
        (w->flags & MTL_TF_DIGIT) ||
        (w->casing != MTL_CASE_TITLE && w->casing != MTL_CASE_LOWER) ||
        !(wft->flags & MTL_TF_SPACE_BEFORE) ||
        !mtl_tok_letters_only(sp_text(c, i - 1), w) ||
        a->kind != MTL_TOK_WORD || a->casing != MTL_CASE_UPPER ||
        a->nchars < 2 || a->nchars > 6 || (a->flags & MTL_TF_DIGIT))
        return;
    if (i + 3 < d->ntoks && mtl_tok_glued_prev(d, i + 3)) {
        uint32_t cp = mtl_tok_first_cp(d, &d->toks[i + 3]);
        if (cp != ',' && cp != '.' && cp != ';' && cp != ':')
            return;
    }
    const mtl_token *e = &d->toks[i + 2];
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, d->text + wft->start, w->start + w->len - wft->start);
    mtl_strbuf_putc(&sb, ' ');
    mtl_strbuf_put(&sb, d->text + d->toks[i].start,
                   e->start + e->len - d->toks[i].start);
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_addf(c->out, MTL_RULE_SPACING_GLUED_BRACKET, wft->start,
                   e->start + e->len, sb.data,
                   "no space before the opening bracket");
    mtl_strbuf_free(&sb);
}

/* ------------------------------------------------- doubled punctuation */

/* "fuel..⏎", "on the right track",, but": a full stop or a comma written
 * twice where a conversion or an edit joined two.  Exactly two marks: three
 * dots are an ellipsis.  A comma pair between a word or a closing mark and
 * white space (never inside data, "a,,b"); a full-stop pair after a word of
 * letters and at the end of a line only, since ".." inside a line is an
 * ellipsis in informal writing ("well.. I don't know") and a range or a
 * path in code ("1..10", "../lib"), and after a word the dictionary knows
 * whole.  Token i is the first mark. */
static void
sp_doubled_punct(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (i == 0 || i + 1 >= d->ntoks || t->len != 1 ||
        !mtl_tok_glued_prev(d, i) || !mtl_tok_glued_prev(d, i + 1))
        return;
    char ch = d->text[t->start];
    if ((ch != '.' && ch != ',') || !mtl_tok_is_char(d, &d->toks[i + 1], ch))
        return;
    /* exactly two marks, and nothing glued after them: a third mark is an
     * ellipsis or a drawing, a glued word or digit data ("a,,b") */
    if (i + 2 < d->ntoks && mtl_tok_glued_prev(d, i + 2))
        return;
    const mtl_token *p = &d->toks[i - 1];
    if (p->kind == MTL_TOK_PUNCT) {
        uint32_t pc = mtl_tok_first_cp(d, p);
        if (ch == '.' || !(pc == '"' || pc == 0x201D || pc == 0x2019 ||
                           pc == 0xBB || pc == ')' || pc == 0x201C))
            return;
        if (i < 2 || !mtl_tok_glued_prev(d, i - 1) ||
            d->toks[i - 2].kind != MTL_TOK_WORD)
            return;
    } else if (p->kind != MTL_TOK_WORD || !(p->flags & MTL_TF_LETTER) ||
               (p->flags & MTL_TF_DIGIT)) {
        return;
    }
    size_t end = t->start + 2;
    if (ch == '.') {
        /* the end of a line or of the text */
        if (end < d->len && d->text[end] != '\n' && d->text[end] != '\r')
            return;
        /* a word of the language, whole: a teaser cut to fit its box
         * ends in "..", mostly in mid-word ("노르웨..", "the mayor
         * sa..") */
        if (sp_in_address(c, i - 1) || !c->dict || p->len > SP_WORD_MAX ||
            mtl_spell_token(c->ck, d, i - 1) != 1)
            return;
    } else if (end >= d->len ||
               (d->text[end] != ' ' && d->text[end] != '\n' &&
                d->text[end] != '\r')) {
        return;
    }
    char sug[2] = {ch, '\0'};
    mtl_flags_addf(c->out, MTL_RULE_SPACING_DOUBLED_PUNCT, t->start, end, sug,
                   "%s written twice", ch == '.' ? "full stop" : "comma");
}

/* A plain lower-case word of letters of the language for glued-comma:
 * known to the dictionary, or a function word. */
static bool
sp_comma_word(const sp_ctx *c, size_t i)
{
    const mtl_token *t = sp_tok(c, i);
    if (!t || t->kind != MTL_TOK_WORD || t->casing != MTL_CASE_LOWER ||
        (t->flags & MTL_TF_DIGIT) || t->nchars < 2 || t->len > SP_WORD_MAX)
        return false;
    const char *s = sp_text(c, i);
    if (sp_is_function(c, s, t->len) || sp_common(c, s, t->len))
        return true;
    /* a Romance compound the dictionary lacks ("ciberataque,que") */
    if (!mtl_lang_romance(c->lang) || t->nchars > SP_GLUE_MAX)
        return false;
    size_t at[SP_GLUE_MAX + 1], n = 0, k = 0;
    while (k < t->len) {
        at[n++] = k;
        if (mtl_utf8_next(s, t->len, &k) < 0)
            return false;
    }
    at[n] = t->len;
    return sp_prefix_compound(c, s, at, n);
}

/* "número dos del mundo,terminará la", "Apesar disso,os preços": a comma
 * glued on both sides to lower-case words of the language, in running
 * text: white space before the left word and after the right one, on one
 * line.  Data and code glue commas too ("red,green,blue", "a,b",
 * "?tags=news,sport", "1,5"): digits, single letters, a second glued
 * comma or mark on either side, and addresses stay silent; a capital
 * after the comma ("Paris,France") is a tag or a dateline.  A function
 * word after the comma that goes on as prose may be a single letter
 * ("canhão,a vila") and follow a capitalised word ("Hong Kong,che ha");
 * in German the left word may be a capitalised noun ("Flughäfen,darunter").
 * Token i is the comma. */
static void
sp_glued_comma(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (t->len != 1 || d->text[t->start] != ',' || i < 1 ||
        i + 2 > d->ntoks || !c->dict || !mtl_tok_glued_prev(d, i) ||
        !mtl_tok_glued_prev(d, i + 1))
        return;
    const mtl_token *l = &d->toks[i - 1], *r = &d->toks[i + 1];
    /* "\"Hay que adaptarse o cerrar\",dice.": a closing quote glued after
     * a word or a mark, the comma, then a verb of saying of the language
     * in lower case and a space or the sentence's end */
    if (l->kind == MTL_TOK_PUNCT && i >= 2 && mtl_tok_glued_prev(d, i - 1) &&
        r->kind == MTL_TOK_WORD && r->casing == MTL_CASE_LOWER &&
        r->len <= SP_WORD_MAX) {
        uint32_t q = mtl_tok_first_cp(d, l);
        const mtl_token *a = sp_tok(c, i + 2);
        if ((q == '"' || q == 0x201D || q == 0x00BB) &&
            d->toks[i - 2].kind != MTL_TOK_NUMBER &&
            mtl_lexicon_has(mtl_lang_lexicon(c->lang, "speech-verbs"),
                            sp_text(c, i + 1), r->len) &&
            (!a || !mtl_tok_glued_prev(d, i + 2) ||
             mtl_tok_is_char(d, a, '.') || mtl_tok_is_char(d, a, ',')))
            sp_flag_comma(c, MTL_RULE_SPACING_GLUED_COMMA, l->start,
                          l->start + l->len, r,
                          "no space after the comma before a verb of saying");
        return;
    }
    /* the left word may end a hyphenated one ("Hussein
     * Odhiambo-Were,who"): its first part after white space */
    size_t lf = sp_hyphen_first(c, i - 1);
    const mtl_token *lft = &d->toks[lf];
    if (!(lft->flags & MTL_TF_SPACE_BEFORE) ||
        (lft->flags & MTL_TF_NEWLINE_BEFORE))
        return;
    /* white space or a clause mark after the right word, nothing glued
     * that would make it a list or an address */
    const mtl_token *a = sp_tok(c, i + 2);
    if (a && mtl_tok_glued_prev(d, i + 2)) {
        /* not a colon: "win,build: fix" tags a change log's entry */
        uint32_t cp = mtl_tok_first_cp(d, a);
        if (cp != '.' && cp != ';' && cp != '!' && cp != '?')
            return;
        const mtl_token *a2 = sp_tok(c, i + 3);
        if (a2 && mtl_tok_glued_prev(d, i + 3))
            return;
    }
    /* "João Batista Santos,58 anos": a word glued by a comma to a number
     * of one to three digits, and prose after it (a decimal comma has
     * digits on both sides) */
    if (r->kind == MTL_TOK_NUMBER) {
        bool digits = r->len <= 3 && (r->flags & MTL_TF_ASCII);
        for (size_t k = 0; digits && k < r->len; k++)
            digits = mtl_is_digit(d->text[r->start + k]);
        if (!digits || l->kind != MTL_TOK_WORD || l->nchars < 3 ||
            (l->flags & MTL_TF_DIGIT) ||
            (l->casing != MTL_CASE_TITLE && l->casing != MTL_CASE_LOWER) ||
            !a || a->kind != MTL_TOK_WORD || a->casing != MTL_CASE_LOWER ||
            (a->flags & MTL_TF_DIGIT) || !(a->flags & MTL_TF_SPACE_BEFORE) ||
            (a->flags & MTL_TF_NEWLINE_BEFORE) || sp_in_address(c, i - 1))
            return;
        sp_flag_comma(c, MTL_RULE_SPACING_GLUED_COMMA, l->start,
                      l->start + l->len, r,
                      "no space after the comma before a number");
        return;
    }
    /* a function word on one side ("disso,os", "painted,without"), or
     * two words of five letters or more ("mundo,terminará"), or of four
     * beside one of seven ("dati,compresi"): short names paired in
     * technical text ("blob,file benchmark", "net,stream") are written
     * so on purpose */
    const char *ls = sp_text(c, i - 1), *rs = sp_text(c, i + 1);
    if (!sp_is_function(c, ls, l->len) && !sp_is_function(c, rs, r->len) &&
        (l->nchars < 5 || r->nchars < 5) &&
        (l->nchars < 4 || r->nchars < 4 ||
         (l->nchars < 7 && r->nchars < 7)))
        return;
    /* a right word that is a function word and goes on as prose (a
     * lower-case word after a space) may be a single letter ("canhão,a
     * vila passou"), and the left word then a capitalised one of three
     * letters or more ("Hong Kong,che ha chiesto"), not in capitals */
    bool prose = false;
    if (r->casing == MTL_CASE_LOWER && r->len <= SP_WORD_MAX &&
        !(r->flags & MTL_TF_DIGIT) && sp_is_function(c, rs, r->len) && a &&
        a->kind == MTL_TOK_WORD && a->casing == MTL_CASE_LOWER &&
        (a->flags & MTL_TF_SPACE_BEFORE) && !(a->flags & MTL_TF_NEWLINE_BEFORE))
        prose = true;
    /* a capitalised word before a long word of the language that goes
     * on as prose ("Stefano Branca,direttore dell'Osservatorio") */
    bool cap_left = l->kind == MTL_TOK_WORD && l->nchars >= 3 &&
                    l->casing == MTL_CASE_TITLE && !(l->flags & MTL_TF_DIGIT);
    bool long_prose = cap_left && r->nchars >= 5 && a &&
                      a->kind == MTL_TOK_WORD &&
                      !(a->flags & (MTL_TF_UPPER_START | MTL_TF_DIGIT)) &&
                      (a->flags & MTL_TF_SPACE_BEFORE) &&
                      !(a->flags & MTL_TF_NEWLINE_BEFORE);
    /* where nouns are capitalised, a noun of the language ("Flughäfen,
     * darunter", "Ja,während") */
    bool noun = c->noun_caps && l->kind == MTL_TOK_WORD &&
                l->casing == MTL_CASE_TITLE && !(l->flags & MTL_TF_DIGIT) &&
                l->len <= SP_WORD_MAX && sp_common(c, ls, l->len);
    bool left = noun || sp_comma_word(c, i - 1) ||
                (long_prose && sp_comma_word(c, i + 1)) ||
                (prose && l->kind == MTL_TOK_WORD && l->nchars >= 3 &&
                 (l->casing == MTL_CASE_TITLE ||
                  (l->casing == MTL_CASE_LOWER && !(l->flags & MTL_TF_DIGIT) &&
                   l->len <= SP_WORD_MAX && sp_common(c, ls, l->len))));
    if (!left || !(sp_comma_word(c, i + 1) || prose) ||
        sp_in_address(c, lf) || sp_in_address(c, i + 1) ||
        sp_name_owned(c, l->start, r->start + r->len))
        return;
    sp_flag_comma(c, MTL_RULE_SPACING_GLUED_COMMA, lft->start,
                  l->start + l->len, r, "no space after the comma");
}

/* "bombardiers d'eau DHC-515 .. Leur livraison": a full stop written
 * twice after a space, between a word or a number and the capitalised
 * start of the next sentence on the line: a hole left where a link or a
 * note was removed, its full stop doubled.  Exactly two marks (three are
 * an ellipsis), white space after them, and a capitalised word that a
 * lower-case word follows; ".." glued to what follows is a path or a
 * range ("../lib", "1 ..10").  Token i is the first mark. */
static void
sp_spaced_double_stop(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (t->len != 1 || d->text[t->start] != '.' || i == 0 ||
        i + 2 >= d->ntoks || !(t->flags & MTL_TF_SPACE_BEFORE) ||
        (t->flags & MTL_TF_NEWLINE_BEFORE) || !mtl_tok_glued_prev(d, i + 1) ||
        !mtl_tok_is_char(d, &d->toks[i + 1], '.'))
        return;
    const mtl_token *p = &d->toks[i - 1], *w = &d->toks[i + 2];
    if ((p->kind != MTL_TOK_WORD && p->kind != MTL_TOK_NUMBER) ||
        t->start - (p->start + p->len) > 3 || mtl_tok_glued_prev(d, i + 2) ||
        (w->flags & MTL_TF_NEWLINE_BEFORE) || w->kind != MTL_TOK_WORD ||
        w->casing != MTL_CASE_TITLE || !sp_lower_word_follows(c, i + 2))
        return;
    for (size_t k = p->start + p->len; k < t->start; k++)
        if (d->text[k] != ' ')
            return;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, d->text + p->start, p->len);
    mtl_strbuf_putc(&sb, '.');
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_addf(c->out, MTL_RULE_SPACING_DOUBLED_PUNCT, p->start,
                   t->start + 2, sb.data,
                   "full stop written twice after a space");
    mtl_strbuf_free(&sb);
}

/* "gained 2.3%in Seoul", "by 23 %% compared": after a number in running
 * text, a percent sign glued to a lower-case word the language knows
 * (a lost space), or written twice (an engine's or a template's escape
 * left in: "%%" is how printf and SQL write one).  A lower-case word
 * must come before the number, on its line, so that code, format strings
 * and URLs ("%20in", "%d%%") stay silent.  Token i is the sign. */
static void
sp_percent(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (t->len != 1 || d->text[t->start] != '%' || i < 2 ||
        i + 1 >= d->ntoks || !c->dict)
        return;
    const mtl_token *num = &d->toks[i - 1], *pw = &d->toks[i - 2];
    if (num->kind != MTL_TOK_NUMBER || (num->flags & MTL_TF_LETTER) ||
        (t->flags & MTL_TF_NEWLINE_BEFORE) || pw->kind != MTL_TOK_WORD ||
        pw->casing != MTL_CASE_LOWER || !(num->flags & MTL_TF_SPACE_BEFORE) ||
        (num->flags & MTL_TF_NEWLINE_BEFORE) || !mtl_tok_glued_prev(d, i + 1))
        return;
    /* a space between the number and the sign is French and German
     * usage; only the sign itself is looked at */
    const mtl_token *nx = &d->toks[i + 1];
    if (mtl_tok_is_char(d, nx, '%')) {
        /* exactly two signs, then white space and a word */
        const mtl_token *after = sp_tok(c, i + 2);
        if (!after || mtl_tok_glued_prev(d, i + 2) ||
            (after->flags & MTL_TF_NEWLINE_BEFORE) ||
            after->kind != MTL_TOK_WORD || sp_in_address(c, i - 1))
            return;
        mtl_flags_addf(c->out, MTL_RULE_SPACING_DOUBLED_PUNCT, t->start,
                       nx->start + 1, "%", "percent sign written twice");
        return;
    }
    if (nx->kind != MTL_TOK_WORD || nx->casing != MTL_CASE_LOWER ||
        (nx->flags & MTL_TF_DIGIT) || nx->len > SP_WORD_MAX ||
        nx->nchars < 2 || sp_in_address(c, i - 1) ||
        sp_in_address(c, i + 1))
        return;
    /* a function word ("in", "to", "de") or an ordinary word */
    const char *w = sp_text(c, i + 1);
    if (!sp_is_function(c, w, nx->len) && !sp_common(c, w, nx->len))
        return;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, d->text + num->start, t->start + 1 - num->start);
    mtl_strbuf_putc(&sb, ' ');
    mtl_strbuf_put(&sb, w, nx->len);
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_addf(c->out, MTL_RULE_SPACING_GLUED_NUMBER, num->start,
                   nx->start + nx->len, sb.data,
                   "percent sign glued to the next word");
    mtl_strbuf_free(&sb);
}

/* ------------------------------------------------------------ torn word */

/* A plain word token for the torn-word rule. */
static inline bool
sp_piece(const sp_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    return t->kind == MTL_TOK_WORD && t->len <= SP_WORD_MAX / 2 &&
           !(t->flags & MTL_TF_DIGIT) && mtl_tok_letters_only(sp_text(c, i), t);
}

/* What sp_torn_word learnt about a token, kept for the next pair, where
 * it is the first piece: -1 not asked yet. */
typedef struct sp_memo {
    int piece; /* sp_piece() */
    int known; /* sp_known() */
} sp_memo;

static void
sp_torn_word(const sp_ctx *c, size_t i, sp_memo *prev, sp_memo *cur)
{
    const mtl_doc *d = c->doc;
    const mtl_token *b = &d->toks[i];
    cur->piece = cur->known = -1;
    /* the casing and the lengths first: they turn most pairs away */
    /* a piece of one letter only when it is accented ("a expliqu é"),
     * and, below, no word of the language and torn from one that is
     * none either */
    if (i == 0 || !c->dict || b->casing != MTL_CASE_LOWER ||
        (b->nchars < 2 && (b->flags & MTL_TF_ASCII)))
        return;
    const mtl_token *a = &d->toks[i - 1];
    /* a capitalised first piece starts a sentence, or a noun where nouns
     * are capitalised, or is a short piece of a name's word ("Conselho
     * Ge ral"), which neither piece may be a word of (below) */
    bool title_mid = a->casing == MTL_CASE_TITLE &&
                     !(a->flags & MTL_TF_SENT_START) && !c->noun_caps;
    if (!(a->casing == MTL_CASE_LOWER ||
          (a->casing == MTL_CASE_TITLE &&
           ((a->flags & MTL_TF_SENT_START) || c->noun_caps ||
            a->nchars <= 4))))
        return;
    if (a->nchars < 2 || a->nchars + b->nchars < (title_mid ? 5u : 6u))
        return;
    if (a->sent != b->sent || !(b->flags & MTL_TF_SPACE_BEFORE) ||
        (b->flags & MTL_TF_NEWLINE_BEFORE) ||
        b->start - (a->start + a->len) != 1 ||
        d->text[a->start + a->len] != ' ')
        return;
    if (prev->piece < 0)
        prev->piece = sp_piece(c, i - 1);
    const char *as = sp_text(c, i - 1), *bs = sp_text(c, i);
    size_t al = a->len;
    bool a_known;
    if (prev->piece) {
        cur->piece = sp_piece(c, i);
        if (!cur->piece)
            return;
        /* whole tokens: the statistics have spelled most of them */
        if (prev->known < 0)
            prev->known = mtl_spell_token(c->ck, d, i - 1) == 1;
        a_known = prev->known;
    } else {
        /* an elided article before the first piece is no part of it
         * ("d'infir mières", "l'ospe dale"): rare, so asked last */
        size_t el = sp_elided(c, as, al);
        if (!el || al - el > SP_WORD_MAX / 2 ||
            !mtl_utf8_letters_only(as + el, al - el) ||
            mtl_utf8_count(as + el, al - el) < 2 ||
            mtl_utf8_count(as + el, al - el) + b->nchars < 6)
            return;
        cur->piece = sp_piece(c, i);
        if (!cur->piece)
            return;
        as += el, al -= el;
        a_known = sp_known(c, as, al);
    }
    cur->known = mtl_spell_token(c->ck, d, i) == 1;
    if ((a_known && cur->known) ||
        (b->nchars == 1 && (a_known || cur->known)) ||
        (title_mid && (a_known || cur->known)))
        return;
    /* a capitalised word, then a function word of the language: a name
     * before a preposition ("Richterin Obermaier bei der"), which German
     * compounding would join */
    if (cur->known && a->casing == MTL_CASE_TITLE &&
        sp_is_function(c, bs, b->len))
        return;
    /* where nouns are capitalised, compounding joins a noun to any word
     * after it: a noun, then a long lower-case word in -en that the
     * dictionary does not know (a rare verb, "Minuten stoßlüften"; not
     * the noun of "Bundes regierung") is no torn word */
    if (c->noun_caps && a_known && a->casing == MTL_CASE_TITLE &&
        b->nchars >= 6 && memcmp(bs + b->len - 2, "en", 2) == 0)
        return;
    /* nor a capitalised word it does not know (a noun or a name it
     * lacks) before a word it knows ("pro Roller zahlen") */
    if (c->noun_caps && !a_known && cur->known &&
        a->casing == MTL_CASE_TITLE)
        return;
    /* two equal pieces are a sound or a reduplication, not a torn word
     * ("bla bla", "ha ha"), though the dictionary knows their join */
    if (al == b->len && memcmp(as, bs, al) == 0)
        return;
    char buf[SP_WORD_MAX + 1];
    memcpy(buf, as, al);
    memcpy(buf + al, bs, b->len);
    size_t jl = al + b->len;
    if (!sp_known(c, buf, jl))
        return;
    /* where nouns are capitalised, a function word before a noun written
     * in lower case ("bei einsendung") is a misspelt noun, which
     * compounding would join to anything before it */
    if (c->noun_caps && !cur->known && sp_is_function(c, as, al)) {
        char tc[SP_WORD_MAX + 8];
        size_t k = 0;
        int32_t cp = mtl_utf8_next(bs, b->len, &k);
        size_t o = mtl_utf8_encode((uint32_t)u_toupper(cp), tc);
        if (o + b->len - k <= sizeof tc) {
            memcpy(tc + o, bs + k, b->len - k);
            if (sp_known(c, tc, o + b->len - k))
                return;
        }
    }
    /* a preposition or a conjunction before a given name in lower case
     * ("com ana", which pt_BR knows as "comana"; not "Sich tung") */
    if (!cur->known && sp_prep_or_conj(c, as, al) &&
        mtl_lexicon_has_fold(c->given, bs, b->len))
        return;
    buf[jl] = '\0';
    mtl_flags_addf(c->out, MTL_RULE_SPACING_TORN_WORD,
                   a->start + (a->len - al), b->start + b->len, buf,
                   "word torn apart: \"%s\"", buf);
}

/*
 * "Tournament director Zoltán Horvát h said": the last letter of a name
 * torn off by a stray space.  Token i is a lone lower-case ASCII
 * consonant that is no word of the language, after a space and a
 * capitalised word of three letters or more that the dictionary does not
 * know (a name), and before a space and a word or a comma: not a variable
 * or a versus ("x", "v"), an "n" of "rock n roll", nor a grade or an
 * initial (capitals).
 */
static void
sp_torn_letter(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    char ch = d->text[t->start];
    if (i == 0 || i + 1 >= d->ntoks || !c->dict || ch < 'b' || ch > 'z' ||
        strchr("eiouyvxnk", ch) || !(t->flags & MTL_TF_SPACE_BEFORE) ||
        (t->flags & MTL_TF_NEWLINE_BEFORE))
        return;
    const mtl_token *a = &d->toks[i - 1], *n = &d->toks[i + 1];
    if (a->kind != MTL_TOK_WORD || a->casing != MTL_CASE_TITLE ||
        a->nchars < 3 || a->len > SP_WORD_MAX || (a->flags & MTL_TF_DIGIT) ||
        a->sent != t->sent || t->start - (a->start + a->len) != 1)
        return;
    bool word_next = n->kind == MTL_TOK_WORD &&
                     (n->flags & MTL_TF_SPACE_BEFORE) &&
                     !(n->flags & MTL_TF_NEWLINE_BEFORE);
    bool comma_next = mtl_tok_glued_prev(d, i + 1) && mtl_tok_is_char(d, n, ',');
    if (!word_next && !comma_next)
        return;
    if (sp_is_function(c, d->text + t->start, 1) ||
        !mtl_tok_letters_only(sp_text(c, i - 1), a) ||
        mtl_spell_token(c->ck, d, i - 1) != 0 || sp_in_address(c, i - 1))
        return;
    char buf[SP_WORD_MAX + 2];
    memcpy(buf, sp_text(c, i - 1), a->len);
    buf[a->len] = ch;
    buf[a->len + 1] = '\0';
    mtl_flags_addf(c->out, MTL_RULE_SPACING_TORN_WORD, a->start,
                   t->start + 1, buf,
                   "a name's last letter torn off: \"%s\"", buf);
}

/* "ele- phants": a word hyphenated at the end of a line of a PDF or a
 * print layout, the line break turned into a space.  The tail must be no
 * word of its own and the join a word: a suspended compound ("pre- and
 * post-war", "Vor- und Nachteile", "ex- wife") has a word after the
 * space.  Token i is the tail. */
static void
sp_torn_hyphen(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *b = &d->toks[i];
    if (i < 2 || !c->dict || b->nchars < 2 || b->len > SP_WORD_MAX / 2 ||
        !(b->flags & MTL_TF_SPACE_BEFORE) || (b->flags & MTL_TF_NEWLINE_BEFORE))
        return;
    const mtl_token *h = &d->toks[i - 1];
    if (h->kind != MTL_TOK_PUNCT || b->start - (h->start + h->len) != 1 ||
        d->text[h->start + h->len] != ' ' || !mtl_tok_glued_prev(d, i - 1))
        return;
    uint32_t hc = mtl_tok_first_cp(d, h);
    if ((hc != '-' && hc != 0x2010) || h->nchars != 1)
        return;
    const mtl_token *a = &d->toks[i - 2];
    if (a->kind != MTL_TOK_WORD || a->casing != MTL_CASE_LOWER ||
        a->nchars < 2 || a->len > SP_WORD_MAX / 2 ||
        (i > 2 && mtl_tok_glued_prev(d, i - 2)) ||
        !mtl_tok_letters_only(sp_text(c, i - 2), a) ||
        !mtl_tok_letters_only(sp_text(c, i), b))
        return;
    /* the tail no word ("ele- phants"), or a word when the head is none
     * ("porce- lain") */
    if (sp_is_function(c, sp_text(c, i), b->len) ||
        (mtl_spell_token(c->ck, d, i) != 0 &&
         (a->nchars < 3 || b->nchars < 3 ||
          mtl_spell_token(c->ck, d, i - 2) != 0)))
        return;
    char buf[SP_WORD_MAX + 1];
    memcpy(buf, sp_text(c, i - 2), a->len);
    memcpy(buf + a->len, sp_text(c, i), b->len);
    size_t jl = a->len + b->len;
    if (!sp_known(c, buf, jl))
        return;
    buf[jl] = '\0';
    mtl_flags_addf(c->out, MTL_RULE_SPACING_TORN_WORD, a->start,
                   b->start + b->len, buf,
                   "word torn by a line-end hyphen: \"%s\"", buf);
}

/* -------------------------------------------------------- repeated word */

/* Tokens @p x and @p y (x before y) are the same word, the case of the
 * first letter aside, and x's copy is capitalised only when it starts a
 * sentence or a line ("In in"): same length in bytes, same bytes after the
 * first letter. */
static bool
sp_same_word(const sp_ctx *c, const mtl_token *x, const mtl_token *y)
{
    if (x->len != y->len || x->kind != MTL_TOK_WORD ||
        y->casing != MTL_CASE_LOWER)
        return false;
    const char *xs = c->doc->text + x->start, *ys = c->doc->text + y->start;
    if (x->casing == MTL_CASE_LOWER)
        return memcmp(xs, ys, x->len) == 0;
    if (x->casing != MTL_CASE_TITLE ||
        !(x->flags & (MTL_TF_SENT_START | MTL_TF_LINE_START)))
        return false;
    size_t kx = 0, ky = 0;
    int32_t cx = mtl_utf8_next(xs, x->len, &kx);
    int32_t cy = mtl_utf8_next(ys, y->len, &ky);
    return kx == ky && cx >= 0 && u_tolower(cx) == cy &&
           memcmp(xs + kx, ys + ky, x->len - kx) == 0;
}

/* Tokens @p x and @p y are word tokens of the same letters in any case
 * ("and", "And"). */
static bool
sp_same_fold(const sp_ctx *c, const mtl_token *x, const mtl_token *y)
{
    if (x->kind != MTL_TOK_WORD || y->kind != MTL_TOK_WORD ||
        x->len != y->len || x->len > SP_WORD_MAX)
        return false;
    char fx[SP_WORD_MAX * 4], fy[SP_WORD_MAX * 4];
    size_t lx = mtl_utf8_lower(c->doc->text + x->start, x->len, fx, sizeof fx);
    size_t ly = mtl_utf8_lower(c->doc->text + y->start, y->len, fy, sizeof fy);
    return lx && lx == ly && memcmp(fx, fy, lx) == 0;
}

/* The gap before token @p y is that of running prose: one or two spaces
 * (or one no-break space), or a line break with at most a space before
 * it, which a wrapped line leaves ("the⏎the").  More spaces, a tab, an
 * indented line or a blank line are a layout (a table's columns, a
 * drawing, a poem's stanzas, a list item). */
static bool
sp_prose_gap(const sp_ctx *c, const mtl_token *x, const mtl_token *y)
{
    const char *t = c->doc->text + x->start + x->len;
    size_t n = y->start - (x->start + x->len);
    if (n == 1 && t[0] == ' ')
        return true;
    if (n == 2 && (unsigned char)t[0] == 0xC2 && (unsigned char)t[1] == 0xA0)
        return true;
    if (n > 3)
        return false;
    size_t k = 0;
    if (t[k] == ' ')
        k++;
    if (k < n && t[k] == ' ' && k + 1 == n)
        return true; /* two spaces */
    if (k < n && t[k] == '\r')
        k++;
    return k + 1 == n && t[k] == '\n' && !(x->flags & MTL_TF_LINE_START);
}

/* "the the", "les les", "In in": a function word of the language twice,
 * white space between, before another word.  Doublings that are grammar
 * or idioms ("that that", "nous nous", "die die") are listed in the
 * language's repeated-words list; a phrasal verb's particle before the
 * same preposition ("log in in seconds") counts only at a sentence start;
 * a title or a name ("La La Land") has its copies capitalised; three
 * copies or more ("la la la", "and and And") and a doubling next to
 * another ("will will hu hu", "dire dire le le cose cose") are a chant, a
 * poem or a game with words. */
static void
sp_repeated_word(const sp_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *b = &d->toks[i];
    /* the lengths first, then the case: they turn nearly every pair away
     * (two tokens of one length are a few in ten, lower-case words most
     * of the tokens) */
    if (i == 0 || d->toks[i - 1].len != b->len ||
        b->casing != MTL_CASE_LOWER || !c->func ||
        !(b->flags & MTL_TF_SPACE_BEFORE) || b->len > SP_WORD_MAX)
        return;
    const mtl_token *a = &d->toks[i - 1];
    /* one letter is a letter as often as a word ("from a to z", "x and
     * y", "de la a a la z") */
    if (b->nchars < 2 || !sp_same_word(c, a, b) || !sp_prose_gap(c, a, b))
        return;
    /* a function word governs what follows it: a word or a number,
     * where a drawing or a list has punctuation (". o o .") */
    const mtl_token *nx = sp_tok(c, i + 1);
    if (!nx || (nx->kind != MTL_TOK_WORD && nx->kind != MTL_TOK_NUMBER) ||
        !(nx->flags & MTL_TF_SPACE_BEFORE))
        return;
    /* the first copy is a word of its own: not the end of a word glued to
     * what precedes it, nor the end of a word hyphenated at a line end
     * ("pági‐⏎nas nas seções"); an opening bracket or quote may come
     * before it */
    const mtl_token *pv = i >= 2 ? &d->toks[i - 2] : NULL;
    if (pv && !(a->flags & MTL_TF_SPACE_BEFORE)) {
        uint32_t cp = pv->kind == MTL_TOK_PUNCT ? mtl_tok_first_cp(d, pv) : 0;
        if (cp != '(' && cp != '[' && cp != '"' && cp != '\'' &&
            cp != 0x201C && cp != 0x2018 && cp != 0x201E && cp != 0xAB &&
            cp != 0xBF && cp != 0xA1)
            return;
    }
    if (pv && (a->flags & MTL_TF_NEWLINE_BEFORE) && pv->kind == MTL_TOK_PUNCT &&
        i >= 3 && mtl_tok_glued_prev(d, i - 2)) {
        uint32_t cp = mtl_tok_first_cp(d, pv);
        if (cp == '-' || cp == 0x2010 || cp == 0xAD)
            return;
    }
    const char *bs = sp_text(c, i);
    if (!mtl_lexicon_has_fold(c->func, bs, b->len))
        return;
    const mtl_lex_entry *e = mtl_lexicon_get_fold(c->repeats, bs, b->len);
    if (e && (strcmp(e->section, "particle") != 0 ||
              !(a->flags & (MTL_TF_SENT_START | MTL_TF_LINE_START))))
        return;
    /* "cada una una opción", "an sich sich": the list's entries of two
     * words allow the doubling of the second after the first */
    if (pv && pv->kind == MTL_TOK_WORD && pv->len <= SP_WORD_MAX &&
        (a->flags & MTL_TF_SPACE_BEFORE)) {
        char ph[2 * SP_WORD_MAX + 2];
        memcpy(ph, sp_text(c, i - 2), pv->len);
        ph[pv->len] = ' ';
        memcpy(ph + pv->len + 1, bs, b->len);
        const mtl_lex_entry *pe =
            mtl_lexicon_get_fold(c->repeats, ph, pv->len + 1 + b->len);
        if (pe && strcmp(pe->section, "legitimate") == 0)
            return;
    }
    /* a third copy, or a doubling just before or just after */
    if (sp_same_fold(c, b, nx) ||
        (i >= 2 && sp_same_fold(c, &d->toks[i - 2], a)) ||
        (i + 2 < d->ntoks && sp_same_fold(c, nx, &d->toks[i + 2])) ||
        (i >= 3 && sp_same_fold(c, &d->toks[i - 3], &d->toks[i - 2])))
        return;
    char sug[SP_WORD_MAX + 1];
    memcpy(sug, sp_text(c, i - 1), a->len);
    sug[a->len] = '\0';
    mtl_flags_addf(c->out, MTL_RULE_SPACING_REPEATED_WORD, a->start,
                   b->start + b->len, sug, "word repeated: \"%s\"", sug);
}

/* ----------------------------------------------------------------- run */

/* ICU's wide weekday and month names of @p locale, as written, into
 * c->cal (CLDR: "Monday", "January"); none when ICU has no formatter. */
static void
sp_load_calendar(sp_ctx *c, const char *locale)
{
    UErrorCode st = U_ZERO_ERROR;
    UDateFormat *df =
        udat_open(UDAT_NONE, UDAT_SHORT, locale, NULL, 0, NULL, 0, &st);
    if (U_FAILURE(st))
        return;
    static const struct {
        UDateFormatSymbolType type;
        int32_t first, last;
    } tables[] = {{UDAT_WEEKDAYS, 1, 7}, {UDAT_MONTHS, 0, 11}};
    for (size_t t = 0; t < SP_NELEM(tables); t++)
        for (int32_t k = tables[t].first;
             k <= tables[t].last && c->ncal < SP_NELEM(c->cal); k++) {
            UChar u[32];
            UErrorCode e = U_ZERO_ERROR;
            int32_t ul = udat_getSymbols(df, tables[t].type, k, u, 32, &e);
            int32_t bl = 0;
            if (U_FAILURE(e) || ul <= 0 || ul >= 32)
                continue;
            u_strToUTF8(c->cal[c->ncal], sizeof c->cal[0], &bl, u, ul, &e);
            if (U_FAILURE(e) || bl <= 0 || bl >= (int32_t)sizeof c->cal[0])
                continue;
            c->cal_len[c->ncal++] = (uint8_t)bl;
        }
    udat_close(df);
}

/* The language's lists and traits, found by name once per language rather
 * than for every document: the state is a context without the document. */
static int
mtl_spacing_load(mtl_engine *engine, const mtl_lang *lang, void **state)
{
    (void)engine;
    sp_ctx *c = mtl_xcalloc(1, sizeof *c);
    c->dict = mtl_lang_has_dictionary(lang);
    c->camel = mtl_lang_lexicon_all(lang, "camelcase");
    c->units = mtl_lang_lexicon_all(lang, "units");
    c->tlds = mtl_lang_lexicon_all(lang, "tlds");
    c->abbrev = mtl_lang_lexicon(lang, "abbreviations");
    c->titles = mtl_lang_lexicon(lang, "titles");
    c->stop = mtl_lang_lexicon(lang, "stopwords");
    c->func = mtl_lang_lexicon(lang, "function-words");
    c->repeats = mtl_lang_lexicon(lang, "repeated-words");
    c->noun_caps = mtl_lang_capitalises_nouns(lang);
    c->en = mtl_lang_primary(lang) &&
            strcmp(mtl_lang_primary(lang), "en") == 0;
    size_t nf = 0;
    const mtl_lex_entry *fe = c->func ? mtl_lexicon_entries(c->func, &nf)
                                      : NULL;
    for (size_t k = 0; k < nf && c->nart < SP_NELEM(c->art); k++) {
        bool ascii = fe[k].len >= 2 && fe[k].len <= 3;
        for (size_t b = 0; ascii && b < fe[k].len; b++)
            ascii = fe[k].text[b] >= 'a' && fe[k].text[b] <= 'z';
        if (ascii && strcmp(fe[k].section, "article") == 0) {
            memcpy(c->art[c->nart], fe[k].text, fe[k].len);
            c->art_len[c->nart++] = (uint8_t)fe[k].len;
            c->art_end2[fe[k].text[fe[k].len - 1] - 'a'] |=
                1u << (fe[k].text[fe[k].len - 2] - 'a');
        }
    }
    for (size_t k = 0; k < nf; k++) {
        unsigned char b0 = (unsigned char)fe[k].text[0];
        unsigned char b1 = fe[k].len >= 2 ? (unsigned char)fe[k].text[1] : 0;
        if (b0 >= 'a' && b0 <= 'z' && b1 >= 'a' && b1 <= 'z' &&
            (strcmp(fe[k].section, "preposition") == 0 ||
             strcmp(fe[k].section, "conjunction") == 0))
            c->prep_start2[b0 - 'a'] |= 1u << (b1 - 'a');
    }
    c->date_words = mtl_lang_lexicon(lang, "date-words");
    c->given = mtl_lang_lexicon_all(lang, "given-names");
    if (c->en)
        sp_load_calendar(c, mtl_lang_primary(lang));
    *state = c;
    return MTL_OK;
}

static void
mtl_spacing_unload(void *state)
{
    free(state);
}

static void
mtl_spacing_run(const void *state, mtl_checker *ck, const mtl_doc *doc,
                const mtl_batch *batch, mtl_flags *out)
{
    (void)batch;
    sp_ctx c = *(const sp_ctx *)state; /* mtl_spacing_load's, for doc->res */
    c.ck = ck;
    c.doc = doc;
    c.lang = doc->res;
    c.out = out;
    c.counts = NULL;

    sp_memo prev = {-1, -1};
    for (size_t i = 0; i < doc->ntoks; i++) {
        const mtl_token *t = &doc->toks[i];
        sp_memo cur = {-1, -1};
        switch (t->kind) {
        case MTL_TOK_WORD:
            if (t->casing == MTL_CASE_MIXED) {
                /* (a word of ASCII letters only has no full stop) */
                if (!(t->flags & MTL_TF_ALPHA) &&
                    memchr(doc->text + t->start, '.', t->len))
                    sp_glued_sentence_in_token(&c, i);
                else
                    sp_glued_words(&c, i);
            }
            if (t->flags & MTL_TF_DIGIT) {
                sp_glued_number(&c, i);
                sp_glued_code_function(&c, i);
            }
            /* both end with a lower-case word: for the other words, the
             * one test here rather than their own */
            if (t->casing == MTL_CASE_LOWER) {
                sp_torn_word(&c, i, &prev, &cur);
                sp_repeated_word(&c, i);
                if (i >= 2 && doc->toks[i - 1].kind == MTL_TOK_PUNCT)
                    sp_torn_hyphen(&c, i);
                if (t->nchars >= 4 && t->nchars <= 10 && c.dict &&
                    (t->flags & MTL_TF_ALPHA)) {
                    const unsigned char *ws =
                        (const unsigned char *)doc->text + t->start;
                    unsigned l1 = ws[t->len - 1] - 'a',
                             l2 = ws[t->len - 2] - 'a';
                    unsigned f1 = ws[0] - 'a', f2 = ws[1] - 'a';
                    /* (ASCII lower case: each below 26) */
                    if (l1 < 26 && f1 < 26 && l2 < 26 && f2 < 26 &&
                        (c.art_end2[l1] >> l2 & 1) &&
                        (c.prep_start2[f1] >> f2 & 1))
                        sp_glued_pair(&c, i);
                }
                if (t->nchars >= 7)
                    sp_glued_lower(&c, i);
                else if (t->len == 1)
                    sp_torn_letter(&c, i);
            }
            /* the three need the dictionary; English has names glued
             * to a function word, and of eight letters or more, German
             * prepositions glued to a noun, and the other languages an
             * article glued to a sentence's first word */
            if (t->casing == MTL_CASE_TITLE && t->nchars >= 6 && c.dict) {
                if (c.en)
                    sp_glued_name_function(&c, i);
                if (t->nchars >= 8) {
                    if (c.noun_caps)
                        sp_glued_de_prep(&c, i);
                    else if (t->flags & MTL_TF_SENT_START)
                        sp_glued_title_start(&c, i);
                }
            }
            break;
        case MTL_TOK_NUMBER:
            /* "1,6Milliarden": the segmenter keeps a decimal and the
             * letters glued to it as one number */
            if ((t->flags & MTL_TF_LETTER) && t->len <= SP_WORD_MAX &&
                c.dict)
                sp_glued_count(&c, i);
            break;
        case MTL_TOK_PUNCT:
            /* the rules by the mark they start from: only a mark longer
             * than a byte ('…') can end a sentence then, and the other
             * marks of a byte ('"', '-', ':') start none */
            if (t->len != 1) {
                sp_glued_sentence_punct(&c, i);
                if (c.en && t->len == 3 && t->flags & MTL_TF_SPACE_BEFORE)
                    sp_spaced_possessive(&c, i);
                break;
            }
            switch (doc->text[t->start]) {
            case '.':
                sp_glued_sentence_punct(&c, i);
                sp_space_before_punct(&c, i);
                sp_doubled_punct(&c, i);
                sp_spaced_double_stop(&c, i);
                break;
            case '!':
            case '?':
                sp_glued_sentence_punct(&c, i);
                sp_space_before_punct(&c, i);
                break;
            case ',':
                sp_space_before_punct(&c, i);
                sp_doubled_punct(&c, i);
                sp_glued_comma(&c, i);
                break;
            case '%':
                sp_percent(&c, i);
                break;
            case '(':
                if (mtl_tok_glued_prev(doc, i))
                    sp_glued_bracket(&c, i);
                break;
            case '\'':
                if (c.en && (t->flags & MTL_TF_SPACE_BEFORE))
                    sp_spaced_possessive(&c, i);
                break;
            default:
                break;
            }
            break;
        default:
            break;
        }
        prev = cur;
    }
}

const mtl_detector mtl_detector_spacing = {
    .name = "spacing",
    .category = "spacing",
    .description = "words glued together (PoliticsBusinessSport), a sentence "
                   "glued to the next (report.The), a word glued to a number "
                   "or a date, a comma's space lost or misplaced "
                   "(mundo,terminará), a space before punctuation (Berlin .), "
                   "a torn word, a word repeated (the the), punctuation "
                   "written twice (fuel..), a word glued to a bracket "
                   "(Haase(CDU))",
    .load = mtl_spacing_load,
    .run = mtl_spacing_run,
    .unload = mtl_spacing_unload,
    .observe = NULL,
};
