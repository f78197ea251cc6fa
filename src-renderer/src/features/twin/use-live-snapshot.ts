import { useMemo } from 'react';
import type { TwinSnapshot } from '@shared/contract';
import { useStore } from '../../store';

/**
 * The open twin's latest snapshot: from the fleet frames (up to 10 Hz) while the view is on screen,
 * else from its detail — which does not change while hidden, so a hidden Twin view stays still.
 * Frames update the fleet's snapshots in place: the view gets a copy of each new version, so what
 * it holds never changes under it.
 */
export function useLiveSnapshot(visible: boolean): TwinSnapshot | null {
  const live = useStore((s) => (visible && s.selectedAssetId ? s.fleetAssets.get(s.selectedAssetId) : undefined));
  const version = useStore((s) => (visible && s.selectedAssetId ? s.fleetAssets.get(s.selectedAssetId)?.version : undefined));
  // Each version is copied once (the version is what changes when the snapshot is updated in place).
  const fromFrames = useMemo(() => (live && version !== undefined ? copySnapshot(live.snapshot) : undefined), [live, version]);
  const fromDetail = useStore((s) => s.twinDetail?.snapshot);
  return fromFrames ?? fromDetail ?? null;
}

function copySnapshot(s: TwinSnapshot): TwinSnapshot {
  return { ...s, values: { ...s.values }, modes: s.modes.map((m) => ({ ...m })), rul: s.rul && { ...s.rul } };
}
