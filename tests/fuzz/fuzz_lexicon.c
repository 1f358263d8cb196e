/*
 * fuzz_lexicon.c - libFuzzer target for the lexicon list loader (the way
 * Hunspell fuzzes its dictionary parser): parse, then look up every entry
 * exactly and case-folded.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "lexicon/lexicon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mtl_error err;
    mtl_lexicon *lex = mtl_lexicon_parse((const char *)data, size, "fuzz",
                                         &err);
    if (!lex)
        return 0;
    size_t n;
    const mtl_lex_entry *e = mtl_lexicon_entries(lex, &n);
    for (size_t i = 0; i < n; i++) {
        if (!mtl_lexicon_has(lex, e[i].text, e[i].len))
            abort();
        if (!mtl_lexicon_get_fold(lex, e[i].text, e[i].len))
            abort();
    }
    mtl_lexicon_free(lex);
    return 0;
}
