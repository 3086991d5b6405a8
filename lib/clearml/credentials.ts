/**
 * Where the ClearML server address and credentials come from, with the ClearML Python SDK's
 * precedence: the `CLEARML_*` environment variables (or their legacy `TRAINS_*` names), then the
 * configuration file(s), then the SDK's default server. The web and file server addresses are
 * derived from the API address when not configured.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EnvironmentError } from '../base/errors';
import { registerSecret, registerUrlSecrets, withoutUserInfo } from '../base/redact';
import { ApiSettings, readApiSettings } from './config-file';
import { deriveHost } from './hosts';

/** Server addresses and credentials of a ClearML server. */
export interface Credentials {
  /** API server, e.g. `https://api.clear.ml`. */
  readonly apiHost: string;
  /** Web UI, e.g. `https://app.clear.ml`. */
  readonly webHost: string;
  /** File server, e.g. `https://files.clear.ml`. */
  readonly filesHost: string;
  /** Access key. */
  readonly accessKey: string;
  /** Secret key. */
  readonly secretKey: string;
  /** Whether to verify the server's TLS certificate. */
  readonly verifyTls: boolean;
  /** Where the values came from (variable names and file paths; never a value). */
  readonly source: string;
}

/** Options of {@link loadCredentials}. */
export interface LoadCredentialsOptions {
  /**
   * Home directory holding `trains.conf` / `clearml.conf`.
   * @default `HOME` (or `USERPROFILE`) of the environment, else os.homedir()
   */
  readonly home?: string;
}

/** The ClearML SDK's default API server, used when credentials exist but no server is named. */
export const DEFAULT_API_HOST = 'https://api.clear.ml';

/** Environment variables per setting, preferred name first. */
export const ENVIRONMENT_VARIABLES = {
  apiHost: ['CLEARML_API_HOST', 'TRAINS_API_HOST'],
  webHost: ['CLEARML_WEB_HOST', 'TRAINS_WEB_HOST'],
  filesHost: ['CLEARML_FILES_HOST', 'TRAINS_FILES_HOST'],
  accessKey: ['CLEARML_API_ACCESS_KEY', 'TRAINS_API_ACCESS_KEY'],
  secretKey: ['CLEARML_API_SECRET_KEY', 'TRAINS_API_SECRET_KEY'],
  verifyTls: ['CLEARML_API_HOST_VERIFY_CERT', 'TRAINS_API_HOST_VERIFY_CERT'],
  configFile: ['CLEARML_CONFIG_FILE', 'TRAINS_CONFIG_FILE'],
} as const;

type Setting = Exclude<keyof typeof ENVIRONMENT_VARIABLES, 'configFile'>;
type FileKey = keyof ApiSettings;

const FILE_KEY: Record<Setting, FileKey> = {
  apiHost: 'apiServer', webHost: 'webServer', filesHost: 'filesServer', accessKey: 'accessKey', secretKey: 'secretKey', verifyTls: 'verifyCertificate',
};

/** A value and where it came from. */
interface Found {
  readonly value: string | boolean;
  readonly origin: string;
}

/** The first set environment variable among `names`. */
function fromEnvironment(env: NodeJS.ProcessEnv, names: readonly string[]): Found | undefined {
  const name = names.find((n) => (env[n] ?? '').trim() !== '');
  return name !== undefined ? { value: (env[name] as string).trim(), origin: name } : undefined;
}

/** The configuration files to read, in merge order (later wins), and every path considered. */
function configFiles(env: NodeJS.ProcessEnv, home: string): { files: string[]; considered: string[] } {
  const explicit = fromEnvironment(env, ENVIRONMENT_VARIABLES.configFile);
  if (explicit !== undefined) {
    const file = String(explicit.value);
    if (!fs.existsSync(file)) {
      throw new EnvironmentError('ConfigFileNotFound', `${explicit.origin} points at ${file}, which does not exist. Fix the path or unset ${explicit.origin}.`);
    }
    return { files: [file], considered: [`${file} (${explicit.origin})`] };
  }
  const candidates = [path.join(home, 'trains.conf'), path.join(home, 'clearml.conf')];
  return { files: candidates.filter((f) => fs.existsSync(f)), considered: candidates };
}

