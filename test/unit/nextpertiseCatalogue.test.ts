// The Nextpertise method catalogue against the document it was written from. The document is
// parsed here, independently of the catalogue: method headings, permission / since lines,
// request parameter tables, request examples and the list of error codes.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import {
	ERROR_CODES,
	findMethod,
	HTTP_ERROR_CODES,
	isNextpertiseResource,
	METHODS,
	methodsByResource,
	PRODUCT_CLASSES,
	productClassOf,
	resourceOf,
} from '../../nodes/shared/nextpertise/catalogue';
import type { MethodSpec, ParamSpec } from '../../nodes/shared/nextpertise/catalogue';

// ---------------------------------------------------------------------------------------------
// The document

/** The repository's copy of the public Nextpertise API document (v1). */
const DOC_PATH = resolve(__dirname, '../fixtures/nextpertise-api-v1.txt');

function loadDocument(): string[] {
	if (!existsSync(DOC_PATH)) {
		throw new Error(`The Nextpertise API document (nextpertise-api-v1.txt) was not found at ${DOC_PATH}.`);
	}
	return readFileSync(DOC_PATH, 'utf8').split('\n');
}

const BASE = 'https://api.nextpertise.nl';
const TYPE_WORD = '(?:string|null|integer|number|boolean|object|array|enum|one of|any of)';
const TABLE_ROW = new RegExp(`^([\\u00a0 ]*)(.+?) (${TYPE_WORD}(?:, ${TYPE_WORD})*)(?: (.*))?$`);

interface DocRow {
	depth: number;
	name: string;
	path: string;
	parentPath: string;
	types: string[];
	oneOf: boolean;
	regex?: string;
	enum?: string[];
	description: string;
}

interface DocExample {
	title?: string;
	/** The example as written: a JSON-RPC request or a bare params object. */
	json: Record<string, unknown>;
}

interface DocMethod {
	productClass: string;
	method: string;
	permission?: string;
	since?: string;
	description: string;
	emptyParams: boolean;
	rows: DocRow[];
	examples: DocExample[];
}

/** Lines from `from` up to the first one that completes a JSON value. */
function readJson(lines: string[], from: number): { value: Record<string, unknown>; next: number } {
	for (let end = from; end < lines.length; end++) {
		try {
			const value = JSON.parse(lines.slice(from, end + 1).join('\n')) as Record<string, unknown>;
			return { value, next: end + 1 };
		} catch {
			// not complete yet
		}
	}
	throw new Error(`No JSON value at document line ${from + 1}`);
}

function parseTable(lines: string[], where: string): DocRow[] {
	const rows: DocRow[] = [];
	const pathAtDepth: string[] = [];
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (!line.trim()) continue;
		const match = TABLE_ROW.exec(line);
		if (!match) throw new Error(`${where}: unreadable parameter row ${JSON.stringify(line)}`);
		const [, indent, name, typeList, rest = ''] = match;
		if (indent.length % 4 !== 0) throw new Error(`${where}: odd indentation in ${JSON.stringify(line)}`);
		const depth = indent.length / 4;
		const parentPath = depth === 0 ? '' : pathAtDepth[depth - 1];
		const path = parentPath ? `${parentPath}.${name}` : name;
		pathAtDepth[depth] = path;
		pathAtDepth.length = depth + 1;
		const types = typeList.split(', ');
		const row: DocRow = {
			depth,
			name,
			path,
			parentPath,
			types: types.filter((type) => type !== 'one of' && type !== 'any of'),
			oneOf: types.includes('one of'),
			description: rest,
		};
		if (rest === 'Regex:' || rest === 'Enum options:') {
			const value = lines[i + 1];
			const descriptionLine = lines[i + 2];
			if (!descriptionLine.startsWith('.')) throw new Error(`${where}: no description line after ${line}`);
			if (rest === 'Regex:') row.regex = value;
			else row.enum = value.split('|');
			row.description = descriptionLine.slice(1).trim();
			i += 2;
		}
		if (row.description === 'undefined') row.description = '';
		rows.push(row);
	}
	return rows;
}

