import 'reflect-metadata';
import { createServer } from 'node:http';
import { EnvironmentError, loadConfig } from '@qinglang/config';
import { PolicyError } from '@qinglang/policy';
import { MetricsService, metricsAllowed } from '@qinglang/operations';
import { createWorkerContext } from '@qinglang/application';

/**
 * `npm run start:worker`: queue workers only (needs REDIS_URL). Start as many as the volume needs, on as many
 * machines; each serves its own Prometheus metrics on METRICS_PORT when set.
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, QL_ROLE: 'worker' });
  const context = await createWorkerContext(config);
  const metricsPort = Number(process.env.METRICS_PORT ?? 0);
  if (metricsPort > 0) {
    const metrics = context.get(MetricsService);
    createServer((request, response) => {
      if (request.url !== '/metrics') return void response.writeHead(404).end();
      if (!metricsAllowed(request.headers.authorization, config.metricsToken))
        return void response.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
      metrics.registry.metrics().then(
        (body) => response.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(body),
        () => response.writeHead(500).end(),
      );
    }).listen(metricsPort, '0.0.0.0');
  }
}

main().catch((error) => {
  console.error(error instanceof EnvironmentError || error instanceof PolicyError ? error.message : error);
  process.exit(1);
});
