import * as v8 from "node:v8";

/**
 * The inlining budget the `mlguard` process gives V8's optimising compiler: at most this many
 * bytes of bytecode inlined into one optimised function (V8's default is 920).
 *
 * A scan is short and runs a large amount of code once per root module. With the default budget,
 * a full scan of the module-library corpus spent about a third of its CPU time on a second core,
 * in TurboFan compile jobs for the evaluator's and the controls' hot functions (the collector's
 * threads were not the cost: `--single-threaded-gc` changed nothing). With 200, measured in fresh
 * processes on an idle machine, paired against the default: that scan took 0.94–1.00 s of wall
 * time instead of 1.19–1.23 s and 1.40 s of CPU instead of 1.85 s, the 200,000-resource file
 * 5.25 s instead of 5.79 s, and a warm process was no slower. On a slower and noisier machine of
 * the same size the gain was smaller: over 8 alternating pairs, a median of 1.54 s instead of
 * 1.65 s of wall time and 2.1 s instead of 2.4 s of CPU. Set once, before any scanning code has
 * run hot; it changes no result.
 */
export const INLINING_BUDGET = 200;

/** Applies {@link INLINING_BUDGET} to this process (the CLI's entry point, and benchmarks that measure the CLI's engine). */
export function tuneJit(): void {
    v8.setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);
}
