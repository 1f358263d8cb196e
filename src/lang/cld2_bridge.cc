/*
 * cld2_bridge.cc - the one C++ file: exposes CLD2's language detector to
 * the C library as mtl_cld2_detect().  CLD2 is what Common Crawl uses for
 * page languages; Debian ships it as libcld2 without a C interface.
 */
#include <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <cstring>

#include <cld2/internal/scoreonescriptspan.h>

#include "langid.h"

/* Declared in CLD2's internal sources (lang_script.h, getonescriptspan.cc,
 * compact_lang_det_impl.cc); exported by libcld2. */
namespace CLD2 {
const char *LanguageCode(Language lang);
int ScanToLetterOrSpecial(const char *src, int len);
void ApplyHints(const char *buffer, int buffer_length, bool is_plain_text,
                const CLDHints *cld_hints, ScoringContext *scoringcontext);
void RefineScoredClosePairs(DocTote *doc_tote, ResultChunkVector *vec,
                            bool FLAGS_cld2_html, bool FLAGS_cld2_quiet);
void ExtractLangEtc(DocTote *doc_tote, int total_text_bytes,
                    int *reliable_percent3, Language *language3,
                    int *percent3, double *normalized_score3,
                    int *text_bytes, bool *is_reliable);
void RemoveUnreliableLanguages(DocTote *doc_tote, bool FLAGS_cld2_html,
                               bool FLAGS_cld2_quiet);
void CalcSummaryLang(DocTote *doc_tote, int total_text_bytes,
                     const int *reliable_percent3, const Language *language3,
                     const int *percent3, Language *summary_lang,
                     bool *is_reliable, bool FLAGS_cld2_html,
                     bool FLAGS_cld2_quiet, int flags);
extern const UTF8PropObj cld_generated_CjkUni_obj;
extern const CLD2TableSummary kCjkCompat_obj;
extern const CLD2TableSummary kCjkDeltaBi_obj;
extern const CLD2TableSummary kDistinctBiTable_obj;
extern const CLD2TableSummary kQuad_obj;
extern const CLD2TableSummary kQuad_obj2;
extern const CLD2TableSummary kDeltaOcta_obj;
extern const CLD2TableSummary kDistinctOcta_obj;
extern const short kAvgDeltaOctaScore[];
}

/*
 * A faster front end for CLD2's ExtDetectLanguageSummary on a plain-text
 * sample, with the same answer.  Half of CLD2's time on a 512-byte sample
 * went to ScriptScanner::GetOneScriptSpan, which cuts the text into runs
 * of letters of one script, and most of that to calling a UTF-8 state
 * machine for each character (its script, GetUTF8LetterScriptNum; the end
 * of a run of non-letters, ScanToLetterOrSpecial) and to keeping an offset
 * map that only the result-chunk vector (not asked for) uses.  mtl_span()
 * is that function's plain-text path line by line, with both answers read
 * from a table made once from those same two CLD2 functions for every
 * code point below U+10000 (CLD2 is asked directly above it); the rest,
 * lowercasing and scoring included, is CLD2's own code, called in the
 * order DetectLanguageSummaryV2 (libcld2 0.0.0-git20150806) calls it for
 * flags 0, no hints, extended languages allowed.  Wherever that function
 * would go another way (a span of more than 2 KB of letters, where it
 * tests for squeezing; a longer text than our samples; an answer not good
 * enough, where it starts again with other flags) mtl_cld2_fast gives up
 * and the caller asks CLD2 itself, which gives the same answer it always
 * did: nothing of the first attempt is kept.
 */
