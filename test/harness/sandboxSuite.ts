import { kpnCredentialStore } from './kpnCredentials';
import type { CredentialStore } from './credentialStore';
import { nextpertiseCredentialStore } from './nextpertiseCredentials';
import {
	NEXTPERTISE_SANDBOX_PASSWORD,
	NEXTPERTISE_SANDBOX_USERNAME,
	SANDBOX_CLIENT_ID,
	SANDBOX_CLIENT_SECRET,
	startSandbox,
	type Sandbox,
} from '../sandbox/server';

/**
 * Starts one sandbox for the test file (reset before each test) and returns accessors for it and
 * for credentials that point both KPN credential types, or the Nextpertise one, at it.
 */
export function useSandbox(): {
	sandbox: () => Sandbox;
	credentials: () => CredentialStore;
	nextpertiseCredentials: (authentication?: 'basic' | 'jwt') => CredentialStore;
} {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
	});
	const credentials = () => {
		const store = kpnCredentialStore({ clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, baseUrl: sandbox.url });
		store.update('kpnApi', { tokenUrl: `${sandbox.url}/oauth/client_credential/accesstoken?grant_type=client_credentials` });
		store.update('kpnMobileServiceManagementApi', { tokenUrl: `${sandbox.url}/oauth/grip/msm/accesstoken?grant_type=client_credentials` });
		return store;
	};
	const nextpertiseCredentials = (authentication: 'basic' | 'jwt' = 'basic') =>
		nextpertiseCredentialStore({
			username: NEXTPERTISE_SANDBOX_USERNAME,
			password: NEXTPERTISE_SANDBOX_PASSWORD,
			authentication,
			baseUrl: sandbox.url,
		});
	return { sandbox: () => sandbox, credentials, nextpertiseCredentials };
}
