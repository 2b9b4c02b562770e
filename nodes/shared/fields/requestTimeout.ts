import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { runOption } from './runOption';

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;
const MAX_REQUEST_TIMEOUT_SECONDS = 600;

/** Options → Timeout: the whole time one request may take. */
export const requestTimeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_REQUEST_TIMEOUT_SECONDS },
	default: DEFAULT_REQUEST_TIMEOUT_SECONDS,
	description:
		'Longest time one request may take, from connecting to the last byte of the answer. When a request runs out of time the API is taken as not answering: the remaining items of this run fail at once instead of each waiting again.',
};

/**
 * The deadline of each request of this node run in milliseconds: the first item's Options →
 * Timeout (one value for the whole run), or the default when the node has none or it is not usable.
 */
export function requestDeadlineMs(context: Partial<Pick<IExecuteFunctions, 'getNodeParameter'>>, collection = 'options'): number {
	const seconds = runOption(context, collection, 'timeout');
	const value = Number(seconds);
	if (seconds === undefined || seconds === '' || !Number.isFinite(value) || value <= 0) {
		return DEFAULT_REQUEST_TIMEOUT_SECONDS * 1000;
	}
	return Math.round(Math.min(value, MAX_REQUEST_TIMEOUT_SECONDS) * 1000);
}
