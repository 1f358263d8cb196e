/*
 * engine.c - the engine: options, lexicon search path, lazily loaded
 * language resources, the pool of per-thread checkers, and the check flow
 * (prepare -> detectors -> scorer -> report).
 */
#include "engine.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"
#include "config.h"
#include "lang/langid.h"
#include "lexicon/speller.h"
#include "tokenize/tokenize.h"
#include "util/util.h"


void
mtl_set_error(mtl_error *err, int status, const char *fmt, ...)
{
    if (!err)
        return;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

mtl_options
mtl_options_default(void)
{
    mtl_options o;
    memset(&o, 0, sizeof o);
    o.flags = MTL_OPT_DEFAULT;
    return o;
}

void
mtl_engine_log(const mtl_engine *e, mtl_log_level level, const char *fmt, ...)
{
    if (!e || !e->opts.log_fn)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    e->opts.log_fn(e->opts.log_user, level, buf);
}

static bool
mtl_is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool
mtl_is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int
mtl_engine_add_lexicon_path(mtl_engine *e, const char *path)
{
    if (!e || !path || !*path)
        return MTL_EINVAL;
    if (e->npaths >= MTL_MAX_PATHS)
        return MTL_EINVAL;
    pthread_mutex_lock(&e->lock);
    memmove(e->paths + 1, e->paths, e->npaths * sizeof e->paths[0]);
    e->paths[0] = mtl_xstrdup(path);
    e->npaths++;
    pthread_mutex_unlock(&e->lock);
    return MTL_OK;
}

static void
mtl_add_path_list(mtl_engine *e, const char *list)
{
    if (!list)
        return;
    const char *p = list;
    while (*p) {
        const char *c = strchr(p, ':');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if (n > 0 && e->npaths < MTL_MAX_PATHS)
            e->paths[e->npaths++] = mtl_xstrndup(p, n);
        p += n;
        if (*p == ':')
            p++;
    }
}

/* Finds "<path>/<rel>" on the lexicon path; returns a new string or NULL. */
static char *
mtl_find_on_path(const mtl_engine *e, const char *rel, bool dir)
{
    char buf[4096];
    for (size_t i = 0; i < e->npaths; i++) {
        snprintf(buf, sizeof buf, "%s/%s", e->paths[i], rel);
        if (dir ? mtl_is_dir(buf) : mtl_is_file(buf))
            return mtl_xstrdup(buf);
    }
    return NULL;
}

static int
mtl_parse_detectors(mtl_engine *e, const char *spec, mtl_error *err)
{
    size_t n = mtl_detectors_count;
    bool all = !spec || !*spec || strcmp(spec, "all") == 0;
    for (size_t i = 0; i < n; i++)
        e->enabled[i] = all;
    if (all)
        return MTL_OK;
    if (strcmp(spec, "none") == 0) {
        for (size_t i = 0; i < n; i++)
            e->enabled[i] = false;
        return MTL_OK;
    }
    /* A list of '-name' items disables from all; plain names enable only
     * themselves.  Mixing is allowed: "+names" style is not needed. */
    bool any_plain = false;
    const char *p = spec;
    while (*p) {
        while (*p == ',' || *p == ' ')
            p++;
        if (*p && *p != '-')
            any_plain = true;
        while (*p && *p != ',')
            p++;
    }
    for (size_t i = 0; i < n; i++)
        e->enabled[i] = !any_plain;
    p = spec;
    while (*p) {
        while (*p == ',' || *p == ' ')
            p++;
        if (!*p)
            break;
        bool neg = *p == '-';
        if (neg)
            p++;
        const char *s = p;
        while (*p && *p != ',' && *p != ' ')
            p++;
        char name[64];
        size_t len = (size_t)(p - s);
        if (len == 0 || len >= sizeof name) {
            mtl_set_error(err, MTL_EINVAL,
                          "empty or too long detector name in '%s'", spec);
            return MTL_EINVAL;
        }
        memcpy(name, s, len);
        name[len] = '\0';
        int idx = mtl_detector_index(name);
        if (idx < 0) {
            mtl_set_error(err, MTL_EINVAL,
                          "unknown detector '%s' in '%s'; see "
                          "--list-detectors", name, spec);
            return MTL_EINVAL;
        }
        e->enabled[idx] = !neg;
    }
    return MTL_OK;
}

mtl_engine *
mtl_engine_new(const mtl_options *options, mtl_error *err)
{
    mtl_options def = mtl_options_default();
    if (!options)
        options = &def;
    if (options->flags & ~MTL_OPT_ALL) {
        mtl_set_error(err, MTL_EINVAL, "unknown option bits 0x%x",
                      options->flags & ~MTL_OPT_ALL);
        return NULL;
    }
    mtl_engine *e = mtl_xcalloc(1, sizeof *e);
    e->opts = *options;
    e->opts.languages = NULL;
    e->opts.lexicon_path = NULL;
    e->opts.detectors = NULL;
    e->opts.reference_date = NULL;
    e->opts.scorer_config = NULL;
    e->opts.calibration = NULL;
    e->opts.fallback_language = NULL;
    pthread_mutex_init(&e->lock, NULL);
    e->max_doc_bytes = options->max_doc_bytes ? options->max_doc_bytes
                                              : MTL_DEFAULT_MAX_DOC_BYTES;

    mtl_add_path_list(e, options->lexicon_path);
    if (!(options->flags & MTL_OPT_NO_DEFAULT_PATHS)) {
        mtl_add_path_list(e, getenv("MTLINT_LEXICON_PATH"));
        if (e->npaths < MTL_MAX_PATHS)
            e->paths[e->npaths++] = mtl_xstrdup(MTL_LEXICON_DIR);
        if (e->npaths < MTL_MAX_PATHS)
            e->paths[e->npaths++] = mtl_xstrdup(MTL_SOURCE_LEXICON_DIR);
    }

    if (mtl_parse_detectors(e, options->detectors, err) != MTL_OK)
        goto fail;

    if (options->reference_date) {
        e->ref_date = mtl_parse_date(options->reference_date);
        if (!e->ref_date) {
            mtl_set_error(err, MTL_EINVAL,
                          "reference date '%s' is not a real date in the "
                          "form YYYY-MM-DD", options->reference_date);
            goto fail;
        }
    }
    if (options->fallback_language) {
        if (!mtl_language_tag_valid(options->fallback_language)) {
            mtl_set_error(err, MTL_EINVAL,
                          "fallback language '%s' is not a BCP 47 tag",
                          options->fallback_language);
            goto fail;
        }
        e->fallback_lang = mtl_xstrdup(options->fallback_language);
    }

    {
        char *conf = options->scorer_config
                         ? mtl_xstrdup(options->scorer_config)
                         : mtl_find_on_path(e, "all/scorer.conf", false);
        if (!conf) {
            mtl_set_error(err, MTL_EDATA,
                          "scorer configuration all/scorer.conf not found "
                          "on the lexicon path; set MTLINT_LEXICON_PATH to "
                          "the lexicons folder");
            goto fail;
        }
        e->scorer = mtl_scorer_load(conf, err);
        free(conf);
        if (!e->scorer)
            goto fail;
        if (options->calibration &&
            mtl_scorer_load_calibration(e->scorer, options->calibration,
                                        err) != MTL_OK)
            goto fail;
    }
    e->all_dir = mtl_find_on_path(e, "all", true);

    if (options->filters && *options->filters) {
        const char *p = options->filters;
        while (*p) {
            const char *c = strchr(p, ',');
            size_t n = c ? (size_t)(c - p) : strlen(p);
            int found = -1;
            for (int i = 0; i < MTL_FILTER_COUNT; i++)
                if (strlen(mtl_filter_names[i]) == n &&
                    strncmp(mtl_filter_names[i], p, n) == 0)
                    found = i;
            if (found < 0) {
                mtl_set_error(err, MTL_EINVAL,
                              "unknown filter preset '%.*s' in '%s'; "
                              "choose from gopher, c4, fineweb", (int)n, p,
                              options->filters);
                goto fail;
            }
            e->filter_on[found] = true;
            p += n;
            if (*p == ',')
                p++;
        }
        char *fconf = mtl_find_on_path(e, "all/filters.conf", false);
        if (!fconf) {
            mtl_set_error(err, MTL_EDATA,
                          "filter thresholds all/filters.conf not found on "
                          "the lexicon path; set MTLINT_LEXICON_PATH to the "
                          "lexicons folder");
            goto fail;
        }
        e->filters = mtl_filters_load(fconf, err);
        free(fconf);
        if (!e->filters)
            goto fail;
    }

    if (options->languages) {
        const char *p = options->languages;
        while (*p) {
            const char *c = strchr(p, ',');
            size_t n = c ? (size_t)(c - p) : strlen(p);
            char tag[32];
            if (n > 0 && n < sizeof tag) {
                memcpy(tag, p, n);
                tag[n] = '\0';
                if (!mtl_engine_lang(e, tag, err))
                    goto fail;
            }
            p += n;
            if (*p == ',')
                p++;
        }
    }
    return e;
fail:
    mtl_engine_free(e);
    return NULL;
}

static void
mtl_lang_free(mtl_lang *l)
{
    if (!l)
        return;
    for (size_t d = 0; d < mtl_detectors_count; d++)
        if (l->det_state[d] && mtl_detectors[d]->unload)
            mtl_detectors[d]->unload(l->det_state[d]);
    for (size_t i = 0; i < l->nlexicons; i++) {
        free(l->lexicons[i].kind);
        mtl_lexicon_free(l->lexicons[i].lex);
    }
    free(l->lexicons);
    for (size_t i = 0; i < l->nall; i++) {
        free(l->all[i].kind);
        mtl_lexicon_free(l->all[i].lex);
    }
    free(l->all);
    mtl_stats_lang_free(l->stats);
    mtl_spell_pool_free(l->spell_pool);
    free(l->dic_path);
    free(l->aff_path);
    free(l);
}

static void
mtl_checker_free(mtl_checker *ck)
{
    if (!ck)
        return;
    mtl_tokenizer_free(ck->tok);
    for (int i = 0; i < MTL_MAX_LANGS; i++)
        mtl_speller_free(ck->spellers[i]);
    for (int i = 0; i < 4; i++)
        free(ck->scratch[i]);
    free(ck->words);
    free(ck);
}

void
mtl_engine_free(mtl_engine *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->npool; i++)
        mtl_checker_free(e->pool[i]);
    free(e->pool);
    for (size_t i = 0; i < e->nlangs; i++)
        mtl_lang_free(e->langs[i]);
    for (size_t i = 0; i < e->npaths; i++)
        free(e->paths[i]);
    free(e->all_dir);
    free(e->fallback_lang);
    mtl_scorer_free(e->scorer);
    mtl_filters_free(e->filters);
    pthread_mutex_destroy(&e->lock);
    free(e);
}

