/**
 * The Terraform front-end: scans HCL directories (parse, evaluate, adapt into the neutral resource
 * view, run the catalog) and `terraform show -json` plans.
 */
export { scanTerraform, scanTerraformSources } from "./scanner";
export type { ScanOptions, ScanResult, ScanStats, TerraformFinding } from "./scanner";
export type { Diagnostic } from "./diagnostics";
