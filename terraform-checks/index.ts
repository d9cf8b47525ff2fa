/**
 * The Terraform front-end: scans HCL directories (parse, evaluate, adapt into the neutral resource
 * view, run the catalog) and `terraform show -json` plans. This is the contract `mlguard scan`
 * uses as is (`cli/engine.ts` only re-exports these types).
 */
export { scanTerraform, scanTerraformSources, workerCount } from "./scanner";
export type { FileRange, ModuleCallSite, ResourceBlock, ScanOptions, ScanResult, ScanStats, TerraformFinding, UnscannedModule } from "./scanner";
export type { Diagnostic, DiagnosticPhase } from "./diagnostics";
