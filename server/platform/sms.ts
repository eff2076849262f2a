// The one text-message (SMS) sender: an HTTP gateway named by the environment (YISHI_SMS_URL,
// optional YISHI_SMS_TOKEN sent as a bearer token, optional YISHI_SMS_SIGN, the signature in 【】).
// Each message is POSTed as JSON {to, text, sign}; anything but a 2xx answer is a failure
// (TextDeliveryFailed). Without YISHI_SMS_URL there is no sender and nothing is sent. Used for
// citizens' verification codes (opinions) and for reminders (oversight); read on every use, so a
// restart is not needed to change it.

export interface TextMessage {
  to: string;
  /** The text without the signature; the sender puts 【sign】 in front. */
  text: string;
  /** The signature when YISHI_SMS_SIGN is not set (usually the congress's name). */
  sign: string;
}

export interface TextSender {
  /** Sends the message; returns what the gateway answered (for the delivery record), or throws TextDeliveryFailed. */
  send(message: TextMessage): Promise<string | null>;
}

export class TextDeliveryFailed extends Error {
  constructor(readonly reason: string) {
    super(`SMS delivery failed: ${reason}`);
  }
}

export function httpTextSender(url: string, token: string | undefined, sign: string | undefined): TextSender {
  return {
    async send(m) {
      const signature = sign ?? m.sign;
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ to: m.to, text: `【${signature}】${m.text}`, sign: signature }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (e) {
        throw new TextDeliveryFailed(e instanceof Error ? e.message : String(e));
      }
      if (!res.ok) throw new TextDeliveryFailed(`gateway answered ${String(res.status)}`);
      const answer = (await res.text().catch(() => '')).slice(0, 500);
      return answer === '' ? null : answer;
    },
  };
}

/** The gateway named by YISHI_SMS_URL, or null when SMS is not configured. */
export function textSenderFromEnv(env: NodeJS.ProcessEnv = process.env): TextSender | null {
  const url = env.YISHI_SMS_URL?.trim();
  return url ? httpTextSender(url, env.YISHI_SMS_TOKEN?.trim() || undefined, env.YISHI_SMS_SIGN?.trim() || undefined) : null;
}
