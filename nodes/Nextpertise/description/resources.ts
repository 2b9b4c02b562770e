// Resource (one per product class) and Operation (one per JSON-RPC method, value = the method
// name) dropdowns, and the node's whole property list, all from the method catalogue.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { methodsByResource, PRODUCT_CLASSES } from '../../shared/nextpertise/catalogue';
import type { NextpertiseResource } from '../../shared/nextpertise/catalogue';
import { jsonModeFields, methodFields } from './fields';
import { fitDescription } from './text';

/** Resource names as n8n wants them (singular); the values are the public contract (saved workflows depend on them). */
const RESOURCE_NAMES: Readonly<Record<NextpertiseResource, string>> = {
	broadband: 'Broadband',
	broadbandBasic: 'Broadband Basic',
	diagnostics: 'Broadband Diagnostic',
	postcodes: 'Postcode',
	enduser: 'End User',
	email: 'Email',
	attachments: 'Attachment',
	support: 'Support',
	user: 'User',
};

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export const RESOURCE_OPTIONS: INodePropertyOptions[] = PRODUCT_CLASSES.map((productClass) => ({
	name: RESOURCE_NAMES[productClass.resource],
	value: productClass.resource,
	description: `${productClass.documentTitle} methods (${productClass.path})`,
})).sort(byName);

export const DEFAULT_RESOURCE: NextpertiseResource = 'broadband';

const DEFAULT_OPERATION: Partial<Record<NextpertiseResource, string>> = { broadband: 'zipcode', broadbandBasic: 'zipcode' };

export function operationProperty(resource: NextpertiseResource): INodeProperties {
	const options: INodePropertyOptions[] = methodsByResource[resource]
		.map((method) => {
			const description = fitDescription(method.description);
			return {
				name: method.displayName,
				value: method.method,
				// n8n drops a description that only repeats the name.
				...(description.toLowerCase() === method.displayName.toLowerCase() ? {} : { description }),
				action: method.action,
			};
		})
		.sort(byName);
	const first = DEFAULT_OPERATION[resource] ?? String(options[0].value);
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: first,
	};
}

/**
 * zipcode()'s Simplify (node version 1.1 on): a compact summary per address instead of every
 * product (see actions/simplify.ts). Version 1 nodes keep the full reply.
 */
export const SIMPLIFY_FIELD: INodeProperties = {
	displayName: 'Simplify',
	name: 'simple',
	type: 'boolean',
	displayOptions: { show: { resource: ['broadband', 'broadbandBasic'], operation: ['zipcode'], '@version': [{ _cnd: { gte: 1.1 } }] } },
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

const RESOURCES = PRODUCT_CLASSES.map((productClass) => productClass.resource);

/** Everything below the Resource dropdown: the operations and every method's fields. */
export const operationProperties: INodeProperties[] = [
	...RESOURCES.map(operationProperty),
	...RESOURCES.flatMap((resource) => jsonModeFields(resource, methodsByResource[resource])),
	...RESOURCES.flatMap((resource) => methodsByResource[resource].flatMap(methodFields)),
];
