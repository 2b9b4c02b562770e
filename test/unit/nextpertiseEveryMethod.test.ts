import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { METHODS, type ParamSpec } from '../../nodes/shared/nextpertise/catalogue';
import {
	containerProperties,
	GROUP_NAME,
	isUpload,
	OPTIONAL_NAME,
	placementOf,
	safeName,
	uiKind,
	userParams,
} from '../../nodes/shared/nextpertise/params/shape';
import { isRecord } from '../../nodes/shared/isRecord';
import { collectFromJson } from '../../nodes/shared/nextpertise/params/collect';
import { checkParams } from '../../nodes/shared/nextpertise/params/validate';
import { memoryFile, withBinaryInput } from '../harness/binaryItems';
import { everyText } from '../harness/kpnNock';
import { runNode } from '../harness/runNode';
import { useSandbox } from '../harness/sandboxSuite';
import { NEXTPERTISE_SANDBOX_PASSWORD } from '../sandbox/server';

// Every one of the 81 operations, run through the node (n8n-core's engine) against the sandbox's
// JSON-RPC server, which checks the params with the catalogue and answers with the document's
// reply: the documented request example where the document has one, else the params below.
const { sandbox, nextpertiseCredentials } = useSandbox();
const node = new Nextpertise();

/** The 10 email methods have no documented request example. */
const WITHOUT_EXAMPLE: Record<string, Record<string, unknown>> = {
	create_forwarder: { mailbox: 'info@example.com', recipients: ['sales@example.com'] },
	create_mailbox: { mailbox: 'info@example.com' },
	delete_forwarder: { mailbox: 'info@example.com' },
	delete_mailbox: { mailbox: 'info@example.com' },
	get_forwarders: {},
	get_mailbox_usage: { mailbox: 'info@example.com', year: 2026, month: 10 },
	get_mailboxes: {},
	get_ordered_products: {},
	update_forwarder: { mailbox: 'info@example.com', recipients: ['sales@example.com'] },
	update_password: { mailbox: 'info@example.com', password: 'N3w-mailbox-pass' },
};

const cases = METHODS.map((spec) => {
	const documented = spec.examples[0]?.params;
	const params: Record<string, unknown> = { ...(documented ?? WITHOUT_EXAMPLE[spec.method]) };
	if (spec.paging) delete params[spec.paging.param];
	return { resource: spec.resource, method: spec.method, params, spec };
});

test('the table covers all 81 methods: 71 with the document\'s example, 10 email methods with written params', () => {
	expect(cases).toHaveLength(81);
	expect(cases.filter((entry) => entry.spec.examples.length === 0).map((entry) => entry.method).sort()).toEqual(
		Object.keys(WITHOUT_EXAMPLE).sort(),
	);
});

test.each(cases.map((entry) => [`${entry.resource}.${entry.method}`, entry] as const))(
	'%s succeeds through the node, one request to its endpoint (pages: one page of up to 5 rows)',
	async (_name, { resource, method, params, spec }) => {
		const result = await runNode({
			nodeType: node,
			parameters: {
				resource,
				operation: method,
				jsonParameters: true,
				parametersJson: JSON.stringify(params),
				...(spec.paginated ? { returnAll: false, limit: 5 } : {}),
			} as never,
			credentials: nextpertiseCredentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		const calls = sandbox().log.filter((entry) => entry.method === 'POST' && entry.path === `/${spec.productClass}/v1`);
		expect(calls.map((entry) => [entry.status, (entry.body as { method?: string }).method])).toEqual([[200, method]]);
		expect(everyText(result.run)).not.toContain(NEXTPERTISE_SANDBOX_PASSWORD);
	},
);

// Every request example of the document (87, in 71 methods), sent through the node: the params that
// reach the API must be the example's params exactly — none refused, none altered ("" and null
// included). The paging param is the node's: an example's `pagination` / `paging` is asked for with
// One Page (Page / Offset and Page Size) and must come back as documented too.
const EXAMPLES = METHODS.flatMap((spec) =>
	spec.examples.map((example, index) => {
		const params: Record<string, unknown> = { ...example.params };
		if (spec.paging) delete params[spec.paging.param];
		return { name: `${spec.resource}.${spec.method} #${index + 1}`, spec, params, documented: example.params };
	}),
);

/** `value` as the sandbox's request log keeps it: passwords are masked there. */
function asLogged(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(asLogged);
	if (!isRecord(value)) return value;
	return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, key === 'password' ? '***' : asLogged(entry)]));
}

/** The params of the one request sent to the method's endpoint. */
function sentParams(spec: (typeof METHODS)[number]): unknown {
	const calls = sandbox().log.filter((entry) => entry.method === 'POST' && entry.path === `/${spec.productClass}/v1`);
	expect(calls).toHaveLength(1);
	return (calls[0].body as { params?: Record<string, unknown> }).params ?? {};
}

/** The paging fields that ask for an example's documented page (Return All / Limit when it documents none). */
function pagingFields(spec: (typeof METHODS)[number], documented: Readonly<Record<string, unknown>>): Record<string, unknown> {
	if (!spec.paging) return {};
	const asked = documented[spec.paging.param] as Record<string, number> | undefined;
	if (!asked) return { returnAll: false, limit: 5 };
	return spec.paging.style === 'page'
		? { onePage: true, page: asked.page, pageSize: asked.per_page }
		: { onePage: true, offset: asked.offset, pageSize: asked.length };
}

