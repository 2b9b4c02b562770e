import type { ErrorCodeSpec } from './types';

// The document's "List of errors", verbatim (typos included). JSON-RPC errors come back in the
// reply's `error` object. The document lists no code 009. Exception: zipcode() of broadband and
// broadband/basic report per-provider failures inline, in the result's `errors`, so that one
// failing backend does not hide the other providers' results.

export const ERROR_CODES: readonly ErrorCodeSpec[] = [
	{
		code: '001',
		message: 'Undocumented Error, please report to Nextpertise and refer to cid: %s.',
		meaning:
			"This error message indicates that something happened that we didn't anticipate. By reporting this incident to Nextpertise, mentioning the cid (correlation id) we may be able to resolve this and provide a better error message in the future.",
	},
	{
		code: '002',
		message: 'Invalid zipcode/housenr combination: (%s,%d,%s).',
		meaning:
			'The given zipocde, house number, house number extension is not recognized as a valid combination. Use the The Postcodes API functions to select a valid combination.',
	},
	{
		code: '003',
		message: 'The given address is valid but the provider does not service this address.',
		meaning:
			'This is most likely due to infrastructural constraints that will not change in the foreseeable future.',
	},
	{
		code: '004',
		message: 'Service temporarily not available at this address (%s,%d,%s).',
		meaning:
			'The given address is valid but the provider cannot service this address or offer any information about it. This is must likely due to a temporary disruption in the backoffice system of the provider.',
	},
	{
		code: '005',
		message: 'User is not authorised to order (%s).',
		meaning:
			'The user is not authorised to order product %s. By contacting Nextpertise we can discuss your options for future orders.',
	},
	{
		code: '006',
		message: 'Failed to create requested (%s).',
		meaning: [
			'Something went wrong during the creation of %s. This error can occur due to multiple reasons, for instance:',
			'• The (%s) already exists.',
			"• Prerequisites don't exist.",
			'• To create an mailbox, a client must exist already. (create_mailbox()).',
			"• To create a forwarder, the email can't exist yet as mailbox. (create_forwarder()).",
		].join('\n'),
	},
	{
		code: '007',
		message: 'Failed to delete requested (%s).',
		meaning: [
			'Something went wrong during the deletion of (%s). As of now, there is one main reason why this error occurs, i.e.:',
			'• The (%s) does not exist.',
		].join('\n'),
	},
	{
		code: '008',
		message: 'Failed to update requested (%s).',
		meaning: [
			'Something went wrong while updating (%s). As of now, there is one main reason why this error occurs, i.e.:',
			'• The (%s) does not exist.',
		].join('\n'),
	},
	{
		code: '010',
		message: 'Connection too complex for this version of the software. Please contact Nextpertise.',
		meaning: [
			"This error may occur when requesting a zipcode check on KPN WBA on an address that KPN has labeled a 'Complex Address'.",
			'Eventually we expect to be able to handle this situation in the API but for now the only recourse is to contact Nextpertise.',
		].join('\n'),
	},
	{
		code: '011',
		message: 'JSON-RPC request or reply does not comply with its schema.',
		meaning: [
			"This error may occur when posting an invalid request to the API, but also when the API returns an invalid response. Nextpertise's internal APIs are also validated against schemas so the error may have been generated in an internal API call trying to satisfy the initial request.",
			'You can verify that the request you issue validates against the published schema for the API call. If you are certain your request is valid please contact Nextpertise so that we can resolve the problem.',
		].join('\n'),
	},
	{
		code: '012',
		message: 'Config Prohibited Error.',
		meaning:
			'This error occurs when a user tries to perform an action it is not authorized to. Contact your employer if you feel this is not right..',
	},
];

// The document's "HTTP Error codes"; `meaning` is the first line of its "Details" for the code.
// Its 401 example answers `HTTP/1.1 401 Forbidden` with the body
// `{ "message" : "You cannot consume this service" }`.
export const HTTP_ERROR_CODES: readonly ErrorCodeSpec[] = [
	{
		code: '401',
		message: 'Unauthorized.',
		meaning: 'You tried to access a resource for which you are not authorized.',
	},
	{
		code: '404',
		message: 'Not Found.',
		meaning: "You tried to access a resource that doesn't exist.",
	},
];
