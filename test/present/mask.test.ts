import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createMasker,
  maskDateOfBirth,
  maskDocumentNumber,
  maskEmail,
  maskName,
  maskPhone,
} from '../../src/present/mask.js';

describe('masking personal data', () => {
  it.each([
    ['+79991234567', '+7 999 ***-**-67'],
    ['89991234567', '+7 999 ***-**-67'],
    ['+7 (999) 123-45-67', '+7 999 ***-**-67'],
    ['+380501234567', '+3805 ***67'],
    ['123', '***'],
  ])('masks the phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['client@example.com', 'c***@example.com'],
    ['иван@почта.рф', 'и***@почта.рф'],
    ['not-an-email', '***'],
  ])('masks the email %s as %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it.each([
    ['Иван Иванов', 'Иван И.'],
    ['Иван Иванович Иванов', 'Иван И. И.'],
    ['  мария   петрова ', 'мария П.'],
    ['Cher', 'Cher'],
  ])('shortens the name %s to %s', (name, short) => {
    expect(maskName(name)).toBe(short);
  });

  it('keeps only the year of a date of birth and the last two characters of a document number', () => {
    expect(maskDateOfBirth('1990-01-15')).toBe('**.**.1990');
    expect(maskDateOfBirth('garbage')).toBe('**.**.****');
    expect(maskDocumentNumber('****1234')).toBe('****34');
    expect(maskDocumentNumber('4510 123456')).toBe('****56');
  });

  it('never lets more than the last two digits of a Russian phone through', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^9\d{9}$/), (rest) => {
        const masked = maskPhone(`+7${rest}`);
        expect(masked).toBe(`+7 ${rest.slice(0, 3)} ***-**-${rest.slice(-2)}`);
        expect(masked).not.toContain(rest.slice(3, 8));
      }),
    );
  });
});

describe('the masker a reply uses', () => {
  it('masks everything for a viewer and reports nothing unmasked', () => {
    const mask = createMasker(false);
    expect(mask.phone('+79991234567')).toBe('+7 999 ***-**-67');
    expect(mask.email('client@example.com')).toBe('c***@example.com');
    expect(mask.name('Иван Иванов')).toBe('Иван И.');
    expect(mask.dateOfBirth('1990-01-15')).toBe('**.**.1990');
    expect(mask.documentNumber('****1234')).toBe('****34');
    expect(mask.unmasked).toBe(false);
  });

  it('shows full values to an admin and remembers that it did', () => {
    const mask = createMasker(true, { day: (value) => `day ${value}` });
    expect(mask.unmasked).toBe(false);
    expect(mask.phone('+79991234567')).toBe('+79991234567');
    expect(mask.unmasked).toBe(true);
    expect(mask.name('Иван Иванович Иванов')).toBe('Иван Иванович Иванов');
    expect(mask.dateOfBirth('1990-01-15')).toBe('day 1990-01-15');
  });
});
