import type { DataProvider } from 'react-admin';

/** The data provider's calls beyond react-admin's CRUD (see dataProvider.ts). */
export type DjDataProvider = DataProvider & {
  unmask(id: string, reason: string): Promise<{ idCardNumber: string; phone: string }>;
  history(id: string): Promise<
    {
      changedBy: string;
      changedByName: string;
      changedAt: string;
      reason: string;
      reasonCode: string;
      reasonParams: Record<string, string>;
      fields: string[];
    }[]
  >;
  checkStep(step: Record<string, unknown>): Promise<{
    allowed: boolean;
    brokenRules: { rule: string; field: string; message: string; params?: Record<string, string> }[];
  }>;
  /** Sends a file (a spreadsheet to import) as the body, its name in `fileName`: the JSON answer. */
  postFile<T = unknown>(path: string, file: File): Promise<T>;
  download(path: string, fileName: string): Promise<void>;
  /** A request whose answer's headers matter too (a list's extra facts). */
  sendWithHeaders(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ json: unknown; headers: Headers }>;
  /** Sends bytes as the body (a chunk of a media upload): the JSON answer. */
  putBytes<T = unknown>(path: string, bytes: Blob): Promise<T>;
  /**
   * A lesson's media as a URL a <video>, <audio> or PDF viewer loads (by range, so a phone seeks):
   * the tenant in the path and the session's token in the query, as an element sends no headers.
   */
  mediaUrl(mediaId: string): Promise<string>;
  /**
   * A call beyond CRUD (a transfer's or meeting's action, a check run, the member's own space): the JSON answer.
   * `tenant` acts for another tenant than the chosen one (an operator inviting a tenant's first admin).
   */
  send<T = unknown>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    options?: { tenant?: string },
  ): Promise<T>;
};
