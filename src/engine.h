/*
 * engine.h - private definitions of the engine, language resources, the
 * per-thread checker, the flag sink and the report.
 */
#ifndef MTL_ENGINE_H
#define MTL_ENGINE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "batch.h"
#include "detectors/detector.h"
#include "doc.h"
#include "lexicon/lexicon.h"
#include "mtlint.h"
#include "score/score.h"
#include "stats/stats.h"

typedef struct mtl_tokenizer mtl_tokenizer;
typedef struct mtl_speller mtl_speller;

#define MTL_MAX_LANGS 64
#define MTL_MAX_PATHS 16

/* One named lexicon of a language. */
typedef struct mtl_lang_lexent {
    char *kind;
    mtl_lexicon *lex;
} mtl_lang_lexent;

/* Resources of one language, loaded once, then read-only. */
struct mtl_lang {
    char tag[24];      /* "pt-BR" */
    char primary[12];  /* "pt" */
    int index;         /* slot in engine->langs */
    const mtl_engine *engine;
    mtl_lang_lexent *lexicons; /* this language's (with fallback) */
    size_t nlexicons;
    mtl_lang_lexent *all;      /* lexicons/all */
    size_t nall;
    bool has_lexicons;
    char *dic_path; /* Hunspell .dic, NULL when none */
    char *aff_path;
    /* Hunspell handles shared by every checker (lexicon/speller.h) */
    struct mtl_spell_pool *spell_pool;
    void *det_state[32]; /* per detector, from load() */
    int det_status[32];  /* load() status */
    mtl_stats_lang *stats; /* the statistics' (stats.h), NULL if none */
};

struct mtl_engine {
    mtl_options opts; /* strings below are owned copies */
    char *paths[MTL_MAX_PATHS];
    size_t npaths;
    char *all_dir; /* lexicons/all folder found on the path, or NULL */
    bool enabled[32];
    int32_t ref_date;
    size_t max_doc_bytes;
    char *fallback_lang;

    mtl_scorer *scorer;
    mtl_filters *filters;
    bool filter_on[MTL_FILTER_COUNT];

    pthread_mutex_t lock; /* languages and the checker pool */
    mtl_lang *langs[MTL_MAX_LANGS];
    size_t nlangs;
    mtl_checker **pool;
    size_t npool, cappool;
};

/* What the document's statistics learnt about a word token (a word,
 * number, ideograph or kana token), kept for the detectors: mtl_engine_check
 * computes the statistics before it runs them. */
typedef struct mtl_tok_word {
    uint64_t hash;  /* mtl_hash64 of its bytes with MTL_LEXICON_SEED */
    uint32_t first; /* the first token with the same bytes */
    /* mtl_spell_hashed()'s answer for the bytes in the document's
     * language, plus 2; 0 = not asked yet.  Kept at the first token, and
     * copied to another token when it is asked about (mtl_spell_token),
     * so that the detectors asking again find it without a look at the
     * first token's entry. */
    uint8_t spell;
} mtl_tok_word;

/* Per-thread state, borrowed from the engine's pool for one check. */
struct mtl_checker {
    mtl_engine *engine;
    mtl_tokenizer *tok;
    mtl_speller *spellers[MTL_MAX_LANGS];
    void *scratch[4];
    size_t scratch_cap[4];
    mtl_doc doc;
    /* by token index, for the word tokens of words_doc: filled by
     * mtl_stats_compute, which sets words_doc (&doc, or NULL when it was
     * given another document); mtl_engine_prepare clears it */
    mtl_tok_word *words;
    size_t words_cap;
    const mtl_doc *words_doc;
    /* of words_doc too: the first tokens of the distinct words the
     * dictionary does not know, in lower case, or capitalised where a
     * sentence starts or the language capitalises nouns, in the order of
     * the text, of those mtl_stats_compute asked about; unknown_all when
     * it asked about every word and every one fits (for the few detectors
     * that look at unknown words only) */
#define MTL_UNKNOWN_MAX 64
    uint32_t unknown_at[MTL_UNKNOWN_MAX];
    uint32_t nunknown;
    bool unknown_all;
    /* the folds of non-ASCII code points met (mtl_fold_class): of no
     * document in particular, kept from one to the next */
    mtl_fold_memo folds;
};

