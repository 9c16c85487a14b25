/**
 * The set the full Love&Pay walk checks 100,000 ids against (uuid-set.ts):
 * it must answer exactly as a Set<string> of the same ids would.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UuidSet } from '../../src/alerts/uuid-set.js';

describe('UuidSet', () => {
  it('answers as a Set of strings would, across growth, for UUIDs and for any other id', () => {
    const uuids = Array.from({ length: 5_000 }, () => randomUUID());
    const others = ['', 'not-a-uuid', uuids[0]!.toUpperCase(), `${uuids[1]!.slice(0, 35)}g`, `${uuids[2]!} `, uuids[3]!.replaceAll('-', '_'), 'ё'.repeat(36)];
    const kept = [...uuids.slice(0, 2_500), ...others.slice(0, 4), '00000000-0000-0000-0000-000000000000'];
    const set = new UuidSet();
    const oracle = new Set<string>();
    for (const id of kept) {
      set.add(id);
      oracle.add(id);
    }
    set.add(kept[0]!);
    expect(set.size).toBe(oracle.size);
    const asked = [...uuids, ...others, '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000001'];
    expect(asked.map((id) => set.has(id))).toEqual(asked.map((id) => oracle.has(id)));
    expect(set.has(uuids[0]!)).toBe(true);
    // Upper case is another string, as in a Set; only the one added is known.
    expect(set.has(uuids[5]!.toUpperCase())).toBe(false);
    expect(set.has(uuids[0]!.toUpperCase())).toBe(true);
    expect(set.has(uuids[4_999]!)).toBe(false);
  });

  it('tells apart UUIDs that differ in one hex digit anywhere', () => {
    const base = '0123abcd-4567-89ef-0123-456789abcdef';
    const set = UuidSet.of([base]);
    for (let i = 0; i < base.length; i += 1) {
      if (base[i] === '-') continue;
      const other = `${base.slice(0, i)}${base[i] === 'f' ? 'e' : 'f'}${base.slice(i + 1)}`;
      expect(set.has(other)).toBe(false);
    }
    expect(set.has(base)).toBe(true);
  });
});
