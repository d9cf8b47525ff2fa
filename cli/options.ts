/**
 * Turns `mlguard scan` flags and the config file into a validated plan. Command-line flags win over
 * the config file, which wins over defaults. Every problem is a `UsageError` naming the flag (exit 2).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnyControl } from "../catalog/control";
import { SEVERITIES, type Severity, severityRank } from "../catalog/model";
import type { ControlSettings } from "../catalog/run";
import { DEFAULT_BASELINE_FILE } from "./baseline";
import type { Config, RuleConfig } from "./config";
import { globToRegExp, isGlob } from "./globs";
import { UsageError } from "./errors";
import { FORMAT_NAMES, type FormatName } from "./report";
import { AliasIndex } from "./suppressions";

export { UsageError };

export const FAIL_ON_VALUES = ["critical", "high", "medium", "low", "none"] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

/** Flags of `mlguard scan` as commander hands them over. */
export interface ScanFlags {
    plan?: string;
    varFile: string[];
    var: string[];
    format: string[];
    output?: string;
    failOn?: string;
    minSeverity?: string;
    rule: string[];
    skipRule: string[];
    tag: string[];
    includeUnknown?: boolean;
    includeSuppressed?: boolean;
    baseline?: string;
    updateBaseline?: boolean;
    config?: string | false;
    concurrency?: string;
    color?: boolean;
    progress?: boolean;
    quiet?: boolean;
    verbose?: boolean;
    allowParseErrors?: boolean;
    /** CloudFormation `--parameter NAME=VALUE` values. */
    parameter?: string[];
    /** CloudFormation parameters files. */
    parametersFile?: string[];
    /** The region CloudFormation templates deploy to (`AWS::Region`). */
    region?: string;
    strictModules?: boolean;
    /** `true` for `--download-modules` alone, or its directory. */
    downloadModules?: boolean | string;
    registryHost?: string;
}

export interface OutputSpec {
    format: FormatName;
    /** Absolute path, or undefined for standard output. */
    file?: string;
}

/** Everything the scan command needs, validated. */
export interface ScanPlan {
    paths: string[];
    planFile?: string;
    varFiles: string[];
    /** `--var NAME=VALUE` values; a later flag for the same name wins, as in Terraform. */
    vars: Record<string, string>;
    outputs: OutputSpec[];
    failOn: FailOn;
    /** The controls to run, with config severity overrides applied. */
    controls: AnyControl[];
    settings: Record<string, ControlSettings>;
    includeUnknown: boolean;
    includeSuppressed: boolean;
    baseline?: { file: string; update: boolean; exists: boolean };
    /** Worker threads, or `"auto"` (the engine picks: at most the cores, none for a small scan). */
    concurrency: number | "auto";
    peerComments: boolean;
    unused: "warn" | "error" | "off";
    allowParseErrors: boolean;
    /** Exit 2 when a module call was not scanned. */
    strictModules: boolean;
    /** Download remote modules (`--download-modules [dir]`): the cache directory (absolute; default under the scan root) and the registry host. */
    downloadModules?: { cacheDir?: string; registryHost?: string };
    quiet: boolean;
    /** Show `info` diagnostics in human output. */
    verbose: boolean;
    /** CloudFormation parameters (`--parameter`) and parameters files (absolute paths). */
    cfnParameters?: Record<string, string>;
    cfnParameterFiles?: string[];
    region?: string;
}

function checkSeverity(flag: string, value: string | undefined, allowNone: boolean): Severity | "none" | undefined {
    if (value === undefined) return undefined;
    const allowed: readonly string[] = allowNone ? FAIL_ON_VALUES : SEVERITIES;
    if (!allowed.includes(value)) throw new UsageError(`${flag}: expected one of ${allowed.join(", ")}, got "${value}"`);
    return value as Severity | "none";
}

/**
 * Parses `--concurrency`: `auto` (the default; the engine uses at most the machine's cores less one,
 * capped at 8, and stays in-process on 2 cores or when there are too few root modules to pay for
 * worker start-up) or a
 * whole number from 1 to 64.
 */
export function parseConcurrency(value: string | number | undefined, flag = "--concurrency"): number | "auto" {
    if (value === undefined || value === "auto") return "auto";
    const n = typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`${flag}: expected "auto" or a whole number from 1 to 64, got "${value}"`);
    return n;
}

