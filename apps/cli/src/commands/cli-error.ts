/** An error the operator can fix (bad input, taken name, bad environment): its message is printed, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