namespace {

/* CLD2's script number and "ScanToLetterOrSpecial stops here" of each
 * code point U+0000..U+FFFF. */
struct MtlScriptTable {
    unsigned char script[0x10000];
    unsigned char stop[0x10000];
    /* CLD2's lowercasing of a span of ASCII letters and spaces is
     * "| 0x20" on each byte: checked once (mtl_ascii_lower_ok) */
    bool ascii_lower;
    /* the script of the ASCII letters A-Z a-z when they all have the
     * same one, else 0: mtl_span reads their runs eight bytes at a time */
    unsigned char ascii_script;
    MtlScriptTable();
};

/* True if the ASCII characters with a script are the letters A-Z a-z and
 * ScriptScanner::LowerScriptSpan makes of " A..Z a..z   " what "| 0x20"
 * makes of each byte, at the same length.  A span of ASCII bytes holds
 * letters and spaces only (mtl_span), each byte a character that CLD2's
 * lowercasing state machine maps on its own. */
bool
mtl_ascii_lower_ok(const unsigned char *script)
{
    for (int c = 0; c < 0x80; c++) {
        bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if ((script[c] != 0) != letter)
            return false;
    }
    char text[128];
    int n = 0;
    text[n++] = ' ';
    for (int c = 'A'; c <= 'Z'; c++)
        text[n++] = (char)c;
    text[n++] = ' ';
    for (int c = 'a'; c <= 'z'; c++)
        text[n++] = (char)c;
    text[n++] = ' ';
    std::memcpy(text + n, "   ", 4); /* the span's end: "   \0" */
    CLD2::ScriptScanner lower("", 0, true);
    CLD2::LangSpan span;
    span.text = text;
    span.text_bytes = n;
    span.offset = 0;
    span.ulscript = CLD2::ULScript_Latin;
    span.lang = CLD2::UNKNOWN_LANGUAGE;
    span.truncated = false;
    lower.LowerScriptSpan(&span);
    if (span.text_bytes != n)
        return false;
    for (int i = 0; i < n + 3; i++)
        if (span.text[i] != (char)(text[i] | 0x20))
            return false;
    return span.text[n + 3] == '\0';
}

static_assert(CLD2::NUM_ULSCRIPTS <= 256, "script numbers fit a byte");

MtlScriptTable::MtlScriptTable()
{
    for (unsigned cp = 0; cp < 0x10000; cp++) {
        char b[8] = {0};
        int n;
        if (cp >= 0xD800 && cp <= 0xDFFF) { /* never in valid UTF-8 */
            script[cp] = 0;
            stop[cp] = 1;
            continue;
        }
        if (cp < 0x80) {
            b[0] = (char)cp;
            n = 1;
        } else if (cp < 0x800) {
            b[0] = (char)(0xC0 | (cp >> 6));
            b[1] = (char)(0x80 | (cp & 0x3F));
            n = 2;
        } else {
            b[0] = (char)(0xE0 | (cp >> 12));
            b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            b[2] = (char)(0x80 | (cp & 0x3F));
            n = 3;
        }
        script[cp] = (unsigned char)CLD2::GetUTF8LetterScriptNum(b);
        stop[cp] = CLD2::ScanToLetterOrSpecial(b, n) == 0;
    }
    ascii_lower = mtl_ascii_lower_ok(script);
    ascii_script = script['a'];
    for (int c = 0; c < 26; c++)
        if (script['a' + c] != ascii_script || script['A' + c] != ascii_script)
            ascii_script = 0;
}

/* The number of ASCII letters A-Z a-z that the eight bytes of @p v
 * (little-endian) start with.  The bytes below the first beyond ASCII
 * take no carry from the arithmetic, which is exact there. */
inline unsigned
mtl_ascii_letters_in8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
    uint64_t w = v | ones * 0x20;
    uint64_t ge_a = w + ones * (0x80 - 'a');
    uint64_t gt_z = w + ones * (0x80 - 'z' - 1);
    uint64_t stop = ((~ge_a | gt_z) & high) | (v & high);
    return stop ? (unsigned)__builtin_ctzll(stop) / 8 : 8;
}

const MtlScriptTable &
mtl_script_table()
{
    static const MtlScriptTable table; /* made once, thread-safe (C++11) */
    return table;
}

/* Code point of the valid UTF-8 character at @p p below U+10000, else -1
 * (a four-byte character: CLD2 is asked). */
