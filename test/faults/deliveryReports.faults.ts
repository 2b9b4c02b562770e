import type { IDataObject } from 'n8n-workflow';

import { KpnSmsTrigger } from '../../nodes/KpnSms/KpnSmsTrigger.node';
import { useSandbox } from '../harness/sandboxSuite';
import type { DeliveryReport, DlrStatus } from '../sandbox/server';
import { DlrReceiver } from './support/dlrReceiver';
import { findSecrets, searchableText, tallyScenario, wireForms } from './support/faultRun';

// KPN SMS Trigger: the sandbox posts delivery reports (as KPN does: batches, re-sends, retries on
// 60/120/240 s × retryScale) to a receiver that plays n8n's part. Whatever happens on the way,
// every report sent must fire once: none lost, none twice.
const FAMILY = 'KPN SMS Trigger';
const SECRET = 'dlr-faults-secret-Ω&=?';
const suite = useSandbox();
const receiver = new DlrReceiver({ nodeType: new KpnSmsTrigger(), parameters: { authentication: 'query', secret: SECRET } });
const withSecret = () => `${receiver.url}?token=${encodeURIComponent(SECRET)}`;

beforeAll(async () => {
	await receiver.listen();
});
afterAll(async () => {
	await receiver.close();
});
beforeEach(() => {
	receiver.reset();
});

const FINAL: DlrStatus[] = [1, 4, 5, 6];
let documents = 0;

/** `count` distinct reports of one document, final statuses in turn (all fire by default). */
function reports(count: number): DeliveryReport[] {
	const documentId = `fault-doc-${++documents}`;
	return Array.from({ length: count }, (_, index) => {
		const status = FINAL[index % FINAL.length];
		return {
			document_id: documentId,
			mobile_number: `+3161${String(index).padStart(7, '0')}`,
			status,
			StatusDateTime: 1_764_680_000 + index,
			error_code: status === 1 ? null : '006',
		};
	});
}

const keyOf = (report: { document_id: unknown; recipient?: unknown; mobile_number?: unknown; status: unknown }) =>
	`${String(report.document_id)}|${String(report.recipient ?? report.mobile_number)}|${String(report.status)}`;

interface Count {
	sent: number;
	fired: number;
	lost: number;
	duplicates: number;
	/** Fired but never sent (or not expected to fire). */
	unexpected: number;
}

/** Compares the fired items with the reports that should have fired. */
function count(expected: DeliveryReport[], fired: IDataObject[]): Count {
	const wanted = new Set(expected.map(keyOf));
	const times = new Map<string, number>();
	for (const item of fired) times.set(keyOf(item as never), (times.get(keyOf(item as never)) ?? 0) + 1);
	let duplicates = 0;
	let unexpected = 0;
	for (const [key, n] of times) {
		if (n > 1) duplicates += n - 1;
		if (!wanted.has(key)) unexpected += n;
	}
	const lost = [...wanted].filter((key) => !times.has(key)).length;
	return { sent: wanted.size, fired: fired.length, lost, duplicates, unexpected };
}

const figures: string[] = [];
afterAll(() => {
	console.log(['KPN SMS Trigger delivery reports:', ...figures].join('\n'));
});

/** Records the scenario in the suite's tally and asserts nothing was lost, doubled, unexpected or leaked. */
function tally(scenario: string, result: Count, startedAt: number): void {
	const secretsFound = findSecrets([searchableText(receiver.fired), searchableText(receiver.posts), searchableText(receiver.saved)], wireForms(SECRET));
	figures.push(
		`  ${scenario}: sent ${result.sent}, fired ${result.fired}, duplicates ${result.duplicates}, lost ${result.lost}, ` +
			`unexpected ${result.unexpected}, ${Date.now() - startedAt} ms, peak ${receiver.peakInFlight} POSTs at once`,
	);
	tallyScenario({
		family: FAMILY,
		scenario,
		items: result.sent,
		itemsLost: result.lost,
		duplicateWrites: 0,
		duplicateDeliveries: result.duplicates + result.unexpected,
		secretsFound,
	});
}

async function deliver(url: string, sent: DeliveryReport[]): Promise<void> {
	suite.sandbox().deliveryReports.send(url, sent);
	await suite.sandbox().deliveryReports.idle();
}

const statuses = () => receiver.posts.map((post) => post.status);
const answered = (status: number) => statuses().filter((s) => s === status).length;

