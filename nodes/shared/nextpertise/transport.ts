import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError, isTimeoutFailure } from '../errors/apiError';
import { requestDeadlineMs } from '../fields/requestTimeout';
import { isRecord } from '../isRecord';
import {
	authenticatedCall,
	DeadlineExceeded,
	headerValue,
	HttpStatusFailure,
	RedirectRefused,
	type FullResponse,
} from '../http/authenticatedCall';
import { checkBaseUrl } from '../http/baseUrl';
import { Pace } from '../http/pace';
import { ReplyTooLarge } from '../http/reply';
import { Redactor } from '../security/redact';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_TOTAL_WAIT_MS, NEVER_RETRY, RETRY_READS, withRetries } from '../http/retry';
import type { ProductClass } from './catalogue';
import { documentedHttpMeaning, jsonRpcErrorOf, jsonRpcErrorText, type JsonRpcErrorObject } from './jsonRpcErrors';

export const NEXTPERTISE_CREDENTIAL_TYPE = 'nextpertiseApi';
export type NextpertiseContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface JsonRpcCall {
	productClass: ProductClass;
	method: string;
	params: IDataObject;
	/** Read methods only: a 429/503 is then tried again. Writes are sent once. */
	safeToRetry: boolean;
	/** Item the call is made for; named in errors. */
	itemIndex?: number;
	/** The method's documented permission (e.g. `#broadband-r`), named when access is refused. */
	permission?: string;
}

/** The Nextpertise node's collection that holds Timeout (its other fields are the method's params). */
export const NEXTPERTISE_OPTIONS_COLLECTION = 'requestOptions';
/** Renew a JWT this long before it runs out, so no call is refused on the way. */
const JWT_RENEW_MARGIN_MS = 5 * 60_000;

/**
 * The one way the Nextpertise node talks to Nextpertise: JSON-RPC 2.0 envelopes, Basic or JWT
 * auth (one log-in per token lifetime, once more on a 401), retries for reads only, and errors
 * with the documented meaning of each code.
 */
export class NextpertiseClient {
	private nextId = 1;

	private renewTokenFirst: boolean;

	private constructor(
		private readonly context: NextpertiseContext,
		readonly baseUrl: string,
		private readonly usesJwt: boolean,
		tokenExpiresAt: unknown,
		/** Masks the credential's secrets in every error this client raises. */
		readonly redactor: Redactor,
		/** The whole time one request may take (Options → Timeout). */
		readonly deadlineMs: number,
		/** The credential as read once for this node run (see authenticatedCall). */
		private readonly credentials: ICredentialDataDecryptedObject,
	) {
		this.renewTokenFirst =
			usesJwt && typeof tokenExpiresAt === 'number' && tokenExpiresAt - JWT_RENEW_MARGIN_MS <= Date.now();
	}

	static async connect(context: NextpertiseContext): Promise<NextpertiseClient> {
		const credentials = await context.getCredentials(NEXTPERTISE_CREDENTIAL_TYPE);
		const baseUrl = checkBaseUrl(credentials.baseUrl, 'Base URL');
		if (baseUrl.problem !== undefined) {
			throw new NodeOperationError(context.getNode(), `Nextpertise credential: ${baseUrl.problem}`);
		}
		return new NextpertiseClient(
			context,
			baseUrl.url,
			credentials.authentication === 'jwt',
			credentials.accessTokenExpiresAt,
			Redactor.forCredential(credentials),
			requestDeadlineMs(context as Parameters<typeof requestDeadlineMs>[0], NEXTPERTISE_OPTIONS_COLLECTION),
			credentials,
		);
	}

	endpoint(productClass: ProductClass): string {
		return `${this.baseUrl}/${productClass}/v1`;
	}

