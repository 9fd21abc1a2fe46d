/**
 * Domain errors carry a stable code that channels translate (HTTP status, a spoken apology,
 * a chat reply). The code is the contract; the message is for logs and developers.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'UNKNOWN_CUSTOMER',
  'NOT_IDENTIFIED',
  'NOT_VERIFIED',
  'VERIFICATION_FAILED',
  'ACCOUNT_LOCKED',
  'THROTTLED',
  'CODE_EXPIRED',
  'NOT_SERVICEABLE',
  'PRODUCT_NOT_SELLABLE',
  'PRODUCT_INCOMPATIBLE',
  'SERVICE_NOT_MODIFIABLE',
  'MODIFICATION_NOT_ALLOWED',
  'SERVICE_NOT_CANCELLABLE',
  'REASON_REQUIRED',
  'REASON_NOT_VALID',
  'ITEM_NOT_ADJUSTABLE',
  'AMOUNT_NOT_VALID',
  'LIMIT_EXCEEDED',
  'EXTENSION_NOT_ALLOWED',
  'QUOTE_EXPIRED',
  'CONFIRMATION_REQUIRED',
  'INTERACTION_CLOSED',
  'NOTHING_TO_RESUME',
  'STEP_NOT_VALID',
  'NOT_PERMITTED',
  'CONFLICT',
  'DUPLICATE',
  'BACKEND_UNAVAILABLE',
  'PHONE_ALREADY_REGISTERED',
  'ACCOUNT_NOT_IN_GOOD_STANDING',
  'ALREADY_HAVE_PRODUCT',
  'SERVICE_NOT_ON_ACCOUNT',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Safe, structured detail for the caller (never secrets). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, message, details);
}
