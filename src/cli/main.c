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
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "io.h"
#include "mtlint.h"

#define EXIT_BELOW 1
#define EXIT_TROUBLE 2

/* The library's default document limit (mtlint.h): plain
 * files larger than this are refused before they are read whole. */
#define CLI_DEFAULT_MAX_DOC_BYTES MTL_DEFAULT_MAX_DOC_BYTES
#define CLI_MAX_CONTEXT 1000u
#define CLI_STDIN_NAME "<stdin>"
#define CLI_MAX_JOBS 512u
/* Bytes of input held in the ring at most (one larger document may still
 * enter an empty ring). */
#define CLI_RING_BYTES ((size_t)64 << 20)
#define CLI_WRITE_BATCH 128 /* results the writer is woken for */

enum cli_format { FORMAT_TEXT, FORMAT_JSONL, FORMAT_HTML };
enum cli_when { WHEN_AUTO, WHEN_ON, WHEN_OFF };
enum cli_fix { FIX_NONE, FIX_BOILERPLATE, FIX_ALL };

typedef struct cli_input {
    char *path;    /* as given or built by the walk; "-" for stdin */
    bool is_stdin;
    bool seekable; /* may be read twice (batch first pass) */
    bool regular;  /* a regular file: size is known */
    uint64_t size; /* regular file: its size on disk, else 0 */
} cli_input;

typedef struct cli_pipe cli_pipe;

typedef struct cli {
    /* options */
    bool jsonl_input;
    enum cli_format format;
    bool format_set;
    const char *glob;
    bool glob_set;
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
    unsigned jobs;          /* worker threads (--jobs) */
    const char *output_path; /* --output; NULL: standard output */
    bool no_progress;
    bool summary;           /* --summary */

    /* run state */
    mtl_engine *engine;
    mtl_batch *batch;
    mtl_html *page; /* --format html: one page for the whole run */
    cli_out *out;    /* standard output or --output */
    cli_out *reject; /* --reject */
    unsigned text_bits;
    cli_input *inputs;
    size_t n_inputs, cap_inputs;
    uint64_t documents, record_errors;
    uint64_t grades[6];   /* documents graded A..F */
    uint64_t total_bytes; /* bytes of the inputs when known, else 0 */
    bool progress;        /* progress bar on stderr */
    bool stdin_batch;     /* observe-as-you-go on a non-seekable input */
    double t_start;
    uint64_t bytes_checked; /* input bytes of the documents checked */
    cli_pipe *pipe;       /* the running pass */
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
cli_emit(cli_out *o, const void *buf, size_t len)
{
    int e;

    if (len == 0)
        return;
    e = cli_out_write(o, buf, len);
    if (e)
        cli_write_failed(cli_out_name(o), e);
}

static void
cli_close_one(cli_out **o)
{
    char name[4096];
    int e;

    if (!*o)
        return;
    snprintf(name, sizeof name, "%s", cli_out_name(*o));
    e = cli_out_close(*o);
    *o = NULL;
    if (e)
        cli_write_failed(name, e);
}

static void
cli_close_output(cli *c)
{
    if (fflush(stdout) != 0 || ferror(stdout))
        cli_write_failed("standard output", errno ? errno : EIO);
    cli_close_one(&c->out);
    cli_close_one(&c->reject);
}

static double
cli_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A malloc'd printf. */
static char *
cli_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
cli_format(const char *fmt, ...)
{
    va_list ap;
    char *s;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        cli_out_of_memory();
    s = cli_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

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
"--glob (hidden files and folders are skipped).  Inputs may be gzip or\n"
"zstd compressed (recognised by their first bytes).\n"
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
"                           (default: *.txt; with --jsonl: *.jsonl; and\n"
"                           the same names ending in .gz or .zst)\n"
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
"Batch runs:\n"
"  -j, --jobs N             check with N threads sharing one engine\n"
"                           (default: one per online core); the output is\n"
"                           the same bytes for any N\n"
"  -o, --output FILE        write the report to FILE instead of standard\n"
"                           output (FILE.gz: gzip, FILE.zst: zstd); it is\n"
"                           written to a temporary file in the same folder\n"
"                           and renamed at the end, so an interrupted run\n"
"                           (signal or error) leaves no FILE; --reject\n"
"                           files are written the same way\n"
"      --no-progress        no progress bar (default: a progress bar on\n"
"                           standard error when it is a terminal and the\n"
"                           report does not go to that terminal)\n"
"      --summary            end with a summary line on standard error:\n"
"                           documents, errors, grade histogram, time and\n"
"                           speed (default: when the progress bar is shown;\n"
"                           otherwise only the error count, when there are\n"
"                           errors); standard output stays clean\n"
"\n"
"  -q, --quiet              no warnings, no error summary, no progress bar\n"
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
/* ------------------------------------------------------------ the ring */

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

static bool
cli_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' &&
            s[i] != '\v')
            return false;
    return true;
}

/* ITEM_FILE: a plain-text file the worker reads itself (it becomes
 * ITEM_TEXT, or ITEM_MESSAGE when it cannot be read), so that reading and
 * decompressing run on every worker instead of one reader thread. */
enum cli_item_kind { ITEM_TEXT, ITEM_JSONL, ITEM_MESSAGE, ITEM_FILE };
enum cli_slot_state { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE };

/*
 * One work item: a plain-text document, a JSONL line or a message about an
 * input, then the rendered results.  The reader fills the input fields,
 * one worker the results, the writer writes and frees them.
 */