test('1,000 reports in one POST: all fire once, answered 200 with received 1000', async () => {
	const startedAt = Date.now();
	const dlr = suite.sandbox().deliveryReports;
	dlr.configure({ batchSize: 1000 });
	const sent = reports(1000);
	await deliver(withSecret(), sent);
	tally('1,000 reports in one POST', count(sent, receiver.fired), startedAt);
	expect(receiver.posts).toEqual([{ status: 200, body: { received: 1000, fired: 1000, repeated: 0 }, nodeCalled: true, items: 1000 }]);
	expect(dlr.counters()).toMatchObject({ reports: 1000, posts: 1, attempts: 1, delivered: 1, retries: 0, givenUp: 0 });
});

test('100 POSTs at once, distinct reports: every report fires once', async () => {
	const startedAt = Date.now();
	const dlr = suite.sandbox().deliveryReports;
	dlr.configure({ concurrency: 100 });
	const sent = reports(100);
	await deliver(withSecret(), sent);
	tally('100 POSTs at once', count(sent, receiver.fired), startedAt);
	expect(answered(200)).toBe(100);
	expect(receiver.peakInFlight).toBeGreaterThan(1);
	expect(dlr.counters()).toMatchObject({ posts: 100, attempts: 100, delivered: 100, givenUp: 0 });
});

test('KPN re-sends every POST twice more (duplicates: 2), 100 reports at once: each fires once', async () => {
	const startedAt = Date.now();
	const dlr = suite.sandbox().deliveryReports;
	dlr.configure({ concurrency: 100, duplicates: 2 });
	const sent = reports(100);
	await deliver(withSecret(), sent);
	tally('KPN re-sends each POST twice more, 100 reports at once', count(sent, receiver.fired), startedAt);
	expect(answered(200)).toBe(300);
	const bodies = receiver.posts.map((post) => post.body as { fired: number; repeated: number });
	expect(bodies.reduce((sum, body) => sum + body.fired, 0)).toBe(100);
	expect(bodies.reduce((sum, body) => sum + body.repeated, 0)).toBe(200);
	expect(dlr.counters()).toMatchObject({ posts: 300, delivered: 300, givenUp: 0 });
});

test('the first attempt of every POST fails with 500 before the node runs: KPN retries, each report fires once', async () => {
	const startedAt = Date.now();
	const dlr = suite.sandbox().deliveryReports;
	dlr.configure({ concurrency: 100 });
	receiver.fail = ({ seenBefore }) => !seenBefore;
	const sent = reports(100);
	await deliver(withSecret(), sent);
	tally('500 on the first attempt of every POST, then KPN retries', count(sent, receiver.fired), startedAt);
	expect(receiver.posts.filter((post) => post.status === 500 && !post.nodeCalled)).toHaveLength(100);
	expect(answered(200)).toBe(100);
	expect(dlr.counters()).toMatchObject({ posts: 100, attempts: 200, retries: 100, delivered: 100, givenUp: 0 });
	expect(dlr.attempts.filter((attempt) => attempt.attempt === 2).every((attempt) => attempt.status === 200)).toBe(true);
});

test('100 POSTs without the secret are answered 401 and fire nothing; mixed with 100 good ones, exactly those fire', async () => {
	const startedAt = Date.now();
	const dlr = suite.sandbox().deliveryReports;
	dlr.configure({ concurrency: 100 });
	const forged = reports(100);
	const good = reports(100);
	dlr.send(receiver.url, forged);
	dlr.send(withSecret(), good);
	await dlr.idle();
	tally('100 POSTs without the secret mixed with 100 good ones', count(good, receiver.fired), startedAt);
	// KPN retries a 401 like any failure: 4 attempts per forged POST, each refused.
	expect(answered(401)).toBe(400);
	expect(receiver.posts.filter((post) => post.status === 401).every((post) => post.items === 0)).toBe(true);
	expect(answered(200)).toBe(100);
	expect(receiver.fired.filter((item) => forged.some((report) => keyOf(report) === keyOf(item as never)))).toEqual([]);
	expect(dlr.counters()).toMatchObject({ posts: 200, delivered: 100, givenUp: 100 });
});

test('n8n restarts halfway: the whole set sent again afterwards fires only the second half', async () => {
	const startedAt = Date.now();
	const dlr = suite.sandbox().deliveryReports;
	dlr.configure({ concurrency: 100 });
	const sent = reports(200);
	const [firstHalf, secondHalf] = [sent.slice(0, 100), sent.slice(100)];
	await deliver(withSecret(), firstHalf);
	const beforeRestart = count(firstHalf, receiver.fired);
	expect(beforeRestart).toMatchObject({ fired: 100, lost: 0, duplicates: 0, unexpected: 0 });
	receiver.restart();
	receiver.fired.length = 0;
	await deliver(withSecret(), sent);
	tally('n8n restarts halfway, then the whole set again', count(secondHalf, receiver.fired), startedAt);
	expect(answered(200)).toBe(300);
	expect(receiver.fired).toHaveLength(100);
});
