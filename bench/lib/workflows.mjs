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
};

export function benchCredentials(sandboxUrl, clientId, clientSecret, nextpertise) {
	const tokenUrl = `${sandboxUrl}/oauth/client_credential/accesstoken?grant_type=client_credentials`;
	const kpn = (id, name) => ({ id, name, type: 'kpnApi', data: { clientId, clientSecret, baseUrl: sandboxUrl, tokenUrl } });
	// What a user without this package would set up: n8n's OAuth2 API credential, Client
	// Credentials grant, credentials sent in the body (as KPN documents its token call).
	const oauth = (id, name) => ({
		id,
		name,
		type: 'oAuth2Api',
		data: { grantType: 'clientCredentials', accessTokenUrl: tokenUrl, clientId, clientSecret, scope: '', authentication: 'body' },
	});
	return [
		kpn(CREDENTIAL_IDS.kpnSms, 'KPN (bench SMS)'),
		kpn(CREDENTIAL_IDS.kpnTokens, 'KPN (bench tokens)'),
		oauth(CREDENTIAL_IDS.oauthSms, 'Generic OAuth2 (bench SMS)'),
		oauth(CREDENTIAL_IDS.oauthTokens, 'Generic OAuth2 (bench tokens)'),
		{
			id: CREDENTIAL_IDS.nextpertise,
			name: 'Nextpertise (bench)',
			type: 'nextpertiseApi',
			data: { ...nextpertise, authentication: 'jwt', baseUrl: sandboxUrl },
		},
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
