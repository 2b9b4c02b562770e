import { kpnCredentialStore } from './kpnCredentials';
import type { CredentialStore } from './credentialStore';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox, type Sandbox } from '../sandbox/server';

/**
 * Starts one sandbox for the test file (reset before each test) and returns accessors for it and
 * for credentials that point both KPN credential types at it.
 */
export function useSandbox(): { sandbox: () => Sandbox; credentials: () => CredentialStore } {
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
	return { sandbox: () => sandbox, credentials };
}
