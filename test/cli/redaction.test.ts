/**
 * No secret is ever printed or written: a password in the server URL, the access and secret keys,
 * the Basic credentials and the Bearer tokens of a session are fed through every command of the
 * CLI (successes, failures, --json, debug stack traces), each in a process of its own, and none
 * appears in stdout, stderr or any file the commands wrote.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../lib/cli/commands/registry';
import { RunningSandbox, startSandbox } from '../../lib/sandbox/start';
import { cliArgv } from '../setup/dist';
import { makeProject, SEED_APP_JS } from './cli-fixture';

const ACCESS_KEY = 'ACCESSKEYREDACTME1234';
const SECRET_KEY = 'secret-key-that-must-never-be-printed-5678';
const URL_PASSWORD = 'S3cretProxyPw';
const BASIC = Buffer.from(`${ACCESS_KEY}:${SECRET_KEY}`).toString('base64');
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}/;

interface Ran {
  readonly name: string;
  readonly out: string;
}

function run(name: string, cwd: string, args: string[], env: Record<string, string>, stopWhen?: RegExp): Promise<Ran> {
  const [program, ...argv] = cliArgv(args);
  const child: ChildProcess = spawn(program, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const collect = (chunk: Buffer): void => {
    out += chunk.toString('utf8');
    if (stopWhen?.test(out)) {
      child.kill('SIGTERM');
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return new Promise((resolve) => child.once('close', () => resolve({ name, out })));
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

function leaks(text: string): string[] {
  return [
    ...[ACCESS_KEY, SECRET_KEY, URL_PASSWORD, BASIC].filter((s) => text.includes(s)),
    ...(JWT.test(text) ? ['a bearer token (JWT)'] : []),
  ];
}

describe('no secret in anything the CLI prints or writes', () => {
  let sandbox: RunningSandbox;
  let project: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startSandbox({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, queues: ['oneshot-a100x1', 'services'] });
    project = makeProject(SEED_APP_JS, 'app.js');
    const withPassword = sandbox.url.replace('http://', `http://proxyuser:${URL_PASSWORD}@`);
    env = { CLEARML_API_HOST: withPassword, CLEARML_WEB_HOST: withPassword, CLEARML_API_ACCESS_KEY: ACCESS_KEY, CLEARML_API_SECRET_KEY: SECRET_KEY };
  });

  afterAll(async () => {
    await sandbox.close();
  });

  test('every command, its --json form, its failures and its debug stack traces', async () => {
    const debug = { ...env, CDK_STYLE_DEBUG: '1' };
    const wrongSecret = { ...debug, CLEARML_API_SECRET_KEY: `${SECRET_KEY}-wrong` };
    const app = ['--app', 'cdk.out'];
    // Commands that read or write the server run one after another (their order matters);
    // the rest, and the failures, run alongside.
    const sequence: Array<[string, string[], Record<string, string>]> = [
      ['synth', ['synth'], env], ['diff --json', ['diff', '--json', ...app], env],
      ['deploy --dry-run', ['deploy', '--dry-run', ...app], env], ['deploy', ['deploy', ...app], env],
      ['deploy --json', ['deploy', '--json', ...app], env],
      ['diff --out', ['diff', ...app, '--out', 'plan.json', '--out', 'review.md'], env], ['deploy --plan', ['deploy', ...app, '--plan', 'plan.json'], env],
      ['import', ['import', 'my_pipeline', '--out', 'imported.ts'], env], ['run', ['run', 'my_pipeline', ...app], env],
      ['report', ['report', 'my_pipeline', '--format', 'json', '--out', 'report.json', ...app], debug],
      ['status --json', ['status', 'my_pipeline', '--json', ...app], env],
      ['destroy', ['destroy', '--force', ...app], env],
    ];
    const ran: Ran[] = [];
    for (const [name, args, e] of sequence) {
      ran.push(await run(name, project, args, e));
    }
    ran.push(...await Promise.all([
      run('ls', project, ['ls', '--long', ...app], env),
      run('graph', project, ['graph', 'my_pipeline', ...app], env),
      run('sandbox', project, ['sandbox', '--port', '0'], env, /Press Ctrl\+C to stop/),
      run('help', project, ['--help'], env),
      run('diff, wrong secret', project, ['diff', ...app], wrongSecret),
      run('diff', project, ['diff', ...app], env),
      run('deploy, wrong secret', project, ['deploy', ...app], wrongSecret),
      run('run, wrong secret', project, ['run', 'my_pipeline', ...app], wrongSecret),
      run('import, wrong secret', project, ['import', 'my_pipeline'], wrongSecret),
      run('init', project, ['init', 'fresh', '--template', 'empty'], env),
      run('report, wrong secret', project, ['report', 'my_pipeline', ...app], wrongSecret),
    ]));
    expect(ran.find((r) => r.name === 'deploy')?.out).toContain('Deployed:');
    expect(ran.find((r) => r.name === 'import')?.out).toContain("Imported pipeline 'my_pipeline'");
    expect(ran.find((r) => r.name === 'diff, wrong secret')?.out).toMatch(/Error/);
    const found = ran.map((r) => ({ command: r.name, leaks: leaks(r.out) })).filter((r) => r.leaks.length > 0);
    expect(found).toEqual([]);
    const written = filesUnder(project).filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`));
    expect(written.filter((f) => leaks(fs.readFileSync(f, 'utf8')).length > 0)).toEqual([]);
    const covered = new Set(ran.map((r) => r.name.split(/[ ,]/)[0]));
    const commands = COMMANDS.map((c) => String([c.command].flat()[0]).split(' ')[0]);
    expect(commands.filter((c) => !covered.has(c))).toEqual([]);
  }, 240_000);
});
