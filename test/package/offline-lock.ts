/**
 * A package-lock.json that lets `npm install --offline` install a new project from the npm
 * cache alone. After `npm ci` the cache holds the tarballs of this repository's lockfile but not
 * the registry metadata npm needs to resolve version ranges, so a fresh project cannot resolve
 * `typescript@^5` offline. Its lockfile is therefore made of this repository's resolved
 * entries (the project's dependencies are a subset of them) plus the local cdk-style tarball.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly bin?: Record<string, string>;
  readonly engines?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

interface LockFile {
  readonly packages: Record<string, Record<string, unknown>>;
}

/** Where node would find `name` from the package installed at `from` (a lockfile key). */
function locate(packages: LockFile['packages'], from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
    const key = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (key in packages) {
      return key;
    }
    if (dir === '') {
      return undefined;
    }
  }
}

/** The lockfile keys `roots` (top-level names) need, their dependencies included. */
function closure(packages: LockFile['packages'], roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = roots.map((name) => locate(packages, '', name)).filter((k): k is string => k !== undefined);
  while (queue.length > 0) {
    const key = queue.pop() as string;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const entry = packages[key] as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
      const found = locate(packages, key, name);
      if (found !== undefined) {
        queue.push(found);
      }
    }
  }
  return [...seen].sort();
}

/**
 * Points the project in `projectDir` at the cdk-style tarball `tarball` and writes its lockfile.
 * @param repoRoot this repository (its package.json and package-lock.json)
 */
export function writeOfflineLock(projectDir: string, tarball: string, repoRoot: string): void {
  const projectFile = path.join(projectDir, 'package.json');
  const project = JSON.parse(fs.readFileSync(projectFile, 'utf8')) as PackageJson;
  const cdkStyle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
  const repoLock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as LockFile;
  const spec = `file:${path.relative(projectDir, tarball)}`;
  const dependencies = { ...project.dependencies, 'cdk-style': spec };
  fs.writeFileSync(projectFile, `${JSON.stringify({ ...project, dependencies }, null, 2)}\n`);
  const packages: Record<string, unknown> = {
    '': { name: project.name, version: project.version, dependencies, devDependencies: project.devDependencies },
  };
  const needed = { ...dependencies, ...project.devDependencies, ...cdkStyle.dependencies };
  delete (needed as Record<string, string>)['cdk-style'];
  for (const key of closure(repoLock.packages, Object.keys(needed))) {
    packages[key] = repoLock.packages[key];
  }
  packages['node_modules/cdk-style'] = {
    version: cdkStyle.version, resolved: spec, bin: cdkStyle.bin, engines: cdkStyle.engines, dependencies: cdkStyle.dependencies,
  };
  const lock = { name: project.name, version: project.version, lockfileVersion: 3, requires: true, packages };
  fs.writeFileSync(path.join(projectDir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
}
