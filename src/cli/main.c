/*
 * main.c - the mtlint command-line tool.
 *
 * This is the only code of the project that parses argv, opens files,
 * writes to stdout or stderr and calls exit(); it uses nothing but the
 * public header mtlint.h.  Inputs (files, directory walks, standard input,
 * JSON Lines) become documents; one engine checks them, and each is written
 * as text diagnostics, a JSONL record, fixed text or a filter-mode
 * pass-through record, in input order.
 *
 * Exit status (DESIGN.md): 0 success; 1 a document below --min-grade
 * (never with --keep); 2 usage, I/O or resource error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli.h"
#include "mtlint.h"

#define EXIT_BELOW 1
#define EXIT_TROUBLE 2

/* The library's default document limit (mtlint.h): plain
 * files larger than this are refused before they are read whole. */
#define CLI_DEFAULT_MAX_DOC_BYTES MTL_DEFAULT_MAX_DOC_BYTES
#define CLI_MAX_CONTEXT 1000u
#define CLI_STDIN_NAME "<stdin>"

enum cli_format { FORMAT_TEXT, FORMAT_JSONL, FORMAT_HTML };
enum cli_when { WHEN_AUTO, WHEN_ON, WHEN_OFF };
enum cli_fix { FIX_NONE, FIX_BOILERPLATE, FIX_ALL };

typedef struct cli_input {
    char *path;    /* as given or built by the walk; "-" for stdin */
    bool is_stdin;
    bool seekable; /* may be read twice (batch first pass) */
} cli_input;

typedef struct cli {
    /* options */
    bool jsonl_input;
    enum cli_format format;
    bool format_set;
    const char *glob;
    mtl_record_fields fields;
    bool fields_set;
    const char *lang;
    const char *date;
    const char *detectors;
    enum cli_when batch_rules;
    enum cli_when color;
    unsigned context;
    char min_grade; /* 0: no check */
    bool keep;
    const char *reject_path;
    enum cli_fix fix;
    const char *fix_field;
    bool fix_field_set;
    const char *lexicon_path;
    size_t max_doc_bytes;
    const char *scorer_config;
    const char *calibration;
    const char *filters;
    bool quiet;
    bool list_detectors;

    /* run state */
    mtl_engine *engine;
    mtl_batch *batch;
    mtl_html *page; /* --format html: one page for the whole run */
    FILE *reject;
    unsigned text_bits;
    cli_input *inputs;
    size_t n_inputs, cap_inputs;
    uint64_t documents, record_errors;
    bool trouble; /* exit 2 at the end */
    bool below;   /* exit 1 at the end */
} cli;

/* ------------------------------------------------------------ messages */

static void cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
cli_usage_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fputs("mtlint: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry 'mtlint --help' for more information.\n", stderr);
    va_end(ap);
    exit(EXIT_TROUBLE);
}

static void
cli_out_of_memory(void)
{
    fputs("mtlint: out of memory; check fewer or smaller documents, or "
          "lower --max-doc-bytes\n", stderr);
    exit(EXIT_TROUBLE);
}

static void *
cli_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        cli_out_of_memory();
    return p;
}

static void *
cli_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        cli_out_of_memory();
    return p;
}

static char *
cli_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(cli_xmalloc(n), s, n);
}

/* Library diagnostics: errors always, warnings unless --quiet. */
static void
cli_log(void *user, mtl_log_level level, const char *message)
{
    const cli *c = user;

    if (level == MTL_LOG_ERROR)
        fprintf(stderr, "mtlint: error: %s\n", message);
    else if (level == MTL_LOG_WARNING && !c->quiet)
        fprintf(stderr, "mtlint: warning: %s\n", message);
}

/* ------------------------------------------------------------- output */

static void
cli_write_failed(const char *what, int err)
{
    /* A closed pipe is the reader's choice, not ours to complain about. */
    if (err != EPIPE)
        fprintf(stderr, "mtlint: cannot write to %s: %s\n", what,
                strerror(err));
    exit(EXIT_TROUBLE);
}

static void
cli_write(const cli *c, FILE *fp, const void *buf, size_t len)
{
    if (len == 0)
        return;
    if (fwrite(buf, 1, len, fp) != len) {
        int err = errno ? errno : EIO;
        if (fp == stdout)
            cli_write_failed("standard output", err);
        else
            cli_write_failed(c->reject_path, err);
    }
}

/* Writes @p s and a newline, then frees @p s. */
static void
cli_write_line(const cli *c, FILE *fp, char *s)
{
    if (!s)
        cli_out_of_memory();
    cli_write(c, fp, s, strlen(s));
    cli_write(c, fp, "\n", 1);
    mtl_free(s);
}

static void
cli_close_output(const cli *c)
{
    if (fflush(stdout) != 0 || ferror(stdout))
        cli_write_failed("standard output", errno ? errno : EIO);
    if (c->reject && (fflush(c->reject) != 0 || ferror(c->reject) ||
                      fclose(c->reject) != 0))
        cli_write_failed(c->reject_path, errno ? errno : EIO);
}

/* ------------------------------------------------------- option values */

