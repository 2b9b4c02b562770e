import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeType } from 'n8n-workflow';

import { Webhook } from '../../harness/runWebhook';

/** One POST the receiver answered. */
export interface ReceivedPost {
	status: number;
	body: unknown;
	/** Whether the node was called (false when the receiver failed the attempt itself). */
	nodeCalled: boolean;
	items: number;
}

export interface DlrReceiverOptions {
	nodeType: INodeType;
	/** The trigger's parameters, e.g. { authentication: 'query', secret }. */
	parameters: Record<string, unknown>;
	/** Answer 500 without calling the node when this returns true (`seenBefore`: the same body came before). */
	fail?: (request: { body: string; seenBefore: boolean }) => boolean;
	/**
	 * Time from loading the workflow to running the node (n8n reads the workflow and its static
	 * data from the database, checks the webhook, …); default 10 ms, so POSTs sent at once overlap.
	 */
	loadMs?: number;
}

/**
 * Plays n8n's part for a webhook trigger on 127.0.0.1: every POST is handled as n8n handles a
 * request to the production URL. The request loads the workflow with the static data as last
 * saved, the node's webhook() runs on that copy (same process: what the process remembers is
 * shared), and the copy's static data is saved when the request is done, overwriting whatever
 * another request saved in between. Concurrent POSTs race exactly as they do in n8n.
 */
export class DlrReceiver {
	/** The JSON of every item that started the workflow, in the order they fired. */
	readonly fired: IDataObject[] = [];
	readonly posts: ReceivedPost[] = [];
	/** The workflow static data as last saved. */
	saved: IDataObject = {};
	/** Most POSTs being handled at the same time. */
	peakInFlight = 0;
	fail: DlrReceiverOptions['fail'];
	private inFlight = 0;
	private readonly bodiesSeen = new Set<string>();
	private process: Webhook;
	private server?: Server;
	private base = '';

	constructor(private readonly options: DlrReceiverOptions) {
		this.fail = options.fail;
		this.process = this.start({});
	}

	/** The webhook's production URL (without the secret). */
	get url(): string {
		return `${this.base}/webhook/kpn-sms/delivery-report`;
	}

	async listen(): Promise<void> {
		const server = createServer((request, response) => void this.handle(request, response));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		this.server = server;
		this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/** A fresh n8n: nothing saved, nothing received, nothing remembered. */
	reset(): void {
		this.fired.length = 0;
		this.posts.length = 0;
		this.bodiesSeen.clear();
		this.peakInFlight = 0;
		this.fail = this.options.fail;
		this.saved = {};
		this.process = this.start({});
	}

	/** n8n restarts: what the process remembered is gone, the saved static data stays. */
	restart(): void {
		this.process = this.start(this.saved);
	}

	private start(staticData: IDataObject): Webhook {
		return new Webhook(this.options.nodeType, this.options.parameters as never, 'trigger', staticData);
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		this.inFlight++;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
		try {
			const text = await readBody(request);
			const seenBefore = this.bodiesSeen.has(text);
			this.bodiesSeen.add(text);
			if (this.fail?.({ body: text, seenBefore })) {
				this.answer(response, { status: 500, body: { message: 'Error in workflow' }, nodeCalled: false, items: 0 });
				return;
			}
			const url = new URL(request.url ?? '/', this.base);
			const query = Object.fromEntries(url.searchParams.entries());
			const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
			let body: unknown;
			try {
				body = text === '' ? {} : JSON.parse(text);
			} catch {
				body = text;
			}
			// The request loads the workflow (and its static data) from the database at its start...
			const webhook = this.process.sameProcessCopy(this.saved);
			// ...and other requests carry on while it does the rest of its asynchronous work.
			await new Promise((resolve) => setTimeout(resolve, this.options.loadMs ?? 10));
			const call = await webhook.post({ body, query, headers });
			if (call.error) {
				this.answer(response, { status: 500, body: { message: call.error.message }, nodeCalled: true, items: 0 });
				return;
			}
			this.fired.push(...call.items);
			// Saved when the request is done: the copy's static data replaces what is stored.
			this.saved = webhook.staticData;
			const answer = call.answer ?? { status: 200, body: { message: 'Workflow was started' } };
			this.answer(response, { ...answer, nodeCalled: true, items: call.items.length });
		} catch (error) {
			this.answer(response, { status: 500, body: { message: (error as Error).message }, nodeCalled: false, items: 0 });
		} finally {
			this.inFlight--;
		}
	}

	private answer(response: ServerResponse, post: ReceivedPost): void {
		this.posts.push(post);
		const text = JSON.stringify(post.body);
		response.writeHead(post.status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
		response.end(text);
	}
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}
