/** Shapes of the operation catalogue that scripts/generate-msm-spec.mjs writes from KPN's spec. */

export type SpecScalarType = 'string' | 'integer' | 'number' | 'boolean';

/** One path, query or header parameter, or one field of a simple request body. */
export interface SpecParam {
	/** The name KPN expects on the wire. */
	name: string;
	/** Title Case label of its field in the node. */
	label: string;
	type: SpecScalarType | 'array';
	/** Element type of an array. */
	items?: SpecScalarType;
	/** `int64` marks an ID (a text field in the UI, so long numbers stay exact), `date-time` a date. */
	format?: string;
	required: boolean;
	/** Allowed values (of the element, for arrays). */
	enum?: readonly string[];
	default?: string | number | boolean;
	description: string;
	example?: string;
}

export interface SpecBody {
	/** The definition the body follows in the spec. */
	schema: string;
	required: boolean;
	/** `fields`: one UI field per property (flat bodies); `json`: one JSON field (nested bodies). */
	mode: 'fields' | 'json';
	fields: readonly SpecParam[];
	/** `json` mode: the documented shape with sample values (JSON text), shown as a hint. */
	example?: string;
}

export interface SpecOperation {
	resource: string;
	/** Operation value in the node; stable, never rename. */
	operation: string;
	/** Name in the Operation dropdown. */
	displayName: string;
	/** Sentence-case action shown in the node panel and to AI agents. */
	action: string;
	description: string;
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Path below the API base path, with `{param}` placeholders. */
	path: string;
	operationId?: string;
	pathParams: readonly SpecParam[];
	/** Without `from`/`to` for paged operations: the node pages for the user. */
	queryParams: readonly SpecParam[];
	headerParams: readonly SpecParam[];
	body?: SpecBody;
	/** A file sent as multipart/form-data (the only form parameter in the spec). */
	file?: { name: string; description: string };
	/** `binary`: the answer is a file; `text`: a bare JSON string such as a date. */
	response: 'json' | 'binary' | 'text';
	/** File name and type for `binary` answers; `{param}` is replaced by the path parameter. */
	binaryFile?: { fileName: string; mimeType: string };
	/** Ends, blocks, deletes or moves something that cannot simply be undone. */
	destructive: boolean;
	/** Lists that page with `from` (inclusive) / `to` (exclusive) and answer `{ result, total }`. */
	paged: boolean;
	/** Only reads (GET) are retried on 429/503. */
	safeToRetry: boolean;
}

export interface SpecResource {
	value: string;
	name: string;
	description: string;
}
