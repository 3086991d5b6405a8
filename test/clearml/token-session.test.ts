/**
 * The login session: one shared login, refresh before expiry, invalidation, and no token in
 * inspection output.
 */
import * as util from 'node:util';
import { REFRESH_MARGIN_MS, TokenSession, tokenExpiry } from '../../lib/clearml/token-session';

function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

function counter(expSec: number | undefined): { login: () => Promise<string>; count: () => number } {
  let n = 0;
  return {
    login: async () => jwt({ n: ++n, ...(expSec !== undefined ? { exp: expSec } : {}) }),
    count: () => n,
  };
}

test('tokenExpiry reads exp in milliseconds, or undefined', () => {
  expect(tokenExpiry(jwt({ exp: 1700000000 }))).toBe(1700000000000);
  expect(tokenExpiry(jwt({}))).toBeUndefined();
  expect(tokenExpiry('not-a-jwt')).toBeUndefined();
  expect(tokenExpiry('a.%%%.c')).toBeUndefined();
});

test('concurrent callers share one login and then reuse the token', async () => {
  const logins = counter(2_000_000_000);
  const session = new TokenSession(logins.login, () => 0);
  const tokens = await Promise.all(Array.from({ length: 10 }, () => session.token()));
  expect(new Set(tokens).size).toBe(1);
  await session.token();
  expect(logins.count()).toBe(1);
});

test('a token about to expire is refreshed before use', async () => {
  let now = 0;
  const logins = counter(3600);
  const session = new TokenSession(logins.login, () => now);
  const first = await session.token();
  now = 3600 * 1000 - REFRESH_MARGIN_MS - 1;
  expect(await session.token()).toBe(first);
  now += 2;
  await session.token();
  expect(logins.count()).toBe(2);
});

test('invalidate forgets only the current token', async () => {
  const logins = counter(undefined);
  const session = new TokenSession(logins.login);
  const first = await session.token();
  session.invalidate('some other token');
  expect(await session.token()).toBe(first);
  session.invalidate(first);
  expect(await session.token()).not.toBe(first);
  expect(logins.count()).toBe(2);
});

test('a failed login is not cached', async () => {
  let fail = true;
  const session = new TokenSession(async () => {
    if (fail) throw new Error('down');
    return jwt({});
  });
  await expect(session.token()).rejects.toThrow('down');
  fail = false;
  await expect(session.token()).resolves.toContain('.');
});

test('inspecting or serialising the session shows no token', async () => {
  const session = new TokenSession(async () => jwt({ marker: 'TOKEN-MARKER' }));
  const token = await session.token();
  expect(util.inspect(session, { showHidden: true, depth: 5 })).not.toContain(token);
  expect(JSON.stringify(session)).not.toContain(token);
});