/** Parses `--format name[=FILE]` values and decides where each goes; two outputs may not share a destination. */
export function parseOutputs(formats: readonly string[], output: string | undefined, cwd: string, flag = "--format"): OutputSpec[] {
    const specs: OutputSpec[] = [];
    const list = formats.length > 0 ? formats : ["pretty"];
    for (const entry of list) {
        const eq = entry.indexOf("=");
        const name = eq < 0 ? entry : entry.slice(0, eq);
        const file = eq < 0 ? undefined : entry.slice(eq + 1);
        if (!(FORMAT_NAMES as readonly string[]).includes(name)) {
            throw new UsageError(`${flag}: unknown format "${name}"; expected ${FORMAT_NAMES.join(", ")} (optionally =FILE)`);
        }
        if (file === "") throw new UsageError(`${flag}: "${entry}" names no file after "="`);
        const target = file ?? output;
        specs.push({ format: name as FormatName, ...(target ? { file: path.resolve(cwd, target) } : {}) });
    }
    const seen = new Map<string, FormatName>();
    for (const s of specs) {
        const key = s.file ?? "<stdout>";
        const other = seen.get(key);
        if (other !== undefined) {
            const where = s.file ? path.relative(cwd, s.file) || s.file : "standard output";
            throw new UsageError(`${flag}: ${other} and ${s.format} would both write to ${where}; give each its own file, e.g. --format ${s.format}=mlguard.${s.format === "sarif" ? "sarif" : s.format === "junit" ? "xml" : s.format === "markdown" ? "md" : s.format === "json" ? "json" : "txt"}`);
        }
        seen.set(key, s.format);
    }
    return specs;
}

/** Parses `--var NAME=VALUE` flags; a later value for the same name wins, as in Terraform. */
export function parseVars(values: readonly string[]): Record<string, string> {
    const vars: Record<string, string> = {};
    for (const v of values) {
        const eq = v.indexOf("=");
        const name = eq < 0 ? v : v.slice(0, eq);
        if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new UsageError(`--var: expected NAME=VALUE with a Terraform variable name, got "${v}"`);
        vars[name] = v.slice(eq + 1);
    }
    return vars;
}

/** Parses CloudFormation `--parameter NAME=VALUE` flags; a later value for the same name wins. */
export function parseParameters(values: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const v of values) {
        const eq = v.indexOf("=");
        const name = eq < 0 ? v : v.slice(0, eq);
        if (eq < 0 || !/^[A-Za-z0-9]+$/.test(name)) throw new UsageError(`--parameter: expected NAME=VALUE with a CloudFormation parameter name, got "${v}"`);
        out[name] = v.slice(eq + 1);
    }
    return out;
}

function mergeRule(a: RuleConfig | undefined, b: RuleConfig): RuleConfig {
    return { ...a, ...b, options: { ...a?.options, ...b.options }, exemptions: [...(a?.exemptions ?? []), ...(b.exemptions ?? [])] };
}

/** The effective per-control config: glob keys first (in file order), then the exact id. */
export function ruleConfigFor(id: string, rules: Readonly<Record<string, RuleConfig>>): RuleConfig | undefined {
    let merged: RuleConfig | undefined;
    for (const [key, value] of Object.entries(rules)) if (isGlob(key) && globToRegExp(key).test(id)) merged = mergeRule(merged, value);
    if (rules[id]) merged = mergeRule(merged, rules[id]);
    return merged;
}

/** Selects controls by `--rule`, `--skip-rule`, `--tag` and minimum severity; each selector must match something. */
export function selectByFlags(
    all: readonly AnyControl[],
    flags: { rule: readonly string[]; skipRule: readonly string[]; tag: readonly string[]; minSeverity?: Severity },
    disabled: ReadonlySet<string>,
): AnyControl[] {
    const aliases = new AliasIndex(all);
    const matcher = (flag: string, selector: string): Set<string> => {
        const ids = isGlob(selector) ? all.filter((c) => globToRegExp(selector).test(c.id)).map((c) => c.id) : aliases.resolveAny(selector);
        if (ids.length === 0) throw new UsageError(`${flag}: "${selector}" matches no control; \`mlguard rules\` lists them`);
        return new Set(ids);
    };
    let selected = [...all];
    if (flags.rule.length > 0) {
        const wanted = new Set(flags.rule.flatMap((r) => [...matcher("--rule", r)]));
        selected = selected.filter((c) => wanted.has(c.id));
    } else {
        selected = selected.filter((c) => !disabled.has(c.id));
    }
    for (const s of flags.skipRule) {
        const skip = matcher("--skip-rule", s);
        selected = selected.filter((c) => !skip.has(c.id));
    }
    if (flags.tag.length > 0) {
        const res = flags.tag.map((t) => {
            const re = globToRegExp(t);
            if (!all.some((c) => c.tags.some((x) => re.test(x)))) throw new UsageError(`--tag: "${t}" matches no control's tags`);
            return re;
        });
        selected = selected.filter((c) => c.tags.some((x) => res.some((re) => re.test(x))));
    }
    if (flags.minSeverity) selected = selected.filter((c) => severityRank(c.severity) >= severityRank(flags.minSeverity!));
    return selected;
}