typedef struct cli_item {
    enum cli_slot_state state;
    enum cli_item_kind kind;
    char *buf;             /* the document, or the record's line */
    size_t len;
    size_t held;           /* bytes counted in the ring's budget */
    const cli_input *in;   /* ITEM_FILE: the file */
    const char *name;      /* the input's name (lives in c->inputs) */
    unsigned long line_no; /* JSONL: 1-based line number */
    bool observe;          /* add to the batch before checking (stdin) */
    char *label;           /* JSONL: "NAME:LINE", the document's name */
    uint64_t raw_pos;      /* input bytes read up to this item (progress) */
    /* results, written in input order */
    char *msg;             /* for standard error (malloc) */
    bool msg_trouble;      /* the message makes the run exit 2 */
    char *out;             /* for the output (mtl_free) */
    size_t out_len;
    bool out_nl;
    char *rej;             /* for --reject (mtl_free) */
    size_t rej_len;
    mtl_report *report;    /* --format html: added by the writer */
    char grade;            /* a checked document's grade, else 0 */
    bool record_error;
    bool below;
} cli_item;

/* The bounded ring between the reader, the workers and the writer.
 * Item n lives in ring[n % size]; the reader may fill it only when the
 * writer has written item n - size, so the workers are never more than
 * size items ahead of the writer. */
struct cli_pipe {
    pthread_mutex_t mu;
    pthread_cond_t can_fill, can_work, can_write;
    cli_item *ring;
    size_t size;
    uint64_t next_fill, next_claim, next_write;
    size_t bytes;         /* input bytes held in the ring */
    size_t ndone;         /* items checked and not yet written */
    bool end;             /* the reader is done */
    bool first_pass;
    const char *label;
    /* progress, the writer's own */
    uint64_t raw_done;    /* input bytes read up to the last item written */
    uint64_t docs_done, bytes_done;
    double t0, last_draw;
    bool drawn;
    bool dirty;           /* written since the last flush (writer's own) */
};

/* ------------------------------------------------------------ progress */

static void
cli_progress_clear(cli_pipe *p)
{
    if (p->drawn) {
        fputs("\r\033[K", stderr);
        p->drawn = false;
    }
}

static void
cli_progress_draw(const cli *c, cli_pipe *p, uint64_t raw, double now)
{
    double t = now - p->t0, mb = (double)p->bytes_done / 1e6;
    char eta[48] = "";

    if (t <= 0)
        t = 1e-9;
    if (c->total_bytes && raw > 0 && raw <= c->total_bytes) {
        double frac = (double)raw / (double)c->total_bytes;
        unsigned long rem = (unsigned long)(t * (1 - frac) / frac + 0.5);
        snprintf(eta, sizeof eta, "  %3.0f%%  ETA %lu:%02lu:%02lu",
                 frac * 100, rem / 3600, rem / 60 % 60, rem % 60);
    }
    fprintf(stderr, "\rmtlint: %s %llu docs  %.1f MB  %.0f docs/s  "
            "%.2f MB/s%s\033[K", p->label,
            (unsigned long long)p->docs_done, mb,
            (double)p->docs_done / t, mb / t, eta);
    fflush(stderr);
    p->drawn = true;
    p->last_draw = now;
}

/* ------------------------------------------------------------ checking */

/* An unusable JSONL record: an error record in its place. */
static void
cli_record_error(const cli *c, cli_item *it, const char *id_json,
                 const char *what, const char *source)
{
    char *message = cli_format("line %lu: %s", it->line_no, what);

    it->record_error = true;
    if (c->keep) {
        if (c->reject) {
            it->rej = mtl_error_record(id_json, message, source);
            if (!it->rej)
                cli_out_of_memory();
        }
    } else if (c->format == FORMAT_JSONL) {
        it->out = mtl_error_record(id_json, message, source);
        if (!it->out)
            cli_out_of_memory();
        it->out_len = strlen(it->out);
        it->out_nl = true;
    } else {
        it->msg = cli_format("mtlint: %s: %s\n", source, what);
    }
    free(message);
}

/* The JSONL pass-through record: the input line plus the verdict. */
static char *
cli_splice(const cli *c, const cli_item *it, const mtl_report *report)
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
    out = mtl_record_splice(it->buf, it->len, verdict,
                            fixed ? c->fix_field : NULL, fixed, fixed_len);
    mtl_free(fixed);
    mtl_free(verdict);
    return out;
}

