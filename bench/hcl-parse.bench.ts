/**
 * HCL parser throughput against `hcl2-parser` on a generated ~25 MB Terraform corpus, and peak RSS.
 * Run: `npx tsc -p . && node dist/bench/run.js hcl`.
 */
import { parseHcl } from "../terraform-checks/hcl";
import { generateCorpus } from "./hcl-corpus";
import type { BenchResult } from "./run";

export const name = "HCL parser (terraform-checks/hcl)";

const CORPUS_BYTES = 25 * 1024 * 1024;
/** hcl2-parser runs at ~0.2 MB/s, so it is timed on the first few MB of the same corpus. */
const ORACLE_BYTES = 2 * 1024 * 1024;

function mb(bytes: number): number {
    return bytes / (1024 * 1024);
}

export async function run(): Promise<BenchResult[]> {
    const files = generateCorpus(CORPUS_BYTES);
    const sizes = files.map((f) => Buffer.byteLength(f));
    const total = sizes.reduce((a, b) => a + b, 0);

    // Warm up the JIT on a slice of the corpus first.
    for (const f of files.slice(0, 200)) parseHcl(f, "warm.tf");

    let diagnostics = 0;
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < files.length; i++) diagnostics += parseHcl(files[i], `f${i}.tf`).diagnostics.length;
        best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    }
    const ours = mb(total) / best;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    // An evaluator may hold every file's tree at once: measure that too.
    const kept = files.map((f, i) => parseHcl(f, `f${i}.tf`).body);
    const retainedRssMb = process.resourceUsage().maxRSS / 1024;
    kept.length = 0;

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const oracle = require("hcl2-parser") as { parseToObject(text: string): unknown };
    let oracleBytes = 0;
    let k = 0;
    const subset: string[] = [];
    while (oracleBytes < ORACLE_BYTES && k < files.length) {
        subset.push(files[k]);
        oracleBytes += sizes[k++];
    }
    oracle.parseToObject(subset[0]);
    const t1 = process.hrtime.bigint();
    for (const f of subset) oracle.parseToObject(f);
    const oracleSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
    const theirs = mb(oracleBytes) / oracleSeconds;

    const ratio = ours / theirs;
    return [
        { metric: "corpus size (generated, seeded)", value: mb(total), unit: `MB in ${files.length} files` },
        { metric: "diagnostics on the corpus (expected 0)", value: diagnostics, unit: "" },
        { metric: "parseHcl throughput (best of 3)", value: ours, unit: "MB/s", target: ">= 10 MB/s", met: ours >= 10 },
        { metric: `hcl2-parser throughput (first ${mb(oracleBytes).toFixed(1)} MB)`, value: theirs, unit: "MB/s" },
        { metric: "speed-up over hcl2-parser", value: ratio, unit: "x", target: ">= 30x", met: ratio >= 30 },
        { metric: "peak RSS parsing file by file", value: peakRssMb, unit: "MB", target: "<= 500 MB for 25 MB", met: peakRssMb <= 500 },
        { metric: "peak RSS keeping every file's AST", value: retainedRssMb, unit: "MB" },
    ];
}
