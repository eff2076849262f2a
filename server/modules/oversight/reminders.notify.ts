import nodemailer from 'nodemailer';
import { newId, nowIso } from '../../platform/clock.ts';
import type { Conn } from '../../platform/db.ts';
import { type TextSender, TextDeliveryFailed } from '../../platform/sms.ts';

// Reminders beyond the app (督办提醒). Every reminder is in the app (followup_reminders). With
// YISHI_SMTP_URL set (smtp://user:pass@host:587), each new reminder addressed to a handling unit is
// also emailed to that unit's users who have an address on their account; with YISHI_SMS_URL set
// (the one SMS sender, server/platform/sms.ts), it goes by text message to those who have a mobile
// number. Without them nothing is sent and nothing is recorded as sent: the reminder stays in the
// app. Each message is recorded once per reminder, channel and recipient with the transport's
// answer (reminder_deliveries), so a rerun of the job never sends it twice; a failure is recorded
// as failed, never as sent.

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}
/** What a nodemailer transport offers; tests pass a stream transport writing to a buffer. */
export interface ReminderMailer {
  sendMail(message: MailMessage): Promise<unknown>;
}

const FROM = (env: NodeJS.ProcessEnv): string => env.YISHI_MAIL_FROM ?? 'Yishi 议事 <no-reply@yishi.local>';

/** The SMTP transport named by YISHI_SMTP_URL, or null when email is not configured. Read on every run. */
export function reminderMailerFromEnv(env: NodeJS.ProcessEnv = process.env): ReminderMailer | null {
  const url = env.YISHI_SMTP_URL?.trim();
  return url ? nodemailer.createTransport(url) : null;
}

const KIND_ZH = { due_soon: '即将到期', overdue: '已逾期' } as const;

export function reminderMail(r: { kind: 'due_soon' | 'overdue'; title: string; due_date: string; organ: string | null }, to: string, from: string): MailMessage {
  return {
    from,
    to,
    subject: `【督办提醒】${r.title}${KIND_ZH[r.kind]}（${r.due_date}）`,
    text: `${r.organ ?? ''}：\n\n“${r.title}”的办理期限为${r.due_date}，现${KIND_ZH[r.kind]}。请登录系统查看并按期办理、报送办理情况。\n`,
  };
}

/** The reminder as a text message (the sender puts the signature in front). */
export function reminderText(r: { kind: 'due_soon' | 'overdue'; title: string; due_date: string; organ: string | null }): string {
  return `督办提醒：${r.organ ? `${r.organ}，` : ''}“${r.title}”的办理期限为${r.due_date}，现${KIND_ZH[r.kind]}。请登录系统查看并按期办理。`;
}

export interface ReminderChannels {
  mailer: ReminderMailer | null;
  sms: TextSender | null;
}

const distinct = (xs: readonly (string | null)[]): string[] => [...new Set(xs.map((x) => x?.trim() ?? '').filter((x) => x !== ''))];

/**
 * Sends the given reminders beyond the app: by email to their units' users with an address (when a
 * mailer is given), by text message to their units' users with a mobile number (when an SMS gateway
 * is given). Each recipient and channel at most once per reminder; a failure is recorded as failed.
 */
export async function notifyReminders(conn: Conn, congressId: string, reminderIds: readonly string[], channels: ReminderChannels, env: NodeJS.ProcessEnv = process.env): Promise<{ emailsSent: number; smsSent: number; failed: number }> {
  const out = { emailsSent: 0, smsSent: 0, failed: 0 };
  const { mailer, sms } = channels;
  if ((!mailer && !sms) || reminderIds.length === 0) return out;
  const from = FROM(env);
  const congress = await conn.selectFrom('congresses').select('name').where('id', '=', congressId).executeTakeFirst();
  const sign = congress?.name ?? '人大常委会';
  for (let i = 0; i < reminderIds.length; i += 500) {
    const reminders = await conn
      .selectFrom('followup_reminders')
      .selectAll()
      .where('congress_id', '=', congressId)
      .where('id', 'in', reminderIds.slice(i, i + 500))
      .where('unit_id', 'is not', null)
      .execute();
    for (const r of reminders) {
      const users = await conn
        .selectFrom('unit_users')
        .innerJoin('users', 'users.id', 'unit_users.user_id')
        .select(['users.email', 'users.mobile'])
        .where('unit_users.congress_id', '=', congressId)
        .where('unit_users.unit_id', '=', r.unit_id ?? '')
        .where('users.locked', '=', 0)
        .execute();
      const once = async (channel: 'email' | 'sms', to: string, send: () => Promise<string | null>): Promise<void> => {
        const done = await conn.selectFrom('reminder_deliveries').select('id').where('reminder_id', '=', r.id).where('channel', '=', channel).where('recipient', '=', to).executeTakeFirst();
        if (done) return;
        let status: 'sent' | 'failed' = 'sent';
        let detail: string | null = null;
        try {
          detail = await send();
        } catch (e) {
          status = 'failed';
          detail = e instanceof TextDeliveryFailed ? e.reason : e instanceof Error ? e.message : String(e);
        }
        await conn
          .insertInto('reminder_deliveries')
          .values({ id: newId(), congress_id: congressId, reminder_id: r.id, channel, recipient: to, status, detail, created_at: nowIso() })
          .onConflict((oc) => oc.columns(['reminder_id', 'channel', 'recipient']).doNothing())
          .execute();
        if (status === 'failed') out.failed += 1;
        else if (channel === 'email') out.emailsSent += 1;
        else out.smsSent += 1;
      };
      if (mailer) {
        for (const to of distinct(users.map((u) => u.email))) {
          await once('email', to, async () => {
            const info = (await mailer.sendMail(reminderMail(r, to, from))) as { messageId?: unknown; response?: unknown };
            return typeof info.response === 'string' ? info.response : typeof info.messageId === 'string' ? info.messageId : null;
          });
        }
      }
      if (sms) {
        for (const to of distinct(users.map((u) => u.mobile))) await once('sms', to, () => sms.send({ to, text: reminderText(r), sign }));
      }
    }
  }
  return out;
}