/** What must be sent: the example, with the node's paging param where the example has none. */
function expectedParams(spec: (typeof METHODS)[number], documented: Readonly<Record<string, unknown>>): unknown {
	if (!spec.paging || spec.paging.param in documented) return asLogged(documented);
	return asLogged({ ...documented, [spec.paging.param]: spec.paging.style === 'page' ? { page: 1, per_page: 5 } : { offset: 0, length: 5 } });
}

/** The field values that give `value` for `spec` (the inverse of reading the generated fields back). */
function uiValue(spec: ParamSpec, value: unknown, depth = 1): unknown {
	const group = (item: unknown) => {
		if (!isRecord(item)) return item;
		const fields: Record<string, unknown> = {};
		const optional: Record<string, unknown> = {};
		for (const property of containerProperties(spec)) {
			if (!(property.name in item)) continue;
			(property.required ? fields : optional)[safeName(property.name)] = uiValue(property, item[property.name], depth + 1);
		}
		return Object.keys(optional).length > 0 ? { ...fields, [OPTIONAL_NAME]: optional } : fields;
	};
	switch (uiKind(spec, depth)) {
		case 'collection':
			if (!isRecord(value)) return value;
			return Object.fromEntries(
				containerProperties(spec)
					.filter((property) => property.name in value)
					.map((property) => [safeName(property.name), uiValue(property, value[property.name], depth + 1)]),
			);
		case 'group':
			return isRecord(value) ? { [GROUP_NAME]: group(value) } : value;
		case 'groupList':
			return Array.isArray(value) ? { [GROUP_NAME]: value.map(group) } : value;
		case 'json':
			return JSON.stringify(value);
		default:
			return value;
	}
}

describe('every request example of the document is sent unchanged', () => {
	test('87 examples in 71 methods', () => {
		expect(EXAMPLES).toHaveLength(87);
		expect(new Set(EXAMPLES.map((entry) => `${entry.spec.resource}.${entry.spec.method}`)).size).toBe(71);
	});

	test('the check before sending gives every example back unchanged, secrets included (the request log masks them)', () => {
		const changed = EXAMPLES.filter(({ spec, params }) => {
			const read = collectFromJson(spec, JSON.stringify(params));
			if (!('params' in read)) return true;
			const checked = checkParams(userParams(spec), read.params);
			return checked.problems.length > 0 || JSON.stringify(checked.params) !== JSON.stringify(params);
		});
		expect(changed.map((entry) => entry.name)).toEqual([]);
	});

	test.each(EXAMPLES.map((entry) => [entry.name, entry] as const))('%s as Parameters (JSON)', async (_name, { spec, params, documented }) => {
		const result = await runNode({
			nodeType: node,
			parameters: {
				resource: spec.resource,
				operation: spec.method,
				jsonParameters: true,
				parametersJson: JSON.stringify(params),
				...pagingFields(spec, documented),
			} as never,
			credentials: nextpertiseCredentials(),
		});
		expect(result.error).toBeUndefined();
		expect(sentParams(spec)).toEqual(expectedParams(spec, documented));
	});

	// What the fields cannot give, so these examples can only be sent as JSON: n8n turns null in a
	// text or list field into "" or [] (null where the document does not type it nullable), an
	// empty collection is not sent, and change_connection's example sends enduser, which the request
	// table does not list (so there is no field for it).
	const FIELDS_INFEASIBLE: Record<string, string> = {
		'broadband.carriercheck #1': 'housenrext: null',
		'broadband.carriercheck #2': 'housenrext: null',
		'broadband.change_connection #1': 'enduser is not in the request table',
		'broadband.request_offer #1': 'offer_request.housenrext: null',
		'broadband.zipcode #1': 'filter.connectionpoint: null',
		'broadband.zipcode #2': 'filter.connectionpoint: null',
		'broadbandBasic.zipcode #1': 'filter.connectionpoint: null',
		'broadbandBasic.zipcode #2': 'filter.connectionpoint: null',
		'postcodes.get_housenrext #1': 'provider_filter: null',
		'enduser.set_enduser #1': 'enduser.address.housenrext: null',
		'user.list_profiles #1': 'filter: {}',
	};
	const FIELDS_INFEASIBLE_NAMES = new Set(Object.keys(FIELDS_INFEASIBLE));

	test('the examples the fields cannot give are named', () => {
		expect(EXAMPLES.filter((entry) => FIELDS_INFEASIBLE_NAMES.has(entry.name))).toHaveLength(FIELDS_INFEASIBLE_NAMES.size);
	});

	test.each(EXAMPLES.filter((entry) => !FIELDS_INFEASIBLE_NAMES.has(entry.name)).map((entry) => [entry.name, entry] as const))(
		'%s from the fields',
		async (_name, { spec, params, documented }) => {
			const fields: Record<string, unknown> = {};
			const additional: Record<string, unknown> = {};
			for (const param of userParams(spec)) {
				if (!(param.name in params)) continue;
				(placementOf(spec, param) === 'field' ? fields : additional)[param.name] = uiValue(param, params[param.name]);
			}
			const result = await runNode({
				nodeType: isUpload(spec) ? withBinaryInput(node, [{ data: memoryFile('unused', 'unused.txt') }]) : node,
				parameters: {
					resource: spec.resource,
					operation: spec.method,
					...fields,
					[OPTIONAL_NAME]: additional,
					...pagingFields(spec, documented),
				} as never,
				credentials: nextpertiseCredentials(),
			});
			expect(result.error).toBeUndefined();
			expect(sentParams(spec)).toEqual(expectedParams(spec, documented));
		},
	);
});
