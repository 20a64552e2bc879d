/**
 * Rendered portal pages kept for a short time (issue 17): a county's notice shared on WeChat is read
 * by many at once. A fresh copy is answered before Nest's routing (start.ts); once it is older than
 * the cache time, readers keep getting it for a while (at most `staleMs` more) while one of them has it
 * rendered again, so a burst never waits on the disclosure service; a page read for the first time is
 * rendered once for everyone who asks meanwhile. Only pages that exist are kept; bounded in size.
 */
export class PortalCache {
  private readonly pages = new Map<string, { body: Buffer; freshUntil: number; staleUntil: number }>();
  private readonly inFlight = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly ttlMs: number,
    private readonly staleMs = 60_000,
    private readonly maxPages = 5000,
  ) {}

  /** `<slug>|<path below /public/>`, e.g. `acme-corp|items/<id>`. */
  static key(slug: string, path: string): string {
    return `${slug}|${path}`;
  }

  /** A fresh copy, or none. */
  get(key: string, now = Date.now()): Buffer | undefined {
    const entry = this.pages.get(key);
    return entry && entry.freshUntil > now ? entry.body : undefined;
  }

  /** A copy still worth serving while a new one is made, and whether it is fresh. */
  lookup(key: string, now = Date.now()): { body: Buffer; fresh: boolean } | undefined {
    const entry = this.pages.get(key);
    if (!entry) return undefined;
    if (entry.staleUntil <= now) {
      this.pages.delete(key);
      return undefined;
    }
    return { body: entry.body, fresh: entry.freshUntil > now };
  }

  /** A render of this page is under way: a reader joining it costs the service nothing. */
  rendering(key: string): boolean {
    return this.inFlight.has(key);
  }

  /** Renders the page once however many ask for it at the same moment, and keeps it. */
  render(key: string, render: () => Promise<string>): Promise<Buffer> {
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = render()
        .then((html) => {
          const body = Buffer.from(html);
          this.keep(key, body);
          return body;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** A page that no longer exists (withdrawn from the public, expired) is not served again. */
  forget(key: string): void {
    this.pages.delete(key);
  }

  private keep(key: string, body: Buffer, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    this.pages.delete(key);
    if (this.pages.size >= this.maxPages) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, { body, freshUntil: now + this.ttlMs, staleUntil: now + this.ttlMs + this.staleMs });
  }
}
