import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { KpnDisturbance } from '../../nodes/KpnDisturbance/KpnDisturbance.node';
import { KpnDisturbanceTrigger } from '../../nodes/KpnDisturbance/KpnDisturbanceTrigger.node';
import { KpnIncident } from '../../nodes/KpnIncident/KpnIncident.node';
import { KpnIncidentTrigger } from '../../nodes/KpnIncident/KpnIncidentTrigger.node';

const property = (description: INodeTypeDescription, name: string, operation?: string) =>
	description.properties.find(
		(p) => p.name === name && (!operation || (p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation)),
	) as INodeProperties;
const values = (p: INodeProperties) => (p.options as INodePropertyOptions[]).map((o) => o.value);

describe('public contract of the Incident and Disturbance nodes (names saved workflows depend on)', () => {
	test('kpnIncident: resource incident → create, comment, close, reopen, get, getAll', () => {
		const { description } = new KpnIncident();
		expect(description.name).toBe('kpnIncident');
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'kpnApi', required: true }]);
		expect(values(property(description, 'resource'))).toEqual(['incident']);
		expect(values(property(description, 'operation')).sort()).toEqual(['close', 'comment', 'create', 'get', 'getAll', 'reopen']);
	});

	test('kpnIncident fields: create needs reference, short description and CI; updates need a ticket number', () => {
		const { description } = new KpnIncident();
		for (const name of ['referenceNumber', 'shortDescription', 'ci']) expect(property(description, name, 'create').required).toBe(true);
		expect(property(description, 'referenceNumber', 'create').default).toMatch(/^=\{\{.*\$execution\.id.*\}\}$/);
		expect(property(description, 'ci', 'create').modes?.map((mode) => mode.name)).toEqual(['list', 'name']);
		for (const operation of ['comment', 'close', 'reopen', 'get']) {
			expect(property(description, 'ticketNumber', operation).required).toBe(true);
		}
		expect(property(description, 'limit', 'getAll')).toMatchObject({ default: 50, typeOptions: { minValue: 1 } });
		const options = property(description, 'options', 'get').options as INodeProperties[];
		expect(options.map((o) => [o.name, o.default])).toEqual([['basePath', '/network/kpn/incident'], ['parallelRequests', 50], ['timeout', 60]]);
	});

	test('kpnDisturbance: resource disturbance → getAll with filter state', () => {
		const { description } = new KpnDisturbance();
		expect(description.name).toBe('kpnDisturbance');
		expect(description.usableAsTool).toBe(true);
		expect(values(property(description, 'resource'))).toEqual(['disturbance']);
		expect(values(property(description, 'operation'))).toEqual(['getAll']);
		expect(values(property(description, 'state'))).toEqual(['all', 'closed', 'custom', 'open', 'planned']);
		expect(property(description, 'state').default).toBe('open');
		expect(property(description, 'simplify').default).toBe(true);
		const options = property(description, 'options').options as INodeProperties[];
		expect(options.map((o) => [o.name, o.default])).toEqual([['basePath', '/network/kpn/disturbance-detector'], ['parallelRequests', 50], ['timeout', 60]]);
	});

	test.each([
		[new KpnDisturbanceTrigger().description, 'kpnDisturbanceTrigger', ['new']],
		[new KpnIncidentTrigger().description, 'kpnIncidentTrigger', ['new', 'stateChanged']],
	])('%#: polling triggers with events and Include Existing', (description, name, defaultEvents) => {
		expect(description.name).toBe(name);
		expect(description.polling).toBe(true);
		expect(description.inputs).toEqual([]);
		expect(description.group).toEqual(['trigger']);
		expect(property(description, 'events').default).toEqual(defaultEvents);
		const options = (property(description, 'options').options as INodeProperties[]).map((o) => o.name);
		expect(options).toContain('includeExisting');
		expect(options).toContain('basePath');
	});
});
