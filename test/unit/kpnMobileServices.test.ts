import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { KpnMobileServices, resourceOptions } from '../../nodes/KpnMobileServices/KpnMobileServices.node';
import { kpnCredentialStore, KPN_CLIENT_SECRET, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { everyText, MSM_TOKEN_PATH, mockKpnTokens } from '../harness/kpnNock';
import { forbidAnyRequest, mockMsm, mockMsmList, MSM_BASE, RequestLog, runMsm, subscriberRows } from '../harness/msmNock';
import { runListSearchPage, runLoadOptions } from '../harness/runLoadOptions';

const node = new KpnMobileServices();
const { description } = node;
const HAND_WRITTEN: Record<string, string[]> = {
	basket: ['create', 'get', 'getMainProducts', 'order', 'update'],
	contract: ['getAll', 'getItems'],
	hierarchy: ['getChildren'],
	subscriber: ['get', 'getAll', 'update'],
};

const optionsOf = (property: INodeProperties) => property.options as INodePropertyOptions[];
const resourceProperty = (d: INodeTypeDescription = description) => d.properties.find((p) => p.name === 'resource')!;
const operationProperty = (resource: string, d: INodeTypeDescription = description) =>
	d.properties.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource))!;
const fieldsOf = (resource: string, operation: string) =>
	description.properties.filter((p) => {
		const show = p.displayOptions?.show;
		return (show?.resource as string[] | undefined)?.includes(resource) && (show?.operation as string[] | undefined)?.includes(operation);
	});
const field = (resource: string, operation: string, name: string) => fieldsOf(resource, operation).find((p) => p.name === name)!;

describe('KPN Mobile Service Management: public contract (names saved workflows depend on)', () => {
	test('node name, credential, tool use, icons', () => {
		expect(description.name).toBe('kpnMobileServices');
		expect(description.displayName).toBe('KPN Mobile Service Management');
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'kpnMobileServiceManagementApi', required: true }]);
		expect(description.icon).toEqual({ light: 'file:../../icons/kpn.svg', dark: 'file:../../icons/kpn.dark.svg' });
		expect(description.inputs).toEqual(['main']);
		expect(description.outputs).toEqual(['main']);
	});

	test('the codex file names the node type', () => {
		const codex = JSON.parse(
			readFileSync(join(__dirname, '../../nodes/KpnMobileServices/KpnMobileServices.node.json'), 'utf8'),
		) as { node: string; resources: { primaryDocumentation: unknown[] } };
		expect(codex.node).toBe('n8n-nodes-kpn-nextpertise.kpnMobileServices');
		expect(codex.resources.primaryDocumentation).toHaveLength(1);
	});

	test('resources subscriber, contract, hierarchy, basket with exactly the hand-written operation values', () => {
		const resources = optionsOf(resourceProperty()).map((o) => o.value);
		for (const resource of Object.keys(HAND_WRITTEN)) expect(resources).toContain(resource);
		expect(resourceProperty().default).toBe('subscriber');
		for (const [resource, operations] of Object.entries(HAND_WRITTEN)) {
			expect(optionsOf(operationProperty(resource)).map((o) => o.value).sort()).toEqual(operations);
			for (const option of optionsOf(operationProperty(resource))) expect(option.action).toMatch(/^[A-Z]/);
		}
	});

	test('the resource dropdown (with whatever the spec module adds) is sorted by name and has no duplicate values', () => {
		const options = optionsOf(resourceProperty());
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
		expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
	});

	test('resourceOptions merges extra resources alphabetically; a clashing value keeps the hand-written one', () => {
		const merged = resourceOptions([
			{ name: 'Address', value: 'address' },
			{ name: 'Threshold', value: 'threshold' },
			{ name: 'Subscriber (generated)', value: 'subscriber' },
		]);
		expect(merged.map((o) => o.value)).toEqual(['address', 'basket', 'contract', 'hierarchy', 'subscriber', 'threshold']);
		expect(merged.find((o) => o.value === 'subscriber')?.name).toBe('Subscriber');
	});

	test('fields users rely on', () => {
		expect(field('subscriber', 'getAll', 'limit')).toMatchObject({ default: 50, typeOptions: { minValue: 1 } });
		expect(field('subscriber', 'get', 'subscriberId').modes?.map((m) => m.name)).toEqual(['list', 'id']);
		expect(field('subscriber', 'update', 'subscriberId').required).toBe(true);
		const updateOptions = field('subscriber', 'update', 'options').options as INodeProperties[];
		expect(updateOptions.find((o) => o.name === 'replace')).toMatchObject({
			displayName: 'Replace (Send Only the Fields Given)',
			default: false,
		});
		expect((field('subscriber', 'update', 'updateFields').options as INodeProperties[]).map((o) => o.name)).toEqual([
			'comments', 'email', 'employeeNumber', 'firstName', 'fixedNumber', 'gender', 'mobileNumber', 'preferredLanguage', 'surname', 'surnamePrefix', 'vip',
		]);
		expect(field('contract', 'getItems', 'contractId').modes?.map((m) => m.name)).toEqual(['list', 'id']);
		expect(field('contract', 'getItems', 'flatten').default).toBe(false);
		expect(field('basket', 'update', 'productActions').type).toBe('fixedCollection');
		expect(field('basket', 'update', 'characteristicActions').type).toBe('fixedCollection');
		expect(field('basket', 'order', 'wishDate').type).toBe('dateTime');
		expect(optionsOf(field('basket', 'order', 'deliveryAddress')).map((o) => o.value).sort()).toEqual(['address', 'addressId', 'none']);
		for (const [resource, operations] of Object.entries(HAND_WRITTEN)) {
			for (const operation of operations) {
				const options = field(resource, operation, 'options').options as INodeProperties[];
				expect(options.find((o) => o.name === 'basePath')?.default).toBe('/mobile/kpn/mobileservices');
				expect(options.map((o) => o.displayName)).toEqual([...options.map((o) => o.displayName)].sort((a, b) => a.localeCompare(b)));
			}
		}
	});

	test('every list operation has Return All, Limit and Page Size', () => {
		for (const [resource, operation] of [['subscriber', 'getAll'], ['contract', 'getAll'], ['hierarchy', 'getChildren'], ['basket', 'getMainProducts']]) {
			expect(field(resource, operation, 'returnAll').default).toBe(false);
			expect(field(resource, operation, 'limit').default).toBe(50);
			const options = field(resource, operation, 'options').options as INodeProperties[];
			expect(options.find((o) => o.name === 'pageSize')?.default).toBe(100);
		}
	});

	test('dropdown methods exist for subscribers, contracts and a basket\'s products and characteristics', () => {
		expect(Object.keys(node.methods.listSearch).sort()).toEqual(['searchContracts', 'searchSubscribers']);
		expect(Object.keys(node.methods.loadOptions).sort()).toEqual(['getBasketCharacteristics', 'getBasketProducts']);
	});
});

