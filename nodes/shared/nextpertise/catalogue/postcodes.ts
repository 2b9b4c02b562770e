// Product class `postcodes` (endpoint `/postcodes/v1`, document section "Postcodes"):
// 2 methods, in the order the document lists them.
import { ZIPCODE_DESCRIPTION, ZIPCODE_PREFIX_REGEX, ZIPCODE_REGEX } from './common';
import type { MethodSpec } from './types';

export const POSTCODES_METHODS: readonly MethodSpec[] = [
	{
		productClass: 'postcodes',
		resource: 'postcodes',
		method: 'get_housenrs',
		displayName: 'Get House Numbers',
		action: 'List the house numbers of a postcode',
		description: 'List the house numbers of a postcode.',
		descriptionSource: 'catalogue',
		permission: '#postcodes-r',
		since: 'v1.2.0',
		params: [
			{ name: 'zipcode', type: 'string', required: true, regex: ZIPCODE_REGEX, description: ZIPCODE_DESCRIPTION },
		],
		paginated: false,
		safeToRetry: true,
		examples: [{ params: { zipcode: '2584TX' } }],
		notes: [
			'The example is a bare `params` object, without the JSON-RPC envelope.',
		],
	},
	{
		productClass: 'postcodes',
		resource: 'postcodes',
		method: 'get_housenrext',
		displayName: 'Get House Number Extensions',
		action: 'List the house number extensions of an address per source',
		description: 'List the house number extensions of an address, per source.',
		descriptionSource: 'catalogue',
		permission: '#postcodes-r',
		since: 'v1.2.0',
		params: [
			{ name: 'housenr', type: 'integer', required: true, description: '' },
			{
				name: 'zipcode',
				type: 'string',
				required: true,
				regex: ZIPCODE_PREFIX_REGEX,
				description: ZIPCODE_DESCRIPTION,
			},
			{
				name: 'provider_filter',
				type: 'array',
				required: false,
				description: '',
				items: {
					name: 'provider_filter[#]',
					type: 'string',
					required: false,
					enum: ['KPNWEAS', 'KPNWBA'],
					description: 'An enumeration.',
				},
			},
			{ name: 'dont_do_recursion', type: 'boolean', required: false, description: '' },
		],
		paginated: false,
		safeToRetry: true,
		examples: [{ params: { housenr: 16, zipcode: '2584TX', provider_filter: null, dont_do_recursion: false } }],
		notes: [
			'The zipcode regex has no closing `$`, as written.',
			'The example sends `provider_filter: null`; the table types it as array only.',
			'The example is a bare `params` object, without the JSON-RPC envelope.',
		],
	},
];
