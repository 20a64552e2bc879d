import type { PageRequest } from '@dangjian/contracts';

/** The rows a page asks for, bounded: at most 500, 25 when not said (react-admin's default is 10–25). */
export function pageWindow(page: PageRequest | undefined): { skip: number; take: number } {
  return { skip: Math.max(0, page?.offset ?? 0), take: Math.min(Math.max(page?.limit || 25, 1), 500) };
}
