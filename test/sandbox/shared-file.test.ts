/**
 * Several processes serving one data file (two `--sandbox` commands in one project) see one state
 * and lose no write; a data file the sandbox cannot read is an environment error naming it.
 */
import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CdkStyleError, ExitCode } from '../../lib/base/errors';
import { startSandbox } from '../../lib/sandbox/start';
import { loadState } from '../../lib/sandbox/store';
import { login, startSandboxChild } from './api';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-shared-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

test('two processes writing one data file at once lose nothing and read each other\'s writes', async () => {
  const dataFile = path.join(dir, 'data.json');
  const local = await startSandbox({ dataFile, accessKey: 'CHILDKEY', secretKey: 'child-secret' });
  const { child, url } = await startSandboxChild(dataFile);
  try {
    const here = await login(local);
    const there = await login({ url, accessKey: 'CHILDKEY', secretKey: 'child-secret' });
    const creates = Array.from({ length: 30 }, (_, i) => [
      here.call('projects.create', { name: `here-${i}` }),
      there.call('projects.create', { name: `there-${i}` }),
    ]).flat();
    const ids = (await Promise.all(creates)).map((r: { id: string }) => r.id);
    const seenHere = (await here.call('projects.get_all', { name: '^(here|there)-' })).projects.map((p: { id: string }) => p.id);
    const seenThere = (await there.call('projects.get_all', { name: '^(here|there)-' })).projects.map((p: { id: string }) => p.id);
    expect(new Set(seenHere)).toEqual(new Set(ids));
    expect(new Set(seenThere)).toEqual(new Set(ids));
    const { id: task } = await here.call('tasks.create', { name: 'shared', type: 'training', project: ids[0] });
    await there.call('tasks.edit', { task, comment: 'edited in the other process' });
    expect((await here.call('tasks.get_by_id', { task })).task.comment).toBe('edited in the other process');
    expect(Object.keys(loadState(dataFile)?.projects ?? {})).toEqual(expect.arrayContaining(ids));
  } finally {
    await stopped(child);
    await local.close();
  }
});

test('a data file that is not JSON is an environment error that names it, and is left as it was', async () => {
  const dataFile = path.join(dir, 'data.json');
  fs.writeFileSync(dataFile, '{"version": 1, "tasks": {');
  const failure = await startSandbox({ dataFile }).then(() => undefined, (error: unknown) => error);
  expect(CdkStyleError.isCdkStyleError(failure)).toBe(true);
  const error = failure as CdkStyleError;
  expect([error.code, error.exitCode]).toEqual(['SandboxDataUnreadable', ExitCode.ENVIRONMENT]);
  expect(error.message).toContain(`The sandbox data file ${dataFile} is not valid JSON`);
  expect(error.message).toMatch(/Restore it from a copy, or delete it/);
  expect(fs.readFileSync(dataFile, 'utf8')).toBe('{"version": 1, "tasks": {');
});

test('a data file of another shape is refused the same way', async () => {
  const dataFile = path.join(dir, 'data.json');
  fs.writeFileSync(dataFile, '{"version": 1, "tasks": {}}');
  await expect(startSandbox({ dataFile })).rejects.toMatchObject({ code: 'SandboxDataUnreadable', message: expect.stringContaining('is not a version 1 sandbox state') });
});
