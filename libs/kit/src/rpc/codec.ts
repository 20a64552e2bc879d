import { headers as natsHeaders, type Msg, type MsgHdrs } from '@nats-io/transport-node';
import { create, toBinary } from '@bufbuild/protobuf';
import { ErrorCode, ErrorDetailSchema, RpcReplySchema } from '@dangjian/contracts';
import { NatsRecord, type Deserializer, type Serializer } from '@nestjs/microservices';
import { RpcHeader } from './headers.js';

/*
 * Nest's NATS transport wraps every message in a JSON envelope {pattern, data, id}. These four
 * plug-ins replace it so that what travels is plain protobuf: the request message as the body, an
 * RpcReply as the reply, Nest's correlation id in a header. Any NATS client can then call a service.
 */

interface OutgoingPacket {
  id?: string;
  data?: unknown;
  response?: unknown;
  err?: unknown;
}

/** Client side: request body = the encoded request message carried in a NatsRecord. */
export class ProtobufRequestSerializer implements Serializer {
  serialize(packet: OutgoingPacket): { data: Uint8Array; headers: MsgHdrs } {
    if (!(packet.data instanceof NatsRecord) || !(packet.data.data instanceof Uint8Array)) {
      throw new Error('RPC requests must be sent through RpcClient');
    }
    const headers = (packet.data.headers as MsgHdrs | undefined) ?? natsHeaders();
    if (packet.id) headers.set(RpcHeader.rpcId, packet.id);
    return { data: packet.data.data, headers };
  }
}

/** Client side: the reply body stays bytes; RpcClient decodes it with the method's schema. */
export class ProtobufResponseDeserializer implements Deserializer {
  deserialize(message: Msg): { id?: string; response: Uint8Array; isDisposed: true } {
    const id = message.headers?.has(RpcHeader.rpcId) ? message.headers.get(RpcHeader.rpcId) : undefined;
    return { ...(id ? { id } : {}), response: message.data, isDisposed: true };
  }
}

/** Server side: hand the raw bytes to the handler, which knows the method's schema. */
export class ProtobufRequestDeserializer implements Deserializer {
  deserialize(
    message: Msg,
    options?: { channel?: string },
  ): { pattern?: string; data: Uint8Array; id: string } {
    const id = message.headers?.has(RpcHeader.rpcId) ? message.headers.get(RpcHeader.rpcId) : '';
    // A request without Nest's id still gets an answer: any reply subject means request-reply.
    return { pattern: options?.channel, data: message.data, id: id || (message.reply ? 'external' : '') };
  }
}

/** Server side: handlers return an encoded RpcReply; anything else becomes an error reply. */
export class ProtobufResponseSerializer implements Serializer {
  serialize(packet: OutgoingPacket): { data: Uint8Array; headers: MsgHdrs } {
    const headers = natsHeaders();
    if (packet.id) headers.set(RpcHeader.rpcId, packet.id);
    if (packet.response instanceof Uint8Array) return { data: packet.response, headers };
    const message = packet.err ? String(packet.err) : 'handler produced no reply';
    const reply = create(RpcReplySchema, {
      result: { case: 'error', value: create(ErrorDetailSchema, { code: ErrorCode.INTERNAL, message }) },
    });
    return { data: toBinary(RpcReplySchema, reply), headers };
  }
}
