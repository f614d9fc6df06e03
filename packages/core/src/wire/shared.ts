/**
 * Fields that a server adds beyond the documented wire shape are kept on the
 * objects the SDK hands back. This index signature lets them be read without a cast.
 */
export interface UnknownFields {
  [field: string]: unknown;
}

/** Free-form key/value metadata attached to a request (`metadata`). */
export type Metadata = Record<string, string>;

/** A JSON Schema object, as accepted by `response_format` and function tools. */
export type JSONSchema = Record<string, unknown>;
