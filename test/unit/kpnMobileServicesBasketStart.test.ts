import { KpnMobileServices } from '../../nodes/KpnMobileServices/KpnMobileServices.node';
import { MSM_TOKEN_PATH, mockKpnTokens } from '../harness/kpnNock';
import { forbidAnyRequest, mockMsm, MSM_BASE, RequestLog, runMsm } from '../harness/msmNock';

const node = new KpnMobileServices();
const run = async (parameters: Record<string, unknown>, items: object[] = [{}], options: { continueOnFail?: boolean } = {}) =>
	await runMsm(node, { resource: 'basket', operation: 'create', ...parameters }, items, options);

/** The session id of KPN's guide. */
const SESSION = '334caa-1122-3344-5566-aabb34567';

function basketEndpoint() {
	mockKpnTokens(MSM_TOKEN_PATH);
	const log = new RequestLog();
	mockMsm(log, 'post', '/contracting/basket', () => [200, { sessionId: SESSION }]);
	return log;
}

describe('KPN MSM basket create: the ways KPN\'s guide opens a basket', () => {
	test.each([
		['change a contract', { basketFor: 'contract', contractId: { __rl: true, mode: 'id', value: '9876543' } }, { contractId: 9876543 }],
		['new contract for a subscriber', { basketFor: 'subscriber', subscriberId: '1234568' }, { accountGroupId: 1234568 }],
		[
			'reactivate a terminated contract',
			{ basketFor: 'subscriber', subscriberId: '1234568', additionalFields: { orderId: '7654321' } },
			{ accountGroupId: 1234568, orderId: 7654321 },
		],
		[
			'combine fixed and mobile contracts',
			{
				basketFor: 'combineFixedMobile',
				fixedContractId: { __rl: true, mode: 'list', value: '9876543' },
				mobileContractId: { __rl: true, mode: 'id', value: '1623106407' },
			},
			{ fixedContractId: 9876543, mobileContractId: 1623106407 },
		],
		['modify a template', { basketFor: 'modifyTemplate', templateIdToModify: '2419028783' }, { templateIdToModify: 2419028783 }],
	])('%s: POST /contracting/basket with exactly the documented body', async (_way, parameters, body) => {
		const log = basketEndpoint();
		const result = await run(parameters);
		expect(result.error).toBeUndefined();
		expect(log.requests.map((request) => [request.method, request.path, request.query, request.body])).toEqual([
			['POST', `${MSM_BASE}/contracting/basket`, {}, body],
		]);
		expect(result.items).toEqual([{ json: { sessionId: SESSION }, pairedItem: { item: 0 } }]);
	});

	test('fields of another way are not sent: a combined basket sends no contractId, a template basket no contract at all', async () => {
		const log = basketEndpoint();
		await run({ basketFor: 'combineFixedMobile', contractId: '1', subscriberId: '2', fixedContractId: '3', mobileContractId: '4', templateIdToModify: '5' });
		await run({ basketFor: 'modifyTemplate', contractId: '1', fixedContractId: '3', mobileContractId: '4', templateIdToModify: '5' });
		expect(log.requests.map((request) => request.body)).toEqual([{ fixedContractId: 3, mobileContractId: 4 }, { templateIdToModify: 5 }]);
	});

	test.each([
		[{ basketFor: 'combineFixedMobile', fixedContractId: '={{ "" }}', mobileContractId: '9876544' }, 'Item 0: Fixed Contract is empty'],
		[{ basketFor: 'combineFixedMobile', fixedContractId: '9876543', mobileContractId: '={{ "" }}' }, 'Item 0: Mobile Contract is empty'],
		[{ basketFor: 'combineFixedMobile', fixedContractId: 'F-1', mobileContractId: '9876544' }, 'Item 0: Fixed Contract: "F-1" is not an ID'],
		[{ basketFor: 'combineFixedMobile', fixedContractId: '9876543', mobileContractId: '98765.5' }, 'Item 0: Mobile Contract: "98765.5" is not an ID'],
		[
			{ basketFor: 'combineFixedMobile', fixedContractId: '9876543', mobileContractId: { __rl: true, mode: 'id', value: '9876543' } },
			'Item 0: Mobile Contract: 9876543 is also the Fixed Contract',
		],
		[{ basketFor: 'modifyTemplate', templateIdToModify: '={{ "" }}' }, 'Item 0: Template ID is empty'],
		[{ basketFor: 'modifyTemplate', templateIdToModify: 'TPL-7' }, 'Item 0: Template ID: "TPL-7" is not an ID'],
		[{ basketFor: 'modifyTemplate', templateIdToModify: '99999999999999999999' }, 'Item 0: Template ID: "99999999999999999999" is not an ID'],
		[{ basketFor: 'subscriber', subscriberId: '1', additionalFields: { orderId: '99999999999999999999' } }, 'Item 0: Termination Order ID: "99999999999999999999" is not an ID'],
		[{ basketFor: 'templateAndContract', contractId: '1' }, 'Item 0: Basket For: "templateAndContract" is not a way to open a basket'],
	])('bad input %j is refused before any request, naming item and field', async (parameters, message) => {
		const any = forbidAnyRequest();
		const result = await run(parameters);
		expect(result.error?.message).toBe(message);
		expect(any.isDone()).toBe(false);
	});

	test('a bad later item stops the node before the first basket is opened', async () => {
		const any = forbidAnyRequest();
		const result = await run(
			{ basketFor: 'combineFixedMobile', fixedContractId: '={{ $json.fixed }}', mobileContractId: '={{ $json.mobile }}' },
			[
				{ fixed: '9876543', mobile: '9876544' },
				{ fixed: '9876545', mobile: '' },
			],
		);
		expect(result.error?.message).toBe('Item 1: Mobile Contract is empty');
		expect(any.isDone()).toBe(false);
	});
});

describe('KPN MSM: modify a template from start to end', () => {
	test('Basket → Create with Modify a Template, then Basket (Advanced) → Modify Template saves that session', async () => {
		const log = basketEndpoint();
		mockMsm(log, 'post', '/contracting/basket/modify-template', () => [200, '']);
		const opened = await run({ basketFor: 'modifyTemplate', templateIdToModify: '2419028783' });
		const saved = await runMsm(node, { resource: 'basketAdvanced', operation: 'modifyTemplate', sessionId: '={{ $json.sessionId }}' }, [
			opened.items[0].json,
		]);
		expect(saved.error).toBeUndefined();
		expect(log.requests.map((request) => [request.method, request.path, request.query, request.body])).toEqual([
			['POST', `${MSM_BASE}/contracting/basket`, {}, { templateIdToModify: 2419028783 }],
			['POST', `${MSM_BASE}/contracting/basket/modify-template`, { sessionId: SESSION }, undefined],
		]);
		expect(saved.items).toEqual([{ json: { success: true }, pairedItem: { item: 0 } }]);
	});

	test('Modify Template without a basket session (an empty mapped value) is refused before any request', async () => {
		const any = forbidAnyRequest();
		const result = await runMsm(node, { resource: 'basketAdvanced', operation: 'modifyTemplate', sessionId: '={{ $json.sessionId }}' });
		expect(result.error?.message).toBe('Item 0: Basket Session ID: is required');
		expect(any.isDone()).toBe(false);
	});

	test('Modify Template is a write: a 503 is not retried', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket/modify-template', () => [503, {}, { 'Retry-After': '0' }]);
		const result = await runMsm(node, { resource: 'basketAdvanced', operation: 'modifyTemplate', sessionId: SESSION });
		expect(result.error?.httpCode).toBe('503');
		expect(log.requests).toHaveLength(1);
	});
});
