import { PREPARED_PARAMETERS_MAX, preparedStatementNames } from './prepared-statements.js';

describe('the names of prepared statements', () => {
  const args = (n: number) => Array.from({ length: n }, () => 'x');

  it('gives a text the same name every time, and another text another', () => {
    const name = preparedStatementNames();
    const first = name({ sql: 'select 1 where a = $1', args: args(1) });
    expect(first).not.toBe('');
    expect(name({ sql: 'select 1 where a = $1', args: args(1) })).toBe(first);
    expect(name({ sql: 'select 2 where a = $1', args: args(1) })).not.toBe(first);
  });

  it('leaves transaction control and bulk statements unnamed', () => {
    const name = preparedStatementNames();
    for (const sql of ['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT s1', 'RELEASE SAVEPOINT s1'])
      expect(name({ sql, args: [] })).toBe('');
    expect(name({ sql: 'select $1', args: args(PREPARED_PARAMETERS_MAX) })).not.toBe('');
    expect(name({ sql: 'select $2', args: args(PREPARED_PARAMETERS_MAX + 1) })).toBe('');
  });

  it('runs a bulk call unnamed, counting an array by its elements, and keeps the name for small calls', () => {
    const name = preparedStatementNames();
    const sql = 'select 1 from members where id = any($1) and month = $2';
    const small = name({ sql, args: [args(1), '2026-12-01'] });
    expect(small).not.toBe('');
    expect(name({ sql, args: [args(PREPARED_PARAMETERS_MAX), '2026-12-01'] })).toBe('');
    expect(name({ sql, args: [args(PREPARED_PARAMETERS_MAX - 1), '2026-12-01'] })).toBe(small);
  });

  it('names no more texts than its cap; those it named keep their names', () => {
    const name = preparedStatementNames(2);
    const a = name({ sql: 'a', args: [] });
    const b = name({ sql: 'b', args: [] });
    expect([a, b].every((n) => n !== '')).toBe(true);
    expect(name({ sql: 'c', args: [] })).toBe('');
    expect(name({ sql: 'a', args: [] })).toBe(a);
  });
});
