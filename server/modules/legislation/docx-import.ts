// DOCX import through mammoth's raw text (paragraphs separated by blank lines), guarded so that a
// corrupt file or a zip bomb is refused with a clear error before anything is parsed or saved.
import mammoth from 'mammoth';
import { MAX_DOCX_BYTES, MAX_DOCX_UNZIPPED_BYTES } from '../../../contracts/legislation.ts';
import { DomainError } from '../../platform/errors.ts';

const tooLarge = (zh: string, en: string) => new DomainError(413, 'DOCX_TOO_LARGE', zh, en);
const unreadable = (zh: string, en: string) => new DomainError(422, 'DOCX_UNREADABLE', zh, en);

/**
 * The total size the archive's entries claim when unzipped, read from the ZIP central directory;
 * null when the directory cannot be read (not a ZIP, or truncated).
 */
export function zipUnpackedSize(buf: Buffer): number | null {
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || entries === 0xffff) return Number.POSITIVE_INFINITY; // ZIP64: far beyond any limit here
  let p = cdOffset;
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}

export async function docxToText(buf: Buffer): Promise<string> {
  if (buf.length > MAX_DOCX_BYTES) {
    throw tooLarge(`DOCX文件过大（${(buf.length / 1048576).toFixed(1)} MB，上限${MAX_DOCX_BYTES / 1048576} MB）`, `The DOCX file is too large (${buf.length} bytes; the limit is ${MAX_DOCX_BYTES})`);
  }
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw unreadable('文件不是有效的DOCX文档', 'The file is not a DOCX document');
  const unpacked = zipUnpackedSize(buf);
  if (unpacked === null) throw unreadable('DOCX文件已损坏，无法读取', 'The DOCX file is corrupt and cannot be read');
  if (unpacked > MAX_DOCX_UNZIPPED_BYTES) throw tooLarge('DOCX文件解压后过大，已拒绝', 'The DOCX file expands to more than the limit when unzipped; refused');
  try {
    const { value } = await mammoth.extractRawText({ buffer: buf });
    return value;
  } catch {
    throw unreadable('DOCX文件已损坏，无法读取正文', 'The DOCX file is corrupt; its text cannot be read');
  }
}