int32_t
mtl_engine_reference_date(const mtl_engine *e)
{
    return e ? e->ref_date : 0;
}

bool
mtl_engine_detector_enabled(const mtl_engine *e, size_t i)
{
    return e && i < mtl_detectors_count && e->enabled[i];
}

/* ------------------------------------------------------------ languages */

bool
mtl_language_tag_valid(const char *tag)
{
    /* language (2-3 letters, or "und"), optional script (4 letters),
     * optional region (2 letters or 3 digits), optional variants. */
    if (!tag)
        return false;
    const char *p = tag;
    size_t n = 0;
    while (isalpha((unsigned char)p[n]))
        n++;
    if (n < 2 || n > 3)
        return false;
    p += n;
    int part = 0;
    while (*p) {
        if (*p != '-' && *p != '_')
            return false;
        p++;
        n = 0;
        while (isalnum((unsigned char)p[n]))
            n++;
        if (n == 0 || n > 8)
            return false;
        bool alpha = true, digit = true;
        for (size_t i = 0; i < n; i++) {
            alpha &= isalpha((unsigned char)p[i]) != 0;
            digit &= isdigit((unsigned char)p[i]) != 0;
        }
        if (part == 0 && n == 4 && alpha) {
            part = 1;
        } else if (part <= 1 && ((n == 2 && alpha) || (n == 3 && digit))) {
            part = 2;
        } else if (n >= 5 || (n == 4 && isdigit((unsigned char)p[0]))) {
            part = 3;
        } else {
            return false;
        }
        p += n;
    }
    return true;
}

