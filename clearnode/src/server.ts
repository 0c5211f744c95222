import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { NodeServices } from './services.ts';
import type { Router } from './rpc/router.ts';
import type { Connection } from './rpc/connection-hub.ts';
import type { Asset } from './assets.ts';
import { signedNotification } from './rpc/response.ts';
import { assetsPayload } from './handlers/public-methods.ts';
import { handleFaucetRequest } from './faucet.ts';
import { FairQueue } from './rpc/fair-queue.ts';

/** Frames above this size close the connection (1009), like any oversized WebSocket message. */
export const MAX_FRAME_BYTES = 1024 * 1024;
const MAX_FAUCET_BODY_BYTES = 16 * 1024;
/**
 * Bytes a connection may leave unread before it is dropped. Without a cap, a client that stops
 * reading while relays and pushes keep coming would grow the node's memory without bound.
 */
export const MAX_UNREAD_BYTES = 8 * 1024 * 1024;
/** Frames a connection may have waiting before the node stops reading it for a while (see FairQueue). */
export const MAX_WAITING_FRAMES = 64;

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '600',
};

export interface HttpServerParts {
  server: Server;
  wss: WebSocketServer;
  sockets: Set<WebSocket>;
  frames: FairQueue<Client>;
}

interface Client {
  ws: WebSocket;
  connection: Connection;
}

/** HTTP server with the faucet endpoint and the WebSocket RPC endpoint at /ws on the same port. */
export function createHttpServer(
  s: NodeServices,
  router: Router,
  faucet: { asset: Asset; amount: bigint },
): HttpServerParts {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const sockets = new Set<WebSocket>();
  let nextConnectionId = 1;

  const server = createServer((req, res) => handleHttp(s, req, res, faucet));
  const frames = new FairQueue<Client>(
    ({ connection }, raw) => {
      try {
        router.handle(connection, raw);
      } catch (error) {
        // Never let one bad frame take the node down.
        console.error('clearnode: unexpected error while handling a frame:', error);
      }
    },
    { pause: ({ ws }) => ws.pause(), resume: ({ ws }) => ws.resume() },
    MAX_WAITING_FRAMES,
  );

  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    const connection: Connection = {
      id: nextConnectionId++,
      userId: '',
      policy: null,
      send: (data) => {
        if (ws.readyState !== ws.OPEN) return;
        ws.send(data, { binary: false });
        if (ws.bufferedAmount > MAX_UNREAD_BYTES) {
          console.error(
            `clearnode: dropping connection ${connection.id}: it left more than ${MAX_UNREAD_BYTES} bytes unread`,
          );
          ws.terminate();
        }
      },
    };
    s.hub.add(connection);
    connection.send(signedNotification(s.signer, 'assets', assetsPayload(s.assets)));
    const client: Client = { ws, connection };
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const raw = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : Buffer.from(data);
      frames.push(client, raw);
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      sockets.delete(ws);
      s.hub.remove(connection);
    });
  });

  return { server, wss, sockets, frames };
}

function handleHttp(
  s: NodeServices,
  req: IncomingMessage,
  res: ServerResponse,
  faucet: { asset: Asset; amount: bigint },
): void {
  const path = (req.url ?? '').split('?')[0];
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS_HEADERS);
    res.end();
    return;
  }
  if (path === '/faucet/requestTokens') {
    if (req.method !== 'POST') return reply(405, { success: false, message: 'use POST' });
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FAUCET_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return reply(413, { success: false, message: 'request body too large' });
      try {
        const result = handleFaucetRequest(
          s,
          Buffer.concat(chunks).toString('utf8'),
          faucet.asset,
          faucet.amount,
        );
        reply(result.status, result.body);
      } catch (error) {
        console.error('clearnode: faucet failed:', error);
        reply(500, { success: false, message: 'faucet failed' });
      }
    });
    req.on('error', () => res.destroy());
    return;
  }
  if (path === '/' || path === '/health')
    return reply(200, { status: 'ok', broker_address: s.signer.address, websocket: '/ws' });
  reply(404, { success: false, message: 'not found' });
}
