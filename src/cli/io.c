/*
 * io.c - the CLI's input and output streams (io.h): plain files, gzip
 * through zlib and zstd through libzstd; inputs recognised by magic bytes,
 * outputs by extension and written through a temporary file that is
 * renamed into place on success and removed on a signal or an error exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

#include "io.h"

#define IO_CHUNK ((size_t)1 << 18)

enum io_codec { CODEC_PLAIN, CODEC_GZIP, CODEC_ZSTD };

/* ---------------------------------------------------------------- input */

struct cli_in {
    int fd;
    bool own_fd;
    bool started;   /* first raw chunk read and codec known */
    bool raw_eof;
    bool failed;
    enum io_codec codec;
    uint64_t raw_bytes;
    /* raw (file) bytes */
    unsigned char *raw;
    size_t raw_pos, raw_len;
    /* decompressed bytes waiting for getline */
    char *buf;
    size_t buf_pos, buf_len;
    bool done;      /* decompressed stream ended */
    bool need_input; /* the decoder has given all it can from its input */
    z_stream z;
    bool z_init;
    bool z_member_end;
    ZSTD_DCtx *zd;
    char error[160];
};

static void
io_in_fail(cli_in *in, const char *fmt, const char *detail)
{
    in->failed = true;
    snprintf(in->error, sizeof in->error, fmt, detail ? detail : "");
}

cli_in *
cli_in_open(const char *path, int fd, int *err)
{
    cli_in *in = calloc(1, sizeof *in);

    if (!in) {
        *err = ENOMEM;
        return NULL;
    }
    if (fd >= 0) {
        in->fd = fd;
    } else {
        in->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (in->fd < 0) {
            *err = errno;
            free(in);
            return NULL;
        }
        in->own_fd = true;
    }
    in->need_input = true;
    in->raw = malloc(IO_CHUNK);
    in->buf = malloc(IO_CHUNK);
    if (!in->raw || !in->buf) {
        cli_in_close(in);
        *err = ENOMEM;
        return NULL;
    }
    return in;
}

/* Refills the raw buffer; false at the end or on error. */
static bool
io_fill_raw(cli_in *in)
{
    if (in->raw_eof)
        return false;
    if (in->raw_pos < in->raw_len) {
        memmove(in->raw, in->raw + in->raw_pos, in->raw_len - in->raw_pos);
        in->raw_len -= in->raw_pos;
    } else {
        in->raw_len = 0;
    }
    in->raw_pos = 0;
    while (in->raw_len < IO_CHUNK) {
        ssize_t n = read(in->fd, in->raw + in->raw_len,
                         IO_CHUNK - in->raw_len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            io_in_fail(in, "%s", strerror(errno));
            return false;
        }
        if (n == 0) {
            in->raw_eof = true;
            break;
        }
        in->raw_len += (size_t)n;
        in->raw_bytes += (uint64_t)n;
        /* a pipe gives what it has: do not wait for a full chunk */
        if (in->raw_len >= 4)
            break;
    }
    return in->raw_len > 0;
}

/* The compression that the first @p n bytes of a file announce. */
static enum io_codec
io_magic(const unsigned char *p, size_t n)
{
    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        return CODEC_GZIP;
    if (n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f &&
        p[3] == 0xfd)
        return CODEC_ZSTD;
    return CODEC_PLAIN;
}

bool
cli_bytes_compressed(const void *p, size_t n)
{
    return io_magic(p, n) != CODEC_PLAIN;
}

size_t
cli_compressed_suffix(const char *name, size_t n)
{
    if (n > 3 && memcmp(name + n - 3, ".gz", 3) == 0)
        return 3;
    if (n > 4 && memcmp(name + n - 4, ".zst", 4) == 0)
        return 4;
    return 0;
}

static bool
io_start(cli_in *in)
{
    in->started = true;
    (void)io_fill_raw(in);
    if (in->failed)
        return false;
    in->codec = io_magic(in->raw, in->raw_len);
    if (in->codec == CODEC_GZIP) {
        if (inflateInit2(&in->z, 15 + 32) != Z_OK) {
            io_in_fail(in, "cannot start gzip decompression%s", NULL);
            return false;
        }
        in->z_init = true;
    } else if (in->codec == CODEC_ZSTD) {
        in->zd = ZSTD_createDCtx();
        if (!in->zd) {
            io_in_fail(in, "cannot start zstd decompression%s", NULL);
            return false;
        }
    }
    return true;
}

