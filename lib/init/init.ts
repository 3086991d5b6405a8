/**
 * `cdk-style init`: writes a new project from a template (package.json with dependencies that
 * install together, tsconfig, jest config, cdk-style.json, the app, its test, .gitignore, a
 * README and a GitHub Actions workflow). It never overwrites a file: an existing file is kept
 * and reported. A directory that already holds files is refused unless `force`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CdkStyleError, UsageError } from '../base/errors';
import { packageVersion, TEMPLATE_NAMES, TemplateName, templateFiles } from './templates';

/** Options of {@link initProject}. */
export interface InitOptions {
  /** Directory of the new project (created when missing). */
  readonly dir: string;
  /**
   * Template to write.
   * @default 'seed'
   */
  readonly template?: string;
  /**
   * Write into a directory that already holds files (existing files are still never overwritten).
   * @default false
   */
  readonly force?: boolean;
}

/** What {@link initProject} did. */
export interface InitResult {
  /** Absolute path of the project. */
  readonly dir: string;
  /** The template written. */
  readonly template: TemplateName;
  /** Files written, relative to `dir`. */
  readonly written: string[];
  /** Files that already existed and were left as they were. */
  readonly kept: string[];
}

/** An npm package name made from a directory name. */
export function projectName(dir: string): string {
  const name = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '');
  return name === '' ? 'cdk-style-app' : name;
}

function checkTemplate(template: string): TemplateName {
  if (!(TEMPLATE_NAMES as readonly string[]).includes(template)) {
    throw new UsageError(`Unknown template '${template}'. Choose one of: ${TEMPLATE_NAMES.join(', ')}.`);
  }
  return template as TemplateName;
}

function checkDirectory(dir: string, force: boolean): void {
  if (!fs.existsSync(dir)) {
    return;
  }
  if (!fs.statSync(dir).isDirectory()) {
    throw new UsageError(`${dir} exists and is not a directory. Name a new or empty directory.`);
  }
  const entries = fs.readdirSync(dir).filter((e) => e !== '.git');
  if (entries.length > 0 && !force) {
    throw new CdkStyleError('DirectoryNotEmpty', `${dir} is not empty (${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ', …' : ''}). `
      + 'Run init in an empty directory, or pass --force to add the missing files (existing files are never overwritten).');
  }
}

function render(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/__([A-Z_]+)__/g, (whole, key: string) => values[key] ?? whole);
}

/** Writes `content` to `file` unless it exists; returns false when it existed. */
function writeNew(file: string, content: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
  }
}

/** Writes the project. */
export function initProject(options: InitOptions): InitResult {
  const template = checkTemplate(options.template ?? 'seed');
  const dir = path.resolve(options.dir);
  checkDirectory(dir, options.force ?? false);
  const values = { NAME: projectName(dir), CDK_STYLE_RANGE: `^${packageVersion()}` };
  const written: string[] = [];
  const kept: string[] = [];
  for (const file of templateFiles(template)) {
    const content = render(fs.readFileSync(file.source, 'utf8'), values);
    (writeNew(path.join(dir, ...file.target.split('/')), content) ? written : kept).push(file.target);
  }
  return { dir, template, written, kept };
}
