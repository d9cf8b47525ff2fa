import * as v8 from "node:v8";

/**
 * The inlining budget the `mlguard` process gives V8's optimising compiler: at most this many
 * bytes of bytecode inlined into one optimised function (V8's default is 920).
 *
 * A scan is short and runs a large amount of code once per root module: with the default budget,
 * the evaluator's and the controls' hot functions grow into compile jobs of tens of milliseconds
 * each, which take the second core from the garbage collector and arrive late. With 200, a
 * full scan of the module-library benchmark takes about 20% less wall time and 25% less CPU, the
 * 200,000-resource file about 10% less, and a warm process is no slower (`npm run bench`,
 * `tf-library`). Set once, before any scanning code has run hot; it changes no result.
 */
export const INLINING_BUDGET = 200;

/** Applies {@link INLINING_BUDGET} to this process (the CLI's entry point, and benchmarks that measure the CLI's engine). */
export function tuneJit(): void {
    v8.setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);
}
