/**
 * What a planner reads off a twin at a glance: a health score, a status, and remaining useful life.
 *
 * Health score (0–100), the lower of two parts:
 *  - risk: 100 at P(failure) = 0, 40 at the operating threshold t (where the cost-chosen operating
 *    point says "act"), 0 at P = 1, linear in between — so CRITICAL always reads 40 or less;
 *  - sensors: 100 while every sensor is in its normal zone, 60 with one in its warning zone, 20
 *    with one in its alarm zone.
 * Status: CRITICAL at P ≥ t or a sensor in its alarm zone; WARNING at P ≥ t/2 or a sensor in its
 * warning zone; else NORMAL. With hysteresis, so a probability wavering around a boundary does not
 * flap: CRITICAL is left only below 0.8 t, WARNING only below 0.4 t.
 */
import { MILLING_LIMITS } from './sim/milling';
import { ISO_10816_CLASS_II } from './sim/motor';

export type TwinStatus = 'NORMAL' | 'WARNING' | 'CRITICAL';

const RANK: Record<TwinStatus, number> = { NORMAL: 0, WARNING: 1, CRITICAL: 2 };

export function healthScore(probability: number | null, threshold: number, worstZone: 0 | 1 | 2): number {
  const sensors = [100, 60, 20][worstZone];
  if (probability === null || !Number.isFinite(probability)) return sensors;
  const p = Math.min(1, Math.max(0, probability)), t = Math.min(0.999, Math.max(1e-6, threshold));
  const risk = p <= t ? 100 - (60 * p) / t : 40 * (1 - (p - t) / (1 - t));
  return Math.round(Math.min(risk, sensors));
}

/** The status for this reading, given the previous one (hysteresis). */
export function nextStatus(previous: TwinStatus, probability: number | null, threshold: number, worstZone: 0 | 1 | 2): TwinStatus {
  const p = probability ?? 0, t = threshold;
  const byZone: TwinStatus = worstZone === 2 ? 'CRITICAL' : worstZone === 1 ? 'WARNING' : 'NORMAL';
  // Entering a level needs the full threshold; staying in it needs only the lower clear level.
  const critical = p >= t || (previous === 'CRITICAL' && p >= 0.8 * t);
  const warning = p >= 0.5 * t || (RANK[previous] >= 1 && p >= 0.4 * t);
  const byRisk: TwinStatus = critical ? 'CRITICAL' : warning ? 'WARNING' : 'NORMAL';
  return RANK[byZone] > RANK[byRisk] ? byZone : byRisk;
}

/**
 * Readings a lower status must persist before the status drops: an off-delay, as alarm-management
 * practice (ISA-18.2) uses against chattering. A forest's calibrated risk moves in steps, so a motor
 * near its threshold would otherwise flip between CRITICAL and NORMAL from one reading to the next.
 * Rising is immediate.
 */
export const STATUS_OFF_DELAY_READINGS = 6;

/** The status to show given the one shown so far, this reading's status, and for how many readings it has been lower. */
export function heldStatus(shown: TwinStatus, next: TwinStatus, lowerFor: number): { status: TwinStatus; lowerFor: number } {
  if (RANK[next] >= RANK[shown]) return { status: next, lowerFor: 0 };
  return lowerFor + 1 >= STATUS_OFF_DELAY_READINGS ? { status: next, lowerFor: 0 } : { status: shown, lowerFor: lowerFor + 1 };
}

export interface RemainingLife {
  /** Simulated hours until the degradation path reaches its limit (0 = already there). */
  hours: number;
  /** What is degrading and towards what. */
  basis: string;
}

/** Tool wear towards the start of its 200–240 min replacement window (cutting time ≈ machine time). */
export function toolLife(toolWearMin: number): RemainingLife {
  const start = Math.max(200, MILLING_LIMITS.toolLifeMin);
  return { hours: Math.max(0, start - toolWearMin) / 60, basis: `tool wear ${Math.round(toolWearMin)} min → 200–240 min replacement window` };
}

/**
 * Bearing vibration towards ISO 10816 zone D (7.1 mm/s): a log-linear trend over recent readings
 * (spalls grow, so vibration rises roughly exponentially). Null when it is not rising.
 */
export function vibrationLife(allTimesMs: readonly number[], allVibration: readonly number[], last = Infinity): RemainingLife | null {
  // The trend is fitted over the last `last` readings (no copies: this runs on every reading).
  const end = Math.min(allTimesMs.length, allVibration.length), from = Math.max(0, end - last), n = end - from;
  if (n < 6) return null;
  const limit = ISO_10816_CLASS_II.cd;
  const now = allVibration[end - 1];
  if (now >= limit) return { hours: 0, basis: `vibration ${now.toFixed(2)} mm/s is in ISO 10816 zone D` };
  let st = 0, sy = 0, stt = 0, sty = 0;
  const t0 = allTimesMs[from];
  for (let i = from; i < end; i++) {
    const t = (allTimesMs[i] - t0) / 3_600_000, y = Math.log(Math.max(1e-3, allVibration[i]));
    st += t;
    sy += y;
    stt += t * t;
    sty += t * y;
  }
  const denom = n * stt - st * st;
  if (denom <= 0) return null;
  const slope = (n * sty - st * sy) / denom;
  // Below ~1 %/h the trend is noise, not a degradation path.
  if (slope < 0.01) return null;
  const level = Math.exp((sy - slope * st) / n + slope * ((allTimesMs[end - 1] - t0) / 3_600_000));
  const hours = Math.max(0, Math.log(limit / level) / slope);
  return { hours: Math.min(hours, 24 * 90), basis: `vibration rising ${(100 * (Math.exp(slope) - 1)).toFixed(1)} %/h → ISO 10816 zone D (${limit} mm/s)` };
}
