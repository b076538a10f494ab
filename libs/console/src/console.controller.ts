import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError, PublicRoute } from '@qinglang/operations';
import { ConsoleFile, loadConsoleFiles } from './console-files';

// The page holds no data (every call it makes carries the staff token), so it is public; it may load only
// itself: no other origin, no inline script.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The review and compliance console: static files at /console. */
@ApiExcludeController()
@PublicRoute()
@Controller('console')
export class ConsoleController {
  private readonly files = loadConsoleFiles();

  @Get()
  @Header('Cache-Control', 'no-cache')
  index(@Res() response: Response): void {
    this.send(response, this.files.get('index.html'));
  }

  @Get(':file')
  @Header('Cache-Control', 'no-cache')
  file(@Param('file') name: string, @Res() response: Response): void {
    const file = this.files.get(name);
    if (!file) throw new ApiError(404, 'console_file_not_found', `The console has no file ${name}.`);
    this.send(response, file);
  }

  private send(response: Response, file: ConsoleFile | undefined): void {
    if (!file) throw new ApiError(404, 'console_file_not_found', 'The console is not installed.');
    response
      .status(200)
      .set({
        'Content-Type': file.type,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      })
      .send(file.body);
  }
}
