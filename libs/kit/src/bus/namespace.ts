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
 * How every connection to NATS behaves when the bus goes away (issue 20, item 3): it tries again every
 * half second for as long as it takes (the client's default gives up after ten tries, 20 s, and a
 * service would stay deaf after a longer outage), and the platform answers 503 meanwhile.
 */
export const BUS_RECONNECT = { maxReconnectAttempts: -1, reconnectTimeWait: 500 } as const;