inline int
mtl_bmp_at(const unsigned char *p)
{
    unsigned c = p[0];
    if (c < 0x80)
        return (int)c;
    if (c < 0xE0)
        return (int)(((c & 0x1Fu) << 6) | (p[1] & 0x3Fu));
    if (c < 0xF0)
        return (int)(((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) |
                     (p[2] & 0x3Fu));
    return -1;
}

/* GetUTF8LetterScriptNum() of the valid character at @p p. */
inline int
mtl_script_at(const MtlScriptTable &t, const char *p)
{
    int cp = mtl_bmp_at((const unsigned char *)p);
    return cp >= 0 ? t.script[cp] : CLD2::GetUTF8LetterScriptNum(p);
}

/* ScanToLetterOrSpecial() on valid UTF-8. */
inline int
mtl_scan_to_letter(const MtlScriptTable &t, const char *src, int len)
{
    int i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)src[i];
        if (c < 0x80) {
            if (t.stop[c])
                break;
            i++;
            continue;
        }
        int cp = mtl_bmp_at((const unsigned char *)src + i);
        int n = CLD2::UTF8OneCharLen(src + i);
        if (cp >= 0 ? t.stop[cp] != 0
                    : CLD2::ScanToLetterOrSpecial(src + i, n) == 0)
            break;
        i += n;
    }
    return i;
}

struct MtlScanner {
    const char *start;
    const char *next;
    int length; /* bytes left */
};

/* ScriptScanner::GetOneScriptSpan for plain text (is_plain_text, letters
 * and marks only, one script), the same statements in the same order,
 * into @p out (at least the text's length + 8 bytes); *ascii tells
 * whether the span's letters are all ASCII.  The test of the letter after
 * a letter of another script reads past the text's end when that letter
 * is the text's last, as CLD2 does, and asks CLD2 there.  Two shortcuts:
 * an ASCII letter of the span's script is copied alone (CLD2 stores four
 * bytes, but the three after the letter are always written again before
 * the span is read: by the next letter, the space after a word or the
 * span's end), and there is no test of a full buffer (kMaxScriptBytes:
 * a span is at most one byte longer than the text, kMtlFastMax). */
