/** One message to send through a channel: a person's notification, or a day's digest of them. */
export interface Outgoing {
  deliveryIds: string[];
  tenantId: string;
  target: string;
  subject: string;
  body: string;
  /** What a machine receives (webhooks): the notification as stored. */
  payload: Record<string, unknown>;
}

/** A way to reach people. `send` resolves when the far end took the message, and throws otherwise. */
export interface Channel {
  readonly name: string;
  send(message: Outgoing): Promise<void>;
}
