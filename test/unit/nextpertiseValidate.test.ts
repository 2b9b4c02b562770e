// Client-side validation of Nextpertise params: the catalogue's regexes (as written in the
// document), enums, type coercion, required / nullable rules and nested paths in messages; and
// how the generated fields are read back into params.
import { findMethod, METHODS } from '../../nodes/shared/nextpertise/catalogue';
import type { MethodSpec, ParamSpec } from '../../nodes/shared/nextpertise/catalogue';
import { collectFromFields, collectFromJson } from '../../nodes/shared/nextpertise/params/collect';
import { expectedText, formatOf } from '../../nodes/shared/nextpertise/params/formats';
import { userParams } from '../../nodes/shared/nextpertise/params/shape';
import { checkParams } from '../../nodes/shared/nextpertise/params/validate';

function method(resource: string, name: string): MethodSpec {
	const found = findMethod(resource, name);
	if (!found) throw new Error(`no method ${resource}.${name}`);
	return found;
}

function check(resource: string, name: string, params: Record<string, unknown>) {
	return checkParams(userParams(method(resource, name)), params);
}

/** The problem messages of a check. */
function problems(resource: string, name: string, params: Record<string, unknown>): string[] {
	return check(resource, name, params).problems.map((problem) => problem.message);
}

const NID = '2408ZE000100100';

