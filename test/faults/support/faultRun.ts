import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, IPollFunctions } from 'n8n-workflow';

import { findMethod, PRODUCT_CLASSES } from '../../../nodes/shared/nextpertise/catalogue';
import type { CredentialStore } from '../../harness/credentialStore';
import { runNode, type NodeRun, type RunNodeOptions } from '../../harness/runNode';
import { SANDBOX_CLIENT_SECRET, type LoggedRequest, type Sandbox } from '../../sandbox/server';
import { recordScenario, type ScenarioRecord } from './tally';

/** What the user must get out of a run in which a fault happened. */
export type Outcome =
	/** Every input item comes out once, without an error. */
	| { kind: 'delivered' }
	/** A list read: exactly `count` rows, each once (`key` identifies a row). */
	| { kind: 'rows'; count: number; key: (json: IDataObject) => unknown }
	/** Continue On Fail: the `failed` items come out as error items, every other item is delivered once. */
	| { kind: 'perItem'; failed: number[] }
	/** The node stops with an error that says what happened (nothing is dropped silently). */
	| { kind: 'nodeError' };

export interface Counted {
	itemsLost: number;
	duplicateWrites: number;
	duplicateDeliveries: number;
	/** The secrets that were found (the record only keeps how many). */
	secretsFound: string[];
}

export interface FaultCheck extends Counted {
	run: NodeRun;
	/** The sandbox log of this scenario (a copy). */
	log: LoggedRequest[];
	tokenCalls: number;
	/** Logged calls whose path ends with `pathEnd` (and have `method`, if given). */
	calls(pathEnd: string, method?: string): LoggedRequest[];
	/** Their response statuses, in order. */
	statuses(pathEnd: string, method?: string): number[];
	/** Milliseconds between the arrivals of successive calls (proves a wait, without timing the run). */
	gapsMs(pathEnd: string, method?: string): number[];
}

const TOKEN_PATH = /\/accesstoken$|\/jwt\/log-in$/;
const isTokenCall = (entry: LoggedRequest) => TOKEN_PATH.test(entry.path);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A Nextpertise JSON-RPC call (or batch) as write keys: read methods (the catalogue's
 * `safeToRetry`) write nothing; a write is its method and params (not the JSON-RPC `id`, which a
 * client may change when it sends the same call again).
 */
function jsonRpcWriteKeys(path: string, body: unknown): string[] | undefined {
	const calls = Array.isArray(body) ? body : [body];
	if (!calls.every((call) => isRecord(call) && call.jsonrpc === '2.0' && typeof call.method === 'string')) return undefined;
	const productClass = PRODUCT_CLASSES.find((candidate) => path === candidate.path || path.endsWith(candidate.path));
	return (calls as Array<Record<string, unknown>>)
		.filter((call) => !(productClass && findMethod(productClass.resource, String(call.method))?.safeToRetry))
		.map((call) => `JSON-RPC ${path} ${String(call.method)} ${JSON.stringify(call.params ?? null)}`);
}

/**
 * What one logged request wrote, as keys that identify each write: one per SMS message (a message
 * may be re-packed into another batch on a re-send), one per JSON-RPC write call, otherwise method
 * + path + query + body.
 */
export function writeKeys(entry: LoggedRequest): string[] {
	if (entry.method === 'GET' || entry.method === 'HEAD' || isTokenCall(entry)) return [];
	const body = entry.body;
	const rpc = jsonRpcWriteKeys(entry.path, body);
	if (rpc) return rpc;
	if (entry.path.endsWith('/send') && isRecord(body) && Array.isArray(body.messages)) {
		return body.messages.map((message) => {
			const sms = isRecord(message) ? message : {};
			return `SMS to ${String(sms.mobile_number)}: ${String(sms.content)}`;
		});
	}
	const query = new URLSearchParams(entry.query).toString();
	return [`${entry.method} ${entry.path}${query ? `?${query}` : ''} ${JSON.stringify(body)}`];
}

/**
 * Whether a request may have been carried out by KPN: anything but a refusal (401 bad token, 429
 * throttled, other 4xx validation). A 5xx, a timeout (status 0: still pending) or a malformed 200
 * may have gone through.
 */
export const mayHaveReachedKpn = (status: number) => status === 0 || status < 400 || status >= 500;

/**
 * Writes sent again after a try that may have reached KPN. Re-sending after a refusal (401, 429)
 * is fine; any request for the same write after a 2xx, 5xx, timeout or unreadable answer counts,
 * whatever KPN (or the sandbox) answered to it.
 */
