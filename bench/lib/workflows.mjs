// The benchmark's workflows and credentials, built for a sandbox URL and a size.

export const CREDENTIAL_IDS = {
	/** Package, SMS scenario (fresh: its first call fetches a token). */
	kpnSms: 'benchKpnSms00001',
	/** Package, token-reuse scenario (fresh as well). */
	kpnTokens: 'benchKpnTok00001',
	/** Baseline: n8n's generic OAuth2 credential, client-credentials grant. */
	oauthSms: 'benchOAuthSms001',
	oauthTokens: 'benchOAuthTok001',
	/** Package, Nextpertise Return All scenario (JWT: one log-in). */
	nextpertise: 'benchNxpJwt00001',
	/** Package, per-item reads (JWT; its own, so Return All still starts with its log-in). */
	nextpertiseReads: 'benchNxpReads001',
	/** Baseline for Nextpertise: n8n's generic Basic Auth credential with the Nextpertise user. */
	nextpertiseBasic: 'benchNxpBasic001',
	/** Cold token storm: credentials no other scenario uses, imported again right before it runs. */
	kpnStorm: 'benchKpnStorm001',
	nextpertiseStorm: 'benchNxpStorm001',
	oauthStorm: 'benchOAuthStorm1',
};

const tokenUrlOf = (sandboxUrl) => `${sandboxUrl}/oauth/client_credential/accesstoken?grant_type=client_credentials`;

/** This package's KPN credential. */
const kpnCredential = (id, name, { sandboxUrl, clientId, clientSecret }) => ({
	id,
	name,
	type: 'kpnApi',
	data: { clientId, clientSecret, baseUrl: sandboxUrl, tokenUrl: tokenUrlOf(sandboxUrl) },
});

// What a user without this package would set up: n8n's OAuth2 API credential, Client
// Credentials grant, credentials sent in the body (as KPN documents its token call).
const oauthCredential = (id, name, { sandboxUrl, clientId, clientSecret }) => ({
	id,
	name,
	type: 'oAuth2Api',
	data: { grantType: 'clientCredentials', accessTokenUrl: tokenUrlOf(sandboxUrl), clientId, clientSecret, scope: '', authentication: 'body' },
});

/** This package's Nextpertise credential, JWT mode (one log-in, the token stored with the credential). */
const nextpertiseJwtCredential = (id, name, { sandboxUrl, nextpertise }) => ({
	id,
	name,
	type: 'nextpertiseApi',
	data: { ...nextpertise, authentication: 'jwt', baseUrl: sandboxUrl },
});

export function benchCredentials(sandboxUrl, clientId, clientSecret, nextpertise) {
	const on = { sandboxUrl, clientId, clientSecret, nextpertise };
	return [
		kpnCredential(CREDENTIAL_IDS.kpnSms, 'KPN (bench SMS)', on),
		kpnCredential(CREDENTIAL_IDS.kpnTokens, 'KPN (bench tokens)', on),
		oauthCredential(CREDENTIAL_IDS.oauthSms, 'Generic OAuth2 (bench SMS)', on),
		oauthCredential(CREDENTIAL_IDS.oauthTokens, 'Generic OAuth2 (bench tokens)', on),
		nextpertiseJwtCredential(CREDENTIAL_IDS.nextpertise, 'Nextpertise (bench)', on),
		nextpertiseJwtCredential(CREDENTIAL_IDS.nextpertiseReads, 'Nextpertise (bench reads)', on),
		// What a user of n8n's HTTP Request node would pick for Nextpertise: Basic Auth with the
		// Nextpertise user, sent with every call (no log-in).
		{
			id: CREDENTIAL_IDS.nextpertiseBasic,
			name: 'Basic Auth: Nextpertise user (bench)',
			type: 'httpBasicAuth',
			data: { user: nextpertise.username, password: nextpertise.password },
		},
		...stormCredentials(sandboxUrl, clientId, clientSecret, nextpertise),
	];
}

/** The cold token storm's credentials (imported again right before the storm, so they hold no token). */
export function stormCredentials(sandboxUrl, clientId, clientSecret, nextpertise) {
	const on = { sandboxUrl, clientId, clientSecret, nextpertise };
	return [
		kpnCredential(CREDENTIAL_IDS.kpnStorm, 'KPN (bench storm)', on),
		nextpertiseJwtCredential(CREDENTIAL_IDS.nextpertiseStorm, 'Nextpertise (bench storm)', on),
		oauthCredential(CREDENTIAL_IDS.oauthStorm, 'Generic OAuth2 (bench storm)', on),
	];
}

