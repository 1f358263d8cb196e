/*
 * io.h - the CLI's input and output streams: plain, gzip (zlib) or zstd
 * (libzstd) compressed; inputs recognised by their magic bytes, outputs by
 * their file name extension.  An output file is written to a temporary
 * file in the same folder and renamed into place on success, so an
 * interrupted run never leaves a truncated file that looks complete.
 */
#ifndef MTL_CLI_IO_H
#define MTL_CLI_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---------------------------------------------------------------- input */

typedef struct cli_in cli_in;

/*
 * Opens @p path for reading (@p fd >= 0: reads that descriptor instead and
 * does not close it).  Returns NULL with *err set to an errno value.
 */
cli_in *cli_in_open(const char *path, int fd, int *err);

/* Reads up to @p n decompressed bytes: the count, 0 at the end, or -1 with
 * cli_in_error() telling why. */
ssize_t cli_in_read(cli_in *in, void *buf, size_t n);

/*
 * The next line without its '\n' (a final line need not end with one),
 * in *line (grown as needed; the caller frees it).  Returns its length, or
 * -1 at the end of the input or on error (cli_in_failed() tells which).
 */
ssize_t cli_in_getline(cli_in *in, char **line, size_t *cap);

/* True after a read error; cli_in_error() then describes it. */
bool cli_in_failed(const cli_in *in);
const char *cli_in_error(const cli_in *in);

/* Bytes read from the file so far (compressed bytes for a compressed
 * file), for progress. */
uint64_t cli_in_raw_bytes(const cli_in *in);

/* True if the input is gzip or zstd compressed (known after the first
 * read). */
bool cli_in_compressed(const cli_in *in);

void cli_in_close(cli_in *in);

/* True if the file at @p path starts with gzip or zstd magic bytes. */
bool cli_path_compressed(const char *path);
/* True if the first @p n bytes of a file are gzip or zstd magic bytes. */
bool cli_bytes_compressed(const void *p, size_t n);
/* The length of a ".gz" or ".zst" at the end of the name of @p n bytes, or
 * 0: a name that says the file is compressed. */
size_t cli_compressed_suffix(const char *name, size_t n);

/* --------------------------------------------------------------- output */

typedef struct cli_out cli_out;

/*
 * Opens an output: standard output when @p path is NULL, else @p path
 * (compressed when it ends in .gz or .zst), written through a temporary
 * file in the same folder when @p path is a regular file or does not
 * exist yet.  Returns NULL with *err set to an errno value and @p what
 * (size @p what_size) naming what failed.
 */
cli_out *cli_out_open(const char *path, int *err, char *what,
                      size_t what_size);

/* Writes @p len bytes.  Returns 0 or an errno value. */
int cli_out_write(cli_out *out, const void *buf, size_t len);

/* Passes buffered bytes on (to the terminal or the pipe).  Returns 0 or an
 * errno value. */
int cli_out_flush(cli_out *out);

/* A name for messages: "standard output" or the path. */
const char *cli_out_name(const cli_out *out);

/* True if the output is standard output. */
bool cli_out_is_stdout(const cli_out *out);

/*
 * Finishes the output: ends the compressed stream, closes the file and
 * renames the temporary file into place.  Returns 0 or an errno value (the
 * temporary file is then removed).  Frees @p out.
 */
int cli_out_close(cli_out *out);

/*
 * Removes the temporary files of outputs not yet closed: called on exit
 * and from the SIGINT/SIGTERM/SIGHUP/SIGPIPE handler that cli_out_open
 * installs.
 */
void cli_out_cleanup(void);

#endif
