import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { eventsList } from './trigger/events';
import { pollList } from './trigger/pollList';
import { ticketsList } from './trigger/tickets';
import { transactionsList } from './trigger/transactions';
import type { TriggerOn, WatchedList } from './trigger/watchedList';

const LISTS: Record<TriggerOn, WatchedList> = { event: eventsList, transaction: transactionsList, ticket: ticketsList };

/** Polls a Nextpertise list (events, transactions or support tickets) and fires on new and changed rows. */
export class NextpertiseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Nextpertise Trigger',
		name: 'nextpertiseTrigger',
		icon: { light: 'file:../../icons/nextpertise.svg', dark: 'file:../../icons/nextpertise.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"on: " + $parameter["triggerOn"]}}',
		description: 'Starts the workflow on new Nextpertise events, on transactions that are created or change state, and on new or updated support tickets',
		defaults: { name: 'Nextpertise Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nextpertiseApi', required: true }],
		properties: [
			{
				displayName: 'Trigger On',
				name: 'triggerOn',
				type: 'options',
				noDataExpression: true,
				default: 'transaction',
				options: [
					{ name: 'New Event', value: 'event', description: 'A new broadband event (list_events), e.g. an API request or a notification' },
					{ name: 'Support Ticket', value: 'ticket', description: 'A support ticket is created or updated (list_tickets)' },
					{ name: 'Transaction', value: 'transaction', description: 'A broadband transaction is created or changes state (list_transactions)' },
				],
				description: 'Which Nextpertise list the trigger watches; each output item is a row of that list plus "event" and "previous_state"',
			},
			...eventsList.properties,
			...transactionsList.properties,
			...ticketsList.properties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Existing',
						name: 'includeExisting',
						type: 'boolean',
						default: false,
						description: 'Whether the first poll after activation also outputs the rows that already exist; by default only later changes fire',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const triggerOn = this.getNodeParameter('triggerOn', 'transaction') as TriggerOn;
		const list = LISTS[triggerOn];
		if (!list) throw new NodeOperationError(this.getNode(), `Unknown Trigger On "${String(triggerOn)}": choose New Event, Support Ticket or Transaction`);
		return await pollList(this, list);
	}
}
