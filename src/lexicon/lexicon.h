/*
 * lexicon.h - word and phrase lists from lexicons/<lang>/<kind>.txt.
 *
 * File format (lexicons/README.md): UTF-8, one entry per line, '#' starts a
 * comment line, "[section]" lines start a section, "canonical|variant|..."
 * lines give synonyms (every form is an entry whose canonical is the first),
 * "<n>" inside a phrase matches a number.  Leading and trailing white space
 * is trimmed; inner runs of white space are kept as one space.
 *
 * Lookups are exact (mtl_lexicon_has) or on the case-folded form
 * (mtl_lexicon_has_fold).  A loaded lexicon is immutable and may be shared
 * by threads.
 */
#ifndef MTL_LEXICON_H
#define MTL_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../mtlint.h"

typedef struct mtl_lexicon mtl_lexicon;

typedef struct mtl_lex_entry {
    const char *text;      /* the entry as written (NUL-terminated) */
    size_t len;
    const char *folded;    /* case-folded form */
    size_t folded_len;
    const char *section;   /* "" when before any [section] line */
    const char *canonical; /* first form of its synonym line */
    unsigned line;         /* line number in the file */
    /* the next entry, in file order, with the same folded form (a word
     * filed under two sections), or NULL */
    const struct mtl_lex_entry *next_fold;
} mtl_lex_entry;

/* Loads a list from @p path.  Returns NULL and fills @p err (file:line in
 * the message) on failure. */
mtl_lexicon *mtl_lexicon_load(const char *path, mtl_error *err);

/* Parses a list from memory (for tests and fuzzing); @p name labels
 * errors. */
mtl_lexicon *mtl_lexicon_parse(const char *data, size_t len,
                               const char *name, mtl_error *err);

void mtl_lexicon_free(mtl_lexicon *lex);

/* Exact lookup; returns the entry or NULL. */
const mtl_lex_entry *mtl_lexicon_get(const mtl_lexicon *lex, const char *s,
                                     size_t len);
static inline bool
mtl_lexicon_has(const mtl_lexicon *lex, const char *s, size_t len)
{
    return lex && mtl_lexicon_get(lex, s, len) != NULL;
}

/* Case-insensitive lookup (full Unicode case folding); returns the first
 * entry with that folded form, or NULL. */
const mtl_lex_entry *mtl_lexicon_get_fold(const mtl_lexicon *lex,
                                          const char *s, size_t len);
static inline bool
mtl_lexicon_has_fold(const mtl_lexicon *lex, const char *s, size_t len)
{
    return lex && mtl_lexicon_get_fold(lex, s, len) != NULL;
}

/* True if @p s, looked up case-insensitively, is an entry of section
 * @p section ("article" of function-words.txt, say), whichever other
 * sections also list it. */
static inline bool
mtl_lexicon_in_section(const mtl_lexicon *lex, const char *s, size_t len,
                       const char *section)
{
    for (const mtl_lex_entry *e = lex ? mtl_lexicon_get_fold(lex, s, len)
                                      : NULL;
         e; e = e->next_fold)
        if (strcmp(e->section, section) == 0)
            return true;
    return false;
}

/* The seed of the lexicons' mtl_hash64() of the keys. */
#define MTL_LEXICON_SEED 0x1e8

/* mtl_lexicon_get_fold() for a key that is its own case fold (ASCII
 * without upper-case letters, say), given its hash
 * mtl_hash64(s, len, MTL_LEXICON_SEED): for a caller that hashes its
 * words anyway, the lookup without folding and hashing the key again. */
const mtl_lex_entry *mtl_lexicon_get_folded(const mtl_lexicon *lex,
                                            const char *s, size_t len,
                                            uint64_t hash);

/* All entries in file order. */
const mtl_lex_entry *mtl_lexicon_entries(const mtl_lexicon *lex, size_t *n);

/* Case-folds UTF-8 @p s into @p out (capacity @p cap, NUL-terminated).
 * Returns the folded length, or (size_t)-1 when it does not fit. */
size_t mtl_utf8_fold(const char *s, size_t len, char *out, size_t cap);

#endif
