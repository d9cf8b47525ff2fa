/**
 * A fixed, synthetic scan used by the reporter, pipeline and command tests: findings from several
 * controls, files and module instances, suppressions of every kind, diagnostics, unicode, and
 * characters that need escaping in every output format.
 */
import type { AnyControl } from "../../catalog/control";
import { allControls } from "../../catalog/controls";
import type { Severity } from "../../catalog/model";
import type { Diagnostic, ScanResult as EngineResult, ModuleCallSite, ResourceBlock, ScanStats, TerraformFinding } from "../../terraform-checks";
import { type AssembleInput, assembleResult } from "../../cli/pipeline";
import type { ScanResult } from "../../cli/result";

export const BASE_DIR = "/repo";

export const SOURCES: Record<string, string> = {
    "envs/prod/main.tf": [
        'module "ml" {',
        '  source   = "../../modules/notebook"',
        '  for_each = toset(["a", "b"])',
        "}",
        "",
        '# mlguard:ignore aws-s3-object-lock-enabled reason="migration to locked buckets" expires=2020-01-31',
        'resource "aws_s3_bucket" "données" {',
        '  bucket = "ml-artifacts-🚀"',
        "}",
        "",
        '# mlguard:ignore aws-kms-key-rotation reason="Key is rotated by the \\"security\\" team | see SEC-12"',
        'resource "aws_kms_key" "k" {',
        '  description = "<ml> & \\"keys\\""',
        "}",
        "",
        '# mlguard:ignore aws-s3-kms-encrypted reason="logs are not ML data"',
        'resource "aws_s3_bucket" "logs" {',
        '  bucket = "logs"',
        "}",
        "",
    ].join("\n"),
    "envs/prod/iam.tf": [
        "// mlguard:ignore aws-iam-no-admin-wildcard",
        'resource "aws_iam_policy" "admin" {',
        "  policy = jsonencode({",
        '    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]',
        "  })",
        "}",
        "",
    ].join("\n"),
    "modules/notebook/main.tf": [
        'resource "aws_sagemaker_notebook_instance" "this" {',
        '  name                   = "nb-${each.key}"',
        '  instance_type          = "ml.t3.medium"',
        "  direct_internet_access = var.internet_access",
        '  root_access            = "Enabled" # checkov:skip=CKV_AWS_307:Root needed for CUDA drivers',
        "}",
        "",
    ].join("\n"),
    "modules/notebook/variables.tf": ['variable "internet_access" {', "  type    = string", '  default = "Enabled"', "}", ""].join("\n"),
    "envs/prod/broken.tf": ['resource "aws_s3_bucket" "x" {', "  bucket = ", "}", ""].join("\n"),
};

/** Severity overrides as a config file would set them, so the fixture spans every severity. */
export const SEVERITY_OVERRIDES: Record<string, Severity> = {
    "aws-iam-no-admin-wildcard": "critical",
    "aws-s3-object-lock-enabled": "medium",
    "aws-sagemaker-notebook-kms-encrypted": "low",
};

/** The controls that "ran": a fixed set, so the golden files change only when these controls' metadata does. */
export const CONTROL_IDS = [
    "aws-sagemaker-notebook-no-direct-internet",
    "aws-sagemaker-notebook-in-vpc",
    "aws-sagemaker-notebook-no-root-access",
    "aws-sagemaker-notebook-kms-encrypted",
    "aws-s3-object-lock-enabled",
    "aws-s3-kms-encrypted",
    "aws-kms-key-rotation",
    "aws-iam-no-admin-wildcard",
];

export const CONTROLS: AnyControl[] = CONTROL_IDS.map((id) => {
    const c = allControls.find((x) => x.id === id);
    if (!c) throw new Error(`fixture control ${id} is not in the catalog`);
    return SEVERITY_OVERRIDES[id] ? { ...c, severity: SEVERITY_OVERRIDES[id] } : c;
});

function pos(line: number, column: number) {
    return { line, column, offset: 0 };
}

function range(file: string, l1: number, c1: number, l2: number, c2: number) {
    return { file, start: pos(l1, c1), end: pos(l2, c2) };
}