ssize_t
cli_in_read(cli_in *in, void *dst, size_t n)
{
    if (in->failed)
        return -1;
    if (!in->started && !io_start(in))
        return -1;
    if (n == 0 || in->done)
        return 0;
    for (;;) {
        size_t got = 0;

        if (in->raw_pos == in->raw_len && in->need_input &&
            !io_fill_raw(in)) {
            if (in->failed)
                return -1;
            if (in->codec == CODEC_GZIP && !in->z_member_end) {
                io_in_fail(in, "the gzip data is truncated%s", NULL);
                return -1;
            }
            if (in->codec == CODEC_ZSTD && in->z_member_end == false &&
                in->raw_bytes > 0) {
                io_in_fail(in, "the zstd data is truncated%s", NULL);
                return -1;
            }
            in->done = true;
            return 0;
        }
        switch (in->codec) {
        case CODEC_PLAIN:
            got = in->raw_len - in->raw_pos;
            if (got > n)
                got = n;
            memcpy(dst, in->raw + in->raw_pos, got);
            in->raw_pos += got;
            break;
        case CODEC_GZIP: {
            int st;
            if (in->z_member_end) {
                /* another gzip member follows (concatenated files) */
                if (inflateReset(&in->z) != Z_OK) {
                    io_in_fail(in, "corrupt gzip data%s", NULL);
                    return -1;
                }
                in->z_member_end = false;
            }
            in->z.next_in = in->raw + in->raw_pos;
            in->z.avail_in = (uInt)(in->raw_len - in->raw_pos);
            in->z.next_out = dst;
            in->z.avail_out = (uInt)(n > UINT_MAX ? UINT_MAX : n);
            st = inflate(&in->z, Z_NO_FLUSH);
            in->raw_pos = in->raw_len - in->z.avail_in;
            got = (size_t)((unsigned char *)in->z.next_out -
                           (unsigned char *)dst);
            if (st == Z_STREAM_END) {
                in->z_member_end = true;
            } else if (st != Z_OK && st != Z_BUF_ERROR) {
                io_in_fail(in, "corrupt gzip data: %s",
                           in->z.msg ? in->z.msg : "bad stream");
                return -1;
            }
            break;
        }
        case CODEC_ZSTD: {
            ZSTD_inBuffer ib = { in->raw, in->raw_len, in->raw_pos };
            ZSTD_outBuffer ob = { dst, n, 0 };
            size_t r = ZSTD_decompressStream(in->zd, &ob, &ib);
            if (ZSTD_isError(r)) {
                io_in_fail(in, "corrupt zstd data: %s",
                           ZSTD_getErrorName(r));
                return -1;
            }
            in->raw_pos = ib.pos;
            in->z_member_end = r == 0; /* a frame is complete */
            got = ob.pos;
            break;
        }
        }
        in->need_input = got < n;
        if (got > 0)
            return (ssize_t)got;
    }
}

ssize_t
cli_in_getline(cli_in *in, char **line, size_t *cap)
{
    size_t len = 0;

    for (;;) {
        char *nl;
        size_t take;

        if (in->buf_pos == in->buf_len) {
            ssize_t n = cli_in_read(in, in->buf, IO_CHUNK);
            if (n < 0)
                return -1;
            if (n == 0) {
                if (len == 0)
                    return -1;
                break;
            }
            in->buf_pos = 0;
            in->buf_len = (size_t)n;
        }
        nl = memchr(in->buf + in->buf_pos, '\n', in->buf_len - in->buf_pos);
        take = nl ? (size_t)(nl - (in->buf + in->buf_pos))
                  : in->buf_len - in->buf_pos;
        if (len + take + 1 > *cap) {
            size_t ncap = *cap ? *cap : 4096;
            char *p;
            while (ncap < len + take + 1)
                ncap *= 2;
            p = realloc(*line, ncap);
            if (!p) {
                in->failed = true;
                snprintf(in->error, sizeof in->error, "%s",
                         strerror(ENOMEM));
                errno = ENOMEM;
                return -1;
            }
            *line = p;
            *cap = ncap;
        }
        memcpy(*line + len, in->buf + in->buf_pos, take);
        len += take;
        in->buf_pos += take;
        if (nl) {
            in->buf_pos++; /* the '\n' */
            break;
        }
    }
    (*line)[len] = '\0';
    return (ssize_t)len;
}

bool
cli_in_failed(const cli_in *in)
{
    return in->failed;
}

const char *
cli_in_error(const cli_in *in)
{
    return in->error[0] ? in->error : "read error";
}

uint64_t
cli_in_raw_bytes(const cli_in *in)
{
    return in->raw_bytes;
}

bool
cli_in_compressed(const cli_in *in)
{
    return in->codec != CODEC_PLAIN;
}

void
cli_in_close(cli_in *in)
{
    if (!in)
        return;
    if (in->z_init)
        inflateEnd(&in->z);
    ZSTD_freeDCtx(in->zd);
    if (in->own_fd && in->fd >= 0)
        close(in->fd);
    free(in->raw);
    free(in->buf);
    free(in);
}

