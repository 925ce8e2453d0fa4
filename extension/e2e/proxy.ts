/** A TCP proxy in front of the server: `cut()` drops every connection and refuses new ones, as a lost network would. */
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface CuttableProxy {
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

export async function startProxy(listenPort: number, targetPort: number): Promise<CuttableProxy> {
  const open = new Set<Socket>();
  let down = false;
  const proxy = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    const close = () => {
      for (const socket of [client, upstream]) {
        socket.destroy();
        open.delete(socket);
      }
    };
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', close).on('close', close);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((done) => proxy.listen(listenPort, '127.0.0.1', done));
  return {
    cut() {
      down = true;
      open.forEach((socket) => socket.destroy());
      open.clear();
    },
    restore() {
      down = false;
    },
    close: () => new Promise<void>((done) => (open.forEach((s) => s.destroy()), proxy.close(() => done()))),
  };
}
