import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkBasePath } from '../../shared/http/basePath';
import { KpnClient } from '../../shared/kpn/transport';
import { fetchOnePage, localized, MSM_BASE_PATH, MSM_CREDENTIAL, personName } from '../msmApi';

/** Rows per page of a dropdown; n8n asks for the next page when the user scrolls. */
export const LIST_PAGE_SIZE = 50;

export function basePathOf(context: ILoadOptionsFunctions): string {
	const options = (context.getCurrentNodeParameter('options') ?? {}) as { basePath?: string };
	const checked = checkBasePath(options.basePath, MSM_BASE_PATH);
	if (checked.problem) throw new NodeOperationError(context.getNode(), `API Base Path: ${checked.problem}`);
	return checked.path;
}

function startOf(paginationToken?: string): number {
	const from = Number(paginationToken ?? 0);
	return Number.isInteger(from) && from >= 0 ? from : 0;
}

async function searchPage(
	context: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	filter: string | undefined,
	paginationToken: string | undefined,
	toItem: (row: IDataObject) => INodeListSearchItems | undefined,
): Promise<INodeListSearchResult> {
	const client = await KpnClient.connect(context, MSM_CREDENTIAL);
	const search = filter?.trim();
	const page = await fetchOnePage(client, {
		basePath: basePathOf(context),
		path,
		qs: { ...qs, ...(search ? { patterns: search } : {}) },
		from: startOf(paginationToken),
		pageSize: LIST_PAGE_SIZE,
	});
	const results = page.rows.map(toItem).filter((item): item is INodeListSearchItems => item !== undefined);
	return { results, ...(page.next !== undefined ? { paginationToken: String(page.next) } : {}) };
}

function idOf(row: IDataObject): string | undefined {
	return typeof row.id === 'number' || (typeof row.id === 'string' && row.id !== '') ? String(row.id) : undefined;
}

/** Subscribers you manage, sorted by last name; KPN searches them for the typed text. */
export async function searchSubscribers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/hierarchy/subscribers', { sortBy: 'LASTNAME', order: 'ASC' }, filter, paginationToken, (row) => {
		const id = idOf(row);
		if (id === undefined) return undefined;
		const name = personName(row.firstName, row.prefix ?? row.surnamePrefix, row.lastName ?? row.surname) || `Subscriber ${id}`;
		const contracts = row.contracts as { firstPhoneNumber?: unknown } | undefined;
		const details = [row.employeeNumber, contracts?.firstPhoneNumber].filter((part) => typeof part === 'string' && part !== '');
		return { name: details.length > 0 ? `${name} (${details.join(', ')})` : name, value: id };
	});
}

/** Contracts you manage; KPN searches them for the typed text (names, numbers, SIM, IMEI). */
export async function searchContracts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/contract/all', { sortBy: 'LASTNAME', order: 'ASC' }, filter, paginationToken, (row) => {
		const id = idOf(row);
		if (id === undefined) return undefined;
		const number = [row.mobileNumber, row.fixedNumber, row.extension].find((part) => typeof part === 'string' && part !== '');
		const product = localized(row.product);
		const person = personName(row.firstName, row.namePrefix, row.lastName);
		const parts = [number, product, person].filter((part) => typeof part === 'string' && part !== '');
		const state = typeof row.state === 'string' && row.state !== 'ACTIVE' ? ` [${row.state}]` : '';
		return { name: `${parts.length > 0 ? parts.join(' – ') : `Contract ${id}`}${state}`, value: id };
	});
}
