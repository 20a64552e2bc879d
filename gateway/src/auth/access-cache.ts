/**
 * A small TTL cache: per-tenant roles are cached at most ACCESS_CACHE_TTL_MS (≤ 1 minute), accepted
 * tokens a minute at most (verified-token-cache.ts).
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now = () => Date.now(),
  ) {}

  /**
   * The cached value, or a loaded one; `fresh` loads even when cached (and keeps what it loaded);
   * `until` gives the time (ms) that ends the entry earlier than the TTL would; it is asked only when
   * something is loaded, so a hit costs a lookup and nothing more.
   */
  async getOrLoad(
    key: string,
    options: { fresh?: boolean; until?: () => number },
    load: () => Promise<V>,
  ): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now() && !options.fresh) return hit.value;
    const value = await load();
    this.entries.delete(key);
    const expiresAt = Math.min(this.now() + this.ttlMs, options.until?.() ?? Infinity);
    if (expiresAt > this.now()) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, expiresAt });
    }
    return value;
  }
}