const message = (expression) => `Storing opgelost. Bericht voor ${expression}.`;

/** Manual trigger → Set (`count` numbers) → Split Out → `smsNode`. */
function smsWorkflow(id, name, count, smsNode) {
	const node = (suffix, fields) => ({ id: `b3c0f1a0-0007-4000-8000-0000000000${suffix}`, typeVersion: 1, ...fields });
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('01', { name: 'Start', type: 'n8n-nodes-base.manualTrigger', position: [0, 0], parameters: {} }),
			node('02', {
				name: 'Make Numbers',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{
								id: 'c0ffee00-0007-4000-8000-000000000001',
								name: 'numbers',
								value: `={{ Array.from({ length: ${count} }, (_, i) => '06' + (10000000 + i)) }}`,
								type: 'array',
							},
						],
					},
					options: {},
				},
			}),
			node('03', {
				name: 'One Item per Number',
				type: 'n8n-nodes-base.splitOut',
				position: [440, 0],
				parameters: { fieldToSplitOut: 'numbers', options: { destinationFieldName: 'to' } },
			}),
			node('04', { position: [660, 0], ...smsNode }),
		],
		connections: {
			Start: { main: [[{ node: 'Make Numbers', type: 'main', index: 0 }]] },
			'Make Numbers': { main: [[{ node: 'One Item per Number', type: 'main', index: 0 }]] },
			'One Item per Number': { main: [[{ node: smsNode.name, type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
}

export const PACKAGE_NODE = 'KPN SMS';
export const BASELINE_NODE = 'HTTP Request';

/** This package's KPN SMS node: all items of the run, packed into as few /send calls as KPN allows. */
export function packageSmsWorkflow(id, count, credentialId) {
	return smsWorkflow(id, `Bench: KPN SMS node, ${count} items`, count, {
		name: PACKAGE_NODE,
		type: 'n8n-nodes-kpn-nextpertise.kpnSms',
		parameters: {
			resource: 'message',
			operation: 'send',
			sender: 'KPN',
			recipients: '={{ $json.to }}',
			message: `=${message('{{ $json.to }}')}`,
			options: {},
		},
		credentials: { kpnApi: { id: credentialId, name: 'KPN (bench)' } },
	});
}

/** The same job without the package: n8n's HTTP Request node, one POST /send per item, generic OAuth2. */
export function baselineSmsWorkflow(id, count, sandboxUrl, credentialId) {
	return smsWorkflow(id, `Bench: HTTP Request + OAuth2, ${count} items`, count, {
		name: BASELINE_NODE,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/communication/kpn/sms/send`,
			authentication: 'genericCredentialType',
			genericAuthType: 'oAuth2Api',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ messages: [{ content: ${JSON.stringify(message('X'))}.replace('X', $json.to), mobile_number: $json.to }], sender: 'KPN' }) }}`,
			options: {},
		},
		credentials: { oAuth2Api: { id: credentialId, name: 'Generic OAuth2 (bench)' } },
	});
}

export const NEXTPERTISE_NODE = 'All Connections';

/** Manual trigger → Nextpertise broadband list_connections with Return All (the node pages). */
export function nextpertiseReturnAllWorkflow(id, credentialId) {
	return {
		id,
		name: 'Bench: Nextpertise Return All',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'b3c0f1a0-0009-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b3c0f1a0-0009-4000-8000-000000000002',
				name: NEXTPERTISE_NODE,
				type: 'n8n-nodes-kpn-nextpertise.nextpertise',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'broadband', operation: 'list_connections', returnAll: true, additionalFields: {} },
				credentials: { nextpertiseApi: { id: credentialId, name: 'Nextpertise (bench)' } },
			},
		],
		connections: { Start: { main: [[{ node: NEXTPERTISE_NODE, type: 'main', index: 0 }]] } },
		pinData: {},
	};
}

/** A Set node (v3.4) with one assignment. */
function setNode(fields, assignment, options = {}) {
	return {
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		...fields,
		parameters: { mode: 'manual', ...options, assignments: { assignments: [assignment] }, options: {} },
	};
}

