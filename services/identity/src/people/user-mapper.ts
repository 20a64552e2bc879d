import { create } from '@bufbuild/protobuf';
import { UserSchema, type User } from '@dangjian/contracts';
import type { Person } from '../generated/prisma/client.js';

/** The fields a User message shows: a list reads only these. */
export type UserFields = Pick<
  Person,
  'id' | 'username' | 'displayName' | 'email' | 'platformOperator' | 'createdAt'
>;

export function toUserMessage(person: UserFields, roles: string[], organisationScope: string[] = []): User {
  return create(UserSchema, {
    id: person.id,
    username: person.username,
    displayName: person.displayName,
    email: person.email,
    roles,
    organisationScope,
    platformOperator: person.platformOperator,
    createdAt: person.createdAt.toISOString(),
  });
}
