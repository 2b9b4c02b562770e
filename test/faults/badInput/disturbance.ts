import { KpnDisturbance } from '../../../nodes/KpnDisturbance/KpnDisturbance.node';
import type { BadInputCase } from './types';

const family = 'KPN Disturbance';
const getAll = { resource: 'disturbance', operation: 'getAll', returnAll: true };
const disturbance = (name: string, message: BadInputCase['message'], parameters: Record<string, unknown>): BadInputCase => ({
	family,
	name,
	nodeType: () => new KpnDisturbance(),
	message,
	parameters: { ...getAll, ...parameters },
});

export const disturbanceCases: BadInputCase[] = [
	disturbance('state not in the list (expression)', 'State must be one of all, closed, custom, open, planned (got "broken"); choose Custom to send another value', {
		state: '={{ "broken" }}',
		customState: 'unused',
	}),
	disturbance('custom state left empty (expression)', 'Custom State is empty', { state: 'custom', customState: '={{ $json.state }}' }),
	disturbance('state empty (expression)', 'State is empty', { state: '={{ "" }}', customState: 'unused' }),
	disturbance('limit 0', 'Limit must be a whole number of at least 1 (got 0)', { returnAll: false, limit: 0 }),
	disturbance('limit 2.5', 'Limit must be a whole number of at least 1 (got 2.5)', { returnAll: false, limit: 2.5 }),
	disturbance('API base path with a query', /^API Base Path: "\/network\/kpn\/disturbance-detector\?state=open" is not a URL path/, {
		options: { basePath: '/network/kpn/disturbance-detector?state=open' },
	}),
];
