/**
 * The local web host: serves the built renderer and the services over a WebSocket on 127.0.0.1.
 * A per-launch token (carried by the printed URL) guards both the page and the socket; a foreign
 * Origin or Host header (another site, DNS rebinding) is refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { CodecError, decodeMessage, encodeMessage } from '../shared/codec';
import type { EventHub } from '../services/events';
import type { Dispatch } from '../services/router';
import { WS_PATH, type WsReply, type WsRequest } from '../shared/ws-protocol';

export interface WebHostOptions {
  port: number;
  rendererDir: string;
  dispatch: Dispatch;
  events: EventHub;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
  log?: (line: string) => void;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given), b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const log = opts.log ?? (() => {});
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  const deny = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts().includes(req.headers.host ?? '')) return deny(res, 403, 'Forbidden: unexpected Host header');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const isPage = url.pathname === '/' || url.pathname === '/index.html';
    if (isPage && !sameToken(url.searchParams.get('token'), token)) {
      return deny(res, 403, 'Forbidden: open the URL printed by Twinscope (it carries this launch\'s token).');
    }
    const rel = normalize(decodeURIComponent(isPage ? '/index.html' : url.pathname)).replace(/^([/\\])+/, '');
    const file = join(opts.rendererDir, rel);
    if (!file.startsWith(opts.rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) return deny(res, 404, 'Not found');
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': isPage ? 'no-store' : 'public, max-age=3600',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reason = !allowedHosts().includes(req.headers.host ?? '')
      ? 'unexpected Host header'
      : !allowedOrigins().includes(req.headers.origin ?? '')
        ? `foreign Origin ${JSON.stringify(req.headers.origin ?? null)}`
        : url.pathname !== WS_PATH
          ? 'unknown path'
          : !sameToken(url.searchParams.get('token'), token)
            ? 'missing or wrong token'
            : null;
    if (reason) {
      log(`refused WebSocket: ${reason}`);
      socket.write(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  const serveSocket = (ws: WebSocket) => {
    const unsubscribe = opts.events.subscribe((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(encodeMessage({ event, payload } satisfies WsReply));
    });
    ws.on('close', unsubscribe);
    ws.on('message', async (data, isBinary) => {
      let id: number | null = null;
      try {
        if (isBinary) throw new CodecError('binary frames are not part of the protocol');
        const msg = decodeMessage(data.toString()) as Partial<WsRequest>;
        if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'number') throw new CodecError('a request needs a numeric id');
        id = msg.id;
        const result = await opts.dispatch(msg.channel, msg.payload);
        ws.send(encodeMessage({ id, result } satisfies WsReply));
      } catch (e) {
        const err = e as Error;
        ws.send(encodeMessage({ id, result: { ok: false, error: { name: err.name, message: err.message } } } satisfies WsReply));
      }
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
