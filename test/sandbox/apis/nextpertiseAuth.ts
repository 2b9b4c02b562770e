import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

import { json, type ApiRequest, type Reply } from '../http';

export const NEXTPERTISE_SANDBOX_USERNAME = 'sandbox-user';
export const NEXTPERTISE_SANDBOX_PASSWORD = 'sandbox-password';
/** "This will produce a token which is valid for 24 hours." */
export const DEFAULT_JWT_LIFETIME_SECONDS = 86_400;
export const JWT_LOGIN_PATH = '/jwt/log-in';

/** The document's 401 ("HTTP/1.1 401 Forbidden" with this body). */
export function nextpertiseUnauthorized(): Reply {
	return json(401, { message: 'You cannot consume this service' });
}

function base64url(value: string | Buffer): string {
	return Buffer.from(value).toString('base64url');
}

function basicCredentials(authorization: string | undefined): { username: string; password: string } | undefined {
	const encoded = /^\s*Basic\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
	if (encoded === undefined) return undefined;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function basicIsValid(authorization: string | undefined): boolean {
	const credentials = basicCredentials(authorization);
	return credentials?.username === NEXTPERTISE_SANDBOX_USERNAME && credentials.password === NEXTPERTISE_SANDBOX_PASSWORD;
}

export type JwtCheck = 'valid' | 'expired' | 'invalid';

/**
 * Issues and checks HS256 JWTs. Like Nextpertise's, they are stateless: a token is valid when its
 * signature is right and `exp` has not passed. `rotateSecret()` (the sandbox's revoke-tokens)
 * invalidates every token issued so far.
 */
export class NextpertiseJwt {
	private secret = randomBytes(32);

	constructor(public lifetimeSeconds = DEFAULT_JWT_LIFETIME_SECONDS) {}

	issue(username: string): { token: string; expiresIn: number } {
		const now = Date.now() / 1000;
		const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const payload = base64url(
			JSON.stringify({ sub: username, iat: Math.floor(now), exp: now + this.lifetimeSeconds, jti: randomUUID() }),
		);
		const signature = this.sign(`${header}.${payload}`);
		return { token: `${header}.${payload}.${signature}`, expiresIn: Math.max(0, Math.ceil(this.lifetimeSeconds)) };
	}

	check(token: string): JwtCheck {
		const parts = token.split('.');
		if (parts.length !== 3) return 'invalid';
		const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
		const actual = Buffer.from(parts[2]);
		if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'invalid';
		try {
			const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
			if (typeof payload.exp !== 'number') return 'invalid';
			return Date.now() / 1000 >= payload.exp ? 'expired' : 'valid';
		} catch {
			return 'invalid';
		}
	}

	rotateSecret(): void {
		this.secret = randomBytes(32);
	}

	private sign(input: string): string {
		return createHmac('sha256', this.secret).update(input).digest('base64url');
	}
}

/** `/jwt/log-in` with Basic auth: the document's token reply, or its 401. */
export function handleJwtLogin(request: ApiRequest, jwt: NextpertiseJwt): Reply {
	if (!basicIsValid(request.headers.authorization)) return nextpertiseUnauthorized();
	const { token, expiresIn } = jwt.issue(NEXTPERTISE_SANDBOX_USERNAME);
	return json(200, { token_type: 'Bearer', expires_in: expiresIn, access_token: token });
}

/** undefined when the request carries valid Basic credentials or a valid, unexpired JWT; else the 401. */
export function requireNextpertiseAuth(request: ApiRequest, jwt: NextpertiseJwt): Reply | undefined {
	const authorization = request.headers.authorization;
	if (basicIsValid(authorization)) return undefined;
	const bearer = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
	if (bearer !== undefined && jwt.check(bearer) === 'valid') return undefined;
	return nextpertiseUnauthorized();
}
