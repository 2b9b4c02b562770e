#!/usr/bin/env node
// Writes nodes/KpnMobileServices/spec/operations.generated.ts, the typed catalogue of the Mobile
// Service Management operations that the node offers beyond its hand-written ones, from
// KPN's Swagger 2.0 file. Names, groupings and the destructive flags are the hand-made part (the
// tables below); parameters, types, enums, body shapes and paging come from the spec.
//
//   node scripts/generate-msm-spec.mjs            regenerate
//   node scripts/generate-msm-spec.mjs --check    exit 1 if the committed file is out of date
//   node scripts/generate-msm-spec.mjs --spec F   read another copy of the spec
//
// Plain Node (no YAML package): the small reader below handles what Swagger files use.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SPEC_DIR = join(ROOT, 'nodes', 'KpnMobileServices', 'spec');
const DEFAULT_SPEC = join(SPEC_DIR, 'kpn-mobile-services-management-openapi.yml');
const OUTPUT = join(SPEC_DIR, 'operations.generated.ts');

// ---------------------------------------------------------------------------------------------
// The hand-made part
// ---------------------------------------------------------------------------------------------

/** Covered by the node's hand-written operations (a public contract), so not generated. */
const HAND_WRITTEN = [
	'GET /hierarchy/subscribers',
	'GET /hierarchy/subscribers/{id}',
	'PUT /hierarchy/subscribers/{id}',
	'GET /contract/all',
	'GET /contract/id/{id}/items',
	'GET /hierarchy/children',
	'GET /contracting/basket',
	'POST /contracting/basket',
	'GET /contracting/basket/main-products',
	'POST /contracting/basket/order',
];

/** Resource options; values must not clash with the hand-written subscriber, contract, hierarchy, basket. */
const RESOURCES = [
	{ value: 'address', name: 'Address', description: 'General (company) and personal delivery addresses' },
	{ value: 'basketAdvanced', name: 'Basket (Advanced)', description: 'Characteristics, products, resources, templates and reset of a basket session' },
	{ value: 'businessVoicemail', name: 'Business Voicemail', description: 'Check and order business voicemail' },
	{ value: 'contractInfo', name: 'Contract Info', description: 'Contract details, contract counts and VAMO numbers' },
	{ value: 'finance', name: 'Finance', description: 'Invoices (PDF) and billing period' },
	{ value: 'hierarchyItem', name: 'Hierarchy Item', description: 'Cost centers and virtual groups of the organisation structure' },
	{ value: 'order', name: 'Order', description: 'Track and trace orders' },
	{ value: 'orderAction', name: 'Order Action', description: 'Actions on a contract or order: SIM, termination, moves, porting out, hardware' },
	{ value: 'serviceRequest', name: 'Service Request', description: 'Track and trace service requests' },
	{ value: 'subscriberAdmin', name: 'Subscriber Admin', description: 'Create, move and delete subscribers; roles, managed entities and contracts' },
	{ value: 'template', name: 'Template', description: 'Product templates of a group' },
	{ value: 'threshold', name: 'Threshold', description: 'Usage thresholds and the contracts they apply to' },
];

const THRESHOLD_FIELDS = {
	dailyValue: 'Daily limit, in the unit of the type (minutes, euros or MB)',
	name: 'Name of the threshold (unique per customer)',
	type: 'What the threshold limits: national or roaming voice or data',
};

/**
 * `METHOD path` → [resource, operation, name, action, extra]. Extra:
 * - idOf: what `{id}` identifies (for its description)
 * - destructive: what cannot be undone (the description then starts with "Destructive:")
 * - required: body fields the spec leaves optional but the action cannot do without
 * - requiredQuery: query parameters the spec leaves optional but the action cannot do without
 * - description: replaces a summary that is wrong or unclear
 * - params: descriptions of parameters for this operation only
 * - file: description of the uploaded file
 * - binaryFile: the answer is a file
 * - text: the answer is a bare JSON string
 */
