/** Defaults shared by the CLI and the pipeline, in a module that loads nothing heavy. */
export const DEFAULT_DB = 'data/pystats.duckdb';

/** How long a command waits for a store another process holds, unless told (--wait). */
export const DEFAULT_WAIT_SECONDS = 60;
