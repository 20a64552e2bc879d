// Each deployable's configuration spec (its src/config.ts), found from the derived list of services:
// the chart tests hold the rendered environment against what the code reads.
import type { ConfigSpec } from '@dangjian/kit';
import { SERVICES } from '@dangjian/tools/services';

export async function deployableConfigSpecs(): Promise<Record<string, ConfigSpec>> {
  const specs: Record<string, ConfigSpec> = {};
  const load = async (name: string, path: string) => {
    const module = (await import(path)) as Record<string, unknown>;
    const found = Object.entries(module).find(([key]) => key.endsWith('ConfigSpec'));
    if (!found) throw new Error(`${path} exports no …ConfigSpec`);
    specs[name] = found[1] as ConfigSpec;
  };
  // The chart deploys every process: reading each one's spec is its job (not a dependency of code).
  for (const service of SERVICES) await load(service.name, `../../services/${service.name}/src/config.js`);
  await load('gateway', '../../gateway/src/config.js');
  return specs;
}