describe('KPN Mobile Service Management: routing', () => {
	test('an unknown operation is refused before any request', async () => {
		const any = forbidAnyRequest();
		const result = await runMsm(node, { resource: 'subscriber', operation: 'delete' });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Unknown operation "subscriber/delete"');
		expect(any.isDone()).toBe(false);
	});

	test('the spec module\'s resources, fields and operations are merged in and routed to it', async () => {
		const executeSpecOperation = jest.fn(async function (this: IExecuteFunctions, resource: string, operation: string) {
			return [[{ json: { resource, operation, spec: true }, pairedItem: { item: 0 } }]] as INodeExecutionData[][];
		});
		const specField: INodeProperties = {
			displayName: 'Address ID',
			name: 'specAddressId',
			type: 'string',
			default: '',
			displayOptions: { show: { resource: ['address'] } },
		};
		let NodeClass: new () => INodeType = KpnMobileServices;
		jest.isolateModules(() => {
			jest.doMock('../../nodes/KpnMobileServices/spec', () => ({
				SPEC_RESOURCES: [
					{ name: 'Address', value: 'address' },
					{ name: 'Track and Trace', value: 'trackAndTrace' },
				],
				specOperationProperties: [specField],
				isSpecOperation: (resource: string, operation: string) => resource === 'address' && operation === 'getAll',
				executeSpecOperation,
			}));
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			NodeClass = (require('../../nodes/KpnMobileServices/KpnMobileServices.node') as { KpnMobileServices: new () => INodeType }).KpnMobileServices;
		});
		const withSpec = new NodeClass();
		expect(optionsOf(resourceProperty(withSpec.description)).map((o) => o.value)).toEqual([
			'address', 'basket', 'contract', 'hierarchy', 'subscriber', 'trackAndTrace',
		]);
		expect(withSpec.description.properties).toContainEqual(specField);
		const context = (resource: string, operation: string) =>
			({
				getNodeParameter: (name: string) => (name === 'resource' ? resource : operation),
				getNode: () => ({ name: 'KPN', type: 'n8n-nodes-kpn-nextpertise.kpnMobileServices', typeVersion: 1, parameters: {} }),
			}) as unknown as IExecuteFunctions;
		await expect(withSpec.execute!.call(context('address', 'getAll'))).resolves.toEqual([
			[{ json: { resource: 'address', operation: 'getAll', spec: true }, pairedItem: { item: 0 } }],
		]);
		expect(executeSpecOperation).toHaveBeenCalledTimes(1);
		await expect(withSpec.execute!.call(context('address', 'delete'))).rejects.toThrow('Unknown operation "address/delete"');
		expect(executeSpecOperation).toHaveBeenCalledTimes(1);
	});
});

