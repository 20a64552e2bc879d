import { api } from './api.js';

export interface NewPerson {
  username: string;
  displayName: string;
  password: string;
  roles?: string[];
  organisationScope?: string[];
  email?: string;
}

/**
 * A person joins a tenant as people do (decision 0016): the tenant admin invites, the person
 * activates the code with a username and password of their own. Returns the person's user id.
 */
export async function invitePerson(
  gatewayUrl: string,
  admin: { token: string; tenant: string },
  person: NewPerson,
): Promise<string> {
  const invited = await api(gatewayUrl, 'POST', '/api/v1/invitations', {
    ...admin,
    body: {
      displayName: person.displayName,
      roles: person.roles ?? ['member'],
      organisationScope: person.organisationScope ?? [],
      ...(person.email ? { email: person.email } : {}),
    },
  });
  if (invited.status !== 201)
    throw new Error(`invitation refused: ${invited.status} ${JSON.stringify(invited.body)}`);
  const activated = await api(gatewayUrl, 'POST', '/api/v1/invitations/activate', {
    body: { code: invited.body.code, username: person.username, password: person.password },
  });
  if (activated.status !== 201)
    throw new Error(`activation refused: ${activated.status} ${JSON.stringify(activated.body)}`);
  return activated.body.userId as string;
}
