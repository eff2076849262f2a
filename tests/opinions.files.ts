// Files for the opinions tests: a multipart body builder and tiny valid files.
/**
 * A multipart/form-data body with one file part. The bytes go to the harness as a Buffer (typed as
 * its `rawBody` string): Fastify's inject sends a Buffer as it is, where a string would be re-encoded.
 */
export function multipart(filename: string, mime: string, bytes: Buffer): { rawBody: string; headers: Record<string, string> } {
  const boundary = `----yishi${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { rawBody: Buffer.concat([head, bytes, tail]) as unknown as string, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
// The smallest valid PNG (1×1, transparent) and the start of a PDF.
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
