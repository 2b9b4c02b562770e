import { isRecord, json, type ApiRequest, type Reply } from './http';
import { Router, type Handler } from './router';
import { parseFault, parseMatch, type Faults } from './faults';
import type { RequestLog } from './log';
import type { Quota } from './quota';
import type { TokenStore } from './apis/kpnAuth';
import type { DisturbanceApi } from './apis/disturbance';
import type { IncidentApi } from './apis/incident';
import type { NextpertiseApi } from './apis/nextpertise';
import type { SmsApi } from './apis/sms';
import type { DlrStatus, SmsDeliveryReports } from './apis/smsDeliveryReports';
import type { ForeignOrigin } from './foreign';
import type { HeldResponses } from './hostile';
import type { InFlight } from './inFlight';

export const ADMIN_PREFIX = '/__sandbox';

/** What the admin API may touch. */
export interface AdminContext {
	url: () => string;
	startedAt: number;
	log: RequestLog;
	faults: Faults;
	tokens: TokenStore;
	quota: Quota;
	disturbances: DisturbanceApi;
	incidents: IncidentApi;
	nextpertise: NextpertiseApi;
	/** Responses `trickle` and `hang` faults keep open. */
	held: HeldResponses;
	foreign: ForeignOrigin;
	sms: SmsApi;
	/** SMS delivery reports: settings, attempt log, the retrying poster. */
	deliveryReports: SmsDeliveryReports;
	/** API requests in flight now and at most since the last reset. */
	inFlight: InFlight;
	reset: () => void;
}

function bad(message: string): never {
	throw new Error(message);
}

function numberField(body: unknown, field: string, min = 0): number {
	const value = isRecord(body) ? Number(body[field]) : Number.NaN;
	if (!Number.isFinite(value) || value < min) bad(`body needs {"${field}": number >= ${min}}`);
	return value;
}

function guarded(handler: Handler): Handler {
	return (request, params) => {
		try {
			return handler(request, params);
		} catch (error) {
			return json(400, { error: error instanceof Error ? error.message : String(error) });
		}
	};
}

/** The /__sandbox/* routes (JSON in, JSON out, never logged). */
export function adminRouter(context: AdminContext): Router {
	const { log, faults, tokens, quota, disturbances, incidents, nextpertise, held, foreign, sms, deliveryReports, inFlight } = context;
	const add = (router: Router, method: string, path: string, handler: Handler) => router.add(method, path, guarded(handler));
	const router = new Router();
	add(router, 'GET', '/health', () =>
		json(200, {
			status: 'ok',
			url: context.url(),
			uptimeMs: Date.now() - context.startedAt,
			latencyMs: faults.latencyMs,
			pendingFaults: faults.pending().length,
			tokenLifetimeSeconds: tokens.lifetimeSeconds,
			quota: { limit: quota.limit, used: quota.used },
			foreignUrl: foreign.url,
			heldResponses: held.size,
			inFlight: inFlight.snapshot(),
		}),
	);
	add(router, 'GET', '/in-flight', () => json(200, inFlight.snapshot()));
	add(router, 'GET', '/log', () => json(200, log.entries));
	add(router, 'DELETE', '/log', () => {
		const cleared = log.entries.length;
		log.clear();
		return json(200, { cleared });
	});
	add(router, 'POST', '/reset', () => {
		context.reset();
		return json(200, { reset: true });
	});
	add(router, 'POST', '/latency', (request) => {
		faults.latencyMs = numberField(request.body, 'ms');
		return json(200, { latencyMs: faults.latencyMs });
	});
	add(router, 'GET', '/faults', () => json(200, { pending: faults.pending(), latencyMs: faults.latencyMs }));
	add(router, 'POST', '/faults', (request) => {
		const body = isRecord(request.body) ? request.body : bad('body needs {count, fault, match?}');
		faults.failNext(Number(body.count ?? 1), parseFault(body.fault), parseMatch(body.match));
		return json(200, { pending: faults.pending() });
	});
	add(router, 'DELETE', '/faults', () => {
		faults.clear();
		return json(200, { cleared: true });
	});
	add(router, 'POST', '/token-lifetime', (request) => {
		tokens.lifetimeSeconds = numberField(request.body, 'seconds');
		return json(200, { tokenLifetimeSeconds: tokens.lifetimeSeconds });
	});
	add(router, 'POST', '/revoke-tokens', () => {
		tokens.revokeAll();
		nextpertise.jwt.rotateSecret();
		return json(200, { revoked: true });
	});
	add(router, 'POST', '/quota', (request) => {
		quota.limit = numberField(request.body, 'limit');
		if (isRecord(request.body) && request.body.used !== undefined) quota.used = numberField(request.body, 'used');
		return json(200, { limit: quota.limit, used: quota.used });
	});
	add(router, 'GET', '/foreign', () => json(200, { url: foreign.url, log: foreign.log }));
	add(router, 'GET', '/sms-deliveries', () => json(200, sms.deliveries));
	add(router, 'GET', '/sms-dlr', () => json(200, deliveryReportsState(deliveryReports)));
	add(router, 'POST', '/sms-dlr', (request) => {
		deliveryReports.configure(isRecord(request.body) ? request.body : bad('body needs an object of settings, e.g. {"statuses": [1, 1, 1, 4]}'));
		return json(200, deliveryReportsState(deliveryReports));
	});
	// Answered by adminWaitRoute (it waits); listed here so other methods get 405.
	add(router, 'GET', '/sms-dlr/idle', () => json(200, { idle: deliveryReports.isIdle(), waitedMs: 0 }));
	add(router, 'POST', '/sms-dlr/send', (request) => deliveryReportsSend(request, deliveryReports));
	add(router, 'GET', '/disturbances', () => json(200, disturbances.all()));
	add(router, 'POST', '/disturbances', (request) => disturbancesUpsert(request, disturbances));
	add(router, 'PATCH', '/incidents/:ticket', (request, params) => {
		if (!isRecord(request.body)) bad('body needs the fields to change, e.g. {"state": "Resolved"}');
		const incident = incidents.patch(params.ticket, request.body);
		return incident ? json(200, incident) : json(404, { error: `Incident ${params.ticket} not found` });
	});
	add(router, 'GET', '/nextpertise', () => json(200, nextpertise.snapshot()));
	add(router, 'POST', '/nextpertise/rows', (request) => {
		const method = isRecord(request.body) ? request.body.method : undefined;
		if (typeof method !== 'string') bad('body needs {"method": "list_tickets", "count": number >= 0}');
		const count = numberField(request.body, 'count');
		return json(200, { method: nextpertise.setRows(method, count), count });
	});
	add(router, 'POST', '/nextpertise/jwt-lifetime', (request) => {
		nextpertise.setJwtLifetime(numberField(request.body, 'seconds'));
		return json(200, { jwtLifetimeSeconds: nextpertise.jwt.lifetimeSeconds });
	});
	add(router, 'POST', '/nextpertise/events', (request) => {
		const events = isRecord(request.body) && Array.isArray(request.body.events) ? request.body.events : undefined;
		if (!events) bad('body needs {"events": [{"type"?, "nid"?, "transaction_uuid"?, …}]}');
		return json(200, { events: nextpertise.addEvents(events) });
	});
	add(router, 'PATCH', '/nextpertise/transactions/:uuid', (request, params) => {
		if (!isRecord(request.body)) bad('body needs the fields to change, e.g. {"state": "processing"}');
		const transaction = nextpertise.patchTransaction(params.uuid, request.body);
		return transaction ? json(200, transaction) : json(404, { error: `Transaction ${params.uuid} not found` });
	});
	add(router, 'PATCH', '/nextpertise/tickets/:id', (request, params) => {
		if (!isRecord(request.body)) bad('body needs the fields to change, e.g. {"status": "solved"}');
		const ticket = nextpertise.patchTicket(Number(params.id), request.body);
		return ticket ? json(200, ticket) : json(404, { error: `Ticket ${params.id} not found` });
	});
	return router;
}

