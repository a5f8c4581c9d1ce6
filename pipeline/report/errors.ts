/**
 * Raised where summarize_stats.py itself would stop with an exception (a missing key, an
 * unknown event name, a failure kind past its fixed array…). The real script prints no
 * report in those cases, so neither do we; the message says what was missing and why.
 */
export class ReportDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportDataError';
  }
}
