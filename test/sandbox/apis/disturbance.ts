import { isRecord, json, kpnError, type ApiRequest, type Reply } from '../http';
import { Router } from '../router';
import { DISTURBANCE_STATES, fixtureDisturbances, type Disturbance } from '../fixtures/disturbances';

/** KPN does not publish the Disturbance Detector base path; this is the sandbox's (and node's) choice. */
export const DISTURBANCE_BASE_PATH = '/network/kpn/disturbance-detector';

export class DisturbanceApi {
	private items: Disturbance[] = fixtureDisturbances();

	reset(): void {
		this.items = fixtureDisturbances();
	}

	all(): Disturbance[] {
		return this.items.map((item) => ({ ...item }));
	}

	/**
	 * Adds or changes disturbances (admin): an item whose id exists is merged onto it (so
	 * `{id, state: 'closed'}` closes it), others are added with defaults; `replace` drops the rest.
	 */
	upsert(input: unknown[], replace = false): Disturbance[] {
		if (replace) this.items = [];
		for (const raw of input) {
			if (!isRecord(raw)) throw new Error('each disturbance must be an object');
			const id = raw.id === undefined ? this.nextId() : Number(raw.id);
			if (!Number.isInteger(id)) throw new Error('disturbance id must be an integer');
			const existing = this.items.find((item) => item.id === id);
			if (existing) Object.assign(existing, raw, { id });
			else this.items.push({ ...defaults(id), ...(raw as Partial<Disturbance>), id });
		}
		this.items.sort((a, b) => a.id - b.id);
		return this.all();
	}

	router(): Router {
		return new Router().add('GET', '/failures', (request) => this.failures(request));
	}

	private failures(request: ApiRequest): Reply {
		const state = request.query.state?.trim();
		const known = new Set([...DISTURBANCE_STATES, ...this.items.map((item) => item.state)]);
		if (!state) {
			return kpnError(400, 'state is required', `Use state=${[...known, 'all'].join('|')}`);
		}
		const wanted = state.split(',').map((value) => value.trim().toLowerCase());
		const unknown = wanted.filter((value) => value !== 'all' && !known.has(value));
		if (unknown.length > 0) {
			return kpnError(400, `Invalid state: ${unknown.join(', ')}`, `Use state=${[...known, 'all'].join('|')}`);
		}
		const items = wanted.includes('all') ? this.all() : this.all().filter((item) => wanted.includes(item.state));
		return json(200, items);
	}

	private nextId(): number {
		return this.items.reduce((max, item) => Math.max(max, item.id), 1200) + 1;
	}
}

function defaults(id: number): Disturbance {
	const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
	return {
		id,
		affected_elements_count: 1,
		affected_customers_count: 100,
		communicated_customers_sms_count: 0,
		communicated_customers_email_count: 0,
		type: 'geographical-broadband',
		cause: 'disturbance',
		source: 'gui',
		service: null,
		state: 'open',
		start_date: now,
		end_date: null,
		region: 'Utrecht',
		description: null,
		long_description: '<p>Sandbox disturbance.</p>',
		serviceguard_ticket_id: `SG${id}`,
		created_at: now,
		communication_type: null,
		user: null,
	};
}
