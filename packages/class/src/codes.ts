import { randomBytes } from 'node:crypto';

/** Letters and digits a class can read aloud and type without confusion (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * A seat's code: 12 characters from a 31-letter alphabet (about 59 bits, from the system's
 * cryptographic generator), shown as XXXX-XXXX-XXXX. Unguessable: a connection that tries ten wrong
 * codes is closed (server.ts).
 */
export function seatCode(): string {
  const bytes = randomBytes(24);
  let out = '';
  // Rejection sampling keeps every letter equally likely.
  for (const b of bytes) {
    if (b >= 248) continue;
    out += ALPHABET[b % ALPHABET.length];
    if (out.length === 12) break;
  }
  return out.length === 12 ? `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}` : seatCode();
}
