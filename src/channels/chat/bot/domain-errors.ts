/** Domain error codes as chat replies. */
import { isDomainError, type ErrorCode } from '../../../domain/shared/errors';
import { refusalOf, type Refusal } from '../../../domain/shared/refusal';

export type ErrorReply =
  | { kind: 'reprompt'; key: 'error.validation' | 'error.refused' | 'error.not-allowed'; reason: string; refusal?: Refusal }
  | { kind: 'verify' }
  | { kind: 'unexpected' };

const VALIDATION: ErrorCode[] = ['VALIDATION_FAILED', 'AMOUNT_NOT_VALID', 'LIMIT_EXCEEDED', 'REASON_REQUIRED', 'REASON_NOT_VALID', 'STEP_NOT_VALID', 'QUOTE_EXPIRED'];
/** Sign-up answers to correct: a wrong or expired one-time code, an email or number already on an account. */
const SIGN_UP: ErrorCode[] = ['VERIFICATION_FAILED', 'CODE_EXPIRED', 'DUPLICATE'];
const REFUSED: ErrorCode[] = ['ITEM_NOT_ADJUSTABLE', 'SERVICE_NOT_CANCELLABLE', 'MODIFICATION_NOT_ALLOWED', 'SERVICE_NOT_MODIFIABLE', 'EXTENSION_NOT_ALLOWED', 'NOT_SERVICEABLE', 'PRODUCT_NOT_SELLABLE', 'PRODUCT_INCOMPATIBLE'];

export const reasonKey = (code: ErrorCode): string => `reason.${code.toLowerCase().replace(/_/g, '-')}`;

export function classify(err: unknown): ErrorReply & { code?: ErrorCode } {
  if (!isDomainError(err)) return { kind: 'unexpected' };
  if (err.code === 'NOT_VERIFIED' || err.code === 'NOT_IDENTIFIED') return { kind: 'verify', code: err.code };
  // A refusal that explains itself is worded from its reason code and facts.
  const refusal = refusalOf(err);
  if (refusal) return { kind: 'reprompt', key: 'error.refused', reason: reasonKey(err.code), code: err.code, refusal };
  if (VALIDATION.includes(err.code) || SIGN_UP.includes(err.code)) return { kind: 'reprompt', key: 'error.validation', reason: reasonKey(err.code), code: err.code };
  if (REFUSED.includes(err.code)) return { kind: 'reprompt', key: err.code === 'ITEM_NOT_ADJUSTABLE' || err.code.startsWith('SERVICE') ? 'error.not-allowed' : 'error.refused', reason: reasonKey(err.code), code: err.code };
  return { kind: 'unexpected', code: err.code };
}
