/**
 * Advisory lock keys, in the two-int4 key space: (namespace, purpose). The
 * namespace keeps KYC Desk's locks apart from any other application's on a
 * shared database (postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS).
 */
export const LOCK = {
  /** "KYCD" in ASCII. */
  namespace: 0x4b594344,
  /** Transaction lock: one replica migrates at a time. */
  migrate: 1,
  /** Transaction lock: outbox claims run one at a time, so the one-worker-per-chat check cannot race. */
  claim: 2,
  /** Session lock: the one replica that sweeps. */
  sweeper: 3,
  /** Transaction lock: replicas starting together apply the static chat list one at a time. */
  staticSync: 4,
  /** Keys hashed from names (hashtext) live here, apart from the fixed purposes above. */
  hashedNamespace: 0x4b594345,
} as const;
