/**
 * How a raw environment value becomes a typed one, shared by the variables
 * of variables.ts. An empty value never reaches these: loadConfig drops it
 * first, so `KEY=` reads as unset.
 */
import { z } from 'zod';

/** A comma list of ids; unset is the empty list. */
export const list = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** true/false, 1/0 or yes/no; unset stays undefined, so the caller decides the default (SANDBOX). */
export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : ['true', '1', 'yes'].includes(value)));

export const url = z.url({ protocol: /^https?$/ });
export const port = z.coerce.number().int().min(0).max(65535);
export const token = z.string().trim().min(1).optional();
export const milliseconds = z.coerce.number().int().positive();

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow');

/** An http(s) address with `{id}` where the object's id goes: a dashboard link template. */
export const linkTemplate = z
  .string()
  .trim()
  .refine((value) => value.includes('{id}'), 'must contain {id} where the id goes')
  .refine((value) => {
    try {
      return /^https?:$/.test(new URL(value.replaceAll('{id}', 'id')).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) address such as https://dashboard.example.com/kyc/{id}')
  .optional();

/** Which Love&Pay customer field a merchant puts into another provider's reference (DESIGN.md, "Configuration"). */
export const customerReference = z.enum(['customer_id', 'email', 'phone']).default('customer_id');
