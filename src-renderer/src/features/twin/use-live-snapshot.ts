import type { TwinSnapshot } from '@shared/contract';
import { useStore } from '../../store';

/**
 * The open twin's latest snapshot: from the fleet frames (up to 10 Hz) while the view is on screen,
 * else from its detail — which does not change while hidden, so a hidden Twin view stays still.
 */
export function useLiveSnapshot(visible: boolean): TwinSnapshot | null {
  const fromFrames = useStore((s) => (visible && s.selectedAssetId ? s.fleetAssets.get(s.selectedAssetId)?.snapshot : undefined));
  const fromDetail = useStore((s) => s.twinDetail?.snapshot);
  return fromFrames ?? fromDetail ?? null;
}