bool
cli_path_compressed(const char *path)
{
    unsigned char m[4];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;

    if (fd < 0)
        return false;
    n = read(fd, m, sizeof m);
    close(fd);
    return n > 0 && cli_bytes_compressed(m, (size_t)n);
}

/* --------------------------------------------------------------- output */

#define IO_MAX_TEMPS 4

/* Temporary files to remove on a signal: fixed storage, so the handler
 * needs no allocation.  A slot is in use while its first byte is set. */
static char io_temps[IO_MAX_TEMPS][PATH_MAX];
static volatile sig_atomic_t io_handlers_set;

struct cli_out {
    int fd;
    bool is_stdout;
    bool failed;
    enum io_codec codec;
    int temp_slot;      /* -1: written in place */
    char *path;         /* final name (NULL for stdout) */
    unsigned char *buf; /* bytes waiting to be compressed or written */
    size_t len;
    unsigned char *zbuf;
    size_t zcap;
    z_stream z;
    bool z_init;
    ZSTD_CCtx *zc;
};

void
cli_out_cleanup(void)
{
    for (int i = 0; i < IO_MAX_TEMPS; i++)
        if (io_temps[i][0]) {
            unlink(io_temps[i]);
            io_temps[i][0] = '\0';
        }
}

static void
io_on_signal(int sig)
{
    /* unlink() and raise() are async-signal-safe */
    for (int i = 0; i < IO_MAX_TEMPS; i++)
        if (io_temps[i][0])
            unlink(io_temps[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void
io_install_handlers(void)
{
    /* SIGPIPE too: `mtlint --reject R ... | head` must not leave R's
     * temporary file behind */
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
    struct sigaction sa;

    if (io_handlers_set)
        return;
    io_handlers_set = 1;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = io_on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        /* a signal ignored by the parent (nohup) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
    atexit(cli_out_cleanup);
}

static bool
io_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

cli_out *
cli_out_open(const char *path, int *err, char *what, size_t what_size)
{
    cli_out *out = calloc(1, sizeof *out);
    struct stat st;

    what[0] = '\0';
    if (!out || !(out->buf = malloc(IO_CHUNK))) {
        free(out);
        *err = ENOMEM;
        return NULL;
    }
    out->temp_slot = -1;
    if (!path) {
        out->fd = STDOUT_FILENO;
        out->is_stdout = true;
        return out;
    }
    out->path = strdup(path);
    if (!out->path) {
        *err = ENOMEM;
        goto fail;
    }
    if (io_ends_with(path, ".gz"))
        out->codec = CODEC_GZIP;
    else if (io_ends_with(path, ".zst"))
        out->codec = CODEC_ZSTD;

    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* a device or a pipe (/dev/null, a FIFO): written in place */
        out->fd = open(path, O_WRONLY | O_CLOEXEC);
        if (out->fd < 0) {
            *err = errno;
            snprintf(what, what_size, "'%s'", path);
            goto fail;
        }
    } else {
        const char *slash = strrchr(path, '/');
        size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
        mode_t mask;
        int slot;

        for (slot = 0; slot < IO_MAX_TEMPS && io_temps[slot][0]; slot++)
            ;
        if (slot == IO_MAX_TEMPS ||
            strlen(path) + 16 >= sizeof io_temps[slot]) {
            *err = ENAMETOOLONG;
            snprintf(what, what_size, "'%s'", path);
            goto fail;
        }
        io_install_handlers();
        {
            /* DIR/.NAME.tmp-XXXXXX next to the final file, so that
             * rename() replaces it in one step */
            char tmpl[PATH_MAX];
            snprintf(tmpl, sizeof tmpl, "%.*s.%s.tmp-XXXXXX", (int)dir_len,
                     path, path + dir_len);
            /* block the signals while the slot is being filled */
            sigset_t all, old;
            sigfillset(&all);
            pthread_sigmask(SIG_BLOCK, &all, &old);
            out->fd = mkstemp(tmpl);
            if (out->fd >= 0) {
                memcpy(io_temps[slot], tmpl, strlen(tmpl) + 1);
                out->temp_slot = slot;
            }
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            if (out->fd < 0) {
                *err = errno;
                snprintf(what, what_size, "a temporary file next to '%s'",
                         path);
                goto fail;
            }
        }
        mask = umask(0);
        umask(mask);
        (void)fchmod(out->fd, 0666 & ~mask);
        (void)fcntl(out->fd, F_SETFD, FD_CLOEXEC);
    }

    if (out->codec == CODEC_GZIP) {
        if (deflateInit2(&out->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16,
                         8, Z_DEFAULT_STRATEGY) != Z_OK) {
            *err = ENOMEM;
            goto fail_open;
        }
        out->z_init = true;
        out->zcap = IO_CHUNK;
    } else if (out->codec == CODEC_ZSTD) {
        out->zc = ZSTD_createCCtx();
        if (!out->zc) {
            *err = ENOMEM;
            goto fail_open;
        }
        ZSTD_CCtx_setParameter(out->zc, ZSTD_c_compressionLevel, 3);
        ZSTD_CCtx_setParameter(out->zc, ZSTD_c_checksumFlag, 1);
        out->zcap = ZSTD_CStreamOutSize();
    }
    if (out->zcap && !(out->zbuf = malloc(out->zcap))) {
        *err = ENOMEM;
        goto fail_open;
    }
    return out;

fail_open:
    snprintf(what, what_size, "'%s'", path);
    close(out->fd);
    if (out->temp_slot >= 0) {
        unlink(io_temps[out->temp_slot]);
        io_temps[out->temp_slot][0] = '\0';
    }
fail:
    if (out->z_init)
        deflateEnd(&out->z);
    ZSTD_freeCCtx(out->zc);
    free(out->zbuf);
    free(out->path);
    free(out->buf);
    free(out);
    return NULL;
}

static int
io_write_fd(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Compresses (or writes) the buffered bytes; @p end finishes the
 * compressed stream. */
static int
io_drain(cli_out *out, bool end)
{
    int e = 0;

    switch (out->codec) {
    case CODEC_PLAIN:
        e = io_write_fd(out->fd, out->buf, out->len);
        break;
    case CODEC_GZIP:
        out->z.next_in = out->buf;
        out->z.avail_in = (uInt)out->len;
        for (;;) {
            int st;
            out->z.next_out = out->zbuf;
            out->z.avail_out = (uInt)out->zcap;
            st = deflate(&out->z, end ? Z_FINISH : Z_NO_FLUSH);
            if (st == Z_STREAM_ERROR)
                return EIO;
            e = io_write_fd(out->fd, out->zbuf, out->zcap - out->z.avail_out);
            if (e)
                return e;
            if (end ? st == Z_STREAM_END : out->z.avail_in == 0)
                break;
        }
        break;
    case CODEC_ZSTD: {
        ZSTD_inBuffer ib = { out->buf, out->len, 0 };
        for (;;) {
            ZSTD_outBuffer ob = { out->zbuf, out->zcap, 0 };
            size_t r = ZSTD_compressStream2(out->zc, &ob, &ib,
                                            end ? ZSTD_e_end
                                                : ZSTD_e_continue);
            if (ZSTD_isError(r))
                return EIO;
            e = io_write_fd(out->fd, out->zbuf, ob.pos);
            if (e)
                return e;
            if (end ? r == 0 : ib.pos == ib.size)
                break;
        }
        break;
    }
    }
    out->len = 0;
    return e;
}

int
cli_out_write(cli_out *out, const void *buf, size_t len)
{
    const unsigned char *p = buf;

    if (out->failed)
        return EIO;
    while (len > 0) {
        size_t room = IO_CHUNK - out->len, take = len < room ? len : room;
        memcpy(out->buf + out->len, p, take);
        out->len += take;
        p += take;
        len -= take;
        if (out->len == IO_CHUNK) {
            int e = io_drain(out, false);
            if (e) {
                out->failed = true;
                return e;
            }
        }
    }
    return 0;
}

int
cli_out_flush(cli_out *out)
{
    int e;

    if (out->failed)
        return EIO;
    if (out->codec != CODEC_PLAIN || out->len == 0)
        return 0; /* a compressed stream is flushed at its end only */
    e = io_drain(out, false);
    if (e)
        out->failed = true;
    return e;
}

const char *
cli_out_name(const cli_out *out)
{
    return out->is_stdout ? "standard output" : out->path;
}

bool
cli_out_is_stdout(const cli_out *out)
{
    return out->is_stdout;
}

int
cli_out_close(cli_out *out)
{
    int e = out->failed ? EIO : io_drain(out, true);

    if (!out->is_stdout) {
        if (close(out->fd) != 0 && !e)
            e = errno;
        if (out->temp_slot >= 0) {
            char *tmp = io_temps[out->temp_slot];
            if (!e && rename(tmp, out->path) != 0)
                e = errno;
            if (e)
                unlink(tmp);
            tmp[0] = '\0';
        }
    }
    if (out->z_init)
        deflateEnd(&out->z);
    ZSTD_freeCCtx(out->zc);
    free(out->zbuf);
    free(out->path);
    free(out->buf);
    free(out);
    return e;
}
