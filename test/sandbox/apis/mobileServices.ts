import { randomBytes } from 'node:crypto';

import { isRecord, json, type ApiRequest, type Reply } from '../http';
import { Router, type Handler } from '../router';
import { contractItems, generateContracts, type Contract } from '../fixtures/contracts';
import {
	COST_CENTERS,
	CUSTOMER,
	DEBTORS,
	displayName,
	generateSubscribers,
	type PathItem,
	type SubscriberDetails,
} from '../fixtures/subscribers';
import { BasketApi } from './basket';
import { msmFail, msmGuard, numericId, paged } from './msmCommon';

const FIRST_ORDER_ID = 7654321;
const CONTRACT_CATEGORIES = ['MOBILE', 'FIXED', 'FIXED_MOBILE', 'HARDWARE', 'SKYPE_FOR_BUSINESS', 'SOFTWARE', 'OTHER'];
const GENDERS = ['MALE', 'FEMALE', 'OTHER'];
const LANGUAGES = ['EN', 'NL'];

/** The in-memory MSM world: subscribers, contracts and the order counter. */
export class MsmState {
	subscribers: SubscriberDetails[] = generateSubscribers();
	contracts: Contract[] = generateContracts();
	private orderId = FIRST_ORDER_ID;

	reset(): void {
		this.subscribers = generateSubscribers();
		this.contracts = generateContracts();
		this.orderId = FIRST_ORDER_ID;
	}

	nextOrderId(): number {
		return this.orderId++;
	}

	subscriber(id: number): SubscriberDetails | undefined {
		return this.subscribers.find((subscriber) => subscriber.id === id);
	}

	contract(id: number): Contract | undefined {
		return this.contracts.find((contract) => contract.id === id);
	}
}

function listItem(details: SubscriberDetails, contracts: Contract[]) {
	const own = contracts.filter((contract) => contract.subscriberId === details.id);
	return {
		id: details.id,
		firstName: details.firstName,
		prefix: details.surnamePrefix,
		lastName: details.surname,
		path: details.path,
		contracts: { firstPhoneNumber: own[0]?.mobileNumber ?? own[0]?.fixedNumber ?? null, amount: own.length },
		fixedNumber: details.fixedNumber,
		employeeNumber: details.employeeNumber,
		user: details.user,
		gripUser: details.gripUser,
	};
}

function publicContract(contract: Contract): Omit<Contract, 'subscriberId'> {
	const copy: Partial<Contract> = { ...contract };
	delete copy.subscriberId;
	return copy as Omit<Contract, 'subscriberId'>;
}

function text(value: unknown, field: string, max: number, min = 0): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') msmFail('VALIDATION_ERROR', `${field} must be a string`);
	if (value.length < min || value.length > max) {
		msmFail('VALIDATION_ERROR', `${field} must be ${min} to ${max} characters`, `got ${value.length}`);
	}
	return value;
}

function required(value: unknown, field: string, max: number): string {
	if (typeof value !== 'string' || value.trim() === '') msmFail('VALIDATION_ERROR', `${field} is required`);
	return text(value, field, max, 1);
}

function oneOf<T extends string>(value: unknown, field: string, allowed: string[]): T {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		msmFail('VALIDATION_ERROR', `${field} must be one of ${allowed.join(', ')}`, `got ${JSON.stringify(value)}`);
	}
	return value as T;
}

function pattern(value: unknown, field: string, regex: RegExp, hint: string): string {
	const checked = text(value, field, 20);
	if (checked !== '' && !regex.test(checked)) msmFail('VALIDATION_ERROR', `${field} is not valid`, hint);
	return checked;
}

/**
 * PUT body → the subscriber's new state. KPN stores the whole object: fields left out are reset
 * to their defaults ('' / false / null), as the seed warns.
 */