	/** Sends one JSON-RPC request and returns its `result`. */
	async call<T = unknown>(call: JsonRpcCall): Promise<T> {
		const id = this.nextId++;
		const options: IHttpRequestOptions = {
			method: 'POST',
			url: this.endpoint(call.productClass),
			body: { jsonrpc: '2.0', id, method: call.method, params: call.params },
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
		};
		const response = await withRetries(
			async () => await this.send(options),
			{
				retryOn: call.safeToRetry ? RETRY_READS : NEVER_RETRY,
				maxAttempts: DEFAULT_MAX_ATTEMPTS,
				maxTotalWaitMs: DEFAULT_MAX_TOTAL_WAIT_MS,
				pace: Pace.of(this.context),
			},
			(error) =>
				error instanceof HttpStatusFailure
					? { httpCode: error.response.statusCode, retryAfter: headerValue(error.response.headers, 'retry-after') }
					: {},
			(error, attempts) => this.redactor.error(this.httpError(error, call, attempts)),
		);
		try {
			return this.resultOf<T>(response, call, id);
		} catch (error) {
			throw this.redactor.error(error);
		}
	}

	/** An error about a reply that is not what the method documents (e.g. a list that is null). */
	replyProblem(message: string, description: string, itemIndex?: number): Error {
		return this.redactor.error(apiError(this.context.getNode(), { message, description, itemIndex }));
	}

	private where(call: JsonRpcCall): string {
		return `${call.method} on /${call.productClass}/v1`;
	}

	private resultOf<T>(response: FullResponse, call: JsonRpcCall, id: number): T {
		const node = this.context.getNode();
		const body = parseBody(response.body);
		if (body === undefined) {
			const shown = typeof response.body === 'string' ? response.body.slice(0, 200) : typeof response.body;
			throw apiError(node, {
				message: 'Nextpertise answered with something that is not a JSON-RPC reply',
				description: `${this.where(call)} returned: ${shown}${this.mayHaveTakenEffect(call, '\n')}`,
				httpCode: response.statusCode,
				itemIndex: call.itemIndex,
			});
		}
		if (body.error !== undefined && body.error !== null) {
			const { message, lines } = jsonRpcErrorText(body.error as JsonRpcErrorObject);
			throw apiError(node, {
				message,
				description: [`${this.where(call)} failed.`, ...lines].join('\n'),
				itemIndex: call.itemIndex,
			});
		}
		if (body.id !== id) {
			throw apiError(node, {
				message: 'Nextpertise answered a different request',
				description: `${this.where(call)} was sent with id ${id}, the reply carries id ${JSON.stringify(body.id)}.${this.mayHaveTakenEffect(call)}`,
				itemIndex: call.itemIndex,
			});
		}
		if (!('result' in body)) {
			throw apiError(node, {
				message: 'Nextpertise answered without a result',
				description: `${this.where(call)} returned a reply with neither "result" nor "error".${this.mayHaveTakenEffect(call)}`,
				itemIndex: call.itemIndex,
			});
		}
		return body.result as T;
	}

	/** One call; in JWT mode one more with a freshly logged-in token when the first gets a 401. */
	private async send(options: IHttpRequestOptions): Promise<FullResponse> {
		const renewFirst = this.renewTokenFirst;
		this.renewTokenFirst = false;
		let response = await this.request(options, renewFirst);
		if (response.statusCode === 401 && this.usesJwt && !renewFirst) response = await this.request(options, true);
		if (response.statusCode >= 400) throw new HttpStatusFailure(response);
		return response;
	}

	private async request(options: IHttpRequestOptions, withNewToken: boolean): Promise<FullResponse> {
		return await authenticatedCall(this.context, NEXTPERTISE_CREDENTIAL_TYPE, options, withNewToken, {
			deadlineMs: this.deadlineMs,
		}, this.credentials);
	}

	/** For a write that got no usable answer: it may have been carried out, and it was not sent again. */
	private mayHaveTakenEffect(call: JsonRpcCall, separator = ' '): string {
		if (call.safeToRetry) return '';
		return `${separator}${call.method} changes data and may have taken effect, so it was not sent again: check in InControl whether it did before you repeat it.`;
	}