function at(file: string, l1: number, c1: number, l2: number, c2: number) {
    return { kind: "file" as const, ...range(file, l1, c1, l2, c2) };
}

const moduleCall = (key: string): ModuleCallSite => ({ address: `module.ml["${key}"]`, range: range("envs/prod/main.tf", 1, 1, 4, 2) });

const notebookBlock = (key: string): ResourceBlock => ({
    rootModule: "envs/prod",
    range: range("modules/notebook/main.tf", 1, 1, 6, 2),
    moduleCalls: [moduleCall(key)],
});

const rootBlock = (file: string, l1: number, l2: number): ResourceBlock => ({ rootModule: "envs/prod", range: range(file, l1, 1, l2, 2), moduleCalls: [] });

const NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance";
const BUCKET = "aws:s3/bucketV2:BucketV2";

function finding(partial: Omit<TerraformFinding, "severity" | "frontEnd">): TerraformFinding {
    return { severity: "high", frontEnd: "terraform", ...partial };
}

export const FINDINGS: TerraformFinding[] = [
    ...["a", "b"].flatMap((key): TerraformFinding[] => [
        finding({
            controlId: "aws-sagemaker-notebook-no-direct-internet",
            status: "fail",
            message: 'Direct internet access is "Enabled"; it must be "Disabled".',
            path: "directInternetAccess",
            location: at("modules/notebook/main.tf", 4, 3, 4, 47),
            evidence: { state: "explicit", value: "Enabled", origin: { description: "var.internet_access default", location: at("modules/notebook/variables.tf", 3, 13, 3, 22) } },
            resourceId: `module.ml["${key}"].aws_sagemaker_notebook_instance.this`,
            resourceType: NOTEBOOK,
            resourceName: "this",
            resourceBlock: notebookBlock(key),
        }),
        finding({
            controlId: "aws-sagemaker-notebook-no-root-access",
            status: "fail",
            message: 'Root access is "Enabled"; it must be "Disabled".',
            path: "rootAccess",
            location: at("modules/notebook/main.tf", 5, 3, 5, 37),
            evidence: { state: "explicit", value: "Enabled" },
            resourceId: `module.ml["${key}"].aws_sagemaker_notebook_instance.this`,
            resourceType: NOTEBOOK,
            resourceName: "this",
            resourceBlock: notebookBlock(key),
        }),
    ]),
    finding({
        controlId: "aws-sagemaker-notebook-kms-encrypted",
        status: "fail",
        message: "The notebook's ML storage volume is not encrypted with a customer-managed KMS key (kms_key_id is not set).",
        path: "kmsKeyId",
        location: at("modules/notebook/main.tf", 1, 1, 1, 52),
        evidence: { state: "default" },
        resourceId: 'module.ml["a"].aws_sagemaker_notebook_instance.this',
        resourceType: NOTEBOOK,
        resourceName: "this",
        resourceBlock: notebookBlock("a"),
    }),
    finding({
        controlId: "aws-sagemaker-notebook-in-vpc",
        status: "unknown",
        message: "The subnet comes from a data source, so it cannot be verified before apply.",
        path: "subnetId",
        location: at("modules/notebook/main.tf", 1, 1, 1, 52),
        evidence: { state: "unknown" },
        resourceId: 'module.ml["b"].aws_sagemaker_notebook_instance.this',
        resourceType: NOTEBOOK,
        resourceName: "this",
        resourceBlock: notebookBlock("b"),
    }),
    finding({
        controlId: "aws-s3-object-lock-enabled",
        status: "fail",
        message: 'Object Lock is not enabled on "ml-artifacts-🚀" | <b>versions can be overwritten</b>.',
        path: "objectLockEnabled",
        location: at("envs/prod/main.tf", 7, 1, 7, 37),
        evidence: { state: "default", value: false },
        resourceId: "aws_s3_bucket.données",
        resourceType: BUCKET,
        resourceName: "données",
        resourceBlock: rootBlock("envs/prod/main.tf", 7, 9),
    }),
    finding({
        controlId: "aws-s3-kms-encrypted",
        status: "error",
        message: "The check failed on this resource: Cannot read properties of undefined (reading 'rules')",
        location: at("envs/prod/main.tf", 7, 1, 7, 37),
        resourceId: "aws_s3_bucket.données",
        resourceType: BUCKET,
        resourceName: "données",
        resourceBlock: rootBlock("envs/prod/main.tf", 7, 9),
    }),
    finding({
        controlId: "aws-kms-key-rotation",
        status: "fail",
        message: "Automatic key rotation is not enabled (enable_key_rotation defaults to false).",
        path: "enableKeyRotation",
        location: at("envs/prod/main.tf", 12, 1, 12, 28),
        evidence: { state: "default", value: false },
        resourceId: "aws_kms_key.k",
        resourceType: "aws:kms/key:Key",
        resourceName: "k",
        resourceBlock: rootBlock("envs/prod/main.tf", 12, 14),
    }),
    finding({
        controlId: "aws-s3-kms-encrypted",
        status: "pass",
        message: "SSE-KMS with a customer-managed key.",
        location: at("envs/prod/main.tf", 17, 1, 17, 33),
        resourceId: "aws_s3_bucket.logs",
        resourceType: BUCKET,
        resourceName: "logs",
        resourceBlock: rootBlock("envs/prod/main.tf", 17, 19),
    }),
    finding({
        controlId: "aws-iam-no-admin-wildcard",
        status: "fail",
        message: 'Statement 0 allows "*" on "*": 100% admin, everywhere.\n::warning::forged',
        path: "policy",
        location: at("envs/prod/iam.tf", 3, 3, 5, 5),
        evidence: { state: "explicit", value: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
        resourceId: "aws_iam_policy.admin",
        resourceType: "aws:iam/policy:Policy",
        resourceName: "admin",
        resourceBlock: rootBlock("envs/prod/iam.tf", 2, 6),
    }),
    finding({
        controlId: "aws-kms-key-rotation",
        status: "not-applicable",
        message: "Asymmetric keys cannot rotate.",
        location: at("envs/prod/main.tf", 12, 1, 12, 28),
        resourceId: "aws_kms_key.other",
        resourceType: "aws:kms/key:Key",
        resourceName: "other",
        resourceBlock: rootBlock("envs/prod/main.tf", 12, 14),
    }),
];

export const DIAGNOSTICS: Diagnostic[] = [
    {
        severity: "error",
        summary: "Invalid expression",
        detail: "Expected the start of an expression, but found the end of the line.",
        file: "envs/prod/broken.tf",
        range: { start: pos(2, 12), end: pos(2, 13) },
        phase: "parse",
    },
    { severity: "warning", summary: 'No value for required variable "region"', file: "envs/prod/main.tf", range: { start: pos(1, 1), end: pos(1, 1) }, phase: "evaluate" },
];

/** Engine counters with the ones the CLI shows set and the timings zero. */
export function engineStats(files: number, resources: number, durationMs = 0): ScanStats {
    return { files, resources, durationMs, bytes: 0, modules: 1, parseMs: 0, evalMs: 0, checkMs: 0 };
}

export function engineOutput(overrides: Partial<EngineResult> = {}): EngineResult {
    return {
        findings: FINDINGS,
        diagnostics: DIAGNOSTICS,
        stats: engineStats(5, 7, 1234),
        files: Object.keys(SOURCES),
        ...overrides,
    };
}

export function assembleInput(overrides: Partial<AssembleInput> = {}): AssembleInput {
    return {
        output: engineOutput(),
        sources: new Map(Object.entries(SOURCES)),
        controls: CONTROLS,
        catalog: allControls,
        includeUnknown: true,
        peerComments: true,
        unused: "warn",
        today: "2026-06-01",
        baseDir: BASE_DIR,
        roots: ["envs/prod"],
        tool: { name: "mlguard", version: "0.1.0" },
        durationMs: 1234,
        ...overrides,
    };
}

/** The fixed scan result the golden files are made from. */
export function fixtureResult(overrides: Partial<AssembleInput> = {}): ScanResult {
    return assembleResult(assembleInput(overrides)).result;
}
