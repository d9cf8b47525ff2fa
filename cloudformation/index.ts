/**
 * The CloudFormation front-end: CloudFormation templates (YAML and JSON), CDK output and nested
 * stacks, read into the neutral resource view through the tables in `catalog/cloudformation/`.
 * `mlguard scan` uses this contract; results have the Terraform engine's shape.
 */
export { scanCloudFormation, scanCloudFormationSources, parseParameterFile } from "./scanner";
export type { CfnScanOptions } from "./scanner";
