// Transaction created or changed state: broadband list_transactions, keyed by uuid, state = `state`.
import type { IDataObject } from 'n8n-workflow';

import { NID_REGEX } from '../../shared/nextpertise/catalogue/common';
import { catalogueMethod, filterProperty, showFor, text, type WatchedList } from './watchedList';

const method = catalogueMethod('broadband', 'list_transactions');
const actions = filterProperty(method, 'action').enum ?? [];

const ACTION_LABELS: Record<string, string> = {
	offer: 'Offer',
	new: 'New',
	migrate: 'Migrate',
	change: 'Change',
	terminate: 'Terminate',
	migrate_out: 'Migrate Out',
};

export const transactionsList: WatchedList = {
	triggerOn: 'transaction',
	method,
	noun: 'transaction',
	eventsParameter: 'transactionEvents',
	filtersParameter: 'transactionFilters',
	filters: [
		{ name: 'action', displayName: 'Action', path: ['filter', 'action'], kind: 'string', values: actions },
		// The catalogue gives list_transactions' nid no format; a NID always has this one.
		{ name: 'nid', displayName: 'NID', path: ['filter', 'nid'], kind: 'string', pattern: filterProperty(method, 'nid').regex ?? NID_REGEX },
	],
	properties: [
		{
			displayName: 'Events',
			name: 'transactionEvents',
			type: 'multiOptions',
			required: true,
			default: ['new', 'stateChanged'],
			displayOptions: showFor('transaction'),
			options: [
				{ name: 'New Transaction', value: 'new', description: 'A transaction that was not in the list before, e.g. a new order' },
				{
					name: 'State Change',
					value: 'stateChanged',
					description: 'A transaction changes state: new → processing → finished or cancelled',
				},
			],
			description: 'Which changes start the workflow; each output item has "event" and "previous_state"',
		},
		{
			displayName: 'Filters',
			name: 'transactionFilters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: showFor('transaction'),
			description: 'Only transactions that match start the workflow (sent to Nextpertise as list_transactions filter)',
			options: [
				{
					displayName: 'Action',
					name: 'action',
					type: 'options',
					default: 'new',
					options: actions.map((value) => ({ name: ACTION_LABELS[value] ?? value, value })),
					description: 'Only transactions of this kind',
				},
				{
					displayName: 'NID',
					name: 'nid',
					type: 'string',
					default: '',
					placeholder: '2408ZE000100200',
					description: 'Only transactions of this carrier or circuit (NID, e.g. 2408ZE000100200)',
				},
			],
		},
	],
	key: (row: IDataObject) => {
		const key = text(row.uuid);
		return key === '' ? undefined : key;
	},
	state: (row: IDataObject) => text(row.state),
	shownState: (state: string) => state,
	newness: (row: IDataObject) => text(row.last_updated) || text(row.created_at),
};
