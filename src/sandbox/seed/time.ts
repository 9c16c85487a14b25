/** Time helpers for seed data: everything is placed relative to one anchor instant. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoDate = (ms: number): string => iso(ms).slice(0, 10);
export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);