function disturbancesUpsert(request: ApiRequest, disturbances: DisturbanceApi): Reply {
	const body = request.body;
	const items = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.items) ? body.items : undefined;
	if (!items) bad('body needs [disturbance…] or {"items": [disturbance…], "replace"?: boolean}');
	const replace = isRecord(body) && body.replace === true;
	return json(200, { items: disturbances.upsert(items, replace) });
}

function deliveryReportsState(deliveryReports: SmsDeliveryReports): Record<string, unknown> {
	return {
		settings: deliveryReports.settings(),
		idle: deliveryReports.isIdle(),
		counters: deliveryReports.counters(),
		attempts: deliveryReports.attempts,
	};
}

const DLR_SEND_USAGE = 'body needs {"url": "http://127.0.0.1:<port>/…", "reports": [report…]} or {"url", "count": n, "documentId"?, "status"?: 1..6}';

function deliveryReportsSend(request: ApiRequest, deliveryReports: SmsDeliveryReports): Reply {
	const body = isRecord(request.body) ? request.body : bad(DLR_SEND_USAGE);
	const { url, reports, count, documentId, status } = body;
	if (typeof url !== 'string' || url === '') bad(`url is required; ${DLR_SEND_USAGE}`);
	if ((reports === undefined) === (count === undefined)) bad(`send either reports or count; ${DLR_SEND_USAGE}`);
	if (reports !== undefined) {
		if (!Array.isArray(reports) || reports.length === 0) bad('reports must be a non-empty list');
		return json(200, { reports: reports.length, posts: deliveryReports.send(url, reports) });
	}
	if (documentId !== undefined && (typeof documentId !== 'string' || documentId === '')) bad('documentId must be a non-empty string');
	if (typeof count !== 'number') bad('count must be a whole number >= 1');
	if (status !== undefined && typeof status !== 'number') bad('status must be a status code 1..6');
	const generated = deliveryReports.generate(url, count, { documentId, status: status as DlrStatus | undefined });
	return json(200, { reports: count, ...generated });
}

/** Admin routes that answer later (only `GET /sms-dlr/idle`); undefined for every other route. */
export function adminWaitRoute(
	context: Pick<AdminContext, 'deliveryReports'>,
	method: string,
	path: string,
	request: ApiRequest,
): Promise<Reply> | undefined {
	if (method !== 'GET' || path !== '/sms-dlr/idle') return undefined;
	const raw = request.query.timeoutMs;
	const timeoutMs = raw === undefined ? 10_000 : Number(raw);
	if (!Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > 600_000) {
		return Promise.resolve(json(400, { error: 'timeoutMs must be a whole number of milliseconds from 0 to 600000' }));
	}
	const started = Date.now();
	const answer = (idle: boolean): Reply => json(200, { idle, waitedMs: Date.now() - started });
	if (context.deliveryReports.isIdle()) return Promise.resolve(answer(true));
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(answer(false)), timeoutMs);
		timer.unref();
		void context.deliveryReports.idle().then(() => {
			clearTimeout(timer);
			resolve(answer(true));
		});
	});
}
