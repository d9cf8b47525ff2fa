/**
 * From the engine's raw results to the `ScanResult` reporters format, and the exit code. Pure: the
 * command does the I/O (reading sources and the baseline) and passes it in.
 */
import type { AnyControl } from "../catalog/control";
import { severityRank } from "../catalog/model";
import { type Baseline, applyBaseline } from "./baseline";
import type { Diagnostic, ScanResult as EngineResult, TerraformFinding } from "./engine";
import { assignFingerprints } from "./fingerprint";
import type { FailOn } from "./options";
import { type Notice, type ReportedFinding, type ScanResult, compareFindings } from "./result";
import { AliasIndex, type Directive, applySuppressions, parseSuppressions } from "./suppressions";

export interface AssembleInput {
    output: EngineResult;
    /** File text for every file the engine read (suppressions) and every file findings point into. */
    sources: ReadonlyMap<string, string>;
    /** The controls that ran (with severity overrides). */
    controls: readonly AnyControl[];
    /** Every control in the catalog, to resolve ids in suppression comments. */
    catalog: readonly AnyControl[];
    baseline?: Baseline;
    includeUnknown: boolean;
    peerComments: boolean;
    unused: "warn" | "error" | "off";
    /** `YYYY-MM-DD` in UTC, for suppression expiry. */
    today: string;
    baseDir: string;
    roots: string[];
    tool: { name: string; version: string };
    durationMs: number;
    /** The `--plan` file, for a plan scan. */
    planFile?: string;
}

export interface Assembled {
    result: ScanResult;
    /** Failing findings not suppressed inline or by config: what `--update-baseline` records. */
    baselineCandidates: ReportedFinding[];
}

function fileOf(f: TerraformFinding): string | undefined {
    return f.location.kind === "file" ? f.location.file : f.resourceBlock.range.file || undefined;
}

function rootModuleOf(f: TerraformFinding): string {
    return f.resourceBlock.rootModule;
}

/**
 * The engine's diagnostics as the CLI reports them. An evaluation error (an undeclared reference, a
 * type error) is reported as a warning: the file was parsed and analysed, so it neither fails the
 * scan nor counts as a parse error. Read and parse errors stay errors.
 */
export function reportedDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return diagnostics.map((d) => (d.severity === "error" && (d.phase ?? "evaluate") === "evaluate" ? { ...d, severity: "warning" } : d));
}

/**
 * Filters results by status (`pass` → passed list, `not-applicable` dropped, `unknown` only when
 * asked), fingerprints them, applies config exemptions, inline suppressions and the baseline, and
 * collects the notices.
 */
export function assembleResult(input: AssembleInput): Assembled {
    const severityOf = new Map(input.controls.map((c) => [c.id, c.severity]));
    const passed: ScanResult["passed"] = [];
    const candidates: TerraformFinding[] = [];
    let unknownHidden = 0;
    for (const raw of input.output.findings) {
        if (!severityOf.has(raw.controlId)) continue;
        const f = { ...raw, severity: severityOf.get(raw.controlId)! };
        if (f.status === "pass") passed.push({ controlId: f.controlId, resourceId: f.resourceId, ...(fileOf(f) ? { file: fileOf(f) } : {}), rootModule: rootModuleOf(f) });
        else if (f.status === "unknown" && !input.includeUnknown) unknownHidden++;
        else if (f.status === "fail" || f.status === "error" || f.status === "unknown") candidates.push(f);
    }
    candidates.sort(compareFindings);
    const fingerprints = assignFingerprints(candidates, rootModuleOf);
    const reported: ReportedFinding[] = candidates.map((f, i) => {
        const { resourceBlock, ...rest } = f;
        return { ...rest, fingerprint: fingerprints[i], rootModule: rootModuleOf(f), moduleCalls: resourceBlock.moduleCalls };
    });
    const blockOf = new Map(reported.map((r, i) => [r, candidates[i].resourceBlock]));

    const suppressed: ReportedFinding[] = [];
    const notices: Notice[] = [];

    // Config exemptions first: they are the reviewed, central way to accept a finding.
    const afterConfig: ReportedFinding[] = [];
    for (const f of reported) {
        if (f.exemption && f.status !== "error") suppressed.push({ ...f, suppression: { kind: "config", reason: f.exemption.reason } });
        else afterConfig.push(f);
    }

    const aliases = new AliasIndex(input.catalog);
    const directives: Directive[] = [];
    const files = input.output.files ?? [...new Set(input.output.findings.map(fileOf).filter((x): x is string => !!x))];
    for (const file of files) {
        const text = input.sources.get(file);
        if (text === undefined) continue;
        const parsed = parseSuppressions(file, text, aliases, { peerComments: input.peerComments });
        for (const d of parsed.directives) directives.push(d);
        for (const n of parsed.notices) notices.push(n);
    }
    const applied = applySuppressions(
        afterConfig.map((f) => ({ finding: f, resourceBlock: blockOf.get(f), reported: f })),
        directives,
        { today: input.today, activeControls: new Set(input.controls.map((c) => c.id)) },
    );
    for (const n of applied.notices) if (n.kind !== "unused" || input.unused !== "off") notices.push(n);
    for (const s of applied.suppressed) suppressed.push({ ...s.target.reported, suppression: s.suppression });
    const afterInline = applied.kept.map((t) => t.reported);
    const baselineCandidates = afterInline.filter((f) => f.status === "fail");

    let findings = afterInline;
    if (input.baseline) {
        const b = applyBaseline(afterInline.filter((f) => f.status === "fail"), input.baseline);
        const baselined = new Set(b.baselined);
        findings = afterInline.filter((f) => !baselined.has(f));
        for (const f of b.baselined) suppressed.push({ ...f, suppression: { kind: "baseline", reason: "accepted in the baseline" } });
        const active = new Set(input.controls.map((c) => c.id));
        const stale = b.stale.filter((e) => active.has(e.controlId));
        if (stale.length > 0) {
            notices.push({ kind: "stale-baseline", message: `${stale.length} baseline ${stale.length === 1 ? "entry matches" : "entries match"} no finding any more; run with --update-baseline to prune` });
        }
    }
    suppressed.sort(compareFindings);
    notices.sort((a, b) => {
        const fa = a.location?.file ?? "";
        const fb = b.location?.file ?? "";
        return fa < fb ? -1 : fa > fb ? 1 : (a.location?.start.line ?? 0) - (b.location?.start.line ?? 0);
    });

    const sources: Record<string, string> = {};
    for (const f of [...findings, ...suppressed]) {
        const file = f.location.kind === "file" ? f.location.file : undefined;
        if (file !== undefined && !(file in sources) && input.sources.has(file)) sources[file] = input.sources.get(file)!;
        for (const m of f.moduleCalls) if (!(m.range.file in sources) && input.sources.has(m.range.file)) sources[m.range.file] = input.sources.get(m.range.file)!;
    }

    return {
        result: {
            tool: input.tool,
            baseDir: input.baseDir,
            roots: input.roots,
            findings,
            suppressed,
            passed,
            diagnostics: reportedDiagnostics(input.output.diagnostics),
            unscannedModules: input.output.unscannedModules ?? [],
            notices,
            stats: { files: input.output.stats.files, resources: input.output.stats.resources, durationMs: input.durationMs, unknownHidden, ...(input.planFile ? { plan: input.planFile } : {}) },
            sources,
        },
        baselineCandidates,
    };
}

