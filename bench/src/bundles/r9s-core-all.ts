// Everything @r9s/core exports (an upper bound: apps import far less).
export * from "@r9s/core";
