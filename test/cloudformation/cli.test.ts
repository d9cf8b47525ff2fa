/**
 * `mlguard scan` on the CloudFormation examples, end to end through the built binary: findings at
 * the template lines, CDK construct paths, Metadata suppressions, parameters, reports.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../support/temp-dir";

const REPO = path.resolve(__dirname, "..", "..", "..");
const BIN = path.join(REPO, "dist", "cli", "main.js");

function mlguard(args: string[], cwd = REPO): { code: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
    ruleId: string;
    status: string;
    location: { file: string; startLine: number };
    resource: { id: string; name?: string };
    suppression?: { kind: string; reason: string };
}

function findings(stdout: string): JsonFinding[] {
    return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

describe("mlguard scan on CloudFormation", () => {
    it("finds the insecure example's findings at their template lines and exits 1", () => {
        const r = mlguard(["scan", "examples/cloudformation/sagemaker-insecure", "-f", "json", "--no-config"]);
        assert.equal(r.code, 1, r.stderr);
        const got = findings(r.stdout).map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine}`).sort();
        const file = "examples/cloudformation/sagemaker-insecure/template.yaml";
        // The bucket is in the S3 controls' scope through its ml-data-class tag; the VPC lacks all five endpoints SageMaker needs.
        assert.deepEqual(got, [
            `aws-iam-no-admin-wildcard ${file}:70`,
            `aws-iam-no-kms-decrypt-all-keys ${file}:70`,
            `aws-iam-no-privilege-escalation ${file}:70`,
            `aws-iam-passrole-scoped ${file}:70`,
            `aws-iam-sagemaker-trust-restricted ${file}:62`,
            `aws-kms-key-rotation ${file}:99`,
            `aws-ml-subnet-private-route ${file}:41`,
            `aws-s3-kms-encrypted ${file}:93`,
            `aws-s3-object-lock-enabled ${file}:84`,
            `aws-s3-object-lock-retention ${file}:84`,
            `aws-s3-public-access-blocked ${file}:84`,
            `aws-s3-tls-only-policy ${file}:84`,
            `aws-s3-versioning-enabled ${file}:84`,
            `aws-sagemaker-notebook-imdsv2 ${file}:73`,
            `aws-sagemaker-notebook-kms-encrypted ${file}:73`,
            `aws-sagemaker-notebook-no-direct-internet ${file}:81`,
            `aws-sagemaker-notebook-no-root-access ${file}:82`,
            `aws-vpc-endpoints-for-ml ${file}:11`,
            `aws-vpc-endpoints-for-ml ${file}:11`,
            `aws-vpc-endpoints-for-ml ${file}:11`,
            `aws-vpc-endpoints-for-ml ${file}:11`,
            `aws-vpc-endpoints-for-ml ${file}:11`,
        ]);
    });
    it("passes the secure example", () => {
        const r = mlguard(["scan", "examples/cloudformation/sagemaker-secure", "--no-config"]);
        assert.equal(r.code, 0, r.stdout + r.stderr);
    });
    it("takes --parameter values", () => {
        const r = mlguard(["scan", "examples/cloudformation/sagemaker-insecure", "-f", "json", "--no-config", "--parameter", "InternetAccess=Disabled"]);
        assert.ok(!findings(r.stdout).some((f) => f.ruleId === "aws-sagemaker-notebook-no-direct-internet"));
    });
    it("takes a parameters file and rejects a bad one", () => {
        const dir = tempDir("mlguard-cfn-");
        fs.writeFileSync(path.join(dir, "ok.json"), JSON.stringify([{ ParameterKey: "InternetAccess", ParameterValue: "Disabled" }]));
        fs.writeFileSync(path.join(dir, "bad.json"), "InternetAccess=Disabled");
        const ok = mlguard(["scan", "examples/cloudformation/sagemaker-insecure", "-f", "json", "--no-config", "--parameters-file", path.join(dir, "ok.json")]);
        assert.ok(!findings(ok.stdout).some((f) => f.ruleId === "aws-sagemaker-notebook-no-direct-internet"));
        const bad = mlguard(["scan", "examples/cloudformation/sagemaker-insecure", "--no-config", "--parameters-file", path.join(dir, "bad.json")]);
        assert.equal(bad.code, 2);
        assert.match(bad.stdout + bad.stderr, /Invalid parameters file/);
    });
    it("names CDK findings by construct path and honours Metadata suppressions", () => {
        const r = mlguard(["scan", "examples/cloudformation/cdk-app", "-f", "json", "--no-config", "--include-suppressed"]);
        assert.equal(r.code, 1, r.stderr);
        const report = JSON.parse(r.stdout) as { findings: JsonFinding[]; suppressed: JsonFinding[] };
        assert.ok(report.findings.some((f) => f.ruleId === "aws-sagemaker-notebook-no-direct-internet" && f.location.file.endsWith("MlPlatformStack.template.json") && f.location.startLine === 63));
        assert.deepEqual(report.suppressed.map((f) => f.ruleId), ["aws-s3-object-lock-enabled"]);
        assert.match(report.suppressed[0].suppression!.reason, /scratch space/);
    });
    it("honours a # mlguard:ignore comment above a resource in YAML", () => {
        const dir = tempDir("mlguard-cfn-");
        fs.writeFileSync(
            path.join(dir, "t.yaml"),
            'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  # mlguard:ignore aws-kms-key-rotation reason="imported key material cannot rotate"\n  Key:\n    Type: AWS::KMS::Key\n',
        );
        const r = mlguard(["scan", ".", "-f", "json", "--no-config"], dir);
        assert.equal(r.code, 0, r.stdout + r.stderr);
    });
    it("writes SARIF with the template locations", () => {
        const r = mlguard(["scan", "examples/cloudformation/sagemaker-insecure", "-f", "sarif", "--no-config"]);
        const sarif = JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
        const uris = new Set(sarif.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri));
        assert.deepEqual([...uris], ["examples/cloudformation/sagemaker-insecure/template.yaml"]);
    });
});
