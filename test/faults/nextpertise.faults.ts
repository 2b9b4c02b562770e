import { pendingScenarios } from './support/faultRun';

/**
 * TODO(Nextpertise): fault scenarios for the Nextpertise node, to be written when the node is
 * merged (node type `nextpertise`, credential `nextpertiseApi` with Basic or JWT auth, operations =
 * JSON-RPC method names). Use faultScenario() from ./support/faultRun exactly as the KPN files do,
 * with suite.credentials() extended by a `nextpertiseApi` entry (username/password from
 * NEXTPERTISE_SANDBOX_USERNAME / _PASSWORD, baseUrl = sandbox.url) and the password added to the
 * secrets (trackSecrets already collects `password` fields). The sandbox already has what they need:
 * `failNext(n, { kind: 'jsonRpcError', code: '007' }, { pathIncludes: '/broadband/v1' })`,
 * HTTP faults on `/…/v1` paths, `/jwt/log-in` as the token endpoint, setNextpertiseRows() for paging.
 * Then delete this list.
 */
const PENDING = [
	'read (zipcode): 429 with Retry-After, then success: all items delivered once',
	'JWT auth: 401 mid-run → one /jwt/log-in, no item lost',
	'read: 500/502/503 once → retried; 503 that stays → 3 tries, then a clear error',
	'write (order_connection, create_ticket): 500 → not sent again; Continue On Fail: the other items go through',
	'timeouts on a read and on order_connection (not sent again)',
	'malformed JSON answer',
	...['001', '002', '003', '004', '005', '006', '007', '008', '009', '010', '011', '012'].map(
		(code) => `JSON-RPC error ${code}: NodeApiError with the documented meaning, per item with Continue On Fail, never re-sent`,
	),
	'paged list (returnAll) with a fault on page 3: all rows once',
	'password and JWT never in outputs or errors',
];

test('Nextpertise fault scenarios are pending', () => {
	pendingScenarios('Nextpertise', 'Nextpertise node not in this tree', PENDING);
});
