import { randomUUID } from 'node:crypto';

import { isRecord, json, type ApiRequest, type Reply } from '../http';
import type { Handler, Router } from '../router';
import type { LocalizedString } from '../fixtures/contracts';
import {
	contractTree,
	MAIN_PRODUCTS,
	mainProductNode,
	price,
	type MainProduct,
	type Price,
	type ProductTreeItem,
} from '../fixtures/products';
import type { MsmState } from './mobileServices';
import { msmFail, paged } from './msmCommon';

interface Characteristic {
	name: string;
	value?: string;
	possibleValues?: Array<{ value: string; caption?: LocalizedString }>;
}

interface BasketSession {
	id: string;
	productTree: ProductTreeItem[];
	characteristics: Record<string, Characteristic>;
	oldPrice: Price;
	/** Category of every main product put into the basket, by tree node id. */
	addedProducts: Map<string, MainProduct['category'] | 'SIM_CARD'>;
	simCardNumber?: string;
	changed: boolean;
	sequence: number;
}

const MAX_WISH_DAYS = 90;
const BOOLEAN_VALUES = [
	{ value: 'false', caption: { en: 'false', nl: 'false' } },
	{ value: 'true', caption: { en: 'true', nl: 'true' } },
];
const PORTING_FIELDS = ['phoneNumber', 'customerNumber', 'customerName', 'keepExistingSimCard', 'note'];
const MAIN_PRODUCT_CATEGORIES: Record<string, (product: MainProduct) => boolean> = {
	MOBILE: (product) => product.category === 'MOBILE',
	'SIM CARDS': (product) => product.subcategory === 'SIM_CARD',
	FIXED: (product) => product.category === 'FIXED',
	HARDWARE: (product) => product.category === 'HARDWARE',
	SOFTWARE: () => false,
	OTHER: (product) => product.category === 'OTHER',
};

function flatten(items: ProductTreeItem[]): ProductTreeItem[] {
	return items.flatMap((item) => [item, ...flatten(item.children)]);
}

function sumPrices(items: ProductTreeItem[], include: (item: ProductTreeItem) => boolean): Price {
	const total = price();
	for (const item of flatten(items)) {
		if (!include(item)) continue;
		total.oneTime.activationFeeInCents += item.price.oneTime.activationFeeInCents * item.amount;
		total.oneTime.hardwareFeeInCents += item.price.oneTime.hardwareFeeInCents * item.amount;
		total.oneTime.privateCopyingLevyInCents += item.price.oneTime.privateCopyingLevyInCents * item.amount;
		total.recurring.monthlyFeeInCents += item.price.recurring.monthlyFeeInCents * item.amount;
	}
	return total;
}

function integerField(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
		msmFail('VALIDATION_ERROR', `${field} must be a whole number`, `got ${JSON.stringify(value)}`);
	}
	return number;
}

function limitedText(value: unknown, field: string, max: number, min: number, code = 'VALIDATION_ERROR'): string {
	if (typeof value !== 'string' || value.trim().length < min || value.length > max) {
		msmFail(code, `${field} must be ${min} to ${max} characters`);
	}
	return value;
}

function checkAddress(value: unknown): void {
	if (!isRecord(value)) msmFail('VALIDATION_ERROR', 'address must be an object');
	limitedText(value.street, 'address.street', 24, 1);
	limitedText(value.houseNumber, 'address.houseNumber', 5, 1);
	limitedText(value.city, 'address.city', 30, 1);
	limitedText(value.companyName, 'address.companyName', 35, 1);
	if (typeof value.postalCode !== 'string' || !/^\d{4}\s?[A-Za-z]{2}$/.test(value.postalCode)) {
		msmFail('VALIDATION_ERROR', 'address.postalCode must be 4 digits and 2 letters', 'e.g. 1234AB');
	}
	if (value.country !== 'NL') msmFail('VALIDATION_ERROR', 'address.country must be "NL"', 'Only NL is supported');
	const optional: Array<[string, number]> = [['attention', 35], ['floor', 21], ['location', 21], ['room', 20]];
	for (const [field, max] of optional) {
		if (value[field] !== undefined && value[field] !== null) limitedText(value[field], `address.${field}`, max, 0);
	}
}