/** Reads every file; for each setting, the value of the last file that has it. */
async function fromFiles(files: string[]): Promise<Partial<Record<Setting, Found>>> {
  const found: Partial<Record<Setting, Found>> = {};
  for (const file of files) {
    const settings = await readApiSettings(file);
    for (const setting of Object.keys(FILE_KEY) as Setting[]) {
      const value = settings[FILE_KEY[setting]];
      if (value !== undefined) {
        found[setting] = { value, origin: file };
      }
    }
  }
  return found;
}

/** Reads a boolean written as true/false, yes/no, on/off or 1/0 (any case). */
function parseBoolean(found: Found | undefined): boolean {
  if (found === undefined || typeof found.value === 'boolean') {
    return found?.value !== false;
  }
  const text = found.value.toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(text)) return true;
  if (['false', 'no', 'off', '0'].includes(text)) return false;
  throw new EnvironmentError('BadConfiguration', `${found.origin}: '${found.value}' is not a boolean; use true or false.`);
}

function noCredentials(considered: string[], missing: string[]): EnvironmentError {
  const variables = Object.values(ENVIRONMENT_VARIABLES).flat().join(', ');
  return new EnvironmentError('NoCredentials', [
    `ClearML is not configured: no ${missing.join(' and ')} found.`,
    `Looked at the environment variables ${variables}`,
    `and the configuration files ${considered.join(', ')}.`,
    'Fix it with one of: run `clearml-init` to write ~/clearml.conf; set CLEARML_API_HOST, CLEARML_API_ACCESS_KEY and',
    'CLEARML_API_SECRET_KEY; or use `cdk-style deploy --sandbox` to deploy to a local sandbox server instead.',
  ].join('\n'));
}

function describeSources(found: Record<string, Found | undefined>): string {
  const byOrigin = new Map<string, string[]>();
  for (const [setting, f] of Object.entries(found)) {
    if (f !== undefined) byOrigin.set(f.origin, [...(byOrigin.get(f.origin) ?? []), setting]);
  }
  return [...byOrigin].map(([origin, settings]) => `${origin} (${settings.join(', ')})`).join('; ');
}

/**
 * Loads the ClearML server and credentials from `env` and the configuration files. Throws the
 * `NoCredentials` environment error, naming every place looked at, when the keys are missing.
 * The keys and any password embedded in the server URLs are registered as secrets (never
 * printed), and the URLs are returned without their user info.
 */
export async function loadCredentials(env: NodeJS.ProcessEnv = process.env, options: LoadCredentialsOptions = {}): Promise<Credentials> {
  const { files, considered } = configFiles(env, options.home ?? env.HOME ?? env.USERPROFILE ?? os.homedir());
  const fileValues = await fromFiles(files);
  const pick = (setting: Setting): Found | undefined => fromEnvironment(env, ENVIRONMENT_VARIABLES[setting]) ?? fileValues[setting];
  const accessKey = pick('accessKey');
  const secretKey = pick('secretKey');
  const missing = [accessKey === undefined ? 'access key' : '', secretKey === undefined ? 'secret key' : ''].filter((m) => m !== '');
  if (accessKey === undefined || secretKey === undefined) {
    throw noCredentials(considered, missing);
  }
  const api = pick('apiHost') ?? { value: DEFAULT_API_HOST, origin: 'the SDK default' };
  const hosts = [api.value, pick('webHost')?.value, pick('filesHost')?.value].map((h) => (h === undefined ? undefined : String(h)));
  hosts.forEach(registerUrlSecrets);
  registerSecret(String(accessKey.value));
  registerSecret(String(secretKey.value));
  const apiHost = withoutUserInfo(String(api.value));
  const verify = pick('verifyTls');
  return {
    apiHost,
    webHost: withoutUserInfo(hosts[1] ?? deriveHost(apiHost, 'web')),
    filesHost: withoutUserInfo(hosts[2] ?? deriveHost(apiHost, 'files')),
    accessKey: String(accessKey.value),
    secretKey: String(secretKey.value),
    verifyTls: parseBoolean(verify),
    source: describeSources({ 'api host': api, 'access key': accessKey, 'secret key': secretKey, 'verify': verify }),
  };
}