/* Checks one document and renders its output (a worker thread). */
static void
cli_check(const cli *c, cli_item *it, const char *text, size_t len,
          const mtl_doc_meta *meta, const char *id_json)
{
    mtl_error err = { 0 };
    mtl_report *report;
    bool pass, jsonl = it->kind == ITEM_JSONL;

    if (it->observe && c->batch)
        (void)mtl_batch_observe(c->batch, text, len, meta);
    report = mtl_engine_check(c->engine, text, len, meta, c->batch, &err);
    if (!report) {
        const char *what = err.message[0] ? err.message
                                          : mtl_strerror(err.status);
        if (err.status == MTL_ENOMEM)
            cli_out_of_memory();
        if (jsonl) {
            cli_record_error(c, it, id_json, what, meta->source);
        } else {
            it->msg = cli_format("mtlint: '%s': %s\n", it->name, what);
            it->msg_trouble = true;
        }
        return;
    }
    it->grade = mtl_report_grade(report);
    pass = !c->min_grade || it->grade <= c->min_grade;
    it->below = !pass && !c->keep;
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
        char *rec = jsonl ? cli_splice(c, it, report)
                          : mtl_report_json(report, MTL_WRITE_DEFAULT);
        if (!rec)
            cli_out_of_memory();
        if (pass) {
            it->out = rec;
            it->out_len = strlen(rec);
            it->out_nl = true;
        } else if (c->reject) {
            it->rej = rec;
            it->rej_len = strlen(rec);
        } else {
            mtl_free(rec);
        }
    } else if (c->fix != FIX_NONE && !jsonl) {
        it->out = mtl_report_fix(report, c->fix == FIX_ALL, &it->out_len);
        if (!it->out)
            cli_out_of_memory();
    } else if (c->format == FORMAT_JSONL) {
        it->out = jsonl ? cli_splice(c, it, report)
                        : mtl_report_json(report, MTL_WRITE_DEFAULT);
        if (!it->out)
            cli_out_of_memory();
        it->out_len = strlen(it->out);
        it->out_nl = true;
    } else if (c->format == FORMAT_HTML) {
        it->report = report; /* added to the page in order by the writer */
        return;
    } else {
        it->out = mtl_report_text_diagnostics(report,
                                              it->label ? it->label
                                                        : it->name,
                                              c->context,
                                              c->text_bits);
        if (!it->out)
            cli_out_of_memory();
        it->out_len = strlen(it->out);
    }
    mtl_report_free(report);
}

/* "name:line", the source of a JSONL record: what cli_format("%s:%lu")
 * gives, without printf's cost on every record of both passes. */
static char *
cli_record_source(const char *name, unsigned long line_no)
{
    char digits[24];
    size_t nd = 0, n = strlen(name);
    do {
        digits[sizeof digits - 1 - nd++] = (char)('0' + line_no % 10);
        line_no /= 10;
    } while (line_no);
    char *s = cli_xmalloc(n + 1 + nd + 1);
    memcpy(s, name, n);
    s[n] = ':';
    memcpy(s + n + 1, digits + sizeof digits - nd, nd);
    s[n + 1 + nd] = '\0';
    return s;
}

static void cli_load_item(const cli *c, cli_item *it, bool first_pass);

/* A worker's job on one item: read a file, parse a record, then observe
 * (first pass) or check. */
static void
cli_process(const cli *c, cli_item *it, bool first_pass)
{
    mtl_doc_meta meta = { 0 };
    const char *text = it->buf;
    size_t len = it->len;
    mtl_record *rec = NULL;
    char *source = NULL;
    bool loaded = it->kind == ITEM_FILE;

    if (loaded) {
        cli_load_item(c, it, first_pass);
        text = it->buf;
        len = it->len;
    }
    if (it->kind == ITEM_MESSAGE)
        return;
    if (it->kind == ITEM_JSONL) {
        mtl_error err = { 0 };
        char *id_json = NULL;

        source = cli_record_source(it->name, it->line_no);
        rec = mtl_record_parse(it->buf, it->len, &c->fields,
                               first_pass ? NULL : &id_json, &err);
        if (!rec) {
            if (err.status == MTL_ENOMEM)
                cli_out_of_memory();
            if (!first_pass)
                cli_record_error(c, it, id_json,
                                 err.message[0] ? err.message
                                                : mtl_strerror(err.status),
                                 source);
            mtl_free(id_json);
            it->label = source;
            return;
        }
        mtl_free(id_json); /* wanted only for an error record */
        text = mtl_record_text(rec, &len);
        meta.id = mtl_record_id(rec);
        meta.source = source;
        meta.lang = c->lang ? c->lang : mtl_record_lang(rec);
        meta.date = mtl_record_date(rec);
    } else {
        meta.id = it->name;
        meta.source = it->name;
        meta.lang = c->lang;
    }
    if (first_pass)
        (void)mtl_batch_observe(c->batch, text, len, &meta);
    else
        cli_check(c, it, text, len, &meta,
                  rec ? mtl_record_id_json(rec) : NULL);
    mtl_record_free(rec);
    it->label = source;
    if (loaded) {
        /* the results are all the writer needs: a document read here is
         * not held in the ring while it waits for its turn */
        free(it->buf);
        it->buf = NULL;
    }
}

static void *
cli_worker(void *arg)
{
    const cli *c = arg;
    cli_pipe *p = c->pipe;

    for (;;) {
        cli_item *it;

        pthread_mutex_lock(&p->mu);
        while (p->next_claim == p->next_fill && !p->end)
            pthread_cond_wait(&p->can_work, &p->mu);
        if (p->next_claim == p->next_fill) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        it = &p->ring[p->next_claim++ % p->size];
        it->state = SLOT_BUSY;
        pthread_mutex_unlock(&p->mu);

        cli_process(c, it, p->first_pass);

        /*
         * The writer is woken when the head of the ring is done and either
         * a batch of results is waiting or the workers have nothing else to
         * do (slow input, the end, a ring full of large documents): one
         * wake-up per batch rather than per document, without holding a
         * record back from a slow stream.
         */
        pthread_mutex_lock(&p->mu);
        it->state = SLOT_DONE;
        p->ndone++;
        if (p->ring[p->next_write % p->size].state == SLOT_DONE &&
            (p->ndone >= CLI_WRITE_BATCH || p->next_claim == p->next_fill))
            pthread_cond_signal(&p->can_write);
        pthread_mutex_unlock(&p->mu);
    }
}

