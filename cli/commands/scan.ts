import * as fs from "node:fs";
import * as path from "node:path";
import type { AnyControl } from "../../catalog/control";
import { type Baseline, BaselineError, baselineEntry, parseBaseline, serializeBaseline, updateBaseline } from "../baseline";
import { shouldUseColor } from "../color";
import { type Config, ConfigError, defaultConfig, loadConfig } from "../config";
import { type CloudFormationEngine, type ScanEngine, type ScanResult as EngineResult, loadCloudFormationEngine, loadEngine } from "../engine";
import { UsageError } from "../errors";
import type { Io } from "../io";
import { type ScanFlags, planScan } from "../options";
import { packageVersion } from "../paths";
import { type ExitPlan, assembleResult, exitCodeFor, stopReasons } from "../pipeline";
import { createProgress, shouldShowProgress } from "../progress";
import { reporters } from "../report";
import { formatMarkdown, STEP_SUMMARY_LIMIT } from "../report/markdown";
import { displayPath, summaryLine } from "../report/shared";

/** What the scan command depends on besides its flags; unit tests replace the engine and the clock. */
export interface ScanDeps {
    engine?: ScanEngine;
    cloudformation?: CloudFormationEngine;
    now?: () => number;
    today?: () => string;
}

/** The text of every file the engine read and every file findings point into (for suppressions and source lines). */
function readSources(output: EngineResult, cwd: string): Map<string, string> {
    const wanted = new Set<string>(output.files ?? []);
    for (const f of output.findings) {
        if (f.location.kind === "file") wanted.add(f.location.file);
        wanted.add(f.resourceBlock.range.file);
        for (const m of f.resourceBlock.moduleCalls) wanted.add(m.range.file);
    }
    wanted.delete("");
    const sources = new Map<string, string>();
    for (const file of wanted) {
        try {
            sources.set(file, fs.readFileSync(path.resolve(cwd, file), "utf8"));
        } catch {
            // A file the engine read but we cannot: suppressions there cannot apply; the engine reported it if it mattered.
        }
    }
    return sources;
}

/** Terraform and CloudFormation results as one. */
function mergeResults(a: EngineResult, b: EngineResult): EngineResult {
    if (b.stats.files === 0 && b.diagnostics.length === 0) return a;
    return {
        findings: [...a.findings, ...b.findings],
        diagnostics: [...a.diagnostics, ...b.diagnostics],
        stats: { ...a.stats, files: a.stats.files + b.stats.files, bytes: a.stats.bytes + b.stats.bytes, resources: a.stats.resources + b.stats.resources },
        files: [...(a.files ?? []), ...(b.files ?? [])],
    };
}

function writeFile(file: string, text: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
}

