import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parallelRequestsOption } from '../../../shared/fields/parallelRequests';
import { requestTimeoutOption } from '../../../shared/fields/requestTimeout';
import { KpnClient } from '../../../shared/kpn/transport';
import { runItems } from '../../../shared/runner/runItems';
import {
	checkBasePath,
	DISTURBANCE_BASE_PATH,
	disturbanceBasePathOption,
	fetchDisturbances,
	filterDisturbances,
	filterOptions,
	simplifyDisturbance,
	stateFields,
	stateValue,
	type DisturbanceFilters,
} from '../../disturbanceApi';
import { returnAllAndLimit } from '../../../shared/fields/returnAllLimit';

const showFor = { resource: ['disturbance'], operation: ['getAll'] };

export const getAllFields: INodeProperties[] = [
	...stateFields(showFor, 'open'),
	...returnAllAndLimit(showFor),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor },
		description: 'Applied by the node to what KPN returns',
		options: filterOptions,
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions: { show: showFor },
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor },
		options: [disturbanceBasePathOption, parallelRequestsOption, requestTimeoutOption],
	},
];

interface Prepared {
	itemIndex: number;
	basePath: string;
	state: string;
	limit?: number;
	filters: DisturbanceFilters;
	simplify: boolean;
}

function prepare(context: IExecuteFunctions, itemIndex: number): Prepared | NodeOperationError {
	const fail = (message: string) => new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${message}`, { itemIndex });
	const state = stateValue(context.getNodeParameter('state', itemIndex, 'open'), context.getNodeParameter('customState', itemIndex, ''));
	if (state.problem) return fail(state.problem);
	const options = context.getNodeParameter('options', itemIndex, {}) as { basePath?: string };
	const basePath = checkBasePath(options.basePath, DISTURBANCE_BASE_PATH);
	if (basePath.problem) return fail(`API Base Path: ${basePath.problem}`);
	let limit: number | undefined;
	if (!context.getNodeParameter('returnAll', itemIndex, false)) {
		limit = context.getNodeParameter('limit', itemIndex, 50) as number;
		if (!Number.isInteger(limit) || limit < 1) return fail(`Limit must be a whole number of at least 1 (got ${String(limit)})`);
	}
	return {
		itemIndex,
		basePath: basePath.path,
		state: state.state,
		limit,
		filters: context.getNodeParameter('filters', itemIndex, {}) as DisturbanceFilters,
		simplify: context.getNodeParameter('simplify', itemIndex, true) as boolean,
	};
}

export async function getAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runItems<Prepared, Prepared, KpnClient>(this, {
		prepare: (itemIndex) => prepare(this, itemIndex),
		connect: async () => await KpnClient.connect(this, 'kpnApi'),
		execute: async (client, [request]) => {
			const found = await fetchDisturbances(this, client, request.basePath, request.state, request.itemIndex);
			let selected = filterDisturbances(found, request.filters);
			if (request.limit !== undefined) selected = selected.slice(0, request.limit);
			return [selected.map((disturbance) => ({ json: request.simplify ? simplifyDisturbance(disturbance) : disturbance }))];
		},
	});
}
