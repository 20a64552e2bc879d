import {
  isFieldSet,
  ScalarType,
  type DescEnum,
  type DescField,
  type DescMessage,
  type Message,
} from '@bufbuild/protobuf';
import { enumNamesOf } from '@dangjian/contracts';
import { ValidationError } from '@dangjian/kit';

/**
 * A reply message as the REST API shows it, read from the message's own descriptor (issue 13): a
 * value the service left unset (`optional` in proto) is `null`, an enum is its glossary name, a
 * nested message is shown the same way. No route maps fields by hand.
 */
export function toJson(schema: DescMessage, message: Message): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  const record = message as unknown as Record<string, unknown>;
  for (const field of schema.fields) {
    view[field.localName] = fieldJson(field, record[field.localName], message);
  }
  return view;
}

function fieldJson(field: DescField, value: unknown, message: Message): unknown {
  switch (field.fieldKind) {
    case 'scalar':
      if (field.presence === EXPLICIT && !isFieldSet(message as never, field)) return null;
      return typeof value === 'bigint' ? Number(value) : value;
    case 'enum':
      if (field.presence === EXPLICIT && !isFieldSet(message as never, field)) return null;
      return enumJson(field.enum, value as number);
    case 'message':
      return value === undefined ? null : toJson(field.message, value as Message);
    case 'list':
      return (value as unknown[]).map((item) =>
        field.listKind === 'message'
          ? toJson(field.message, item as Message)
          : field.listKind === 'enum'
            ? enumJson(field.enum, item as number)
            : typeof item === 'bigint'
              ? Number(item)
              : item,
      );
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [
          key,
          field.mapKind === 'message' ? toJson(field.message, item as Message) : item,
        ]),
      );
  }
}

const INT64 = new Set([
  ScalarType.INT64,
  ScalarType.UINT64,
  ScalarType.SINT64,
  ScalarType.FIXED64,
  ScalarType.SFIXED64,
]);

/** FeatureSet_FieldPresence.EXPLICIT: proto3 `optional`. */
const EXPLICIT = 1;

function enumJson(descriptor: DescEnum, value: number): string | null {
  return enumNamesOf(descriptor.typeName)?.nameOf(value) ?? null;
}

/**
 * A request from validated REST input: the fields the message has, enum names turned into values.
 * A key the message does not have is a mistake in the binding, found at the first call.
 */
export function toRequest(schema: DescMessage, input: Record<string, unknown>): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const field = schema.field[key];
    if (!field) throw new Error(`${schema.typeName} has no field ${key}`);
    // A DTO that let a wrong shape through is answered as the field's problem, never as a 500.
    if (
      field.fieldKind === 'message' &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    )
      throw ValidationError.of(key, 'not_an_object');
    if (field.fieldKind === 'list' && !Array.isArray(value)) throw ValidationError.of(key, 'not_a_list');
    if (field.fieldKind === 'enum' && typeof value === 'string') {
      request[key] = enumNamesOf(field.enum.typeName)?.valueOf(value);
    } else if (field.fieldKind === 'list' && field.listKind === 'enum' && Array.isArray(value)) {
      request[key] = value.map((item) =>
        typeof item === 'string' ? enumNamesOf(field.enum.typeName)?.valueOf(item) : item,
      );
    } else if (field.fieldKind === 'scalar' && INT64.has(field.scalar) && typeof value === 'number') {
      request[key] = BigInt(value);
    } else {
      request[key] = value;
    }
  }
  return request;
}