bool
mtl_span(const MtlScriptTable &t, MtlScanner *s, char *out,
         CLD2::LangSpan *span, bool *ascii)
{
    using namespace CLD2;
    span->text = out;
    span->text_bytes = 0;
    span->offset = (int)(s->next - s->start);
    span->ulscript = UNKNOWN_ULSCRIPT;
    span->lang = UNKNOWN_LANGUAGE;
    span->truncated = false;
    /* the text is shorter than kMaxScriptBytes (mtl_cld2_fast) */
    int put_soft_limit = kMaxScriptBytes - kWithinScriptTail;
    int spanscript;
    int sc = UNKNOWN_ULSCRIPT;
    int tlen = 0;
    int plen = 0;
    out[0] = ' ';
    out[1] = '\0';
    int take = 0;
    int put = 1;

    /* SkipToFrontOfSpan */
    {
        const char *src = s->next;
        int len = s->length;
        int ssc = UNKNOWN_ULSCRIPT;
        int skip = 0;
        while (skip < len) {
            skip += mtl_scan_to_letter(t, src + skip, len - skip);
            if (skip >= len) {
                skip = len;
                break;
            }
            int l = UTF8OneCharLen(src + skip);
            ssc = mtl_script_at(t, src + skip);
            if (ssc != 0)
                break;
            skip += l;
        }
        spanscript = ssc;
        s->next += skip;
        s->length -= skip;
    }
    if (s->length <= 0)
        return false;
    span->ulscript = (ULScript)spanscript;

    const char *nb = s->next;
    int bl = s->length;
    unsigned char high = 0; /* the lead bytes of the letters, or'ed */
    while (take < bl) {
        bool need_break = false;
        while (take < bl) {
            {
                /* a run of ASCII letters of the span's script */
                const unsigned char *q = (const unsigned char *)nb + take;
                const unsigned char *qend = (const unsigned char *)nb + bl;
                const unsigned char *script = t.script;
                char *o = out + put;
                if (spanscript == t.ascii_script) {
                    /* eight bytes at a time, those past the letters
                     * written too (the output never runs ahead of the
                     * input but for its first space, and a byte
                     * written is written again before it counts) */
                    while (qend - q >= 8) {
                        uint64_t v;
                        std::memcpy(&v, q, 8);
                        std::memcpy(o, &v, 8);
                        unsigned k = mtl_ascii_letters_in8(v);
                        o += k;
                        q += k;
                        if (k < 8)
                            break;
                    }
                }
                while (q < qend && *q < 0x80 && script[*q] == spanscript)
                    *o++ = (char)*q++;
                take = (int)(q - (const unsigned char *)nb);
                put = (int)(o - out);
                if (take >= bl)
                    break;
            }
            high |= (unsigned char)nb[take];
            tlen = plen = UTF8OneCharLen(nb + take);
            if (take < bl - 3)
                std::memcpy(out + put, nb + take, 4);
            else
                std::memcpy(out + put, nb + take, plen);
            sc = mtl_script_at(t, nb + take);
            if (sc != spanscript && sc != ULScript_Inherited) {
                if (sc == ULScript_Common) {
                    need_break = true;
                } else {
                    const char *q = nb + take + tlen;
                    int sc2 = take + tlen < bl ? mtl_script_at(t, q)
                                               : GetUTF8LetterScriptNum(q);
                    if (sc2 != ULScript_Common && sc2 != spanscript)
                        need_break = true;
                }
            }
            if (need_break)
                break;
            take += tlen;
            put += plen;
        }
        while (take < bl) {
            tlen = mtl_scan_to_letter(t, nb + take, bl - take);
            take += tlen;
            if (take >= bl)
                break;
            tlen = UTF8OneCharLen(nb + take);
            sc = mtl_script_at(t, nb + take);
            if (sc != 0)
                break;
            take += tlen;
        }
        out[put++] = ' ';
        if (sc != spanscript && sc != ULScript_Inherited)
            break;
        if (put >= put_soft_limit) {
            span->truncated = true;
            break;
        }
    }
    while (0 < take && take < bl && (nb[take] & 0xc0) == 0x80) {
        --take;
        --put;
    }
    s->next += take;
    s->length -= take;
    out[put + 0] = ' ';
    out[put + 1] = ' ';
    out[put + 2] = ' ';
    out[put + 3] = '\0';
    span->text_bytes = put;
    *ascii = high < 0x80;
    return true;
}

/* The longest text mtl_cld2_fast takes: langid.c's samples (4,096 bytes
 * and three windows' slack) and spans (4,096). */
const int kMtlFastMax = 4200;
static_assert(kMtlFastMax + 8 < CLD2::kMaxScriptBytes - CLD2::kWithinScriptTail,
              "a span never fills CLD2's script buffer");

/* DetectLanguageSummaryV2(text, len, true, no hints, true, 0,
 * UNKNOWN_LANGUAGE, ...) on interchange-valid UTF-8 by the way above;
 * false (outputs undefined) where that function would go another way. */
