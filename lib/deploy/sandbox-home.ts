/**
 * Where `deploy --sandbox` keeps its embedded ClearML sandbox: `.cdk-style/sandbox.json` (local
 * credentials, generated once) next to the data file it persists to.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

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

/** Reads `.cdk-style/sandbox.json` under `cwd`, creating the directory and credentials the first time. */
export function sandboxHome(cwd: string): SandboxHome {
  const dir = path.resolve(cwd, SANDBOX_DIR);
  const settingsFile = path.join(dir, 'sandbox.json');
  fs.mkdirSync(dir, { recursive: true });
  let settings: SettingsFile;
  if (fs.existsSync(settingsFile)) {
    settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as SettingsFile;
  } else {
    settings = {
      accessKey: `SANDBOX${randomBytes(8).toString('hex').toUpperCase()}`,
      secretKey: randomBytes(24).toString('hex'),
      dataFile: 'sandbox-data.json',
    };
    fs.writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  }
  return { settingsFile, dataFile: path.resolve(dir, settings.dataFile), accessKey: settings.accessKey, secretKey: settings.secretKey };
}
