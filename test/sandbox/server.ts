import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ADMIN_PREFIX, adminRouter, adminWaitRoute } from './admin';
import { Faults, faultReply, type Fault, type FaultController, type ReplyFault } from './faults';
import { ForeignServer, type ForeignOrigin } from './foreign';
import { InFlight } from './inFlight';
import { echoReply, emptySuccessReply, HeldResponses, largeReply, redirectReply, type JsonRpcCall } from './hostile';
import { kpnError, methodNotAllowed, notFound, readRequest, unexpected, writeReply, type ApiRequest, type Reply } from './http';
import { RequestLog, type LoggedRequest } from './log';
import { Quota } from './quota';
import type { Router } from './router';
import { DisturbanceApi, DISTURBANCE_BASE_PATH } from './apis/disturbance';
import { IncidentApi, INCIDENT_BASE_PATH } from './apis/incident';
import {
	DEFAULT_TOKEN_LIFETIME_SECONDS,
	handleTokenRequest,
	requireBearer,
	TOKEN_ENDPOINTS,
	TokenStore,
	type TokenFamily,
} from './apis/kpnAuth';
import { MobileServicesApi } from './apis/mobileServices';
import { MSM_BASE_PATH } from './apis/msmCommon';
import { isNextpertisePath, NextpertiseApi, type NextpertiseSnapshot, type StoredEvent } from './apis/nextpertise';
import { JWT_LOGIN_PATH } from './apis/nextpertiseAuth';
import { SMS_BASE_PATHS, SmsApi, type SmsDelivery } from './apis/sms';
import { SmsDeliveryReports, type DeliveryReportsController } from './apis/smsDeliveryReports';

export { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './apis/kpnAuth';
export { NEXTPERTISE_SANDBOX_PASSWORD, NEXTPERTISE_SANDBOX_USERNAME } from './apis/nextpertiseAuth';
export { NEXTPERTISE_DEFAULT_PAGE_SIZE, NEXTPERTISE_DEFAULT_ROWS, type NextpertiseSnapshot, type StoredEvent } from './apis/nextpertise';
export type { Fault, FaultController, FaultMatch, RedirectStatus } from './faults';
export type { ForeignOrigin, ForeignRequest } from './foreign';
export type { LoggedRequest } from './log';
export type { SmsDelivery } from './apis/sms';
export {
	DEFAULT_DELIVERY_REPORT_SETTINGS,
	DLR_RETRY_DELAYS_SECONDS,
	type DeliveryReport,
	type DeliveryReportAttempt,
	type DeliveryReportCounters,
	type DeliveryReportSettings,
	type DeliveryReportsController,
	type DlrStatus,
} from './apis/smsDeliveryReports';

export interface SandboxOptions {
	/** Default 127.0.0.1; 0.0.0.0 and :: are refused (the sandbox is for this machine only). */
	host?: string;
	/** Default 7443; 0 = a free random port. */
	port?: number;
	/** Lifetime of issued tokens; default 3599 (as KPN). Fractions allowed, for expiry tests. */
	tokenLifetimeSeconds?: number;
	/** quota-limit; calls beyond it get Apigee's 429 quota violation. Default 100000. */
	quotaLimit?: number;
	/** Oldest log entries are dropped beyond this; default 20000. */
	maxLogEntries?: number;
	/** Lifetime of Nextpertise JWTs from /jwt/log-in; default 86400 (24 h, as documented). Fractions allowed. */
	nextpertiseJwtLifetimeSeconds?: number;
}

export interface Sandbox {
	url: string;
	port: number;
	/** Every API request, in arrival order (authorization values replaced by 'Bearer ***' / 'Basic ***'). */
	log: LoggedRequest[];
	faults: FaultController;
	/** The second origin `redirect` faults send clients to, with every request it got (unmasked). */
	foreign: ForeignOrigin;
	/** Every (number, content) a successful SMS /send accepted, in order (also when a fault hid the reply). */
	smsDeliveries(): SmsDelivery[];
	/** SMS delivery reports posted to a /send's webhook_url (settings, attempt log, idle()); see README. */
	deliveryReports: DeliveryReportsController;
	/** API requests being handled now, and the most at the same time since the last reset. */
	inFlight(): { current: number; max: number };
	/** Clears log, faults, latency, quota counter, in-flight peak, stored state, SMS deliveries, delivery reports (pending ones cancelled, settings restored) and the foreign log; issued tokens stay valid. */
	reset(): void;
	close(): Promise<void>;
	/** Lifetime (seconds) of tokens issued from now on. */
	setTokenLifetime(seconds: number): void;
	/** Every issued token stops working. */
	revokeTokens(): void;
	/** Adds or changes disturbances (merged by id); `replace` drops all others first. */
	setDisturbances(items: Array<Record<string, unknown>>, replace?: boolean): void;
	/** Rows a paged Nextpertise list serves (default 35); `method` is e.g. `list_tickets` or `support/list_tickets`. */
	setNextpertiseRows(method: string, count: number): void;
	/** Lifetime (seconds) of Nextpertise JWTs issued from now on. */
	setNextpertiseJwtLifetime(seconds: number): void;
	/** Nextpertise state: transactions from order_connection, tickets from create_ticket, events, row settings. */
	nextpertiseState(): NextpertiseSnapshot;
	/** Adds events to list_events (after its generated rows), each with a new uuid, id and created_at. */
	addNextpertiseEvents(events: Array<Record<string, unknown>>): StoredEvent[];
	/** Changes a stored transaction (e.g. `{state: 'processing'}`; last_updated = now); undefined if there is none. */
	patchNextpertiseTransaction(uuid: string, fields: Record<string, unknown>): Record<string, unknown> | undefined;
	/** Changes a stored ticket (e.g. `{status: 'solved'}`; updated_at = now); undefined if there is none. */
	patchNextpertiseTicket(id: number, fields: Record<string, unknown>): Record<string, unknown> | undefined;
}

interface Mount {
	base: string;
	family: TokenFamily;
	router: Router;
}

function findMount(mounts: Mount[], path: string): { mount: Mount; relative: string } | undefined {
	for (const mount of mounts) {
		if (path === mount.base || path.startsWith(`${mount.base}/`)) {
			return { mount, relative: path.slice(mount.base.length) || '/' };
		}
	}
	return undefined;
}

/** Starts the KPN API sandbox (plain HTTP on a loopback address). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	if (host === '0.0.0.0' || host === '::' || host === '') throw new Error(`The sandbox must not listen on all interfaces (${host})`);
	const initialLifetime = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
	const initialQuota = options.quotaLimit;

	const log = new RequestLog(options.maxLogEntries);
	const inFlight = new InFlight();
	const faults = new Faults();
	const tokens = new TokenStore(initialLifetime);
	const quota = new Quota(initialQuota);
	const deliveryReports = new SmsDeliveryReports();
	const sms = new SmsApi((send) => deliveryReports.accept(send));
	const disturbances = new DisturbanceApi();
	const incidents = new IncidentApi();
	const mobile = new MobileServicesApi();
	const nextpertise = new NextpertiseApi(options.nextpertiseJwtLifetimeSeconds);
	const mounts: Mount[] = [
		...SMS_BASE_PATHS.map((base): Mount => ({ base, family: 'kpn', router: sms.router() })),
		{ base: DISTURBANCE_BASE_PATH, family: 'kpn', router: disturbances.router() },
		{ base: INCIDENT_BASE_PATH, family: 'kpn', router: incidents.router() },
		{ base: MSM_BASE_PATH, family: 'msm', router: mobile.router() },
	];

	/** Set by close(): requests still in flight are not held open any more. */
	let closed = false;
	const pendingSleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
	const sleep = (ms: number): Promise<void> =>
		ms <= 0
			? Promise.resolve()
			: new Promise((resolve) => {
					const entry = { timer: setTimeout(() => (pendingSleeps.delete(entry), resolve()), ms), resolve };
					pendingSleeps.add(entry);
				});

	const held = new HeldResponses();
	const foreign = new ForeignServer();
	await foreign.listen();

	const reset = (): void => {
		log.clear();
		inFlight.reset();
		foreign.clear();
		sms.reset();
		deliveryReports.reset();
		faults.clear();
		quota.reset();
		quota.limit = new Quota(initialQuota).limit;
		tokens.lifetimeSeconds = initialLifetime;
		disturbances.reset();
		incidents.reset();
		mobile.reset();
		nextpertise.reset();
	};

	let url = '';
	const admin = adminRouter({
		url: () => url,
		startedAt: Date.now(),
		log,
		faults,
		tokens,
		quota,
		disturbances,
		incidents,
		nextpertise,
		held,
		foreign,
		sms,
		deliveryReports,
		inFlight,
		reset,
	});

	const route = (request: ApiRequest): Reply => {
		if (isNextpertisePath(request.path)) return nextpertise.handle(request);
		const tokenFamily = TOKEN_ENDPOINTS[request.path];
		if (tokenFamily) {
			if (request.method !== 'POST') return methodNotAllowed(request.method, ['POST']);
			return handleTokenRequest(request, tokenFamily, tokens);
		}
		const found = findMount(mounts, request.path);
		if (!found) return notFound(request.path);
		const unauthorized = requireBearer(request, found.mount.family, tokens);
		if (unauthorized) return unauthorized;
		const match = found.mount.router.match(request.method, found.relative);
		if (match.kind === 'notFound') return notFound(request.path);
		if (match.kind === 'methodNotAllowed') return methodNotAllowed(request.method, match.allow);
		if (request.bodyTooLarge) return kpnError(413, 'Payload Too Large', `The request body of ${request.bodyBytes} bytes is too large`);
		if (request.bodyError !== undefined) return kpnError(400, 'Request body is not valid JSON', request.bodyError);
		return match.handler(request, match.params);
	};

	/** What the client gets for a request that drew `fault` (trickle and hang are held open instead). */
	const faultAnswer = (fault: Exclude<Fault, { kind: 'trickle' | 'hang' }>, request: ApiRequest, rpc: JsonRpcCall): Reply => {
		const isNextpertise = isNextpertisePath(request.path);
		const shaped = (shapedFault: ReplyFault): Reply =>
			isNextpertise ? nextpertise.faultReply(shapedFault, request) : faultReply(shapedFault);
		if (!('kind' in fault)) return shaped(fault);
		switch (fault.kind) {
			case 'slow':
				return route(request);
			case 'malformedJson':
			case 'jsonRpcError':
				return shaped(fault);
			case 'redirect':
				return redirectReply(fault.status, `${foreign.url}${request.target}`);
			case 'echo':
				return echoReply(fault.status, request, rpc);
			case 'appliedThen':
				route(request);
				return shaped({ status: fault.status });
			case 'emptySuccess':
				return emptySuccessReply(rpc);
			case 'largeReply':
				return largeReply(fault.bytes, rpc);
			case 'nullList':
				return nextpertise.withNullList(request, route(request));
		}
	};

	const handleApi = async (request: ApiRequest, res: ServerResponse, at: number): Promise<void> => {
		const entry = log.record(request, at);
		entry.inFlight = inFlight.enter();
		res.once('close', () => inFlight.leave());
		// Nextpertise calls: params secrets masked in the log, no KPN (Apigee) quota, Nextpertise-shaped faults.
		const isNextpertise = isNextpertisePath(request.path);
		if (isNextpertise && !entry.truncated) entry.body = nextpertise.bodyForLog(request);
		const isToken = TOKEN_ENDPOINTS[request.path] !== undefined || request.path === JWT_LOGIN_PATH;
		let reply: Reply | undefined;
		if (!isToken && !isNextpertise && quota.consume()) reply = quota.exceededReply();
		const isJsonRpc = isNextpertise && nextpertise.isRpcEndpoint(request.path);
		const fault = reply ? undefined : faults.take(request.method, request.path, isToken, isJsonRpc);
		await sleep(faults.latencyMs + (fault && 'kind' in fault && fault.kind === 'slow' ? fault.delayMs : 0));
		if (!reply && fault) {
			if ('kind' in fault && (fault.kind === 'trickle' || fault.kind === 'hang')) {
				if (closed) return void res.destroy();
				if (fault.kind === 'trickle') {
					entry.status = 200;
					held.trickle(res, fault.intervalMs);
				} else held.hang(res);
				return;
			}
			reply = faultAnswer(fault, request, isJsonRpc ? { id: nextpertise.rpcId(request) } : undefined);
		}
		reply ??= route(request);
		entry.status = reply.status;
		writeReply(res, reply, isNextpertise ? {} : quota.headers());
	};

	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const at = Date.now();
		const request = await readRequest(req);
		if (request.path === ADMIN_PREFIX || request.path.startsWith(`${ADMIN_PREFIX}/`)) {
			const relative = request.path.slice(ADMIN_PREFIX.length) || '/';
			const waiting = adminWaitRoute({ deliveryReports }, request.method, relative, request);
			if (waiting) return void writeReply(res, await waiting);
			const match = admin.match(request.method, relative);
			if (match.kind === 'found') writeReply(res, match.handler(request, match.params));
			else if (match.kind === 'methodNotAllowed') writeReply(res, methodNotAllowed(request.method, match.allow));
			else writeReply(res, { status: 404, body: { error: `Unknown admin path ${request.path}` } });
			return;
		}
		await handleApi(request, res, at);
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => writeReply(res, unexpected(error)));
	});
	server.keepAliveTimeout = 5_000;

	const listenError = await new Promise<Error | undefined>((resolve) => {
		server.once('error', resolve);
		server.listen(options.port ?? 7443, host, () => {
			server.off('error', resolve);
			resolve(undefined);
		});
	});
	if (listenError) {
		await foreign.close();
		throw listenError;
	}
	const port = (server.address() as AddressInfo).port;
	url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	let closing: Promise<void> | undefined;
	return {
		url,
		port,
		log: log.entries,
		faults,
		foreign: { url: foreign.url, log: foreign.log },
		smsDeliveries: () => sms.deliveries.map((delivery) => ({ ...delivery })),
		deliveryReports,
		inFlight: () => inFlight.snapshot(),
		reset,
		close: () => {
			closed = true;
			deliveryReports.reset();
			closing ??= Promise.all([
				new Promise<void>((resolve) => {
					held.closeAll();
					for (const entry of pendingSleeps) {
						clearTimeout(entry.timer);
						entry.resolve();
					}
					pendingSleeps.clear();
					server.close(() => resolve());
					server.closeAllConnections();
				}),
				foreign.close(),
			]).then(() => undefined);
			return closing;
		},
		setTokenLifetime: (seconds) => {
			if (!Number.isFinite(seconds) || seconds < 0) throw new Error('seconds must be a number >= 0');
			tokens.lifetimeSeconds = seconds;
		},
		revokeTokens: () => {
			tokens.revokeAll();
			nextpertise.jwt.rotateSecret();
		},
		setDisturbances: (items, replace = false) => void disturbances.upsert(items, replace),
		setNextpertiseRows: (method, count) => void nextpertise.setRows(method, count),
		setNextpertiseJwtLifetime: (seconds) => nextpertise.setJwtLifetime(seconds),
		nextpertiseState: () => nextpertise.snapshot(),
		addNextpertiseEvents: (events) => nextpertise.addEvents(events),
		patchNextpertiseTransaction: (uuid, fields) => nextpertise.patchTransaction(uuid, fields),
		patchNextpertiseTicket: (id, fields) => nextpertise.patchTicket(id, fields),
	};
}
