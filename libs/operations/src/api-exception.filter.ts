import { withoutServerPaths } from './server-paths';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ApiError, RetryLaterError } from './api-error';
import { isOutage } from './outage';

/** Long enough for a database restart or a Redis failover, short enough that a client does not sit idle. */
const RETRY_AFTER_OUTAGE_SECONDS = 5;

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
};

interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  correlationId: string;
}

/** Every error leaves as `{code, message, correlationId}`; only unexpected ones are 500 and logged with a stack. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const correlationId = (request.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
    const [status, body] = this.describe(exception, correlationId);
    if (status === 503 && !(exception instanceof ApiError)) {
      this.logger.warn({
        message: 'dependency unavailable',
        correlationId,
        path: request.url,
        error: String(exception),
      });
    } else if (status === 500 && exception instanceof ApiError) {
      // A failure we named (a misconfigured media store, which logs its cause once): one line, no stack.
      this.logger.error({ message: 'server error', code: body.code, correlationId, path: request.url });
    } else if (status >= 500) {
      this.logger.error({
        message: 'unhandled error',
        correlationId,
        path: request.url,
        error: String(exception),
        stack: (exception as Error)?.stack,
      });
    }
    if (response.headersSent) return;
    response.setHeader('X-Request-Id', correlationId);
    if (exception instanceof RetryLaterError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    else if (status === 503) response.setHeader('Retry-After', String(RETRY_AFTER_OUTAGE_SECONDS));
    response.status(status).json(body);
  }

  private describe(exception: unknown, correlationId: string): [number, ErrorBody] {
    if (exception instanceof ApiError) {
      return [
        exception.status,
        {
          code: exception.code,
          message: withoutServerPaths(exception.message),
          details: exception.details,
          correlationId,
        },
      ];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse() as string | { message?: string | string[]; code?: string };
      const messages = (
        typeof payload === 'string'
          ? [payload]
          : Array.isArray(payload.message)
            ? payload.message
            : [payload.message ?? exception.message]
      ).map((m) => withoutServerPaths(String(m)));
      const isValidation = status === 400 && typeof payload === 'object' && Array.isArray(payload.message);
      const code =
        (typeof payload === 'object' && payload.code) ||
        (isValidation
          ? 'validation_failed'
          : (CODES_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'http_error')));
      return [
        status,
        { code, message: messages.join('; '), details: isValidation ? messages : undefined, correlationId },
      ];
    }
    // Errors from Express middleware (body-parser's entity.too.large, say) carry their own 4xx status.
    const maybe = exception as { status?: number; type?: string; message?: string };
    if (typeof maybe?.status === 'number' && maybe.status >= 400 && maybe.status < 500) {
      const code = CODES_BY_STATUS[maybe.status] ?? 'bad_request';
      return [maybe.status, { code, message: maybe.message ?? 'Bad request', correlationId }];
    }
    if (isOutage(exception)) {
      return [
        503,
        {
          code: 'unavailable',
          message: 'A service Qinglang depends on is not answering; retry after the time in Retry-After.',
          correlationId,
        },
      ];
    }
    return [
      500,
      {
        code: 'internal_error',
        message: 'An unexpected error occurred; quote the correlation id when reporting it.',
        correlationId,
      },
    ];
  }
}