function parseDocument(lines: string[]) {
	const methods: DocMethod[] = [];
	const sections: Array<{ productClass: string; method: string; start: number }> = [];
	let productClass: string | undefined;
	const sectionEnds: number[] = [];
	let headingLines = 0;
	lines.forEach((line, index) => {
		const endpoint = /^https:\/\/api\.nextpertise\.nl\/(.+)\/v1$/.exec(line);
		if (endpoint) {
			if (sections.length) sectionEnds.push(index);
			productClass = endpoint[1];
		} else if (line === BASE) {
			if (productClass && sections.length) sectionEnds.push(index);
			productClass = undefined;
		}
		const heading = /^([a-z_]+)\(\)$/.exec(line);
		if (heading && productClass) headingLines++;
		if (heading && productClass && lines[index - 1] === 'JSON-RPC') {
			sections.push({ productClass, method: heading[1], start: index });
		}
	});
	sections.forEach((section, k) => {
		const nextStart = k + 1 < sections.length ? sections[k + 1].start : lines.length;
		const end = Math.min(nextStart, ...sectionEnds.filter((e) => e > section.start));
		const body = lines.slice(section.start, end);
		const where = `${section.productClass} ${section.method}()`;
		let i = 1;
		const method: DocMethod = {
			productClass: section.productClass,
			method: section.method,
			description: '',
			emptyParams: false,
			rows: [],
			examples: [],
		};
		if (body[i].startsWith('permission needed: ')) method.permission = body[i++].slice('permission needed: '.length);
		if (body[i].startsWith('Since ')) method.since = body[i++].slice('Since '.length);
		const requestAt = body.indexOf('Request params');
		const replyAt = body.indexOf('Reply params');
		const examplesAt = body.indexOf('Examples');
		if (requestAt < 0 || replyAt < requestAt || examplesAt < replyAt) throw new Error(`${where}: unexpected layout`);
		method.description = body
			.slice(i, requestAt)
			.filter((line) => line.trim())
			.join(' ');
		const request = body.slice(requestAt + 2, replyAt);
		if (request[0] === 'This method expects an empty object as input:') {
			method.emptyParams = true;
		} else {
			if (request[0] !== 'Name Type Description') throw new Error(`${where}: no request table`);
			method.rows = parseTable(request.slice(1), where);
		}
		const titles: string[] = [];
		let j = examplesAt + 1;
		while (j < body.length && body[j] !== 'Request example' && body[j] !== 'Reply example') {
			if (body[j].trim() && body[j] !== 'JSON-RPC') titles.push(body[j]);
			j++;
		}
		const requests: Array<Record<string, unknown>> = [];
		while (j < body.length) {
			if (body[j] === 'Request example' || body[j] === 'Reply example') {
				const { value, next } = readJson(body, j + 1);
				if (body[j] === 'Request example') requests.push(value);
				j = next;
			} else {
				j++;
			}
		}
		method.examples = requests.map((json, n) =>
			titles.length === requests.length && requests.length > 1 ? { title: titles[n], json } : { json },
		);
		methods.push(method);
	});

	const errors: Array<{ code: string; text: string }> = [];
	const listAt = lines.indexOf('List of errors');
	const httpAt = lines.indexOf('HTTP Error codes');
	for (let i = listAt + 2; i < httpAt; i++) {
		const code = /^(\d{3}) (.*)$/.exec(lines[i]);
		if (code) errors.push({ code: code[1], text: code[2] });
		else if (errors.length) errors[errors.length - 1].text += ` ${lines[i]}`;
	}
	return { methods, errors, headingLines };
}

