import type { Page, Request, Response } from 'playwright-core';

/*
 * What a console page must never show or do (issue 12): a 4xx/5xx from the API, a request to anyone but
 * the platform, horizontal overflow on a phone, English words or raw codes on a Chinese screen. Used by
 * the every-page walk and by the suites whose pages the menu does not reach.
 */

/** Words and shapes that must not be on a Chinese screen (data such as usernames and codes may be). */
const FOREIGN = [
  /\b(?:resources|dj|ra)\.[\w.]+/, // an untranslated key
  /%\{\w+\}/, // a placeholder the message was not given
  /\b[a-z]+_[a-z_]+\b/, // a raw snake_case code
  /\b[a-z]+[A-Z][a-zA-Z]+\b/, // a raw camelCase field name
  /\b(?:the|must|not|found|error|invalid|required|create|edit|delete|save|cancel|search|filter|export|show|loading|please|cannot|should|office|holders|members|organisations|status|unknown|null|undefined|NaN)\b/i,
  /\b(?:January|February|March|April|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/, // a date in English
];

export interface Visit {
  failures: string[];
  allowedOrigins: Set<string>;
  page: Page;
}

export function watch(page: Page, allowedOrigins: Set<string>): Visit {
  const visit: Visit = { failures: [], allowedOrigins, page };
  page.on('request', (request: Request) => {
    const origin = new URL(request.url()).origin;
    if (!/^(data|blob):/.test(request.url()) && !allowedOrigins.has(origin))
      visit.failures.push(`request to a third party: ${request.url()}`);
  });
  page.on('response', (response: Response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname.startsWith('/api/')) {
      visit.failures.push(
        `${response.request().method()} ${new URL(response.url()).pathname}${new URL(response.url()).search} → ${response.status()}`,
      );
    }
  });
  page.on('pageerror', (error) => visit.failures.push(`script error: ${error.message}`));
  return visit;
}

export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(400);
  // Wait for react-admin's loading indicator to go.
  await page
    .waitForFunction(() => !document.querySelector('[role="progressbar"]'), undefined, { timeout: 10_000 })
    .catch(() => undefined);
}

export async function screenProblems(page: Page, phone: boolean): Promise<string[]> {
  const problems: string[] = [];
  // A phone widens its layout to fit what overflows: compare with the screen's own width.
  const screenWidth = page.viewportSize()!.width;
  const contentWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  if (phone && contentWidth > screenWidth + 1)
    problems.push(`horizontal overflow: ${contentWidth} px on a ${screenWidth} px screen`);
  if (phone) {
    // A column squeezed to a character's width wraps its words one character a line.
    const squeezed = await page.evaluate(() =>
      [...document.querySelectorAll('td, th')]
        .filter((cell) => {
          const text = (cell as HTMLElement).innerText.trim();
          const em = parseFloat(getComputedStyle(cell).fontSize);
          const padding =
            parseFloat(getComputedStyle(cell).paddingLeft) + parseFloat(getComputedStyle(cell).paddingRight);
          return text.length >= 3 && !/^[\d.,%¥—-]+$/.test(text) && cell.clientWidth - padding < 2.2 * em;
        })
        .map((cell) => (cell as HTMLElement).innerText.trim().slice(0, 20)),
    );
    if (squeezed.length > 0) problems.push(`columns one character wide: ${squeezed.slice(0, 3).join(' / ')}`);
  }
  const text = (await page.evaluate('document.body.innerText')) as string;
  for (const line of text.split('\n')) {
    const hit = FOREIGN.map((pattern) => pattern.exec(line)?.[0]).find(Boolean);
    if (hit) problems.push(`foreign text “${hit}” in “${line.trim().slice(0, 80)}”`);
  }
  return problems;
}
