/**
 * What the bundled CLI gets for `string-width`, the help-layout dependency of yargs,
 * cliui, wrap-ansi and cli-progress (see build.mjs): the same default export, a
 * function from a string to its width in terminal columns, from fast-string-width.
 *
 * Why: string-width 8 builds a regular expression of every emoji sequence as it loads,
 * and it loads with yargs, in every command: 15 ms of each `pystats` run, a twentieth
 * of a summarize. pystats' help and progress texts are plain ASCII, which both measure alike.
 */
module.exports = require('fast-string-width').default;
