import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// A PDF's text, for reading a meeting document on a phone as reflowed text (no pinching) and for
// indexing. pdf.js (Mozilla's reader) loads on first use; the character maps it ships are needed
// for Chinese PDFs whose fonts are not embedded (Adobe-GB1 and the like).

const pdfjsRoot = (): string => dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * A page's lines as paragraphs. Chinese text is set justified, so a full line is about as long as
 * the longest on the page and the last line of a paragraph is shorter: a line well short of the
 * longest ends its paragraph; the others run on into the next.
 */
export function reflow(lines: readonly string[]): string {
  const kept = lines.filter((l) => l.length > 0);
  const longest = Math.max(0, ...kept.map((l) => l.length));
  const paragraphs: string[] = [];
  let current = '';
  for (const line of kept) {
    current += line;
    if (line.length < longest * 0.85) {
      paragraphs.push(current);
      current = '';
    }
  }
  if (current) paragraphs.push(current);
  return paragraphs.join('\n');
}

/** The text of every page, one paragraph a line. */
export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = pdfjsRoot();
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of the buffer it is given
    cMapUrl: join(root, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    isEvalSupported: false,
    useSystemFonts: false,
  }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(reflow(text.split('\n').map((l) => l.trim())));
      page.cleanup();
    }
    return pages.filter((p) => p.length > 0).join('\n');
  } finally {
    await doc.destroy();
  }
}