/* Writes one item's results (the writer thread, in input order). */
static void
cli_write_item(cli *c, cli_pipe *p, cli_item *it)
{
    if (it->msg) {
        cli_progress_clear(p);
        /* keep the report and the messages in order on a terminal */
        if (cli_out_is_stdout(c->out)) {
            int e = cli_out_flush(c->out);
            if (e)
                cli_write_failed(cli_out_name(c->out), e);
        }
        fputs(it->msg, stderr);
        if (it->msg_trouble)
            c->trouble = true;
    }
    if (it->record_error) {
        c->documents++;
        c->record_errors++;
    } else if (it->grade >= 'A' && it->grade <= 'F') {
        c->documents++;
        c->grades[it->grade - 'A']++;
        if (it->below)
            c->below = true;
    }
    if (it->out) {
        cli_emit(c->out, it->out, it->out_len);
        if (it->out_nl)
            cli_emit(c->out, "\n", 1);
    }
    if (it->rej) {
        cli_emit(c->reject, it->rej, it->rej_len ? it->rej_len
                                                 : strlen(it->rej));
        cli_emit(c->reject, "\n", 1);
    }
    if (it->report) {
        const char *name = it->label ? it->label : it->name;
        int st = mtl_html_add(c->page, it->report, name);
        if (st == MTL_ENOMEM)
            cli_out_of_memory();
        if (st != MTL_OK) {
            cli_progress_clear(p);
            fprintf(stderr, "mtlint: cannot add '%s' to the HTML page: "
                    "%s\n", name, mtl_strerror(st));
            c->trouble = true;
        }
    }
    if (it->kind != ITEM_MESSAGE)
        p->docs_done++;
    p->bytes_done += it->len;
}

static void
cli_item_free(cli_item *it)
{
    free(it->buf);
    free(it->label);
    free(it->msg);
    mtl_free(it->out);
    mtl_free(it->rej);
    mtl_report_free(it->report);
}

static void
cli_flush_outputs(cli *c)
{
    int e;

    if ((e = cli_out_flush(c->out)) != 0)
        cli_write_failed(cli_out_name(c->out), e);
    if (c->reject && (e = cli_out_flush(c->reject)) != 0)
        cli_write_failed(cli_out_name(c->reject), e);
}

static void *
cli_writer(void *arg)
{
    cli *c = arg;
    cli_pipe *p = c->pipe;

    for (;;) {
        cli_item it, *slot;

        pthread_mutex_lock(&p->mu);
        for (;;) {
            slot = &p->ring[p->next_write % p->size];
            if (p->next_write < p->next_fill && slot->state == SLOT_DONE)
                break;
            if (p->end && p->next_write == p->next_fill) {
                pthread_mutex_unlock(&p->mu);
                return NULL;
            }
            if (p->dirty) {
                /* nothing to write now: pass on what is buffered, so a
                 * slow stream (a pipeline, a terminal) sees each record
                 * soon, while a fast one is written in big blocks */
                p->dirty = false;
                pthread_mutex_unlock(&p->mu);
                cli_flush_outputs(c);
                pthread_mutex_lock(&p->mu);
                continue;
            }
            if (c->progress) {
                struct timespec ts;
                double now;

                clock_gettime(CLOCK_REALTIME, &ts);
                ts.tv_nsec += 200000000L;
                if (ts.tv_nsec >= 1000000000L) {
                    ts.tv_sec++;
                    ts.tv_nsec -= 1000000000L;
                }
                pthread_cond_timedwait(&p->can_write, &p->mu, &ts);
                now = cli_now();
                if (now - p->last_draw >= 0.2) {
                    pthread_mutex_unlock(&p->mu);
                    cli_progress_draw(c, p, p->raw_done, now);
                    pthread_mutex_lock(&p->mu);
                }
            } else {
                pthread_cond_wait(&p->can_write, &p->mu);
            }
        }
        it = *slot;
        pthread_mutex_unlock(&p->mu);
        p->raw_done = it.raw_pos;

        if (!p->first_pass) {
            cli_write_item(c, p, &it);
            p->dirty = true;
        } else {
            p->docs_done += it.kind != ITEM_MESSAGE;
            p->bytes_done += it.len;
        }
        cli_item_free(&it);
        if (c->progress) {
            double now = cli_now();
            if (now - p->last_draw >= 0.2)
                cli_progress_draw(c, p, p->raw_done, now);
        }

        pthread_mutex_lock(&p->mu);
        memset(slot, 0, sizeof *slot);
        slot->state = SLOT_FREE;
        p->bytes -= it.held;
        p->next_write++;
        p->ndone--;
        /* the reader is woken when a quarter of the ring is free again,
         * half of its byte budget, or all of it */
        if (p->next_write % (p->size / 4) == 0 ||
            p->next_write == p->next_fill || p->bytes <= CLI_RING_BYTES / 2)
            pthread_cond_signal(&p->can_fill);
        pthread_mutex_unlock(&p->mu);
    }
}

/* ------------------------------------------------------------- reading */

/* Puts an item into the ring (the reader), waiting for room. */
static void
cli_put(cli *c, cli_item *src, uint64_t raw)
{
    cli_pipe *p = c->pipe;
    cli_item *slot;

    pthread_mutex_lock(&p->mu);
    for (;;) {
        slot = &p->ring[p->next_fill % p->size];
        if (slot->state == SLOT_FREE &&
            (p->bytes == 0 || p->bytes + src->len <= CLI_RING_BYTES))
            break;
        pthread_cond_wait(&p->can_fill, &p->mu);
    }
    *slot = *src;
    slot->state = SLOT_READY;
    slot->held = src->len;
    p->bytes += src->len;
    slot->raw_pos = raw;
    p->next_fill++;
    pthread_cond_signal(&p->can_work);
    pthread_mutex_unlock(&p->mu);
}

