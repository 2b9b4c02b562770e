// Readable names for documented parameter names and enum values ("custwishdate" → "Customer Wish
// Date", "ASC" → "Ascending"), in n8n's Title Case.

const WORDS: Readonly<Record<string, string>> = {
	accesslist: 'Access List',
	api: 'API',
	carriertype: 'Carrier Type',
	connectionpoint: 'Connection Point',
	cpe: 'CPE',
	custwishdate: 'Customer Wish Date',
	dont: "Don't",
	dst: 'Destination',
	enduser: 'End User',
	enduser_uuid: 'End User UUID',
	firstname: 'First Name',
	ftu: 'FTU',
	housenr: 'House Number',
	housenrext: 'House Number Extension',
	housenrs: 'House Numbers',
	id: 'ID',
	ids: 'IDs',
	ip: 'IP',
	ipv4: 'IPv4',
	ipv6: 'IPv6',
	ipvpn: 'IP VPN',
	isra: 'ISRA',
	lastname: 'Last Name',
	maxnls: 'Max NLS',
	mrc: 'MRC',
	netcode: 'Netcode',
	nid: 'NID',
	nlstype: 'NLS Type',
	ont: 'ONT',
	phonenumber: 'Phone Number',
	provice: 'Provice',
	pvc: 'PVC',
	qos: 'QoS',
	serviceid: 'Service ID',
	sitesurvey: 'Site Survey',
	sla: 'SLA',
	src: 'Source',
	totp: 'TOTP',
	url: 'URL',
	uuid: 'UUID',
	vci: 'VCI',
	vlan: 'VLAN',
	vpi: 'VPI',
	vpn: 'VPN',
	zipcode: 'Zipcode',
};

/** Words n8n's Title Case keeps lower case inside a name (as the title-case package does). */
const SMALL = new Set(
	'a an and as at because but by en for if in neither nor of on only or over per so some than that the to up upon vs versus via when with without yet'.split(' '),
);

/** "contact_phonenumber" → "Contact Phone Number"; "Terminate Voice" stays. */
export function labelOf(name: string): string {
	const whole = WORDS[name.toLowerCase()];
	if (whole) return whole;
	const words = name.split(/[_\s-]+/).filter((word) => word !== '');
	return words
		.map((word, index) => {
			const known = WORDS[word.toLowerCase()];
			if (known) return known;
			if (index > 0 && index < words.length - 1 && SMALL.has(word.toLowerCase())) return word.toLowerCase();
			return word.charAt(0).toUpperCase() + word.slice(1);
		})
		.join(' ');
}

const ENUM_NAMES: Readonly<Record<string, string>> = {
	ASC: 'Ascending',
	DESC: 'Descending',
	'en-US': 'English (US)',
	'nl-NL': 'Dutch (NL)',
	delt: 'DELT',
	selt: 'SELT',
	'fiber-check': 'Fiber Check',
	'ont-check': 'ONT Check',
	'ont-lan-check': 'ONT LAN Check',
	oneoff: 'One-Off',
	mrc: 'MRC (Monthly)',
	migrate_out: 'Migrate Out',
	ACTIVE: 'Active',
	CANCELLED: 'Cancelled',
	PROCESSING: 'Processing',
	TERMINATED: 'Terminated',
};

/** The option name of an enum value: codes such as KPNWBA stay, words get Title Case. */
export function enumLabel(value: string): string {
	if (ENUM_NAMES[value]) return ENUM_NAMES[value];
	if (/^[A-Z0-9]+$/.test(value)) return value;
	return labelOf(value.toLowerCase());
}