function checkWishDate(value: unknown): void {
	if (value === undefined || value === null) return;
	const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(time)) msmFail('INVALID_WISH_DATE', 'wishDate must be an ISO date-time', `got ${JSON.stringify(value)}`);
	const startOfToday = new Date();
	startOfToday.setUTCHours(0, 0, 0, 0);
	if (time < startOfToday.getTime() || time > Date.now() + MAX_WISH_DAYS * 86_400_000) {
		msmFail('INVALID_WISH_DATE', `wishDate must be between today and ${MAX_WISH_DAYS} days from now`);
	}
}

/** The contracting basket: init, change products / characteristics, list main products, order. */
export class BasketApi {
	private sessions = new Map<string, BasketSession>();

	constructor(private readonly state: MsmState) {}

	reset(): void {
		this.sessions.clear();
	}

	addRoutes(router: Router, guarded: (handler: Handler) => Handler): void {
		router
			.add('POST', '/contracting/basket', guarded((request) => this.modify(request)))
			.add('GET', '/contracting/basket', guarded((request) => json(200, this.snapshot(this.session(request)))))
			.add('GET', '/contracting/basket/main-products', guarded((request) => this.mainProducts(request)))
			.add('POST', '/contracting/basket/order', guarded((request) => this.order(request)));
	}

	private session(request: ApiRequest): BasketSession {
		const id = request.query.sessionId;
		if (!id) msmFail('SESSION_ID_REQUIRED', 'sessionId query parameter is required', 'Initialise the basket with POST /contracting/basket first');
		const session = this.sessions.get(id);
		if (!session) msmFail('BASKET_NOT_FOUND', `No basket for sessionId ${id}`, 'It may have been ordered already', 404);
		return session;
	}

	private snapshot(session: BasketSession) {
		return {
			productTree: session.productTree,
			characteristics: session.characteristics,
			oldPrice: session.oldPrice,
			totalPrice: sumPrices(session.productTree, (item) => item.selected),
		};
	}

	private modify(request: ApiRequest): Reply {
		const body = request.body;
		if (!isRecord(body)) msmFail('VALIDATION_ERROR', 'Request body must be a JSON object');
		for (const unsupported of ['fixedContractId', 'mobileContractId', 'orderId', 'templateId', 'templateIdToModify']) {
			if (body[unsupported] !== undefined && body[unsupported] !== null) {
				msmFail('OPERATION_NOT_SUPPORTED', `${unsupported} is not supported by the sandbox`, 'Use contractId or accountGroupId');
			}
		}
		const contractId = integerField(body.contractId, 'contractId');
		const accountGroupId = integerField(body.accountGroupId, 'accountGroupId');
		let session: BasketSession;
		if (contractId !== undefined || accountGroupId !== undefined) {
			session = this.initialise(contractId, accountGroupId, request.query.sessionId);
		} else {
			session = this.session(request);
		}
		if (body.productActions !== undefined) this.productActions(session, body.productActions);
		if (body.characteristicActions !== undefined) this.characteristicActions(session, body.characteristicActions);
		if (body.simCardNumber !== undefined) {
			if (typeof body.simCardNumber !== 'string' || !/^\d{6,22}$/.test(body.simCardNumber)) {
				msmFail('INVALID_SIM_CARD_NUMBER', 'simCardNumber must be 6 to 22 digits');
			}
			session.simCardNumber = body.simCardNumber;
			session.changed = true;
		}
		return json(200, { sessionId: session.id });
	}