/* Makes @p it the message @p msg (malloc'd, taken) about an input, to be
 * written in its place in the output order; it makes the run exit 2. */
static void
cli_item_message(cli_item *it, char *msg)
{
    it->kind = ITEM_MESSAGE;
    it->buf = NULL;
    it->len = 0;
    it->msg = msg;
    it->msg_trouble = true;
}

/* Puts the message @p msg (malloc'd, taken) into the ring (the reader). */
static void
cli_put_message(cli *c, uint64_t raw, char *msg)
{
    cli_item it = { 0 };

    cli_item_message(&it, msg);
    cli_put(c, &it, raw);
}

/* An input that could not be opened (errno @p err): out of memory ends the
 * run; otherwise the message, when @p report, else NULL. */
static char *
cli_open_failed(const cli_input *in, int err, bool report)
{
    if (err == ENOMEM)
        cli_out_of_memory();
    return report ? cli_format("mtlint: cannot open '%s': %s\n",
                               cli_input_name(in), strerror(err))
                  : NULL;
}

/* Opens an input; when it cannot, NULL with *msg saying so (only when
 * @p report, else NULL). */
static cli_in *
cli_try_open(const cli_input *in, bool report, char **msg)
{
    int err = 0;
    cli_in *f = cli_in_open(in->path, in->is_stdin ? STDIN_FILENO : -1,
                            &err);

    *msg = f ? NULL : cli_open_failed(in, err, report);
    return f;
}

static cli_in *
cli_open_input(cli *c, const cli_input *in, bool report, uint64_t raw)
{
    char *msg;
    cli_in *f = cli_try_open(in, report, &msg);

    if (msg)
        cli_put_message(c, raw, msg);
    return f;
}

/* Doubles a document's buffer of *cap bytes (and one for the NUL), to at
 * most limit + 1 bytes: one more than the limit shows a document over it. */
static char *
cli_grow_doc(char *buf, size_t *cap, size_t limit)
{
    size_t ncap = *cap > SIZE_MAX / 4 ? SIZE_MAX / 2 : *cap * 2;

    if (limit < SIZE_MAX - 1 && ncap > limit + 1)
        ncap = limit + 1;
    if (ncap <= *cap)
        cli_out_of_memory();
    *cap = ncap;
    return cli_xrealloc(buf, ncap + 1);
}

enum { CLI_RR_DONE, CLI_RR_GENERAL, CLI_RR_OPEN, CLI_RR_READ };

/*
 * A regular file of known size (a folder's document, the common input):
 * read with one read() into the document's own buffer, one byte more asked
 * for than the listed size, so that a short read at that size is the end.
 * cli_in would take two 256 KiB buffers and a read() more to meet the end
 * (on the 76,536 files of the bench, read twice, 153,000 read() calls and
 * 38 GB of buffers asked of malloc).  CLI_RR_GENERAL for a compressed file
 * whose name does not say so (known by its first bytes, as cli_in knows
 * it): read again the general way.  *err is errno for CLI_RR_OPEN and
 * CLI_RR_READ; a file that has grown is read to its end, and the caller
 * compares the length with the limit.
 */
static int
cli_read_regular(const cli_input *in, size_t limit, char **bufp, size_t *lenp,
                 uint64_t *raw, int *err)
{
    int fd = open(in->path, O_RDONLY | O_CLOEXEC);
    size_t cap = (size_t)in->size + 1, len = 0;
    char *buf;

    *raw = 0;
    if (fd < 0) {
        *err = errno;
        return CLI_RR_OPEN;
    }
    buf = cli_xmalloc(cap + 1);
    for (;;) {
        ssize_t n;

        if (len == cap) {
            if (len > limit)
                break;
            buf = cli_grow_doc(buf, &cap, limit);
        }
        n = read(fd, buf + len, cap - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            *raw = len;
            close(fd);
            free(buf);
            return CLI_RR_READ;
        }
        if (n == 0)
            break;
        len += (size_t)n;
        if (len < cap && len == in->size)
            break; /* a short read at the listed size: the end */
    }
    close(fd);
    *raw = len;
    if (cli_bytes_compressed(buf, len)) {
        free(buf);
        return CLI_RR_GENERAL;
    }
    buf[len] = '\0';
    *bufp = buf;
    *lenp = len;
    return CLI_RR_DONE;
}

/*
 * Reads a plain-text input whole (decompressed), for the reader or a
 * worker.  Returns the document, NUL-terminated, or NULL with *msg set to
 * what went wrong (only when report: the first pass is silent, the checks
 * say it in the input's place).  *raw gets the input bytes read.
 */
