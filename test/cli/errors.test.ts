/**
 * Errors a user can act on: a server that is not a ClearML API server, `--app DIR` without a
 * manifest.json, an unknown command, `--version`. Each names what is wrong, where, and how to fix
 * it, with its documented exit code, and sends no write.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { runCli } from './cli-fixture';
import { runCliChild, seedProjectWithSandbox } from './child-cli';

/** A loopback HTTP server that answers every request with `status`, `type` and `body`, and counts them. */
async function foreignServer(status: number, type: string, body: string): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    req.resume().on('end', () => res.writeHead(status, { 'content-type': type }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const LOGIN_PAGE = '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login"></form></body></html>';

describe('errors a user can act on', () => {
  const { project, harness } = seedProjectWithSandbox();
  const saved = { ...process.env };

  afterEach(() => {
    process.env = { ...saved };
  });

  function pointAt(url: string): void {
    Object.assign(process.env, { CLEARML_API_HOST: url, CLEARML_API_ACCESS_KEY: 'AKEY123', CLEARML_API_SECRET_KEY: 'secret-value-xyz' });
  }

  test.each([
    ['a proxy login page (HTML, 200)', 200, 'text/html; charset=utf-8', LOGIN_PAGE, 'answered HTTP 200 with an HTML page'],
    ['a wrong port serving a web page (HTML, 404)', 404, 'text/html', '<html><body>404 Not Found</body></html>', 'answered HTTP 404 with an HTML page'],
    ['JSON cut off', 200, 'application/json', '{"meta": {"result_code": 200, "trx": "abc"', 'answered HTTP 200 with JSON that is cut off or has no ClearML envelope'],
  ])('%s is an environment error (exit 3) naming CLEARML_API_HOST, after one request', async (_what, status, type, body, answered) => {
    const server = await foreignServer(status, type, body);
    try {
      const url = server.url.replace('http://', 'http://proxyuser:S3cretPass@');
      pointAt(url);
      const result = await runCli(project, ['deploy', '--app', 'cdk.out']);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`Error [NotClearmlServer]: ${server.url} does not look like a ClearML API server: auth.login ${answered}`);
      expect(result.stderr).toContain('Set CLEARML_API_HOST (or api.api_server in clearml.conf)');
      expect(result.stderr).toContain('usually on port 8008');
      // The error itself shows neither the URL's credentials, the keys nor the page (the header line is the redaction work's).
      expect(result.stderr.slice(result.stderr.indexOf('Error ['))).not.toMatch(/S3cretPass|proxyuser|AKEY123|secret-value-xyz|Sign in/);
      expect(server.requests).toEqual(['/v2.23/auth.login']);
    } finally {
      await server.close();
    }
  });

  test('deploy --app DIR where DIR holds no manifest.json says so (exit 2) instead of running it', async () => {
    fs.mkdirSync(path.join(project, 'reviewed'), { recursive: true });
    pointAt(harness().url);
    harness().resetCounts();
    const result = await runCli(project, ['deploy', '--app', 'reviewed']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Error [UsageError]: --app 'reviewed' is a directory, but it holds no manifest.json, so it is not a cloud assembly.");
    expect(result.stderr).toContain('Synthesize into it first (cdk-style synth --output reviewed), or pass the command that runs the app (--app "tsx app.ts").');
    expect(result.stderr).not.toMatch(/Permission denied|not found|exit 126/);
    expect(harness().counts().total).toBe(0);
  });

  test('synth --app DIR refuses to run a directory as the app command (exit 2), and points at deploy for an assembly', async () => {
    const empty = await runCli(project, ['synth', '--app', 'reviewed']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('Error [UsageError]: The app \'reviewed\' is a directory, not a command that runs the app. Pass the command that runs the app, e.g. --app "tsx app.ts".');
    const assembly = await runCli(project, ['synth', '--app', 'cdk.out', '--output', 'elsewhere']);
    expect(assembly.code).toBe(2);
    expect(assembly.stderr).toContain('It holds a synthesized assembly: deploy or diff it with --app cdk.out.');
  });

  test.each([
    ['deplyo', "Error: Unknown command 'deplyo'. Did you mean deploy?"],
    ['dif', "Error: Unknown command 'dif'. Did you mean diff?"],
    ['xyz', "Error: Unknown command 'xyz'. Run 'cdk-style --help' to list the commands."],
  ])("an unknown command '%s' is named before any suggestion (exit 2)", async (command, line) => {
    const result = await runCli(project, [command]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n').pop()).toBe(line);
  });

  test('cdk-style --version prints the package version (exit 0)', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    const result = await runCliChild(project, ['--version']);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
