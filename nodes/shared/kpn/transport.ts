import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError, isTimeoutFailure } from '../errors/apiError';
import { requestDeadlineMs } from '../fields/requestTimeout';
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
import {
	DEFAULT_MAX_ATTEMPTS,
	DEFAULT_MAX_TOTAL_WAIT_MS,
	RETRY_READS,
	withRetries,
} from '../http/retry';
import { codeFromKpnBody, KPN_STATUS_MEANINGS, messageFromKpnBody } from './errorMessages';
import { quotaFromHeaders, type KpnQuota } from './quota';

export type KpnCredentialType = 'kpnApi' | 'kpnMobileServiceManagementApi';
export type KpnContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface KpnRequest {
	method: IHttpRequestMethods;
	/** The API's base path, e.g. `/communication/kpn/sms`. */
	basePath: string;
	/** The operation's path below the base path, e.g. `/send`. */
	path: string;
	/** JSON; a Buffer is sent as it is (a body built ahead, e.g. with large Base64 files in it). */
	body?: IDataObject | IDataObject[] | Buffer;
	qs?: IDataObject;
	headers?: Record<string, string>;
	/** Statuses to retry; defaults to 429/503, which suits reads. Writes pass fewer or none. */
	retryOn?: readonly number[];
	maxAttempts?: number;
	/** Item the request is made for; named in errors. */
	itemIndex?: number;
	/** Receive the body as a Buffer (PDFs and other files). */
	binary?: boolean;
}

export interface KpnResponse<T> {
	body: T;
	statusCode: number;
	quota: KpnQuota;
}

function joinPath(...parts: string[]): string {
	return parts
		.map((part) => part.trim().replace(/^\/+|\/+$/g, ''))
		.filter((part) => part !== '')
		.join('/');
}

/** The one way KPN nodes talk to KPN: URL building, auth, retries, errors and quota headers. */
export class KpnClient {
	private constructor(
		private readonly context: KpnContext,
		private readonly credentialType: KpnCredentialType,
		readonly baseUrl: string,
		/** Masks the credential's secrets in every error this client raises. */
		readonly redactor: Redactor,
		/** The whole time one request may take (Options → Timeout). */
		readonly deadlineMs: number,
		/** The credential as read once for this node run (see authenticatedCall). */
		private readonly credentials: ICredentialDataDecryptedObject,
	) {}

	static async connect(context: KpnContext, credentialType: KpnCredentialType): Promise<KpnClient> {
		const credentials = await context.getCredentials(credentialType);
		const baseUrl = checkBaseUrl(credentials.baseUrl, 'Base URL');
		if (baseUrl.problem !== undefined) {
			throw new NodeOperationError(context.getNode(), `KPN credential: ${baseUrl.problem}`);
		}
		const deadlineMs = requestDeadlineMs(context as Parameters<typeof requestDeadlineMs>[0]);
		return new KpnClient(context, credentialType, baseUrl.url, Redactor.forCredential(credentials), deadlineMs, credentials);
	}

	url(basePath: string, path: string): string {
		return `${this.baseUrl}/${joinPath(basePath, path)}`;
	}

	async request<T = unknown>(request: KpnRequest): Promise<KpnResponse<T>> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: this.url(request.basePath, request.path),
			qs: request.qs,
			// KPN's specs send list query values as `name=a&name=b` (Swagger collectionFormat multi).
			arrayFormat: 'repeat',
			body: request.body,
			headers: { Accept: 'application/json', ...request.headers },
			json: !request.binary,
			encoding: request.binary ? 'arraybuffer' : undefined,
		};
		const response = await withRetries(
			async () => await this.send(options),
			{
				retryOn: request.retryOn ?? RETRY_READS,
				maxAttempts: request.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
				maxTotalWaitMs: DEFAULT_MAX_TOTAL_WAIT_MS,
				pace: Pace.of(this.context),
			},
			(error) =>
				error instanceof HttpStatusFailure
					? { httpCode: error.response.statusCode, retryAfter: headerValue(error.response.headers, 'retry-after') }
					: {},
			(error, attempts) => this.redactor.error(this.toNodeError(error, request, attempts)),
		);
		if (!request.binary && typeof response.body === 'string' && response.body.trim() !== '') {
			throw this.redactor.error(
				apiError(this.context.getNode(), {
					message: 'KPN answered with something that is not JSON',
					description: `${request.method} /${joinPath(request.basePath, request.path)} returned: ${response.body.slice(0, 200)}`,
					httpCode: response.statusCode,
					itemIndex: request.itemIndex,
				}),
			);
		}
		return {
			body: response.body as T,
			statusCode: response.statusCode,
			quota: quotaFromHeaders(response.headers),
		};
	}

	/** One call; on a 401 one more with a freshly fetched token (stored with the credential). */
	private async send(options: IHttpRequestOptions): Promise<FullResponse> {
		let response = await this.call(options, false);
		if (response.statusCode === 401) response = await this.call(options, true);
		if (response.statusCode >= 400) throw new HttpStatusFailure(response);
		return response;
	}

	private async call(options: IHttpRequestOptions, withNewToken: boolean): Promise<FullResponse> {
		return await authenticatedCall(this.context, this.credentialType, options, withNewToken, { deadlineMs: this.deadlineMs }, this.credentials);
	}

	private toNodeError(error: unknown, request: KpnRequest, attempts: number): Error {
		const node = this.context.getNode();
		const where = `${request.method} /${joinPath(request.basePath, request.path)}`;
		const tries = attempts > 1 ? ` after ${attempts} tries` : '';
		if (error instanceof RedirectRefused || error instanceof ReplyTooLarge) {
			return apiError(node, {
				message: `KPN: ${error.message}`,
				description: `${where} was answered with HTTP ${error.httpCode}${tries}.`,
				httpCode: error.httpCode,
				itemIndex: request.itemIndex,
			});
		}
		if (error instanceof DeadlineExceeded) {
			return apiError(node, {
				message: `KPN did not answer in time: ${error.message}`,
				description: `${where} was not answered${tries}.`,
				itemIndex: request.itemIndex,
				timedOut: true,
			});
		}
		if (!(error instanceof HttpStatusFailure)) {
			// Thrown by n8n before any HTTP status: token errors and network failures. n8n may have
			// replaced the message with a generic one; the first of `messages` is the original.
			const original = (error as { messages?: string[] }).messages?.[0] ?? (error as Error).message;
			return apiError(node, {
				message: /\bKPN\b/.test(original) ? original : `Could not reach KPN: ${original}`,
				description: `${where} was not answered${tries}.`,
				itemIndex: request.itemIndex,
				timedOut: isTimeoutFailure(error) || /\btimed out\b/i.test(original),
			});
		}
		const { statusCode, body } = error.response;
		const message = messageFromKpnBody(body) ?? KPN_STATUS_MEANINGS[statusCode] ?? `HTTP ${statusCode}`;
		const kpnCode = codeFromKpnBody(body);
		return apiError(node, {
			message: `KPN: ${message}`,
			description: `${where} failed (HTTP ${statusCode}${kpnCode ? `, KPN code ${kpnCode}` : ''})${tries}.`,
			httpCode: statusCode,
			itemIndex: request.itemIndex,
		});
	}
}