function updatedSubscriber(current: SubscriberDetails, body: unknown): SubscriberDetails {
	if (!isRecord(body) || !isRecord(body.subscriber)) {
		msmFail('VALIDATION_ERROR', 'subscriber is required', 'Send {"referenceNumber": "…", "subscriber": {…}}');
	}
	const input = body.subscriber;
	const firstName = required(input.firstName, 'firstName', 100);
	const surname = required(input.surname, 'surname', 100);
	const gender = oneOf<SubscriberDetails['gender']>(input.gender, 'gender', GENDERS);
	const surnamePrefix = text(input.surnamePrefix, 'surnamePrefix', 32);
	const email = text(input.email, 'email', 254);
	if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) msmFail('VALIDATION_ERROR', 'email is not valid');
	if (input.vip !== undefined && typeof input.vip !== 'boolean') msmFail('VALIDATION_ERROR', 'vip must be true or false');
	const fixedNumber = pattern(input.fixedNumber, 'fixedNumber', /^(31\d{9}|0\d{9})$/, 'Use 31XXXYYYZZZ or 0XXXYYYZZZ');
	return {
		...current,
		location: [...current.path.map((item) => item.name), displayName(surname, surnamePrefix, firstName)],
		firstName,
		surnamePrefix,
		surname,
		email: email === '' ? null : email,
		vip: input.vip === true,
		employeeNumber: text(input.employeeNumber, 'employeeNumber', 100),
		gender,
		preferredLanguage:
			input.preferredLanguage === undefined || input.preferredLanguage === null
				? null
				: oneOf<'EN' | 'NL'>(input.preferredLanguage, 'preferredLanguage', LANGUAGES),
		comments: text(input.comments, 'comments', 4000),
		mobileNumber: pattern(input.mobileNumber, 'mobileNumber', /^(316\d{8}|06\d{8})$/, 'Use 316XXXYYYZZ or 06XXXYYYZZ'),
		fixedNumber: fixedNumber === '' ? null : fixedNumber,
	};
}

function hierarchyItem(item: PathItem, path: PathItem[]) {
	return { path, id: item.id, name: item.name, type: item.type, email: item.email };
}

export class MobileServicesApi {
	readonly state = new MsmState();
	private readonly basket = new BasketApi(this.state);

	reset(): void {
		this.state.reset();
		this.basket.reset();
	}

	router(): Router {
		const guarded = (handler: Handler): Handler => (request, params) => msmGuard(() => handler(request, params));
		const router = new Router()
			.add('GET', '/hierarchy/subscribers', guarded((request) => this.subscribers(request)))
			.add('GET', '/hierarchy/subscribers/:id', guarded((_request, params) => this.subscriber(params.id)))
			.add('PUT', '/hierarchy/subscribers/:id', guarded((request, params) => this.updateSubscriber(request, params.id)))
			.add('GET', '/hierarchy/children', guarded((request) => this.children(request)))
			.add('GET', '/contract/all', guarded((request) => this.contracts(request)))
			.add('GET', '/contract/id/:id', guarded((_request, params) => json(200, publicContract(this.findContract(params.id)))))
			.add('GET', '/contract/id/:id/items', guarded((_request, params) => json(200, contractItems(this.findContract(params.id)))));
		this.basket.addRoutes(router, guarded);
		return router;
	}

	private subscribers(request: ApiRequest): Reply {
		const { subscribers, contracts } = this.state;
		return paged(request, subscribers.map((details) => listItem(details, contracts)));
	}

	private findSubscriber(rawId: string): SubscriberDetails {
		const subscriber = this.state.subscriber(numericId(rawId, 'subscriber'));
		if (!subscriber) msmFail('SUBSCRIBER_NOT_FOUND', `Subscriber ${rawId} not found`, '', 404);
		return subscriber;
	}

	private subscriber(rawId: string): Reply {
		return json(200, this.findSubscriber(rawId));
	}

