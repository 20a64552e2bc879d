import { TtlCache } from './access-cache.js';

describe('TtlCache', () => {
  it('serves a cached value until it expires, then loads again', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<number>(60_000, 100, () => now);
    const load = async () => ++loads;
    expect(await cache.getOrLoad('k', {}, load)).toBe(1);
    now = 59_999;
    expect(await cache.getOrLoad('k', {}, load)).toBe(1);
    now = 60_000;
    expect(await cache.getOrLoad('k', {}, load)).toBe(2);
  });

  it('does not cache failures', async () => {
    const cache = new TtlCache<number>(60_000);
    await expect(cache.getOrLoad('k', {}, async () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(await cache.getOrLoad('k', {}, async () => 7)).toBe(7);
  });

  it('caches nothing with a zero TTL', async () => {
    let loads = 0;
    const cache = new TtlCache<number>(0);
    await cache.getOrLoad('k', {}, async () => ++loads);
    await cache.getOrLoad('k', {}, async () => ++loads);
    expect(loads).toBe(2);
  });

  it('loads afresh when asked (a write), and later reads see what was loaded', async () => {
    let loads = 0;
    const cache = new TtlCache<number>(60_000, 100, () => 0);
    const load = async () => ++loads;
    expect(await cache.getOrLoad('k', {}, load)).toBe(1);
    expect(await cache.getOrLoad('k', { fresh: true }, load)).toBe(2);
    expect(await cache.getOrLoad('k', {}, load)).toBe(2);
  });
});
