/** Number formatting for people: thousands separators, sensible decimals, a dash for missing. */
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return int.format(n);
}

export function formatNumber(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '–';
  const abs = Math.abs(x);
  const d = abs >= 1000 ? 0 : abs >= 100 ? Math.min(digits, 1) : digits;
  return x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: 0 });
}

export function formatPercent(fraction: number, digits = 1): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)} %` : '–';
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * A simulated instant for people: "Mon 2 Mar 14:20 (sim)". The fleet's clock is its own (the demo
 * starts 2026-03-02 06:00 UTC), so it is shown in UTC: the same reading on every machine.
 */
export function formatSimTime(ms: number, opts: { seconds?: boolean; suffix?: boolean; weekday?: boolean } = {}): string {
  if (!Number.isFinite(ms)) return '–';
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}${opts.seconds ? `:${two(d.getUTCSeconds())}` : ''}`;
  return `${opts.weekday === false ? '' : `${WEEKDAYS[d.getUTCDay()]} `}${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${time}${opts.suffix === false ? '' : ' (sim)'}`;
}

/** Remaining life: "45 min" under an hour, "3.4 h" under two days, else "2.1 d". */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours) || hours < 0) return '–';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

/** Money per hour, no currency symbol (costs are in the asset register's own currency). */
export function formatCostPerHour(x: number): string {
  return Number.isFinite(x) ? `${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} /h` : '–';
}

/** Bytes in binary units, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024, u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
}
