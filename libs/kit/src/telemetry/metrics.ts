import {
  metrics,
  type Attributes,
  type Histogram,
  type Counter,
  type BatchObservableResult,
} from '@opentelemetry/api';

/*
 * The platform's own metrics (decision 0036), one place for their names. Instruments are made on first
 * use, after startTelemetry has registered the meter provider (the API hands out no-op meters before).
 * Exported through OTLP when an endpoint is configured and always readable at /metrics (Prometheus).
 */

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const meter = () => metrics.getMeter('dangjian');
const cache = new Map<string, Histogram | Counter>();

function histogram(name: string, description: string): Histogram {
  let instrument = cache.get(name) as Histogram | undefined;
  if (!instrument) {
    instrument = meter().createHistogram(name, {
      description,
      unit: 's',
      advice: { explicitBucketBoundaries: SECONDS_BUCKETS },
    });
    cache.set(name, instrument);
  }
  return instrument;
}

function counter(name: string, description: string): Counter {
  let instrument = cache.get(name) as Counter | undefined;
  if (!instrument) {
    instrument = meter().createCounter(name, { description });
    cache.set(name, instrument);
  }
  return instrument;
}

/** An HTTP request the gateway answered: method, route template, status code. */
export function recordHttpRequest(method: string, route: string, status: number, seconds: number): void {
  histogram('dangjian.http.server.duration', 'Requests the gateway answered, by route').record(seconds, {
    'http.request.method': method,
    'http.route': route,
    'http.response.status_code': status,
  });
}

export type RpcOutcome = 'ok' | 'refused' | 'error' | 'timeout' | 'unavailable';

/** An RPC this process made over NATS, and how it ended. */
export function recordRpcCall(method: string, outcome: RpcOutcome, seconds: number): void {
  histogram('dangjian.rpc.client.duration', 'RPCs made over NATS, by method and outcome').record(seconds, {
    'rpc.method': method,
    outcome,
  });
  if (outcome === 'timeout')
    counter('dangjian.rpc.client.timeouts', 'RPCs that got no answer within their timeout').add(1, {
      'rpc.method': method,
    });
}

/** An RPC this service answered. */
export function recordRpcServed(method: string, outcome: RpcOutcome, seconds: number): void {
  histogram('dangjian.rpc.server.duration', 'RPCs answered, by method and outcome').record(seconds, {
    'rpc.method': method,
    outcome,
  });
}

/** An event delivered to a durable consumer more than once. */
export function recordRedelivery(consumer: string): void {
  counter('dangjian.events.redelivered', 'Events delivered again (not acknowledged in time, or failed)').add(
    1,
    {
      consumer,
    },
  );
}

/** Adds to a counter of the service's own (a job's progress); the name says what is counted. */
export function addToCounter(
  name: string,
  description: string,
  value: number,
  attributes: Attributes = {},
): void {
  counter(name, description).add(value, attributes);
}

export interface GaugeSpec {
  name: string;
  description: string;
  unit: string;
}

/**
 * Gauges read together when metrics are collected: one read (a query, a server call) reports values
 * for each of them by name. A failing read reports nothing (a database that is down must not break
 * the scrape).
 */
export function observeGauges(
  specs: GaugeSpec[],
  observe: (report: (name: string, value: number, attributes: Attributes) => void) => Promise<void> | void,
): () => void {
  const gauges = new Map(
    specs.map((spec) => [
      spec.name,
      meter().createObservableGauge(spec.name, { description: spec.description, unit: spec.unit }),
    ]),
  );
  const callback = async (result: BatchObservableResult) => {
    try {
      await observe((name, value, attributes) => result.observe(gauges.get(name)!, value, attributes));
    } catch {
      // Nothing reported this time.
    }
  };
  const observables = [...gauges.values()];
  meter().addBatchObservableCallback(callback, observables);
  return () => meter().removeBatchObservableCallback(callback, observables);
}

/** One gauge read when metrics are collected (observeGauges with one name). */
export function observeGauge(
  name: string,
  description: string,
  unit: string,
  observe: (report: (value: number, attributes: Attributes) => void) => Promise<void> | void,
): () => void {
  return observeGauges([{ name, description, unit }], (report) =>
    observe((value, attributes) => report(name, value, attributes)),
  );
}
