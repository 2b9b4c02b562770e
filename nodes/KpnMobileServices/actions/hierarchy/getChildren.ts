import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pageSizeOption } from '../../msmApi';
import { itemProblem, optionsField, returnAllFields, runList, showFor, text } from '../common';
import { parallelRequestsOption } from '../../../shared/fields/parallelRequests';

const show = showFor('hierarchy', 'getChildren');

export const OPERATION_TYPES = [
	'MOVE_CONTRACT',
	'MOVE_GROUP',
	'ASSIGN_TO_HIERARCHY',
	'CREATE_COST_CENTER',
	'CREATE_CUSTOM_GROUP',
	'REMOVE_GROUP',
];

export const getChildrenFields: INodeProperties[] = [
	{
		displayName: 'Parent ID',
		name: 'parentId',
		type: 'string',
		default: '',
		placeholder: '3456789',
		displayOptions: { show },
		description:
			'The hierarchy entity (customer, debtor, cost center, group) whose children to list; leave empty for the top level that you manage',
	},
	...returnAllFields('hierarchy', 'getChildren'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Include Customer',
				name: 'includeCustomer',
				type: 'boolean',
				default: false,
				description: 'Whether to include the customer itself (KPN default: no)',
			},
			{
				displayName: 'Include Virtual Groups',
				name: 'includeGroups',
				type: 'boolean',
				default: true,
				description: 'Whether to include pure virtual groups (KPN default: yes)',
			},
			{
				displayName: 'Search',
				name: 'pattern',
				type: 'string',
				default: '',
				description: 'Text KPN searches the children for (sent as pattern)',
			},
		],
	},
	optionsField('hierarchy', 'getChildren', [
		parallelRequestsOption,
		{
			displayName: 'Check Operation',
			name: 'operationType',
			type: 'options',
			options: [
				{ name: 'Assign to Hierarchy', value: 'ASSIGN_TO_HIERARCHY' },
				{ name: 'Create Cost Center', value: 'CREATE_COST_CENTER' },
				{ name: 'Create Custom Group', value: 'CREATE_CUSTOM_GROUP' },
				{ name: 'Move Contract', value: 'MOVE_CONTRACT' },
				{ name: 'Move Group', value: 'MOVE_GROUP' },
				{ name: 'Remove Group', value: 'REMOVE_GROUP' },
			],
			default: 'MOVE_GROUP',
			description:
				'Whether each child allows this operation: KPN adds operation.blocked (and a reason) to every row',
		},
		{
			displayName: 'Context ID',
			name: 'contextId',
			type: 'string',
			default: '',
			placeholder: '1234568',
			description: 'The item the checked operation is about (e.g. the contract to move); needed by most operations',
		},
		pageSizeOption,
	]),
];

export async function getChildren(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runList(this, '/hierarchy/children', (itemIndex) => {
		const fail = itemProblem(this, itemIndex);
		const qs: IDataObject = {};
		const parentId = text(this, itemIndex, 'parentId');
		if (parentId !== '') {
			if (!/^\d+$/.test(parentId)) return fail(`Parent ID: "${parentId}" is not an ID`, "KPN's IDs are whole numbers, such as 3456789");
			qs.id = parentId;
		}
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		if (typeof filters.includeCustomer === 'boolean') qs.includeCustomer = filters.includeCustomer;
		if (typeof filters.includeGroups === 'boolean') qs.includeGroups = filters.includeGroups;
		if (typeof filters.pattern === 'string' && filters.pattern.trim() !== '') qs.pattern = filters.pattern.trim();
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		if (options.operationType !== undefined && options.operationType !== '') {
			const operationType = String(options.operationType);
			if (!OPERATION_TYPES.includes(operationType)) {
				return fail(`Check Operation must be one of ${OPERATION_TYPES.join(', ')} (got "${operationType}")`);
			}
			qs.operationType = operationType;
		}
		const contextId = String(options.contextId ?? '').trim();
		if (contextId !== '') {
			if (!/^\d+$/.test(contextId)) return fail(`Context ID: "${contextId}" is not an ID`, "KPN's IDs are whole numbers");
			qs.contextId = contextId;
		}
		return qs;
	});
}
