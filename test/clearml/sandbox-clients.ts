/**
 * The sandbox of a client test file: jest hooks start one sandbox before the file's tests, close
 * every client made with `clientFor` and clear faults and request counts after each test, and
 * stop the sandbox at the end.
 */
import { ClearmlClient, ClientOptions } from '../../lib/clearml/client';
import { RunningSandbox, SandboxOptions, startSandbox } from '../../lib/sandbox/start';

/** Where a client connects: a sandbox, or any address with credentials. */
export type ClientTarget = Pick<RunningSandbox, 'url' | 'accessKey' | 'secretKey'>;

/** What a test file gets from {@link useSandboxClients}. */
export interface SandboxClients {
  /** The file's sandbox (started in `beforeAll`). */
  readonly sandbox: RunningSandbox;
  /**
   * A client of `target` with the file's default options and `options`, closed after the test.
   * @default target the file's sandbox
   */
  clientFor(options?: Partial<ClientOptions>, target?: ClientTarget): ClearmlClient;
}

/** Registers the hooks; `defaults` are client options every `clientFor` starts from. */
export function useSandboxClients(sandboxOptions: SandboxOptions = {}, defaults: Partial<ClientOptions> = {}): SandboxClients {
  let started: RunningSandbox | undefined;
  const clients: ClearmlClient[] = [];
  const fixture: SandboxClients = {
    get sandbox(): RunningSandbox {
      if (started === undefined) {
        throw new Error('the sandbox starts in beforeAll; use it inside a test');
      }
      return started;
    },
    clientFor(options = {}, target: ClientTarget = fixture.sandbox): ClearmlClient {
      const client = new ClearmlClient({ apiHost: target.url, accessKey: target.accessKey, secretKey: target.secretKey, ...defaults, ...options });
      clients.push(client);
      return client;
    },
  };
  beforeAll(async () => {
    started = await startSandbox(sandboxOptions);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    fixture.sandbox.setFaults(undefined);
    fixture.sandbox.resetCounts();
  });
  afterAll(async () => {
    await started?.close();
  });
  return fixture;
}
