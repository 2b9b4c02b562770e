import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RETRY_THROTTLED_ONLY } from '../../../shared/http/retry';
import { isRecord } from '../../msmApi';
import { basePathFor, itemProblem, numericId, optionsField, runMsmItems, showFor, text } from '../common';
import { subscriberLocator } from '../locators';
import { readSubscriber, subscriberPath } from './get';

const show = showFor('subscriber', 'update');

/** The fields PUT /hierarchy/subscribers/{id} takes (SubscriberDetailsRequestParams), with their labels. */
export const SUBSCRIBER_FIELDS: Record<string, string> = {
	comments: 'Comments',
	email: 'Email',
	employeeNumber: 'Employee Number',
	firstName: 'First Name',
	fixedNumber: 'Fixed Number',
	gender: 'Gender',
	mobileNumber: 'Mobile Number',
	preferredLanguage: 'Preferred Language',
	surname: 'Surname',
	surnamePrefix: 'Surname Prefix',
	vip: 'VIP',
};
const REQUIRED_FIELDS = ['firstName', 'surname', 'gender'];
const GENDERS = ['MALE', 'FEMALE', 'OTHER'];
const LANGUAGES = ['EN', 'NL'];
const MAX_LENGTHS: Record<string, number> = { comments: 4000, employeeNumber: 100, firstName: 100, surname: 100, surnamePrefix: 32 };

export const updateFields: INodeProperties[] = [
	subscriberLocator({ show }, 'The subscriber to change'),
	{
		displayName:
			'By default the node reads the subscriber first and sends the whole record with your changes, because KPN resets every field left out of an update to its default',
		name: 'mergeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Reference Number',
		name: 'referenceNumber',
		type: 'string',
		default: '',
		placeholder: 'HR-2024-0042',
		displayOptions: { show },
		description: 'Your own reference for the change order KPN creates (optional)',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		description: 'The fields to change. An added field that is left empty clears that field at KPN.',
		options: [
			{
				displayName: 'Comments',
				name: 'comments',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Free text, at most 4000 characters',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{
				displayName: 'Employee Number',
				name: 'employeeNumber',
				type: 'string',
				default: '',
				description: 'At most 100 characters',
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				description: 'Required by KPN; at most 100 characters',
			},
			{
				displayName: 'Fixed Number',
				name: 'fixedNumber',
				type: 'string',
				default: '',
				placeholder: '0301234567',
				description: 'Format 31XXXYYYZZZ or 0XXXYYYZZZ',
			},
			{
				displayName: 'Gender',
				name: 'gender',
				type: 'options',
				options: [
					{ name: 'Female', value: 'FEMALE' },
					{ name: 'Male', value: 'MALE' },
					{ name: 'Other', value: 'OTHER' },
				],
				default: 'OTHER',
				description: 'Required by KPN',
			},
			{
				displayName: 'Mobile Number',
				name: 'mobileNumber',
				type: 'string',
				default: '',
				placeholder: '0612345678',
				description: 'Format 316XXXYYYZZ or 06XXXYYYZZ',
			},
			{
				displayName: 'Preferred Language',
				name: 'preferredLanguage',
				type: 'options',
				options: [
					{ name: 'Dutch', value: 'NL' },
					{ name: 'English', value: 'EN' },
				],
				default: 'NL',
			},
			{
				displayName: 'Surname',
				name: 'surname',
				type: 'string',
				default: '',
				description: 'Required by KPN; 1 to 100 characters',
			},
			{
				displayName: 'Surname Prefix',
				name: 'surnamePrefix',
				type: 'string',
				default: '',
				placeholder: 'van der',
				description: 'At most 32 characters',
			},
			{
				displayName: 'VIP',
				name: 'vip',
				type: 'boolean',
				default: false,
				description: 'Whether the subscriber is a VIP',
			},
		],
	},
	optionsField('subscriber', 'update', [
		{
			displayName: 'Replace (Send Only the Fields Given)',
			name: 'replace',
			type: 'boolean',
			default: false,
			description:
				'Whether to send only the fields given here, without reading the subscriber first. KPN resets every field left out to its default (empty, false or null); First Name, Surname and Gender are then required.',
		},
	]),
];

/** Removes spaces, dashes, dots, brackets and a leading + or 00 from a phone number. */
function compactNumber(value: string): string {
	return value.replace(/[\s\-.()]/g, '').replace(/^\+/, '').replace(/^00/, '');
}

/**
 * Checks and normalises the fields the user gave; returns the problem in words (naming the field)
 * or the fields ready to send.
 */
