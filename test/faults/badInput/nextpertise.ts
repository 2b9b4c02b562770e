import type { BadInputCase, PendingCases } from './types';

/**
 * TODO(Nextpertise): the Nextpertise node (type `nextpertise`, credential `nextpertiseApi`,
 * operations = JSON-RPC method names) is not in this tree yet. When it is, put its cases in
 * `nextpertiseCases` (same shape as sms.ts) and empty `nextpertisePending.planned`; the runner
 * in badInput.faults.ts picks them up. Each case: the node refuses the input with a
 * NodeOperationError naming the item and the field, and the sandbox log stays empty.
 */
export const nextpertiseCases: BadInputCase[] = [];

export const nextpertisePending: PendingCases = {
	family: 'Nextpertise',
	note: 'Nextpertise node not in this tree',
	planned: [
		'postcodes zipcode: "2408 ZE" (space) / "2408ze" / "24080ZE" → not ^[0-9]{4}[A-Z]{2}',
		'postcodes housenr: 0, -1, "12a", 1.5 (wrong type from an expression)',
		'broadband order_connection: nid missing / not a number',
		'broadband order_connection: provider not in the enum',
		'support create_ticket: required subject / description missing',
		'dates (wish date, from/to filters) not ISO, or from after to',
		'paging: per_page < 0 or not a whole number',
		'an object where the catalogue wants a string (expression)',
	],
};