static bool
cli_parse_unsigned(const char *s, unsigned long long max, bool suffixes,
                   unsigned long long *out)
{
    unsigned long long v = 0, mult = 1;

    if (*s < '0' || *s > '9')
        return false;
    for (; *s >= '0' && *s <= '9'; s++) {
        unsigned d = (unsigned)(*s - '0');
        if (v > (max - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (suffixes && *s) {
        switch (*s) {
        case 'k': case 'K': mult = 1ull << 10; break;
        case 'm': case 'M': mult = 1ull << 20; break;
        case 'g': case 'G': mult = 1ull << 30; break;
        default: return false;
        }
        s++;
        if (v > max / mult)
            return false;
        v *= mult;
    }
    if (*s)
        return false;
    *out = v;
    return true;
}

static bool
cli_leap_year(unsigned y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* True if @p s is exactly YYYY-MM-DD and a real calendar date. */
static bool
cli_date_valid(const char *s)
{
    static const unsigned days[12] = { 31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31 };
    unsigned y, m, d, max;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    y = (unsigned)((s[0] - '0') * 1000 + (s[1] - '0') * 100 +
                   (s[2] - '0') * 10 + (s[3] - '0'));
    m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
    d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
    if (y == 0 || m < 1 || m > 12 || d < 1)
        return false;
    max = days[m - 1] + (m == 2 && cli_leap_year(y));
    return d <= max;
}

static enum cli_when
cli_parse_when(const char *opt, const char *arg, const char *on_word)
{
    const char *off_word = strcmp(on_word, "always") == 0 ? "never" : "off";

    if (strcmp(arg, "auto") == 0)
        return WHEN_AUTO;
    if (strcmp(arg, on_word) == 0)
        return WHEN_ON;
    if (strcmp(arg, off_word) == 0)
        return WHEN_OFF;
    cli_usage_error("invalid value '%s' for %s: use auto, %s or %s", arg,
                    opt, on_word, off_word);
}

/* --------------------------------------------------------------- help */

static void
cli_help(void)
{
    fputs(
"Usage: mtlint [OPTION]... [FILE|DIR|-]...\n"
"Find machine-translation and scraping artifacts in text and grade each\n"
"document from A (clean) to F.\n"
"\n"
"With no FILE, or when FILE is -, read standard input.  A directory is\n"
"searched recursively, in sorted order, for files whose name matches\n"
"--glob (hidden files and folders are skipped).\n"
"\n"
"Input:\n"
"      --jsonl              inputs are JSON Lines: each non-blank line is a\n"
"                           record; the output keeps its bytes and adds the\n"
"                           verdict under \"mtlint\"\n"
"      --text-field NAME    field holding the text (default: text)\n"
"      --id-field NAME      field holding the record id (default: id)\n"
"      --lang-field NAME    field holding the language (default: lang)\n"
"      --date-field NAME    field holding the publication date (default:\n"
"                           none)\n"
"      --glob PATTERN       names of the files taken from directories\n"
"                           (default: *.txt; with --jsonl: *.jsonl)\n"
"      --max-doc-bytes N    refuse documents larger than N bytes (suffix\n"
"                           k, M or G; default 64M)\n"
"\n"
"Checking:\n"
"      --lang CODE          BCP 47 language of every document (no language\n"
"                           identification)\n"
"      --date YYYY-MM-DD    reference date for weekday checks\n"
"      --detectors LIST     detectors to run: all, none, a list\n"
"                           (names,dates) or exclusions (-dates)\n"
"      --list-detectors     list the detectors and their rules, then exit\n"
"      --batch-rules WHEN   cross-document rules: auto (on for more than one\n"
"                           document from files), on, off\n"
"      --lexicon-path DIRS  colon-separated lexicon folders searched first\n"
"      --scorer-config FILE scorer configuration\n"
"      --calibration FILE   per-language score calibration (JSON)\n"
"      --filter PRESETS     judge each document with quality-filter presets\n"
"                           (gopher,c4,fineweb): adds \"filters\" to JSON\n"
"                           records; with --keep a failing preset rejects\n"
"\n"
"Output:\n"
"      --format FORMAT      text (default), jsonl (default with --jsonl)\n"
"                           or html (one self-contained page for all the\n"
"                           documents)\n"
"      --color WHEN         colour the text diagnostics: auto (on a\n"
"                           terminal), always, never\n"
"      --context N          lines of context around each diagnostic\n"
"      --fix[=WHAT]         remove flagged boilerplate (WHAT=boilerplate,\n"
"                           the default) or also apply every suggestion\n"
"                           (WHAT=all); the fixed text goes to standard\n"
"                           output, or with --jsonl into each record\n"
"      --fix-field NAME     field for --fix with --jsonl (default:\n"
"                           text_fixed)\n"
"\n"
"Filtering:\n"
"      --min-grade G        exit 1 if a document is graded below G (A-F)\n"
"      --keep               filter mode (needs --min-grade or --filter):\n"
"                           write only the records graded G or better (and\n"
"                           passing every --filter preset), as JSONL\n"
"                           records whatever --format says, and exit 0\n"
"      --reject FILE        with --keep: write the other records and the\n"
"                           error records to FILE\n"
"\n"
"  -q, --quiet              no warnings and no error summary\n"
"  -h, --help               show this help and exit\n"
"      --version            show the version and exit\n"
"\n"
"Exit status:\n"
"  0  success (with --keep: whatever the grades)\n"
"  1  at least one document graded below --min-grade\n"
"  2  usage error, unreadable input, unwritable output or resource error\n"
"A JSONL line that is not a valid record yields an error record and does\n"
"not change the exit status; a summary on stderr counts them.\n",
        stdout);
}

static void
cli_list_detectors(void)
{
    size_t nd = mtl_detector_count(), nr = mtl_rule_count();

    for (size_t i = 0; i < nd; i++) {
        const char *name = mtl_detector_name(i);
        const char *desc = mtl_detector_description(i);

        printf("%s (category: %s)\n", name, mtl_detector_category(i));
        if (desc && *desc)
            printf("    %s\n", desc);
        for (size_t r = 0; r < nr; r++) {
            const char *det = mtl_rule_detector(r);
            if (!det || strcmp(det, name) != 0)
                continue;
            printf("    %-28s %s\n", mtl_rule_id(r),
                   mtl_rule_description(r));
        }
    }
}

/* ---------------------------------------------------------- read input */

/*
 * Reads all of @p fd, refusing more than @p limit bytes (*too_big set and
 * nothing returned).  Returns 0 or an errno value.  The buffer gets a
 * terminating NUL that is not counted in *len.
 */
static int
cli_read_all(int fd, size_t limit, char **out, size_t *out_len,
             bool *too_big)
{
    struct stat st;
    size_t cap = 65536, len = 0;
    char *buf;

    *too_big = false;
    *out = NULL;
    *out_len = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0) {
        if ((uintmax_t)st.st_size > limit) {
            *too_big = true;
            return 0;
        }
        cap = (size_t)st.st_size + 1; /* one more to see the end */
    }
    buf = malloc(cap + 1);
    if (!buf)
        return ENOMEM;
    for (;;) {
        ssize_t n;

        if (len == cap) {
            size_t ncap = cap > SIZE_MAX / 2 - 1 ? SIZE_MAX - 1 : cap * 2;
            char *nbuf;

            if (limit < SIZE_MAX - 1 && ncap > limit + 1)
                ncap = limit + 1;
            if (ncap <= cap) {
                free(buf);
                return ENOMEM;
            }
            nbuf = realloc(buf, ncap + 1);
            if (!nbuf) {
                free(buf);
                return ENOMEM;
            }
            buf = nbuf;
            cap = ncap;
        }
        n = read(fd, buf + len, cap - len);
        if (n < 0) {
            int err = errno;
            if (err == EINTR)
                continue;
            free(buf);
            return err;
        }
        if (n == 0)
            break;
        len += (size_t)n;
        if (len > limit) {
            free(buf);
            *too_big = true;
            return 0;
        }
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return 0;
}

static const char *
cli_input_name(const cli_input *in)
{
    return in->is_stdin ? CLI_STDIN_NAME : in->path;
}

static size_t
cli_doc_limit(const cli *c)
{
    return c->max_doc_bytes ? c->max_doc_bytes : CLI_DEFAULT_MAX_DOC_BYTES;
}

/* Reads a plain-text input whole.  With @p report, failures are printed
 * and make the run exit 2; without, they are silent (first pass). */
static bool
cli_read_text(cli *c, const cli_input *in, bool report, char **buf,
              size_t *len)
{
    const char *name = cli_input_name(in);
    bool too_big;
    int fd, err;

    if (in->is_stdin) {
        fd = STDIN_FILENO;
    } else {
        fd = open(in->path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            if (report) {
                fprintf(stderr, "mtlint: cannot open '%s': %s\n", name,
                        strerror(errno));
                c->trouble = true;
            }
            return false;
        }
    }
    err = cli_read_all(fd, cli_doc_limit(c), buf, len, &too_big);
    if (!in->is_stdin)
        close(fd);
    if (err == ENOMEM)
        cli_out_of_memory();
    if (err || too_big) {
        if (report && err)
            fprintf(stderr, "mtlint: cannot read '%s': %s\n", name,
                    strerror(err));
        else if (report)
            fprintf(stderr, "mtlint: '%s' is larger than %zu bytes: not "
                    "checked; raise the limit with --max-doc-bytes or "
                    "split the file\n", name, cli_doc_limit(c));
        if (report)
            c->trouble = true;
        return false;
    }
    return true;
}

static bool
cli_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' &&
            s[i] != '\v')
            return false;
    return true;
}

/* ------------------------------------------------------------ checking */

/* One document on its way through the checker. */
typedef struct cli_doc {
    const char *text;
    size_t len;
    mtl_doc_meta meta;
    const char *name;   /* label for diagnostics and messages */
    const char *line;   /* JSONL input: the record's bytes; else NULL */
    size_t line_len;
    const char *id_json; /* JSONL input: the id as JSON, for errors */
    unsigned long line_no;
} cli_doc;

/* An unusable JSONL record: an error record in its place. */
static void
cli_record_error(cli *c, const char *id_json, const char *what,
                 const char *source, unsigned long line_no)
{
    size_t n = strlen(what) + 32;
    char *message = cli_xmalloc(n);

    snprintf(message, n, "line %lu: %s", line_no, what);
    c->documents++;
    c->record_errors++;
    if (c->keep) {
        if (c->reject)
            cli_write_line(c, c->reject,
                           mtl_error_record(id_json, message, source));
    } else if (c->format == FORMAT_JSONL) {
        cli_write_line(c, stdout,
                       mtl_error_record(id_json, message, source));
    } else {
        fflush(stdout); /* keep stdout and stderr in order on a terminal */
        fprintf(stderr, "mtlint: %s: %s\n", source, what);
    }
    free(message);
}

/* The JSONL pass-through record: the input line plus the verdict. */
static char *
cli_splice(const cli *c, const cli_doc *d, const mtl_report *report)
{
    char *verdict = mtl_report_json(report, MTL_WRITE_DEFAULT);
    char *fixed = NULL, *out;
    size_t fixed_len = 0;

    if (!verdict)
        cli_out_of_memory();
    if (c->fix != FIX_NONE) {
        fixed = mtl_report_fix(report, c->fix == FIX_ALL, &fixed_len);
        if (!fixed)
            cli_out_of_memory();
    }
    out = mtl_record_splice(d->line, d->line_len, verdict,
                            fixed ? c->fix_field : NULL, fixed, fixed_len);
    mtl_free(fixed);
    mtl_free(verdict);
    return out;
}

static void
cli_check(cli *c, const cli_doc *d, bool observe)
{
    mtl_error err = { 0 };
    mtl_report *report;
    bool pass;

    if (observe && c->batch)
        (void)mtl_batch_observe(c->batch, d->text, d->len, &d->meta);
    report = mtl_engine_check(c->engine, d->text, d->len, &d->meta,
                              c->batch, &err);
    if (!report) {
        const char *what = err.message[0] ? err.message
                                          : mtl_strerror(err.status);
        if (err.status == MTL_ENOMEM)
            cli_out_of_memory();
        if (d->line) {
            cli_record_error(c, d->id_json, what, d->meta.source, d->line_no);
        } else {
            fflush(stdout);
            fprintf(stderr, "mtlint: '%s': %s\n", d->name, what);
            c->trouble = true;
        }
        return;
    }
    c->documents++;
    pass = !c->min_grade || mtl_report_grade(report) <= c->min_grade;
    if (!pass && !c->keep)
        c->below = true;
    /* with --keep, a document must also pass every requested preset */
    if (c->keep && c->filters) {
        static const char *const presets[] = {"gopher", "c4", "fineweb"};
        for (size_t i = 0; i < 3; i++) {
            const char *v = mtl_report_filter(report, presets[i]);
            if (v && strcmp(v, "pass") != 0)
                pass = false;
        }
    }

    if (c->keep) {
        char *rec = d->line ? cli_splice(c, d, report)
                            : mtl_report_json(report, MTL_WRITE_DEFAULT);
        if (pass)
            cli_write_line(c, stdout, rec);
        else if (c->reject)
            cli_write_line(c, c->reject, rec);
        else
            mtl_free(rec);
    } else if (c->fix != FIX_NONE && !d->line) {
        size_t len;
        char *fixed = mtl_report_fix(report, c->fix == FIX_ALL, &len);
        if (!fixed)
            cli_out_of_memory();
        cli_write(c, stdout, fixed, len);
        mtl_free(fixed);
    } else if (c->format == FORMAT_JSONL) {
        cli_write_line(c, stdout,
                       d->line ? cli_splice(c, d, report)
                               : mtl_report_json(report, MTL_WRITE_DEFAULT));
    } else if (c->format == FORMAT_HTML) {
        int st = mtl_html_add(c->page, report, d->name);
        if (st == MTL_ENOMEM)
            cli_out_of_memory();
        if (st != MTL_OK) {
            fprintf(stderr, "mtlint: cannot add '%s' to the HTML page: "
                    "%s\n", d->name, mtl_strerror(st));
            c->trouble = true;
        }
    } else {
        char *text = mtl_report_text_diagnostics(report, d->name, c->context,
                                                 c->text_bits);
        if (!text)
            cli_out_of_memory();
        cli_write(c, stdout, text, strlen(text));
        mtl_free(text);
    }
    mtl_report_free(report);
}

/* A plain-text input: one document.  First pass: observe only. */
static void
cli_run_text(cli *c, const cli_input *in, bool first_pass)
{
    const char *name = cli_input_name(in);
    cli_doc d = { 0 };
    char *buf;
    size_t len;

    if (!cli_read_text(c, in, !first_pass, &buf, &len))
        return;
    d.text = buf;
    d.len = len;
    d.name = name;
    d.meta.id = name;
    d.meta.source = name;
    d.meta.lang = c->lang;
    if (first_pass)
        (void)mtl_batch_observe(c->batch, buf, len, &d.meta);
    else
        cli_check(c, &d, c->batch && !in->seekable);
    free(buf);
}

/* A JSON Lines input: one document per non-blank line. */
static void
cli_run_jsonl(cli *c, const cli_input *in, bool first_pass)
{
    const char *name = cli_input_name(in);
    size_t source_cap = strlen(name) + 24;
    char *source = cli_xmalloc(source_cap);
    char *line = NULL;
    size_t cap = 0;
    unsigned long line_no = 0;
    ssize_t got;
    FILE *fp;

    if (in->is_stdin) {
        fp = stdin;
    } else {
        fp = fopen(in->path, "re");
        if (!fp) {
            if (!first_pass) {
                fprintf(stderr, "mtlint: cannot open '%s': %s\n", name,
                        strerror(errno));
                c->trouble = true;
            }
            free(source);
            return;
        }
    }
    while ((errno = 0, got = getline(&line, &cap, fp)) != -1) {
        size_t len = (size_t)got;
        mtl_error err = { 0 };
        char *id_json = NULL;
        mtl_record *rec;
        cli_doc d = { 0 };

        line_no++;
        if (len && line[len - 1] == '\n')
            len--;
        if (len && line[len - 1] == '\r')
            len--;
        if (cli_blank(line, len))
            continue;
        snprintf(source, source_cap, "%s:%lu", name, line_no);
        rec = mtl_record_parse(line, len, &c->fields,
                               first_pass ? NULL : &id_json, &err);
        if (!rec) {
            if (err.status == MTL_ENOMEM)
                cli_out_of_memory();
            if (!first_pass)
                cli_record_error(c, id_json,
                                 err.message[0] ? err.message
                                                : mtl_strerror(err.status),
                                 source, line_no);
            mtl_free(id_json);
            continue;
        }
        mtl_free(id_json); /* wanted only for an error record */
        d.text = mtl_record_text(rec, &d.len);
        d.meta.id = mtl_record_id(rec);
        d.meta.source = source;
        d.meta.lang = c->lang ? c->lang : mtl_record_lang(rec);
        d.meta.date = mtl_record_date(rec);
        d.name = source;
        d.line = line;
        d.line_len = len;
        d.line_no = line_no;
        d.id_json = mtl_record_id_json(rec);
        if (first_pass) {
            (void)mtl_batch_observe(c->batch, d.text, d.len, &d.meta);
        } else {
            cli_check(c, &d, c->batch && !in->seekable);
        }
        mtl_record_free(rec);
    }
    if (errno == ENOMEM && !feof(fp))
        cli_out_of_memory();
    if (ferror(fp) && !first_pass) {
        fprintf(stderr, "mtlint: cannot read '%s': %s\n", name,
                strerror(errno ? errno : EIO));
        c->trouble = true;
    }
    free(line);
    free(source);
    if (!in->is_stdin)
        fclose(fp);
}

/* -------------------------------------------------------------- inputs */

static void
cli_add_input(cli *c, const char *path, bool is_stdin, bool seekable)
{
    if (c->n_inputs == c->cap_inputs) {
        c->cap_inputs = c->cap_inputs ? c->cap_inputs * 2 : 16;
        c->inputs = cli_xrealloc(c->inputs,
                                 c->cap_inputs * sizeof *c->inputs);
    }
    c->inputs[c->n_inputs].path = cli_xstrdup(path);
    c->inputs[c->n_inputs].is_stdin = is_stdin;
    c->inputs[c->n_inputs].seekable = seekable;
    c->n_inputs++;
}

/* The folders being walked, to stop at a symbolic link loop. */
typedef struct cli_walk_frame {
    dev_t dev;
    ino_t ino;
    const struct cli_walk_frame *up;
} cli_walk_frame;

/* Byte order, whatever the locale, so runs are reproducible. */
static int
cli_dirent_cmp(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void
cli_walk(cli *c, const char *dir, const cli_walk_frame *up)
{
    struct dirent **list;
    size_t dir_len = strlen(dir);
    bool slash = dir_len && dir[dir_len - 1] == '/';
    int n = scandir(dir, &list, NULL, cli_dirent_cmp);

    if (n < 0) {
        fprintf(stderr, "mtlint: cannot read folder '%s': %s\n", dir,
                strerror(errno));
        c->trouble = true;
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        size_t plen = dir_len + strlen(name) + 2;
        char *path;
        struct stat st;
        bool match;

        if (name[0] == '.') {
            free(list[i]);
            continue;
        }
        match = fnmatch(c->glob, name, 0) == 0;
        path = cli_xmalloc(plen);
        snprintf(path, plen, "%s%s%s", dir, slash ? "" : "/", name);
        if (stat(path, &st) != 0) {
            /* A dangling link that matches: reading it says why. */
            if (match)
                cli_add_input(c, path, false, true);
        } else if (S_ISDIR(st.st_mode)) {
            const cli_walk_frame *f;
            cli_walk_frame here = { st.st_dev, st.st_ino, up };

            for (f = up; f; f = f->up)
                if (f->dev == st.st_dev && f->ino == st.st_ino)
                    break;
            if (f) {
                if (!c->quiet)
                    fprintf(stderr, "mtlint: warning: skipping '%s': a "
                            "link back to a folder being searched\n",
                            path);
            } else {
                cli_walk(c, path, &here);
            }
        } else if (S_ISREG(st.st_mode) && match) {
            cli_add_input(c, path, false, true);
        }
        free(path);
        free(list[i]);
    }
    free(list);
}

static void
cli_collect_inputs(cli *c, char **args, int n)
{
    bool stdin_seen = false;

    if (n == 0) {
        cli_add_input(c, "-", true, false);
        return;
    }
    for (int i = 0; i < n; i++) {
        struct stat st;

        if (strcmp(args[i], "-") == 0) {
            if (stdin_seen)
                cli_usage_error("standard input ('-') given more than "
                                "once");
            stdin_seen = true;
            cli_add_input(c, "-", true, false);
        } else if (stat(args[i], &st) != 0) {
            /* Reported in order when the run reaches it. */
            cli_add_input(c, args[i], false, true);
        } else if (S_ISDIR(st.st_mode)) {
            cli_walk_frame top = { st.st_dev, st.st_ino, NULL };
            cli_walk(c, args[i], &top);
        } else {
            cli_add_input(c, args[i], false, S_ISREG(st.st_mode));
        }
    }
}

/* ------------------------------------------------------------ options */

enum {
    OPT_JSONL = 256,
    OPT_FORMAT,
    OPT_TEXT_FIELD,
    OPT_ID_FIELD,
    OPT_LANG_FIELD,
    OPT_DATE_FIELD,
    OPT_GLOB,
    OPT_LANG,
    OPT_DATE,
    OPT_DETECTORS,
    OPT_LIST_DETECTORS,
    OPT_BATCH_RULES,
    OPT_COLOR,
    OPT_CONTEXT,
    OPT_MIN_GRADE,
    OPT_KEEP,
    OPT_REJECT,
    OPT_FIX,
    OPT_FIX_FIELD,
    OPT_LEXICON_PATH,
    OPT_MAX_DOC_BYTES,
    OPT_SCORER_CONFIG,
    OPT_CALIBRATION,
    OPT_FILTER,
    OPT_VERSION
};

static const struct option cli_long_options[] = {
    { "jsonl", no_argument, NULL, OPT_JSONL },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "text-field", required_argument, NULL, OPT_TEXT_FIELD },
    { "id-field", required_argument, NULL, OPT_ID_FIELD },
    { "lang-field", required_argument, NULL, OPT_LANG_FIELD },
    { "date-field", required_argument, NULL, OPT_DATE_FIELD },
    { "glob", required_argument, NULL, OPT_GLOB },
    { "lang", required_argument, NULL, OPT_LANG },
    { "date", required_argument, NULL, OPT_DATE },
    { "detectors", required_argument, NULL, OPT_DETECTORS },
    { "list-detectors", no_argument, NULL, OPT_LIST_DETECTORS },
    { "batch-rules", required_argument, NULL, OPT_BATCH_RULES },
    { "color", required_argument, NULL, OPT_COLOR },
    { "context", required_argument, NULL, OPT_CONTEXT },
    { "min-grade", required_argument, NULL, OPT_MIN_GRADE },
    { "keep", no_argument, NULL, OPT_KEEP },
    { "reject", required_argument, NULL, OPT_REJECT },
    { "fix", optional_argument, NULL, OPT_FIX },
    { "fix-field", required_argument, NULL, OPT_FIX_FIELD },
    { "lexicon-path", required_argument, NULL, OPT_LEXICON_PATH },
    { "max-doc-bytes", required_argument, NULL, OPT_MAX_DOC_BYTES },
    { "scorer-config", required_argument, NULL, OPT_SCORER_CONFIG },
    { "calibration", required_argument, NULL, OPT_CALIBRATION },
    { "filter", required_argument, NULL, OPT_FILTER },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 }
};

static const char *
cli_nonempty(const char *opt, const char *arg)
{
    if (!*arg)
        cli_usage_error("%s needs a value", opt);
    return arg;
}

/* Parses argv; returns the index of the first input argument. */
static int
cli_parse_args(cli *c, int argc, char **argv)
{
    unsigned long long v;
    int opt;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":qh", cli_long_options,
                              NULL)) != -1) {
        switch (opt) {
        case OPT_JSONL:
            c->jsonl_input = true;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                c->format = FORMAT_TEXT;
            else if (strcmp(optarg, "jsonl") == 0)
                c->format = FORMAT_JSONL;
            else if (strcmp(optarg, "html") == 0)
                c->format = FORMAT_HTML;
            else
                cli_usage_error("invalid --format '%s': use text, jsonl or "
                                "html", optarg);
            c->format_set = true;
            break;
        case OPT_TEXT_FIELD:
            c->fields.text_field = cli_nonempty("--text-field", optarg);
            c->fields_set = true;
            break;
        case OPT_ID_FIELD:
            c->fields.id_field = cli_nonempty("--id-field", optarg);
            c->fields_set = true;
            break;
        case OPT_LANG_FIELD:
            c->fields.lang_field = cli_nonempty("--lang-field", optarg);
            c->fields_set = true;
            break;
        case OPT_DATE_FIELD:
            c->fields.date_field = cli_nonempty("--date-field", optarg);
            c->fields_set = true;
            break;
        case OPT_GLOB:
            c->glob = cli_nonempty("--glob", optarg);
            break;
        case OPT_LANG:
            if (!mtl_language_tag_valid(optarg))
                cli_usage_error("invalid --lang '%s': give a BCP 47 "
                                "language tag such as en or pt-BR", optarg);
            c->lang = optarg;
            break;
        case OPT_DATE:
            if (!cli_date_valid(optarg))
                cli_usage_error("invalid --date '%s': give a real date as "
                                "YYYY-MM-DD", optarg);
            c->date = optarg;
            break;
        case OPT_DETECTORS:
            c->detectors = cli_nonempty("--detectors", optarg);
            break;
        case OPT_LIST_DETECTORS:
            c->list_detectors = true;
            break;
        case OPT_BATCH_RULES:
            c->batch_rules = cli_parse_when("--batch-rules", optarg, "on");
            break;
        case OPT_COLOR:
            c->color = cli_parse_when("--color", optarg, "always");
            break;
        case OPT_CONTEXT:
            if (!cli_parse_unsigned(optarg, CLI_MAX_CONTEXT, false, &v))
                cli_usage_error("invalid --context '%s': give a number of "
                                "lines from 0 to 1000", optarg);
            c->context = (unsigned)v;
            break;
        case OPT_MIN_GRADE:
            if (strlen(optarg) != 1 ||
                ((optarg[0] < 'A' || optarg[0] > 'F') &&
                 (optarg[0] < 'a' || optarg[0] > 'f')))
                cli_usage_error("invalid --min-grade '%s': give a grade "
                                "from A to F", optarg);
            c->min_grade = optarg[0] >= 'a' ? (char)(optarg[0] - 32)
                                            : optarg[0];
            break;
        case OPT_KEEP:
            c->keep = true;
            break;
        case OPT_REJECT:
            c->reject_path = cli_nonempty("--reject", optarg);
            break;
        case OPT_FIX:
            if (!optarg || strcmp(optarg, "boilerplate") == 0)
                c->fix = FIX_BOILERPLATE;
            else if (strcmp(optarg, "all") == 0)
                c->fix = FIX_ALL;
            else
                cli_usage_error("invalid --fix '%s': use --fix, "
                                "--fix=boilerplate or --fix=all", optarg);
            break;
        case OPT_FIX_FIELD:
            c->fix_field = cli_nonempty("--fix-field", optarg);
            c->fix_field_set = true;
            break;
        case OPT_LEXICON_PATH:
            c->lexicon_path = cli_nonempty("--lexicon-path", optarg);
            break;
        case OPT_MAX_DOC_BYTES:
            if (!cli_parse_unsigned(optarg, SIZE_MAX, true, &v))
                cli_usage_error("invalid --max-doc-bytes '%s': give a "
                                "number of bytes such as 1048576 or 1M",
                                optarg);
            c->max_doc_bytes = (size_t)v;
            break;
        case OPT_SCORER_CONFIG:
            c->scorer_config = cli_nonempty("--scorer-config", optarg);
            break;
        case OPT_CALIBRATION:
            c->calibration = cli_nonempty("--calibration", optarg);
            break;
        case OPT_FILTER:
            c->filters = cli_nonempty("--filter", optarg);
            break;
        case 'q':
            c->quiet = true;
            break;
        case 'h':
            cli_help();
            if (fflush(stdout) != 0 || ferror(stdout))
                cli_write_failed("standard output", errno ? errno : EIO);
            exit(EXIT_SUCCESS);
        case OPT_VERSION:
            printf("mtlint %s\n", mtl_version());
            if (fflush(stdout) != 0 || ferror(stdout))
                cli_write_failed("standard output", errno ? errno : EIO);
            exit(EXIT_SUCCESS);
        case ':':
            cli_usage_error("option '%s' needs a value", argv[optind - 1]);
            break;
        default:
            if (optopt && optopt < 256 && optopt != 'q' && optopt != 'h') {
                char s[3] = { '-', (char)optopt, '\0' };
                cli_usage_error("unknown option '%s'", s);
            } else if (optopt) {
                cli_usage_error("option '%s' takes no value",
                                argv[optind - 1]);
            } else {
                cli_usage_error("unknown option '%s'", argv[optind - 1]);
            }
        }
    }
    return optind;
}

