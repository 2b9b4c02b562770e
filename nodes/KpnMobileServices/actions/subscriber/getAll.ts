import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchPaged, pageSizeOption } from '../../msmApi';
import {
	basePathFor,
	optionsField,
	pagingFor,
	queryFrom,
	returnAllFields,
	runItems,
	showFor,
	sortByOption,
	sortOrderOption,
	type Paging,
} from '../common';

const show = showFor('subscriber', 'getAll');

export const SUBSCRIBER_SORT_COLUMNS = ['LASTNAME', 'FIRSTNAME', 'DEBTORNAME', 'FIXED_NUMBER', 'EMPLOYEE_NUMBER', 'IS_USER'];

export const getAllFields: INodeProperties[] = [
	...returnAllFields('subscriber', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Column Filters',
				name: 'columnFilters',
				type: 'string',
				default: '',
				placeholder: 'LASTNAME: "Jansen", "Bakker"; FIRSTNAME: "Emma"',
				description:
					"KPN's filters parameter. Columns: FIRSTNAME, LASTNAME, SURNAME_PREFIX, CONTRACTS, DEBTORNAME, FIXED_NUMBER, EMPLOYEE_NUMBER.",
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'Martino',
				description: 'Text KPN searches the subscribers for (sent as patterns)',
			},
			{
				displayName: 'Users Only',
				name: 'userOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only subscribers that are also users of the KPN portal',
			},
		],
	},
	optionsField('subscriber', 'getAll', [
		pageSizeOption,
		sortByOption(SUBSCRIBER_SORT_COLUMNS, 'Column KPN sorts the subscribers by'),
		sortOrderOption,
	]),
];

interface Prepared {
	itemIndex: number;
	basePath: string;
	qs: IDataObject;
	paging: Paging;
}

export async function getAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runItems<Prepared>(this, {
		prepare: (itemIndex) => {
			const basePath = basePathFor(this, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const paging = pagingFor(this, itemIndex);
			if (paging instanceof NodeOperationError) return paging;
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const qs = {
				...queryFrom(filters, { columnFilters: 'filters', search: 'patterns' }),
				...(filters.userOnly === true ? { userOnly: true } : {}),
				...queryFrom(options, { sortBy: 'sortBy', order: 'order' }),
			};
			return { itemIndex, basePath, qs, paging };
		},
		execute: async (client, item) =>
			await fetchPaged(this, client, {
				basePath: item.basePath,
				path: '/hierarchy/subscribers',
				qs: item.qs,
				limit: item.paging.limit,
				pageSize: item.paging.pageSize,
				itemIndex: item.itemIndex,
			}),
	});
}
