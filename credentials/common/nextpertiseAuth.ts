import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { duringTokenFetch, redirectHost, sealedTokenCall } from '../../nodes/shared/http/authenticatedCall';
import { checkBaseUrl } from '../../nodes/shared/http/baseUrl';
import { readReply } from '../../nodes/shared/http/reply';
import { basicAuthForms, Redactor, rememberToken } from '../../nodes/shared/security/redact';
import { sharedToken, type TokenResult } from '../../nodes/shared/http/sharedToken';

export const NEXTPERTISE_PRODUCTION_BASE_URL = 'https://api.nextpertise.nl';
export const NEXTPERTISE_JWT_LOGIN_PATH = '/jwt/log-in';
/** "This will produce a token which is valid for 24 hours." */
const DOCUMENTED_JWT_LIFETIME_SECONDS = 86_400;


/** Thrown when the JWT log-in fails; never carries the password. */
export class NextpertiseLoginError extends Error {
	name = 'NextpertiseLoginError';
}

export type NextpertiseAuthentication = 'basic' | 'jwt';

export function authenticationOf(credentials: ICredentialDataDecryptedObject): NextpertiseAuthentication {
	return credentials.authentication === 'jwt' ? 'jwt' : 'basic';
}

function basicHeader(credentials: ICredentialDataDecryptedObject): string {
	const pair = `${String(credentials.username ?? '')}:${String(credentials.password ?? '')}`;
	return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/**
 * JWT mode: logs in at /jwt/log-in with Basic auth. n8n calls this (preAuthentication) only when
 * the stored token is empty or a call answered 401, and stores the token with the credential, so
 * one log-in serves every item and execution for the token's 24 hours. Basic mode needs no token:
 * nothing is returned, so n8n stores nothing.
 */
export async function nextpertiseLogIn(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ accessToken?: string; accessTokenExpiresAt?: number }> {
	if (authenticationOf(credentials) !== 'jwt') return {};
	const baseUrl = checkBaseUrl(credentials.baseUrl, 'Base URL');
	if (baseUrl.problem !== undefined) throw new NextpertiseLoginError(`Nextpertise credential: ${baseUrl.problem}`);
	if (String(credentials.username ?? '') === '' || String(credentials.password ?? '') === '') {
		throw new NextpertiseLoginError('The Nextpertise credential needs both a Username and a Password');
	}
	const identity = ['nextpertise', baseUrl.url, String(credentials.username), String(credentials.password)];
	return await duringTokenFetch(credentials, async () =>
		await sharedToken(identity, credentials, async () => await logIn(this, credentials, baseUrl.url)),
	);
}

async function logIn(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
): Promise<{ result: TokenResult; lifetimeMs: number }> {
	const password = String(credentials.password);
	const redactor = new Redactor([password], basicAuthForms(String(credentials.username ?? ''), password));
	let response: { statusCode: number; body: unknown; headers?: Record<string, unknown> } | undefined;
	let networkProblem = '';
	try {
		response = (await helper.helpers.httpRequest(
			sealedTokenCall({
				method: 'GET',
				url: `${baseUrl}${NEXTPERTISE_JWT_LOGIN_PATH}`,
				headers: { Authorization: basicHeader(credentials), Accept: 'application/json' },
			}),
		)) as typeof response;
		if (response) response = { ...response, body: readReply(response.body, false, {}, response.statusCode) };
	} catch (error) {
		networkProblem = networkFailureText(error);
		response = undefined;
	}
	if (response === undefined || response.statusCode >= 300) {
		throw new NextpertiseLoginError(redactor.text(loginFailureText(response, networkProblem, baseUrl)));
	}
	const reply = response.body && typeof response.body === 'object' ? (response.body as Record<string, unknown>) : {};
	const token = reply.access_token;
	if (typeof token !== 'string' || token === '') {
		throw new NextpertiseLoginError(`Nextpertise answered ${NEXTPERTISE_JWT_LOGIN_PATH} without an access_token, so no request was sent`);
	}
	rememberToken(token);
	const lifetime = Number(reply.expires_in);
	const seconds = Number.isFinite(lifetime) && lifetime > 0 ? lifetime : DOCUMENTED_JWT_LIFETIME_SECONDS;
	return { result: { accessToken: token, accessTokenExpiresAt: Date.now() + seconds * 1000 }, lifetimeMs: seconds * 1000 };
}

function networkFailureText(error: unknown): string {
	const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return 'the connection timed out';
	return typeof code === 'string' ? `the connection failed (${code})` : 'the connection failed';
}

function loginFailureText(
	response: { statusCode: number; body: unknown; headers?: Record<string, unknown> } | undefined,
	networkProblem: string,
	baseUrl: string,
): string {
	if (response === undefined) return `Could not log in at Nextpertise (${NEXTPERTISE_JWT_LOGIN_PATH}): ${networkProblem}`;
	if (response.statusCode < 400) {
		const host = redirectHost(response.headers, baseUrl);
		return `Could not log in at Nextpertise (${NEXTPERTISE_JWT_LOGIN_PATH}, HTTP ${response.statusCode}): it answered with a redirect to ${host}, which was not followed, so the password did not leave the Base URL's host`;
	}
	const said = (response.body as { message?: unknown } | undefined)?.message;
	const detail = typeof said === 'string' && said.trim() !== '' ? `: ${said.trim()}` : '';
	if (response.statusCode === 401 || response.statusCode === 403) {
		return `Nextpertise refused the Username / Password (${NEXTPERTISE_JWT_LOGIN_PATH}, HTTP ${response.statusCode})${detail}. Check them, and that this machine's IP address is whitelisted or TOTP is set up in InControl.`;
	}
	return `Could not log in at Nextpertise (${NEXTPERTISE_JWT_LOGIN_PATH}, HTTP ${response.statusCode})${detail}`;
}

/** Basic auth, or the stored JWT as a Bearer token. */
export async function nextpertiseAuthenticate(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const authorization =
		authenticationOf(credentials) === 'jwt' ? `Bearer ${String(credentials.accessToken ?? '')}` : basicHeader(credentials);
	return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: authorization } };
}

/**
 * "Test credential" reads the user's own profile (user.get_profile, a read that changes nothing).
 * In JWT mode n8n logs in first (preAuthentication), so both the log-in and the token are tested.
 */
export const nextpertiseTestRequest: ICredentialTestRequest = {
	request: {
		method: 'POST',
		// Credentials go to the configured host only, never on to where a redirect points.
		disableFollowRedirect: true,
		url: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/user/v1',
		headers: { 'Content-Type': 'application/json' },
		body: { jsonrpc: '2.0', id: 'n8n-credential-test', method: 'get_profile', params: {} },
		json: true,
	},
	rules: [
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'error.message',
				value: 'Config Prohibited Error.',
				message: 'The login works, but this account may not read its own profile (Nextpertise error 012)',
			},
		},
	],
};