/* Options that only make sense together. */
static void
cli_check_combinations(cli *c)
{
    if (c->keep && !c->min_grade && !c->filters)
        cli_usage_error("--keep needs --min-grade (the lowest grade to "
                        "keep, e.g. --min-grade C) or --filter");
    if (c->reject_path && !c->keep)
        cli_usage_error("--reject needs --keep (filter mode)");
    if (c->fields_set && !c->jsonl_input)
        cli_usage_error("--text-field, --id-field, --lang-field and "
                        "--date-field need --jsonl");
    if (c->fix_field_set && (c->fix == FIX_NONE || !c->jsonl_input))
        cli_usage_error("--fix-field needs --fix and --jsonl");
    if (c->fix != FIX_NONE && !c->jsonl_input && (c->keep || c->format_set))
        cli_usage_error("--fix on plain-text input writes the fixed text; "
                        "it cannot be combined with %s",
                        c->keep ? "--keep" : "--format");
    if (c->fix != FIX_NONE && c->jsonl_input && !c->keep &&
        c->format != FORMAT_JSONL)
        cli_usage_error("--fix with --jsonl adds the fixed text to each "
                        "record: use --format jsonl");
}

/* ---------------------------------------------------------------- main */

static void
cli_first_pass(cli *c)
{
    mtl_batch_options bopts = { 0 };
    mtl_error err = { 0 };
    bool all_seekable = true, want;

    for (size_t i = 0; i < c->n_inputs; i++)
        if (!c->inputs[i].seekable)
            all_seekable = false;
    if (c->batch_rules == WHEN_ON)
        want = true;
    else if (c->batch_rules == WHEN_OFF)
        want = false;
    else
        want = all_seekable && (c->jsonl_input || c->n_inputs > 1);
    if (!want)
        return;

    c->batch = mtl_batch_new(c->engine, &bopts, &err);
    if (!c->batch) {
        fprintf(stderr, "mtlint: cannot build the batch context: %s\n",
                err.message[0] ? err.message : mtl_strerror(err.status));
        exit(EXIT_TROUBLE);
    }
    for (size_t i = 0; i < c->n_inputs; i++) {
        if (!c->inputs[i].seekable)
            continue; /* observed as it goes, in the second pass */
        if (c->jsonl_input)
            cli_run_jsonl(c, &c->inputs[i], true);
        else
            cli_run_text(c, &c->inputs[i], true);
    }
    /* auto means: only when the run has more than one document */
    if (c->batch_rules == WHEN_AUTO && mtl_batch_documents(c->batch) < 2) {
        mtl_batch_free(c->batch);
        c->batch = NULL;
    }
}