	private updateSubscriber(request: ApiRequest, rawId: string): Reply {
		const current = this.findSubscriber(rawId);
		const updated = updatedSubscriber(current, request.body);
		this.state.subscribers[this.state.subscribers.indexOf(current)] = updated;
		const body = request.body as Record<string, unknown>;
		const reference = typeof body.referenceNumber === 'string' ? body.referenceNumber : '';
		const suffix = randomBytes(3).toString('hex').toUpperCase().slice(0, 4);
		return json(200, {
			contextName: displayName(updated.surname, updated.surnamePrefix, updated.firstName),
			operation: 'changeUserData',
			status: 'Initialized',
			referenceNumber: `${reference} [${suffix}]`.trim(),
			id: this.state.nextOrderId(),
			creationDate: new Date().toISOString().replace('Z', '+00:00'),
		});
	}

	private children(request: ApiRequest): Reply {
		const rawId = request.query.id;
		if (rawId === undefined || rawId === '') {
			const debtors = DEBTORS.map((debtor) => hierarchyItem(debtor, [CUSTOMER]));
			const withCustomer = request.query.includeCustomer === 'true' ? [hierarchyItem(CUSTOMER, []), ...debtors] : debtors;
			return paged(request, withCustomer);
		}
		const id = numericId(rawId, 'hierarchy');
		const parentPath = this.pathTo(id);
		if (!parentPath) msmFail('CONTEXT_OBJECT_NOT_FOUND', `Hierarchy entity ${rawId} not found`, '', 404);
		const groups =
			id === CUSTOMER.id
				? DEBTORS.map((debtor) => hierarchyItem(debtor, parentPath))
				: COST_CENTERS.filter((center) => center.parentId === id).map((center) =>
						hierarchyItem({ id: center.id, name: center.name, type: center.type, email: null }, parentPath),
					);
		const members = this.state.subscribers
			.filter((subscriber) => subscriber.path[subscriber.path.length - 1].id === id)
			.map((subscriber) => ({
				...hierarchyItem(
					{ id: subscriber.id, name: displayName(subscriber.surname, subscriber.surnamePrefix, subscriber.firstName), type: 'SUBSCRIBER', email: subscriber.email },
					subscriber.path,
				),
				firstName: subscriber.firstName,
				lastName: subscriber.surname,
				prefix: subscriber.surnamePrefix,
				employeeNumber: subscriber.employeeNumber,
			}));
		return paged(request, [...groups, ...members]);
	}

	/** Path from the customer down to and including entity `id`, or undefined when unknown. */
	private pathTo(id: number): PathItem[] | undefined {
		if (id === CUSTOMER.id) return [CUSTOMER];
		const debtor = DEBTORS.find((item) => item.id === id);
		if (debtor) return [CUSTOMER, debtor];
		const center = COST_CENTERS.find((item) => item.id === id);
		if (center) {
			const parent = DEBTORS.find((item) => item.id === center.parentId) ?? DEBTORS[0];
			return [CUSTOMER, parent, { id: center.id, name: center.name, type: center.type, email: null }];
		}
		const subscriber = this.state.subscriber(id);
		return subscriber ? [...subscriber.path, { id, name: subscriber.surname, type: 'SUBSCRIBER', email: null }] : undefined;
	}

	private contracts(request: ApiRequest): Reply {
		const category = request.query.category;
		if (category !== undefined && !CONTRACT_CATEGORIES.includes(category)) {
			msmFail('VALIDATION_ERROR', `category must be one of ${CONTRACT_CATEGORIES.join(', ')}`, `got '${category}'`);
		}
		const contracts = category ? this.state.contracts.filter((contract) => contract.category === category) : this.state.contracts;
		return paged(request, contracts.map(publicContract));
	}

	private findContract(rawId: string): Contract {
		const contract = this.state.contract(numericId(rawId, 'contract'));
		if (!contract) msmFail('CONTRACT_NOT_FOUND', `Contract ${rawId} not found`, '', 404);
		return contract;
	}
}
