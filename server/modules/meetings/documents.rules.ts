import { DomainError } from '../../platform/errors.ts';

// Meeting documents (R-M5: the main documents go out with the notice). The type is judged from the
// bytes (magic numbers), never from the file name or the client's Content-Type.

export const ALLOWED_TYPES: ReadonlyMap<string, string> = new Map([
  ['application/pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
  ['image/webp', 'webp'],
]);

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Accepts a detected type from the list, or refuses with 415 naming what is accepted. */
export function checkDocumentType(detected: { mime: string } | undefined): { mime: string; ext: string } {
  const ext = detected ? ALLOWED_TYPES.get(detected.mime) : undefined;
  if (!detected || !ext) {
    throw new DomainError(
      415,
      'DOCUMENT_TYPE',
      `不支持的文件类型${detected ? `（${detected.mime}）` : ''}；可上传PDF、DOCX或图片（PNG、JPEG、WebP）`,
      `Unsupported file type${detected ? ` (${detected.mime})` : ''}; upload PDF, DOCX or an image (PNG, JPEG, WebP)`,
    );
  }
  return { mime: detected.mime, ext };
}

export function checkDocumentSize(size: number, max: number): void {
  if (size === 0) throw new DomainError(422, 'DOCUMENT_EMPTY', '文件为空', 'The file is empty');
  if (size > max) {
    throw new DomainError(413, 'DOCUMENT_TOO_LARGE', `文件超过${Math.floor(max / 1024 / 1024)}MB的上限`, `The file exceeds the ${Math.floor(max / 1024 / 1024)} MB limit`);
  }
}

/** A file name safe to show and to send in Content-Disposition: no path, no control characters. */
export function cleanFilename(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}"<>|*?:]/gu, '').trim().slice(0, 150);
  if (!base) return `document.${ext}`;
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base.replace(/\.[^.]*$/, '')}.${ext}`;
}
