import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { markRefused } from './sharedToken';
import { readReply, type ReplyLimits } from './reply';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What n8n's helpers return with `returnFullResponse: true`. */
export interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

/** An HTTP error status, carried to the retry loop with its headers and body. */
export class HttpStatusFailure extends Error {
	constructor(readonly response: FullResponse) {
		super(`HTTP ${response.statusCode}`);
	}
}

/** How long a token fetch or log-in may take when no node option says otherwise. */
const TOKEN_CALL_DEADLINE_MS = 30_000;

/**
 * The options every token fetch and log-in adds to its request: redirects are not followed (the
 * secret goes to the configured host only), the status is read rather than thrown, the body comes
 * as bytes for readReply, and the whole call has a deadline.
 */
export function sealedTokenCall(options: IHttpRequestOptions): IHttpRequestOptions {
	return {
		...options,
		json: true,
		encoding: 'arraybuffer',
		disableFollowRedirect: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: TOKEN_CALL_DEADLINE_MS,
		abortSignal: AbortSignal.timeout(TOKEN_CALL_DEADLINE_MS),
	};
}

/** A 3xx answer: never followed, so the credential is only ever sent to the configured host. */
export class RedirectRefused extends Error {
	readonly httpCode: number;

	constructor(
		readonly statusCode: number,
		readonly targetHost: string,
	) {
		super(
			`The API answered HTTP ${statusCode}, a redirect to ${targetHost}; it was not followed, so no credential left the configured host. Check the credential's Base URL (it may need https:// or a new address).`,
		);
		this.httpCode = statusCode;
	}
}

/** The request took longer than its whole deadline (connecting, headers and body together). */
export class DeadlineExceeded extends Error {
	name = 'DeadlineExceeded';

	constructor(readonly deadlineMs: number) {
		super(`No complete answer within ${Math.round(deadlineMs / 1000)} s (the request's timeout)`);
	}
}

export interface CallLimits extends ReplyLimits {
	/** The whole request, from connecting to the last byte of the body. */
	deadlineMs: number;
}

/** The host a redirect answer points at (its Location header, relative to the URL asked). */
export function redirectHost(headers: Record<string, unknown> | undefined, from: string): string {
	try {
		return new URL(headerValue(headers ?? {}, 'location') ?? '', from).host || 'an unknown host';
	} catch {
		return 'an unknown host';
	}
}

/**
 * The deadline of one API request. Its timer is paused while n8n fetches a token for the request
 * (the token call has a deadline of its own) and starts afresh when the token is there, so a slow
 * token endpoint is never reported as an API request that got no answer.
 */
class RequestDeadline {
	private readonly relay = new AbortController();

	private generation = 0;

	/** How many token fetches hold the deadline paused; it runs again when the last one ends. */
	private holds = 0;

	fired = false;

	constructor(readonly ms: number) {
		this.start();
	}

	get signal(): AbortSignal {
		return this.relay.signal;
	}

	pause(): void {
		this.holds++;
		this.generation++;
	}

	/** Ends one pause; the deadline starts afresh when no pause is left. */
	arm(): void {
		this.holds = Math.max(0, this.holds - 1);
		if (this.holds === 0) this.start();
	}

	/** The request is over: the deadline never fires again. */
	stop(): void {
		this.holds++;
		this.generation++;
	}

	private start(): void {
		const generation = ++this.generation;
		AbortSignal.timeout(this.ms).addEventListener('abort', () => {
			if (generation !== this.generation) return;
			this.fired = true;
			this.relay.abort();
		});
	}
}

/**
 * The deadlines of the requests being made with a credential object. n8n hands the credential's
 * token fetch neither the context nor the helpers a request was made with (it wraps them), but it
 * does hand it the very credential object the request was given: the deadlines are found by it.
 */
const deadlinesOf = new WeakMap<object, Set<RequestDeadline>>();

/**
 * Runs a credential's token fetch or log-in (or the wait for one another request started) with the
 * deadlines of the requests waiting for it paused, so that waiting for a token is never taken for
 * an API that does not answer. `credentials`: the object n8n passed to the fetch.
 */
export async function duringTokenFetch<T>(credentials: object, work: () => Promise<T>): Promise<T> {
	const waiting = [...(deadlinesOf.get(credentials) ?? [])];
	for (const deadline of waiting) deadline.pause();
	try {
		return await work();
	} finally {
		for (const deadline of waiting) deadline.arm();
	}
}

/** What a token call that ran out of time throws: the credential words it as a timeout. */
function tokenTimeout(): Error {
	return Object.assign(new Error('The token request timed out'), { code: 'ETIMEDOUT' });
}

