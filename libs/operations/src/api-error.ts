/** An error a client caused or can act on: an HTTP status, a stable machine-readable code and a human message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** An error the client should retry after a while (429, 503): the response carries `Retry-After`. */
export class RetryLaterError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
    details?: unknown,
  ) {
    super(status, code, message, details);
  }
}