/* Canonical form: primary lower case, script title case, region upper. */
static void
mtl_canon_tag(const char *tag, char *out, size_t cap, char *primary,
              size_t pcap)
{
    size_t o = 0;
    int part = 0;
    size_t seg = 0;
    for (const char *p = tag; *p && o + 1 < cap; p++) {
        char c = *p;
        if (c == '_' || c == '-') {
            out[o++] = '-';
            part++;
            seg = 0;
            continue;
        }
        if (part == 0)
            c = (char)tolower((unsigned char)c);
        else {
            /* length of this subtag */
            size_t len = 0;
            const char *q = p - seg;
            while (q[len] && q[len] != '-' && q[len] != '_')
                len++;
            if (len == 2)
                c = (char)toupper((unsigned char)c);
            else if (len == 4)
                c = seg == 0 ? (char)toupper((unsigned char)c)
                             : (char)tolower((unsigned char)c);
        }
        out[o++] = c;
        seg++;
    }
    out[o] = '\0';
    size_t k = 0;
    while (out[k] && out[k] != '-' && k + 1 < pcap) {
        primary[k] = out[k];
        k++;
    }
    primary[k] = '\0';
}

static int
mtl_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads every *.txt of @p dir as a lexicon named by its basename. */
static int
mtl_load_lexicon_dir(const mtl_engine *e, const char *dir,
                     mtl_lang_lexent **out, size_t *nout, mtl_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return MTL_OK;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0) {
            mtl_grow((void **)&names, &cap, n + 1, sizeof(char *));
            names[n++] = mtl_xstrdup(de->d_name);
        }
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof(char *), mtl_cmp_str);
    int st = MTL_OK;
    for (size_t i = 0; i < n; i++) {
        /* a kind already loaded from an earlier folder wins */
        size_t l = strlen(names[i]) - 4;
        bool have = false;
        for (size_t k = 0; k < *nout; k++)
            if (strlen((*out)[k].kind) == l &&
                strncmp((*out)[k].kind, names[i], l) == 0)
                have = true;
        if (have)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        mtl_lexicon *lex = mtl_lexicon_load(path, err);
        if (!lex) {
            mtl_engine_log(e, MTL_LOG_ERROR, "%s", err ? err->message : path);
            st = MTL_EDATA;
            break;
        }
        *out = mtl_xrealloc(*out, (*nout + 1) * sizeof **out);
        (*out)[*nout].kind = mtl_xstrndup(names[i], l);
        (*out)[*nout].lex = lex;
        (*nout)++;
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return st;
}

