import type { NodeRun } from '../harness/runNode';
import type { LoggedRequest } from '../sandbox/server';
import { countDuplicateWrites, countItems, findSecrets, runTexts, writeKeys } from './support/faultRun';

// The counters themselves: they must notice a re-sent write, a lost or doubled item and a leaked
// token, or the zeros the suite prints would prove nothing.
const entry = (method: string, path: string, status: number, body: unknown = {}): LoggedRequest => ({
	method,
	path,
	query: {},
	headers: {},
	body,
	status,
	at: 0,
	bodyBytes: 0,
});
const sms = (status: number, numbers: string[]) =>
	entry('POST', '/communication/kpn/sms/send', status, { messages: numbers.map((n) => ({ mobile_number: n, content: 'hi' })), sender: 'KPN' });
const run = (items: Array<{ json: Record<string, unknown>; pairedItem: { item: number } }>, error?: NodeRun['error']) =>
	({ items, error }) as unknown as NodeRun;

test('a write sent again after a 5xx, a timeout or a success counts; after a 401 or 429 it does not', () => {
	expect(countDuplicateWrites([sms(429, ['1']), sms(401, ['1']), sms(200, ['1'])])).toBe(0);
	expect(countDuplicateWrites([sms(500, ['1', '2']), sms(200, ['2', '1'])])).toBe(2);
	expect(countDuplicateWrites([sms(0, ['1']), sms(404, ['1'])])).toBe(1);
	expect(countDuplicateWrites([entry('POST', '/NewIncident', 200, { reference_number: 'A' }), entry('POST', '/NewIncident', 200, { reference_number: 'B' })])).toBe(0);
	expect(countDuplicateWrites([entry('POST', '/NewIncident', 502, { reference_number: 'A' }), entry('POST', '/NewIncident', 200, { reference_number: 'A' })])).toBe(1);
	expect(writeKeys(entry('GET', '/GetActiveIncidents', 200))).toEqual([]);
	// Nextpertise JSON-RPC: reads write nothing; a write re-sent with another JSON-RPC id is the same write.
	const rpc = (id: number, method: string, params: object) => entry('POST', '/support/v1', 200, { jsonrpc: '2.0', id, method, params });
	expect(writeKeys(rpc(1, 'get_ticket', { ticket_id: 100001 }))).toEqual([]);
	expect(countDuplicateWrites([{ ...rpc(1, 'create_ticket', { subject: 'Down' }), status: 502 }, rpc(2, 'create_ticket', { subject: 'Down' })])).toBe(1);
	expect(writeKeys(entry('POST', '/oauth/client_credential/accesstoken', 200))).toEqual([]);
});

test('items lost and delivered twice', () => {
	const ok = (item: number) => ({ json: { ok: true }, pairedItem: { item } });
	const failed = (item: number) => ({ json: { error: 'KPN: down' }, pairedItem: { item } });
	expect(countItems(run([ok(0), ok(1), ok(1)]), 3, { kind: 'delivered' })).toEqual({ itemsLost: 1, duplicateDeliveries: 1 });
	expect(countItems(run([ok(0), failed(1), ok(2)]), 3, { kind: 'perItem', failed: [1] })).toEqual({ itemsLost: 0, duplicateDeliveries: 0 });
	expect(countItems(run([ok(0), ok(2)]), 3, { kind: 'perItem', failed: [1] })).toEqual({ itemsLost: 1, duplicateDeliveries: 0 });
	expect(countItems(run([], { message: 'KPN: down' }), 3, { kind: 'nodeError' })).toEqual({ itemsLost: 0, duplicateDeliveries: 0 });
	const rows = [{ json: { id: 1 }, pairedItem: { item: 0 } }, { json: { id: 2 }, pairedItem: { item: 0 } }, { json: { id: 2 }, pairedItem: { item: 0 } }];
	expect(countItems(run(rows), 1, { kind: 'rows', count: 3, key: (json) => json.id })).toEqual({ itemsLost: 1, duplicateDeliveries: 1 });
});

test('a token in an error description or an output item is found', () => {
	const token = 'tok-0123456789abcdef';
	expect(findSecrets(runTexts(run([{ json: { header: `Bearer ${token}` }, pairedItem: { item: 0 } }])), [token])).toEqual([token]);
	const error = Object.assign(new Error('KPN: denied'), { description: `sent with ${token}` });
	expect(findSecrets(runTexts({ items: [], error }), [token, 'not-there-at-all'])).toEqual([token]);
});
