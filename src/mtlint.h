/*
 * mtlint.h - the public interface of libmtlint.
 *
 * mtlint finds machine-translation and scraping artifacts in text and grades
 * each document A-F.  This is the only installed header; the CLI and the
 * Python binding use nothing else.
 *
 * Memory ownership (one rule for the whole API):
 *   - arguments are borrowed: the library copies what it keeps;
 *   - a returned `const` pointer lives as long as the object it came from;
 *   - a returned non-`const` pointer is the caller's, released with the
 *     matching `_free` function (`mtl_free` for plain strings);
 *   - every `_free(NULL)` does nothing.
 *
 * Threads: an engine is immutable once built, apart from lazily loaded
 * language resources that it guards itself; any number of threads may call
 * mtl_engine_check() on one engine at once.  A report belongs to one thread
 * at a time.  A batch may be observed from several threads at once.
 *
 * Errors: the library never prints and never exits.  Functions that can
 * fail return NULL or a negative mtl_status and fill an mtl_error when one
 * is given.  Diagnostics about data files go to the log callback.
 */
#ifndef MTLINT_H
#define MTLINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(MTL_BUILDING_LIBRARY) && defined(__GNUC__)
#define MTL_EXPORT __attribute__((visibility("default")))
#else
#define MTL_EXPORT
#endif

/** The version of this header; mtl_version() gives the library's. */
#define MTL_VERSION "0.1.0"
#define MTL_VERSION_MAJOR 0
#define MTL_VERSION_MINOR 1
#define MTL_VERSION_PATCH 0

/* ---------------------------------------------------------------- status */

/** Status codes: 0 is success, negative values are errors. */
typedef enum mtl_status {
    MTL_OK = 0,
    MTL_ENOMEM = -1,   /**< out of memory */
    MTL_EINVAL = -2,   /**< an argument is malformed */
    MTL_EIO = -3,      /**< a file could not be read */
    MTL_ENOLANG = -4,  /**< no resources for the language */
    MTL_EUTF8 = -5,    /**< text is not valid UTF-8 where it must be */
    MTL_ETOOBIG = -6,  /**< input larger than the configured limit */
    MTL_EDATA = -7,    /**< a data file (lexicon, scorer) is malformed */
    MTL_EICU = -8,     /**< ICU reported an error */
    MTL_EJSON = -9     /**< a JSON record is malformed */
} mtl_status;

/** A static English text for a status code.  Never NULL. */
MTL_EXPORT const char *mtl_strerror(int status);

/** An error: the status and a message that names the file and the fix. */
typedef struct mtl_error {
    int status;
    char message[512];
} mtl_error;

/** The library's version string, e.g. "0.1.0". */
MTL_EXPORT const char *mtl_version(void);

/** Frees a string returned by the library.  mtl_free(NULL) does nothing. */
MTL_EXPORT void mtl_free(void *p);

/* ---------------------------------------------------------------- engine */

typedef struct mtl_engine mtl_engine;
typedef struct mtl_report mtl_report;
typedef struct mtl_batch mtl_batch;

typedef enum mtl_log_level {
    MTL_LOG_ERROR = 0,
    MTL_LOG_WARNING = 1,
    MTL_LOG_INFO = 2,
    MTL_LOG_DEBUG = 3
} mtl_log_level;

/** Receives the library's diagnostics.  May be called from any thread. */
typedef void (*mtl_log_fn)(void *user, mtl_log_level level,
                           const char *message);

/** The default document size limit: 64 MiB. */
#define MTL_DEFAULT_MAX_DOC_BYTES ((size_t)64 << 20)

/** No option bits set. */
#define MTL_OPT_DEFAULT 0u
/** Do not search the source tree and installed data folder for lexicons. */
#define MTL_OPT_NO_DEFAULT_PATHS (1u << 0)
/** Do not load Hunspell dictionaries (dictionary-based rules off). */
#define MTL_OPT_NO_DICTIONARIES (1u << 1)
#define MTL_OPT_ALL (MTL_OPT_NO_DEFAULT_PATHS | MTL_OPT_NO_DICTIONARIES)

