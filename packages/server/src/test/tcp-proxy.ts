/**
 * A TCP proxy in front of PostgreSQL that a test can break: refuse connections (the database is down),
 * freeze them (the network black-holes packets), or cut the connection that carries a given SQL text, so
 * a transaction dies half-way on the real server.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Stops listening and cuts every open connection. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /** Keeps connections open but forwards nothing either way (a black hole). */
  freeze(frozen: boolean): void;
  /** Cuts the connection that next sends `needle` (e.g. a statement's text), before it reaches the server. */
  cutOn(needle: string): void;
  /** How many connections were cut by {@link cutOn}. */
  cuts: number;
  close(): Promise<void>;
}

export async function createTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let frozen = false;
  let needle: Buffer | null = null;
  let cuts = 0;

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      if (frozen) return;
      if (needle && chunk.includes(needle)) {
        needle = null;
        cuts += 1;
        end();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!frozen) client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
    });

  const port = await listen(0);
  return {
    port,
    down: stop,
    async up() {
      await listen(port);
    },
    freeze(value) {
      frozen = value;
    },
    cutOn(text) {
      needle = Buffer.from(text);
    },
    get cuts() {
      return cuts;
    },
    close: stop,
  };
}
