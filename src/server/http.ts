// One HTTP server for the whole process: adapters mount their endpoints on it
// (`POST /slack/events`, `POST /api/messages`) beside `GET /healthz`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Listener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HealthReport {
  ok: boolean;
  [part: string]: unknown;
}

export interface HttpServer {
  server: Server;
  /** Routes `method path` (exact path, query string ignored) to a raw node listener. */
  mount(method: string, path: string, listener: Listener): void;
  /** Routes `method` on every path under `prefix` (e.g. `/calendar/`) when no exact route matches. */
  mountPrefix(method: string, prefix: string, listener: Listener): void;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops taking connections and waits for open requests to finish. */
  close(): Promise<void>;
}

export interface HttpServerOptions {
  health: () => HealthReport;
  onError?: (error: unknown, req: IncomingMessage) => void;
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const routes = new Map<string, Listener>();
  const prefixes: { method: string; prefix: string; listener: Listener }[] = [];
  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (res.headersSent) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    if (path === '/healthz' && (method === 'GET' || method === 'HEAD')) {
      let report: HealthReport;
      try {
        report = options.health();
      } catch (e) {
        report = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      send(res, report.ok ? 200 : 503, report);
      return;
    }
    const listener = routes.get(`${method} ${path}`) ?? prefixes.find((p) => p.method === method && path.startsWith(p.prefix))?.listener;
    if (!listener) {
      const allowed = [...routes.keys()].filter((k) => k.endsWith(` ${path}`)).map((k) => k.split(' ')[0]);
      if (allowed.length > 0) {
        res.setHeader('allow', allowed.join(', '));
        send(res, 405, { error: `use ${allowed.join(' or ')} for ${path}` });
      } else {
        send(res, 404, { error: `no route for ${method} ${path}` });
      }
      return;
    }
    Promise.resolve()
      .then(() => listener(req, res))
      .catch((e: unknown) => {
        options.onError?.(e, req);
        send(res, 500, { error: 'internal error' });
      });
  });
  // Keep-alive sockets would otherwise hold `close()` open for their idle timeout.
  server.keepAliveTimeout = 5_000;
  return {
    server,
    mount(method, path, listener) {
      routes.set(`${method.toUpperCase()} ${path}`, listener);
    },
    mountPrefix(method, prefix, listener) {
      prefixes.push({ method: method.toUpperCase(), prefix, listener });
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