static char *
cli_load_text(const cli *c, const cli_input *in, bool report, size_t *lenp,
              uint64_t *raw, char **msg)
{
    const char *name = cli_input_name(in);
    size_t limit = cli_doc_limit(c), cap = 65536, len = 0;
    struct stat st;
    cli_in *f;
    char *buf;

    *raw = 0;
    *msg = NULL;
    /* A regular file's size is known from the input list (one stat less
     * a file: it counts on a folder of small documents). */
    if (!in->is_stdin &&
        (in->size ? in->size > limit
                  : stat(in->path, &st) == 0 && S_ISREG(st.st_mode) &&
                        (uintmax_t)st.st_size > limit) &&
        !cli_path_compressed(in->path))
        goto too_big;
    /* one read() for a plain file; a name that says compressed goes
     * straight to the decompressor */
    if (!in->is_stdin && in->size && in->size < limit &&
        !cli_compressed_suffix(in->path, strlen(in->path))) {
        int err = 0;
        switch (cli_read_regular(in, limit, &buf, &len, raw, &err)) {
        case CLI_RR_DONE:
            if (len > limit) {
                free(buf);
                goto too_big;
            }
            *lenp = len;
            return buf;
        case CLI_RR_OPEN:
            *msg = cli_open_failed(in, err, report);
            return NULL;
        case CLI_RR_READ:
            if (report)
                *msg = cli_format("mtlint: cannot read '%s': %s\n", name,
                                  strerror(err));
            return NULL;
        default: /* compressed */
            *raw = 0;
            break;
        }
    }
    f = cli_try_open(in, report, msg);
    if (!f)
        return NULL;
    if (in->size && in->size < limit)
        cap = (size_t)in->size + 1; /* one more to see the end */
    buf = cli_xmalloc(cap + 1);
    for (;;) {
        ssize_t n;

        if (len == cap)
            buf = cli_grow_doc(buf, &cap, limit);
        n = cli_in_read(f, buf + len, cap - len);
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len > limit)
            break;
    }
    *raw = cli_in_raw_bytes(f);
    if (cli_in_failed(f)) {
        if (report)
            *msg = cli_format("mtlint: cannot read '%s': %s\n", name,
                              cli_in_error(f));
        free(buf);
        cli_in_close(f);
        return NULL;
    }
    cli_in_close(f);
    if (len > limit) {
        free(buf);
        goto too_big;
    }
    buf[len] = '\0';
    *lenp = len;
    return buf;

too_big:
    if (report)
        *msg = cli_format("mtlint: '%s' is larger than %zu bytes: not "
                          "checked; raise the limit with --max-doc-bytes or "
                          "split the file\n", name, limit);
    return NULL;
}

/* A worker's reading of an ITEM_FILE: the item becomes the document, or
 * the message that replaces it. */
static void
cli_load_item(const cli *c, cli_item *it, bool first_pass)
{
    uint64_t raw;
    char *msg;

    it->buf = cli_load_text(c, it->in, !first_pass, &it->len, &raw, &msg);
    if (it->buf)
        it->kind = ITEM_TEXT;
    else
        cli_item_message(it, msg); /* NULL in the first pass: nothing */
}

/* A plain-text input: one document.  A regular file or folder entry is
 * passed on for a worker to read; standard input and other streams are
 * read here, the only place that can read them once. */
static void
cli_read_text(cli *c, const cli_input *in, bool first_pass, uint64_t *raw)
{
    cli_item it = { 0 };
    uint64_t n;
    char *msg;

    it.name = cli_input_name(in);
    if (in->regular) {
        it.kind = ITEM_FILE;
        it.in = in;
        *raw += in->size;
        cli_put(c, &it, *raw);
        return;
    }
    it.buf = cli_load_text(c, in, !first_pass, &it.len, &n, &msg);
    *raw += n;
    if (!it.buf) {
        if (msg)
            cli_put_message(c, *raw, msg);
        return;
    }
    it.kind = ITEM_TEXT;
    it.observe = c->batch && !in->seekable;
    cli_put(c, &it, *raw);
}

/* A JSON Lines input: one item per non-blank line. */
static void
cli_read_jsonl(cli *c, const cli_input *in, bool first_pass, uint64_t *raw)
{
    const char *name = cli_input_name(in);
    unsigned long line_no = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    cli_in *f = cli_open_input(c, in, !first_pass, *raw);

    if (!f)
        return;
    while ((got = cli_in_getline(f, &line, &cap)) >= 0) {
        size_t len = (size_t)got;
        cli_item it = { 0 };

        line_no++;
        if (len && line[len - 1] == '\r')
            len--;
        if (cli_blank(line, len))
            continue;
        it.kind = ITEM_JSONL;
        it.buf = memcpy(cli_xmalloc(len + 1), line, len);
        it.buf[len] = '\0';
        it.len = len;
        it.name = name;
        it.line_no = line_no;
        it.observe = c->batch && !in->seekable;
        cli_put(c, &it, *raw + cli_in_raw_bytes(f));
    }
    if (cli_in_failed(f) && !first_pass)
        cli_put_message(c, *raw + cli_in_raw_bytes(f),
                        cli_format("mtlint: cannot read '%s': %s\n", name,
                                   cli_in_error(f)));
    *raw += cli_in_raw_bytes(f);
    free(line);
    cli_in_close(f);
}

/* One pass over the inputs through the pipeline: the batch first pass
 * (observe only) or the checks. */
