import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/* The boundaries enforced by lint, checked on code that breaks them. */
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('module boundaries', () => {
  let eslint: ESLint;
  beforeAll(() => {
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore' }); // the rule reads Nx's project graph
    eslint = new ESLint({ cwd: root });
  });

  const problems = async (file: string, code: string) =>
    (await eslint.lintText(code, { filePath: `${root}/${file}` }))[0]!.messages.map(
      (m) => `${m.ruleId}: ${m.message}`,
    );

  it('refuses a service importing the gateway, and the gateway importing a service', async () => {
    expect(await problems('gateway/src/probe.ts', "import '@dangjian/identity';\n")).toEqual([
      expect.stringContaining('@nx/enforce-module-boundaries'),
    ]);
    expect(await problems('services/identity/src/probe.ts', "import '@dangjian/gateway';\n")).toEqual([
      expect.stringContaining('@nx/enforce-module-boundaries'),
    ]);
  });

  it('refuses test helpers in production code', async () => {
    expect(await problems('libs/kit/src/probe.ts', "import '@dangjian/testing';\n")).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
  });

  it('refuses reading process.env outside config', async () => {
    expect(await problems('gateway/src/probe.ts', 'export const port = process.env.PORT;\n')).toEqual([
      expect.stringContaining('no-restricted-properties'),
    ]);
  });

  it('allows a service to use the kit and the contracts', async () => {
    expect(
      await problems(
        'services/identity/src/probe.ts',
        "import '@dangjian/kit';\nimport '@dangjian/contracts';\n",
      ),
    ).toEqual([]);
  });
});
