/*
 * stats.h - document quality statistics of the Gopher (Rae et al. 2021),
 * C4 (Raffel et al. 2020) and FineWeb (Penedo et al. 2024) filters,
 * computed from the tokenizer's words in the same pass as the detectors,
 * and the filter presets that judge them (lexicons/all/filters.conf).
 */
#ifndef MTL_STATS_H
#define MTL_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "../detectors/detector.h"
#include "../doc.h"

typedef struct mtl_stats {
    size_t chars;          /* code points of the document */
    size_t words;          /* tokenizer words (letters, digits, ideographs) */
    size_t nonsymbol_words; /* tokens that are not punctuation */
    double mean_word_length; /* code points, over words */
    double hash_word_ratio;     /* '#' per word */
    double ellipsis_word_ratio; /* "..." and U+2026 per word */
    double symbol_word_ratio;   /* both together (Gopher) */
    size_t lines;          /* non-blank lines */
    size_t all_lines;      /* lines including blank ones */
    size_t paragraphs;
    size_t sentences;
    double bullet_lines_frac;
    double ellipsis_lines_frac;
    double alpha_words_frac;    /* words with a letter */
    size_t stop_words;          /* -1 as SIZE_MAX when no list */
    bool has_stop_list;
    double terminal_punct_lines_frac;
    double short_lines_frac;    /* lines of at most 30 code points */
    double dup_line_frac, dup_line_char_frac;
    double dup_para_frac, dup_para_char_frac;
    double fineweb_char_dup_frac; /* duplicated line chars / non-newline chars */
    double top_ngram_frac[5];   /* index 2..4 */
    double dup_ngram_frac[11];  /* index 5..10 */
    double dict_words_frac;     /* -1 when no dictionary */
    size_t dict_words_checked;
    double newline_word_ratio;
    /* C4 */
    size_t c4_sentences;        /* in lines C4 keeps */
    bool has_lorem_ipsum;
    bool has_curly_bracket;
} mtl_stats;

/* What the statistics keep per language, built when the language is
 * loaded (mtl_engine_lang), then read-only: the stop list's short words
 * as keys of their bytes (stats.c).  @p stop may be NULL. */
typedef struct mtl_stats_lang mtl_stats_lang;
mtl_stats_lang *mtl_stats_lang_new(const mtl_lexicon *stop);
void mtl_stats_lang_free(mtl_stats_lang *sl);

/* Computes the statistics of @p doc (tokenized). */
void mtl_stats_compute(mtl_checker *ck, const mtl_doc *doc, mtl_stats *out);

/* The "stats" JSON object (free with free()). */
char *mtl_stats_json(const mtl_stats *st);

typedef struct mtl_filters mtl_filters;

#define MTL_FILTER_GOPHER 0
#define MTL_FILTER_C4 1
#define MTL_FILTER_FINEWEB 2
#define MTL_FILTER_COUNT 3

extern const char *const mtl_filter_names[MTL_FILTER_COUNT];

mtl_filters *mtl_filters_parse(const char *data, size_t len, const char *name,
                               mtl_error *err);
mtl_filters *mtl_filters_load(const char *path, mtl_error *err);
void mtl_filters_free(mtl_filters *f);

/* "pass" or the name of the first failing rule of preset @p which for a
 * document of language @p lang (per-language sections override). */
const char *mtl_filters_verdict(const mtl_filters *f, int which,
                                const char *lang, const mtl_stats *st);

#endif