static void
cli_run_pass(cli *c, bool first_pass)
{
    cli_pipe p;
    unsigned workers = c->stdin_batch ? 1 : c->jobs;
    pthread_t *tids = cli_xmalloc(sizeof *tids * (workers + 1));
    uint64_t raw = 0;
    unsigned started = 0;

    memset(&p, 0, sizeof p);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.can_fill, NULL);
    pthread_cond_init(&p.can_work, NULL);
    pthread_cond_init(&p.can_write, NULL);
    p.size = workers * 32 < 256 ? 256 : (size_t)workers * 32;
    p.ring = calloc(p.size, sizeof *p.ring);
    if (!p.ring)
        cli_out_of_memory();
    p.first_pass = first_pass;
    p.label = first_pass ? "scanning" : "checking";
    p.t0 = cli_now();
    c->pipe = &p;

    if (pthread_create(&tids[0], NULL, cli_writer, c) != 0) {
        fprintf(stderr, "mtlint: cannot start a thread: %s; try --jobs 1\n",
                strerror(errno));
        exit(EXIT_TROUBLE);
    }
    for (started = 0; started < workers; started++) {
        int e = pthread_create(&tids[started + 1], NULL, cli_worker, c);
        if (e != 0) {
            if (started > 0)
                break; /* run with the threads we have */
            fprintf(stderr, "mtlint: cannot start a thread: %s; try "
                    "--jobs 1\n", strerror(e));
            exit(EXIT_TROUBLE);
        }
    }

    for (size_t i = 0; i < c->n_inputs; i++) {
        const cli_input *in = &c->inputs[i];

        if (first_pass && !in->seekable)
            continue; /* observed as it goes, in the second pass */
        if (c->jsonl_input)
            cli_read_jsonl(c, in, first_pass, &raw);
        else
            cli_read_text(c, in, first_pass, &raw);
    }

    pthread_mutex_lock(&p.mu);
    p.end = true;
    pthread_cond_broadcast(&p.can_work);
    pthread_cond_broadcast(&p.can_write);
    pthread_mutex_unlock(&p.mu);
    for (unsigned i = 0; i < started; i++)
        pthread_join(tids[i + 1], NULL);
    pthread_join(tids[0], NULL);
    if (c->progress) {
        cli_progress_draw(c, &p, raw, cli_now());
        cli_progress_clear(&p);
    }

    if (!first_pass)
        c->bytes_checked = p.bytes_done;
    c->pipe = NULL;
    free(p.ring);
    free(tids);
    pthread_cond_destroy(&p.can_fill);
    pthread_cond_destroy(&p.can_work);
    pthread_cond_destroy(&p.can_write);
    pthread_mutex_destroy(&p.mu);
}

/* st: the file's status when the caller has it (a folder walk), else
 * NULL and it is asked here. */
