import { KpnSmsTrigger } from '../../nodes/KpnSms/KpnSmsTrigger.node';
import { REMEMBER_AT_MOST } from '../../nodes/KpnSms/deliveryReports/recentReports';
import { Webhook } from '../harness/runWebhook';

const SECRET = 'dlr-secret-Ω&=?';
const trigger = new KpnSmsTrigger();
const withSecret = { query: { token: SECRET } };

function dlr(overrides: Record<string, unknown> = {}) {
	return { document_id: 'doc-1', mobile_number: '+31612345678', status: 1, StatusDateTime: 1_764_680_000, error_code: null, ...overrides };
}

function hook(parameters: Record<string, unknown> = {}, mode: 'trigger' | 'manual' = 'trigger') {
	return new Webhook(trigger, { authentication: 'query', secret: SECRET, ...parameters } as never, mode);
}

describe('KPN SMS Trigger: one clean item per delivery report', () => {
	test('a delivered report becomes one item with status text, final flag and ISO time; 200 at once', async () => {
		const call = await hook().post({ ...withSecret, body: dlr() });
		expect(call.answer).toEqual({ status: 200, body: { received: 1, fired: 1, repeated: 0 } });
		expect(call.result?.noWebhookResponse).toBe(true);
		expect(call.items).toEqual([
			{
				document_id: 'doc-1',
				recipient: '+31612345678',
				status: 1,
				statusText: 'Delivered',
				final: true,
				delivered: true,
				code: null,
				meaning: null,
				class: null,
				time: '2025-12-02T12:53:20.000Z',
				receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
				raw: dlr(),
			},
		]);
	});

	test('a failed report carries the error code with its meaning and class', async () => {
		const call = await hook().post({ ...withSecret, body: dlr({ status: 4, error_code: '2' }) });
		expect(call.items[0]).toMatchObject({
			status: 4,
			statusText: 'Failed',
			final: true,
			delivered: false,
			code: '002',
			meaning: 'Recipient number/subscriber is unknown or invalid',
			class: 'delivery',
		});
		const rejected = await hook().post({ ...withSecret, body: dlr({ status: 5, error_code: 18 }) });
		expect(rejected.items[0]).toMatchObject({ statusText: 'Rejected', code: '018', class: 'content' });
		const unknown = await hook().post({ ...withSecret, body: dlr({ status: 6, error_code: '099' }) });
		expect(unknown.items[0]).toMatchObject({ statusText: 'Expired', code: '099', meaning: 'Error code not in KPN’s published list', class: null });
	});

	test('field names are matched ignoring case, underscores and dashes; status by code or name; time in s, ms or ISO', async () => {
		const body = {
			DocumentId: 'doc-9',
			MobileNumber: '0612345678',
			Status: 'failed',
			StatusDateTime: '1764680000123',
			ErrorCode: '024',
		};
		const call = await hook().post({ ...withSecret, body });
		expect(call.items[0]).toMatchObject({
			document_id: 'doc-9',
			recipient: '0612345678',
			status: 4,
			code: '024',
			class: 'policy-or-quota',
			time: '2025-12-02T12:53:20.123Z',
			raw: body,
		});
		const iso = await hook().post({ ...withSecret, body: { 'document-id': 'd', recipient: '+3161', STATUS: '1', statusdatetime: '2026-01-02T03:04:05Z' } });
		expect(iso.items[0]).toMatchObject({ document_id: 'd', recipient: '+3161', status: 1, time: '2026-01-02T03:04:05.000Z' });
		const noTime = await hook().post({ ...withSecret, body: dlr({ StatusDateTime: undefined }) });
		expect(noTime.items[0].time).toBeNull();
	});

	test('several reports in one POST (a list, or a list under a key) → several items, in order', async () => {
		const list = [dlr({ mobile_number: '+31611111111' }), dlr({ mobile_number: '+31622222222', status: 4, error_code: '006' })];
		const call = await hook().post({ ...withSecret, body: list });
		expect(call.items.map((item) => [item.recipient, item.statusText])).toEqual([
			['+31611111111', 'Delivered'],
			['+31622222222', 'Failed'],
		]);
		const wrapped = await hook().post({ ...withSecret, body: { Reports: list } });
		expect(wrapped.items).toHaveLength(2);
		expect(wrapped.answer?.body).toEqual({ received: 2, fired: 2, repeated: 0 });
	});

	test('a JSON body n8n left as text is read', async () => {
		const call = await hook().post({ ...withSecret, body: JSON.stringify([dlr()]) as never });
		expect(call.items).toHaveLength(1);
	});
});

