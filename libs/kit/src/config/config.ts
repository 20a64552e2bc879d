import { DEFAULT_PLATFORM_NAMESPACE, PLATFORM_NAMESPACE_PATTERN } from '@dangjian/contracts';

/**
 * Configuration read once at start and validated: a missing or malformed variable stops the
 * process with one line naming it. No other module reads process.env.
 */
export type Parser<T> = { parse(raw: string | undefined, name: string): T; describe: string };

export class ConfigError extends Error {}

function required(raw: string | undefined, name: string): string {
  if (raw === undefined || raw === '') throw new ConfigError(`${name} is missing`);
  return raw;
}

export const env = {
  string(opts: { default?: string } = {}): Parser<string> {
    return {
      describe: 'text',
      parse: (raw, name) => (raw === undefined || raw === '' ? (opts.default ?? required(raw, name)) : raw),
    };
  },
  optionalString(): Parser<string | undefined> {
    return { describe: 'text (optional)', parse: (raw) => (raw === '' ? undefined : raw) };
  },
  url(opts: { default?: string; protocols?: string[] } = {}): Parser<string> {
    return {
      describe: 'URL',
      parse(raw, name) {
        const value = raw === undefined || raw === '' ? (opts.default ?? required(raw, name)) : raw;
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          throw new ConfigError(`${name} is not a URL: "${redact(value)}"`);
        }
        if (opts.protocols && !opts.protocols.includes(url.protocol.replace(':', ''))) {
          throw new ConfigError(`${name} must use ${opts.protocols.join(' or ')}, got ${url.protocol}`);
        }
        return value;
      },
    };
  },
  int(opts: { default?: number; min?: number; max?: number } = {}): Parser<number> {
    return {
      describe: 'integer',
      parse(raw, name) {
        if ((raw === undefined || raw === '') && opts.default !== undefined) return opts.default;
        const text = required(raw, name);
        if (!/^-?\d+$/.test(text)) throw new ConfigError(`${name} must be an integer, got "${text}"`);
        const value = Number(text);
        if (opts.min !== undefined && value < opts.min)
          throw new ConfigError(`${name} must be ≥ ${opts.min}, got ${value}`);
        if (opts.max !== undefined && value > opts.max)
          throw new ConfigError(`${name} must be ≤ ${opts.max}, got ${value}`);
        return value;
      },
    };
  },
  oneOf<const T extends string>(values: readonly T[], opts: { default?: T } = {}): Parser<T> {
    return {
      describe: values.join('|'),
      parse(raw, name) {
        const value = raw === undefined || raw === '' ? (opts.default ?? required(raw, name)) : raw;
        if (!values.includes(value as T))
          throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${value}"`);
        return value as T;
      },
    };
  },
  /** A secret key, base64-encoded, of an exact length. */
  base64Key(bytes: number): Parser<string> {
    return {
      describe: `${bytes}-byte key, base64`,
      parse(raw, name) {
        const text = required(raw, name);
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || Buffer.from(text, 'base64').length !== bytes) {
          throw new ConfigError(
            `${name} must be ${bytes} random bytes, base64-encoded (openssl rand -base64 ${bytes})`,
          );
        }
        return text;
      },
    };
  },
  /** Text that must match a pattern (described in the error by `shape`). */
  matching(pattern: RegExp, shape: string, opts: { default?: string } = {}): Parser<string> {
    return {
      describe: shape,
      parse(raw, name) {
        const value = raw === undefined || raw === '' ? (opts.default ?? required(raw, name)) : raw;
        if (!pattern.test(value)) throw new ConfigError(`${name} must be ${shape}, got "${value}"`);
        return value;
      },
    };
  },
  bool(opts: { default?: boolean } = {}): Parser<boolean> {
    return {
      describe: 'true|false',
      parse(raw, name) {
        if ((raw === undefined || raw === '') && opts.default !== undefined) return opts.default;
        const text = required(raw, name);
        if (text === 'true' || text === '1') return true;
        if (text === 'false' || text === '0') return false;
        throw new ConfigError(`${name} must be true or false, got "${text}"`);
      },
    };
  },
};

export type ConfigSpec = Record<string, Parser<unknown>>;
export type ConfigOf<S extends ConfigSpec> = {
  readonly [K in keyof S]: S[K] extends Parser<infer T> ? T : never;
};

/** Parses every variable of the spec; throws ConfigError naming the first bad one. */
export function parseConfig<S extends ConfigSpec>(spec: S, source: NodeJS.ProcessEnv): ConfigOf<S> {
  const result: Record<string, unknown> = {};
  for (const [name, parser] of Object.entries(spec)) result[name] = parser.parse(source[name], name);
  return Object.freeze(result) as ConfigOf<S>;
}

/** For a process entry point: on a bad variable print one line and exit 1. */
export function loadConfigOrExit<S extends ConfigSpec>(spec: S, processName: string): ConfigOf<S> {
  try {
    return parseConfig(spec, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${processName}: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

function redact(value: string): string {
  return value.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

/** Fragments every service shares, so the names are the same everywhere. */
export const sharedConfig = {
  NATS_URL: env.url({ default: 'nats://127.0.0.1:4222', protocols: ['nats', 'tls'] }),
  /** The platform's namespace on NATS (subjects, queue groups, streams): platforms sharing a NATS differ here. */
  PLATFORM_NAMESPACE: env.matching(PLATFORM_NAMESPACE_PATTERN, 'a-z, 0-9, _ or - (1–40, a letter first)', {
    default: DEFAULT_PLATFORM_NAMESPACE,
  }),
  /** Copies of each JetStream stream a service creates: 3 on a three-node cluster, 1 on one server. */
  JETSTREAM_REPLICAS: env.int({ default: 1, min: 1, max: 5 }),
  RPC_TIMEOUT_MS: env.int({ default: 5000, min: 100, max: 120000 }),
  LOG_LEVEL: env.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, {
    default: 'info',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: env.optionalString(),
  NODE_ENV: env.oneOf(['development', 'test', 'production'] as const, { default: 'development' }),
};

export const databaseConfig = {
  DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }),
  OUTBOX_DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }),
};

/** Services that seal personal data under tenant keys (decisions 0009, 0041). */
export const piiConfig = {
  /** Wraps each tenant's keys. Keep it out of the database. */
  PII_MASTER_KEY: env.base64Key(32),
  /** While the master key changes: older (or next) master keys, comma-separated, that still unwrap but
   * never wrap. Empty once `rotate-keys master` has re-wrapped every tenant's keys. */
  PII_ACCEPTED_MASTER_KEYS: env.matching(
    /^$|^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/,
    'comma-separated 32-byte keys, base64',
    { default: '' },
  ),
  /** How long a tenant's unwrapped keys are kept in memory; `rotate-keys tenant` waits as long. */
  PII_KEY_CACHE_MS: env.int({ default: 60_000, min: 0, max: 3_600_000 }),
};