static void
cli_add_input(cli *c, const char *path, bool is_stdin, bool seekable,
              const struct stat *known)
{
    if (c->n_inputs == c->cap_inputs) {
        c->cap_inputs = c->cap_inputs ? c->cap_inputs * 2 : 16;
        c->inputs = cli_xrealloc(c->inputs,
                                 c->cap_inputs * sizeof *c->inputs);
    }
    c->inputs[c->n_inputs].path = cli_xstrdup(path);
    c->inputs[c->n_inputs].is_stdin = is_stdin;
    c->inputs[c->n_inputs].seekable = seekable;
    c->inputs[c->n_inputs].regular = false;
    c->inputs[c->n_inputs].size = 0;
    if (seekable && !is_stdin) {
        struct stat st;
        if (!known && stat(path, &st) == 0)
            known = &st;
        if (known && S_ISREG(known->st_mode)) {
            c->inputs[c->n_inputs].regular = true;
            c->inputs[c->n_inputs].size = (uint64_t)known->st_size;
        }
    }
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

/* The --glob test; without --glob, the default names and their .gz and
 * .zst versions. */
static bool
cli_glob_match(const cli *c, const char *name)
{
    size_t n = strlen(name);
    char base[4096];

    if (fnmatch(c->glob, name, 0) == 0)
        return true;
    if (c->glob_set || n >= sizeof base)
        return false;
    size_t sfx = cli_compressed_suffix(name, n);
    if (!sfx)
        return false;
    memcpy(base, name, n - sfx);
    base[n - sfx] = '\0';
    return fnmatch(c->glob, base, 0) == 0;
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
        match = cli_glob_match(c, name);
        path = cli_xmalloc(plen);
        snprintf(path, plen, "%s%s%s", dir, slash ? "" : "/", name);
        if (stat(path, &st) != 0) {
            /* A dangling link that matches: reading it says why. */
            if (match)
                cli_add_input(c, path, false, true, NULL);
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
            cli_add_input(c, path, false, true, &st);
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
        cli_add_input(c, "-", true, false, NULL);
        return;
    }
    for (int i = 0; i < n; i++) {
        struct stat st;

        if (strcmp(args[i], "-") == 0) {
            if (stdin_seen)
                cli_usage_error("standard input ('-') given more than "
                                "once");
            stdin_seen = true;
            cli_add_input(c, "-", true, false, NULL);
        } else if (stat(args[i], &st) != 0) {
            /* Reported in order when the run reaches it. */
            cli_add_input(c, args[i], false, true, NULL);
        } else if (S_ISDIR(st.st_mode)) {
            cli_walk_frame top = { st.st_dev, st.st_ino, NULL };
            cli_walk(c, args[i], &top);
        } else {
            cli_add_input(c, args[i], false, S_ISREG(st.st_mode), &st);
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
    OPT_NO_PROGRESS,
    OPT_SUMMARY,
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
    { "jobs", required_argument, NULL, 'j' },
    { "output", required_argument, NULL, 'o' },
    { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
    { "summary", no_argument, NULL, OPT_SUMMARY },
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
    while ((opt = getopt_long(argc, argv, ":qhj:o:", cli_long_options,
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
            c->glob_set = true;
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
        case 'j':
            if (!cli_parse_unsigned(optarg, CLI_MAX_JOBS, false, &v) ||
                v == 0)
                cli_usage_error("invalid --jobs '%s': give a number of "
                                "threads from 1 to %u", optarg,
                                CLI_MAX_JOBS);
            c->jobs = (unsigned)v;
            break;
        case 'o':
            c->output_path = cli_nonempty("--output", optarg);
            break;
        case OPT_NO_PROGRESS:
            c->no_progress = true;
            break;
        case OPT_SUMMARY:
            c->summary = true;
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
            if (optopt && optopt < 256 && optopt != 'q' && optopt != 'h' &&
                optopt != 'j' && optopt != 'o') {
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
    /* counts are order-independent, so the first pass runs on every
     * worker too; it completes before any check starts */
    cli_run_pass(c, true);
    /* auto means: only when the run has more than one document */
    if (c->batch_rules == WHEN_AUTO && mtl_batch_documents(c->batch) < 2) {
        mtl_batch_free(c->batch);
        c->batch = NULL;
    }
    /* A non-seekable input is observed as it goes, each document before
     * its check: that depends on the order, so it runs on one worker. */
    if (c->batch && !all_seekable)
        c->stdin_batch = true;
}

static void
cli_print_summary(const cli *c)
{
    double t = cli_now() - c->t_start;
    static const char letters[] = "ABCDEF";
    char grades[160] = "";
    size_t n = 0;

    if (t <= 0)
        t = 1e-9;
    for (int i = 0; i < 6; i++)
        n += (size_t)snprintf(grades + n, sizeof grades - n, "%s%c %llu",
                              i ? ", " : "", letters[i],
                              (unsigned long long)c->grades[i]);
    fprintf(stderr, "mtlint: %llu documents, %llu errors; grades %s; "
            "%.1f s, %.0f docs/s, %.2f MB/s\n",
            (unsigned long long)c->documents,
            (unsigned long long)c->record_errors, grades, t,
            (double)c->documents / t, (double)c->bytes_checked / 1e6 / t);
}

/* what main() leaves to the exit (volatile: stored, never read) */
static void *volatile cli_left_to_exit[3];

int
main(int argc, char **argv)
{
    cli c = { 0 };
    mtl_options opts;
    mtl_error err = { 0 };
    char what[4200];
    int first, e = 0;
    long ncpu;

    if (argc > 1 && strcmp(argv[1], "eval") == 0)
        return mtl_cli_eval(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "calibrate") == 0)
        return mtl_cli_calibrate(argc - 1, argv + 1);
    c.t_start = cli_now();
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
    if (c.jobs == 0) {
        ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        c.jobs = ncpu < 1 ? 1 : ncpu > (long)CLI_MAX_JOBS ? CLI_MAX_JOBS
                                                          : (unsigned)ncpu;
    }

    if (c.color == WHEN_ON ||
        (c.color == WHEN_AUTO && !c.output_path && isatty(STDOUT_FILENO) &&
         !getenv("NO_COLOR"))) {
        const char *term = getenv("TERM");
        if (c.color == WHEN_ON || !term || strcmp(term, "dumb") != 0)
            c.text_bits |= MTL_WRITE_COLOR;
    }
    /* the progress bar: on a terminal, unless the report goes to it */
    c.progress = !c.no_progress && !c.quiet && isatty(STDERR_FILENO) &&
                 (c.output_path || !isatty(STDOUT_FILENO));

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

    c.out = cli_out_open(c.output_path, &e, what, sizeof what);
    if (!c.out) {
        if (e == ENOMEM)
            cli_out_of_memory();
        fprintf(stderr, "mtlint: cannot open %s for the output: %s\n",
                what, strerror(e));
        mtl_engine_free(c.engine);
        return EXIT_TROUBLE;
    }
    if (c.reject_path) {
        c.reject = cli_out_open(c.reject_path, &e, what, sizeof what);
        if (!c.reject) {
            if (e == ENOMEM)
                cli_out_of_memory();
            fprintf(stderr, "mtlint: cannot open %s for the rejected "
                    "records: %s\n", what, strerror(e));
            mtl_engine_free(c.engine);
            exit(EXIT_TROUBLE); /* removes the output's temporary file */
        }
    }

    cli_collect_inputs(&c, argv + first, argc - first);
    c.total_bytes = 0;
    for (size_t i = 0; i < c.n_inputs; i++) {
        if (!c.inputs[i].size) {
            c.total_bytes = 0; /* unknown: no ETA */
            break;
        }
        c.total_bytes += c.inputs[i].size;
    }
    if (c.format == FORMAT_HTML && !c.keep) {
        c.page = mtl_html_new(c.n_inputs == 1
                                  ? cli_input_name(&c.inputs[0]) : NULL);
        if (!c.page)
            cli_out_of_memory();
    }
    cli_first_pass(&c);
    cli_run_pass(&c, false);
    if (c.page) {
        size_t len;
        char *html = mtl_html_finish(c.page, &len);
        if (!html)
            cli_out_of_memory();
        cli_emit(c.out, html, len);
        mtl_free(html);
        mtl_html_free(c.page);
    }
    cli_close_output(&c);

    if (c.summary || c.progress)
        cli_print_summary(&c);
    else if (c.record_errors && !c.quiet)
        fprintf(stderr, "mtlint: %llu documents, %llu errors\n",
                (unsigned long long)c.documents,
                (unsigned long long)c.record_errors);

    /* The process ends here and its memory with it: the engine's
     * dictionaries and lexicons, some 100 MB in millions of blocks, took
     * about a tenth of a second to free block by block, on one thread
     * after the workers had finished.  They stay reachable from here, so
     * that leak checkers (LeakSanitizer, Valgrind) count them as in use;
     * the library's own tests free engines and batches. */
    cli_left_to_exit[0] = c.engine;
    cli_left_to_exit[1] = c.batch;
    cli_left_to_exit[2] = c.inputs;
    if (c.trouble)
        return EXIT_TROUBLE;
    return c.below ? EXIT_BELOW : EXIT_SUCCESS;
}
