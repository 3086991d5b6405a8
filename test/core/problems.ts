import { ValidationError } from '../../lib/base/errors';

/** Runs `run`, expects a {@link ValidationError}, and returns its problems as `[path] message` lines. */
export function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).problems.map((p) => `[${p.path}] ${p.message}`);
  }
  throw new Error('expected a ValidationError');
}
