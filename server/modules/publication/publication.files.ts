// Rendered DOCX and PDF files of published editions, kept in memory per process (a few editions):
// an edition never changes once published, so a file rendered once serves every later download.
// A miss renders again from the edition's stored content.

const MAX = 6;
const files = new Map<string, { docx?: Buffer; pdf?: Buffer }>();

export function rememberFiles(editionId: string, f: { docx?: Buffer; pdf?: Buffer }): void {
  files.delete(editionId);
  files.set(editionId, { ...f });
  while (files.size > MAX) {
    const oldest = files.keys().next().value;
    if (oldest === undefined) break;
    files.delete(oldest);
  }
}

export function recallFile(editionId: string, format: 'docx' | 'pdf'): Buffer | undefined {
  const f = files.get(editionId);
  if (!f) return undefined;
  files.delete(editionId); // most recently used last
  files.set(editionId, f);
  return f[format];
}

export function rememberFile(editionId: string, format: 'docx' | 'pdf', bytes: Buffer): void {
  rememberFiles(editionId, { ...(files.get(editionId) ?? {}), [format]: bytes });
}
