/**
 * Forms keep numbers as the text typed, so a half-typed "0." or an empty field can be shown and
 * refused with a message instead of silently turning into 0.
 */

/** The number in `text`, or null when it is empty or not a finite number ("1e3" is fine, "1,5" is not). */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

/** A number for an input: no float noise (0.1 + 0.2 shows as 0.3). */
export function numberText(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(12))) : '';
}