describe('KPN SMS Trigger: filters and repeats', () => {
	test('by default only final statuses fire; Queued and Accepted are answered 200 and fire nothing', async () => {
		const call = await hook().post({ ...withSecret, body: [dlr({ status: 2 }), dlr({ status: 3 }), dlr({ status: 1 })] });
		expect(call.items.map((item) => item.status)).toEqual([1]);
		expect(call.answer).toEqual({ status: 200, body: { received: 3, fired: 1, repeated: 0 } });
		const none = await hook().post({ ...withSecret, body: dlr({ status: 3 }) });
		expect(none.items).toEqual([]);
		expect(none.result).toEqual({ noWebhookResponse: true });
		expect(none.answer?.status).toBe(200);
	});

	test('Statuses chooses which reports fire', async () => {
		const call = await hook({ statuses: [3, 4] }).post({ ...withSecret, body: [dlr({ status: 3 }), dlr({ status: 1 }), dlr({ status: 4 })] });
		expect(call.items.map((item) => item.statusText)).toEqual(['Accepted', 'Failed']);
	});

	test('a report KPN sends again (same document, number, status) fires once; another status of it fires', async () => {
		const webhook = hook();
		expect((await webhook.post({ ...withSecret, body: dlr() })).items).toHaveLength(1);
		const again = await webhook.post({ ...withSecret, body: dlr({ StatusDateTime: 1_764_680_060 }) });
		expect(again.items).toEqual([]);
		expect(again.answer).toEqual({ status: 200, body: { received: 1, fired: 0, repeated: 1 } });
		expect((await webhook.post({ ...withSecret, body: dlr({ mobile_number: '+31699999999' }) })).items).toHaveLength(1);
		expect((await webhook.post({ ...withSecret, body: dlr({ document_id: 'doc-2' }) })).items).toHaveLength(1);
		expect((await webhook.post({ ...withSecret, body: dlr({ status: 4, error_code: '007' }) })).items).toHaveLength(1);
	});

	test('a repeat inside one POST fires once', async () => {
		const call = await hook().post({ ...withSecret, body: [dlr(), dlr(), dlr({ status: 5 })] });
		expect(call.items.map((item) => item.status)).toEqual([1, 5]);
		expect(call.answer?.body).toEqual({ received: 3, fired: 2, repeated: 1 });
	});

	test('what was fired is kept in static data, so a repeat after a restart still fires once', async () => {
		const first = hook();
		await first.post({ ...withSecret, body: dlr() });
		expect(Object.keys(first.nodeStaticData.recentReports as object)).toHaveLength(1);
		const restarted = new Webhook(trigger, { authentication: 'query', secret: SECRET }, 'trigger', first.staticData);
		expect((await restarted.post({ ...withSecret, body: dlr() })).items).toEqual([]);
	});

	test('POSTs handled at once, each with its own copy of the static data, still fire a report once', async () => {
		const first = hook();
		const loadedBeforeAnySave = first.staticData;
		const copies = Array.from({ length: 5 }, () => first.sameProcessCopy(loadedBeforeAnySave));
		const calls = await Promise.all([first, ...copies].map((webhook) => webhook.post({ ...withSecret, body: [dlr(), dlr({ status: 4 })] })));
		expect(calls.flatMap((call) => call.items).map((item) => item.status)).toEqual([1, 4]);
		expect(calls.map((call) => (call.answer?.body as { fired: number }).fired)).toEqual([2, 0, 0, 0, 0, 0]);
	});

	test('POSTs handled at once save their copies in turn: the last save still holds every report, so none fires again after a restart', async () => {
		const first = hook();
		const loadedBeforeAnySave = first.staticData;
		const copies = Array.from({ length: 5 }, () => first.sameProcessCopy(loadedBeforeAnySave));
		const calls = await Promise.all(copies.map((webhook, index) => webhook.post({ ...withSecret, body: dlr({ document_id: `doc-${index}` }) })));
		expect(calls.flatMap((call) => call.items)).toHaveLength(5);
		// Each request saves its own copy when it is done; the last one to finish wins.
		const lastSaved = copies[copies.length - 1].staticData;
		const restarted = new Webhook(trigger, { authentication: 'query', secret: SECRET }, 'trigger', lastSaved);
		const again = await Promise.all(copies.map((_, index) => restarted.post({ ...withSecret, body: dlr({ document_id: `doc-${index}` }) })));
		expect(again.flatMap((call) => call.items)).toEqual([]);
	});

	test('memory is bounded: at most the configured number of reports are remembered', async () => {
		const webhook = hook();
		const reports = Array.from({ length: REMEMBER_AT_MOST + 50 }, (_, index) => dlr({ document_id: `doc-${index}` }));
		const call = await webhook.post({ ...withSecret, body: reports });
		expect(call.items).toHaveLength(REMEMBER_AT_MOST + 50);
		expect(Object.keys(webhook.nodeStaticData.recentReports as object)).toHaveLength(REMEMBER_AT_MOST);
	});

	test('Fire Repeated Reports turns the check off; the test URL (manual mode) never suppresses', async () => {
		const repeats = hook({ options: { fireRepeats: true } });
		await repeats.post({ ...withSecret, body: dlr() });
		expect((await repeats.post({ ...withSecret, body: dlr() })).items).toHaveLength(1);
		const manual = hook({}, 'manual');
		await manual.post({ ...withSecret, body: dlr() });
		expect((await manual.post({ ...withSecret, body: dlr() })).items).toHaveLength(1);
		expect(manual.nodeStaticData.recentReports).toBeUndefined();
	});
});

