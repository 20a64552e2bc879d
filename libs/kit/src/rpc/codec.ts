import type { Msg, MsgHdrs } from '@nats-io/transport-node';
import { create, toBinary } from '@bufbuild/protobuf';
import { ErrorCode, ErrorDetailSchema, RpcReplySchema } from '@dangjian/contracts';
import type { Deserializer, Serializer } from '@nestjs/microservices';

/*
 * Nest's NATS transport wraps every message in a JSON envelope {pattern, data, id}. These two
 * plug-ins of the server replace it so that what travels is plain protobuf: the request message as
 * the body, an RpcReply as the reply. Any NATS client can call a service; RpcClient uses the
 * connection's own request-reply (decision 0040), so no correlation id travels.
 */

interface OutgoingPacket {
  id?: string;
  data?: unknown;
  response?: unknown;
  err?: unknown;
}

/** Hands the raw bytes to the handler, which knows the method's schema. */
export class ProtobufRequestDeserializer implements Deserializer {
  deserialize(
    message: Msg,
    options?: { channel?: string },
  ): { pattern?: string; data: Uint8Array; id: string } {
    // Nest answers a message that has an id; any reply subject means request-reply. A caller of an
    // older release sends its correlation id in a header: it gets the reply on its own inbox either way.
    const id = message.reply ? 'request' : '';
    return { pattern: options?.channel, data: message.data, id };
  }
}

/** Handlers return an encoded RpcReply; anything else becomes an error reply. */
export class ProtobufResponseSerializer implements Serializer {
  serialize(packet: OutgoingPacket): { data: Uint8Array; headers?: MsgHdrs } {
    if (packet.response instanceof Uint8Array) return { data: packet.response };
    const message = packet.err ? String(packet.err) : 'handler produced no reply';
    const reply = create(RpcReplySchema, {
      result: { case: 'error', value: create(ErrorDetailSchema, { code: ErrorCode.INTERNAL, message }) },
    });
    return { data: toBinary(RpcReplySchema, reply) };
  }
}
