/**
 * The /predict HTTP(S) server on node:http / node:https. Each request runs in this order, so the
 * cheap refusals come first and nothing is read or parsed for a caller that will be refused:
 * route → rate limit (429, also against token guessing) → bearer token (401, constant-time) →
 * content type (415) → body cap (413, by Content-Length before reading, then while reading) →
 * JSON (400) → active model (503) → fields (400 naming the field) → prediction.
 *
 * Scoring one row takes microseconds, so it runs inline on the main process's event loop; the
 * body cap bounds what JSON.parse can be asked to do.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { TokenBucket } from '../common/token-bucket';
import type { PredictApiCounts } from '../shared/contract';
import type { PredictModel } from '../ml/predict-model';
import { predictOpenApi } from '../ml/predict-openapi';
import { parsePredictBody, PredictRequestError } from '../ml/predict-request';

export interface PredictServerOptions {
  host: string;
  port: number;
  /** PEM contents; required for a non-loopback host. */
  tls: { cert: Buffer | string; key: Buffer | string } | null;
  maxBodyBytes: number;
  ratePerSecond: number;
  burst: number;
  /** The bearer token now (read per request, so a regenerated token applies at once); null refuses every call. */
  token(): string | null;
  /** The active model (null: none is active); rejects with the reason it cannot be loaded. */
  model(): Promise<PredictModel | null>;
  appVersion: string;
  /** Counted into (kept by the caller, so counts survive a restart of the server). */
  counts: PredictApiCounts;
  /** Milliseconds, for the rate limit. */
  now?: () => number;
}

export interface RunningPredictServer {
  url: string;
  close(): Promise<void>;
}

export class PredictServerError extends Error {
  override name = 'PredictServerError';
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this computer only. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/** The expected token's bytes, kept while the token stays the same. */
let expectedBytes: { token: string; bytes: Buffer } | null = null;

/**
 * Constant-time compare that leaks neither a prefix nor the expected length: the guess is copied
 * into a buffer of the expected token's length (truncated or zero-padded), compared whole with
 * timingSafeEqual, and its own length checked after. Hashing both sides (the earlier way) cost
 * ~15 µs per request, a twentieth of a whole /predict call.
 */
function tokenMatches(expected: string, given: string): boolean {
  if (expectedBytes?.token !== expected) expectedBytes = { token: expected, bytes: Buffer.from(expected, 'utf8') };
  const want = expectedBytes.bytes;
  const guess = Buffer.alloc(want.length);
  guess.write(given, 'utf8');
  const same = timingSafeEqual(guess, want);
  return same && Buffer.byteLength(given, 'utf8') === want.length;
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

export async function startPredictServer(opts: PredictServerOptions): Promise<RunningPredictServer> {
  if (!isLoopback(opts.host) && !opts.tls) {
    throw new PredictServerError(`host "${opts.host}" is not a loopback address: listening on it needs a TLS certificate and key (or use 127.0.0.1)`);
  }
  const bucket = new TokenBucket(opts.ratePerSecond, opts.burst, opts.now ?? (() => performance.now()));
  const counts = opts.counts;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    counts.requests++;
    handle(req, res).catch((e: Error) => send(res, 500, { error: `internal error: ${e.message}` }));
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    if (status === 200) counts.ok++;
    else if (status === 400) counts.badRequest++;
    else if (status === 401) counts.unauthorized++;
    else if (status === 413) counts.tooLarge++;
    else if (status === 429) counts.rateLimited++;
    else counts.otherErrors++;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
    res.end(text);
  };
  const refuse = (res: ServerResponse, e: PredictRequestError): void => send(res, 400, { error: e.message, field: e.field });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      if (req.method !== 'GET') return send(res, 405, { error: 'use GET' }, { Allow: 'GET' });
      return send(res, 200, { status: 'ok' });
    }
    const method = path === '/predict' ? 'POST' : path === '/openapi.json' ? 'GET' : null;
    if (!method) return send(res, 404, { error: `no such path ${JSON.stringify(path)} (POST /predict, GET /openapi.json, GET /health)` });
    if (req.method !== method) return send(res, 405, { error: `use ${method} ${path}` }, { Allow: method });
    if (!bucket.take()) {
      return send(res, 429, { error: `over the rate limit of ${opts.ratePerSecond} requests per second` }, { 'Retry-After': String(Math.max(1, Math.ceil(bucket.waitSeconds()))) });
    }
    const token = opts.token();
    const given = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !given || !tokenMatches(token, given)) {
      const error = !req.headers.authorization ? 'missing "Authorization: Bearer <token>" header' : 'the bearer token is wrong (see Settings › REST API)';
      return send(res, 401, { error }, { 'WWW-Authenticate': 'Bearer realm="twinscope"' });
    }
    if (method === 'GET') {
      const model = await opts.model().catch(() => null);
      return send(res, 200, predictOpenApi(model?.shape ?? null, model?.version ?? null, opts.appVersion, model?.examples() ?? null));
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return send(res, 415, { error: `Content-Type must be application/json (got ${JSON.stringify(type || 'none')})` }, { Connection: 'close' });
    const text = await readBody(req, opts.maxBodyBytes);
    if (text === null) return send(res, 413, { error: `the body is over the ${opts.maxBodyBytes}-byte cap` }, { Connection: 'close' });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return refuse(res, new PredictRequestError('(body)', `the body is not valid JSON: ${(e as Error).message}`));
    }
    let model: PredictModel | null;
    try {
      model = await opts.model();
    } catch (e) {
      return send(res, 503, { error: `the active model cannot be used: ${(e as Error).message}` });
    }
    if (!model) return send(res, 503, { error: 'no model is active: activate one in Twinscope (Model › runs)' });
    let request;
    try {
      request = parsePredictBody(model.shape, body);
    } catch (e) {
      if (e instanceof PredictRequestError) return refuse(res, e);
      throw e;
    }
    return send(res, 200, model.predict(request));
  }

  const server: Server = opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    const fail = (e: NodeJS.ErrnoException) => {
      reject(new PredictServerError(
        e.code === 'EADDRINUSE' ? `port ${opts.port} is already in use on ${opts.host}: choose another port`
          : e.code === 'EADDRNOTAVAIL' ? `${opts.host} is not an address of this computer`
            : e.code === 'EACCES' ? `not allowed to listen on port ${opts.port} (ports below 1024 need administrator rights)`
              : `cannot listen on ${opts.host}:${opts.port}: ${e.message}`,
      ));
    };
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${hostInUrl}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}

/** The body as text, or null once it passes `max` bytes (by Content-Length before reading, or while reading). */
function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0, over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
