/**
 * A TCP proxy of our own between the client and sqld, to make network faults on purpose:
 * delay every chunk, cut a response off after some bytes, or close the connection once the
 * server has answered (so the server committed but the client never hears it).
 */
import { createServer, connect, type Socket } from 'node:net';

export type Fault =
  | { readonly kind: 'pass' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'cut-response'; readonly afterBytes: number }
  | { readonly kind: 'close-after-commit' };

export type FaultProxy = {
  readonly url: string;
  /** Applies to connections opened from now on (keep-alive connections are cut, so it applies at once). */
  set(fault: Fault): void;
  /** Connections cut on purpose so far. */
  readonly cuts: () => number;
  close(): Promise<void>;
};

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let fault: Fault = { kind: 'pass' };
  let cuts = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const current = fault;
    const upstream = connect(targetPort, '127.0.0.1');
    open.add(client);
    const end = () => {
      open.delete(client);
      client.destroy();
      upstream.destroy();
    };
    const cut = () => {
      cuts++;
      end();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    const later = (fn: () => void) =>
      current.kind === 'delay' ? setTimeout(fn, current.ms) : fn();
    client.on('data', (chunk) => later(() => upstream.write(chunk)));
    let answered = 0;
    upstream.on('data', (chunk: Buffer) => {
      if (current.kind === 'close-after-commit') return cut();
      if (current.kind === 'cut-response') {
        const room = current.afterBytes - answered;
        answered += chunk.length;
        if (room <= 0) return cut();
        if (chunk.length > room) {
          client.write(chunk.subarray(0, room));
          return cut();
        }
      }
      later(() => client.write(chunk));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    set(next) {
      fault = next;
      for (const socket of open) socket.destroy(); // pooled connections pick up the new fault
      open.clear();
    },
    cuts: () => cuts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
