import type { ApiResponse } from '@dangjian/testing';

/*
 * What the outage tests (the bus away, the database away) check after the outage, in one place: the
 * platform comes back by itself, and the write refused during the outage left nothing.
 */
type Call = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

/** Reads until one answers 200 (20 s at most): that status, and how long it took. */
export async function recovery(
  read: () => Promise<{ status: number }>,
): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  let status = 0;
  while (Date.now() - started < 20_000) {
    status = (await read()).status;
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { status, ms: Date.now() - started };
}

/** No organisation of that name was written during the outage; its code is free, written again now. */
export async function expectNothingHalfWritten(
  as: Call,
  refused: { name: string; code: string; parentId: string },
  againName: string,
): Promise<void> {
  const found = await as(
    'GET',
    `/api/v1/organisations?filter=${encodeURIComponent(JSON.stringify({ q: refused.name }))}`,
  );
  expect(found.body).toEqual([]);
  const again = await as('POST', '/api/v1/organisations', {
    name: againName,
    code: refused.code,
    kind: 'branch',
    parentId: refused.parentId,
  });
  expect(again.status).toBe(201);
}