/** Engine options.  Start from mtl_options_default(). */
typedef struct mtl_options {
    /** Comma-separated BCP 47 codes to load at creation; NULL: load each
     *  language lazily the first time a document needs it. */
    const char *languages;
    /** Colon-separated lexicon folders searched first; may be NULL.  Then
     *  $MTLINT_LEXICON_PATH, then the installed data folder. */
    const char *lexicon_path;
    /** Detectors: NULL or "all" for all; "none" for tokenizing only; a
     *  comma list of names ("names,dates") enables only those; names with
     *  a leading '-' ("-dates") disable from all. */
    const char *detectors;
    /** Reference date "YYYY-MM-DD" for weekday checks; NULL: none. */
    const char *reference_date;
    /** Language used when identification is not confident; NULL: "und". */
    const char *fallback_language;
    /** Scorer configuration file; NULL: lexicons/all/scorer.conf. */
    const char *scorer_config;
    /** Optional per-language calibration (JSON from `mtlint calibrate`). */
    const char *calibration;
    /** Documents larger than this are not checked (an error is
     *  returned); 0 means MTL_DEFAULT_MAX_DOC_BYTES. */
    size_t max_doc_bytes;
    /** Comma-separated quality-filter presets to judge every document
     *  with ("gopher,c4,fineweb"); NULL: none.  Thresholds come from
     *  lexicons/all/filters.conf. */
    const char *filters;
    mtl_log_fn log_fn;
    void *log_user;
    unsigned flags; /**< MTL_OPT_* bits */
} mtl_options;

/** Default options: all detectors, lazy languages, default paths. */
MTL_EXPORT mtl_options mtl_options_default(void);

/**
 * Builds an engine.  Returns NULL on failure and fills @p err (may be NULL).
 * Free with mtl_engine_free().
 */
MTL_EXPORT mtl_engine *mtl_engine_new(const mtl_options *options,
                                      mtl_error *err);

/** Frees an engine.  No check may be running on it. */
MTL_EXPORT void mtl_engine_free(mtl_engine *engine);

/** Adds a lexicon folder searched before all others. */
MTL_EXPORT int mtl_engine_add_lexicon_path(mtl_engine *engine,
                                           const char *path);

/** True if @p tag is a well-formed BCP 47 language tag ("en", "pt-BR"). */
MTL_EXPORT bool mtl_language_tag_valid(const char *tag);

/**
 * Describes language @p tag: whether lexicons and a dictionary exist for
 * it.  Loads it if needed.  Returns MTL_OK or an error status.
 */
MTL_EXPORT int mtl_engine_language_info(mtl_engine *engine, const char *tag,
                                        bool *has_lexicons,
                                        bool *has_dictionary);

/* ------------------------------------------------------------- detectors */

/** Number of detectors compiled in. */
MTL_EXPORT size_t mtl_detector_count(void);
/** Name of detector @p i ("dates"), or NULL when out of range. */
MTL_EXPORT const char *mtl_detector_name(size_t i);
/** Category of detector @p i ("date"). */
MTL_EXPORT const char *mtl_detector_category(size_t i);
/** One-line description of detector @p i. */
MTL_EXPORT const char *mtl_detector_description(size_t i);
/** True if detector @p i is enabled in @p engine. */
MTL_EXPORT bool mtl_engine_detector_enabled(const mtl_engine *engine,
                                            size_t i);

/** Number of rules compiled in. */
MTL_EXPORT size_t mtl_rule_count(void);
/** Rule @p i: its stable id, detector, category and description. */
MTL_EXPORT const char *mtl_rule_id(size_t i);
MTL_EXPORT const char *mtl_rule_detector(size_t i);
MTL_EXPORT const char *mtl_rule_category(size_t i);
MTL_EXPORT const char *mtl_rule_description(size_t i);

/* ----------------------------------------------------------------- batch */

/** Batch options.  Zero fields take defaults. */
typedef struct mtl_batch_options {
    size_t table_slots;       /**< fixed size of each statistics table */
    unsigned min_documents;   /**< documents a line must recur in (3) */
} mtl_batch_options;

/**
 * Creates an empty batch context: a first pass observes documents, then
 * checks read it (DESIGN.md "Batch context").  Memory is bounded by the
 * table sizes, whatever the number of documents.  Free with
 * mtl_batch_free().
 */
MTL_EXPORT mtl_batch *mtl_batch_new(mtl_engine *engine,
                                    const mtl_batch_options *options,
                                    mtl_error *err);

/** Frees a batch.  mtl_batch_free(NULL) does nothing. */
MTL_EXPORT void mtl_batch_free(mtl_batch *batch);

/** Document metadata for observing and checking.  All fields optional. */
typedef struct mtl_doc_meta {
    const char *id;     /**< record id, echoed in reports */
    const char *source; /**< file path (plus ":LINE"), echoed in reports */
    const char *lang;   /**< BCP 47 language; NULL: identify */
    const char *date;   /**< publication date "YYYY-MM-DD"; overrides the
                             engine's reference date for this document */
} mtl_doc_meta;

/**
 * Adds one document's statistics to @p batch (first pass).  Thread-safe.
 * Returns MTL_OK or an error status.
 */
