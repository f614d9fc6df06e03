#!/usr/bin/env node
import { runCli } from "./run-cli";

// No top-level await: the same file is also bundled as CommonJS.
runCli(process.argv.slice(2)).then(
  (outcome) => {
    if (outcome.status === "exit") process.exitCode = outcome.code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
