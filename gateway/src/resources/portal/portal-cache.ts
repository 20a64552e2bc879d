/**
 * Rendered portal pages kept for a short time (issue 17): a county's notice shared on WeChat is read
 * by many at once, and every reader of the same page in the window is served the same bytes without
 * a trip to the disclosure service. Only pages that exist are kept; bounded in size.
 */
export class PortalCache {
  private readonly pages = new Map<string, { html: string; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxPages = 5000,
  ) {}

  get(key: string, now = Date.now()): string | undefined {
    const entry = this.pages.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.pages.delete(key);
      return undefined;
    }
    return entry.html;
  }

  set(key: string, html: string, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.pages.size >= this.maxPages) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, { html, until: now + this.ttlMs });
  }
}
