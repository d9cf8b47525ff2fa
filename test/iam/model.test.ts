import * as assert from "node:assert/strict";
import fc from "fast-check";
import { allControls } from "../../catalog";
import { actionMatches, parsePolicy } from "../../catalog/helpers/iam";
import { anyProp } from "../../catalog/helpers/props";
import { parseLocatedJson } from "../../catalog/iam/located-json";
import { ESCALATION_PATHS } from "../../catalog/iam/escalation";
import type { Finding } from "../../catalog/model";
import { types } from "../../catalog/resource-types";
import { scanTerraformSources } from "../../terraform-checks";
import { check } from "../support/controls";

const iamControls = allControls.filter((c) => c.id.startsWith("aws-iam-"));

async function tfFindings(source: string, id: string): Promise<Finding[]> {
    const control = allControls.find((c) => c.id === id)!;
    const { findings } = await scanTerraformSources({ "main.tf": source }, { controls: [control] });
    return findings.filter((f) => f.status === "fail");
}

const line = (f: Finding) => (f.location.kind === "file" ? f.location.start.line : undefined);

describe("IAM document model: findings point where each statement is written", () => {
    it("inside a heredoc, at the offending statement's Action line", async () => {
        const src = `resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" },
        {
          "Effect": "Allow",
          "Action": "iam:PassRole",
          "Resource": "*"
        }
      ]
    }
  EOT
}
`;
        const [f] = await tfFindings(src, "aws-iam-passrole-scoped");
        assert.equal(line(f), 10);
        assert.match(f.message, /Statement 2/);
        assert.equal(f.location.kind === "file" && f.location.start.column, 21);
    });

    it("inside a heredoc that interpolates a computed ARN: the document keeps its structure, judged statement by statement", async () => {
        const src = `resource "aws_s3_bucket" "b" {
  bucket = "ml"
}
resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "\${aws_s3_bucket.b.arn}/*" },
        {
          "Effect": "Allow",
          "NotAction": "iam:*",
          "Resource": "\${aws_s3_bucket.b.arn}"
        }
      ]
    }
  EOT
}
`;
        const [f] = await tfFindings(src, "aws-iam-no-not-action-allow");
        assert.equal(line(f), 13);
        assert.match(f.message, /Statement 2/);
        assert.deepEqual(await tfFindings(src, "aws-iam-no-admin-wildcard"), []);
    });

    it("inside a heredoc that interpolates known values, at the offending statement's line", async () => {
        const src = `variable "bucket_arn" {
  default = "arn:aws:s3:::ml"
}
resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "\${var.bucket_arn}/*" },
        { "Effect": "Allow", "NotAction": "iam:*", "Resource": "\${var.bucket_arn}" }
      ]
    }
  EOT
}
`;
        const [f] = await tfFindings(src, "aws-iam-no-not-action-allow");
        assert.equal(line(f), 11);
        assert.match(f.message, /Statement 2/);
    });

    it("inside a templatefile() of a root module below the scan root: at the template's line, in the file as the scan root names it", async () => {
        const control = allControls.find((c) => c.id === "aws-iam-passrole-scoped")!;
        const { findings } = await scanTerraformSources(
            {
                "envs/prod/main.tf": `resource "aws_iam_role" "x" {\n  name = "x"\n}\nresource "aws_iam_role_policy" "p" {\n  role   = "r"\n  policy = templatefile("\${path.module}/policy.json.tpl", { role_arn = aws_iam_role.x.arn })\n}\n`,
                "envs/prod/policy.json.tpl": `{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "\${role_arn}" },\n    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*" }\n  ]\n}\n`,
            },
            { controls: [control] },
        );
        const failed = findings.filter((f) => f.status === "fail");
        assert.deepEqual(failed.map((f) => f.location.kind === "file" && `${f.location.file}:${f.location.start.line}`), ["envs/prod/policy.json.tpl:5"]);
        assert.match(failed[0].message, /Statement 2/);
    });

    it("inside jsonencode, at the Action of the statement named by its Sid", async () => {
        const src = `resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
      {
        Sid      = "Admin"
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}
`;
        const [f] = await tfFindings(src, "aws-iam-no-admin-wildcard");
        assert.equal(line(f), 10);
        assert.match(f.message, /Statement "Admin"/);
    });

    it("inside a policy-document data source, at the statement's actions, also through a local", async () => {
        const src = `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid       = "Everything"
    not_actions = ["iam:*"]
    resources = ["*"]
  }
}

locals {
  doc = data.aws_iam_policy_document.d.json
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = local.doc
}
`;
        const [f] = await tfFindings(src, "aws-iam-no-not-action-allow");
        assert.equal(line(f), 8);
        assert.match(f.message, /Statement "Everything"/);
    });

    it("merges source and override documents as the provider does, judging the result", async () => {
        const src = `data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Pass"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid       = "Pass"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::111122223333:role/exec"]
  }
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.d.json
}
`;
        assert.deepEqual(await tfFindings(src, "aws-iam-passrole-scoped"), []);
    });

    it("in Pulumi, by JSON path below the property", () => {
        const [f] = check(allControls.find((c) => c.id === "aws-iam-no-service-wildcard")!, [
            {
                type: types.iamPolicy,
                name: "p",
                props: { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Effect: "Allow", Action: "s3:*", Resource: "*" }] }) },
            },
        ]);
        assert.equal(f.status, "fail");
        assert.deepEqual(f.location.kind === "pulumi" && f.location.path, "policy.Statement.1.Action");
    });

    it("never echoes a Sid that is not a plain IAM Sid (it may be part of a secret)", () => {
        const [f] = check(allControls.find((c) => c.id === "aws-iam-no-admin-wildcard")!, [
            { type: types.iamPolicy, name: "p", props: { policy: JSON.stringify({ Statement: [{ Sid: "token-abc123", Effect: "Allow", Action: "*", Resource: "*" }] }) } },
        ]);
        assert.doesNotMatch(f.message, /token-abc123/);
        assert.match(f.message, /Statement 1/);
    });
});

