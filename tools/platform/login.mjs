// The password grant of the CLI client (the demo tenant's admin by default): used by the bench and
// CI's quick-start check, which log in as a script would.
export function passwordGrant(issuer, username = 'acme-admin', password = 'Passw0rd!') {
  return fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'dangjian-cli', username, password }),
  });
}

/** The access token of that grant. */
export async function accessToken(issuer, username, password) {
  return (await (await passwordGrant(issuer, username, password)).json()).access_token;
}
