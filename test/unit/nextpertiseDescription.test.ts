// The Nextpertise node's UI is generated from the method catalogue: every method must be
// reachable, every documented top-level param must have a field of the same name, and the
// generated description must pass n8n's own checks (its lint rules and parameter resolution).
import type { INode, INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { DROPDOWNS } from '../../nodes/Nextpertise/description/overrides';
import { METHODS, PRODUCT_CLASSES } from '../../nodes/shared/nextpertise/catalogue';
import type { MethodSpec, ParamSpec } from '../../nodes/shared/nextpertise/catalogue';
import { placementOf, safeName, uiKind, userParams } from '../../nodes/shared/nextpertise/params/shape';
import { lintAsProjectFile } from '../harness/workerScripts';

const node = new Nextpertise();
const { properties } = node.description;

/** The properties n8n shows for one resource/operation with the given other values. */
function shownFor(method: Pick<MethodSpec, 'resource' | 'method'>, values: Record<string, unknown> = {}): INodeProperties[] {
	const nodeValues = { resource: method.resource, operation: method.method, jsonParameters: false, returnAll: false, onePage: false, ...values };
	return properties.filter((property) => {
		const show = property.displayOptions?.show ?? {};
		return Object.entries(show).every(([name, allowed]) => (allowed as unknown[]).includes(nodeValues[name as keyof typeof nodeValues]));
	});
}

function operationOptions(resource: string): INodePropertyOptions[] {
	const dropdowns = properties.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
	expect(dropdowns).toHaveLength(1);
	return dropdowns[0].options as INodePropertyOptions[];
}

function collectionOptions(property: INodeProperties | undefined): INodeProperties[] {
	return (property?.options ?? []) as INodeProperties[];
}

function groupValues(property: INodeProperties): INodeProperties[] {
	return ((property.options ?? []) as INodePropertyCollection[]).flatMap((group) => group.values);
}

describe('Nextpertise node: every catalogue method is reachable', () => {
	test('one resource option per product class, values as in the public contract', () => {
		const resource = properties.find((p) => p.name === 'resource')!;
		const values = (resource.options as INodePropertyOptions[]).map((option) => option.value).sort();
		expect(values).toEqual(
			['attachments', 'broadband', 'broadbandBasic', 'diagnostics', 'email', 'enduser', 'postcodes', 'support', 'user'].sort(),
		);
		expect(PRODUCT_CLASSES.map((productClass) => productClass.resource).sort()).toEqual(values);
		expect(resource.noDataExpression).toBe(true);
	});

	test('all 81 methods are operations of their resource, value = method name, readable names and actions', () => {
		expect(METHODS).toHaveLength(81);
		for (const method of METHODS) {
			const option = operationOptions(method.resource).find((candidate) => candidate.value === method.method);
			expect({ method: `${method.resource}.${method.method}`, name: option?.name, action: option?.action }).toEqual({
				method: `${method.resource}.${method.method}`,
				name: method.displayName,
				action: method.action,
			});
			// A description that only repeats the name is left out (n8n's rule).
			expect((option?.description ?? method.displayName).toLowerCase()).not.toBe('');
		}
		expect(operationOptions('broadband').find((o) => o.value === 'order_connection')?.name).toBe('Order Connection');
		expect(operationOptions('broadband').find((o) => o.value === 'order_connection')?.description).toBe(
			'Order a connection consisting of a carrier, one or more circuits and an SLA',
		);
	});

	test('no duplicate operation values within a resource, and every operation belongs to the catalogue', () => {
		for (const productClass of PRODUCT_CLASSES) {
			const values = operationOptions(productClass.resource).map((option) => option.value);
			expect(new Set(values).size).toBe(values.length);
			expect([...values].sort()).toEqual(
				METHODS.filter((method) => method.resource === productClass.resource)
					.map((method) => method.method)
					.sort(),
			);
		}
	});
});

describe('Nextpertise node: fields', () => {
	test('every top-level param of every method has a field of the same name (own field, Additional Fields or paging)', () => {
		let fieldCount = 0;
		for (const method of METHODS) {
			const shown = shownFor(method);
			const additional = collectionOptions(shown.find((p) => p.name === 'additionalFields')).map((option) => option.name);
			for (const param of method.params) {
				const where = placementOf(method, param);
				const id = `${method.resource}.${method.method}.${param.name}`;
				if (where === 'paging') {
					expect({ id, returnAll: shown.some((p) => p.name === 'returnAll') }).toEqual({ id, returnAll: true });
					expect({ id, field: shown.some((p) => p.name === param.name) }).toEqual({ id, field: false });
					continue;
				}
				fieldCount++;
				if (where === 'field') {
					const field = shown.find((p) => p.name === param.name);
					expect({ id, required: field?.required }).toEqual({ id, required: true });
				} else {
					expect({ id, inAdditionalFields: additional.includes(param.name) }).toEqual({ id, inAdditionalFields: true });
				}
			}
		}
		expect(fieldCount).toBeGreaterThan(150);
	});

	test('required params are own fields, optional ones are in Additional Fields (the upload file comes from binary)', () => {
		const order = shownFor({ resource: 'broadband', method: 'order_connection' });
		expect(order.filter((p) => p.required).map((p) => p.name).sort()).toEqual(['carrier', 'circuit', 'housenr', 'zipcode']);
		const upload = shownFor({ resource: 'attachments', method: 'upload' });
		expect(upload.find((p) => p.name === 'binaryPropertyName')?.default).toBe('data');
		expect(collectionOptions(upload.find((p) => p.name === 'additionalFields')).map((p) => p.name).sort()).toEqual(
			['context', 'customer_code', 'description', 'file', 'filename'].sort(),
		);
	});

	test('paginated methods have Return All / Limit (default 50) and no paging field; others do not', () => {
		for (const method of METHODS) {
			const shown = shownFor(method);
			expect({ method: method.method, returnAll: shown.some((p) => p.name === 'returnAll') }).toEqual({
				method: method.method,
				returnAll: method.paginated,
			});
			if (method.paginated) {
				const limit = shownFor(method, { returnAll: false }).find((p) => p.name === 'limit');
				expect(limit?.default).toBe(50);
				const additional = collectionOptions(shown.find((p) => p.name === 'additionalFields')).map((p) => p.name);
				expect(additional).not.toContain(method.paging!.param);
			}
		}
	});

	test('One Page: Page / Page Size (pagination) or Offset / Page Size (paging) with the document\'s limits, instead of Return All / Limit', () => {
		const tickets = shownFor({ resource: 'support', method: 'list_tickets' }, { onePage: true });
		expect(tickets.some((p) => p.name === 'returnAll' || p.name === 'limit')).toBe(false);
		const paged = (fields: INodeProperties[]) =>
			fields.filter((p) => ['page', 'offset', 'pageSize'].includes(p.name)).map((p) => [p.name, p.default, p.typeOptions?.minValue]);
		expect(paged(tickets)).toEqual([
			['page', 1, 1],
			['pageSize', 100, 0],
		]);
		expect(paged(shownFor({ resource: 'user', method: 'list_profiles' }, { onePage: true }))).toEqual([
			['offset', 0, 0],
			['pageSize', 100, 1],
		]);
		expect(shownFor({ resource: 'support', method: 'list_tickets' }).some((p) => p.name === 'page')).toBe(false);
		for (const method of METHODS) {
			expect({ method: method.method, onePage: shownFor(method).some((p) => p.name === 'onePage') }).toEqual({
				method: method.method,
				onePage: method.paginated,
			});
		}
	});

	test('shapes: circuit[] is a list of value groups, enduser a group, filters collections, tuples JSON', () => {
		const order = shownFor({ resource: 'broadband', method: 'order_connection' });
		const circuit = order.find((p) => p.name === 'circuit')!;
		expect(circuit.type).toBe('fixedCollection');
		expect(circuit.typeOptions?.multipleValues).toBe(true);
		const circuitValues = groupValues(circuit);
		expect(circuitValues.find((p) => p.name === 'circuit')?.required).toBe(true);
		const circuitOptional = collectionOptions(circuitValues.find((p) => p.name === 'additionalFields'));
		expect(circuitOptional.map((p) => p.name).sort()).toEqual(['tags', 'vci', 'vlan', 'vpi']);
		expect(circuitOptional.find((p) => p.name === 'tags')?.typeOptions?.multipleValues).toBe(true);

		const additional = collectionOptions(order.find((p) => p.name === 'additionalFields'));
		const enduser = additional.find((p) => p.name === 'enduser')!;
		expect(enduser.type).toBe('fixedCollection');
		expect(enduser.typeOptions?.multipleValues).toBe(false);
		expect(groupValues(enduser).map((p) => p.name)).toEqual(['uuid']);
		// A documented property name with a space gets a safe n8n name.
		const confirm = additional.find((p) => p.name === 'confirm')!;
		expect(confirm.type).toBe('collection');
		expect(collectionOptions(confirm).map((p) => [p.name, p.displayName])).toEqual([['Terminate_Voice', 'Terminate Voice']]);
		expect(additional.find((p) => p.name === 'cpe')?.typeOptions?.multipleValues).toBe(true);

		const zipcode = shownFor({ resource: 'broadband', method: 'zipcode' });
		const filter = collectionOptions(zipcode.find((p) => p.name === 'additionalFields')).find((p) => p.name === 'filter')!;
		expect(filter.type).toBe('collection');
		const provider = collectionOptions(filter).find((p) => p.name === 'provider')!;
		expect(provider.type).toBe('multiOptions');
		expect((provider.options as INodePropertyOptions[]).map((o) => o.value)).toContain('KPNWBA');

		const prices = shownFor({ resource: 'broadband', method: 'get_prices' }).find((p) => p.name === 'product_list')!;
		expect(prices.type).toBe('json');
		expect(prices.hint).toBe('Shape: [[0,0]]');
		const offer = shownFor({ resource: 'broadband', method: 'request_offer' }).find((p) => p.name === 'offer_request')!;
		expect(offer.type).toBe('fixedCollection');
		const offerOptional = collectionOptions(groupValues(offer).find((p) => p.name === 'additionalFields'));
		expect(offerOptional.find((p) => p.name === 'circuits')?.type).toBe('json');
		expect(offerOptional.find((p) => p.name === 'circuits')?.hint).toBe('Shape: [[{"upload":0,"download":0,"premium":false}]]');

		const enduserSet = shownFor({ resource: 'enduser', method: 'set_enduser' }).find((p) => p.name === 'enduser')!;
		expect(enduserSet.type).toBe('collection');
		const address = collectionOptions(enduserSet).find((p) => p.name === 'address')!;
		expect(address.type).toBe('fixedCollection');
		expect(groupValues(address).filter((p) => p.required).map((p) => p.name).sort()).toEqual(['housenr', 'zipcode']);
	});

	test('nesting deeper than two containers becomes a JSON field with the documented shape', () => {
		const deep: ParamSpec = {
			name: 'outer',
			type: 'object',
			required: false,
			description: '',
			properties: [
				{
					name: 'middle',
					type: 'object',
					required: false,
					description: '',
					properties: [{ name: 'inner', type: 'object', required: false, description: '', properties: [{ name: 'x', type: 'integer', required: false, description: '' }] }],
				},
			],
		};
		expect(uiKind(deep, 1)).toBe('collection');
		expect(uiKind(deep.properties![0], 2)).toBe('collection');
		expect(uiKind(deep.properties![0].properties![0], 3)).toBe('json');
		expect(safeName('Terminate Voice')).toBe('Terminate_Voice');
	});

	test('format hints and placeholders come from the catalogue regexes', () => {
		const order = shownFor({ resource: 'broadband', method: 'order_connection' });
		const zipcode = order.find((p) => p.name === 'zipcode')!;
		expect(zipcode.placeholder).toBe('2408ZE');
		expect(zipcode.hint).toBe('A Dutch postcode, e.g. 2408ZE');
		const phone = collectionOptions(order.find((p) => p.name === 'additionalFields')).find((p) => p.name === 'contact_phonenumber');
		expect(phone?.hint).toBe('A Dutch national phone number, e.g. 0101234567');
		const password = shownFor({ resource: 'email', method: 'update_password' }).find((p) => p.name === 'password');
		expect(password?.typeOptions?.password).toBe(true);
	});

	test('Parameters as JSON: a switch per method with params; the generated fields hide when it is on', () => {
		for (const method of METHODS) {
			const hasParams = userParams(method).length > 0;
			const off = shownFor(method, { jsonParameters: false });
			const on = shownFor(method, { jsonParameters: true });
			expect({ method: method.method, switch: off.some((p) => p.name === 'jsonParameters') }).toEqual({ method: method.method, switch: hasParams });
			if (!hasParams) continue;
			expect(on.some((p) => p.name === 'parametersJson')).toBe(true);
			expect(off.some((p) => p.name === 'parametersJson')).toBe(false);
			for (const param of userParams(method)) expect(on.some((p) => p.name === param.name)).toBe(false);
			expect(on.some((p) => p.name === 'additionalFields')).toBe(false);
			expect(on.some((p) => p.name === 'returnAll')).toBe(method.paginated);
		}
		const json = shownFor({ resource: 'broadband', method: 'set_tags' }, { jsonParameters: true }).find((p) => p.name === 'parametersJson');
		expect(json?.hint).toBe('Example: {"nid":"2408ZE000100201","tags":["office","data"]}');
	});

	test('dropdowns from the API are options fields with a loadOptions method the node has', () => {
		const loadOptions = node.methods.loadOptions as Record<string, unknown>;
		const find = (path: string): INodeProperties | undefined => {
			const [resource, method, ...rest] = path.split('.');
			let candidates = shownFor({ resource: resource as MethodSpec['resource'], method });
			candidates = [...candidates, ...collectionOptions(candidates.find((p) => p.name === 'additionalFields'))];
			let found = candidates.find((p) => p.name === rest[0]);
			for (const name of rest.slice(1)) {
				const inside: INodeProperties[] = found?.type === 'collection' ? collectionOptions(found) : groupValues(found!);
				const all = [...inside, ...collectionOptions(inside.find((p) => p.name === 'additionalFields'))];
				found = all.find((p) => p.name === name);
			}
			return found;
		};
		for (const [path, override] of Object.entries(DROPDOWNS)) {
			const field = find(path);
			expect({ path, type: field?.type, method: field?.typeOptions?.loadOptionsMethod }).toEqual({
				path,
				type: 'options',
				method: override.loadOptionsMethod,
			});
			expect(typeof loadOptions[override.loadOptionsMethod]).toBe('function');
			expect(field?.displayName).toMatch(/ Name or ID$/);
		}
	});
});

describe("Nextpertise node: n8n's own checks", () => {
	const n8nNode: INode = {
		id: '1',
		name: 'Nextpertise',
		type: 'n8n-nodes-kpn-nextpertise.nextpertise',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	test('n8n resolves the parameters of every operation (defaults, display options, duplicates)', () => {
		for (const method of METHODS) {
			const parameters = NodeHelpers.getNodeParameters(
				properties,
				{ resource: method.resource, operation: method.method },
				true,
				false,
				n8nNode,
				node.description,
			);
			expect(parameters?.operation).toBe(method.method);
			for (const param of userParams(method)) {
				if (placementOf(method, param) === 'field') expect(parameters).toHaveProperty(param.name);
			}
			if (method.paginated) expect(parameters).toMatchObject({ returnAll: false, limit: 50 });
		}
	});

	test('description basics: name, credentials, usableAsTool, icons, codex', () => {
		expect(node.description).toMatchObject({
			name: 'nextpertise',
			displayName: 'Nextpertise',
			usableAsTool: true,
			credentials: [{ name: 'nextpertiseApi', required: true }],
			icon: { light: 'file:../../icons/nextpertise.svg', dark: 'file:../../icons/nextpertise.dark.svg' },
		});
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const codex = require('../../nodes/Nextpertise/Nextpertise.node.json') as { node: string };
		expect(codex.node).toBe('n8n-nodes-kpn-nextpertise.nextpertise');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const pkg = require('../../package.json') as { n8n: { nodes: string[] } };
		expect(pkg.n8n.nodes).toContain('dist/nodes/Nextpertise/Nextpertise.node.js');
	});

	test("the generated properties pass n8n's lint rules as if they were written out by hand", async () => {
		const literal = JSON.stringify(properties, null, '\t').replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, '$1$2:');
		const source = `import type { INodeProperties } from 'n8n-workflow';\n\nexport const properties: INodeProperties[] = ${literal};\n`;
		const messages = await lintAsProjectFile(source, 'nodes/Nextpertise/description/fieldsAsWritten.ts');
		const lines = source.split('\n');
		expect(messages.map((m) => `${m.ruleId}: ${m.message} @ ${lines[m.line - 1]?.trim()}`)).toEqual([]);
	}, 120_000);
});
