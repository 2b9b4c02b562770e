import nock from 'nock';

import { KPN_CLIENT_ID, KPN_CLIENT_SECRET, KPN_TEST_HOST } from './kpnCredentials';

export const KPN_TOKEN_PATH = '/oauth/client_credential/accesstoken';
export const MSM_TOKEN_PATH = '/oauth/grip/msm/accesstoken';

/** Token endpoint that hands out tok-1, tok-2, … and counts the calls. */
export function mockKpnTokens(path = KPN_TOKEN_PATH): { calls: () => number; scope: nock.Scope } {
	let calls = 0;
	const scope = nock(KPN_TEST_HOST)
		.post(path, (body: Record<string, string>) => body.client_id === KPN_CLIENT_ID && body.client_secret === KPN_CLIENT_SECRET)
		.query({ grant_type: 'client_credentials' })
		.times(1000)
		.reply(() => {
			calls++;
			return [200, { access_token: `tok-${calls}`, expires_in: '3599', token_type: 'Bearer', status: 'approved' }];
		});
	return { calls: () => calls, scope };
}

/** Everything a test recorded that nock intercepted, to search for leaked secrets. */
export function everyText(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) => (inner instanceof Error ? { ...inner, message: inner.message, stack: inner.stack } : inner));
}
