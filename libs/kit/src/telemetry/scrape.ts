import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * Where the Prometheus scrape is answered: startTelemetry sets the handler; the health server (services)
 * and the gateway's metrics port serve it at /metrics. Kept apart from start.ts so that serving it
 * does not load the SDK.
 */
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler | undefined;

export function setScrapeHandler(next: Handler | undefined): void {
  handler = next;
}

/** Answers GET /metrics (the Prometheus text format); 404 when telemetry was not started. */
export function serveScrape(req: IncomingMessage, res: ServerResponse): void {
  if (!handler) {
    res.writeHead(404).end();
    return;
  }
  handler(req, res);
}