/** What decides the exit code besides the result. */
export interface ExitPlan {
    failOn: FailOn;
    allowParseErrors: boolean;
    unused: "warn" | "error" | "off";
    strictModules?: boolean;
    /** No configuration file was found under the scanned paths (and no plan was given). */
    noFiles?: { paths: readonly string[] };
}

/**
 * Why the scan exits 2, one phrase each (empty when it does not): no Terraform files; read and
 * parse errors by kind ("file too large (1)", "binary file (2)"), unless `allowParseErrors`;
 * check errors; module calls not scanned, under `strictModules`.
 */
export function stopReasons(result: ScanResult, plan: ExitPlan): string[] {
    const reasons: string[] = [];
    if (plan.noFiles) reasons.push(`no Terraform files (.tf, .tf.json) in ${plan.noFiles.paths.join(", ")}`);
    if (!plan.allowParseErrors) {
        const kinds = new Map<string, number>();
        for (const d of result.diagnostics) if (d.severity === "error") kinds.set(d.summary, (kinds.get(d.summary) ?? 0) + 1);
        for (const [summary, n] of kinds) reasons.push(`${summary.charAt(0).toLowerCase()}${summary.slice(1)} (${n})`);
        const checkErrors = result.findings.filter((f) => f.status === "error").length;
        if (checkErrors > 0) reasons.push(`${checkErrors} check error${checkErrors === 1 ? "" : "s"}`);
    }
    const unscanned = result.unscannedModules?.length ?? 0;
    if (plan.strictModules && unscanned > 0) reasons.push(`${unscanned} module call${unscanned === 1 ? "" : "s"} not scanned (--strict-modules)`);
    return reasons;
}

/**
 * 2 when a file or path could not be read or parsed, or a check failed to run (unless
 * `allowParseErrors`: the tree cannot be vouched for otherwise); 1 when a finding is at or above
 * `failOn`, or an unused suppression is reported and `unused` is `error`; else 0. Also 2 when no
 * file was scanned, or a module call was not scanned under `strictModules` ({@link stopReasons}). Evaluation
 * errors arrive here as warnings (`reportedDiagnostics`) and never change the exit code;
 * `unknown` results never fail the scan.
 */
export function exitCodeFor(result: ScanResult, plan: ExitPlan): 0 | 1 | 2 {
    if (stopReasons(result, plan).length > 0) return 2;
    if (plan.failOn !== "none") {
        const threshold = severityRank(plan.failOn);
        if (result.findings.some((f) => f.status === "fail" && severityRank(f.severity) >= threshold)) return 1;
    }
    if (plan.unused === "error" && result.notices.some((n) => n.kind === "unused")) return 1;
    return 0;
}
