import { register } from 'node:module';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { Attributes, Span } from '@opentelemetry/api';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { observeEventLoopDelay } from './event-loop.js';
import { setScrapeHandler } from './scrape.js';

/**
 * Starts OpenTelemetry for a process. Call before anything imports `pg` or `http` (entry points
 * import their application dynamically after this). Spans are always recorded, so logs carry
 * trace ids; they are exported only when an OTLP endpoint is configured (and only then is every
 * database query a span). Metrics are always readable
 * at /metrics (Prometheus) and also pushed over OTLP when an endpoint is configured.
 */
export function startTelemetry(serviceName: string, otlpEndpoint: string | undefined): () => Promise<void> {
  // ESM modules (and CJS ones like pg reached through ESM imports, as @prisma/adapter-pg does)
  // are only instrumented through the import-in-the-middle loader hook.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const spanProcessors: SpanProcessor[] = [];
  if (otlpEndpoint) {
    const exporter = new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` });
    // Tests want every span at once; production batches.
    spanProcessors.push(
      process.env['OTEL_SIMPLE_SPAN_PROCESSOR'] === 'true'
        ? new SimpleSpanProcessor(exporter)
        : new BatchSpanProcessor(exporter),
    );
  }
  // The scrape is answered by our own servers (health port, gateway metrics port), not a server of its own.
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  setScrapeHandler((req, res) => prometheus.getMetricsRequestHandler(req, res));
  const metricReaders: IMetricReader[] = [prometheus];
  if (otlpEndpoint) {
    metricReaders.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/metrics` }),
        exportIntervalMillis: Number(process.env['OTEL_METRIC_EXPORT_INTERVAL'] ?? 60_000),
      }),
    );
  }
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors,
    metricReaders,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => untraced(req.url ?? ''),
        applyCustomAttributesOnSpan: withoutQuery,
      }),
      // A span per query is only worth its cost (~3 % of a service's CPU under the bench) when someone
      // reads it; the request's own span, which logs carry, stays either way.
      ...(otlpEndpoint ? [new PgInstrumentation({ enhancedDatabaseReporting: false })] : []),
    ],
  });
  sdk.start();
  const stopEventLoop = observeEventLoopDelay();
  return () => {
    stopEventLoop();
    return sdk.shutdown();
  };
}

/**
 * Query strings carry what people search and filter by (a name, an ID-card number, a phone number),
 * so no span keeps one (issue 20): the server span's `url.query` and the client span's `url.full` lose
 * theirs. The path and the route template stay.
 */
export function withoutQuery(span: Span): void {
  const attributes = (span as unknown as { attributes?: Attributes }).attributes ?? {};
  const query = attributes['url.query'];
  if (typeof query === 'string' && query !== '') span.setAttribute('url.query', REDACTED);
  const full = attributes['url.full'];
  if (typeof full === 'string' && full.includes('?'))
    span.setAttribute('url.full', `${full.slice(0, full.indexOf('?'))}?${REDACTED}`);
}
const REDACTED = 'REDACTED';

/**
 * Requests that get no span: health probes, and whistle-blowing reports (issue 18), whose spans
 * would hold the reporter's address and browser (`client.address`, `user_agent.original`).
 */
export function untraced(url: string): boolean {
  return (
    url === '/health' ||
    url === '/ready' ||
    url === '/metrics' ||
    /^(\/t\/[^/]+)?\/public\/reports(\/|\?|$)/.test(url)
  );
}
