/*
 * cld2_bridge.cc - the one C++ file: exposes CLD2's language detector to
 * the C library as mtl_cld2_detect().  CLD2 is what Common Crawl uses for
 * page languages; Debian ships it as libcld2 without a C interface.
 */
#include <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <cstring>

#include "langid.h"

/* Declared in CLD2's internal lang_script.h; exported by libcld2. */
namespace CLD2 {
const char *LanguageCode(Language lang);
}

extern "C" int
mtl_cld2_detect(const char *text, int len, char *code, size_t cap,
                double *confidence, int *text_bytes)
{
    CLD2::Language lang3[3];
    int percent3[3];
    double norm3[3];
    int bytes = 0;
    bool reliable = false;
    CLD2::CLDHints hints = {NULL, NULL, CLD2::UNKNOWN_ENCODING,
                            CLD2::UNKNOWN_LANGUAGE};
    /* not ExtDetectLanguageSummaryCheckUTF8: the caller has made sure
     * that the text is interchange-valid (langid.c, mtl_sanitise), the
     * scan that function makes first; past it, both make the same call */
    CLD2::Language lang = CLD2::ExtDetectLanguageSummary(
        text, len, true, &hints, 0, lang3, percent3, norm3, NULL, &bytes,
        &reliable);
    if (text_bytes)
        *text_bytes = bytes;
    const char *c = CLD2::LanguageCode(lang);
    if (!c || lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE)
        c = "und";
    size_t n = std::strlen(c);
    if (n >= cap)
        n = cap - 1;
    std::memcpy(code, c, n);
    code[n] = '\0';
    double conf = percent3[0] / 100.0;
    if (!reliable)
        conf *= 0.5;
    if (std::strcmp(code, "und") == 0)
        conf = 0.0;
    if (confidence)
        *confidence = conf;
    return reliable ? 1 : 0;
}
