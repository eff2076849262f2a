// Outgoing mail. With YISHI_SMTP_URL set (smtp://user:pass@host:587), mail goes through that
// server. Without it, nodemailer's jsonTransport renders each message and nothing leaves the
// machine: the rendering is kept in the mail_outbox table (as is every message sent by SMTP), so
// the office and tests can read what was, or would have been, sent. The recipient and the
// rendering (which names the recipient) are kept field-encrypted, like citizens' personal data.
import nodemailer from 'nodemailer';
import { newId, nowIso } from '../../platform/clock.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Conn } from '../../platform/db.ts';

export interface Mail {
  congressId: string;
  to: string;
  subject: string;
  text: string;
}

const FROM = process.env.YISHI_MAIL_FROM ?? 'Yishi 议事 <no-reply@yishi.local>';

export const outboxContext = (column: 'to' | 'message', id: string): string => `mail_outbox.${column}:${id}`;

/** Sends (or renders) the mail and keeps it in the outbox, encrypted with `enc` (the congress's cipher). */
export async function sendMail(conn: Conn, enc: FieldCrypto, mail: Mail): Promise<void> {
  const smtp = process.env.YISHI_SMTP_URL;
  const transport = smtp ? nodemailer.createTransport(smtp) : nodemailer.createTransport({ jsonTransport: true });
  const info = (await transport.sendMail({ from: FROM, to: mail.to, subject: mail.subject, text: mail.text })) as { message?: unknown; response?: unknown };
  const message = typeof info.message === 'string' ? info.message : JSON.stringify(info.response ?? info.message ?? null);
  const id = newId();
  await conn
    .insertInto('mail_outbox')
    .values({
      id,
      congress_id: mail.congressId,
      to_enc: enc.encrypt(mail.to, outboxContext('to', id)),
      subject: mail.subject,
      text: mail.text,
      message_enc: enc.encrypt(message, outboxContext('message', id)),
      transport: smtp ? 'smtp' : 'json',
      created_at: nowIso(),
    })
    .execute();
}
