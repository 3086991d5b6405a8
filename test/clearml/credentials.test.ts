/**
 * Credentials loading: environment variables (and their TRAINS_* names) over configuration files,
 * trains.conf merged under clearml.conf, CLEARML_CONFIG_FILE replacing both, derived hosts, TLS
 * verification, and the NoCredentials error.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clientFromEnvironment } from '../../lib/clearml/client';
import { DEFAULT_API_HOST, loadCredentials } from '../../lib/clearml/credentials';

/** The file `clearml-init` writes, abridged: unquoted URLs, comments, a one-line credentials block. */
function initConf(apiServer: string, accessKey: string, secretKey: string): string {
  return [
    '# ClearML SDK configuration file',
    'api {',
    "    # Notice: 'host' is the api server (default port 8008), not the web server.",
    `    api_server: ${apiServer}`,
    '    # Credentials are generated using the webapp, http://localhost:8080//settings',
    '    # Override with os environment: CLEARML_API_ACCESS_KEY / CLEARML_API_SECRET_KEY',
    `    credentials {"access_key": "${accessKey}", "secret_key": "${secretKey}"}`,
    '}',
    'sdk {',
    '    # storage {',
    '    #     cache { default_base_dir: "~/.clearml/cache" }',
    '    # }',
    '    development {',
    '        // a comment in the other style',
    '        default_output_uri: ""',
    '        worker { report_period_sec: 2, log_stdout: true }',
    '    }',
    '}',
    '',
  ].join('\n');
}

function tempHome(files: Record<string, string> = {}): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-home-'));
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(home, name), text);
  }
  return home;
}

describe('configuration files', () => {
  test('reads the file clearml-init writes and derives the web and file hosts', async () => {
    const home = tempHome({ 'clearml.conf': initConf('http://10.1.2.3:8008', 'AK1', 'SK1') });
    const credentials = await loadCredentials({}, { home });
    expect(credentials).toEqual({
      apiHost: 'http://10.1.2.3:8008', webHost: 'http://10.1.2.3:8080', filesHost: 'http://10.1.2.3:8081',
      accessKey: 'AK1', secretKey: 'SK1', verifyTls: true,
      source: `${path.join(home, 'clearml.conf')} (api host, access key, secret key)`,
    });
  });

  test('reads dotted keys, unquoted strings, the legacy api.host and a verify_certificate of False', async () => {
    const home = tempHome({
      'clearml.conf': [
        'api.host = "https://api.example.org"',
        'api.credentials.access_key = AKDOTTED',
        'api.credentials.secret_key: "s3cr3t with spaces"',
        'api.verify_certificate: False',
        'api.files_server: "s3://bucket/prefix"',
      ].join('\n'),
    });
    const credentials = await loadCredentials({}, { home });
    expect(credentials).toMatchObject({
      apiHost: 'https://api.example.org', webHost: 'https://app.example.org', filesHost: 's3://bucket/prefix',
      accessKey: 'AKDOTTED', secretKey: 's3cr3t with spaces', verifyTls: false,
    });
  });

  test('clearml.conf overrides trains.conf key by key', async () => {
    const home = tempHome({
      'trains.conf': 'api { api_server: "http://old:8008", web_server: "http://old-web", credentials { access_key: OLDAK, secret_key: OLDSK } }',
      'clearml.conf': 'api { credentials { access_key: NEWAK, secret_key: NEWSK } }',
    });
    const credentials = await loadCredentials({}, { home });
    expect(credentials).toMatchObject({ apiHost: 'http://old:8008', webHost: 'http://old-web', accessKey: 'NEWAK', secretKey: 'NEWSK' });
    expect(credentials.source).toBe(`${path.join(home, 'trains.conf')} (api host); ${path.join(home, 'clearml.conf')} (access key, secret key)`);
  });

  test('CLEARML_CONFIG_FILE replaces the files in the home directory', async () => {
    const home = tempHome({ 'clearml.conf': initConf('http://home:8008', 'HOMEAK', 'HOMESK') });
    const other = path.join(tempHome({ 'other.conf': initConf('https://api.other.net', 'OTHERAK', 'OTHERSK') }), 'other.conf');
    const credentials = await loadCredentials({ CLEARML_CONFIG_FILE: other }, { home });
    expect(credentials).toMatchObject({ apiHost: 'https://api.other.net', webHost: 'https://app.other.net', filesHost: 'https://files.other.net', accessKey: 'OTHERAK' });
  });

  test('a CLEARML_CONFIG_FILE that does not exist is an environment error', async () => {
    await expect(loadCredentials({ TRAINS_CONFIG_FILE: '/nonexistent/clearml.conf' }, { home: tempHome() }))
      .rejects.toMatchObject({ code: 'ConfigFileNotFound', exitCode: 3, message: expect.stringContaining('TRAINS_CONFIG_FILE points at /nonexistent/clearml.conf') });
  });
});

