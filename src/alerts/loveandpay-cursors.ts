import type { FinalStatus } from './loveandpay-event.js';

/** How many sessions of each final list are accounted for: every id among them is recorded. */
export const LOVEANDPAY_TOTALS_CURSOR = 'loveandpay:final-totals';
export type FinalTotals = Record<FinalStatus, number>;

/** When the last complete walk of both lists finished (ISO 8601), so a restart does not walk again at once. */
export const LOVEANDPAY_RECONCILED_CURSOR = 'loveandpay:reconciled-at';
