/**
 * Imported first by a child process to run it with a wall clock that is off by CLOCK_OFFSET_MS
 * (positive: ahead), like a laptop whose clock drifted: `Date.now()` and `new Date()` are moved,
 * the monotonic clock (`performance.now()`) is not, as on a real machine.
 */
const offsetMs = Number(process.env.CLOCK_OFFSET_MS ?? 0);
const RealDate = Date;

class SkewedDate extends RealDate {
  public constructor(...args: unknown[]) {
    if (args.length === 0) {
      super(RealDate.now() + offsetMs);
    } else {
      super(args[0] as string | number);
    }
  }

  public static override now(): number {
    return RealDate.now() + offsetMs;
  }
}

globalThis.Date = SkewedDate as DateConstructor;

export {};
