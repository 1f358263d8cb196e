/*
 * detector.h - the interface every detector implements.
 *
 * A detector is one .c file, one line in detectors.def and its rules in
 * flags.def.  It keeps no globals, prints nothing and computes no score: it
 * reads the tokenized document (and the batch context) and adds flags.
 *
 * Per-language state is built by load() once per language, under the
 * engine's lock, and then shared read-only by all threads.  Anything that
 * must be per thread (Hunspell, scratch buffers) comes from the checker.
 */
#ifndef MTL_DETECTOR_H
#define MTL_DETECTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../doc.h"
#include "../mtlint.h"

typedef struct mtl_checker mtl_checker;
typedef struct mtl_flags mtl_flags;
typedef struct mtl_lexicon mtl_lexicon;

/* Rule ids, generated from flags.def. */
typedef enum mtl_rule {
#define MTL_FLAG(sym, detector, id, description) MTL_RULE_##sym,
#include "flags.def"
#undef MTL_FLAG
    MTL_RULE__COUNT
} mtl_rule;

typedef struct mtl_detector {
    const char *name;        /* "dates": file, table entry, CLI switch */
    const char *category;    /* "date" */
    const char *description; /* one line for --list-detectors */
    /* Builds per-language state; *state may stay NULL.  Returns MTL_OK, or
     * an error status (the detector is then off for that language and the
     * reason is logged).  May be NULL. */
    int (*load)(mtl_engine *engine, const mtl_lang *lang, void **state);
    /* Adds flags for @p doc.  @p batch may be NULL. */
    void (*run)(const void *state, mtl_checker *ck, const mtl_doc *doc,
                const mtl_batch *batch, mtl_flags *out);
    /* Frees what load() built.  May be NULL. */
    void (*unload)(void *state);
    /* First pass of the batch context: record this document's statistics
     * with the mtl_batch_* functions of batch.h.  May be NULL. */
    void (*observe)(const void *state, mtl_checker *ck, const mtl_doc *doc,
                    mtl_batch *batch);
} mtl_detector;

#define MTL_DETECTOR(name) extern const mtl_detector mtl_detector_##name;
#include "detectors.def"
#undef MTL_DETECTOR

extern const mtl_detector *const mtl_detectors[];
extern const size_t mtl_detectors_count;

/* ------------------------------------------------------------ flag sink */

/*
 * Adds a flag over bytes [start, end).  @p message NULL takes the rule's
 * description; @p message and @p suggestion are copied (may be NULL).
 * Empty or out-of-range spans are clamped; a flag identical to one already
 * added (same rule and span) is dropped.
 */
void mtl_flags_add(mtl_flags *out, mtl_rule rule, size_t start, size_t end,
                   const char *message, const char *suggestion);

/* Same, with a printf-style message. */
void mtl_flags_addf(mtl_flags *out, mtl_rule rule, size_t start, size_t end,
                    const char *suggestion, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* True if a flag of @p category (a detector's category string) already
 * covers any byte of [start, end).  For ownership at the borders. */
bool mtl_flags_overlap(const mtl_flags *out, const char *category,
                       size_t start, size_t end);

/* -------------------------------------------------------------- checker */

/*
 * The per-thread checker: Hunspell handles and scratch space.  A check
 * borrows one from the engine's pool, so detectors may use it freely.
 */

/* Spell check of a UTF-8 word in the document's language:
 * 1 = known word, 0 = unknown, -1 = no dictionary for the language.
 * Answers are cached per language, for all threads. */
int mtl_spell(mtl_checker *ck, const mtl_lang *lang, const char *word,
              size_t len);
/* mtl_spell() given the word's hash mtl_hash64(word, len,
 * MTL_LEXICON_SEED) (lexicon/lexicon.h), for a caller that has it: the
 * answers' cache is keyed by that hash, so it is not computed again. */
int mtl_spell_hashed(mtl_checker *ck, const mtl_lang *lang, const char *word,
                     size_t len, uint64_t hash);

/* Hunspell suggestions for a word; fills up to @p max NUL-terminated
 * strings into @p buf (each at most @p width bytes); returns how many. */
int mtl_spell_suggest(mtl_checker *ck, const mtl_lang *lang, const char *word,
                      size_t len, char *buf, size_t width, int max);

/* True if the language has a Hunspell dictionary. */
bool mtl_lang_has_dictionary(const mtl_lang *lang);

/* True if the language capitalises every noun (German, Luxembourgish), so
 * a capital says nothing of a name. */
bool mtl_lang_capitalises_nouns(const mtl_lang *lang);
/* Whether the language is French, Spanish, Portuguese, Italian or
 * Catalan: few closed compounds, articles and prepositions that glue. */
bool mtl_lang_romance(const mtl_lang *lang);

/* A scratch buffer of at least @p size bytes, owned by the checker, valid
 * until the next call with the same @p slot (0..3). */
void *mtl_checker_scratch(mtl_checker *ck, int slot, size_t size);

/* -------------------------------------------------- language resources */

/* BCP 47 tag of the language ("en", "pt-BR"), and its primary subtag. */
const char *mtl_lang_tag(const mtl_lang *lang);
const char *mtl_lang_primary(const mtl_lang *lang);

/* The lexicon of kind @p kind ("boilerplate", "camelcase") for the
 * language, with fallback pt-BR -> pt; NULL if none. */
const mtl_lexicon *mtl_lang_lexicon(const mtl_lang *lang, const char *kind);
/* The same kind from lexicons/all/, or NULL. */
const mtl_lexicon *mtl_lang_lexicon_all(const mtl_lang *lang,
                                        const char *kind);

/* The engine's reference date (year*10000+month*100+day) or 0. */
int32_t mtl_engine_reference_date(const mtl_engine *engine);

/* Log through the engine's callback. */
void mtl_engine_log(const mtl_engine *engine, mtl_log_level level,
                    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