	private httpError(error: unknown, call: JsonRpcCall, attempts: number): Error {
		const node = this.context.getNode();
		const tries = attempts > 1 ? ` after ${attempts} tries` : '';
		if (error instanceof RedirectRefused || error instanceof ReplyTooLarge) {
			const effect = error instanceof RedirectRefused && error.statusCode !== 303 ? '' : this.mayHaveTakenEffect(call);
			return apiError(node, {
				message: `Nextpertise: ${error.message}`,
				description: `${this.where(call)} was answered with HTTP ${error.httpCode}${tries}.${effect}`,
				httpCode: error.httpCode,
				itemIndex: call.itemIndex,
			});
		}
		if (error instanceof DeadlineExceeded) {
			return apiError(node, {
				message: `Nextpertise did not answer in time: ${error.message}`,
				description: `${this.where(call)} was not answered${tries}.${this.mayHaveTakenEffect(call)}`,
				itemIndex: call.itemIndex,
				timedOut: true,
			});
		}
		if (!(error instanceof HttpStatusFailure)) {
			// Thrown before any HTTP status: log-in errors and network failures. n8n may have replaced
			// the message with a generic one; the first of `messages` is the original.
			const original = (error as { messages?: string[] }).messages?.[0] ?? (error as Error).message;
			const loginFailed = /Nextpertise/.test(original);
			// A timeout or a dropped connection may come after Nextpertise received the call; a failed
			// log-in, an unknown host or a refused connection means nothing was sent.
			const notSent = loginFailed || /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\b/.test(original);
			return apiError(node, {
				message: loginFailed ? original : `Could not reach Nextpertise: ${original}`,
				description: `${this.where(call)} was not answered${tries}.${notSent ? '' : this.mayHaveTakenEffect(call)}`,
				itemIndex: call.itemIndex,
				timedOut: isTimeoutFailure(error) || /\btimed out\b/i.test(original),
			});
		}
		const { statusCode, body } = error.response;
		const parsed = parseBody(body);
		const said = parsed?.message;
		const fromServer = typeof said === 'string' && said.trim() !== '' ? `: ${said.trim()}` : '';
		const documented = documentedHttpMeaning(statusCode);
		let message = `Nextpertise answered HTTP ${statusCode}${fromServer}`;
		let hint = '';
		if (statusCode === 401 || statusCode === 403) {
			message = `Nextpertise refused access (HTTP ${statusCode})${fromServer}`;
			hint = ` Check the credential's username and password, that this machine's IP address is whitelisted in InControl${call.permission ? `, and that the account has the permission ${call.permission}` : ''}.`;
		} else if (statusCode === 404) {
			message = `Nextpertise has no endpoint /${call.productClass}/v1 (HTTP 404)`;
			hint = ' Check the credential\'s Base URL.';
		} else if (statusCode === 429) {
			message = 'Nextpertise is receiving too many requests (HTTP 429)';
		} else if (statusCode === 503) {
			message = 'Nextpertise is temporarily unavailable (HTTP 503)';
		}
		let notRetried = '';
		if (!call.safeToRetry && statusCode === 429) {
			notRetried = ` Nextpertise refused ${call.method} before carrying it out; it changes data, so it was not sent again: repeat it later.`;
		} else if (!call.safeToRetry && statusCode >= 500) {
			notRetried = ` ${call.method} changes data, so it was not sent again: check in InControl whether it took effect before you repeat it.`;
		}
		const rpcError = jsonRpcErrorOf(parsed);
		if (rpcError) {
			// A JSON-RPC error object in the body: described as on HTTP 200, with the status kept.
			const { message: rpcMessage, lines } = jsonRpcErrorText(rpcError);
			return apiError(node, {
				message: `${rpcMessage} (HTTP ${statusCode})`,
				description: [`${this.where(call)} failed with HTTP ${statusCode}${tries}.`, ...lines, `${hint}${notRetried}`.trim()]
					.filter((line) => line !== '')
					.join('\n'),
				httpCode: statusCode,
				itemIndex: call.itemIndex,
			});
		}
		return apiError(node, {
			message,
			description: `${this.where(call)} failed${tries}.${documented ? ` ${documented}.` : ''}${hint}${notRetried}`,
			httpCode: statusCode,
			itemIndex: call.itemIndex,
		});
	}
}

function parseBody(body: unknown): Record<string, unknown> | undefined {
	let value = body;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return undefined;
		}
	}
	return isRecord(value) ? value : undefined;
}
