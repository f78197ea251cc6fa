import { describe, expect, it } from 'vitest';
import { suggestedFileName } from './file-names';

describe('suggested file names', () => {
  it('keeps a plain name and adds the extension once', () => {
    expect(suggestedFileName('Fleet report 2026-11-26', 'pdf')).toBe('Fleet report 2026-11-26.pdf');
    expect(suggestedFileName('report.PDF', 'pdf')).toBe('report.pdf');
    expect(suggestedFileName('notes.txt', '.txt')).toBe('notes.txt');
  });

  it('never becomes a path or an invalid name', () => {
    expect(suggestedFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(suggestedFileName('C:\\Windows\\win.ini', 'pdf')).toBe('win.ini.pdf');
    expect(suggestedFileName('a<b>c:d"e|f?g*h\u0007', 'pdf')).toBe('a-b-c-d-e-f-g-h-.pdf');
    expect(suggestedFileName('...', 'pdf')).toBe('twinscope.pdf');
    expect(suggestedFileName('CON', 'pdf')).toBe('twinscope.pdf');
    expect(suggestedFileName('x'.repeat(300), 'pdf')).toHaveLength(154);
  });
});
