/**
 * The policy pack as `pulumi preview --policy-pack` drives it: spawned with the CLI's command line,
 * spoken to over gRPC through the same harness the engine-protocol tests use. Needs the compiled
 * pack (`npm run bench` builds it).
 */
import * as fs from "node:fs";
import type { ExampleResource } from "../catalog/control";
import { allControls } from "../catalog/controls";
import { isRef, ref } from "../catalog/examples";
import { exampleToStack } from "../policypack/testing";
import { PACK_DIR, type PackProcess, makeAnalyzeRequest, makeAnalyzeStackRequest, startConfiguredPack, startPack } from "../test/support/analyzer-harness";
import type { BenchResult } from "./run";

export const name = "policy pack over gRPC (spawned as the Pulumi CLI spawns it)";

const STARTS = 5;
const WARMUP_CALLS = 300;
const TIMED_CALLS = 2_000;
const STACK_SIZE = 1_000;
/** A larger stack, to show the stack-wide joins stay linear (no target). */
const LARGE_STACK_SIZE = 5_000;
const STACK_RUNS = 10;

function quantile(sorted: number[], q: number): number {
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function result(metric: string, value: number, unit: string, limit?: number, target?: string): BenchResult {
    return limit === undefined ? { metric, value, unit } : { metric, value, unit, target, met: value <= limit };
}

/** Every example stack of every control. */
function allExamples(): ExampleResource[][] {
    return allControls.flatMap((c) => [...c.examples.pulumi.bad, ...c.examples.pulumi.good]);
}

/** An example with every resource name (and every ref to it) suffixed, so copies get distinct URNs. */
function renamed(example: ExampleResource[], suffix: string): ExampleResource[] {
    const rename = (v: unknown): unknown => {
        if (isRef(v)) return ref(`${v.$ref.name}${suffix}`, v.$ref.attribute);
        if (Array.isArray(v)) return v.map(rename);
        if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rename(x)]));
        return v;
    };
    return example.map((r) => ({ ...r, name: `${r.name}${suffix}`, props: rename(r.props) as Record<string, unknown> }));
}

/** At least `size` resources: whole example stacks copied round-robin, refs kept inside each copy. */
function generatedStack(size: number) {
    const examples = allExamples();
    const resources = [];
    for (let i = 0; resources.length < size; i++) resources.push(...exampleToStack(renamed(examples[i % examples.length], `-${i}`)));
    return resources;
}

function rssMiB(pid: number | undefined): number | undefined {
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
        return Number.isFinite(kb) ? kb / 1024 : undefined;
    } catch {
        return undefined;
    }
}

async function measureStartup(): Promise<BenchResult[]> {
    const portLine: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < STARTS; i++) {
        const pack = await startPack(PACK_DIR);
        portLine.push(pack.startup.portLineMs / 1000);
        ready.push(pack.startup.readyMs / 1000);
        await pack.close();
    }
    return [
        result(`spawn → port line, median of ${STARTS}`, median(portLine), "s", 1.5, "<= 1.5 s"),
        result(`spawn → dialled + handshake, median of ${STARTS}`, median(ready), "s"),
        result(`spawn → port line, slowest of ${STARTS}`, Math.max(...portLine), "s"),
    ];
}

async function measureAnalyze(pack: PackProcess): Promise<BenchResult[]> {
    // Requests are built once: the figure is the round trip (serialise, pack work, answer), as the engine sees it.
    const requests = allExamples().flatMap((ex) => exampleToStack(ex)).map((r) => makeAnalyzeRequest(r));
    const types = new Set(requests.map((r) => r.getType()));
    for (let i = 0; i < WARMUP_CALLS; i++) await pack.analyzeRequest(requests[i % requests.length]);
    const times: number[] = [];
    for (let i = 0; i < TIMED_CALLS; i++) {
        const t = performance.now();
        await pack.analyzeRequest(requests[i % requests.length]);
        times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const all = allExamples().flatMap((ex) => exampleToStack(ex));
    const previewTimes: number[] = [];
    for (let i = 0; i < 300; i++) {
        const r = all[i % all.length];
        const t = performance.now();
        await pack.remediate(r);
        await pack.analyze(r);
        previewTimes.push(performance.now() - t);
    }
    // A resource no policy inspects but with many properties: what every policy's deserialization costs.
    const tags = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, `v${i}`]));
    const wide = makeAnalyzeRequest({ urn: "urn:pulumi:dev::bench::aws:ec2/vpc:Vpc::wide", type: "aws:ec2/vpc:Vpc", name: "wide", props: { cidrBlock: "10.0.0.0/16", tags } });
    const wideTimes: number[] = [];
    for (let i = 0; i < 300; i++) {
        const t = performance.now();
        await pack.analyzeRequest(wide);
        if (i >= 50) wideTimes.push(performance.now() - t);
    }
    return [
        result(`Analyze round trip, median (${TIMED_CALLS} calls, ${types.size} types)`, quantile(times, 0.5), "ms", 2, "<= 2 ms"),
        result("Analyze round trip, p99", quantile(times, 0.99), "ms"),
        result("Remediate + Analyze per resource (as preview does), median", median(previewTimes), "ms"),
        result("Analyze of a 500-tag resource no policy targets, median", median(wideTimes), "ms"),
    ];
}

async function measureAnalyzeStack(pack: PackProcess): Promise<BenchResult[]> {
    const resources = generatedStack(STACK_SIZE);
    const edges = resources.reduce((n, r) => n + Object.values(r.propertyDependencies ?? {}).flat().length, 0);
    const request = makeAnalyzeStackRequest(resources);
    for (let i = 0; i < 2; i++) await pack.analyzeStackRequest(request);
    const times: number[] = [];
    let diagnostics = 0;
    for (let i = 0; i < STACK_RUNS; i++) {
        const t = performance.now();
        diagnostics = (await pack.analyzeStackRequest(request)).diagnostics.length;
        times.push(performance.now() - t);
    }
    const out = [
        result(
            `AnalyzeStack, ${resources.length} resources / ${edges} propertyDependencies edges, median of ${STACK_RUNS}`,
            median(times),
            "ms",
            150,
            "<= 150 ms",
        ),
        result("AnalyzeStack, slowest run", Math.max(...times), "ms"),
        result("AnalyzeStack, diagnostics returned", diagnostics, "count"),
    ];
    const large = makeAnalyzeStackRequest(generatedStack(LARGE_STACK_SIZE));
    await pack.analyzeStackRequest(large);
    const largeTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await pack.analyzeStackRequest(large);
        largeTimes.push(performance.now() - t);
    }
    out.push(result(`AnalyzeStack, ${large.getResourcesList().length} resources, median of 3 (linear joins: about 5x the ${resources.length}-resource figure)`, median(largeTimes), "ms"));
    const rss = rssMiB(pack.pid);
    if (rss !== undefined) out.push(result("pack RSS after the runs", rss, "MiB"));
    return out;
}

export async function run(): Promise<BenchResult[]> {
    const results = await measureStartup();
    const pack = await startConfiguredPack(PACK_DIR);
    try {
        results.push(...(await measureAnalyze(pack)));
        results.push(...(await measureAnalyzeStack(pack)));
    } finally {
        await pack.close();
    }
    results.push(result("policies in the pack", allControls.length, "count"));
    return results;
}
