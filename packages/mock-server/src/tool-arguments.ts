import { isRecord } from "./compose";

/**
 * A deterministic example value for a JSON schema: `enum[0]`, `const`,
 * `default`, else one value per type (strings name their property, numbers
 * take their minimum or 42). Depth is bounded so recursive schemas end.
 */
export function exampleOf(schema: unknown, name = "value", depth = 0): unknown {
  if (!isRecord(schema) || depth > 6) return null;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ("const" in schema) return schema.const;
  if ("default" in schema) return schema.default;
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) return exampleOf(options[0], name, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((item) => item !== "null") : schema.type;
  switch (type) {
    case "object":
      return objectExample(schema, depth);
    case "array":
      return [exampleOf(schema.items, name, depth + 1)];
    case "integer":
      return typeof schema.minimum === "number" ? Math.ceil(schema.minimum) : 42;
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 4.2;
    case "boolean":
      return true;
    case "null":
      return null;
    case "string":
      return `mock ${name}`;
    default:
      return isRecord(schema.properties) ? objectExample(schema, depth) : `mock ${name}`;
  }
}

function objectExample(schema: Record<string, unknown>, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (!isRecord(schema.properties)) return result;
  for (const [key, property] of Object.entries(schema.properties)) {
    result[key] = exampleOf(property, key, depth + 1);
  }
  return result;
}

/** Cuts `text` into pieces of at most `size` code points, as servers fragment tool arguments. */
export function fragments(text: string, size: number): string[] {
  const characters = Array.from(text);
  const pieces: string[] = [];
  for (let start = 0; start < characters.length; start += size) {
    pieces.push(characters.slice(start, start + size).join(""));
  }
  return pieces;
}
