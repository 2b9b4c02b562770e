import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { parallelRequestsOption } from '../../../shared/fields/parallelRequests';

import { pageSizeOption } from '../../msmApi';
import {
	optionsField,
	queryFrom,
	returnAllFields,
	runList,
	showFor,
	sortByOption,
	sortOrderOption,
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
		parallelRequestsOption,
		pageSizeOption,
		sortByOption(SUBSCRIBER_SORT_COLUMNS, 'Column KPN sorts the subscribers by'),
		sortOrderOption,
	]),
];

export async function getAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runList(this, '/hierarchy/subscribers', (itemIndex) => {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			...queryFrom(filters, { columnFilters: 'filters', search: 'patterns' }),
			...(filters.userOnly === true ? { userOnly: true } : {}),
			...queryFrom(options, { sortBy: 'sortBy', order: 'order' }),
		};
	});
}
