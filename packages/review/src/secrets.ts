import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt with N=2^15, r=8, p=1: ~32 MiB and tens of milliseconds per hash, the OWASP baseline.
const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem!,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to spend the same time on unknown user names as on known ones. */
export const DUMMY_PASSWORD_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * A readable random password for a new or reset account, shown once: 18 characters from a
 * 57-letter alphabet without look-alikes (~105 bits). 256 is not a multiple of 57, so bytes
 * past the last whole multiple are drawn again rather than biasing the first letters.
 */
export function newPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < 18)
    for (const b of randomBytes(32)) if (b < limit && out.length < 18) out += alphabet[b % alphabet.length];
  return out;
}

/** A random secret for sessions and API tokens: 256 bits, URL-safe. */
export const newSecret = () => randomBytes(32).toString('base64url');

/**
 * Sessions and API tokens are 256-bit random secrets, so a plain SHA-256 is enough at rest (no
 * dictionary to attack, unlike passwords) and keeps per-request verification cheap.
 */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Equal-length, constant-time comparison of two hex or base64url strings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
