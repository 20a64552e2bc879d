/** Integer fen as yuan, exactly (no floating point): 1234567 → "¥12,345.67". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('zh-CN');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Basis points as a percentage with two decimals: 6666 → "66.66%". */
export function formatBasisPoints(points: number | null): string {
  return points === null ? '—' : `${Math.floor(points / 100)}.${String(points % 100).padStart(2, '0')}%`;
}

/** Yuan as a person types them ("6500", "6500.5", "6,500.50") as integer fen, or undefined when it is not an amount. */
export function yuanToFen(text: string): number | undefined {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/,/g, ''));
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : undefined;
}
