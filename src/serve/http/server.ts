// startServer: the app on a node:http server (127.0.0.1 by default; port 0 picks a free port).
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Store } from "../../store/interface.ts";
import { type AppOptions, createApp } from "./app.ts";

export interface ServerOptions extends AppOptions {
  store: Store;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
}

export interface RunningServer {
  /** "http://127.0.0.1:8080/" */
  url: string;
  /** Stops accepting connections, closes open ones, resolves when the server is closed. The store stays open. */
  close(): Promise<void>;
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const { store, port = 0, host = "127.0.0.1", ...appOptions } = options;
  const app = createApp(store, appOptions);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      server.off("error", reject);
      const name = info.family === "IPv6" || info.address.includes(":") ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${name}:${info.port}/`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            if ("closeAllConnections" in server) server.closeAllConnections();
          }),
      });
    });
    server.once("error", reject);
  });
}