/** `mlguard scan`: returns the exit code (0 clean, 1 findings at or above --fail-on, 2 usage/config/parse error). */
export async function runScan(paths: string[], flags: ScanFlags, io: Io, deps: ScanDeps = {}): Promise<number> {
    const now = deps.now ?? Date.now;
    const started = now();
    const { allControls } = await import("../../catalog/controls");
    let config: Config;
    let plan;
    let previous: Baseline | undefined;
    try {
        config = flags.config === false ? defaultConfig() : loadConfig(flags.config, io.cwd, allControls);
        plan = planScan(paths, flags, config, allControls, io.cwd);
        if (plan.baseline?.exists) previous = parseBaseline(fs.readFileSync(plan.baseline.file, "utf8"), displayPath(plan.baseline.file, io.cwd));
    } catch (err) {
        if (err instanceof UsageError || err instanceof ConfigError || err instanceof BaselineError) {
            io.stderr.write(`mlguard: ${err.message}\n`);
            return 2;
        }
        throw err;
    }

    const engine: ScanEngine = deps.engine ?? (await loadEngine());

    const progress = shouldShowProgress({ isTTY: io.stderr.isTTY === true, env: io.env, quiet: plan.quiet, flag: flags.progress })
        ? createProgress(io.stderr)
        : undefined;
    let output: EngineResult;
    try {
        output = await engine.scanTerraform(plan.paths, {
            cwd: io.cwd,
            ...(plan.planFile ? { plan: plan.planFile } : {}),
            varFiles: plan.varFiles,
            vars: plan.vars,
            env: io.env,
            controls: plan.controls,
            settings: plan.settings,
            concurrency: plan.concurrency,
            ...(plan.downloadModules ? { downloadModules: { ...plan.downloadModules, env: io.env } } : {}),
            ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
        });
    } finally {
        progress?.stop();
    }
    if (!plan.planFile) {
        const cfn = deps.cloudformation ?? (deps.engine ? undefined : await loadCloudFormationEngine());
        if (cfn) output = mergeResults(output, await cfn.scanCloudFormation(plan.paths, { cwd: io.cwd, parameters: plan.cfnParameters ?? {}, parameterFiles: plan.cfnParameterFiles ?? [], ...(plan.region ? { region: plan.region } : {}), controls: plan.controls, settings: plan.settings }));
    }

    const sources = readSources(output, io.cwd);
    const today = deps.today?.() ?? new Date(now()).toISOString().slice(0, 10);
    const assemble = (baseline: Baseline | undefined) =>
        assembleResult({
            output,
            sources,
            controls: plan.controls,
            catalog: allControls,
            ...(baseline ? { baseline } : {}),
            includeUnknown: plan.includeUnknown,
            peerComments: plan.peerComments,
            unused: plan.unused,
            today,
            baseDir: io.cwd,
            roots: plan.paths,
            tool: { name: "mlguard", version: packageVersion() },
            durationMs: output.stats.durationMs ?? now() - started,
            ...(plan.planFile ? { planFile: plan.planFile } : {}),
        });
    let assembled = assemble(previous);
    if (plan.baseline?.update) {
        const roots = plan.paths.map((p) => path.resolve(io.cwd, p));
        const covers = (file: string) => {
            const abs = path.resolve(io.cwd, file);
            return roots.some((r) => abs === r || abs.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
        };
        const current = assembled.baselineCandidates.map((f) => baselineEntry(f, f.location.kind === "file" ? displayPath(f.location.file, io.cwd) : ""));
        const next = updateBaseline(previous, current, { controls: new Set(plan.controls.map((c: AnyControl) => c.id)), covers });
        writeFile(plan.baseline.file, serializeBaseline(next));
        io.stderr.write(`mlguard: wrote ${next.entries.length} entries to ${displayPath(plan.baseline.file, io.cwd)}\n`);
        assembled = assemble(next);
    }
    const result = assembled.result;
    // Pointing a gate at the wrong directory must not pass green (as ESLint does with no files).
    const exitPlan: ExitPlan = { ...plan, ...(output.stats.files === 0 && !plan.planFile ? { noFiles: { paths: plan.paths } } : {}) };
    const stopped = stopReasons(result, exitPlan);
    if (stopped.length > 0) result.stopped = stopped;

    const stdoutColor = shouldUseColor({ flag: flags.color, env: io.env, isTTY: io.stdout.isTTY === true });
    let humanOnStdout = false;
    for (const out of plan.outputs) {
        const text = reporters[out.format](result, plan.controls, { color: out.file === undefined && stdoutColor, includeSuppressed: plan.includeSuppressed, verbose: plan.verbose });
        if (out.file) {
            try {
                writeFile(out.file, text);
            } catch (err) {
                io.stderr.write(`mlguard: cannot write --format ${out.format} output to ${out.file}: ${(err as Error).message}\n`);
                return 2;
            }
        } else {
            if (out.format === "pretty" || out.format === "github") humanOnStdout = true;
            const quietClean = plan.quiet && out.format === "pretty" && result.findings.length === 0 && !result.diagnostics.some((d) => d.severity !== "info") && result.notices.length === 0 && !result.stopped && result.unscannedModules.length === 0;
            if (!quietClean) io.stdout.write(text);
        }
        if (out.format === "github" && io.env.GITHUB_STEP_SUMMARY) {
            try {
                fs.appendFileSync(io.env.GITHUB_STEP_SUMMARY, formatMarkdown(result, plan.controls, { maxBytes: STEP_SUMMARY_LIMIT - 1024 }));
            } catch (err) {
                io.stderr.write(`mlguard: cannot append the job summary to $GITHUB_STEP_SUMMARY: ${(err as Error).message}\n`);
            }
        }
    }
    if (!humanOnStdout && !plan.quiet) io.stderr.write(summaryLine(result) + "\n");
    if (exitPlan.noFiles) io.stderr.write(`mlguard: no Terraform files (.tf, .tf.json) or CloudFormation templates in ${plan.paths.join(", ")}; nothing was scanned\n`);
    return exitCodeFor(result, exitPlan);
}
