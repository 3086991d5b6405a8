/**
 * Where `deploy --sandbox` keeps its embedded ClearML sandbox: `.cdk-style/sandbox.json` (local
 * credentials, generated once) next to the data file it persists to.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError } from '../base/errors';

/** Directory, relative to the project root, holding the sandbox files. */
export const SANDBOX_DIR = '.cdk-style';

/** The persisted sandbox settings. */
export interface SandboxHome {
  /** Absolute path of `.cdk-style/sandbox.json`. */
  readonly settingsFile: string;
  /** Absolute path of the data file the sandbox persists its objects to. */
  readonly dataFile: string;
  /** Local access key (not a secret of any real server). */
  readonly accessKey: string;
  /** Local secret key (not a secret of any real server). */
  readonly secretKey: string;
}

interface SettingsFile {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly dataFile: string;
}

function newSettings(): SettingsFile {
  return {
    accessKey: `SANDBOX${randomBytes(8).toString('hex').toUpperCase()}`,
    secretKey: randomBytes(24).toString('hex'),
    dataFile: 'sandbox-data.json',
  };
}

/**
 * Writes fresh settings unless the file exists: a complete temporary file is hard-linked into
 * place, which fails when another process got there first, so every process ends up with the
 * same keys and no one reads a half-written file.
 */
function createSettingsOnce(settingsFile: string): void {
  const tmp = `${settingsFile}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, `${JSON.stringify(newSettings(), null, 2)}\n`, { mode: 0o600 });
  try {
    fs.linkSync(tmp, settingsFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readSettings(settingsFile: string): SettingsFile {
  const unusable = (problem: string): EnvironmentError => new EnvironmentError('SandboxSettingsUnreadable',
    `The sandbox settings file ${settingsFile} ${problem}. Delete it (and the data file next to it) to start from a new, empty sandbox with new local keys, or restore it from a copy.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  } catch (error) {
    throw unusable(`is not valid JSON (${(error as Error).message})`);
  }
  const settings = parsed as Partial<SettingsFile> | null;
  const fields = ['accessKey', 'secretKey', 'dataFile'] as const;
  if (typeof settings !== 'object' || settings === null || fields.some((f) => typeof settings[f] !== 'string' || settings[f] === '')) {
    throw unusable('does not hold the string fields accessKey, secretKey and dataFile');
  }
  return settings as SettingsFile;
}

/** Reads `.cdk-style/sandbox.json` under `cwd`, creating the directory and credentials the first time. */
export function sandboxHome(cwd: string): SandboxHome {
  const dir = path.resolve(cwd, SANDBOX_DIR);
  const settingsFile = path.join(dir, 'sandbox.json');
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(settingsFile)) {
    createSettingsOnce(settingsFile);
  }
  const settings = readSettings(settingsFile);
  return { settingsFile, dataFile: path.resolve(dir, settings.dataFile), accessKey: settings.accessKey, secretKey: settings.secretKey };
}
