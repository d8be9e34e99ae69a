import { storage } from './local-storage.js';

/**
 * Whether this browser signed a case's petition: a flag per case in `localStorage`, nothing about who
 * signed. The outbox sets it on delivery; the petition reads it to thank a returning supporter.
 */
const SIGNED_PREFIX = 'w4r-signed:';

/** Remembers that this browser signed a case's petition. */
export function rememberSigned(caseId: string): void {
  try {
    storage()?.setItem(SIGNED_PREFIX + caseId, '1');
  } catch {
    // Nowhere to remember it: the petition simply offers the form again next time.
  }
}

/** True when this browser signed the case's petition before. */
export function hasSigned(caseId: string): boolean {
  try {
    return storage()?.getItem(SIGNED_PREFIX + caseId) === '1';
  } catch {
    return false;
  }
}

/** Forgets that this browser signed, for someone else signing on the same device. */
export function forgetSigned(caseId: string): void {
  try {
    storage()?.removeItem(SIGNED_PREFIX + caseId);
  } catch {
    // nothing remembered
  }
}
