import net from "node:net";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";

/**
 * Login rate limits, counted in PostgreSQL so every app instance sees them:
 * - per (client address, username): PAIR_FREE_FAILURES failures, then an exponential back-off
 *   (1 min, 2, 4, … up to an hour) before each further attempt. Another address's failures never
 *   touch this pair, so guessing at `admin` from the internet does not lock the administrator out,
 *   and one colleague's typos behind the office NAT do not lock the others;
 * - per client address (an IPv6 /64 counts as one): a far higher ceiling, ADDRESS_FREE_FAILURES, with
 *   the same back-off, against one address spraying many usernames.
 * Each attempt is counted *before* its password is checked, in one atomic upsert that refuses while
 * the key is locked; a success takes its count back. Concurrent guesses therefore queue on the row
 * and at most the free number of them ever reach the password check.
 */
export const PAIR_FREE_FAILURES = 5;
export const ADDRESS_FREE_FAILURES = 100;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;
// A key without a failure for this long starts afresh.
const FORGET_AFTER_MS = 24 * 60 * 60_000;

/** The address as counted: IPv4 (also when IPv6-mapped) whole, IPv6 by its /64 (one subscriber's). */
export function addressBucket(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (net.isIPv6(ip)) {
    const [head = "", tail = ""] = ip.toLowerCase().split("::");
    const left = head ? head.split(":") : [];
    const right = tail ? tail.split(":") : [];
    const groups = ip.includes("::")
      ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
      : left;
    return `${groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ""))
      .join(":")}::/64`;
  }
  return ip;
}

/** Usernames are compared as the accounts store them (case and width folded). */
function usernameKey(username: string): string {
  return username.normalize("NFKC").toLowerCase();
}

const pairKey = (ip: string, username: string) => `user ${addressBucket(ip)} ${usernameKey(username)}`;
const addressKey = (ip: string) => `ip ${addressBucket(ip)}`;

/** Counts one attempt on `key` unless it is locked; null when counted, else the ms until it unlocks. */
async function count(key: string, free: number): Promise<number | null> {
  const next = Prisma.sql`case when t.last_failure_at < now() - ${FORGET_AFTER_MS}::float8 * interval '1 millisecond' then 1 else t.failures + 1 end`;
  const rows = await prisma.$queryRaw<{ failures: number }[]>`
    insert into login_throttles as t (key, failures, locked_until, last_failure_at)
    values (${key}, 1, case when ${free}::int <= 1 then now() + ${BASE_LOCK_MS}::float8 * interval '1 millisecond' end, now())
    on conflict (key) do update set
      failures = ${next},
      last_failure_at = now(),
      locked_until = case when ${next} >= ${free}::int
        then now() + least(${BASE_LOCK_MS}::float8 * power(2, ${next} - ${free}::int), ${MAX_LOCK_MS}::float8) * interval '1 millisecond' end
    where t.locked_until is null or t.locked_until <= now()
    returning t.failures`;
  if (rows.length > 0) return null;
  const [lock] = await prisma.$queryRaw<{ ms: number }[]>`
    select greatest(0, extract(epoch from (locked_until - now())) * 1000)::float8 as ms from login_throttles where key = ${key}`;
  return Math.max(1000, lock?.ms ?? BASE_LOCK_MS);
}

export type Attempt = { ok: true; succeeded(): Promise<void> } | { ok: false; retryAfterMinutes: number };

/**
 * Starts a password check for `username` from `ip`: refused while the pair or the address is locked;
 * otherwise the attempt is already counted as a failure, and `succeeded()` takes it back.
 */
export async function beginPasswordAttempt(ip: string, username: string): Promise<Attempt> {
  const pair = pairKey(ip, username);
  const address = addressKey(ip);
  // The pair first: a locked pair hammered on does not use up its address's ceiling.
  const pairWait = await count(pair, PAIR_FREE_FAILURES);
  if (pairWait !== null) return { ok: false, retryAfterMinutes: Math.ceil(pairWait / 60_000) };
  const addressWait = await count(address, ADDRESS_FREE_FAILURES);
  if (addressWait !== null) return { ok: false, retryAfterMinutes: Math.ceil(addressWait / 60_000) };
  // Now and then, forget keys nobody has failed on for a day.
  if (Math.random() < 0.01) {
    await prisma.loginThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(Date.now() - FORGET_AFTER_MS) } } });
  }
  return {
    ok: true,
    async succeeded() {
      await prisma.loginThrottle.deleteMany({ where: { key: pair } });
      await prisma.$executeRaw`
        update login_throttles set failures = greatest(failures - 1, 0),
          locked_until = case when failures - 1 < ${ADDRESS_FREE_FAILURES}::int then null else locked_until end
        where key = ${address}`;
    },
  };
}
