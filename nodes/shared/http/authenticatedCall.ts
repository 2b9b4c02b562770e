import type {
	IAdditionalCredentialOptions,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

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

/**
 * One request through n8n's `httpRequestWithAuthentication`. With `withNewToken`, the credential's
 * expirable token is passed as empty, which makes n8n run the credential's preAuthentication
 * (fetch a token, log in) and store the result before sending.
 */
export async function authenticatedCall(
	context: RequestContext,
	credentialType: string,
	options: IHttpRequestOptions,
	withNewToken: boolean,
): Promise<FullResponse> {
	let additional: IAdditionalCredentialOptions | undefined;
	if (withNewToken) {
		const stored = context.getNode().credentials?.[credentialType];
		const data = { ...(await context.getCredentials(credentialType)), accessToken: '' };
		additional = {
			credentialsDecrypted: { id: stored?.id ?? '', name: stored?.name ?? '', type: credentialType, data },
		};
	}
	return (await context.helpers.httpRequestWithAuthentication.call(
		context,
		credentialType,
		options,
		additional,
	)) as FullResponse;
}

export function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const value = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
