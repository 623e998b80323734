import { randomInt } from "node:crypto";

/** No 0/O, 1/I/L: codes are read aloud and typed from paper. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const INVITE_CODE_LENGTH = 8;

export function generateInviteCode(): string {
  return Array.from({ length: INVITE_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]!).join("");
}

/** What people type: lower case, spaces, dashes, full-width letters from a Chinese IME. */
export function normalizeInviteCode(input: string): string {
  return input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_]/g, "");
}

export function isInviteCodeShape(code: string): boolean {
  return code.length === INVITE_CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c));
}
