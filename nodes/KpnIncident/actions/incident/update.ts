import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { attachmentsField, planAttachments } from './attachments';
import {
	basePathFor,
	itemProblem,
	optionsField,
	requiredText,
	runPerItem,
	showFor,
	ticketNumberField,
	writeResult,
	type IncidentOperation,
} from './common';

/** The `action` values of PATCH /UpdateIncident. */
export type UpdateAction = 'Comment' | 'Close' | 'Reopen';
type UpdateOperation = Extract<IncidentOperation, 'comment' | 'close' | 'reopen'>;

const WORDS: Record<UpdateOperation, { ticket: string; comment: string }> = {
	comment: {
		ticket: 'The KPN ticket number to add the comment to, as returned by Create (e.g. INC0010001)',
		comment: 'The text to add to the ticket; may be empty when you attach files',
	},
	close: {
		ticket: 'The KPN ticket number of the resolved incident to close',
		comment: 'Optional note on why the incident can be closed',
	},
	reopen: {
		ticket: 'The KPN ticket number of the resolved or closed incident to reopen',
		comment: 'Why the incident is reopened: what still goes wrong',
	},
};

/** Fields of Comment, Close and Reopen: all three are PATCH /UpdateIncident with another action. */
export function updateFields(operation: UpdateOperation): INodeProperties[] {
	return [
		ticketNumberField(operation, WORDS[operation].ticket),
		{
			displayName: 'Reference Number',
			name: 'referenceNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ABC1234',
			displayOptions: { show: showFor(operation) },
			description: 'The reference number from your own system that the incident was created with',
		},
		{
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			displayOptions: { show: showFor(operation) },
			description: WORDS[operation].comment,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showFor(operation) },
			options: [attachmentsField],
		},
		optionsField(operation),
	];
}

export async function runUpdate(context: IExecuteFunctions, action: UpdateAction): Promise<INodeExecutionData[]> {
	return await runPerItem(context, {
		write: { doneWord: 'updated' },
		prepare: async (itemIndex) => {
			const basePath = basePathFor(context, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const ticketNumber = requiredText(context, itemIndex, 'ticketNumber', 'Ticket Number');
			if (ticketNumber instanceof NodeOperationError) return ticketNumber;
			const referenceNumber = requiredText(context, itemIndex, 'referenceNumber', 'Reference Number');
			if (referenceNumber instanceof NodeOperationError) return referenceNumber;
			const comment = String(context.getNodeParameter('comment', itemIndex, '') ?? '');
			const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as { attachments?: string };
			const attachments = await planAttachments(context, itemIndex, additional.attachments);
			if (attachments instanceof NodeOperationError) return attachments;
			if (action === 'Comment' && comment.trim() === '' && attachments.length === 0) {
				return itemProblem(context, itemIndex)('Comment is empty', 'A comment needs text, attachments, or both');
			}
			return {
				itemIndex,
				method: 'PATCH',
				basePath,
				path: '/UpdateIncident',
				body: {
					action,
					...(comment.trim() !== '' ? { comment } : {}),
					ticket_number: ticketNumber,
					reference_number: referenceNumber,
				},
				attachments,
			};
		},
		output: (body) => writeResult(body),
	});
}