describe('environment variables', () => {
  test('CLEARML_* variables win over the configuration file', async () => {
    const home = tempHome({ 'clearml.conf': initConf('http://file:8008', 'FILEAK', 'FILESK') });
    const credentials = await loadCredentials({ CLEARML_API_HOST: 'https://api.env.io', CLEARML_API_SECRET_KEY: 'ENVSK', CLEARML_WEB_HOST: 'https://ui.env.io' }, { home });
    expect(credentials).toMatchObject({ apiHost: 'https://api.env.io', webHost: 'https://ui.env.io', filesHost: 'https://files.env.io', accessKey: 'FILEAK', secretKey: 'ENVSK' });
    expect(credentials.source).toBe(`CLEARML_API_HOST (api host); ${path.join(home, 'clearml.conf')} (access key); CLEARML_API_SECRET_KEY (secret key)`);
  });

  test('legacy TRAINS_* names are read, CLEARML_* names preferred', async () => {
    const env = { TRAINS_API_HOST: 'http://trains:8008', TRAINS_API_ACCESS_KEY: 'TAK', TRAINS_API_SECRET_KEY: 'TSK', CLEARML_API_SECRET_KEY: 'CSK' };
    expect(await loadCredentials(env, { home: tempHome() })).toMatchObject({ apiHost: 'http://trains:8008', accessKey: 'TAK', secretKey: 'CSK' });
  });

  test('CLEARML_API_HOST_VERIFY_CERT turns TLS verification off, and a bad value is refused', async () => {
    const env = { CLEARML_API_ACCESS_KEY: 'A', CLEARML_API_SECRET_KEY: 'S' };
    const home = tempHome();
    expect((await loadCredentials(env, { home })).verifyTls).toBe(true);
    expect((await loadCredentials({ ...env, CLEARML_API_HOST_VERIFY_CERT: '0' }, { home })).verifyTls).toBe(false);
    await expect(loadCredentials({ ...env, CLEARML_API_HOST_VERIFY_CERT: 'maybe' }, { home })).rejects.toMatchObject({ code: 'BadConfiguration' });
  });

  test('keys without a host use the SDK default server', async () => {
    const credentials = await loadCredentials({ CLEARML_API_ACCESS_KEY: 'A', CLEARML_API_SECRET_KEY: 'S' }, { home: tempHome() });
    expect(credentials).toMatchObject({ apiHost: DEFAULT_API_HOST, webHost: 'https://app.clear.ml', filesHost: 'https://files.clear.ml' });
    expect(credentials.source).toContain('the SDK default (api host)');
  });
});

describe('nothing configured', () => {
  test('names every variable and file looked at, and how to fix it', async () => {
    const home = tempHome({ 'clearml.conf': 'sdk { development { default_output_uri: "" } }\n' });
    const error = await loadCredentials({}, { home }).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ name: 'EnvironmentError', code: 'NoCredentials', exitCode: 3 });
    const message = (error as Error).message;
    for (const name of ['CLEARML_API_HOST', 'TRAINS_API_HOST', 'CLEARML_API_ACCESS_KEY', 'TRAINS_API_SECRET_KEY', 'CLEARML_CONFIG_FILE', 'CLEARML_API_HOST_VERIFY_CERT']) {
      expect(message).toContain(name);
    }
    expect(message).toContain(path.join(home, 'trains.conf'));
    expect(message).toContain(path.join(home, 'clearml.conf'));
    expect(message).toContain('clearml-init');
    expect(message).toContain('--sandbox');
  });

  test('clientFromEnvironment reports NoCredentials too', async () => {
    await expect(clientFromEnvironment({ HOME: tempHome() })).rejects.toMatchObject({ code: 'NoCredentials' });
  });

  test('clientFromEnvironment builds a client from the variables, with overrides', async () => {
    const client = await clientFromEnvironment({ CLEARML_API_HOST: 'http://127.0.0.1:9', CLEARML_API_ACCESS_KEY: 'A', CLEARML_API_SECRET_KEY: 'S' }, { apiHost: 'http://127.0.0.1:10' });
    expect(client.apiHost).toBe('http://127.0.0.1:10');
    await client.close();
  });
});
