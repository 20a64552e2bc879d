import { createServer, type Server } from 'node:http';
import { serveScrape } from '../telemetry/scrape.js';

export interface HealthCheck {
  name: string;
  check(): Promise<boolean>;
}

/**
 * Liveness `/health` (the process runs) and readiness `/ready` (every dependency answers) for
 * processes that serve no HTTP of their own (the NATS microservices), and their metrics at `/metrics`.
 */
export function startHealthServer(port: number, checks: HealthCheck[]): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (req.url === '/metrics') {
      serveScrape(req, res);
      return;
    }
    if (req.url === '/ready') {
      const results = await Promise.all(
        checks.map(async (c) => [c.name, await c.check().catch(() => false)] as const),
      );
      const ready = results.every(([, ok]) => ok);
      res
        .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) }));
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(port, '0.0.0.0', () => resolve(server)));
}