static const char *
mtl_default_dictionary(const char *tag, const char *primary, char *buf,
                       size_t cap)
{
    static const struct {
        const char *lang, *dict;
    } map[] = {
        {"en", "en_US"}, {"fr", "fr_FR"}, {"es", "es_ES"}, {"de", "de_DE"},
        {"pt-BR", "pt_BR"}, {"pt", "pt_PT"}, {"it", "it_IT"},
        {"nl", "nl_NL"}, {"pl", "pl_PL"}, {"ca", "ca_ES"}, {"ru", "ru_RU"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].lang, tag) == 0)
            return map[i].dict;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].lang, primary) == 0)
            return map[i].dict;
    /* xx-YY -> xx_YY, else xx_XX */
    const char *dash = strchr(tag, '-');
    if (dash && strlen(dash + 1) == 2)
        snprintf(buf, cap, "%s_%s", primary, dash + 1);
    else {
        snprintf(buf, cap, "%s_", primary);
        for (const char *p = primary; *p; p++) {
            size_t l = strlen(buf);
            if (l + 1 < cap) {
                buf[l] = (char)toupper((unsigned char)*p);
                buf[l + 1] = '\0';
            }
        }
    }
    return buf;
}

/* The second dictionary of a language whose spelling differs between
 * countries: a text identified as `en` may be written in British spelling
 * (`councillors`, `Felixstowe`), one identified as `pt` in Brazilian
 * (`pediátrica`, `aviária`, `sinfônica`, which pt_PT lacks).  NULL when
 * there is none.  pt_BR takes given names written in lower case for
 * words (`maria`, `pedro`, `juliana`): its answer is refused for the
 * listed given names (mtl_alt_refuse_given), which would otherwise be
 * hidden from the names rules. */
static const char *
mtl_alt_dictionary(const char *dict)
{
    static const struct {
        const char *dict, *alt;
    } map[] = {
        {"en_US", "en_GB"},
        {"pt_PT", "pt_BR"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].dict, dict) == 0)
            return map[i].alt;
    return NULL;
}

/* Whether @p word (a word the second dictionary knows) is a listed
 * given name in another case ("maria" of "Maria"): refused. */
static bool
mtl_alt_refuse_given(const void *ctx, const char *word, size_t len)
{
    return mtl_lexicon_has_fold((const mtl_lexicon *)ctx, word, len);
}

/* The .aff and .dic files of dictionary @p name in the first of @p dirs
 * that has both, into @p aff and @p dic (@p cap bytes each). */
static bool
mtl_dictionary_files(const char *const *dirs, size_t nd, const char *name,
                     char *aff, char *dic, size_t cap)
{
    for (size_t i = 0; i < nd; i++) {
        snprintf(aff, cap, "%s/%s.aff", dirs[i], name);
        snprintf(dic, cap, "%s/%s.dic", dirs[i], name);
        if (mtl_is_file(aff) && mtl_is_file(dic))
            return true;
    }
    return false;
}

static void
mtl_find_dictionary(mtl_lang *l, const char *dict)
{
    const char *dirs[16];
    size_t nd = 0;
    char envbuf[4096];
    const char *env = getenv("DICPATH");
    if (env && strlen(env) < sizeof envbuf) {
        strcpy(envbuf, env);
        char *save = NULL;
        for (char *t = strtok_r(envbuf, ":", &save); t && nd < 12;
             t = strtok_r(NULL, ":", &save))
            dirs[nd++] = t;
    }
    dirs[nd++] = "/usr/share/hunspell";
    dirs[nd++] = "/usr/share/myspell";
    dirs[nd++] = "/usr/share/myspell/dicts";
    char aff[4096], dic[4096];
    if (!mtl_dictionary_files(dirs, nd, dict, aff, dic, sizeof aff))
        return;
    l->aff_path = mtl_xstrdup(aff);
    l->dic_path = mtl_xstrdup(dic);
    l->spell_pool = mtl_spell_pool_new(aff, dic, MTL_SPELL_HANDLES_PER_LANG);
    const char *alt = mtl_alt_dictionary(dict);
    if (alt && mtl_dictionary_files(dirs, nd, alt, aff, dic, sizeof aff)) {
        /* one handle: it is asked only for words the first does not
         * know, and those answers are cached */
        mtl_spell_pool_set_alt(l->spell_pool, mtl_spell_pool_new(aff, dic, 1));
        const mtl_lexicon *given = mtl_lang_lexicon_all(l, "given-names");
        if (strcmp(alt, "pt_BR") == 0 && given)
            mtl_spell_pool_set_alt_refuse(l->spell_pool,
                                          mtl_alt_refuse_given, given);
    }
}

