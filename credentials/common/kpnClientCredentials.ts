import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { duringTokenFetch, redirectHost, sealedTokenCall } from '../../nodes/shared/http/authenticatedCall';
import { checkBaseUrl } from '../../nodes/shared/http/baseUrl';
import { readReply } from '../../nodes/shared/http/reply';
import { codeFromKpnBody, describeKpnFailure, KPN_STATUS_MEANINGS, messageFromKpnBody, type KpnFailure } from '../../nodes/shared/kpn/errorMessages';
import { redactSecrets, rememberToken } from '../../nodes/shared/security/redact';
import { sharedToken } from '../../nodes/shared/http/sharedToken';

export const KPN_PRODUCTION_BASE_URL = 'https://api-prd.kpn.com';
/** "The access token is valid for 3599 seconds", when the token reply does not say. */
const DOCUMENTED_TOKEN_LIFETIME_SECONDS = 3599;

/** Thrown when the token endpoint refuses or fails; never carries the client secret. */
export class KpnTokenError extends Error {
	name = 'KpnTokenError';
}

export function kpnCredentialProperties(defaultTokenUrl: string, appNotice: string): INodeProperties[] {
	return [
		{
			displayName: appNotice,
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Consumer Key of your app on developer.kpn.com → My Apps',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Consumer Secret of your app on developer.kpn.com → My Apps',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: KPN_PRODUCTION_BASE_URL,
			description:
				'Where the KPN APIs are served. Keep the default unless you test against a local sandbox (plain http:// is only accepted for 127.0.0.1, localhost or ::1).',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: defaultTokenUrl,
			description: 'The OAuth 2.0 client-credentials token endpoint for this API',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];
}

/**
 * Fetches an access token with the client-credentials grant. n8n calls this (preAuthentication)
 * only when the stored token is empty or an API call answered 401, and stores the result with
 * the credential, so one token serves every item and every execution until KPN expires it.
 * Concurrent requests and executions of this process share one fetch (see sharedToken).
 */
export async function fetchKpnAccessToken(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ accessToken: string }> {
	const identity = ['kpn', String(credentials.tokenUrl ?? ''), String(credentials.clientId ?? ''), String(credentials.clientSecret ?? '')];
	const { accessToken } = await duringTokenFetch(credentials, async () =>
		await sharedToken(identity, credentials, async () => await requestKpnToken(this, credentials)),
	);
	return { accessToken };
}

async function requestKpnToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ result: { accessToken: string }; lifetimeMs: number }> {
	const clientId = String(credentials.clientId ?? '');
	const clientSecret = String(credentials.clientSecret ?? '');
	const tokenUrl = checkBaseUrl(credentials.tokenUrl, 'Token URL', true);
	if (tokenUrl.problem !== undefined) throw new KpnTokenError(`KPN credential: ${tokenUrl.problem}`);
	if (clientId === '' || clientSecret === '') {
		throw new KpnTokenError('The KPN credential needs both a Client ID and a Client Secret');
	}
	const body: Record<string, string> = { client_id: clientId, client_secret: clientSecret };
	if (!new URL(tokenUrl.url).searchParams.has('grant_type')) body.grant_type = 'client_credentials';

	let response: { statusCode: number; body: unknown; headers: Record<string, unknown> } | undefined;
	let failure: KpnFailure | undefined;
	try {
		response = (await helper.helpers.httpRequest(
			sealedTokenCall({
				method: 'POST',
				url: tokenUrl.url,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body,
			}),
		)) as typeof response;
	} catch (error) {
		failure = describeKpnFailure(error);
	}
	if (response && response.statusCode >= 300) failure = tokenStatusFailure(response, tokenUrl.url);
	if (failure || !response) throw tokenRequestError(failure ?? { message: 'no answer', headers: {} }, tokenUrl.url, clientSecret);
	let reply: unknown;
	try {
		reply = readReply(response.body, false, {}, response.statusCode);
	} catch {
		reply = undefined;
	}
	const token = reply && typeof reply === 'object' ? (reply as { access_token?: unknown }).access_token : undefined;
	if (typeof token !== 'string' || token === '') {
		throw new KpnTokenError('The KPN token endpoint answered without an access_token, so no request was sent');
	}
	rememberToken(token);
	const lifetime = Number((reply as { expires_in?: unknown }).expires_in);
	const seconds = Number.isFinite(lifetime) && lifetime > 0 ? lifetime : DOCUMENTED_TOKEN_LIFETIME_SECONDS;
	return { result: { accessToken: token }, lifetimeMs: seconds * 1000 };
}

/** A token endpoint's non-2xx answer; a redirect names where it pointed (it is never followed). */
function tokenStatusFailure(response: { statusCode: number; body: unknown; headers: Record<string, unknown> }, tokenUrl: string): KpnFailure {
	const { statusCode } = response;
	if (statusCode < 400) {
		const host = redirectHost(response.headers, tokenUrl);
		return {
			httpCode: statusCode,
			message: `it answered with a redirect to ${host}, which was not followed, so the client secret did not leave the token URL's host`,
			headers: {},
		};
	}
	let body: unknown;
	try {
		body = readReply(response.body, false, {}, statusCode);
	} catch {
		body = undefined;
	}
	return {
		httpCode: statusCode,
		message: messageFromKpnBody(body) ?? KPN_STATUS_MEANINGS[statusCode] ?? `HTTP ${statusCode}`,
		code: codeFromKpnBody(body),
		body,
		headers: {},
	};
}

function tokenRequestError(failure: KpnFailure, tokenUrl: string, clientSecret: string): KpnTokenError {
	const refused = failure.httpCode === 400 || failure.httpCode === 401;
	const reason = refused ? 'KPN refused the Client ID / Client Secret' : 'Could not get an access token from KPN';
	const { origin, pathname } = new URL(tokenUrl);
	const status = `${failure.httpCode ? `, HTTP ${failure.httpCode}` : ''}${failure.code ? `, KPN code ${failure.code}` : ''}`;
	const message = `${reason} (token URL ${origin}${pathname}${status}): ${failure.message}`;
	return new KpnTokenError(redactSecrets(message, [clientSecret]));
}

export const kpnBearerAuthentication: IAuthenticateGeneric = {
	type: 'generic',
	properties: {
		headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
	},
};

/** "Test credential" asks the token endpoint for a token with the entered ID and secret. */
export const kpnTokenTestRequest: ICredentialTestRequest = {
	request: {
		method: 'POST',
		// Credentials go to the configured host only, never on to where a redirect points.
		disableFollowRedirect: true,
		url: '={{$credentials.tokenUrl}}',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: {
			client_id: '={{$credentials.clientId}}',
			client_secret: '={{$credentials.clientSecret}}',
		},
	},
};
