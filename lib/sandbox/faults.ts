/**
 * Fault injection: added latency and, with a seeded (reproducible) probability, a 502, 503, 429,
 * connection reset or hung request, applied before the handler ran or after it (outcome unknown).
 */

/** Kinds of injected faults. */
export type FaultKind = '502' | '503' | '429' | 'reset' | 'hang';

/** Fault injection settings. */
export interface FaultOptions {
  /** Latency added to every matching request, in milliseconds. @default 0 */
  latencyMs?: number;
  /** Probability (0..1) that a matching request gets a fault. @default 0 */
  errorRate?: number;
  /** Fault kinds to choose from. @default all kinds */
  kinds?: FaultKind[];
  /** Seed of the pseudo-random generator, for reproducible runs. @default 1 */
  seed?: number;
  /** Only endpoints (`service.action`) matching this are affected. @default every endpoint */
  endpoints?: RegExp;
}

/** What to do to one request. */
export interface FaultDecision {
  /** Latency to add before anything else, in milliseconds. */
  readonly latencyMs: number;
  /** The fault, if one was drawn. */
  readonly kind?: FaultKind;
  /** Whether the fault hits before the handler runs or after it ran (the write happened). */
  readonly phase: 'before' | 'after';
}

const ALL_KINDS: readonly FaultKind[] = ['502', '503', '429', 'reset', 'hang'];

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws fault decisions from one seeded sequence (three draws per matching request). */
export class FaultInjector {
  private readonly options: FaultOptions;
  private readonly random: () => number;

  /** @param options the fault settings */
  public constructor(options: FaultOptions) {
    this.options = options;
    this.random = mulberry32(options.seed ?? 1);
  }

  /** The decision for a request to `endpoint`, or undefined when it is not affected. */
  public decide(endpoint: string): FaultDecision | undefined {
    if (this.options.endpoints !== undefined && !this.options.endpoints.test(endpoint)) {
      return undefined;
    }
    const kinds = this.options.kinds !== undefined && this.options.kinds.length > 0 ? this.options.kinds : ALL_KINDS;
    const hit = this.random() < (this.options.errorRate ?? 0);
    const kind = kinds[Math.floor(this.random() * kinds.length)];
    const phase = this.random() < 0.5 ? 'before' : 'after';
    return { latencyMs: this.options.latencyMs ?? 0, kind: hit ? kind : undefined, phase };
  }
}

/** Reads fault options from JSON (the admin endpoint): `endpoints` is a regex source string. */
export function faultOptionsFromJson(json: Record<string, unknown>): FaultOptions {
  const number = (key: string): number | undefined => (typeof json[key] === 'number' ? (json[key] as number) : undefined);
  return {
    latencyMs: number('latencyMs'),
    errorRate: number('errorRate'),
    seed: number('seed'),
    kinds: Array.isArray(json.kinds) ? json.kinds.filter((k): k is FaultKind => ALL_KINDS.includes(k as FaultKind)) : undefined,
    endpoints: typeof json.endpoints === 'string' ? new RegExp(json.endpoints) : undefined,
  };
}