const NAMING = {
	// Track and trace: orders
	'GET /track-and-trace/orders': ['order', 'getAll', 'Get Many', 'Get many mobile orders with filters'],
	'GET /track-and-trace/orders/{id}': ['order', 'get', 'Get', 'Get a mobile order by ID', { idOf: 'order' }],
	'GET /track-and-trace/orders/{id}/pretty': ['order', 'getPretty', 'Get Pretty', 'Get an order in readable form', { idOf: 'order' }],
	'POST /track-and-trace/orders/{id}/cancel': ['order', 'cancel', 'Cancel', 'Cancel a pending mobile order', {
		idOf: 'order', destructive: 'The order is stopped and cannot be resumed.',
	}],
	'GET /track-and-trace/orders/{id}/hardware': ['order', 'getHardware', 'Get Hardware', 'Get the hardware of an order', {
		idOf: 'order', description: 'Get the hardware ordered in an order',
	}],
	'POST /track-and-trace/orders/{id}/porting-data': ['order', 'changePortingData', 'Change Porting Data', 'Change the porting data of an order', {
		idOf: 'order', description: 'Change the port-in wish date and/or the customer number of a number porting order',
	}],
	'GET /track-and-trace/overview': ['order', 'getOverview', 'Get Overview', 'Get the number of orders per type'],

	// Track and trace: service requests
	'GET /track-and-trace/service-requests': ['serviceRequest', 'getAll', 'Get Many', 'Get many mobile service requests with filters'],
	'GET /track-and-trace/service-requests/{id}': ['serviceRequest', 'get', 'Get', 'Get a mobile service request by ID', {
		idOf: 'service request', description: 'Get the details of a service request',
	}],
	'GET /track-and-trace/service-requests/{id}/attachments/{attachmentId}': ['serviceRequest', 'getAttachment', 'Get Attachment', 'Get an attachment of a service request', {
		idOf: 'service request',
		description: 'Download an attachment of a service request as a file',
		binaryFile: { fileName: 'attachment-{attachmentId}', mimeType: 'application/octet-stream' },
	}],
	'POST /track-and-trace/service-requests/{id}/cancel': ['serviceRequest', 'cancel', 'Cancel', 'Cancel a pending mobile service request', {
		idOf: 'service request', destructive: 'The request is stopped and cannot be resumed.',
	}],
	'GET /track-and-trace/returned-hardware-service-requests': ['serviceRequest', 'getReturnedHardware', 'Get Returned Hardware Requests', 'Get many return hardware service requests', {
		description: 'Get a list of return hardware service requests',
	}],

	// Actions on contracts and orders
	'POST /order/apple-dep': ['orderAction', 'registerAppleDep', 'Register Apple DEP', 'Register ordered hardware in DEP', {
		required: ['orderId'], description: 'Register the hardware of an order in Apple DEP (Device Enrollment Program)',
		params: { orderId: 'ID of the order the hardware was ordered in' },
	}],
	'POST /order/authorize': ['orderAction', 'authorize', 'Authorize', 'Authorize a mobile order that awaits approval', { required: ['orderId'] }],
	'POST /order/block-sim': ['orderAction', 'blockSim', 'Block SIM', 'Block the SIM of a contract', {
		required: ['contractId'], description: 'Block the SIM card of a contract',
		destructive: 'The SIM card stops working until it is unblocked.',
	}],
	'POST /order/unblock-sim': ['orderAction', 'unblockSim', 'Unblock SIM', 'Unblock the SIM of a contract', {
		required: ['contractId'], description: 'Unblock the SIM card of a contract',
	}],
	'POST /order/move': ['orderAction', 'moveContract', 'Move Contract', 'Move a contract to another group', {
		required: ['contractId', 'destinationGroupId'], description: 'Move a contract to another group of the hierarchy',
	}],
	'GET /order/operations': ['orderAction', 'getAvailableOperations', 'Get Available Operations', 'Get the operations available for a contract'],
	'POST /order/porting-out': ['orderAction', 'portOut', 'Port Out', 'Port out the number of a mobile contract to another provider', {
		required: ['contractId'], description: 'Port out the number of a contract to another provider',
		destructive: 'The number leaves KPN and the contract ends.',
	}],
	'POST /order/replace-sim': ['orderAction', 'replaceSim', 'Replace SIM', 'Replace the SIM of a contract', {
		required: ['contractId'], description: 'Replace the SIM card of a contract (for an eSIM the email is required)',
		destructive: 'The current SIM card stops working.',
	}],
	'POST /order/replace-sim/validator': ['orderAction', 'validateSimCard', 'Validate SIM Card Number', 'Validate a new SIM card number', {
		required: ['contractId', 'newSimCardNumber'], description: 'Check whether a SIM card number can be used to replace the SIM of a contract',
	}],
	'POST /order/return-hardware': ['orderAction', 'returnHardware', 'Return Hardware', 'Return the hardware of a mobile order', {
		required: ['orderId', 'hardwareToReturn', 'reason'], description: 'Return hardware of an order to KPN',
		params: {
			orderId: 'ID of the order the hardware was ordered in',
			hardwareToReturn: 'Contract item IDs of the hardware, comma-separated (see Order → Get Hardware)',
		},
	}],
	'POST /order/samsung-knox': ['orderAction', 'registerSamsungKnox', 'Register Samsung Knox', 'Register ordered hardware in KNOX', {
		required: ['orderId'], description: 'Register the hardware of an order in Samsung Knox',
		params: { orderId: 'ID of the order the hardware was ordered in' },
	}],
	'POST /order/terminate': ['orderAction', 'terminate', 'Terminate', 'Terminate a mobile contract on a date', {
		required: ['contractId'], description: 'Terminate a contract',
		destructive: 'The contract and its number end on the wish date.',
	}],
	'GET /order/terminate/termination-fee': ['orderAction', 'getTerminationFee', 'Get Termination Fee', 'Get the termination fee of a contract', {
		description: 'Get the termination fee for a contract and termination date',
	}],
	'GET /order/terminate/{contractId}/min-date': ['orderAction', 'getMinTerminationDate', 'Get First Termination Date', 'Get the first possible termination date of a contract', {
		description: 'Get the first possible termination date of a contract', text: true,
	}],
	'POST /contracting/separate-fixed-mobile': ['orderAction', 'separateFixedMobile', 'Separate Fixed Mobile', 'Separate a fixed mobile subscription', {
		required: ['contractId'], description: 'Split a combined fixed-mobile (VAMO) subscription',
		destructive: 'The fixed and mobile numbers become separate subscriptions.',
	}],

	// Subscriber administration
	'POST /hierarchy/subscribers': ['subscriberAdmin', 'create', 'Create', 'Create a mobile subscriber in a hierarchy group', {
		description: 'Create a subscriber, with a user when userAdditionalInfo is given',
	}],
	'POST /hierarchy/subscribers/link': ['subscriberAdmin', 'linkToGripIdentity', 'Link to Grip Identity', 'Link a subscriber to a grip identity', {
		required: ['subscriberId', 'gripEntityId'],
	}],
	'GET /hierarchy/grip-entities': ['subscriberAdmin', 'getGripEntities', 'Get Unlinked Grip Entities', 'Get grip entities not linked to a subscriber'],
	'GET /hierarchy/subscribers/roles': ['subscriberAdmin', 'getRoles', 'Get Roles', 'Get all roles a mobile subscriber user can have'],
	'GET /hierarchy/subscribers/roles/{roleId}/privileges': ['subscriberAdmin', 'getRolePrivileges', 'Get Role Privileges', 'Get the privileges of a role'],
	'POST /hierarchy/subscribers/{id}/assign-entities': ['subscriberAdmin', 'assignEntities', 'Assign Managed Entities', 'Assign managed entities to a subscriber', {
		idOf: 'subscriber (employee)', required: ['groupIds'], description: 'Assign hierarchy entities for an employee to manage',
	}],
	'POST /hierarchy/subscribers/{id}/unassign-entities': ['subscriberAdmin', 'unassignEntities', 'Unassign Managed Entities', 'Unassign managed entities from a subscriber', {
		idOf: 'subscriber (employee)', required: ['groupIds'], description: 'Stop an employee managing the given hierarchy entities',
	}],
	'POST /hierarchy/subscribers/{id}/delete': ['subscriberAdmin', 'delete', 'Delete', 'Delete a mobile subscriber', {
		idOf: 'subscriber', destructive: 'The subscriber cannot be restored.',
	}],
	'GET /hierarchy/subscribers/{id}/managed-entities': ['subscriberAdmin', 'getManagedEntities', 'Get Managed Entities', 'Get the entities a subscriber manages', {
		idOf: 'subscriber (employee)',
	}],
	'POST /hierarchy/subscribers/{id}/move': ['subscriberAdmin', 'move', 'Move', 'Move a mobile subscriber to another hierarchy group', {
		idOf: 'subscriber', required: ['destinationGroupId'], description: 'Move a subscriber to another location in the company hierarchy',
	}],
	'GET /hierarchy/subscribers/{id}/operations': ['subscriberAdmin', 'getOperations', 'Get Operations', 'Get the operations available for a subscriber', {
		idOf: 'subscriber',
	}],
	'GET /hierarchy/subscribers/{subscriberId}/contracts': ['subscriberAdmin', 'getContracts', 'Get Contracts', 'Get the contracts of a subscriber'],
	'GET /hierarchy/subscribers/{subscriberId}/contracts/overview': ['subscriberAdmin', 'getContractOverview', 'Get Contract Overview', 'Get the contract overview of a subscriber'],
	'GET /hierarchy/subscribers/{subscriberId}/roles': ['subscriberAdmin', 'getUserRoles', 'Get User Roles', 'Get the roles of a subscriber user'],
	'POST /hierarchy/subscribers/{subscriberId}/roles': ['subscriberAdmin', 'updateUserRoles', 'Update User Roles', 'Update the roles of a subscriber user', {
		description: 'Add and/or remove roles of a subscriber user',
	}],

	// Hierarchy items (cost centers, virtual groups)
	'POST /hierarchy/children/cost-center': ['hierarchyItem', 'createCostCenter', 'Create Cost Center', 'Create a cost center in the mobile hierarchy', {
		required: ['groupId', 'name'], params: { name: 'Name of the cost center' }, description: 'Create a cost center under a group',
	}],
	'POST /hierarchy/children/virtual-group': ['hierarchyItem', 'createVirtualGroup', 'Create Virtual Group', 'Create a virtual group in the mobile hierarchy', {
		required: ['groupId', 'name'], params: { name: 'Name of the virtual group' }, description: 'Create a virtual group under a group',
	}],
	'POST /hierarchy/children/move': ['hierarchyItem', 'move', 'Move', 'Move items to another place in the mobile hierarchy', {
		required: ['destinationGroupId', 'movedGroupIds'], description: 'Move up to 10 hierarchy items to another location',
	}],
	'GET /hierarchy/children/operations': ['hierarchyItem', 'getOperations', 'Get Operations', 'Get the hierarchy operations available to you'],
	'GET /hierarchy/children/{id}': ['hierarchyItem', 'get', 'Get', 'Get an item of the mobile hierarchy by ID', { idOf: 'hierarchy item' }],
	'POST /hierarchy/children/{id}': ['hierarchyItem', 'update', 'Update', 'Update an item of the mobile hierarchy', {
		idOf: 'cost center or custom group', params: { name: 'New name' },
	}],
	'GET /hierarchy/children/{id}/operations': ['hierarchyItem', 'getItemOperations', 'Get Item Operations', 'Get the operations available for a hierarchy item', {
		idOf: 'hierarchy item',
	}],
	'POST /hierarchy/children/{id}/remove': ['hierarchyItem', 'remove', 'Remove', 'Remove an item from the mobile hierarchy', {
		idOf: 'cost center or custom group',
		destructive: 'Its end users and units move to the next higher item of the structure.',
	}],

	// Contracts: details, counts, VAMO numbers
	'GET /contract/id/{id}': ['contractInfo', 'get', 'Get', 'Get the details of a mobile contract by ID', { idOf: 'contract' }],
	'GET /contract/overview': ['contractInfo', 'getOverview', 'Get Overview', 'Get the number of contracts per type'],
	'GET /contract/id/{id}/vamo/fixed-numbers': ['contractInfo', 'getVamoFixedNumbers', 'Get VAMO Fixed Numbers', 'Get fixed numbers to combine with a contract', {
		idOf: 'contract',
	}],
	'GET /contract/id/{id}/vamo/mobile-numbers': ['contractInfo', 'getVamoMobileNumbers', 'Get VAMO Mobile Numbers', 'Get mobile numbers to combine with a contract', {
		idOf: 'contract',
	}],

	// Thresholds
	'GET /contract/thresholds': ['threshold', 'getAll', 'Get Many', 'Get many mobile usage thresholds'],
	'POST /contract/thresholds': ['threshold', 'create', 'Create', 'Create a mobile usage threshold', {
		required: ['name', 'type', 'dailyValue'], params: THRESHOLD_FIELDS,
	}],
	'GET /contract/thresholds/availability': ['threshold', 'getAvailability', 'Get Availability', 'Check whether you have access to mobile usage thresholds', {
		description: 'Check whether you have access to thresholds',
	}],
	'POST /contract/thresholds/remove': ['threshold', 'remove', 'Remove', 'Remove one or more mobile usage thresholds', {
		required: ['thresholdIds'], destructive: 'The thresholds are deleted; if one cannot be, none is.',
	}],
	'GET /contract/thresholds/{id}': ['threshold', 'get', 'Get', 'Get a mobile usage threshold by ID', {
		idOf: 'threshold', description: 'Get a threshold, with whether you may modify or delete it',
	}],
	'POST /contract/thresholds/{id}': ['threshold', 'update', 'Update', 'Update a mobile usage threshold', {
		idOf: 'threshold', required: ['name', 'type', 'dailyValue'], params: THRESHOLD_FIELDS,
	}],
	'POST /contract/thresholds/{id}/assign': ['threshold', 'assignContracts', 'Assign Contracts', 'Assign contracts to a threshold', {
		idOf: 'threshold', required: ['contractsIds'], description: 'Assign contracts to a threshold',
	}],
	'POST /contract/thresholds/{id}/unassign': ['threshold', 'unassignContracts', 'Unassign Contracts', 'Unassign contracts from a threshold', {
		idOf: 'threshold', required: ['contractsIds'], description: 'Unassign contracts from a threshold',
	}],
	'GET /contract/thresholds/{thresholdId}/contracts': ['threshold', 'getContracts', 'Get Contracts', 'Get the contracts of a threshold'],
	'GET /contract/thresholds/{thresholdId}/contracts-to-assign': ['threshold', 'getContractsToAssign', 'Get Contracts to Assign', 'Get contracts that can be assigned to a threshold', {
		description: 'Get the contracts that can be assigned to a threshold',
	}],

	// Finance
	'GET /finances/invoices': ['finance', 'getInvoices', 'Get Invoices', 'Get the mobile invoices of your company', {
		params: { type: 'Only invoices of this type' },
	}],
	'GET /finances/invoices/{id}': ['finance', 'downloadInvoice', 'Download Invoice', 'Download a mobile invoice as PDF', {
		idOf: 'invoice', description: 'Download an invoice as a PDF file',
		binaryFile: { fileName: 'invoice-{id}.pdf', mimeType: 'application/pdf' },
	}],
	'POST /finances/billing-period': ['finance', 'changeBillingPeriod', 'Change Billing Period', 'Change the billing period of your mobile invoices', { required: ['period'] }],
	'GET /finances/billing-period/availability': ['finance', 'getBillingPeriodAvailability', 'Get Billing Period Availability', 'Check whether the billing period can be changed'],

	// Addresses
	'GET /address/all': ['address', 'getAll', 'Get Many', 'Get many delivery addresses for mobile orders', {
		description: 'Get every address you can use, general and personal',
	}],
	'GET /address/customer': ['address', 'getGeneral', 'Get General Addresses', 'Get the general company delivery addresses'],
	'POST /address/customer': ['address', 'createGeneral', 'Create General Address', 'Create a general company delivery address'],
	'GET /address/user': ['address', 'getPersonal', 'Get Personal Addresses', 'Get the personal delivery addresses of subscribers'],
	'POST /address/user': ['address', 'createPersonal', 'Create Personal Address', 'Create a personal delivery address for a subscriber'],
	'POST /address/{id}/delete': ['address', 'delete', 'Delete', 'Delete a delivery address by ID', {
		idOf: 'address', destructive: 'The address cannot be restored.',
	}],
	'POST /address/{id}/edit': ['address', 'update', 'Update', 'Update a delivery address', { idOf: 'address' }],

	// Basket session: everything beyond the hand-written create/get/update/order
	'GET /contracting/basket/characteristics': ['basketAdvanced', 'getCharacteristics', 'Get Characteristics', 'Get the characteristics of a basket'],
	'GET /contracting/basket/products': ['basketAdvanced', 'getProducts', 'Get Products', 'Get the product tree of a basket'],
	'GET /contracting/basket/resources': ['basketAdvanced', 'getResources', 'Get Resources', 'Get the resources such as numbers available for a basket', {
		description: 'Get resources (such as numbers) that start with a prefix',
	}],
	'GET /contracting/basket/templates': ['basketAdvanced', 'getTemplates', 'Get Templates', 'Get the product templates available for a basket', {
		description: 'Get templates, optionally only those whose main product is of one category',
	}],
	'POST /contracting/basket/modify-template': ['basketAdvanced', 'modifyTemplate', 'Modify Template', 'Save a basket into the template it modifies', {
		// Without the session KPN cannot know which basket (and so which template) to save.
		requiredQuery: ['sessionId'],
		params: { sessionId: 'ID of the basket session opened with Basket → Create, Basket For "Modify a Template"' },
		description: 'Save a basket opened with Basket → Create, Basket For "Modify a Template", back into that template',
	}],
	'POST /contracting/basket/save-as-template': ['basketAdvanced', 'saveAsTemplate', 'Save as Template', 'Save a basket as a template', {
		required: ['name'], params: { name: 'Name of the template', groupId: 'ID of the group the template is for' },
		description: 'Save the products of a basket as a new template',
	}],
	'POST /contracting/basket/reset': ['basketAdvanced', 'reset', 'Reset', 'Reset a basket and drop its changes', {
		destructive: 'Every change made in the basket session is discarded.',
	}],
	'GET /contracting/categories': ['basketAdvanced', 'getCategories', 'Get Categories', 'Get the product categories you can contract'],
	'GET /contracting/hardware/categories': ['basketAdvanced', 'getHardwareCategories', 'Get Hardware Categories', 'Get the hardware categories you can order'],

	// Product templates
	'GET /contracting/templates': ['template', 'getAll', 'Get Many', 'Get many product templates of a group', {
		params: { groupId: 'ID of the group whose templates to list' },
	}],
	'GET /contracting/templates/{id}': ['template', 'get', 'Get', 'Get a product template by ID', { idOf: 'template' }],
	'POST /contracting/templates/{id}/delete': ['template', 'delete', 'Delete', 'Delete a product template by ID', {
		idOf: 'template', destructive: 'The template cannot be restored.',
	}],

	// Business voicemail
	'GET /contracting/bvm/availability': ['businessVoicemail', 'getAvailability', 'Get Availability', 'Check whether business voicemail is available'],
	'POST /contracting/bvm/order': ['businessVoicemail', 'order', 'Order', 'Order business voicemail for the subscriptions in a CSV file', {
		description: 'Order business voicemail for the subscriptions in a CSV file (columns separated by ;)',
		params: { companyName: 'Company name spoken in the voicemail greeting' }, file: 'The CSV file of subscriptions',
	}],
};

