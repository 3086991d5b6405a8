/**
 * The version of the installed cdk-style package (`cdk-style --version`), read from its
 * package.json (found above this file both in the sources and in the built `dist/`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The `version` of the cdk-style package.json above `from`; 'unknown' when there is none. */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'cdk-style' && typeof pkg.version === 'string') {
        return pkg.version;
      }
    }
    if (path.dirname(dir) === dir) {
      return 'unknown';
    }
  }
}
