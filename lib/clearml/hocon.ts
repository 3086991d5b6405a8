/**
 * Reads the HOCON text the ClearML SDK stores for a configuration dictionary
 * (`connect_configuration(dict)`): `key = value` lines, `key { ... }` blocks, quoted and
 * triple-quoted strings, lists, numbers, booleans and null. Substitutions, includes, comments
 * and value concatenation are outside what the SDK writes and are refused, never guessed.
 *
 * Not `@pushcorn/hocon-parser` (which reads clearml.conf): it reads `random_score = 0.5` as the
 * string "0.5", where pyhocon, which the seed's scripts read these objects with, gives the float.
 */

/** A HOCON text that is not in the subset the SDK writes. */
export class HoconError extends Error {}

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

const BARE_END = /[\s,=:{}[\]"]/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

class Reader {
  private at = 0;

  constructor(private readonly text: string) {}

  public document(): Record<string, Value> {
    this.skip(true);
    const root = this.text[this.at] === '{' ? (this.at++, this.objectBody('}')) : this.objectBody(undefined);
    this.skip(true);
    if (this.at < this.text.length) {
      this.fail('unexpected text after the end');
    }
    return root;
  }

  private fail(what: string): never {
    const line = this.text.slice(0, this.at).split('\n').length;
    throw new HoconError(`HOCON line ${line}: ${what}`);
  }

  /** Skips spaces (and newlines and commas when `separators`). */
  private skip(separators: boolean): void {
    const pattern = separators ? /[\s,]/ : /[ \t]/;
    while (this.at < this.text.length && pattern.test(this.text[this.at])) {
      this.at++;
    }
    if (this.text.startsWith('#', this.at) || this.text.startsWith('//', this.at)) {
      this.fail('comments are not supported');
    }
  }

  private objectBody(close: string | undefined): Record<string, Value> {
    const out: Record<string, Value> = {};
    for (;;) {
      this.skip(true);
      if (close !== undefined && this.text[this.at] === close) {
        this.at++;
        return out;
      }
      if (this.at >= this.text.length) {
        return close === undefined ? out : this.fail(`missing '${close}'`);
      }
      const key = this.text[this.at] === '"' ? this.quoted() : this.bare();
      this.skip(false);
      if (this.text[this.at] === '=' || this.text[this.at] === ':') {
        this.at++;
        this.skip(false);
      } else if (this.text[this.at] !== '{') {
        this.fail(`expected '=' or '{' after key '${key}'`);
      }
      out[key] = this.value();
    }
  }

  private value(): Value {
    const c = this.text[this.at];
    if (c === '{') {
      this.at++;
      return this.objectBody('}');
    }
    if (c === '[') {
      this.at++;
      return this.list();
    }
    if (this.text.startsWith('"""', this.at)) {
      const end = this.text.indexOf('"""', this.at + 3);
      if (end < 0) {
        this.fail('unterminated """ string');
      }
      const text = this.text.slice(this.at + 3, end);
      this.at = end + 3;
      return text;
    }
    if (c === '"') {
      return this.quoted();
    }
    if (this.text.startsWith('${', this.at)) {
      this.fail('substitutions are not supported');
    }
    const token = this.bare();
    if (token === 'true' || token === 'false') {
      return token === 'true';
    }
    if (token === 'null') {
      return null;
    }
    return NUMBER.test(token) ? Number(token) : token;
  }

  private list(): Value[] {
    const out: Value[] = [];
    for (;;) {
      this.skip(true);
      if (this.text[this.at] === ']') {
        this.at++;
        return out;
      }
      if (this.at >= this.text.length) {
        this.fail("missing ']'");
      }
      out.push(this.value());
    }
  }

  private quoted(): string {
    const match = /^"(?:[^"\\\n]|\\.)*"/.exec(this.text.slice(this.at));
    if (match === null) {
      this.fail('unterminated string');
    }
    this.at += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  private bare(): string {
    const start = this.at;
    while (this.at < this.text.length && !BARE_END.test(this.text[this.at])) {
      this.at++;
    }
    if (this.at === start) {
      this.fail(`unexpected '${this.text[this.at] ?? 'end of text'}'`);
    }
    return this.text.slice(start, this.at);
  }
}

/** Parses `text` (HOCON as the ClearML SDK writes it, or JSON); throws {@link HoconError}. */
export function parseHocon(text: string): Record<string, Value> {
  return new Reader(text).document();
}
