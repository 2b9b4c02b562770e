import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError } from '../../../shared/errors/apiError';
import { requestTimeoutOption } from '../../../shared/fields/requestTimeout';
import { RETRY_THROTTLED_ONLY } from '../../../shared/http/retry';
import { KpnClient } from '../../../shared/kpn/transport';
import { asText, describeType } from '../../../shared/items';
import { runItems } from '../../../shared/runner/runItems';
import { itemsName } from '../../../shared/runner/wording';
import { normalizeSmsNumber } from '../../../shared/validation/phoneNumber';
import { MAX_PAIRS_PER_CALL, packSmsBatches, type PreparedSms, type SmsBatch } from './packMessages';
import {
	countMessageCharacters,
	countSmsParts,
	invalidSenderCharacters,
	MAX_MESSAGE_CHARACTERS,
	MESSAGE_LENGTH_RULE,
} from './smsParts';

export const SMS_API_PATH_CURRENT = '/communication/kpn/sms';
export const SMS_API_PATH_LEGACY = '/messaging/sms-kpn/v1';
const MAX_SENDER_LENGTH = 11;

const showFor = { resource: ['message'], operation: ['send'] };

export const sendFields: INodeProperties[] = [
	{
		displayName: 'Sender',
		name: 'sender',
		type: 'string',
		default: 'KPN',
		required: true,
		displayOptions: { show: showFor },
		description: 'Name or short code the recipient sees as sender, at most 11 characters',
	},
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		default: '',
		required: true,
		placeholder: '0612345678, +31687654321',
		displayOptions: { show: showFor },
		description:
			'One mobile number or a comma-separated list. Accepted: 06…, +316…, 0031 6…, 097… and international +&lt;country code&gt;…; 060, 067 and 069 are refused.',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: { show: showFor },
		description: 'The text to send, at most 1000 characters (an emoji, € or [ is one character)',
		hint: 'Texts longer than 160 characters (70 with emoji or other Unicode; €, [ and ] take two of the 160) are split and billed as several SMS',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'API Path',
				name: 'apiPath',
				type: 'options',
				default: SMS_API_PATH_CURRENT,
				options: [
					{
						name: 'Current',
						value: SMS_API_PATH_CURRENT,
						description: '/communication/kpn/sms, the path in KPN\'s current SMS API specification',
					},
					{
						name: 'Legacy',
						value: SMS_API_PATH_LEGACY,
						description: '/messaging/sms-kpn/v1, the older path, for apps still subscribed to it',
					},
				],
				description: 'Which base path of the KPN SMS API your app is subscribed to',
			},
			{
				displayName: 'Delivery Report Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…/delivery-report?token=…',
				description:
					'URL where KPN posts a delivery report for every recipient. To start a workflow per report, paste the production URL of a KPN SMS Trigger node here, followed by ?token= and the trigger\'s Secret.',
			},
			{
				displayName: 'Expire In (Seconds)',
				name: 'expireIn',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 3600,
				description: 'How long KPN keeps trying to deliver before the message expires',
			},
			{
				displayName: 'Send Each Item Separately',
				name: 'sendEachItemSeparately',
				type: 'boolean',
				default: false,
				description:
					'Whether to make one API call per item instead of packing up to 200 message×recipient pairs into each call',
			},
			{
				displayName: 'Sub-Account',
				name: 'subAccount',
				type: 'string',
				default: '',
				description: 'Sent as the SubAccount header, for KPN accounts with sub-accounts',
			},
			requestTimeoutOption,
		],
	},
];

interface SendOptions {
	apiPath?: string;
	webhookUrl?: string;
	expireIn?: number;
	sendEachItemSeparately?: boolean;
	subAccount?: string;
}

