import type { INodeProperties } from 'n8n-workflow';

/** Pick a subscriber from the API (searchable) or give its ID. */
export function subscriberLocator(show: INodeProperties['displayOptions'], description: string): INodeProperties {
	return {
		displayName: 'Subscriber',
		name: 'subscriberId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: show,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a subscriber…',
				typeOptions: { searchListMethod: 'searchSubscribers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '1234568',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A subscriber ID is a number' } }],
			},
		],
	};
}

/** Pick a contract from the API (searchable) or give its ID. */
export function contractLocator(show: INodeProperties['displayOptions'], description: string): INodeProperties {
	return {
		displayName: 'Contract',
		name: 'contractId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: show,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a contract…',
				typeOptions: { searchListMethod: 'searchContracts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '9876543',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A contract ID is a number' } }],
			},
		],
	};
}

/** The basket session from Create Basket. */
export function sessionIdField(show: INodeProperties['displayOptions'], description: string): INodeProperties {
	return {
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '334caa-1122-3344-5566-aabb34567',
		displayOptions: show,
		description,
		hint: 'Map the sessionId field that Basket → Create returned',
	};
}
