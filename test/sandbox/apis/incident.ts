import { randomBytes } from 'node:crypto';

import { isNonEmptyString, isRecord, json, kpnError, unexpected, type ApiRequest, type Reply } from '../http';
import { Router, type Params } from '../router';

export const INCIDENT_BASE_PATH = '/network/kpn/incident';
/** "Maximum total size of attachments is 10Mb" (decoded bytes, per request). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const INCIDENT_ACTIONS = ['Comment', 'Close', 'Reopen'] as const;

const FIRST_TICKET = 10001;
const INACTIVE_STATES = new Set(['Closed', 'Canceled']);
const REOPENABLE_STATES = new Set(['Resolved', 'Closed']);

interface StoredIncident {
	ticket_number: string;
	reference_number: string;
	sys_id: string;
	short_description: string;
	description: string;
	ci: string;
	service: string;
	state: string;
	contact: string;
	user: string;
	close_code: string;
	solution: string;
	comments: Array<{ comment: string; created_at: string }>;
	attachments: Array<{ name: string; size_bytes: number }>;
	opened_at: string;
	updated_at: string;
}

class IncidentInputError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly info: string,
	) {
		super(message);
	}
}

function reject(message: string, info: string, status = 400): never {
	throw new IncidentInputError(status, message, info);
}

function now(): string {
	return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function optionalString(body: Record<string, unknown>, field: string): string {
	const value = body[field];
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') reject(`${field} must be a string`, `Send ${field} as text`);
	return value;
}

function requiredString(body: Record<string, unknown>, field: string): string {
	if (!isNonEmptyString(body[field])) reject(`${field} is required`, `Send a non-empty ${field}`);
	return body[field] as string;
}

/** Checks Base64 attachments; returns name + decoded size of each. */
export function checkAttachments(value: unknown): Array<{ name: string; size_bytes: number }> {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) reject('attachments must be an array', 'Send attachments as [{"name","content"}]');
	let total = 0;
	const checked = value.map((attachment, index) => {
		const where = `attachments[${index}]`;
		if (!isRecord(attachment)) reject(`${where} must be an object`, 'Each attachment needs name and content');
		if (!isNonEmptyString(attachment.name)) reject(`${where}.name is required`, 'Give the file name with its extension');
		const content = typeof attachment.content === 'string' ? attachment.content.replace(/\s+/g, '') : '';
		if (content === '' || content.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(content)) {
			reject(`${where}.content is not valid Base64`, 'Attachments must be Base64 encoded');
		}
		const size = (content.length / 4) * 3 - (content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0);
		total += size;
		return { name: attachment.name, size_bytes: size };
	});
	if (total > MAX_ATTACHMENT_BYTES) {
		reject('Attachments too large', `The attachments total ${total} bytes; the maximum is 10 MB (${MAX_ATTACHMENT_BYTES} bytes)`, 413);
	}
	return checked;
}

export class IncidentApi {
	private incidents = new Map<string, StoredIncident>();
	private nextNumber = FIRST_TICKET;

	reset(): void {
		this.incidents.clear();
		this.nextNumber = FIRST_TICKET;
	}

	/** Admin: change stored fields (e.g. state 'Resolved') to simulate work done at KPN. */
	patch(ticket: string, fields: Record<string, unknown>): StoredIncident | undefined {
		const incident = this.incidents.get(ticket);
		if (!incident) return undefined;
		for (const [field, value] of Object.entries(fields)) {
			if (field in incident && typeof value === 'string' && field !== 'ticket_number') {
				(incident as unknown as Record<string, unknown>)[field] = value;
			}
		}
		incident.updated_at = now();
		return incident;
	}

	router(): Router {
		return new Router()
			.add('POST', '/NewIncident', (request) => this.guard(() => this.create(request)))
			.add('PATCH', '/UpdateIncident', (request) => this.guard(() => this.update(request)))
			.add('GET', '/GetActiveIncidents', () => this.active())
			.add('GET', '/GetIncident/:ticket', (_request, params) => this.get(params));
	}

	private guard(run: () => Reply): Reply {
		try {
			return run();
		} catch (error) {
			if (error instanceof IncidentInputError) return kpnError(error.status, error.message, error.info);
			return unexpected(error);
		}
	}

