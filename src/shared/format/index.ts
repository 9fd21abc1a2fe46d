/**
 * The one formatter: every value a customer reads or hears (money, dates, months, times in the
 * operator's time zone, phone numbers, account numbers and other identifiers, counts), per locale,
 * in the medium's form. Text (chat, portal, console) is written as people write it
 * ("$42.50", "December 3, 2026", "(618) 555-0142"); speech (the IVR) is said in words
 * ("forty-two dollars and fifty cents", "December 3rd", "6 1 8, 5 5 5, 0 1 4 2").
 * The wording catalog's engine (src/shared/wording/render.ts) formats every fact through one of
 * these before a message says it.
 */
export * from './locale-format';
export { speakFact, speakMoney, speakDate, speakMonth, keyName, type Locale as SpeechLocale } from './speech/speak-facts';
export { speakText } from './speech/speak-text';
export { speakDigits, speakPhoneNumber, identifiersSpoken } from './speech/speak-identifier';
