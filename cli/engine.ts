import * as path from "node:path";
import type { AnyControl } from "../catalog/control";
import type { Finding, Position } from "../catalog/model";
import type { ControlSettings } from "../catalog/run";

/** A span in one source file; `end` is exclusive, columns are 1-based code points (as hashicorp/hcl reports them). */
export interface FileRange {
    file: string;
    start: Position;
    end: Position;
}

/** A positioned problem met while reading or evaluating the configuration (not a control result). */
export interface Diagnostic {
    severity: "error" | "warning";
    summary: string;
    detail?: string;
    file: string;
    /** Absent when the problem concerns the whole file (e.g. it cannot be read). */
    range?: { start: Position; end: Position };
}

/** A `module` block on the way from the root module to a resource, e.g. `module.ml["a"]`. */
export interface ModuleCallSite {
    /** The call's address segment with its instance key: `module.ml` or `module.ml["a"]`. */
    address: string;
    /** The whole `module "…" { … }` block in the calling module's file. */
    range: FileRange;
}

/**
 * Where a finding's resource is written. The engine supplies it so that suppressions can be
 * matched to a resource block or to a module call, and module findings can show their call chain.
 */
export interface ResourceBlock {
    /** Directory of the root module the resource was evaluated in (relative to the working directory). */
    rootModule: string;
    /** The whole `resource "…" "…" { … }` block. */
    range: FileRange;
    /** Module calls from the root module down to the resource, outermost first; empty at the root. */
    moduleCalls: ModuleCallSite[];
}

/** A finding as the engine returns it: the catalog's finding plus where its resource block is. */
export interface EngineFinding extends Finding {
    resourceBlock?: ResourceBlock;
}

/** What the scan command asks of the engine. */
export interface EngineOptions {
    /** `terraform show -json` output to scan (locations are mapped back to the HCL when possible). */
    planFile?: string;
    varFiles: string[];
    /** `--var NAME=VALUE`, in command-line order (later wins, as in Terraform). */
    vars: Array<{ name: string; value: string }>;
    /** The controls to run, with configured severity overrides already applied. */
    controls: AnyControl[];
    /** Per-control options and exemptions from the config file. */
    settings: Record<string, ControlSettings>;
    /** Worker threads to use; 1 means in-process. */
    concurrency: number;
    /** Called as files are processed, for the progress bar. */
    onProgress?: (done: number, total: number) => void;
}

/** Counters the engine reports about a scan. */
export interface EngineStats {
    files: number;
    resources: number;
    durationMs?: number;
}

/** The engine's answer: every result (all statuses), the diagnostics, and what it read. */
export interface ScanEngineOutput {
    findings: EngineFinding[];
    diagnostics: Diagnostic[];
    stats: EngineStats;
    /** Every Terraform file read (for unused-suppression reporting); defaults to the findings' files. */
    files?: string[];
    /** The files' text, when the engine still holds it; the command reads files it lacks. */
    sources?: ReadonlyMap<string, string>;
}

/** The Terraform engine's public API as the CLI uses it (`terraform-checks/index.ts`). */
export interface ScanEngine {
    scanTerraform(paths: string[], options: EngineOptions): Promise<ScanEngineOutput>;
}

/** Raised when this build has no Terraform engine; the command reports it and exits 2. */
export class EngineUnavailableError extends Error {
    constructor(detail: string) {
        super(`the Terraform engine is not available in this build (${detail})`);
        this.name = "EngineUnavailableError";
    }
}

/**
 * Loads the Terraform engine lazily, so `mlguard --version`, `rules` and `explain` never pay for it.
 * The path is computed so that this file compiles whether or not `terraform-checks/index.ts` exists yet.
 */
export function loadEngine(dir: string = path.join(__dirname, "..", "terraform-checks")): ScanEngine {
    let mod: unknown;
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        mod = require(dir);
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "MODULE_NOT_FOUND" && String((err as Error).message).includes(dir)) {
            throw new EngineUnavailableError("terraform-checks is not part of it");
        }
        throw err;
    }
    const scanTerraform = (mod as { scanTerraform?: unknown }).scanTerraform;
    if (typeof scanTerraform !== "function") {
        throw new EngineUnavailableError("terraform-checks does not export scanTerraform");
    }
    return { scanTerraform: scanTerraform as ScanEngine["scanTerraform"] };
}
