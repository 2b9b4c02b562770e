// zipcode()'s Simplify: the document's zipcode replies (broadband and broadband/basic) summed up
// per address, its field (node version 1.1 on, default on), and version 1 keeping the full reply.
import nock from 'nock';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { simplifyZipcode } from '../../nodes/Nextpertise/actions/simplify';
import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { NEXTPERTISE_TEST_HOST, nextpertiseCredentialStore } from '../harness/nextpertiseCredentials';
import { runNode } from '../harness/runNode';
import repliesJson from '../sandbox/fixtures/nextpertise-replies.json';

const REPLIES = repliesJson as unknown as Record<string, Array<{ title?: string; result: unknown }>>;
const documented = (key: string, title: string) => structuredClone(REPLIES[key].find((example) => example.title === title)!.result) as IDataObject;
const ALL = 'Fetch data for all providers at once';
const node = new Nextpertise();

const WAUWAU = { provider: 'WAUWAU', code: null, message: expect.stringMatching(/^This request could did not complete/) };
const NDIX = { provider: 'NDIX', code: null, message: 'limit reached for current timespan' };
const ZIGGO = { provider: 'ZIGGO', code: null, message: expect.stringMatching(/^This request could did not complete/) };
const ADDRESS = { zipcode: '2408ZE', housenr: 10, housenrext: '', street: 'Zuidpoolsingel', city: 'Alphen aan den Rijn' };

describe('zipcode Simplify: the compact summary', () => {
	test('broadband: per provider the technologies, highest speeds, carrier products and SLAs; errors and comments', () => {
		const reply = documented('broadband/zipcode', ALL);
		const simple = simplifyZipcode(reply);
		expect(simple.address).toEqual(ADDRESS);
		expect(simple.available).toEqual(['EUROFIBER', 'KPNWBA', 'KPNWEAS', 'TELE2']);
		const kpn = (simple.providers as IDataObject[]).find((provider) => provider.provider === 'KPNWBA')!;
		expect(kpn).toEqual({
			provider: 'KPNWBA',
			technologies: ['Fiber (GoF)'],
			maxDownloadKbps: 1000000,
			maxUploadKbps: 1000000,
			carriers: [{ productId: 636, name: 'GoF (non-shared line, FMIGRATE, ZTL)', technology: 'Fiber (GoF)', downloadKbps: 1000000, uploadKbps: 1000000 }],
			slas: ['Best Effort', '24x7', 'Office hours'],
		});
		expect(simple.errors).toEqual([WAUWAU, NDIX, ZIGGO]);
		expect(simple.hasErrors).toBe(true);
		expect(simple.comments).toEqual([{ provider: 'KPNWBA', message: 'No infra match in KANVAS, but match in CENDRIS' }]);
		// The whole reply is ~35 KB (every circuit product of every provider); the summary a small part of it.
		expect(JSON.stringify(simple).length).toBeLessThan(JSON.stringify(reply).length / 10);
		expect(JSON.stringify(simple).length).toBeLessThan(3000);
	});

	test('broadband basic: technologies and speeds per provider, an empty provider listed as nothing available', () => {
		const simple = simplifyZipcode(documented('broadband/basic/zipcode', ALL));
		expect(simple.address).toEqual(ADDRESS);
		expect(simple.available).toEqual(['EUROFIBER', 'KPNWBA', 'KPNWEAS', 'TELE2']);
		const providers = simple.providers as IDataObject[];
		expect(providers.map((provider) => provider.provider)).toEqual(['EUROFIBER', 'KPNWBA', 'KPNWEAS', 'NDIX', 'TELE2', 'FOREFREEDOM']);
		expect(providers[1]).toEqual({ provider: 'KPNWBA', technologies: ['Fiber (GoF)'], maxDownloadKbps: 1000000, maxUploadKbps: 1000000, carriers: [], slas: [] });
		expect(providers[3]).toEqual({ provider: 'NDIX', technologies: [], maxDownloadKbps: null, maxUploadKbps: null, carriers: [], slas: [] });
		expect(simple.errors).toEqual([WAUWAU, NDIX, ZIGGO]);
	});

	test('a reply without the expected keys gives an empty summary, not an error', () => {
		expect(simplifyZipcode(null)).toEqual({ address: null, providers: [], available: [], errors: [], hasErrors: false, comments: [] });
	});
});

describe('zipcode Simplify: the field and the node', () => {
	const field = node.description.properties.find((property) => property.name === 'simple') as INodeProperties;

	test("n8n's Simplify field, default on, only for zipcode from node version 1.1", () => {
		expect(node.description.version).toEqual([1, 1.1]);
		expect(node.description.defaultVersion).toBe(1.1);
		expect(field).toMatchObject({ displayName: 'Simplify', type: 'boolean', default: true });
		expect(field.displayOptions?.show).toEqual({ resource: ['broadband', 'broadbandBasic'], operation: ['zipcode'], '@version': [{ _cnd: { gte: 1.1 } }] });
	});

	const run = async (typeVersion: number, parameters: IDataObject) => {
		const reply = documented('broadband/zipcode', ALL);
		nock(NEXTPERTISE_TEST_HOST)
			.post('/broadband/v1')
			.reply(200, (_uri, body) => ({ jsonrpc: '2.0', id: (body as { id: number }).id, result: reply }));
		const result = await runNode({
			nodeType: node,
			parameters: { resource: 'broadband', operation: 'zipcode', zipcode: '2408ZE', housenr: 10, ...parameters } as never,
			credentials: nextpertiseCredentialStore(),
			typeVersion,
		});
		expect(result.error).toBeUndefined();
		return result.items.map((item) => item.json);
	};

	test('version 1.1: the summary by default, the full reply with Simplify off', async () => {
		const [simple] = await run(1.1, {});
		expect(Object.keys(simple)).toEqual(['address', 'providers', 'available', 'errors', 'hasErrors', 'comments']);
		const [full] = await run(1.1, { simple: false });
		expect(Object.keys(full.available as IDataObject)).toEqual(['EUROFIBER', 'KPNWBA', 'KPNWEAS', 'TELE2']);
		expect(full.hasErrors).toBe(true);
	});

	test('version 1 (existing workflows): the full reply, as before', async () => {
		const [full] = await run(1, {});
		expect(full.pricing).toEqual({});
		expect((full.available as IDataObject).KPNWBA).toHaveProperty('EVC');
	});
});
