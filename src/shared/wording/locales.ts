/**
 * The languages the product serves, named once. Every channel's list (IVR flows, chat, portal,
 * formatter) is this one; adding a language starts here (README: "How to add a language").
 */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** The BCP 47 tag numbers, dates and plurals are formatted with, per language (the operator serves the US). */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en-US', es: 'es-US' };