/**
 * The per-item reads' zipcode request: one provider asked for, as a workflow that checks one
 * provider would. The sandbox then answers with that provider's part of the document's example
 * (about 6 KB), not all four providers (about 35 KB), so a run of 300 items per node stays small
 * enough for `n8n execute` to print.
 */
export const ZIPCODE_PROVIDER_FILTER = ['KPNWBA'];

/**
 * One measured node of the per-item reads workflow: this package's Nextpertise node (broadband
 * zipcode; `parallelRequests` unset = the node's default) or n8n's HTTP Request node doing the
 * same JSON-RPC call with Basic auth.
 */
function zipcodeNode(variant, { sandboxUrl, nextpertiseCredentialId, basicCredentialId }) {
	if (variant.kind === 'set') {
		// Reference: n8n's own Set node, one expression per item and no request.
		return setNode(
			{ name: variant.name },
			{ id: 'c0ffee00-0011-4000-8000-000000000003', name: 'address', value: "={{ $json.zipcode + ' ' + $json.housenr }}", type: 'string' },
			{ includeOtherFields: true },
		);
	}
	if (variant.kind === 'httpRequest') {
		const params = `{ zipcode: $json.zipcode, housenr: $json.housenr, filter: { provider: ${JSON.stringify(ZIPCODE_PROVIDER_FILTER)} } }`;
		return {
			name: variant.name,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: `${sandboxUrl}/broadband/v1`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpBasicAuth',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: `={{ JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'zipcode', params: ${params} }) }}`,
				options: {},
			},
			credentials: { httpBasicAuth: { id: basicCredentialId, name: 'Basic Auth: Nextpertise user (bench)' } },
		};
	}
	return {
		name: variant.name,
		type: 'n8n-nodes-kpn-nextpertise.nextpertise',
		typeVersion: 1,
		parameters: {
			resource: 'broadband',
			operation: 'zipcode',
			zipcode: '={{ $json.zipcode }}',
			housenr: '={{ $json.housenr }}',
			additionalFields: { filter: { provider: ZIPCODE_PROVIDER_FILTER } },
			requestOptions: variant.parallelRequests === undefined ? {} : { parallelRequests: variant.parallelRequests },
		},
		credentials: { nextpertiseApi: { id: nextpertiseCredentialId, name: 'Nextpertise (bench reads)' } },
	};
}

/** The Limit node before the warm-up nodes (it lets a third of the items through, at most 100). */
export const WARM_UP_NODE = 'Warm Up';
const warmUpItems = (count) => Math.min(100, Math.ceil(count / 3));
const KIND_NAMES = { package: 'Nextpertise', httpRequest: 'HTTP Request', set: 'Set' };

/**
 * Manual trigger → Set (`count` addresses) → Split Out → every variant's node, each on the same
 * `count` items. Before them (topmost branch, so n8n runs it first) a warm-up: `Warm Up` (Limit,
 * a third of the items, at most 100) → one node of each measured type on those items, so the first
 * measured node does not pay for what the first node of a kind pays once per process (loading its
 * code, compiling it, the expression engine's first isolates, the Nextpertise log-in). n8n runs the branches one after the other (top to
 * bottom), so each node's time and the sandbox calls during it can be told apart in one run.
 * Addresses: postcodes 1000AB, 1001AB, … with house numbers 1–10 (the sandbox knows them all).
 */
