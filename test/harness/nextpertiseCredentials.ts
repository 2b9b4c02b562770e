import nock from 'nock';

import { NextpertiseApi } from '../../credentials/NextpertiseApi.credentials';
import { CredentialStore } from './credentialStore';

export const NEXTPERTISE_TEST_HOST = 'https://api.nextpertise.nl';
export const NEXTPERTISE_USERNAME = 'partner-user';
export const NEXTPERTISE_PASSWORD = 'N3xt-S3cret-password';

/**
 * A `nextpertiseApi` credential pointing at the production host (intercepted by nock), Basic auth
 * unless `authentication: 'jwt'` is passed, no token yet.
 */
export function nextpertiseCredentialStore(overrides: Record<string, string | number> = {}): CredentialStore {
	const store = new CredentialStore({ nextpertiseApi: new NextpertiseApi() });
	store.set('nextpertiseApi', { username: NEXTPERTISE_USERNAME, password: NEXTPERTISE_PASSWORD, ...overrides });
	return store;
}

/** The Authorization header Basic auth sends with the test credential. */
export function nextpertiseBasicHeader(username = NEXTPERTISE_USERNAME, password = NEXTPERTISE_PASSWORD): string {
	return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** A `/jwt/log-in` that hands out jwt-1, jwt-2, … for the test credential's Basic auth and counts the calls. */
export function mockNextpertiseLogins(expiresIn = 86_400): { calls: () => number } {
	let calls = 0;
	nock(NEXTPERTISE_TEST_HOST)
		.get('/jwt/log-in')
		.matchHeader('authorization', nextpertiseBasicHeader())
		.times(1000)
		.reply(() => {
			calls++;
			return [200, { token_type: 'Bearer', expires_in: expiresIn, access_token: `jwt-${calls}` }];
		});
	return { calls: () => calls };
}
