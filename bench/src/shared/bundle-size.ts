/**
 * Bundle sizes as an app would ship them: esbuild, minified, ESM, browser
 * platform (Node for `@r9s/node`), tree-shaken, then gzip level 9. React
 * stays external for the `useChat` entries. The entries are `src/bundles/*.ts`.
 */
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

export interface BundleEntry {
  id: string;
  label: string;
  /** File under `src/bundles/`. */
  file: string;
  platform: "browser" | "node";
}

export const BUNDLE_ENTRIES: BundleEntry[] = [
  {
    id: "r9s-core-chat",
    label: "@r9s/core + 10-line fetch transport: stream a chat, read the text",
    file: "r9s-core-chat.ts",
    platform: "browser",
  },
  {
    id: "r9s-fetch-chat",
    label: "@r9s/core + @r9s/fetch (ky): stream a chat, read the text",
    file: "r9s-fetch-chat.ts",
    platform: "browser",
  },
  {
    id: "openai-chat",
    label: "openai-node: stream a chat, read the text",
    file: "openai-chat.ts",
    platform: "browser",
  },
  {
    id: "ai-sdk-chat",
    label: "ai + @ai-sdk/openai: stream a chat, read the text",
    file: "ai-sdk-chat.ts",
    platform: "browser",
  },
  {
    id: "r9s-react-use-chat",
    label: "useChat: @r9s/react + core + fetch (React external)",
    file: "r9s-react-use-chat.ts",
    platform: "browser",
  },
  {
    id: "ai-sdk-react-use-chat",
    label: "useChat: @ai-sdk/react (React external)",
    file: "ai-sdk-react-use-chat.ts",
    platform: "browser",
  },
  {
    id: "r9s-sse",
    label: "SSE parser: @r9s/core/sse (all exports)",
    file: "r9s-sse.ts",
    platform: "browser",
  },
  {
    id: "eventsource-parser",
    label: "SSE parser: eventsource-parser (all exports)",
    file: "eventsource-parser.ts",
    platform: "browser",
  },
  { id: "r9s-core-all", label: "@r9s/core, every export", file: "r9s-core-all.ts", platform: "browser" },
  {
    id: "r9s-node-chat",
    label: "@r9s/node: stream a chat, read the text (Node built-ins external)",
    file: "r9s-node-chat.ts",
    platform: "node",
  },
];

export interface BundleSize {
  id: string;
  minifiedBytes: number;
  gzippedBytes: number;
  /** Minified bytes (before gzip) contributed by each package. */
  bytesByPackage: Record<string, number>;
}

/** Where an input file comes from: `@r9s/x` for the work tree, the npm name for node_modules. */
function packageOf(path: string): string {
  const modules = path.lastIndexOf("node_modules/");
  if (modules !== -1) {
    const rest = path.slice(modules + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? path);
  }
  const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(path);
  if (workspace) return `@r9s/${workspace[1]}`;
  return "(entry)";
}

function bytesByPackage(metafile: Metafile): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      totals[name] = (totals[name] ?? 0) + bytesInOutput;
    }
  }
  return Object.fromEntries(Object.entries(totals).sort((first, second) => second[1] - first[1]));
}

/**
 * Bundles one entry. `source: true` resolves our packages to their TypeScript
 * source (what the work tree holds now); `false` to their built `dist` (what
 * npm users get: run the packages' build first).
 */
export async function measureBundle(
  entry: BundleEntry,
  options: { benchDir: string; source: boolean },
): Promise<BundleSize> {
  const result = await build({
    absWorkingDir: options.benchDir,
    entryPoints: [join(options.benchDir, "src", "bundles", entry.file)],
    bundle: true,
    write: false,
    outdir: "out",
    minify: true,
    format: "esm",
    platform: entry.platform,
    target: entry.platform === "node" ? "node18" : "es2022",
    conditions: options.source ? ["@r9s/source"] : [],
    external: ["react", "react-dom", "react/jsx-runtime"],
    metafile: true,
    logLevel: "silent",
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const code = result.outputFiles.find((file) => file.path.endsWith(".js"));
  if (code === undefined) throw new Error(`no output for ${entry.file}`);
  return {
    id: entry.id,
    minifiedBytes: code.contents.length,
    gzippedBytes: gzipSync(code.contents, { level: 9 }).length,
    bytesByPackage: bytesByPackage(result.metafile),
  };
}
