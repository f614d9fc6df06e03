import type { MockScenarioContext } from "../types";
import type { BuiltinPattern, BuiltinScenario } from "./builtin";

/** Path segment that marks a request as already redirected, so it gets the normal answer. */
const REDIRECTED_SEGMENT = "/redirected/";

function redirect(context: MockScenarioContext, status: number, location: string): void {
  context.response.writeHead(status, { location, "content-length": "0" });
  context.response.end();
}

/** Redirect families: `redirect-307`, `redirect-308`, … */
export const redirectPatterns: BuiltinPattern[] = [
  {
    name: "redirect-<code>",
    pattern: /^redirect-30[12378]$/,
    description:
      "That redirect status to `<redirect-to>/redirected<path>` (`redirect-to` param, else the `redirectTarget` option, else this server); the target answers normally and records the headers it got.",
    async handle(context) {
      const { pathname, url } = context.request;
      if (pathname.includes(REDIRECTED_SEGMENT)) return context.answer();
      const target =
        context.params["redirect-to"] ?? context.server.options.redirectTarget ?? context.server.url;
      const search = url.slice(pathname.length);
      redirect(
        context,
        Number(context.name.slice(-3)),
        `${target.replace(/\/+$/, "")}/redirected${pathname}${search}`,
      );
    },
  },
];

/** A redirect chain on this server. */
export const redirectScenarios: Record<string, BuiltinScenario> = {
  "redirect-loop": {
    description:
      "Redirects (`status` param, default 307) to `/loop/<n>/v1/chat/completions` on this server `hops` times (default 10), then answers normally.",
    async handle(context) {
      const hop = Number(/\/loop\/(\d+)\//.exec(context.request.pathname)?.[1] ?? 0);
      if (hop >= context.numberParam("hops", 10)) return context.answer();
      const status = context.numberParam("status", 307);
      redirect(context, status, `${context.server.url}/loop/${hop + 1}/v1/chat/completions`);
    },
  },
};
