/**
 * Task ids: 12 characters of Crockford base32 (no i, l, o, u), lowercase, so they are short
 * enough to type, safe in file names, and unambiguous by a short prefix.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const ID_LENGTH = 12;
const ID_PATTERN = new RegExp(`^[${ALPHABET}]{${ID_LENGTH}}$`);

export function newId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(ID_LENGTH));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 31];
  return id;
}

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** True when `prefix` could start an id (used to validate user input before a lookup). */
export function isIdPrefix(value: string): boolean {
  return value.length > 0 && value.length <= ID_LENGTH && [...value].every((c) => ALPHABET.includes(c));
}
