import type { IDataObject, INodeType } from 'n8n-workflow';

import { KpnDisturbance } from '../../nodes/KpnDisturbance/KpnDisturbance.node';
import { KpnDisturbanceTrigger } from '../../nodes/KpnDisturbance/KpnDisturbanceTrigger.node';
import { KpnIncident } from '../../nodes/KpnIncident/KpnIncident.node';
import { KpnIncidentTrigger } from '../../nodes/KpnIncident/KpnIncidentTrigger.node';
import { memoryFile, withBinaryInput } from '../harness/binaryItems';
import { runNode } from '../harness/runNode';
import { useSandbox } from '../harness/sandboxSuite';
import { runPoll } from '../harness/runPoll';

// The Incident and Disturbance nodes and triggers against the sandbox, which validates requests
// the way KPN documents them and keeps state between calls.
const suite = useSandbox();
const credentials = suite.credentials;
const calls = (path: string) => suite.sandbox().log.filter((entry) => entry.path.endsWith(path));

async function incident(operation: string, parameters: Record<string, unknown>, nodeType: INodeType = new KpnIncident()) {
	return await runNode({
		nodeType,
		parameters: { resource: 'incident', operation, ...parameters } as never,
		credentials: credentials(),
	});
}

async function setIncidentState(ticket: string, fields: IDataObject): Promise<void> {
	const response = await fetch(`${suite.sandbox().url}/__sandbox/incidents/${ticket}`, {
		method: 'PATCH',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(fields),
	});
	expect(response.status).toBe(200);
}

test('an incident\'s life: create with an attachment, comment, resolve (at KPN), close, reopen, get', async () => {
	const nodeType = withBinaryInput(new KpnIncident(), [{ data: memoryFile('modem log', 'modem.log', 'text/plain') }]);
	const created = await incident(
		'create',
		{
			referenceNumber: 'ABC1234',
			shortDescription: 'Line down',
			ci: { __rl: true, mode: 'name', value: 'ESB BIZTALK KPN' },
			description: 'No sync since 08:00',
			additionalFields: { attachments: 'data', service: 'Internet' },
		},
		nodeType,
	);
	expect(created.error).toBeUndefined();
	expect(created.items[0].json).toMatchObject({ state: 'inserted', ticket_number: 'INC0010001', reference_number: 'ABC1234' });

	const commented = await incident('comment', { ticketNumber: 'INC0010001', referenceNumber: 'ABC1234', comment: 'Still down' });
	expect(commented.error).toBeUndefined();
	expect(commented.items[0].json).toMatchObject({ state: 'updated', ticket_number: 'INC0010001' });

	await setIncidentState('INC0010001', { state: 'Resolved', solution: 'Modem replaced' });
	expect((await incident('close', { ticketNumber: 'INC0010001', referenceNumber: 'ABC1234' })).error).toBeUndefined();
	const closedAgain = await incident('close', { ticketNumber: 'INC0010001', referenceNumber: 'ABC1234' });
	expect(closedAgain.error?.message).toBe('KPN: Incident INC0010001 is already closed — Only an active incident can be closed');
	expect(calls('/UpdateIncident')).toHaveLength(3);

	expect((await incident('reopen', { ticketNumber: 'INC0010001', referenceNumber: 'ABC1234', comment: 'Down again' })).error).toBeUndefined();
	const got = await incident('get', { ticketNumber: 'INC0010001' });
	expect(got.error).toBeUndefined();
	expect(got.items[0].json).toMatchObject({
		ticket_number: 'INC0010001',
		state: 'In Progress',
		ci: 'ESB BIZTALK KPN',
		customer_service: 'Internet',
		attachments: [{ name: 'modem.log', size_bytes: 9 }],
		comments: [{ comment: 'Still down' }, { comment: 'Down again' }],
	});
	const active = await incident('getAll', { returnAll: true });
	expect(active.items.map((item) => item.json.ticket_number)).toEqual(['INC0010001']);
});