const DOC = parseDocument(loadDocument());
const key = (productClass: string, method: string) => `${productClass} ${method}`;
const DOC_BY_KEY = new Map(DOC.methods.map((m) => [key(m.productClass, m.method), m]));
const docOf = (spec: MethodSpec): DocMethod => {
	const found = DOC_BY_KEY.get(key(spec.productClass, spec.method));
	if (!found) throw new Error(`${spec.productClass} ${spec.method} is not in the document`);
	return found;
};
const label = (spec: MethodSpec) => `${spec.resource}.${spec.method}`;
const docParams = (example: DocExample): Record<string, unknown> =>
	'jsonrpc' in example.json ? (example.json.params as Record<string, unknown>) : example.json;

// ---------------------------------------------------------------------------------------------
// Walking the catalogue

/** Every ParamSpec with the document's path notation (items carry their own `name[#]` names). */
function flatten(params: readonly ParamSpec[], prefix = ''): Array<{ path: string; spec: ParamSpec }> {
	const out: Array<{ path: string; spec: ParamSpec }> = [];
	for (const spec of params) {
		const path = prefix ? `${prefix}.${spec.name}` : spec.name;
		out.push({ path, spec });
		if (spec.properties) out.push(...flatten(spec.properties, path));
		if (spec.items) out.push(...flatten([spec.items], prefix));
		if (spec.prefixItems) out.push(...flatten(spec.prefixItems, prefix));
	}
	return out;
}

