/**
 * Saves text the window made as a file: a Blob behind an <a download> link. The browser (web
 * host) and Electron's renderer (its download handling) both save it without a server round trip.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has started the download (revoking at once can cancel it).
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