int
main(int argc, char **argv)
{
    cli c = { 0 };
    mtl_options opts;
    mtl_error err = { 0 };
    int first;

    if (argc > 1 && strcmp(argv[1], "eval") == 0)
        return mtl_cli_eval(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "calibrate") == 0)
        return mtl_cli_calibrate(argc - 1, argv + 1);
    c.batch_rules = WHEN_AUTO;
    c.color = WHEN_AUTO;
    c.fix_field = "text_fixed";
    first = cli_parse_args(&c, argc, argv);
    if (c.list_detectors) {
        cli_list_detectors();
        cli_close_output(&c);
        return EXIT_SUCCESS;
    }
    if (c.jsonl_input && !c.format_set)
        c.format = FORMAT_JSONL;
    if (!c.glob)
        c.glob = c.jsonl_input ? "*.jsonl" : "*.txt";
    cli_check_combinations(&c);

    if (c.color == WHEN_ON ||
        (c.color == WHEN_AUTO && isatty(STDOUT_FILENO) &&
         !getenv("NO_COLOR"))) {
        const char *term = getenv("TERM");
        if (c.color == WHEN_ON || !term || strcmp(term, "dumb") != 0)
            c.text_bits |= MTL_WRITE_COLOR;
    }

    opts = mtl_options_default();
    opts.lexicon_path = c.lexicon_path;
    opts.detectors = c.detectors;
    opts.reference_date = c.date;
    opts.scorer_config = c.scorer_config;
    opts.calibration = c.calibration;
    opts.filters = c.filters;
    opts.max_doc_bytes = c.max_doc_bytes;
    opts.log_fn = cli_log;
    opts.log_user = &c;
    c.engine = mtl_engine_new(&opts, &err);
    if (!c.engine) {
        fprintf(stderr, "mtlint: %s\n",
                err.message[0] ? err.message : mtl_strerror(err.status));
        return EXIT_TROUBLE;
    }

    if (c.reject_path) {
        c.reject = fopen(c.reject_path, "we");
        if (!c.reject) {
            fprintf(stderr, "mtlint: cannot open '%s' for the rejected "
                    "records: %s\n", c.reject_path, strerror(errno));
            mtl_engine_free(c.engine);
            return EXIT_TROUBLE;
        }
    }

    cli_collect_inputs(&c, argv + first, argc - first);
    if (c.format == FORMAT_HTML && !c.keep) {
        c.page = mtl_html_new(c.n_inputs == 1
                                  ? cli_input_name(&c.inputs[0]) : NULL);
        if (!c.page)
            cli_out_of_memory();
    }
    cli_first_pass(&c);
    for (size_t i = 0; i < c.n_inputs; i++) {
        if (c.jsonl_input)
            cli_run_jsonl(&c, &c.inputs[i], false);
        else
            cli_run_text(&c, &c.inputs[i], false);
    }
    if (c.page) {
        size_t len;
        char *html = mtl_html_finish(c.page, &len);
        if (!html)
            cli_out_of_memory();
        cli_write(&c, stdout, html, len);
        mtl_free(html);
        mtl_html_free(c.page);
    }
    cli_close_output(&c);

    if (c.record_errors && !c.quiet)
        fprintf(stderr, "mtlint: %llu documents, %llu errors\n",
                (unsigned long long)c.documents,
                (unsigned long long)c.record_errors);

    for (size_t i = 0; i < c.n_inputs; i++)
        free(c.inputs[i].path);
    free(c.inputs);
    mtl_batch_free(c.batch);
    mtl_engine_free(c.engine);
    if (c.trouble)
        return EXIT_TROUBLE;
    return c.below ? EXIT_BELOW : EXIT_SUCCESS;
}
