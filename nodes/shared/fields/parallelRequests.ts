import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { runOption } from './runOption';

/**
 * Chosen by measurement against n8n's HTTP Request node, which starts every item's request as soon
 * as the item is read: with answers taking 200 ms, 20 in flight took twice as long as it did, 50
 * a little less (BENCHMARKS.md, "Per-item reads").
 */
export const DEFAULT_PARALLEL_REQUESTS = 50;
const MAX_PARALLEL_REQUESTS = 100;

/** Options → Parallel Requests: how many items' reads may wait for an answer at once. */
export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
	default: DEFAULT_PARALLEL_REQUESTS,
	description:
		'How many items may wait for an answer at the same time when the operation only reads. Operations that change data (create, update, send, order, …) always go one at a time. When the API answers "too many requests", fewer go at once until it recovers; 1 sends one request after the other.',
};

/** The first item's Options → Parallel Requests (one value for the whole run), or the default. */
export function parallelRequests(context: Partial<Pick<IExecuteFunctions, 'getNodeParameter'>>, collection = 'options'): number {
	const count = runOption(context, collection, 'parallelRequests');
	const value = Math.floor(Number(count));
	if (count === undefined || count === '' || !Number.isFinite(value) || value < 1) return DEFAULT_PARALLEL_REQUESTS;
	return Math.min(value, MAX_PARALLEL_REQUESTS);
}
