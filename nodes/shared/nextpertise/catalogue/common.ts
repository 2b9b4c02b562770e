// Regexes, enums and descriptions the document repeats across methods (its JSON Schemas share
// them). Each regex is copied character for character from the document (`String.raw` keeps the
// backslashes as written); the comment says where the document uses it.

/** nid: carrier or circuit identification, e.g. `2408ZE000100100`. */
export const NID_REGEX = String.raw`^[0-9]{4}[A-Z]{2}[0-9]{5}[0-9A-Z]{4}$`;
export const NID_DESCRIPTION =
	'Carrier or circuit identification. To harmonize the way ordered broadband products are identified.';

/** Dates such as `custwishdate`, e.g. `2020-04-23`. */
export const DATE_REGEX = String.raw`^[1-9][0-9]{3}-[01][0-9]-[0-3][0-9]$`;
export const DATE_DESCRIPTION = 'Date in international format YYYY-MM-DD';

/** Date-times such as get_authlog's `after`, e.g. `2018-01-29T17:18:00Z`. */
export const DATETIME_REGEX = String.raw`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$`;
export const DATETIME_DESCRIPTION = 'Datetime in UTC format YYYY-MM-DDThh:mm:ssZ';

/** Dutch national telephone numbers, e.g. `0101234567`. */
export const PHONE_REGEX = String.raw`^0([1-7][0-9]|85|88)[0-9]{7}$`;
export const PHONE_DESCRIPTION = 'Dutch national telephone number';

/** Dutch postcode, e.g. `2408ZE` (order_connection, carriercheck, get_housenrs, set_enduser). */
export const ZIPCODE_REGEX = String.raw`^[0-9]{4}[A-Z]{2}$`;
/** The same without the closing `$`, as the document writes it for zipcode() and get_housenrext(). */
export const ZIPCODE_PREFIX_REGEX = String.raw`^[0-9]{4}[A-Z]{2}`;
export const ZIPCODE_DESCRIPTION =
	"The zipcode must conform to the Dutch postcode format. Note that the initial digit is not allowed to be '0' unless when testing.";

/** Mailbox and contact e-mail addresses (`mailbox`, `contact_email`). */
export const MAILBOX_REGEX = String.raw`(^[a-zA-Z0-9_.+-/*]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$)`;
export const MAILBOX_DESCRIPTION = 'Full address of the mailbox localpart@example.com';
/** Forwarder recipients (`recipients[#]`): like MAILBOX_REGEX without `/` and `*` in the local part. */
export const RECIPIENT_REGEX = String.raw`(^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$)`;

/** Tags (`tags[#]`). Not anchored, as written. */
export const TAG_REGEX = String.raw`[a-zA-Z0-9\/=:_-]+`;

/** Access list names (set_accesslist `name`, set_provisioning `accesslist`). */
export const ACCESSLIST_NAME_REGEX = String.raw`^[a-z0-9_]{3,}$`;

/** IPv4 subnet in CIDR notation (set_provisioning `primary_ipv4`, `routed_ipv4[#]`). */
export const IPV4_SUBNET_REGEX = String.raw`^([0-9]{1,3}\.){3}[0-9]{1,3}(/([0-9]|[1-2][0-9]|3[0-2]))$`;
/** IPv6 subnet in CIDR notation (set_provisioning `primary_ipv6`, `routed_ipv6[#]`). */
export const IPV6_SUBNET_REGEX = String.raw`^((?:(?:(?:[0-9a-fA-F]){1,4}):){1,4}:/[^\s:]\d{0,2})$`;

/** Product ids (`carrier`, `circuit`, `sla`, `cpe[#]`). */
export const PRODUCT_ID_DESCRIPTION = 'Identifies an individual product by numeric id.';

/** The options of every `sort` key. */
export const SORT_DIRECTION: readonly string[] = ['ASC', 'DESC'];
