import { createHash } from 'node:crypto';
import { newSecret, sameSecret } from '@rapport/review';

/**
 * The sign-in form's CSRF guard before any session exists (login CSRF: another site signing a
 * victim into the attacker's account). The sign-in page sets a random pre-session cookie
 * (SameSite=Strict, so no other site's form carries it) and puts a token derived from it in the
 * form; the sign-in is accepted only with both, matching.
 */
export const LOGIN_CSRF_COOKIE = 'rapport_login';
/** How long a sign-in page stays usable. */
export const LOGIN_CSRF_MAX_AGE_S = 3600;

export const newLoginNonce = () => newSecret();

export const loginCsrfTokenOf = (nonce: string) =>
  createHash('sha256').update(`login-csrf:${nonce}`).digest('base64url');

export function loginCsrfMatches(nonce: string | undefined, presented: unknown): boolean {
  return (
    typeof nonce === 'string' &&
    nonce.length <= 100 &&
    typeof presented === 'string' &&
    sameSecret(loginCsrfTokenOf(nonce), presented)
  );
}
