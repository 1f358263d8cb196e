/*
 * names.c - the `names` detector (category `name`): person and place names
 * damaged by machine translation or scraping.
 *
 * MT systems that do not recognise a name translate it (Breon Peace ->
 * "Brion peace", Ni Gaobin -> "I won't answer you"), split a caption or
 * speaker tag into a sentence of its own ("Lisa Monaco."), and scrapers
 * glue the name to what followed it in the page ("Merrick GarlandHe",
 * "Weng Ming37", "Antony BlinkenA spokesman", "Maria Kowalczyksaid").  A surname that is also a noun loses its capital
 * ("Helen frost", "Pablo cordero").  A name also drifts between spellings
 * from one sentence, or one article, to the next ("Christopher Wray" /
 * "Christopher Ray").
 *
 * Whether a word is name-like is decided on the words that are candidates
 * anyway (rare shapes: glued tokens, short sentences, title-case pairs,
 * lower-case words), never on every token: Hunspell accepts a proper noun
 * only capitalised ("Lisa" yes, "lisa" no), knows neither form of most
 * foreign names, and the given-name lexicon knows given names that are
 * also common words ("Ray", "Rose").  Languages that capitalise every noun
 * (German) cannot tell nouns from names that way, so there only unknown
 * words and listed given names count.  Without a dictionary only the
 * given-name lexicon and unknown title-case words do.
 *
 * Precision beats recall throughout: each rule asks for a second, independent
 * clue (a given name before a glued surname, a sentence starter after it, a
 * list of ages around a glued number, another sentence on the same line as a
 * name-only sentence, or prose around a name-only line whose name the
 * document writes elsewhere, the same pair capitalised elsewhere in the
 * document or commas around a lower-case surname).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "../batch.h"
#include "../engine.h"
#include "../lexicon/lexicon.h"
#include "../util/listset.h"
#include "../util/strbuf.h"
#include "../util/util.h"
#include "detector.h"

enum { MTL_NM_COMMON = 0, MTL_NM_PROPER, MTL_NM_UNKNOWN };

/* Longest word we classify; longer tokens are never name parts. */
#define MTL_NM_WORD_MAX 64
/* A list of people needs this many "name, age" items in one sentence. */
#define MTL_NM_LIST_MIN 3
/* Words a name-only sentence needs around it on its line. */
#define MTL_NM_CONTEXT_WORDS 6
/* Distinct surnames compared per given name (keeps the variant check
 * linear on documents that repeat one given name with many surnames). */
#define MTL_NM_GROUP_MAX 24

/*
 * Per language: a filter over the folded entries of the given-name
 * lexicon.  mtl_nm_lowercased looks up nearly every lower-case word that
 * precedes another in that lexicon; one bit per (length, first two bytes,
 * last byte) answers "no" for most ASCII ones without folding and hashing.
 * Ordinary words share those bytes with names often (a quarter of them
 * pass), so a second bit per hash of the whole folded entry answers "no"
 * for most of the rest before the lexicon folds and looks up.  That hash
 * is the lexicons' (seed MTL_LEXICON_SEED), which the statistics' word
 * table (ck->words) holds for every word of the document: a lower-case
 * word, its own fold, is not hashed again.
 */
#define MTL_NM_GIVEN_BITS 32768 /* a power of two */

typedef struct mtl_nm_state {
    /* the language's lists and traits, found by name once per language
     * rather than for every document (twice in a batch) */
    const mtl_lexicon *stop, *func, *part, *part_all, *titles, *given, *camel,
        *abbrev, *speech, *family_first;
    /* bit (x << 8 | y): a word mtl_nm_glued_lower() may split off ends
     * with the bytes x y (function words but adverbs, verbs of saying) */
    uint64_t glue_tail[1024];
    /* the same of the function words of three letters or more where
     * nouns are capitalised, which split off only after a listed given
     * name (mtl_nm_glued_lower) */
    uint64_t caps_func_tail[1024];
    bool dict;      /* Hunspell available */
    bool noun_caps; /* the language capitalises every noun */
    bool en;
    char primary[4]; /* "es", "pt", ...; "" when longer */
    bool filter; /* the bits hold the given-name lexicon (not empty) */
    uint64_t given_bits[MTL_NM_GIVEN_BITS / 64];
    uint64_t whole[MTL_NM_GIVEN_BITS / 64];
    /* the same first bit (mtl_nm_given_bit) for the particles: the two
     * lexicons' folded entries and mtl_nm_particles (mtl_nm_is_particle) */
    uint64_t part_bits[MTL_NM_GIVEN_BITS / 64];
    /* and for the stop words: the stop and function-word lexicons'
     * entries as written, which mtl_lexicon_has matches, and
     * mtl_nm_starters (mtl_nm_is_stop_folded) */
    uint64_t stop_bits[MTL_NM_GIVEN_BITS / 64];
    /* and for the job titles: the titles lexicon's folded entries and
     * mtl_nm_title_words (mtl_nm_is_title_folded) */
    uint64_t title_bits[MTL_NM_GIVEN_BITS / 64];
} mtl_nm_state;

typedef struct mtl_nm_ctx {
    const mtl_nm_state *st; /* the language's lists and traits */
    mtl_checker *ck;
    const mtl_doc *doc;
    const mtl_lang *lang;
    /* mtl_nm_name_kind() of each distinct word, at its first token in the
     * statistics' word table (ck->words), 0 while not asked; NULL without
     * that table (the batch's first pass) */
    uint8_t *kinds;
} mtl_nm_ctx;

/*
 * Words that start sentences (pronouns, articles, prepositions,
 * conjunctions) in the six languages with dictionaries.  A title-case word
 * glued to a name is the next sentence when it is one of these, which
 * CamelCase brands (PowerPoint, BlackRock) never are.  Used together with
 * the stop-word lexicons, and alone when they are missing.
 */
/* clang-format off */
static const char *const mtl_nm_starters[] = {
    /* en */
    "he", "she", "it", "they", "we", "you", "this", "that", "these", "those",
    "the", "his", "her", "its", "their", "our", "for", "as", "at", "but",
    "and", "or", "so", "if", "when", "while", "after", "before", "according",
    "meanwhile", "however", "although", "though", "since", "during",
    "despite", "with", "without", "from", "by", "to", "of", "there", "here",
    "what", "who", "which", "why", "how", "then", "also", "still", "yet",
    "now", "later", "earlier", "today", "yesterday", "both", "some", "many",
    "most", "all", "each", "every", "not", "speaking", "asked", "said",
    /* fr */
    "il", "elle", "ils", "elles", "le", "la", "les", "un", "une", "des",
    "ce", "cette", "ces", "son", "sa", "ses", "leur", "pour", "dans", "selon",
    "mais", "et", "ou", "si", "quand", "lors", "après", "avant", "depuis",
    "pendant", "avec", "sans", "par", "du", "au", "aux", "nous", "vous",
    "je", "cela", "ceci", "lui",
    /* es */
    "el", "los", "las", "una", "él", "ella", "ellos", "ellas", "este",
    "esta", "estos", "estas", "su", "sus", "para", "por", "según", "pero",
    "cuando", "tras", "antes", "después", "desde", "durante", "con", "sin",
    "del", "al", "se", "lo", "nos",
    /* de */
    "er", "sie", "es", "wir", "ich", "der", "die", "das", "den", "dem",
    "des", "ein", "eine", "dieser", "diese", "dieses", "sein", "seine",
    "ihr", "ihre", "für", "nach", "vor", "seit", "während", "mit", "ohne",
    "von", "vom", "zum", "zur", "laut", "aber", "und", "oder", "wenn", "als",
    "dabei", "damit", "dort",
    /* pt */
    "ele", "ela", "eles", "elas", "os", "as", "um", "uma", "esse", "essa",
    "seu", "sua", "em", "no", "na", "segundo", "mas", "quando", "após",
    "depois", "com", "sem", "do", "da",
    /* it */
    "lei", "loro", "gli", "questo", "questa", "suo", "nel", "nella", "ma",
    "dopo", "prima", "senza", "di", "della",
};
/* clang-format on */

/* Adverb particles that end CamelCase brands and verbs (LinkedIn, CheckIn,
 * StandUp): never taken as the start of a glued sentence. */
/* clang-format off */
static const char *const mtl_nm_not_starters[] = {
    "in", "on", "up", "out", "off", "down", "over", "back", "away", "im",
    "am", "en", "an", "a", "o", "i", "e", "y",
};
/* clang-format on */

/* Job titles that follow a name glued ("Jane SmithChief Executive"), when
 * the titles lexicon is missing. */
/* clang-format off */
static const char *const mtl_nm_title_words[] = {
    "chief", "president", "minister", "director", "executive", "secretary",
    "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson",
    "senator", "governor", "mayor", "general", "ambassador", "premier",
    "président", "ministre", "directeur", "directrice", "presidente",
    "ministro", "ministra", "director", "directora", "präsident",
    "präsidentin", "ministerin", "direttore", "direttrice",
};
/* clang-format on */

/* Prefixes of surnames written in CamelCase (MacArthur, FitzGerald,
 * VanDyke): a left part equal to one of them is a prefix, not a name. */
/* clang-format off */
static const char *const mtl_nm_camel_prefixes[] = {
    "mac", "mc", "fitz", "van", "von", "del", "della", "des", "dos", "das",
    "den", "ter", "san", "st", "la", "le", "de", "di", "du", "da", "al",
    "el", "ben", "bin", "ibn", "abu", "o",
};
/* clang-format on */

/* Name particles, when the lexicons are missing. */
/* clang-format off */
static const char *const mtl_nm_particles[] = {
    "de", "del", "della", "der", "di", "da", "das", "dos", "du", "van",
    "von", "den", "ter", "bin", "ibn", "al", "el", "la", "le", "y", "zu",
    "dei", "degli", "e", "ben", "abu", "af", "av",
};
/* clang-format on */

/* Words for "years (old)" after an age in a list of people. */
/* clang-format off */
static const char *const mtl_nm_age_words[] = {
    "years", "year", "yrs", "ans", "an", "años", "año", "jahre", "jahren",
    "jährige", "jähriger", "anos", "ano", "anni", "anno",
};
/* clang-format on */

/* Verbs of saying too short for speech-verbs.txt (which also finds them
 * glued to the end of a name, where "told" would end "Bertold"), after a
 * name glued to an age: "Tran Van Duc52 told". */
/* clang-format off */
static const char *const mtl_nm_told[] = {
    "told", "tells", "asked", "dijo", "disse", "dit", "sagte",
};
/* clang-format on */

/* Conjunctions that end a list ("and Zhao Guangzong, 38"). */
/* clang-format off */
static const char *const mtl_nm_conj[] = {
    "and", "et", "y", "e", "und", "ed",
};
/* clang-format on */

/* Short title-case abbreviations before a full stop that ICU may take as a
 * sentence end ("Sen. Lisa Monaco"). */
/* clang-format off */
static const char *const mtl_nm_abbrevs[] = {
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "lt",
    "sgt", "jr", "sr", "prof", "mme", "mlle", "sra", "sr", "dra", "hr",
    "fr", "pres", "capt", "cpt", "maj", "adm", "rev", "hon", "no", "nr",
    "vol", "art", "fig", "co", "inc", "ltd", "corp", "vs",
};
/* clang-format on */

/* English verb forms with no regular ending that follow a subject (",
 * Helen said,"), and words that stand after a name in an absolute
 * construction ("to Helen alone,"). */
/* clang-format off */
static const char *const mtl_nm_en_verbish[] = {
    "said", "told", "thought", "knew", "felt", "wrote", "saw", "heard",
    "spoke", "went", "came", "left", "won", "lost", "ran", "sat", "stood",
    "fell", "grew", "became", "began", "got", "made", "took", "gave",
    "kept", "held", "met", "paid", "read", "sent", "set", "put", "quit",
    "cut", "hit", "let", "led", "meant", "found", "understood", "taught",
    "drove", "rode", "woke", "wept", "slept", "broke", "chose", "froze",
    "forgot", "bought", "brought", "fought", "caught", "sought", "built",
    "spent", "fled", "hung", "shot", "shut", "struck", "swore", "threw",
    "drew", "flew", "hid", "ate", "lay", "laid", "rose", "sold", "stole",
    "gone", "done", "born", "known", "seen", "shown", "taken", "given",
    "chosen", "driven", "fallen", "hidden", "spoken", "stolen", "thrown",
    "written", "alone", "aside", "apart", "together", "ahead", "abroad",
    "overnight", "first", "last", "twice", "junior", "senior", "too",
    "herself", "himself", "included", "aged",
};
/* Third persons of the Romance languages' irregular verbs, which no
 * ending shows to mtl_nm_verbish ("Ana dijo.", "Karim dort."). */
static const char *const mtl_nm_irregular_verbs[] = {
    /* es */ "dijo", "hizo", "puso", "tuvo", "vino", "pudo", "supo",
    "trajo", "quiso", "estuvo", "anduvo", "condujo", "fue", "dio",
    "vio",
    /* pt */ "disse", "fez", "teve", "veio", "soube", "trouxe", "quis",
    "esteve", "foi", "deu", "viu", "pode", "sabe", "dorme",
    /* it */ "fece", "mise", "ebbe", "venne", "seppe", "volle",
    "rise", "prese", "scrisse", "vide", "diede", "fu", "nacque",
    "rimase", "pianse", "corse",
    /* fr */ "dort", "part", "sort", "dit", "fait", "vit", "lit", "rit",
    "suit", "court", "ment", "sent", "sert", "boit", "voit", "croit",
    "doit", "peut", "veut", "sait", "vient", "tient", "prend", "met",
    "rend", "vend", "perd", "attend", "répond", "entend", "descend",
    "pleure", "sourit", "meurt", "naît"};
/* clang-format on */

/* Prepositions that also open a clause ("after Helen left,"), or take a
 * name with a predicate ("with Maria injured,"): no apposition after
 * them. */
/* clang-format off */
static const char *const mtl_nm_clause_preps[] = {
    "after", "before", "since", "until", "till", "with", "without", "con",
    "sin", "com", "sem", "avec", "sans", "senza", "like", "as",
};
/* clang-format on */

/* Determiners that open a role phrase ("The chairman of ...,"). */
/* clang-format off */
static const char *const mtl_nm_role_dets[] = {
    "the", "a", "an", "its", "their", "our", "his", "her",
};
/* Role nouns that are no job title (mtl_nm_is_title: the titles lexicon
 * and mtl_nm_title_words). */
static const char *const mtl_nm_role_nouns[] = {
    "head", "founder", "owner", "manager", "chairperson", "leader",
    "analyst", "economist", "editor", "author", "coordinator", "researcher",
    "treasurer", "administrator", "superintendent", "principal", "dean",
    "curator", "organiser", "organizer", "priest", "lawyer", "attorney",
    "chef", "scientist", "ecologist", "biologist", "engineer", "architect",
    "historian", "journalist", "spokesman", "spokeswoman", "spokesperson",
    /* fr */ "analyste", "économiste", "chercheur", "chercheuse", "avocat",
    "avocate", "journaliste", "historien", "historienne", "ingénieur",
    "ingénieure", "fondateur", "fondatrice", "directeur", "directrice",
    /* es, pt, it */ "analista", "economista", "investigador",
    "investigadora", "abogado", "abogada", "periodista", "historiador",
    "historiadora", "ingeniero", "ingeniera", "fundador", "fundadora",
    "pesquisador", "pesquisadora", "advogado", "advogada", "jornalista",
    "engenheiro", "engenheira", "ricercatore", "ricercatrice", "avvocato",
    "avvocata", "giornalista", "ingegnere", "fondatore", "fondatrice",
    "deputy", "governor", "representative", "official", "storico", "storica",
    "superintendente", "diretor", "diretora",
    "director", "directora", "direttore", "direttrice", "gerente",
    "coordenador", "coordenadora", "coordinador", "coordinadora",
    "coordinatore", "coordinatrice", "responsable", "responsabile",
    "dirigente", "gobernador", "gobernadora", "governador", "governadora",
    "governatore", "gouverneur", "délégué", "déléguée", "delegado",
    "delegada", "delegato", "delegata",
    /* de */ "ökonom", "ökonomin", "forscher", "forscherin",
    "anwalt", "anwältin", "journalistin", "historiker", "historikerin",
    "gründer", "gründerin",
    /* the people a story quotes by trade: drivers, nurses, doctors,
     * pilots, teachers, farmers (en, fr, es, pt, it) */
    "driver", "nurse", "doctor", "surgeon", "pilot", "teacher", "farmer",
    "coach", "chauffeur", "infirmier", "infirmière", "médecin", "pilote",
    "enseignant", "enseignante", "agriculteur", "agricultrice",
    "entraîneur", "conductor", "conductora", "enfermero", "enfermera",
    "médico", "médica", "cirujano", "cirujana", "piloto", "profesor",
    "profesora", "agricultor", "agricultora", "entrenador", "entrenadora",
    "motorista", "enfermeiro", "enfermeira", "cirurgião", "cirurgiã",
    "professor", "professora", "treinador", "treinadora", "autista",
    "infermiere", "infermiera", "medico", "chirurgo", "pilota",
    "insegnante", "agricoltore", "allenatore",
};
/* Finite verbs (besides mtl_nm_en_verbish and the words in -ed, which
 * mtl_nm_role_fragment turns away by their ending) that make a role
 * phrase a clause ("The team is led by the chairman, ..."). */
static const char *const mtl_nm_role_verbs[] = {
    "is", "was", "are", "were", "be", "been", "has", "have", "had", "do",
    "does", "did", "will", "would", "can", "could", "may", "might", "must",
    "shall", "should", "says", "say", "includes", "include", "welcomes",
    "replaces", "joins", "meets", "becomes", "remains",
};
/* Lead-ins of a role fragment ("Según la ministra, ...") and the
 * determiners of its role in the Romance languages. */
static const char *const mtl_nm_lead_ins[] = {
    "según", "segundo", "selon", "secondo", "conforme",
};
static const char *const mtl_nm_role_dets_rom[] = {
    "el", "la", "los", "las", "un", "una", "su", "sus", "le", "les", "une",
    "son", "sa", "ses", "leur", "o", "a", "os", "as", "um", "uma", "seu", "sua",
    "il", "lo", "gli", "i", "uno", "suo",
};
/* clang-format off */
/* East Asian demonyms, adjectives and German nouns (folded), before or
 * after a person noun and a name: a Chinese, Japanese or Korean name is
 * no pair of words of the text's language (mtl_nm_translated_whole). */
static const char *const mtl_nm_east_asian[] = {
    /* en */ "chinese", "taiwanese", "japanese", "korean",
    /* fr */ "chinois", "chinoise", "taïwanais", "taïwanaise", "japonais",
    "japonaise", "coréen", "coréenne",
    /* es, pt, it */ "chino", "china", "taiwanés", "taiwanesa", "japonés",
    "japonesa", "coreano", "coreana", "chinês", "chinesa", "taiwanês",
    "japonês", "cinese", "giapponese",
    /* de */ "chinesische", "chinesischen", "chinesischer", "chinesin",
    "taiwanische", "taiwanischen", "taiwanischer", "japanische",
    "japanischen", "japanischer", "japaner", "japanerin", "koreanische",
    "koreanischen", "koreanischer", "koreaner", "koreanerin",
};
/* People a story names by what they do, besides mtl_nm_role_nouns and
 * the titles lexicon (en, fr, es, pt, it, de). */
static const char *const mtl_nm_person_nouns[] = {
    "singer", "actor", "actress", "artist", "acrobat", "athlete", "player",
    "dancer", "musician", "poet", "writer", "novelist", "painter",
    "designer", "student", "tourist", "businessman", "businesswoman",
    "entrepreneur", "investor", "swimmer", "skater", "pianist", "violinist",
    "composer", "photographer", "filmmaker", "dissident", "activist",
    "chanteur", "chanteuse", "acteur", "actrice", "artiste", "acrobate",
    "athlète", "joueur", "joueuse", "danseur", "danseuse", "musicien",
    "musicienne", "poète", "écrivain", "écrivaine", "romancier",
    "romancière", "peintre", "étudiant", "étudiante", "touriste",
    "entrepreneuse", "investisseur", "nageur", "nageuse", "patineur",
    "patineuse", "pianiste", "violoniste", "compositeur", "compositrice",
    "photographe", "cinéaste", "dissidente", "militant", "militante",
    "cantante", "actriz", "artista", "acróbata", "atleta", "jugador",
    "jugadora", "bailarín", "bailarina", "músico", "música", "poeta",
    "poetisa", "escritor", "escritora", "novelista", "pintor", "pintora",
    "estudiante", "turista", "empresario", "empresaria", "inversor",
    "inversora", "nadador", "nadadora", "patinador", "patinadora",
    "pianista", "violinista", "compositor", "compositora", "fotógrafo",
    "fotógrafa", "cineasta", "disidente", "activista", "cantor", "cantora",
    "ator", "atriz", "acrobata", "jogador", "jogadora", "bailarino",
    "romancista", "estudante", "empresário", "empresária", "investidor",
    "investidora", "dissidente", "ativista", "attore", "attrice",
    "giocatore", "giocatrice", "ballerino", "ballerina", "musicista",
    "poetessa", "scrittore", "scrittrice", "romanziere", "pittore",
    "pittrice", "studente", "studentessa", "imprenditore", "imprenditrice",
    "investitore", "nuotatore", "nuotatrice", "pattinatore", "pattinatrice",
    "compositore", "fotografo", "fotografa", "regista", "attivista",
    "sänger", "sängerin", "schauspieler", "schauspielerin", "künstler",
    "künstlerin", "akrobat", "akrobatin", "athlet", "athletin", "spieler",
    "spielerin", "tänzer", "tänzerin", "musiker", "musikerin", "dichter",
    "dichterin", "schriftsteller", "schriftstellerin", "maler", "malerin",
    "studentin", "touristin", "unternehmer", "unternehmerin", "investorin",
    "schwimmer", "schwimmerin", "pianistin", "komponist", "komponistin",
    "fotograf", "fotografin", "regisseur", "regisseurin", "dissidentin",
    "aktivist", "aktivistin",
};
/* clang-format on */

#define MTL_NM_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------- helpers */

/* Russian and Ukrainian given names that French, Spanish, Portuguese
 * and Italian give as well. */
static const char *const mtl_nm_shared_russian[] = {
    "anton", "ivan", "anastasia", "angelina", "alina", "daria", "eduard",
    "milana", "kira", "yana", "alisa", "lev", "inna", "boris", "timur",
    NULL};

/* Russian and Ukrainian given names that English dictionaries know as
 * ordinary words: before a Russian surname the name itself, not a
 * translation ("Marina Tsvetaeva", "Roman Abramovich"). */
static const char *const mtl_nm_word_russian[] = {
    "marina", "victoria", "roman", "margarita", "maya", NULL};

/* Membership in the lists above (mtl_listset): a list is consulted for
 * most words of a document, so one hash set built once. */
#define MTL_NM_SET_SLOTS 4096 /* a power of two, over twice the words */

static mtl_listset_slot mtl_nm_slots[MTL_NM_SET_SLOTS];
static mtl_listset mtl_nm_set;
static pthread_once_t mtl_nm_set_once = PTHREAD_ONCE_INIT;

static void
mtl_nm_set_build(void)
{
    mtl_listset_init(&mtl_nm_set, mtl_nm_slots, MTL_NM_SET_SLOTS);
#define MTL_NM_ADD(a) (void)mtl_listset_add(&mtl_nm_set, a, MTL_NM_NELEM(a))
    MTL_NM_ADD(mtl_nm_starters);
    MTL_NM_ADD(mtl_nm_not_starters);
    MTL_NM_ADD(mtl_nm_title_words);
    MTL_NM_ADD(mtl_nm_camel_prefixes);
    MTL_NM_ADD(mtl_nm_particles);
    MTL_NM_ADD(mtl_nm_age_words);
    MTL_NM_ADD(mtl_nm_told);
    MTL_NM_ADD(mtl_nm_conj);
    MTL_NM_ADD(mtl_nm_abbrevs);
    MTL_NM_ADD(mtl_nm_en_verbish);
    MTL_NM_ADD(mtl_nm_irregular_verbs);
    MTL_NM_ADD(mtl_nm_clause_preps);
    MTL_NM_ADD(mtl_nm_role_dets);
    MTL_NM_ADD(mtl_nm_role_nouns);
    MTL_NM_ADD(mtl_nm_role_verbs);
    MTL_NM_ADD(mtl_nm_lead_ins);
    MTL_NM_ADD(mtl_nm_role_dets_rom);
    MTL_NM_ADD(mtl_nm_shared_russian);
    MTL_NM_ADD(mtl_nm_word_russian);
    MTL_NM_ADD(mtl_nm_east_asian);
    MTL_NM_ADD(mtl_nm_person_nouns);
#undef MTL_NM_ADD
}

/* True if @p s is a word of @p list, one of the lists above.  The set is
 * built by mtl_nm_ctx_init, which every pass starts with. */
static bool
mtl_nm_in(const char *const *list, const char *s, size_t len)
{
    return len > 0 && mtl_listset_has(&mtl_nm_set, list, s, len);
}

/* Case-folds into @p buf; 0 when it does not fit. */
static size_t
mtl_nm_fold(const char *s, size_t len, char *buf, size_t cap)
{
    size_t n = mtl_utf8_fold(s, len, buf, cap);
    return n == (size_t)-1 ? 0 : n;
}

static bool
mtl_nm_in_fold(const char *const *list, const char *s, size_t len)
{
    char buf[MTL_NM_WORD_MAX * 4];
    size_t fl = mtl_nm_fold(s, len, buf, sizeof buf);
    return fl && mtl_nm_in(list, buf, fl);
}

/* First letter upper-case, the rest lower-case, into @p buf. */
static size_t
mtl_nm_titlecase(const char *s, size_t len, char *buf, size_t cap)
{
    size_t i = 0, o = 0;
    bool first = true;
    while (i < len) {
        int32_t cp = mtl_utf8_next(s, len, &i);
        if (cp < 0)
            return 0;
        cp = first ? u_totitle(cp) : u_tolower(cp);
        first = false;
        if (o + 4 >= cap)
            return 0;
        o += mtl_utf8_encode((uint32_t)cp, buf + o);
    }
    buf[o] = '\0';
    return o;
}

static const char *
mtl_nm_text(const mtl_nm_ctx *c, size_t i)
{
    return c->doc->text + c->doc->toks[i].start;
}

static inline bool
mtl_nm_punct(const mtl_nm_ctx *c, size_t i, uint32_t cp)
{
    if (i >= c->doc->ntoks)
        return false;
    const mtl_token *t = &c->doc->toks[i];
    /* mtl_tok_is_char's test for an ASCII character, without the call:
     * every caller asks for one */
    if (cp < 0x80)
        return t->len == 1 && (unsigned char)c->doc->text[t->start] == cp;
    return mtl_tok_is_char(c->doc, t, cp);
}

/* A title-case word of letters only, of sane length.  Inline: it is
 * asked of most tokens after a capitalised word, and most are not one. */
__attribute__((always_inline)) static inline bool
mtl_nm_title_word(const mtl_nm_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    return t->kind == MTL_TOK_WORD && t->casing == MTL_CASE_TITLE &&
           t->nchars >= 2 && t->len <= MTL_NM_WORD_MAX &&
           mtl_tok_letters_only(mtl_nm_text(c, i), t);
}

/* Token i follows token i-1 after white space on the same line. */
static bool
mtl_nm_spaced(const mtl_nm_ctx *c, size_t i)
{
    uint16_t f = c->doc->toks[i].flags;
    return i > 0 && (f & MTL_TF_SPACE_BEFORE) && !(f & MTL_TF_NEWLINE_BEFORE);
}

/* Stop and function words, given the word case-folded by mtl_nm_fold
 * (@p fl 0 when it did not fit): the lists are lower case, so one folding
 * serves every lookup.  With @p starters, mtl_nm_starters too. */
static size_t mtl_nm_given_bit(size_t n, unsigned first, unsigned second,
                               unsigned last);

static bool
mtl_nm_stop_in(const mtl_nm_ctx *c, const char *f, size_t fl, bool starters)
{
    if (!fl)
        return false;
    /* the filter: a word matched as written has the bit of its bytes */
    const unsigned char *u = (const unsigned char *)f;
    size_t b = mtl_nm_given_bit(fl, u[0], fl > 1 ? u[1] : 0, u[fl - 1]);
    if (!((c->st->stop_bits[b / 64] >> (b % 64)) & 1))
        return false;
    if (mtl_lexicon_has(c->st->stop, f, fl) ||
        mtl_lexicon_has(c->st->func, f, fl))
        return true;
    return starters && mtl_nm_in(mtl_nm_starters, f, fl);
}

static bool
mtl_nm_is_stop_folded(const mtl_nm_ctx *c, const char *f, size_t fl)
{
    return mtl_nm_stop_in(c, f, fl, true);
}

static bool
mtl_nm_is_stop(const mtl_nm_ctx *c, const char *s, size_t len)
{
    char buf[MTL_NM_WORD_MAX * 4];
    size_t fl = mtl_nm_fold(s, len, buf, sizeof buf);
    return mtl_nm_is_stop_folded(c, buf, fl);
}

/* A stop or function word of the document's language: its lexicons only,
 * not mtl_nm_starters, which hold other languages' words too ("Du", a
 * Chinese family name, is French "du"); all of them when the lexicons are
 * missing. */
static bool
mtl_nm_is_stop_own(const mtl_nm_ctx *c, const char *s, size_t len)
{
    char buf[MTL_NM_WORD_MAX * 4];
    size_t fl = mtl_nm_fold(s, len, buf, sizeof buf);
    return mtl_nm_stop_in(c, buf, fl, !c->st->stop && !c->st->func);
}

/* Particle entries only: the [prefix] section lists glued forms (Mc, O'). */
static bool
mtl_nm_lex_particle(const mtl_lexicon *lex, const char *s, size_t len)
{
    const mtl_lex_entry *e = lex ? mtl_lexicon_get_fold(lex, s, len) : NULL;
    return e && strcmp(e->section, "prefix") != 0;
}

/* False if @p s is surely no particle: an ASCII word folds to itself
 * lower-cased, which mtl_nm_is_particle looks up (and mtl_nm_particles
 * holds lower-case words), so its bit must be set.  Most words it is
 * asked about are lower-case words of the language, two lexicon lookups
 * (each folding the word) spared. */
static bool
mtl_nm_maybe_particle(const mtl_nm_ctx *c, const char *s, size_t len)
{
    if (len == 0 || len > MTL_NM_WORD_MAX)
        return true;
    for (size_t k = 0; k < len; k++)
        if ((unsigned char)s[k] >= 0x80)
            return true;
    size_t b = mtl_nm_given_bit(
        len, (unsigned)mtl_ascii_lower((unsigned char)s[0]),
        len > 1 ? (unsigned)mtl_ascii_lower((unsigned char)s[1]) : 0,
        (unsigned)mtl_ascii_lower((unsigned char)s[len - 1]));
    return (c->st->part_bits[b / 64] >> (b % 64)) & 1;
}

static bool
mtl_nm_is_particle(const mtl_nm_ctx *c, const char *s, size_t len)
{
    if (!mtl_nm_maybe_particle(c, s, len))
        return false;
    if (mtl_nm_lex_particle(c->st->part, s, len) ||
        mtl_nm_lex_particle(c->st->part_all, s, len))
        return true;
    return mtl_nm_in(mtl_nm_particles, s, len);
}

static size_t mtl_nm_nonascii(const char *s, size_t n);
static inline bool mtl_nm_maybe_given(const mtl_nm_ctx *c, size_t i);

static bool
mtl_nm_is_given(const mtl_nm_ctx *c, const char *s, size_t len)
{
    if (mtl_lexicon_has(c->st->given, s, len))
        return true;
    /* a listed name with an accent that Spanish and others put on a
     * transliteration ("Ilyá", "Serguéi", "Nikolái"): a capital A-Z
     * first, one accented letter, and the name without it listed */
    if (len < 4 || len > MTL_NM_WORD_MAX || !(s[0] >= 'A' && s[0] <= 'Z') ||
        mtl_nm_nonascii(s, len) != 2)
        return false;
    char base[MTL_NM_WORD_MAX + 1];
    size_t bl = mtl_utf8_unaccent(s, len, base, sizeof base);
    return bl > 0 && bl < len && mtl_utf8_letters_only(base, bl) &&
           mtl_lexicon_has(c->st->given, base, bl);
}

/* A job title; @p f, @p fl: the word folded by mtl_nm_fold. */
static bool
mtl_nm_is_title_folded(const mtl_nm_ctx *c, const char *s, size_t len,
                       const char *f, size_t fl)
{
    if (fl) {
        /* the lexicon folds @p s as mtl_nm_fold did (when it fitted):
         * an entry matched has the bit of @p f */
        const unsigned char *u = (const unsigned char *)f;
        size_t b = mtl_nm_given_bit(fl, u[0], fl > 1 ? u[1] : 0, u[fl - 1]);
        if (!((c->st->title_bits[b / 64] >> (b % 64)) & 1))
            return false;
    }
    if (mtl_lexicon_has_fold(c->st->titles, s, len))
        return true;
    return fl && mtl_nm_in(mtl_nm_title_words, f, fl);
}

static bool
mtl_nm_is_title(const mtl_nm_ctx *c, const char *s, size_t len)
{
    char f[MTL_NM_WORD_MAX * 4];
    size_t fl = mtl_nm_fold(s, len, f, sizeof f);
    return mtl_nm_is_title_folded(c, s, len, f, fl);
}

/* Whether token @p k is a person noun in lower case, or capitalised
 * where nouns are (mtl_nm_role_nouns, mtl_nm_person_nouns, a title),
 * after an elided article or not. */
static bool
mtl_nm_person_noun(const mtl_nm_ctx *c, size_t k)
{
    const mtl_token *t = &c->doc->toks[k];
    if (t->kind != MTL_TOK_WORD || t->len > MTL_NM_WORD_MAX ||
        (t->casing != MTL_CASE_LOWER &&
         !(c->st->noun_caps && t->casing == MTL_CASE_TITLE)))
        return false;
    /* past an elided article: "l'acrobate", "l’étudiante" */
    size_t a = mtl_elision_end(mtl_nm_text(c, k), t->len);
    const char *s = mtl_nm_text(c, k) + a;
    size_t n = t->len - a;
    return mtl_nm_in_fold(mtl_nm_person_nouns, s, n) ||
           mtl_nm_in_fold(mtl_nm_role_nouns, s, n) || mtl_nm_is_title(c, s, n);
}

/*
 * Class of a title-case word: COMMON (a word of the language, also in
 * lower case), PROPER (Hunspell knows it only capitalised, or the
 * given-name lexicon lists it) or UNKNOWN (neither form known: a foreign
 * name, or a typo).  @p given: mtl_nm_is_given(), which callers that have
 * asked already pass on.  @p tok: the token whose bytes @p s is, or
 * (size_t)-1: the dictionary's answer for it as written is then the
 * document's word table's (mtl_spell_token), asked once per word.
 */
static int
mtl_nm_class_tok(const mtl_nm_ctx *c, const char *s, size_t len, bool given,
                 size_t tok)
{
    if (len == 0 || len > MTL_NM_WORD_MAX)
        return MTL_NM_COMMON;
    /* one folding for the stop words and the lower-case spelling; both
     * make a word COMMON, and the dictionary, which knows most of the
     * words asked about in lower case (stop words too), is the cheaper */
    char low[MTL_NM_WORD_MAX * 4];
    size_t ll = mtl_nm_fold(s, len, low, sizeof low);
    if (!c->st->dict)
        return mtl_nm_is_stop_folded(c, low, ll) ? MTL_NM_COMMON
               : given                          ? MTL_NM_PROPER
                                                : MTL_NM_UNKNOWN;
    if ((ll && mtl_spell(c->ck, c->lang, low, ll) == 1) ||
        mtl_nm_is_stop_folded(c, low, ll))
        return MTL_NM_COMMON;
    int known = tok == (size_t)-1 ? mtl_spell(c->ck, c->lang, s, len)
                                  : mtl_spell_token(c->ck, c->doc, tok);
    if (known == 1)
        return (c->st->noun_caps && !given) ? MTL_NM_COMMON : MTL_NM_PROPER;
    return given ? MTL_NM_PROPER : MTL_NM_UNKNOWN;
}

static int
mtl_nm_class_given(const mtl_nm_ctx *c, const char *s, size_t len, bool given)
{
    return mtl_nm_class_tok(c, s, len, given, (size_t)-1);
}

static int
mtl_nm_class(const mtl_nm_ctx *c, const char *s, size_t len)
{
    if (len == 0 || len > MTL_NM_WORD_MAX)
        return MTL_NM_COMMON;
    return mtl_nm_class_given(c, s, len, mtl_nm_is_given(c, s, len));
}

/* What mtl_nm_name_kind() says of a word: */
enum {
    MTL_NM_K_STRONG = 1, /* mtl_nm_strong_given, past mtl_nm_title_word */
    MTL_NM_K_LIKE = 2,   /* mtl_nm_given_like, past mtl_nm_title_word */
    MTL_NM_K_KNOWN = 4,  /* in mtl_nm_ctx.kinds: asked */
    /* and of a lower-case word, mtl_nm_lower_start's filter: */
    MTL_NM_K_MAYBE_GIVEN = 8, /* mtl_nm_maybe_given */
    MTL_NM_K_MG_KNOWN = 16    /* asked */
};

/* The two questions below about word token @p i, which depend on its
 * bytes only and take the same lookups: a listed given name is both
 * unless it is a stop word; otherwise its class decides. */
static unsigned
mtl_nm_name_kind(const mtl_nm_ctx *c, size_t i)
{
    const char *s = mtl_nm_text(c, i);
    size_t len = c->doc->toks[i].len;
    /* the filter first: it turns away most ASCII words before the
     * lexicon hashes them */
    if (mtl_nm_maybe_given(c, i) && mtl_nm_is_given(c, s, len))
        return mtl_nm_is_stop(c, s, len) ? 0
                                         : MTL_NM_K_STRONG | MTL_NM_K_LIKE;
    int cls = mtl_nm_class_tok(c, s, len, false, i);
    return (cls == MTL_NM_PROPER ? MTL_NM_K_STRONG : 0) |
           (c->st->dict && cls != MTL_NM_COMMON ? MTL_NM_K_LIKE : 0);
}

/* mtl_nm_name_kind() of token @p i, a title-case word: asked once per
 * distinct word of the document when the word table is there (a name, and
 * the words that open sentences, recur). */
static unsigned
mtl_nm_kind(const mtl_nm_ctx *c, size_t i)
{
    if (!c->kinds)
        return mtl_nm_name_kind(c, i);
    uint8_t *k = &c->kinds[c->ck->words[i].first];
    if (!(*k & MTL_NM_K_KNOWN))
        *k |= (uint8_t)(mtl_nm_name_kind(c, i) | MTL_NM_K_KNOWN);
    return *k;
}

/* A given name, or a word that is surely a name (not merely unknown). */
static bool
mtl_nm_strong_given(const mtl_nm_ctx *c, size_t i)
{
    return mtl_nm_title_word(c, i) && (mtl_nm_kind(c, i) & MTL_NM_K_STRONG);
}

/* A title-case word that can be the first part of a name.  Without a
 * dictionary every capitalised word is "unknown", so only listed given
 * names count there. */
static bool
mtl_nm_given_like(const mtl_nm_ctx *c, size_t i)
{
    return mtl_nm_title_word(c, i) && (mtl_nm_kind(c, i) & MTL_NM_K_LIKE);
}

/* Whether token @p k is a capitalised name particle of three letters at
 * most ("Le", "El", "Al", "De"), which belongs to the surname after it. */
static bool
mtl_nm_cap_particle(const mtl_nm_ctx *c, size_t k)
{
    const mtl_token *t = &c->doc->toks[k];
    return t->kind == MTL_TOK_WORD && t->casing == MTL_CASE_TITLE &&
           t->nchars <= 3 && mtl_nm_is_particle(c, mtl_nm_text(c, k), t->len);
}

/* Whether token @p k is such a particle right after a sure given name of
 * sentence @p sent ("Yannick Le Goff52", "Nadia El AmraniI"). */
static bool
mtl_nm_particle_after_given(const mtl_nm_ctx *c, size_t k, uint32_t sent)
{
    return k > 0 && c->doc->toks[k].sent == sent && mtl_nm_cap_particle(c, k) &&
           mtl_nm_spaced(c, k) && c->doc->toks[k - 1].sent == sent &&
           mtl_nm_strong_given(c, k - 1);
}

/* Length of the word without a possessive "'s" / "’s". */
static size_t
mtl_nm_strip_possessive(const char *s, size_t len)
{
    if (len > 3 && (s[len - 1] == 's' || s[len - 1] == 'S')) {
        if (s[len - 2] == '\'')
            return len - 2;
        if (len > 5 && memcmp(s + len - 4, "\xE2\x80\x99", 3) == 0)
            return len - 4;
    }
    return len;
}

/* ----------------------------------------------------- variant records */

/* One "given surname" occurrence; the surname may be part of a token
 * ("RayFor", "Ming37"). */
typedef struct mtl_nm_pair {
    uint32_t g;     /* token of the given name */
    uint32_t s_off; /* surname bytes */
    uint32_t s_len;
} mtl_nm_pair;

typedef struct mtl_nm_pairs {
    mtl_nm_pair *v;
    size_t n, cap;
    bool heap; /* v was allocated here (else it is the checker's scratch) */
} mtl_nm_pairs;

/* No pairs yet, with room for one a token in the checker's scratch: a
 * token is the given name of one pair at most, so the room is not
 * outgrown (and if it were, the pairs would move to the heap). */
static void
mtl_nm_pairs_init(mtl_nm_pairs *p, mtl_checker *ck, const mtl_doc *doc)
{
    p->cap = doc->ntoks + 1;
    p->v = mtl_checker_scratch(ck, 3, p->cap * sizeof *p->v);
    p->n = 0;
    p->heap = false;
}

static void
mtl_nm_pairs_free(mtl_nm_pairs *p)
{
    if (p->heap)
        free(p->v);
}

static void
mtl_nm_pairs_push(mtl_nm_pairs *p, uint32_t g, uint32_t off, uint32_t len)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        mtl_nm_pair *v = mtl_xmalloc(cap * sizeof *v);
        if (p->n)
            memcpy(v, p->v, p->n * sizeof *v);
        if (p->heap)
            free(p->v);
        p->v = v;
        p->cap = cap;
        p->heap = true;
    }
    p->v[p->n++] = (mtl_nm_pair){g, off, len};
}

/*
 * Records a (given, surname) candidate when token g is a given name and the
 * surname bytes [off, off+len) start the next token.  Called for plain
 * pairs and for the name part of glued tokens.
 */
static void
mtl_nm_consider_pair(const mtl_nm_ctx *c, mtl_nm_pairs *p, size_t g,
                     uint32_t off, uint32_t len)
{
    if (!p || len < 2 || len > MTL_NM_WORD_MAX)
        return;
    /* the given name first: most capitalised pairs have none ("The
     * Guardian", "New York"), and the surname's tests cost as much; or a
     * family name written first ("Sun Yingsha") before a word the
     * dictionary does not know */
    const char *s = c->doc->text + off;
    /* a title is no given name, though the dictionary knows "Mr" only
     * capitalised ("Mr Wieczoreck" is the surname alone); the listed
     * abbreviations have four letters at most */
    if (c->doc->toks[g].len <= 4 &&
        mtl_nm_in_fold(mtl_nm_abbrevs, mtl_nm_text(c, g), c->doc->toks[g].len))
        return;
    if (!mtl_nm_strong_given(c, g) &&
        !(c->st->dict && c->st->family_first &&
          mtl_lexicon_has(c->st->family_first, mtl_nm_text(c, g),
                          c->doc->toks[g].len) &&
          mtl_spell(c->ck, c->lang, s, len) == 0))
        return;
    char f[MTL_NM_WORD_MAX * 4];
    size_t fl = mtl_nm_fold(s, len, f, sizeof f);
    if (mtl_nm_is_stop_folded(c, f, fl) ||
        mtl_nm_is_title_folded(c, s, len, f, fl))
        return;
    mtl_nm_pairs_push(p, (uint32_t)g, off, len);
}

/* ---------------------------------------------------------- glued word */

/*
 * "GarlandHe": upper, lower+, upper, lower+, or "BlinkenA" (upper,
 * lower+, upper: a one-letter word).  Returns the byte offset of the
 * second capital within the token, or 0 when the shape differs.
 */
static size_t
mtl_nm_camel_split(const char *s, size_t len, size_t *left_chars)
{
    size_t i = 0, split = 0, nchars = 0;
    int state = 0; /* 0 first upper, 1 lowers, 2 second upper, 3 lowers */
    while (i < len) {
        size_t at = i;
        int32_t cp = mtl_utf8_next(s, len, &i);
        if (cp < 0)
            return 0;
        bool up = mtl_cp_is_upper(cp);
        bool lo = mtl_cp_is_lower(cp);
        switch (state) {
        case 0:
            if (!up)
                return 0;
            state = 1;
            break;
        case 1:
        case 3:
            if (lo)
                break;
            if (up && state == 1 && nchars >= 2) {
                split = at;
                *left_chars = nchars;
                state = 2;
                break;
            }
            return 0;
        case 2:
            if (!lo)
                return 0;
            state = 3;
            break;
        }
        nchars++;
    }
    return state >= 2 ? split : 0;
}

/* Token i is two capitalised syllables of letters ("XiaoTong"), the
 * second no stop word or title: no name glued to the next sentence's
 * first word ("JianpingHe"). */
static bool
mtl_nm_syllables_given(const mtl_nm_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    const char *s = mtl_nm_text(c, i);
    size_t left = 0;
    size_t split = mtl_nm_camel_split(s, t->len, &left);
    return split && left >= 2 && t->len - split >= 2 &&
           mtl_utf8_letters_only(s, t->len) &&
           !mtl_nm_is_stop(c, s + split, t->len - split) &&
           !mtl_nm_is_title(c, s + split, t->len - split);
}

/* The first token of the name part that token i ends: the first part of
 * a hyphenated surname glued before it in its sentence ("Reiss-" of
 * "Reiss-AndersenShe", "El-" of "El-Haddadanunció"), or i itself. */
static size_t
mtl_nm_surname_head(const mtl_nm_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    if (i >= 3 && !mtl_nm_spaced(c, i) && mtl_nm_punct(c, i - 1, '-') &&
        mtl_tok_glued_prev(d, i) && mtl_tok_glued_prev(d, i - 1) &&
        d->toks[i - 2].kind == MTL_TOK_WORD &&
        d->toks[i - 2].casing == MTL_CASE_TITLE &&
        d->toks[i - 2].sent == d->toks[i].sent)
        return i - 2;
    return i;
}

/* Walks back from token i over name particles to a given-name token;
 * returns its index or (size_t)-1.  The first part of a hyphenated
 * surname glued before token i is skipped ("Berit Reiss-AndersenShe"). */
static size_t
mtl_nm_find_given_before(const mtl_nm_ctx *c, size_t i)
{
    size_t j = mtl_nm_surname_head(c, i);
    const mtl_token *toks = c->doc->toks;
    bool middle = false; /* a title-case word stepped over */
    for (int steps = 0; steps < 4 && mtl_nm_spaced(c, j); steps++) {
        size_t k = j - 1;
        const mtl_token *t = &c->doc->toks[k];
        if (t->kind != MTL_TOK_WORD || t->sent != c->doc->toks[i].sent)
            return (size_t)-1;
        if (t->casing == MTL_CASE_LOWER &&
            mtl_nm_is_particle(c, mtl_nm_text(c, k), t->len)) {
            j = k;
            continue;
        }
        /* a capitalised particle after a sure given name ("Nadia El
         * AmraniI tecnici"): part of the surname */
        if (mtl_nm_particle_after_given(c, k, t->sent))
            return k - 1;
        /* a listed hyphenated given name with a lower-case end
         * ("Seo-yeon ParkHa") */
        if (!middle && t->casing == MTL_CASE_LOWER && k >= 2 &&
            mtl_nm_punct(c, k - 1, '-') && mtl_tok_glued_prev(c->doc, k) &&
            mtl_tok_glued_prev(c->doc, k - 1) &&
            toks[k - 2].kind == MTL_TOK_WORD &&
            toks[k - 2].casing == MTL_CASE_TITLE &&
            toks[k - 2].sent == t->sent &&
            t->start + t->len - toks[k - 2].start <= MTL_NM_WORD_MAX &&
            mtl_nm_is_given(c, mtl_nm_text(c, k - 2),
                            t->start + t->len - toks[k - 2].start))
            return k - 2;
        if (middle ? mtl_nm_strong_given(c, k) : mtl_nm_given_like(c, k)) {
            /* the first part of a hyphenated given name: "Jan-Hendrik" */
            if (k >= 2 && mtl_nm_punct(c, k - 1, '-') &&
                mtl_tok_glued_prev(c->doc, k) &&
                mtl_tok_glued_prev(c->doc, k - 1) &&
                toks[k - 2].kind == MTL_TOK_WORD &&
                toks[k - 2].casing == MTL_CASE_TITLE &&
                toks[k - 2].sent == t->sent)
                k -= 2;
            return k;
        }
        /* one middle name or first surname, after a sure given name:
         * "Nuno Correia GasparO" */
        if (middle || t->casing != MTL_CASE_TITLE || t->nchars < 3 ||
            mtl_nm_is_stop(c, mtl_nm_text(c, k), t->len) ||
            mtl_nm_is_title(c, mtl_nm_text(c, k), t->len))
            return (size_t)-1;
        middle = true;
        j = k;
    }
    return (size_t)-1;
}

/* Flags a name glued to the next word: from token @p from to the end of
 * token @p t, split at byte @p off of @p t; the suggestion puts @p sep
 * between the name and the word. */
static void
mtl_nm_flag_glued(const mtl_nm_ctx *c, mtl_flags *out, size_t from,
                  const mtl_token *t, size_t off, const char *sep)
{
    const char *text = c->doc->text;
    size_t start = c->doc->toks[from].start;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, text + start, t->start + off - start);
    mtl_strbuf_puts(&sb, sep);
    mtl_strbuf_put(&sb, text + t->start + off, t->len - off);
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_addf(out, MTL_RULE_NAME_GLUED_WORD, start, t->start + t->len,
                   sb.data, "name glued to the next word \"%.*s\"",
                   (int)(t->len - off), text + t->start + off);
    mtl_strbuf_free(&sb);
}

static bool mtl_nm_pinyin_syllable(const char *s, size_t n);
static bool mtl_nm_pinyin_two(const char *s, size_t n);

/* How many word tokens of the document are the bytes @p s, up to 2. */
static int
mtl_nm_count_upto2(const mtl_nm_ctx *c, const char *s, size_t len)
{
    const mtl_doc *d = c->doc;
    int n = 0;
    for (size_t k = 0; k < d->ntoks && n < 2; k++) {
        const mtl_token *t = &d->toks[k];
        n += t->len == len && t->kind == MTL_TOK_WORD &&
             memcmp(d->text + t->start, s, len) == 0;
    }
    return n;
}

/* Word token @p i is the document's only token of its bytes: a later one
 * is known at once from the word table, the first one by a walk. */
static bool
mtl_nm_once(const mtl_nm_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (c->ck->words_doc == d && mtl_tok_is_word(t) &&
        c->ck->words[i].first != i)
        return false;
    return mtl_nm_count_upto2(c, mtl_nm_text(c, i), t->len) == 1;
}

/* Whether @p s (@p n bytes: a capital, then lower-case ASCII) reads as a
 * Chinese given name of one or two pinyin syllables after token @p p, a
 * family name of the "chinese" section of family-names-first.txt ("Wang
 * Lei", "Zhang Xiaoming"). */
static bool
mtl_nm_pinyin_given(const mtl_nm_ctx *c, size_t p, const char *s, size_t n)
{
    char low[16];
    if (n < 2 || n >= sizeof low || !c->st->family_first ||
        !mtl_lexicon_in_section(c->st->family_first, mtl_nm_text(c, p),
                                c->doc->toks[p].len, "chinese"))
        return false;
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)s[k] >= 0x80)
            return false;
    mtl_ascii_lower_copy(low, s, n);
    return mtl_nm_pinyin_syllable(low, n) || mtl_nm_pinyin_two(low, n);
}

static void
mtl_nm_glued_word(const mtl_nm_ctx *c, size_t i, mtl_flags *out,
                  mtl_nm_pairs *pairs)
{
    const mtl_token *t = &c->doc->toks[i];
    const char *s = mtl_nm_text(c, i);
    if (t->kind != MTL_TOK_WORD || t->casing != MTL_CASE_MIXED ||
        (t->flags & MTL_TF_DIGIT) || t->len > MTL_NM_WORD_MAX)
        return;
    size_t left_chars = 0;
    size_t split = mtl_nm_camel_split(s, t->len, &left_chars);
    if (split && mtl_nm_in_fold(mtl_nm_camel_prefixes, s, split))
        return; /* "DiCaprio", "McDonald" */
    if (!split) {
        /* a name with a capital inside glued in turn ("McDonaldThe
         * price"): the prefix, then the rest's own split */
        for (size_t pl = 1; pl <= 4 && pl < t->len && !split; pl++) {
            /* and its apostrophe ("O'BrienThe") */
            size_t q = pl;
            if (s[q] == '\'')
                q++;
            else if (t->len - q > 3 && memcmp(s + q, "\xE2\x80\x99", 3) == 0)
                q += 3;
            if (q >= t->len || !(s[q] >= 'A' && s[q] <= 'Z') ||
                !mtl_nm_in_fold(mtl_nm_camel_prefixes, s, pl))
                continue;
            size_t rest = mtl_nm_camel_split(s + q, t->len - q, &left_chars);
            if (rest) {
                split = q + rest;
                left_chars += q;
            }
        }
    }
    if (!split || left_chars < 3)
        return;
    const char *right = s + split;
    size_t rlen = t->len - split;
    /* the next word, when the sentence the right part starts goes on in
     * lower case ("DingThe case", "DombrovskisIn a statement") */
    const mtl_token *nx = i + 1 < c->doc->ntoks && mtl_nm_spaced(c, i + 1)
                              ? &c->doc->toks[i + 1]
                              : NULL;
    bool goes_on = nx && nx->kind == MTL_TOK_WORD &&
                   nx->casing == MTL_CASE_LOWER && nx->sent == t->sent;
    /* German writes its nouns with a capital: "BeckerDie Polizei" goes
     * on with a noun the dictionary knows as a common word */
    if (!goes_on && nx && c->st->noun_caps && c->st->dict &&
        nx->kind == MTL_TOK_WORD && nx->casing == MTL_CASE_TITLE &&
        nx->sent == t->sent && nx->len <= MTL_NM_WORD_MAX &&
        mtl_nm_class(c, mtl_nm_text(c, i + 1), nx->len) == MTL_NM_COMMON)
        goes_on = true;
    /* "LinkedIn", "CheckIn": a particle as right part only before a
     * function word ("ChewIn a tone"); a one-letter word before any word
     * in lower case ("BlinkenA spokesman", "BolsonaroO governo") */
    /* a one-letter word after a sure given name right before, where a
     * word of the same sentence follows ("Carlos FávaroO Rio Grande do
     * Sul") */
    bool one_after_given = rlen == 1 && nx && nx->kind == MTL_TOK_WORD &&
                           nx->sent == t->sent && mtl_nm_spaced(c, i) &&
                           c->doc->toks[i - 1].sent == t->sent &&
                           mtl_nm_strong_given(c, i - 1) &&
                           mtl_nm_find_given_before(c, i) == i - 1;
    if (mtl_nm_in_fold(mtl_nm_not_starters, right, rlen) &&
        !(goes_on && (rlen == 1 || mtl_nm_is_stop(c, mtl_nm_text(c, i + 1),
                                                  nx->len))) &&
        !one_after_given)
        return;
    bool starter = mtl_nm_is_stop(c, right, rlen);
    bool title = !starter && mtl_nm_is_title(c, right, rlen);
    /* any other word of three letters or more that the dictionary knows,
     * as written or in lower case, starting a sentence that goes on in
     * lower case ("Carlos AlcarazAbrió el partido", "Cheslin
     * KolbeIreland responded"): only after a given name, the left part
     * no common word ("Emma StoneWall designs": a brand?) (below) */
    bool other = !starter && !title && rlen >= 3 && goes_on &&
                 c->st->dict && nx->casing == MTL_CASE_LOWER &&
                 mtl_nm_class(c, right, rlen) != MTL_NM_UNKNOWN;
    if (!starter && !title && !other)
        return;
    /* a one-letter word only where the sentence it starts goes on in
     * lower case, and only after a given name (below) */
    /* or, after a sure given name right before, where a word of the
     * same sentence follows ("Carlos FávaroO Rio Grande do Sul") */
    if (rlen == 1 && !(starter && (goes_on || one_after_given)))
        return;
    /* a Chinese given name after its family name may be a word of
     * another language ("Wang Lei", Italian "lei") */
    bool pinyin = goes_on && mtl_nm_spaced(c, i) &&
                  c->doc->toks[i - 1].sent == t->sent &&
                  c->doc->toks[i - 1].kind == MTL_TOK_WORD &&
                  mtl_nm_title_word(c, i - 1) &&
                  mtl_nm_pinyin_given(c, i - 1, s, split);
    if (pinyin ? mtl_nm_is_stop_own(c, s, split) : mtl_nm_is_stop(c, s, split))
        return;
    if (mtl_lexicon_has_fold(c->st->camel, s, t->len))
        return;
    if (c->st->dict && mtl_spell(c->ck, c->lang, s, t->len) == 1)
        return;
    size_t g = mtl_nm_find_given_before(c, i);
    /* not after a family name written first: its given name may be two
     * syllables written with two capitals ("Peng XiaoTong") */
    if (other && (g == (size_t)-1 ||
                  mtl_nm_class(c, s, split) == MTL_NM_COMMON ||
                  (c->st->family_first &&
                   mtl_lexicon_has(c->st->family_first, mtl_nm_text(c, g),
                                   c->doc->toks[g].len))))
        return;
    if (g == (size_t)-1) {
        /* mtl_nm_spaced(c, i) holds for i > 0 only */
        size_t p = i - 1;
        bool word_before = rlen > 1 && mtl_nm_spaced(c, i) &&
                           c->doc->toks[p].kind == MTL_TOK_WORD &&
                           c->doc->toks[p].sent == t->sent;
        const char *ps = word_before ? mtl_nm_text(c, p) : NULL;
        size_t pl = word_before ? c->doc->toks[p].len : 0;
        if (word_before && mtl_lexicon_has(c->st->titles, ps, pl)) {
            /* "President MacronHe": after a title the surname stands
             * alone; it must then be a name by itself, and only it is
             * flagged */
            if (!c->st->dict || mtl_nm_class(c, s, split) == MTL_NM_COMMON)
                return;
            g = i;
        } else if (word_before && starter && mtl_nm_title_word(c, p) &&
                   c->doc->toks[p].nchars <= 8 &&
                   !mtl_nm_is_stop(c, ps, pl) &&
                   !mtl_lexicon_has(c->st->given, ps, pl) &&
                   (mtl_nm_is_given(c, s, split) || pinyin)) {
            /* family name first ("Xi JinpingThe delegation", "Yao
             * MingHe said"): the glued part is a listed given name, the
             * word before a short capitalised one that is not; or, where
             * the sentence goes on in lower case ("Wang LeiEr berichtet"),
             * a given name of pinyin after a Chinese family name */
            g = p;
        } else if (starter && goes_on && rlen >= 2 && left_chars >= 4 &&
                   c->st->dict &&
                   mtl_nm_class(c, s, split) != MTL_NM_COMMON &&
                   mtl_nm_once(c, i)) {
            /* "K.R. NatarajanHe said", "Adenike BalogunShe became": no
             * given name found, but a word the dictionary does not know
             * as a common one, glued to a pronoun or article whose
             * sentence goes on in lower case, once in the document (a
             * brand recurs: "la chaîne FrescoPlus pour"); only it is
             * flagged */
            g = i;
        } else {
            return;
        }
    }
    /* a common word as surname ("Garland", "Ray") only after a sure given
     * name, or before a sentence that goes on in lower case ("Linwei
     * DingThe case"); otherwise the left part must itself look like a
     * name */
    else if (!mtl_nm_strong_given(c, g) && !(starter && goes_on) &&
             mtl_nm_class(c, s, split) == MTL_NM_COMMON)
        return;
    if (g == i - 1)
        mtl_nm_consider_pair(c, pairs, g, t->start, (uint32_t)split);
    if (out)
        mtl_nm_flag_glued(c, out, g, t, split,
                          title ? ", " : ". ");
}

/* "dall'epidemiologoIgor Vasiliev": an ordinary word in lower case (four
 * letters or more, after an elided article or not) glued to a listed
 * given name, before a capitalised word of the same sentence that ends
 * the name.  Brands and identifiers glue shorter words ("iPhone", "eBay")
 * or words to no given name ("localStorage"). */
static void
mtl_nm_glued_after_word(const mtl_nm_ctx *c, size_t i, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    const char *s = mtl_nm_text(c, i);
    if (!c->st->dict || (t->flags & MTL_TF_UPPER_START) ||
        (t->flags & MTL_TF_DIGIT) || t->len > MTL_NM_WORD_MAX ||
        mtl_tok_glued_prev(d, i) /* "#teamAnna", "@radioMaria" */ ||
        i + 1 >= d->ntoks || !mtl_nm_spaced(c, i + 1) ||
        d->toks[i + 1].sent != t->sent || !mtl_nm_title_word(c, i + 1))
        return;
    size_t e = mtl_elision_end(s, t->len);
    /* lower-case letters, one capital, lower-case letters */
    size_t k = e, split = 0, left = 0, right = 0;
    while (k < t->len) {
        size_t at = k;
        int32_t cp = mtl_utf8_next(s, t->len, &k);
        if (mtl_cp_is_lower(cp)) {
            if (split)
                right++;
            else
                left++;
        } else if (mtl_cp_is_upper(cp) && !split && left >= 4) {
            split = at;
            right = 1;
        } else {
            return;
        }
    }
    if (!split || right < 3 || !mtl_nm_is_given(c, s + split, t->len - split))
        return;
    const mtl_token *nx = &d->toks[i + 1];
    const char *ns = mtl_nm_text(c, i + 1);
    if (mtl_nm_is_stop(c, ns, nx->len) || mtl_nm_is_title(c, ns, nx->len) ||
        mtl_spell(c->ck, c->lang, s + e, split - e) != 1)
        return;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, s, split);
    mtl_strbuf_putc(&sb, ' ');
    mtl_strbuf_put(&sb, s + split, nx->start + nx->len - (t->start + split));
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_add(out, MTL_RULE_NAME_GLUED_WORD, t->start, nx->start + nx->len,
                  "name glued to the word before it", sb.data);
    mtl_strbuf_free(&sb);
}

/* -------------------------------------------------- lists and numbers */

/* Splits a token into letters + trailing ASCII digits (1-3, value 1-120,
 * an age).  Returns the byte length of the letters, or 0. */
static size_t
mtl_nm_letters_age(const char *s, size_t len, int *age)
{
    size_t d = len;
    while (d > 0 && mtl_is_digit((unsigned char)s[d - 1]))
        d--;
    size_t nd = len - d;
    if (d == 0 || nd == 0 || nd > 3 || s[d] == '0')
        return 0;
    int v = 0;
    for (size_t k = d; k < len; k++)
        v = v * 10 + (s[k] - '0');
    if (v < 1 || v > 120)
        return 0;
    if (!mtl_utf8_letters_only(s, d))
        return 0;
    *age = v;
    return d;
}

/* Splits a token into letters + a number with groups or decimals (ASCII
 * digits, then one or more ',' or '.' and digits: "Rahimi17,482",
 * "Brandstetter31,2").  Returns the byte length of the letters, or 0. */
static size_t
mtl_nm_letters_grouped(const char *s, size_t len)
{
    size_t d = len, groups = 0;
    for (;;) {
        size_t e = d;
        while (d > 0 && mtl_is_digit((unsigned char)s[d - 1]))
            d--;
        if (d == e || d == 0)
            return 0;
        if (s[d - 1] != ',' && s[d - 1] != '.')
            break;
        d--;
        groups++;
    }
    if (groups == 0 || !mtl_utf8_letters_only(s, d))
        return 0;
    return d;
}

static bool
mtl_nm_is_age_number(const mtl_nm_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    if (t->kind != MTL_TOK_NUMBER || t->len > 3)
        return false;
    const char *s = mtl_nm_text(c, i);
    if (s[0] == '0')
        return false;
    int v = 0;
    for (size_t k = 0; k < t->len; k++) {
        if (!mtl_is_digit((unsigned char)s[k]))
            return false;
        v = v * 10 + (s[k] - '0');
    }
    return v >= 1 && v <= 120;
}

static bool
mtl_nm_word_in(const mtl_nm_ctx *c, size_t i, const char *const *list)
{
    const mtl_token *t = &c->doc->toks[i];
    return t->kind == MTL_TOK_WORD && t->len <= MTL_NM_WORD_MAX &&
           mtl_nm_in_fold(list, mtl_nm_text(c, i), t->len);
}

/* What may follow an age in a list: "years", ';', ',', '.', ')', "and",
 * or the end of the sentence. */
static bool
mtl_nm_after_age_ok(const mtl_nm_ctx *c, size_t i, size_t end)
{
    size_t n = i + 1;
    if (n >= end)
        return true;
    if (mtl_nm_word_in(c, n, mtl_nm_age_words))
        return true;
    if (mtl_nm_word_in(c, n, mtl_nm_conj))
        return true;
    return mtl_nm_punct(c, n, ';') || mtl_nm_punct(c, n, ',') ||
           mtl_nm_punct(c, n, '.') || mtl_nm_punct(c, n, ')');
}

/* Whether tokens @p n.. are the rest of a score glued to a name's number:
 * "Chuqin4-1" ('-' or an en dash, then one or two digits, all glued). */
static bool
mtl_nm_score_after(const mtl_nm_ctx *c, size_t n, size_t end)
{
    if (n + 1 >= end || !(mtl_nm_punct(c, n, '-') || mtl_nm_punct(c, n, 0x2013)) ||
        !mtl_tok_glued_prev(c->doc, n) || !mtl_tok_glued_prev(c->doc, n + 1))
        return false;
    const mtl_token *t = &c->doc->toks[n + 1];
    if (t->kind != MTL_TOK_NUMBER || t->len > 2)
        return false;
    /* not a range or a code going on ("Ming4-1-2", "Ming4-1a") */
    return n + 2 >= end || !mtl_tok_glued_prev(c->doc, n + 2) ||
           mtl_nm_punct(c, n + 2, '.') || mtl_nm_punct(c, n + 2, ',') ||
           mtl_nm_punct(c, n + 2, ';') || mtl_nm_punct(c, n + 2, ')');
}

/* An age anchor of a list item: "Ming37" (glued) or "Guangzong, 38". */
static bool
mtl_nm_is_anchor(const mtl_nm_ctx *c, size_t i, size_t first, size_t end,
                 bool *glued)
{
    const mtl_token *t = &c->doc->toks[i];
    int age;
    if (t->kind == MTL_TOK_WORD && (t->flags & MTL_TF_DIGIT) &&
        t->len <= MTL_NM_WORD_MAX &&
        mtl_nm_letters_age(mtl_nm_text(c, i), t->len, &age) >= 2) {
        *glued = true;
        return mtl_nm_after_age_ok(c, i, end);
    }
    if (!mtl_nm_is_age_number(c, i) || i == first)
        return false;
    size_t p = i - 1;
    if (mtl_nm_punct(c, p, ',') && p > first)
        p--;
    if (c->doc->toks[p].kind != MTL_TOK_WORD ||
        mtl_nm_word_in(c, p, mtl_nm_age_words))
        return false;
    *glued = false;
    return mtl_nm_after_age_ok(c, i, end);
}

static bool
mtl_nm_is_separator(const mtl_nm_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    if (t->kind == MTL_TOK_PUNCT)
        return true;
    if (t->kind == MTL_TOK_NUMBER)
        return true;
    return mtl_nm_word_in(c, i, mtl_nm_conj) ||
           mtl_nm_word_in(c, i, mtl_nm_age_words);
}

/*
 * A list of people with ages ("Weng Ming, 37; Cheng Feng, 34; ...") in the
 * sentence [first, end): items whose name slot reads as ordinary words
 * ("I won't answer you38") are names translated as phrases.
 */
static void
mtl_nm_people_list(const mtl_nm_ctx *c, size_t first, size_t end,
                   mtl_flags *out)
{
    size_t nanchors = 0;
    for (size_t i = first; i < end; i++) {
        bool g;
        if (mtl_nm_is_anchor(c, i, first, end, &g))
            nanchors++;
    }
    if (nanchors < MTL_NM_LIST_MIN)
        return;
    /* second pass: classify each item; flags wait until the list is sure */
    size_t name_items = 0, nphrase = 0;
    uint32_t phrase[16][2];
    for (size_t i = first; i < end; i++) {
        bool glued;
        if (!mtl_nm_is_anchor(c, i, first, end, &glued))
            continue;
        size_t e = i; /* last token of the name slot */
        if (!glued) {
            e = i - 1;
            if (mtl_nm_punct(c, e, ',') && e > first)
                e--;
        }
        size_t a = e;
        for (int steps = 0; steps < 10 && a > first; steps++) {
            if (mtl_nm_is_separator(c, a - 1))
                break;
            a--;
        }
        /* the slot starts at the last capital after a lower-case word:
         * "The accused are I won't answer you38" -> "I won't ..." */
        size_t start = (size_t)-1;
        for (size_t k = a; k <= e; k++) {
            const mtl_token *t = &c->doc->toks[k];
            bool cap =
                t->kind == MTL_TOK_WORD && (t->flags & MTL_TF_UPPER_START);
            bool after_low =
                k == a || c->doc->toks[k - 1].casing == MTL_CASE_LOWER;
            if (cap && after_low)
                start = k;
        }
        /* an all lower-case slot counts only when glued to its age
         * ("... te répondrai pas37"): "his wife, 38" is a fine item */
        if (start == (size_t)-1 && glued &&
            u_islower((UChar32)mtl_tok_first_cp(c->doc, &c->doc->toks[e])))
            start = a;
        if (start == (size_t)-1 || start > e)
            continue;
        size_t lower = 0;
        for (size_t k = start; k <= e; k++) {
            const mtl_token *t = &c->doc->toks[k];
            if (t->kind != MTL_TOK_WORD)
                continue;
            const char *s = mtl_nm_text(c, k);
            bool low = t->casing == MTL_CASE_LOWER ||
                       (k == e && glued &&
                        u_islower((UChar32)mtl_tok_first_cp(c->doc, t)));
            if (low && !mtl_nm_is_particle(c, s, t->len))
                lower++;
        }
        if (lower == 0)
            name_items++;
        else if (lower >= 2 && nphrase < 16) {
            phrase[nphrase][0] = c->doc->toks[start].start;
            phrase[nphrase][1] = c->doc->toks[i].start + c->doc->toks[i].len;
            nphrase++;
        }
    }
    if (name_items < 2 || !out)
        return;
    for (size_t k = 0; k < nphrase; k++)
        mtl_flags_add(out, MTL_RULE_NAME_AS_PHRASE, phrase[k][0], phrase[k][1],
                      "in this list of people, ordinary words stand where a "
                      "name is expected: a name translated as a phrase?",
                      NULL);
}

/* The word @p s (a name, capitalised) is a token of the document outside
 * line @p line (1-based; 0: anywhere). */
static bool
mtl_nm_named_elsewhere(const mtl_nm_ctx *c, const char *s, size_t len,
                       uint32_t line)
{
    const mtl_doc *d = c->doc;
    for (size_t k = 0; k < d->ntoks; k++) {
        const mtl_token *t = &d->toks[k];
        if (t->len == len && t->line != line && t->kind == MTL_TOK_WORD &&
            memcmp(d->text + t->start, s, len) == 0)
            return true;
    }
    return false;
}

/* The function-word section of the word at token @p i ("article",
 * "preposition"), or "" . */
static const char *
mtl_nm_func_section(const mtl_nm_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    if (t->kind != MTL_TOK_WORD || t->len > MTL_NM_WORD_MAX)
        return "";
    const mtl_lex_entry *e =
        c->st->func ? mtl_lexicon_get_fold(c->st->func, mtl_nm_text(c, i),
                                           t->len)
                    : NULL;
    return e ? e->section : "";
}

/* The word @p s, a title-case word, stands elsewhere in the document
 * without an article or a determiner before it, as a surname does. */
static bool
mtl_nm_bare_elsewhere(const mtl_nm_ctx *c, const char *s, size_t len)
{
    const mtl_doc *d = c->doc;
    for (size_t k = 0; k < d->ntoks; k++) {
        const mtl_token *t = &d->toks[k];
        if (t->len != len || t->kind != MTL_TOK_WORD ||
            memcmp(d->text + t->start, s, len) != 0)
            continue;
        if (k > 0) {
            const char *sec = mtl_nm_func_section(c, k - 1);
            if (strcmp(sec, "article") == 0 || strcmp(sec, "pronoun") == 0)
                continue;
        }
        return true;
    }
    return false;
}

/* Whether the document writes the bytes @p s as a word right after a
 * given name ("Nadia Haddad"). */
static bool
mtl_nm_after_given_elsewhere(const mtl_nm_ctx *c, const char *s, size_t len)
{
    const mtl_doc *d = c->doc;
    for (size_t k = 1; k < d->ntoks; k++) {
        const mtl_token *t = &d->toks[k];
        if (t->len == len && t->kind == MTL_TOK_WORD &&
            memcmp(d->text + t->start, s, len) == 0 && mtl_nm_spaced(c, k) &&
            d->toks[k - 1].sent == t->sent && mtl_nm_strong_given(c, k - 1))
            return true;
    }
    return false;
}


/*
 * "Pham Quoc Hungsaid", "Marco Bellottiè stato", "Alcaraz ... Alcarazque
 * había": a name glued to the lower-case word after it.  Token @p i, a
 * title-case word of letters that the dictionary does not know and that
 * occurs once, splits into a name (three letters or more, not an ordinary
 * word, not itself a listed given name's prefix) and a word that follows
 * names:
 *   - a verb of saying (speech-verbs.txt: "said", "afirmou"), after a
 *     given name;
 *   - an auxiliary or a relative pronoun that continues a sentence after
 *     its subject (mtl_nm_subject_words: "Elena Marchettiha disposto",
 *     "Rajesh Iyerqui dirigeait"), after a listed given name that is no
 *     word, the name four letters or more;
 *   - or a function word ("and", "que", "è"; not an adverb, and of one
 *     letter only with an accent: "Paula" is not "Paul a"), when the name
 *     stands elsewhere in the document by itself; not in German, where
 *     "Lindenbrücker" and "Berlinerin" are words of their own.
 * Returns the name's length in bytes (the longest that works), or 0.
 * Only in the checks: the dictionary is asked through the document's
 * cache (mtl_spell_token).
 */
/* A given name right before token i of its sentence (from @p first), or
 * before the first part of the hyphenated surname that token i ends
 * ("Mariam El-Haddadanunció"); with @p strong, a listed one that is no
 * word (mtl_nm_strong_given); without, also such a one before a first
 * surname. */
static bool
mtl_nm_given_right_before(const mtl_nm_ctx *c, size_t i, size_t first,
                          bool strong)
{
    const mtl_doc *d = c->doc;
    size_t j = mtl_nm_surname_head(c, i);
    if (!(j > first && mtl_nm_spaced(c, j) &&
          d->toks[j - 1].sent == d->toks[i].sent))
        return false;
    if (strong ? mtl_nm_strong_given(c, j - 1) : mtl_nm_given_like(c, j - 1))
        return true;
    /* (for a verb of saying, a listed given name and a first surname
     * before it: "Rodrigo Baptista Ferreiraafirmó") */
    return !strong && j - 1 > first && mtl_nm_spaced(c, j - 1) &&
           d->toks[j - 2].sent == d->toks[i].sent &&
           mtl_nm_title_word(c, j - 1) &&
           !mtl_nm_is_stop(c, mtl_nm_text(c, j - 1), d->toks[j - 1].len) &&
           mtl_nm_strong_given(c, j - 2);
}

/* Per language, the auxiliaries and relative pronouns that follow a
 * person's name as its sentence goes on, and that no surname of the
 * language's news ends in (not "que": Albuquerque; not "che": Nietzsche;
 * not "ist": Lindqvist; not "der": Schneider; "die" only after four
 * letters: Brodie, Purdie). */
static const char *const mtl_nm_subject_words[][5] = {
    {"en", "who", "has", "was", NULL}, {"fr", "qui", NULL, NULL, NULL},
    {"es", "ha", "quien", NULL, NULL}, {"it", "ha", NULL, NULL, NULL},
    {"pt", "foi", NULL, NULL, NULL},   {"de", "hat", "als", "die", NULL},
};

static bool
mtl_nm_subject_word(const char *primary, const char *s, size_t n)
{
    for (size_t l = 0; l < MTL_NM_NELEM(mtl_nm_subject_words); l++) {
        if (strcmp(primary, mtl_nm_subject_words[l][0]) != 0)
            continue;
        for (size_t k = 1; k < 5 && mtl_nm_subject_words[l][k]; k++)
            if (strlen(mtl_nm_subject_words[l][k]) == n &&
                memcmp(mtl_nm_subject_words[l][k], s, n) == 0)
                return true;
    }
    return false;
}

/* Per language, the endings of a past or future tense's third person,
 * and of the gerund, that no surname of the language's news ends in as a
 * word of the dictionary: es "consiguió", "llegará", "explicando", it
 * "tagliò", "arriverà", "sostenendo", pt "conquistou", "venceu",
 * "conseguiu", "chegará", "dizendo", en "finished". */
#define MTL_NM_PAST_MAX 5
static const char *const mtl_nm_past_endings[][MTL_NM_PAST_MAX + 1] = {
    {"es", "\xC3\xB3", "\xC3\xA1", "ndo", NULL, NULL},
    {"it", "\xC3\xB2", "\xC3\xAC", "\xC3\xB9", "\xC3\xA0", "ndo"},
    {"pt", "ou", "eu", "iu", "\xC3\xA1", "ndo"},
    {"en", "ed", NULL, NULL, NULL, NULL},
};

/* The row of mtl_nm_past_endings of language @p primary, or NULL. */
static const char *const *
mtl_nm_past_row(const char *primary)
{
    for (size_t l = 0; l < MTL_NM_NELEM(mtl_nm_past_endings); l++)
        if (strcmp(primary, mtl_nm_past_endings[l][0]) == 0)
            return mtl_nm_past_endings[l] + 1;
    return NULL;
}

/* Whether @p s (@p n bytes, lower case) ends as a past tense of the
 * language (mtl_nm_past_endings). */
static bool
mtl_nm_past_ending(const mtl_nm_ctx *c, const char *s, size_t n)
{
    const char *const *row = mtl_nm_past_row(c->st->primary);
    for (size_t k = 0; row && k < MTL_NM_PAST_MAX && row[k]; k++) {
        size_t el = strlen(row[k]);
        if (n > el && memcmp(s + n - el, row[k], el) == 0)
            return true;
    }
    return false;
}

static bool mtl_nm_inner_cap_name(const mtl_nm_ctx *c, size_t i);

static size_t
mtl_nm_glued_lower(const mtl_nm_ctx *c, size_t i, size_t first)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (!c->st->dict || t->kind != MTL_TOK_WORD ||
        !(t->casing == MTL_CASE_TITLE || mtl_nm_inner_cap_name(c, i)) ||
        t->nchars < 5 || t->len > MTL_NM_WORD_MAX ||
        (t->flags & MTL_TF_DIGIT))
        return 0;
    const char *s = mtl_nm_text(c, i);
    /* most words end as no word it may split off does; where nouns are
     * capitalised, the filter knows no function word, which may follow
     * a Chinese given name (below): a short family name before it */
    unsigned pair = (unsigned)(unsigned char)s[t->len - 2] << 8 |
                    (unsigned char)s[t->len - 1];
    if (!((c->st->glue_tail[pair / 64] >> (pair % 64)) & 1) &&
        !(c->st->noun_caps && i > first && d->toks[i - 1].len <= 5 &&
          d->toks[i - 1].casing == MTL_CASE_TITLE && c->st->family_first &&
          mtl_nm_spaced(c, i) &&
          mtl_lexicon_in_section(c->st->family_first, mtl_nm_text(c, i - 1),
                                 d->toks[i - 1].len, "chinese")) &&
        !(c->st->noun_caps &&
          ((c->st->caps_func_tail[pair / 64] >> (pair % 64)) & 1) &&
          mtl_nm_given_right_before(c, i, first, true)))
        return 0;
    /* letters only, and the code point offsets (at most 64 kept); an
     * ASCII word has a code point a byte, at[k] == k, and is tested eight
     * bytes at a time */
    uint32_t at[65];
    size_t n = 0, k = 0;
    const bool ascii = t->flags & MTL_TF_ASCII;
    if (ascii) {
        if (!mtl_ascii_letters_only(s, t->len))
            return 0;
        n = t->len;
    }
    while (!ascii && k < t->len) {
        if (n < 65)
            at[n] = (uint32_t)k;
        int32_t cp = mtl_utf8_next(s, t->len, &k);
        if (!mtl_cp_is_alpha(cp))
            return 0;
        n++;
    }
    if (n > 64 || mtl_spell_token(c->ck, d, i) != 0 ||
        mtl_nm_is_given(c, s, t->len))
        return 0;
    bool bare_checked = false, once = false;
    int given_before = -1; /* not known yet */
    int given_strong = -1; /* the same, a listed given name */
    /* "Baraka Otienoconsiguió la primera norma": a verb in the past
     * tense, a word of the dictionary of five to twelve letters (the
     * longest: not "siguió"), after a listed given name that is no word;
     * the name four letters or more, and no word either */
    if (mtl_nm_past_ending(c, s, t->len)) {
        for (size_t w = n - 4 < 12 ? n - 4 : 12; w >= 5 && n >= 9; w--) {
            size_t off = ascii ? n - w : at[n - w];
            const char *ws = s + off;
            size_t wl = t->len - off;
            if (mtl_spell(c->ck, c->lang, ws, wl) != 1)
                continue;
            /* a verb of saying is the rules' below ("Kulkarnianunciou",
             * not "Kulkarnia nunciou") */
            if ((c->st->speech && mtl_lexicon_has(c->st->speech, ws, wl)) ||
                mtl_nm_class(c, s, off) == MTL_NM_COMMON ||
                !mtl_nm_given_right_before(c, i, first, true) ||
                mtl_nm_count_upto2(c, s, t->len) != 1)
                break;
            return off;
        }
    }
    /* the word: 1 to 8 code points, the name 3 or more; a verb of
     * saying up to 12 ("Reidconfirmed", "Dupontexpliqué") */
    for (size_t w = 1; w <= 12 && n - w >= 3; w++) {
        size_t off = ascii ? n - w : at[n - w];
        const char *ws = s + off;
        size_t wl = t->len - off;
        bool said = w >= 4 && c->st->speech &&
                    mtl_lexicon_has(c->st->speech, ws, wl);
        /* an office of six letters or more after a listed given name, the
         * comma of an apposition lost ("Thierry Fabreprésident du
         * syndicat"), where nouns are not capitalised */
        if (!said && w >= 6 && n - w >= 4 && !c->st->noun_caps &&
            c->st->titles &&
            mtl_lexicon_in_section(c->st->titles, ws, wl, "office")) {
            if (given_strong < 0)
                given_strong = mtl_nm_given_right_before(c, i, first, true);
            if (given_strong == 1 && mtl_nm_class(c, s, off) != MTL_NM_COMMON &&
                mtl_nm_count_upto2(c, s, t->len) == 1)
                return off;
        }
        if (w > 8 && !said)
            continue;
        if (said && given_before < 0)
            given_before = mtl_nm_given_right_before(c, i, first, false);
        bool speech = said && given_before == 1;
        if (!said && w <= 5 && n - w >= 4 &&
            mtl_nm_subject_word(c->st->primary, ws, wl) &&
            mtl_nm_class(c, s, off) != MTL_NM_COMMON &&
            mtl_nm_given_right_before(c, i, first, true)) {
            if (!bare_checked) {
                once = mtl_nm_count_upto2(c, s, t->len) == 1;
                bare_checked = true;
            }
            if (!once)
                return 0;
            return off;
        }
        /* without a given name before it ("Mokoenasaid the union"), the
         * surname must stand alone elsewhere in the document, below */
        bool alone = said && !speech;
        /* not where nouns are capitalised: "Lindenbrücker" is an
         * adjective of the place, "er" a pronoun only by chance; but a
         * Chinese given name of pinyin after its family name is no word
         * of the language ("Sun Weiqiangaus Shanghai") */
        bool func = false, caps_func = false;
        if (!speech && (w >= 2 || (unsigned char)ws[0] >= 0x80)) {
            bool open = !c->st->noun_caps ||
                        (w >= 2 && i > first && mtl_nm_spaced(c, i) &&
                         d->toks[i - 1].sent == t->sent &&
                         mtl_nm_pinyin_given(c, i - 1, s, off));
            /* and there a function word of three letters or more after
             * a listed given name, the surname alone elsewhere ("Katrin
             * Vogelsangbei der Anhörung", below) */
            if (!open && w >= 3 && n - w >= 4) {
                if (given_strong < 0)
                    given_strong =
                        mtl_nm_given_right_before(c, i, first, true);
                open = caps_func = given_strong == 1;
            }
            if (open) {
                const mtl_lex_entry *e =
                    c->st->func ? mtl_lexicon_get(c->st->func, ws, wl)
                                : NULL;
                func = e && strcmp(e->section, "adverb") != 0;
            }
        }
        if (!speech && !func && !alone)
            continue;
        /* a surname that is also a word ("Hung", "Long") only before a
         * speech verb, after a given name */
        if (!speech && mtl_nm_class(c, s, off) == MTL_NM_COMMON)
            continue;
        if (!bare_checked) {
            once = mtl_nm_count_upto2(c, s, t->len) == 1;
            bare_checked = true;
        }
        if (!once)
            return 0;
        /* a function word of two letters before a capitalised word is
         * more often the end of a name ("Santa Lucía", "San" elsewhere) */
        if (!speech && func && w <= 2 && i + 1 < d->ntoks &&
            mtl_nm_title_word(c, i + 1))
            continue;
        /* a function word of five letters or more after a listed given
         * name, where nouns are not capitalised: no surname ends in one
         * ("Étienne Vasseurdevant un parterre") */
        if (func && !caps_func && w >= 5 && n - w >= 4) {
            if (given_strong < 0)
                given_strong = mtl_nm_given_right_before(c, i, first, true);
            if (given_strong == 1)
                return off;
        }
        if (speech || mtl_nm_bare_elsewhere(c, s, off))
            return off;
    }
    return 0;
}

/* Tokens i - 3 .. i - 1 are a name and the first part of a hyphenated
 * given name glued to token i ("Kim Min-" of "Kim Min-seok", "Park Ji-"
 * of "Park Ji-hoon45"): two title-case words, no stop words, the second
 * of eight letters at most, spaced from the first and glued to the
 * hyphen, which is glued to token i.  The caller makes sure that three
 * tokens stand before token i. */
static bool
mtl_nm_hyphen_head(const mtl_nm_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    if (!mtl_nm_punct(c, i - 1, '-') || !mtl_tok_glued_prev(d, i) ||
        !mtl_tok_glued_prev(d, i - 1))
        return false;
    const mtl_token *g2 = &d->toks[i - 2], *g1 = &d->toks[i - 3];
    return g2->kind == MTL_TOK_WORD && g2->casing == MTL_CASE_TITLE &&
           g2->nchars <= 8 && mtl_nm_spaced(c, i - 2) &&
           g1->kind == MTL_TOK_WORD && g1->casing == MTL_CASE_TITLE &&
           !mtl_nm_is_stop(c, mtl_nm_text(c, i - 2), g2->len) &&
           !mtl_nm_is_stop(c, mtl_nm_text(c, i - 3), g1->len);
}

/* The youngest age of a glued surname that is also a word (younger ones
 * are model numbers: "Note10", "Watch6"). */
#define MTL_NM_ADULT_AGE 14

/* At most this many surnames glued to a number per document are looked up
 * in the whole document (mtl_nm_glued_digits). */
#define MTL_NM_DIGITS_MAX 16

/* The length of an ordinal mark after a digit at the end of @p s: "3e",
 * "1er", "2re", "3ème", "4th", "1st", "2nd", "3rd", "5º", "1ª", "2°";
 * 0 when there is none. */
static size_t
mtl_nm_ordinal_suffix(const char *s, size_t len)
{
    static const char *const marks[] = {
        "e", "er", "re", "\xC3\xA8me", "eme", "st", "nd", "rd", "th",
        "\xC2\xBA", "\xC2\xAA", "\xC2\xB0",
    };
    for (size_t k = 0; k < MTL_NM_NELEM(marks); k++) {
        size_t ml = strlen(marks[k]);
        if (len > ml + 2 && memcmp(s + len - ml, marks[k], ml) == 0 &&
            mtl_is_digit((unsigned char)s[len - ml - 1]))
            return ml;
    }
    return 0;
}

static bool mtl_nm_pinyin_two(const char *s, size_t n);

/* "Weng Ming37", "Sun Xiaohui38": a name glued to an age. */
static void
mtl_nm_glued_digits(const mtl_nm_ctx *c, size_t i, size_t end, bool list,
                    mtl_flags *out, mtl_nm_pairs *pairs, unsigned *budget)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (t->kind != MTL_TOK_WORD || !(t->flags & MTL_TF_DIGIT) ||
        t->len > MTL_NM_WORD_MAX)
        return;
    /* "Park Ji-hoon45": the second part of a hyphenated given name, in
     * lower case after a title-case part (8 letters at most) glued to
     * the hyphen, after a family name of a tradition that writes it
     * first (family-names-first.txt: "Route Kent-dover12" is no name);
     * outside lists only */
    bool hyphen = false;
    if (!(t->flags & MTL_TF_UPPER_START)) {
        if (list || i < 3 || !mtl_nm_hyphen_head(c, i) ||
            d->toks[i - 3].sent != t->sent || !c->st->family_first ||
            !mtl_lexicon_has(c->st->family_first, mtl_nm_text(c, i - 3),
                             d->toks[i - 3].len))
            return;
        hyphen = true;
    }
    const char *s = mtl_nm_text(c, i);
    int age;
    size_t ll = mtl_nm_letters_age(s, t->len, &age);
    /* "Andrés Quintero3e": a rank, its ordinal mark after the digits */
    size_t ord = 0;
    if (ll == 0 && !hyphen) {
        ord = mtl_nm_ordinal_suffix(s, t->len);
        if (ord)
            ll = mtl_nm_letters_age(s, t->len - ord, &age);
    }
    /* "Hamid Rahimi17,482 signatures": a count or a share, no age */
    bool grouped = false;
    if (ll == 0 && !hyphen && !list) {
        ll = mtl_nm_letters_grouped(s, t->len);
        grouped = ll > 0;
        age = 0;
    }
    /* "Amina Diallo2014 debütierte sie": a year, the start of the next
     * sentence glued to the name (a rule of its own below) */
    bool yeared = false;
    if (ll == 0 && !hyphen && !list && t->len >= 7 &&
        mtl_utf8_letters_only(s, t->len - 4)) {
        const char *y = s + t->len - 4;
        yeared = ((y[0] == '1' && y[1] == '9') || (y[0] == '2' && y[1] == '0')) &&
                 mtl_is_digit((unsigned char)y[2]) &&
                 mtl_is_digit((unsigned char)y[3]) &&
                 !mtl_is_digit((unsigned char)y[-1]);
        if (yeared) {
            ll = t->len - 4;
            age = 0;
        }
    }
    if (ll < 2)
        return;
    /* letters: one capital then lower case ("Ming", not "APT", "MP");
     * all lower case after a hyphen ("hoon", 2 to 8 letters) */
    size_t k = 0;
    int32_t cp = mtl_utf8_next(s, ll, &k);
    if (hyphen ? !mtl_cp_is_lower(cp) || ll > 8 : !mtl_cp_is_upper(cp))
        return;
    while (k < ll) {
        cp = mtl_utf8_next(s, ll, &k);
        if (!mtl_cp_is_lower(cp))
            return;
    }
    if (mtl_lexicon_has_fold(c->st->camel, s, t->len))
        return;
    int cls = hyphen ? (mtl_spell(c->ck, c->lang, s, ll) == 1 ? MTL_NM_COMMON
                                                             : MTL_NM_UNKNOWN)
                     : mtl_nm_class(c, s, ll);
    /* a word after the hyphen, unless the whole given name is listed
     * ("Seung-min": "min" is a word in French), which is then no word */
    if (hyphen && cls == MTL_NM_COMMON) {
        if (!mtl_nm_is_given(c, mtl_nm_text(c, i - 2),
                             t->start + ll - d->toks[i - 2].start))
            return;
        cls = MTL_NM_UNKNOWN;
    }
    bool score = false; /* "Chuqin4-1": a score, not an age */
    bool timed = false; /* "Tanaka1:32.45": a time */
    bool bare = false;  /* no context: the name alone says it */
    bool counted = false; /* a count before what it counts */
    /* "Al-Mahmoud29", "Srinivasan-Greco52": the first part of a
     * hyphenated surname, which the given name stands before */
    bool hsur = !hyphen && i >= 2 && mtl_nm_punct(c, i - 1, '-') &&
                mtl_tok_glued_prev(c->doc, i) &&
                mtl_tok_glued_prev(c->doc, i - 1) &&
                c->doc->toks[i - 2].kind == MTL_TOK_WORD &&
                c->doc->toks[i - 2].sent == t->sent &&
                mtl_nm_title_word(c, i - 2);
    if (!list) {
        /* a word ("Lei", "Rose") is a name only after a sure one: "Wang
         * Lei45 years"; or, glued to a person's age, after a name that the
         * dictionary does not know, when the document writes the word
         * elsewhere as a surname, with no article before it ("Nico
         * Brandt19, der ..." / "erneut Brandt, der", not "Galaxy Note20"
         * / "die Note"): German, which capitalises nouns, has its names
         * among the words; or before a word for years after another
         * capitalised word ("Akemi Tanaka Oliveira43 anos") */
        size_t head = hsur ? i - 2 : i;
        bool after = head > 0 && mtl_nm_spaced(c, head) &&
                     c->doc->toks[head - 1].sent == t->sent;
        size_t n = i + 1;
        bool years =
            n < end && (mtl_nm_word_in(c, n, mtl_nm_age_words) ||
                        (n + 1 < end && mtl_nm_punct(c, n, '-') &&
                         mtl_tok_glued_prev(c->doc, n) &&
                         mtl_tok_glued_prev(c->doc, n + 1) &&
                         mtl_nm_word_in(c, n + 1, mtl_nm_age_words)));
        bool strong = after && mtl_nm_strong_given(c, head - 1);
        /* a number with groups after a surname the dictionary does not
         * know, after a listed given name that is no word either */
        if (grouped && (cls == MTL_NM_COMMON || !strong || hsur))
            return;
        /* a year glued to a surname the dictionary does not know, after
         * a listed given name that is no word either, and before a word
         * (not "Sony Xperia2020", "Windows2000") */
        if (yeared &&
            (cls == MTL_NM_COMMON || !strong || hsur || n >= end ||
             !mtl_nm_spaced(c, n) || d->toks[n].kind != MTL_TOK_WORD ||
             !mtl_nm_is_given(c, mtl_nm_text(c, head - 1),
                              d->toks[head - 1].len)))
            return;
        /* "Li Na71, a retired nurse": a pinyin given name that is also
         * a word ("Na", "Fan"), after a Chinese family name, glued to
         * two digits of an adult's age before a comma */
        bool pinyin_age =
            cls == MTL_NM_COMMON && after && !hsur && ll <= 6 &&
            age >= MTL_NM_ADULT_AGE && age < 100 && t->len - ll == 2 &&
            n < end && mtl_nm_punct(c, n, ',') &&
            mtl_nm_title_word(c, head - 1) &&
            mtl_nm_pinyin_given(c, head - 1, s, ll);
        if (cls == MTL_NM_COMMON && !strong && !pinyin_age &&
            !(years && after && age >= MTL_NM_ADULT_AGE &&
              mtl_nm_title_word(c, head - 1))) {
            if (!after || age < MTL_NM_ADULT_AGE ||
                !mtl_nm_given_like(c, head - 1) || *budget == 0)
                return;
            --*budget;
            /* or the second part of a hyphenated surname whose first the
             * dictionary does not know ("Aiyana Nakamura-Schulz22, ...":
             * German knows "Schulz") */
            bool hname = hsur &&
                         mtl_nm_class(c, mtl_nm_text(c, head),
                                      d->toks[head].len) == MTL_NM_UNKNOWN;
            if (!hname && !mtl_nm_bare_elsewhere(c, s, ll))
                return;
        }
        score = mtl_nm_score_after(c, n, end);
        /* "Aiko Tanaka1:32.45": a race time, its minutes glued */
        timed = !score && t->len - ll <= 2 && n + 1 < end &&
                mtl_nm_punct(c, n, ':') && mtl_tok_glued_prev(d, n) &&
                mtl_tok_glued_prev(d, n + 1) &&
                d->toks[n + 1].kind == MTL_TOK_NUMBER &&
                d->toks[n + 1].len >= 2 &&
                mtl_is_digit((unsigned char)d->text[d->toks[n + 1].start]) &&
                mtl_is_digit(
                    (unsigned char)d->text[d->toks[n + 1].start + 1]) &&
                (d->toks[n + 1].len == 2 ||
                 !mtl_is_digit(
                     (unsigned char)d->text[d->toks[n + 1].start + 2]));
        /* "Ming37 years", "Ming37, ...", "Duc52 told" or
         * "Mingfu52-year-old" */
        /* "Marcus Zimmermann52.": a sentence's end, after a sure given
         * name, glued to two digits of an adult's age */
        bool stop = strong && n < end && mtl_nm_punct(c, n, '.') &&
                    age >= MTL_NM_ADULT_AGE && age < 100 && t->len - ll == 2 &&
                    (n + 1 >= d->ntoks ||
                     (d->toks[n + 1].flags & MTL_TF_UPPER_START) ||
                     (d->toks[n + 1].flags & MTL_TF_NEWLINE_BEFORE));
        bool ctx = score || timed || years || stop ||
                   (n < end && (mtl_nm_punct(c, n, ';') ||
                                mtl_nm_punct(c, n, ',') ||
                                (mtl_nm_spaced(c, n) &&
                                 d->toks[n].casing == MTL_CASE_LOWER &&
                                 ((c->st->speech &&
                                   mtl_lexicon_has(c->st->speech,
                                                   mtl_nm_text(c, n),
                                                   d->toks[n].len)) ||
                                  mtl_nm_word_in(c, n, mtl_nm_told)))));
        /* a rank glued to a surname that is no word, after a sure given
         * name: the mark says it is a number of the text's own */
        if (!ctx && ord && cls != MTL_NM_COMMON && strong)
            ctx = true;
        /* "Vladimir Gulyaev62 in an interview": a surname the dictionary
         * does not know as a word, glued to a two-digit number of an
         * adult's age, after a listed given name that is no word
         * either (not "Huawei Mate60", "Galaxy Note20") */
        if (!ctx && cls != MTL_NM_COMMON && !hyphen && strong &&
            age >= MTL_NM_ADULT_AGE && age < 100 && t->len - ll == 2)
            ctx = bare = true;
        /* "Kwame Mensah9 golos": the same with a count of one or two
         * digits, before a word in lower case that the dictionary knows
         * (what is counted), after a listed given name (a brand the
         * dictionary knows as a name, "Sony Xperia1 camera", is none) */
        if (!ctx && cls != MTL_NM_COMMON && !hyphen && !hsur && !ord &&
            strong && t->len - ll <= 2 && n < end && c->st->dict &&
            mtl_nm_is_given(c, mtl_nm_text(c, head - 1),
                            d->toks[head - 1].len) &&
            mtl_nm_spaced(c, n) && d->toks[n].kind == MTL_TOK_WORD &&
            d->toks[n].casing == MTL_CASE_LOWER &&
            d->toks[n].len <= MTL_NM_WORD_MAX &&
            mtl_spell(c->ck, c->lang, mtl_nm_text(c, n), d->toks[n].len) == 1)
            ctx = bare = counted = true;
        /* a name that is surely one whatever follows: the end of a
         * hyphenated given name after a family name written first ("Han
         * Seo-yeon35 mm"), or a given name of two pinyin syllables that
         * the dictionary does not know after such a family name ("Sun
         * Yiran63 movimientos") */
        if (!ctx && hyphen)
            ctx = bare = true;
        if (grouped || yeared)
            ctx = bare = true;
        if (!ctx && cls != MTL_NM_COMMON && !hsur && after && ll <= 12 &&
            c->st->family_first &&
            mtl_lexicon_has(c->st->family_first, mtl_nm_text(c, head - 1),
                            d->toks[head - 1].len) &&
            mtl_nm_title_word(c, head - 1)) {
            char low[16];
            mtl_ascii_lower_copy(low, s, ll);
            if (mtl_nm_pinyin_two(low, ll))
                ctx = bare = true;
        }
        if (!ctx)
            return;
    }
    /* the given name(s) before it (before the hyphenated one's first
     * part: "Park Ji-") */
    size_t g = hyphen || hsur ? i - 2 : i;
    size_t base = g;
    for (int steps = 0; steps < 3 && mtl_nm_spaced(c, g); steps++) {
        size_t p = g - 1;
        const mtl_token *pt = &c->doc->toks[p];
        /* mid-sentence, only the document's own stop words end the walk
         * ("the voyage Du Mengran53") */
        bool mid = p > 0 && mtl_nm_spaced(c, p) &&
                   c->doc->toks[p - 1].sent == t->sent &&
                   c->doc->toks[p - 1].kind == MTL_TOK_WORD &&
                   c->doc->toks[p - 1].casing == MTL_CASE_LOWER;
        /* a capitalised particle after a listed given name ("Yannick Le
         * Goff52"): part of the surname */
        if (mtl_nm_particle_after_given(c, p, t->sent)) {
            g = p - 1;
            break;
        }
        /* a hyphenated given name, its second part in lower case
         * ("Ji-hoon Park25 ans"), before a surname that is no word */
        if (cls != MTL_NM_COMMON && pt->sent == t->sent &&
            pt->kind == MTL_TOK_WORD && pt->casing == MTL_CASE_LOWER &&
            pt->nchars <= 8 && p >= 2 && mtl_nm_punct(c, p - 1, '-') &&
            mtl_tok_glued_prev(c->doc, p) &&
            mtl_tok_glued_prev(c->doc, p - 1) &&
            c->doc->toks[p - 2].sent == t->sent &&
            c->doc->toks[p - 2].nchars <= 8 && mtl_nm_title_word(c, p - 2) &&
            mtl_utf8_letters_only(mtl_nm_text(c, p), pt->len)) {
            g = p - 2;
            continue;
        }
        if (pt->sent != t->sent || !mtl_nm_title_word(c, p) ||
            (mid ? mtl_nm_is_stop_own(c, mtl_nm_text(c, p), pt->len)
                 : mtl_nm_is_stop(c, mtl_nm_text(c, p), pt->len)) ||
            mtl_nm_is_title(c, mtl_nm_text(c, p), pt->len))
            break;
        /* a German noun is no given name ("Die Studentin Maria ...");
         * elsewhere the dictionary knows given names too ("gaetano" in
         * Italian), so it cannot tell */
        if (c->st->noun_caps && !mtl_nm_given_like(c, p))
            break;
        g = p;
    }
    if (g == base) {
        /* "Haddad48, the daughter of ...": a surname with no given name
         * before it, glued to two digits of an adult's age before a
         * comma, that the document writes after a given name elsewhere
         * ("Nadia Haddad") */
        if (hyphen || hsur || list || cls == MTL_NM_COMMON ||
            age < MTL_NM_ADULT_AGE || age >= 100 || t->len - ll != 2 ||
            !(i + 1 < end && mtl_nm_punct(c, i + 1, ',')) || *budget == 0)
            return;
        --*budget;
        if (!mtl_nm_after_given_elsewhere(c, s, ll))
            return;
    }
    if (!hyphen && g == i - 1)
        mtl_nm_consider_pair(c, pairs, g, t->start, (uint32_t)ll);
    if (!out)
        return;
    const mtl_token *gt = &c->doc->toks[g];
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, c->doc->text + gt->start, t->start + ll - gt->start);
    mtl_strbuf_puts(&sb, score || bare || timed ? " " : ", ");
    mtl_strbuf_put(&sb, s + ll, t->len - ll);
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_add(out, MTL_RULE_NAME_GLUED_DIGITS, gt->start, t->start + t->len,
                  timed ? "name glued to a time"
                  : score ? "name glued to a score"
                  : ord     ? "name glued to a rank"
                  : yeared  ? "name glued to a year"
                  : grouped || counted ? "name glued to a number"
                            : "name glued to a number (an age?)",
                  sb.data);
    mtl_strbuf_free(&sb);
}

/* ------------------------------------------------------ name fragment */

/* A surname with a capital inside: a particle and a capitalised part
 * ("McDonald", "DiCaprio", "LaGuardia"), or "O'" / "D'" before one
 * ("O'Neill", "D’Amato"), letters otherwise.  mtl_nm_title_word takes
 * none of them. */
static bool
mtl_nm_inner_cap_name(const mtl_nm_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    if (t->kind != MTL_TOK_WORD || t->casing != MTL_CASE_MIXED ||
        (t->flags & MTL_TF_DIGIT) || t->nchars < 4 ||
        t->len > MTL_NM_WORD_MAX)
        return false;
    const char *s = mtl_nm_text(c, i);
    size_t left = 0, rest = 1;
    if ((s[0] == 'O' || s[0] == 'D') && t->len > 2 && s[1] == '\'')
        rest = 2;
    else if ((s[0] == 'O' || s[0] == 'D') && t->len > 4 &&
             memcmp(s + 1, "\xE2\x80\x99", 3) == 0)
        rest = 4;
    else {
        /* capital, lower case, capital, lower case */
        size_t split = mtl_nm_camel_split(s, t->len, &left);
        return split && mtl_nm_in_fold(mtl_nm_camel_prefixes, s, split);
    }
    /* "O'" then a capital and lower case */
    size_t k = rest;
    int32_t cp = mtl_utf8_next(s, t->len, &k);
    if (!mtl_cp_is_upper(cp) || k >= t->len)
        return false;
    return mtl_utf8_letters_only(s + k, t->len - k) &&
           mtl_nm_camel_split(s + rest, t->len - rest, &left) == 0;
}

/* True when token p (a '.') ends an abbreviation or an initial, so the
 * sentence break after it is not a real one. */
static bool
mtl_nm_abbrev_before(const mtl_nm_ctx *c, size_t p)
{
    if (p == 0)
        return false;
    const mtl_token *w = &c->doc->toks[p - 1];
    if (w->kind != MTL_TOK_WORD || !mtl_tok_glued_prev(c->doc, p))
        return false;
    const char *s = mtl_nm_text(c, p - 1);
    if (w->nchars <= 1)
        return true;
    size_t n = w->len;
    for (int pass = 0; pass < 2; pass++) {
        if (mtl_lexicon_has_fold(c->st->abbrev, s, n) ||
            mtl_lexicon_has_fold(c->st->abbrev, s, n + 1) ||
            mtl_lexicon_has_fold(c->st->titles, s, n + 1) ||
            mtl_nm_in_fold(mtl_nm_abbrevs, s, n))
            return true;
        /* a title after an elided article: "l'ing." */
        size_t k = pass == 0 ? mtl_elision_end(s, n) : 0;
        if (!k)
            return false;
        s += k;
        n -= k;
    }
    return false;
}

/* At most this many name-only lines per document are looked up in the
 * whole document (mtl_nm_fragment). */
#define MTL_NM_OWN_LINE_MAX 16
/* Words of a paragraph of prose around a name-only line. */
#define MTL_NM_PROSE_WORDS 8

/*
 * "Sabine Krämer. Notfälle und ...": a full stop inside sentence [first,
 * end), glued after the capitalised words that open it and followed by a
 * capitalised word on the same line, that ICU's abbreviation filter kept
 * from ending the sentence (it matches its one-letter entries, German
 * "r." or "s.", Portuguese "l.", at the end of any word).  Returns the
 * full stop's token, or (size_t)-1.
 */
static size_t
mtl_nm_inner_stop(const mtl_nm_ctx *c, size_t first, size_t end)
{
    const mtl_doc *d = c->doc;
    for (size_t k = first; k + 1 < end && k < first + 9; k++) {
        const mtl_token *t = &d->toks[k];
        /* capitalised words, particles and hyphens before it */
        if (t->kind == MTL_TOK_WORD &&
            ((t->flags & MTL_TF_UPPER_START) ||
             mtl_nm_is_particle(c, mtl_nm_text(c, k), t->len)))
            continue;
        if (mtl_nm_punct(c, k, '-'))
            continue;
        if (!mtl_nm_punct(c, k, '.'))
            return (size_t)-1;
        const mtl_token *n = &d->toks[k + 1];
        if (k < first + 2 || !mtl_tok_glued_prev(d, k) ||
            !mtl_nm_spaced(c, k + 1) || n->kind != MTL_TOK_WORD ||
            !(n->flags & MTL_TF_UPPER_START))
            return (size_t)-1;
        return k;
    }
    return (size_t)-1;
}

/* "... stellte das Projekt vor. Markus Hoffmann.": the same at the end of
 * sentence [first, last]: a full stop after a word the dictionary knows in
 * lower case ("vor", no abbreviation), then name words up to the last
 * token.  Returns the token after that full stop, or (size_t)-1. */
static size_t
mtl_nm_inner_start(const mtl_nm_ctx *c, size_t first, size_t last)
{
    const mtl_doc *d = c->doc;
    for (size_t k = last; k-- > first + 1 && k + 10 > last;) {
        const mtl_token *t = &d->toks[k];
        if (t->kind == MTL_TOK_WORD || mtl_nm_punct(c, k, '-'))
            continue;
        if (!mtl_nm_punct(c, k, '.') || k + 1 >= last ||
            !mtl_tok_glued_prev(d, k) || !mtl_nm_spaced(c, k + 1) ||
            !(d->toks[k + 1].flags & MTL_TF_UPPER_START))
            return (size_t)-1;
        const mtl_token *w = &d->toks[k - 1];
        if (!c->st->dict || w->kind != MTL_TOK_WORD ||
            w->casing != MTL_CASE_LOWER || w->nchars < 3 ||
            w->len > MTL_NM_WORD_MAX || mtl_nm_abbrev_before(c, k) ||
            mtl_spell(c->ck, c->lang, mtl_nm_text(c, k - 1), w->len) != 1)
            return (size_t)-1;
        return k + 1;
    }
    return (size_t)-1;
}

/* Line @p ln (0-based) is a paragraph of prose: enough words, and (when
 * @p closed) a sentence's end at its end. */
static bool
mtl_nm_prose_line(const mtl_nm_ctx *c, size_t ln, bool closed)
{
    const mtl_doc *d = c->doc;
    if (ln >= d->nlines)
        return false;
    const mtl_span *l = &d->lines[ln];
    if (l->tok_count == 0)
        return false;
    size_t words = 0;
    for (size_t k = l->tok_first;
         k < l->tok_first + l->tok_count && words < MTL_NM_PROSE_WORDS; k++)
        if (d->toks[k].kind == MTL_TOK_WORD)
            words++;
    if (words < MTL_NM_PROSE_WORDS)
        return false;
    if (!closed)
        return true;
    /* '.', '!' or '?', then closing quotes or brackets */
    size_t k = l->tok_first + l->tok_count - 1;
    for (int steps = 0; steps < 3 && k > l->tok_first; steps++) {
        const mtl_token *t = &d->toks[k];
        if (t->kind != MTL_TOK_PUNCT)
            return false;
        uint32_t cp = mtl_tok_first_cp(d, t);
        if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
            return true;
        if (!(cp == 0x201D || cp == 0x00BB || cp == '"' || cp == 0x2019 ||
              cp == ')' || cp == 0x201C))
            return false;
        k--;
    }
    return false;
}

/* The name-only sentence [first, last] shares its line with other
 * sentences: it is no headline, byline or caption. */
static bool
mtl_nm_context(const mtl_nm_ctx *c, size_t first, size_t last,
               bool line_start)
{
    const mtl_doc *d = c->doc;
    /* a text wrapped at a fixed width: the line before, in the same
     * paragraph, ends with a function word ("running it in a\nWayland
     * session."), so the sentence began there */
    if (line_start && first > 0 &&
        !(d->toks[first].flags & MTL_TF_PARA_START)) {
        const mtl_token *p = &d->toks[first - 1];
        if (p->kind == MTL_TOK_WORD && p->casing == MTL_CASE_LOWER &&
            mtl_nm_is_stop(c, mtl_nm_text(c, first - 1), p->len))
            return false;
    }
    /* nor on a short line: a caption with its credit ("Olaf Scholz. Photo:
     * dpa") is no paragraph.  Counting stops at the bound, so a long line
     * with many short sentences stays linear. */
    size_t around = 0;
    for (size_t k = first; k > 0 && around < MTL_NM_CONTEXT_WORDS; k--) {
        if (d->toks[k].flags & MTL_TF_LINE_START)
            break;
        if (d->toks[k - 1].kind == MTL_TOK_WORD)
            around++;
    }
    for (size_t k = last + 1; k < d->ntoks && around < MTL_NM_CONTEXT_WORDS;
         k++) {
        if (d->toks[k].flags & MTL_TF_LINE_START)
            break;
        if (d->toks[k].kind == MTL_TOK_WORD)
            around++;
    }
    if (around < MTL_NM_CONTEXT_WORDS)
        return false;
    if (!line_start) {
        size_t p = first - 1;
        /* or after a quotation that its sentence end closes ("... come
         * first." Vikram Desai.): the speaker tag split off */
        for (int q = 0; q < 2 && p > 0 && mtl_tok_glued_prev(d, p); q++) {
            uint32_t cp = d->toks[p].kind == MTL_TOK_PUNCT
                              ? mtl_tok_first_cp(d, &d->toks[p])
                              : 0;
            if (!(cp == 0x201D || cp == 0x00BB || cp == '"' ||
                  cp == 0x201C || cp == 0x2019))
                break;
            p--;
        }
        if (!(mtl_nm_punct(c, p, '.') || mtl_nm_punct(c, p, '!') ||
              mtl_nm_punct(c, p, '?')))
            return false;
        if (mtl_nm_punct(c, p, '.') && mtl_nm_abbrev_before(c, p))
            return false;
    }
    return true;
}

static bool mtl_nm_verbish(const mtl_nm_ctx *c, const char *s, size_t len);

/* The given name at token @p i stands elsewhere in the document before a
 * capitalised word of its sentence that is no stop word: the person's
 * whole name.  A walk over the document. */
static bool
mtl_nm_given_named(const mtl_nm_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *g = &d->toks[i];
    for (size_t k = 0; k + 1 < d->ntoks; k++) {
        const mtl_token *t = &d->toks[k];
        if (k == i || t->len != g->len || t->kind != MTL_TOK_WORD ||
            memcmp(d->text + t->start, d->text + g->start, g->len) != 0)
            continue;
        const mtl_token *n = &d->toks[k + 1];
        if (n->sent == t->sent && mtl_nm_spaced(c, k + 1) &&
            mtl_nm_title_word(c, k + 1) &&
            !mtl_nm_is_stop(c, mtl_nm_text(c, k + 1), n->len))
            return true;
    }
    return false;
}

/* The sentence before @p sp, in its paragraph, holds a quote mark or a
 * verb of saying (speech-verbs.txt). */
static bool
mtl_nm_speech_before(const mtl_nm_ctx *c, const mtl_span *sp)
{
    const mtl_doc *d = c->doc;
    size_t si = (size_t)(sp - d->sents);
    if (si == 0 || sp->tok_count == 0)
        return false;
    const mtl_span *o = &d->sents[si - 1];
    if (o->tok_count == 0 ||
        d->toks[o->tok_first].para != d->toks[sp->tok_first].para)
        return false;
    for (size_t k = o->tok_first; k < o->tok_first + o->tok_count; k++) {
        const mtl_token *t = &d->toks[k];
        if (t->kind == MTL_TOK_PUNCT) {
            uint32_t cp = mtl_tok_first_cp(d, t);
            if (cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x00AB ||
                cp == 0x00BB || cp == 0x201E)
                return true;
        } else if (t->kind == MTL_TOK_WORD && t->casing == MTL_CASE_LOWER &&
                   c->st->speech && t->len <= MTL_NM_WORD_MAX &&
                   mtl_lexicon_has(c->st->speech, mtl_nm_text(c, k), t->len)) {
            return true;
        }
    }
    return false;
}

static void
mtl_nm_fragment(const mtl_nm_ctx *c, const mtl_span *sp, mtl_flags *out,
                unsigned *budget)
{
    const mtl_doc *d = c->doc;
    size_t first = sp->tok_first, n = sp->tok_count;
    /* two to five name words, hyphens and particles between them, after
     * a title perhaps */
    if (n < 3)
        return;
    size_t last = mtl_nm_inner_stop(c, first, first + n);
    if (last == (size_t)-1) {
        last = first + n - 1;
        size_t tail = mtl_nm_inner_start(c, first, last);
        if (tail != (size_t)-1)
            first = tail;
        else if (n > 10)
            return;
    } else if (mtl_nm_abbrev_before(c, last))
        return;
    if (!mtl_nm_punct(c, last, '.') || !mtl_tok_glued_prev(d, last))
        return;
    /* a title first ("Dr Amara Osei."): the name follows */
    size_t nf = first;
    if (d->toks[nf].kind == MTL_TOK_WORD &&
        (mtl_lexicon_has(c->st->titles, mtl_nm_text(c, nf), d->toks[nf].len) ||
         mtl_nm_in_fold(mtl_nm_abbrevs, mtl_nm_text(c, nf), d->toks[nf].len))) {
        nf++;
        if (mtl_nm_punct(c, nf, '.') && mtl_tok_glued_prev(d, nf))
            nf++;
    }
    if (last < nf + 2 || last - nf > 9)
        return;
    bool line_start = d->toks[first].flags & MTL_TF_LINE_START;
    bool line_end = last + 1 >= d->ntoks ||
                    (d->toks[last + 1].flags & MTL_TF_NEWLINE_BEFORE);
    /* alone on its line, as headlines, bylines and captions are: only
     * between two paragraphs of prose, the paragraph before ending a
     * sentence ("... the models predicted.\u201d" / "Dr Amara Osei." /
     * "The work, funded by ..."), and, below, only a name the document
     * writes elsewhere */
    bool own_line = line_start && line_end;
    if (own_line) {
        if (first == 0 || last + 1 >= d->ntoks ||
            !mtl_nm_prose_line(c, d->toks[first - 1].line - 1, true) ||
            !mtl_nm_prose_line(c, d->toks[last + 1].line - 1, false))
            return;
    } else if (!mtl_nm_context(c, first, last, line_start))
        return;
    size_t words = 2;
    size_t wl = last - 1; /* last word */
    /* an initial ("John F.") is no sentence end */
    if (d->toks[wl].nchars <= 1)
        return;
    /* "Hyun-woo Baek.": a listed hyphenated given name with a lower-case
     * end first, a sure one */
    size_t gn = nf; /* the given name's last token */
    if (nf + 3 < last && mtl_nm_punct(c, nf + 1, '-') &&
        mtl_tok_glued_prev(d, nf + 1) && mtl_tok_glued_prev(d, nf + 2) &&
        d->toks[nf].casing == MTL_CASE_TITLE &&
        d->toks[nf + 2].kind == MTL_TOK_WORD &&
        d->toks[nf + 2].casing == MTL_CASE_LOWER &&
        d->toks[nf + 2].nchars <= 8 &&
        d->toks[nf + 2].start + d->toks[nf + 2].len - d->toks[nf].start <=
            MTL_NM_WORD_MAX &&
        mtl_nm_is_given(c, mtl_nm_text(c, nf),
                        d->toks[nf + 2].start + d->toks[nf + 2].len -
                            d->toks[nf].start))
        gn = nf + 2;
    if (gn == nf && !mtl_nm_given_like(c, nf))
        return;
    bool sure = gn != nf || mtl_nm_strong_given(c, nf);
    /* "Choi Eun-ji.": a hyphenated given name's lower-case end; the part
     * before the hyphen is the word judged */
    const mtl_token *et = &d->toks[wl];
    if (et->kind == MTL_TOK_WORD && et->casing == MTL_CASE_LOWER &&
        et->nchars <= 8 && wl >= nf + 3 && mtl_tok_glued_prev(d, wl) &&
        mtl_nm_punct(c, wl - 1, '-') && mtl_tok_glued_prev(d, wl - 1) &&
        d->toks[wl - 2].casing == MTL_CASE_TITLE &&
        mtl_utf8_letters_only(mtl_nm_text(c, wl), et->len))
        wl -= 2;
    for (size_t k = gn + 1; k < wl; k++) {
        const mtl_token *t = &d->toks[k];
        if (mtl_nm_punct(c, k, '-') && mtl_tok_glued_prev(d, k) &&
            mtl_tok_glued_prev(d, k + 1))
            continue;
        if (t->kind == MTL_TOK_WORD && t->casing == MTL_CASE_LOWER &&
            mtl_nm_is_particle(c, mtl_nm_text(c, k), t->len))
            continue;
        /* a capitalised particle before the rest of the surname, glued
         * to it by a hyphen or not ("Al-Mansouri", "El Amrani") */
        if (k + 1 <= wl &&
            ((k + 2 <= wl && mtl_nm_punct(c, k + 1, '-') &&
              mtl_tok_glued_prev(d, k + 1) && mtl_tok_glued_prev(d, k + 2)) ||
             (mtl_nm_spaced(c, k + 1) &&
              d->toks[k + 1].casing == MTL_CASE_TITLE)) &&
            mtl_nm_cap_particle(c, k))
            continue;
        if (!mtl_nm_given_like(c, k) &&
            !(mtl_nm_title_word(c, k) &&
              (gn != nf ||
               mtl_nm_is_given(c, mtl_nm_text(c, nf), d->toks[nf].len)) &&
              !mtl_nm_is_stop(c, mtl_nm_text(c, k), t->len) &&
              !mtl_nm_is_title(c, mtl_nm_text(c, k), t->len)))
            return;
        if (++words > 5)
            return;
    }
    const mtl_token *lt = &d->toks[wl];
    const char *ls = mtl_nm_text(c, wl);
    if (lt->kind != MTL_TOK_WORD || lt->len > MTL_NM_WORD_MAX)
        return;
    if (mtl_nm_title_word(c, wl) || mtl_nm_inner_cap_name(c, wl)) {
        /* a surname that is also a word ("Peters", "Ray") after a sure
         * given name; a Chinese given name after its family name that is
         * a word of another language ("Wang Lei.", Italian "lei") */
        bool pinyin = wl == nf + 1 && mtl_nm_pinyin_given(c, nf, ls, lt->len) &&
                      !mtl_nm_is_stop_own(c, ls, lt->len);
        if (!pinyin && !mtl_nm_given_like(c, wl) && !(sure &&
                                           !mtl_nm_is_stop(c, ls, lt->len) &&
                                           !mtl_nm_is_title(c, ls, lt->len)))
            return;
        if (own_line) {
            if (*budget == 0)
                return;
            --*budget;
            if (!mtl_nm_named_elsewhere(c, ls, lt->len, lt->line))
                return;
        }
        if (out)
            mtl_flags_add(out, MTL_RULE_NAME_FRAGMENT, d->toks[first].start,
                          et->start + et->len + 1,
                          "sentence that is only a name: a caption or speaker "
                          "tag split off by translation?",
                          NULL);
        return;
    }
    /* "Brion peace.": the surname translated into a common noun.  Only in
     * English, where verb endings tell "Maria laughed." apart; after a
     * listed given name that is no word ("Karim blacksmith.", "Thomas
     * maçon.", "Ricardo pane."), in the languages that write nouns in
     * lower case, for a word that does not read as a verb there
     * (mtl_nm_verbish: "Pedro llegó.", "Karim wept.") */
    bool listed = nf == first && sure && gn == nf;
    if (et != lt || own_line || (!c->st->en && !listed) || words != 2 ||
        !c->st->dict || c->st->noun_caps || lt->casing != MTL_CASE_LOWER ||
        lt->nchars < 4 || !mtl_utf8_letters_only(ls, lt->len) ||
        mtl_nm_is_stop(c, ls, lt->len))
        return;
    if (listed) {
        /* and the person is named: the given name stands elsewhere
         * before a capitalised surname ("Thomas Mason" ... "Thomas
         * maçon."), or the sentence before quotes or reports speech (a
         * speaker tag: "..., ha detto. Ricardo pane.") */
        if (mtl_nm_verbish(c, ls, lt->len) || *budget == 0)
            return;
        --*budget;
        if (!mtl_nm_given_named(c, first) &&
            !mtl_nm_speech_before(c, sp))
            return;
    } else {
        static const char *const verbish[] = {"ed", "s", "ing", "ly"};
        for (size_t k = 0; k < MTL_NM_NELEM(verbish); k++) {
            size_t el = strlen(verbish[k]);
            if (lt->len > el &&
                memcmp(ls + lt->len - el, verbish[k], el) == 0)
                return;
        }
        if (nf != first ||
            mtl_nm_is_given(c, mtl_nm_text(c, first), d->toks[first].len) ||
            mtl_nm_class(c, mtl_nm_text(c, first), d->toks[first].len) ==
                MTL_NM_COMMON)
            return;
    }
    if (mtl_spell(c->ck, c->lang, ls, lt->len) != 1)
        return;
    if (out) {
        char tb[MTL_NM_WORD_MAX * 4 + 1];
        size_t tl = mtl_nm_titlecase(ls, lt->len, tb, sizeof tb);
        mtl_strbuf sb;
        mtl_strbuf_init(&sb);
        mtl_strbuf_put(&sb, d->text + d->toks[first].start,
                       lt->start - d->toks[first].start);
        mtl_strbuf_put(&sb, tb, tl);
        mtl_strbuf_puts(&sb, ".");
        mtl_strbuf_putc(&sb, '\0');
        mtl_flags_add(out, MTL_RULE_NAME_FRAGMENT, d->toks[first].start,
                      lt->start + lt->len + 1,
                      "sentence that is only a name, its surname translated "
                      "into a common noun?",
                      tl ? sb.data : NULL);
        mtl_strbuf_free(&sb);
    }
}


/*
 * "... desde hace cuatro generaciones. Quintana. El agua ...", "\"Our
 * families depend on it.\" Al-Sayegh.": a sentence that is a surname
 * alone (one title-case word of four letters or more, or two joined by
 * a hyphen), in running text: after a sentence's end on its line, or
 * before more text on it (not a line of its own, as bylines and
 * headings are).  The surname is one the document writes after a listed
 * given name elsewhere ("Aurelio Quintana"); it is no given name, stop
 * word or title itself.  A speaker tag or caption split off.
 */
#define MTL_NM_LONE_FRAG_MAX 16

static void
mtl_nm_lone_fragment(const mtl_nm_ctx *c, const mtl_span *sp, mtl_flags *out,
                     unsigned *budget)
{
    const mtl_doc *d = c->doc;
    size_t first = sp->tok_first, n = sp->tok_count;
    /* a title first ("Maître Okafor."): the surname follows */
    bool titled = false;
    if ((n == 3 || n == 5) && first + n <= d->ntoks &&
        d->toks[first].kind == MTL_TOK_WORD &&
        d->toks[first].casing == MTL_CASE_TITLE &&
        mtl_nm_is_title(c, mtl_nm_text(c, first), d->toks[first].len)) {
        first++;
        n--;
        titled = true;
    }
    if ((n != 2 && n != 4) || first == 0 || first + n > d->ntoks)
        return;
    size_t last = first + n - 1;
    const mtl_token *a = &d->toks[first], *z = &d->toks[last - 1];
    if (!mtl_nm_punct(c, last, '.') || !mtl_tok_glued_prev(d, last) ||
        a->kind != MTL_TOK_WORD || a->casing != MTL_CASE_TITLE ||
        z->kind != MTL_TOK_WORD || z->casing != MTL_CASE_TITLE ||
        (a->flags & MTL_TF_DIGIT) || (z->flags & MTL_TF_DIGIT))
        return;
    if (n == 4 && !(mtl_nm_punct(c, first + 1, '-') &&
                    mtl_tok_glued_prev(d, first + 1) &&
                    mtl_tok_glued_prev(d, first + 2)))
        return;
    size_t len = z->start + z->len - a->start;
    if ((n == 2 && a->nchars < 4) || len > MTL_NM_WORD_MAX)
        return;
    /* in running text: prose ends a sentence just before it on its line,
     * or goes on after it */
    size_t lead = titled ? first - 1 : first;
    const mtl_token *pv = lead > 0 ? &d->toks[lead - 1] : NULL;
    if (!pv)
        return;
    const mtl_token *lt = &d->toks[lead];
    bool after_end = !(lt->flags & MTL_TF_NEWLINE_BEFORE) &&
                     pv->line == lt->line && pv->kind == MTL_TOK_PUNCT;
    bool before_more = last + 1 < d->ntoks &&
                       !(d->toks[last + 1].flags & MTL_TF_NEWLINE_BEFORE);
    if (!after_end && !before_more)
        return;
    /* not a title's full stop taken for a sentence's end ("Dr. Smith."),
     * nor among short sentences ("The end. Smith. Smith."): the
     * sentences on either side on its line have four words or more, and
     * the one before does not end in the same name */
    if (after_end && mtl_nm_punct(c, lead - 1, '.') &&
        mtl_nm_abbrev_before(c, lead - 1))
        return;
    size_t si = (size_t)(sp - d->sents);
    for (int side = -1; side <= 1; side += 2) {
        if ((side < 0 && (!after_end || si == 0)) ||
            (side > 0 && (!before_more || si + 1 >= d->nsents)))
            continue;
        const mtl_span *o = &d->sents[si + side];
        size_t words = 0;
        for (size_t k = o->tok_first; k < o->tok_first + o->tok_count; k++)
            words += d->toks[k].kind == MTL_TOK_WORD;
        if (words < 4)
            return;
        if (side < 0) {
            size_t k = o->tok_first + o->tok_count;
            while (k > o->tok_first && d->toks[k - 1].kind != MTL_TOK_WORD)
                k--;
            if (k > o->tok_first && d->toks[k - 1].len == z->len &&
                memcmp(d->text + d->toks[k - 1].start, d->text + z->start,
                       z->len) == 0)
                return;
        }
    }
    const char *s = d->text + a->start;
    /* (the first part of a double name may be a given name: "Al-") */
    if (!mtl_utf8_letters_only(s, a->len) ||
        (n == 2 && (mtl_nm_is_given(c, s, a->len) ||
                    mtl_nm_is_stop(c, s, a->len) ||
                    mtl_nm_is_title(c, s, a->len))))
        return;
    /* written elsewhere after a listed given name: a walk over the
     * document, for MTL_NM_LONE_FRAG_MAX candidates at most */
    if (*budget == 0)
        return;
    --*budget;
    bool named = false;
    for (size_t k = 1; k + n - 1 <= d->ntoks && !named; k++) {
        const mtl_token *t = &d->toks[k];
        if (k == first || t->len != a->len || t->kind != MTL_TOK_WORD ||
            memcmp(d->text + t->start, s, a->len) != 0)
            continue;
        const mtl_token *e = &d->toks[k + n - 2];
        if (e->start + e->len - t->start != len ||
            memcmp(d->text + t->start, s, len) != 0)
            continue;
        const mtl_token *g = &d->toks[k - 1];
        named = g->kind == MTL_TOK_WORD && g->casing == MTL_CASE_TITLE &&
                g->sent == t->sent && mtl_nm_spaced(c, k) &&
                (mtl_nm_is_given(c, d->text + g->start, g->len) ||
                 /* or any given name after a title ("Me Chukwuemeka
                  * Okafor") */
                 (k >= 2 && mtl_nm_spaced(c, k - 1) &&
                  d->toks[k - 2].kind == MTL_TOK_WORD &&
                  d->toks[k - 2].sent == t->sent &&
                  mtl_nm_is_title(c, mtl_nm_text(c, k - 2),
                                  d->toks[k - 2].len) &&
                  !mtl_nm_is_stop(c, d->text + g->start, g->len) &&
                  !mtl_nm_is_title(c, d->text + g->start, g->len)));
    }
    if (!named)
        return;
    mtl_flags_add(out, MTL_RULE_NAME_FRAGMENT, lt->start,
                  z->start + z->len + 1,
                  "sentence that is only a surname: a speaker tag or caption "
                  "split off by translation or scraping?",
                  NULL);
}

/*
 * "The chairman of the local cooperative society, Joseph Otieno.": a
 * sentence that is a role and a name, its verb ("said") lost in
 * translation.  In English, French, Spanish, Portuguese and Italian (not
 * German, whose capitalised nouns read as names): a determiner at the
 * sentence start, or a lead-in ("According to", "Según", "Segundo",
 * "Selon", "Secondo") with a determiner or title after it, or an office
 * in title case ("Minister of Mines"); up to nine role words: lower-case
 * ones (no verb: mtl_nm_en_verbish, mtl_nm_role_verbs, a word in "ed",
 * mtl_nm_verbish elsewhere, an auxiliary), title-case ordinary words (an
 * office: "The Minister of Social Affairs") or a capitalised name after a
 * preposition (an institution: "da Conab"), holding a role noun (the
 * titles lexicon or mtl_nm_role_nouns); then a comma, or no comma where
 * the role noun stands right before the name ("the first deputy governor
 * Alexei Zyryanov"); two to four name words (hyphenated parts and
 * particles between them); the full stop, and more prose on the same
 * line (a caption on its own line is fine).
 */


/* Token k is a word that may stand in a role phrase; sets *role when it
 * is a role noun or title.  False on a verb or anything else. */
static bool
mtl_nm_role_word(const mtl_nm_ctx *c, size_t k, bool *role)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[k];
    const char *ts = mtl_nm_text(c, k);
    if (t->kind == MTL_TOK_PUNCT)
        return mtl_nm_punct(c, k, '\'') || mtl_nm_punct(c, k, 0x2019);
    if (t->kind != MTL_TOK_WORD || t->len > MTL_NM_WORD_MAX)
        return false;
    if (t->casing == MTL_CASE_TITLE) {
        /* an office in title case, of ordinary words: "The Minister of
         * Social Affairs, Tarek Haddad."; or an institution's name after
         * a preposition ("superintendente da Conab") */
        char low[MTL_NM_WORD_MAX * 4];
        size_t ll = mtl_utf8_lower(ts, t->len, low, sizeof low);
        if (!ll || (ll > 3 && c->st->en && memcmp(low + ll - 2, "ed", 2) == 0))
            return false;
        if (mtl_spell(c->ck, c->lang, low, ll) != 1 &&
            !(k > 0 && d->toks[k - 1].casing == MTL_CASE_LOWER &&
              (strcmp(mtl_nm_func_section(c, k - 1), "preposition") == 0 ||
               strcmp(mtl_nm_func_section(c, k - 1), "article") == 0)))
            return false;
        if (!*role)
            *role = mtl_nm_is_title(c, ts, t->len);
        return true;
    }
    if (t->casing == MTL_CASE_UPPER && t->nchars <= 6)
        return true; /* an acronym: "the head of the SSC" */
    if (t->casing != MTL_CASE_LOWER)
        return false;
    /* a role noun first: some are verb forms too (pt "ministra") */
    if (mtl_nm_in(mtl_nm_role_nouns, ts, t->len) ||
        mtl_nm_is_title(c, ts, t->len)) {
        *role = true;
        return true;
    }
    if (c->st->en) {
        /* "first", "senior" are adjectives before a role noun */
        const mtl_token *nt = k + 1 < d->ntoks ? &d->toks[k + 1] : NULL;
        bool adj = nt && nt->casing == MTL_CASE_LOWER &&
                   nt->kind == MTL_TOK_WORD && nt->len <= MTL_NM_WORD_MAX &&
                   (mtl_nm_in(mtl_nm_role_nouns, mtl_nm_text(c, k + 1),
                              nt->len) ||
                    mtl_nm_is_title(c, mtl_nm_text(c, k + 1), nt->len));
        if ((!adj && mtl_nm_in(mtl_nm_en_verbish, ts, t->len)) ||
            mtl_nm_in(mtl_nm_role_verbs, ts, t->len) ||
            (t->len > 3 && memcmp(ts + t->len - 2, "ed", 2) == 0))
            return false;
    } else {
        const char *sec = mtl_nm_func_section(c, k);
        if (strcmp(sec, "auxiliary") == 0 || strcmp(sec, "pronoun") == 0 ||
            strcmp(sec, "conjunction") == 0)
            return false;
        if (!sec[0] && mtl_nm_verbish(c, ts, t->len))
            return false;
    }
    if (!*role)
        *role = mtl_nm_in(mtl_nm_role_nouns, ts, t->len) ||
                mtl_nm_is_title(c, ts, t->len);
    return true;
}

/* Tokens [a, last) are a name of two to four words (a hyphenated part
 * and particles between them), its first word given-like, its last
 * given-like or after a sure given name. */
static bool
mtl_nm_role_name(const mtl_nm_ctx *c, size_t a, size_t last)
{
    const mtl_doc *d = c->doc;
    if (last < a + 2 || last - a > 8)
        return false;
    size_t words = 0, lastw = a;
    for (size_t k = a; k < last; k++) {
        const mtl_token *t = &d->toks[k];
        if (k > a && mtl_nm_punct(c, k, '-') && mtl_tok_glued_prev(d, k) &&
            k + 1 < last && mtl_tok_glued_prev(d, k + 1))
            continue;
        if (k > a && t->kind == MTL_TOK_WORD && t->casing == MTL_CASE_LOWER &&
            mtl_tok_glued_prev(d, k) && mtl_nm_punct(c, k - 1, '-') &&
            t->nchars <= 8)
            continue; /* "Eun-ji" */
        if (k > a && k + 1 < last && t->kind == MTL_TOK_WORD &&
            t->casing == MTL_CASE_LOWER &&
            mtl_nm_is_particle(c, mtl_nm_text(c, k), t->len))
            continue;
        /* after the first word only the document's own stop words: "Al"
         * of "Mohammed Al-Abdelaly" is Spanish "al" */
        if (!mtl_nm_title_word(c, k) ||
            (k == a ? mtl_nm_is_stop(c, mtl_nm_text(c, k), t->len)
                    : mtl_nm_is_stop_own(c, mtl_nm_text(c, k), t->len)))
            return false;
        words++;
        lastw = k;
    }
    if (words < 2 || words > 4 || d->toks[lastw].nchars <= 1)
        return false;
    return mtl_nm_given_like(c, a) &&
           (mtl_nm_given_like(c, lastw) || mtl_nm_strong_given(c, a));
}

static void
mtl_nm_role_fragment(const mtl_nm_ctx *c, const mtl_span *sp, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    size_t first = sp->tok_first, end = first + sp->tok_count;
    if (c->st->noun_caps || !out || sp->tok_count < 5 || sp->tok_count > 20)
        return;
    size_t last = end - 1;
    if (!mtl_nm_punct(c, last, '.') || !mtl_tok_glued_prev(d, last) ||
        last + 1 >= d->ntoks ||
        (d->toks[last + 1].flags & MTL_TF_NEWLINE_BEFORE) ||
        d->toks[last + 1].kind != MTL_TOK_WORD)
        return;
    const mtl_token *ft = &d->toks[first];
    if (ft->kind != MTL_TOK_WORD || ft->casing != MTL_CASE_TITLE)
        return;
    const char *fs = mtl_nm_text(c, first);
    /* the role phrase starts at r */
    size_t r = first + 1;
    bool role = false;
    if (c->st->en && ft->len == 9 && memcmp(fs, "According", 9) == 0 &&
        first + 2 < last && d->toks[first + 1].len == 2 &&
        memcmp(mtl_nm_text(c, first + 1), "to", 2) == 0) {
        r = first + 2;
    } else if (mtl_nm_in_fold(mtl_nm_lead_ins, fs, ft->len)) {
        r = first + 1;
    } else if (mtl_nm_in_fold(c->st->en ? mtl_nm_role_dets
                                        : mtl_nm_role_dets_rom,
                              fs, ft->len)) {
        r = first + 1;
    } else if (mtl_nm_is_title(c, fs, ft->len)) {
        /* "Minister of Mines Paul Mwansa-Chibuye." */
        r = first;
    } else if (first + 2 < last && c->st->dict &&
               d->toks[first + 1].kind == MTL_TOK_WORD &&
               d->toks[first + 1].casing == MTL_CASE_LOWER &&
               d->toks[first + 1].len <= MTL_NM_WORD_MAX &&
               mtl_nm_in(mtl_nm_role_nouns, mtl_nm_text(c, first + 1),
                         d->toks[first + 1].len) &&
               !mtl_nm_is_stop(c, fs, ft->len)) {
        /* a noun and a role noun before the name: "Airport manager Ahmad
         * Syaugi Shahab." (the noun passes mtl_nm_role_word below) */
        r = first;
    } else {
        return;
    }
    /* the name: after the last comma, or right after a role noun */
    size_t comma = (size_t)-1;
    for (size_t k = last; k-- > r;) {
        if (mtl_nm_punct(c, k, ',')) {
            comma = k;
            break;
        }
    }
    size_t name = (size_t)-1, role_end;
    if (comma != (size_t)-1) {
        if (!mtl_tok_glued_prev(d, comma) || comma - r > 10)
            return;
        name = comma + 1;
        role_end = comma;
        if (!mtl_nm_role_name(c, name, last))
            return;
    } else {
        /* the longest name that fits, after a lower-case role noun or a
         * title ("governor Alexei Zyryanov", "Mines Paul ...") */
        for (size_t k = r + 1; k + 2 <= last && name == (size_t)-1; k++) {
            const mtl_token *pt = &d->toks[k - 1];
            if (!mtl_nm_title_word(c, k) || pt->kind != MTL_TOK_WORD ||
                !mtl_nm_role_name(c, k, last))
                continue;
            /* a lower-case role noun, or the end of an office in title
             * case ("Minister of Mines"), the role checked below */
            bool r0 = false;
            const char *ps = mtl_nm_text(c, k - 1);
            if (pt->casing == MTL_CASE_LOWER)
                r0 = mtl_nm_in(mtl_nm_role_nouns, ps, pt->len) ||
                     mtl_nm_is_title(c, ps, pt->len);
            else if (pt->casing == MTL_CASE_TITLE)
                r0 = mtl_nm_role_word(c, k - 1, &role);
            if (!r0)
                return;
            name = k;
        }
        if (name == (size_t)-1)
            return;
        role_end = name;
    }
    if (role_end <= r || role_end - r > 9)
        return;
    for (size_t k = r; k < role_end; k++)
        if (!mtl_nm_role_word(c, k, &role))
            return;
    if (!role)
        return;
    mtl_flags_add(out, MTL_RULE_NAME_FRAGMENT, ft->start,
                  d->toks[last].start + d->toks[last].len,
                  "sentence that is only a role and a name: the verb (\"said\""
                  "?) lost in translation?",
                  NULL);
}

/*
 * "... dijo el capitán David Ferrer. Ferrer. El técnico ...": a sentence
 * that is only the surname that ended the sentence before, after a given
 * name there, and more prose after it on the same line: the name printed
 * twice by the extractor (or a caption's name run into the text).  Two
 * or three words repeated count too ("... a ministra, Maria da Graça
 * Carvalho. Graça Carvalho. A governante ..."), after a capitalised word
 * or a particle of the same name there.
 */
static void
mtl_nm_repeated_surname(const mtl_nm_ctx *c, const mtl_span *sp,
                        mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    size_t w = sp->tok_first;
    size_t k = sp->tok_count - 1; /* the words */
    if (sp->tok_count < 2 || k > 3 || w < 2 * k + 1 ||
        !mtl_nm_punct(c, w + k, '.') || !mtl_tok_glued_prev(d, w + k) ||
        (d->toks[w].flags & MTL_TF_LINE_START) || w + k + 1 >= d->ntoks ||
        (d->toks[w + k + 1].flags & MTL_TF_NEWLINE_BEFORE) ||
        !(d->toks[w + k + 1].flags & MTL_TF_UPPER_START))
        return;
    for (size_t j = 0; j < k; j++)
        if (!mtl_nm_title_word(c, w + j) ||
            (j > 0 && !mtl_nm_spaced(c, w + j)))
            return;
    /* the sentence before ends with the same words and a full stop */
    size_t q = w - 1 - k; /* its copy's first word */
    if (!mtl_nm_punct(c, w - 1, '.') || !mtl_tok_glued_prev(d, w - 1) ||
        !mtl_nm_spaced(c, q) || mtl_nm_abbrev_before(c, w - 1))
        return;
    for (size_t j = 0; j < k; j++) {
        const mtl_token *a = &d->toks[q + j], *b = &d->toks[w + j];
        if (a->len != b->len ||
            memcmp(mtl_nm_text(c, q + j), mtl_nm_text(c, w + j), a->len) != 0)
            return;
    }
    /* a longer name there: a given name before one word; a capitalised
     * word or a particle before two or three */
    if (k == 1 ? !mtl_nm_given_like(c, q - 1)
               : !(d->toks[q - 1].kind == MTL_TOK_WORD &&
                   ((d->toks[q - 1].flags & MTL_TF_UPPER_START) ||
                    mtl_nm_is_particle(c, mtl_nm_text(c, q - 1),
                                       d->toks[q - 1].len))))
        return;
    const mtl_token *t = &d->toks[w];
    mtl_flags_add(out, MTL_RULE_NAME_FRAGMENT, t->start,
                  d->toks[w + k].start + d->toks[w + k].len,
                  k == 1 ? "the surname that ends the sentence before, printed "
                           "again as a sentence of its own: delete it?"
                         : "the name that ends the sentence before, printed "
                           "again as a sentence of its own: delete it?",
                  NULL);
}

/* ---------------------------------------------------------- lowercased */

/*
 * A lower-case word that is a name: 2 when Hunspell knows it only
 * capitalised ("johnson") or the given-name lexicon lists it capitalised
 * ("pedro"), 1 when neither form is known (a foreign surname, "sánchez":
 * a name only right after a given name), -1 for a noun where nouns take
 * a capital (German "fuchs" for "Fuchs": a surname only right after a
 * given name, see mtl_nm_lowercased), 0 otherwise.
 */
static int
mtl_nm_lower_proper(const mtl_nm_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    if (t->kind != MTL_TOK_WORD || t->casing != MTL_CASE_LOWER ||
        t->nchars < 3 || t->len > MTL_NM_WORD_MAX)
        return 0;
    const char *s = mtl_nm_text(c, i);
    /* the dictionary first: it knows almost every lower-case word */
    if (mtl_spell(c->ck, c->lang, s, t->len) != 0)
        return 0;
    if (!mtl_utf8_letters_only(s, t->len) || mtl_nm_is_stop(c, s, t->len) ||
        mtl_nm_is_particle(c, s, t->len))
        return 0;
    char tb[MTL_NM_WORD_MAX * 4 + 1];
    size_t tl = mtl_nm_titlecase(s, t->len, tb, sizeof tb);
    if (!tl)
        return 0;
    if (mtl_nm_is_given(c, tb, tl))
        return 2;
    if (mtl_spell(c->ck, c->lang, tb, tl) != 1)
        return 1;
    /* German nouns pass the test above: only listed given names count */
    return c->st->noun_caps ? -1 : 2;
}

/* Token i is a punctuation mark that may stand glued after a word. */
static bool
mtl_nm_closing_punct(const mtl_nm_ctx *c, size_t i)
{
    uint32_t cp = mtl_tok_first_cp(c->doc, &c->doc->toks[i]);
    return cp == ',' || cp == '.' || cp == ';' || cp == ':' || cp == '!' ||
           cp == '?' || cp == ')';
}

/* A token stands apart: not glued to a neighbour (URLs, hashtags, slugs). */
static bool
mtl_nm_standalone(const mtl_nm_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    if (i > 0 && mtl_tok_glued_prev(d, i))
        return false;
    return !(i + 1 < d->ntoks && mtl_tok_glued_prev(d, i + 1) &&
             !mtl_nm_closing_punct(c, i + 1));
}

/* The filter bit of a folded given name of @p n bytes. */
static size_t
mtl_nm_given_bit(size_t n, unsigned first, unsigned second, unsigned last)
{
    uint32_t k = (((uint32_t)n * 257u + first) * 257u + second) * 257u + last;
    return (size_t)((k * 0x9E3779B1u) >> 17) & (MTL_NM_GIVEN_BITS - 1);
}

/* The second filter bit: a hash of the whole folded form. */
static size_t
mtl_nm_whole_bit(const char *f, size_t n)
{
    return (size_t)mtl_hash64(f, n, MTL_LEXICON_SEED) &
           (MTL_NM_GIVEN_BITS - 1);
}

/* False if token i (3 bytes or more) is surely not in the given-name
 * lexicon (mtl_lexicon_has_fold): an ASCII word folds to itself lower
 * cased, so both its bits must be set.  Other words are not folded here:
 * that costs as much as the lookup. */
__attribute__((always_inline)) static inline bool
mtl_nm_maybe_given(const mtl_nm_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    if (!c->st->filter || !(t->flags & MTL_TF_ASCII) || t->len < 3 ||
        t->len > MTL_NM_WORD_MAX)
        return true;
    const char *s = mtl_nm_text(c, i);
    /* a lower-case word (all that mtl_nm_lower_start asks about) has no
     * letter A..Z: its bytes are its fold, and need no lower-casing */
    bool folded = t->casing == MTL_CASE_LOWER;
    unsigned f0 = (unsigned char)s[0], f1 = (unsigned char)s[1],
             fz = (unsigned char)s[t->len - 1];
    if (!folded) {
        f0 = (unsigned)mtl_ascii_lower((int)f0);
        f1 = (unsigned)mtl_ascii_lower((int)f1);
        fz = (unsigned)mtl_ascii_lower((int)fz);
    }
    size_t b = mtl_nm_given_bit(t->len, f0, f1, fz);
    if (!((c->st->given_bits[b / 64] >> (b % 64)) & 1))
        return false;
    char low[MTL_NM_WORD_MAX];
    if (folded && c->kinds && t->kind == MTL_TOK_WORD) {
        /* the word table's hash of its bytes, its fold's */
        b = (size_t)c->ck->words[i].hash & (MTL_NM_GIVEN_BITS - 1);
    } else {
        if (!folded) {
            mtl_ascii_lower_copy(low, s, t->len);
            s = low;
        }
        b = mtl_nm_whole_bit(s, t->len);
    }
    return (c->st->whole[b / 64] >> (b % 64)) & 1;
}

/* Token j can continue a run of lower-case names that starts at token i,
 * by the tests that need neither lexicon nor dictionary: a plain
 * lower-case word of the same sentence after a space, standing apart, of
 * the length mtl_nm_lower_proper wants. */
static bool
mtl_nm_lower_run_word(const mtl_nm_ctx *c, size_t i, size_t j)
{
    const mtl_token *t = &c->doc->toks[j];
    return t->kind == MTL_TOK_WORD && t->casing == MTL_CASE_LOWER &&
           t->nchars >= 3 && t->len <= MTL_NM_WORD_MAX &&
           (j == i ||
            (mtl_nm_spaced(c, j) && t->sent == c->doc->toks[i].sent)) &&
           mtl_nm_standalone(c, j);
}

/* Token j, in a run of lower-case names that starts at token i, is a
 * particle of two letters between two of its words ("rachid el
 * amrani", "ana de souza"). */
static bool
mtl_nm_lower_particle(const mtl_nm_ctx *c, size_t i, size_t j)
{
    const mtl_token *t = &c->doc->toks[j];
    return t->kind == MTL_TOK_WORD && t->casing == MTL_CASE_LOWER &&
           t->nchars == 2 && j + 1 < c->doc->ntoks && mtl_nm_spaced(c, j) &&
           t->sent == c->doc->toks[i].sent &&
           mtl_nm_lower_run_word(c, i, j + 1) &&
           mtl_nm_is_particle(c, mtl_nm_text(c, j), t->len);
}

/* False when no run of lower-case names starts at token i, by the tests
 * that need no lookup: a run has two words at least (of three letters or
 * more), and starts at a listed given name. */
static inline bool
mtl_nm_lower_start(const mtl_nm_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    /* the next word's length first: words of one letter are many, and
     * need no hashing (one of two may be a particle: "rachid el amrani",
     * asked last) */
    if (!(t->nchars >= 3 && t->len <= MTL_NM_WORD_MAX &&
          i + 1 < c->doc->ntoks && c->doc->toks[i + 1].nchars >= 2))
        return false;
    bool two = c->doc->toks[i + 1].nchars == 2;
    if (two && (i + 2 >= c->doc->ntoks ||
                c->doc->toks[i + 2].casing != MTL_CASE_LOWER ||
                c->doc->toks[i + 2].nchars < 3))
        return false;
    /* the filter once per distinct word (the word table's), as the
     * kinds of title-case words are */
    bool maybe;
    if (c->kinds) {
        uint8_t *k = &c->kinds[c->ck->words[i].first];
        if (!(*k & MTL_NM_K_MG_KNOWN))
            *k |= (uint8_t)(MTL_NM_K_MG_KNOWN |
                            (mtl_nm_maybe_given(c, i) ? MTL_NM_K_MAYBE_GIVEN
                                                      : 0));
        maybe = *k & MTL_NM_K_MAYBE_GIVEN;
    } else {
        maybe = mtl_nm_maybe_given(c, i);
    }
    return maybe && mtl_nm_lower_run_word(c, i, i) &&
           (two ? mtl_nm_lower_particle(c, i, i + 1)
                : mtl_nm_lower_run_word(c, i, i + 1));
}

/* Lower-case token i is a listed given name once capitalised, and no
 * function word or particle. */
static bool
mtl_nm_lower_given(const mtl_nm_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    const char *s = mtl_nm_text(c, i);
    if (mtl_nm_is_stop(c, s, t->len) || mtl_nm_is_particle(c, s, t->len))
        return false;
    char tb[MTL_NM_WORD_MAX * 4 + 1];
    size_t tl = mtl_nm_titlecase(s, t->len, tb, sizeof tb);
    return tl && mtl_nm_is_given(c, tb, tl);
}

/*
 * A given name in lower case before a capitalised surname ("patrick
 * Sondermann", "samuel Elizondo"), or as the second part of a hyphenated
 * given name ("Marie-josée Lambert"): a listed given name once
 * capitalised, unknown to the dictionary in lower case, of three letters
 * or more (four after a hyphen, after a listed first part of four or
 * more: Korean given names are written "Min-jae"); the surname a
 * capitalised word, no stop word or given name, after a space in the
 * same sentence.  A given name that is no word of the language is a
 * name wherever it stands, so the surname needs no more (in German it
 * may be a noun too: "Sondermann").
 */
static void
mtl_nm_lower_given_flag(const mtl_nm_ctx *c, size_t i, size_t first,
                        size_t end, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    const char *s = mtl_nm_text(c, i);
    /* the given-name filter first: it turns away nearly every word */
    if (t->kind != MTL_TOK_WORD || t->len > MTL_NM_WORD_MAX ||
        !mtl_nm_maybe_given(c, i) || !mtl_utf8_letters_only(s, t->len))
        return;
    size_t a = i; /* the flag's first token */
    if (mtl_tok_glued_prev(d, i)) {
        /* "Marie-josée" */
        if (t->nchars < 4 || i < first + 2 || !mtl_nm_punct(c, i - 1, '-') ||
            !mtl_tok_glued_prev(d, i - 1) ||
            d->toks[i - 2].casing != MTL_CASE_TITLE ||
            d->toks[i - 2].nchars < 4 ||
            !mtl_nm_is_given(c, mtl_nm_text(c, i - 2), d->toks[i - 2].len) ||
            (i > first + 2 && mtl_tok_glued_prev(d, i - 2)))
            return;
        if (i + 1 < end && mtl_tok_glued_prev(d, i + 1))
            return;
        a = i - 2;
    } else {
        /* "patrick Sondermann" */
        const mtl_token *n = &d->toks[i + 1];
        if (!mtl_nm_spaced(c, i + 1) || n->sent != t->sent ||
            !mtl_nm_title_word(c, i + 1) ||
            mtl_nm_is_stop(c, mtl_nm_text(c, i + 1), n->len) ||
            /* a second given name only before a surname ("ana Paula
             * Rezende") */
            (mtl_nm_is_given(c, mtl_nm_text(c, i + 1), n->len) &&
             !(i + 2 < end && mtl_nm_spaced(c, i + 2) &&
               mtl_nm_title_word(c, i + 2) &&
               !mtl_nm_is_stop(c, mtl_nm_text(c, i + 2),
                               d->toks[i + 2].len) &&
               !mtl_nm_is_given(c, mtl_nm_text(c, i + 2),
                                d->toks[i + 2].len))) ||
            (i > 0 && !mtl_nm_spaced(c, i) &&
             !(t->flags & MTL_TF_LINE_START)))
            return;
    }
    if (!mtl_nm_lower_given(c, i))
        return;
    /* a word of the language too ("carmen") only as an apposition to a
     * person noun, between commas ("La alcaldesa, carmen Villalobos,") */
    int sp = mtl_spell(c->ck, c->lang, s, t->len);
    if (sp != 0 &&
        !(sp == 1 && a == i && i >= 2 && i + 2 < end &&
          mtl_nm_punct(c, i - 1, ',') && mtl_nm_punct(c, i + 2, ',') &&
          mtl_tok_glued_prev(d, i + 2) && d->toks[i - 2].sent == t->sent &&
          mtl_nm_person_noun(c, i - 2)))
        return;
    char tb[MTL_NM_WORD_MAX * 4 + 1];
    size_t tl = mtl_nm_titlecase(s, t->len, tb, sizeof tb);
    size_t b = a == i ? i + 1 : i; /* the flag's last token */
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, d->text + d->toks[a].start, t->start - d->toks[a].start);
    mtl_strbuf_put(&sb, tb, tl);
    mtl_strbuf_put(&sb, d->text + t->start + t->len,
                   d->toks[b].start + d->toks[b].len - t->start - t->len);
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_add(out, MTL_RULE_NAME_LOWERCASED, d->toks[a].start,
                  d->toks[b].start + d->toks[b].len,
                  "given name written in lower case", sb.data);
    mtl_strbuf_free(&sb);
}

/* A lower-case ASCII syllable of @p lo to @p hi letters. */
static bool
mtl_nm_syllable(const mtl_nm_ctx *c, size_t i, size_t lo, size_t hi)
{
    const mtl_token *t = &c->doc->toks[i];
    if (t->kind != MTL_TOK_WORD || t->casing != MTL_CASE_LOWER ||
        !(t->flags & MTL_TF_ASCII) || t->len < lo || t->len > hi)
        return false;
    return mtl_utf8_letters_only(mtl_nm_text(c, i), t->len);
}

/* The four tokens of a lower-case Korean name at token @p i, in either
 * order ("park ji-hoon", "ji-hoon park"): its first and last words
 * syllables of two to five letters, standing apart (nothing glued before,
 * nothing but closing punctuation after). */
static bool
mtl_nm_lower_four(const mtl_nm_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    return mtl_nm_syllable(c, i, 2, 5) && mtl_nm_syllable(c, i + 3, 2, 5) &&
           !(i > 0 && mtl_tok_glued_prev(d, i)) &&
           !(i + 4 < d->ntoks && mtl_tok_glued_prev(d, i + 4) &&
             !mtl_nm_closing_punct(c, i + 4));
}

/*
 * "il sudcoreano park ji-hoon": a family name of a tradition that writes
 * it first (family-names-first.txt, once capitalised; no function word)
 * and a hyphenated given name, all in lower case: token i, then after a
 * space two syllables of two to five letters joined by a hyphen that the
 * dictionary does not know as a word, standing apart.  Returns the index
 * after the name when flagged, else 0.
 */
static size_t
mtl_nm_lower_hyphen_name(const mtl_nm_ctx *c, size_t i, size_t end,
                         mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    /* the hyphen first: most pairs of lower-case words have none */
    if (i + 3 >= end || !mtl_tok_glued_prev(d, i + 2) ||
        !mtl_tok_glued_prev(d, i + 3) || !mtl_nm_punct(c, i + 2, '-') ||
        !c->st->family_first || !mtl_nm_spaced(c, i + 1) ||
        !mtl_nm_syllable(c, i + 1, 2, 4) || !mtl_nm_lower_four(c, i))
        return 0;
    char fam[8];
    size_t fl = mtl_nm_titlecase(mtl_nm_text(c, i), d->toks[i].len, fam,
                                 sizeof fam);
    if (!fl || !mtl_lexicon_has(c->st->family_first, fam, fl))
        return 0;
    /* the family name no function word ("do hat-trick" in Portuguese:
     * "Do" is a Vietnamese family name) */
    if (mtl_nm_is_stop(c, mtl_nm_text(c, i), d->toks[i].len))
        return 0;
    const mtl_token *a = &d->toks[i + 1], *b = &d->toks[i + 3];
    size_t gs = a->start, ge = b->start + b->len;
    if (mtl_spell(c->ck, c->lang, d->text + gs, ge - gs) != 0 ||
        mtl_spell(c->ck, c->lang, d->text + b->start, b->len) != 0)
        return 0;
    if (out) {
        char given[32];
        size_t gl = mtl_nm_titlecase(d->text + gs, ge - gs, given,
                                     sizeof given);
        if (!gl)
            return 0;
        /* the titlecase of "ji-hoon" capitalises after the hyphen: only
         * the first letter is wanted */
        memcpy(given + 1, d->text + gs + 1, ge - gs - 1);
        mtl_strbuf sb;
        mtl_strbuf_init(&sb);
        mtl_strbuf_put(&sb, fam, fl);
        mtl_strbuf_put(&sb, d->text + d->toks[i].start + d->toks[i].len,
                       gs - d->toks[i].start - d->toks[i].len);
        mtl_strbuf_put(&sb, given, ge - gs);
        mtl_strbuf_putc(&sb, '\0');
        mtl_flags_add(out, MTL_RULE_NAME_LOWERCASED, d->toks[i].start, ge,
                      "name written in lower case", sb.data);
        mtl_strbuf_free(&sb);
    }
    return i + 4;
}

/*
 * "un escursionista coreano, ji-hoon park, che": a listed hyphenated
 * given name all in lower case ("Ji-hoon"), its two syllables of two to
 * five letters, then after a space a family name of
 * family-names-first.txt in lower case, no function word, standing
 * apart.  Returns the index after the name when flagged, else 0.
 */
static size_t
mtl_nm_lower_hyphen_given(const mtl_nm_ctx *c, size_t i, size_t end,
                          mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    if (i + 3 >= end || !mtl_nm_punct(c, i + 1, '-') ||
        !mtl_tok_glued_prev(d, i + 1) || !mtl_tok_glued_prev(d, i + 2) ||
        !mtl_nm_spaced(c, i + 3) || !c->st->family_first ||
        !mtl_nm_syllable(c, i + 2, 2, 5) || !mtl_nm_lower_four(c, i))
        return 0;
    size_t gs = d->toks[i].start, ge = d->toks[i + 2].start + d->toks[i + 2].len;
    char given[32];
    if (ge - gs >= sizeof given)
        return 0;
    memcpy(given, d->text + gs, ge - gs);
    given[0] = (char)(given[0] - 'a' + 'A');
    if (!mtl_nm_is_given(c, given, ge - gs))
        return 0;
    const mtl_token *f = &d->toks[i + 3];
    char fam[8];
    size_t fl = mtl_nm_titlecase(mtl_nm_text(c, i + 3), f->len, fam,
                                 sizeof fam);
    if (!fl || !mtl_lexicon_has(c->st->family_first, fam, fl) ||
        mtl_nm_is_stop(c, mtl_nm_text(c, i + 3), f->len))
        return 0;
    if (out) {
        mtl_strbuf sb;
        mtl_strbuf_init(&sb);
        mtl_strbuf_put(&sb, given, ge - gs);
        mtl_strbuf_put(&sb, d->text + ge, f->start - ge);
        mtl_strbuf_put(&sb, fam, fl);
        mtl_strbuf_putc(&sb, '\0');
        mtl_flags_add(out, MTL_RULE_NAME_LOWERCASED, gs, f->start + f->len,
                      "name written in lower case", sb.data);
        mtl_strbuf_free(&sb);
    }
    return i + 4;
}

/* Returns the index after the last token handled; token i passed
 * mtl_nm_lower_start. */
/*
 * "ha detto paolo rinaldi, presidente", "según marta soler, portavoz": a
 * listed given name and one word more, both in lower case, that stand as
 * an apposition or as a speaker: after a verb of saying (speech-verbs.txt),
 * a preposition or a comma, and before a comma.  There the pair needs less than in a
 * run: a given name that is no word of the language before any word of
 * three letters or more that is no function word ("marta soler": a verb
 * too), or one that is a word ("paolo") before a word the dictionary does
 * not know ("rinaldi").  Not where nouns are capitalised.
 */
static bool
mtl_nm_lower_appos(const mtl_nm_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    if (c->st->noun_caps || i == 0 || i + 2 >= d->ntoks ||
        !mtl_nm_lower_run_word(c, i, i + 1) ||
        !mtl_nm_punct(c, i + 2, ',') || !mtl_tok_glued_prev(d, i + 2) ||
        !mtl_nm_spaced(c, i))
        return false;
    const mtl_token *p = &d->toks[i - 1];
    bool before = (p->kind == MTL_TOK_PUNCT && mtl_nm_punct(c, i - 1, ',')) ||
                  (p->kind == MTL_TOK_WORD && p->casing == MTL_CASE_LOWER &&
                   ((c->st->speech &&
                     mtl_lexicon_has(c->st->speech, mtl_nm_text(c, i - 1),
                                     p->len)) ||
                    strcmp(mtl_nm_func_section(c, i - 1), "preposition") ==
                        0));
    if (!before || !mtl_nm_lower_given(c, i))
        return false;
    const mtl_token *w = &d->toks[i + 1];
    const char *ws = mtl_nm_text(c, i + 1);
    if (mtl_nm_is_stop(c, ws, w->len) || mtl_nm_is_particle(c, ws, w->len) ||
        !mtl_utf8_letters_only(ws, w->len))
        return false;
    bool given_word =
        mtl_spell(c->ck, c->lang, mtl_nm_text(c, i), d->toks[i].len) != 0;
    int known = mtl_spell(c->ck, c->lang, ws, w->len);
    return given_word ? known == 0 : known >= 0;
}

static size_t
mtl_nm_lowercased(const mtl_nm_ctx *c, size_t i, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    /* a lexicon lookup that keeps Hunspell off most lower-case words (and
     * common nouns out) */
    if (!mtl_lexicon_has_fold(c->st->given, mtl_nm_text(c, i), d->toks[i].len))
        return i + 1;
    size_t j = i;
    bool after_given = false;
    /* a given name that is also a word in lower case ("maría", "pedro"
     * in Spanish): the run then needs a surname the dictionary knows
     * only capitalised right after it ("maría gonzález"), or two words it
     * does not know at all, and no article before it ("un pedro
     * ximénez", a wine) */
    bool word_given = false;
    size_t end = i; /* past the last name word taken */
    while (j < d->ntoks) {
        /* a particle after a given name, before the surname ("rachid
         * el amrani"): the surname then goes on as after the given name */
        if (j > i && after_given && j == end && !mtl_nm_lower_run_word(c, i, j) &&
            mtl_nm_lower_particle(c, i, j)) {
            j++;
            continue;
        }
        if (!mtl_nm_lower_run_word(c, i, j))
            break;
        int k = mtl_nm_lower_proper(c, j);
        if (j == i && k == 0 && !c->st->noun_caps &&
            !(i > 0 && mtl_nm_spaced(c, i) &&
              strcmp(mtl_nm_func_section(c, i - 1), "article") == 0) &&
            mtl_nm_lower_given(c, i)) {
            word_given = true;
            j++;
            continue;
        }
        /* or two words the dictionary does not know ("juana quispe
         * mamani") */
        if (word_given && j == i + 1 && k != 2) {
            if (k != 1 || !mtl_nm_lower_run_word(c, i, j + 1) ||
                mtl_nm_lower_proper(c, j + 1) != 1)
                break;
            after_given = true; /* both unknown words are surnames */
        }
        /* a surname that is a noun where nouns take a capital ("jonas
         * fuchs": German knows "Fuchs", not "fuchs"), after a given name
         * that is no word */
        if (k < 0)
            k = after_given && j == i + 1 ? 1 : 0;
        /* a second given name that is also a word ("josé luis": "luis"
         * is a coin) after one that is none */
        if (k == 0 && after_given && j == i + 1 && mtl_nm_lower_given(c, j))
            k = 2;
        if (k == 0 || (k == 1 && !after_given))
            break;
        char tb[MTL_NM_WORD_MAX * 4 + 1];
        size_t tl =
            mtl_nm_titlecase(mtl_nm_text(c, j), d->toks[j].len, tb, sizeof tb);
        after_given = k == 2 && mtl_nm_is_given(c, tb, tl);
        j++;
        end = j;
    }
    j = end > i ? end : j;
    if (j - i < 2 && mtl_nm_lower_appos(c, i))
        j = i + 2;
    if (j - i < 2)
        return j > i ? j : i + 1;
    if (out) {
        mtl_strbuf sb;
        mtl_strbuf_init(&sb);
        for (size_t k = i; k < j; k++) {
            char tb[MTL_NM_WORD_MAX * 4 + 1];
            /* a particle keeps its lower case ("Ana de Souza") */
            size_t tl = d->toks[k].nchars < 3
                            ? (memcpy(tb, mtl_nm_text(c, k), d->toks[k].len),
                               d->toks[k].len)
                            : mtl_nm_titlecase(mtl_nm_text(c, k),
                                               d->toks[k].len, tb, sizeof tb);
            if (k > i)
                mtl_strbuf_put(
                    &sb, d->text + d->toks[k - 1].start + d->toks[k - 1].len,
                    d->toks[k].start - d->toks[k - 1].start -
                        d->toks[k - 1].len);
            mtl_strbuf_put(&sb, tb, tl);
        }
        mtl_strbuf_putc(&sb, '\0');
        mtl_flags_add(out, MTL_RULE_NAME_LOWERCASED, d->toks[i].start,
                      d->toks[j - 1].start + d->toks[j - 1].len,
                      "name written in lower case", sb.data);
        mtl_strbuf_free(&sb);
    }
    return j;
}

/*
 * "Helen frost", "Pablo cordero": a listed given name, capitalised, and a
 * surname that translation took for a common noun and wrote in lower
 * case.  A given name is followed by a lower-case word in every language
 * ("Pedro dijo", "Ana foi"), so the pair needs evidence of its own:
 *  - the document writes the pair capitalised elsewhere ("Marco Fiore"),
 *    or
 *  - the pair stands as an apposition, between a comma (or a preposition:
 *    "According to Helen frost,") and a comma, the given name is no word
 *    of the language ("Claire", "Marco" are) and stands nowhere else in
 *    the document before another word (a person called by the given name
 *    alone is the subject of a verb: ", Helen said,"), and the lower-case
 *    word does not read as a verb; the comma before is not the one after
 *    a sentence's opening words ("Au final, Sophie cède,"), and no
 *    conjunction follows the comma after; or
 *  - the lower-case word is no word of the dictionary, in lower case or
 *    capitalised, and does not read as a verb ("Le porte-parole Julien
 *    marchetti a confirmé"); a first given name may then stand before
 *    the given name ("Ana Paola X").
 * The given name is not part of a longer capitalised name ("Storm Bram
 * brings", "São Paulo tornou") nor after an article ("the Elizabeth
 * line").  Languages that capitalise nouns are left out: a surname that
 * is a noun keeps its capital there.
 */

/* At most this many pairs per document are checked against the whole
 * document: the check reads every token. */
#define MTL_NM_LOWSUR_MAX 32

/* The lower-case word @p s after a given name may be a finite verb (",
 * Helen said,", ", Pedro llegó,", ", Ana falava,", ", Pablo vive,"). */
static bool
mtl_nm_verbish(const mtl_nm_ctx *c, const char *s, size_t len)
{
    if (c->st->en) {
        static const char *const end[] = {"ed", "s", "ing", "ly"};
        for (size_t k = 0; k < MTL_NM_NELEM(end); k++) {
            size_t el = strlen(end[k]);
            if (len > el && memcmp(s + len - el, end[k], el) == 0)
                return true;
        }
        return mtl_nm_in(mtl_nm_en_verbish, s, len);
    }
    /* a stressed final vowel (preterites: llegó, partì), an imperfect
     * (-aba, -ava, -eva, -iva, -ía, -ia, -ait) or a Portuguese preterite
     * (-ou, -eu, -iu) */
    size_t i = len;
    int32_t last = mtl_utf8_prev(s, &i);
    static const int32_t stressed[] = {0xE1, 0xE0, 0xE9, 0xE8, 0xED,
                                       0xEC, 0xF3, 0xF2, 0xFA, 0xF9};
    for (size_t k = 0; k < MTL_NM_NELEM(stressed); k++)
        if (last == stressed[k])
            return true;
    static const char *const end[] = {"aba", "ava", "eva", "iva",
                                      "\xC3\xAD"
                                      "a", /* -ía */
                                      "ia",  "ait", "ou",  "eu",  "iu"};
    for (size_t k = 0; k < MTL_NM_NELEM(end); k++) {
        size_t el = strlen(end[k]);
        if (len > el && memcmp(s + len - el, end[k], el) == 0)
            return true;
    }
    /* a present tense: the dictionary knows the plural of the same tense
     * ("vive" / "viven", "mora" / "moram", "corre" / "corrono", "cède" /
     * "cèdent"), which a noun ("cordero", "pereira", "fiore", "boucher")
     * has not */
    static const struct {
        char lang[3];
        unsigned char drop; /* letters dropped from the end first */
        const char *add;
    } plural[] = {
        {"es", 0, "n"},  {"pt", 0, "m"},   {"it", 0, "no"},
        {"it", 1, "ono"}, {"fr", 0, "nt"}, {"fr", 1, "ent"},
    };
    /* the irregular preterites and presents that no ending shows ("Ana
     * dijo.", "Karim dort.") */
    if (mtl_nm_in(mtl_nm_irregular_verbs, s, len))
        return true;
    char buf[MTL_NM_WORD_MAX + 8];
    for (size_t k = 0; k < MTL_NM_NELEM(plural); k++) {
        size_t al = strlen(plural[k].add);
        if (strcmp(plural[k].lang, c->st->primary) != 0 ||
            len > MTL_NM_WORD_MAX || len <= plural[k].drop ||
            (s[len - 1] & 0x80))
            continue;
        size_t bl = len - plural[k].drop;
        memcpy(buf, s, bl);
        memcpy(buf + bl, plural[k].add, al);
        if (mtl_spell(c->ck, c->lang, buf, bl + al) == 1)
            return true;
    }
    return false;
}

/* Token i, title case, is followed by a lower-case word on the same
 * line: flags "Given surname" when the evidence above holds. */
static bool
mtl_nm_lower_surname(const mtl_nm_ctx *c, size_t i, size_t first, size_t end,
                     mtl_flags *out, unsigned *budget)
{
    const mtl_doc *d = c->doc;
    size_t w = i + 1;
    /* the given-name filter first: it answers no for most words */
    if (w >= end || !mtl_nm_maybe_given(c, i) ||
        !mtl_nm_lower_run_word(c, w, w) || !mtl_nm_spaced(c, w) ||
        !mtl_nm_title_word(c, i))
        return false;
    const char *g = mtl_nm_text(c, i), *ws = mtl_nm_text(c, w);
    size_t gl = d->toks[i].len, wl = d->toks[w].len;
    if (!mtl_nm_is_given(c, g, gl) || !mtl_utf8_letters_only(ws, wl))
        return false;
    /* what stands before the name: a title may ("Dr Helen frost") */
    size_t p = i;
    if (p > first && mtl_nm_spaced(c, p) &&
        mtl_lexicon_has(c->st->titles, mtl_nm_text(c, p - 1),
                        d->toks[p - 1].len))
        p--;
    size_t before = p > first ? p - 1 : (size_t)-1;
    /* a first given name before the second ("Ana Paola hall") when the
     * word after them is no word of the language (below), or stands
     * before a comma, an apposition's end ("El conductor, José Luis
     * cordero, de 58 años"): the pair's context is before it */
    bool two_given = before != (size_t)-1 && before > first &&
                     mtl_nm_spaced(c, p) &&
                     d->toks[before].kind == MTL_TOK_WORD &&
                     d->toks[before].casing == MTL_CASE_TITLE &&
                     mtl_nm_is_given(c, mtl_nm_text(c, before),
                                     d->toks[before].len) &&
                     !mtl_nm_is_stop(c, mtl_nm_text(c, before),
                                     d->toks[before].len) &&
                     ((w + 1 < end && mtl_tok_glued_prev(d, w + 1) &&
                       mtl_nm_punct(c, w + 1, ',')) ||
                      mtl_spell(c->ck, c->lang, ws, wl) == 0);
    if (two_given)
        before--;
    if (before != (size_t)-1 && d->toks[before].kind == MTL_TOK_WORD) {
        /* "Storm Bram brings", "São Paulo tornou", "di Lorenzo afirmou" */
        if ((d->toks[before].flags & MTL_TF_UPPER_START) ||
            mtl_nm_is_particle(c, mtl_nm_text(c, before),
                               d->toks[before].len))
            return false;
        if (strcmp(mtl_nm_func_section(c, before), "article") == 0)
            return false; /* "the Elizabeth line" */
    }
    if (mtl_nm_is_stop(c, g, gl) || mtl_nm_is_stop(c, ws, wl) ||
        mtl_nm_is_particle(c, ws, wl) || mtl_nm_is_title(c, ws, wl))
        return false;
    char tb[MTL_NM_WORD_MAX * 4 + 1];
    size_t tl = mtl_nm_titlecase(ws, wl, tb, sizeof tb);
    if (!tl || *budget == 0)
        return false;
    --*budget;
    /* the given name's other occurrences: before the same surname,
     * capitalised (evidence) or not, or before another word */
    bool capitalised = false, elsewhere = false;
    for (size_t k = 0; k + 1 < d->ntoks; k++) {
        const mtl_token *t = &d->toks[k];
        if (k == i || t->len != gl || t->kind != MTL_TOK_WORD ||
            memcmp(d->text + t->start, g, gl) != 0)
            continue;
        const mtl_token *n = &d->toks[k + 1];
        const char *ns = d->text + n->start;
        bool same = mtl_nm_spaced(c, k + 1) &&
                    ((n->len == wl && memcmp(ns, ws, wl) == 0) ||
                     (n->len == tl && memcmp(ns, tb, tl) == 0));
        if (same && n->casing == MTL_CASE_TITLE)
            capitalised = true;
        else if (!same)
            elsewhere = true;
    }
    bool apposition = false;
    if (!capitalised && !elsewhere && w + 1 < end &&
        mtl_tok_glued_prev(d, w + 1) &&
        (mtl_nm_punct(c, w + 1, ',') || mtl_nm_punct(c, w + 1, ';') ||
         mtl_nm_punct(c, w + 1, ')')) &&
        before != (size_t)-1) {
        const mtl_token *b = &d->toks[before];
        /* not the comma after a sentence's opening words ("Au final,
         * Sophie cède, et ...": the name is the subject) */
        size_t words = 0;
        for (size_t k = first; k < before && words <= 3; k++)
            words += d->toks[k].kind == MTL_TOK_WORD;
        /* or after a role and its comma ("Its coordinator, Fatoumata
         * diallo, said") */
        bool role_comma =
            mtl_nm_punct(c, before, ',') && before > first &&
            d->toks[before - 1].kind == MTL_TOK_WORD &&
            d->toks[before - 1].casing == MTL_CASE_LOWER &&
            (mtl_lexicon_has_fold(c->st->titles, mtl_nm_text(c, before - 1),
                                  d->toks[before - 1].len) ||
             mtl_nm_in(mtl_nm_role_nouns, mtl_nm_text(c, before - 1),
                       d->toks[before - 1].len));
        /* (two given names before a known word, only after a role: a
         * list's comma holds anything, "the US, Sarah Mitchell
         * businessmen, journalists") */
        bool strict = two_given && mtl_spell(c->ck, c->lang, ws, wl) != 0;
        bool open = (mtl_nm_punct(c, before, ',') &&
                     (role_comma || (words > 3 && !strict))) ||
                    (mtl_nm_punct(c, before, '(') && !strict);
        bool prep = b->kind == MTL_TOK_WORD && b->casing == MTL_CASE_LOWER &&
                    strcmp(mtl_nm_func_section(c, before), "preposition") ==
                        0 &&
                    !mtl_nm_in_fold(mtl_nm_clause_preps, mtl_nm_text(c, before),
                                    b->len);
        /* (of two given names, the first: "José Luis", "luis" is a
         * coin) */
        char low[MTL_NM_WORD_MAX * 4];
        size_t ll = two_given
                        ? mtl_nm_fold(mtl_nm_text(c, before + 1),
                                      d->toks[before + 1].len, low, sizeof low)
                        : mtl_nm_fold(g, gl, low, sizeof low);
        /* nor a clause after the comma ("..., e l'accordo") */
        bool clause = w + 2 < end && strcmp(mtl_nm_func_section(c, w + 2),
                                            "conjunction") == 0;
        /* after a role: "La analista Ximena nuñez, de la Universidad" */
        bool role = b->kind == MTL_TOK_WORD && b->casing == MTL_CASE_LOWER &&
                    (mtl_lexicon_has_fold(c->st->titles, mtl_nm_text(c, before),
                                          b->len) ||
                     mtl_nm_in(mtl_nm_role_nouns, mtl_nm_text(c, before),
                               b->len));
        apposition = (open || prep || role) && !clause && ll &&
                     mtl_spell(c->ck, c->lang, low, ll) == 0 &&
                     !mtl_nm_verbish(c, ws, wl);
    }
    /* or a surname no dictionary form knows, in lower case or
     * capitalised, and no verb ("El candidato opositor Salvador nasralla
     * denunció"): a word of no language the document is written in */
    bool unknown = !capitalised && !apposition && !elsewhere && wl >= 4 &&
                   mtl_spell(c->ck, c->lang, ws, wl) == 0 &&
                   mtl_spell(c->ck, c->lang, tb, tl) == 0 &&
                   !mtl_nm_verbish(c, ws, wl);
    if (!capitalised && !apposition && !unknown)
        return false;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, g, gl);
    mtl_strbuf_put(&sb, d->text + d->toks[i].start + gl,
                   d->toks[w].start - d->toks[i].start - gl);
    mtl_strbuf_put(&sb, tb, tl);
    mtl_strbuf_putc(&sb, '\0');
    if (capitalised)
        mtl_flags_addf(out, MTL_RULE_NAME_LOWERCASED, d->toks[i].start,
                       d->toks[w].start + wl, sb.data,
                       "surname written in lower case (\"%s\" elsewhere in "
                       "this document)",
                       sb.data);
    else
        mtl_flags_add(out, MTL_RULE_NAME_LOWERCASED, d->toks[i].start,
                      d->toks[w].start + wl,
                      "surname written in lower case, as a common noun",
                      sb.data);
    mtl_strbuf_free(&sb);
    return true;
}

/* Flags bytes [start, end of token w) as a name written in lower case,
 * the suggestion the same text with token w capitalised.  False when
 * token w does not capitalise (too long). */
static bool
mtl_nm_flag_capitalised(const mtl_nm_ctx *c, mtl_flags *out, size_t start,
                        size_t w, const char *message)
{
    const mtl_doc *d = c->doc;
    const mtl_token *wt = &d->toks[w];
    char tb[MTL_NM_WORD_MAX * 4 + 1];
    size_t tl = mtl_nm_titlecase(mtl_nm_text(c, w), wt->len, tb, sizeof tb);
    if (!tl)
        return false;
    mtl_strbuf sb;
    mtl_strbuf_init(&sb);
    mtl_strbuf_put(&sb, d->text + start, wt->start - start);
    mtl_strbuf_put(&sb, tb, tl);
    mtl_strbuf_putc(&sb, '\0');
    mtl_flags_add(out, MTL_RULE_NAME_LOWERCASED, start, wt->start + wt->len,
                  message, sb.data);
    mtl_strbuf_free(&sb);
    return true;
}

/* "Justice phukan also observed": a capitalised title (titles.txt)
 * followed by a lower-case word the dictionary does not know, of four
 * letters or more, that is no function word, particle or verb-like form,
 * with no second such word after it (a phrase of another language). */
static void
mtl_nm_title_lower(const mtl_nm_ctx *c, size_t i, size_t end, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    size_t w = i + 1;
    const mtl_token *t = &d->toks[i], *wt = &d->toks[w];
    if (t->casing != MTL_CASE_TITLE || t->nchars < 3 || w >= end ||
        wt->nchars < 4 || !mtl_nm_lower_run_word(c, w, w) ||
        !mtl_nm_spaced(c, w))
        return;
    const char *ts = mtl_nm_text(c, i), *ws = mtl_nm_text(c, w);
    if (!mtl_lexicon_has(c->st->titles, ts, t->len) ||
        !mtl_utf8_letters_only(ws, wt->len) ||
        mtl_nm_is_stop(c, ws, wt->len) || mtl_nm_is_particle(c, ws, wt->len) ||
        mtl_nm_is_title(c, ws, wt->len) || mtl_nm_verbish(c, ws, wt->len) ||
        mtl_spell(c->ck, c->lang, ws, wt->len) != 0)
        return;
    if (w + 1 < end && d->toks[w + 1].kind == MTL_TOK_WORD &&
        d->toks[w + 1].casing == MTL_CASE_LOWER &&
        mtl_spell(c->ck, c->lang, mtl_nm_text(c, w + 1), d->toks[w + 1].len) ==
            0)
        return;
    mtl_nm_flag_capitalised(c, out, t->start, w,
                            "surname written in lower case after a title");
}

/* "Dr. Amara okonkwo of", "La analista Ximena nuñez,", "Der
 * Bürgermeister Carsten möller kündigte": a title or role (capitalised or
 * not, an abbreviation's full stop allowed), a listed given name, and a
 * lower-case word of three letters or more that the dictionary does not
 * know, no function word, particle, title or verb-like form, with no
 * second such word after it (a phrase of another language).  A title
 * and a given name make a person's name, so this holds in languages that
 * capitalise nouns too.  Token i is the given name. */
static bool
mtl_nm_titled_given_lower(const mtl_nm_ctx *c, size_t i, size_t first,
                          size_t end, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    size_t w = i + 1;
    if (w >= end || i <= first || !mtl_nm_spaced(c, i))
        return false;
    const mtl_token *g = &d->toks[i], *wt = &d->toks[w];
    if (g->casing != MTL_CASE_TITLE || wt->nchars < 3 ||
        !mtl_nm_lower_run_word(c, w, w) || !mtl_nm_spaced(c, w))
        return false;
    /* the title: right before, or before its abbreviation's full stop
     * (the engine keeps "Dr." and the name in one sentence) */
    size_t p = i - 1;
    if (mtl_nm_punct(c, p, '.') && p > first && mtl_tok_glued_prev(d, p))
        p--;
    const mtl_token *pt = &d->toks[p];
    if (pt->kind != MTL_TOK_WORD || pt->nchars < 2)
        return false;
    const char *ps = mtl_nm_text(c, p);
    char pf[MTL_NM_WORD_MAX * 4];
    size_t pfl = mtl_nm_fold(ps, pt->len, pf, sizeof pf);
    if (!pfl || (!mtl_nm_is_title_folded(c, ps, pt->len, pf, pfl) &&
                 !mtl_nm_in(mtl_nm_role_nouns, pf, pfl)))
        return false;
    const char *gs = mtl_nm_text(c, i), *ws = mtl_nm_text(c, w);
    if (!mtl_nm_is_given(c, gs, g->len) || !mtl_utf8_letters_only(ws, wt->len) ||
        mtl_nm_is_stop(c, ws, wt->len) || mtl_nm_is_particle(c, ws, wt->len) ||
        mtl_nm_is_title(c, ws, wt->len) || mtl_nm_verbish(c, ws, wt->len) ||
        mtl_spell(c->ck, c->lang, ws, wt->len) != 0)
        return false;
    if (w + 1 < end && d->toks[w + 1].kind == MTL_TOK_WORD &&
        d->toks[w + 1].casing == MTL_CASE_LOWER &&
        mtl_spell(c->ck, c->lang, mtl_nm_text(c, w + 1), d->toks[w + 1].len) ==
            0)
        return false;
    return mtl_nm_flag_capitalised(c, out, g->start, w,
                                   "surname written in lower case after a "
                                   "title and a given name");
}

/* --------------------------------------------------------- the passes */

static void
mtl_nm_ctx_init(mtl_nm_ctx *c, const void *state, mtl_checker *ck,
                const mtl_doc *doc)
{
    const mtl_nm_state *st = state; /* mtl_names_load's, for doc->res */
    pthread_once(&mtl_nm_set_once, mtl_nm_set_build);
    memset(c, 0, sizeof *c);
    c->st = st;
    c->ck = ck;
    c->doc = doc;
    c->lang = doc->res;
}

/* False if token i, which has MTL_TF_DIGIT, is surely no anchor
 * (mtl_nm_is_anchor): a number of three bytes at most, or a word whose
 * last byte is a digit.  Most numbers are years and the like, which this
 * turns away without the lookups of the words around them. */
static bool
mtl_nm_maybe_anchor(const mtl_nm_ctx *c, size_t i)
{
    const mtl_token *t = &c->doc->toks[i];
    if (t->kind == MTL_TOK_NUMBER)
        return t->len <= 3;
    return t->kind == MTL_TOK_WORD && t->len <= MTL_NM_WORD_MAX &&
           mtl_is_digit((unsigned char)mtl_nm_text(c, i)[t->len - 1]);
}

/* The sentence [first, end) has the age anchors of a list of people. */
static bool
mtl_nm_is_list(const mtl_nm_ctx *c, size_t first, size_t end)
{
    const mtl_doc *d = c->doc;
    /* an anchor, a number or a word with ASCII digits, has MTL_TF_DIGIT:
     * the count starts at the first token with it */
    size_t first_digit = first;
    while (first_digit < end && !(d->toks[first_digit].flags & MTL_TF_DIGIT))
        first_digit++;
    /* enough tokens that may be anchors before any is asked */
    size_t nmaybe = 0;
    for (size_t i = first_digit; i < end && nmaybe < MTL_NM_LIST_MIN; i++)
        nmaybe += (d->toks[i].flags & MTL_TF_DIGIT) && mtl_nm_maybe_anchor(c, i);
    if (nmaybe < MTL_NM_LIST_MIN)
        return false;
    size_t nanch = 0;
    for (size_t i = first_digit; i < end && nanch < MTL_NM_LIST_MIN; i++) {
        bool g;
        if ((d->toks[i].flags & MTL_TF_DIGIT) && mtl_nm_maybe_anchor(c, i) &&
            mtl_nm_is_anchor(c, i, first, end, &g))
            nanch++;
    }
    return nanch >= MTL_NM_LIST_MIN;
}

/* Flags token @p i, which mtl_nm_glued_lower() splits at @p off (not 0);
 * @p first: the sentence's first token. */
static void
mtl_nm_glued_lower_flag(const mtl_nm_ctx *c, size_t i, size_t first,
                        size_t off, mtl_flags *out)
{
    const mtl_token *t = &c->doc->toks[i];
    size_t g = mtl_nm_find_given_before(c, i);
    if (g == (size_t)-1 || g < first)
        g = i;
    mtl_nm_flag_glued(c, out, g, t, off, " ");
}

/* "Kim Min-seokWhile", "Liao Wei-tingsaid": a name whose given name is
 * hyphenated (Korean, Chinese in Taiwan and Hong Kong), glued to the next
 * word.  Token @p i follows "Min" + '-' without a space and starts in lower
 * case; the glued word is a function word in title case ("seokWhile") or a
 * speech verb ("tingsaid", a token the dictionary does not know).  The
 * family name before is a title-case word after a space; @p first: the
 * sentence's first token. */
static void
mtl_nm_glued_hyphen(const mtl_nm_ctx *c, size_t i, size_t first,
                    mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (i < first + 3 || t->len > MTL_NM_WORD_MAX ||
        (t->flags & MTL_TF_DIGIT) || !mtl_nm_hyphen_head(c, i))
        return;
    const char *s = mtl_nm_text(c, i);
    size_t off = 0;
    bool starter = false;
    if (t->casing == MTL_CASE_MIXED) {
        /* lower case, one capital, lower case: "seokWhile" */
        size_t k = 0, n = 0;
        while (k < t->len) {
            size_t at = k;
            int32_t cp = mtl_utf8_next(s, t->len, &k);
            if (mtl_cp_is_upper(cp)) {
                if (off || n < 2)
                    return;
                off = at;
            } else if (!mtl_cp_is_lower(cp)) {
                return;
            }
            n++;
        }
        if (!off || off == t->len)
            return;
        size_t rlen = t->len - off;
        const mtl_token *nx =
            i + 1 < d->ntoks && mtl_nm_spaced(c, i + 1) ? &d->toks[i + 1]
                                                       : NULL;
        bool goes_on = nx && nx->kind == MTL_TOK_WORD &&
                       nx->casing == MTL_CASE_LOWER && nx->sent == t->sent;
        if (!mtl_nm_is_stop(c, s + off, rlen) || (rlen == 1 && !goes_on))
            return;
        starter = true;
    } else if (t->casing == MTL_CASE_LOWER) {
        if (!c->st->dict || !c->st->speech || t->nchars < 6 ||
            mtl_spell_token(c->ck, d, i) != 0)
            return;
        /* the longest speech verb that leaves two letters or more */
        for (size_t w = 4; w + 2 <= t->len && w <= 12; w++) {
            size_t o = t->len - w;
            if (s[o] < 'a' || s[o] > 'z')
                continue;
            if (mtl_lexicon_has(c->st->speech, s + o, w))
                off = o;
        }
        if (!off)
            return;
    } else {
        return;
    }
    if (out)
        mtl_nm_flag_glued(c, out, i - 3, t, off, starter ? ". " : " ");
}

/* Whether the @p n bytes at @p p of the document stand as words: no
 * letter, digit or hyphen right before or after them. */
static bool
mtl_nm_whole_at(const mtl_doc *d, size_t p, size_t n)
{
    if (p > 0) {
        unsigned char b = (unsigned char)d->text[p - 1];
        if (b >= 0x80 || b == '-' || mtl_is_digit(b) ||
            ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
            return false;
    }
    if (p + n < d->len) {
        unsigned char b = (unsigned char)d->text[p + n];
        if (b >= 0x80 || b == '-' || mtl_is_digit(b) ||
            ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
            return false;
    }
    return true;
}

/*
 * "Kim Da-eun" at tokens i.. (a family name of family-names-first.txt, a
 * title-case part of eight letters at most, a hyphen, a lower-case part)
 * and "Kim Daeun" elsewhere: one person spelled two ways.  Asked at the
 * first hyphenated occurrence only, for MTL_NM_HYPHEN_MAX names a
 * document; the spelling without the hyphen is flagged, each time.
 */
/* At most this many hyphenated names per document are looked for
 * without their hyphen (mtl_nm_hyphen_variant reads the document twice). */
#define MTL_NM_HYPHEN_MAX 16

static void
mtl_nm_hyphen_variant(const mtl_nm_ctx *c, size_t i, mtl_flags *out,
                      unsigned *budget)
{
    const mtl_doc *d = c->doc;
    const mtl_token *f = &d->toks[i], *a = &d->toks[i + 1],
                    *b = &d->toks[i + 3];
    if (a->nchars > 8 || b->kind != MTL_TOK_WORD ||
        b->casing != MTL_CASE_LOWER || b->nchars > 8 ||
        !mtl_nm_spaced(c, i + 1) || !c->st->family_first ||
        !mtl_lexicon_has(c->st->family_first, mtl_nm_text(c, i), f->len))
        return;
    size_t hl = b->start + b->len - f->start;
    if (*budget == 0 || !mtl_nm_whole_at(d, f->start, hl))
        return;
    --*budget;
    /* the first occurrence of the hyphenated name */
    const char *hy = d->text + f->start;
    const char *q = d->text;
    for (;;) {
        q = memmem(q, (size_t)(hy - q) + hl, hy, hl);
        if (!q || q == hy)
            break;
        if (mtl_nm_whole_at(d, (size_t)(q - d->text), hl))
            return;
        q++;
    }
    char j[MTL_NM_WORD_MAX * 2 + 2];
    size_t jl = a->start - f->start; /* "Kim " */
    if (jl + a->len + b->len >= sizeof j)
        return;
    memcpy(j, hy, jl);
    memcpy(j + jl, d->text + a->start, a->len);
    memcpy(j + jl + a->len, d->text + b->start, b->len);
    jl += a->len + b->len;
    const char *end = d->text + d->len;
    for (const char *p = d->text; p + jl <= end;) {
        const char *m = memmem(p, (size_t)(end - p), j, jl);
        if (!m)
            break;
        size_t at = (size_t)(m - d->text);
        char sug[MTL_NM_WORD_MAX * 2 + 8];
        if (mtl_nm_whole_at(d, at, jl) && hl < sizeof sug) {
            memcpy(sug, hy, hl);
            sug[hl] = '\0';
            mtl_flags_addf(out, MTL_RULE_NAME_VARIANT, at, at + jl, sug,
                           "\"%.*s\" is spelled \"%.*s\" elsewhere in this "
                           "document",
                           (int)jl, j, (int)hl, hy);
        }
        p = m + jl;
    }
}

/* Token i, title case, and token i + 1, a title-case word after a space:
 * a two-word name, not followed by a third capital.  When it asks
 * mtl_nm_glued_lower() about token i + 1, *glued_at gets i + 1 and
 * *glued the answer, which the scan reaching that token then reuses. */
static void
mtl_nm_title_pair(const mtl_nm_ctx *c, size_t i, size_t first, size_t end,
                  mtl_nm_pairs *pairs, const mtl_flags *out, size_t *glued_at,
                  size_t *glued_off)
{
    const mtl_doc *d = c->doc;
    const mtl_token *n = &d->toks[i + 1];
    bool third = i + 2 < end && mtl_nm_spaced(c, i + 2) &&
                 (d->toks[i + 2].flags & MTL_TF_UPPER_START) &&
                 d->toks[i + 2].kind == MTL_TOK_WORD;
    /* nor preceded by a given name (asked only when it matters: the
     * dictionary is slow) */
    /* (in German, which capitalises nouns, a listed given name: "der
     * Auktionator Dieter Michelson", where the dictionary lacks the noun) */
    bool before = !third && i > first && mtl_nm_spaced(c, i) &&
                  d->toks[i - 1].kind == MTL_TOK_WORD &&
                  d->toks[i - 1].casing == MTL_CASE_TITLE &&
                  (c->st->noun_caps
                       ? mtl_nm_title_word(c, i - 1) &&
                             mtl_nm_is_given(c, mtl_nm_text(c, i - 1),
                                             d->toks[i - 1].len)
                       : mtl_nm_given_like(c, i - 1));
    if (third || before)
        return;
    /* a surname glued to the word after it counts without it ("Marco
     * Bellottiè"); only in the checks */
    size_t glued = 0;
    if (out) {
        glued = mtl_nm_glued_lower(c, i + 1, first);
        *glued_at = i + 1;
        *glued_off = glued;
    }
    mtl_nm_consider_pair(
        c, pairs, i, n->start,
        glued ? (uint32_t)glued
              : (uint32_t)mtl_nm_strip_possessive(mtl_nm_text(c, i + 1),
                                                  n->len));
}

/* Word token i of sentence [first, end) has digits: mtl_nm_glued_digits,
 * with whether the sentence is a list (*list, -1 when not known yet). */
static inline void
mtl_nm_digits_word(const mtl_nm_ctx *c, size_t i, size_t first, size_t end,
                   int *list, mtl_flags *out, mtl_nm_pairs *pairs,
                   unsigned *budget)
{
    if (*list < 0)
        *list = mtl_nm_is_list(c, first, end);
    mtl_nm_glued_digits(c, i, end, *list, out, pairs, budget);
}

/* At most this many hyphenated or apostrophe forms of names per document
 * are compared (mtl_nm_joined_variants). */
#define MTL_NM_JOINED_MAX 16

/* Token indexes, ascending. */
typedef struct mtl_nm_toklist {
    uint32_t *v;
    size_t n;
    /* the mixed-case words (room for every token), which
     * mtl_nm_lower_copies looks at besides the title-case ones */
    uint32_t *mixed;
    size_t nmixed;
    /* the words in mixed case with an apostrophe after their first
     * letter or two ("N'Diaye"), noted by mtl_nm_scan */
    uint32_t apos[MTL_NM_JOINED_MAX];
    size_t napos;
    /* the title-case words of two letters or more glued to a hyphen
     * after them ("Al-Budaiwi"), noted by mtl_nm_scan */
    uint32_t hyph[MTL_NM_JOINED_MAX];
    size_t nhyph;
} mtl_nm_toklist;

/*
 * One pass over the document.  With @p out NULL (the batch's first pass)
 * it only collects the name pairs.  With @p titles (room for every token)
 * it notes the title-case words, which the variant checks after it look
 * at rather than at every token.
 */
static void
mtl_nm_scan(const mtl_nm_ctx *c, mtl_flags *out, mtl_nm_pairs *pairs,
            mtl_nm_toklist *titles)
{
    const mtl_doc *d = c->doc;
    /* names written in lower case are flagged only, and need Hunspell */
    const bool lower_names = out && c->st->dict;
    /* "Helen frost": not where nouns keep their capital */
    const bool lower_surnames = lower_names && !c->st->noun_caps;
    unsigned lowsur_budget = MTL_NM_LOWSUR_MAX;
    unsigned hyphen_budget = MTL_NM_HYPHEN_MAX;
    unsigned own_line_budget = MTL_NM_OWN_LINE_MAX;
    unsigned lone_frag_budget = MTL_NM_LONE_FRAG_MAX;
    unsigned digits_budget = MTL_NM_DIGITS_MAX;
    /* mtl_nm_glued_lower() of token glued_at, asked by mtl_nm_title_pair */
    size_t glued_at = SIZE_MAX, glued_off = 0;
    /* the sentences hold every token, one after the other (so every
     * title-case word is noted): the tokenizer makes them so */
    size_t tiled = 0;
    for (size_t s = 0; s < d->nsents; s++) {
        const mtl_span *sp = &d->sents[s];
        size_t first = sp->tok_first, end = first + sp->tok_count;
        if (first == tiled)
            tiled = end;
        else
            tiled = SIZE_MAX;
        /* whether the sentence is a list: the people-list rule needs it
         * first; otherwise only a word with digits does
         * (mtl_nm_glued_digits), which most sentences have not */
        int list = -1; /* not known yet */
        if (out) {
            list = mtl_nm_is_list(c, first, end);
            if (list) /* it only flags */
                mtl_nm_people_list(c, first, end, out);
            mtl_nm_fragment(c, sp, out, &own_line_budget);
            mtl_nm_lone_fragment(c, sp, out, &lone_frag_budget);
            mtl_nm_role_fragment(c, sp, out);
            mtl_nm_repeated_surname(c, sp, out);
        }
        for (size_t i = first; i < end;) {
            const mtl_token *t = &d->toks[i];
            if (t->kind != MTL_TOK_WORD) {
                i++;
                continue;
            }
            /* one branch on the casing: a word goes to one rule at most
             * (mixed case, then digits, then the title-case pair, then
             * the lower-case run), besides "Helen frost" */
            switch (t->casing) {
            case MTL_CASE_MIXED:
                if (titles) {
                    titles->mixed[titles->nmixed++] = (uint32_t)i;
                    if (titles->napos < MTL_NM_JOINED_MAX && t->len >= 5 &&
                        (mtl_nm_text(c, i)[1] == '\'' ||
                         mtl_nm_text(c, i)[2] == '\'' ||
                         (unsigned char)mtl_nm_text(c, i)[1] == 0xE2))
                        titles->apos[titles->napos++] = (uint32_t)i;
                }
                mtl_nm_glued_word(c, i, out, pairs);
                if (out)
                    mtl_nm_glued_after_word(c, i, out);
                /* a surname with a capital inside glued to the word
                 * after it ("Fiona MacAskillsaid the") */
                if (out && t->nchars >= 7 && mtl_nm_inner_cap_name(c, i)) {
                    size_t off = mtl_nm_glued_lower(c, i, first);
                    if (off)
                        mtl_nm_glued_lower_flag(c, i, first, off, out);
                }
                /* a given name with a capital inside after a family name
                 * written first ("Peng XiaoTong"): a pair, so that its
                 * other spelling is found (mtl_nm_similar_after) */
                if (pairs && i > first && c->st->family_first &&
                    mtl_nm_spaced(c, i) && mtl_nm_title_word(c, i - 1) &&
                    mtl_nm_syllables_given(c, i) &&
                    mtl_lexicon_has(c->st->family_first, mtl_nm_text(c, i - 1),
                                    d->toks[i - 1].len))
                    mtl_nm_consider_pair(c, pairs, i - 1, t->start,
                                         (uint32_t)t->len);
                if (out && i >= first + 3 && mtl_tok_glued_prev(d, i))
                    mtl_nm_glued_hyphen(c, i, first, out);
                break;
            case MTL_CASE_TITLE:
                if (titles) {
                    titles->v[titles->n++] = (uint32_t)i;
                    if (titles->nhyph < MTL_NM_JOINED_MAX && t->nchars >= 2 &&
                        i + 2 < d->ntoks && mtl_tok_glued_prev(d, i + 1) &&
                        mtl_nm_punct(c, i + 1, '-'))
                        titles->hyph[titles->nhyph++] = (uint32_t)i;
                }
                if (lower_names && i + 1 < end &&
                    d->toks[i + 1].casing == MTL_CASE_LOWER) {
                    if (!(lower_surnames &&
                          mtl_nm_lower_surname(c, i, first, end, out,
                                               &lowsur_budget)))
                        mtl_nm_titled_given_lower(c, i, first, end, out);
                    if (lower_surnames)
                        mtl_nm_title_lower(c, i, end, out);
                }
                if (out && t->nchars >= 5) {
                    size_t off = i == glued_at
                                     ? glued_off
                                     : mtl_nm_glued_lower(c, i, first);
                    if (off)
                        mtl_nm_glued_lower_flag(c, i, first, off, out);
                }
                if (t->flags & MTL_TF_DIGIT) {
                    mtl_nm_digits_word(c, i, first, end, &list, out, pairs,
                                       &digits_budget);
                } else if (pairs && i + 1 < end && mtl_nm_spaced(c, i + 1) &&
                           mtl_nm_title_word(c, i + 1)) {
                    mtl_nm_title_pair(c, i, first, end, pairs, out,
                                      &glued_at, &glued_off);
                    /* "Kim Da-eun" here, "Kim Daeun" elsewhere */
                    if (out && i + 3 < end && mtl_nm_punct(c, i + 2, '-') &&
                        mtl_tok_glued_prev(d, i + 2) &&
                        mtl_tok_glued_prev(d, i + 3))
                        mtl_nm_hyphen_variant(c, i, out, &hyphen_budget);
                }
                break;
            case MTL_CASE_LOWER:
                if (out && i >= first + 3 && t->nchars >= 6 &&
                    mtl_tok_glued_prev(d, i))
                    mtl_nm_glued_hyphen(c, i, first, out);
                if (lower_names && t->nchars >= 3 && i + 1 < end &&
                    (d->toks[i + 1].casing == MTL_CASE_TITLE ||
                     (i >= first + 2 && mtl_tok_glued_prev(d, i))))
                    mtl_nm_lower_given_flag(c, i, first, end, out);
                if (t->flags & MTL_TF_DIGIT) {
                    mtl_nm_digits_word(c, i, first, end, &list, out, pairs,
                                       &digits_budget);
                } else if (lower_names && i + 1 < end &&
                           d->toks[i + 1].casing == MTL_CASE_LOWER) {
                    if (mtl_nm_lower_start(c, i)) {
                        i = mtl_nm_lowercased(c, i, out);
                        continue;
                    }
                    size_t after = mtl_nm_lower_hyphen_name(c, i, end, out);
                    if (after) {
                        i = after;
                        continue;
                    }
                } else if (lower_names && i + 3 < end &&
                           d->text[d->toks[i + 1].start] == '-' &&
                           d->toks[i + 1].kind == MTL_TOK_PUNCT) {
                    size_t after = mtl_nm_lower_hyphen_given(c, i, end, out);
                    if (after) {
                        i = after;
                        continue;
                    }
                }
                break;
            default:
                if (t->flags & MTL_TF_DIGIT) {
                    mtl_nm_digits_word(c, i, first, end, &list, out, pairs,
                                       &digits_budget);
                }
                break;
            }
            i++;
        }
    }
    if (titles && tiled != d->ntoks) {
        titles->n = titles->nmixed = 0;
        for (size_t i = 0; i < d->ntoks; i++) {
            if (d->toks[i].kind != MTL_TOK_WORD)
                continue;
            if (d->toks[i].casing == MTL_CASE_TITLE)
                titles->v[titles->n++] = (uint32_t)i;
            else if (d->toks[i].casing == MTL_CASE_MIXED)
                titles->mixed[titles->nmixed++] = (uint32_t)i;
        }
    }
}

/* ----------------------------------------------------------- variants */

typedef struct mtl_nm_sort_item {
    const char *g, *s;
    uint32_t glen, slen;
    uint32_t idx;
} mtl_nm_sort_item;

/* Sorts of at most this many items are insertion sorts: a document has
 * few name pairs, and qsort's calls of the comparison cost more than the
 * moves.  Both sorts are stable (glibc's qsort merges): the same order. */
#define MTL_NM_ISORT_MAX 48

static int
mtl_nm_cmp_item(const void *a, const void *b)
{
    const mtl_nm_sort_item *x = a, *y = b;
    size_t m = x->glen < y->glen ? x->glen : y->glen;
    int r = memcmp(x->g, y->g, m);
    if (r || x->glen != y->glen)
        return r ? r : (x->glen < y->glen ? -1 : 1);
    m = x->slen < y->slen ? x->slen : y->slen;
    r = memcmp(x->s, y->s, m);
    if (r || x->slen != y->slen)
        return r ? r : (x->slen < y->slen ? -1 : 1);
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Non-ASCII bytes of @p s: more for the form that kept its accents. */
static size_t
mtl_nm_nonascii(const char *s, size_t n)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        m += (unsigned char)s[k] >= 0x80;
    return m;
}

/* Writes @p s (@p len bytes) case-folded by ASCII with ä, ö, ü (either
 * case) spelled ae, oe, ue and ß ss into @p out (@p cap bytes); returns
 * its length, or 0 when it does not fit or holds another non-ASCII
 * character. */
static size_t
mtl_nm_umlaut_fold(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned char x = (unsigned char)s[i];
        const char *rep = NULL;
        if (x < 0x80) {
            if (o + 1 > cap)
                return 0;
            out[o++] = (char)mtl_ascii_lower(x);
            i++;
            continue;
        }
        if (x == 0xC3 && i + 1 < len) {
            switch ((unsigned char)s[i + 1]) {
            case 0xA4: case 0x84: rep = "ae"; break;
            case 0xB6: case 0x96: rep = "oe"; break;
            case 0xBC: case 0x9C: rep = "ue"; break;
            case 0x9F: rep = "ss"; break;
            default: break;
            }
        }
        if (!rep || o + 2 > cap)
            return 0;
        out[o++] = rep[0];
        out[o++] = rep[1];
        i += 2;
    }
    return o;
}

/* Whether two different spellings are one with its umlauts spelled out
 * ("Öztürk" / "Oeztuerk"): equal once both are so folded, and one of
 * them has an umlaut. */
static bool
mtl_nm_umlaut_same(const char *a, size_t al, const char *b, size_t bl)
{
    if (!mtl_nm_nonascii(a, al) && !mtl_nm_nonascii(b, bl))
        return false;
    char fa[MTL_NM_WORD_MAX * 2], fb[MTL_NM_WORD_MAX * 2];
    size_t fal = mtl_nm_umlaut_fold(a, al, fa, sizeof fa),
           fbl = mtl_nm_umlaut_fold(b, bl, fb, sizeof fb);
    return fal && fal == fbl && memcmp(fa, fb, fal) == 0;
}

/*
 * Bag distance of two ASCII words, case-insensitive: the letters of the
 * one that the other lacks (counted with their repeats), the larger of
 * the two counts.  An insertion, deletion or substitution changes it by
 * one at most and a transposition not at all, so it never exceeds the
 * edit distance (with transpositions or without): a pair further apart
 * than that is no variant, and needs neither folding nor the distance.
 * 0 when a byte is not ASCII (then the fold can differ from lower case).
 */
static size_t
mtl_nm_bag_distance(const char *a, size_t al, const char *b, size_t bl)
{
    unsigned char cnt[128];
    memset(cnt, 0, sizeof cnt);
    for (size_t k = 0; k < al; k++) {
        unsigned char x = (unsigned char)a[k];
        if (x >= 0x80)
            return 0;
        cnt[mtl_ascii_lower(x)]++;
    }
    size_t common = 0;
    for (size_t k = 0; k < bl; k++) {
        unsigned char x = (unsigned char)b[k];
        if (x >= 0x80)
            return 0;
        unsigned char *n = &cnt[mtl_ascii_lower(x)];
        if (*n) {
            --*n;
            common++;
        }
    }
    size_t da = al - common, db = bl - common;
    return da > db ? da : db;
}

/* A set of the bytes of an ASCII word, lower-cased: bit (x | 0x20) & 63
 * for byte x, a function of the byte lower-cased (mtl_ascii_lower), which
 * is all that mtl_nm_bag_distance sees of it. */
static uint64_t
mtl_nm_byteset(const char *s, size_t n)
{
    uint64_t m = 0;
    for (size_t k = 0; k < n; k++)
        m |= (uint64_t)1 << (((unsigned char)s[k] | 0x20) & 63);
    return m;
}

/* Whether mtl_nm_bag_distance of two ASCII words with byte sets @p a and
 * @p b is over 2: a bit one set has and the other lacks is a byte value
 * the one word has and the other lacks, which adds one to the distance at
 * least. */
static inline bool
mtl_nm_bag_over2(uint64_t a, uint64_t b)
{
    uint64_t x = a & ~b, y = b & ~a;
    x &= x - 1;
    x &= x - 1; /* the third bit of a & ~b and up */
    y &= y - 1;
    y &= y - 1;
    return (x | y) != 0;
}

/* Two surnames that are one person's name spelled two ways. */
static bool
mtl_nm_similar(const char *a, size_t al, const char *b, size_t bl)
{
    if (al == bl && memcmp(a, b, al) == 0)
        return false;
    /* "Oeztuerk" for "Öztürk": the umlauts spelled out, as German does
     * without them */
    if (mtl_nm_umlaut_same(a, al, b, bl))
        return true;
    /* no variant is more than two edits apart (max below) */
    size_t bag = mtl_nm_bag_distance(a, al, b, bl);
    if (bag > 2)
        return false;
    size_t ac = mtl_utf8_count(a, al), bc = mtl_utf8_count(b, bl);
    if (ac < 3 || bc < 3 || ac > 40 || bc > 40)
        return false;
    /* plural or possessive forms are not other spellings */
    if ((al == bl + 1 && a[al - 1] == 's' && memcmp(a, b, bl) == 0) ||
        (bl == al + 1 && b[bl - 1] == 's' && memcmp(a, b, al) == 0))
        return false;
    size_t mn = ac < bc ? ac : bc;
    /* the most edits allowed below */
    size_t max = mn <= 4 ? 1 : mn >= 8 ? 2 : 1;
    if (mn <= 4 && ac == bc)
        return false;
    if (bag > max)
        return false; /* further apart than the edits allow */
    /* compare case-folded: "Ray" / "Wray" differ by one letter */
    char fa[MTL_NM_WORD_MAX * 4], fb[MTL_NM_WORD_MAX * 4];
    size_t fal = mtl_nm_fold(a, al, fa, sizeof fa),
           fbl = mtl_nm_fold(b, bl, fb, sizeof fb);
    if (!fal || !fbl)
        return false;
    a = fa, al = fal, b = fb, bl = fbl;
    if (mn <= 4) {
        /* short names differ by a letter too easily (Wang Lei, Wang Wei):
         * only an added or dropped letter (Ray / Wray), ac != bc above */
        return mtl_edit_distance(a, al, b, bl, 1) == 1;
    }
    return mtl_edit_distance_osa(a, al, b, bl, (unsigned)max) <= max;
}

/* mtl_nm_similar() for the second parts of two names whose first part is
 * @p g: after a family name written first ("Kim", "Wang") the given names
 * of two people differ by one letter too easily (Kim Jiwoo, Kim Jiwon):
 * there only an added or dropped letter (Sun Yingsha / Sun Yinsha), or
 * a letter's case. */
static bool
mtl_nm_similar_after(const mtl_nm_ctx *c, const char *g, size_t gl,
                     const char *a, size_t al, const char *b, size_t bl)
{
    if (!mtl_nm_similar(a, al, b, bl))
        return false;
    if (mtl_utf8_count(a, al) != mtl_utf8_count(b, bl) ||
        !c->st->family_first || !mtl_lexicon_has(c->st->family_first, g, gl))
        return true;
    /* or the same letters with a capital more inside ("Peng XiaoTong" /
     * "Peng Xiaotong"): one given name, its syllables written apart */
    char fa[MTL_NM_WORD_MAX * 4], fb[MTL_NM_WORD_MAX * 4];
    size_t fal = mtl_nm_fold(a, al, fa, sizeof fa),
           fbl = mtl_nm_fold(b, bl, fb, sizeof fb);
    return fal && fal == fbl && memcmp(fa, fb, fal) == 0;
}

/* On a tie, in English, the form that is an ordinary word of the
 * language ("Ray") is the one MT produced; otherwise the form met later (@p later): news copy
 * introduces a person by the full name, spelled with care, and a slip
 * comes in a later mention ("Daniela Cavallo" ... "Daniela Cavalo"). */
static bool
mtl_nm_tie_flags(const mtl_nm_ctx *c, const char *s, size_t sl, const char *o,
                 size_t ol, bool later)
{
    /* only English: elsewhere many surnames are words of the language
     * ("Verrier", "Boucher", "Müller") */
    if (!c->st->en)
        return later;
    bool sc = mtl_nm_class(c, s, sl) == MTL_NM_COMMON;
    bool oc = mtl_nm_class(c, o, ol) == MTL_NM_COMMON;
    if (sc != oc)
        return sc;
    return later;
}

/* At least one of the two forms must be a name, so that two phrases
 * ("Chinese Ministry" / "Chinese Minister") are never variants. */
static bool
mtl_nm_one_is_name(const mtl_nm_ctx *c, const char *s, size_t sl, const char *o,
                   size_t ol)
{
    return mtl_nm_class(c, s, sl) != MTL_NM_COMMON ||
           mtl_nm_class(c, o, ol) != MTL_NM_COMMON;
}

static void
mtl_nm_flag_variant(const mtl_nm_ctx *c, const mtl_nm_sort_item *it, size_t n,
                    const char *g, size_t gl, const char *o, size_t ol,
                    const char *where, unsigned count, const char *unit,
                    mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    char sugg[512];
    int sn = snprintf(sugg, sizeof sugg, "%.*s %.*s", (int)gl, g, (int)ol, o);
    if (sn < 0 || (size_t)sn >= sizeof sugg)
        return;
    for (size_t k = 0; k < n; k++) {
        const mtl_token *gt = &d->toks[it[k].idx];
        size_t end = (size_t)(it[k].s - d->text) + it[k].slen;
        mtl_flags_addf(out, MTL_RULE_NAME_VARIANT, gt->start, end, sugg,
                       "\"%.*s %.*s\" is spelled \"%s\" %s (%u %s%s)", (int)gl,
                       g, (int)it[k].slen, it[k].s, sugg, where, count, unit,
                       count == 1 ? "" : "s");
    }
}

typedef struct mtl_nm_batch_vals {
    char val[MTL_NM_GROUP_MAX][64];
    size_t len[MTL_NM_GROUP_MAX];
    unsigned docs[MTL_NM_GROUP_MAX];
    size_t n;
} mtl_nm_batch_vals;

static int
mtl_nm_collect_val(void *user, const char *val, size_t vlen, unsigned docs)
{
    mtl_nm_batch_vals *bv = user;
    if (bv->n >= MTL_NM_GROUP_MAX || vlen >= 64)
        return bv->n >= MTL_NM_GROUP_MAX;
    memcpy(bv->val[bv->n], val, vlen);
    bv->len[bv->n] = vlen;
    bv->docs[bv->n] = docs;
    bv->n++;
    return 0;
}

/* Sorts the pairs into items grouped by given name, then surname. */
static mtl_nm_sort_item *
mtl_nm_sort_pairs(const mtl_nm_ctx *c, const mtl_nm_pairs *p)
{
    mtl_nm_sort_item *it =
        mtl_checker_scratch(c->ck, 1, (p->n + 1) * sizeof *it);
    for (size_t k = 0; k < p->n; k++) {
        const mtl_token *gt = &c->doc->toks[p->v[k].g];
        it[k] = (mtl_nm_sort_item){mtl_nm_text(c, p->v[k].g),
                                   c->doc->text + p->v[k].s_off, gt->len,
                                   p->v[k].s_len, p->v[k].g};
    }
    if (p->n > MTL_NM_ISORT_MAX) {
        qsort(it, p->n, sizeof *it, mtl_nm_cmp_item);
        return it;
    }
    for (size_t k = 1; k < p->n; k++) {
        mtl_nm_sort_item x = it[k];
        size_t j = k;
        for (; j > 0 && mtl_nm_cmp_item(&it[j - 1], &x) > 0; j--)
            it[j] = it[j - 1];
        it[j] = x;
    }
    return it;
}

static bool
mtl_nm_same_g(const mtl_nm_sort_item *a, const mtl_nm_sort_item *b)
{
    return a->glen == b->glen && memcmp(a->g, b->g, a->glen) == 0;
}

static bool
mtl_nm_same_s(const mtl_nm_sort_item *a, const mtl_nm_sort_item *b)
{
    return a->slen == b->slen && memcmp(a->s, b->s, a->slen) == 0;
}

static void
mtl_nm_variants(const mtl_nm_ctx *c, const mtl_nm_pairs *p,
                const mtl_batch *batch, mtl_flags *out)
{
    if (p->n == 0)
        return;
    mtl_nm_sort_item *it = mtl_nm_sort_pairs(c, p);
    size_t gi = 0;
    while (gi < p->n) {
        size_t ge = gi + 1;
        while (ge < p->n && mtl_nm_same_g(&it[gi], &it[ge]))
            ge++;
        /* runs of one surname inside the group */
        size_t run_at[MTL_NM_GROUP_MAX], run_n[MTL_NM_GROUP_MAX], nruns = 0;
        for (size_t k = gi; k < ge && nruns < MTL_NM_GROUP_MAX;) {
            size_t e = k + 1;
            while (e < ge && mtl_nm_same_s(&it[k], &it[e]))
                e++;
            run_at[nruns] = k;
            run_n[nruns] = e - k;
            nruns++;
            k = e;
        }
        const char *g = it[gi].g;
        size_t gl = it[gi].glen;
        for (size_t a = 0; a < nruns; a++) {
            const mtl_nm_sort_item *ra = &it[run_at[a]];
            bool in_doc_variant = false;
            for (size_t b = 0; b < nruns; b++) {
                const mtl_nm_sort_item *rb = &it[run_at[b]];
                if (a == b ||
                    !mtl_nm_similar_after(c, g, gl, ra->s, ra->slen, rb->s,
                                          rb->slen) ||
                    !mtl_nm_one_is_name(c, ra->s, ra->slen, rb->s, rb->slen))
                    continue;
                in_doc_variant = true;
                bool flag =
                    run_n[a] < run_n[b] ||
                    (run_n[a] == run_n[b] &&
                     mtl_nm_tie_flags(c, ra->s, ra->slen, rb->s, rb->slen,
                                      ra->idx > rb->idx));
                if (flag)
                    mtl_nm_flag_variant(c, ra, run_n[a], g, gl, rb->s, rb->slen,
                                        "elsewhere in this document",
                                        (unsigned)run_n[b], "time", out);
            }
            if (in_doc_variant || !batch || gl >= 64)
                continue;
            /* across the batch: other documents' spellings */
            mtl_nm_batch_vals bv;
            bv.n = 0;
            mtl_batch_pair_each(batch, MTL_BATCH_NS_NAME, g, gl,
                                mtl_nm_collect_val, &bv);
            unsigned mine = 1;
            for (size_t v = 0; v < bv.n; v++)
                if (bv.len[v] == ra->slen &&
                    memcmp(bv.val[v], ra->s, ra->slen) == 0)
                    mine = bv.docs[v];
            for (size_t v = 0; v < bv.n; v++) {
                if (!mtl_nm_similar_after(c, g, gl, ra->s, ra->slen,
                                          bv.val[v], bv.len[v]) ||
                    !mtl_nm_one_is_name(c, ra->s, ra->slen, bv.val[v],
                                        bv.len[v]))
                    continue;
                /* a large batch holds many real people whose names are a
                 * letter apart (David Miller, David Millar): across
                 * documents only the translation's signature counts, a
                 * surname that became an ordinary word ("Ray" for "Wray") */
                bool flag =
                    mine <= bv.docs[v] &&
                    mtl_nm_class(c, ra->s, ra->slen) == MTL_NM_COMMON &&
                    mtl_nm_class(c, bv.val[v], bv.len[v]) != MTL_NM_COMMON;
                if (flag)
                    mtl_nm_flag_variant(c, ra, run_n[a], g, gl, bv.val[v],
                                        bv.len[v],
                                        "in other documents of the batch",
                                        bv.docs[v], "document", out);
            }
        }
        gi = ge;
    }
}

/*
 * One person whose given name is transliterated two ways before the same
 * surname ("Alexei Novikov" ... "Alexey Novikov", "Dmitrij Galkin" ...
 * "Dmitri Galkin", "Marshall Cohen" ... "Marshal Cohen"): the given names
 * are the same once a doubled letter is written once, y is read as i, a
 * final j after i is dropped and, in a name of five letters or more, the
 * vowels inside are one ("Sharif" / "Sherif", but not two listed names
 * of the Latin script's traditions, "Karen" / "Karin": see
 * mtl_nm_translit_pair; ASCII letters only).  Gender pairs ("Paul" /
 * "Paula", "Mario" / "Maria") differ by more and stay apart.  The rarer
 * form is flagged, on a tie the one met later.  At most
 * MTL_NM_GIVEN_VAR_MAX pairs are compared, each with each.
 */
#define MTL_NM_GIVEN_VAR_MAX 256

static size_t mtl_nm_translit_key(const char *s, size_t len, char *out,
                                  size_t cap, bool vowels);

/* Given-names sections of traditions written in another script, whose
 * vowels each transliteration renders its own way. */
static const char *const mtl_nm_vowel_sections[] = {
    "arabic", "turkish-persian", "russian-ukrainian", "indian", "african",
};

/* Two given names whose translit keys agree (with the vowels inside
 * made one): one name, unless only the vowels tell them apart and both
 * are names of their own in a tradition of the Latin script ("Karen" /
 * "Karin", "Marion" / "Marian"). */
static bool
mtl_nm_translit_pair(const mtl_nm_ctx *c, const char *a, size_t al,
                     const char *b, size_t bl)
{
    char ka[32], kb[32];
    size_t kal = mtl_nm_translit_key(a, al, ka, sizeof ka, false),
           kbl = mtl_nm_translit_key(b, bl, kb, sizeof kb, false);
    if (kal && kal == kbl && memcmp(ka, kb, kal) == 0)
        return true;
    if (!mtl_nm_is_given(c, a, al) || !mtl_nm_is_given(c, b, bl))
        return true;
    bool sa = false, sb = false;
    for (size_t k = 0; k < MTL_NM_NELEM(mtl_nm_vowel_sections); k++) {
        sa |= mtl_lexicon_in_section(c->st->given, a, al,
                                     mtl_nm_vowel_sections[k]);
        sb |= mtl_lexicon_in_section(c->st->given, b, bl,
                                     mtl_nm_vowel_sections[k]);
    }
    return sa && sb;
}

static size_t
mtl_nm_translit_key(const char *s, size_t len, char *out, size_t cap,
                    bool vowels)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (!((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || o == cap)
            return 0;
        ch = (unsigned char)mtl_ascii_lower(ch);
        if (ch == 'y')
            ch = 'i';
        if (o > 0 && (unsigned char)out[o - 1] == ch)
            continue;
        out[o++] = (char)ch;
    }
    if (o >= 4 && out[o - 1] == 'j' && out[o - 2] == 'i')
        o--;
    /* in a name of five letters or more, a vowel inside for another
     * ("Sharif" / "Sherif", "Ahmed" / "Ahmad", "Mohamed" / "Muhamed");
     * the first and last letters kept ("Maria" / "Mario") */
    if (vowels && o >= 5)
        for (size_t k = 1; k + 1 < o; k++)
            if (strchr("aeiou", out[k]))
                out[k] = 'a';
    return o;
}

static void
mtl_nm_given_variants(const mtl_nm_ctx *c, const mtl_nm_pairs *p,
                      mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    size_t n = p->n < MTL_NM_GIVEN_VAR_MAX ? p->n : MTL_NM_GIVEN_VAR_MAX;
    for (size_t a = 0; a < n; a++) {
        const mtl_nm_pair *pa = &p->v[a];
        const mtl_token *ga = &d->toks[pa->g];
        const char *gs = mtl_nm_text(c, pa->g);
        if (ga->nchars < 3 || pa->s_len < 3)
            continue;
        char ka[32];
        size_t kal = 0;
        bool keyed = false;
        unsigned mine = 0, theirs = 0;
        size_t other = (size_t)-1; /* the other form's first pair */
        for (size_t b = 0; b < n; b++) {
            const mtl_nm_pair *pb = &p->v[b];
            const mtl_token *gb = &d->toks[pb->g];
            if (pb->s_len != pa->s_len ||
                memcmp(d->text + pb->s_off, d->text + pa->s_off,
                       pa->s_len) != 0)
                continue;
            const char *hs = mtl_nm_text(c, pb->g);
            if (gb->len == ga->len && memcmp(hs, gs, ga->len) == 0) {
                mine++;
                continue;
            }
            if (!keyed) {
                kal = mtl_nm_translit_key(gs, ga->len, ka, sizeof ka, true);
                keyed = true;
            }
            char kb[32];
            size_t kbl =
                mtl_nm_translit_key(hs, gb->len, kb, sizeof kb, true);
            if (!kal || kbl != kal || memcmp(ka, kb, kal) != 0 ||
                !mtl_nm_translit_pair(c, gs, ga->len, hs, gb->len))
                continue;
            if (other == (size_t)-1)
                other = b;
            else if (d->toks[p->v[other].g].len != gb->len ||
                     memcmp(mtl_nm_text(c, p->v[other].g), hs, gb->len) != 0)
                continue; /* a third form: counted with neither */
            theirs++;
        }
        if (other == (size_t)-1)
            continue;
        const mtl_nm_pair *po = &p->v[other];
        /* the rarer form; on a tie the one met later */
        if (mine > theirs || (mine == theirs && pa->g < po->g))
            continue;
        const mtl_token *go = &d->toks[po->g];
        char sugg[256];
        int sn = snprintf(sugg, sizeof sugg, "%.*s%.*s", (int)go->len,
                          mtl_nm_text(c, po->g),
                          (int)(pa->s_off + pa->s_len - ga->start - ga->len),
                          d->text + ga->start + ga->len);
        if (sn < 0 || (size_t)sn >= sizeof sugg)
            continue;
        mtl_flags_addf(out, MTL_RULE_NAME_VARIANT, ga->start,
                       pa->s_off + pa->s_len, sugg,
                       "\"%.*s\" is spelled \"%s\" elsewhere in this "
                       "document (%u time%s): one given name transliterated "
                       "two ways",
                       (int)(pa->s_off + pa->s_len - ga->start),
                       d->text + ga->start, sugg, theirs,
                       theirs == 1 ? "" : "s");
    }
}

/*
 * One person written with and without accents, given name included
 * ("Vinícius Júnior" ... "Vinicius Junior"): two capitalised words in a
 * row (a name, or the start of one) that are the same without their
 * combining marks but not the same bytes, and whose first words differ (a
 * surname alone spelled two ways is mtl_nm_variants()'s).  The form with
 * fewer accents is flagged: a copy that lost them on the way.  At most
 * MTL_NM_ACCENT_MAX accented pairs are kept.
 */
#define MTL_NM_ACCENT_MAX 32

static bool
mtl_nm_name_bigram(const mtl_nm_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    return i + 1 < d->ntoks && d->toks[i].kind == MTL_TOK_WORD &&
           d->toks[i].casing == MTL_CASE_TITLE &&
           d->toks[i + 1].casing == MTL_CASE_TITLE &&
           d->toks[i + 1].sent == d->toks[i].sent && mtl_nm_spaced(c, i + 1) &&
           mtl_nm_title_word(c, i + 1);
}

static void
mtl_nm_accent_variants(const mtl_nm_ctx *c, const mtl_nm_toklist *titles,
                       mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    /* the pairs with an accent, their forms without, and the lengths of
     * those (bit n of lens: some form has n bytes) */
    size_t acc[MTL_NM_ACCENT_MAX], nacc = 0;
    char ka[MTL_NM_ACCENT_MAX][128];
    size_t kl[MTL_NM_ACCENT_MAX];
    uint64_t lens[2] = {0, 0};
    /* the title-case words only: the pairs below start with one */
    for (size_t ti = 0; ti < titles->n && nacc < MTL_NM_ACCENT_MAX; ti++) {
        size_t i = titles->v[ti];
        const mtl_token *t = &d->toks[i];
        if (i + 1 >= d->ntoks)
            break;
        if (t->nchars == t->len)
            continue;
        /* this word has an accent: the pair it starts, and the one it
         * ends */
        for (size_t j = i > 0 ? i - 1 : i; j <= i && nacc < MTL_NM_ACCENT_MAX;
             j++) {
            if (nacc > 0 && acc[nacc - 1] == j)
                continue;
            if (!mtl_nm_name_bigram(c, j) ||
                mtl_nm_is_stop(c, mtl_nm_text(c, j), d->toks[j].len))
                continue;
            const mtl_token *x = &d->toks[j + 1];
            size_t n = x->start + x->len - d->toks[j].start;
            size_t k = n < 128 ? mtl_utf8_unaccent(d->text + d->toks[j].start, n,
                                                 ka[nacc], sizeof ka[nacc])
                               : 0;
            if (!k)
                continue;
            kl[nacc] = k;
            lens[k / 64] |= (uint64_t)1 << (k % 64);
            acc[nacc++] = j;
        }
    }
    if (nacc == 0)
        return;
    for (size_t ti = 0; ti < titles->n; ti++) {
        size_t i = titles->v[ti];
        if (i + 1 >= d->ntoks)
            break;
        const mtl_token *a = &d->toks[i];
        const mtl_token *b = &d->toks[i + 1];
        if (b->casing != MTL_CASE_TITLE)
            continue;
        size_t n = b->start + b->len - a->start;
        /* a form without accents is as long as its key; one with fewer
         * accents than another is among acc[] already */
        bool ascii = a->nchars == a->len && b->nchars == b->len;
        const char *xs = d->text + a->start;
        const char *x = xs;
        size_t xl = n, self = MTL_NM_ACCENT_MAX;
        if (ascii) {
            if (n >= 128 || !((lens[n / 64] >> (n % 64)) & 1))
                continue;
        } else {
            for (size_t k = 0; k < nacc; k++)
                if (acc[k] == i)
                    self = k;
            if (self == MTL_NM_ACCENT_MAX)
                continue;
            x = ka[self];
            xl = kl[self];
        }
        if (!mtl_nm_name_bigram(c, i))
            continue;
        size_t xna = ascii ? 0 : mtl_nm_nonascii(xs, n);
        for (size_t k = 0; k < nacc; k++) {
            if (k == self || kl[k] != xl || memcmp(ka[k], x, xl) != 0)
                continue;
            const mtl_token *ga = &d->toks[acc[k]];
            const char *ys = d->text + ga->start;
            size_t yl = d->toks[acc[k] + 1].start + d->toks[acc[k] + 1].len -
                        ga->start;
            /* x has fewer accents than y, and another first word */
            if (mtl_nm_nonascii(ys, yl) <= xna ||
                (ga->len == a->len && memcmp(ys, xs, a->len) == 0))
                continue;
            if (ascii && mtl_nm_is_stop(c, xs, a->len))
                break;
            char sugg[128];
            memcpy(sugg, ys, yl);
            sugg[yl] = '\0';
            mtl_flags_addf(out, MTL_RULE_NAME_VARIANT, a->start, a->start + n,
                           sugg,
                           "\"%.*s\" is spelled \"%s\" elsewhere in this "
                           "document (accents lost)",
                           (int)n, xs, sugg);
            break;
        }
    }
}

/* A surname standing alone ("Kesler said") a letter or two from the
 * surname a given name carries elsewhere in the document ("Laura
 * Kessler"): one person spelled two ways.  Both forms have five letters
 * or more (shorter surnames are other people: Chen, Chan, Khan, Kahn),
 * share their first letter, and the lone form is no word of the language
 * (the dictionary does not know it), no given name, never carried by a
 * given name itself, and after the full name's first mention.  A form
 * of five letters needs more (mtl_nm_short_variant).  At most
 * MTL_NM_LONE_MAX surnames are compared: a document that names more
 * people is a list. */
#define MTL_NM_LONE_MAX 64
#define MTL_NM_LONE_MIN 5

/* Whether a title stands right before word @p i ("Ms Pryse", "Mr. Pryse":
 * the title, then its full stop). */
static bool
mtl_nm_title_before(const mtl_nm_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    if (i > 0 && mtl_nm_spaced(c, i) &&
        d->toks[i - 1].kind == MTL_TOK_WORD &&
        (mtl_lexicon_has(c->st->titles, mtl_nm_text(c, i - 1),
                         d->toks[i - 1].len) ||
         mtl_nm_in_fold(mtl_nm_abbrevs, mtl_nm_text(c, i - 1),
                        d->toks[i - 1].len)))
        return true;
    return i > 1 && mtl_nm_punct(c, i - 1, '.') &&
           mtl_nm_abbrev_before(c, i - 1);
}

/*
 * A lone surname @p i of five letters, or one a five-letter surname @p o
 * may be misspelled as ("Pryse" / "Gareth Pryce", "Wendl" / "Katharina
 * Wendt", "Riedl" / "Tobias Riedel"): five-letter names a letter apart
 * are often two people (Meyer / Mayer, Chang / Cheng), so both forms must
 * be unknown to the dictionary (a common surname, "Price", has namesakes
 * a letter away), share their first three letters, and the lone form
 * must not follow a title ("Ms Pryse": another person, introduced).
 */
static bool
mtl_nm_short_variant(const mtl_nm_ctx *c, size_t i, const char *o, size_t ol)
{
    const mtl_doc *d = c->doc;
    const char *s = mtl_nm_text(c, i);
    size_t sl = d->toks[i].len;
    char fs[MTL_NM_WORD_MAX * 4], fo[MTL_NM_WORD_MAX * 4];
    size_t fsl = mtl_nm_fold(s, sl, fs, sizeof fs),
           fol = mtl_nm_fold(o, ol, fo, sizeof fo);
    if (!fsl || !fol)
        return false;
    /* the first three letters */
    size_t a = 0, b = 0;
    for (int k = 0; k < 3; k++) {
        if (a >= fsl || b >= fol)
            return false;
        int32_t x = mtl_utf8_next(fs, fsl, &a), y = mtl_utf8_next(fo, fol, &b);
        if (x != y || x < 0)
            return false;
    }
    if (mtl_nm_title_before(c, i))
        return false;
    return mtl_spell(c->ck, c->lang, o, ol) == 0;
}

/* Whether @p s is @p o (@p sl and @p ol bytes) with fewer accents: the
 * same without their combining marks, @p s with fewer non-ASCII bytes. */
static bool
mtl_nm_accents_lost(const char *s, size_t sl, const char *o, size_t ol)
{
    char us[MTL_NM_WORD_MAX * 4], uo[MTL_NM_WORD_MAX * 4];
    if (mtl_nm_nonascii(s, sl) >= mtl_nm_nonascii(o, ol))
        return false;
    size_t a = mtl_utf8_unaccent(s, sl, us, sizeof us);
    size_t b = mtl_utf8_unaccent(o, ol, uo, sizeof uo);
    return a && a == b && memcmp(us, uo, a) == 0;
}

static int
mtl_nm_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void
mtl_nm_lone_variants(const mtl_nm_ctx *c, const mtl_nm_pairs *p,
                     const mtl_nm_toklist *titles, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    if (p->n == 0 || !c->st->dict)
        return;
    /* the surnames that follow a given name: their offsets, sorted, and
     * the distinct long ones */
    /* in the scratch of mtl_nm_sort_pairs, whose items are no longer
     * read (mtl_nm_variants is done) */
    uint32_t *offs = mtl_checker_scratch(c->ck, 1, p->n * sizeof *offs);
    size_t nlong = 0, sur[MTL_NM_LONE_MAX];
    for (size_t k = 0; k < p->n; k++) {
        const mtl_nm_pair *q = &p->v[k];
        offs[k] = q->s_off;
        if (q->s_len > MTL_NM_WORD_MAX ||
            mtl_utf8_count(d->text + q->s_off, q->s_len) < MTL_NM_LONE_MIN)
            continue;
        size_t j = 0;
        while (j < nlong &&
               !(p->v[sur[j]].s_len == q->s_len &&
                 memcmp(d->text + p->v[sur[j]].s_off, d->text + q->s_off,
                        q->s_len) == 0))
            j++;
        if (j < nlong)
            continue;
        if (nlong == MTL_NM_LONE_MAX)
            return;
        sur[nlong++] = k;
    }
    if (nlong == 0)
        return;
    if (p->n > MTL_NM_ISORT_MAX) {
        qsort(offs, p->n, sizeof *offs, mtl_nm_cmp_u32);
    } else {
        /* the scan pushed them in text order, nearly: few moves */
        for (size_t k = 1; k < p->n; k++) {
            uint32_t x = offs[k];
            size_t j = k;
            for (; j > 0 && offs[j - 1] > x; j--)
                offs[j] = offs[j - 1];
            offs[j] = x;
        }
    }
    /* the byte sets of the ASCII surnames (0: not ASCII), and their first
     * bytes and lengths, which turn most words away (read for every
     * title-case word) */
    uint64_t sset[MTL_NM_LONE_MAX];
    uint32_t slen[MTL_NM_LONE_MAX];
    /* bit j of byfirst[b]: surname j starts with byte b */
    _Static_assert(MTL_NM_LONE_MAX <= 64, "byfirst: a bit a surname");
    uint64_t byfirst[256];
    memset(byfirst, 0, sizeof byfirst);
    for (size_t j = 0; j < nlong; j++) {
        const char *o = d->text + p->v[sur[j]].s_off;
        size_t ol = p->v[sur[j]].s_len;
        sset[j] = mtl_nm_nonascii(o, ol) ? 0 : mtl_nm_byteset(o, ol);
        byfirst[(unsigned char)o[0]] |= (uint64_t)1 << j;
        slen[j] = (uint32_t)ol;
    }
    const uint64_t all = nlong == 64 ? ~(uint64_t)0 : ((uint64_t)1 << nlong) - 1;
    for (size_t x = 0; x < titles->n; x++) {
        size_t i = titles->v[x];
        const mtl_token *t = &d->toks[i];
        if (t->nchars < MTL_NM_LONE_MIN || t->len > MTL_NM_WORD_MAX ||
            (t->flags & MTL_TF_DIGIT))
            continue;
        const char *s = mtl_nm_text(c, i);
        size_t found = nlong;
        uint64_t tset = 0; /* made when first needed */
        const unsigned char s0 = (unsigned char)s[0];
        /* the same first byte, but for a first umlaut ("Öztürk" /
         * "Oeztuerk"), in order */
        uint64_t cand = s0 == 0xC3 ? all : byfirst[s0] | byfirst[0xC3];
        for (; cand && found == nlong; cand &= cand - 1) {
            size_t j = (size_t)__builtin_ctzll(cand);
            /* the length within two bytes */
            if (slen[j] + 2 < t->len || t->len + 2 < slen[j])
                continue;
            const mtl_nm_pair *q = &p->v[sur[j]];
            const char *o = d->text + q->s_off;
            if (sset[j] && (t->flags & MTL_TF_ASCII)) {
                if (!tset)
                    tset = mtl_nm_byteset(s, t->len);
                if (mtl_nm_bag_over2(tset, sset[j]))
                    continue;
            }
            if (mtl_nm_similar(s, t->len, o, q->s_len) ||
                mtl_nm_accents_lost(s, t->len, o, q->s_len))
                found = j;
        }
        /* the full name comes first, then the surname alone */
        if (found == nlong || i < p->v[sur[found]].g)
            continue;
        /* a surname after its given name is judged with the pairs */
        uint32_t key = t->start;
        if (bsearch(&key, offs, p->n, sizeof *offs, mtl_nm_cmp_u32))
            continue;
        /* the lone form after a given name anywhere is another person */
        size_t k;
        for (k = 0; k < p->n; k++)
            if (p->v[k].s_len == t->len &&
                memcmp(d->text + p->v[k].s_off, s, t->len) == 0)
                break;
        if (k < p->n || !mtl_utf8_letters_only(s, t->len) ||
            mtl_nm_is_given(c, s, t->len) || mtl_nm_is_stop(c, s, t->len) ||
            mtl_nm_is_title(c, s, t->len))
            continue;
        const mtl_nm_pair *q = &p->v[sur[found]];
        /* a word the dictionary knows only as the copy of the surname
         * that lost its accents ("Dvorak" / "Stanislav Dvořák"); that
         * copy alone, not after a capitalised word ("Antonin Dvorak" is
         * mtl_nm_accent_variants's) but for a title ("Mr Engstrom" /
         * "Marcus Engström") */
        bool lost = mtl_nm_accents_lost(s, t->len, d->text + q->s_off,
                                        q->s_len);
        if (lost && i > 0 && mtl_nm_spaced(c, i) &&
            d->toks[i - 1].sent == t->sent &&
            (d->toks[i - 1].flags & MTL_TF_UPPER_START) &&
            !mtl_nm_title_before(c, i))
            continue;
        if (mtl_spell(c->ck, c->lang, s, t->len) != 0 && !lost)
            continue;
        if ((t->nchars < 6 ||
             mtl_utf8_count(d->text + q->s_off, q->s_len) < 6) &&
            !mtl_nm_short_variant(c, i, d->text + q->s_off, q->s_len))
            continue;
        const mtl_token *gt = &d->toks[q->g];
        char sugg[MTL_NM_WORD_MAX + 1];
        memcpy(sugg, d->text + q->s_off, q->s_len);
        sugg[q->s_len] = '\0';
        mtl_flags_addf(out, MTL_RULE_NAME_VARIANT, t->start, t->start + t->len,
                       sugg,
                       "\"%.*s\" is spelled \"%s\" elsewhere in this "
                       "document (%.*s %s)",
                       (int)t->len, s, sugg, (int)gt->len,
                       d->text + gt->start, sugg);
    }
}

/* Sets the filter bit (mtl_nm_given_bit) of word @p f in @p bits. */
static void
mtl_nm_note_bit(uint64_t *bits, const char *f, size_t fl)
{
    if (fl == 0)
        return;
    const unsigned char *u = (const unsigned char *)f;
    size_t b = mtl_nm_given_bit(fl, u[0], fl > 1 ? u[1] : 0, u[fl - 1]);
    bits[b / 64] |= (uint64_t)1 << (b % 64);
}

/* Sets the bits of @p tails (mtl_nm_state.glue_tail) of the entries of
 * @p lex (NULL: none) of @p min_len bytes or more, but adverbs; with
 * @p section, of the single words of that section only, in lower case. */
static void
mtl_nm_note_tails(uint64_t *tails, const mtl_lexicon *lex, size_t min_len,
                  const char *section)
{
    size_t ne = 0;
    const mtl_lex_entry *e = lex ? mtl_lexicon_entries(lex, &ne) : NULL;
    for (size_t i = 0; i < ne; i++) {
        const unsigned char *t = (const unsigned char *)e[i].text;
        size_t tl = e[i].len;
        if (tl < min_len || strcmp(e[i].section, "adverb") == 0 ||
            (section && (strcmp(e[i].section, section) != 0 ||
                         memchr(t, ' ', tl))))
            continue;
        unsigned pair = (unsigned)mtl_ascii_lower(t[tl - 2]) << 8 |
                        (unsigned)mtl_ascii_lower(t[tl - 1]);
        tails[pair / 64] |= (uint64_t)1 << (pair % 64);
    }
}

static int
mtl_names_load(mtl_engine *engine, const mtl_lang *lang, void **state)
{
    (void)engine;
    mtl_nm_state *st = mtl_xcalloc(1, sizeof *st);
    st->stop = mtl_lang_lexicon(lang, "stopwords");
    st->func = mtl_lang_lexicon(lang, "function-words");
    st->part = mtl_lang_lexicon(lang, "name-particles");
    st->part_all = mtl_lang_lexicon_all(lang, "name-particles");
    st->titles = mtl_lang_lexicon(lang, "titles");
    st->abbrev = mtl_lang_lexicon(lang, "abbreviations");
    st->speech = mtl_lang_lexicon(lang, "speech-verbs");
    st->given = mtl_lang_lexicon_all(lang, "given-names");
    st->camel = mtl_lang_lexicon_all(lang, "camelcase");
    st->family_first = mtl_lang_lexicon_all(lang, "family-names-first");
    st->dict = mtl_lang_has_dictionary(lang);
    const char *p = mtl_lang_primary(lang);
    st->noun_caps = mtl_lang_capitalises_nouns(lang);
    st->en = p && strcmp(p, "en") == 0;
    if (p && strlen(p) < sizeof st->primary)
        strcpy(st->primary, p);
    /* where nouns are capitalised only verbs of saying split off, and
     * the words that continue a sentence after its subject */
    for (size_t l = 0; l < MTL_NM_NELEM(mtl_nm_subject_words); l++)
        for (size_t k = 1; k < 5 && mtl_nm_subject_words[l][k]; k++) {
            const unsigned char *t =
                (const unsigned char *)mtl_nm_subject_words[l][k];
            size_t tl = strlen((const char *)t);
            unsigned pair = (unsigned)t[tl - 2] << 8 | t[tl - 1];
            st->glue_tail[pair / 64] |= (uint64_t)1 << (pair % 64);
        }
    /* and the past tenses' endings (mtl_nm_past_endings) */
    const char *const *past = mtl_nm_past_row(st->primary);
    for (size_t k = 0; past && k < MTL_NM_PAST_MAX && past[k]; k++) {
        const unsigned char *t = (const unsigned char *)past[k];
        size_t tl = strlen(past[k]);
        unsigned pair = (unsigned)t[tl - 2] << 8 | t[tl - 1];
        st->glue_tail[pair / 64] |= (uint64_t)1 << (pair % 64);
    }
    if (st->noun_caps)
        mtl_nm_note_tails(st->caps_func_tail, st->func, 3, NULL);
    else
        mtl_nm_note_tails(st->glue_tail, st->func, 2, NULL);
    mtl_nm_note_tails(st->glue_tail, st->speech, 2, NULL);
    /* and the offices that split off after a given name where nouns are
     * not capitalised ("Fabreprésident", mtl_nm_glued_lower) */
    if (!st->noun_caps)
        mtl_nm_note_tails(st->glue_tail, st->titles, 6, "office");
    size_t n = 0;
    const mtl_lex_entry *e =
        st->given ? mtl_lexicon_entries(st->given, &n) : NULL;
    st->filter = n > 0;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *f = (const unsigned char *)e[i].folded;
        size_t fl = e[i].folded_len;
        if (fl == 0)
            continue;
        size_t b = mtl_nm_given_bit(fl, f[0], fl > 1 ? f[1] : 0, f[fl - 1]);
        st->given_bits[b / 64] |= (uint64_t)1 << (b % 64);
        b = mtl_nm_whole_bit(e[i].folded, fl);
        st->whole[b / 64] |= (uint64_t)1 << (b % 64);
    }
    const mtl_lexicon *parts[2] = {st->part, st->part_all};
    for (int k = 0; k < 2; k++) {
        e = mtl_lexicon_entries(parts[k], &n); /* n 0 for NULL */
        for (size_t i = 0; i < n; i++)
            mtl_nm_note_bit(st->part_bits, e[i].folded, e[i].folded_len);
    }
    for (size_t i = 0; i < MTL_NM_NELEM(mtl_nm_particles); i++)
        mtl_nm_note_bit(st->part_bits, mtl_nm_particles[i],
                        strlen(mtl_nm_particles[i]));
    const mtl_lexicon *stops[2] = {st->stop, st->func};
    for (int k = 0; k < 2; k++) {
        e = mtl_lexicon_entries(stops[k], &n); /* n 0 for NULL */
        for (size_t i = 0; i < n; i++)
            mtl_nm_note_bit(st->stop_bits, e[i].text, e[i].len);
    }
    for (size_t i = 0; i < MTL_NM_NELEM(mtl_nm_starters); i++)
        mtl_nm_note_bit(st->stop_bits, mtl_nm_starters[i],
                        strlen(mtl_nm_starters[i]));
    e = mtl_lexicon_entries(st->titles, &n); /* n 0 for NULL */
    for (size_t i = 0; i < n; i++)
        mtl_nm_note_bit(st->title_bits, e[i].folded, e[i].folded_len);
    for (size_t i = 0; i < MTL_NM_NELEM(mtl_nm_title_words); i++)
        mtl_nm_note_bit(st->title_bits, mtl_nm_title_words[i],
                        strlen(mtl_nm_title_words[i]));
    *state = st;
    return MTL_OK;
}

static void
mtl_names_unload(void *state)
{
    free(state);
}

/* ------------------------------------------------- lower-case copies */

/*
 * "okafor-mcbride said" where the document writes "Ngozi Okafor-McBride":
 * a lower-case word of four letters or more that the dictionary does not
 * know, written elsewhere in the document as part of a name: capitalised
 * inside a capitalised word pair of running text ("Ngozi Okafor", not on
 * a line of capitalised words, a headline), or with a capital inside
 * ("McBride", "DiCaprio"), or as the surname of a name pair on a line
 * that is no headline, glued ones too ("Adaeze OkonkwoShe said" ...
 * "okonkwo added").  A hyphenated compound is flagged whole, its
 * parts written as the document writes them (or capitalised).  Words
 * glued to anything but a hyphen (addresses, handles) stay silent.  At
 * most MTL_NM_LOWCOPY_MAX capitalised forms are kept.
 */
#define MTL_NM_LOWCOPY_MAX 128
/* At most this many lower-case copies per document are judged (a long
 * text repeating one is not judged again and again). */
#define MTL_NM_LOWCOPY_TRIES 256

typedef struct mtl_nm_lowcopy {
    uint64_t hash;       /* of the form lower-cased, MTL_LEXICON_SEED */
    uint32_t start, len; /* the capitalised form's bytes */
} mtl_nm_lowcopy;

/* True if line @p line of the document has no lower-case word of four
 * letters or more: a headline or a list of names. */
static bool
mtl_nm_caps_line(const mtl_nm_ctx *c, uint32_t line)
{
    const mtl_doc *d = c->doc;
    if (line == 0 || line > d->nlines)
        return true;
    const mtl_span *sp = &d->lines[line - 1];
    for (size_t k = sp->tok_first; k < sp->tok_first + sp->tok_count; k++)
        if (d->toks[k].casing == MTL_CASE_LOWER && d->toks[k].nchars >= 4)
            return false;
    return true;
}

/* mtl_nm_caps_line, remembered for the last line asked about. */
typedef struct mtl_nm_line_memo {
    uint32_t line;
    bool caps;
} mtl_nm_line_memo;

static bool
mtl_nm_caps_line_memo(const mtl_nm_ctx *c, uint32_t line,
                      mtl_nm_line_memo *m)
{
    if (m->line != line) {
        m->line = line;
        m->caps = mtl_nm_caps_line(c, line);
    }
    return m->caps;
}

/* A capitalised name form at token i: see above. */
static bool
mtl_nm_lowcopy_evidence(const mtl_nm_ctx *c, size_t i, mtl_nm_line_memo *m)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    if (t->kind != MTL_TOK_WORD || t->nchars < 4 ||
        t->len > MTL_NM_WORD_MAX || (t->flags & MTL_TF_DIGIT))
        return false;
    if (t->casing == MTL_CASE_MIXED)
        return (t->flags & MTL_TF_UPPER_START) &&
               mtl_tok_letters_only(mtl_nm_text(c, i), t) &&
               !mtl_nm_caps_line_memo(c, t->line, m);
    if (t->casing != MTL_CASE_TITLE || c->st->noun_caps)
        return false;
    /* a neighbour of the same sentence, capitalised, over a space or a
     * hyphen */
    bool pair = false;
    if (i > 0 && d->toks[i - 1].sent == t->sent) {
        size_t p = i - 1;
        if (mtl_nm_punct(c, p, '-') && p > 0 && mtl_tok_glued_prev(d, i) &&
            mtl_tok_glued_prev(d, p))
            p--;
        pair = (p < i - 1 || mtl_nm_spaced(c, i)) &&
               d->toks[p].kind == MTL_TOK_WORD &&
               (d->toks[p].casing == MTL_CASE_TITLE ||
                d->toks[p].casing == MTL_CASE_MIXED) &&
               !(d->toks[p].flags & MTL_TF_SENT_START);
    }
    if (!pair && i + 1 < d->ntoks && d->toks[i + 1].sent == t->sent) {
        size_t n = i + 1;
        if (mtl_nm_punct(c, n, '-') && n + 1 < d->ntoks &&
            mtl_tok_glued_prev(d, n) && mtl_tok_glued_prev(d, n + 1))
            n++;
        pair = (n > i + 1 || mtl_nm_spaced(c, n)) &&
               d->toks[n].kind == MTL_TOK_WORD &&
               (d->toks[n].casing == MTL_CASE_TITLE ||
                d->toks[n].casing == MTL_CASE_MIXED) &&
               !(t->flags & MTL_TF_SENT_START);
    }
    return pair && mtl_tok_letters_only(mtl_nm_text(c, i), t) &&
           !mtl_nm_caps_line_memo(c, t->line, m);
}

/* Token i stands in a sentence of running text: two function words at
 * least (not a tag list, "Tags: 2020 nissan sentra"). */
static bool
mtl_nm_running_sentence(const mtl_nm_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    uint32_t sent = d->toks[i].sent;
    if (sent >= d->nsents)
        return false;
    const mtl_span *sp = &d->sents[sent];
    unsigned stops = 0;
    for (size_t k = sp->tok_first;
         k < sp->tok_first + sp->tok_count && stops < 2; k++)
        if (d->toks[k].kind == MTL_TOK_WORD &&
            d->toks[k].casing == MTL_CASE_LOWER &&
            mtl_nm_is_stop(c, mtl_nm_text(c, k), d->toks[k].len))
            stops++;
    return stops >= 2;
}

/* The English dictionary knows lower-case @p s, as it is or capitalised
 * ("blog", "friday"). */
static bool
mtl_nm_english_word(const mtl_nm_ctx *c, const mtl_lang *en, const char *s,
                    size_t len)
{
    if (mtl_spell(c->ck, en, s, len) == 1)
        return true;
    char tb[MTL_NM_WORD_MAX * 4 + 1];
    size_t tl = mtl_nm_titlecase(s, len, tb, sizeof tb);
    return tl && mtl_spell(c->ck, en, tb, tl) == 1;
}

/* The kept forms by hash, open addressing: a slot holds 1 + the index of
 * a form, 0 when empty.  The forms' hashes differ (one form a hash). */
#define MTL_NM_LOWCOPY_SLOTS 256 /* a power of two, twice the forms */

/* The form of hash @p h among those kept, or -1; *at: the slot that holds
 * it, or the empty one where it would go. */
static long
mtl_nm_lowcopy_slot(const mtl_nm_lowcopy *ev, const uint8_t *slot,
                    uint64_t h, size_t *at)
{
    size_t k = (size_t)h & (MTL_NM_LOWCOPY_SLOTS - 1);
    for (; slot[k]; k = (k + 1) & (MTL_NM_LOWCOPY_SLOTS - 1))
        if (ev[slot[k] - 1].hash == h)
            break;
    *at = k;
    return (long)slot[k] - 1;
}

/* The capitalised form of token i among those kept, or -1. */
__attribute__((always_inline)) static inline long
mtl_nm_lowcopy_find(const mtl_nm_ctx *c, const mtl_nm_lowcopy *ev,
                    const uint8_t *slot, size_t i)
{
    const mtl_doc *d = c->doc;
    const mtl_token *t = &d->toks[i];
    const char *s = mtl_nm_text(c, i);
    uint64_t h = c->ck->words_doc == d
                     ? c->ck->words[i].hash
                     : mtl_hash64(s, t->len, MTL_LEXICON_SEED);
    size_t at;
    long k = mtl_nm_lowcopy_slot(ev, slot, h, &at);
    if (k < 0)
        return -1;
    char low[MTL_NM_WORD_MAX * 4];
    size_t ll = mtl_utf8_lower(d->text + ev[k].start, ev[k].len, low,
                               sizeof low);
    return ll == t->len && memcmp(low, s, ll) == 0 ? k : -1;
}

/* Adds the capitalised form at bytes [start, start + len) to the
 * evidence of mtl_nm_lower_copies, unless it is there. */
static void
mtl_nm_lowcopy_add(const mtl_nm_ctx *c, mtl_nm_lowcopy *ev, uint8_t *slot,
                   size_t *nev, size_t start, size_t len, bool ascii)
{
    /* an ASCII word (most) lower-cased inline, as mtl_utf8_lower
     * would */
    const char *s = c->doc->text + start;
    char low[MTL_NM_WORD_MAX * 4];
    size_t ll = len;
    if (ascii)
        mtl_ascii_lower_copy(low, s, ll);
    else
        ll = mtl_utf8_lower(s, len, low, sizeof low);
    if (!ll)
        return;
    uint64_t h = mtl_hash64(low, ll, MTL_LEXICON_SEED);
    size_t at;
    if (mtl_nm_lowcopy_slot(ev, slot, h, &at) < 0) {
        ev[*nev] = (mtl_nm_lowcopy){h, (uint32_t)start, (uint32_t)len};
        slot[at] = (uint8_t)++*nev;
    }
}

/* A learned adjective of the Romance languages, eight letters or more in
 * -ico, -ica, -ici, -iche, -icos, -icas ("buque oceanográfico", which
 * the dictionary may lack, beside "Centro Oceanográfico de Canarias"):
 * no lower-cased surname. */
static bool
mtl_nm_learned_adjective(const char *s, size_t len, size_t nchars)
{
    static const char *const ends[] = {"ico", "ica", "ici", "iche", "icos",
                                       "icas"};
    if (nchars < 8)
        return false;
    for (size_t k = 0; k < MTL_NM_NELEM(ends); k++) {
        size_t el = strlen(ends[k]);
        if (len > el && memcmp(s + len - el, ends[k], el) == 0)
            return true;
    }
    return false;
}

static void
mtl_nm_lower_copies(const mtl_nm_ctx *c, const mtl_nm_toklist *titles,
                    const mtl_nm_pairs *pairs, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    if (!out || !c->st->dict)
        return;
    mtl_nm_lowcopy ev[MTL_NM_LOWCOPY_MAX];
    uint8_t slot[MTL_NM_LOWCOPY_SLOTS];
    memset(slot, 0, sizeof slot);
    mtl_nm_line_memo memo = {0, false};
    size_t nev = 0;
    /* the title-case and mixed-case words in document order: the two
     * lists of the scan merged, rather than every token read */
    size_t ti = 0, mi = 0;
    while (nev < MTL_NM_LOWCOPY_MAX &&
           (ti < titles->n || mi < titles->nmixed)) {
        size_t i = mi == titles->nmixed ||
                           (ti < titles->n && titles->v[ti] < titles->mixed[mi])
                       ? titles->v[ti++]
                       : titles->mixed[mi++];
        const mtl_token *t = &d->toks[i];
        if (mtl_nm_lowcopy_evidence(c, i, &memo))
            mtl_nm_lowcopy_add(c, ev, slot, &nev, t->start, t->len,
                               t->flags & MTL_TF_ASCII);
    }
    /* and the surnames after a given name on a line of prose, glued ones
     * too ("Adaeze OkonkwoShe said", "Nikos Papadakis58") */
    for (size_t k = 0; k < pairs->n && nev < MTL_NM_LOWCOPY_MAX; k++) {
        const mtl_nm_pair *q = &pairs->v[k];
        const char *o = d->text + q->s_off;
        if (q->s_len > MTL_NM_WORD_MAX || mtl_utf8_count(o, q->s_len) < 4 ||
            !mtl_utf8_letters_only(o, q->s_len) ||
            mtl_nm_caps_line_memo(c, d->toks[q->g].line, &memo))
            continue;
        mtl_nm_lowcopy_add(c, ev, slot, &nev, q->s_off, q->s_len,
                           mtl_nm_nonascii(o, q->s_len) == 0);
    }
    if (!nev)
        return;
    /* English loanwords ("il black Friday", "o blog") are no names */
    const mtl_lang *en = NULL;
    if (strcmp(c->st->primary, "en") != 0) {
        mtl_error err;
        en = mtl_engine_lang(c->ck->engine, "en", &err);
    }
    unsigned tries = MTL_NM_LOWCOPY_TRIES;
    for (size_t i = 0; i < d->ntoks; i++) {
        const mtl_token *t = &d->toks[i];
        if (t->kind != MTL_TOK_WORD || t->casing != MTL_CASE_LOWER ||
            t->nchars < 4 || t->len > MTL_NM_WORD_MAX)
            continue;
        long k = mtl_nm_lowcopy_find(c, ev, slot, i);
        if (k < 0)
            continue;
        /* a bounded number of copies judged: each asks the flags so far */
        if (tries-- == 0)
            break;
        /* the hyphenated compound around it */
        size_t a = i, b = i;
        while (a >= 2 && mtl_nm_punct(c, a - 1, '-') &&
               mtl_tok_glued_prev(d, a) && mtl_tok_glued_prev(d, a - 1) &&
               d->toks[a - 2].kind == MTL_TOK_WORD)
            a -= 2;
        while (b + 2 < d->ntoks && mtl_nm_punct(c, b + 1, '-') &&
               mtl_tok_glued_prev(d, b + 1) && mtl_tok_glued_prev(d, b + 2) &&
               d->toks[b + 2].kind == MTL_TOK_WORD)
            b += 2;
        bool ok = (a == 0 || !mtl_tok_glued_prev(d, a)) &&
                  (b + 1 >= d->ntoks || !mtl_tok_glued_prev(d, b + 1) ||
                   mtl_nm_closing_punct(c, b + 1)) &&
                  !mtl_flags_overlap(out, "name", d->toks[a].start,
                                     d->toks[b].start + d->toks[b].len) &&
                  mtl_nm_running_sentence(c, i);
        /* every part lower case, letters only, unknown to the dictionary,
         * no function word or particle */
        for (size_t j = a; ok && j <= b; j += 2) {
            const mtl_token *p = &d->toks[j];
            const char *ps = mtl_nm_text(c, j);
            ok = p->casing == MTL_CASE_LOWER && p->len <= MTL_NM_WORD_MAX &&
                 mtl_utf8_letters_only(ps, p->len) &&
                 !mtl_nm_is_stop(c, ps, p->len) &&
                 !mtl_nm_is_particle(c, ps, p->len) &&
                 mtl_spell(c->ck, c->lang, ps, p->len) == 0 &&
                 !(en && mtl_nm_english_word(c, en, ps, p->len)) &&
                 !mtl_nm_learned_adjective(ps, p->len, p->nchars);
        }
        if (ok) {
            mtl_strbuf sb;
            mtl_strbuf_init(&sb);
            for (size_t j = a; j <= b; j += 2) {
                if (j > a)
                    mtl_strbuf_putc(&sb, '-');
                long e = j == i ? k : mtl_nm_lowcopy_find(c, ev, slot, j);
                if (e >= 0) {
                    mtl_strbuf_put(&sb, d->text + ev[e].start, ev[e].len);
                } else {
                    char tb[MTL_NM_WORD_MAX * 4 + 1];
                    size_t tl = mtl_nm_titlecase(mtl_nm_text(c, j),
                                                 d->toks[j].len, tb,
                                                 sizeof tb);
                    mtl_strbuf_put(&sb, tb, tl);
                }
            }
            mtl_strbuf_putc(&sb, '\0');
            mtl_flags_addf(out, MTL_RULE_NAME_LOWERCASED, d->toks[a].start,
                           d->toks[b].start + d->toks[b].len, sb.data,
                           "name written in lower case (\"%.*s\" elsewhere "
                           "in this document)",
                           (int)ev[k].len, d->text + ev[k].start);
            mtl_strbuf_free(&sb);
        }
        i = b;
    }
}

/* Folds @p s (@p len bytes) without hyphens and apostrophes into @p out
 * (@p cap bytes); returns the length, 0 if it does not fit. */
static size_t
mtl_nm_fold_joined(const char *s, size_t len, char *out, size_t cap)
{
    char tmp[MTL_NM_WORD_MAX * 2];
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        int32_t cp = mtl_utf8_next(s, len, &i);
        if (cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0x2010)
            continue;
        if (o + (i - at) > sizeof tmp)
            return 0;
        memcpy(tmp + o, s + at, i - at);
        o += i - at;
    }
    return mtl_nm_fold(tmp, o, out, cap);
}

/*
 * One name written in one word and split in two ("Chiara Dal Molin" ...
 * "Chiara Dalmolin", "Li Zhi Qiang" ... "Li Zhiqiang"): after the same
 * given name or family name written first, a capitalised word of six
 * letters or more elsewhere equal, case-folded, to two capitalised words
 * (not both common words: "Dubai Air Show").  A hyphen between them
 * ("Zhao Li-ming" ... "Zhao Liming") is mtl_nm_hyphen_variant's.
 * The later form is flagged, the earlier the suggestion.  At most
 * MTL_NM_SPLIT_MAX forms per document.
 */
#define MTL_NM_SPLIT_MAX 64

static bool mtl_nm_flagged(const mtl_flags *out, unsigned rule, size_t s,
                           size_t e);

typedef struct mtl_nm_split {
    uint32_t g;          /* the word before */
    uint32_t start, end; /* the form's bytes */
    uint8_t klen;
    bool split;
    char key[40];
} mtl_nm_split;

static void
mtl_nm_split_variants(const mtl_nm_ctx *c, const mtl_nm_toklist *titles,
                      mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    if (!out || titles->n < 3)
        return;
    mtl_nm_split v[MTL_NM_SPLIT_MAX];
    size_t n = 0, nsplit = 0;
    for (size_t k = 0; k < titles->n && n < MTL_NM_SPLIT_MAX; k++) {
        size_t t = titles->v[k];
        if (t == 0 || t + 1 > d->ntoks || !mtl_nm_spaced(c, t) ||
            d->toks[t - 1].casing != MTL_CASE_TITLE ||
            d->toks[t - 1].kind != MTL_TOK_WORD ||
            d->toks[t - 1].sent != d->toks[t].sent)
            continue;
        const mtl_token *a = &d->toks[t];
        mtl_nm_split x;
        x.g = (uint32_t)(t - 1);
        x.start = a->start;
        size_t second = 0; /* the second part's token, 0 none */
        if (t + 1 < d->ntoks && mtl_nm_spaced(c, t + 1) &&
            d->toks[t + 1].casing == MTL_CASE_TITLE &&
            d->toks[t + 1].kind == MTL_TOK_WORD &&
            d->toks[t + 1].sent == a->sent)
            second = t + 1;
        size_t kl = mtl_nm_fold(mtl_nm_text(c, t), a->len, x.key, sizeof x.key);
        if (!kl)
            continue;
        if (second) {
            const mtl_token *b = &d->toks[second];
            size_t bl = mtl_nm_fold(mtl_nm_text(c, second), b->len,
                                    x.key + kl, sizeof x.key - kl);
            if (!bl || (second + 1 < d->ntoks &&
                        d->toks[second + 1].kind == MTL_TOK_WORD &&
                        (d->toks[second + 1].flags & MTL_TF_UPPER_START) &&
                        mtl_nm_spaced(c, second + 1)))
                continue;
            x.klen = (uint8_t)(kl + bl);
            x.end = b->start + b->len;
            x.split = true;
            nsplit++;
        } else {
            if (a->nchars < 6 ||
                (t + 1 < d->ntoks && mtl_tok_glued_prev(d, t + 1) &&
                 !mtl_nm_closing_punct(c, t + 1)))
                continue;
            x.klen = (uint8_t)kl;
            x.end = a->start + a->len;
            x.split = false;
        }
        v[n++] = x;
    }
    if (nsplit == 0 || nsplit == n)
        return;
    for (size_t y = 1; y < n; y++)
        for (size_t x = 0; x < y; x++) {
            const mtl_token *gx = &d->toks[v[x].g], *gy = &d->toks[v[y].g];
            if (v[x].split == v[y].split || v[x].klen != v[y].klen ||
                memcmp(v[x].key, v[y].key, v[x].klen) != 0 ||
                gx->len != gy->len ||
                memcmp(mtl_nm_text(c, v[x].g), mtl_nm_text(c, v[y].g),
                       gx->len) != 0 ||
                v[x].end - gx->start >= 96)
                continue;
            /* a person's name: a given name or a family name written
             * first before it ("Chiara", "Li"; not "Dubai Air Show"),
             * and a part of the split form no common word */
            const mtl_nm_split *sp = v[x].split ? &v[x] : &v[y];
            size_t s1 = sp->g + 1, s2 = s1 + 1;
            if (!(mtl_nm_strong_given(c, v[x].g) ||
                  (c->st->family_first &&
                   mtl_lexicon_has(c->st->family_first,
                                   mtl_nm_text(c, v[x].g), gx->len))) ||
                (mtl_nm_class(c, mtl_nm_text(c, s1), d->toks[s1].len) ==
                     MTL_NM_COMMON &&
                 mtl_nm_class(c, mtl_nm_text(c, s2), d->toks[s2].len) ==
                     MTL_NM_COMMON))
                continue;
            /* one flag per pair, whichever rule found it */
            if (mtl_nm_flagged(out, MTL_RULE_NAME_VARIANT, gy->start,
                               v[y].end) ||
                mtl_nm_flagged(out, MTL_RULE_NAME_VARIANT, gx->start,
                               v[x].end))
                break;
            char sugg[96];
            size_t sl = v[x].end - gx->start;
            memcpy(sugg, d->text + gx->start, sl);
            sugg[sl] = '\0';
            mtl_flags_addf(out, MTL_RULE_NAME_VARIANT, gy->start, v[y].end,
                           sugg,
                           "\"%.*s\" is written \"%s\" earlier in this "
                           "document: one name in one word and in two",
                           (int)(v[y].end - gy->start), d->text + gy->start,
                           sugg);
            break;
        }
}

/*
 * A Korean name given in both orders ("Kim Min-ji" ... "Min-ji Kim"): a
 * hyphenated given name, two parts of two to five letters (the second in
 * lower case), with a family name of family-names-first.txt before it in
 * one place and after it in another, on one line each, both spaced.  The
 * later order is flagged, the earlier the suggestion.
 */
static void
mtl_nm_hyphen_swapped(const mtl_nm_ctx *c, const mtl_nm_toklist *titles,
                      mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    if (!out || !c->st->family_first || titles->nhyph < 2)
        return;
    /* per hyphenated given name: its family name's token and the order
     * (1 family first, 2 given first) */
    size_t fam[MTL_NM_JOINED_MAX];
    int ord[MTL_NM_JOINED_MAX];
    for (size_t x = 0; x < titles->nhyph; x++) {
        size_t h = titles->hyph[x];
        ord[x] = 0;
        const mtl_token *g1 = &d->toks[h];
        if (h + 2 >= d->ntoks || g1->nchars > 5 ||
            !mtl_tok_glued_prev(d, h + 2) ||
            d->toks[h + 2].kind != MTL_TOK_WORD ||
            d->toks[h + 2].casing != MTL_CASE_LOWER ||
            d->toks[h + 2].nchars < 2 || d->toks[h + 2].nchars > 5 ||
            (h + 3 < d->ntoks && mtl_tok_glued_prev(d, h + 3) &&
             d->toks[h + 3].kind == MTL_TOK_WORD))
            continue;
        if (h > 0 && mtl_nm_spaced(c, h) && d->toks[h - 1].sent == g1->sent &&
            d->toks[h - 1].casing == MTL_CASE_TITLE &&
            mtl_lexicon_has(c->st->family_first, mtl_nm_text(c, h - 1),
                            d->toks[h - 1].len)) {
            fam[x] = h - 1;
            ord[x] = 1;
        } else if (h + 3 < d->ntoks && mtl_nm_spaced(c, h + 3) &&
                   d->toks[h + 3].sent == g1->sent &&
                   d->toks[h + 3].casing == MTL_CASE_TITLE &&
                   mtl_lexicon_has(c->st->family_first, mtl_nm_text(c, h + 3),
                                   d->toks[h + 3].len)) {
            fam[x] = h + 3;
            ord[x] = 2;
        }
    }
    for (size_t y = 1; y < titles->nhyph; y++) {
        if (!ord[y])
            continue;
        size_t hy = titles->hyph[y];
        for (size_t x = 0; x < y; x++) {
            size_t hx = titles->hyph[x];
            if (!ord[x] || ord[x] == ord[y] ||
                d->toks[fam[x]].len != d->toks[fam[y]].len ||
                memcmp(mtl_nm_text(c, fam[x]), mtl_nm_text(c, fam[y]),
                       d->toks[fam[y]].len) != 0)
                continue;
            /* the same given name: its three tokens' bytes */
            size_t gxs = d->toks[hx].start, gxe = d->toks[hx + 2].start +
                                                   d->toks[hx + 2].len;
            size_t gys = d->toks[hy].start, gye = d->toks[hy + 2].start +
                                                   d->toks[hy + 2].len;
            if (gxe - gxs != gye - gys ||
                memcmp(d->text + gxs, d->text + gys, gxe - gxs) != 0)
                continue;
            size_t xs = ord[x] == 1 ? d->toks[fam[x]].start : gxs;
            size_t xe = ord[x] == 1 ? gxe
                                    : d->toks[fam[x]].start +
                                          d->toks[fam[x]].len;
            size_t ys = ord[y] == 1 ? d->toks[fam[y]].start : gys;
            size_t ye = ord[y] == 1 ? gye
                                    : d->toks[fam[y]].start +
                                          d->toks[fam[y]].len;
            if (xe - xs >= 64)
                break;
            char sugg[64];
            memcpy(sugg, d->text + xs, xe - xs);
            sugg[xe - xs] = '\0';
            mtl_flags_addf(out, MTL_RULE_NAME_VARIANT, ys, ye, sugg,
                           "\"%.*s\" is \"%s\" earlier in this document: "
                           "one name in two orders, family name first and "
                           "last",
                           (int)(ye - ys), d->text + ys, sugg);
            break;
        }
    }
}

/* Flags bytes [@p fs, @p fe) as name-variant, the document's bytes
 * [@p ss, @p se) (another form of the name) the suggestion; @p how
 * follows "\"F\" is \"S\" ". */
static void
mtl_nm_flag_form(const mtl_nm_ctx *c, mtl_flags *out, size_t fs, size_t fe,
                 size_t ss, size_t se, const char *how)
{
    const mtl_doc *d = c->doc;
    char sugg[MTL_NM_WORD_MAX * 2 + 1];
    if (se - ss >= sizeof sugg)
        return;
    memcpy(sugg, d->text + ss, se - ss);
    sugg[se - ss] = '\0';
    mtl_flags_addf(out, MTL_RULE_NAME_VARIANT, fs, fe, sugg,
                   "\"%.*s\" is \"%s\" %s", (int)(fe - fs), d->text + fs,
                   sugg, how);
}

/*
 * "Rashid Al-Masri" ... "Al-Masri Rashid", "Ama Owusu-Boateng" ...
 * "Owusu-Boateng Ama": a listed given name before a hyphenated surname
 * in one place and after it in another (the given name no family name
 * written first).  The order with the surname first is flagged, the
 * other suggested.
 */
static void
mtl_nm_hyphen_order(const mtl_nm_ctx *c, const mtl_nm_toklist *titles,
                    mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    if (!out || titles->nhyph < 2)
        return;
    for (size_t x = 0; x < titles->nhyph; x++) {
        size_t h = titles->hyph[x];
        /* X-Y G: the surname, then a listed given name */
        if (h + 3 >= d->ntoks || !mtl_tok_glued_prev(d, h + 2) ||
            d->toks[h + 2].kind != MTL_TOK_WORD ||
            d->toks[h + 2].casing != MTL_CASE_TITLE ||
            !mtl_nm_spaced(c, h + 3) ||
            d->toks[h + 3].kind != MTL_TOK_WORD ||
            d->toks[h + 3].casing != MTL_CASE_TITLE ||
            d->toks[h + 3].sent != d->toks[h].sent ||
            !mtl_nm_is_given(c, mtl_nm_text(c, h + 3), d->toks[h + 3].len) ||
            (c->st->family_first &&
             mtl_lexicon_has(c->st->family_first, mtl_nm_text(c, h),
                             d->toks[h].len)))
            continue;
        const mtl_token *a = &d->toks[h], *b = &d->toks[h + 2],
                        *g = &d->toks[h + 3];
        size_t slen = b->start + b->len - a->start;
        for (size_t y = 0; y < titles->nhyph; y++) {
            size_t k = titles->hyph[y];
            if (k == h || k < 1 || k + 2 >= d->ntoks ||
                !mtl_tok_glued_prev(d, k + 2) ||
                d->toks[k + 2].start + d->toks[k + 2].len - d->toks[k].start !=
                    slen ||
                memcmp(d->text + d->toks[k].start, d->text + a->start, slen) !=
                    0)
                continue;
            const mtl_token *p = &d->toks[k - 1];
            if (!mtl_nm_spaced(c, k) || p->sent != d->toks[k].sent ||
                p->len != g->len ||
                memcmp(d->text + p->start, d->text + g->start, g->len) != 0)
                continue;
            size_t fs = a->start, fe = g->start + g->len;
            size_t ss = p->start, se = d->toks[k + 2].start +
                                         d->toks[k + 2].len;
            if (!mtl_nm_flagged(out, MTL_RULE_NAME_VARIANT, fs, fe))
                mtl_nm_flag_form(c, out, fs, fe, ss, se,
                                 "elsewhere in this document: one name in "
                                 "two orders");
            break;
        }
    }
}

/*
 * "Karaca-Lindner" and "Karaca Lindner", "Ivanova-Petit" and "Ivanova
 * Petit": a double name joined by a hyphen in one place and by a space in
 * another.  Both words title case, the hyphen glued on both sides and no
 * third part after it; the spaced pair in one sentence, one space
 * between, no hyphen glued to either side; one of the two words unknown
 * to the dictionary in lower case (a name, not "Saint Louis").  The later
 * form is flagged, the earlier suggested.
 */
static void
mtl_nm_spaced_variants(const mtl_nm_ctx *c, const mtl_nm_toklist *titles,
                       mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    if (!out || !c->st->dict || titles->nhyph == 0)
        return;
    for (size_t x = 0; x < titles->nhyph; x++) {
        size_t h = titles->hyph[x];
        if (h + 2 >= d->ntoks || !mtl_tok_glued_prev(d, h + 2) ||
            d->toks[h + 2].kind != MTL_TOK_WORD ||
            d->toks[h + 2].casing != MTL_CASE_TITLE ||
            (h > 0 && mtl_tok_glued_prev(d, h) &&
             mtl_nm_punct(c, h - 1, '-')) ||
            (h + 3 < d->ntoks && mtl_tok_glued_prev(d, h + 3) &&
             !mtl_nm_closing_punct(c, h + 3)))
            continue;
        const mtl_token *a = &d->toks[h], *b = &d->toks[h + 2];
        if (a->len > MTL_NM_WORD_MAX || b->len > MTL_NM_WORD_MAX)
            continue;
        for (size_t y = 0; y < titles->n; y++) {
            size_t i = titles->v[y];
            if (i + 1 >= d->ntoks || i == h)
                continue;
            const mtl_token *p = &d->toks[i], *q = &d->toks[i + 1];
            if (p->len != a->len || q->len != b->len ||
                q->casing != MTL_CASE_TITLE || q->sent != p->sent ||
                !mtl_nm_spaced(c, i + 1) ||
                q->start != p->start + p->len + 1 ||
                memcmp(d->text + p->start, d->text + a->start, a->len) != 0 ||
                memcmp(d->text + q->start, d->text + b->start, b->len) != 0 ||
                (i > 0 && mtl_tok_glued_prev(d, i) &&
                 mtl_nm_punct(c, i - 1, '-')) ||
                (i + 2 < d->ntoks && mtl_tok_glued_prev(d, i + 2) &&
                 mtl_nm_punct(c, i + 2, '-')))
                continue;
            char la[MTL_NM_WORD_MAX + 1], lb[MTL_NM_WORD_MAX + 1];
            size_t na = mtl_utf8_lower(d->text + a->start, a->len, la,
                                       sizeof la);
            size_t nb = mtl_utf8_lower(d->text + b->start, b->len, lb,
                                       sizeof lb);
            if (!na || !nb ||
                (mtl_spell(c->ck, c->lang, la, na) == 1 &&
                 mtl_spell(c->ck, c->lang, lb, nb) == 1))
                break;
            bool spaced_later = p->start > a->start;
            size_t fs = spaced_later ? p->start : a->start;
            size_t fe = spaced_later ? q->start + q->len : b->start + b->len;
            size_t ss = spaced_later ? a->start : p->start;
            size_t se = spaced_later ? b->start + b->len : q->start + q->len;
            if (se - ss <= MTL_NM_WORD_MAX &&
                !mtl_nm_flagged(out, MTL_RULE_NAME_VARIANT, fs, fe))
                mtl_nm_flag_form(c, out, fs, fe, ss, se,
                                 "elsewhere in this document: one double "
                                 "name, with a hyphen and without");
            break;
        }
    }
}

/*
 * One name written with and without its hyphen or apostrophe
 * ("Jasem Al-Budaiwi" ... "Albudaiwi", "N'Diaye" ... "Aminata Ndiaye"):
 * a capitalised word joined to the next by a hyphen, or a word with an
 * apostrophe after its first letters, equal once both lose them and are
 * case-folded to a capitalised word of five letters or more elsewhere
 * that the dictionary does not know.  The later form is flagged, with
 * the earlier as suggestion.
 */
static void
mtl_nm_joined_variants(const mtl_nm_ctx *c, const mtl_nm_toklist *titles,
                       mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    if (!out || !c->st->dict || titles->nhyph + titles->napos == 0)
        return;
    struct {
        size_t start, end;
        char f[64];
        size_t fl;
    } jf[MTL_NM_JOINED_MAX];
    size_t nj = 0;
    /* the joined forms: "Al-Budaiwi" from a title-case word */
    for (size_t x = 0; x < titles->nhyph && nj < MTL_NM_JOINED_MAX; x++) {
        /* a title-case word of two letters or more glued to a hyphen (the
         * scan's test: "Al-", not "E-Paper"), then a title-case word */
        size_t i = titles->hyph[x];
        if (!mtl_tok_glued_prev(d, i + 2) ||
            d->toks[i + 2].kind != MTL_TOK_WORD ||
            d->toks[i + 2].casing != MTL_CASE_TITLE ||
            (i + 3 < d->ntoks && mtl_tok_glued_prev(d, i + 3) &&
             !mtl_nm_closing_punct(c, i + 3)))
            continue;
        size_t a = d->toks[i].start, b = d->toks[i + 2].start +
                                         d->toks[i + 2].len;
        if (b - a > MTL_NM_WORD_MAX)
            continue;
        jf[nj].fl = mtl_nm_fold_joined(d->text + a, b - a, jf[nj].f,
                                       sizeof jf[nj].f);
        jf[nj].start = a;
        jf[nj].end = b;
        nj += jf[nj].fl > 0;
    }
    /* "N'Diaye", "D’Amato": one token, an apostrophe after one or two
     * letters, a capital after it */
    for (size_t x = 0; x < titles->napos && nj < MTL_NM_JOINED_MAX; x++) {
        size_t i = titles->apos[x];
        const mtl_token *t = &d->toks[i];
        if (t->len > MTL_NM_WORD_MAX)
            continue;
        const char *s = mtl_nm_text(c, i);
        size_t q = s[1] == '\'' ? 2 : s[2] == '\'' ? 3
                   : t->len > 4 && memcmp(s + 1, "\xE2\x80\x99", 3) == 0 ? 4
                                                                       : 0;
        if (!q || !(s[0] >= 'A' && s[0] <= 'Z') || q >= t->len ||
            !((unsigned char)s[q] >= 'A' && (unsigned char)s[q] <= 'Z'))
            continue;
        jf[nj].fl = mtl_nm_fold_joined(s, t->len, jf[nj].f, sizeof jf[nj].f);
        jf[nj].start = t->start;
        jf[nj].end = t->start + t->len;
        nj += jf[nj].fl > 0;
    }
    if (nj == 0)
        return;
    for (size_t x = 0; x < titles->n; x++) {
        size_t i = titles->v[x];
        const mtl_token *t = &d->toks[i];
        if (t->nchars < 5 || t->len > MTL_NM_WORD_MAX ||
            (t->flags & MTL_TF_DIGIT))
            continue;
        /* a word glued to a hyphen is part of a joined form */
        if ((i > 0 && mtl_tok_glued_prev(d, i) &&
             mtl_nm_punct(c, i - 1, '-')) ||
            (i + 1 < d->ntoks && mtl_tok_glued_prev(d, i + 1) &&
             mtl_nm_punct(c, i + 1, '-')))
            continue;
        /* a form of about its length and first letter, before folding */
        const char *ts = mtl_nm_text(c, i);
        size_t k0 = 0;
        while (k0 < nj &&
               !(jf[k0].fl + 2 >= t->len && t->len + 2 >= jf[k0].fl &&
                 ((unsigned char)ts[0] >= 0x80 ||
                  mtl_ascii_lower((unsigned char)ts[0]) ==
                      (unsigned char)jf[k0].f[0])))
            k0++;
        if (k0 == nj)
            continue;
        char f[64];
        size_t fl = mtl_nm_fold(ts, t->len, f, sizeof f);
        if (!fl)
            continue;
        for (size_t k = k0; k < nj; k++) {
            if (jf[k].fl != fl || memcmp(jf[k].f, f, fl) != 0)
                continue;
            if (mtl_spell(c->ck, c->lang, mtl_nm_text(c, i), t->len) != 0)
                break;
            /* the later of the two is flagged */
            bool plain_later = t->start > jf[k].start;
            size_t fs = plain_later ? t->start : jf[k].start;
            size_t fe = plain_later ? t->start + t->len : jf[k].end;
            size_t ss = plain_later ? jf[k].start : t->start;
            size_t se = plain_later ? jf[k].end : t->start + t->len;
            char sugg[MTL_NM_WORD_MAX + 1];
            memcpy(sugg, d->text + ss, se - ss);
            sugg[se - ss] = '\0';
            mtl_flags_addf(out, MTL_RULE_NAME_VARIANT, fs, fe, sugg,
                           "\"%.*s\" is spelled \"%s\" elsewhere in this "
                           "document",
                           (int)(fe - fs), d->text + fs, sugg);
            break;
        }
    }
}

/* True if a name of sentence @p sent ends before token @p e: no
 * capitalised word of the sentence follows, and nothing but a closing
 * mark is glued to its last word. */
static bool
mtl_nm_name_ends(const mtl_nm_ctx *c, size_t e, uint32_t sent)
{
    const mtl_doc *d = c->doc;
    if (e >= d->ntoks)
        return true;
    return !(d->toks[e].kind == MTL_TOK_WORD &&
             (d->toks[e].flags & MTL_TF_UPPER_START) &&
             d->toks[e].sent == sent) &&
           !(mtl_tok_glued_prev(d, e) && !mtl_nm_closing_punct(c, e));
}

/* Sections of given-names.txt whose names are seldom followed by an
 * English surname that is also an ordinary word (not the Arabic one:
 * "Amir Khan", "Ahmed Said"; nor the Korean: "Jae-in Moon"). */
static const char *const mtl_nm_translit_sections[] = {
    "russian-ukrainian",
};

/*
 * "the deputy Andrei Hare", "lawyer Dmitry Sparrow", "Sergei Wolves": in
 * English, a Russian or Ukrainian given name (mtl_nm_translit_sections)
 * followed by a capitalised word that is an
 * ordinary English word (the dictionary knows it in lower case; no given
 * name, stop word, title or particle), and no further capitalised word:
 * the surname was translated ("Zayats" is a hare, "Vorobyov" a sparrow).
 * Token i is the given name of a title-case pair.
 */
static void
mtl_nm_translated_surname(const mtl_nm_ctx *c, size_t i, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    const mtl_token *g = &d->toks[i], *w = &d->toks[i + 1];
    /* English, and the Romance languages (German capitalises its nouns,
     * and its Russian-German surnames are its words: "Viktor Klein") */
    if ((!c->st->en && (c->st->noun_caps || !mtl_lang_romance(c->lang))) ||
        !c->st->dict || w->nchars < 3 || w->len > MTL_NM_WORD_MAX ||
        (c->st->en && !(w->flags & MTL_TF_ASCII)) ||
        !mtl_nm_name_ends(c, i + 2, w->sent))
        return;
    const char *gs = mtl_nm_text(c, i), *ws = mtl_nm_text(c, i + 1);
    /* names the Romance languages give too ("Iván", "Anastasia") */
    if (!c->st->en && mtl_nm_in_fold(mtl_nm_shared_russian, gs, g->len))
        return;
    bool sect = false;
    for (size_t k = 0; k < MTL_NM_NELEM(mtl_nm_translit_sections) && !sect;
         k++)
        sect = mtl_lexicon_in_section(c->st->given, gs, g->len,
                                      mtl_nm_translit_sections[k]);
    if (!sect || mtl_nm_is_given(c, ws, w->len) || mtl_nm_is_stop(c, ws, w->len) ||
        mtl_nm_is_title(c, ws, w->len) || mtl_nm_is_particle(c, ws, w->len))
        return;
    char low[MTL_NM_WORD_MAX * 2 + 8];
    size_t ln = mtl_utf8_lower(ws, w->len, low, sizeof low);
    if (!ln || mtl_spell(c->ck, c->lang, low, ln) != 1)
        return;
    /* and not a name the dictionary knows capitalised as well ("Rosa") */
    if (!c->st->en && mtl_nm_class(c, ws, w->len) != MTL_NM_COMMON)
        return;
    mtl_flags_addf(out, MTL_RULE_NAME_AS_PHRASE, g->start, w->start + w->len,
                   NULL,
                   "\"%.*s\" is an ordinary word of the text's language "
                   "after the given name \"%.*s\": a surname translated "
                   "instead of transliterated?",
                   (int)w->len, ws, (int)g->len, gs);
}

/* True if lower-case ASCII @p s (@p n bytes) reads as one Mandarin
 * syllable in pinyin ("long", "ping", "sun", "fan"): an initial and a
 * final.  Many pinyin given names are English words as well. */
static bool
mtl_nm_pinyin_syllable(const char *s, size_t n)
{
    /* finals by length; an initial is zh, ch, sh or one consonant */
    static const char *const f1[] = {"a", "o", "e", "i", "u", "v", NULL};
    static const char *const f2[] = {"ai", "ei", "ui", "ao", "ou", "iu",
                                     "ie", "ue", "er", "an", "en", "in",
                                     "un", "ia", "ua", "uo", NULL};
    static const char *const f3[] = {"ang", "eng", "ing", "ong", "iao",
                                     "ian", "uai", "uan", NULL};
    static const char *const f4[] = {"iang", "iong", "uang", "ueng", NULL};
    if (n == 0 || n > 6)
        return false;
    size_t i = 0;
    if (n >= 2 && s[1] == 'h' && (s[0] == 'z' || s[0] == 'c' || s[0] == 's'))
        i = 2;
    else if (s[0] != 'a' && s[0] != 'e' && s[0] != 'o' && s[0] >= 'a' &&
             s[0] <= 'z' && s[0] != 'i' && s[0] != 'u' && s[0] != 'v')
        i = 1;
    size_t fl = n - i;
    const char *const *f = fl == 1 ? f1 : fl == 2 ? f2 : fl == 3 ? f3
                                                   : fl == 4 ? f4 : NULL;
    for (size_t k = 0; f && f[k]; k++)
        if (memcmp(s + i, f[k], fl) == 0)
            return true;
    return false;
}

/* True if lower-case ASCII @p s reads as two pinyin syllables
 * ("jianhua", "xiaoming"). */
static bool
mtl_nm_pinyin_two(const char *s, size_t n)
{
    if (n > 12)
        return false;
    for (size_t k = 1; k < n; k++)
        if (mtl_nm_pinyin_syllable(s, k) && mtl_nm_pinyin_syllable(s + k, n - k))
            return true;
    return false;
}

/* Endings of Russian and Ukrainian surnames. */
static bool
mtl_nm_slavic_surname(const char *s, size_t n)
{
#define MTL_NM_END(e) {e, sizeof e - 1}
    static const struct {
        const char *s;
        size_t n;
    } ends[] = {MTL_NM_END("ova"),   MTL_NM_END("eva"),  MTL_NM_END("yova"),
                MTL_NM_END("ov"),    MTL_NM_END("ev"),   MTL_NM_END("sky"),
                MTL_NM_END("skiy"),  MTL_NM_END("skaya"), MTL_NM_END("enko"),
                MTL_NM_END("ina"),   MTL_NM_END("yuk"),  MTL_NM_END("chuk")};
#undef MTL_NM_END
    for (size_t k = 0; k < MTL_NM_NELEM(ends); k++) {
        size_t el = ends[k].n;
        if (n >= el + 3 && memcmp(s + n - el, ends[k].s, el) == 0)
            return true;
    }
    return false;
}

/* Whether token @p k is an East Asian demonym (mtl_nm_east_asian): in
 * lower case, but English capitalises it, and German its nouns. */
static bool
mtl_nm_east_asian_at(const mtl_nm_ctx *c, size_t k)
{
    const mtl_token *t = &c->doc->toks[k];
    /* they start with c, t, j, k or g and have five to twelve letters: a
     * byte test turns away most words before the fold */
    unsigned char b = (unsigned char)c->doc->text[t->start] | 0x20;
    if ((b != 'c' && b != 't' && b != 'j' && b != 'k' && b != 'g') ||
        t->nchars < 5 || t->nchars > 12)
        return false;
    return t->kind == MTL_TOK_WORD && t->len <= MTL_NM_WORD_MAX &&
           (t->casing == MTL_CASE_LOWER ||
            (t->casing == MTL_CASE_TITLE && (c->st->en || c->st->noun_caps))) &&
           mtl_nm_in_fold(mtl_nm_east_asian, mtl_nm_text(c, k), t->len);
}

/* Whether name word @p k is an ordinary word of the text's language and
 * nothing of a name: no listed given name, family name or pinyin
 * syllable ("Long", "Fang"), no stop word, title or role. */
static bool
mtl_nm_plain_word(const mtl_nm_ctx *c, size_t k)
{
    const mtl_token *t = &c->doc->toks[k];
    const char *s = mtl_nm_text(c, k);
    if (t->casing != MTL_CASE_TITLE || t->nchars < 3 ||
        t->len > MTL_NM_WORD_MAX || !mtl_utf8_letters_only(s, t->len) ||
        mtl_nm_is_given(c, s, t->len) || mtl_nm_is_stop(c, s, t->len) ||
        mtl_nm_is_title(c, s, t->len) ||
        mtl_nm_in_fold(mtl_nm_role_nouns, s, t->len) ||
        (c->st->family_first &&
         mtl_lexicon_has(c->st->family_first, s, t->len)))
        return false;
    if (t->flags & MTL_TF_ASCII) {
        char low[MTL_NM_WORD_MAX + 1];
        mtl_ascii_lower_copy(low, s, t->len);
        if (mtl_nm_pinyin_syllable(low, t->len))
            return false;
    }
    return mtl_nm_class(c, s, t->len) == MTL_NM_COMMON;
}

/*
 * "the Chinese singer White Snow" (Bai Xue), "l'acrobate chinoise Nuage
 * Blanc", "der chinesische Ökonom Hoher Wind": a Chinese, Japanese or
 * Korean person, so named by a demonym and a person noun next to each
 * other right before the name (either order), called by two ordinary
 * words of the text's language - the name translated word for word.
 * Neither word is a listed given or family name or a pinyin syllable
 * ("the Chinese swimmer Sun Yang"), and no capitalised word follows.
 * Token i is the first word of a title-case pair.
 */
static void
mtl_nm_translated_whole(const mtl_nm_ctx *c, size_t i, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    if (!c->st->dict || i < 2 || i + 2 > d->ntoks)
        return;
    const mtl_token *w = &d->toks[i];
    uint32_t sent = w->sent;
    if (d->toks[i - 1].sent != sent || d->toks[i - 2].sent != sent ||
        !mtl_nm_spaced(c, i) || !mtl_nm_spaced(c, i - 1))
        return;
    /* "Chinese singer", "acrobate chinoise"; German also "der Chinese" */
    bool who = (mtl_nm_east_asian_at(c, i - 2) && mtl_nm_person_noun(c, i - 1)) ||
               (mtl_nm_east_asian_at(c, i - 1) && mtl_nm_person_noun(c, i - 2)) ||
               (c->st->noun_caps && d->toks[i - 1].casing == MTL_CASE_TITLE &&
                mtl_nm_east_asian_at(c, i - 1));
    if (!who || !mtl_nm_name_ends(c, i + 2, sent) || !mtl_nm_plain_word(c, i) ||
        !mtl_nm_plain_word(c, i + 1))
        return;
    const mtl_token *n = &d->toks[i + 1];
    mtl_flags_addf(out, MTL_RULE_NAME_AS_PHRASE, w->start, n->start + n->len,
                   NULL,
                   "\"%.*s\" are ordinary words of the text's language for "
                   "a Chinese, Japanese or Korean person: a name translated "
                   "instead of transliterated?",
                   (int)(n->start + n->len - w->start), d->text + w->start);
}

/*
 * "Hope Krylova" (Nadezhda), "Morning Al-Tamimi" (Sabah), "High Jianhua"
 * (Gao): in English, a given or family name translated into an ordinary
 * English word before the rest of a name that is plainly of a tradition
 * whose names are no English words: a Russian or Ukrainian surname (its
 * ending, unknown to the dictionary), an Arabic one with its article
 * ("Al-", "El-"), or a listed Chinese given name of two pinyin syllables
 * after a word that is no given name at all.  The word is capitalised
 * mid-sentence after a word in lower case, or opens an apposition between
 * commas ("the head of the district, Hope Krylova."); it is known to the
 * dictionary in lower case, and no listed given name ("Said Al-Hmoud",
 * "Victor Petrov"), no Chinese family name ("Sun Jianhua"), title, role
 * or stop word ("Governor Gladkov"); no capitalised word follows the
 * name.  Token i is the word.
 */
static void
mtl_nm_translated_name(const mtl_nm_ctx *c, size_t i, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    const mtl_token *w = &d->toks[i];
    if (!c->st->en || !c->st->dict || i == 0 || i + 1 >= d->ntoks ||
        w->nchars < 3 || w->len > MTL_NM_WORD_MAX ||
        !(w->flags & MTL_TF_ASCII) || (w->flags & MTL_TF_SENT_START))
        return;
    const mtl_token *p = &d->toks[i - 1];
    /* after a lower-case word, or a comma that opens an apposition
     * closed after the name ("the head of the district, Hope Krylova.") */
    bool comma = p->kind == MTL_TOK_PUNCT && mtl_nm_punct(c, i - 1, ',');
    if ((!comma && (p->kind != MTL_TOK_WORD || p->casing != MTL_CASE_LOWER)) ||
        p->sent != w->sent || !(w->flags & MTL_TF_SPACE_BEFORE) ||
        (w->flags & MTL_TF_NEWLINE_BEFORE))
        return;
    /* the rest of the name: tokens [i + 1, e) */
    size_t e = i + 2;
    const mtl_token *n = &d->toks[i + 1];
    int kind = 0; /* 1 Slavic, 2 Arabic, 3 pinyin */
    char low[MTL_NM_WORD_MAX + 1];
    if (n->len <= MTL_NM_WORD_MAX && (n->flags & MTL_TF_ASCII) &&
        n->casing == MTL_CASE_TITLE) {
        mtl_ascii_lower_copy(low, mtl_nm_text(c, i + 1), n->len);
        if ((n->len == 2 && (memcmp(low, "al", 2) == 0 ||
                             memcmp(low, "el", 2) == 0)) &&
            i + 3 < d->ntoks && mtl_nm_punct(c, i + 2, '-') &&
            mtl_tok_glued_prev(d, i + 2) && mtl_tok_glued_prev(d, i + 3) &&
            d->toks[i + 3].casing == MTL_CASE_TITLE &&
            d->toks[i + 3].nchars >= 3) {
            kind = 2;
            e = i + 4;
        } else if (n->nchars >= 5 && mtl_nm_slavic_surname(low, n->len)) {
            kind = 1;
        } else if (n->nchars >= 5 &&
                   mtl_lexicon_in_section(c->st->given, mtl_nm_text(c, i + 1),
                                          n->len, "chinese-pinyin") &&
                   mtl_nm_pinyin_two(low, n->len) &&
                   !mtl_nm_is_given(c, mtl_nm_text(c, i), w->len)) {
            /* a listed given name ("Jianhua"), not a place ("New Taipei",
             * "North India") nor after a given name ("Peter Rubin") */
            kind = 3;
        }
    }
    if (!kind ||
        (comma && !(e < d->ntoks && mtl_tok_glued_prev(d, e) &&
                    (mtl_nm_punct(c, e, ',') || mtl_nm_punct(c, e, '.')))) ||
        !mtl_nm_name_ends(c, e, w->sent))
        return;
    const char *ws = mtl_nm_text(c, i);
    if (mtl_nm_is_stop(c, ws, w->len) || mtl_nm_is_title(c, ws, w->len) ||
        mtl_nm_in_fold(mtl_nm_role_nouns, ws, w->len) ||
        mtl_nm_is_given(c, ws, w->len) ||
        (c->st->family_first &&
         mtl_lexicon_has(c->st->family_first, ws, w->len)))
        return;
    char wl[MTL_NM_WORD_MAX + 1];
    mtl_ascii_lower_copy(wl, ws, w->len);
    if (mtl_spell(c->ck, c->lang, wl, w->len) != 1)
        return;
    /* a word in its base form: a plural or a verb's -s ("Toots Zynsky",
     * a nickname) is no given name translated */
    if (wl[w->len - 1] == 's' &&
        mtl_spell(c->ck, c->lang, wl, w->len - 1) == 1)
        return;
    /* the rest no word either (a Slavic ending or two syllables by
     * chance: "Nova", "Canova" are names, "bonsai" a word) */
    if (kind != 2 && mtl_spell(c->ck, c->lang, low, n->len) != 0)
        return;
    if (kind == 1 && (mtl_nm_is_given(c, mtl_nm_text(c, i + 1), n->len) ||
                      mtl_nm_in(mtl_nm_word_russian, wl, w->len)))
        return;
    const mtl_token *last = &d->toks[e - 1];
    mtl_flags_addf(out, MTL_RULE_NAME_AS_PHRASE, w->start,
                   last->start + last->len, NULL,
                   "\"%.*s\" is an ordinary English word before %s name: "
                   "a name translated instead of transliterated?",
                   (int)w->len, ws,
                   kind == 1 ? "a Russian" : kind == 2 ? "an Arabic"
                                                       : "a Chinese");
}

/*
 * "Zhang Little Red" (Zhang Xiaohong), "Wang Spring Flower": in English, a
 * Chinese family name (the [chinese] section of family-names-first.txt)
 * that is no English word ("Long Island Sound", "Lee Green") followed by
 * two capitalised words that are ordinary English words (the dictionary
 * knows them in lower case), neither a listed given name, a stop word, a
 * title nor a pinyin syllable ("Ma Long", "Liu Bin"), and no third
 * capitalised word: the given name was translated word for word.
 * Token i is the family name, spaced from a word that is no capitalised
 * one.
 */
static void
mtl_nm_translated_given(const mtl_nm_ctx *c, size_t i, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    if (!c->st->en || !c->st->dict || !c->st->family_first ||
        i + 2 >= d->ntoks)
        return;
    const mtl_token *f = &d->toks[i];
    /* a capitalised word before it only where it opens the sentence and
     * is an ordinary word or a title ("Tourist Zhang Little Red") */
    if (i > 0 && d->toks[i - 1].kind == MTL_TOK_WORD &&
        (d->toks[i - 1].flags & MTL_TF_UPPER_START) &&
        d->toks[i - 1].sent == f->sent) {
        const mtl_token *p = &d->toks[i - 1];
        char low[MTL_NM_WORD_MAX + 1];
        if (!(p->flags & MTL_TF_SENT_START) || p->casing != MTL_CASE_TITLE ||
            !(p->flags & MTL_TF_ASCII) || p->len > MTL_NM_WORD_MAX)
            return;
        mtl_ascii_lower_copy(low, mtl_nm_text(c, i - 1), p->len);
        if (!mtl_nm_is_title(c, mtl_nm_text(c, i - 1), p->len) &&
            mtl_spell(c->ck, c->lang, low, p->len) != 1)
            return;
    }
    if (!mtl_nm_spaced(c, i + 2) || d->toks[i + 2].casing != MTL_CASE_TITLE ||
        d->toks[i + 2].sent != f->sent || !mtl_nm_name_ends(c, i + 3, f->sent))
        return;
    if (f->len > 8 || !(f->flags & MTL_TF_ASCII) ||
        !mtl_lexicon_in_section(c->st->family_first, mtl_nm_text(c, i), f->len,
                                "chinese"))
        return;
    /* a family name that is no English word: not "Long Island Sound",
     * "Lee Green", "Young Adult Fiction" */
    char fl[9];
    mtl_ascii_lower_copy(fl, mtl_nm_text(c, i), f->len);
    if (mtl_spell(c->ck, c->lang, fl, f->len) == 1)
        return;
    for (size_t k = i + 1; k <= i + 2; k++) {
        const mtl_token *w = &d->toks[k];
        const char *ws = mtl_nm_text(c, k);
        if (w->nchars < 3 || w->len > MTL_NM_WORD_MAX ||
            !(w->flags & MTL_TF_ASCII) || mtl_nm_is_given(c, ws, w->len) ||
            mtl_nm_is_stop(c, ws, w->len) || mtl_nm_is_title(c, ws, w->len))
            return;
        char low[MTL_NM_WORD_MAX + 1];
        mtl_ascii_lower_copy(low, ws, w->len);
        if (mtl_nm_pinyin_syllable(low, w->len) ||
            mtl_spell(c->ck, c->lang, low, w->len) != 1)
            return;
    }
    const mtl_token *e = &d->toks[i + 2];
    mtl_flags_addf(out, MTL_RULE_NAME_AS_PHRASE, f->start, e->start + e->len,
                   NULL,
                   "\"%.*s\" are ordinary English words after the family "
                   "name \"%.*s\": a given name translated instead of "
                   "transliterated?",
                   (int)(e->start + e->len - d->toks[i + 1].start),
                   d->text + d->toks[i + 1].start, (int)f->len,
                   mtl_nm_text(c, i));
}

/*
 * One person's two-word name spelled two ways by a transliteration or a
 * copy that lost its accents or doubled letters ("Matthias Huss" ...
 * "Mathias Hus", "César Dockweiler" ... "Cesar Dockweiller", "Alexei
 * Yermakov" ... "Aleksei Ermakov", "Yuri Kolesnikov" ... "Iuri
 * Kolesnikov", "Rosado Cabeça" ... "Rosado Cabeca"): two capitalised
 * words in a row (mtl_nm_name_bigram), equal by a loose key
 * (mtl_nm_loose_key) and not as written, one of them at least a name
 * (not a common word).  The rarer form is flagged, on a tie the later
 * one, unless another variant rule flagged it.  At most
 * MTL_NM_LOOSE_MAX pairs per document.
 */
#define MTL_NM_LOOSE_MAX 128
#define MTL_NM_LOOSE_KEY 64

/* The loose key of @p s (@p n bytes): without accents, lower case, each
 * word with "ye" at its start read "e" (Yermakov, Ermakov), "chr" at its
 * start "kr" (Christian, Kristian), "-off", "-of" and "-ow" at its end
 * after an o read "v" (Volkoff, Volkof, Volkow, Volkov), "ks" read "x", "ph" "f", "y" "i",
 * "z", "ts" and "tz" read "s" and "w" read "v" (German transliterations
 * of Russian: Kusnezow, Kuznetsov; Swetlana, Svetlana), a hard "c" (not before e, i, y, h) read "k"
 * (Victor, Viktor), "j" ending a word after a vowel read "i" (Dmitrij,
 * Dmitry), and a doubled letter once.  0 when it does not fit or holds other
 * than ASCII letters, spaces and hyphens. */
/* Appends letter @p ch to the key @p out (*@p o bytes of @p cap), once
 * when the key ends with it already; false when it does not fit. */
static inline bool
mtl_nm_key_put(char *out, size_t *o, size_t cap, char ch)
{
    if (*o > 0 && out[*o - 1] == ch)
        return true;
    if (*o + 1 >= cap)
        return false;
    out[(*o)++] = ch;
    return true;
}

static size_t
mtl_nm_loose_key(const char *s, size_t n, char *out, size_t cap)
{
    char un[MTL_NM_LOOSE_KEY * 2];
    if (n >= sizeof un)
        return 0;
    size_t ul = n;
    /* ASCII: no byte with its high bit, eight bytes at a time */
    uint64_t high = 0;
    size_t k8 = 0;
    for (; k8 + 8 <= n; k8 += 8)
        high |= mtl_load8(s + k8);
    for (; k8 < n; k8++)
        high |= (unsigned char)s[k8];
    if (!(high & MTL_HIGH8)) {
        mtl_ascii_lower_copy(un, s, n);
    } else {
        ul = mtl_utf8_unaccent(s, n, un, sizeof un);
        if (!ul)
            return 0;
        mtl_ascii_lower_copy(un, un, ul);
    }
    un[ul] = '\0';
    un[ul + 1 < sizeof un ? ul + 1 : ul] = '\0';
    size_t o = 0;
    bool start = true;
    /* the letters read otherwise: c f j k p t w y z */
    const uint32_t special = 1u << ('c' - 'a') | 1u << ('f' - 'a') |
                             1u << ('j' - 'a') | 1u << ('k' - 'a') |
                             1u << ('p' - 'a') | 1u << ('t' - 'a') |
                             1u << ('w' - 'a') | 1u << ('y' - 'a') |
                             1u << ('z' - 'a');
    for (size_t k = 0; k < ul; k++) {
        char ch = un[k];
        /* most letters are none of those: a test and no jump table */
        unsigned r = (unsigned)(ch - 'a');
        if (r < 26 && !((special >> r) & 1)) {
            start = false;
            if (!mtl_nm_key_put(out, &o, cap, ch))
                return 0;
            continue;
        }
        char nx = un[k + 1];
        switch (ch) {
        case ' ':
        case '-':
            if (o + 1 >= cap)
                return 0;
            out[o++] = ch;
            start = true;
            continue;
        case 'y':
            if (start && nx == 'e') {
                start = false;
                continue; /* "Ye" -> "e" */
            }
            ch = 'i';
            break;
        case 'f':
        case 'w':
            /* a word's "-off", "-of" or "-ow" after an o, older, French
             * and German forms of the Russian "-ov" ("Volkoff", "Volkof",
             * "Volkow") */
            if (o > 0 && out[o - 1] == 'o') {
                char n2 = nx ? un[k + 2] : '\0';
                bool ends2 = n2 == '\0' || n2 == ' ' || n2 == '-';
                bool ends1 = nx == '\0' || nx == ' ' || nx == '-';
                if ((ch == 'f' && ((nx == 'f' && ends2) || ends1)) ||
                    (ch == 'w' && ends1)) {
                    if (o + 1 >= cap)
                        return 0;
                    out[o++] = 'v';
                    k += ch == 'f' && nx == 'f';
                    start = false;
                    continue;
                }
            }
            /* "w" read "v" everywhere: the German transliteration of the
             * Russian "в" (Swetlana, Kusnezowa; Svetlana, Kuznetsova) */
            if (ch == 'w')
                ch = 'v';
            break;
        case 'c':
            if (start && nx == 'h' && un[k + 2] == 'r') {
                ch = 'k';
                k++;
            } else if (nx != 'e' && nx != 'i' && nx != 'y' && nx != 'h') {
                ch = 'k'; /* a hard c: Victor, Viktor */
            }
            break;
        case 'j':
            /* a word's "-ij", "-ej", "-aj" end: the Slavic "-ий", "-ей",
             * "-ай" (Dmitrij, Dmitry; Sergej, Sergey) */
            if ((nx == '\0' || nx == ' ' || nx == '-') && o > 0 &&
                strchr("aeiou", out[o - 1]))
                ch = 'i';
            break;
        case 'k':
            if (nx == 's') {
                ch = 'x';
                k++;
            }
            break;
        case 'p':
            if (nx == 'h') {
                ch = 'f';
                k++;
            }
            break;
        case 't':
            /* German "z" for the Russian "ts" (Kusnezow, Kuznetsov) */
            if (nx == 's' || nx == 'z') {
                ch = 's';
                k++;
            }
            break;
        case 'z':
            /* German "s" for the Russian "z" */
            ch = 's';
            break;
        default:
            if (ch < 'a' || ch > 'z')
                return 0;
            break;
        }
        start = false;
        if (!mtl_nm_key_put(out, &o, cap, ch))
            return 0;
    }
    return o;
}

typedef struct mtl_nm_loose {
    char key[MTL_NM_LOOSE_KEY];
    uint8_t klen;
    uint16_t group; /* the first pair with the same key */
    uint32_t tok; /* the first word */
    uint32_t start, len; /* the bytes of both words */
} mtl_nm_loose;

/* Whether a flag of rule @p rule in @p out overlaps bytes [s, e). */
static bool
mtl_nm_flagged(const mtl_flags *out, unsigned rule, size_t s, size_t e)
{
    for (size_t k = 0; k < out->n; k++)
        if (out->v[k].rule == rule && out->v[k].start < e && s < out->v[k].end)
            return true;
    return false;
}

/* Flags the name at bytes [@p start, @p start + @p len) as one spelled
 * @p times time(s) elsewhere as the bytes at @p sstart (@p slen, under
 * 128). */
static void
mtl_nm_flag_spelled(const mtl_nm_ctx *c, mtl_flags *out, size_t start,
                    size_t len, size_t sstart, size_t slen, size_t times)
{
    const mtl_doc *d = c->doc;
    char sugg[128];
    memcpy(sugg, d->text + sstart, slen);
    sugg[slen] = '\0';
    mtl_flags_addf(out, MTL_RULE_NAME_VARIANT, start, start + len, sugg,
                   "\"%.*s\" is spelled \"%s\" elsewhere in this document "
                   "(%zu time%s): one name written two ways",
                   (int)len, d->text + start, sugg, times,
                   times == 1 ? "" : "s");
}

/* Pair @p a of @p v, against its group's most frequent form @p best
 * (@p bestn times): flags it unless it is written as that form, neither
 * form is a name, or another variant rule flagged it. */
static void
mtl_nm_loose_flag(const mtl_nm_ctx *c, const mtl_nm_loose *v, size_t a,
                  size_t best, size_t bestn, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    const char *bs = d->text + v[best].start;
    size_t bl = v[best].len, at = v[a].tok, bt = v[best].tok;
    if ((v[a].len == bl && memcmp(d->text + v[a].start, bs, bl) == 0) ||
        bl >= 128)
        return;
    /* the checks the key left out: names, not a stop word first */
    if (!mtl_nm_name_bigram(c, at) || !mtl_nm_name_bigram(c, bt) ||
        mtl_nm_is_stop(c, mtl_nm_text(c, at), d->toks[at].len) ||
        mtl_nm_is_stop(c, bs, d->toks[bt].len))
        return;
    if (!mtl_nm_one_is_name(c, mtl_nm_text(c, at), d->toks[at].len,
                            mtl_nm_text(c, bt), d->toks[bt].len) &&
        !mtl_nm_one_is_name(c, mtl_nm_text(c, at + 1), d->toks[at + 1].len,
                            mtl_nm_text(c, bt + 1), d->toks[bt + 1].len))
        return;
    /* flagged already, or the other form is (another variant rule took
     * it for the slip): one flag per pair */
    if (mtl_nm_flagged(out, MTL_RULE_NAME_VARIANT, v[a].start,
                       v[a].start + v[a].len) ||
        mtl_nm_flagged(out, MTL_RULE_NAME_VARIANT, v[best].start,
                       v[best].start + v[best].len))
        return;
    mtl_nm_flag_spelled(c, out, v[a].start, v[a].len, v[best].start, bl,
                        bestn);
}

/* Whether the two words at token @p i are a whole name: no capitalised
 * word of their sentence right before or after them ("João Pedro João
 * Pereira" holds "Pedro João"). */
static bool
mtl_nm_whole_pair(const mtl_nm_ctx *c, size_t i)
{
    const mtl_doc *d = c->doc;
    uint32_t sent = d->toks[i].sent;
    if (i > 0 && mtl_nm_spaced(c, i) && d->toks[i - 1].sent == sent &&
        d->toks[i - 1].kind == MTL_TOK_WORD &&
        (d->toks[i - 1].flags & MTL_TF_UPPER_START))
        return false;
    return !(i + 2 < d->ntoks && mtl_nm_spaced(c, i + 2) &&
             d->toks[i + 2].sent == sent &&
             d->toks[i + 2].kind == MTL_TOK_WORD &&
             (d->toks[i + 2].flags & MTL_TF_UPPER_START));
}

/*
 * The pairs' words by hash, for mtl_nm_swapped and mtl_nm_edit_variants,
 * which compare pairs that share a word: each pair's chain leads to the
 * later pairs whose first (second) word hashes alike, rather than every
 * pair being compared with every later one.
 */
#define MTL_NM_LOOSE_NONE 0xFFFF
#define MTL_NM_LOOSE_HSLOTS (MTL_NM_LOOSE_MAX * 2) /* a power of two */

typedef struct mtl_nm_loose_words {
    uint32_t h1[MTL_NM_LOOSE_MAX], h2[MTL_NM_LOOSE_MAX];
    /* the next pair with the same h1 (h2), or MTL_NM_LOOSE_NONE */
    uint16_t next1[MTL_NM_LOOSE_MAX], next2[MTL_NM_LOOSE_MAX];
    /* the first pair of each h1: hash and 1 + index, 0 empty */
    uint32_t key1[MTL_NM_LOOSE_HSLOTS];
    uint16_t head1[MTL_NM_LOOSE_HSLOTS];
} mtl_nm_loose_words;

/* The slot of hash @p h in a table of hashes: the one that holds it, or
 * the empty one where it goes. */
static size_t
mtl_nm_loose_slot(const uint32_t *key, const uint16_t *head, uint32_t h)
{
    size_t k = h & (MTL_NM_LOOSE_HSLOTS - 1);
    while (head[k] && key[k] != h)
        k = (k + 1) & (MTL_NM_LOOSE_HSLOTS - 1);
    return k;
}

static void
mtl_nm_loose_index(const mtl_nm_ctx *c, const mtl_nm_loose *v, size_t n,
                   mtl_nm_loose_words *w)
{
    const mtl_doc *d = c->doc;
    /* the word table has the hashes, when it is there */
    const mtl_tok_word *words = c->ck->words_doc == d ? c->ck->words : NULL;
    for (size_t k = 0; k < n; k++) {
        const mtl_token *w1 = &d->toks[v[k].tok], *w2 = &d->toks[v[k].tok + 1];
        w->h1[k] = words ? (uint32_t)words[v[k].tok].hash
                         : (uint32_t)mtl_hash64(d->text + w1->start, w1->len, 0);
        w->h2[k] = words ? (uint32_t)words[v[k].tok + 1].hash
                         : (uint32_t)mtl_hash64(d->text + w2->start, w2->len, 0);
    }
    /* backwards: a slot ends holding the first pair of its hash */
    memset(w->head1, 0, sizeof w->head1);
    uint32_t key2[MTL_NM_LOOSE_HSLOTS];
    uint16_t head2[MTL_NM_LOOSE_HSLOTS];
    memset(head2, 0, sizeof head2);
    for (size_t k = n; k-- > 0;) {
        size_t s1 = mtl_nm_loose_slot(w->key1, w->head1, w->h1[k]);
        w->next1[k] = w->head1[s1] ? (uint16_t)(w->head1[s1] - 1)
                                   : MTL_NM_LOOSE_NONE;
        w->key1[s1] = w->h1[k];
        w->head1[s1] = (uint16_t)(k + 1);
        size_t s2 = mtl_nm_loose_slot(key2, head2, w->h2[k]);
        w->next2[k] = head2[s2] ? (uint16_t)(head2[s2] - 1)
                                : MTL_NM_LOOSE_NONE;
        key2[s2] = w->h2[k];
        head2[s2] = (uint16_t)(k + 1);
    }
}

/*
 * A name of a tradition that writes the family name first given later in
 * the other order ("Wu Haitao" ... "Haitao Wu", "Lim Yunchan" ... "Yunchan
 * Lim"): the pairs of capitalised words @p v (@p n of them) hold "A B"
 * and, later, "B A", one of the two a family name of family-names-first
 * and no given name, the other a word the dictionary does not know even
 * capitalised ("Kim Jackson" and "Jackson Kim" may be two people).  The later order is flagged, the earlier
 * one the suggestion: one person written in two orders.
 */
static void
mtl_nm_swapped(const mtl_nm_ctx *c, const mtl_nm_loose *v, size_t n,
               const mtl_nm_loose_words *w, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    for (size_t a = 0; a < n; a++) {
        const mtl_token *a1 = &d->toks[v[a].tok], *a2 = &d->toks[v[a].tok + 1];
        /* the later pairs whose first word is this one's second, in
         * order */
        size_t s1 = mtl_nm_loose_slot(w->key1, w->head1, w->h2[a]);
        size_t b = w->head1[s1] ? (size_t)w->head1[s1] - 1 : MTL_NM_LOOSE_NONE;
        for (; b != MTL_NM_LOOSE_NONE; b = w->next1[b]) {
            if (b <= a || w->h2[b] != w->h1[a])
                continue;
            const mtl_token *b1 = &d->toks[v[b].tok],
                            *b2 = &d->toks[v[b].tok + 1];
            if (v[b].len != v[a].len || b1->len != a2->len ||
                b2->len != a1->len ||
                memcmp(d->text + b1->start, d->text + a2->start, b1->len) ||
                memcmp(d->text + b2->start, d->text + a1->start, b2->len) ||
                memcmp(d->text + a1->start, d->text + a2->start,
                       a1->len < a2->len ? a1->len : a2->len) == 0)
                continue;
            const char *x = d->text + a1->start, *y = d->text + a2->start;
            size_t fl = b, sg = a; /* the pair flagged, the suggestion */
            bool xf = c->st->family_first &&
                      mtl_lexicon_has(c->st->family_first, x, a1->len),
                 yf = c->st->family_first &&
                      mtl_lexicon_has(c->st->family_first, y, a2->len);
            /* or, in no such tradition, a listed given name and a surname
             * the dictionary does not know ("Vladimir Solodov" ...
             * "Solodov Vladimir"): the surname stands for the family
             * name */
            bool listed = false; /* the other word a listed given name */
            if (xf == yf && !xf) {
                bool xg = mtl_nm_is_given(c, x, a1->len),
                     yg = mtl_nm_is_given(c, y, a2->len);
                const char *sn = xg ? y : x;
                size_t snl = xg ? a2->len : a1->len;
                if (xg && yg) {
                    /* two listed given names ("Rami Khalil" ... "Khalil
                     * Rami", "Mehmet Yıldırım"), of four letters or
                     * more, neither a common word of the language: the
                     * later order is the slip */
                    if (a1->nchars < 4 || a2->nchars < 4 ||
                        !mtl_nm_whole_pair(c, v[a].tok) ||
                        !mtl_nm_whole_pair(c, v[b].tok) ||
                        mtl_nm_class(c, x, a1->len) == MTL_NM_COMMON ||
                        mtl_nm_class(c, y, a2->len) == MTL_NM_COMMON)
                        continue;
                    xf = true;
                    yf = false;
                    listed = true;
                } else {
                    /* a surname the dictionary knows capitalised
                     * ("Julia Hartmann" ... "Hartmann Julia") only of
                     * five letters or more, both pairs whole names */
                    if (xg == yg ||
                        mtl_nm_class(c, sn, snl) == MTL_NM_COMMON ||
                        (mtl_spell(c->ck, c->lang, sn, snl) == 1 &&
                         (snl < 5 || !mtl_nm_whole_pair(c, v[a].tok) ||
                          !mtl_nm_whole_pair(c, v[b].tok))))
                        continue;
                    xf = !xg;
                    yf = xg;
                    listed = true;
                    /* the order with the surname first is the slip */
                    if (xf) {
                        fl = a;
                        sg = b;
                    }
                }
            }
            if (xf == yf ||
                (!listed &&
                 (mtl_nm_is_given(c, xf ? x : y, xf ? a1->len : a2->len) ||
                  mtl_nm_class(c, xf ? y : x, xf ? a2->len : a1->len) ==
                      MTL_NM_COMMON ||
                  mtl_spell(c->ck, c->lang, xf ? y : x,
                            xf ? a2->len : a1->len) == 1)) ||
                !mtl_nm_name_bigram(c, v[a].tok) ||
                !mtl_nm_name_bigram(c, v[b].tok) ||
                mtl_nm_flagged(out, MTL_RULE_NAME_VARIANT, v[fl].start,
                               v[fl].start + v[fl].len) ||
                v[sg].len >= 128)
                continue;
            char sugg[128];
            memcpy(sugg, d->text + v[sg].start, v[sg].len);
            sugg[v[sg].len] = '\0';
            mtl_flags_addf(out, MTL_RULE_NAME_VARIANT, v[fl].start,
                           v[fl].start + v[fl].len, sugg,
                           "\"%.*s\" is \"%s\" %s in this document: "
                           "one name in two orders, family name first and "
                           "last",
                           (int)v[fl].len, d->text + v[fl].start, sugg,
                           sg < fl ? "earlier" : "later");
            break;
        }
    }
}

/*
 * "Andrés Ferrer Olmedo" ... "Ferrer Olmeda", "Rosa Quispe Mamani" ...
 * "Quispe Mamami", "Sergei Morozov" ... "Serguei Morozov": two pairs of
 * capitalised words (the pairs of mtl_nm_loose_variants), one word the
 * same and the other a letter or two apart (mtl_nm_similar, after a
 * family name written first mtl_nm_similar_after), that word with the
 * same first letter, no common word of the language in either form and
 * unknown to the dictionary in one ("Hollywood News" / "Bollywood
 * News"), and not two listed given names ("Mario Rossi" / "Maria Rossi"
 * are two people).  The rarer pair is
 * flagged, on a tie the later one, unless a variant rule flagged either.
 */
static void
mtl_nm_edit_variants(const mtl_nm_ctx *c, const mtl_nm_loose *v, size_t n,
                     const mtl_nm_loose_words *w, mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    if (!c->st->dict || n < 2)
        return;
    for (size_t a = 0; a < n; a++) {
        const mtl_token *a1 = &d->toks[v[a].tok], *a2 = &d->toks[v[a].tok + 1];
        /* the later pairs that share a word's hash with this one (most
         * pairs share neither): its two chains merged, in order */
        size_t p1 = w->next1[a], p2 = w->next2[a];
        while (p1 != MTL_NM_LOOSE_NONE || p2 != MTL_NM_LOOSE_NONE) {
            size_t b = p1 < p2 ? p1 : p2;
            if (p1 == b)
                p1 = w->next1[p1];
            if (p2 == b)
                p2 = w->next2[p2];
            const mtl_token *b1 = &d->toks[v[b].tok],
                            *b2 = &d->toks[v[b].tok + 1];
            /* the same first word, or the same second one */
            bool first = a1->len == b1->len &&
                         memcmp(d->text + a1->start, d->text + b1->start,
                                a1->len) == 0;
            bool second = a2->len == b2->len &&
                          memcmp(d->text + a2->start, d->text + b2->start,
                                 a2->len) == 0;
            if (first == second)
                continue; /* the same pair, or two others */
            const mtl_token *x = first ? a2 : a1, *y = first ? b2 : b1;
            const char *xs = d->text + x->start, *ys = d->text + y->start;
            const mtl_token *sh = first ? a1 : a2;
            if (x->nchars < 5 || y->nchars < 5 ||
                (first ? !mtl_nm_similar_after(c, d->text + sh->start,
                                               sh->len, xs, x->len, ys,
                                               y->len)
                       : !mtl_nm_similar(xs, x->len, ys, y->len)))
                continue;
            bool xg = mtl_nm_is_given(c, xs, x->len),
                 yg = mtl_nm_is_given(c, ys, y->len);
            int xc = mtl_nm_class(c, xs, x->len),
                yc = mtl_nm_class(c, ys, y->len);
            /* the same first letter, and one form unknown to the
             * dictionary ("Hollywood News" / "Bollywood News") */
            if (xs[0] != ys[0] || (xg && yg) || xc == MTL_NM_COMMON ||
                yc == MTL_NM_COMMON ||
                (xc != MTL_NM_UNKNOWN && yc != MTL_NM_UNKNOWN) ||
                !mtl_nm_name_bigram(c, v[a].tok) ||
                !mtl_nm_name_bigram(c, v[b].tok))
                continue;
            /* how often each form is written */
            size_t na = 0, nb = 0;
            for (size_t k = 0; k < n; k++) {
                na += v[k].len == v[a].len &&
                      memcmp(d->text + v[k].start, d->text + v[a].start,
                             v[a].len) == 0;
                nb += v[k].len == v[b].len &&
                      memcmp(d->text + v[k].start, d->text + v[b].start,
                             v[b].len) == 0;
            }
            size_t fl = na < nb ? a : b, sg = fl == a ? b : a;
            if (mtl_nm_flagged(out, MTL_RULE_NAME_VARIANT, v[a].start,
                               v[a].start + v[a].len) ||
                mtl_nm_flagged(out, MTL_RULE_NAME_VARIANT, v[b].start,
                               v[b].start + v[b].len))
                continue;
            mtl_nm_flag_form(c, out, v[fl].start, v[fl].start + v[fl].len,
                             v[sg].start, v[sg].start + v[sg].len,
                             "elsewhere in this document: one name written "
                             "two ways");
        }
    }
}

/* At most this many names with a hyphenated given name per document
 * (mtl_nm_hyphen_loose). */
#define MTL_NM_HLOOSE_MAX 32

static void mtl_nm_hyphen_loose(const mtl_nm_ctx *c, const uint32_t *cand,
                                size_t ncand, mtl_flags *out);

static void
mtl_nm_loose_variants(const mtl_nm_ctx *c, const mtl_nm_toklist *titles,
                      mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    mtl_nm_loose v[MTL_NM_LOOSE_MAX];
    /* the keys' table: 1 + the index of a key's first pair, 0 empty */
    uint16_t slot[MTL_NM_LOOSE_MAX * 2];
    uint64_t hash[MTL_NM_LOOSE_MAX];
    memset(slot, 0, sizeof slot);
    size_t n = 0;
    bool any = false;
    /* the names with a hyphenated given name, for mtl_nm_hyphen_loose */
    uint32_t hy[MTL_NM_HLOOSE_MAX];
    size_t nhy = 0;
    for (size_t ti = 0; ti < titles->n && n < MTL_NM_LOOSE_MAX; ti++) {
        size_t i = titles->v[ti];
        if (i + 1 >= d->ntoks)
            break;
        /* the shape only here; the rest for the pairs that vary */
        const mtl_token *a = &d->toks[i], *b = &d->toks[i + 1];
        if (nhy < MTL_NM_HLOOSE_MAX &&
            ((b->kind == MTL_TOK_PUNCT && b->len == 1 &&
              d->text[b->start] == '-') ||
             (b->casing == MTL_CASE_TITLE && i + 2 < d->ntoks &&
              d->toks[i + 2].kind == MTL_TOK_PUNCT &&
              d->toks[i + 2].len == 1 &&
              d->text[d->toks[i + 2].start] == '-')))
            hy[nhy++] = (uint32_t)i;
        if (b->casing != MTL_CASE_TITLE || b->sent != a->sent ||
            !mtl_nm_spaced(c, i + 1))
            continue;
        if ((c->st->en || !c->st->noun_caps) && mtl_nm_maybe_given(c, i))
            mtl_nm_translated_surname(c, i, out);
        if (c->st->en && a->nchars <= 5)
            mtl_nm_translated_given(c, i, out);
        if (c->st->en)
            mtl_nm_translated_name(c, i, out);
        mtl_nm_translated_whole(c, i, out);
        size_t len = b->start + b->len - a->start;
        mtl_nm_loose *x = &v[n];
        size_t kl = mtl_nm_loose_key(d->text + a->start, len, x->key,
                                     sizeof x->key);
        if (!kl)
            continue;
        x->klen = (uint8_t)kl;
        x->tok = (uint32_t)i;
        x->start = a->start;
        x->len = (uint32_t)len;
        x->group = (uint16_t)n;
        hash[n] = mtl_hash64(x->key, kl, 0);
        size_t h = (size_t)hash[n] & (MTL_NM_LOOSE_MAX * 2 - 1);
        while (slot[h]) {
            size_t f = slot[h] - 1;
            if (hash[f] == hash[n] && v[f].klen == kl &&
                memcmp(v[f].key, x->key, kl) == 0) {
                x->group = (uint16_t)f;
                any |= v[f].len != len ||
                       memcmp(d->text + v[f].start, d->text + a->start,
                              len) != 0;
                break;
            }
            h = (h + 1) & (MTL_NM_LOOSE_MAX * 2 - 1);
        }
        if (!slot[h])
            slot[h] = (uint16_t)(n + 1);
        n++;
    }
    mtl_nm_loose_words w;
    mtl_nm_loose_index(c, v, n, &w);
    mtl_nm_swapped(c, v, n, &w, out);
    mtl_nm_edit_variants(c, v, n, &w, out);
    if (!any) {
        mtl_nm_hyphen_loose(c, hy, nhy, out);
        return;
    }
    for (size_t g = 0; g < n; g++) {
        if (v[g].group != g)
            continue;
        /* the group of pair g: its most frequent form, on a tie the
         * first met */
        size_t best = g, bestn = 0, members = 0;
        bool other = false;
        for (size_t a = g; a < n; a++) {
            if (v[a].group != g)
                continue;
            members++;
            size_t cnt = 0;
            for (size_t b = g; b < n; b++)
                cnt += v[b].group == g && v[b].len == v[a].len &&
                       memcmp(d->text + v[b].start, d->text + v[a].start,
                              v[a].len) == 0;
            if (cnt > bestn) {
                best = a;
                bestn = cnt;
            }
        }
        other = bestn < members;
        for (size_t a = g; other && a < n; a++)
            if (v[a].group == g)
                mtl_nm_loose_flag(c, v, a, best, bestn, out);
    }
    mtl_nm_hyphen_loose(c, hy, nhy, out);
}

/*
 * "Ji-yeon Choi" ... "Ji-Yeon Choy", "Kim Soo-ah" ... "Kim Soo-Ah": a name
 * with a hyphenated given name, in either order (a capitalised word and
 * the given name's parts glued to a hyphen, the second part of eight
 * letters at most), spelled two ways that the loose key
 * (mtl_nm_loose_key) reads alike; the two-word pairs of
 * mtl_nm_loose_variants never hold such a name.  The rarer form is
 * flagged, on a tie the later one, unless a variant rule flagged either.
 * @p cand: the capitalised words with a hyphen token after them or after
 * the next capitalised word, which mtl_nm_loose_variants notes on its
 * walk.
 */
static void
mtl_nm_hyphen_loose(const mtl_nm_ctx *c, const uint32_t *cand, size_t ncand,
                    mtl_flags *out)
{
    const mtl_doc *d = c->doc;
    struct {
        char key[MTL_NM_LOOSE_KEY];
        uint8_t klen;
        uint32_t start, len;
    } v[MTL_NM_HLOOSE_MAX];
    size_t n = 0;
    for (size_t ci = 0; ci < ncand && n < MTL_NM_HLOOSE_MAX; ci++) {
        size_t i = cand[ci];
        if (i + 3 >= d->ntoks)
            break;
        const mtl_token *t0 = &d->toks[i], *t1 = &d->toks[i + 1],
                        *t2 = &d->toks[i + 2], *t3 = &d->toks[i + 3];
        bool same = t3->sent == t0->sent;
        /* given name first: "Ji" "-" "yeon" " Choi" */
        bool given_first = same && mtl_nm_punct(c, i + 1, '-') &&
                           mtl_tok_glued_prev(d, i + 1) &&
                           mtl_tok_glued_prev(d, i + 2) &&
                           t2->kind == MTL_TOK_WORD && t2->nchars <= 8 &&
                           (t2->casing == MTL_CASE_LOWER ||
                            t2->casing == MTL_CASE_TITLE) &&
                           mtl_nm_spaced(c, i + 3) &&
                           t3->casing == MTL_CASE_TITLE &&
                           mtl_nm_title_word(c, i + 3);
        /* family name first: "Kim" " Soo" "-" "ah" */
        bool family_first = !given_first && same && t1->kind == MTL_TOK_WORD &&
                            t1->casing == MTL_CASE_TITLE &&
                            mtl_nm_spaced(c, i + 1) &&
                            mtl_nm_punct(c, i + 2, '-') &&
                            mtl_tok_glued_prev(d, i + 2) &&
                            mtl_tok_glued_prev(d, i + 3) &&
                            t3->kind == MTL_TOK_WORD && t3->nchars <= 8 &&
                            (t3->casing == MTL_CASE_LOWER ||
                             t3->casing == MTL_CASE_TITLE);
        if (!given_first && !family_first)
            continue;
        /* nothing glued after it ("Ji-yeon Choi-Park") */
        if (i + 4 < d->ntoks && mtl_tok_glued_prev(d, i + 4) &&
            (d->toks[i + 4].kind == MTL_TOK_WORD ||
             mtl_nm_punct(c, i + 4, '-')))
            continue;
        if (mtl_nm_is_stop(c, mtl_nm_text(c, i), t0->len))
            continue;
        size_t len = t3->start + t3->len - t0->start;
        size_t kl = mtl_nm_loose_key(d->text + t0->start, len, v[n].key,
                                     sizeof v[n].key);
        if (!kl)
            continue;
        v[n].klen = (uint8_t)kl;
        v[n].start = t0->start;
        v[n].len = (uint32_t)len;
        n++;
    }
    for (size_t a = 0; a < n; a++) {
        /* the forms with a's key, and how often each is written */
        size_t cnt_a = 0, best = a, bestn = 0;
        bool other = false;
        for (size_t b = 0; b < n; b++) {
            if (v[b].klen != v[a].klen ||
                memcmp(v[b].key, v[a].key, v[a].klen) != 0)
                continue;
            bool eq = v[b].len == v[a].len &&
                      memcmp(d->text + v[b].start, d->text + v[a].start,
                             v[a].len) == 0;
            cnt_a += eq;
            other |= !eq;
            if (eq)
                continue;
            size_t cnt_b = 0;
            for (size_t e = 0; e < n; e++)
                cnt_b += v[e].len == v[b].len &&
                         memcmp(d->text + v[e].start, d->text + v[b].start,
                                v[b].len) == 0;
            /* the most frequent other form; on a tie, the earlier */
            if (cnt_b > bestn || (cnt_b == bestn && b < best)) {
                best = b;
                bestn = cnt_b;
            }
        }
        /* a is flagged when another form is more frequent, or as frequent
         * and written first */
        if (!other || bestn < cnt_a || (bestn == cnt_a && best > a) ||
            v[best].len >= 128 ||
            mtl_nm_flagged(out, MTL_RULE_NAME_VARIANT, v[a].start,
                           v[a].start + v[a].len) ||
            mtl_nm_flagged(out, MTL_RULE_NAME_VARIANT, v[best].start,
                           v[best].start + v[best].len))
            continue;
        mtl_nm_flag_spelled(c, out, v[a].start, v[a].len, v[best].start,
                            v[best].len, bestn);
    }
}

static void
mtl_names_run(const void *state, mtl_checker *ck, const mtl_doc *doc,
              const mtl_batch *batch, mtl_flags *out)
{
    mtl_nm_ctx c;
    mtl_nm_ctx_init(&c, state, ck, doc);
    if (ck->words_doc == doc && doc->ntoks) {
        c.kinds = mtl_checker_scratch(ck, 0, doc->ntoks);
        memset(c.kinds, 0, doc->ntoks);
    }
    mtl_nm_pairs pairs;
    mtl_nm_pairs_init(&pairs, ck, doc);
    mtl_nm_toklist titles = {
        .v = mtl_checker_scratch(ck, 2,
                                 2 * (doc->ntoks + 1) * sizeof *titles.v)};
    titles.mixed = titles.v + doc->ntoks + 1;
    mtl_nm_scan(&c, out, &pairs, &titles);
    mtl_nm_variants(&c, &pairs, batch, out);
    if (out)
        mtl_nm_given_variants(&c, &pairs, out);
    mtl_nm_accent_variants(&c, &titles, out);
    mtl_nm_lone_variants(&c, &pairs, &titles, out);
    mtl_nm_joined_variants(&c, &titles, out);
    mtl_nm_spaced_variants(&c, &titles, out);
    mtl_nm_hyphen_order(&c, &titles, out);
    mtl_nm_hyphen_swapped(&c, &titles, out);
    mtl_nm_split_variants(&c, &titles, out);
    if (out)
        mtl_nm_loose_variants(&c, &titles, out);
    mtl_nm_lower_copies(&c, &titles, &pairs, out);
    mtl_nm_pairs_free(&pairs);
}

/*
 * mtl_nm_scan's walk with neither flags nor title-case words to note (the
 * batch's first pass): only the name pairs, which come from the
 * title-case words before another, the mixed-case words and the words
 * with digits.  Most tokens are none of these, and one test of the kind,
 * casing and flags turns them away; the rest go where mtl_nm_scan sends
 * them, in the same order, so the pairs are the same.
 */
static void
mtl_nm_observe_scan(const mtl_nm_ctx *c, mtl_nm_pairs *pairs)
{
    const mtl_doc *d = c->doc;
    /* in a local: the calls could change d->toks, as far as the compiler
     * knows, which it would then load again for every token */
    const mtl_token *toks = d->toks;
    unsigned digits_budget = MTL_NM_DIGITS_MAX;
    /* the casings looked at, as bits: one test for both */
    const unsigned cased = 1u << MTL_CASE_TITLE | 1u << MTL_CASE_MIXED;
    for (size_t s = 0; s < d->nsents; s++) {
        const mtl_span *sp = &d->sents[s];
        size_t first = sp->tok_first, end = first + sp->tok_count;
        int list = -1; /* not known yet (mtl_nm_digits_word) */
        for (size_t i = first; i < end; i++) {
            const mtl_token *t = &toks[i];
            if (!(((cased >> t->casing) & 1) || (t->flags & MTL_TF_DIGIT)) ||
                t->kind != MTL_TOK_WORD)
                continue;
            if (t->casing == MTL_CASE_MIXED) {
                mtl_nm_glued_word(c, i, NULL, pairs);
                if (i > first && c->st->family_first && mtl_nm_spaced(c, i) &&
                    mtl_nm_title_word(c, i - 1) &&
                    mtl_nm_syllables_given(c, i) &&
                    mtl_lexicon_has(c->st->family_first, mtl_nm_text(c, i - 1),
                                    toks[i - 1].len))
                    mtl_nm_consider_pair(c, pairs, i - 1, t->start,
                                         (uint32_t)t->len);
            } else if (t->flags & MTL_TF_DIGIT) {
                mtl_nm_digits_word(c, i, first, end, &list, NULL, pairs,
                                   &digits_budget);
            } else if (i + 1 < end && mtl_nm_spaced(c, i + 1) &&
                       mtl_nm_title_word(c, i + 1)) {
                size_t glued_at, glued_off; /* unused without flags */
                mtl_nm_title_pair(c, i, first, end, pairs, NULL, &glued_at,
                                  &glued_off);
            }
        }
    }
}

static void
mtl_names_observe(const void *state, mtl_checker *ck, const mtl_doc *doc,
                  mtl_batch *batch)
{
    mtl_nm_ctx c;
    mtl_nm_ctx_init(&c, state, ck, doc);
    mtl_nm_pairs pairs;
    mtl_nm_pairs_init(&pairs, ck, doc);
    mtl_nm_observe_scan(&c, &pairs);
    if (pairs.n) {
        /* each pair once per document: the batch counts documents */
        mtl_nm_sort_item *it = mtl_nm_sort_pairs(&c, &pairs);
        for (size_t k = 0; k < pairs.n; k++) {
            if (k > 0 && mtl_nm_same_g(&it[k - 1], &it[k]) &&
                mtl_nm_same_s(&it[k - 1], &it[k]))
                continue;
            mtl_batch_pair_add(batch, MTL_BATCH_NS_NAME, it[k].g, it[k].glen,
                               it[k].s, it[k].slen);
        }
    }
    mtl_nm_pairs_free(&pairs);
}

const mtl_detector mtl_detector_names = {
    .name = "names",
    .category = "name",
    .description = "names damaged by translation or scraping: glued to the "
                   "next word or an age, translated as a phrase, split off "
                   "as a sentence, lower-cased, spelled two ways",
    .load = mtl_names_load,
    .run = mtl_names_run,
    .unload = mtl_names_unload,
    .observe = mtl_names_observe,
};
