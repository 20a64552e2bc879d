import { ConfigError, env, parseConfig } from './config.js';

describe('parseConfig', () => {
  const spec = {
    DATABASE_URL: env.url({ protocols: ['postgres'] }),
    PORT: env.int({ default: 3000, min: 1, max: 65535 }),
    MODE: env.oneOf(['a', 'b'] as const, { default: 'a' }),
  };

  it('returns typed values and defaults', () => {
    const config = parseConfig(spec, { DATABASE_URL: 'postgres://u@h/db' });
    expect(config).toEqual({ DATABASE_URL: 'postgres://u@h/db', PORT: 3000, MODE: 'a' });
  });

  it.each([
    [{}, 'DATABASE_URL is missing'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a URL'],
    [{ DATABASE_URL: 'mysql://h/db' }, 'DATABASE_URL must use postgres'],
    [{ DATABASE_URL: 'postgres://h/db', PORT: '80a' }, 'PORT must be an integer'],
    [{ DATABASE_URL: 'postgres://h/db', PORT: '0' }, 'PORT must be ≥ 1'],
    [{ DATABASE_URL: 'postgres://h/db', MODE: 'c' }, 'MODE must be one of a, b'],
  ])('refuses %j naming the variable', (source, message) => {
    expect(() => parseConfig(spec, source)).toThrow(ConfigError);
    expect(() => parseConfig(spec, source)).toThrow(message);
  });

  it('never prints a password from a bad URL', () => {
    expect(() => parseConfig({ U: env.url() }, { U: 'postgres://user:secret@' })).not.toThrow(/secret/);
  });
});