export function perItemReadsWorkflow(id, { count, variants, sandboxUrl, nextpertiseCredentialId, basicCredentialId }) {
	const uuid = (index) => `b3c0f1a0-0011-4000-8000-${String(index).padStart(12, '0')}`;
	const on = { sandboxUrl, nextpertiseCredentialId, basicCredentialId };
	const warmUps = [...new Set(variants.map((variant) => variant.kind))].map((kind, index) => ({
		id: uuid(5 + index),
		position: [880, -200 * (index + 1)],
		...zipcodeNode({ kind, name: `Warm Up: ${KIND_NAMES[kind]}` }, on),
	}));
	const nodes = [
		{ id: uuid(1), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		setNode(
			{ id: uuid(2), name: 'Make Addresses', position: [220, 0] },
			{
				id: 'c0ffee00-0011-4000-8000-000000000001',
				name: 'addresses',
				value: `={{ Array.from({ length: ${count} }, (_, i) => ({ zipcode: (1000 + i) + 'AB', housenr: 1 + (i % 10) })) }}`,
				type: 'array',
			},
		),
		{
			id: uuid(3),
			name: 'One Item per Address',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [440, 0],
			parameters: { fieldToSplitOut: 'addresses', options: {} },
		},
		{
			id: uuid(4),
			name: WARM_UP_NODE,
			type: 'n8n-nodes-base.limit',
			typeVersion: 1,
			position: [660, -400],
			parameters: { maxItems: warmUpItems(count) },
		},
		...warmUps,
		...variants.map((variant, index) => ({ id: uuid(20 + index), position: [660, index * 200], ...zipcodeNode(variant, on) })),
	];
	return {
		id,
		name: `Bench: per-item zipcode reads, ${count} items × ${variants.length} nodes`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: {
			Start: { main: [[{ node: 'Make Addresses', type: 'main', index: 0 }]] },
			'Make Addresses': { main: [[{ node: 'One Item per Address', type: 'main', index: 0 }]] },
			'One Item per Address': {
				main: [[WARM_UP_NODE, ...variants.map((variant) => variant.name)].map((node) => ({ node, type: 'main', index: 0 }))],
			},
			[WARM_UP_NODE]: { main: [warmUps.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
		pinData: {},
	};
}

/** Ticket the cold token storm's KPN Incident reads (the first one the sandbox numbers). */
export const STORM_TICKET = 'INC0010001';

/** The node a cold token storm workflow measures. */
function stormNode(kind, { sandboxUrl }) {
	switch (kind) {
		case 'kpnIncident':
			return {
				name: 'KPN Incident',
				type: 'n8n-nodes-kpn-nextpertise.kpnIncident',
				typeVersion: 1,
				parameters: { resource: 'incident', operation: 'get', ticketNumber: STORM_TICKET, options: {} },
				credentials: { kpnApi: { id: CREDENTIAL_IDS.kpnStorm, name: 'KPN (bench storm)' } },
			};
		case 'nextpertise':
			return {
				name: 'Nextpertise',
				type: 'n8n-nodes-kpn-nextpertise.nextpertise',
				typeVersion: 1,
				parameters: {
					resource: 'broadband',
					operation: 'zipcode',
					zipcode: '={{ (1000 + $json.n) + "AB" }}',
					housenr: '={{ 1 + ($json.n % 10) }}',
					additionalFields: { filter: { provider: ZIPCODE_PROVIDER_FILTER } },
					requestOptions: {},
				},
				credentials: { nextpertiseApi: { id: CREDENTIAL_IDS.nextpertiseStorm, name: 'Nextpertise (bench storm)' } },
			};
		case 'httpRequest':
			return {
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'GET',
					url: `${sandboxUrl}/network/kpn/incident/GetIncident/${STORM_TICKET}`,
					authentication: 'genericCredentialType',
					genericAuthType: 'oAuth2Api',
					options: {},
				},
				credentials: { oAuth2Api: { id: CREDENTIAL_IDS.oauthStorm, name: 'Generic OAuth2 (bench storm)' } },
			};
		default:
			throw new Error(`unknown storm node ${kind}`);
	}
}

/**
 * Webhook (POST /webhook/<path>, answers when the run is done) → Set (`count` numbers) → Split Out
 * → the measured node, with a storm credential of its own.
 */
export function stormWorkflow(id, { kind, path, count, sandboxUrl, index }) {
	const uuid = (n) => `b3c0f1a0-0012-40${String(index).padStart(2, '0')}-8000-${String(n).padStart(12, '0')}`;
	const measured = stormNode(kind, { sandboxUrl });
	return {
		id,
		name: `Bench: cold token storm, ${measured.name}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: uuid(1),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: uuid(9),
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			setNode(
				{ id: uuid(2), name: 'Make Items', position: [220, 0] },
				{ id: uuid(8), name: 'n', value: `={{ Array.from({ length: ${count} }, (_, i) => i) }}`, type: 'array' },
			),
			{
				id: uuid(3),
				name: 'One Item per Number',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 0],
				parameters: { fieldToSplitOut: 'n', options: {} },
			},
			{ id: uuid(4), position: [660, 0], ...measured },
		],
		connections: {
			Webhook: { main: [[{ node: 'Make Items', type: 'main', index: 0 }]] },
			'Make Items': { main: [[{ node: 'One Item per Number', type: 'main', index: 0 }]] },
			'One Item per Number': { main: [[{ node: measured.name, type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
}
