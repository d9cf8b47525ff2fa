/**
 * The Terraform engine as the CLI uses it: `terraform-checks/index.ts`, loaded lazily so that
 * `mlguard --version`, `rules` and `explain` never pay for it. The CLI speaks the engine's own
 * contract; these are its types, re-exported for the CLI's modules.
 */
import type { ScanOptions, ScanResult } from "../terraform-checks";

export type { Diagnostic, DiagnosticPhase, FileRange, ModuleCallSite, ResourceBlock, ScanOptions, ScanResult, TerraformFinding, UnscannedModule } from "../terraform-checks";

/** The engine's public API: `scanTerraform(paths, options)`. */
export interface ScanEngine {
    scanTerraform(paths: string[], options: ScanOptions): Promise<ScanResult>;
}

/** The CloudFormation front-end as the CLI uses it: same result shape as the Terraform engine. */
export interface CloudFormationEngine {
    scanCloudFormation(paths: string[], options: import("../cloudformation").CfnScanOptions): Promise<ScanResult>;
}

/** Imports the CloudFormation front-end (on first use only). */
export async function loadCloudFormationEngine(): Promise<CloudFormationEngine> {
    return import("../cloudformation");
}

/** Imports the Terraform engine (on first use only). */
export async function loadEngine(): Promise<ScanEngine> {
    return import("../terraform-checks");
}