export function countDuplicateWrites(log: LoggedRequest[]): number {
	const reached = new Set<string>();
	let duplicates = 0;
	for (const entry of log) {
		for (const key of writeKeys(entry)) {
			if (reached.has(key)) duplicates++;
			else if (mayHaveReachedKpn(entry.status)) reached.add(key);
		}
	}
	return duplicates;
}

/**
 * Collects the secrets a run could leak: the client secret and every access token stored with the
 * credential during the run (n8n replaces the token on a re-auth; both must stay out of outputs).
 */
export function trackSecrets(store: CredentialStore, extra: string[] = []): () => string[] {
	const seen = new Set<string>([SANDBOX_CLIENT_SECRET, ...extra]);
	const remember = (values: IDataObject) => {
		for (const field of ['accessToken', 'clientSecret', 'password']) {
			const value = values[field];
			if (typeof value === 'string') seen.add(value);
		}
		if (typeof values.username === 'string' && typeof values.password === 'string' && values.password.length >= 8) {
			seen.add(Buffer.from(`${values.username}:${values.password}`).toString('base64'));
		}
	};
	const update = store.update.bind(store);
	store.update = (typeName, values) => {
		remember(values);
		update(typeName, values);
	};
	return () => {
		for (const typeName of Object.keys(store.types)) {
			try {
				remember(store.get(typeName));
			} catch {
				// no credential of this type in the store
			}
		}
		// Short values (empty fields, defaults) would match by accident.
		return [...seen].filter((secret) => secret.length >= 8).flatMap(wireForms);
	};
}

/**
 * The forms a secret takes on the wire and in an echo of it: as it is, URL-encoded, form-encoded
 * (spaces as +) and Base64. Each is searched for in outputs and errors.
 */
export function wireForms(secret: string): string[] {
	const forms = [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), Buffer.from(secret).toString('base64')];
	return [...new Set(forms)];
}

/** JSON of anything, circular references cut, so a whole run can be searched for secrets. */
export function searchableText(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (inner instanceof Error) {
			const error = inner as Error & { description?: unknown };
			return { ...inner, name: error.name, message: error.message, description: error.description, stack: error.stack };
		}
		if (typeof inner === 'object' && inner !== null) {
			if (seen.has(inner)) return '[circular]';
			seen.add(inner);
		}
		return inner;
	}) ?? '';
}

export function findSecrets(texts: string[], secrets: string[]): string[] {
	return secrets.filter((secret) => texts.some((text) => text.includes(secret)));
}

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : paired?.item;
}

const isErrorItem = (item: INodeExecutionData) => item.json.error !== undefined;

/** Items lost and delivered twice, given what the outcome should have been. */
export function countItems(run: NodeRun, inputs: number, outcome: Outcome): Pick<Counted, 'itemsLost' | 'duplicateDeliveries'> {
	if (outcome.kind === 'rows') {
		const keys = run.items.filter((item) => !isErrorItem(item)).map((item) => String(outcome.key(item.json)));
		const unique = new Set(keys);
		return {
			itemsLost: run.error ? 0 : Math.max(0, outcome.count - unique.size),
			duplicateDeliveries: keys.length - unique.size,
		};
	}
	const delivered = new Map<number, number>();
	const reported = new Set<number>();
	for (const item of run.items) {
		const index = pairedIndex(item);
		if (index === undefined) continue;
		if (isErrorItem(item)) reported.add(index);
		else delivered.set(index, (delivered.get(index) ?? 0) + 1);
	}
	let itemsLost = 0;
	let duplicateDeliveries = 0;
	for (let index = 0; index < inputs; index++) {
		const times = delivered.get(index) ?? 0;
		if (times > 1) duplicateDeliveries += times - 1;
		if (outcome.kind === 'nodeError') continue;
		const mustFail = outcome.kind === 'perItem' && outcome.failed.includes(index);
		// A failed item must be reported as an error item; any other item must be delivered.
		if (mustFail ? !reported.has(index) : times === 0) itemsLost++;
	}
	if (outcome.kind === 'nodeError' && !run.error) itemsLost = inputs - delivered.size;
	return { itemsLost, duplicateDeliveries };
}

export interface FaultScenarioOptions extends Omit<RunNodeOptions, 'credentials'> {
	family: string;
	scenario: string;
	sandbox: Sandbox;
	credentials: CredentialStore;
	expect: Outcome;
	/** More values that must not appear anywhere in the outputs or errors (e.g. a wrong secret). */
	extraSecrets?: string[];
	/** Wait this long after the run before reading the log (a slow call still being answered). */
	settleMs?: number;
}

