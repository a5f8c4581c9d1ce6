/** Defaults shared by the CLI and the pipeline, in a module that loads nothing heavy. */
export const DEFAULT_DB = 'data/pystats.duckdb';
