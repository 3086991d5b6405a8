/**
 * The sandbox HTTP server on node:http: reads requests, applies injected faults, counts requests
 * by endpoint, serves the `/_sandbox/` admin endpoints, and sends envelopes.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { AddressInfo } from 'node:net';
import { admin } from './admin';
import { DispatchTarget, dispatch } from './dispatch';
import { Envelope, errorEnvelope } from './envelope';
import { FaultDecision, FaultInjector, FaultOptions } from './faults';
import { parseBody, parseRoute, queryArguments } from './request';

/** A key and certificate (PEM) to serve HTTPS with. */
export interface SandboxTls {
  /** Private key, PEM. */
  readonly key: string | Buffer;
  /** Certificate (chain), PEM. */
  readonly cert: string | Buffer;
}

/** The server's mutable observation and fault state. */
export class SandboxServer {
  /** Requests by endpoint, plus `total`. */
  public counts: Record<string, number> = { total: 0 };
  private injector?: FaultInjector;
  /** Requests waiting out injected latency: ended by {@link close}, never run. */
  private readonly delayed = new Map<NodeJS.Timeout, () => void>();
  private closed = false;
  private readonly http: http.Server;
  private readonly target: DispatchTarget;
  private readonly scheme: 'http' | 'https';

  /**
   * @param target state and helpers requests are dispatched against
   * @param tls serve HTTPS with this key and certificate (PEM) instead of plain HTTP
   */
  public constructor(target: DispatchTarget, tls?: SandboxTls) {
    this.target = target;
    this.scheme = tls === undefined ? 'http' : 'https';
    const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      void this.handle(req, res).catch(() => res.destroy());
    };
    this.http = tls === undefined ? http.createServer(listener) : https.createServer({ key: tls.key, cert: tls.cert }, listener);
    this.http.keepAliveTimeout = 30_000;
  }

  /** Starts listening; resolves with the base URL (loopback when bound to every interface). */
  public listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        const address = this.http.address() as AddressInfo;
        const reachable = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
        const shownHost = address.family === 'IPv6' ? `[${reachable}]` : reachable;
        resolve(`${this.scheme}://${shownHost}:${address.port}`);
      });
    });
  }

  /** Stops listening and ends every connection, hung requests included (one waiting out injected latency is dropped, never run). */
  public close(): Promise<void> {
    this.closed = true;
    this.delayed.forEach((wake, timer) => {
      clearTimeout(timer);
      wake();
    });
    this.delayed.clear();
    return new Promise((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  /** Turns fault injection on (or off with undefined). */
  public setFaults(options: FaultOptions | undefined): void {
    this.injector = options === undefined ? undefined : new FaultInjector(options);
  }

  /** The status gate (held by tests to race status changes). */
  public get statusGate(): DispatchTarget['statusGate'] {
    return this.target.statusGate;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (url.pathname.startsWith('/_sandbox/')) {
      const answer = admin(this, url.pathname, text) as Record<string, unknown>;
      sendJson(res, answer, 'error' in answer ? 400 : 200);
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(200).end();
      return;
    }
    if (req.headers['content-encoding'] !== undefined) {
      res.writeHead(415, { 'content-type': 'text/plain' }).end('Content encoding is not supported');
      return;
    }
    await this.handleApi(req, res, url, text);
  }

  private async handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, text: string): Promise<void> {
    let route;
    let body;
    try {
      route = parseRoute(url.pathname);
      body = { ...parseBody(text, req.headers['content-type']), ...queryArguments(url.searchParams) };
    } catch (error) {
      sendEnvelope(res, errorEnvelope({ endpoint: route?.endpoint ?? url.pathname, known: false }, error));
      return;
    }
    this.count(route.endpoint);
    const fault = this.injector?.decide(route.endpoint);
    if (fault !== undefined && fault.latencyMs > 0) {
      await this.delay(fault.latencyMs);
    }
    if (this.closed) {
      res.destroy();
      return;
    }
    if (fault?.kind !== undefined && fault.phase === 'before') {
      applyFault(res, fault);
      return;
    }
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const envelope = await dispatch(this.target, {
      endpoint: route.endpoint, version: route.version, body, authorization: header('authorization'), cookie: header('cookie'),
      trx: header('x-clearml-trx') ?? header('x-trains-trx'), worker: header('x-clearml-worker') ?? header('x-trains-worker'),
    });
    if (fault?.kind !== undefined) {
      applyFault(res, fault);
      return;
    }
    sendEnvelope(res, envelope);
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delayed.delete(timer);
        resolve();
      }, ms);
      this.delayed.set(timer, resolve);
    });
  }

  private count(endpoint: string): void {
    this.counts[endpoint] = (this.counts[endpoint] ?? 0) + 1;
    this.counts.total = (this.counts.total ?? 0) + 1;
  }
}

function sendJson(res: http.ServerResponse, value: unknown, status: number): void {
  res.writeHead(status, { 'content-type': 'application/json', server: 'clearml-sandbox' }).end(JSON.stringify(value));
}

function sendEnvelope(res: http.ServerResponse, envelope: Envelope): void {
  res.writeHead(envelope.status, { 'content-type': 'application/json', server: 'clearml' }).end(JSON.stringify(envelope.body));
}

function applyFault(res: http.ServerResponse, fault: FaultDecision): void {
  switch (fault.kind) {
    case 'reset':
      res.socket?.resetAndDestroy();
      return;
    case 'hang':
      return;
    case '429':
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '0' }).end('Too Many Requests');
      return;
    default:
      res.writeHead(Number(fault.kind), { 'content-type': 'text/html' }).end(fault.kind === '502' ? 'Bad Gateway' : 'Service Unavailable');
  }
}
