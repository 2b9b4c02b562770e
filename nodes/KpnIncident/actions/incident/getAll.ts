import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { incidentList } from '../../incidentApi';
import { basePathFor, itemProblem, optionsField, runPerItem, showFor } from './common';
import { returnAllAndLimit } from '../../../shared/fields/returnAllLimit';

export const getAllFields: INodeProperties[] = [
	...returnAllAndLimit(showFor('getAll')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor('getAll') },
		description: 'KPN returns all your active incidents; these filters are applied by the node',
		options: [
			{
				displayName: 'Reference Number',
				name: 'referenceNumber',
				type: 'string',
				default: '',
				description: 'Only the incident with this reference number from your own system',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'string',
				default: '',
				placeholder: 'New, In Progress',
				description: 'Only incidents in one of these states (comma-separated, not case-sensitive)',
			},
		],
	},
	optionsField('getAll'),
];

interface Filters {
	referenceNumber?: string;
	state?: string;
}

function commaList(value: string | undefined): string[] {
	return String(value ?? '')
		.split(',')
		.map((part) => part.trim().toLowerCase())
		.filter((part) => part !== '');
}

export function filterIncidents(incidents: IDataObject[], filters: Filters): IDataObject[] {
	const states = commaList(filters.state);
	const reference = filters.referenceNumber?.trim();
	return incidents.filter(
		(incident) =>
			(states.length === 0 || states.includes(String(incident.state ?? '').toLowerCase())) &&
			(!reference || String(incident.reference_number ?? '') === reference),
	);
}

export async function getAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const limits = new Map<number, number | undefined>();
	return await runPerItem(this, {
		prepare: async (itemIndex) => {
			const basePath = basePathFor(this, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			if (!this.getNodeParameter('returnAll', itemIndex, false)) {
				const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
				if (!Number.isInteger(limit) || limit < 1) {
					return itemProblem(this, itemIndex)(`Limit must be a whole number of at least 1 (got ${String(limit)})`);
				}
				limits.set(itemIndex, limit);
			}
			return { itemIndex, method: 'GET', basePath, path: '/GetActiveIncidents' };
		},
		output: (body, request) => {
			const filters = this.getNodeParameter('filters', request.itemIndex, {}) as Filters;
			const found = filterIncidents(incidentList(body) ?? [], filters);
			const limit = limits.get(request.itemIndex);
			return limit === undefined ? found : found.slice(0, limit);
		},
	});
}
