/**
 * Everything the CLI prints goes through the redactor: stdout and stderr are wrapped for the
 * duration of a command, so no message, table, link, JSON document or stack trace (whoever wrote
 * it: a command, yargs, an error handler) can carry a registered secret or a URL's user info.
 */
import { redact } from '../base/redact';

type Write = typeof process.stdout.write;

function redacting(stream: NodeJS.WriteStream): () => void {
  const original = stream.write;
  const write = function redactedWrite(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(encoding);
    return (original as (...args: unknown[]) => boolean).call(this, redact(text), ...rest);
  };
  stream.write = write as Write;
  return () => {
    stream.write = original;
  };
}

/** Runs `work` with stdout and stderr redacted, restoring them afterwards. */
export async function withRedactedOutput<T>(work: () => Promise<T>): Promise<T> {
  const restore = [redacting(process.stdout), redacting(process.stderr)];
  try {
    return await work();
  } finally {
    restore.forEach((r) => r());
  }
}
