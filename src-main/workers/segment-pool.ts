/**
 * Segment parsing spread over helper workers (one per core): each segment goes to the helper with
 * the fewest in flight. Helpers start when the import view opens (prepare) or on first use, so
 * small files read elsewhere never start one.
 */
import type { SegmentParser, SegmentResult, SegmentSpec } from '../data/import/segments';
import type { ParseApi } from '../services/parse-api';
import { transferable, type RpcClient } from './rpc';

/**
 * Heap limits of a parse helper: a segment needs a few megabytes, and a small young generation
 * keeps its garbage from piling up while a large file streams through (measured: −90 MB peak RSS
 * on a 1 M-row import, no slower).
 */
export const PARSE_WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 4 };

export function segmentPool(clients: RpcClient<ParseApi>[]): SegmentParser & { close(): Promise<void> } {
  if (clients.length === 0) throw new Error('a segment pool needs at least one worker');
  const busy = clients.map(() => 0);
  let prepared: Promise<void> | null = null;
  return {
    parallelism: clients.length,
    prepare() {
      // Once, unless a warm-up failed (the next prepare tries again); a helper that failed to warm
      // up is still usable, only slower at first. A warm-up counts as work in flight, so an import
      // that starts meanwhile sends its first segments to the helper that is free first.
      prepared ??= Promise.all(clients.map(async (c, k) => {
        busy[k]++;
        try {
          await c.call('warm', undefined);
          return true;
        } catch {
          return false;
        } finally {
          busy[k]--;
        }
      })).then((ok) => {
        if (!ok.every(Boolean)) prepared = null;
      });
      return prepared;
    },
    async parse(spec: SegmentSpec, bytes: Uint8Array): Promise<SegmentResult> {
      const k = busy.indexOf(Math.min(...busy));
      busy[k]++;
      try {
        // The bytes move to the helper and come back with the result, never copied.
        return await clients[k].call('parseSegment', transferable({ spec, bytes }, [bytes.buffer as ArrayBuffer]));
      } finally {
        busy[k]--;
      }
    },
    close: async () => void (await Promise.all(clients.map((c) => c.close()))),
  };
}
