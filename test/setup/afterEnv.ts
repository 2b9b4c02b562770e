import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import nock from 'nock';

import { forgetSharedTokens } from '../../nodes/shared/http/sharedToken';

// No test may reach a real host: nock answers or the request fails.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
	nock.cleanAll();
	// A token fetched by one test case must not serve the next one.
	forgetSharedTokens();
});

// n8n-core starts an SSH-client cleanup timer when the engine loads; stop it so jest can exit.
afterAll(() => {
	// Each test file loads its own nock; unhook this one so the next file's takes over http.
	nock.restore();
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