/** Descriptions of parameters the spec leaves undescribed (or describes by their own name). */
const DESCRIPTIONS = {
	addressName: 'Name to recognise the address by',
	asap: 'Whether to port in as soon as possible (instead of a new wish date)',
	attachmentId: "ID of the attachment (see the service request's attachments)",
	attention: 'Attention line (max 35 characters)',
	category: 'Only contracts of this category',
	city: 'City (max 30 characters)',
	companyName: 'Company name (max 35 characters)',
	companyNamePronunciation: 'How the company name is pronounced in the voicemail greeting',
	confirmationCode: 'Confirmation code of the new SIM card',
	'Content-Language': 'Language of texts in the answer, such as nl or en',
	contextId: 'ID of the hierarchy item the operation is checked for',
	contractId: 'ID of the contract',
	contractsIds: 'IDs of the contracts, comma-separated',
	costCenterNumber: 'Number of the cost center',
	currentUserOrdersOnly: 'Whether to return only those created by the current user',
	customerNumber: 'New customer number at the current provider',
	customerReferenceNumber: 'Your own reference for this order',
	dailyValue: 'Daily limit, in the unit of the threshold type',
	debtorId: 'ID of the debtor whose invoices to list',
	destinationGroupId: 'ID of the group to move to',
	email: 'Email address',
	esim: 'Whether the new SIM is an eSIM (the email is then required)',
	floor: 'Floor (max 21 characters)',
	gripEntityId: 'ID of the grip entity (see Get Unlinked Grip Entities)',
	groupId: 'ID of the parent group in the hierarchy',
	groupIds: 'IDs of the hierarchy entities, comma-separated',
	houseNumber: 'House number (max 5 characters)',
	location: 'Location (max 21 characters)',
	limit: 'Max number of results to return',
	mainProductCategory: 'Only templates whose main product is of this category',
	managedEntities: 'IDs of the hierarchy entities the user manages, comma-separated',
	moveAddonBundles: 'Whether to move add-on bundles too (used only for contracts with an individual bundle)',
	movedGroupIds: 'IDs of the items to move (at most 10), comma-separated',
	newSimCardNumber: 'Number of the new SIM card',
	newWishDate: 'New port-in date (ISO 8601)',
	note: 'Why it is cancelled',
	order: 'Sort direction',
	orderId: 'ID of the order',
	pattern: 'Only items matching this search text',
	patterns: 'Only items matching these search texts, comma-separated',
	period: 'New billing period',
	prefix: 'Only resources starting with this text',
	reason: 'Why the hardware is returned',
	referenceNumber: 'Your own reference for this request (max 25 characters)',
	remarks: 'Remarks for KPN',
	roleId: 'ID of the role',
	roles: 'IDs of the roles, comma-separated',
	rolesToAdd: 'IDs of the roles to add, comma-separated',
	rolesToRemove: 'IDs of the roles to remove, comma-separated',
	room: 'Room (max 20 characters)',
	sessionId: 'ID of the basket session (from Basket → Create)',
	sortBy: 'Field to sort by',
	spectatedUserId: 'ID of the user you act for, if not yourself (spectatedUserId)',
	status: 'Only items in these statuses (at least one)',
	street: 'Street (max 24 characters)',
	subscriberId: 'ID of the subscriber',
	thresholdId: 'ID of the threshold',
	thresholdIds: 'IDs of the thresholds, comma-separated',
	userOnly: 'Whether to return only subscribers that are users',
	voiceLanguage: 'Language of the voicemail',
	voiceMailMessage: 'Text of the voicemail greeting',
	wishDate: 'Wanted date (ISO 8601, such as 2025-01-31T00:00:00Z)',
	withRequiredActionFirst: 'Whether to list those that need your action first',
};