describe("IAM document model: properties", () => {
    const jsonLeaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const actionish = fc.oneof(fc.constantFrom("*", "iam:*", "iam:Pass*", "s3:*Object*", "kms:Decrypt", "sts:AssumeRole", "iam:PassRole"), fc.string());
    const statement = fc.record(
        {
            Sid: fc.string(),
            Effect: fc.oneof(fc.constantFrom("Allow", "Deny"), jsonLeaf),
            Action: fc.oneof(actionish, fc.array(actionish), jsonLeaf),
            NotAction: fc.oneof(actionish, fc.array(actionish)),
            Resource: fc.oneof(fc.constantFrom("*", "arn:aws:iam::111122223333:role/x"), fc.array(fc.string()), jsonLeaf),
            NotResource: fc.string(),
            Principal: fc.oneof(fc.constant("*"), fc.record({ AWS: fc.oneof(fc.string(), fc.array(fc.string())), Service: fc.string() }), jsonLeaf),
            Condition: fc.oneof(fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string())))), jsonLeaf),
        },
        { requiredKeys: [] },
    );
    const document = fc.record({ Version: fc.constant("2012-10-17"), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 6 }), jsonLeaf) }, { requiredKeys: [] });

    it("random documents, as strings and as objects, never make an IAM control throw or error", () => {
        fc.assert(
            fc.property(document, fc.boolean(), (doc, asString) => {
                const policy = asString ? JSON.stringify(doc) : doc;
                const resources = [
                    { type: types.iamPolicy, name: "p", props: { policy } },
                    { type: types.iamRole, name: "r", props: { name: "r", assumeRolePolicy: policy, inlinePolicies: [{ name: "i", policy }] } },
                    { type: types.iamRolePolicyAttachment, name: "a", props: { role: "r", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" } },
                ];
                for (const control of iamControls) {
                    for (const f of check(control, resources)) assert.notEqual(f.status, "error", `${control.id}: ${f.message}`);
                }
            }),
            { numRuns: 150 },
        );
    });

    /** A brute-force IAM wildcard matcher: `*` any run, `?` one character, case-insensitive. */
    function bruteMatch(pattern: string, action: string): boolean {
        const p = pattern.toLowerCase();
        const a = action.toLowerCase();
        const memo = new Map<string, boolean>();
        const go = (i: number, j: number): boolean => {
            const key = `${i},${j}`;
            if (memo.has(key)) return memo.get(key)!;
            let r: boolean;
            if (i === p.length) r = j === a.length;
            else if (p[i] === "*") r = go(i + 1, j) || (j < a.length && go(i, j + 1));
            else r = j < a.length && (p[i] === "?" || p[i] === a[j]) && go(i + 1, j + 1);
            memo.set(key, r);
            return r;
        };
        return go(0, 0);
    }

    const knownActions = [...new Set(ESCALATION_PATHS.flatMap((p) => [...p.actions, ...(p.anyOf ?? [])]))];

    it("wildcard matching agrees with a brute-force matcher over the known actions", () => {
        const piece = fc.oneof(fc.constantFrom("*", "?", ":", "iam", "Pass", "Role", "sagemaker", "Create", "s3", "."), fc.string({ maxLength: 3 }));
        fc.assert(
            fc.property(fc.array(piece, { maxLength: 6 }).map((xs) => xs.join("")), (pattern) => {
                for (const action of knownActions) assert.equal(actionMatches(pattern, action), bruteMatch(pattern.trim(), action), `${pattern} vs ${action}`);
            }),
            { numRuns: 300 },
        );
    });

    it("located JSON parsing agrees with JSON.parse on the values", () => {
        fc.assert(
            fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
                const text = JSON.stringify(v, null, 1);
                const parsed = parseLocatedJson(text, () => undefined);
                assert.ok(parsed);
                const attr = anyProp({ id: "x", type: "t", name: "x", frontEnd: "pulumi", source: { kind: "pulumi", urn: "u", path: "" }, props: { kind: "map", entries: { d: parsed } } }, "d");
                const roundTrip = (n: typeof parsed): unknown =>
                    n.kind === "scalar" ? n.value : n.kind === "list" ? n.items.map(roundTrip) : n.kind === "map" ? Object.fromEntries(Object.entries(n.entries).map(([k, x]) => [k, roundTrip(x)])) : undefined;
                assert.deepEqual(roundTrip(attr.node!), JSON.parse(text));
            }),
            { numRuns: 200 },
        );
    });

    it("unreadable text is not JSON, and never throws", () => {
        for (const bad of ["", "{", '{"a":}', "[1,]", '{"a" 1}', "nul", '"\\x"']) assert.equal(parseLocatedJson(bad, () => undefined), undefined, bad);
        assert.equal(parsePolicy({ path: "policy", state: "explicit", value: "{", node: { kind: "scalar", value: "{" }, location: { kind: "pulumi", urn: "u", path: "policy" } }).kind, "invalid");
    });
});

