/**
 * The project templates `cdk-style init` writes: files under `templates/` of the package, the
 * `common` set shared by every template plus the template's own `src/` and `test/`. A path
 * segment starting with `dot-` is written with a leading dot (`dot-gitignore` → `.gitignore`):
 * npm would otherwise drop or rename dot files when the package is packed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The templates `init` offers. */
export const TEMPLATE_NAMES = ['seed', 'matrix', 'empty'] as const;

/** Name of a template. */
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** One file a template writes. */
export interface TemplateFile {
  /** Absolute path of the file in the package. */
  readonly source: string;
  /** Path relative to the new project, with `/` separators. */
  readonly target: string;
}

/** The package's root directory (where its package.json is), from source or from dist/. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`cdk-style: no package.json above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
}

/** The version of the installed cdk-style package. */
export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function targetName(relative: string): string {
  return relative.split(path.sep).map((segment) => (segment.startsWith('dot-') ? `.${segment.slice(4)}` : segment)).join('/');
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/** Every file of `template`, sorted by target path; the template's own files win over common ones. */
export function templateFiles(template: TemplateName): TemplateFile[] {
  const root = path.join(packageRoot(), 'templates');
  const byTarget = new Map<string, TemplateFile>();
  for (const set of ['common', template]) {
    const dir = path.join(root, set);
    for (const source of listFiles(dir)) {
      const target = targetName(path.relative(dir, source));
      byTarget.set(target, { source, target });
    }
  }
  return [...byTarget.values()].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}
