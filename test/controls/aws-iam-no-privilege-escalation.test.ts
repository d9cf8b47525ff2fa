import * as assert from "node:assert/strict";
import control from "../../catalog/controls/aws-iam-no-privilege-escalation";
import { types } from "../../catalog/resource-types";
import { scanTerraformSources } from "../../terraform-checks";
import { UNKNOWN, check, edgeCases } from "../support/controls";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const policy = (p: unknown) => [{ type: types.iamPolicy, name: "p", props: { policy: p } }];
const trust = doc({ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" });

edgeCases(control, [
    { name: "read-only actions pass", resources: policy(doc({ Effect: "Allow", Action: ["s3:GetObject", "iam:Get*"], Resource: "*" })), expect: ["pass"] },
    { name: "iam:CreatePolicyVersion fails", resources: policy(doc({ Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" })), expect: ["fail"], message: /create-policy-version/ },
    { name: "iam:Put* matches PutRolePolicy", resources: policy(doc({ Effect: "Allow", Action: "iam:Put*", Resource: "*" })), expect: ["fail"], message: /put-inline-policy/ },
    {
        name: "PassRole on * with CreateTrainingJob fails, naming both statements",
        resources: policy(doc({ Sid: "Train", Effect: "Allow", Action: "sagemaker:CreateTrainingJob", Resource: "*" }, { Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" })),
        expect: ["fail"],
        message: /passrole-sagemaker-training.*Statement "Pass".*Statement "Train"|passrole-sagemaker-training.*Statement "Train"/,
    },
    {
        name: "a scoped PassRole breaks the SageMaker path",
        resources: policy(doc({ Effect: "Allow", Action: "sagemaker:CreateTrainingJob", Resource: "*" }, { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/exec" })),
        expect: ["pass"],
    },
    {
        name: "the notebook path needs the presigned URL too",
        resources: policy(doc({ Effect: "Allow", Action: ["iam:PassRole", "sagemaker:CreateNotebookInstance"], Resource: "*" })),
        expect: ["pass"],
    },
    {
        name: "the notebook path with the presigned URL fails",
        resources: policy(doc({ Effect: "Allow", Action: ["iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresigned*"], Resource: "*" })),
        expect: ["fail"],
        message: /passrole-sagemaker-notebook/,
    },
    {
        name: "an unconditioned Deny breaks the path",
        resources: policy(doc({ Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" }, { Effect: "Deny", Action: "iam:*PolicyVersion", Resource: "*" })),
        expect: ["pass"],
    },
    {
        name: "a conditioned Deny does not break the path",
        resources: policy(doc({ Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" }, { Effect: "Deny", Action: "iam:CreatePolicyVersion", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } })),
        expect: ["fail"],
    },
    { name: "* on * completes every path, reported once", resources: policy(doc({ Effect: "Allow", Action: "*", Resource: "*" })), expect: ["fail"], message: /create-policy-version.*and \d+ more/ },
    { name: "an allowed path is not reported", resources: policy(doc({ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "*" })), settings: { allowedPaths: ["create-access-key"] }, expect: ["pass"] },
    { name: "a computed action is not verifiable", resources: policy({ Statement: [{ Effect: "Allow", Action: [UNKNOWN], Resource: "*" }] }), expect: ["unknown"] },
    { name: "a computed PassRole resource with a launch action is not verifiable", resources: policy({ Statement: [{ Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: UNKNOWN }] }), expect: ["unknown"] },
    { name: "a computed document is not verifiable", resources: policy(UNKNOWN), expect: ["unknown"] },
    {
        name: "the union of two policies a role holds completes a path (Pulumi stack)",
        resources: [
            { type: types.iamRole, name: "exec", props: { name: "exec", assumeRolePolicy: trust } },
            { type: types.iamRolePolicy, name: "train", props: { role: "exec", policy: doc({ Sid: "Train", Effect: "Allow", Action: "sagemaker:CreateTrainingJob", Resource: "*" }) }, deps: { role: ["exec"] } },
            { type: types.iamPolicy, name: "pass", props: { name: "pass", policy: doc({ Sid: "PassAny", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }) } },
            { type: types.iamRolePolicyAttachment, name: "attach", props: { role: "exec", policyArn: UNKNOWN }, deps: { role: ["exec"], policyArn: ["pass"] } },
        ],
        expect: ["fail", "pass", "pass"],
        message: /union of its policies.*passrole-sagemaker-training/,
    },
]);

describe("aws-iam-no-privilege-escalation across policies", () => {
    it("names the principal and both statements of a path completed by two policies (Pulumi)", () => {
        const findings = check(control, [
            { type: types.iamUser, name: "alice", props: { name: "alice" } },
            { type: types.iamUserPolicy, name: "a", props: { user: "alice", policy: doc({ Sid: "Ec2", Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" }) } },
            { type: types.iamUserPolicy, name: "b", props: { user: "alice", policy: doc({ Sid: "Pass", Effect: "Allow", Action: "iam:Pass*", Resource: "*" }) } },
        ]).filter((f) => f.status === "fail");
        assert.equal(findings.length, 1);
        assert.match(findings[0].message, /alice.*passrole-ec2/);
        assert.match(findings[0].message, /Statement "Pass"/);
        assert.match(findings[0].message, /Statement "Ec2"/);
    });

    it("finds a path completed by an inline policy and an attached customer-managed policy (Terraform)", async () => {
        const { findings } = await scanTerraformSources(
            {
                "main.tf": `resource "aws_iam_role" "exec" {
  name = "exec"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "train" {
  role = aws_iam_role.exec.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Train", Effect = "Allow", Action = "sagemaker:CreateProcessingJob", Resource = "*" }]
  })
}

data "aws_iam_policy_document" "pass" {
  statement {
    sid       = "PassAny"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "pass" {
  name   = "pass"
  policy = data.aws_iam_policy_document.pass.json
}

resource "aws_iam_role_policy_attachment" "pass" {
  role       = aws_iam_role.exec.name
  policy_arn = aws_iam_policy.pass.arn
}
`,
            },
            { controls: [control] },
        );
        const failures = findings.filter((f) => f.status === "fail");
        assert.equal(failures.length, 1, findings.map((f) => `${f.status} ${f.resourceId}: ${f.message}`).join("\n"));
        assert.equal(failures[0].resourceId, "aws_iam_role.exec");
        assert.match(failures[0].message, /passrole-sagemaker-processing/);
        assert.match(failures[0].message, /Statement "PassAny" of aws_iam_policy.pass/);
        assert.match(failures[0].message, /Statement "Train" of aws_iam_role_policy.train/);
    });
});