MTL_EXPORT int mtl_batch_observe(mtl_batch *batch, const char *text,
                                 size_t len, const mtl_doc_meta *meta);

/** Number of documents observed so far. */
MTL_EXPORT uint64_t mtl_batch_documents(const mtl_batch *batch);

/**
 * Number of observed documents that contain the normalised line @p line
 * (the same normalisation the duplicates detector uses).  A count from a
 * fixed-size table: exact until the table is full, never too low.
 */
MTL_EXPORT unsigned mtl_batch_line_documents(const mtl_batch *batch,
                                             const char *line, size_t len);

/* ----------------------------------------------------------------- check */

/**
 * Checks one document.  @p text need not be valid UTF-8 nor free of NUL
 * bytes: bad bytes are flagged, offsets always refer to @p text.
 * @p meta and @p batch may be NULL.  Returns a report (free with
 * mtl_report_free()) or NULL on failure (out of memory, document over the
 * size limit, malformed language tag) with @p err filled.
 */
MTL_EXPORT mtl_report *mtl_engine_check(mtl_engine *engine, const char *text,
                                        size_t len, const mtl_doc_meta *meta,
                                        const mtl_batch *batch,
                                        mtl_error *err);

/** Frees a report.  mtl_report_free(NULL) does nothing. */
MTL_EXPORT void mtl_report_free(mtl_report *report);

/** One flag.  Strings live as long as the report. */
typedef struct mtl_flag {
    const char *category;   /**< "name", "date", ... */
    const char *rule;       /**< stable rule id, "glued-word" */
    const char *detector;   /**< "names" */
    size_t start, end;      /**< byte span in the document, end exclusive */
    size_t line, col;       /**< 1-based; col counts code points */
    const char *text;       /**< the span's bytes (invalid UTF-8 as U+FFFD) */
    const char *message;    /**< for a person */
    const char *suggestion; /**< replaces start..end, or NULL */
    double weight;          /**< from the scorer configuration */
} mtl_flag;

MTL_EXPORT size_t mtl_report_flag_count(const mtl_report *report);
/** Flag @p i (in document order), or NULL when out of range. */
MTL_EXPORT const mtl_flag *mtl_report_flag(const mtl_report *report,
                                           size_t i);
MTL_EXPORT double mtl_report_score(const mtl_report *report);
/** Grade letter 'A'..'F'. */
MTL_EXPORT char mtl_report_grade(const mtl_report *report);
MTL_EXPORT const char *mtl_report_lang(const mtl_report *report);
MTL_EXPORT double mtl_report_lang_confidence(const mtl_report *report);
MTL_EXPORT size_t mtl_report_words(const mtl_report *report);
MTL_EXPORT const char *mtl_report_id(const mtl_report *report);
MTL_EXPORT const char *mtl_report_source(const mtl_report *report);
/** The checked document's bytes and length (a copy kept by the report). */
MTL_EXPORT const char *mtl_report_text(const mtl_report *report,
                                       size_t *len);
/** Number of flags and sub-score (0..100) of a category; count 0 and
 *  sub-score 100 for a category without flags. */
MTL_EXPORT size_t mtl_report_category_count(const mtl_report *report,
                                            const char *category);
MTL_EXPORT double mtl_report_subscore(const mtl_report *report,
                                      const char *category);
/** The category's penalty rate before calibration: the sum of its flag
 *  weights, per 100 words for length-normalised categories (the input of
 *  `mtlint calibrate`); 0 without flags. */
MTL_EXPORT double mtl_report_category_rate(const mtl_report *report,
                                           const char *category);

/** The number of categories and the name of category @p i ("name"). */
MTL_EXPORT size_t mtl_category_count(void);
MTL_EXPORT const char *mtl_category_name(size_t i);

/**
 * The verdict of quality-filter preset @p preset ("gopher", "c4",
 * "fineweb"): "pass" or the name of the first failing rule
 * ("top_2_gram"); NULL when the engine was not asked for that preset.
 */
MTL_EXPORT const char *mtl_report_filter(const mtl_report *report,
                                         const char *preset);

/** Notes such as "no dictionary for xx: dictionary rules off"; NULL-ended. */
MTL_EXPORT const char *const *mtl_report_notes(const mtl_report *report);

/** Grade letter for a score with the engine's thresholds. */
MTL_EXPORT char mtl_engine_grade_for(const mtl_engine *engine, double score);

/* --------------------------------------------------------------- writers */

/** Bits for the writers. */
#define MTL_WRITE_DEFAULT 0u
#define MTL_WRITE_COLOR (1u << 0)      /**< ANSI colour (text writer) */
#define MTL_WRITE_NO_FLAGS (1u << 1)   /**< omit the flag list (JSON) */
#define MTL_WRITE_NO_STATS (1u << 2)   /**< omit the stats object (JSON) */