	private initialise(contractId: number | undefined, accountGroupId: number | undefined, reuseId?: string): BasketSession {
		if (contractId !== undefined && accountGroupId !== undefined) {
			msmFail('VALIDATION_ERROR', 'Send either contractId or accountGroupId, not both');
		}
		const session: BasketSession = {
			id: reuseId && this.sessions.has(reuseId) ? reuseId : randomUUID(),
			productTree: [],
			characteristics: {},
			oldPrice: price(),
			addedProducts: new Map(),
			changed: false,
			sequence: 1,
		};
		if (contractId !== undefined) {
			const contract = this.state.contract(contractId);
			if (!contract) msmFail('CONTRACT_NOT_FOUND', `Contract ${contractId} not found`, '', 404);
			if (contract.state === 'CLOSED') msmFail('OPERATION_NOT_POSSIBLE', `Contract ${contractId} is closed`);
			session.productTree = contractTree(contract.id, contract.product);
			session.oldPrice = sumPrices(session.productTree, (item) => item.contracted);
		} else {
			const subscriber = this.state.subscriber(accountGroupId as number);
			if (!subscriber) msmFail('CONTEXT_OBJECT_NOT_FOUND', `Subscriber ${accountGroupId} not found`, '', 404);
			session.characteristics = {
				firstName: { name: 'firstName', value: subscriber.firstName, possibleValues: [{ value: subscriber.firstName }] },
				lastName: { name: 'lastName', value: subscriber.surname, possibleValues: [{ value: subscriber.surname }] },
			};
		}
		this.sessions.set(session.id, session);
		return session;
	}

	private productActions(session: BasketSession, actions: unknown): void {
		if (!Array.isArray(actions)) msmFail('VALIDATION_ERROR', 'productActions must be an array');
		actions.forEach((action, index) => {
			const where = `productActions[${index}]`;
			if (!isRecord(action) || typeof action.productId !== 'string' || action.productId === '') {
				msmFail('VALIDATION_ERROR', `${where}.productId is required`);
			}
			if (action.type !== 'PUT' && action.type !== 'REMOVE') msmFail('VALIDATION_ERROR', `${where}.type must be PUT or REMOVE`);
			const amount = integerField(action.amount, `${where}.amount`) ?? 1;
			if (amount < 1 || amount > 100) msmFail('INVALID_AMOUNT', `${where}.amount must be 1 to 100`);
			this.applyProduct(session, action.productId, action.type, amount);
		});
		const mobileAdded = [...session.addedProducts.values()].includes('MOBILE');
		if (mobileAdded && !session.characteristics.porting) {
			session.characteristics.porting = { name: 'porting', value: 'false', possibleValues: BOOLEAN_VALUES };
		}
	}

	private applyProduct(session: BasketSession, productId: string, type: 'PUT' | 'REMOVE', amount: number): void {
		const node = flatten(session.productTree).find((item) => item.id === productId);
		if (node) {
			if (node.disabled) msmFail('PRODUCT_DISABLED', `Product ${productId} cannot be changed`);
			if (amount > 1 && !node.canOrderMoreThanOne) msmFail('INVALID_AMOUNT', `Product ${productId} can only be ordered once`);
			node.selected = type === 'PUT';
			node.amount = type === 'PUT' ? amount : node.amount;
			session.changed = true;
			return;
		}
		const product = MAIN_PRODUCTS.find((item) => item.id === productId);
		if (!product || type === 'REMOVE') msmFail('PRODUCT_NOT_FOUND', `Product ${productId} is not in the basket`);
		if (session.characteristics.porting?.value === 'true') {
			msmFail('OPERATION_NOT_POSSIBLE', 'No more main products can be added while porting is on');
		}
		if (amount > 1 && product.category !== 'HARDWARE') msmFail('INVALID_AMOUNT', `Product ${productId} can only be ordered once`);
		const added = mainProductNode(product, session.sequence++, amount);
		session.productTree.push(added);
		session.addedProducts.set(added.id, product.subcategory === 'SIM_CARD' ? 'SIM_CARD' : product.category);
		session.changed = true;
	}

	private characteristicActions(session: BasketSession, actions: unknown): void {
		if (!Array.isArray(actions)) msmFail('VALIDATION_ERROR', 'characteristicActions must be an array');
		actions.forEach((action, index) => {
			if (!isRecord(action) || typeof action.name !== 'string' || typeof action.value !== 'string') {
				msmFail('VALIDATION_ERROR', `characteristicActions[${index}] needs name and value (strings)`);
			}
			this.applyCharacteristic(session, action.name, action.value);
		});
	}

