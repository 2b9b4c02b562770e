import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { KpnTokenError } from '../../../credentials/common/kpnClientCredentials';
import { checkBaseUrl } from '../http/baseUrl';
import {
	DEFAULT_MAX_ATTEMPTS,
	DEFAULT_MAX_TOTAL_WAIT_MS,
	RETRY_READS,
	withRetries,
} from '../http/retry';
import { describeKpnFailure } from './errorMessages';
import { quotaFromHeaders, type KpnQuota } from './quota';

export type KpnCredentialType = 'kpnApi' | 'kpnMobileServiceManagementApi';
export type KpnContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface KpnRequest {
	method: IHttpRequestMethods;
	/** The API's base path, e.g. `/communication/kpn/sms`. */
	basePath: string;
	/** The operation's path below the base path, e.g. `/send`. */
	path: string;
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	headers?: Record<string, string>;
	/** Statuses to retry; defaults to 429/503, which suits reads. Writes pass fewer or none. */
	retryOn?: readonly number[];
	maxAttempts?: number;
	timeoutMs?: number;
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

const DEFAULT_TIMEOUT_MS = 60_000;

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
	) {}

	static async connect(context: KpnContext, credentialType: KpnCredentialType): Promise<KpnClient> {
		const credentials = await context.getCredentials(credentialType);
		const baseUrl = checkBaseUrl(credentials.baseUrl, 'Base URL');
		if (baseUrl.problem !== undefined) {
			throw new NodeOperationError(context.getNode(), `KPN credential: ${baseUrl.problem}`);
		}
		return new KpnClient(context, credentialType, baseUrl.url);
	}

	url(basePath: string, path: string): string {
		return `${this.baseUrl}/${joinPath(basePath, path)}`;
	}

	async request<T = unknown>(request: KpnRequest): Promise<KpnResponse<T>> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: this.url(request.basePath, request.path),
			qs: request.qs,
			body: request.body,
			headers: { Accept: 'application/json', ...request.headers },
			json: !request.binary,
			encoding: request.binary ? 'arraybuffer' : undefined,
			returnFullResponse: true,
			timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		};
		const response = await withRetries(
			async () =>
				(await this.context.helpers.httpRequestWithAuthentication.call(
					this.context,
					this.credentialType,
					options,
				)) as { body: unknown; headers: Record<string, unknown>; statusCode: number },
			{
				retryOn: request.retryOn ?? RETRY_READS,
				maxAttempts: request.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
				maxTotalWaitMs: DEFAULT_MAX_TOTAL_WAIT_MS,
			},
			(error) => {
				const failure = describeKpnFailure(error);
				return { httpCode: failure.httpCode, retryAfter: failure.headers['retry-after'] };
			},
			(error, attempts) => this.toNodeError(error, request, attempts),
		);
		if (!request.binary && typeof response.body === 'string' && response.body.trim() !== '') {
			throw new NodeApiError(
				this.context.getNode(),
				{ message: 'malformed response' } as JsonObject,
				{
					message: 'KPN answered with something that is not JSON',
					description: `${request.method} ${options.url} returned: ${response.body.slice(0, 200)}`,
					itemIndex: request.itemIndex,
				},
			);
		}
		return {
			body: response.body as T,
			statusCode: response.statusCode,
			quota: quotaFromHeaders(response.headers),
		};
	}

	private toNodeError(error: unknown, request: KpnRequest, attempts: number): Error {
		const tokenError = findTokenError(error);
		if (tokenError) {
			return new NodeApiError(this.context.getNode(), { message: tokenError.message } as JsonObject, {
				message: tokenError.message,
				httpCode: tokenError.httpCode ? String(tokenError.httpCode) : undefined,
				itemIndex: request.itemIndex,
			});
		}
		const failure = describeKpnFailure(error);
		const where = `${request.method} ${joinPath(request.basePath, request.path)}`;
		const tries = attempts > 1 ? ` after ${attempts} tries` : '';
		const status = failure.httpCode ? `HTTP ${failure.httpCode}` : 'no response';
		const bodyCode =
			failure.body && typeof failure.body === 'object'
				? (failure.body as { errorResponse?: { code?: unknown } }).errorResponse?.code
				: undefined;
		return new NodeApiError(
			this.context.getNode(),
			{ message: failure.message, httpCode: failure.httpCode ?? null } as JsonObject,
			{
				message: `KPN: ${failure.message}`,
				description: `${where} failed (${status}${bodyCode ? `, KPN code ${String(bodyCode)}` : ''})${tries}.`,
				httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
				itemIndex: request.itemIndex,
			},
		);
	}
}

function findTokenError(error: unknown): KpnTokenError | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current; depth++) {
		if (current instanceof KpnTokenError) return current;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