export function checkGivenFields(given: IDataObject): IDataObject | string {
	const fields: IDataObject = {};
	for (const [name, raw] of Object.entries(given)) {
		const label = SUBSCRIBER_FIELDS[name];
		if (label === undefined || raw === undefined || raw === null) continue;
		if (name === 'vip') {
			if (typeof raw !== 'boolean') return `${label} must be true or false (got ${JSON.stringify(raw)})`;
			fields.vip = raw;
			continue;
		}
		let value = String(raw).trim();
		const max = MAX_LENGTHS[name];
		if (max !== undefined && value.length > max) return `${label} has ${value.length} characters; KPN allows at most ${max}`;
		switch (name) {
			case 'gender':
			case 'preferredLanguage': {
				const allowed = name === 'gender' ? GENDERS : LANGUAGES;
				value = value.toUpperCase();
				if (!allowed.includes(value)) return `${label} must be one of ${allowed.join(', ')} (got "${String(raw)}")`;
				break;
			}
			case 'email':
				if (value !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return `${label} "${value}" is not an email address`;
				break;
			case 'mobileNumber':
				value = compactNumber(value);
				if (value !== '' && !/^(316\d{8}|06\d{8})$/.test(value)) {
					return `${label} "${String(raw)}" is not a Dutch mobile number (format 316XXXYYYZZ or 06XXXYYYZZ)`;
				}
				break;
			case 'fixedNumber':
				value = compactNumber(value);
				if (value !== '' && !/^(31\d{9}|0\d{9})$/.test(value)) {
					return `${label} "${String(raw)}" is not a Dutch phone number (format 31XXXYYYZZZ or 0XXXYYYZZZ)`;
				}
				break;
		}
		fields[name] = value;
	}
	return fields;
}

/** The field name of the first of First Name, Surname and Gender that is missing or empty, or undefined. */
export function missingRequired(subscriber: IDataObject): string | undefined {
	return REQUIRED_FIELDS.find((name) => typeof subscriber[name] !== 'string' || (subscriber[name] as string).trim() === '');
}

/** The updatable fields of a subscriber as GET returns it; null values are left out (KPN's default anyway). */
export function updatableFields(current: IDataObject): IDataObject {
	const fields: IDataObject = {};
	for (const name of Object.keys(SUBSCRIBER_FIELDS)) {
		const value = current[name];
		if (value !== undefined && value !== null) fields[name] = value;
	}
	return fields;
}

interface Prepared {
	itemIndex: number;
	basePath: string;
	id: string;
	referenceNumber: string;
	replace: boolean;
	fields: IDataObject;
}

interface Resolved extends Prepared {
	/** The record the fields are merged into: the subscriber as read (merge mode) or nothing (replace). */
	base: IDataObject;
}

export async function update(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	// Two items may change the same subscriber: it is read once, and a later item is merged into
	// what the earlier item sent (KPN applies changes later, as an order, so a new read could be stale).
	const read = new Map<string, IDataObject>();
	const sent = new Map<string, IDataObject>();
	const missingProblem = (item: Prepared, missing: string) => {
		const label = SUBSCRIBER_FIELDS[missing];
		const why =
			missing in item.fields
				? `${label} cannot be emptied: KPN needs First Name, Surname and Gender.`
				: `Subscriber ${item.id} has no ${label.toLowerCase()} at KPN and none was given; KPN needs First Name, Surname and Gender. Add it in Update Fields.`;
		return itemProblem(this, item.itemIndex)(`${label} is required`, why);
	};
	return await runMsmItems<Prepared, Resolved>(this, {
		write: {
			doneWord: 'updated',
			label: (output, item) => {
				const order = output[0]?.id;
				return `subscriber ${item.id}${order !== undefined && order !== null ? `, order ${String(order)}` : ''}`;
			},
		},
		prepare: (itemIndex) => {
			const fail = itemProblem(this, itemIndex);
			const basePath = basePathFor(this, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const id = numericId(this, itemIndex, 'subscriberId', 'Subscriber', '1234568');
			if (id instanceof NodeOperationError) return id;
			const options = this.getNodeParameter('options', itemIndex, {}) as { replace?: boolean };
			const given = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
			const fields = checkGivenFields(isRecord(given) ? given : {});
			if (typeof fields === 'string') return fail(fields);
			const replace = options.replace === true;
			if (Object.keys(fields).length === 0) {
				return fail('Update Fields: add at least one field to change');
			}
			if (replace) {
				const missing = missingRequired(fields);
				if (missing) {
					return fail(
						`${SUBSCRIBER_FIELDS[missing]} is required`,
						'With "Replace (Send Only the Fields Given)" KPN needs First Name, Surname and Gender in Update Fields; every field left out is reset',
					);
				}
			}
			return { itemIndex, basePath, id, referenceNumber: text(this, itemIndex, 'referenceNumber'), replace, fields };
		},
		resolve: async (client, item) => {
			if (item.replace) return { ...item, base: {} };
			let base = read.get(item.id);
			if (base === undefined) {
				base = updatableFields(await readSubscriber(this, client, item.basePath, item.id, item.itemIndex));
				read.set(item.id, base);
			}
			const missing = missingRequired({ ...base, ...item.fields });
			if (missing) return missingProblem(item, missing);
			return { ...item, base };
		},
		execute: async (client, item) => {
			const subscriber = item.replace ? item.fields : { ...(sent.get(item.id) ?? item.base), ...item.fields };
			const missing = missingRequired(subscriber);
			if (missing) throw missingProblem(item, missing);
			const body: IDataObject = { subscriber };
			if (item.referenceNumber !== '') body.referenceNumber = item.referenceNumber;
			const response = await client.request<unknown>({
				method: 'PUT',
				basePath: item.basePath,
				path: subscriberPath(item.id),
				body,
				retryOn: RETRY_THROTTLED_ONLY,
				itemIndex: item.itemIndex,
			});
			sent.set(item.id, subscriber);
			return [isRecord(response.body) ? response.body : { success: true }];
		},
	});
}