const mtl_lang *
mtl_engine_lang(mtl_engine *e, const char *tag, mtl_error *err)
{
    if (!mtl_language_tag_valid(tag)) {
        mtl_set_error(err, MTL_EINVAL,
                      "'%s' is not a BCP 47 language tag (examples: en, "
                      "pt-BR, zh-Hant)", tag ? tag : "(null)");
        return NULL;
    }
    char canon[24], primary[12];
    mtl_canon_tag(tag, canon, sizeof canon, primary, sizeof primary);
    pthread_mutex_lock(&e->lock);
    for (size_t i = 0; i < e->nlangs; i++) {
        if (strcmp(e->langs[i]->tag, canon) == 0) {
            mtl_lang *l = e->langs[i];
            pthread_mutex_unlock(&e->lock);
            return l;
        }
    }
    if (e->nlangs >= MTL_MAX_LANGS) {
        pthread_mutex_unlock(&e->lock);
        mtl_set_error(err, MTL_ENOLANG,
                      "too many languages in one engine (%d)", MTL_MAX_LANGS);
        return NULL;
    }
    mtl_lang *l = mtl_xcalloc(1, sizeof *l);
    snprintf(l->tag, sizeof l->tag, "%s", canon);
    snprintf(l->primary, sizeof l->primary, "%s", primary);
    l->engine = e;
    l->index = (int)e->nlangs;
    mtl_error lerr;
    if (!err)
        err = &lerr;
    int st = MTL_OK;
    /* fallback pt-BR -> pt */
    const char *cands[2] = {canon, strcmp(canon, primary) ? primary : NULL};
    for (int c = 0; c < 2 && st == MTL_OK; c++) {
        if (!cands[c])
            continue;
        char *dir = mtl_find_on_path(e, cands[c], true);
        if (dir) {
            size_t before = l->nlexicons;
            st = mtl_load_lexicon_dir(e, dir, &l->lexicons, &l->nlexicons,
                                      err);
            if (l->nlexicons > before)
                l->has_lexicons = true;
            free(dir);
        }
    }
    if (st == MTL_OK && e->all_dir)
        st = mtl_load_lexicon_dir(e, e->all_dir, &l->all, &l->nall, err);
    if (st != MTL_OK) {
        pthread_mutex_unlock(&e->lock);
        mtl_lang_free(l);
        return NULL;
    }
    if (!(e->opts.flags & MTL_OPT_NO_DICTIONARIES)) {
        char buf[32];
        mtl_find_dictionary(l, mtl_default_dictionary(canon, primary, buf,
                                                      sizeof buf));
    }
    l->stats = mtl_stats_lang_new(mtl_lang_lexicon(l, "stopwords"));
    for (size_t d = 0; d < mtl_detectors_count; d++) {
        l->det_status[d] = MTL_OK;
        if (!e->enabled[d] || !mtl_detectors[d]->load)
            continue;
        l->det_status[d] = mtl_detectors[d]->load(e, l, &l->det_state[d]);
        if (l->det_status[d] != MTL_OK)
            mtl_engine_log(e, MTL_LOG_WARNING,
                           "detector %s is off for language %s: %s",
                           mtl_detectors[d]->name, l->tag,
                           mtl_strerror(l->det_status[d]));
    }
    e->langs[e->nlangs++] = l;
    pthread_mutex_unlock(&e->lock);
    return l;
}

int
mtl_engine_language_info(mtl_engine *e, const char *tag, bool *has_lexicons,
                         bool *has_dictionary)
{
    mtl_error err;
    const mtl_lang *l = mtl_engine_lang(e, tag, &err);
    if (!l)
        return err.status;
    if (has_lexicons)
        *has_lexicons = l->has_lexicons;
    if (has_dictionary)
        *has_dictionary = l->dic_path != NULL;
    return MTL_OK;
}

const char *
mtl_lang_tag(const mtl_lang *l)
{
    return l->tag;
}

const char *
mtl_lang_primary(const mtl_lang *l)
{
    return l->primary;
}

bool
mtl_lang_has_dictionary(const mtl_lang *l)
{
    return l && l->dic_path != NULL;
}

bool
mtl_lang_capitalises_nouns(const mtl_lang *l)
{
    const char *p = l ? l->primary : NULL;
    return p && (strcmp(p, "de") == 0 || strcmp(p, "lb") == 0);
}

bool
mtl_lang_romance(const mtl_lang *l)
{
    const char *p = l ? l->primary : NULL;
    return p && (strcmp(p, "fr") == 0 || strcmp(p, "es") == 0 ||
                 strcmp(p, "pt") == 0 || strcmp(p, "it") == 0 ||
                 strcmp(p, "ca") == 0);
}

const mtl_lexicon *
mtl_lang_lexicon(const mtl_lang *l, const char *kind)
{
    for (size_t i = 0; l && i < l->nlexicons; i++)
        if (strcmp(l->lexicons[i].kind, kind) == 0)
            return l->lexicons[i].lex;
    return NULL;
}

const mtl_lexicon *
mtl_lang_lexicon_all(const mtl_lang *l, const char *kind)
{
    for (size_t i = 0; l && i < l->nall; i++)
        if (strcmp(l->all[i].kind, kind) == 0)
            return l->all[i].lex;
    return NULL;
}

/* -------------------------------------------------------------- checker */

