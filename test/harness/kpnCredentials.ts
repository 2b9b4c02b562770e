import { KpnApi } from '../../credentials/KpnApi.credentials';
import { KpnMobileServiceManagementApi } from '../../credentials/KpnMobileServiceManagementApi.credentials';
import { CredentialStore } from './credentialStore';

export const KPN_TEST_HOST = 'https://api-prd.kpn.com';
export const KPN_CLIENT_ID = 'test-client-id';
export const KPN_CLIENT_SECRET = 'S3cr3t-client-secret-value';

/** Credentials pointing at the production host (intercepted by nock), no token yet. */
export function kpnCredentialStore(overrides: Record<string, string> = {}): CredentialStore {
	const store = new CredentialStore({
		kpnApi: new KpnApi(),
		kpnMobileServiceManagementApi: new KpnMobileServiceManagementApi(),
	});
	store.set('kpnApi', { clientId: KPN_CLIENT_ID, clientSecret: KPN_CLIENT_SECRET, ...overrides });
	store.set('kpnMobileServiceManagementApi', {
		clientId: KPN_CLIENT_ID,
		clientSecret: KPN_CLIENT_SECRET,
		...overrides,
	});
	return store;
}
