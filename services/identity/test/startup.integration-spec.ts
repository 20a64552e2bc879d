import { testPlatform } from '@dangjian/testing';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const identityDir = fileURLToPath(new URL('..', import.meta.url));
const platform = testPlatform();
const good = {
  DATABASE_URL: platform.databases['identity']!.app,
  OUTBOX_DATABASE_URL: platform.databases['identity']!.outbox,
  NATS_URL: platform.natsUrl,
};

function start(script: string, env: Record<string, string | undefined>) {
  const result = spawnSync('node', [script], {
    cwd: identityDir,
    env: { PATH: process.env['PATH'], ...env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return {
    status: result.status,
    lines: result.stderr.split('\n').filter((l) => l && !l.startsWith('oidc-provider WARNING')),
  };
}

describe('identity start-up', () => {
  it.each([
    [{ ...good, DATABASE_URL: undefined }, 'identity: configuration error: DATABASE_URL is missing'],
    [
      { ...good, DATABASE_URL: 'mysql://x/y' },
      'identity: configuration error: DATABASE_URL must use postgres or postgresql, got mysql:',
    ],
    [
      { ...good, RPC_TIMEOUT_MS: 'soon' },
      'identity: configuration error: RPC_TIMEOUT_MS must be an integer, got "soon"',
    ],
    [
      { ...good, IDENTITY_PROVIDER: 'ldap' },
      'identity: configuration error: IDENTITY_PROVIDER must be one of embedded, keycloak, got "ldap"',
    ],
  ])('stops with one line naming the bad variable', (env, line) => {
    const { status, lines } = start('dist/main.js', env);
    expect(status).toBe(1);
    expect(lines).toEqual([line]);
  });

  it('refuses the demo seed in production', () => {
    const { status, lines } = start('dist/cli/seed.js', {
      DATABASE_URL: good.DATABASE_URL,
      NODE_ENV: 'production',
    });
    expect(status).not.toBe(0);
    expect(lines.join('\n')).toContain('the demo seed is refused in production');
  });
});
