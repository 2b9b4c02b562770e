// Dropdowns filled from the API (see description/overrides.ts for which fields use them). A
// failure becomes one readable message naming the list; the user can always type a value or
// use an expression instead.
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../../shared/isRecord';
import { findMethod, type MethodSpec, type NextpertiseResource } from '../../shared/nextpertise/catalogue';
import { ZIPCODE_REGEX } from '../../shared/nextpertise/catalogue/common';
import { normalisePostcode } from '../../shared/nextpertise/params/coerce';
import { NextpertiseClient } from '../../shared/nextpertise/transport';
import { fetchRows } from '../actions/paged';

/** Lists are read up to this many rows (an ID can always be typed). */
export const MAX_LIST_ROWS = 1000;

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

function spec(resource: NextpertiseResource, method: string): MethodSpec {
	return findMethod(resource, method)!;
}

/** Runs `load`; any failure becomes "Could not load the <list> from Nextpertise: …". */
async function loading(
	context: ILoadOptionsFunctions,
	list: string,
	load: (client: NextpertiseClient) => Promise<INodePropertyOptions[]>,
): Promise<INodePropertyOptions[]> {
	let failure: { message: string; description?: string | null } | undefined;
	try {
		const client = await NextpertiseClient.connect(context);
		return await load(client);
	} catch (error) {
		failure = error as { message: string; description?: string | null };
	}
	throw new NodeOperationError(context.getNode(), `Could not load the ${list} from Nextpertise: ${failure.message}`, {
		description: [failure.description, 'You can also type the value, or use an expression.'].filter((part) => !!part).join(' '),
	});
}

async function call(client: NextpertiseClient, method: MethodSpec, params: IDataObject = {}): Promise<unknown> {
	return await client.call({
		productClass: method.productClass,
		method: method.method,
		params,
		safeToRetry: method.safeToRetry,
		permission: method.permission,
	});
}

/** A parameter's value as typed in the editor; an expression cannot be resolved while editing. */
function fixedValue(context: ILoadOptionsFunctions, name: string): unknown {
	const value = context.getCurrentNodeParameter(name);
	if (typeof value === 'string' && value.startsWith('=')) return undefined;
	return value === '' || value === null ? undefined : value;
}

function carrierId(context: ILoadOptionsFunctions): number | undefined {
	const value = Number(fixedValue(context, 'carrier'));
	return Number.isInteger(value) && value > 0 ? value : undefined;
}

function productOptions(rows: IDataObject[]): INodePropertyOptions[] {
	return rows
		.filter((row) => typeof row.product_id === 'number' || typeof row.product_id === 'string')
		.map((row) => {
			const name = typeof row.name === 'string' && row.name !== '' ? row.name : String(row.product_id);
			const supplier = typeof row.supplier === 'string' && row.supplier !== '' ? ` (${row.supplier})` : '';
			return {
				name: `${name}${supplier}`,
				value: Number(row.product_id),
				description: typeof row.description === 'string' && row.description !== '' ? row.description : `Product ID ${String(row.product_id)}`,
			};
		})
		.sort(byName);
}

/** Providers the zipcode check can query (broadband list_providers). */
export async function getProviders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await loading(this, 'providers', async (client) => {
		const result = await call(client, spec('broadband', 'list_providers'));
		const providers = isRecord(result) && Array.isArray(result.providers) ? result.providers : [];
		return providers.map((provider) => ({ name: String(provider), value: String(provider) })).sort(byName);
	});
}

/** Carrier products (broadband list_carriers, all pages). */
export async function getCarriers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await loading(this, 'carriers', async (client) => {
		const rows = await fetchRows(client, spec('broadband', 'list_carriers'), {}, { returnAll: false, limit: MAX_LIST_ROWS });
		return productOptions(rows);
	});
}

/** Circuit products of the chosen carrier (broadband list_circuits, filtered by carrier_id when one is set). */
export async function getCircuits(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const carrier = carrierId(this);
	return await loading(this, 'circuits', async (client) => {
		const params = carrier ? { filter: { carrier_id: carrier } } : {};
		const rows = await fetchRows(client, spec('broadband', 'list_circuits'), params, { returnAll: false, limit: MAX_LIST_ROWS });
		return productOptions(rows);
	});
}

/** SLA products of the chosen carrier (broadband list_slas, filtered by carrier_id when one is set). */
export async function getSlas(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const carrier = carrierId(this);
	return await loading(this, 'SLAs', async (client) => {
		const params = carrier ? { filter: { carrier_id: carrier } } : {};
		const rows = await fetchRows(client, spec('broadband', 'list_slas'), params, { returnAll: false, limit: MAX_LIST_ROWS });
		return productOptions(rows);
	});
}

