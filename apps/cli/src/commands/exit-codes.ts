/** What `qinglang` exits with: scripts tell a mistake in the call from a failure of the service or its data. */
export const EXIT = {
  ok: 0,
  /** Anything else that went wrong: the database unreachable, an unexpected error (printed with its stack). */
  failure: 1,
  /** The call itself: an unknown command or option, a missing or malformed argument, a name taken, a bad variable. */
  usage: 2,
  /** `audit verify` found an entry that does not match. */
  auditMismatch: 3,
} as const;

export const EXIT_CODES_HELP = `
Exit codes: 0 done; 1 failure (database unreachable, unexpected error); 2 usage or input error (unknown command or
option, bad argument, name taken, bad environment variable); 3 audit verify found an entry that does not match.
Logs and errors go to stderr; stdout carries only the command's output.`;
