/*
 * fuzz_jsonl.c - libFuzzer target for the JSONL record reader: parse a
 * line, and splice a verdict into it or build the error record.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mtlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mtl_error err;
    char *id = NULL;
    mtl_record_fields fields = {NULL, NULL, NULL, "date"};
    mtl_record *r = mtl_record_parse((const char *)data, size, &fields, &id,
                                     &err);
    if (r) {
        size_t n;
        const char *t = mtl_record_text(r, &n);
        if (!t && n)
            abort();
        char *out = mtl_record_splice((const char *)data, size,
                                      "{\"grade\": \"A\"}", "fixed", t, n);
        mtl_free(out);
        mtl_record_free(r);
    } else {
        char *out = mtl_error_record(id, err.message, "fuzz:1");
        if (!out)
            abort();
        mtl_free(out);
    }
    mtl_free(id);
    return 0;
}
