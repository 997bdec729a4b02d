import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signature checks, pure: the request's bytes and headers in, yes or no out. Every
 * comparison is constant-time so a forger learns nothing from response times.
 */
const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Zendesk: base64 HMAC-SHA256 of timestamp + body (X-Zendesk-Webhook-Signature[-Timestamp]). */
export function verifyZendesk(secret: string, timestamp: string, body: Buffer, signature: string): boolean {
  const expected = createHmac('sha256', secret).update(timestamp).update(body).digest('base64');
  return same(expected, signature);
}

/** Intercom: X-Hub-Signature is "sha1=" and the hex HMAC-SHA1 of the body with the app's client secret. */
export function verifyIntercom(secret: string, body: Buffer, header: string): boolean {
  const expected = `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
  return same(expected, header);
}

/**
 * Rapport's generic webhook: X-Rapport-Signature is "sha256=" and the hex HMAC-SHA256 of
 * `${X-Rapport-Timestamp}.${body}`; the timestamp is Unix seconds.
 */
export function signGeneric(secret: string, timestamp: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export const verifyGeneric = (secret: string, timestamp: string, body: Buffer, header: string): boolean =>
  same(signGeneric(secret, timestamp, body), header);

/** Whether a timestamp (Unix seconds or ISO-8601) is within the tolerance of now. */
export function freshEnough(timestamp: string, toleranceSec: number, nowMs: number): boolean {
  const ms = /^\d+$/.test(timestamp) ? Number(timestamp) * 1000 : Date.parse(timestamp);
  return Number.isFinite(ms) && Math.abs(nowMs - ms) <= toleranceSec * 1000;
}
