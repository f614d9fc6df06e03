import type { ChatCompletionMessageToolCall } from "../wire/message";
import { assignFields, type FieldBag, isRecord, nonEmptyString, rememberField } from "./unknown-fields";

/** One tool call being assembled from its fragments. */
interface ToolCallState {
  id: string;
  type: string;
  name: string;
  arguments: string;
  /** Unknown fields of the fragments (Gemini's `extra_content.google.thought_signature`), last wins. */
  fields: FieldBag | undefined;
  /** Unknown fields of the fragments' `function` objects. */
  functionFields: FieldBag | undefined;
}

/**
 * Merges the `tool_calls` fragments of one choice into whole calls.
 *
 * Which call a fragment belongs to:
 * - with an `index`: the call open at that index, unless the fragment brings a
 *   non-empty id that differs from that call's id (Q24: the index is reused for
 *   a new call) or an id already seen (Q25: the same call under another index);
 * - without an `index` (Gemini, Ollama, Q23): the call with the same id; a new id
 *   starts a new call; no id continues the latest call.
 *
 * `id`, `type` and `name` come from the first fragment that has them and are
 * never overwritten (Q21); argument text is concatenated and never parsed here
 * (Q26). Calls come out dense, in order of first appearance, whatever the indexes
 * (Q25). A class for a stable object shape on the hot path; internal to the accumulator.
 */
export class ToolCallMerger {
  private readonly calls: ToolCallState[] = [];
  private readonly byIndex = new Map<number, ToolCallState>();
  private readonly byId = new Map<string, ToolCallState>();
  private latest: ToolCallState | undefined;

  /** How many distinct calls have started. */
  get size(): number {
    return this.calls.length;
  }

  /** Folds the `tool_calls` array of one delta. */
  add(fragments: readonly unknown[]): void {
    for (const fragment of fragments) {
      if (isRecord(fragment)) this.addFragment(fragment);
    }
  }

  /** Fresh, dense calls in order of first appearance; `type` defaults to `"function"`. */
  build(): ChatCompletionMessageToolCall[] {
    const result: ChatCompletionMessageToolCall[] = new Array(this.calls.length);
    for (let position = 0; position < this.calls.length; position++) {
      const call = this.calls[position]!;
      const toolCall = {
        id: call.id,
        type: (call.type || "function") as "function",
        function: assignFields({ name: call.name, arguments: call.arguments }, call.functionFields),
      };
      result[position] = assignFields(toolCall, call.fields);
    }
    return result;
  }

  private addFragment(fragment: Record<string, unknown>): void {
    const id = nonEmptyString(fragment.id);
    const index = typeof fragment.index === "number" ? fragment.index : undefined;
    const call = this.resolve(index, id);
    this.latest = call;
    if (id !== undefined && call.id === "") {
      call.id = id;
      this.byId.set(id, call);
    }
    for (const key in fragment) {
      const value = fragment[key];
      switch (key) {
        case "index":
        case "id":
          break;
        case "type":
          if (call.type === "" && typeof value === "string") call.type = value;
          break;
        case "function":
          if (isRecord(value)) this.addFunction(call, value);
          break;
        default:
          call.fields = rememberField(call.fields, key, value);
      }
    }
  }

  private addFunction(call: ToolCallState, fragment: Record<string, unknown>): void {
    for (const key in fragment) {
      const value = fragment[key];
      switch (key) {
        case "name":
          if (call.name === "" && typeof value === "string") call.name = value;
          break;
        case "arguments":
          if (typeof value === "string") call.arguments += value;
          break;
        default:
          call.functionFields = rememberField(call.functionFields, key, value);
      }
    }
  }

  private resolve(index: number | undefined, id: string | undefined): ToolCallState {
    if (index !== undefined) {
      const current = this.byIndex.get(index);
      if (current !== undefined && (id === undefined || current.id === "" || current.id === id))
        return current;
      const call = (id !== undefined ? this.byId.get(id) : undefined) ?? this.open(id);
      this.byIndex.set(index, call);
      return call;
    }
    if (id !== undefined) return this.byId.get(id) ?? this.open(id);
    return this.latest ?? this.open(undefined);
  }

  private open(id: string | undefined): ToolCallState {
    const call: ToolCallState = {
      id: id ?? "",
      type: "",
      name: "",
      arguments: "",
      fields: undefined,
      functionFields: undefined,
    };
    if (id !== undefined) this.byId.set(id, call);
    this.calls.push(call);
    return call;
  }
}