describe('KPN Mobile Service Management: dropdowns', () => {
	const credentials = () => kpnCredentialStore();

	test('subscribers: one page of 50 sorted by last name, searched by KPN, with a token for the next page', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		const rows = subscriberRows(120).map((row, index) => ({
			...row,
			prefix: index === 0 ? 'van' : '',
			contracts: { firstPhoneNumber: index === 0 ? '31611111111' : null, amount: index === 0 ? 1 : 0 },
		}));
		mockMsmList(log, '/hierarchy/subscribers', rows);
		const first = await runListSearchPage({ nodeType: node, method: 'searchSubscribers', parameters: {}, credentials: credentials(), filter: ' Last ' });
		expect(log.requests[0].query).toEqual({ sortBy: 'LASTNAME', order: 'ASC', patterns: 'Last', from: '0', to: '50' });
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: 'Last0, van, First0 (EMP0, 31611111111)', value: '1234567' });
		expect(first.paginationToken).toBe('50');
		const last = await runListSearchPage({ nodeType: node, method: 'searchSubscribers', parameters: {}, credentials: credentials(), paginationToken: '100' });
		expect(log.requests[1].query).toMatchObject({ from: '100', to: '150' });
		expect(last.results).toHaveLength(20);
		expect(last.paginationToken).toBeUndefined();
	});

	test('contracts: number, product and holder; state shown when not active; base path from the options', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const seen: string[] = [];
		nock(KPN_TEST_HOST)
			.get('/msm-test/contract/all')
			.query(true)
			.reply((uri) => {
				seen.push(uri);
				return [
					200,
					{
						result: [
							{ id: 9876543, firstName: 'Maxim', namePrefix: 'van', lastName: 'Aanholt', mobileNumber: '31680000000', product: { en: 'Mobile Voice and Data', nl: 'Mobiel' }, state: 'ACTIVE' },
							{ id: 9876544, firstName: 'Emma', namePrefix: '', lastName: 'Bakker', mobileNumber: null, fixedNumber: '0301234567', product: { en: 'Fixed Voice', nl: 'Vast' }, state: 'BLOCKED' },
							{ id: 9876545 },
						],
						total: 3,
					},
				];
			});
		const list = await runListSearchPage({
			nodeType: node,
			method: 'searchContracts',
			parameters: { options: { basePath: '/msm-test' } },
			credentials: credentials(),
		});
		expect(seen).toEqual(['/msm-test/contract/all?sortBy=LASTNAME&order=ASC&from=0&to=50']);
		expect(list).toEqual({
			results: [
				{ name: '31680000000 – Mobile Voice and Data – Aanholt, van, Maxim', value: '9876543' },
				{ name: '0301234567 – Fixed Voice – Bakker, Emma [BLOCKED]', value: '9876544' },
				{ name: 'Contract 9876545', value: '9876545' },
			],
		});
	});

	test('basket products: the basket\'s changeable tree items, then the main products to add', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/contracting/basket', () => [
			200,
			{
				productTree: [
					{
						id: 'TreeNode_1_0',
						name: { en: 'Mobile Voice and Data' },
						disabled: true,
						selected: true,
						children: [
							{ id: 'TreeNode_1_2', name: { en: 'VoiceMail' }, disabled: false, selected: true, visible: true, children: [] },
							{ id: 'TreeNode_1_4', name: { en: 'Extra Data 5 GB' }, disabled: false, selected: false, children: [], price: { recurring: { monthlyFeeInCents: 500 } } },
							{ id: 'TreeNode_1_9', name: { en: 'Hidden' }, disabled: false, visible: false, children: [] },
						],
					},
				],
				characteristics: {},
			},
		]);
		mockMsmList(log, '/contracting/basket/main-products', [
			{ id: '5001', name: { en: 'Apple iPhone 15 128GB', nl: 'Apple iPhone 15 128GB' }, category: 'HARDWARE', priceInCents: 79900 },
			{ id: '3098', name: { en: 'Mobile Voice and Data', nl: 'Mobiel' }, category: 'MOBILE', priceInCents: 2000 },
			{ bsId: 77, name: 'Seed-style product', oneTimePriceInCents: 0 },
		]);
		const options = await runLoadOptions({
			nodeType: node,
			method: 'getBasketProducts',
			parameters: { resource: 'basket', operation: 'update', sessionId: 'abc-123' },
			credentials: credentials(),
		});
		expect(options).toEqual([
			{ name: 'Mobile Voice and Data > VoiceMail (in basket, selected)', value: 'TreeNode_1_2', description: undefined },
			{ name: 'Mobile Voice and Data > Extra Data 5 GB (in basket, not selected)', value: 'TreeNode_1_4', description: '€5.00 per month' },
			{ name: 'Apple iPhone 15 128GB – HARDWARE (new)', value: '5001', description: 'Price €799.00' },
			{ name: 'Mobile Voice and Data – MOBILE (new)', value: '3098', description: 'Price €20.00' },
			{ name: 'Seed-style product (new)', value: '77', description: undefined },
		]);
		expect(log.requests.every((request) => request.query.sessionId === 'abc-123')).toBe(true);
	});

	test('basket characteristics: name, current value and possible values', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/contracting/basket', () => [
			200,
			{
				productTree: [],
				characteristics: {
					porting: { name: 'porting', value: 'false', possibleValues: [{ value: 'false' }, { value: 'true' }] },
					customerNumber: { name: 'customerNumber' },
				},
			},
		]);
		const options = await runLoadOptions({
			nodeType: node,
			method: 'getBasketCharacteristics',
			parameters: { sessionId: 'abc-123' },
			credentials: credentials(),
		});
		expect(options).toEqual([
			{ name: 'customerNumber', value: 'customerNumber', description: undefined },
			{ name: 'porting (now: false)', value: 'porting', description: 'Possible values: false, true' },
		]);
	});

	test('a URL as API Base Path is refused by the dropdowns too, before any request', async () => {
		const any = forbidAnyRequest();
		await expect(
			runListSearchPage({
				nodeType: node,
				method: 'searchSubscribers',
				parameters: { options: { basePath: 'https://evil.example/mobile' } },
				credentials: credentials(),
			}),
		).rejects.toThrow('API Base Path: "https://evil.example/mobile" is a URL');
		expect(any.isDone()).toBe(false);
	});

	test.each([[''], ['={{ $json.sessionId }}']])('basket lists need a fixed session id (got %j): no request', async (sessionId) => {
		const any = forbidAnyRequest();
		await expect(
			runLoadOptions({ nodeType: node, method: 'getBasketProducts', parameters: { sessionId }, credentials: credentials() }),
		).rejects.toThrow('Enter a fixed Session ID (from a Basket → Create run) to load this list');
		expect(any.isDone()).toBe(false);
	});
});

