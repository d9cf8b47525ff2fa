/**
 * `npm run bench`: runs every `bench/*.bench.ts` module (compiled) in turn and prints its figures.
 * Each module exports `name` and `run(): Promise<BenchResult[]>`. Benchmarks are measurements, not
 * tests: they never fail on a slow machine, they print what they saw against the targets.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface BenchResult {
    metric: string;
    value: number;
    unit: string;
    /** The issue's target, e.g. "<= 1.5 s" — printed beside the figure. */
    target?: string;
    met?: boolean;
}

interface BenchModule {
    name: string;
    run(): Promise<BenchResult[]>;
}

async function main(): Promise<void> {
    const only = process.argv.slice(2);
    const files = fs
        .readdirSync(__dirname)
        .filter((f) => f.endsWith(".bench.js"))
        .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
        .sort();
    for (const file of files) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(path.join(__dirname, file)) as BenchModule;
        console.log(`\n## ${mod.name}`);
        const results = await mod.run();
        for (const r of results) {
            const value = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(3);
            const target = r.target ? `  (target ${r.target}: ${r.met ? "met" : "NOT met"})` : "";
            console.log(`${r.metric.padEnd(48)} ${value.padStart(12)} ${r.unit}${target}`);
        }
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