function recipientList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,;\n]/);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** Reads and checks one item's fields; returns the problem instead of throwing it. */
function prepareItem(context: IExecuteFunctions, itemIndex: number): PreparedSms | NodeOperationError {
	const node = context.getNode();
	const fail = (message: string) =>
		new NodeOperationError(node, `Item ${itemIndex}: ${message}`, { itemIndex });

	const rawSender = context.getNodeParameter('sender', itemIndex, 'KPN') as unknown;
	const senderText = asText(rawSender);
	if (senderText === undefined) return fail(`Sender must be text, not ${describeType(rawSender)}`);
	const sender = senderText.trim() || 'KPN';
	if (sender.length > MAX_SENDER_LENGTH) {
		return fail(`Sender "${sender}" has ${sender.length} characters; KPN allows at most ${MAX_SENDER_LENGTH}`);
	}
	const invalid = invalidSenderCharacters(sender);
	if (invalid.length > 0) {
		return fail(
			`Sender ${JSON.stringify(sender)} has characters a phone cannot show as a sender name (${invalid.map((char) => JSON.stringify(char)).join(', ')}); use letters, digits, spaces and simple punctuation`,
		);
	}

	const rawContent = context.getNodeParameter('message', itemIndex, '') as unknown;
	const content = asText(rawContent);
	if (content === undefined) return fail(`Message must be text, not ${describeType(rawContent)}`);
	if (content.trim() === '') return fail('Message is empty');
	const characters = countMessageCharacters(content);
	if (characters > MAX_MESSAGE_CHARACTERS) {
		return fail(`Message has ${characters} characters; KPN allows at most ${MAX_MESSAGE_CHARACTERS} (${MESSAGE_LENGTH_RULE})`);
	}

	const raw = recipientList(context.getNodeParameter('recipients', itemIndex, ''));
	if (raw.length === 0) return fail('Recipients is empty');
	// One pass, stopping as soon as the cap is crossed: a list of 60,000 numbers costs no more than 201.
	const recipients = new Set<string>();
	for (const number of raw) {
		const check = normalizeSmsNumber(number);
		if (!check.valid) return fail(`Recipients: "${number}" ${check.reason}`);
		recipients.add(check.number);
		if (recipients.size > MAX_PAIRS_PER_CALL) {
			return fail(`Recipients has more than ${MAX_PAIRS_PER_CALL} different numbers (${raw.length} given); one item may have at most ${MAX_PAIRS_PER_CALL}`);
		}
	}

	const options = context.getNodeParameter('options', itemIndex, {}) as SendOptions;
	const apiPath = options.apiPath || SMS_API_PATH_CURRENT;
	if (apiPath !== SMS_API_PATH_CURRENT && apiPath !== SMS_API_PATH_LEGACY) {
		return fail(`API Path must be ${SMS_API_PATH_CURRENT} (Current) or ${SMS_API_PATH_LEGACY} (Legacy), not "${String(apiPath)}"`);
	}
	const webhookUrl = options.webhookUrl?.trim() || undefined;
	if (webhookUrl !== undefined && !/^https?:\/\/[^\s/]+/i.test(webhookUrl)) {
		return fail(`Delivery Report Webhook URL "${webhookUrl}" is not an http(s) URL`);
	}
	let expireIn: string | undefined;
	if (options.expireIn !== undefined) {
		if (!Number.isInteger(options.expireIn) || options.expireIn < 1) {
			return fail(`Expire In must be a whole number of seconds (got ${String(options.expireIn)})`);
		}
		expireIn = String(options.expireIn);
	}
	return {
		itemIndex,
		content,
		recipients: [...recipients],
		settings: {
			apiPath,
			sender,
			webhookUrl,
			expireIn,
			subAccount: options.subAccount?.trim() || undefined,
		},
	};
}

function requestBody(batch: SmsBatch): IDataObject {
	const body: IDataObject = {
		messages: batch.entries.map((sms) => ({ content: sms.content, mobile_number: sms.recipients.join(',') })),
		sender: batch.settings.sender,
	};
	if (batch.settings.webhookUrl) body.webhook_url = batch.settings.webhookUrl;
	if (batch.settings.expireIn) body.expirein = batch.settings.expireIn;
	return body;
}

/** One /send call of this run in errors: "Call 2 of 3 (items 200–399)". */
function callName(entries: PreparedSms[], index: number, total: number): string {
	const items = itemsName(entries.map((sms) => sms.itemIndex)).toLowerCase();
	return `Call ${index + 1} of ${total} (${items})`;
}

/** KPN's spec: "If document id is present in the response, then the request succeeded else there was an issue". */
function missingDocumentId(context: IExecuteFunctions, statusCode: number, itemIndex: number): Error {
	return apiError(context.getNode(), {
		message: 'KPN answered without a document_id',
		description: `POST /send answered HTTP ${statusCode} with no document_id, which KPN documents as a failed request; whether the SMS went out is unknown.`,
		httpCode: statusCode,
		itemIndex,
	});
}

export async function send(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const oneItemPerCall = (itemIndex: number) =>
		(this.getNodeParameter('options', itemIndex, {}) as SendOptions).sendEachItemSeparately === true;
	return await runItems<PreparedSms, PreparedSms, KpnClient>(this, {
		prepare: (itemIndex) => prepareItem(this, itemIndex),
		write: {
			doneWord: 'sent',
			api: 'KPN',
			check: 'Check the delivery reports before sending these items again.',
			label: (outputs) => {
				const documentId = outputs[0]?.json.document_id;
				return typeof documentId === 'string' ? `document ${documentId}` : undefined;
			},
		},
		connect: async () => await KpnClient.connect(this, 'kpnApi'),
		group: (prepared) =>
			packSmsBatches(prepared, prepared.some((sms) => oneItemPerCall(sms.itemIndex))).map((batch) => batch.entries),
		unitName: (entries, index, total) => callName(entries, index, total),
		execute: async (client, entries, index) => {
			const batch: SmsBatch = { settings: entries[0].settings, entries };
			const headers: Record<string, string> = { 'Content-Type': 'application/json' };
			if (batch.settings.subAccount) headers.SubAccount = batch.settings.subAccount;
			const response = await client.request<{ document_id?: unknown; status?: string }>({
				method: 'POST',
				basePath: batch.settings.apiPath,
				path: '/send',
				body: requestBody(batch),
				headers,
				retryOn: RETRY_THROTTLED_ONLY,
				itemIndex: entries[0].itemIndex,
			});
			const documentId = response.body?.document_id;
			if ((typeof documentId !== 'string' && typeof documentId !== 'number') || String(documentId).trim() === '') {
				throw missingDocumentId(this, response.statusCode, entries[0].itemIndex);
			}
			return entries.map((sms) => [
				{
					json: {
						document_id: String(documentId),
						status: response.body?.status ?? null,
						recipients: sms.recipients,
						sender: batch.settings.sender,
						smsParts: countSmsParts(sms.content),
						batch: index + 1,
						itemsInBatch: entries.length,
						quota: { ...response.quota },
					},
				},
			]);
		},
	});
}
