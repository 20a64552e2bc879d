import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gateway } from './support.js';

/*
 * The API description clients use (issue 13): `redocly lint` with its recommended rules finds no
 * problem in the gateway's own /api/docs-json, and each operation says what it is for, how it fails
 * and who may call it.
 */
type Operation = {
  summary?: string;
  security?: unknown[];
  responses: Record<string, { $ref?: string }>;
};
type Doc = { paths: Record<string, Record<string, Operation>>; servers?: unknown[] };

const REDOCLY = resolve(process.cwd(), 'node_modules/.bin/redocly');

describe('the OpenAPI document', () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = (await gateway('GET', '/api/docs-json')).body as Doc;
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        at: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );

  it('passes redocly lint with the recommended rules, errors and warnings alike', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'openapi-')), 'openapi.json');
    await writeFile(file, JSON.stringify(doc));
    const { stdout } = await promisify(execFile)(
      REDOCLY,
      // redocly.yaml at the root: the recommended rules (one exception, explained there).
      [
        'lint',
        file,
        `--config=${resolve(process.cwd(), 'redocly.yaml')}`,
        '--format=json',
        '--max-problems=1000',
      ],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
    };
    expect(
      report.problems.map(
        (problem) => `${problem.ruleId} ${problem.location[0]?.pointer}: ${problem.message}`,
      ),
    ).toEqual([]);
  }, 120_000);

  it('gives every operation a summary, problem+json errors, and public ones an explicit empty security', () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(80);
    expect(all.filter(({ operation }) => !operation.summary).map(({ at }) => at)).toEqual([]);
    expect(
      all
        .filter(({ operation }) => !operation.responses['400']?.$ref?.endsWith('Problem400'))
        .map(({ at }) => at),
    ).toEqual([]);
    const login = all.find(({ at }) => at === 'POST /api/v1/invitations/preview')!;
    expect(login.operation.security).toEqual([]);
    const members = all.find(({ at }) => at === 'GET /api/v1/members')!;
    expect(members.operation.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(members.operation.responses)).toEqual(expect.arrayContaining(['401', '403', '503']));
  });
});
