import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import {
	NEXTPERTISE_PRODUCTION_BASE_URL,
	nextpertiseAuthenticate,
	nextpertiseLogIn,
	nextpertiseTestRequest,
} from './common/nextpertiseAuth';

// JWT mode follows the KPN credentials' pattern: preAuthentication + an expirable hidden field, so
// the token is stored with the credential and shared by every item and execution, and n8n logs in
// again once when a call answers 401. Basic mode sends the username and password on every call.
export class NextpertiseApi implements ICredentialType {
	name = 'nextpertiseApi';

	displayName = 'Nextpertise API';

	icon: Icon = { light: 'file:../icons/nextpertise.svg', dark: 'file:../icons/nextpertise.dark.svg' };

	documentationUrl = 'https://api.nextpertise.nl';

	properties: INodeProperties[] = [
		{
			displayName:
				'Use your InControl login (or an API account from Nextpertise). Every account needs a second factor: IP whitelisting or TOTP. n8n cannot type a TOTP code, so in InControl → Profile add the public IP address of the machine that runs n8n to the IP whitelist.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Basic Auth',
					value: 'basic',
					description: 'Send the username and password with every call',
				},
				{
					name: 'JWT',
					value: 'jwt',
					description: 'Log in once at /jwt/log-in and use the token (valid 24 hours) for every call',
				},
			],
			default: 'basic',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: NEXTPERTISE_PRODUCTION_BASE_URL,
			description:
				'Where the Nextpertise API is served. Keep the default unless you test against a local sandbox (plain http:// is only accepted for 127.0.0.1, localhost or ::1).',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	preAuthentication = nextpertiseLogIn;

	authenticate = nextpertiseAuthenticate;

	test = nextpertiseTestRequest;
}