/* The checker's speller that mtl_spell_hashed() asks for @p lang (NULL
 * without a dictionary: mtl_spell_hashed() answers -1), for a caller
 * that asks about many words at once (lexicon/speller.h). */
mtl_speller *mtl_checker_speller(mtl_checker *ck, const mtl_lang *lang);

/*
 * mtl_spell() of word token @p i of @p doc in the document's language
 * (doc->res), asked once per distinct word of the document: the
 * statistics, spacing and language detectors spell many of the same
 * words, and the answer found first is kept with the word's first token
 * (the speller's cache, keyed by the same hash, would give the same
 * answer at a higher cost).  For a token the table does not have (not
 * mtl_tok_is_word), or without the statistics' word table for @p doc, it
 * is mtl_spell() itself.
 */
__attribute__((always_inline)) static inline int
mtl_spell_token(mtl_checker *ck, const mtl_doc *doc, size_t i)
{
    const mtl_token *t = &doc->toks[i];
    /* the table has word tokens only: any other is spelled as it is */
    if (doc != ck->words_doc || !mtl_tok_is_word(t))
        return mtl_spell(ck, doc->res, doc->text + t->start, t->len);
    mtl_tok_word *w = &ck->words[i];
    if (w->spell)
        return (int)w->spell - 2;
    mtl_tok_word *f = &ck->words[w->first];
    if (!f->spell)
        f->spell = (uint8_t)(mtl_spell_hashed(ck, doc->res,
                                              doc->text + t->start, t->len,
                                              w->hash) +
                             2);
    w->spell = f->spell;
    return (int)w->spell - 2;
}

/* A flag while it is being collected: strings owned by the sink. */
typedef struct mtl_flag_int {
    uint32_t start, end;
    uint16_t rule;
    char *message;    /* NULL: rule description */
    char *suggestion; /* NULL: none */
} mtl_flag_int;

struct mtl_flags {
    mtl_flag_int *v;
    size_t n, cap;
    size_t doc_len;
    const char *text;
};

struct mtl_report {
    char *text; /* copy of the document */
    size_t len;
    char *id, *source;
    char lang[24];
    double lang_confidence;
    size_t words;
    mtl_flag *flags;
    size_t nflags;
    double score;
    char grade;
    mtl_score_result sr;
    char **notes; /* NULL-terminated */
    size_t nnotes;
    char *stats_json; /* the "stats" object, or NULL */
    mtl_stats stats;
    const char *filter_verdict[MTL_FILTER_COUNT]; /* NULL: not asked */
};

/* Loads (or finds) a language; thread-safe. NULL on failure. */
const mtl_lang *mtl_engine_lang(mtl_engine *engine, const char *tag,
                                mtl_error *err);

mtl_checker *mtl_checker_acquire(mtl_engine *engine, mtl_error *err);
void mtl_checker_release(mtl_engine *engine, mtl_checker *ck);

/* Tokenizes and identifies the language of text into ck->doc.  With a
 * @p batch, the identification is remembered in it (first pass) or taken
 * from it (second pass): see mtl_batch_langid_put(). */
int mtl_engine_prepare(mtl_engine *engine, mtl_checker *ck, const char *text,
                       size_t len, const mtl_doc_meta *meta,
                       const mtl_batch *batch, bool remember,
                       mtl_error *err);

/* Flag sink */
void mtl_flags_init(mtl_flags *f, const char *text, size_t len);
void mtl_flags_free(mtl_flags *f);
void mtl_flags_sort(mtl_flags *f);

/* Rule tables from flags.def */
extern const char *const mtl_rule_ids[];
extern const char *const mtl_rule_detectors[];
extern const char *const mtl_rule_descriptions[];
const char *mtl_rule_category_of(unsigned rule);
int mtl_detector_index(const char *name);

void mtl_set_error(mtl_error *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
