/**
 * Index records this process wrote a moment ago (issue 20), so a lookup that
 * shows the same verifications again writes nothing: the click on Next shows
 * the page the read-ahead already recorded, Prev shows a page recorded a
 * minute ago, ten people open the same session. The store's upsert leaves an
 * unchanged row as it is (store/sqlite/verifications.ts, VERIFICATION_CHANGED),
 * so skipping the write of an unchanged record only saves the write; a record
 * that differs in anything the index keeps is written.
 *
 * Bounded in entries (the oldest go first) and in time: after `keepMs` a
 * record is written again, so a row removed meanwhile comes back.
 */
import type { VerificationRecord } from '../domain/verification.js';

export interface RecentlyRememberedOptions {
  /** Records kept at most (default 5,000). */
  maxEntries?: number;
  /** How long a written record is taken as written (default a minute, as long as a page is kept). */
  keepMs?: number;
}

export class RecentlyRemembered {
  private readonly written = new Map<string, { fingerprint: string; at: number }>();
  private readonly maxEntries: number;
  private readonly keepMs: number;

  constructor(options: RecentlyRememberedOptions = {}) {
    this.maxEntries = options.maxEntries ?? 5_000;
    this.keepMs = options.keepMs ?? 60_000;
  }

  /** The records not written, as they are, within keepMs of `now`. */
  unwritten(records: readonly VerificationRecord[], now: number): VerificationRecord[] {
    return records.filter((record) => {
      const seen = this.written.get(keyOf(record));
      return !seen || now - seen.at >= this.keepMs || seen.fingerprint !== fingerprintOf(record);
    });
  }

  /** Notes records the store has just taken. */
  wrote(records: readonly VerificationRecord[], now: number): void {
    for (const record of records) {
      const key = keyOf(record);
      this.written.delete(key);
      this.written.set(key, { fingerprint: fingerprintOf(record), at: now });
    }
    for (const key of this.written.keys()) {
      if (this.written.size <= this.maxEntries) break;
      this.written.delete(key);
    }
  }
}

const keyOf = (record: VerificationRecord): string => `${record.provider}/${record.objectId}`;

/** Every field the index keeps of a record. */
const fingerprintOf = (record: VerificationRecord): string =>
  [record.customerRef, record.outcome, record.native, record.reason, record.startedAt?.getTime(), record.decidedAt?.getTime()].join('\u0000');
