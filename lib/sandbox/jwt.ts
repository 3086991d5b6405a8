/**
 * HS256 JSON Web Tokens on node:crypto (sign and verify), as the ClearML server issues them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function signature(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

/** Signs `claims` with HS256. */
export function signJwt(claims: Record<string, unknown>, secret: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  return `${header}.${payload}.${signature(`${header}.${payload}`, secret)}`;
}

/** Why a token was refused. */
export type JwtFailure = 'malformed' | 'bad signature' | 'Signature has expired';

/** Verifies an HS256 token; returns its claims or the reason it was refused. */
export function verifyJwt(token: string, secret: string, nowSec: number): Record<string, unknown> | JwtFailure {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return 'malformed';
  }
  const expected = Buffer.from(signature(`${parts[0]}.${parts[1]}`, secret));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return 'bad signature';
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return 'malformed';
  }
  if (typeof claims !== 'object' || claims === null) {
    return 'malformed';
  }
  const exp = (claims as Record<string, unknown>).exp;
  if (typeof exp === 'number' && exp <= nowSec) {
    return 'Signature has expired';
  }
  return claims as Record<string, unknown>;
}
