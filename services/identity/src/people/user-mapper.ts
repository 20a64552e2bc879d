import { create } from '@bufbuild/protobuf';
import { UserSchema, type User } from '@dangjian/contracts';
import type { Person } from '../generated/prisma/client.js';

export function toUserMessage(person: Person, roles: string[]): User {
  return create(UserSchema, {
    id: person.id,
    username: person.username,
    displayName: person.displayName,
    email: person.email,
    roles,
    platformOperator: person.platformOperator,
    createdAt: person.createdAt.toISOString(),
  });
}
