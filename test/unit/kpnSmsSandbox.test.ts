import { KpnSms } from '../../nodes/KpnSms/KpnSms.node';
import { runNode } from '../harness/runNode';
import { useSandbox } from '../harness/sandboxSuite';

// The SMS node against the sandbox, which validates requests the way KPN documents them.
const suite = useSandbox();
const credentials = suite.credentials;
beforeEach(() => {
	suite.sandbox().revokeTokens();
});
const parameters = { resource: 'message', operation: 'send', sender: 'KPN', recipients: '={{ $json.to }}', message: '={{ $json.text }}' };
const items = (count: number) => Array.from({ length: count }, (_, i) => ({ to: `06${String(10000000 + i)}`, text: `Hello ${i}` }));
const calls = (path: string) => suite.sandbox().log.filter((entry) => entry.path.endsWith(path));

test('1000 items: 5 /send calls, 1 token, every item answered', async () => {
	const run = await runNode({ nodeType: new KpnSms(), parameters: parameters as never, items: items(1000), credentials: credentials() });
	expect(run.error).toBeUndefined();
	expect(calls('/send')).toHaveLength(5);
	expect(calls('/accesstoken')).toHaveLength(1);
	expect(calls('/send').every((entry) => entry.status === 200)).toBe(true);
	expect(new Set(run.items.map((item) => item.json.document_id)).size).toBe(5);
	expect(run.items[999].pairedItem).toEqual({ item: 999 });
});

test('a token that expired mid-run is replaced once and nothing is lost', async () => {
	const store = credentials();
	await runNode({ nodeType: new KpnSms(), parameters: parameters as never, items: items(1), credentials: store });
	suite.sandbox().revokeTokens();
	suite.sandbox().log.length = 0;
	const run = await runNode({ nodeType: new KpnSms(), parameters: parameters as never, items: items(400), credentials: store });
	expect(run.error).toBeUndefined();
	expect(run.items.every((item) => item.json.status === 'OK')).toBe(true);
	expect(calls('/accesstoken')).toHaveLength(1);
	expect(calls('/send').map((entry) => entry.status)).toEqual([401, 200, 200]);
});

test('429 twice with Retry-After, then every item delivered exactly once', async () => {
	suite.sandbox().faults.failNext(2, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: '/send' });
	const run = await runNode({ nodeType: new KpnSms(), parameters: parameters as never, items: items(10), credentials: credentials() });
	expect(run.error).toBeUndefined();
	expect(calls('/send').map((entry) => entry.status)).toEqual([429, 429, 200]);
	expect(run.items).toHaveLength(10);
});

test('a 500 on send is not repeated', async () => {
	suite.sandbox().faults.failNext(1, { status: 500 }, { pathIncludes: '/send' });
	const run = await runNode({ nodeType: new KpnSms(), parameters: parameters as never, items: items(3), credentials: credentials() });
	expect(run.error?.httpCode).toBe('500');
	expect(calls('/send')).toHaveLength(1);
});