function allSpecs(spec: ParamSpec): ParamSpec[] {
	return [
		spec,
		...(spec.properties ?? []).flatMap(allSpecs),
		...(spec.items ? allSpecs(spec.items) : []),
		...(spec.prefixItems ?? []).flatMap(allSpecs),
		...(spec.alternatives ?? []).flatMap(allSpecs),
	];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Problems of `value` against `spec`, as "path: problem" lines. */
function validate(value: unknown, spec: ParamSpec, path: string, problems: string[]): void {
	if (value === null) {
		if (!spec.nullable) problems.push(`${path}: null is not allowed`);
		return;
	}
	const typeOk = {
		string: typeof value === 'string',
		integer: Number.isInteger(value),
		number: typeof value === 'number',
		boolean: typeof value === 'boolean',
		object: isRecord(value),
		array: Array.isArray(value),
	}[spec.type];
	if (!typeOk) {
		problems.push(`${path}: not a ${spec.type}`);
		return;
	}
	if (typeof value === 'string') {
		const regexes = spec.alternatives ? spec.alternatives.map((alt) => alt.regex) : [spec.regex];
		const defined = regexes.filter((regex): regex is string => regex !== undefined);
		if (defined.length && !defined.some((regex) => new RegExp(regex).test(value))) {
			problems.push(`${path}: ${JSON.stringify(value)} does not match ${defined.join(' or ')}`);
		}
	}
	if (spec.enum && !spec.enum.includes(value as string)) problems.push(`${path}: ${JSON.stringify(value)} is not an option`);
	if (isRecord(value) && spec.properties) validateObject(value, spec.properties, path, problems);
	if (Array.isArray(value)) {
		value.forEach((item, index) => {
			const itemSpec = spec.items ?? spec.prefixItems?.[index];
			if (itemSpec) validate(item, itemSpec, `${path}[${index}]`, problems);
		});
	}
}

function validateObject(value: Record<string, unknown>, properties: readonly ParamSpec[], path: string, problems: string[]) {
	for (const [name, propertyValue] of Object.entries(value)) {
		const spec = properties.find((candidate) => candidate.name === name);
		const propertyPath = path ? `${path}.${name}` : name;
		if (!spec) problems.push(`${propertyPath}: not documented`);
		else validate(propertyValue, spec, propertyPath, problems);
	}
}

// ---------------------------------------------------------------------------------------------

const RESOURCES = [
	'broadband',
	'broadbandBasic',
	'diagnostics',
	'postcodes',
	'enduser',
	'email',
	'attachments',
	'support',
	'user',
];

describe('the document, as this test reads it', () => {
	test('has 81 methods in 9 product classes', () => {
		const perClass: Record<string, number> = {};
		for (const m of DOC.methods) perClass[m.productClass] = (perClass[m.productClass] ?? 0) + 1;
		expect(perClass).toEqual({
			broadband: 44,
			'broadband/basic': 2,
			'broadband/diagnostics': 6,
			postcodes: 2,
			enduser: 4,
			email: 10,
			attachments: 1,
			support: 4,
			user: 8,
		});
	});

	test('introduces every method heading in a product class with "JSON-RPC"', () => {
		expect(DOC.headingLines).toBe(DOC.methods.length);
	});

	test('lists each method once per product class', () => {
		const keys = DOC.methods.map((m) => key(m.productClass, m.method));
		expect(new Set(keys).size).toBe(keys.length);
	});
});

describe('Nextpertise method catalogue: completeness', () => {
	test('has every documented method and no other, each once', () => {
		const documented = DOC.methods.map((m) => key(m.productClass, m.method)).sort();
		const catalogued = METHODS.map((m) => key(m.productClass, m.method)).sort();
		expect(new Set(catalogued).size).toBe(catalogued.length);
		expect(catalogued).toEqual(documented);
	});

	test('lists each product class in the document order', () => {
		for (const productClass of new Set(DOC.methods.map((m) => m.productClass))) {
			const documented = DOC.methods.filter((m) => m.productClass === productClass).map((m) => m.method);
			const catalogued = METHODS.filter((m) => m.productClass === productClass).map((m) => m.method);
			expect({ productClass, methods: catalogued }).toEqual({ productClass, methods: documented });
		}
	});

	test('copies permission and since-version as documented', () => {
		for (const spec of METHODS) {
			const doc = docOf(spec);
			expect({ method: label(spec), permission: spec.permission, since: spec.since }).toEqual({
				method: label(spec),
				permission: doc.permission,
				since: doc.since,
			});
		}
	});
});

describe('Nextpertise method catalogue: resources', () => {
	test('uses the nine public resource values, one per product class', () => {
		expect(Object.keys(methodsByResource).sort()).toEqual([...RESOURCES].sort());
		expect(PRODUCT_CLASSES.map((spec) => spec.resource).sort()).toEqual([...RESOURCES].sort());
		for (const spec of METHODS) {
			expect(RESOURCES).toContain(spec.resource);
			expect(resourceOf(spec.productClass)).toBe(spec.resource);
			expect(methodsByResource[spec.resource]).toContain(spec);
		}
		expect(Object.values(methodsByResource).flat()).toHaveLength(METHODS.length);
	});

	test('maps product classes to endpoint paths', () => {
		for (const spec of PRODUCT_CLASSES) {
			expect(spec.path).toBe(`/${spec.productClass}/v1`);
			expect(productClassOf(spec.resource)).toBe(spec);
		}
		const documented = new Set(DOC.methods.map((m) => m.productClass));
		expect(new Set(PRODUCT_CLASSES.map((spec) => spec.productClass as string))).toEqual(documented);
	});

	test('findMethod finds every method by resource and name, and nothing else', () => {
		for (const spec of METHODS) expect(findMethod(spec.resource, spec.method)).toBe(spec);
		expect(findMethod('broadband', 'no_such_method')).toBeUndefined();
		expect(findMethod('broadband/basic', 'zipcode')).toBeUndefined();
		expect(findMethod('toString', 'zipcode')).toBeUndefined();
		expect(isNextpertiseResource('constructor')).toBe(false);
		// The same method name in two product classes is two entries.
		expect(findMethod('broadband', 'zipcode')).not.toBe(findMethod('broadbandBasic', 'zipcode'));
		expect(findMethod('user', 'get_profile')?.params.map((p) => p.name)).toEqual(['username']);
		expect(findMethod('broadband', 'get_profile')?.params.map((p) => p.name)).toEqual(['uuid']);
	});
});

describe('Nextpertise method catalogue: texts', () => {
	test('every method has a display name and a description', () => {
		for (const spec of METHODS) {
			expect(spec.displayName).toMatch(/^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*$/);
			expect(spec.description.trim()).not.toBe('');
		}
		const names = METHODS.map((spec) => `${spec.resource} ${spec.displayName}`);
		expect(new Set(names).size).toBe(names.length);
	});

	test('takes descriptions from the document, or says why not', () => {
		for (const spec of METHODS) {
			const documented = docOf(spec).description;
			if (spec.descriptionSource === 'document') {
				expect({ method: label(spec), description: spec.description }).toEqual({
					method: label(spec),
					description: documented,
				});
			} else if (documented) {
				// A description the catalogue replaced: the note quotes the document's text.
				expect(spec.notes?.some((note) => note.includes(documented))).toBe(true);
			}
		}
	});
});

describe('Nextpertise method catalogue: request parameters', () => {
	const NORMALISE_TYPE: Record<string, string> = { enum: 'string' };

	test('match the documented tables: paths, types, nullability, regexes, enums, descriptions', () => {
		for (const spec of METHODS) {
			const doc = docOf(spec);
			expect({ method: label(spec), empty: spec.params.length === 0 }).toEqual({
				method: label(spec),
				empty: doc.emptyParams,
			});
			const documented = new Map<string, { types: Set<string>; regexes: string[]; enums: string[][]; descriptions: string[] }>();
			for (const row of doc.rows) {
				const entry = documented.get(row.path) ?? { types: new Set(), regexes: [], enums: [], descriptions: [] };
				row.types.forEach((type) => entry.types.add(NORMALISE_TYPE[type] ?? type));
				if (row.regex !== undefined && !entry.regexes.includes(row.regex)) entry.regexes.push(row.regex);
				if (row.enum && !entry.enums.some((e) => e.join('|') === row.enum?.join('|'))) entry.enums.push(row.enum);
				if (row.description && !entry.descriptions.includes(row.description)) entry.descriptions.push(row.description);
				documented.set(row.path, entry);
			}
			const catalogued = new Map<string, { types: Set<string>; regexes: string[]; enums: string[][]; descriptions: string[] }>();
			for (const { path, spec: param } of flatten(spec.params)) {
				expect(catalogued.has(path)).toBe(false);
				const variants = param.alternatives ?? [param];
				catalogued.set(path, {
					types: new Set([param.type, ...(param.nullable ? ['null'] : [])]),
					regexes: variants.map((v) => v.regex).filter((r): r is string => r !== undefined),
					enums: param.enum ? [[...param.enum]] : [],
					descriptions: variants.map((v) => v.description).filter((d) => d !== ''),
				});
			}
			expect({ method: label(spec), params: [...catalogued.keys()].sort() }).toEqual({
				method: label(spec),
				params: [...documented.keys()].sort(),
			});
			for (const [path, entry] of documented) {
				expect({ method: label(spec), path, ...catalogued.get(path) }).toEqual({ method: label(spec), path, ...entry });
			}
		}
	});

	test('mark the documented "one of" property sets as variants', () => {
		// The document shows a "one of" object by listing each alternative's properties in turn,
		// each marked "one of": a name that comes back starts the next alternative. Where no name
		// comes back, the catalogue reads every property as an alternative of its own.
		for (const spec of METHODS) {
			const doc = docOf(spec);
			const groupsByParent = new Map<string, string[][]>();
			doc.rows.forEach((row, index) => {
				if (!row.oneOf || row.name.includes('[')) return;
				// The same name twice in a row is one value with alternative types, not a variant.
				const repeated = (other?: DocRow) => other !== undefined && other.path === row.path;
				if (repeated(doc.rows[index - 1]) || repeated(doc.rows[index + 1])) return;
				const groups = groupsByParent.get(row.parentPath) ?? [[]];
				if (groups[groups.length - 1].includes(row.name)) groups.push([]);
				groups[groups.length - 1].push(row.name);
				groupsByParent.set(row.parentPath, groups);
			});
			const expected = new Map(
				[...groupsByParent].map(([parent, groups]) => [
					parent,
					groups.length === 1 ? groups[0].map((name) => [name]) : groups,
				]),
			);
			const catalogued = new Map<string, readonly (readonly string[])[]>();
			if (spec.variants) catalogued.set('', spec.variants);
			for (const { path, spec: param } of flatten(spec.params)) if (param.variants) catalogued.set(path, param.variants);
			expect({ method: label(spec), variants: catalogued }).toEqual({ method: label(spec), variants: expected });
		}
	});

	test('every regex compiles', () => {
		const regexes = METHODS.flatMap((spec) => spec.params.flatMap(allSpecs)).flatMap((param) =>
			param.regex === undefined ? [] : [param.regex],
		);
		expect(regexes.length).toBeGreaterThan(50);
		for (const regex of new Set(regexes)) expect(() => new RegExp(regex)).not.toThrow();
	});

	test('uses only JSON types and non-empty enums', () => {
		for (const param of METHODS.flatMap((spec) => spec.params.flatMap(allSpecs))) {
			expect(['string', 'integer', 'number', 'boolean', 'object', 'array']).toContain(param.type);
			if (param.enum) expect(param.enum.length).toBeGreaterThan(0);
			if (param.properties || param.variants) expect(param.type).toBe('object');
			if (param.items || param.prefixItems) expect(param.type).toBe('array');
		}
	});

	test('masks every password field', () => {
		for (const param of METHODS.flatMap((spec) => spec.params.flatMap(allSpecs))) {
			const secret = param.type === 'string' && /password/i.test(param.name);
			expect({ name: param.name, masked: param.typeOptions?.password === true }).toEqual({ name: param.name, masked: secret });
		}
	});
});

describe('Nextpertise method catalogue: examples', () => {
	test('carry the documented request examples and titles', () => {
		for (const spec of METHODS) {
			const doc = docOf(spec);
			expect({ method: label(spec), examples: spec.examples }).toEqual({
				method: label(spec),
				examples: doc.examples.map((example) =>
					example.title ? { title: example.title, params: docParams(example) } : { params: docParams(example) },
				),
			});
		}
	});

	// Where the document's own examples disagree with its tables (kept in the methods' notes).
	const KNOWN_DEVIATIONS = [
		'broadband.carriercheck#0 housenrext: null is not allowed',
		'broadband.carriercheck#1 housenrext: null is not allowed',
		'broadband.change_connection#0 enduser: not documented',
		'broadband.zipcode#0 housenrext: null is not allowed',
		'broadband.zipcode#0 filter.connectionpoint: null is not allowed',
		'broadband.zipcode#1 housenrext: null is not allowed',
		'broadband.zipcode#1 filter.connectionpoint: null is not allowed',
		'broadband.zipcode#2 housenrext: null is not allowed',
		'broadbandBasic.zipcode#0 housenrext: null is not allowed',
		'broadbandBasic.zipcode#0 filter.connectionpoint: null is not allowed',
		'broadbandBasic.zipcode#1 housenrext: null is not allowed',
		'broadbandBasic.zipcode#1 filter.connectionpoint: null is not allowed',
		'postcodes.get_housenrext#0 provider_filter: null is not allowed',
	];

	test('match their parameters: types, regexes, enums, nesting', () => {
		const problems: string[] = [];
		let checked = 0;
		for (const spec of METHODS) {
			spec.examples.forEach((example, index) => {
				const found: string[] = [];
				validateObject(example.params, spec.params, '', found);
				problems.push(...found.map((problem) => `${label(spec)}#${index} ${problem}`));
				checked++;
			});
		}
		expect(checked).toBe(DOC.methods.reduce((sum, m) => sum + m.examples.length, 0));
		expect(problems).toEqual(KNOWN_DEVIATIONS);
	});

	test('send every required parameter', () => {
		const missing: string[] = [];
		const walk = (value: Record<string, unknown>, params: readonly ParamSpec[], where: string) => {
			for (const param of params) {
				const present = value[param.name];
				if (param.required && (present === undefined || present === null)) missing.push(`${where} ${param.name}`);
				if (isRecord(present) && param.properties) walk(present, param.properties, `${where} ${param.name}.`);
				if (Array.isArray(present) && param.items?.properties) {
					for (const item of present) if (isRecord(item)) walk(item, param.items.properties, `${where} ${param.name}[].`);
				}
			}
		};
		for (const spec of METHODS) spec.examples.forEach((example, i) => walk(example.params, spec.params, `${label(spec)}#${i}`));
		expect(missing).toEqual([]);
	});

	test('required parameters are never one of several alternatives', () => {
		for (const spec of METHODS) {
			const check = (variants: readonly (readonly string[])[] | undefined, properties: readonly ParamSpec[]) => {
				for (const param of properties.filter((p) => p.required)) {
					if (variants) expect(variants.every((variant) => variant.includes(param.name))).toBe(true);
				}
			};
			check(spec.variants, spec.params);
			for (const { spec: param } of flatten(spec.params)) check(param.variants, param.properties ?? []);
		}
	});
});

describe('Nextpertise method catalogue: paging and retries', () => {
	test('paginated methods have their documented paging parameters', () => {
		const paginated = METHODS.filter((spec) => spec.paginated);
		expect(paginated.map(label)).toEqual([
			'broadband.list_offers',
			'broadband.list_carriers',
			'broadband.list_circuits',
			'broadband.list_misc',
			'broadband.list_slas',
			'broadband.list_connections',
			'broadband.list_events',
			'broadband.list_transactions',
			'diagnostics.list_reports',
			'support.list_tickets',
			'user.list_profiles',
		]);
		for (const spec of METHODS) {
			const pagingParam = spec.params.find((p) => p.name === 'pagination' || p.name === 'paging');
			expect({ method: label(spec), paginated: spec.paginated, paging: Boolean(spec.paging) }).toEqual({
				method: label(spec),
				paginated: Boolean(pagingParam),
				paging: Boolean(pagingParam),
			});
			if (!spec.paging || !pagingParam) continue;
			expect(pagingParam.name).toBe(spec.paging.param);
			expect(pagingParam.type).toBe('object');
			const fields = spec.paging.style === 'page' ? ['page', 'per_page'] : ['length', 'offset'];
			expect(pagingParam.properties?.map((p) => [p.name, p.type]).sort()).toEqual(fields.map((f) => [f, 'integer']));
			expect(spec.paging.itemsKey).toMatch(/^[a-z_]+$/);
		}
	});

	test('writes are never safe to retry; reads are', () => {
		const write = /^(order|set|create|del|delete|terminate|change|cancel|update|revise|replan|migrate|request|force)_|^(upload|diagnose)$/;
		const read = /^(get|list)_|^(zipcode|carriercheck)$/;
		for (const spec of METHODS) {
			expect(write.test(spec.method) || read.test(spec.method)).toBe(true);
			expect({ method: label(spec), safeToRetry: spec.safeToRetry }).toEqual({
				method: label(spec),
				safeToRetry: read.test(spec.method),
			});
		}
		for (const method of ['order_connection', 'set_tags', 'create_ticket', 'del_enduser', 'terminate_connection', 'change_sla', 'cancel_transaction', 'upload']) {
			expect(METHODS.filter((spec) => spec.method === method).every((spec) => !spec.safeToRetry)).toBe(true);
		}
	});
});

describe('Nextpertise error codes', () => {
	test('are the documented codes 001–012 (the document has no 009), with their texts', () => {
		expect(DOC.errors.map((e) => e.code)).toEqual(['001', '002', '003', '004', '005', '006', '007', '008', '010', '011', '012']);
		expect(ERROR_CODES.map((e) => e.code)).toEqual(DOC.errors.map((e) => e.code));
		const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
		for (const error of ERROR_CODES) {
			const documented = DOC.errors.find((e) => e.code === error.code);
			expect(squash(`${error.message} ${error.meaning}`)).toBe(squash(documented?.text ?? ''));
			expect(error.message).not.toBe('');
			expect(error.meaning).not.toBe('');
		}
	});

	test('include the documented HTTP errors', () => {
		expect(HTTP_ERROR_CODES.map((e) => e.code)).toEqual(['401', '404']);
	});
});
