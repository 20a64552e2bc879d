import type { NatsConnection } from '@nats-io/transport-node';

// The naming rules (onNamespace, streamOf, …) live with the other subject rules in @dangjian/contracts.

/** A connection to NATS together with the namespace its platform lives in. */
export interface Bus {
  nats: NatsConnection;
  namespace: string;
  /** Copies of each stream the services create (3 on a three-node JetStream cluster). */
  streamReplicas?: number;
}

/** Where to reach NATS and under which namespace, before connecting. */
export interface BusAddress {
  url: string;
  namespace: string;
  streamReplicas?: number;
}

/**
 * How every connection to NATS behaves. When the bus goes away (issue 20, item 3) it tries again every
 * half second for as long as it takes (the client's default gives up after ten tries, 20 s, and a
 * service would stay deaf after a longer outage), and the platform answers 503 meanwhile. Requests and
 * publishes capture no stack for a possible error (`noAsyncTraces`): the client made two errors a
 * request up front for that, 4 % of the gateway's CPU under the list bench; our callers map every bus
 * error to their own (issue 20, item 6).
 */
export const BUS_CONNECTION = {
  maxReconnectAttempts: -1,
  reconnectTimeWait: 500,
  noAsyncTraces: true,
} as const;
