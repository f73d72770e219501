/**
 * The page's origin: a static server of the harness's own, on the loopback interface only
 * (127.0.0.1, a port the OS picks), serving the page, the bundled pipeline and the golden images.
 * Nothing else on the machine or the network can reach it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticFile {
  body: Uint8Array | string;
  type: string;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The address the socket listens on (always 127.0.0.1). */
  address: AddressInfo;
  /** Serves `body` at `path` (replacing what was there). */
  put(path: string, file: StaticFile): void;
  remove(path: string): void;
  close(): Promise<void>;
}

export const LOOPBACK_HOST = '127.0.0.1';

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const files = new Map<string, StaticFile>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = req.method === 'GET' ? files.get(path) : undefined;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    origin: `http://${LOOPBACK_HOST}:${address.port}`,
    address,
    put: (path, file) => void files.set(path, file),
    remove: (path) => void files.delete(path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
