import webPush from 'web-push';
import type { PushSubscription, VapidKeys } from '../../store/records/reminders.ts';

/**
 * One Web Push message to one browser (RFC 8030, payload encrypted per RFC 8291 with aes128gcm,
 * signed per RFC 8292 VAPID). The library builds the encrypted request; it is sent with fetch so the
 * time allowed is ours and the answer's status tells what to do next.
 */
export interface PushMessage {
  title: string;
  body: string;
  /** Where the notification opens the app. */
  url: string;
}

export type PushResult =
  /** The push service took the message. */
  | { outcome: 'accepted' }
  /** The browser unsubscribed or the subscription expired (404/410): forget it. */
  | { outcome: 'gone'; status: number }
  /** Worth trying again later (429, 5xx, no answer). */
  | { outcome: 'retry'; reason: string }
  /** Refused for good (any other 4xx). */
  | { outcome: 'refused'; reason: string };

export interface PushSender {
  /** The VAPID subject: a mailto: or https: address the push service can reach the clinic at. */
  subject: string;
  keys: VapidKeys;
  /** How long the push service should keep trying to deliver, in seconds. */
  ttlSeconds: number;
  /** How long to wait for the push service's answer, in milliseconds. */
  timeoutMs: number;
}

/**
 * Who push services can write to about this server's pushes (RFC 8292 "sub"): the clinic's email
 * (MYOTROPHY_CLINIC_EMAIL), else its https public address; else a placeholder some push services
 * refuse, which docs/reminders.md tells the administrator to replace.
 */
export function vapidSubject(clinicEmail: string | undefined, publicUrl: string | undefined): string {
  if (clinicEmail) return `mailto:${clinicEmail}`;
  if (publicUrl?.startsWith('https://')) return publicUrl;
  return 'mailto:reminders@myotrophy.invalid';
}

export function makeVapidKeys(): VapidKeys {
  return webPush.generateVAPIDKeys();
}

export async function sendPush(
  sender: PushSender,
  subscription: PushSubscription,
  message: PushMessage,
): Promise<PushResult> {
  const request = webPush.generateRequestDetails(subscription, JSON.stringify(message), {
    vapidDetails: { subject: sender.subject, ...sender.keys },
    TTL: sender.ttlSeconds,
    contentEncoding: 'aes128gcm',
    urgency: 'normal',
  });
  let response: Response;
  try {
    response = await fetch(request.endpoint, {
      method: 'POST',
      headers: request.headers as Record<string, string>,
      body: request.body ?? null,
      redirect: 'error',
      signal: AbortSignal.timeout(sender.timeoutMs),
    });
  } catch (error) {
    return { outcome: 'retry', reason: `no answer from the push service: ${(error as Error).message}` };
  }
  await response.body?.cancel();
  if (response.ok) return { outcome: 'accepted' };
  if (response.status === 404 || response.status === 410) return { outcome: 'gone', status: response.status };
  const reason = `the push service answered ${response.status}`;
  return response.status === 429 || response.status >= 500
    ? { outcome: 'retry', reason }
    : { outcome: 'refused', reason };
}