test('a wrong ticket number is KPN\'s 404, and a 503 on create is not repeated', async () => {
	const missing = await incident('get', { ticketNumber: 'INC9999999' });
	expect(missing.error?.httpCode).toBe('404');
	expect(missing.error?.message).toBe('KPN: Incident INC9999999 not found — Check the ticket number');

	suite.sandbox().faults.failNext(1, { status: 503 }, { pathIncludes: '/NewIncident' });
	const failed = await incident('create', { referenceNumber: 'R1', shortDescription: 'S', ci: 'C' });
	expect(failed.error?.httpCode).toBe('503');
	expect(calls('/NewIncident').map((entry) => entry.status)).toEqual([503]);
});

test('disturbances: open ones by default, all with a region filter, simplified', async () => {
	const run = async (parameters: Record<string, unknown>) =>
		await runNode({
			nodeType: new KpnDisturbance(),
			parameters: { resource: 'disturbance', operation: 'getAll', ...parameters } as never,
			credentials: credentials(),
		});
	const open = await run({ returnAll: true });
	expect(open.error).toBeUndefined();
	expect(open.items).toHaveLength(10);
	expect(open.items.every((item) => item.json.state === 'open')).toBe(true);
	expect(Object.keys(open.items[0].json)).not.toContain('long_description');
	const utrecht = await run({ state: 'all', returnAll: true, filters: { region: 'utrecht' }, simplify: false });
	expect(utrecht.items.length).toBeGreaterThan(0);
	expect(utrecht.items.every((item) => item.json.region === 'Utrecht' && 'long_description' in item.json)).toBe(true);
	const unknownState = await run({ state: 'custom', customState: 'gone' });
	expect(unknownState.error?.message).toContain('KPN: Invalid state: gone');
});

test('the disturbance trigger over three polls: baseline, then a new one and a closed one, then nothing', async () => {
	const store = credentials();
	const nodeType = new KpnDisturbanceTrigger();
	const parameters = { state: 'all', events: ['new', 'stateChanged'] } as never;
	const first = await runPoll({ nodeType, parameters, credentials: store });
	expect(first.error).toBeUndefined();
	expect(first.result).toBeNull();

	suite.sandbox().setDisturbances([{ id: 1201, state: 'closed' }, { id: 1300, region: 'Woerden', state: 'open' }]);
	const second = await runPoll({ nodeType, parameters, credentials: store, staticData: first.staticData });
	expect(second.error).toBeUndefined();
	expect(second.items.map((item) => [item.json.id, item.json.event, item.json.previous_state])).toEqual([
		[1201, 'stateChanged', 'open'],
		[1300, 'new', null],
	]);

	const third = await runPoll({ nodeType, parameters, credentials: store, staticData: second.staticData });
	expect(third.result).toBeNull();
	expect(calls('/accesstoken')).toHaveLength(1);
});

test('the incident trigger sees a new incident, its state change and its closing', async () => {
	const store = credentials();
	const nodeType = new KpnIncidentTrigger();
	const poll = async (staticData: IDataObject) => await runPoll({ nodeType, parameters: {}, credentials: store, staticData });
	let last = await poll({});
	expect(last.result).toBeNull();

	await incident('create', { referenceNumber: 'R1', shortDescription: 'S', ci: 'C' });
	last = await poll(last.staticData);
	expect(last.items.map((item) => [item.json.ticket_number, item.json.event, item.json.state])).toEqual([['INC0010001', 'new', 'New']]);

	await setIncidentState('INC0010001', { state: 'Resolved' });
	last = await poll(last.staticData);
	expect(last.items.map((item) => [item.json.event, item.json.previous_state, item.json.state])).toEqual([['stateChanged', 'New', 'Resolved']]);

	await incident('close', { ticketNumber: 'INC0010001', referenceNumber: 'R1' });
	last = await poll(last.staticData);
	expect(last.items.map((item) => [item.json.event, item.json.previous_state, item.json.state, item.json.close_code])).toEqual([
		['stateChanged', 'Resolved', 'Closed', 'Closed by caller'],
	]);
	expect((await poll(last.staticData)).result).toBeNull();

	const manual = await runPoll({ nodeType, parameters: {}, credentials: store, mode: 'manual' });
	expect(manual.error?.message).toBe('You have no active KPN incidents, so there is no test event');
});
