import { createHash } from 'crypto';

/** What a token fetch or log-in gives n8n to store with the credential. */
export interface TokenResult {
	accessToken: string;
	accessTokenExpiresAt?: number;
}

interface Fetched {
	result: TokenResult;
	fetchedAt: number;
	validUntil: number;
}

/**
 * A token fetched by another call of this process is reused when the caller says which token was
 * refused and it is a different one. When the caller does not say (its credential simply had no
 * token yet), only a token fetched this recently is reused: long enough to cover executions that
 * read the credential before n8n stored the new token, short enough that a token the API refused
 * right away is not handed out again for long.
 */
const UNMARKED_REUSE_MS = 30_000;
/** A token is not handed out in its last minute: a request made with it could arrive too late. */
const EXPIRY_MARGIN_MS = 60_000;

const inFlight = new Map<string, Promise<Fetched>>();
const recent = new Map<string, Fetched>();
const refusedTokens = new WeakMap<object, string>();

/** The key of one credential's tokens: a hash, so no secret is kept in memory as a key. */
function keyOf(parts: readonly string[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('base64');
}

/**
 * Marks the credential data of a call that asks for a new token because `token` was refused (an
 * API answered 401, or it is about to expire). n8n hands this very object to the credential's
 * token fetch, which then knows not to return that token again.
 */
export function markRefused(credentialData: object, token: unknown): void {
	if (typeof token === 'string' && token !== '') refusedTokens.set(credentialData, token);
}

/**
 * One token fetch (or log-in) per credential at a time in this process: calls that need a token
 * while one is being fetched wait for it, and a token fetched moments ago by another execution is
 * reused instead of fetching again. n8n itself has no lock here, so without this every execution
 * (and every concurrent request) that starts before a token is stored fetches one of its own.
 * `identity` names the credential (URL, client id, secret): a changed secret is another credential.
 */
export async function sharedToken(
	identity: readonly string[],
	credentialData: object,
	fetch: () => Promise<{ result: TokenResult; lifetimeMs: number }>,
): Promise<TokenResult> {
	const key = keyOf(identity);
	const pending = inFlight.get(key);
	if (pending) return (await pending).result;

	const refused = refusedTokens.get(credentialData);
	const last = recent.get(key);
	const now = Date.now();
	if (last && last.validUntil > now && last.result.accessToken !== refused) {
		if (refused !== undefined || now - last.fetchedAt < UNMARKED_REUSE_MS) return last.result;
	}

	const fetching = fetch().then(({ result, lifetimeMs }) => {
		const fetchedAt = Date.now();
		return { result, fetchedAt, validUntil: fetchedAt + lifetimeMs - EXPIRY_MARGIN_MS };
	});
	inFlight.set(key, fetching);
	try {
		const fetched = await fetching;
		recent.set(key, fetched);
		return fetched.result;
	} finally {
		inFlight.delete(key);
	}
}

/** Forgets every token this process fetched (tests start each case from nothing). */
export function forgetSharedTokens(): void {
	inFlight.clear();
	recent.clear();
}
