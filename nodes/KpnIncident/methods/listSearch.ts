import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { KpnClient } from '../../shared/kpn/transport';
import {
	checkBasePath,
	compareTicketsNewestFirst,
	getActiveIncidents,
	getIncident,
	INCIDENT_BASE_PATH,
} from '../incidentApi';

/** How many of the newest active incidents are opened to collect their CIs. */
export const CI_LOOKUP_LIMIT = 20;

/**
 * KPN publishes no list of CIs, so the list offers the CIs of your newest active incidents
 * (GetActiveIncidents, then GetIncident for up to 20 of them). Any other CI can be typed By Name.
 */
export async function searchCis(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const options = (this.getCurrentNodeParameter('options') ?? {}) as { basePath?: string };
	const basePath = checkBasePath(options.basePath, INCIDENT_BASE_PATH);
	const client = await KpnClient.connect(this, 'kpnApi');
	const active = await getActiveIncidents(this, client, basePath.path);
	const newest = [...active].sort(compareTicketsNewestFirst).slice(0, CI_LOOKUP_LIMIT);
	const cis = new Set<string>();
	for (const summary of newest) {
		const inline = typeof summary.ci === 'string' ? summary.ci.trim() : '';
		if (inline !== '') {
			cis.add(inline);
			continue;
		}
		const ticket = String(summary.ticket_number ?? '').trim();
		if (ticket === '') continue;
		let ci = '';
		try {
			const details = await getIncident(this, client, basePath.path, ticket);
			ci = typeof details.ci === 'string' ? details.ci.trim() : '';
		} catch {
			// An incident closed since the list was read (404) only means one CI less to offer.
			continue;
		}
		if (ci !== '') cis.add(ci);
	}
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results = [...cis]
		.filter((ci) => wanted === '' || ci.toLowerCase().includes(wanted))
		.sort((a, b) => a.localeCompare(b))
		.map((ci) => ({ name: ci, value: ci }));
	return { results };
}
