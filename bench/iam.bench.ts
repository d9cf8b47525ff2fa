/**
 * The IAM analyzer on an IAM-heavy configuration: 2,000 customer-managed policies and 500 roles
 * with 4 attachments each, in Terraform and as a Pulumi stack. Reports the per-principal analysis
 * time of aws-iam-no-privilege-escalation and the whole scan.
 */
import { allControls } from "../catalog/controls";
import { ResourceGraph } from "../catalog/graph";
import type { Reference, Resource } from "../catalog/model";
import { runControls } from "../catalog/run";
import { types } from "../catalog/resource-types";
import { adaptResource } from "../policypack/adapter";
import { scanTerraformSources } from "../terraform-checks";
import type { BenchResult } from "./run";

export const name = "IAM analyzer (2,000 policies, 500 roles x 4 attachments)";

const POLICIES = 2_000;
const ROLES = 500;
const ATTACHMENTS = 4;

const ACTION_SETS = [
    ["s3:GetObject", "s3:ListBucket"],
    ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"],
    ["logs:CreateLogStream", "logs:PutLogEvents"],
    ["kms:Decrypt", "kms:GenerateDataKey"],
    ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
];

function statements(i: number): unknown[] {
    const base = ACTION_SETS[i % ACTION_SETS.length];
    const out: unknown[] = [
        { Sid: `S${i}a`, Effect: "Allow", Action: base, Resource: `arn:aws:s3:::bucket-${i}/*` },
        { Sid: `S${i}b`, Effect: "Allow", Action: ["cloudwatch:PutMetricData"], Resource: "*" },
    ];
    // One policy in 50 passes any role: combined with a training policy on the same role, a path.
    if (i % 50 === 0) out.push({ Sid: `S${i}p`, Effect: "Allow", Action: "iam:PassRole", Resource: "*" });
    return out;
}

const TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } }] };

function terraformSource(): string {
    const parts: string[] = [];
    for (let i = 0; i < POLICIES; i++) {
        parts.push(`resource "aws_iam_policy" "p${i}" {
  name   = "p${i}"
  policy = jsonencode(${JSON.stringify({ Version: "2012-10-17", Statement: statements(i) })})
}
`);
    }
    for (let r = 0; r < ROLES; r++) {
        parts.push(`resource "aws_iam_role" "r${r}" {
  name               = "r${r}"
  assume_role_policy = jsonencode(${JSON.stringify(TRUST)})
}
`);
        for (let a = 0; a < ATTACHMENTS; a++) {
            const p = (r * ATTACHMENTS + a) % POLICIES;
            parts.push(`resource "aws_iam_role_policy_attachment" "r${r}_${a}" {
  role       = aws_iam_role.r${r}.name
  policy_arn = aws_iam_policy.p${p}.arn
}
`);
        }
    }
    return parts.join("\n");
}

function pulumiGraph(): ResourceGraph {
    const resources: Resource[] = [];
    const refs: Reference[] = [];
    const urn = (token: string, n: string) => `urn:pulumi:bench::iam::${token}::${n}`;
    for (let i = 0; i < POLICIES; i++) {
        resources.push(adaptResource({ type: types.iamPolicy.token, name: `p${i}`, urn: urn(types.iamPolicy.token, `p${i}`), props: { name: `p${i}`, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements(i) }) } }));
    }
    for (let r = 0; r < ROLES; r++) {
        resources.push(adaptResource({ type: types.iamRole.token, name: `r${r}`, urn: urn(types.iamRole.token, `r${r}`), props: { name: `r${r}`, assumeRolePolicy: JSON.stringify(TRUST) } }));
        for (let a = 0; a < ATTACHMENTS; a++) {
            const n = `r${r}-${a}`;
            const from = urn(types.iamRolePolicyAttachment.token, n);
            resources.push(adaptResource({ type: types.iamRolePolicyAttachment.token, name: n, urn: from, props: { role: `r${r}`, policyArn: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } }));
            refs.push({ from, path: "policyArn", to: urn(types.iamPolicy.token, `p${(r * ATTACHMENTS + a) % POLICIES}`) });
        }
    }
    return new ResourceGraph(resources, refs);
}

export async function run(): Promise<BenchResult[]> {
    const escalation = allControls.find((c) => c.id === "aws-iam-no-privilege-escalation")!;
    const iam = allControls.filter((c) => c.id.startsWith("aws-iam-"));
    const results: BenchResult[] = [];

    const graph = pulumiGraph();
    const roles = graph.ofType(types.iamRole);
    runControls(graph, [escalation]); // warm-up
    let t = process.hrtime.bigint();
    const findings = runControls(graph, [escalation]);
    let ms = Number(process.hrtime.bigint() - t) / 1e6;
    results.push({ metric: "Pulumi stack: escalation, all subjects", value: ms, unit: "ms" });
    results.push({ metric: "Pulumi stack: escalation per principal (avg)", value: (ms / roles.length) * 1000, unit: "us" });
    results.push({ metric: "Pulumi stack: escalation findings (fail)", value: findings.filter((f) => f.status === "fail").length, unit: "" });
    t = process.hrtime.bigint();
    runControls(graph, iam);
    results.push({ metric: "Pulumi stack: all 9 IAM controls", value: Number(process.hrtime.bigint() - t) / 1e6, unit: "ms" });

    const source = terraformSource();
    t = process.hrtime.bigint();
    const scan = await scanTerraformSources({ "main.tf": source }, { controls: iam });
    ms = Number(process.hrtime.bigint() - t) / 1e6;
    results.push({ metric: `Terraform scan, 9 IAM controls (${(source.length / 1e6).toFixed(1)} MB)`, value: ms, unit: "ms" });
    results.push({ metric: "Terraform scan: escalation findings (fail)", value: scan.findings.filter((f) => f.controlId === escalation.id && f.status === "fail").length, unit: "" });
    return results;
}