/** Labels the generic rule in label() gets wrong. */
const LABELS = {
	asap: 'As Soon As Possible',
	contractsIds: 'Contract IDs',
	esim: 'eSIM',
	order: 'Sort Order',
	sessionId: 'Basket Session ID',
	spectatedUserId: 'Spectated User ID',
};

const DATE_EXAMPLE = '2025-01-31T00:00:00Z';

// ---------------------------------------------------------------------------------------------
// Building the catalogue
// ---------------------------------------------------------------------------------------------

function fail(message) {
	throw new Error(`generate-msm-spec: ${message}`);
}

/** One sentence: no final period; several: a final period (n8n's description lint rules). */
function sentence(text) {
	const trimmed = String(text)
		.replace(/\s+/g, ' ')
		.replace(/\bids\b/gi, 'IDs')
		.replace(/\bid\b/gi, 'ID')
		.trim();
	const single = trimmed.replace(/\.$/, '');
	const capital = single.charAt(0).toUpperCase() + single.slice(1);
	return /\.\s/.test(capital) ? `${capital}.` : capital;
}

function describe(name, specText, extra) {
	if (extra.params?.[name]) return extra.params[name];
	if (name === 'id' && extra.idOf) return `ID of the ${extra.idOf}`;
	const own = typeof specText === 'string' ? specText.trim() : '';
	if (own !== '' && own.toLowerCase() !== name.toLowerCase()) return sentence(own);
	if (DESCRIPTIONS[name]) return DESCRIPTIONS[name];
	return fail(`no description for parameter "${name}" (add it to DESCRIPTIONS)`);
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to']);

/** Title Case label of a wire name: `currentUserOrdersOnly` → `Current User Orders Only`. */
function label(name, extra) {
	if (LABELS[name]) return LABELS[name];
	const source = name === 'id' && extra.idOf ? `${extra.idOf.replace(/\s*\(.*\)/, '')} id` : name;
	const words = source
		.replace(/-/g, ' ')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.split(/\s+/)
		.filter((word) => word !== '');
	return words
		.map((word, i) => {
			const lower = word.toLowerCase();
			if (lower === 'id') return 'ID';
			if (lower === 'ids') return 'IDs';
			if (lower === 'sim') return 'SIM';
			if (i > 0 && i < words.length - 1 && SMALL_WORDS.has(lower)) return lower;
			return lower.charAt(0).toUpperCase() + lower.slice(1);
		})
		.join(' ');
}

function param(name, raw, required, extra = {}) {
	const items = raw.type === 'array' ? raw.items ?? {} : undefined;
	const values = raw.enum ?? items?.enum;
	const example = raw['x-example'] ?? raw.example;
	return {
		name,
		label: label(name, extra),
		type: raw.type,
		...(items ? { items: items.type } : {}),
		...(raw.format ?? items?.format ? { format: raw.format ?? items.format } : {}),
		required: Boolean(required),
		...(values ? { enum: values.map(String) } : {}),
		...(raw.default !== undefined ? { default: raw.default } : {}),
		description: describe(name, raw.description, extra),
		...(example !== undefined && typeof example !== 'boolean' ? { example: String(example) } : {}),
	};
}

function definition(definitions, ref) {
	const name = String(ref).replace('#/definitions/', '');
	return { name, schema: definitions[name] ?? fail(`unknown definition ${ref}`) };
}

/** The documented shape with sample values, for the JSON body hint. */
function sample(definitions, schema, depth = 0) {
	if (schema.$ref) return depth > 4 ? {} : sample(definitions, definition(definitions, schema.$ref).schema, depth + 1);
	if (schema.enum) return String(schema.enum[0]);
	if (schema.type === 'array') return [sample(definitions, schema.items ?? {}, depth + 1)];
	if (schema.type === 'object' || schema.properties) {
		return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sample(definitions, value, depth + 1)]));
	}
	if (schema.type === 'integer') return schema.format === 'int64' ? 123 : 1;
	if (schema.type === 'number') return 1.5;
	if (schema.type === 'boolean') return false;
	if (schema.format === 'date-time') return DATE_EXAMPLE;
	return schema.example !== undefined ? String(schema.example) : 'string';
}

