import nock from 'nock';

import { codeFromKpnBody, messageFromKpnBody } from '../../nodes/shared/kpn/errorMessages';
import { kpnCredentialStore, KPN_CLIENT_SECRET, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { everyText, mockKpnTokens } from '../harness/kpnNock';
import { KpnProbe } from '../harness/kpnProbeNode';
import { runNode } from '../harness/runNode';

const probe = new KpnProbe();

/** Every error body shape KPN documents: [name, body, message the node shows, KPN code or undefined]. */
const SHAPES: Array<[string, unknown, string, string | undefined]> = [
	[
		'KPN gateway errorResponse',
		{ errorResponse: { code: '400', message: 'Invalid sender', info: 'Use max. 11 characters' } },
		'Invalid sender — Use max. 11 characters',
		'400',
	],
	[
		'ServiceNow Connect error object',
		{ error: { code: '1234', message: 'Description of the error.' } },
		'Description of the error.',
		'1234',
	],
	['ServiceNow Connect error object with a numeric code', { error: { code: 1234, message: 'Ticket not found' } }, 'Ticket not found', '1234'],
	[
		'KPN gateway envelope at the top level',
		{ transactionId: 't1', status: 412, name: 'PreconditionFailed', message: 'Ticket is closed', info: 'Open a new ticket' },
		'Ticket is closed — Open a new ticket',
		undefined,
	],
	[
		'RFC 7807 problem',
		{ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'msisdn is not valid', instance: '/x' },
		'msisdn is not valid',
		undefined,
	],
	['CAMARA error', { error_code: 'INVALID_ARGUMENT', message: 'phoneNumber is missing', correlation_id: 'c1' }, 'phoneNumber is missing', 'INVALID_ARGUMENT'],
	[
		'Apigee fault',
		{ fault: { faultstring: 'Access denied', detail: { errorcode: 'accesscontrol.IPDeniedAccess' } } },
		'Access denied (accesscontrol.IPDeniedAccess)',
		undefined,
	],
	['Apigee OAuth error', { ErrorCode: 'invalid_client', Error: 'ClientId is Invalid' }, 'ClientId is Invalid (invalid_client)', undefined],
	['OAuth error', { error: 'invalid_request', error_description: 'grant_type is missing' }, 'grant_type is missing', undefined],
];

beforeEach(() => {
	nock.cleanAll();
});

describe('KPN error bodies', () => {
	test.each(SHAPES)('%s: message and code are read from the body and from its JSON text', (_name, body, message, code) => {
		expect(messageFromKpnBody(body)).toBe(message);
		expect(codeFromKpnBody(body)).toBe(code);
		expect(messageFromKpnBody(JSON.stringify(body))).toBe(message);
		expect(codeFromKpnBody(JSON.stringify(body))).toBe(code);
	});

	test.each([
		['an error object without a message', { error: { code: '1234' } }, undefined, '1234'],
		['an error object with an empty message', { error: { code: '', message: '  ' } }, undefined, undefined],
		['an error list', { error: [{ code: '1', message: 'x' }] }, undefined, undefined],
		['text that is not JSON', '<html>bad gateway</html>', undefined, undefined],
	])('%s gives no invented message or code', (_name, body, message, code) => {
		expect(messageFromKpnBody(body)).toBe(message);
		expect(codeFromKpnBody(body)).toBe(code);
	});

	test.each(SHAPES)('%s on an API call: the node error has the message and the KPN code', async (_name, body, message, code) => {
		mockKpnTokens();
		nock(KPN_TEST_HOST).get('/test/api/thing').reply(400, body as never);
		const result = await runNode({ nodeType: probe, parameters: { retryOn: [] }, credentials: kpnCredentialStore() });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(`KPN: ${message}`);
		expect(result.error?.httpCode).toBe('400');
		const expected = code === undefined ? 'GET /test/api/thing failed (HTTP 400).' : `GET /test/api/thing failed (HTTP 400, KPN code ${code}).`;
		expect(result.error?.description).toBe(expected);
	});

	test('a ServiceNow Connect error object without a message falls back to the status meaning and keeps the code', async () => {
		mockKpnTokens();
		nock(KPN_TEST_HOST).get('/test/api/thing').reply(404, { error: { code: '4040' } });
		const result = await runNode({ nodeType: probe, parameters: { retryOn: [] }, credentials: kpnCredentialStore() });
		expect(result.error?.message).toBe('KPN: Not found: check the ID and the API path');
		expect(result.error?.description).toBe('GET /test/api/thing failed (HTTP 404, KPN code 4040).');
	});

	test.each(SHAPES)('%s from the token endpoint: the token error has the message and the KPN code, not the secret', async (_name, body, message, code) => {
		nock(KPN_TEST_HOST)
			.post('/oauth/client_credential/accesstoken')
			.query(true)
			.reply(400, { ...(body as object), echo: `client_secret=${KPN_CLIENT_SECRET}` });
		const api = nock(KPN_TEST_HOST).get('/test/api/thing').reply(200, {});
		const result = await runNode({ nodeType: probe, parameters: {}, credentials: kpnCredentialStore() });
		const status = code === undefined ? 'HTTP 400' : `HTTP 400, KPN code ${code}`;
		expect(result.error?.message).toContain(`KPN refused the Client ID / Client Secret (token URL ${KPN_TEST_HOST}/oauth/client_credential/accesstoken, ${status}): ${message}`);
		expect(api.isDone()).toBe(false);
		expect(everyText(result.run)).not.toContain(KPN_CLIENT_SECRET);
	});
});
