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
