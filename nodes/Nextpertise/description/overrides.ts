// Fields whose values are ids the API can list: they become dropdowns (type `options` with a
// loadOptionsMethod, so an expression still works). Keyed `resource.method.param`, nested
// properties by their documented path (`broadband.order_connection.circuit.circuit`).

export interface DropdownOverride {
	/** A method of `methods.loadOptions` (nodes/Nextpertise/methods/loadOptions.ts). */
	readonly loadOptionsMethod: string;
	/** The parameters the list depends on (reloaded when they change). */
	readonly dependsOn?: readonly string[];
	/** What the list holds, where the parameter's own name does not say it ("End User" for a uuid). */
	readonly label?: string;
}

const carriers: DropdownOverride = { loadOptionsMethod: 'getCarriers' };
const endusers: DropdownOverride = { loadOptionsMethod: 'getEndusers', label: 'End User' };
const houseNumbers: DropdownOverride = { loadOptionsMethod: 'getHouseNumbers', dependsOn: ['zipcode'] };
const extensions: DropdownOverride = {
	loadOptionsMethod: 'getHouseNumberExtensions',
	dependsOn: ['zipcode', 'housenr'],
};

export const DROPDOWNS: Readonly<Record<string, DropdownOverride>> = {
	'broadband.get_provider_products.provider': { loadOptionsMethod: 'getProviders' },
	'broadband.get_carrier_products.carrier': carriers,
	'broadband.order_connection.carrier': carriers,
	'broadband.change_connection.carrier': carriers,
	'broadband.order_connection.circuit.circuit': { loadOptionsMethod: 'getCircuits', dependsOn: ['carrier'] },
	'broadband.order_connection.sla': { loadOptionsMethod: 'getSlas', dependsOn: ['carrier'] },
	'broadband.order_connection.contract_duration': { loadOptionsMethod: 'getContractDurations', dependsOn: ['carrier'] },
	'broadband.order_connection.enduser.uuid': endusers,
	'broadband.set_enduser.enduser.uuid': endusers,
	'enduser.get_enduser.uuid': endusers,
	'enduser.del_enduser.uuid': endusers,
	'broadband.zipcode.housenr': houseNumbers,
	'broadbandBasic.zipcode.housenr': houseNumbers,
	'broadband.carriercheck.housenr': houseNumbers,
	'broadband.order_connection.housenr': houseNumbers,
	'postcodes.get_housenrext.housenr': houseNumbers,
	'broadband.zipcode.housenrext': extensions,
	'broadbandBasic.zipcode.housenrext': extensions,
	'broadband.carriercheck.housenrext': extensions,
	'broadband.order_connection.housenrext': extensions,
};

export function dropdownFor(path: string): DropdownOverride | undefined {
	return Object.prototype.hasOwnProperty.call(DROPDOWNS, path) ? DROPDOWNS[path] : undefined;
}
