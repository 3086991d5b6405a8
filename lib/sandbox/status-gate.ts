/**
 * A gate between the read and the compare-and-swap write of every task status change. Tests hold
 * it to line concurrent status changes up deterministically and observe the 400/121 race.
 */

/** Holds status changes between their read and their write while closed. */
export class StatusGate {
  private held = false;
  private readonly queue: Array<() => void> = [];

  /** Number of status changes waiting at the gate. */
  public get waiting(): number {
    return this.queue.length;
  }

  /** Makes every later status change wait until {@link release}. */
  public hold(): void {
    this.held = true;
  }

  /** Lets every waiting status change through, in arrival order, and stops holding. */
  public release(): void {
    this.held = false;
    this.queue.splice(0).forEach((resume) => resume());
  }

  /** Resolves when the caller may write (at once unless held). */
  public pass(): Promise<void> {
    if (!this.held) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }
}
