import { beforeEach, describe, expect, it } from 'vitest';
import { useReportRequest } from './report-request';

describe('report requests', () => {
  beforeEach(() => useReportRequest.setState({ pending: null, hosts: { asset: 0, model: 0 } }));

  it('asks only where a report of that kind can be printed', () => {
    expect(useReportRequest.getState().request('asset')).toBe(false);
    const off = useReportRequest.getState().host('asset');
    expect(useReportRequest.getState().request('model')).toBe(false);
    expect(useReportRequest.getState().request('asset')).toBe(true);
    expect(useReportRequest.getState().pending?.kind).toBe('asset');
    off();
  });

  it('prints one report at a time, and finishes only the one asked for', () => {
    const { host } = useReportRequest.getState();
    host('asset');
    host('model');
    expect(useReportRequest.getState().request('asset')).toBe(true);
    const seq = useReportRequest.getState().pending!.seq;
    expect(useReportRequest.getState().request('model')).toBe(false);
    useReportRequest.getState().finish(seq - 1);
    expect(useReportRequest.getState().pending?.seq).toBe(seq);
    useReportRequest.getState().finish(seq);
    expect(useReportRequest.getState().pending).toBeNull();
    expect(useReportRequest.getState().request('model')).toBe(true);
  });

  it('drops a request whose last button went away, so the next one is not blocked', () => {
    const first = useReportRequest.getState().host('asset');
    const second = useReportRequest.getState().host('asset');
    useReportRequest.getState().request('asset');
    first();
    expect(useReportRequest.getState().pending).not.toBeNull();
    second();
    expect(useReportRequest.getState().pending).toBeNull();
    expect(useReportRequest.getState().hosts.asset).toBe(0);
  });
});