bool
mtl_cld2_fast(const char *text, int len, CLD2::Language *summary,
              CLD2::Language *language3, int *percent3, double *norm3,
              int *text_bytes, bool *is_reliable)
{
    using namespace CLD2;
    static const ScoringTables tables = {
        &cld_generated_CjkUni_obj, &kCjkCompat_obj,  &kCjkDeltaBi_obj,
        &kDistinctBiTable_obj,     &kQuad_obj,       &kQuad_obj2,
        &kDeltaOcta_obj,           &kDistinctOcta_obj, kAvgDeltaOctaScore,
    };
    /* ScriptScanner::LowerScriptSpan, CLD2's lowercasing, needs a
     * scanner; only its lowercase buffer and map are used */
    static thread_local ScriptScanner lower("", 0, true);
    if (len <= 0 || len > kMtlFastMax)
        return false;
    const MtlScriptTable &t = mtl_script_table();

    DocTote doc_tote;
    ScoringContext sc;
    std::memset(&sc, 0, sizeof sc);
    sc.debug_file = stderr;
    sc.flags_cld2_score_as_quads = false;
    sc.flags_cld2_html = false;
    sc.flags_cld2_cr = false;
    sc.flags_cld2_verbose = false;
    sc.prior_chunk_lang = UNKNOWN_LANGUAGE;
    sc.ulscript = ULScript_Common;
    sc.scoringtables = &tables;
    sc.scanner = NULL; /* CLD2's own scanner: only for the chunk vector */
    sc.init();
    CLDHints hints = {NULL, NULL, UNKNOWN_ENCODING, UNKNOWN_LANGUAGE};
    ApplyHints(text, len, true, &hints, &sc);

    char out[kMtlFastMax + 16];
    MtlScanner s = {text, text, len};
    LangSpan span;
    int total_text_bytes = 0;
    bool ascii;
    while (mtl_span(t, &s, out, &span, &ascii)) {
        if (ascii && t.ascii_lower) {
            /* letters and spaces: "| 0x20" (MtlScriptTable) */
            for (int i = 0; i < span.text_bytes + 3; i++)
                out[i] = (char)(out[i] | 0x20);
        } else {
            lower.LowerScriptSpan(&span);
        }
        /* kCheapSqueezeTestThresh / 2: CLD2 tests for squeezing */
        if (span.text_bytes > 2048)
            return false;
        sc.ulscript = span.ulscript;
        ScoreOneScriptSpan(span, &sc, &doc_tote, NULL);
        total_text_bytes += span.text_bytes;
    }
    RefineScoredClosePairs(&doc_tote, NULL, false, false);
    doc_tote.Sort(3);
    int reliable_percent3[3];
    ExtractLangEtc(&doc_tote, total_text_bytes, reliable_percent3, language3,
                   percent3, norm3, text_bytes, is_reliable);
    /* kShortTextThresh, kGoodLang1Percent, kGoodLang1and2Percent */
    if (total_text_bytes > 256 &&
        !(*is_reliable &&
          (percent3[0] >= 70 || percent3[0] + percent3[1] >= 93)))
        return false;
    RemoveUnreliableLanguages(&doc_tote, false, false);
    doc_tote.Sort(3);
    ExtractLangEtc(&doc_tote, total_text_bytes, reliable_percent3, language3,
                   percent3, norm3, text_bytes, is_reliable);
    CalcSummaryLang(&doc_tote, total_text_bytes, reliable_percent3, language3,
                    percent3, summary, is_reliable, false, false, 0);
    return true;
}

} // namespace

/* The share of the text (percent) in one language that makes it the
 * answer, whatever CLD2's summary says (mtl_cld2_answer). */
#define MTL_CLD2_MOST 60

/* mtl_cld2_detect and mtl_cld2_detect_cld2: @p fast takes mtl_cld2_fast
 * where it can. */
static int
mtl_cld2_answer(const char *text, int len, char *code, size_t cap,
                double *confidence, int *text_bytes, bool fast)
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
    CLD2::Language lang;
    if (!fast || !mtl_cld2_fast(text, len, &lang, lang3, percent3, norm3,
                                &bytes, &reliable))
        lang = CLD2::ExtDetectLanguageSummary(text, len, true, &hints, 0,
                                              lang3, percent3, norm3, NULL,
                                              &bytes, &reliable);
    if (text_bytes)
        *text_bytes = bytes;
    /* CLD2's summary passes over English that most of the text is in when
     * another language has a sixth of it (English boilerplate around a
     * page in another language); mtlint's texts are articles, where that
     * sixth is a quotation or an untranslated passage: the language of
     * most of the text is the document's */
    if (lang != lang3[0] && percent3[0] >= MTL_CLD2_MOST &&
        lang3[0] != CLD2::UNKNOWN_LANGUAGE &&
        lang3[0] != CLD2::TG_UNKNOWN_LANGUAGE)
        lang = lang3[0];
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

extern "C" int
mtl_cld2_detect(const char *text, int len, char *code, size_t cap,
                double *confidence, int *text_bytes)
{
    return mtl_cld2_answer(text, len, code, cap, confidence, text_bytes,
                           true);
}

extern "C" int
mtl_cld2_detect_cld2(const char *text, int len, char *code, size_t cap,
                     double *confidence, int *text_bytes)
{
    return mtl_cld2_answer(text, len, code, cap, confidence, text_bytes,
                           false);
}
