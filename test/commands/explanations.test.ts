import { describe, expect, it } from 'vitest';
import { explainCheckError } from '../../src/commands/check.js';
import { COMMAND_STRINGS } from '../../src/present/i18n/commands.js';
import { BANK131_ERROR_CODES } from '../../src/providers/bank131/client.js';

/** Stripe API reference, VerificationSession.last_error.code (API version 2024-06-20). */
const STRIPE_LAST_ERROR_CODES = [
  'abandoned',
  'consent_declined',
  'country_not_supported',
  'device_not_supported',
  'document_expired',
  'document_type_not_supported',
  'document_unverified_other',
  'email_unverified_other',
  'email_verification_declined',
  'id_number_insufficient_document_data',
  'id_number_mismatch',
  'id_number_unverified_other',
  'phone_unverified_other',
  'phone_verification_declined',
  'selfie_document_missing_photo',
  'selfie_face_mismatch',
  'selfie_manipulated',
  'selfie_unverified_other',
  'under_supported_age',
];

describe('explanations of provider codes', () => {
  it.each(['en', 'ru'] as const)('explains every documented Stripe last_error code in %s', (locale) => {
    const errors = COMMAND_STRINGS[locale].stripe.errors;
    for (const code of STRIPE_LAST_ERROR_CODES) expect(errors[code], code).toMatch(/\S{3}/);
    expect(new Set(STRIPE_LAST_ERROR_CODES.map((code) => errors[code])).size).toBe(STRIPE_LAST_ERROR_CODES.length);
  });

  it('says selfie_face_mismatch the way people say it', () => {
    expect(COMMAND_STRINGS.en.stripe.errors.selfie_face_mismatch).toBe('selfie does not match the document');
  });

  it.each(['en', 'ru'] as const)('explains every documented Bank 131 error code in %s', (locale) => {
    const t = COMMAND_STRINGS[locale];
    for (const code of BANK131_ERROR_CODES) {
      const words = explainCheckError(code, t);
      expect(words, code).not.toBe(t.check.unknownCode(code));
      expect(words).not.toContain(code.replace(/_/g, ' '));
    }
  });

  it('names a code nobody documented instead of hiding it', () => {
    expect(explainCheckError('new_code', COMMAND_STRINGS.en)).toBe('Bank 131 reported new_code');
  });

  it('gives both languages the same keys in every table', () => {
    const { en, ru } = COMMAND_STRINGS;
    const tables = (t: typeof en) => [t.stripe.errors, t.check.codes, t.errors.codes, t.usage.problems, t.customer.trustLevels, t.kycList.statuses];
    tables(en).forEach((table, i) => expect(Object.keys(tables(ru)[i]!).sort()).toEqual(Object.keys(table).sort()));
  });
});