/** `--download-modules [dir]` and `--registry-host` over the config's `downloadModules` and `registryHost`. */
function downloadPlan(flags: ScanFlags, config: Config, cwd: string): Pick<ScanPlan, "downloadModules"> {
    const wanted = flags.downloadModules ?? config.downloadModules;
    const registryHost = flags.registryHost ?? config.registryHost;
    if (registryHost !== undefined && !/^[A-Za-z0-9.-]+(:\d+)?$/.test(registryHost)) throw new UsageError(`--registry-host: expected a host name (optionally :port), got "${registryHost}"`);
    if (!wanted) return {};
    return { downloadModules: { ...(typeof wanted === "string" ? { cacheDir: path.resolve(cwd, wanted) } : {}), ...(registryHost ? { registryHost } : {}) } };
}

/** Validates flags and config against the catalog and the file system; throws `UsageError`. */
export function planScan(paths: readonly string[], flags: ScanFlags, config: Config, catalog: readonly AnyControl[], cwd: string): ScanPlan {
    const failOn = (checkSeverity("--fail-on", flags.failOn, true) ?? config.failOn ?? "high") as FailOn;
    const minSeverity = (checkSeverity("--min-severity", flags.minSeverity, false) ?? config.minSeverity) as Severity | undefined;
    const concurrency = parseConcurrency(flags.concurrency ?? config.concurrency);
    const vars = parseVars(flags.var);
    const outputs = parseOutputs(flags.format.length > 0 ? flags.format : config.formats, flags.output, cwd);

    const roots = paths.length > 0 ? [...paths] : ["."];
    for (const p of roots) if (!fs.existsSync(path.resolve(cwd, p))) throw new UsageError(`path not found: ${p}`);
    const mustExist = (flag: string, file: string) => {
        if (!fs.existsSync(path.resolve(cwd, file))) throw new UsageError(`${flag}: file not found: ${file}`);
        return path.resolve(cwd, file);
    };
    const planFile = flags.plan !== undefined ? mustExist("--plan", flags.plan) : undefined;
    const varFiles = [...config.varFiles.map((f) => mustExist("varFiles (config)", f)), ...flags.varFile.map((f) => mustExist("--var-file", f))];

    // Effective controls: config severity overrides applied before selection, so --min-severity and --fail-on see them.
    const disabled = new Set<string>();
    const effective = catalog.map((c) => {
        const rc = ruleConfigFor(c.id, config.rules);
        if (rc?.enabled === false) disabled.add(c.id);
        return rc?.severity && rc.severity !== c.severity ? { ...c, severity: rc.severity } : c;
    });
    const tags = flags.tag.length > 0 ? flags.tag : (config.tags ?? []);
    const controls = selectByFlags(effective, { rule: flags.rule, skipRule: flags.skipRule, tag: tags, minSeverity }, disabled);
    if (controls.length === 0) throw new UsageError("no control is selected: check --rule, --skip-rule, --tag, --min-severity and the rules in the config file");

    const settings: Record<string, ControlSettings> = {};
    for (const c of controls) {
        const rc = ruleConfigFor(c.id, config.rules);
        if (rc && (rc.options || rc.exemptions)) settings[c.id] = { ...rc.options, ...(rc.exemptions?.length ? { exemptions: rc.exemptions } : {}) };
    }

    let baseline: ScanPlan["baseline"];
    const baselineFile = flags.baseline ?? config.baseline ?? (flags.updateBaseline ? DEFAULT_BASELINE_FILE : undefined);
    if (baselineFile !== undefined) {
        const file = path.resolve(cwd, baselineFile);
        const exists = fs.existsSync(file);
        if (!exists && !flags.updateBaseline) throw new UsageError(`--baseline: file not found: ${baselineFile} (create it with --update-baseline)`);
        baseline = { file, update: flags.updateBaseline === true, exists };
    }

    return {
        paths: roots,
        ...(planFile ? { planFile } : {}),
        varFiles,
        vars,
        outputs,
        failOn,
        controls,
        settings,
        includeUnknown: flags.includeUnknown ?? config.includeUnknown ?? false,
        includeSuppressed: flags.includeSuppressed === true,
        ...(baseline ? { baseline } : {}),
        concurrency,
        peerComments: config.suppressions.peerComments,
        unused: config.suppressions.unused,
        allowParseErrors: flags.allowParseErrors === true,
        strictModules: flags.strictModules ?? config.strictModules ?? false,
        ...downloadPlan(flags, config, cwd),
        quiet: flags.quiet === true,
        verbose: flags.verbose === true,
        cfnParameters: parseParameters(flags.parameter ?? []),
        cfnParameterFiles: (flags.parametersFile ?? []).map((f) => mustExist("--parameters-file", f)),
        ...(flags.region ? { region: flags.region } : {}),
    };
}