function isFlat(property) {
	if (property.$ref || property.type === 'object') return false;
	return property.type !== 'array' || (!property.items?.$ref && property.items?.type !== 'object');
}

function body(definitions, raw, extra) {
	if (!raw.schema?.$ref) fail(`body "${raw.name}" has no schema reference`);
	const { name, schema } = definition(definitions, raw.schema.$ref);
	const properties = Object.entries(schema.properties ?? {});
	const required = new Set([...(schema.required ?? []), ...(extra.required ?? [])]);
	for (const field of extra.required ?? []) {
		if (!schema.properties?.[field]) fail(`${name} has no field "${field}" to require`);
	}
	const flat = properties.every(([, property]) => isFlat(property));
	return {
		schema: name,
		required: Boolean(raw.required),
		mode: flat ? 'fields' : 'json',
		fields: flat ? properties.map(([key, property]) => param(key, property, required.has(key), extra)) : [],
		...(flat ? {} : { example: JSON.stringify(sample(definitions, schema)) }),
	};
}

const RESERVED = new Set(['resource', 'operation', 'returnAll', 'limit', 'additionalFields', 'options', 'body', 'binaryPropertyName']);

/** camelCase UI name of a wire name (`Content-Language` → `contentLanguage`). */
function fieldName(name) {
	return name.replace(/-([a-zA-Z])/g, (_, letter) => letter.toUpperCase()).replace(/^[A-Z]/, (letter) => letter.toLowerCase());
}

