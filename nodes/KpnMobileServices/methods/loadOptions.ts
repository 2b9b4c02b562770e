import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { KpnClient } from '../../shared/kpn/transport';
import { characteristicRows, readBasket } from '../actions/basket/get';
import { BASKET_PATH } from '../actions/basket/common';
import { fetchPaged, flattenTree, isRecord, localized, MSM_CREDENTIAL } from '../msmApi';
import { basePathOf } from './listSearch';

/** At most this many main products are offered in the dropdown (an ID can always be typed). */
export const MAIN_PRODUCTS_IN_LIST = 500;

/** The basket's session id as typed in the node; an expression cannot be resolved while editing. */
function sessionIdOf(context: ILoadOptionsFunctions): string {
	const raw = context.getCurrentNodeParameter('sessionId');
	const sessionId = typeof raw === 'string' ? raw.trim() : '';
	if (sessionId === '' || sessionId.startsWith('=')) {
		throw new NodeOperationError(
			context.getNode(),
			'Enter a fixed Session ID (from a Basket → Create run) to load this list, or type the ID with an expression',
		);
	}
	return sessionId;
}

function euros(cents: unknown): string | undefined {
	const value = Number(cents);
	return Number.isFinite(value) && value > 0 ? `€${(value / 100).toFixed(2)}` : undefined;
}

/** Products of the basket's tree (to select or deselect) and main products (to add). */
export async function getBasketProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const sessionId = sessionIdOf(this);
	const basePath = basePathOf(this);
	const client = await KpnClient.connect(this, MSM_CREDENTIAL);
	const basket = await readBasket(this, client, basePath, sessionId);
	const inBasket: INodePropertyOptions[] = flattenTree(basket.productTree)
		.filter((row) => row.disabled !== true && row.visible !== false && (typeof row.id === 'string' || typeof row.id === 'number'))
		.map((row) => {
			const price = isRecord(row.price) ? row.price : {};
			const monthly = euros(isRecord(price.recurring) ? price.recurring.monthlyFeeInCents : undefined);
			return {
				name: `${row.path} (in basket, ${row.selected === true ? 'selected' : 'not selected'})`,
				value: String(row.id),
				description: monthly ? `${monthly} per month` : undefined,
			};
		});
	const mainProducts = await fetchPaged(this, client, {
		basePath,
		path: `${BASKET_PATH}/main-products`,
		qs: { sessionId },
		limit: MAIN_PRODUCTS_IN_LIST,
	});
	const toAdd = mainProducts
		.map((product): INodePropertyOptions | undefined => {
			const id = product.id ?? product.bsId;
			if (id === undefined || id === null || id === '') return undefined;
			const name = localized(product.name) || String(id);
			const category = typeof product.category === 'string' ? product.category : '';
			const price = euros(product.priceInCents ?? product.oneTimePriceInCents);
			return {
				name: `${name}${category ? ` – ${category}` : ''} (new)`,
				value: String(id),
				description: price ? `Price ${price}` : undefined,
			};
		})
		.filter((option): option is INodePropertyOptions => option !== undefined)
		.sort((a, b) => a.name.localeCompare(b.name));
	return [...inBasket, ...toAdd];
}

/** The characteristics the basket offers now, with their current and possible values. */
export async function getBasketCharacteristics(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const sessionId = sessionIdOf(this);
	const client = await KpnClient.connect(this, MSM_CREDENTIAL);
	const basket = await readBasket(this, client, basePathOf(this), sessionId);
	return characteristicRows(basket)
		.map((row) => {
			const name = String(row.name);
			const current = typeof row.value === 'string' && row.value !== '' ? ` (now: ${row.value})` : '';
			const possible = Array.isArray(row.possibleValues)
				? row.possibleValues.map((entry) => (entry as IDataObject | null)?.value).filter((value) => typeof value === 'string')
				: [];
			return {
				name: `${name}${current}`,
				value: name,
				description: possible.length > 0 ? `Possible values: ${possible.join(', ')}` : undefined,
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
