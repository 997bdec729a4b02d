/**
 * Character classes for PII detection, by code unit. People paste numbers from bank apps (no-break
 * spaces), word processors (en dashes) and East Asian input methods (full-width digits), so each
 * class takes those forms as well as the ASCII ones.
 */
import { isWordCode } from '../text/chars.js';

/** The value of an ASCII or full-width digit, or -1. */
export function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || isAsciiLetter(c);
}

/** A letter (any script) that is not a digit: the end of a label glued to a number, as in "Visa4111". */
export function isLetterCode(c: number): boolean {
  return digitValue(c) < 0 && isWordCode(c);
}

export const SEP_SPACE = 1;
export const SEP_DASH = 2;
export const SEP_DOT = 3;

/** The kind of separator between digit groups ("4111 1111", "150782-1234", "12.34"), or 0. */
export function separatorKind(c: number): number {
  switch (c) {
    case 32: // space
    case 0xa0: // no-break space
    case 0x2009: // thin space
    case 0x202f: // narrow no-break space
    case 0x3000: // ideographic space
      return SEP_SPACE;
    case 45: // hyphen-minus
    case 0x2010: // hyphen
    case 0x2011: // non-breaking hyphen
    case 0x2013: // en dash
    case 0xff0d: // full-width hyphen-minus
      return SEP_DASH;
    case 46:
    case 0xff0e:
      return SEP_DOT;
    default:
      return 0;
  }
}

export const isPlus = (c: number): boolean => c === 43 || c === 0xff0b;
export const isOpenParen = (c: number): boolean => c === 40 || c === 0xff08;
export const isCloseParen = (c: number): boolean => c === 41 || c === 0xff09;
export const isAt = (c: number): boolean => c === 64 || c === 0xff20;
