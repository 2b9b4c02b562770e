import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LocalServer {
	/** `http://127.0.0.1:<port>` */
	base: string;
	/** Drops every open connection (also ones held open on purpose) and stops the server. */
	close: () => Promise<void>;
}

/** An HTTP server on 127.0.0.1 with a free port, for answers nock cannot give (held or trickled). */
export async function startLocalServer(handler: RequestListener): Promise<LocalServer> {
	const server = createServer(handler);
	const sockets = new Set<Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
