import { ConsoleLogger, LogLevel } from '@nestjs/common';

/**
 * Nest's console logger with every level on stderr (it writes warnings and logs to stdout), so that a command's
 * stdout carries its output alone and can be piped to `jq`.
 */
export class StderrLogger extends ConsoleLogger {
  protected printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}