describe('KPN SMS Trigger: the secret', () => {
	test.each([
		['no token', {}],
		['a wrong token', { token: 'guess' }],
		['an empty token', { token: '' }],
	])('a POST with %s gets 401 and fires nothing', async (_, query) => {
		const webhook = hook();
		const call = await webhook.post({ query, body: dlr() });
		expect(call.answer).toEqual({ status: 401, body: { error: 'Unauthorized: missing or wrong secret' } });
		expect(call.result).toEqual({ noWebhookResponse: true });
		expect(call.items).toEqual([]);
		expect(webhook.nodeStaticData.recentReports).toBeUndefined();
		expect(JSON.stringify(call.answer)).not.toContain(SECRET);
	});

	test('a secret in a header: the right header passes, the query does not', async () => {
		const webhook = hook({ authentication: 'header', headerName: 'X-Dlr-Secret' });
		expect((await webhook.post({ headers: { 'x-dlr-secret': SECRET }, body: dlr() })).items).toHaveLength(1);
		expect((await webhook.post({ ...withSecret, body: dlr({ document_id: 'x' }) })).answer?.status).toBe(401);
	});

	test('with no secret set the trigger refuses everything rather than accept anyone', async () => {
		const call = await hook({ secret: '' }).post({ query: { token: '' }, body: dlr() });
		expect(call.answer).toEqual({ status: 401, body: { error: 'Unauthorized: the trigger has no secret set' } });
	});

	test('Authentication None accepts a POST without a secret', async () => {
		expect((await hook({ authentication: 'none' }).post({ body: dlr() })).items).toHaveLength(1);
	});
});

describe('KPN SMS Trigger: a malformed body gets 400 with a short reason and fires nothing', () => {
	test.each([
		['an empty body', {}, 'the body is empty or not a JSON object or array'],
		['an empty list', [], 'the body holds no delivery reports'],
		['text that is not JSON', 'status=delivered', 'the body is not JSON'],
		['a list of non-objects', [1, 2], 'report 1 is not an object'],
		['no document id', { mobile_number: '+31612345678', status: 1 }, 'the report has no document_id'],
		['no number', { document_id: 'd', status: 1 }, 'the report has no mobile_number'],
		['no status', { document_id: 'd', mobile_number: '+31612345678' }, 'the report has no status'],
		['an unknown status', { document_id: 'd', mobile_number: '+31612345678', status: 9 }, 'the report has an unknown status 9 (expected 1–6)'],
		['a bad time', dlr({ StatusDateTime: 'yesterday' }), 'the report has a StatusDateTime that is not an epoch time'],
		['one bad report among good ones', [dlr(), { document_id: 'd', status: 1 }], 'report 2 has no mobile_number'],
	])('%s', async (_, body, reason) => {
		const webhook = hook();
		const call = await webhook.post({ ...withSecret, body });
		expect(call.answer).toEqual({ status: 400, body: { error: `Not a delivery report: ${reason}` } });
		expect(call.items).toEqual([]);
		expect(webhook.nodeStaticData.recentReports).toBeUndefined();
	});
});

describe('KPN SMS Trigger: description', () => {
	test('a POST webhook answered by the node, final statuses by default, the secret hidden', () => {
		const { description } = trigger;
		expect(description.name).toBe('kpnSmsTrigger');
		expect(description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'delivery-report' }]);
		const property = (name: string) => description.properties.find((p) => p.name === name)!;
		expect(property('statuses').default).toEqual([1, 4, 5, 6]);
		expect(property('secret').typeOptions).toEqual({ password: true });
		expect(property('authentication').default).toBe('query');
	});
});