/**
 * n8n's authenticated request helper takes its abort signal from the context it is called on, and
 * runs the credential's token fetch with that context's helpers. The request is made through a view
 * of the context whose signal also fires at the deadline (n8n's `timeout` is only an idle timer, so
 * a server that trickles bytes could hold a request for ever), and whose token calls pause that
 * deadline and have the same limit themselves.
 */
function withDeadline(context: RequestContext, deadline: RequestDeadline): RequestContext {
	const cancel = (context as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal?.();
	const combined = cancel ? AbortSignal.any([cancel, deadline.signal]) : deadline.signal;
	const helpers = context.helpers as unknown as { httpRequest: (options: IHttpRequestOptions) => Promise<unknown> };
	const tokenRequest = async (options: IHttpRequestOptions): Promise<unknown> => {
		deadline.pause();
		const own = AbortSignal.timeout(deadline.ms);
		const result = await helpers
			.httpRequest({
				...options,
				abortSignal: options.abortSignal ? AbortSignal.any([options.abortSignal as AbortSignal, own]) : own,
				timeout: Math.min(options.timeout ?? deadline.ms, deadline.ms),
			})
			.then(
				(value) => ({ value }),
				(error: unknown) => ({ error: own.aborted ? tokenTimeout() : error }),
			);
		deadline.arm();
		if ('error' in result) throw result.error;
		return result.value;
	};
	return Object.create(context, {
		getExecutionCancelSignal: { value: () => combined },
		helpers: { value: { ...context.helpers, httpRequest: tokenRequest } },
	}) as RequestContext;
}

/**
 * One sealed request through n8n's `httpRequestWithAuthentication`: redirects are refused (a 3xx
 * becomes RedirectRefused), the whole request has a deadline, and the reply is read with a size
 * limit. With `withNewToken`, the credential's expirable token is passed as empty, which makes n8n
 * run the credential's preAuthentication (fetch a token, log in) and store the result first.
 * `runCredentials`, the credential as the client read it for this node run, is handed to n8n so
 * that it is not read from the database and decrypted again for every request; a token n8n
 * fetches is put into it, so the next requests of the run use that token.
 */
export async function authenticatedCall(
	context: RequestContext,
	credentialType: string,
	options: IHttpRequestOptions,
	withNewToken: boolean,
	limits: CallLimits,
	runCredentials?: ICredentialDataDecryptedObject,
): Promise<FullResponse> {
	const stored = context.getNode().credentials?.[credentialType];
	const decrypted = (data: ICredentialDataDecryptedObject): IAdditionalCredentialOptions => ({
		credentialsDecrypted: { id: stored?.id ?? '', name: stored?.name ?? '', type: credentialType, data },
	});
	let additional = runCredentials ? decrypted(runCredentials) : undefined;
	let renewed: ICredentialDataDecryptedObject | undefined;
	if (withNewToken) {
		const current = runCredentials ?? (await context.getCredentials<ICredentialDataDecryptedObject>(credentialType));
		renewed = { ...current, accessToken: '' };
		// The token fetch then knows which token was refused, and that another one may be reused.
		markRefused(renewed, current.accessToken);
		additional = decrypted(renewed);
	}
	const deadline = new RequestDeadline(limits.deadlineMs);
	const given = additional?.credentialsDecrypted?.data;
	if (given) deadlinesOf.set(given, (deadlinesOf.get(given) ?? new Set()).add(deadline));
	const sealed: IHttpRequestOptions = {
		...options,
		disableFollowRedirect: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'arraybuffer',
		timeout: Math.min(options.timeout ?? limits.deadlineMs, limits.deadlineMs),
	};
	const response = (await context.helpers.httpRequestWithAuthentication
		.call(withDeadline(context, deadline), credentialType, sealed, additional)
		.catch((error: unknown) => (deadline.fired ? new DeadlineExceeded(limits.deadlineMs) : error))) as FullResponse | Error;
	deadline.stop();
	if (given) deadlinesOf.get(given)?.delete(deadline);
	// n8n put the new token into the object it was given; the run's next requests use it too.
	if (renewed && runCredentials && renewed.accessToken) {
		Object.assign(runCredentials, { accessToken: renewed.accessToken, accessTokenExpiresAt: renewed.accessTokenExpiresAt });
	}
	// Thrown as they are: the transport turns them into the node's error, with the API's wording.
	if (response instanceof Error) throw response;
	if (response.statusCode >= 300 && response.statusCode < 400) {
		throw new RedirectRefused(response.statusCode, redirectHost(response.headers, options.url));
	}
	return { ...response, body: readReply(response.body, options.encoding === 'arraybuffer', limits, response.statusCode) };
}

export function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const value = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
