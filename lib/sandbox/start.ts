/**
 * Starting the ClearML-compatible sandbox server: in memory or persisted to a data file, with the
 * given queues, credentials (generated when absent) and optional fault injection.
 */
import { randomBytes } from 'node:crypto';
import { identityFor } from './auth';
import { HandlerContext } from './context';
import { FaultOptions } from './faults';
import { StatusGate } from './status-gate';
import { SandboxServer, SandboxTls } from './server';
import { PersistedState } from './persistence';
import { SandboxState, emptyState } from './store';
import { createQueue } from './queues';
import { SimulatedAgentsOptions } from './agents/options';
import { SimulatedAgents, startSimulatedAgents } from './agents/simulated-agents';
import { ScrollRegistry } from './query';

export type { FaultKind, FaultOptions } from './faults';
export type { MetricsFixture, SimulatedAgentsOptions, SimulatedStepOptions } from './agents/options';
export type { SandboxTls } from './server';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /** Persist every write to this file (atomically) and reload it on start. @default in memory only */
  dataFile?: string;
  /** Access key to accept. @default the one stored in `dataFile`, else generated */
  accessKey?: string;
  /** Secret key to accept. @default the one stored in `dataFile`, else generated */
  secretKey?: string;
  /** Queues created at start when missing (`default` gets the `default` system tag). @default [] */
  queues?: string[];
  /** Fault injection from the start. @default no faults */
  faults?: FaultOptions;
  /**
   * Start simulated agents: workers on the step queues and a services agent running pipeline
   * controllers (`true` for the defaults). @default no agents (nothing runs)
   */
  agents?: boolean | SimulatedAgentsOptions;
  /** The most rows a `get_all` page returns, like a server configured with a smaller `max_page_size`. @default 500 */
  maxPageSize?: number;
  /** Serve HTTPS with this key and certificate (PEM); the URL is then `https://…`. @default plain HTTP */
  tls?: SandboxTls;
}

/** A running sandbox. */
export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Access key it accepts. */
  readonly accessKey: string;
  /** Secret key it accepts. */
  readonly secretKey: string;
  /** Requests by endpoint (`service.action`) since the last reset, plus `total`. */
  requestCounts(): Record<string, number>;
  /** Resets the request counts. */
  resetCounts(): void;
  /** Turns fault injection on, or off with undefined. */
  setFaults(f: FaultOptions | undefined): void;
  /** The simulated agents, when started with `agents`. */
  readonly agents?: SimulatedAgents;
  /** Stops the agents, then the server, ending every connection (hung requests included). */
  close(): Promise<void>;
}

function initialState(options: SandboxOptions, stored: SandboxState | undefined): SandboxState {
  const accessKey = options.accessKey ?? stored?.accessKey ?? `SANDBOX${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretKey = options.secretKey ?? stored?.secretKey ?? randomBytes(24).toString('hex');
  const state = stored ?? emptyState(accessKey, secretKey, randomBytes(32).toString('hex'));
  state.accessKey = accessKey;
  state.secretKey = secretKey;
  return state;
}

function ensureQueues(state: SandboxState, names: readonly string[]): void {
  const ctx: HandlerContext = { state, identity: identityFor(state.accessKey), scrolls: new Map(), statusGate: new StatusGate() };
  if (Object.keys(state.queues).length === 0 && !names.includes('default')) {
    createQueue(ctx, { name: 'default', system_tags: ['default'] });
  }
  for (const name of names) {
    if (!Object.values(state.queues).some((q) => q.name === name)) {
      createQueue(ctx, { name, system_tags: name === 'default' ? ['default'] : [] });
    }
  }
}

/** Starts a sandbox and resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const prepare = (stored: SandboxState | undefined): SandboxState => {
    const raw = initialState(options, stored);
    ensureQueues(raw, options.queues ?? []);
    return raw;
  };
  const persisted = options.dataFile !== undefined ? await PersistedState.open(options.dataFile, prepare) : undefined;
  const state = persisted?.view ?? prepare(undefined);
  const scrolls: ScrollRegistry = Object.assign(new Map<string, number>(), { maxPageSize: options.maxPageSize });
  const server = new SandboxServer({ state, persisted, scrolls, statusGate: new StatusGate() }, options.tls);
  server.setFaults(options.faults);
  const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  const agents = options.agents === undefined || options.agents === false ? undefined
    : await startSimulatedAgents({ url, accessKey: state.accessKey, secretKey: state.secretKey, certificate: options.tls?.cert }, options.agents === true ? {} : options.agents);
  return {
    agents,
    url,
    accessKey: state.accessKey,
    secretKey: state.secretKey,
    requestCounts: () => ({ ...server.counts }),
    resetCounts: () => {
      server.counts = { total: 0 };
    },
    setFaults: (f) => server.setFaults(f),
    close: async () => {
      await agents?.stop();
      await server.close();
    },
  };
}

/** Environment variables pointing the cdk-style CLI or the ClearML SDK at a running sandbox. */
export function sandboxEnvironment(s: Pick<RunningSandbox, 'url' | 'accessKey' | 'secretKey'>): Record<string, string> {
  return {
    CLEARML_API_HOST: s.url,
    CLEARML_WEB_HOST: s.url,
    CLEARML_FILES_HOST: s.url,
    CLEARML_API_ACCESS_KEY: s.accessKey,
    CLEARML_API_SECRET_KEY: s.secretKey,
  };
}
