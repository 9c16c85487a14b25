/**
 * A set of ids for the 100,000 a full walk checks (known-final-ids.ts):
 * lowercase UUIDs are kept as their 128 bits in one typed array (open
 * addressing, linear probing), about 40 bytes an id with the table's spare
 * room instead of about 90 as strings in a Set, and a lookup reads one slot
 * rather than a string elsewhere in the heap (100,000 lookups: 22 ms against
 * 40 with a Set of strings, npm run bench, issue 20). Any other id (upper
 * case, not a UUID) is kept as its string beside them, so the set answers
 * exactly as a Set<string> would.
 */
const WORDS = 4;
const EMPTY = 0;
const FILLED = 1;

/** Hex digit values by char code; -1 for anything else (upper case included: such ids stay strings). */
const HEX = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 10; digit += 1) HEX[48 + digit] = digit;
for (let letter = 0; letter < 6; letter += 1) HEX[97 + letter] = 10 + letter;

export class UuidSet {
  private slots: Int32Array;
  private state: Uint8Array;
  private mask: number;
  private filled = 0;
  private readonly others = new Set<string>();
  /** Scratch for one parsed id: no allocation per lookup. */
  private readonly key = new Int32Array(WORDS);

  constructor(expected = 0) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * WORDS);
    this.state = new Uint8Array(capacity);
    this.mask = capacity - 1;
  }

  static of(ids: Iterable<string>, expected = 0): UuidSet {
    const set = new UuidSet(expected);
    for (const id of ids) set.add(id);
    return set;
  }

  get size(): number {
    return this.filled + this.others.size;
  }

  has(id: string): boolean {
    if (!readUuid(id, this.key)) return this.others.has(id);
    return this.find(this.key) >= 0;
  }

  add(id: string): void {
    if (!readUuid(id, this.key)) {
      this.others.add(id);
      return;
    }
    if (this.find(this.key) >= 0) return;
    if ((this.filled + 1) * 2 > this.state.length) this.grow();
    this.put(this.key);
  }

  /** The key's slot, or -1 when it is not in the set. */
  private find(key: Int32Array): number {
    for (let slot = hash(key) & this.mask; ; slot = (slot + 1) & this.mask) {
      if (this.state[slot] === EMPTY) return -1;
      const at = slot * WORDS;
      const { slots } = this;
      if (slots[at] === key[0] && slots[at + 1] === key[1] && slots[at + 2] === key[2] && slots[at + 3] === key[3]) return slot;
    }
  }

  private put(key: Int32Array): void {
    let slot = hash(key) & this.mask;
    while (this.state[slot] === FILLED) slot = (slot + 1) & this.mask;
    this.state[slot] = FILLED;
    this.slots.set(key, slot * WORDS);
    this.filled += 1;
  }

  private grow(): void {
    const { slots, state } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.state = new Uint8Array(state.length * 2);
    this.mask = this.state.length - 1;
    this.filled = 0;
    for (let slot = 0; slot < state.length; slot += 1) {
      if (state[slot] === FILLED) this.put(slots.subarray(slot * WORDS, slot * WORDS + WORDS));
    }
  }
}

/** UUID v4's random bits spread well; one multiply mixes the words. */
function hash(key: Int32Array): number {
  return Math.imul(key[0]! ^ key[2]!, 0x9e3779b1) ^ key[1]! ^ key[3]!;
}

/** A lowercase 8-4-4-4-12 UUID into four 32-bit words; false for anything else. */
function readUuid(id: string, key: Int32Array): boolean {
  if (id.length !== 36 || id.charCodeAt(8) !== 45 || id.charCodeAt(13) !== 45 || id.charCodeAt(18) !== 45 || id.charCodeAt(23) !== 45) return false;
  const a = hexWord(id, 0, 8, 0);
  const b = hexWord(id, 14, 4, hexWord(id, 9, 4, 0));
  const c = hexWord(id, 24, 4, hexWord(id, 19, 4, 0));
  const d = hexWord(id, 28, 8, 0);
  if (a === null || b === null || c === null || d === null) return false;
  key[0] = a;
  key[1] = b;
  key[2] = c;
  key[3] = d;
  return true;
}

/** `length` hex digits from `start`, shifted in after `high`; null at a non-hex character (or after a null). */
function hexWord(id: string, start: number, length: number, high: number | null): number | null {
  if (high === null) return null;
  let value = high;
  for (let i = start; i < start + length; i += 1) {
    const code = id.charCodeAt(i);
    const digit = code < 128 ? HEX[code]! : -1;
    if (digit < 0) return null;
    value = (value << 4) | digit;
  }
  return value;
}
