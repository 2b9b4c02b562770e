import { randomBytes, randomUUID } from 'node:crypto';

import { invalidTokenReply } from '../faults';
import { gatewayFault, isRecord, json, type ApiRequest, type Reply } from '../http';

export const SANDBOX_CLIENT_ID = 'sandbox-client-id';
export const SANDBOX_CLIENT_SECRET = 'sandbox-client-secret';
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3599;

/** Tokens are only valid for the family whose endpoint issued them. */
export type TokenFamily = 'kpn' | 'msm';

export const TOKEN_ENDPOINTS: Record<string, TokenFamily> = {
	'/oauth/client_credential/accesstoken': 'kpn',
	'/oauth/grip/msm/accesstoken': 'msm',
};

const API_PRODUCTS: Record<TokenFamily, string[]> = {
	kpn: ['SMS-KPN', 'DisturbanceDetector-KPN', 'ServiceNow-Incident-KPN'],
	msm: ['MobileServicesManagement-KPN'],
};

interface IssuedToken {
	family: TokenFamily;
	expiresAt: number;
}

export type TokenCheck = 'valid' | 'missing' | 'unknown' | 'wrongFamily' | 'expired';

export class TokenStore {
	private readonly tokens = new Map<string, IssuedToken>();

	constructor(public lifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS) {}

	issue(family: TokenFamily): { token: string; lifetimeSeconds: number } {
		this.prune();
		const token = randomBytes(21).toString('base64url');
		this.tokens.set(token, { family, expiresAt: Date.now() + this.lifetimeSeconds * 1000 });
		return { token, lifetimeSeconds: this.lifetimeSeconds };
	}

	check(authorization: string | undefined, family: TokenFamily): TokenCheck {
		const token = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
		if (token === undefined) return 'missing';
		const issued = this.tokens.get(token);
		if (!issued) return 'unknown';
		if (issued.family !== family) return 'wrongFamily';
		if (Date.now() >= issued.expiresAt) return 'expired';
		return 'valid';
	}

	revokeAll(): void {
		this.tokens.clear();
	}

	private prune(): void {
		const now = Date.now();
		for (const [token, issued] of this.tokens) if (now >= issued.expiresAt) this.tokens.delete(token);
	}
}

function invalidClient(): Reply {
	return json(401, { ErrorCode: 'invalid_client', Error: 'ClientId is Invalid' });
}

function basicCredentials(authorization: string | undefined): { id?: string; secret?: string } {
	const encoded = /^\s*Basic\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
	if (encoded === undefined) return {};
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? {} : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** POST <token endpoint>: Apigee's client-credentials grant, answered like KPN's gateway. */
export function handleTokenRequest(request: ApiRequest, family: TokenFamily, store: TokenStore): Reply {
	const form: Record<string, unknown> = isRecord(request.body)
		? request.body
		: typeof request.body === 'string'
			? Object.fromEntries(new URLSearchParams(request.body))
			: {};
	const grantType = String(request.query.grant_type ?? form.grant_type ?? '');
	if (grantType !== 'client_credentials') {
		return json(400, { ErrorCode: 'invalid_request', Error: `Unsupported grant type : ${grantType}` });
	}
	const basic = basicCredentials(request.headers.authorization);
	const clientId = typeof form.client_id === 'string' ? form.client_id : basic.id;
	const clientSecret = typeof form.client_secret === 'string' ? form.client_secret : basic.secret;
	if (clientId !== SANDBOX_CLIENT_ID || clientSecret !== SANDBOX_CLIENT_SECRET) return invalidClient();

	const { token, lifetimeSeconds } = store.issue(family);
	const products = API_PRODUCTS[family];
	return json(200, {
		refresh_token_expires_in: '0',
		api_product_list: `[${products.join(', ')}]`,
		api_product_list_json: products,
		organization_name: 'kpn',
		'developer.email': 'sandbox@example.invalid',
		token_type: 'Bearer',
		issued_at: String(Date.now()),
		client_id: clientId,
		access_token: token,
		application_name: randomUUID(),
		scope: '',
		expires_in: String(Math.max(0, Math.ceil(lifetimeSeconds))),
		refresh_count: '0',
		status: 'approved',
	});
}

/** The gateway's 401 for API calls without a usable bearer token; undefined when the token is fine. */
export function requireBearer(request: ApiRequest, family: TokenFamily, store: TokenStore): Reply | undefined {
	const check = store.check(request.headers.authorization, family);
	if (check === 'valid') return undefined;
	if (check === 'expired') {
		return gatewayFault(401, 'Access Token expired', 'keymanagement.service.access_token_expired');
	}
	return invalidTokenReply();
}
