import { KpnIncident } from '../../../nodes/KpnIncident/KpnIncident.node';
import { memoryFile } from '../../harness/binaryItems';
import type { BadInputCase } from './types';

const family = 'KPN Incident';
const nodeType = () => new KpnIncident();
const create = {
	resource: 'incident',
	operation: 'create',
	referenceNumber: '={{ $json.ref }}',
	shortDescription: '={{ $json.short }}',
	ci: { __rl: true, mode: 'name', value: 'ESB BIZTALK KPN' },
};
const good = { ref: 'ABC1234', short: 'Line down' };
const comment = { resource: 'incident', operation: 'comment', ticketNumber: 'INC0010001', referenceNumber: 'ABC1234', comment: 'Still down' };
const incident = (name: string, message: BadInputCase['message'], setup: Omit<BadInputCase, 'family' | 'name' | 'nodeType' | 'message'>): BadInputCase => ({
	family,
	name,
	nodeType,
	message,
	...setup,
});
const MB = 1024 * 1024;

export const incidentCases: BadInputCase[] = [
	incident('create: no reference number', 'Reference Number is empty', { parameters: create, items: [{ ...good, ref: '' }] }),
	incident('create: no short description (expression gives nothing)', 'Short Description is empty', { parameters: create, items: [{ ref: 'ABC1234' }] }),
	incident('create: short description is an object (expression)', 'Short Description must be text, not an object', {
		parameters: { ...create, shortDescription: '={{ { text: "Line down" } }}' },
		items: [good],
	}),
	// A required field left empty as a literal is n8n's own "workflow has issues" check, before any
	// node runs; the node's own checks matter for values that come from expressions.
	incident('create: no CI (expression gives nothing)', 'CI is empty', { parameters: { ...create, ci: { __rl: true, mode: 'name', value: '={{ $json.ci }}' } }, items: [good] }),
	incident('create: second of three items bad, nothing created', 'Short Description is empty', {
		parameters: create,
		items: [good, { ref: 'ABC1235', short: '  ' }, good],
		item: 1,
	}),
	incident('create: attachments over 10 MB', /^Attachments: the files total 10\.5 MB, more than the 10 MB KPN accepts per request: dump\.bin \(10\.5 MB\)$/, {
		parameters: { ...create, additionalFields: { attachments: 'data' } },
		items: [good],
		binaries: [{ data: memoryFile(Buffer.alloc(Math.round(10.5 * MB), 1), 'dump.bin') }],
	}),
	incident('create: attachment property not on the item', 'Attachments: binary property "screenshot" not found on this item (its binary properties are: data)', {
		parameters: { ...create, additionalFields: { attachments: 'screenshot' } },
		items: [good],
		binaries: [{ data: memoryFile('log', 'modem.log') }],
	}),
	incident('create: attachment names a JSON field', /^Attachments: "ref" is a JSON field, not a binary property/, {
		parameters: { ...create, additionalFields: { attachments: 'ref' } },
		items: [good],
	}),
	incident('create: API base path is a URL', /^API Base Path: "https:\/\/evil\.example\/incident" is a URL/, {
		parameters: { ...create, options: { basePath: 'https://evil.example/incident' } },
		items: [good],
	}),
	incident('create: API base path with a space', /^API Base Path: "\/network\/kpn\/incident \?x" is not a URL path/, {
		parameters: { ...create, options: { basePath: '/network/kpn/incident ?x' } },
		items: [good],
	}),
	incident('comment: no ticket number (expression gives "")', 'Ticket Number is empty', { parameters: { ...comment, ticketNumber: '={{ "" }}' } }),
	incident('comment: ticket number is an object (expression)', 'Ticket Number must be text, not an object', {
		parameters: { ...comment, ticketNumber: '={{ { ticket: "INC0010001" } }}' },
	}),
	incident('comment: no reference number', 'Reference Number is empty', { parameters: { ...comment, referenceNumber: ' ' } }),
	incident('comment: no text and no attachment', 'Comment is empty', { parameters: { ...comment, comment: '' } }),
	incident('close: ticket number from an expression that gives null', 'Ticket Number is empty', {
		parameters: { ...comment, operation: 'close', ticketNumber: '={{ $json.ticket ?? null }}' },
	}),
	incident('get: ticket number is a list (expression)', 'Ticket Number must be text, not a list', {
		parameters: { resource: 'incident', operation: 'get', ticketNumber: '={{ ["INC0010001", "INC0010002"] }}' },
	}),
	incident('get many: limit 0', 'Limit must be a whole number of at least 1 (got 0)', { parameters: { resource: 'incident', operation: 'getAll', returnAll: false, limit: 0 } }),
	incident('get many: limit is text (expression)', 'Limit must be a whole number of at least 1 (got ten)', {
		parameters: { resource: 'incident', operation: 'getAll', returnAll: false, limit: '={{ "ten" }}' },
	}),
];
