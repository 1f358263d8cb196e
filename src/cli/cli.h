/*
 * cli.h - the CLI's subcommands, each in its own file.
 */
#ifndef MTL_CLI_H
#define MTL_CLI_H

/* `mtlint eval ...`: argv[0] is "eval".  Returns the exit status. */
int mtl_cli_eval(int argc, char **argv);

/* `mtlint calibrate ...`: argv[0] is "calibrate".  Returns the exit
 * status. */
int mtl_cli_calibrate(int argc, char **argv);

#endif
