import { Nextpertise } from '../../../nodes/Nextpertise/Nextpertise.node';
import { memoryFile } from '../../harness/binaryItems';
import type { BadInputCase } from './types';

// The Nextpertise node checks every item against the method catalogue (types, required, regexes,
// enums) before it sends anything. Messages name the item and the parameter path as the API sees it.
const family = 'Nextpertise';
const nodeType = () => new Nextpertise();
const nextpertise = (name: string, message: BadInputCase['message'], setup: Omit<BadInputCase, 'family' | 'name' | 'nodeType' | 'message'>): BadInputCase => ({
	family,
	name,
	nodeType,
	message,
	...setup,
});

const zipcode = { resource: 'broadband', operation: 'zipcode', zipcode: '={{ $json.zipcode }}', housenr: '={{ $json.housenr }}' };
const order = {
	resource: 'broadband',
	operation: 'order_connection',
	zipcode: '2408ZE',
	housenr: 9,
	carrier: 633,
	circuit: { values: [{ circuit: 272 }] },
};
const ticket = { resource: 'support', operation: 'create_ticket', subject: 'Connection down', comment: 'Please help' };
const POSTCODE = 'a Dutch postcode like 2408ZE (regex ^[0-9]{4}[A-Z]{2}$)';
const POSTCODE_PREFIX = 'a Dutch postcode like 2408ZE (regex ^[0-9]{4}[A-Z]{2})';
const PHONE = 'a Dutch national phone number like 0101234567 (regex ^0([1-7][0-9]|85|88)[0-9]{7}$) (or null)';

