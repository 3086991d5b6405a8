/**
 * The house runs one way (DESIGN.md §2): each room of lib/ may import only the rooms below it.
 * This reads every import of every file under lib/ and fails on one that goes up or sideways.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const LIB = path.resolve(__dirname, '..', 'lib');

/** The rooms each room may import (besides itself). A room missing here may import nothing. */
const ALLOWED: Record<string, readonly string[]> = {
  base: [],
  manifest: ['base'],
  core: ['base', 'manifest'],
  steps: ['base', 'core', 'manifest'],
  patterns: ['base', 'core', 'manifest', 'steps'],
  clearml: ['base', 'manifest'],
  assembly: ['base', 'manifest'],
  run: ['base', 'clearml'],
  sandbox: ['base', 'clearml', 'run'],
  deploy: ['base', 'manifest', 'clearml', 'assembly', 'sandbox'],
  report: ['base', 'manifest', 'clearml', 'assembly', 'sandbox', 'deploy', 'run', 'core', 'steps', 'patterns'],
  init: ['base'],
  import: ['base', 'manifest', 'clearml', 'assembly', 'deploy', 'core', 'steps'],
  testing: ['base', 'manifest', 'core', 'steps', 'patterns', 'clearml', 'sandbox', 'deploy', 'run'],
  cli: ['base', 'manifest', 'core', 'steps', 'patterns', 'clearml', 'assembly', 'sandbox', 'deploy', 'run', 'report', 'import', 'init', 'testing'],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function roomOf(file: string): string {
  return path.relative(LIB, file).split(path.sep)[0];
}

function importedRooms(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((s) => path.resolve(path.dirname(file), s)).filter((p) => p.startsWith(LIB + path.sep)).map(roomOf);
}

test('every room of lib/ imports only the rooms below it', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(LIB).filter((f) => path.dirname(f) !== LIB)) {
    const room = roomOf(file);
    const allowed = new Set([room, ...(ALLOWED[room] ?? [])]);
    for (const imported of importedRooms(file)) {
      if (!allowed.has(imported)) {
        violations.push(`${path.relative(LIB, file)} imports lib/${imported}`);
      }
    }
  }
  expect(violations).toEqual([]);
});

test('every room of lib/ is placed in the table above', () => {
  const rooms = fs.readdirSync(LIB, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  expect(rooms.filter((r) => !(r in ALLOWED))).toEqual([]);
});
