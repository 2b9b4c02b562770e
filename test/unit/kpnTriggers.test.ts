import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { KpnDisturbanceTrigger } from '../../nodes/KpnDisturbance/KpnDisturbanceTrigger.node';
import { diff, MAX_ENTRIES, RETAIN_MS, type TrackerState } from '../../nodes/shared/polling/changeTracker';
import { KpnIncidentTrigger } from '../../nodes/KpnIncident/KpnIncidentTrigger.node';
import { kpnCredentialStore, KPN_CLIENT_SECRET, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { everyText, mockKpnTokens } from '../harness/kpnNock';
import { runPoll, type PollRun } from '../harness/runPoll';

const FAILURES = '/network/kpn/disturbance-detector/failures';
const INCIDENT = '/network/kpn/incident';

const disturbance = (id: number, state = 'open', overrides: IDataObject = {}): IDataObject => ({
	id,
	type: 'geographical-broadband',
	cause: 'disturbance',
	state,
	region: 'Woerden',
	description: null,
	created_at: `2025-06-0${(id % 9) + 1}T10:00:00Z`,
	start_date: `2025-06-0${(id % 9) + 1}T10:00:00Z`,
	...overrides,
});

/** GET /failures answers with whatever `current` holds at the time of the call. */
function disturbanceApi(initial: IDataObject[]) {
	const api = { current: initial, calls: [] as string[] };
	nock(KPN_TEST_HOST)
		.persist()
		.get(FAILURES)
		.query(true)
		.reply((uri) => {
			api.calls.push(new URL(uri, KPN_TEST_HOST).searchParams.get('state') ?? '');
			return [200, api.current as never];
		});
	return api;
}

/** Polls like an active workflow: the static data of one poll is handed to the next, as JSON. */
function poller(nodeType: KpnDisturbanceTrigger | KpnIncidentTrigger, parameters: Record<string, unknown>) {
	const credentials = kpnCredentialStore();
	let staticData: IDataObject = {};
	return {
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollRun> {
			const run = await runPoll({ nodeType, parameters: parameters as never, credentials, staticData, mode });
			if (mode === 'trigger') staticData = run.staticData;
			return run;
		},
		get staticData() {
			return staticData;
		},
	};
}

const events = (run: PollRun) => run.items.map((item) => [item.json.id ?? item.json.ticket_number, item.json.event, item.json.previous_state]);

beforeEach(() => {
	mockKpnTokens();
});

describe('KPN Disturbance Trigger', () => {
	const trigger = new KpnDisturbanceTrigger();

	test('three polls: baseline without flood, a new disturbance fires once, then nothing', async () => {
		const api = disturbanceApi([disturbance(1), disturbance(2)]);
		const polls = poller(trigger, { state: 'all' });

		const first = await polls.poll();
		expect(first.error).toBeUndefined();
		expect(first.result).toBeNull();
		expect(polls.staticData['node:Node Under Test']).toMatchObject({ tracker: { version: 1, seen: { 1: ['open', expect.any(Number)], 2: ['open', expect.any(Number)] } } });

		api.current = [disturbance(1), disturbance(2), disturbance(3)];
		const second = await polls.poll();
		expect(second.error).toBeUndefined();
		expect(second.items).toEqual([{ json: { ...disturbance(3), event: 'new', previous_state: null } }]);

		const third = await polls.poll();
		expect(third.error).toBeUndefined();
		expect(third.result).toBeNull();
		expect(api.calls).toEqual(['all', 'all', 'all']);
	});

	test('state changes fire only when chosen, with the previous state', async () => {
		const api = disturbanceApi([disturbance(1), disturbance(2)]);
		const onlyNew = poller(trigger, { state: 'all' });
		const withChanges = poller(trigger, { state: 'all', events: ['new', 'stateChanged'] });
		await onlyNew.poll();
		await withChanges.poll();

		api.current = [disturbance(1, 'closed'), disturbance(2), disturbance(4)];
		expect(events(await onlyNew.poll())).toEqual([[4, 'new', null]]);
		expect(events(await withChanges.poll())).toEqual([
			[1, 'stateChanged', 'open'],
			[4, 'new', null],
		]);

		api.current = [disturbance(1, 'closed'), disturbance(2, 'closed'), disturbance(4)];
		expect(events(await withChanges.poll())).toEqual([[2, 'stateChanged', 'open']]);
		expect((await withChanges.poll()).result).toBeNull();
	});

	test('Include Existing: the first poll outputs what matches, later polls only changes', async () => {
		const api = disturbanceApi([disturbance(1), disturbance(2, 'open', { region: 'Utrecht' }), disturbance(3)]);
		const polls = poller(trigger, { state: 'open', options: { includeExisting: true }, filters: { region: 'woerden' } });
		expect(events(await polls.poll())).toEqual([
			[1, 'new', null],
			[3, 'new', null],
		]);
		expect((await polls.poll()).result).toBeNull();
		api.current = [...api.current, disturbance(5, 'open', { region: 'Utrecht' }), disturbance(6)];
		expect(events(await polls.poll())).toEqual([[6, 'new', null]]);
		expect(api.calls).toEqual(['open', 'open', 'open']);
	});

	test('a disturbance that leaves the list and comes back is not new again', async () => {
		const api = disturbanceApi([disturbance(1), disturbance(2)]);
		const polls = poller(trigger, { state: 'open', events: ['new', 'stateChanged'] });
		await polls.poll();
		api.current = [disturbance(2)];
		expect((await polls.poll()).result).toBeNull();
		api.current = [disturbance(1), disturbance(2)];
		expect((await polls.poll()).result).toBeNull();
		api.current = [];
		expect((await polls.poll()).result).toBeNull();
		api.current = [disturbance(1), disturbance(2), disturbance(7)];
		expect(events(await polls.poll())).toEqual([[7, 'new', null]]);
	});

	test('changing the State setting starts a new baseline instead of firing for everything', async () => {
		disturbanceApi([disturbance(1), disturbance(2, 'closed')]);
		const credentials = kpnCredentialStore();
		const first = await runPoll({ nodeType: trigger, parameters: { state: 'open' }, credentials });
		const switched = await runPoll({ nodeType: trigger, parameters: { state: 'all' }, credentials, staticData: first.staticData });
		expect(switched.error).toBeUndefined();
		expect(switched.result).toBeNull();
	});

	test('manual mode ("Fetch Test Event") returns the newest matching disturbance and keeps no state', async () => {
		disturbanceApi([disturbance(1), disturbance(5), disturbance(3), disturbance(4, 'open', { region: 'Utrecht' })]);
		const polls = poller(trigger, { state: 'all', filters: { region: 'Woerden' } });
		const manual = await polls.poll('manual');
		expect(manual.error).toBeUndefined();
		expect(manual.items).toEqual([{ json: { ...disturbance(5), event: 'new', previous_state: null } }]);
		expect(manual.staticData).toEqual({});
	});

	test('manual mode with nothing to show says so', async () => {
		disturbanceApi([]);
		const manual = await poller(trigger, { state: 'open' }).poll('manual');
		expect(manual.error?.message).toBe('KPN reports no disturbances with state "open" that match the filters');
	});

	test('a failed poll is reported and leaves the static data as it was', async () => {
		const api = disturbanceApi([disturbance(1)]);
		const polls = poller(trigger, { state: 'all' });
		await polls.poll();
		const before = JSON.stringify(polls.staticData);
		nock.cleanAll();
		mockKpnTokens();
		// A read: a 500 is tried 3 times in all before the poll fails.
		nock(KPN_TEST_HOST)
			.get(FAILURES)
			.query(true)
			.times(3)
			.reply(500, { errorResponse: { code: '500', message: 'internal server error' } }, { 'Retry-After': '0' });
		const failed = await polls.poll();
		expect(failed.error?.message).toBe('KPN: internal server error');
		expect(failed.error?.httpCode).toBe('500');
		expect(JSON.stringify(polls.staticData)).toBe(before);
		expect(api.calls).toHaveLength(1);
	});

	test('a 503 during a poll is retried', async () => {
		nock(KPN_TEST_HOST).get(FAILURES).query(true).reply(503, {}, { 'Retry-After': '0' });
		disturbanceApi([disturbance(1)]);
		const run = await poller(trigger, { state: 'all', options: { includeExisting: true } }).poll();
		expect(run.error).toBeUndefined();
		expect(events(run)).toEqual([[1, 'new', null]]);
	});

	test.each([
		[{ state: 'custom', customState: '' }, 'Custom State is empty'],
		[{ events: [] }, 'Trigger On is empty: choose New Disturbance, State Change or both'],
		[{ options: { basePath: 'http://example.com/x' } }, 'API Base Path: "http://example.com/x" is a URL'],
	])('bad settings %j are refused before any request', async (parameters, message) => {
		nock.cleanAll();
		const any = nock(KPN_TEST_HOST).persist().get(/.*/).reply(500, {}).post(/.*/).reply(500, {});
		const run = await poller(trigger, { state: 'all', ...parameters }).poll();
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toContain(message);
		expect(any.isDone()).toBe(false);
	});

	test('the description follows n8n trigger conventions', () => {
		const { description } = trigger;
		expect(description.name).toBe('kpnDisturbanceTrigger');
		expect(description.polling).toBe(true);
		expect(description.inputs).toEqual([]);
		expect(description.usableAsTool).toBeUndefined();
	});
});

describe('KPN Incident Trigger', () => {
	const trigger = new KpnIncidentTrigger();
	const incident = (n: number, state = 'New'): IDataObject => ({
		reference_number: `REF${n}`,
		short_description: `Problem ${n}`,
		state,
		ticket_number: `INC001000${n}`,
	});

	/** GetActiveIncidents answers with `active`; GetIncident with `details` (404 when absent). */
	function incidentApi(active: IDataObject[]) {
		const api = { active, details: {} as Record<string, IDataObject>, lookups: [] as string[] };
		nock(KPN_TEST_HOST)
			.persist()
			.get(`${INCIDENT}/GetActiveIncidents`)
			.reply(() => [200, { result: api.active }])
			.get(/\/network\/kpn\/incident\/GetIncident\/.+/)
			.reply((uri) => {
				const ticket = decodeURIComponent(uri.split('/').pop()!);
				api.lookups.push(ticket);
				const found = api.details[ticket];
				return found ? [200, { result: found }] : [404, { errorResponse: { code: '404', message: `Incident ${ticket} not found` } }];
			});
		return api;
	}

	test('three polls: baseline, a new incident and a state change, then nothing', async () => {
		const api = incidentApi([incident(1), incident(2)]);
		const polls = poller(trigger, {});
		expect((await polls.poll()).result).toBeNull();

		api.active = [incident(1, 'In Progress'), incident(2), incident(3)];
		const second = await polls.poll();
		expect(second.error).toBeUndefined();
		expect(second.items.map((item) => item.json)).toEqual([
			{ ...incident(1, 'In Progress'), event: 'stateChanged', previous_state: 'New' },
			{ ...incident(3), event: 'new', previous_state: null },
		]);

		const third = await polls.poll();
		expect(third.result).toBeNull();
		expect(api.lookups).toEqual([]);
	});

	test('an incident that leaves the active list is looked up and fires with its new state', async () => {
		const api = incidentApi([incident(1, 'Resolved'), incident(2)]);
		const polls = poller(trigger, {});
		await polls.poll();
		api.active = [incident(2)];
		api.details.INC0010001 = { ...incident(1, 'Closed'), close_code: 'Closed by caller', solution: 'Modem replaced' };
		const run = await polls.poll();
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json)).toEqual([
			{ ...api.details.INC0010001, event: 'stateChanged', previous_state: 'Resolved' },
		]);
		expect(api.lookups).toEqual(['INC0010001']);
		expect((await polls.poll()).result).toBeNull();
		expect(api.lookups).toEqual(['INC0010001']);

		// Reopened at KPN: back in the list, with another state than the one remembered.
		api.active = [incident(1, 'In Progress'), incident(2)];
		expect(events(await polls.poll())).toEqual([['INC0010001', 'stateChanged', 'Closed']]);
	});

	test('an incident KPN no longer knows (404) fires once with state null', async () => {
		const api = incidentApi([incident(1), incident(2)]);
		const polls = poller(trigger, {});
		await polls.poll();
		api.active = [incident(2)];
		const run = await polls.poll();
		expect(run.items.map((item) => item.json)).toEqual([
			{ ticket_number: 'INC0010001', state: null, note: 'KPN no longer returns this incident', event: 'stateChanged', previous_state: 'New' },
		]);
		expect((await polls.poll()).result).toBeNull();
	});

	test('a failed look-up fails the poll and nothing is lost: the next poll reports the change', async () => {
		const api = incidentApi([incident(1, 'Resolved')]);
		const polls = poller(trigger, {});
		await polls.poll();
		api.active = [];
		// Replace the API by one whose GetIncident fails once.
		nock.cleanAll();
		mockKpnTokens();
		nock(KPN_TEST_HOST).get(`${INCIDENT}/GetActiveIncidents`).reply(200, { result: [] });
		nock(KPN_TEST_HOST)
			.get(`${INCIDENT}/GetIncident/INC0010001`)
			.times(3)
			.reply(500, { errorResponse: { code: '500', message: 'internal server error' } }, { 'Retry-After': '0' });
		const failed = await polls.poll();
		expect(failed.error?.message).toBe('KPN: internal server error');
		expect(failed.error?.description).toContain('Looking up INC0010001, which left the active list');
		const api2 = incidentApi([]);
		api2.details.INC0010001 = incident(1, 'Closed');
		expect(events(await polls.poll())).toEqual([['INC0010001', 'stateChanged', 'Resolved']]);
	});

	test('only the chosen events fire; leaving incidents are not looked up for "New Incident" only', async () => {
		const api = incidentApi([incident(1)]);
		const polls = poller(trigger, { events: ['new'] });
		await polls.poll();
		api.active = [incident(2)];
		expect(events(await polls.poll())).toEqual([['INC0010002', 'new', null]]);
		api.active = [incident(2, 'On Hold')];
		expect((await polls.poll()).result).toBeNull();
		expect(api.lookups).toEqual([]);
	});

	test('"Report Incidents Leaving the List" off: no look-ups', async () => {
		const api = incidentApi([incident(1)]);
		const polls = poller(trigger, { options: { reportLeaving: false } });
		await polls.poll();
		api.active = [];
		expect((await polls.poll()).result).toBeNull();
		expect(api.lookups).toEqual([]);
	});

	test('Include Existing and Include Details', async () => {
		const api = incidentApi([incident(1), incident(2, 'In Progress')]);
		api.details.INC0010001 = { ...incident(1), ci: 'XYZ_001P', priority: '3' };
		api.details.INC0010002 = { ...incident(2, 'In Progress'), ci: 'ESB BIZTALK KPN', priority: '2' };
		const polls = poller(trigger, { options: { includeExisting: true, includeDetails: true } });
		const first = await polls.poll();
		expect(first.items.map((item) => item.json)).toEqual([
			{ ...api.details.INC0010001, event: 'new', previous_state: null },
			{ ...api.details.INC0010002, event: 'new', previous_state: null },
		]);
		expect((await polls.poll()).result).toBeNull();
	});

	test('manual mode returns the newest active incident; none at all is a clear error', async () => {
		const api = incidentApi([incident(3), incident(7), incident(5)]);
		const polls = poller(trigger, {});
		const manual = await polls.poll('manual');
		expect(manual.items).toEqual([{ json: { ...incident(7), event: 'new', previous_state: null } }]);
		expect(manual.staticData).toEqual({});
		api.active = [];
		const empty = await polls.poll('manual');
		expect(empty.error?.message).toBe('You have no active KPN incidents, so there is no test event');
	});

	test('no secret or token appears in poll output or errors', async () => {
		incidentApi([incident(1)]);
		const ok = await poller(trigger, { options: { includeExisting: true } }).poll();
		nock.cleanAll();
		nock(KPN_TEST_HOST).post('/oauth/client_credential/accesstoken').query(true).reply(401, { Error: `bad ${KPN_CLIENT_SECRET}` });
		const failed = await poller(trigger, {}).poll();
		expect(failed.error).toBeDefined();
		for (const run of [ok, failed]) {
			const text = everyText({ items: run.items, error: run.error, staticData: run.staticData });
			expect(text).not.toContain(KPN_CLIENT_SECRET);
			expect(text).not.toMatch(/tok-\d/);
		}
	});
});