export const nextpertiseCases: BadInputCase[] = [
	nextpertise('postcodes get_housenrs: postcode "24080ZE" (five digits)', `zipcode must be ${POSTCODE}, got "24080ZE"`, {
		parameters: { resource: 'postcodes', operation: 'get_housenrs', zipcode: '24080ZE' },
	}),
	nextpertise('broadband zipcode: postcode "ABCD12" (from an expression)', `zipcode must be ${POSTCODE_PREFIX}, got "ABCD12"`, {
		parameters: zipcode,
		items: [{ zipcode: 'ABCD12', housenr: 9 }],
	}),
	nextpertise('broadband zipcode: house number "12a" from an expression', 'housenr must be a whole number, got "12a"', {
		parameters: zipcode,
		items: [{ zipcode: '2408ZE', housenr: '12a' }],
	}),
	nextpertise('postcodes get_housenrext: house number 1.5 (integer wanted)', 'housenr must be a whole number, got 1.5', {
		parameters: { resource: 'postcodes', operation: 'get_housenrext', zipcode: '2584TX', housenr: '={{ $json.housenr }}' },
		items: [{ housenr: 1.5 }],
	}),
	nextpertise('diagnostics get_authlog: nid "2408ZE0001" (too short)', /^nid must be a Nextpertise NID \(carrier or circuit ID\) like 2408ZE000100100 \(regex .*\), got "2408ZE0001"$/, {
		parameters: { resource: 'diagnostics', operation: 'get_authlog', nid: '2408ZE0001' },
	}),
	nextpertise('order_connection: contact phone number "+31101234567" (not national)', `contact_phonenumber must be ${PHONE}, got "+31101234567"`, {
		parameters: { ...order, additionalFields: { contact_phonenumber: '+31101234567' } },
	}),
	nextpertise('order_connection: wish date "23-04-2020" (not YYYY-MM-DD)', /^custwishdate must be a date YYYY-MM-DD like 2020-04-23 \(regex .*\) \(or null\), got "23-04-2020"$/, {
		parameters: { ...order, additionalFields: { custwishdate: '23-04-2020' } },
	}),
	nextpertise('order_connection: carrier "fast" (whole number wanted, expression)', 'carrier must be a whole number, got "fast"', {
		parameters: { ...order, carrier: '={{ $json.carrier }}' },
		items: [{ carrier: 'fast' }],
	}),
	nextpertise('order_connection: third item bad, nothing sent for the first two', 'circuit[0].circuit must be a whole number, got "272a"', {
		parameters: { ...order, circuit: { values: [{ circuit: '={{ $json.circuit }}' }] } },
		items: [{ circuit: 272 }, { circuit: 274 }, { circuit: '272a' }],
		item: 2,
	}),
	nextpertise('email create_mailbox: mailbox "info-at-example.com"', /^mailbox must be an email address like info@example\.com \(regex .*\), got "info-at-example\.com"$/, {
		parameters: { resource: 'email', operation: 'create_mailbox', mailbox: 'info-at-example.com' },
	}),
	nextpertise('postcodes get_housenrext: provider_filter "ZIGGO" (not in the enum)', 'provider_filter[0] must be one of KPNWEAS, KPNWBA, got "ZIGGO"', {
		parameters: { resource: 'postcodes', operation: 'get_housenrext', zipcode: '2584TX', housenr: 16, additionalFields: { provider_filter: ['ZIGGO'] } },
	}),
	nextpertise('support list_tickets: sort direction "UP" (not in the enum)', /^sort\.updated_at must be one of .*ASC.*, got "UP"$/, {
		parameters: { resource: 'support', operation: 'list_tickets', returnAll: true, additionalFields: { sort: { updated_at: 'UP' } } },
	}),
	// A required field left empty in the editor is refused by n8n itself (workflow issues); from an expression it is the node's job.
	nextpertise('support create_ticket: no subject (expression gives "")', 'subject is required but empty: it must be text', {
		parameters: { ...ticket, subject: '={{ $json.subject }}' },
		items: [{ subject: '' }],
	}),
	nextpertise('support create_ticket: subject is an object (expression)', 'subject must be text, got {"title":"Connection down"}', {
		parameters: { ...ticket, subject: '={{ { title: "Connection down" } }}' },
	}),
	nextpertise('support get_ticket: no id (expression gives nothing)', 'id is required: it must be a whole number', {
		parameters: { resource: 'support', operation: 'get_ticket', id: '={{ $json.ticket }}' },
		items: [{ other: 1 }],
	}),
	nextpertise('Parameters as JSON: not valid JSON', /^Parameters \(JSON\) is not valid JSON: /, {
		parameters: { resource: 'support', operation: 'get_ticket', jsonParameters: true, parametersJson: '{"id": ' },
	}),
	nextpertise('Parameters as JSON: a "pagination" key (the node pages)', 'Parameters (JSON): remove "pagination"; the node pages for you (use Return All or Limit, or One Page for a page of your choice)', {
		parameters: { resource: 'broadband', operation: 'list_connections', returnAll: true, jsonParameters: true, parametersJson: '{"pagination": {"page": 2, "per_page": 10}}' },
	}),
	nextpertise('Parameters as JSON: a wrong postcode inside', `zipcode must be ${POSTCODE}, got "2408"`, {
		parameters: { resource: 'postcodes', operation: 'get_housenrs', jsonParameters: true, parametersJson: '{"zipcode": "2408"}' },
	}),
	nextpertise('Limit of 0 on a paged list', 'Limit must be a whole number of at least 1 (got 0)', {
		parameters: { resource: 'support', operation: 'list_tickets', returnAll: false, limit: 0 },
	}),
	nextpertise('One Page: page 0 (pages start at 1)', 'Page (pagination.page) must be a whole number of at least 1 (got 0)', {
		parameters: { resource: 'support', operation: 'list_tickets', onePage: true, page: 0, pageSize: 50 },
	}),
	nextpertise('One Page: list_profiles length 0', 'Page Size (paging.length) must be a whole number of at least 1 (got 0)', {
		parameters: { resource: 'user', operation: 'list_profiles', onePage: true, offset: 0, pageSize: 0 },
	}),
	nextpertise('attachments upload: the item has no binary data', 'binary property "data" not found on this item', {
		parameters: { resource: 'attachments', operation: 'upload', binaryPropertyName: 'data' },
	}),
	nextpertise('attachments upload: the file is in another binary property', 'binary property "data" not found on this item', {
		parameters: { resource: 'attachments', operation: 'upload', binaryPropertyName: 'data' },
		binaries: [{ scan: memoryFile('%PDF-1.4', 'scan.pdf') }],
	}),
];
