// A stand-in SMS gateway for tests: a real local HTTP server that records what it is asked to
// send ({to, text, sign} and the Authorization header), or answers 503 while `refuse` is set.
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsGateway {
  /** The address to put in YISHI_SMS_URL. */
  url: string;
  sent: { auth: string | undefined; body: { to: string; text: string; sign: string } }[];
  refuse: boolean;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString('utf8')));
    req.on('end', () => resolve(s));
  });

export async function startSmsGateway(): Promise<SmsGateway> {
  const gw: Omit<SmsGateway, 'url' | 'close'> = { sent: [], refuse: false };
  const server = createServer((req, res) => {
    void readBody(req).then((s) => {
      if (gw.refuse) {
        res.writeHead(503).end('busy');
        return;
      }
      gw.sent.push({ auth: req.headers.authorization, body: JSON.parse(s) as SmsGateway['sent'][number]['body'] });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"id":"sms-1"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(gw, {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/send`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}
