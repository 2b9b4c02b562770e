import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { apiError } from '../shared/errors/apiError';
import type { KpnClient, KpnContext } from '../shared/kpn/transport';
import { checkBasePath } from '../shared/http/basePath';
import { isRecord } from '../shared/isRecord';

/** Base path of the KPN ServiceNow Incident API, as published ("Base URL …/network/kpn/incident"). */
export const INCIDENT_BASE_PATH = '/network/kpn/incident';

export const incidentBasePathOption: INodeProperties = {
	displayName: 'API Base Path',
	name: 'basePath',
	type: 'string',
	default: INCIDENT_BASE_PATH,
	placeholder: INCIDENT_BASE_PATH,
	description:
		"Path of the KPN Incident API below the credential's Base URL. Change it only if KPN gave your app another path.",
};

/** KPN wraps answers in `{ result: … }`; this unwraps a list (or a single object) of incidents. */
export function incidentList(body: unknown): IDataObject[] | undefined {
	const inner = isRecord(body) && 'result' in body ? body.result : body;
	if (Array.isArray(inner)) return inner.filter(isRecord);
	if (isRecord(inner)) return [inner];
	return undefined;
}

export function ticketPath(ticketNumber: string): string {
	return `/GetIncident/${encodeURIComponent(ticketNumber)}`;
}

export async function getActiveIncidents(
	context: KpnContext,
	client: KpnClient,
	basePath: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const response = await client.request<unknown>({ method: 'GET', basePath, path: '/GetActiveIncidents', itemIndex });
	const list = response.body === undefined || response.body === '' ? [] : incidentList(response.body);
	if (list === undefined) {
		throw apiError(context.getNode(), {
			message: 'KPN answered without a list of incidents',
			description: `GET ${basePath}/GetActiveIncidents returned ${JSON.stringify(response.body).slice(0, 200)}`,
			httpCode: response.statusCode,
			itemIndex,
		});
	}
	return list;
}

export async function getIncident(
	context: KpnContext,
	client: KpnClient,
	basePath: string,
	ticketNumber: string,
	itemIndex?: number,
): Promise<IDataObject> {
	const response = await client.request<unknown>({ method: 'GET', basePath, path: ticketPath(ticketNumber), itemIndex });
	const list = incidentList(response.body);
	if (list === undefined || list.length === 0) {
		throw apiError(context.getNode(), {
			message: `KPN answered without incident ${ticketNumber}`,
			description: `GET ${basePath}${ticketPath(ticketNumber)} returned ${JSON.stringify(response.body ?? null).slice(0, 200)}`,
			httpCode: response.statusCode,
			itemIndex,
		});
	}
	return list[0];
}

/** Orders ticket numbers by their digits, newest (highest) first: INC0010002 before INC0010001. */
export function compareTicketsNewestFirst(a: IDataObject, b: IDataObject): number {
	const digits = (value: unknown) => Number(String(value ?? '').replace(/\D/g, '') || '0');
	return digits(b.ticket_number) - digits(a.ticket_number);
}

export { checkBasePath, isRecord };