describe('change tracker', () => {
	const observed = (key: string, state: string) => ({ key, state, item: { key } });
	const options = (now: number, includeExisting = false) => ({ scope: 's', now, includeExisting });

	test('entries not seen for 30 days are forgotten; the most recently seen are kept within the cap', () => {
		const start = 1_000_000;
		const first = diff(undefined, [observed('a', 'open'), observed('b', 'open')], options(start)).next;
		const later = diff(first, [observed('b', 'open')], options(start + RETAIN_MS + 1)).next;
		expect(Object.keys(later.seen)).toEqual(['b']);

		const many: TrackerState = { version: 1, scope: 's', lastPoll: start, seen: {} };
		for (let i = 0; i < MAX_ENTRIES + 10; i++) many.seen[`k${i}`] = ['open', start - i];
		const capped = diff(many, [], options(start + 1)).next;
		expect(Object.keys(capped.seen)).toHaveLength(MAX_ENTRIES);
		expect(capped.seen.k0).toBeDefined();
		expect(capped.seen[`k${MAX_ENTRIES + 5}`]).toBeUndefined();
	});

	test('duplicates in one answer count once; departed are only those in the previous answer', () => {
		const first = diff(undefined, [observed('a', 'open'), observed('a', 'open'), observed('b', 'open')], options(1));
		expect(first.baseline).toBe(true);
		const second = diff(first.next, [observed('b', 'open')], options(2));
		expect(second.departed).toEqual([{ key: 'a', state: 'open' }]);
		const third = diff(second.next, [observed('b', 'open')], options(3));
		expect(third.departed).toEqual([]);
	});
});
