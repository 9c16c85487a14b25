/** Love&Pay sessions the sweep benchmark's emulator holds (sweep.ts seeds them, sweep-child.ts walks them). */
export const SWEEP_SESSIONS = 100_000;
