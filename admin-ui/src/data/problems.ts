import { i18nProvider } from '../i18n/i18nProvider';

/** The API's problem+json (RFC 9457) with its stable codes (decision 0017). */
export interface ProblemBody {
  status?: number;
  detail?: string;
  errors?: { field: string; code?: string; params?: Record<string, string | number>; description: string }[];
  rule?: string;
  ruleParams?: Record<string, string | number>;
  correlationId?: string;
}

const translate = (key: string, options?: Record<string, unknown>) => i18nProvider.translate(key, options);
const known = (key: string) => translate(key, { _: '' }) !== '';

/** One code, said in the person's language (a rule's name, or a field problem's code). */
export function codeText(
  code: string | undefined,
  params: Record<string, string | number> = {},
  fallback = '',
): string {
  if (code && known(`dj.rules.${code}`)) return translate(`dj.rules.${code}`, params);
  if (code && known(`dj.problems.${code}`)) return translate(`dj.problems.${code}`, params);
  return fallback;
}

/** A field's label in the resource, or the field's last part when the resource has no label for it. */
function fieldLabel(resource: string | undefined, field: string): string {
  const last = field.split('.').pop() ?? field;
  for (const key of [
    `resources.${resource}.fields.${field}`,
    `resources.${resource}.fields.${last}`,
    `dj.fields.${last}`,
  ]) {
    if (resource && known(key)) return translate(key);
  }
  return '';
}

/**
 * What the console tells a person about a refusal: a message for the notification and a text per
 * field for the form, from codes and params only — never the API's English.
 */
export function describeProblem(
  status: number,
  problem: ProblemBody,
  resource?: string,
): { message: string; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const lines: string[] = [];
  for (const error of problem.errors ?? []) {
    const text = codeText(error.code, error.params, translate('dj.problems.bad_format'));
    fieldErrors[error.field] ??= text;
    const label = fieldLabel(resource, error.field);
    lines.push(label ? `${label}：${text}` : text);
  }
  let head: string;
  if (problem.rule) head = codeText(problem.rule, problem.ruleParams, translate('dj.http.422'));
  else if (status >= 500 && status !== 503 && status !== 504)
    head = translate('dj.http.500', { id: problem.correlationId ?? '' });
  else if (known(`dj.http.${status}`)) head = translate(`dj.http.${status}`);
  else head = translate('dj.http.other', { status });
  const details = problem.rule ? lines.filter((line) => !line.endsWith(head)) : lines;
  return { message: details.length > 0 ? `${head}：${details.slice(0, 3).join('；')}` : head, fieldErrors };
}