describe('regex families, as the document writes them', () => {
	test('every regex in the catalogue has a readable name and an example that matches it', () => {
		const regexes = new Set<string>();
		const walk = (spec: ParamSpec): void => {
			for (const alternative of [spec, ...(spec.alternatives ?? [])]) if (alternative.regex) regexes.add(alternative.regex);
			for (const child of [...(spec.properties ?? []), ...(spec.items ? [spec.items] : []), ...(spec.prefixItems ?? [])]) walk(child);
		};
		METHODS.forEach((spec) => spec.params.forEach(walk));
		expect(regexes.size).toBe(18);
		for (const regex of regexes) {
			const format = formatOf(regex);
			expect({ regex, named: format !== undefined }).toEqual({ regex, named: true });
			expect({ regex, example: format!.example, matches: new RegExp(regex).test(format!.example) }).toEqual({
				regex,
				example: format!.example,
				matches: true,
			});
		}
	});

	test('Dutch postcode with $ (order_connection): normalised first, then checked; the message names format, example and regex', () => {
		const base = { housenr: 9, carrier: 633, circuit: [{ circuit: 272 }] };
		expect(check('broadband', 'order_connection', { ...base, zipcode: ' 2408 ze ' }).params.zipcode).toBe('2408ZE');
		expect(problems('broadband', 'order_connection', { ...base, zipcode: '2408ZEX' })).toEqual([
			'zipcode must be a Dutch postcode like 2408ZE (regex ^[0-9]{4}[A-Z]{2}$), got "2408ZEX"',
		]);
		expect(problems('broadband', 'order_connection', { ...base, zipcode: '240ZE' })).toHaveLength(1);
	});

	test('Dutch postcode without $ (zipcode(), get_housenrext): a longer value passes, as the document allows', () => {
		expect(problems('broadband', 'zipcode', { zipcode: '2408ZEX', housenr: 10 })).toEqual([]);
		expect(check('broadbandBasic', 'zipcode', { zipcode: '2408 ze', housenr: '10' }).params).toEqual({ zipcode: '2408ZE', housenr: 10 });
		expect(problems('postcodes', 'get_housenrext', { zipcode: 'ZE2408', housenr: 16 })).toEqual([
			'zipcode must be a Dutch postcode like 2408ZE (regex ^[0-9]{4}[A-Z]{2}), got "ZE2408"',
		]);
	});

	test('nid', () => {
		expect(problems('broadband', 'get_recent_transaction', { nid: NID })).toEqual([]);
		expect(problems('broadband', 'get_recent_transaction', { nid: '2408ze000100100' })).toEqual([
			'nid must be a Nextpertise NID (carrier or circuit ID) like 2408ZE000100100 (regex ^[0-9]{4}[A-Z]{2}[0-9]{5}[0-9A-Z]{4}$) (or null), got "2408ze000100100"',
		]);
	});

	test('Dutch national phone number', () => {
		const ticket = { subject: 'Down', comment: 'Help' };
		expect(problems('support', 'create_ticket', { ...ticket, contact: { phone: '0612345678' } })).toEqual([]);
		expect(problems('support', 'create_ticket', { ...ticket, contact: { phone: '+31612345678' } })).toEqual([
			'contact.phone must be a Dutch national phone number like 0101234567 (regex ^0([1-7][0-9]|85|88)[0-9]{7}$) (or null), got "+31612345678"',
		]);
		expect(problems('support', 'create_ticket', { ...ticket, contact: { phone: '0801234567' } })).toHaveLength(1);
		expect(problems('support', 'create_ticket', { ...ticket, contact: { phone: '0881234567' } })).toEqual([]);
	});

	test('date YYYY-MM-DD and UTC date-time', () => {
		expect(problems('broadband', 'replan_transaction', { uuid: 'u', custwishdate: '2020-04-23' })).toEqual([]);
		expect(problems('broadband', 'replan_transaction', { uuid: 'u', custwishdate: '23-04-2020' })).toEqual([
			'custwishdate must be a date YYYY-MM-DD like 2020-04-23 (regex ^[1-9][0-9]{3}-[01][0-9]-[0-3][0-9]$) (or null), got "23-04-2020"',
		]);
		expect(problems('diagnostics', 'get_authlog', { nid: NID, after: '2018-01-29T17:18:00Z' })).toEqual([]);
		expect(problems('diagnostics', 'get_authlog', { nid: NID, after: '2018-01-29 17:18:00' })[0]).toMatch(
			/^after must be a UTC date-time YYYY-MM-DDThh:mm:ssZ like 2018-01-29T17:18:00Z \(regex /,
		);
	});

	test('mailbox and forwarder recipients (the recipient regex refuses / and * in the local part)', () => {
		expect(problems('email', 'create_mailbox', { mailbox: 'info@example.com' })).toEqual([]);
		expect(problems('email', 'create_mailbox', { mailbox: 'a/b*c@example.com' })).toEqual([]);
		expect(problems('email', 'create_mailbox', { mailbox: 'info.example.com' })[0]).toMatch(/^mailbox must be an email address like info@example.com/);
		expect(problems('email', 'create_forwarder', { mailbox: 'info@example.com', recipients: ['ok@example.com', 'a/b@example.com'] })).toEqual([
			'recipients[1] must be an email address like info@example.com (regex (^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+$)), got "a/b@example.com"',
		]);
	});

	test('tags (unanchored, as written), access list names, customer code', () => {
		expect(problems('broadband', 'set_tags', { nid: NID, tags: ['office', 'vlan=6'] })).toEqual([]);
		expect(problems('broadband', 'set_tags', { nid: NID, tags: ['office', '!!'] })).toEqual([
			'tags[1] must be a tag of letters, digits and / = : _ - like office (regex [a-zA-Z0-9\\/=:_-]+), got "!!"',
		]);
		expect(problems('broadband', 'set_accesslist', { name: 'office_vpn' })).toEqual([]);
		expect(problems('broadband', 'set_accesslist', { name: 'Office' })[0]).toMatch(/^name must be an access list name .* like office_vpn \(regex \^\[a-z0-9_\]\{3,\}\$\)/);
		expect(problems('attachments', 'upload', { file: 'SGk=', customer_code: 'DB123' })).toEqual([]);
		expect(problems('attachments', 'upload', { file: 'SGk=', customer_code: 'DB12' })).toEqual([
			'customer_code must be a customer code like DB123 (regex ^DB[0-9]{3,}$), got "DB12"',
		]);
	});

	test('IPv4 / IPv6 subnets, and alternatives (one of two regexes must match)', () => {
		const provisioning = (values: Record<string, unknown>) => problems('broadband', 'set_provisioning', { nid: NID, provisioning: values });
		expect(provisioning({ primary_ipv4: '192.0.2.0/24', routed_ipv6: ['2001:db8::/48'] })).toEqual([]);
		expect(provisioning({ primary_ipv4: '192.0.2.1' })[0]).toMatch(/^provisioning.primary_ipv4 must be an IPv4 subnet in CIDR notation like 192.0.2.0\/24/);
		expect(provisioning({ routed_ipv6: ['2001:db8::/48', 'nonsense'] })[0]).toMatch(/^provisioning.routed_ipv6\[1\] must be an IPv6 subnet/);

		const whitelist = (subnet: string) =>
			problems('user', 'set_profile', { security: { whitelist: [{ subnet, description: 'office' }] } });
		expect(whitelist('192.0.2.10')).toEqual([]);
		expect(whitelist('192.0.2.0/24')).toEqual([]);
		expect(whitelist('2001:db8::1/128')).toEqual([]);
		const [message] = whitelist('not-an-ip');
		expect(message).toMatch(/^security.whitelist\[0\].subnet must be an IPv4 address or subnet like 192.0.2.10\/32 \(regex .*\) or an IPv6 address or subnet like 2001:db8::1\/128 \(regex .*\), got "not-an-ip"$/);
		expect(problems('user', 'set_profile', { security: { whitelist: [{ description: 'no subnet' }] } })).toEqual([
			'security.whitelist[0].subnet is required: it must be an IPv4 address or subnet like 192.0.2.10/32 (regex ^([0-9]{1,3}\\.){3}[0-9]{1,3}(\\/([0-9]|[1-2][0-9]|3[0-2]))?$) or an IPv6 address or subnet like 2001:db8::1/128 (regex ^(((?:(?:(?:[0-9a-fA-F]){1,4})?):){1,7}(?:(?:(?:[0-9a-fA-F]){1,4})?))(/(1[0-1][0-9]|12[0-8]|[1-9][0-9]|[1-9]))?$)',
		]);
	});

	test('user name (e-mail) and ISRA', () => {
		expect(problems('user', 'set_profile', { username: 'teun@nextpertise.nl' })).toEqual([]);
		expect(problems('user', 'set_profile', { username: 'teun' })[0]).toMatch(/^username must be a user name \(an email address\)/);
		const order = { zipcode: '2408ZE', housenr: 9, carrier: 633, circuit: [{ circuit: 272 }] };
		expect(problems('broadband', 'order_connection', { ...order, isra: '0/8/MTK/METERKAST' })).toEqual([]);
		expect(problems('broadband', 'order_connection', { ...order, isra: 'meterkast{}' })[0]).toMatch(/^isra must be an ISRA connection point name/);
	});
});

describe('enums, types, required, nullable', () => {
	test('enums: a value in another case is corrected, others are refused with the options', () => {
		expect(check('diagnostics', 'diagnose', { type: 'DELT', nid: NID }).params.type).toBe('delt');
		expect(problems('diagnostics', 'diagnose', { type: 'ping', nid: NID })).toEqual([
			'type must be one of delt, selt, fiber-check, ont-check, ont-lan-check, got "ping"',
		]);
		expect(problems('broadband', 'zipcode', { zipcode: '2408ZE', housenr: 1, filter: { provider: ['KPNWBA', 'VODAFONE'] } })).toEqual([
			'filter.provider[1] must be one of TELE2, KPNWEAS, KPNWBA, EUROFIBER, ZIGGO, WAUWAU, NDIX, FOREFREEDOM, got "VODAFONE"',
		]);
	});

	test('integers and numbers: numeric text (from expressions) is converted, anything else is refused naming the field', () => {
		expect(check('email', 'get_mailbox_usage', { year: '2024', month: ' 7 ' }).params).toEqual({ year: 2024, month: 7 });
		expect(problems('email', 'get_mailbox_usage', { year: 2024.5, month: 'July' })).toEqual([
			'year must be a whole number, got 2024.5',
			'month must be a whole number, got "July"',
		]);
		expect(check('broadband', 'zipcode', { zipcode: '2408ZE', housenr: 10, filter: { timeout: '15.5' } }).params.filter).toEqual({ timeout: 15.5 });
		expect(problems('broadband', 'zipcode', { zipcode: '2408ZE', housenr: 10, filter: { timeout: 'soon' } })).toEqual([
			'filter.timeout must be a number, got "soon"',
		]);
		expect(check('broadband', 'get_change_connection_options', { nid: NID, carrier_product_ids: ['116', 133] }).params.carrier_product_ids).toEqual([116, 133]);
		expect(check('support', 'list_tickets', { closed: 'false' }).params.closed).toBe(false);
		expect(problems('support', 'list_tickets', { closed: 'maybe' })).toEqual(['closed must be true or false, got "maybe"']);
		// Text params accept numbers (e.g. a house number extension 1).
		expect(check('broadband', 'carriercheck', { zipcode: '2408ZE', housenr: 2, carrier: 'Copper', housenrext: 1 }).params.housenrext).toBe('1');
	});

	test('required: missing, empty text and null are refused; nested required only when the parent is sent', () => {
		expect(problems('broadband', 'order_connection', {})).toEqual([
			'zipcode is required: it must be a Dutch postcode like 2408ZE (regex ^[0-9]{4}[A-Z]{2}$)',
			'housenr is required: it must be a number',
			'carrier is required: it must be a whole number',
			'circuit is required: it must be a list',
		]);
		expect(problems('support', 'get_ticket', { id: '' })).toEqual(['id is required but empty: it must be a whole number']);
		expect(problems('broadband', 'change_sla', { nid: null, product_id: 759 })[0]).toMatch(/^nid is required but empty: it must be a Nextpertise NID/);
		expect(problems('broadband', 'set_tags', { nid: NID })).toEqual(['tags is required: it must be a list']);
		// order_connection's enduser is optional, its uuid required once enduser is sent.
		const order = { zipcode: '2408ZE', housenr: 9, carrier: 633, circuit: [{ circuit: 272 }] };
		expect(problems('broadband', 'order_connection', order)).toEqual([]);
		expect(problems('broadband', 'order_connection', { ...order, enduser: {} })).toEqual(['enduser.uuid is required: it must be text']);
		expect(problems('broadband', 'order_connection', { ...order, circuit: [{ circuit: 272 }, { vlan: 7 }] })).toEqual([
			'circuit[1].circuit is required: it must be a whole number',
		]);
		expect(problems('enduser', 'set_enduser', { enduser: { address: { zipcode: '2408ZE' } } })).toEqual([
			'enduser.address.housenr is required: it must be a whole number',
		]);
	});

	test('empty lists and objects are sent as given: the document never says one must have entries', () => {
		// The document's set_tags and order_connection examples send "tags": [] and "cpe": [].
		expect(check('broadband', 'set_tags', { nid: NID, tags: [] })).toEqual({ params: { nid: NID, tags: [] }, problems: [] });
		expect(check('enduser', 'set_enduser', { enduser: {} })).toEqual({ params: { enduser: {} }, problems: [] });
		expect(check('broadband', 'get_prices', { product_list: '[]' }).params).toEqual({ product_list: [] });
		const order = { zipcode: '2408ZE', housenr: 9, carrier: 633, circuit: [], cpe: [], tags: [] };
		expect(check('broadband', 'order_connection', order)).toEqual({ params: order, problems: [] });
	});

	test('a list field left empty is an empty list; an optional list not added is not sent', () => {
		const setTags = method('broadband', 'set_tags');
		expect(collectFromFields(setTags, (name) => ({ nid: NID, tags: [] })[name], {})).toEqual({ nid: NID, tags: [] });
		expect(collectFromFields(setTags, (name) => ({ nid: NID, tags: ['', null] })[name], {})).toEqual({ nid: NID, tags: [] });
		expect(collectFromFields(setTags, (name) => ({ nid: NID, tags: '' })[name], {})).toEqual({ nid: NID, tags: [] });
		const order = method('broadband', 'order_connection');
		const fields: Record<string, unknown> = { zipcode: '2408ZE', housenr: 9, carrier: 633, circuit: {} };
		expect(collectFromFields(order, (name) => fields[name], {})).toEqual({ ...fields, circuit: [] });
		expect(collectFromFields(order, (name) => fields[name], { tags: [] })).toEqual({ ...fields, circuit: [], tags: [] });
	});

	test('optional null is sent as given, also where the type table does not list null (the document\'s examples do)', () => {
		const order = { zipcode: '2408ZE', housenr: 9, carrier: 633, circuit: [{ circuit: 272 }] };
		const sent = check('broadband', 'order_connection', { ...order, custwishdate: null, sla: null, contract_duration: null }).params;
		expect(sent).toEqual({ ...order, custwishdate: null, sla: null, contract_duration: null });
		// carriercheck, zipcode and get_housenrext examples send housenrext, filter.connectionpoint and provider_filter as null.
		const zipcode = { zipcode: '2408ZE', housenr: 10, housenrext: null, filter: { provider: ['TELE2'], connectionpoint: null, timeout: 15 } };
		expect(check('broadband', 'zipcode', zipcode)).toEqual({ params: zipcode, problems: [] });
		const housenrext = { housenr: 16, zipcode: '2584TX', provider_filter: null, dont_do_recursion: false };
		expect(check('postcodes', 'get_housenrext', housenrext)).toEqual({ params: housenrext, problems: [] });
	});

	test('optional empty text is sent as given, unchecked; empty text for an optional number is not sent; unknown properties pass through', () => {
		const order = { zipcode: '2408ZE', housenr: 9, carrier: 633, circuit: [{ circuit: 272, note: 'kept' }] };
		expect(check('broadband', 'order_connection', { ...order, serviceid: '', contact_name: '  ', extra: { any: 1 } }).params).toEqual({
			...order,
			serviceid: '',
			contact_name: '  ',
			extra: { any: 1 },
		});
		// The document's list_offers example filters on "zipcode": "" (its regex would refuse "").
		expect(check('broadband', 'list_offers', { filter: { zipcode: '' } })).toEqual({ params: { filter: { zipcode: '' } }, problems: [] });
		expect(check('broadband', 'order_connection', { ...order, sla: '' }).params).toEqual(order);
	});

	test('JSON text for objects and lists is parsed; bad JSON names the field', () => {
		expect(check('broadband', 'get_prices', { product_list: '[[759, 24], [688, 36]]' }).params.product_list).toEqual([[759, 24], [688, 36]]);
		expect(problems('broadband', 'get_prices', { product_list: '[[759, 24' })[0]).toMatch(/^product_list is not valid JSON \(.*\); it must be a list$/);
		expect(problems('broadband', 'get_prices', { product_list: [['a', 24]] })).toEqual(['product_list[0][0] must be a whole number, got "a"']);
	});

	test('secrets are never shown in messages', () => {
		expect(problems('email', 'update_password', { mailbox: 'info@example.com', password: { value: 'S3cret-value' } })).toEqual([
			'password must be text, got (hidden)',
		]);
		expect(expectedText({ name: 'x', type: 'integer', required: false, description: '' })).toBe('a whole number');
	});

	test('every documented request example passes (nothing the document sends is refused)', () => {
		let examples = 0;
		for (const spec of METHODS) {
			for (const example of spec.examples) {
				examples++;
				const params = { ...example.params };
				if (spec.paging) delete params[spec.paging.param];
				expect({ method: `${spec.resource}.${spec.method}`, problems: checkParams(userParams(spec), params).problems }).toEqual({
					method: `${spec.resource}.${spec.method}`,
					problems: [],
				});
			}
		}
		expect(examples).toBeGreaterThan(80);
	});
});

describe('reading the generated fields back', () => {
	test('order_connection: groups, lists, Additional Fields inside groups, safe names mapped back', () => {
		const fields: Record<string, unknown> = {
			zipcode: '2408ZE',
			housenr: 9,
			carrier: '633',
			circuit: { values: [{ circuit: 272, additionalFields: { vlan: 6, tags: ['office', ''] } }, { circuit: 274 }] },
		};
		const raw = collectFromFields(method('broadband', 'order_connection'), (name) => fields[name], {
			enduser: { values: { uuid: 'abcde900-08e4-4d95-8793-8083660ea700' } },
			confirm: { Terminate_Voice: true },
			cpe: [],
			contact_name: '',
		});
		expect(raw.cpe).toEqual([]);
		delete raw.cpe;
		expect(raw).toEqual({
			zipcode: '2408ZE',
			housenr: 9,
			carrier: '633',
			circuit: [{ circuit: 272, vlan: 6, tags: ['office'] }, { circuit: 274 }],
			enduser: { uuid: 'abcde900-08e4-4d95-8793-8083660ea700' },
			confirm: { 'Terminate Voice': true },
			contact_name: '',
		});
		expect(checkParams(userParams(method('broadband', 'order_connection')), raw).params).toEqual({
			zipcode: '2408ZE',
			housenr: 9,
			carrier: 633,
			circuit: [{ circuit: 272, vlan: 6, tags: ['office'] }, { circuit: 274 }],
			enduser: { uuid: 'abcde900-08e4-4d95-8793-8083660ea700' },
			confirm: { 'Terminate Voice': true },
			// Added under Additional Fields: sent as given.
			contact_name: '',
		});
		// An optional field that is not added is not sent.
		expect(collectFromFields(method('broadband', 'order_connection'), (name) => fields[name], {})).not.toHaveProperty('contact_name');
	});

	test('a text field added and left empty: "" as given, null for a nullable date or phone number (as the document\'s order_connection example)', () => {
		const fields: Record<string, unknown> = { zipcode: '2408ZE', housenr: 9, carrier: 633, circuit: { values: [{ circuit: 272 }] } };
		const raw = collectFromFields(method('broadband', 'order_connection'), (name) => fields[name], {
			serviceid: '',
			custwishdate: '',
			requested_phonenumber: '',
		});
		expect(raw).toMatchObject({ serviceid: '', custwishdate: null, requested_phonenumber: null });
	});

	test('multi-options from an expression ("A, B") and empty JSON fields', () => {
		const raw = collectFromFields(method('broadband', 'zipcode'), (name) => ({ zipcode: '2408ZE', housenr: 10 })[name], {
			filter: { provider: 'KPNWBA, TELE2' },
		});
		expect(raw.filter).toEqual({ provider: ['KPNWBA', 'TELE2'] });
		expect(collectFromFields(method('user', 'set_profile'), () => undefined, { notification: '[]' })).toEqual({});
	});

	test('Parameters (JSON): an object, not the paging param', () => {
		expect(collectFromJson(method('support', 'get_ticket'), '{"id": 12345}')).toEqual({ params: { id: 12345 } });
		expect(collectFromJson(method('support', 'get_ticket'), '[1]')).toEqual({
			problem: 'Parameters (JSON) must be a JSON object of the method\'s params, e.g. {"nid": "2408ZE000100100"}',
		});
		expect(collectFromJson(method('support', 'get_ticket'), '{"id": ')).toMatchObject({ problem: expect.stringMatching(/^Parameters \(JSON\) is not valid JSON: /) });
		expect(collectFromJson(method('support', 'list_tickets'), { pagination: { page: 2 } })).toEqual({
			problem: 'Parameters (JSON): remove "pagination"; the node pages for you (use Return All or Limit, or One Page for a page of your choice)',
		});
	});
});