function buildOperation(definitions, method, path, raw, naming) {
	const [resource, operation, displayName, action, extra = {}] = naming;
	const key = `${method} ${path}`;
	const parameters = raw.parameters ?? [];
	const known = new Set(['path', 'query', 'header', 'body', 'formData']);
	for (const p of parameters) if (!known.has(p.in)) fail(`${key}: parameter "${p.name}" in ${p.in}`);
	const pick = (where) => parameters.filter((p) => p.in === where);

	const query = pick('query');
	const paged = query.some((p) => p.name === 'from') && query.some((p) => p.name === 'to');
	const okSchema = raw.responses?.['200']?.schema;
	if (paged && !/PagedResult/.test(okSchema?.$ref ?? '')) fail(`${key}: pages with from/to but does not answer a PagedResult`);

	const bodies = pick('body');
	const files = pick('formData');
	if (bodies.length > 1 || files.length > 1) fail(`${key}: more than one body or file`);
	if (files.length === 1 && files[0].type !== 'file') fail(`${key}: form field "${files[0].name}" is not a file`);

	const summary = raw.summary ?? fail(`${key}: no summary`);
	const base = sentence(extra.description ?? summary);
	const entry = {
		resource,
		operation,
		displayName,
		action,
		description: extra.destructive ? `Destructive: ${base}. ${extra.destructive}` : base,
		method,
		path,
		...(raw.operationId ? { operationId: raw.operationId } : {}),
		pathParams: pick('path').map((p) => param(p.name, p, true, extra)),
		queryParams: query
			.filter((p) => !(paged && (p.name === 'from' || p.name === 'to')))
			.map((p) => param(p.name, p, p.required || (extra.requiredQuery ?? []).includes(p.name), extra)),
		headerParams: pick('header').map((p) => param(p.name, p, p.required, extra)),
		...(bodies.length === 1 ? { body: body(definitions, bodies[0], extra) } : {}),
		...(files.length === 1 ? { file: { name: files[0].name, description: extra.file ?? sentence(files[0].description) } } : {}),
		response: extra.binaryFile ? 'binary' : extra.text ? 'text' : 'json',
		...(extra.binaryFile ? { binaryFile: extra.binaryFile } : {}),
		destructive: Boolean(extra.destructive),
		paged,
		safeToRetry: method === 'GET',
	};
	if (extra.required && !entry.body) fail(`${key}: "required" given but there is no body`);
	for (const name of extra.requiredQuery ?? []) {
		if (!query.some((p) => p.name === name)) fail(`${key}: no query parameter "${name}" to require`);
	}
	if (entry.pathParams.some((p) => !path.includes(`{${p.name}}`))) fail(`${key}: a path parameter is not in the path`);

	const names = [
		...entry.pathParams,
		...entry.queryParams,
		...entry.headerParams,
		...(entry.body?.fields ?? []),
		...(entry.file ? [{ name: entry.file.name, required: true }] : []),
	];
	const seen = new Set();
	for (const p of names) {
		const field = fieldName(p.name);
		if (seen.has(field)) fail(`${key}: two parameters are called "${field}"`);
		seen.add(field);
		if (p.required && RESERVED.has(field)) fail(`${key}: required parameter "${field}" clashes with a node field`);
	}
	return entry;
}

