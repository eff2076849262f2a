// Bodies over the limit, against a real listening server (not inject): the client reads the 413
// answer `{code, message_zh, message_en}` rather than a connection reset, and the server reads no
// more than a bounded amount of a body it refuses (server/platform/drain.ts).
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DRAIN_MAX_BYTES } from '../server/platform/drain.ts';
import { type TestApp, dbKind, startTestApp } from './harness.ts';

let t: TestApp;
let port = 0;

before(async () => {
  t = await startTestApp({ demo: false });
  port = Number(new URL(await t.yishi.app.listen({ port: 0, host: '127.0.0.1' })).port);
});
after(() => t.close());

interface Outcome {
  status: number | null;
  body: { code?: string; message_zh?: string; message_en?: string } | null;
  error: string | null;
}

/**
 * Sends the whole body before reading anything, as many clients do (curl without
 * `Expect: 100-continue`, Python's http.client): a reset while it is still sending loses the answer.
 */
function sendThenRead(path: string, size: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let error: string | null = null;
    s.pause();
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    s.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      const rawBody = text.slice(text.indexOf('\r\n\r\n') + 4);
      let body: Outcome['body'] = null;
      try {
        body = JSON.parse(rawBody) as Outcome['body'];
      } catch {
        body = null;
      }
      resolve({ status: status ? Number(status) : null, body, error });
    });
    s.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`);
    s.end(Buffer.alloc(size, 0x61), () => s.resume());
  });
}

/** A plain http.request with Content-Length. */
function httpRequest(path: string, size: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const body = Buffer.alloc(size, 0x61);
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(size) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? null, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Outcome['body'], error: null }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: null, body: null, error: e.code ?? e.message }));
    req.end(body);
  });
}

/** Streams a body that never ends until the server closes; returns how many bytes got out. */
function flood(path: string, declared: number | null): Promise<{ written: number }> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let written = 0;
    let closed = false;
    s.resume();
    s.on('error', () => undefined);
    s.on('close', () => {
      closed = true;
      resolve({ written });
    });
    const length = declared === null ? 'Transfer-Encoding: chunked' : `Content-Length: ${declared}`;
    s.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${length}\r\n\r\n`);
    const pump = () => {
      while (!closed && written < 1024 * 1024 * 1024) {
        let more: boolean;
        if (declared === null) {
          // chunked framing around the same bytes
          s.write(`${chunk.length.toString(16)}\r\n`);
          s.write(chunk);
          more = s.write('\r\n');
        } else {
          more = s.write(chunk);
        }
        written += chunk.length;
        if (!more) {
          s.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

/** The refusal each path gives an anonymous oversized body: the general limit, or the parser's anonymous cap. */
const CODE: Record<string, string> = { '/api/v1/auth/login': 'TOO_LARGE', '/api/v1/legislation/parse': 'PARSE_LOGIN_REQUIRED' };

const isTooLarge = (o: Outcome, label: string, path: string) => {
  assert.equal(o.error, null, `${label}: ${o.error ?? ''}`);
  assert.equal(o.status, 413, label);
  assert.ok(o.body, label);
  assert.equal(o.body.code, CODE[path], label);
  assert.ok(o.body.message_zh && o.body.message_en, label);
};

void describe(`oversized bodies on a listening server (${dbKind})`, () => {
  void test('20 oversized requests in a row to a JSON endpoint and to the legislation parser each read a 413 answer, none a reset', async () => {
    for (const path of ['/api/v1/auth/login', '/api/v1/legislation/parse']) {
      for (let i = 0; i < 20; i++) isTooLarge(await sendThenRead(path, 4 * 1024 * 1024 + i), `${path} #${i + 1}`, path);
      for (let i = 0; i < 5; i++) isTooLarge(await httpRequest(path, 2 * 1024 * 1024 + 1024 + i), `${path} http.request #${i + 1}`, path);
    }
    // The connection that refused a body is closed; the server goes on answering.
    assert.equal((await t.request('GET', '/api/v1/health')).status, 200);
  });

  void test('a body declared far over the ceiling, or one sent without end, is not read past the ceiling', async () => {
    const declared = await flood('/api/v1/auth/login', 1024 * 1024 * 1024);
    assert.ok(declared.written < 4 * DRAIN_MAX_BYTES, `${declared.written} bytes went out before the server closed`);
    const endless = await flood('/api/v1/auth/login', null);
    assert.ok(endless.written < 4 * DRAIN_MAX_BYTES, `${endless.written} bytes went out before the server closed`);
    // Past the ceiling the answer goes out and the connection closes at once; a client still sending may see a reset then.
  });
});
