import { KpnMobileServices } from '../../../nodes/KpnMobileServices/KpnMobileServices.node';
import type { BadInputCase } from './types';

const family = 'KPN Mobile Services';
const msm = (name: string, message: BadInputCase['message'], parameters: Record<string, unknown>, items?: BadInputCase['items']): BadInputCase => ({
	family,
	name,
	nodeType: () => new KpnMobileServices(),
	message,
	parameters,
	...(items ? { items } : {}),
});
const subscriberGet = { resource: 'subscriber', operation: 'get' };
const subscriberUpdate = (updateFields: Record<string, unknown>) => ({ resource: 'subscriber', operation: 'update', subscriberId: '1234567', updateFields });
const order = { resource: 'basket', operation: 'order', sessionId: '5d6f1c2e-0000-4000-8000-000000000001' };
const address = { deliveryAddress: 'address', companyName: 'Company X BV', street: 'Wilhelminakade', houseNumber: '123', postalCode: '3072AP', city: 'Rotterdam' };
const update = (productActions: unknown) => ({ resource: 'basket', operation: 'update', sessionId: '5d6f1c2e-0000-4000-8000-000000000001', productActions });
/** Calendar day `days` from today, as the node's default time zone (America/New_York) sees it. */
const dayFromToday = (days: number) => {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
	return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
};

export const mobileServicesCases: BadInputCase[] = [
	msm('subscriber get: no subscriber ID (expression)', 'Subscriber is empty', { ...subscriberGet, subscriberId: '={{ $json.id }}' }),
	msm('subscriber get: a name instead of an ID', 'Subscriber: "Joshua" is not an ID', { ...subscriberGet, subscriberId: 'Joshua' }),
	msm('subscriber get: ID 12.5', 'Subscriber: "12.5" is not an ID', { ...subscriberGet, subscriberId: '={{ 12.5 }}' }),
	msm('subscriber get many: limit 0', 'Limit must be a whole number of at least 1 (got 0)', { resource: 'subscriber', operation: 'getAll', returnAll: false, limit: 0 }),
	msm('subscriber get many: page size 1001', 'Page Size must be a whole number from 1 to 1000 (got 1001)', {
		resource: 'subscriber',
		operation: 'getAll',
		returnAll: true,
		options: { pageSize: 1001 },
	}),
	msm('subscriber update: no field to change', 'Update Fields: add at least one field to change', subscriberUpdate({})),
	msm('subscriber update: email without @', 'Email "julia.example.com" is not an email address', subscriberUpdate({ email: 'julia.example.com' })),
	msm('subscriber update: mobile number is a landline', 'Mobile Number "0201234567" is not a Dutch mobile number (format 316XXXYYYZZ or 06XXXYYYZZ)', subscriberUpdate({ mobileNumber: '0201234567' })),
	msm('subscriber update: gender not in the list', 'Gender must be one of MALE, FEMALE, OTHER (got "M")', subscriberUpdate({ gender: 'M' })),
	msm('subscriber update: VIP is text (expression)', 'VIP must be true or false (got "yes")', subscriberUpdate({ vip: '={{ "yes" }}' })),
	msm('subscriber update: surname of 101 characters', 'Surname has 101 characters; KPN allows at most 100', subscriberUpdate({ surname: 'x'.repeat(101) })),
	msm('basket create: contract ID is text', 'Contract: "my contract" is not an ID', { resource: 'basket', operation: 'create', basketFor: 'contract', contractId: 'my contract' }),
	msm('basket update: nothing to change', 'Nothing to change', update({})),
	msm('basket update: amount 101', 'Product Actions 1: Amount must be a whole number from 1 to 100 (got 101)', update({ action: [{ productId: '5001', type: 'PUT', amount: 101 }] })),
	msm('basket update: action not PUT or REMOVE (expression)', 'Product Actions 1: Action must be PUT or REMOVE (got "ADD")', update({ action: [{ productId: '5001', type: '={{ "ADD" }}' }] })),
	msm('order: no session ID (expression)', 'Session ID is empty', { ...order, sessionId: '={{ $json.sessionId }}' }),
	msm('order: session ID with a slash', 'Session ID "abc/def" is not a session ID', { ...order, sessionId: 'abc/def' }),
	msm('order: wish date is not a date', /^Wish Date: "next week" is not a date/, { ...order, wishDate: 'next week' }),
	msm('order: wish date 120 days ahead', /^Wish Date: \d{4}-\d{2}-\d{2} is more than \d+ days ahead/, { ...order, wishDate: dayFromToday(120) }),
	msm('order: postal code 1234 ABC', 'Postal Code "1234 ABC" is not a Dutch postal code (four digits and two letters, e.g. 1234AB)', { ...order, ...address, postalCode: '1234 ABC' }),
	msm('order: street of 25 characters', 'Street has 25 characters; KPN allows at most 24', { ...order, ...address, street: 'Burgemeester de Raadtsing' }),
	msm('order: no company name (expression)', 'Company Name is empty', { ...order, ...address, companyName: '={{ $json.company }}' }),
	msm('order: address ID with letters', 'Address ID: "x12" is not an ID', { ...order, deliveryAddress: 'addressId', addressId: 'x12' }),
	msm('contract items: contract ID with letters', 'Contract: "98765x" is not an ID', { resource: 'contract', operation: 'getItems', contractId: '98765x' }),
];