mtl_checker *
mtl_checker_acquire(mtl_engine *e, mtl_error *err)
{
    pthread_mutex_lock(&e->lock);
    if (e->npool > 0) {
        mtl_checker *ck = e->pool[--e->npool];
        pthread_mutex_unlock(&e->lock);
        return ck;
    }
    pthread_mutex_unlock(&e->lock);
    mtl_checker *ck = mtl_xcalloc(1, sizeof *ck);
    ck->engine = e;
    ck->tok = mtl_tokenizer_new("", err);
    if (!ck->tok) {
        free(ck);
        return NULL;
    }
    return ck;
}

void
mtl_checker_release(mtl_engine *e, mtl_checker *ck)
{
    if (!ck)
        return;
    pthread_mutex_lock(&e->lock);
    mtl_grow((void **)&e->pool, &e->cappool, e->npool + 1, sizeof(*e->pool));
    e->pool[e->npool++] = ck;
    pthread_mutex_unlock(&e->lock);
}

void *
mtl_checker_scratch(mtl_checker *ck, int slot, size_t size)
{
    if (slot < 0 || slot > 3)
        return NULL;
    if (ck->scratch_cap[slot] < size) {
        size_t cap = ck->scratch_cap[slot] ? ck->scratch_cap[slot] : 1024;
        while (cap < size)
            cap *= 2;
        free(ck->scratch[slot]);
        ck->scratch[slot] = mtl_xmalloc(cap);
        ck->scratch_cap[slot] = cap;
    }
    return ck->scratch[slot];
}

mtl_speller *
mtl_checker_speller(mtl_checker *ck, const mtl_lang *lang)
{
    if (!lang || !lang->spell_pool || lang->index < 0 ||
        lang->index >= MTL_MAX_LANGS)
        return NULL;
    mtl_speller *sp = ck->spellers[lang->index];
    if (!sp) {
        /* this checker's way in; the cache and handles are the language's */
        sp = mtl_speller_new(lang->spell_pool);
        ck->spellers[lang->index] = sp;
    }
    return sp;
}

int
mtl_spell(mtl_checker *ck, const mtl_lang *lang, const char *word,
          size_t len)
{
    mtl_speller *sp = mtl_checker_speller(ck, lang);
    if (!sp)
        return -1;
    return mtl_speller_check(sp, word, len);
}

int
mtl_spell_hashed(mtl_checker *ck, const mtl_lang *lang, const char *word,
                 size_t len, uint64_t hash)
{
    mtl_speller *sp = mtl_checker_speller(ck, lang);
    if (!sp)
        return -1;
    return mtl_speller_check_hashed(sp, word, len, hash);
}

int
mtl_spell_suggest(mtl_checker *ck, const mtl_lang *lang, const char *word,
                  size_t len, char *buf, size_t width, int max)
{
    mtl_speller *sp = mtl_checker_speller(ck, lang);
    if (!sp)
        return 0;
    return mtl_speller_suggest(sp, word, len, buf, width, max);
}

/* ----------------------------------------------------------- the check */

/* snprintf(dst, cap, "%s", src) (cap > 0) without the format's
 * interpretation: run two or three times a document. */
