import { EXIT } from './exit-codes';

/** An error the operator can fix (bad input, taken name, bad environment): its message is printed, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}
