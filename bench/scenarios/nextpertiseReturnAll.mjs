// TODO(Nextpertise): Return All over 10,000 rows: calls = ⌈N / page size⌉, peak memory.
// The Nextpertise node (type `nextpertise`, credential `nextpertiseApi`) is not in this tree yet.
// To fill in when it is merged:
//   1. workflows: manual trigger → Nextpertise node with a paged list method (e.g. support
//      `list_tickets`, or the broadband `list_transactions`) and Return All on; credential
//      `nextpertiseApi` { username: NEXTPERTISE_SANDBOX_USERNAME, password: …_PASSWORD, baseUrl:
//      sandbox URL } added in lib/workflows.mjs benchCredentials().
//   2. run(): `await ctx.sandbox.admin('POST', 'nextpertise/rows', { method: 'support/list_tickets', count: ctx.size.nextpertiseRows })`
//      after each reset, then measureOnce(ctx, id, nodeName) from ./smsBulk.mjs; expected calls =
//      ⌈rows / page size the node asks for⌉ (+ 1 /jwt/log-in with JWT auth); a baseline may be the
//      HTTP Request node with its own pagination option.
//   3. remove `pending` below.
export default {
	id: 'nextpertiseReturnAll',
	title: 'Nextpertise Return All',
	pending: 'Nextpertise node not in this tree',
	row: (ctx) => ({
		scenario: `Nextpertise Return All over ${ctx.size.nextpertiseRows.toLocaleString('en')} rows`,
		variant: 'this package: Nextpertise node',
		where: 'real n8n 2.41.1 (planned)',
		target: 'calls = ⌈N / page size⌉; peak memory',
	}),
};
