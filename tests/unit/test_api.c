/*
 * test_api.c - the public API (mtlint.h): options and their errors,
 * checks on bad bytes, several threads on one engine, records and
 * splicing, and the promise that the library writes nothing to stdout or
 * stderr.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mtlint.h"
#include "test.h"

static const char *article =
    "Port workers end strike after three weeks\n\n"
    "Dockers in Rotterdam returned to work on Monday after a three-week "
    "strike over pay. The union said members had accepted an offer of 6 "
    "per cent over two years.\n\n"
    "Port workers end strike after three weeks\n\n"
    "Shipping lines expect the backlog to clear by the end of the month, "
    "a spokesman for the port authority said.\n";

typedef struct job {
    mtl_engine *e;
    char *json;
    int ok;
} job;

static void *
worker(void *arg)
{
    job *j = arg;
    for (int i = 0; i < 20; i++) {
        mtl_error err;
        mtl_doc_meta m = {.id = "x", .lang = NULL};
        mtl_report *r = mtl_engine_check(j->e, article, strlen(article), &m,
                                         NULL, &err);
        if (!r)
            return NULL;
        char *js = mtl_report_json(r, 0);
        if (!j->json)
            j->json = js;
        else {
            if (strcmp(js, j->json) != 0)
                j->ok = 0;
            mtl_free(js);
        }
        mtl_report_free(r);
    }
    return NULL;
}

int
main(void)
{
    /* capture anything the library writes to fd 1 and 2 */
    char tmpl[] = "/tmp/mtl_api_XXXXXX";
    int cap = mkstemp(tmpl);
    int saved1 = dup(1), saved2 = dup(2);
    fflush(stdout);
    fflush(stderr);
    dup2(cap, 1);
    dup2(cap, 2);

    mtl_error err;
    mtl_options o = mtl_options_default();
    o.flags = 0x80;
    mtl_engine *bad = mtl_engine_new(&o, &err);
    int bad_bits = bad == NULL && err.status == MTL_EINVAL;
    o = mtl_options_default();
    o.detectors = "nosuch";
    bad = mtl_engine_new(&o, &err);
    int bad_det = bad == NULL && strstr(err.message, "nosuch") != NULL;
    o = mtl_options_default();
    o.reference_date = "2023-02-29";
    bad = mtl_engine_new(&o, &err);
    int bad_date = bad == NULL;

    o = mtl_options_default();
    mtl_engine *e = mtl_engine_new(&o, &err);
    int engine_ok = e != NULL;

    /* bad bytes are checked, not rejected; offsets are the input's */
    const char bytes[] = "Caf\xc3\xa9 \xff\xfe ok\0tail\r\nline two\n";
    mtl_report *r = mtl_engine_check(e, bytes, sizeof bytes - 1, NULL, NULL,
                                     &err);
    int bad_bytes_ok = r != NULL;
    size_t len = 0;
    const char *t = mtl_report_text(r, &len);
    int text_kept = len == sizeof bytes - 1 && memcmp(t, bytes, len) == 0;
    char *js = mtl_report_json(r, 0);
    int json_ok = js && js[0] == '{' && strstr(js, "\"grade\"") != NULL;
    mtl_free(js);
    mtl_report_free(r);

    /* the duplicate title is flagged, its text equals the bytes */
    r = mtl_engine_check(e, article, strlen(article), NULL, NULL, &err);
    int dup_ok = 0;
    for (size_t i = 0; r && i < mtl_report_flag_count(r); i++) {
        const mtl_flag *f = mtl_report_flag(r, i);
        if (strcmp(f->rule, "repeated-line") == 0 && f->line == 5 &&
            f->col == 1 && f->end - f->start == strlen(f->text) &&
            memcmp(article + f->start, f->text, f->end - f->start) == 0)
            dup_ok = 1;
    }
    char *txt = mtl_report_text_diagnostics(r, "a.txt", 0, 0);
    int text_ok = txt && strstr(txt, "a.txt:5:1: duplicate/repeated-line") &&
                  strstr(txt, "^^^^");
    mtl_free(txt);
    mtl_report_free(r);

    /* a malformed language hint is an error, not a crash */
    mtl_doc_meta m = {.lang = "en_US!!"};
    r = mtl_engine_check(e, "x", 1, &m, NULL, &err);
    int bad_lang = r == NULL && err.status == MTL_EINVAL;
    /* a well-formed language without resources runs, with a note */
    m.lang = "tlh";
    r = mtl_engine_check(e, "nuqneH", 6, &m, NULL, &err);
    int noted = r && mtl_report_notes(r)[0] != NULL &&
                strcmp(mtl_report_lang(r), "tlh") == 0;
    mtl_report_free(r);

    /* size limit */
    o = mtl_options_default();
    o.max_doc_bytes = 10;
    mtl_engine *small = mtl_engine_new(&o, &err);
    r = mtl_engine_check(small, article, strlen(article), NULL, NULL, &err);
    int too_big = r == NULL && err.status == MTL_ETOOBIG;
    mtl_engine_free(small);

    /* threads share one engine and agree */
    job jobs[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (job){.e = e, .json = NULL, .ok = 1};
        pthread_create(&th[i], NULL, worker, &jobs[i]);
    }
    int threads_ok = 1;
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        threads_ok &= jobs[i].ok && jobs[i].json &&
                      strcmp(jobs[i].json, jobs[0].json) == 0;
    }
    for (int i = 0; i < 4; i++)
        mtl_free(jobs[i].json);

    /* records: parse, splice keeps the input bytes */
    const char *line = "{\"id\": 7, \"n\": 1.50, \"text\": \"Hello world\"}";
    char *idj = NULL;
    mtl_record *rec = mtl_record_parse(line, strlen(line), NULL, &idj, &err);
    int rec_ok = rec && strcmp(mtl_record_id(rec), "7") == 0 &&
                 strcmp(mtl_record_id_json(rec), "7") == 0;
    char *sp = mtl_record_splice(line, strlen(line), "{\"grade\": \"A\"}",
                                 NULL, NULL, 0);
    int splice_ok = sp && strcmp(sp, "{\"id\": 7, \"n\": 1.50, \"text\": "
                                     "\"Hello world\", \"mtlint\": "
                                     "{\"grade\": \"A\"}}") == 0;
    mtl_free(sp);
    mtl_free(idj);
    mtl_record_free(rec);
    sp = mtl_record_splice("{}", 2, "{}", "fixed", "a\"b", 3);
    int splice_empty = sp && strcmp(sp, "{\"fixed\": \"a\\\"b\", "
                                        "\"mtlint\": {}}") == 0;
    mtl_free(sp);
    const char *broken = "{\"id\": \"r1\", \"text\": ";
    rec = mtl_record_parse(broken, strlen(broken), NULL, &idj, &err);
    int broken_ok = rec == NULL && err.status == MTL_EJSON;
    mtl_free(idj);
    const char *wrong = "{\"id\": \"r2\", \"text\": 5}";
    rec = mtl_record_parse(wrong, strlen(wrong), NULL, &idj, &err);
    int wrong_ok = rec == NULL && idj && strcmp(idj, "\"r2\"") == 0;
    char *er = mtl_error_record(idj, "line 3: bad", "f.jsonl:3");
    int er_ok = er && strcmp(er, "{\"id\": \"r2\", \"mtlint\": {\"error\": "
                                 "\"line 3: bad\", \"source\": "
                                 "\"f.jsonl:3\"}}") == 0;
    mtl_free(er);
    mtl_free(idj);
    const char *nul = "{\"text\": \"a\\u0000b\"}";
    rec = mtl_record_parse(nul, strlen(nul), NULL, NULL, &err);
    size_t nl = 0;
    int nul_ok = rec && mtl_record_text(rec, &nl) && nl == 3;
    mtl_record_free(rec);

    int tags = mtl_language_tag_valid("en") &&
               mtl_language_tag_valid("pt-BR") &&
               mtl_language_tag_valid("zh-Hant") &&
               mtl_language_tag_valid("es-419") &&
               !mtl_language_tag_valid("english") &&
               !mtl_language_tag_valid("en_US!!") &&
               !mtl_language_tag_valid("") && !mtl_language_tag_valid("e");

    mtl_engine_free(e);
    mtl_engine_free(NULL);
    mtl_report_free(NULL);
    mtl_free(NULL);

    fflush(stdout);
    fflush(stderr);
    dup2(saved1, 1);
    dup2(saved2, 2);
    struct stat st;
    fstat(cap, &st);
    close(cap);
    unlink(tmpl);

    CHECK(bad_bits);
    CHECK(bad_det);
    CHECK(bad_date);
    CHECK(engine_ok);
    CHECK(bad_bytes_ok);
    CHECK(text_kept);
    CHECK(json_ok);
    CHECK(dup_ok);
    CHECK(text_ok);
    CHECK(bad_lang);
    CHECK(noted);
    CHECK(too_big);
    CHECK(threads_ok);
    CHECK(rec_ok);
    CHECK(splice_ok);
    CHECK(splice_empty);
    CHECK(broken_ok);
    CHECK(wrong_ok);
    CHECK(er_ok);
    CHECK(nul_ok);
    CHECK(tags);
    CHECK_EQ(st.st_size, 0); /* the library wrote nothing */
    CHECK_STR(mtl_version(), MTL_VERSION);
    CHECK(mtl_detector_count() == 10);
    CHECK(mtl_rule_count() > 30);
    TEST_DONE();
}