describe('KPN Mobile Service Management: secrets', () => {
	test('no client secret or token appears in outputs or errors', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/hierarchy/subscribers', subscriberRows(2));
		const ok = await runMsm(node, { resource: 'subscriber', operation: 'getAll', returnAll: true });
		nock.cleanAll();
		mockKpnTokens(MSM_TOKEN_PATH);
		nock(KPN_TEST_HOST).post(`${MSM_BASE}/contracting/basket/order`).query(true).times(2).reply(401, { fault: { faultstring: 'Invalid Access Token' } });
		const failed = await runMsm(node, { resource: 'basket', operation: 'order', sessionId: 's-1' });
		nock.cleanAll();
		nock(KPN_TEST_HOST).post(MSM_TOKEN_PATH).query(true).reply(401, { Error: `bad ${KPN_CLIENT_SECRET}` });
		const tokenFailed = await runMsm(node, { resource: 'subscriber', operation: 'get', subscriberId: '1' }, [{}], { continueOnFail: true });
		for (const result of [ok, failed, tokenFailed]) {
			const text = everyText({ items: result.items, error: result.error, run: result.run.data.resultData });
			expect(text).not.toContain(KPN_CLIENT_SECRET);
			expect(text).not.toMatch(/tok-\d/);
		}
		expect(failed.error?.httpCode).toBe('401');
		expect(tokenFailed.items[0].json.error).toBeDefined();
	});
});
