/**
 * Types of the Nextpertise method catalogue: every JSON-RPC method of the Nextpertise API v1.22
 * documentation, written down as data. The node's fields, client-side validation and the sandbox
 * are generated from it, so adding a method is adding an entry.
 *
 * What the document does and does not say (read this before relying on a field):
 * - Request parameter tables have three columns only: name, type, description. Types, regexes,
 *   enums and nesting below are copied from them as written (regexes character for character).
 * - The document has no "required" column and never calls a parameter required or optional.
 *   See `ParamSpec.required` for the rule this catalogue applies instead.
 * - Where the document lists properties as alternatives ("one of"), see `variants` and
 *   `ParamSpec.alternatives`.
 * - Reply parameter tables and reply examples are not part of the catalogue; request examples are.
 */

/** The endpoint a method is posted to: `<base>/<product_class>/v1`. */
export type ProductClass =
	| 'broadband'
	| 'broadband/basic'
	| 'broadband/diagnostics'
	| 'postcodes'
	| 'enduser'
	| 'email'
	| 'attachments'
	| 'support'
	| 'user';

/** The node's resource value for a product class (public contract: saved workflows depend on it, never rename). */
export type NextpertiseResource =
	| 'broadband'
	| 'broadbandBasic'
	| 'diagnostics'
	| 'postcodes'
	| 'enduser'
	| 'email'
	| 'attachments'
	| 'support'
	| 'user';

/**
 * JSON type of a parameter. The document's type `enum` is written as `string` with `enum` set
 * (every documented request enum has string values only).
 */
export type ParamType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface ParamSpec {
	/**
	 * The property name as documented. Array items carry the document's item notation instead:
	 * `circuit[#]` for "every item", `product_list[0]` for a fixed position.
	 */
	readonly name: string;
	readonly type: ParamType;
	/**
	 * The document has no required column. `true` is set only where the parameter names the object
	 * the method acts on or is the subject of the call (an id, uuid, nid, mailbox, address, …) and
	 * every documented request example of the method sends it. Everything else is `false` and left to
	 * the API's own schema validation (error 011). `true` means: send it, with a value (not null,
	 * not empty text), even where the schema accepts null. An empty list or object is a value: the
	 * document never says one must have entries (set_tags sends `"tags": []`). A `true` nested property is required only when
	 * its parent object or array item is sent. Always `false` on array items and alternatives.
	 */
	readonly required: boolean;
	/** The document lists `null` among the accepted types. */
	readonly nullable?: true;
	/** The document's description; '' where it gives none (its "undefined" is read as none). */
	readonly description: string;
	/** The documented regular expression, exactly as written (JavaScript `new RegExp(regex)`). */
	readonly regex?: string;
	/** The documented enum options, in documented order. */
	readonly enum?: readonly string[];
	/** A default value the document states in words (e.g. "Defaults to true."). */
	readonly default?: string | number | boolean;
	/**
	 * Set on passwords: the value is a secret, to be masked in the UI and kept out of logs, errors
	 * and output. Named like n8n's field option so a generated field can take it over as is.
	 */
	readonly typeOptions?: { readonly password: true };
	/** Properties of an object, in documented order. */
	readonly properties?: readonly ParamSpec[];
	/**
	 * For an object whose properties the document marks "one of": the property sets that are
	 * alternatives to each other (a name listed again starts the next set; where none is, each
	 * property is read as a set of its own). The document says neither which properties of a set
	 * must be sent nor whether sets may be combined: treat this as guidance for the UI and hints,
	 * not as a rule to refuse input by.
	 */
	readonly variants?: readonly (readonly string[])[];
	/** The schema of every item of an array (`name[#]` in the document). */
	readonly items?: ParamSpec;
	/** Item schemas by position (`name[0]`, `name[1]` in the document), where the document gives those. */
	readonly prefixItems?: readonly ParamSpec[];
	/**
	 * The document lists the same parameter more than once, each marked "one of", with a different
	 * regex: the value must match one of these alternatives (e.g. an IPv4 or an IPv6 subnet).
	 */
	readonly alternatives?: readonly ParamSpec[];
}

/** How a list method pages. */
export type PagingSpec =
	| {
			/**
			 * Request `pagination: { page, per_page }` (page starts at 1); the reply's
			 * `pagination.next_page` is null on the last page.
			 */
			readonly style: 'page';
			readonly param: 'pagination';
			/** The key of the result array that holds the items. */
			readonly itemsKey: string;
	  }
	| {
			/**
			 * Request `paging: { offset, length }`; a page with fewer than `length` items is the last.
			 */
			readonly style: 'offset';
			readonly param: 'paging';
			readonly itemsKey: string;
	  };

export interface MethodExample {
	/** The example's title, where the document gives one. */
	readonly title?: string;
	/** The request's `params`, as documented. */
	readonly params: Readonly<Record<string, unknown>>;
}

export interface MethodSpec {
	readonly productClass: ProductClass;
	readonly resource: NextpertiseResource;
	/** The JSON-RPC method name, exactly; also the node's operation value. */
	readonly method: string;
	/** Readable name for the UI ("Order Connection"). */
	readonly displayName: string;
	/**
	 * The operation's action text: what the call does, on what, and what it changes, in n8n's sentence
	 * case without punctuation. Shown in the node picker, and given to AI models as the tool's
	 * description when the node runs as an AI Agent tool ("<action> in Nextpertise"). Unique across the package.
	 */
	readonly action: string;
	/** Description for the UI. */
	readonly description: string;
	/**
	 * `document`: `description` is the document's text, verbatim. `catalogue`: the document gives
	 * none (or a wrong one, see `notes`), so the catalogue wrote one.
	 */
	readonly descriptionSource: 'document' | 'catalogue';
	/** As documented after "permission needed:", e.g. `#broadband-r`. Absent where the document gives none. */
	readonly permission?: string;
	/** As documented after "Since", e.g. `v1.24.0`. Absent where the document gives none. */
	readonly since?: string;
	/** Top-level request parameters, in documented order. Empty: the method takes `{}`. */
	readonly params: readonly ParamSpec[];
	/** Top-level parameter sets the document marks "one of" (see `ParamSpec.variants` for the caveats). */
	readonly variants?: readonly (readonly string[])[];
	readonly paginated: boolean;
	/** Present exactly when `paginated`. */
	readonly paging?: PagingSpec;
	/**
	 * Whether a failed call may be sent again (429/503): read methods only. Orders, changes,
	 * deletions, uploads, offers and diagnostics runs are never repeated automatically.
	 */
	readonly safeToRetry: boolean;
	/** The documented request examples. */
	readonly examples: readonly MethodExample[];
	/** Where the document contradicts itself or is unclear about this method. */
	readonly notes?: readonly string[];
}

export interface ErrorCodeSpec {
	/** As documented, three digits ("001"). */
	readonly code: string;
	/** The error text as documented; `%s` / `%d` are filled in by the API. */
	readonly message: string;
	/** The document's explanation of the error. */
	readonly meaning: string;
}

export interface ProductClassSpec {
	readonly productClass: ProductClass;
	readonly resource: NextpertiseResource;
	/** Readable name for the UI. */
	readonly displayName: string;
	/** The heading the document uses for the product class. */
	readonly documentTitle: string;
	/** Endpoint path relative to the base URL. */
	readonly path: string;
}
