/**
 * The `/_sandbox/` admin endpoints (never called by ClearML clients, never counted): request
 * counts, fault injection, and the status gate.
 */
import { FaultOptions, faultOptionsFromJson } from './faults';
import { StatusGate } from './status-gate';
import { isObject } from './values';

/** What the admin endpoints read and change on the server they belong to. */
export interface AdminTarget {
  /** Requests by endpoint, plus `total`. */
  counts: Record<string, number>;
  /** Turns fault injection on (or off with undefined). */
  setFaults(options: FaultOptions | undefined): void;
  /** The status gate tests hold to race status changes. */
  readonly statusGate: StatusGate;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') {
    return undefined;
  }
  const parsed = JSON.parse(text) as unknown;
  return isObject(parsed) ? parsed : undefined;
}

/**
 * Serves one admin request and returns its JSON answer:
 * `GET /_sandbox/counts`, `POST /_sandbox/reset-counts`, `POST /_sandbox/faults` (fault options as
 * JSON, `endpoints` a regex source; empty body or `null` turns faults off), and
 * `POST /_sandbox/status-gate {hold: boolean}` (answers `{waiting}`).
 */
export function admin(server: AdminTarget, pathname: string, text: string): unknown {
  let body: Record<string, unknown> | undefined;
  try {
    body = parseJson(text);
  } catch {
    return { error: 'the body of an admin request must be JSON' };
  }
  switch (pathname.replace(/\/$/, '')) {
    case '/_sandbox/counts':
      return { ...server.counts };
    case '/_sandbox/reset-counts':
      server.counts = { total: 0 };
      return { ok: true };
    case '/_sandbox/faults':
      server.setFaults(body === undefined ? undefined : faultOptionsFromJson(body));
      return { ok: true };
    case '/_sandbox/status-gate':
      if (body?.hold === true) {
        server.statusGate.hold();
      } else if (body?.hold === false) {
        server.statusGate.release();
      }
      return { waiting: server.statusGate.waiting };
    default:
      return { error: `unknown admin endpoint ${pathname}` };
  }
}
