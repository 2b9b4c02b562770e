// Product class `enduser` (endpoint `/enduser/v1`, document section "Enduser"):
// 4 methods, in the order the document lists them.
import { PHONE_DESCRIPTION, PHONE_REGEX, ZIPCODE_DESCRIPTION, ZIPCODE_REGEX } from './common';
import type { MethodSpec } from './types';

export const ENDUSER_METHODS: readonly MethodSpec[] = [
	{
		productClass: 'enduser',
		resource: 'enduser',
		method: 'del_enduser',
		displayName: 'Delete End User',
		action: 'Delete an end user by UUID',
		description: 'Delete an end user.',
		descriptionSource: 'catalogue',
		permission: '#enduser-d',
		since: 'v1.22.0',
		params: [
			{ name: 'uuid', type: 'string', required: true, description: '' },
		],
		paginated: false,
		safeToRetry: false,
		examples: [{ params: { uuid: 'abcde123-0123-4abc-9876-012345678912' } }],
	},
	{
		productClass: 'enduser',
		resource: 'enduser',
		method: 'get_enduser',
		displayName: 'Get End User',
		action: 'Get an end user by UUID',
		description: 'Get an end user by UUID.',
		descriptionSource: 'catalogue',
		permission: '#enduser-r',
		since: 'v1.22.0',
		params: [
			{ name: 'uuid', type: 'string', required: true, description: '' },
		],
		paginated: false,
		safeToRetry: true,
		examples: [{ params: { uuid: 'abcde123-0123-4abc-9876-012345678912' } }],
	},
	{
		productClass: 'enduser',
		resource: 'enduser',
		method: 'list_endusers',
		displayName: 'List End Users',
		action: 'List all end users of your company',
		description: 'List all end users.',
		descriptionSource: 'catalogue',
		permission: '#enduser-r',
		since: 'v1.22.0',
		params: [],
		paginated: false,
		safeToRetry: true,
		examples: [{ params: {} }],
	},
	{
		productClass: 'enduser',
		resource: 'enduser',
		method: 'set_enduser',
		displayName: 'Set End User',
		action: 'Create or update an end user record',
		description: 'Create or update an end user.',
		descriptionSource: 'catalogue',
		permission: '#enduser-c',
		since: 'v1.22.0',
		params: [
			{
				name: 'enduser',
				type: 'object',
				required: true,
				description: '',
				properties: [
					{ name: 'uuid', type: 'string', required: false, nullable: true, description: '' },
					{ name: 'company_name', type: 'string', required: false, nullable: true, description: '' },
					{
						name: 'phonenumber',
						type: 'string',
						required: false,
						nullable: true,
						regex: PHONE_REGEX,
						description: PHONE_DESCRIPTION,
					},
					{
						name: 'address',
						type: 'object',
						required: false,
						description: '',
						properties: [
							{
								name: 'zipcode',
								type: 'string',
								required: true,
								regex: ZIPCODE_REGEX,
								description: ZIPCODE_DESCRIPTION,
							},
							{ name: 'housenr', type: 'integer', required: true, description: '' },
							{
								name: 'housenrext',
								type: 'string',
								required: false,
								nullable: true,
								description: 'A string or no value at all.',
							},
						],
					},
				],
			},
		],
		paginated: false,
		safeToRetry: false,
		examples: [
			{
				params: {
					enduser: {
						company_name: 'Nextpertise Office',
						phonenumber: '0887775222',
						address: { zipcode: '2408ZE', housenr: 2, housenrext: null },
					},
				},
			},
		],
	},
];