function buildCatalogue(doc) {
	const definitions = doc.definitions ?? {};
	const methods = ['get', 'put', 'post', 'delete', 'patch'];
	const operations = [];
	const used = new Set();
	for (const [path, item] of Object.entries(doc.paths ?? {})) {
		for (const [method, raw] of Object.entries(item)) {
			if (!methods.includes(method)) fail(`unknown method ${method} at ${path}`);
			const key = `${method.toUpperCase()} ${path}`;
			if (HAND_WRITTEN.includes(key)) {
				if (NAMING[key]) fail(`${key} is both hand-written and generated`);
				used.add(key);
				continue;
			}
			const naming = NAMING[key] ?? fail(`${key} is in the spec but not in NAMING: give it a resource and operation`);
			used.add(key);
			operations.push(buildOperation(definitions, method.toUpperCase(), path, raw, naming));
		}
	}
	const missing = [...Object.keys(NAMING), ...HAND_WRITTEN].filter((key) => !used.has(key));
	if (missing.length > 0) fail(`not in the spec any more: ${missing.join(', ')}`);

	const resources = new Set(RESOURCES.map((resource) => resource.value));
	const pairs = new Set();
	for (const op of operations) {
		if (!resources.has(op.resource)) fail(`${op.resource} is not in RESOURCES`);
		const pair = `${op.resource}/${op.operation}`;
		if (pairs.has(pair)) fail(`${pair} is used twice`);
		pairs.add(pair);
	}
	for (const resource of resources) {
		if (!operations.some((op) => op.resource === resource)) fail(`resource ${resource} has no operations`);
	}
	const byName = (a, b) => a.resource.localeCompare(b.resource) || a.displayName.localeCompare(b.displayName);
	return { version: doc.info?.version ?? '', operations: operations.sort(byName) };
}

// ---------------------------------------------------------------------------------------------
// Writing TypeScript
// ---------------------------------------------------------------------------------------------

function quote(text) {
	return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function literal(value, indent) {
	if (typeof value === 'string') return quote(value);
	if (typeof value !== 'object' || value === null) return String(value);
	const inner = '\t'.repeat(indent + 1);
	const entries = Array.isArray(value)
		? value.map((item) => literal(item, indent + 1))
		: Object.entries(value)
				.filter(([, item]) => item !== undefined)
				.map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key)}: ${literal(item, indent + 1)}`);
	const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
	if (entries.length === 0) return `${open}${close}`;
	const oneLine = Array.isArray(value) ? `[${entries.join(', ')}]` : `{ ${entries.join(', ')} }`;
	if (!oneLine.includes('\n') && oneLine.length + indent * 2 <= 150) return oneLine;
	return `${open}\n${entries.map((entry) => `${inner}${entry},`).join('\n')}\n${'\t'.repeat(indent)}${close}`;
}

function render(catalogue, specPath) {
	const source = relative(ROOT, specPath).split('\\').join('/');
	return [
		`// Generated by scripts/generate-msm-spec.mjs from ${source} (${catalogue.version}).`,
		'// Do not edit: change the naming tables in the script (or the spec) and run it again.',
		"import type { SpecOperation, SpecResource } from './types';",
		'',
		`export const SPEC_VERSION = ${quote(catalogue.version)};`,
		'',
		`export const RESOURCES: readonly SpecResource[] = ${literal(RESOURCES, 0)};`,
		'',
		`export const OPERATIONS: readonly SpecOperation[] = ${literal(catalogue.operations, 0)};`,
		'',
	].join('\n');
}

// ---------------------------------------------------------------------------------------------
// A small YAML reader: block mappings and sequences, plain and quoted scalars, block scalars
// (| and >, with chomping), comments, and flow collections of plain scalars ([], [a, b], {}).
// ---------------------------------------------------------------------------------------------

