import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { parallelRequestsOption } from '../../../shared/fields/parallelRequests';

import { pageSizeOption } from '../../msmApi';
import {
	itemProblem,
	optionsField,
	queryFrom,
	returnAllFields,
	runList,
	showFor,
	sortByOption,
	sortOrderOption,
} from '../common';

const show = showFor('contract', 'getAll');

export const CONTRACT_CATEGORIES = ['MOBILE', 'FIXED', 'FIXED_MOBILE', 'HARDWARE', 'SKYPE_FOR_BUSINESS', 'SOFTWARE', 'OTHER'];
export const CONTRACT_SORT_COLUMNS = [
	'LASTNAME',
	'FIRSTNAME',
	'SURNAME_PREFIX',
	'PRODUCT_NAME',
	'PRODUCT_CATEGORY',
	'MOBILE_NUMBER',
	'FIXED_NUMBER',
	'STATE',
	'SIM_CARD_NUMBER',
	'EXTENSION',
	'SIP_ACCOUNT_NAME',
	'CATEGORY',
];

export const getAllFields: INodeProperties[] = [
	...returnAllFields('contract', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				options: [
					{ name: 'Fixed', value: 'FIXED' },
					{ name: 'Fixed-Mobile', value: 'FIXED_MOBILE' },
					{ name: 'Hardware', value: 'HARDWARE' },
					{ name: 'Mobile', value: 'MOBILE' },
					{ name: 'Other', value: 'OTHER' },
					{ name: 'Skype for Business', value: 'SKYPE_FOR_BUSINESS' },
					{ name: 'Software', value: 'SOFTWARE' },
				],
				default: 'MOBILE',
				description: 'Only contracts of this category',
			},
			{
				displayName: 'Column Filters',
				name: 'columnFilters',
				type: 'string',
				default: '',
				placeholder: 'STATE: "ACTIVE"; LASTNAME: "Aanholt"',
				description:
					"KPN's filters parameter. Columns: FIRSTNAME, LASTNAME, SURNAME_PREFIX, PRODUCT_NAME, PRODUCT_CATEGORY, MOBILE_NUMBER, FIXED_NUMBER, STATE, EXTENSION, SIM_CARD_NUMBER, IMEI.",
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: '31680000000',
				description: 'Text KPN searches the contracts for (sent as patterns)',
			},
		],
	},
	optionsField('contract', 'getAll', [
		parallelRequestsOption,
		pageSizeOption,
		sortByOption(CONTRACT_SORT_COLUMNS, 'Column KPN sorts the contracts by'),
		sortOrderOption,
	]),
];

export async function getAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runList(this, '/contract/all', (itemIndex) => {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const qs = {
			...queryFrom(filters, { category: 'category', columnFilters: 'filters', search: 'patterns' }),
			...queryFrom(options, { sortBy: 'sortBy', order: 'order' }),
		};
		if (qs.category !== undefined && !CONTRACT_CATEGORIES.includes(String(qs.category))) {
			return itemProblem(this, itemIndex)(
				`Category must be one of ${CONTRACT_CATEGORIES.join(', ')} (got "${String(qs.category)}")`,
			);
		}
		return qs;
	});
}
