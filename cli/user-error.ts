/** An error the user can fix (bad input, bad arguments): printed as one line, no stack. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}