static inline void
mtl_copy_tag(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/*
 * ICU's list of abbreviations that end no sentence lacks some titles of
 * the language's abbreviations lexicon (its [title] section: "Dr." in
 * English, where ICU lists "Mr."), so "Marine biologist Dr. Anitha
 * Raghavan." was two sentences.  A sentence that starts right after such
 * a title and its full stop (the title standing apart, on the same line,
 * capitalised or after an elided article: "l'ing.") with a capitalised
 * word is joined to the one before; the sentences stay
 * one after the other, and their tokens are renumbered.  Nothing is
 * written for a document without such a sentence.
 */
static void
mtl_join_after_titles(mtl_doc *doc, const mtl_lang *l)
{
    if (doc->nsents < 2)
        return;
    const mtl_lexicon *ab = mtl_lang_lexicon(l, "abbreviations");
    if (!ab)
        return;
    const char *text = doc->text;
    size_t out = 1;
    for (size_t s = 1; s < doc->nsents; s++) {
        mtl_span *cur = &doc->sents[s];
        size_t f = cur->tok_first;
        bool join = false;
        if (f >= 2 && cur->tok_count > 0) {
            const mtl_token *dot = &doc->toks[f - 1];
            const mtl_token *w = &doc->toks[f - 2];
            const mtl_token *n = &doc->toks[f];
            /* the title, capitalised, or in lower case after an elided
             * article ("l'ing. Stefano Ricci", Italian) */
            size_t ws = w->start, wn = w->len;
            bool title_shape = w->flags & MTL_TF_UPPER_START;
            if (!title_shape && w->kind == MTL_TOK_WORD && wn <= 14) {
                size_t k = mtl_elision_end(text + ws, wn);
                if (k) {
                    title_shape = true;
                    ws += k;
                    wn -= k;
                }
            }
            join = dot->kind == MTL_TOK_PUNCT && dot->len == 1 &&
                   text[dot->start] == '.' &&
                   dot->start == w->start + w->len &&
                   w->kind == MTL_TOK_WORD && wn <= 8 && title_shape &&
                   (f == 2 || doc->toks[f - 3].start + doc->toks[f - 3].len <
                                  w->start) &&
                   n->kind == MTL_TOK_WORD &&
                   (n->flags & MTL_TF_UPPER_START) &&
                   !(n->flags & MTL_TF_LINE_START) &&
                   mtl_lexicon_in_section(ab, text + ws, wn + 1, "title");
        }
        size_t to;
        if (join) {
            mtl_span *prev = &doc->sents[out - 1];
            prev->end = cur->end;
            prev->tok_count =
                (uint32_t)(cur->tok_first + cur->tok_count - prev->tok_first);
            doc->toks[f].flags &= (uint16_t)~MTL_TF_SENT_START;
            to = out - 1;
        } else {
            to = out;
            if (out != s)
                doc->sents[out] = *cur;
            out++;
        }
        if (to != s)
            for (size_t k = f; k < f + cur->tok_count; k++)
                doc->toks[k].sent = (uint32_t)to;
    }
    doc->nsents = out;
}

int
mtl_engine_prepare(mtl_engine *e, mtl_checker *ck, const char *text,
                   size_t len, const mtl_doc_meta *meta,
                   const mtl_batch *batch, bool remember, mtl_error *err)
{
    mtl_doc *doc = &ck->doc;
    ck->words_doc = NULL; /* the word table is the last document's */
    const char *hint = meta && meta->lang && *meta->lang ? meta->lang : NULL;
    char code[24], langid_code[24] = "";
    double conf = 1.0, langid_conf = 0;
    bool langid_done = false;
    if (hint) {
        if (!mtl_language_tag_valid(hint)) {
            mtl_set_error(err, MTL_EINVAL,
                          "'%s' is not a BCP 47 language tag (examples: en, "
                          "pt-BR)", hint);
            return MTL_EINVAL;
        }
        mtl_copy_tag(code, sizeof code, hint);
    } else {
        uint64_t key = batch ? mtl_batch_langid_key(text, len) : 0;
        if (!batch ||
            !mtl_batch_langid_get(batch, key, code, sizeof code, &conf)) {
            mtl_langid(text, len, code, sizeof code, &conf);
            if (batch && remember)
                mtl_batch_langid_put((mtl_batch *)batch, key, code, conf);
        }
        langid_done = true;
        mtl_copy_tag(langid_code, sizeof langid_code, code);
        langid_conf = conf;
        if (strcmp(code, "und") == 0 || conf < 0.3) {
            if (e->fallback_lang) {
                mtl_copy_tag(code, sizeof code, e->fallback_lang);
            } else if (strcmp(code, "und") == 0) {
                conf = 0;
            }
        }
    }
    const mtl_lang *l = mtl_engine_lang(e, code, err);
    if (!l) {
        /* an unknown code from the identifier: fall back to und */
        if (hint)
            return err ? err->status : MTL_EINVAL;
        l = mtl_engine_lang(e, "und", err);
        if (!l)
            return err ? err->status : MTL_ENOLANG;
    }
    /* sentence rules follow the language; words use the root rules */
    mtl_tokenizer_set_lang(ck->tok, l->tag);
    int st = mtl_tokenize(ck->tok, text, len, doc);
    if (st != MTL_OK) {
        mtl_set_error(err, st, "tokenizer failed: %s", mtl_strerror(st));
        return st;
    }
    mtl_join_after_titles(doc, l);
    doc->res = l;
    mtl_copy_tag(doc->lang, sizeof doc->lang, l->tag);
    doc->lang_confidence = conf;
    doc->langid_done = langid_done;
    memcpy(doc->langid_code, langid_code, sizeof doc->langid_code);
    doc->langid_conf = langid_conf;
    doc->ref_date = e->ref_date;
    if (meta && meta->date && *meta->date) {
        int32_t d = mtl_parse_date(meta->date);
        if (d)
            doc->ref_date = d;
    }
    doc->id = meta ? meta->id : NULL;
    doc->source = meta ? meta->source : NULL;
    return MTL_OK;
}

static char *
mtl_copy_valid(const char *s, size_t n)
{
    /* invalid UTF-8 and NUL become U+FFFD so strings stay printable */
    char *out = mtl_xmalloc(n * 3 + 1);
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n) {
        /* the run of code points kept as they are, copied at once (a
         * flag's text is mostly that): eight ASCII bytes without a NUL
         * at a time, then byte by byte, a sequence decoded */
        size_t j = i;
        for (;;) {
            if (n - j >= 8) {
                uint64_t v = mtl_load8(u + j);
                if (!((v | ((v - MTL_ONES8) & ~v)) & MTL_HIGH8)) {
                    j += 8;
                    continue;
                }
            }
            if (j == n || u[j] == 0)
                break;
            if (u[j] < 0x80) {
                j++;
                continue;
            }
            size_t k = j;
            if (mtl_utf8_next_multi(s, n, &k) < 0)
                break;
            j = k;
        }
        memcpy(out + o, s + i, j - i);
        o += j - i;
        i = j;
        if (i < n) {
            /* a NUL or an invalid byte */
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    out[o] = '\0';
    return out;
}

static void
mtl_report_note(mtl_report *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
mtl_report_note(mtl_report *r, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    r->notes = mtl_xrealloc(r->notes, (r->nnotes + 2) * sizeof(char *));
    r->notes[r->nnotes++] = mtl_xstrdup(buf);
    r->notes[r->nnotes] = NULL;
}

mtl_report *
mtl_engine_check(mtl_engine *e, const char *text, size_t len,
                 const mtl_doc_meta *meta, const mtl_batch *batch,
                 mtl_error *err)
{
    if (!e || (!text && len)) {
        mtl_set_error(err, MTL_EINVAL, "mtl_engine_check: no engine or text");
        return NULL;
    }
    if (!text)
        text = "";
    if (len > e->max_doc_bytes) {
        mtl_set_error(err, MTL_ETOOBIG,
                      "document of %zu bytes is over the limit of %zu bytes; "
                      "raise it with --max-doc-bytes or split the document",
                      len, e->max_doc_bytes);
        return NULL;
    }
    if (len > UINT32_MAX - 16) {
        mtl_set_error(err, MTL_ETOOBIG, "document over 4 GiB");
        return NULL;
    }
    mtl_checker *ck = mtl_checker_acquire(e, err);
    if (!ck)
        return NULL;
    if (mtl_engine_prepare(e, ck, text, len, meta, batch, false, err) !=
        MTL_OK) {
        mtl_checker_release(e, ck);
        return NULL;
    }
    const mtl_doc *doc = &ck->doc;
    const mtl_lang *lang = doc->res;

    /* the statistics first: they read no flags, and the words they hash
     * and spell are kept for the detectors (mtl_spell_token) */
    mtl_stats stats;
    mtl_stats_compute(ck, doc, &stats);

    mtl_flags flags;
    mtl_flags_init(&flags, text, len);
    for (size_t d = 0; d < mtl_detectors_count; d++) {
        if (!e->enabled[d] || lang->det_status[d] != MTL_OK)
            continue;
        mtl_detectors[d]->run(lang->det_state[d], ck, doc, batch, &flags);
    }
    mtl_flags_sort(&flags);

    mtl_report *r = mtl_xcalloc(1, sizeof *r);
    r->text = mtl_xmalloc(len + 1);
    memcpy(r->text, text, len);
    r->text[len] = '\0';
    r->len = len;
    r->id = meta && meta->id ? mtl_xstrdup(meta->id) : NULL;
    r->source = meta && meta->source ? mtl_xstrdup(meta->source) : NULL;
    snprintf(r->lang, sizeof r->lang, "%s", doc->lang);
    r->lang_confidence = doc->lang_confidence;
    r->words = doc->words;
    r->nflags = flags.n;
    r->flags = mtl_xcalloc(flags.n + 1, sizeof(mtl_flag));
    for (size_t i = 0; i < flags.n; i++) {
        const mtl_flag_int *fi = &flags.v[i];
        mtl_flag *f = &r->flags[i];
        f->rule = mtl_rule_ids[fi->rule];
        f->detector = mtl_rule_detectors[fi->rule];
        f->category = mtl_rule_category_of(fi->rule);
        f->start = fi->start;
        f->end = fi->end;
        mtl_doc_linecol(doc, fi->start, &f->line, &f->col);
        f->text = mtl_copy_valid(text + fi->start, fi->end - fi->start);
        f->message = mtl_xstrdup(fi->message ? fi->message
                                             : mtl_rule_descriptions[fi->rule]);
        f->suggestion = fi->suggestion ? mtl_xstrdup(fi->suggestion) : NULL;
        f->weight = mtl_scorer_weight(e->scorer, fi->rule);
    }
    mtl_flags_free(&flags);

    r->stats = stats;
    r->stats_json = mtl_stats_json(&r->stats);
    for (int i = 0; i < MTL_FILTER_COUNT; i++)
        if (e->filter_on[i])
            r->filter_verdict[i] = mtl_filters_verdict(e->filters, i,
                                                       r->lang, &r->stats);

    if (!lang->has_lexicons && strcmp(lang->primary, "und") != 0)
        mtl_report_note(r, "no lexicons for language '%s': only the "
                           "language-independent rules ran", lang->tag);
    if (!lang->dic_path)
        mtl_report_note(r, "no Hunspell dictionary for language '%s': the "
                           "dictionary-based rules are off", lang->tag);
    for (size_t d = 0; d < mtl_detectors_count; d++)
        if (e->enabled[d] && lang->det_status[d] != MTL_OK)
            mtl_report_note(r, "detector %s is off for '%s': %s",
                            mtl_detectors[d]->name, lang->tag,
                            mtl_strerror(lang->det_status[d]));

    mtl_scorer_score(e->scorer, r->flags, r->nflags, r->words, r->lang,
                     &r->sr);
    r->score = r->sr.score;
    r->grade = r->sr.grade;
    mtl_checker_release(e, ck);
    return r;
}

char
mtl_engine_grade_for(const mtl_engine *e, double score)
{
    return mtl_scorer_grade(e->scorer, score);
}
