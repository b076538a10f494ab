import { INestApplication, INestApplicationContext, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppConfig, Clock, keepFilesPrivate, systemClock } from '@qinglang/config';
import { hostileJson } from './hostile-json';
import { ApiError, createLogger } from '@qinglang/operations';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi-document';

const privatePaths = (config: AppConfig) => ({
  dataDir: config.dataDir,
  databaseFile: config.database.type === 'sqlite' ? config.database.path : undefined,
});

/** The HTTP application (roles `all` and `api`): validation, body limits and OpenAPI at /docs. */
export async function createApplication(
  config: AppConfig,
  clock: Clock = systemClock,
  { preview = false }: { preview?: boolean } = {},
): Promise<INestApplication> {
  keepFilesPrivate(privatePaths(config));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config, clock), {
    // Preview builds the module graph without instantiating anything: enough for the OpenAPI document.
    preview,
    logger: createLogger(config.logLevel, config.logJson),
    bodyParser: false,
    // A boot error (a bad policy file, say) is thrown to the caller, which prints it and exits, rather than
    // Nest exiting from inside; main.ts does the printing.
    abortOnError: false,
  });
  // Security headers on every response (nosniff, no framing, no referrer, a CSP that loads nothing) and no
  // X-Powered-By; the API documentation page needs its own scripts and styles, the console sets its own CSP.
  const strict = helmet({
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  const docs = helmet({ contentSecurityPolicy: false });
  app.use((request: { path: string }, response: unknown, next: () => void) =>
    (request.path.startsWith('/docs') ? docs : strict)(request as never, response as never, next),
  );
  app.useBodyParser('json', { limit: '2mb' });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  // Nest turns body-parser's errors into a bare 400; name unreadable JSON with its own code before it does.
  app.use(
    (
      error: { type?: string; message?: string } | undefined,
      _request: unknown,
      _response: unknown,
      next: (error?: unknown) => void,
    ) =>
      next(
        error?.type === 'entity.parse.failed'
          ? new ApiError(400, 'invalid_json', `The body is not valid JSON: ${error.message}`)
          : error,
      ),
  );
  // Deep nesting and numbers past what a double holds exactly are refused before validation walks them.
  app.use((request: { body?: unknown }, _response: unknown, next: (error?: unknown) => void) =>
    next(hostileJson(request.body)),
  );
  // Unknown fields are an error, not silently dropped: a typo in a field name must not pass unnoticed.
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }),
  );
  app.enableShutdownHooks();
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** A worker process: the same modules without an HTTP server. */
export async function createWorkerContext(
  config: AppConfig,
  clock: Clock = systemClock,
): Promise<INestApplicationContext> {
  keepFilesPrivate(privatePaths(config));
  const context = await NestFactory.createApplicationContext(AppModule.forConfig(config, clock), {
    logger: createLogger(config.logLevel, config.logJson),
    abortOnError: false,
  });
  context.enableShutdownHooks();
  return context;
}
