// An OTLP/HTTP receiver for the test run: every trace batch the test platform exports is kept as one
// JSON line in test-output/spans/, so the personal-data scan (pii-scan.mjs) reads what a collector
// would have received. Metrics pushed to it are answered and dropped.
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

/**
 * @param {string} dir where traces.jsonl is written (emptied first)
 * @returns {Promise<{ url: string; close(): Promise<void> }>}
 */
export async function startSpanSink(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'traces.jsonl');
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        // JSON is one line already; a protobuf body (another exporter) is kept as base64 text.
        const body = Buffer.concat(chunks);
        const json = String(req.headers['content-type']).includes('json');
        appendFileSync(
          file,
          `${json ? body.toString('utf8').replace(/\n/g, ' ') : body.toString('base64')}\n`,
        );
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
