import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { apiError } from '../shared/errors/apiError';
import type { KpnClient, KpnContext } from '../shared/kpn/transport';
import { checkBasePath } from '../shared/http/basePath';
import { isRecord } from '../shared/isRecord';

/**
 * KPN does not publish the Disturbance Detector's base path (only `GET /failures`); this default
 * follows the other KPN network APIs and can be changed in the node's options.
 */
export const DISTURBANCE_BASE_PATH = '/network/kpn/disturbance-detector';
export const CUSTOM_STATE = 'custom';

export const disturbanceBasePathOption: INodeProperties = {
	displayName: 'API Base Path',
	name: 'basePath',
	type: 'string',
	default: DISTURBANCE_BASE_PATH,
	placeholder: DISTURBANCE_BASE_PATH,
	description:
		"Path of the Disturbance Detector API below the credential's Base URL. KPN does not publish it; change it if KPN gave your app another path.",
};

/** The `state` query parameter: the known values, plus Custom for any other. */
export function stateFields(show: NonNullable<IDisplayOptions['show']> | undefined, defaultState: string): INodeProperties[] {
	return [
		{
			displayName: 'State',
			name: 'state',
			type: 'options',
			default: defaultState,
			...(show ? { displayOptions: { show } } : {}),
			options: [
				{ name: 'All', value: 'all', description: 'Disturbances in every state' },
				{ name: 'Closed', value: 'closed', description: 'Disturbances that are over' },
				{ name: 'Custom', value: CUSTOM_STATE, description: 'Type the state value yourself' },
				{ name: 'Open', value: 'open', description: 'Current disturbances' },
				{ name: 'Planned', value: 'planned', description: 'Announced maintenance' },
			],
			description: 'Which disturbances to ask KPN for (the state query parameter)',
		},
		{
			displayName: 'Custom State',
			name: 'customState',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'open,planned',
			displayOptions: { show: { ...show, state: [CUSTOM_STATE] } },
			description: 'The state value to send as is, for states not in the list',
		},
	];
}

export const filterOptions: INodeProperties[] = [
	{
		displayName: 'Region',
		name: 'region',
		type: 'string',
		default: '',
		placeholder: 'Utrecht, Woerden',
		description: 'Only disturbances in one of these regions (comma-separated, not case-sensitive)',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'string',
		default: '',
		placeholder: 'geographical-broadband',
		description: 'Only disturbances of one of these types (comma-separated, not case-sensitive)',
	},
];

export interface DisturbanceFilters {
	region?: string;
	type?: string;
}

const STATES = ['all', 'closed', CUSTOM_STATE, 'open', 'planned'];

/** The state value to send, or the problem in words. */
export function stateValue(state: unknown, customState: unknown): { state: string; problem?: string } {
	const chosen = String(state ?? '').trim();
	const value = chosen === CUSTOM_STATE ? String(customState ?? '').trim() : chosen;
	if (value === '') return { state: value, problem: chosen === CUSTOM_STATE ? 'Custom State is empty' : 'State is empty' };
	// An expression in State may give any text; only the listed values are meant there.
	if (!STATES.includes(chosen)) {
		return { state: value, problem: `State must be one of ${STATES.join(', ')} (got "${chosen}"); choose Custom to send another value` };
	}
	return { state: value };
}

/** The seed shows bare disturbance objects; accept a list, or a list under a common wrapper key. */
export function disturbanceList(body: unknown): IDataObject[] | undefined {
	if (body === undefined || body === null || body === '') return [];
	if (Array.isArray(body)) return body.filter(isRecord);
	if (isRecord(body)) {
		for (const key of ['result', 'results', 'failures', 'disturbances', 'data', 'items']) {
			if (Array.isArray(body[key])) return (body[key] as unknown[]).filter(isRecord);
		}
		if ('id' in body && 'state' in body) return [body];
	}
	return undefined;
}

export async function fetchDisturbances(
	context: KpnContext,
	client: KpnClient,
	basePath: string,
	state: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const response = await client.request<unknown>({ method: 'GET', basePath, path: '/failures', qs: { state }, itemIndex });
	const list = disturbanceList(response.body);
	if (list === undefined) {
		throw apiError(context.getNode(), {
			message: 'KPN answered without a list of disturbances',
			description: `GET ${basePath}/failures?state=${state} returned ${JSON.stringify(response.body).slice(0, 200)}`,
			httpCode: response.statusCode,
			itemIndex,
		});
	}
	return list;
}

function commaList(value: string | undefined): string[] {
	return String(value ?? '')
		.split(',')
		.map((part) => part.trim().toLowerCase())
		.filter((part) => part !== '');
}

export function filterDisturbances(items: IDataObject[], filters: DisturbanceFilters): IDataObject[] {
	const regions = commaList(filters.region);
	const types = commaList(filters.type);
	const matches = (wanted: string[], value: unknown) =>
		wanted.length === 0 || wanted.includes(String(value ?? '').trim().toLowerCase());
	return items.filter((item) => matches(regions, item.region) && matches(types, item.type));
}

export const SIMPLE_FIELDS = [
	'id',
	'state',
	'type',
	'cause',
	'service',
	'region',
	'description',
	'start_date',
	'end_date',
	'affected_customers_count',
	'serviceguard_ticket_id',
] as const;

/** The fields most workflows need, with long_description as plain text. */
export function simplifyDisturbance(item: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const field of SIMPLE_FIELDS) simple[field] = item[field] ?? null;
	const long = typeof item.long_description === 'string' ? htmlToText(item.long_description) : '';
	if (simple.description === null && long !== '') simple.description = long;
	return simple;
}

export function htmlToText(html: string): string {
	return html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/p>/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\n{2,}/g, '\n')
		.trim();
}

/** Newest first, by created_at, then start_date, then id. */
export function compareDisturbancesNewestFirst(a: IDataObject, b: IDataObject): number {
	const time = (item: IDataObject) => {
		const parsed = Date.parse(String(item.created_at ?? item.start_date ?? ''));
		return Number.isNaN(parsed) ? -Infinity : parsed;
	};
	const byTime = time(b) - time(a);
	if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
	return Number(b.id ?? 0) - Number(a.id ?? 0);
}

export { checkBasePath };
