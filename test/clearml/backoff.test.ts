/**
 * The retry policy's arithmetic: full-jitter delays under the cap, Retry-After, budget checks.
 */
import { backoffDelay, mayRetry, parseRetryAfter, retryPolicy, sleep } from '../../lib/clearml/backoff';

test('defaults: 5 attempts, 200 ms base, 5 s cap, 30 s total', () => {
  expect(retryPolicy()).toMatchObject({ maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5000, maxTotalMs: 30000 });
});

test('the delay is a uniform draw under base * 2^(attempt-1), capped', () => {
  const top = retryPolicy({ random: () => 0.999999 });
  expect([1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(top, a))).toEqual([199, 399, 799, 1599, 3199, 4999, 4999]);
  const bottom = retryPolicy({ random: () => 0 });
  expect(backoffDelay(bottom, 7)).toBe(0);
});

test('Retry-After raises the delay but never lowers it', () => {
  const policy = retryPolicy({ random: () => 0.5 });
  expect(backoffDelay(policy, 1, 3000)).toBe(3000);
  expect(backoffDelay(policy, 6, 0)).toBe(2500);
});

test('a retry is allowed only within the attempts and the total budget', () => {
  const policy = retryPolicy({ maxAttempts: 3, maxTotalMs: 1000 });
  expect(mayRetry(policy, 1, 0, 100)).toBe(true);
  expect(mayRetry(policy, 3, 0, 0)).toBe(false);
  expect(mayRetry(policy, 1, 950, 100)).toBe(false);
  expect(mayRetry(policy, 2, 900, 100)).toBe(true);
});

test('Retry-After is read in seconds; dates and garbage are ignored', () => {
  expect(parseRetryAfter('2')).toBe(2000);
  expect(parseRetryAfter(['0.5'])).toBe(500);
  expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
  expect(parseRetryAfter(undefined)).toBeUndefined();
});

test('sleep rejects with the abort reason', async () => {
  const controller = new AbortController();
  const pending = sleep(60_000, controller.signal);
  controller.abort(new Error('stop waiting'));
  await expect(pending).rejects.toThrow('stop waiting');
  await expect(sleep(1, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
});