	private applyCharacteristic(session: BasketSession, name: string, value: string): void {
		const characteristic = session.characteristics[name];
		if (!characteristic) {
			msmFail('CHARACTERISTIC_NOT_FOUND', `Characteristic ${name} is not available`, `Available: ${Object.keys(session.characteristics).join(', ')}`);
		}
		const allowed = characteristic.possibleValues?.map((entry) => entry.value);
		if (allowed && allowed.length === 1 && value !== allowed[0]) msmFail('CHARACTERISTIC_READ_ONLY', `${name} cannot be changed`);
		if (allowed && allowed.length > 1 && !allowed.includes(value)) {
			msmFail('INVALID_CHARACTERISTIC_VALUE', `${name} must be one of ${allowed.join(', ')}`);
		}
		if (name === 'phoneNumber' && !/^(316\d{8}|3197\d{9})$/.test(value)) {
			msmFail('INVALID_MSISDN_FORMAT_NOT_VALID', 'phoneNumber must match 316\\d{8} or 3197\\d{9}');
		}
		if (name === 'customerNumber') limitedText(value, name, 70, 1, 'INVALID_CUSTOMER_NUMBER');
		if (name === 'customerName') limitedText(value, name, 20, 0, 'INVALID_CUSTOMER_NAME');
		if (name === 'note') limitedText(value, name, 60, 0, 'INVALID_NOTE');
		characteristic.value = value;
		if (name === 'porting') this.setPorting(session, value === 'true');
		session.changed = true;
	}

	private setPorting(session: BasketSession, on: boolean): void {
		for (const field of PORTING_FIELDS) {
			if (!on) delete session.characteristics[field];
			else if (!session.characteristics[field]) {
				session.characteristics[field] =
					field === 'keepExistingSimCard' ? { name: field, value: 'false', possibleValues: BOOLEAN_VALUES } : { name: field };
			}
		}
	}

	private mainProducts(request: ApiRequest): Reply {
		this.session(request);
		const category = request.query.category;
		const filter = category === undefined || category === '' ? () => true : MAIN_PRODUCT_CATEGORIES[category.toUpperCase()];
		if (!filter) msmFail('VALIDATION_ERROR', `category must be one of ${Object.keys(MAIN_PRODUCT_CATEGORIES).join(', ')}`);
		return paged(request, MAIN_PRODUCTS.filter(filter));
	}

	private order(request: ApiRequest): Reply {
		const session = this.session(request);
		const body = request.body ?? {};
		if (!isRecord(body)) msmFail('VALIDATION_ERROR', 'Request body must be a JSON object');
		if (!session.changed) msmFail('BASKET_INVALID', 'The basket has no changes to order');
		const missing = Object.values(session.characteristics).filter(
			(item) => ['phoneNumber', 'customerNumber'].includes(item.name) && !item.value,
		);
		if (missing.length > 0) msmFail('BASKET_INVALID', `Characteristics not set: ${missing.map((item) => item.name).join(', ')}`);
		if (body.address !== undefined && body.address !== null && body.addressId !== undefined && body.addressId !== null) {
			msmFail('VALIDATION_ERROR', 'Send either address or addressId, not both');
		}
		if (body.address !== undefined && body.address !== null) checkAddress(body.address);
		integerField(body.addressId, 'addressId');
		const delivers = [...session.addedProducts.entries()].some(
			([nodeId, category]) => (category === 'HARDWARE' || category === 'SIM_CARD') && flatten(session.productTree).some((item) => item.id === nodeId && item.selected),
		);
		if (delivers && (body.address === undefined || body.address === null) && (body.addressId === undefined || body.addressId === null)) {
			msmFail('ADDRESS_REQUIRED', 'This basket ships hardware: send address or addressId');
		}
		if (body.referenceNumber !== undefined && body.referenceNumber !== null && typeof body.referenceNumber !== 'string') {
			msmFail('VALIDATION_ERROR', 'referenceNumber must be a string');
		}
		checkWishDate(body.wishDate);
		this.sessions.delete(session.id);
		return json(200, { orderId: this.state.nextOrderId() });
	}
}
