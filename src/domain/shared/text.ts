/**
 * Free text a person gives us (names, addresses) is stored once and then read out on every channel:
 * a NUL or a lone surrogate in a name breaks TwiML, logs and exports for that customer from then on.
 * Such characters are refused, not silently dropped; what is kept is normalised (NFC, single spaces).
 */

/** Control characters (C0, DEL, C1), lone surrogates and bidirectional overrides/isolates. */
const UNSAFE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;

export const hasUnsafeChars = (text: string): boolean => UNSAFE.test(text);

/** NFC, every run of white space (including no-break spaces) as one space, trimmed. */
export const normaliseText = (text: string): string => text.normalize('NFC').replace(/\s+/gu, ' ').trim();

export const UNSAFE_TEXT_MESSAGE = 'must not contain control characters, invisible direction marks or broken characters';