	private create(request: ApiRequest): Reply {
		const body = request.body;
		if (!isRecord(body)) reject('Request body must be a JSON object', 'Send the incident as JSON');
		const reference = requiredString(body, 'reference_number');
		const shortDescription = requiredString(body, 'short_description');
		const ci = requiredString(body, 'ci');
		const attachments = checkAttachments(body.attachments);
		const ticket = `INC${String(this.nextNumber++).padStart(7, '0')}`;
		const stamp = now();
		const incident: StoredIncident = {
			ticket_number: ticket,
			reference_number: reference,
			sys_id: randomBytes(16).toString('hex'),
			short_description: shortDescription,
			description: optionalString(body, 'description'),
			ci,
			service: optionalString(body, 'service'),
			state: 'New',
			contact: optionalString(body, 'contact'),
			user: optionalString(body, 'user'),
			close_code: '',
			solution: '',
			comments: [],
			attachments,
			opened_at: stamp,
			updated_at: stamp,
		};
		this.incidents.set(ticket, incident);
		return json(200, {
			result: {
				state: 'inserted',
				ticket_number: ticket,
				reference_number: reference,
				sys_id: incident.sys_id,
				note: `${ticket} Incident is created successfully.`,
			},
		});
	}

	private update(request: ApiRequest): Reply {
		const body = request.body;
		if (!isRecord(body)) reject('Request body must be a JSON object', 'Send the update as JSON');
		const action = requiredString(body, 'action');
		if (!(INCIDENT_ACTIONS as readonly string[]).includes(action)) {
			reject(`Invalid action: ${action}`, `action must be one of ${INCIDENT_ACTIONS.join(', ')}`);
		}
		const ticket = requiredString(body, 'ticket_number');
		const incident = this.incidents.get(ticket);
		if (!incident) reject(`Incident ${ticket} not found`, 'Check the ticket_number returned by NewIncident', 404);
		const reference = optionalString(body, 'reference_number');
		if (reference !== '' && reference !== incident.reference_number) {
			reject('reference_number does not match the ticket', `${ticket} was created with another reference_number`);
		}
		const comment = optionalString(body, 'comment');
		const attachments = checkAttachments(body.attachments);
		this.apply(incident, action, comment, attachments.length > 0);
		if (comment !== '') incident.comments.push({ comment, created_at: now() });
		incident.attachments.push(...attachments);
		incident.updated_at = now();
		return json(200, {
			result: {
				state: 'updated',
				ticket_number: ticket,
				reference_number: incident.reference_number,
				sys_id: incident.sys_id,
				note: `${ticket} Incident is updated successfully.`,
			},
		});
	}

	private apply(incident: StoredIncident, action: string, comment: string, hasAttachments: boolean): void {
		const closed = INACTIVE_STATES.has(incident.state);
		if (action === 'Comment') {
			if (comment === '' && !hasAttachments) reject('comment is required', 'A Comment action needs a comment or attachments');
			if (closed) reject(`Incident ${incident.ticket_number} is closed`, 'Reopen the incident before commenting');
		} else if (action === 'Close') {
			if (closed) reject(`Incident ${incident.ticket_number} is already closed`, 'Only an active incident can be closed');
			incident.state = 'Closed';
			incident.close_code = 'Closed by caller';
		} else {
			if (!REOPENABLE_STATES.has(incident.state)) {
				reject(`Incident ${incident.ticket_number} is ${incident.state}`, 'Only a resolved or closed incident can be reopened');
			}
			incident.state = 'In Progress';
			incident.close_code = '';
		}
	}

	private active(): Reply {
		const result = [...this.incidents.values()]
			.filter((incident) => !INACTIVE_STATES.has(incident.state))
			.map((incident) => ({
				reference_number: incident.reference_number,
				short_description: incident.short_description,
				state: incident.state,
				ticket_number: incident.ticket_number,
			}));
		return json(200, { result });
	}

	private get(params: Params): Reply {
		const incident = this.incidents.get(params.ticket);
		if (!incident) return kpnError(404, `Incident ${params.ticket} not found`, 'Check the ticket number');
		return json(200, {
			result: {
				ticket_number: incident.ticket_number,
				reference_number: incident.reference_number,
				short_description: incident.short_description,
				state: incident.state,
				company: 'Sandbox Customer B.V.',
				description: incident.description,
				contact: incident.contact,
				user: incident.user,
				category: 'Incident',
				priority: '3',
				impact: '3',
				urgency: '3',
				ci: incident.ci,
				customer_service: incident.service,
				service_component: '',
				sla_due: {},
				pending_reason: '',
				required_information: '',
				reason_user_required: '',
				close_code: incident.close_code,
				solution: incident.solution,
				sys_id: incident.sys_id,
				opened_at: incident.opened_at,
				updated_at: incident.updated_at,
				comments: incident.comments.map((entry) => ({ ...entry })),
				attachments: incident.attachments.map((entry) => ({ ...entry })),
			},
		});
	}
}
