import type { Verification } from './schemas.js';

/** The name Love&Pay verified: fullName, else the parts it gave; null before a verification. */
export function verifiedName(verification: Verification | null | undefined): string | null {
  if (!verification) return null;
  const parts = [verification.firstName, verification.middleName, verification.lastName];
  const name = verification.fullName ?? parts.filter(Boolean).join(' ');
  return name.trim() || null;
}
