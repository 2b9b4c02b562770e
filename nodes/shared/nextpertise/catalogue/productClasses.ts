import type { NextpertiseResource, ProductClass, ProductClassSpec } from './types';

// The nine product classes, in the document's order. `resource` is the node's public resource
// value (public contract: saved workflows depend on it); `documentTitle` is the section heading in
// the document.
export const PRODUCT_CLASSES: readonly ProductClassSpec[] = [
	{ productClass: 'broadband', resource: 'broadband', displayName: 'Broadband', documentTitle: 'Broadband', path: '/broadband/v1' },
	{
		productClass: 'broadband/basic',
		resource: 'broadbandBasic',
		displayName: 'Broadband Basic',
		documentTitle: 'Broadband-basic',
		path: '/broadband/basic/v1',
	},
	{
		productClass: 'broadband/diagnostics',
		resource: 'diagnostics',
		displayName: 'Diagnostics',
		documentTitle: 'Broadband-diagnostics',
		path: '/broadband/diagnostics/v1',
	},
	{ productClass: 'postcodes', resource: 'postcodes', displayName: 'Postcodes', documentTitle: 'Postcodes', path: '/postcodes/v1' },
	{ productClass: 'enduser', resource: 'enduser', displayName: 'End User', documentTitle: 'Enduser', path: '/enduser/v1' },
	{ productClass: 'email', resource: 'email', displayName: 'Email', documentTitle: 'Email', path: '/email/v1' },
	{
		productClass: 'attachments',
		resource: 'attachments',
		displayName: 'Attachments',
		documentTitle: 'Attachments',
		path: '/attachments/v1',
	},
	{ productClass: 'support', resource: 'support', displayName: 'Support', documentTitle: 'Support', path: '/support/v1' },
	{ productClass: 'user', resource: 'user', displayName: 'User', documentTitle: 'User', path: '/user/v1' },
];

export function productClassOf(resource: NextpertiseResource): ProductClassSpec {
	const found = PRODUCT_CLASSES.find((spec) => spec.resource === resource);
	if (!found) throw new Error(`Unknown Nextpertise resource: ${resource}`);
	return found;
}

export function resourceOf(productClass: ProductClass): NextpertiseResource {
	const found = PRODUCT_CLASSES.find((spec) => spec.productClass === productClass);
	if (!found) throw new Error(`Unknown Nextpertise product class: ${productClass}`);
	return found.resource;
}
