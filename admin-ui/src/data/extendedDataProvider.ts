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
  uploadImport(kind: string, file: File): Promise<{ id: string }>;
  download(path: string, fileName: string): Promise<void>;
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
