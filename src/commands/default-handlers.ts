import { check } from './check.js';
import { customerCheck } from './customer-check.js';
import { customerDetail } from './customer-detail.js';
import { customerSearch } from './customer-search.js';
import type { Handlers } from './handlers.js';
import { help } from './help.js';
import { kycList } from './kyc-list.js';
import { kycSession } from './kyc-session.js';
import { auditNotYet, subscribeNotYet, subscriptionsNotYet, watchNotYet } from './not-available.js';
import { receipt } from './receipt.js';
import { stripeSession } from './stripe-session.js';
import { stripeSessions } from './stripe-sessions.js';

/** Who answers what until another area registers its own handler. */
export const DEFAULT_HANDLERS: Handlers = {
  help,
  'kyc:list': kycList,
  'kyc:session': kycSession,
  'kyc:stripe-list': stripeSessions,
  'kyc:stripe-session': stripeSession,
  'kyc:subscribe': subscribeNotYet,
  'kyc:unsubscribe': subscribeNotYet,
  'kyc:subscriptions': subscriptionsNotYet,
  'kyc:audit': auditNotYet,
  'customer:search': customerSearch,
  'customer:check': customerCheck,
  'customer:detail': customerDetail,
  'receipt:detail': receipt,
  'check:detail': check,
  'check:watch': watchNotYet,
};
