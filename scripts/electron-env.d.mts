export function electronBinary(root: string, opts?: { download?: boolean; say?: (line: string) => void }): string | null;
export function electronSqliteBinding(root: string, opts?: { build?: boolean; say?: (line: string) => void }): string | null;
