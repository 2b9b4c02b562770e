// Support ticket created or updated: support list_tickets, keyed by id; a change of status or of
// updated_at (e.g. a new comment) counts as an update.
import type { IDataObject } from 'n8n-workflow';

import { catalogueMethod, showFor, text, type WatchedList } from './watchedList';

const method = catalogueMethod('support', 'list_tickets');

/** State kept between polls: status and updated_at. */
function ticketState(row: IDataObject): string {
	return JSON.stringify([text(row.status), text(row.updated_at)]);
}

/** The status part of a kept state (a state not written by ticketState is shown as is). */
function statusOf(state: string): string {
	try {
		const parsed: unknown = JSON.parse(state);
		if (Array.isArray(parsed) && typeof parsed[0] === 'string') return parsed[0];
	} catch {
		// shown as is
	}
	return state;
}

export const ticketsList: WatchedList = {
	triggerOn: 'ticket',
	method,
	noun: 'ticket',
	eventsParameter: 'ticketEvents',
	filtersParameter: 'ticketFilters',
	filters: [
		{ name: 'search', displayName: 'Search', path: ['filter', 'search'], kind: 'string' },
		{ name: 'includeClosed', displayName: 'Include Closed Tickets', path: ['closed'], kind: 'boolean' },
	],
	properties: [
		{
			displayName: 'Events',
			name: 'ticketEvents',
			type: 'multiOptions',
			required: true,
			default: ['new', 'stateChanged'],
			displayOptions: showFor('ticket'),
			options: [
				{ name: 'New Ticket', value: 'new', description: 'A ticket that was not in the list before' },
				{
					name: 'Ticket Updated',
					value: 'stateChanged',
					description: 'A ticket changes status or is updated otherwise, e.g. gets a new comment (its updated_at changes)',
				},
			],
			description: 'Which changes start the workflow; each output item has "event" and "previous_state" (the status before)',
		},
		{
			displayName: 'Filters',
			name: 'ticketFilters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: showFor('ticket'),
			description: 'Only tickets that match start the workflow (sent to Nextpertise with list_tickets)',
			options: [
				{
					displayName: 'Include Closed Tickets',
					name: 'includeClosed',
					type: 'boolean',
					default: true,
					description: 'Whether closed tickets are listed too (list_tickets "closed"); without them a ticket that closes is not reported',
				},
				{
					displayName: 'Search',
					name: 'search',
					type: 'string',
					default: '',
					description: 'Only tickets that match this search text',
				},
			],
		},
	],
	key: (row: IDataObject) => {
		const key = text(row.id);
		return key === '' ? undefined : key;
	},
	state: ticketState,
	shownState: statusOf,
	newness: (row: IDataObject) => text(row.updated_at) || text(row.created_at),
};