function parseYaml(text) {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	let index = 0;

	const indentOf = (line) => line.length - line.trimStart().length;
	const isBlank = (line) => line.trim() === '' || line.trimStart().startsWith('#');
	const isDash = (content) => content === '-' || content.startsWith('- ');
	const skipBlank = () => {
		while (index < lines.length && isBlank(lines[index])) index++;
	};
	const problem = (message) => fail(`YAML line ${index + 1}: ${message}`);

	function node(indent) {
		skipBlank();
		if (index >= lines.length) return null;
		const content = lines[index].slice(indent);
		if (isDash(content)) return sequence(indent);
		if (keyOf(content) !== undefined) return mapping(indent);
		index++;
		return scalar(content.trim());
	}

	function sequence(indent) {
		const list = [];
		for (;;) {
			skipBlank();
			if (index >= lines.length || indentOf(lines[index]) !== indent) break;
			const content = lines[index].slice(indent);
			if (!isDash(content)) break;
			const rest = content.slice(1).trimStart();
			if (rest === '' || rest.startsWith('#')) {
				index++;
				skipBlank();
				list.push(index < lines.length && indentOf(lines[index]) > indent ? node(indentOf(lines[index])) : null);
			} else {
				// "- key: value" opens a mapping at the column of "key": blank out the dash, read again.
				const column = indent + content.length - rest.length;
				lines[index] = ' '.repeat(column) + rest;
				list.push(node(column));
			}
		}
		return list;
	}

	function mapping(indent) {
		const map = {};
		for (;;) {
			skipBlank();
			if (index >= lines.length || indentOf(lines[index]) !== indent) break;
			const content = lines[index].slice(indent);
			const key = keyOf(content);
			if (key === undefined) break;
			const rest = content.slice(key.length).replace(/^\s*:/, '').trim();
			index++;
			map[unquote(key.trim())] = valueAfterKey(rest, indent);
		}
		if (index < lines.length && indentOf(lines[index]) > indent) problem('unexpected indentation');
		return map;
	}

	function valueAfterKey(rest, indent) {
		if (rest === '' || rest.startsWith('#')) {
			skipBlank();
			if (index >= lines.length) return null;
			const next = indentOf(lines[index]);
			if (next > indent) return node(next);
			if (next === indent && isDash(lines[index].slice(indent))) return sequence(indent);
			return null;
		}
		const block = /^([|>])([+-]?)\s*(#.*)?$/.exec(rest);
		if (block) return blockScalar(block[1], block[2], indent);
		let text = rest;
		if (!/^['"[{]/.test(rest)) {
			// A plain scalar goes on over more-indented lines.
			while (index < lines.length && !isBlank(lines[index]) && indentOf(lines[index]) > indent) {
				text += ` ${lines[index].trim()}`;
				index++;
			}
		}
		return scalar(text);
	}

	function blockScalar(style, chomp, parentIndent) {
		const body = [];
		let contentIndent;
		while (index < lines.length) {
			const line = lines[index];
			if (line.trim() === '') {
				body.push(contentIndent === undefined ? '' : line.slice(contentIndent));
				index++;
				continue;
			}
			const lineIndent = indentOf(line);
			if (contentIndent === undefined) {
				if (lineIndent <= parentIndent) break;
				contentIndent = lineIndent;
			}
			if (lineIndent < contentIndent) break;
			body.push(line.slice(contentIndent));
			index++;
		}
		let trailing = 0;
		while (body.length > 0 && body[body.length - 1] === '') {
			body.pop();
			trailing++;
		}
		let text = body.join('\n');
		if (style === '>') {
			// Folding: a line break between two ordinary lines becomes a space.
			text = body.reduce((folded, line, i) => {
				if (i === 0) return line;
				const keepBreak = line === '' || line.startsWith(' ') || body[i - 1] === '' || body[i - 1].startsWith(' ');
				return `${folded}${keepBreak ? '\n' : ' '}${line}`;
			}, '');
		}
		if (chomp === '-' || body.length === 0) return text;
		return chomp === '+' ? text + '\n'.repeat(trailing + 1) : `${text}\n`;
	}

	const root = node(0);
	skipBlank();
	if (index < lines.length) problem('content after the document');
	return root;
}

/** The key of a "key: value" line, quotes included, or undefined. */
function keyOf(content) {
	const match = /^('(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^\s'"#[{-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?=\s|$)/.exec(content);
	return match ? match[1] : undefined;
}

function unquote(text) {
	if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
	if (text.startsWith('"')) return JSON.parse(text);
	return text;
}

function scalar(raw) {
	if (raw.startsWith("'") || raw.startsWith('"')) {
		const quoteChar = raw[0];
		let end = 1;
		while (end < raw.length) {
			if (quoteChar === '"' && raw[end] === '\\') end += 2;
			else if (quoteChar === "'" && raw[end] === "'" && raw[end + 1] === "'") end += 2;
			else if (raw[end] === quoteChar) break;
			else end++;
		}
		return unquote(raw.slice(0, end + 1));
	}
	const text = raw.replace(/\s+#.*$/, '').trim();
	if (text === '[]') return [];
	if (text === '{}') return {};
	if (text.startsWith('[') && text.endsWith(']')) return text.slice(1, -1).split(',').map((part) => scalar(part.trim()));
	if (text === '' || text === '~' || text === 'null') return null;
	if (text === 'true' || text === 'false') return text === 'true';
	if (/^-?\d+$/.test(text) || /^-?\d*\.\d+(e[+-]?\d+)?$/i.test(text)) return Number(text);
	return text;
}

// ---------------------------------------------------------------------------------------------

function main(argv) {
	const specIndex = argv.indexOf('--spec');
	const specPath = specIndex >= 0 ? argv[specIndex + 1] : DEFAULT_SPEC;
	const catalogue = buildCatalogue(parseYaml(readFileSync(specPath, 'utf8')));
	const output = render(catalogue, specPath);
	const target = relative(ROOT, OUTPUT);
	if (argv.includes('--check')) {
		let current = '';
		try {
			current = readFileSync(OUTPUT, 'utf8');
		} catch {
			// missing: reported below
		}
		if (current !== output) {
			console.error(`${target} is out of date: run node scripts/generate-msm-spec.mjs`);
			process.exit(1);
		}
		console.log(`${target} is up to date (${catalogue.operations.length} operations)`);
		return;
	}
	writeFileSync(OUTPUT, output);
	console.log(`wrote ${target}: ${catalogue.operations.length} operations`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
