import pg from 'pg';

/** A unit of work's settings are `app.<name>` only: the names go into SQL text. */
export function assertSettingName(name: string): string {
  if (!/^app\.[a-z_]+$/.test(name)) throw new Error(`bad setting name ${name}`);
  return name;
}

/**
 * `set_config(name, value, true)` for each setting (transaction-scoped), names and values as escaped
 * literals: for statements sent in the simple protocol, which takes no parameters.
 */
export function settingCalls(settings: Record<string, string>): string {
  return Object.entries(settings)
    .map(
      ([name, value]) =>
        `set_config(${pg.escapeLiteral(assertSettingName(name))}, ${pg.escapeLiteral(value)}, true)`,
    )
    .join(', ');
}
