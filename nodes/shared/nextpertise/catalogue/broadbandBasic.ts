// Product class `broadband/basic` (endpoint `/broadband/basic/v1`, document section "Broadband-basic"):
// 2 methods, in the order the document lists them.
import { ZIPCODE_DESCRIPTION, ZIPCODE_PREFIX_REGEX } from './common';
import type { MethodSpec } from './types';

export const BROADBAND_BASIC_METHODS: readonly MethodSpec[] = [
	{
		productClass: 'broadband/basic',
		resource: 'broadbandBasic',
		method: 'zipcode',
		displayName: 'Zipcode Check',
		action: 'Check basic broadband availability at a postcode and house number',
		description: 'Check which broadband connections the providers can deliver at an address (postcode and house number).',
		descriptionSource: 'catalogue',
		permission: '#broadband-basic-r',
		since: 'v1.0.0',
		params: [
			{
				name: 'zipcode',
				type: 'string',
				required: true,
				regex: ZIPCODE_PREFIX_REGEX,
				description: ZIPCODE_DESCRIPTION,
			},
			{
				name: 'housenr',
				type: 'integer',
				required: true,
				description: 'The house number that with the zipcode identifies an address.',
			},
			{ name: 'housenrext', type: 'string', required: false, description: 'House number suffix.' },
			{
				name: 'filter',
				type: 'object',
				required: false,
				description: '',
				properties: [
					{
						name: 'provider',
						type: 'array',
						required: false,
						description: '',
						items: {
							name: 'provider[#]',
							type: 'string',
							required: false,
							enum: ['TELE2', 'KPNWEAS', 'KPNWBA', 'EUROFIBER', 'ZIGGO', 'WAUWAU', 'NDIX', 'FOREFREEDOM'],
							description: 'An enumeration.',
						},
					},
					{
						name: 'connectionpoint',
						type: 'string',
						required: false,
						description: "The ISRA-specs to retrieve specifically. This is used when the connectionpoints all list incomplete. You should only input the ISRA-specs not the full name, so it should look like '001'",
					},
					{
						name: 'timeout',
						type: 'number',
						required: false,
						description: 'The amount of time we wait for the total request to take.',
					},
				],
			},
		],
		paginated: false,
		safeToRetry: true,
		examples: [
			{
				title: 'Fetch data for a single provider',
				params: {
					zipcode: '2408ZE',
					housenr: 10,
					housenrext: null,
					filter: { provider: ['TELE2'], connectionpoint: null, timeout: 15 },
				},
			},
			{
				title: 'Fetch data for all providers at once',
				params: {
					zipcode: '2408ZE',
					housenr: 10,
					housenrext: null,
					filter: { provider: [], connectionpoint: null, timeout: 15 },
				},
			},
		],
		notes: [
			'The zipcode regex has no closing `$`, as written.',
			'The examples send `housenrext: null` and `filter.connectionpoint: null`; the table types both as string only.',
			'The examples are bare `params` objects, without the JSON-RPC envelope.',
			'Replies may carry per-provider errors inline (`errors`) instead of a JSON-RPC error.',
			'The document\'s description, "Data needed to request a zipcode", describes the request object; the catalogue writes its own.',
		],
	},
	{
		productClass: 'broadband/basic',
		resource: 'broadbandBasic',
		method: 'list_providers',
		displayName: 'List Providers',
		action: 'List the providers the basic broadband zipcode check queries',
		description: 'List the providers the zipcode check can query.',
		descriptionSource: 'catalogue',
		permission: '#broadband-basic-r',
		since: 'v1.16.0',
		params: [],
		paginated: false,
		safeToRetry: true,
		examples: [{ params: {} }],
	},
];
