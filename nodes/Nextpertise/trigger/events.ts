// New Event: broadband list_events. Events do not change, so only new ones fire.
import type { IDataObject } from 'n8n-workflow';

import { NID_REGEX } from '../../shared/nextpertise/catalogue/common';
import { catalogueMethod, filterProperty, showFor, text, type WatchedList } from './watchedList';

const method = catalogueMethod('broadband', 'list_events');
/** The event types of the method's reply table. */
export const EVENT_TYPES = ['notification', 'async_event', 'apirequest', 'broadband_event'] as const;

export const eventsList: WatchedList = {
	triggerOn: 'event',
	method,
	noun: 'event',
	filtersParameter: 'eventFilters',
	filters: [
		{ name: 'type', displayName: 'Event Type', path: ['filter', 'type'], kind: 'string', values: filterProperty(method, 'type').enum ?? EVENT_TYPES },
		{ name: 'nid', displayName: 'NID', path: ['filter', 'nid'], kind: 'string', pattern: filterProperty(method, 'nid').regex ?? NID_REGEX },
		{ name: 'transactionUuid', displayName: 'Transaction UUID', path: ['filter', 'transaction_uuid'], kind: 'string' },
	],
	properties: [
		{
			displayName: 'Filters',
			name: 'eventFilters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: showFor('event'),
			description: 'Only events that match start the workflow (sent to Nextpertise as list_events filter)',
			options: [
				{
					displayName: 'Event Type',
					name: 'type',
					type: 'options',
					default: 'apirequest',
					options: [
						{ name: 'API Request', value: 'apirequest', description: 'A call made through the API, e.g. broadband.order_connection' },
						{ name: 'Async Event', value: 'async_event' },
						{ name: 'Broadband Event', value: 'broadband_event' },
						{ name: 'Notification', value: 'notification' },
					],
					description: 'Only events of this type',
				},
				{
					displayName: 'NID',
					name: 'nid',
					type: 'string',
					default: '',
					placeholder: '2408ZE000100200',
					description: 'Only events of this carrier or circuit (NID, e.g. 2408ZE000100200)',
				},
				{
					displayName: 'Transaction UUID',
					name: 'transactionUuid',
					type: 'string',
					default: '',
					description: 'Only events of this transaction',
				},
			],
		},
	],
	key: (row: IDataObject) => {
		const key = text(row.uuid) || text(row.id);
		return key === '' ? undefined : key;
	},
	state: () => '',
	shownState: () => null,
	// Events of the same second are told apart by their increasing id.
	newness: (row: IDataObject) => `${text(row.created_at)}#${text(row.id).padStart(15, '0')}`,
};