/** Adds a scenario's counters to the suite's tally and asserts that all of them are zero. */
export function tallyScenario(
	record: Omit<ScenarioRecord, 'secretsFound' | 'kind'> & { kind?: ScenarioRecord['kind']; secretsFound: string[] },
): void {
	recordScenario({ ...record, kind: record.kind ?? 'fault', secretsFound: record.secretsFound.length });
	expect({
		itemsLost: record.itemsLost,
		duplicateWrites: record.duplicateWrites,
		duplicateDeliveries: record.duplicateDeliveries,
		secretsFound: record.secretsFound.map((secret) => `${secret.slice(0, 3)}…`),
	}).toEqual({ itemsLost: 0, duplicateWrites: 0, duplicateDeliveries: 0, secretsFound: [] });
}

/** Texts of a node run to search for secrets: outputs, the error and the whole run data n8n would store. */
export function runTexts(run: { items: unknown; error?: unknown; run?: { data: unknown } }): string[] {
	return [searchableText(run.items), searchableText(run.error ?? null), searchableText(run.run?.data ?? null)];
}

/**
 * Runs a node against the sandbox with a fault set up beforehand, then counts what the user
 * would care about: items lost, writes that reached KPN twice, items delivered twice, secrets in
 * outputs and errors. Records the scenario in the tally and asserts every counter is zero.
 */
export async function faultScenario(options: FaultScenarioOptions): Promise<FaultCheck> {
	const { family, scenario, sandbox, credentials, expect: outcome, extraSecrets, settleMs, ...runOptions } = options;
	const secrets = trackSecrets(credentials, extraSecrets);
	const run = await runNode({ ...runOptions, credentials });
	if (settleMs) await new Promise((resolve) => setTimeout(resolve, settleMs));
	const log = sandbox.log.map((entry) => ({ ...entry }));
	const inputs = runOptions.items?.length ?? 1;
	const items = countItems(run, inputs, outcome);
	const check: FaultCheck = {
		run,
		log,
		...items,
		duplicateWrites: countDuplicateWrites(log),
		secretsFound: findSecrets(runTexts(run), secrets()),
		tokenCalls: log.filter(isTokenCall).length,
		calls: (pathEnd, method) => log.filter((entry) => entry.path.endsWith(pathEnd) && (method === undefined || entry.method === method)),
		statuses: (pathEnd, method) => check.calls(pathEnd, method).map((entry) => entry.status),
		gapsMs: (pathEnd, method) => check.calls(pathEnd, method).map((entry, index, all) => (index === 0 ? 0 : entry.at - all[index - 1].at)).slice(1),
	};
	tallyScenario({
		family,
		scenario,
		items: outcome.kind === 'rows' ? outcome.count : inputs,
		itemsLost: check.itemsLost,
		duplicateWrites: check.duplicateWrites,
		duplicateDeliveries: check.duplicateDeliveries,
		secretsFound: check.secretsFound,
	});
	if (outcome.kind === 'nodeError') expect(run.error).toBeDefined();
	else expect(run.error).toBeUndefined();
	return check;
}

/**
 * The node with every KPN request given a short timeout (the transport's own is 60 s), so that a
 * `slow` sandbox fault makes it time out the way a hanging KPN would.
 */
export function withRequestTimeout(nodeType: INodeType, timeoutMs: number): INodeType {
	const wrapped = Object.create(nodeType) as INodeType;
	const shorten = (context: IExecuteFunctions | IPollFunctions) => {
		const helpers = context.helpers as { httpRequestWithAuthentication: (...args: unknown[]) => Promise<unknown> };
		const original = helpers.httpRequestWithAuthentication;
		helpers.httpRequestWithAuthentication = async function (this: unknown, type: unknown, request: unknown, ...rest: unknown[]) {
			const options = request as { timeout?: number };
			return await original.call(this, type, { ...options, timeout: Math.min(options.timeout ?? timeoutMs, timeoutMs) }, ...rest);
		};
	};
	if (nodeType.execute) {
		wrapped.execute = async function (this: IExecuteFunctions) {
			shorten(this);
			return await nodeType.execute!.call(this);
		};
	}
	if (nodeType.poll) {
		wrapped.poll = async function (this: IPollFunctions) {
			shorten(this);
			return await nodeType.poll!.call(this);
		};
	}
	return wrapped;
}