/**
 * The report as one JSON object on one line, no trailing newline (the
 * DESIGN.md record).  Returns a string to free with mtl_free(), or NULL on
 * out of memory.
 */
MTL_EXPORT char *mtl_report_json(const mtl_report *report, unsigned bits);

/**
 * gcc-style diagnostics for the report: one per flag with the source line
 * and a caret underline (@p context lines around it), then a summary line.
 * @p name labels the document (a path).  Free with mtl_free().
 */
MTL_EXPORT char *mtl_report_text_diagnostics(const mtl_report *report,
                                             const char *name,
                                             unsigned context, unsigned bits);

/**
 * The document with flagged spans removed (@p all false: boilerplate and
 * duplicate spans only) or, with @p all, also every suggestion applied.
 * Returns the new text (free with mtl_free()) and its length in @p len.
 */
MTL_EXPORT char *mtl_report_fix(const mtl_report *report, bool all,
                                size_t *len);

/* ------------------------------------------------------------ HTML page */

typedef struct mtl_html mtl_html;

/**
 * Starts a self-contained HTML page (inline CSS, no scripts, no network)
 * titled @p title (may be NULL).  Add reports with mtl_html_add(), then
 * take the page with mtl_html_finish().  Free with mtl_html_free().
 */
MTL_EXPORT mtl_html *mtl_html_new(const char *title);

/**
 * Adds one document: its grade and score with the costliest categories,
 * the text with every flag highlighted in its category's colour (rule,
 * message and suggestion on hover and focus), and a list of flags linking
 * to their places.  @p name labels the document.  Returns MTL_OK.
 */
MTL_EXPORT int mtl_html_add(mtl_html *page, const mtl_report *report,
                            const char *name);

/**
 * The whole page (with an index when it holds several documents).
 * Returns a string to free with mtl_free() and its length in @p len; the
 * page object may then only be freed.
 */
MTL_EXPORT char *mtl_html_finish(mtl_html *page, size_t *len);

/** Frees a page.  mtl_html_free(NULL) does nothing. */
MTL_EXPORT void mtl_html_free(mtl_html *page);

/* ---------------------------------------------------------- JSONL records */

typedef struct mtl_record mtl_record;

/** Field names of JSONL input records.  NULL fields take the defaults
 *  "text", "id", "lang" and none for the date. */
typedef struct mtl_record_fields {
    const char *text_field;
    const char *id_field;
    const char *lang_field;
    const char *date_field;
} mtl_record_fields;

/**
 * Parses one JSONL input line.  Returns a record (free with
 * mtl_record_free()) or NULL with @p err filled when the line is not a JSON
 * object with a string text field.  @p id_out (may be NULL) receives the
 * record's id as a JSON value text whenever it could be read, on success
 * and on failure alike (the caller frees it with mtl_free()), else NULL.
 */
MTL_EXPORT mtl_record *mtl_record_parse(const char *line, size_t len,
                                        const mtl_record_fields *fields,
                                        char **id_out, mtl_error *err);
MTL_EXPORT void mtl_record_free(mtl_record *record);
/** The text field's UTF-8 bytes and length. */
MTL_EXPORT const char *mtl_record_text(const mtl_record *record,
                                       size_t *len);
/** The id as a string (numbers in their JSON form), or NULL. */
MTL_EXPORT const char *mtl_record_id(const mtl_record *record);
/** The id as a JSON value text ("\"a1\"", "17"), or NULL. */
MTL_EXPORT const char *mtl_record_id_json(const mtl_record *record);
MTL_EXPORT const char *mtl_record_lang(const mtl_record *record);
MTL_EXPORT const char *mtl_record_date(const mtl_record *record);

/**
 * The input line with "mtlint": <verdict> spliced in before its closing
 * brace, input bytes otherwise unchanged.  @p verdict is a JSON object
 * text (from mtl_report_json()).  @p extra_key / @p extra_value, when not
 * NULL, add one more string member (for --fix).  Free with mtl_free().
 */
MTL_EXPORT char *mtl_record_splice(const char *line, size_t len,
                                   const char *verdict,
                                   const char *extra_key,
                                   const char *extra_value,
                                   size_t extra_len);

/**
 * An error record for an unreadable line: {"id": ID, "mtlint": {"error":
 * MESSAGE, "source": SOURCE}} (no "id" when @p id_json is NULL).
 */
MTL_EXPORT char *mtl_error_record(const char *id_json, const char *message,
                                  const char *source);

#ifdef __cplusplus
}
#endif

#endif /* MTLINT_H */
