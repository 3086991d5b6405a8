/**
 * A reader for Python literals (what `ast.literal_eval` accepts, minus sets, bytes and complex
 * numbers): the seed's controller stores its `Steps` configuration as the `str()` of a list of
 * `(args, kwargs)` tuples. Tuples become arrays, `None` null, `True`/`False` booleans.
 */

/** A value read from a Python literal. */
export type PythonValue = null | boolean | number | string | PythonValue[] | { [key: string]: PythonValue };

/** A literal that cannot be read; `offset` is where reading stopped. */
export class PythonLiteralError extends Error {
  public override readonly name = 'PythonLiteralError';

  /**
   * @param message what was expected
   * @param offset character offset in the text
   */
  public constructor(message: string, public readonly offset: number) {
    super(`${message} at offset ${offset}`);
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

class Reader {
  private pos = 0;

  public constructor(private readonly text: string) {}

  public document(): PythonValue {
    const value = this.value();
    this.skipSpace();
    if (this.pos !== this.text.length) {
      throw new PythonLiteralError('unexpected text after the literal', this.pos);
    }
    return value;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) {
      this.pos += 1;
    }
  }

  private value(): PythonValue {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '[' || c === '(') {
      return this.sequence(c === '[' ? ']' : ')');
    }
    if (c === '{') {
      return this.dict();
    }
    if (c === "'" || c === '"') {
      return this.string();
    }
    return this.word();
  }

  private items<T>(close: string, item: () => T): T[] {
    this.pos += 1;
    const out: T[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos += 1;
        return out;
      }
      out.push(item());
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos += 1;
      } else if (next !== close) {
        throw new PythonLiteralError(`expected ',' or '${close}'`, this.pos);
      }
    }
  }

  private sequence(close: string): PythonValue[] {
    return this.items(close, () => this.value());
  }

  private dict(): { [key: string]: PythonValue } {
    const entries = this.items('}', (): [string, PythonValue] => {
      const key = this.value();
      this.skipSpace();
      if (this.text[this.pos] !== ':') {
        throw new PythonLiteralError("expected ':'", this.pos);
      }
      this.pos += 1;
      return [typeof key === 'string' ? key : JSON.stringify(key), this.value()];
    });
    return Object.fromEntries(entries);
  }

  private string(): string {
    const quote = this.text[this.pos];
    let out = '';
    this.pos += 1;
    while (this.pos < this.text.length && this.text[this.pos] !== quote) {
      const c = this.text[this.pos];
      if (c !== '\\') {
        out += c;
        this.pos += 1;
        continue;
      }
      const e = this.text[this.pos + 1];
      if (e === 'x' || e === 'u' || e === 'U') {
        const length = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        out += String.fromCodePoint(parseInt(this.text.slice(this.pos + 2, this.pos + 2 + length), 16));
        this.pos += 2 + length;
      } else {
        out += ESCAPES[e] ?? `\\${e}`;
        this.pos += 2;
      }
    }
    if (this.pos >= this.text.length) {
      throw new PythonLiteralError('unterminated string', this.pos);
    }
    this.pos += 1;
    this.skipSpace();
    const next = this.text[this.pos];
    return next === "'" || next === '"' ? out + this.string() : out;
  }

  private word(): PythonValue {
    const match = /^(None|True|False|[-+]?(?:\d[\d_]*\.?[\d_]*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?))/.exec(this.text.slice(this.pos));
    if (match === null) {
      throw new PythonLiteralError('expected a value', this.pos);
    }
    this.pos += match[0].length;
    switch (match[0]) {
      case 'None':
        return null;
      case 'True':
        return true;
      case 'False':
        return false;
      default:
        return Number(match[0].replace(/_/g, ''));
    }
  }
}

/** Reads `text` as a Python literal. */
export function parsePythonLiteral(text: string): PythonValue {
  return new Reader(text).document();
}
