/**
 * Ctrl-C during a deploy: a `cdk-style deploy` child process against a sandbox whose latency on
 * `tasks.create` keeps the deploy in flight gets SIGINT once the sandbox has received its second
 * create; it lists what was written before exiting 130, and a rerun converges without duplicates.
 */
import { deploy } from '../../lib/deploy/deploy';
import { loadAssembly } from '../../lib/manifest/load';
import * as path from 'node:path';
import { liveByIdentity, managedTasks } from '../deploy/seed';
import { harnessEnv, seedProjectWithSandbox, startCli, waitFor } from './child-cli';

describe('Ctrl-C during deploy', () => {
  const seed = seedProjectWithSandbox();
  const project = seed.project;

  test('lists the objects already written, exits 130, and a rerun converges', async () => {
    const harness = seed.harness();
    harness.setFaults({ latencyMs: 400, endpoints: /^tasks\.create$/ });
    const child = startCli(project, ['deploy', '--app', 'cdk.out', '--concurrency', '1'], harnessEnv(harness));
    // The second create is sent only after the first was answered: projects and one draft are written, one create is in flight.
    await waitFor('the second tasks.create', () => (harness.counts()['tasks.create'] ?? 0) >= 2);
    const atInterrupt = harness.counts();
    child.process.kill('SIGINT');
    expect(await child.exited).toBe(130);
    // After Ctrl-C nothing new reached the server but the release of the deploy lock.
    const after = Object.keys(harness.counts()).filter((e) => e !== 'total' && harness.counts()[e] !== atInterrupt[e]);
    expect(after.filter((e) => e !== 'projects.update' && e !== 'projects.delete')).toEqual([]);

    const stderr = child.stderr();
    expect(stderr).toContain('Error [Interrupted]: Interrupted (Ctrl-C): deploy stopped before it finished. Written before the interrupt (');
    expect(stderr).toContain('Run `cdk-style deploy` again to finish: it finds what exists by its ownership tags and creates no duplicates.');
    expect(child.stdout()).not.toContain('Deployed:');
    const listed = [...stderr.matchAll(/^\[\+\] created (project|task) (\S+) .*?\b([0-9a-f]{32})\b/gm)].map((m) => ({ kind: m[1], name: m[2], id: m[3] }));
    expect(listed.filter((l) => l.kind === 'project').map((l) => l.name)).toEqual(['alexandre_debug', 'alexandre_debug/.pipelines', 'alexandre_debug/.pipelines/my_pipeline']);
    const listedTasks = listed.filter((l) => l.kind === 'task');
    expect(listedTasks.length).toBeGreaterThanOrEqual(1);

    // Every create the sandbox received lands (the in-flight one after its latency): wait for it, then compare.
    harness.setFaults(undefined);
    await waitFor('every received create to land', async () => (await managedTasks(harness.client(), false)).length === harness.counts()['tasks.create']);
    const onServer = (await managedTasks(harness.client())).map((t) => t.id);
    expect(onServer).toEqual(expect.arrayContaining(listedTasks.map((t) => t.id)));
    expect(onServer.length - listedTasks.length).toBeLessThanOrEqual(1);

    await deploy(harness.client(), loadAssembly(path.join(project, 'cdk.out')).pipelines);
    expect(await liveByIdentity(harness.client())).toEqual({ my_pipeline: 1, 'my_pipeline/step1': 1, 'my_pipeline/step2': 1 });
  });
});
