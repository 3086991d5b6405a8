/**
 * Reading the `api` section of a ClearML SDK configuration file (clearml.conf, HOCON) with
 * `@pushcorn/hocon-parser`. Parse errors name the file, line and column but never quote the
 * file's text (it holds secrets).
 */
import * as fs from 'node:fs';
import { EnvironmentError } from '../base/errors';

// The package ships no type declarations; this is the one function used.
const parseHocon = require('@pushcorn/hocon-parser') as (options: { text: string; strict?: boolean }) => Promise<unknown>;

/** The settings of a clearml.conf that matter to the client (absent or empty values are undefined). */
export interface ApiSettings {
  /** `api.api_server` (or its legacy alias `api.host`). */
  readonly apiServer?: string;
  /** `api.web_server`. */
  readonly webServer?: string;
  /** `api.files_server`. */
  readonly filesServer?: string;
  /** `api.credentials.access_key`. */
  readonly accessKey?: string;
  /** `api.credentials.secret_key`. */
  readonly secretKey?: string;
  /** `api.verify_certificate`, as written (boolean, or a string such as `False`). */
  readonly verifyCertificate?: boolean | string;
}

/** Matches `key: scheme://...` written without quotes, which the Python SDK's HOCON reader accepts. */
const UNQUOTED_URL = /([:=]\s*)([A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"#,{}[\]]*)/;

/**
 * Quotes URL values written without quotes (`api_server: https://api.clear.ml`, as clearml-init
 * writes them). The Python SDK's HOCON reader takes them whole; strict HOCON would read `//` as a
 * comment. Lines where the match is inside a comment or a quoted string are left alone.
 */
export function quoteUnquotedUrls(text: string): string {
  return text.split('\n').map((line) => {
    const match = UNQUOTED_URL.exec(line);
    if (match === null) {
      return line;
    }
    const before = line.slice(0, match.index);
    const quotes = (before.match(/"/g) ?? []).length;
    if (before.includes('#') || before.includes('//') || quotes % 2 === 1) {
      return line;
    }
    const end = match.index + match[0].length;
    return `${before}${match[1]}"${match[2]}"${line.slice(end)}`;
  }).join('\n');
}

function get(tree: unknown, path: string[]): unknown {
  let node = tree;
  for (const key of path) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Picks the client's settings out of a parsed configuration tree. */
export function apiSettingsOf(tree: unknown): ApiSettings {
  const verify = get(tree, ['api', 'verify_certificate']);
  return {
    apiServer: text(get(tree, ['api', 'api_server'])) ?? text(get(tree, ['api', 'host'])),
    webServer: text(get(tree, ['api', 'web_server'])),
    filesServer: text(get(tree, ['api', 'files_server'])),
    accessKey: text(get(tree, ['api', 'credentials', 'access_key'])),
    secretKey: text(get(tree, ['api', 'credentials', 'secret_key'])),
    verifyCertificate: typeof verify === 'boolean' || typeof verify === 'string' ? verify : undefined,
  };
}

/** A parse error described by position only (the parser's message may quote the file's text). */
function parseFailure(file: string, error: unknown): EnvironmentError {
  const message = error instanceof Error ? error.message : String(error);
  const position = /line: (\d+), col: (\d+)/.exec(message);
  const where = position !== null ? `${file}:${position[1]}:${position[2]}` : file;
  const firstSentence = /^[^.!(]*/.exec(message)?.[0] ?? '';
  const what = firstSentence.replace(/'[^']*'|"[^"]*"/g, '…').trim().slice(0, 80);
  return new EnvironmentError('BadConfigFile', `${where}: not valid HOCON (${what}). Fix the file, or point CLEARML_CONFIG_FILE at another one.`);
}

/** Reads and parses the configuration file `file`, returning its client settings. */
export async function readApiSettings(file: string): Promise<ApiSettings> {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new EnvironmentError('BadConfigFile', `${file}: cannot read the ClearML configuration file (${code}).`);
  }
  try {
    return apiSettingsOf(await parseHocon({ text: quoteUnquotedUrls(content), strict: true }));
  } catch (error) {
    throw parseFailure(file, error);
  }
}
