import net from 'node:net';

export interface ConnectProxy {
  url: string;
  /** The host:port of every CONNECT it tunnelled, in order. */
  tunnels: string[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 that does CONNECT and nothing else, as corporate proxies in front of an API server do:
 * it reads the request line, opens the tunnel, answers 200 and copies bytes both ways. What it tunnelled is kept,
 * so a test can tell that a client went through it.
 */
export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const [method, target] = head.subarray(0, end).toString('latin1').split(' ');
      const [host, port] = (target ?? '').split(/:(?=\d+$)/);
      if (method !== 'CONNECT' || !host || !port) return void client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
      tunnels.push(target!);
      const upstream = net.connect(Number(port), host.replace(/^\[|\]$/g, ''), () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head.subarray(end + 4));
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
