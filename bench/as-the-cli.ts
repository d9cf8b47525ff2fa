import * as path from "node:path";

/**
 * The first line of a benchmark's child script: tunes V8 as the `mlguard` command does at start-up
 * (`cli/jit.ts`), so a scan measured through the library API costs what `mlguard scan` costs.
 */
export const AS_THE_CLI = `require(${JSON.stringify(path.resolve(__dirname, "../cli/jit.js"))}).tuneJit();\n`;
