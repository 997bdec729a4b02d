const BASE = 'https://rapport.invalid';
// Browsers drop tabs and newlines from URLs and read "\" as "/": "/\t/evil" and "/\evil" both
// become "//evil", another host. Any of these, raw or percent-encoded, is refused outright.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSAFE = /[\\\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Where to go after sign-in: a path on this site, or `fallback`. Refuses anything a browser
 * could read as another origin ("//evil", "/\evil", "/%09/evil", "https://evil", ...).
 */
export function safeNext(raw: unknown, fallback = '/queue'): string {
  if (typeof raw !== 'string' || raw.length > 2000) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || UNSAFE.test(raw)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return fallback;
  }
  // A proxy or a later hop may decode once more: the decoded form must be as harmless.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (decoded.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(decoded)) return fallback;
  const url = new URL(raw, BASE);
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
