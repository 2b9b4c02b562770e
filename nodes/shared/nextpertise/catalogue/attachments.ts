// Product class `attachments` (endpoint `/attachments/v1`, document section "Attachments"):
// 1 method, in the order the document lists them.
import type { MethodSpec } from './types';

export const ATTACHMENTS_METHODS: readonly MethodSpec[] = [
	{
		productClass: 'attachments',
		resource: 'attachments',
		method: 'upload',
		displayName: 'Upload',
		action: 'Upload a file as an attachment',
		description: 'Upload attachment',
		descriptionSource: 'document',
		permission: '#attachments-c',
		params: [
			{ name: 'context', type: 'string', required: false, description: '' },
			{ name: 'file', type: 'string', required: true, description: '' },
			{ name: 'filename', type: 'string', required: false, description: '' },
			{ name: 'description', type: 'string', required: false, description: '' },
			{
				name: 'customer_code',
				type: 'string',
				required: false,
				regex: String.raw`^DB[0-9]{3,}$`,
				description: 'Identifies a customer by this key',
			},
		],
		paginated: false,
		safeToRetry: false,
		examples: [
			{
				params: {
					context: 'connection',
					filename: 'test.txt',
					description: 'description',
					file: 'SGVsbG8gd29ybGQhISE=',
				},
			},
		],
		notes: [
			'The document does not name the encoding of `file`; the example value is Base64 ("Hello world!!!").',
		],
	},
];
