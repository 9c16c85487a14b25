import { describe, expect, it } from 'vitest';
import { maskCommandLine as maskParsed } from '../../src/commands/audit.js';
import { parseCommand } from '../../src/commands/parse.js';

/** The audit masks a line with the parse its command ran on. */
const maskCommandLine = (line: string): string => maskParsed(line, parseCommand(line));

describe('maskCommandLine, for the audit log', () => {
  it.each([
    ['/customer +7 999 123-45-67', '/customer +7 999 ***-**-67'],
    ['/customer 89991234567', '/customer +7 999 ***-**-67'],
    ['/customer ivan.petrov@example.com', '/customer i***@example.com'],
    ['/customer Иван Петров kyc:verified', '/customer И*** П. kyc:verified'],
    ['/customer Ivan level:2 page:3', '/customer I*** level:2 page:3'],
  ])('masks the personal data in %s', (line, audited) => {
    expect(maskCommandLine(line)).toBe(audited);
  });

  it.each([
    ['/kyc approved page:2', '/kyc approved page:2'],
    ['/kyc 550e8400-e29b-41d4-a716-446655440000', '/kyc 550e8400-e29b-41d4-a716-446655440000'],
    ['/check 7 watch', '/check 7 watch'],
    ['/kyc vs_1NuvQ2LkdIwHu7ix', '/kyc vs_1NuvQ2LkdIwHu7ix'],
    ['/kyc audit', '/kyc audit 20'],
  ])('keeps lines without personal data readable: %s', (line, audited) => {
    expect(maskCommandLine(line)).toBe(audited);
  });

  it('keeps only safe words of a line that does not parse', () => {
    expect(maskCommandLine('/customer Ivan Petrov +79991234567 bogus:filter')).toBe('/customer *** *** *** ***');
    expect(maskCommandLine('/kyc aproved 550e8400-e29b-41d4-a716-446655440000')).toBe(
      '/kyc *** 550e8400-e29b-41d4-a716-446655440000',
    );
  });

  it.each([
    ['/kyc 4510 123456', '/kyc *** ***'],
    ['/receipt 999 123 45 67', '/receipt *** *** *** ***'],
    ['/customer level:Petrov', '/customer ***'],
  ])('masks numbers and filter-shaped words of a line that does not parse: %s', (line, audited) => {
    expect(maskCommandLine(line)).toBe(audited);
  });

  it('cuts long lines and drops control characters', () => {
    const audited = maskCommandLine(`/kyc ${'x\u0007'.repeat(5_000)}`);
    expect(audited.length).toBeLessThanOrEqual(200);
    expect(audited).not.toMatch(/[\u0000-\u001f]/);
  });
});
