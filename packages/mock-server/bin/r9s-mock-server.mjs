#!/usr/bin/env node
// A committed entry point, so package managers can link the bin before the
// package is built (in a workspace); the CLI itself is the built dist/cli.js.
import("../dist/cli.js").catch((error) => {
  console.error(
    error?.code === "ERR_MODULE_NOT_FOUND"
      ? "r9s-mock-server is not built yet: run `pnpm --filter @r9s/mock-server build`."
      : error,
  );
  process.exit(1);
});