describe("IAM documents through the Terraform evaluator", () => {
    it("dynamic statement blocks of a policy-document data source are expanded and judged", async () => {
        const src = `variable "grants" {
  default = { train = "sagemaker:CreateTrainingJob", pass = "iam:PassRole" }
}

data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.grants
    content {
      sid       = statement.key
      actions   = [statement.value]
      resources = ["*"]
    }
  }
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.d.json
}
`;
        const [f] = await tfFindings(src, "aws-iam-no-privilege-escalation");
        assert.match(f.message, /passrole-sagemaker-training/);
        assert.match(f.message, /Statement "pass"/);
    });

    it("for_each policies are judged per instance, and a policy passed as a module input is judged where the module uses it", async () => {
        const { findings } = await scanTerraformSources(
            {
                "main.tf": `resource "aws_iam_policy" "p" {
  for_each = { a = "s3:GetObject", b = "s3:*" }
  name     = each.key
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = each.value, Resource = "*" }] })
}

module "m" {
  source = "./mod"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "kms:*", Resource = "*" }] })
}
`,
                "mod/main.tf": `variable "policy" {}

resource "aws_iam_role_policy" "x" {
  role   = "r"
  policy = var.policy
}
`,
            },
            { controls: [allControls.find((c) => c.id === "aws-iam-no-service-wildcard")!] },
        );
        const failing = findings.filter((f) => f.status === "fail").map((f) => f.resourceId).sort();
        assert.deepEqual(failing, ['aws_iam_policy.p["b"]', "module.m.aws_iam_role_policy.x"]);
        // The module input's statement is located where it was written: in main.tf, line 9.
        const m = findings.find((f) => f.resourceId === "module.m.aws_iam_role_policy.x")!;
        assert.ok(m.location.kind === "file" && m.location.file.endsWith("main.tf") && !m.location.file.includes("mod") && m.location.start.line === 9, JSON.stringify(m.location));
    });

    it("a document built with templatefile is judged, at the template's line (the interpolated value is located there too)", async () => {
        const { findings } = await scanTerraformSources(
            {
                "main.tf": `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = templatefile("\${path.module}/policy.json.tpl", { action = "iam:PassRole" })
}
`,
                "policy.json.tpl": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "\${action}", "Resource": "*"}]}
`,
            },
            { controls: [allControls.find((c) => c.id === "aws-iam-passrole-scoped")!] },
        );
        const fails = findings.filter((f) => f.status === "fail");
        assert.equal(fails.length, 1, findings.map((f) => `${f.status} ${f.message}`).join("\n"));
        assert.deepEqual(fails[0].location.kind === "file" && [fails[0].location.file, fails[0].location.start.line], ["policy.json.tpl", 1]);
    });

    it("a statement whose resource is computed with nothing known about it is not verifiable, never a violation", async () => {
        const src = `data "aws_ssm_parameter" "role" {
  name = "/ml/role-arn"
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = data.aws_ssm_parameter.role.value }] })
}
`;
        const control = allControls.find((c) => c.id === "aws-iam-passrole-scoped")!;
        const { findings } = await scanTerraformSources({ "main.tf": src }, { controls: [control] });
        const own = findings.filter((f) => f.resourceId === "aws_iam_policy.p");
        assert.deepEqual(own.map((f) => f.status), ["unknown"]);
        assert.equal(line(own[0]), 7);
    });

    it("a statement whose resource is one role's computed ARN (a refined unknown) is a specific role: it passes", async () => {
        const src = `resource "aws_iam_role" "exec" {
  name = "exec"
  assume_role_policy = "{}"
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.exec.arn }] })
}
`;
        const control = allControls.find((c) => c.id === "aws-iam-passrole-scoped")!;
        const { findings } = await scanTerraformSources({ "main.tf": src }, { controls: [control] });
        const own = findings.filter((f) => f.resourceId === "aws_iam_policy.p");
        assert.deepEqual(own.map((f) => f.status), ["pass"]);
    });
});
