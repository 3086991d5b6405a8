/**
 * Python functions shipped with a step as source text, the way the seed serializes callables
 * (`docs/callable_as_argument.md`, `serialize_callable`): a configuration object `{name, code}`
 * that the worker script `exec`s and then looks `name` up in.
 */
import * as fs from 'node:fs';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A Python function given as source: stored as the configuration object `{ name, code }`. */
export class PythonCallable {
  /**
   * A function from source text, e.g. `PythonCallable.fromSource('collate', 'def collate(batch):\n    ...')`.
   * Throws when `code` does not define `name` at its top level (the worker would find nothing).
   */
  public static fromSource(name: string, code: string): PythonCallable {
    return new PythonCallable(name, code, 'the source text');
  }

  /**
   * A function from a Python file, read now (synth stores its text, never its path, so the
   * manifest is the same on every machine). Throws when the file is unreadable or does not
   * define `name` at its top level.
   */
  public static fromFile(path: string, name: string): PythonCallable {
    let code: string;
    try {
      code = fs.readFileSync(path, 'utf8');
    } catch (e) {
      throw new Error(`Cannot read Python callable file '${path}': ${(e as Error).message}; give a path relative to the directory the app runs in`);
    }
    return new PythonCallable(name, code, `'${path}'`);
  }

  /** Function name the worker looks up after `exec`. */
  public readonly name: string;
  /** Source text. */
  public readonly code: string;

  private constructor(name: string, code: string, where: string) {
    if (!IDENTIFIER.test(name)) {
      throw new Error(`Python callable name '${name}' is not a Python identifier`);
    }
    const defines = new RegExp(`^(?:async\\s+)?def\\s+${name}\\s*\\(|^${name}\\s*=`, 'm');
    if (!defines.test(code)) {
      throw new Error(`${where} does not define '${name}' at its top level (def ${name}(...): or ${name} = ...); the worker script would find no function to call`);
    }
    this.name = name;
    this.code = code;
  }

  /** The configuration object's value, `{ name, code }`. */
  public toConfiguration(): { name: string; code: string } {
    return { name: this.name, code: this.code };
  }
}
