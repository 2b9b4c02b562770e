// Simplify for zipcode() (broadband and broadband/basic): one compact summary per address instead
// of every product the providers offer there (several KB per call, too much for an AI model's
// context). Per provider: the technologies, the highest speeds, the carrier products to order
// with (full broadband only) and the SLA names; plus the provider errors and comments.
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../shared/isRecord';
import { providerErrorsOf } from './zipcode';

export interface CarrierSummary extends IDataObject {
	productId: number | string | null;
	name: string;
	technology: string;
	downloadKbps: number | null;
	uploadKbps: number | null;
}

export interface ProviderSummary extends IDataObject {
	provider: string;
	technologies: string[];
	maxDownloadKbps: number | null;
	maxUploadKbps: number | null;
	carriers: CarrierSummary[];
	slas: string[];
}

const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const max = (values: Array<number | null>): number | null =>
	values.reduce<number | null>((best, value) => (value !== null && (best === null || value > best) ? value : best), null);

/** "Fiber", or "Fiber (GoF)" where the sub-technology says more. */
function technologyOf(entry: IDataObject, fallback: string): string {
	const main = text(entry.data_technology) || text(entry.carrier_type) || text(entry.carrier) || fallback;
	const sub = text(entry.sub_technology);
	return sub !== '' && sub !== main ? `${main} (${sub})` : main;
}

/** Full broadband: `{ carrier: { <id>: product }, sla: { <id>: { name } }, EVC, cpe, … }`. */
function fullProvider(provider: string, entry: IDataObject): ProviderSummary {
	const carriers: CarrierSummary[] = Object.values(isRecord(entry.carrier) ? entry.carrier : {})
		.filter(isRecord)
		.map((product) => ({
			productId: number(product.product_id) ?? (text(product.product_id) || null),
			name: text(product.name),
			technology: technologyOf(product, ''),
			downloadKbps: number(product.download) ?? number(product.max_download),
			uploadKbps: number(product.upload) ?? number(product.max_upload),
		}));
	const slas = Object.values(isRecord(entry.sla) ? entry.sla : {})
		.filter(isRecord)
		.map((sla) => text(sla.name))
		.filter((name) => name !== '');
	return {
		provider,
		technologies: [...new Set(carriers.map((carrier) => carrier.technology).filter((t) => t !== ''))],
		maxDownloadKbps: max(carriers.map((carrier) => carrier.downloadKbps)),
		maxUploadKbps: max(carriers.map((carrier) => carrier.uploadKbps)),
		carriers,
		slas,
	};
}

/** Broadband basic: `{ <technology>: { max_download, max_upload, data_technology, … } }`. */
function basicProvider(provider: string, entry: IDataObject): ProviderSummary {
	const kinds = Object.entries(entry).filter((pair): pair is [string, IDataObject] => isRecord(pair[1]));
	return {
		provider,
		technologies: [...new Set(kinds.map(([kind, value]) => technologyOf(value, kind)))],
		maxDownloadKbps: max(kinds.map(([, value]) => number(value.max_download))),
		maxUploadKbps: max(kinds.map(([, value]) => number(value.max_upload))),
		carriers: [],
		slas: [],
	};
}

function addressOf(value: unknown): IDataObject | null {
	if (!isRecord(value)) return null;
	const { zipcode, housenr, housenrext, street, city } = value;
	return { zipcode, housenr, housenrext, street, city } as IDataObject;
}

/** The compact summary of one zipcode() reply (the shape README's "Simplify" section describes). */
export function simplifyZipcode(result: unknown): IDataObject {
	const reply = isRecord(result) ? result : {};
	const available = isRecord(reply.available) ? reply.available : {};
	const providers = Object.entries(available)
		.filter((pair): pair is [string, IDataObject] => isRecord(pair[1]))
		.map(([provider, entry]) => (isRecord(entry.carrier) || isRecord(entry.EVC) ? fullProvider(provider, entry) : basicProvider(provider, entry)));
	const errors = providerErrorsOf(reply);
	const comments = (Array.isArray(reply.comments) ? reply.comments : []).filter(isRecord).map((comment) => ({
		provider: text(comment.supplier ?? comment.provider) || 'unknown',
		message: text(comment.description ?? comment.message),
	}));
	return {
		address: addressOf(reply.address),
		providers,
		available: providers.filter((provider) => provider.technologies.length > 0).map((provider) => provider.provider),
		errors,
		hasErrors: errors.length > 0,
		comments,
	};
}
