/** Checksums and validity tests that keep PII detection from redacting ordinary numbers. */

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISO 13616 mod-97 check on an IBAN without spaces, upper-case. */
export function ibanValid(iban: string): boolean {
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/** IBAN lengths by country, for the countries our customers bank in. Others: any valid length. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  DK: 18,
  FO: 18,
  GL: 18,
  NO: 15,
  SE: 24,
  FI: 18,
  DE: 22,
  GB: 22,
  IE: 22,
  NL: 18,
  BE: 16,
  FR: 27,
  ES: 24,
  IT: 27,
  PT: 25,
  AT: 20,
  CH: 21,
  PL: 28,
  LU: 20,
  IS: 26,
  EE: 20,
  LV: 21,
  LT: 20,
  CZ: 24,
};

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A Danish CPR number's first six digits are a valid date (ddmmyy; 29 Feb allowed as the century is unknown). */
export function cprDateValid(digits: string): boolean {
  if (digits.length !== 10) return false;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  if (month < 1 || month > 12) return false;
  return day >= 1 && day <= (DAYS_IN_MONTH[month - 1] as number);
}

/** US SSN area/group/serial rules: no 000, 666 or 9xx area, no 00 group, no 0000 serial. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  return group !== '00' && serial !== '0000';
}