/** Contract durations of the chosen carrier product (broadband list_contract_durations). */
export async function getContractDurations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const carrier = carrierId(this);
	if (carrier === undefined) {
		throw new NodeOperationError(this.getNode(), 'Choose a carrier first: contract durations depend on the carrier product', {
			description: 'Set Carrier to a fixed product ID (not an expression) to load this list, or type the duration in months.',
		});
	}
	return await loading(this, 'contract durations', async (client) => {
		const result = await call(client, spec('broadband', 'list_contract_durations'), { filter: { carrier_product_id: carrier } });
		const entry = isRecord(result) ? result[String(carrier)] : undefined;
		const durations = isRecord(entry) && Array.isArray(entry.contract_durations) ? entry.contract_durations : [];
		const standard = isRecord(entry) ? entry.default_contract_duration : undefined;
		return durations
			.map(Number)
			.filter((months) => Number.isFinite(months))
			.sort((a, b) => a - b)
			.map((months) => ({
				name: `${months} months${months === standard ? ' (default)' : ''}`,
				value: months,
			}));
	});
}

/** End users (enduser list_endusers). */
export async function getEndusers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await loading(this, 'end users', async (client) => {
		const result = await call(client, spec('enduser', 'list_endusers'));
		const endusers = isRecord(result) && Array.isArray(result.endusers) ? result.endusers.filter(isRecord) : [];
		return endusers
			.filter((enduser) => typeof enduser.uuid === 'string')
			.map((enduser) => {
				const address = isRecord(enduser.address) ? enduser.address : {};
				const where = [address.zipcode, address.housenr, address.housenrext].filter((part) => part !== undefined && part !== null && part !== '').join(' ');
				const name = typeof enduser.company_name === 'string' && enduser.company_name !== '' ? enduser.company_name : String(enduser.uuid);
				return { name: where ? `${name} (${where})` : name, value: String(enduser.uuid), description: String(enduser.uuid) };
			})
			.sort(byName);
	});
}

/** The postcode the user typed, normalised; a readable error when there is none (or an expression). */
function postcodeOf(context: ILoadOptionsFunctions): string {
	const raw = fixedValue(context, 'zipcode');
	const zipcode = typeof raw === 'string' ? normalisePostcode(raw) : '';
	if (!new RegExp(ZIPCODE_REGEX).test(zipcode)) {
		throw new NodeOperationError(
			context.getNode(),
			zipcode === '' ? 'Enter a Zipcode first (a Dutch postcode like 2408ZE)' : `"${String(raw)}" is not a Dutch postcode like 2408ZE`,
			{ description: 'The list is loaded for the fixed Zipcode value (an expression cannot be resolved while editing).' },
		);
	}
	return zipcode;
}

/** House numbers of the postcode (postcodes get_housenrs). */
export async function getHouseNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const zipcode = postcodeOf(this);
	return await loading(this, `house numbers of ${zipcode}`, async (client) => {
		const result = await call(client, spec('postcodes', 'get_housenrs'), { zipcode });
		const numbers = isRecord(result) && Array.isArray(result.housenrs) ? result.housenrs : [];
		return numbers.map((housenr) => ({ name: String(housenr), value: Number(housenr) }));
	});
}

/** House number extensions of the address, from every source (postcodes get_housenrext). */
export async function getHouseNumberExtensions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const zipcode = postcodeOf(this);
	const housenr = Number(fixedValue(this, 'housenr'));
	if (!Number.isInteger(housenr) || housenr <= 0) {
		throw new NodeOperationError(this.getNode(), 'Choose a House Number first', {
			description: 'The extensions are loaded for the fixed Zipcode and House Number.',
		});
	}
	return await loading(this, `house number extensions of ${zipcode} ${housenr}`, async (client) => {
		const result = await call(client, spec('postcodes', 'get_housenrext'), { zipcode, housenr });
		const sources = isRecord(result) ? result : {};
		const extensions = new Set<string>();
		for (const [source, entry] of Object.entries(sources)) {
			if (source === 'error' || !isRecord(entry) || !Array.isArray(entry.housenrexts)) continue;
			for (const extension of entry.housenrexts) extensions.add(String(extension ?? ''));
		}
		const errors = isRecord(sources.error) ? Object.entries(sources.error) : [];
		if (extensions.size === 0 && errors.length > 0) {
			const [source, error] = errors[0];
			const message = isRecord(error) && typeof error.message === 'string' ? error.message : JSON.stringify(error);
			throw new NodeOperationError(this.getNode(), `${source}: ${message}`);
		}
		return [...extensions]
			.sort((a, b) => a.localeCompare(b))
			.map((extension) => ({ name: extension === '' ? '(None)' : extension, value: extension }));
	});
}
