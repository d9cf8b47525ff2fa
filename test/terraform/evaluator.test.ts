import * as assert from "node:assert/strict";
import type { Resource } from "../../catalog/model";
import { anyProp } from "../../catalog/helpers/props";
import { evaluateSources } from "../../terraform-checks/scanner";
import { U, evalIn, plain } from "./support";

function ids(resources: readonly Resource[]): string[] {
    return resources.map((r) => r.id);
}

describe("Terraform evaluator", () => {
    describe("variable precedence", () => {
        const vars = `variable "a" {\n  default = "default"\n}\n`;
        const rows: Array<{ name: string; files?: Record<string, string>; options?: Parameters<typeof evalIn>[2]; expect: unknown; origin: RegExp }> = [
            { name: "the default", expect: "default", origin: /var.a default/ },
            { name: "TF_VAR_ over the default", options: { env: { TF_VAR_a: "env" } }, expect: "env", origin: /environment \(TF_VAR_a\)/ },
            { name: "terraform.tfvars over TF_VAR_", files: { "terraform.tfvars": `a = "tfvars"\n` }, options: { env: { TF_VAR_a: "env" } }, expect: "tfvars", origin: /terraform.tfvars/ },
            { name: "terraform.tfvars.json over terraform.tfvars", files: { "terraform.tfvars": `a = "tfvars"\n`, "terraform.tfvars.json": `{"a": "json"}` }, expect: "json", origin: /terraform.tfvars.json/ },
            { name: "*.auto.tfvars over terraform.tfvars, the lexically last wins", files: { "terraform.tfvars": `a = "tfvars"\n`, "b.auto.tfvars": `a = "b-auto"\n`, "a.auto.tfvars": `a = "a-auto"\n` }, expect: "b-auto", origin: /b.auto.tfvars/ },
            { name: "--var-file over *.auto.tfvars", files: { "x.auto.tfvars": `a = "auto"\n`, "prod.tfvars": `a = "prod"\n` }, options: { varFiles: ["prod.tfvars"] }, expect: "prod", origin: /prod.tfvars/ },
            { name: "--var over everything", files: { "prod.tfvars": `a = "prod"\n` }, options: { varFiles: ["prod.tfvars"], vars: { a: "cli" }, env: { TF_VAR_a: "env" } }, expect: "cli", origin: /-var/ },
        ];
        for (const row of rows) {
            it(row.name, () => {
                const { value } = evalIn("var.a", { "vars.tf": vars, ...row.files }, row.options);
                assert.deepEqual(plain(value), row.expect);
                assert.match(value.origin?.description ?? "", row.origin);
            });
        }
        it("-var and TF_VAR_ values of complex types are parsed as HCL", () => {
            const files = { "vars.tf": `variable "tags" {\n  type = map(string)\n}\nvariable "n" {\n  type = number\n}\n` };
            assert.deepEqual(plain(evalIn("var.tags", files, { vars: { tags: `{ team = "ml" }` } }).value), { team: "ml" });
            assert.deepEqual(plain(evalIn("var.n", files, { env: { TF_VAR_n: "3" } }).value), 3);
        });
        it("a variable without a value is unknown, with an info diagnostic naming it", () => {
            const { value, all } = evalIn("var.region", { "vars.tf": `variable "region" {}\n` });
            assert.equal(value.kind, "unknown");
            const d = all.find((x) => x.summary === "Variable without a value");
            assert.ok(d && d.severity === "info" && /var.region/.test(d.detail ?? ""));
        });
    });

    describe("locals", () => {
        it("are evaluated in dependency order, whatever the declaration order", () => {
            const files = { "locals.tf": `locals {\n  c = "\${local.b}-c"\n  b = "\${local.a}-b"\n  a = "a"\n}\n` };
            assert.deepEqual(plain(evalIn("local.c", files).value), "a-b-c");
        });
        it("a cycle is diagnosed and its values are unknown", () => {
            const files = { "locals.tf": `locals {\n  a = local.b\n  b = local.a\n}\n` };
            const { value, all } = evalIn("local.a", files);
            assert.equal(value.kind, "unknown");
            const d = all.find((x) => x.summary === "Cycle in references");
            assert.ok(d, JSON.stringify(all));
            assert.match(d!.detail!, /local.a → local.b → local.a/);
        });
        it("carry their origin", () => {
            const { value } = evalIn("local.a", { "locals.tf": `locals {\n  a = "x"\n}\n` });
            assert.equal(value.origin?.description, "local.a");
            assert.equal(value.origin?.location?.kind === "file" && value.origin.location.start.line, 2);
        });
    });

    describe("terraform.workspace and terraform.applying", () => {
        it("is TF_WORKSPACE, else the workspace .terraform/environment records, else default", () => {
            const at = (files: Record<string, string>, env?: Record<string, string>) => plain(evalIn("terraform.workspace", files, env ? { env } : {}).value);
            assert.equal(at({}), "default");
            assert.equal(at({ ".terraform/environment": "staging\n" }), "staging");
            assert.equal(at({ ".terraform/environment": "staging\n" }, { TF_WORKSPACE: "prod" }), "prod");
            assert.equal(at({ ".terraform/environment": "" }), "default");
        });
        it("terraform.applying is false, as during a plan", () => {
            assert.equal(plain(evalIn("terraform.applying").value), false);
        });
    });

    describe("ephemeral resources (Terraform 1.10)", () => {
        const files = {
            "eph.tf": `ephemeral "aws_secretsmanager_secret_version" "db" {\n  secret_id = "db"\n}\n`,
        };
        it("a reference is an unknown that names the ephemeral instance and its attribute", () => {
            const { value, diagnostics } = evalIn("ephemeral.aws_secretsmanager_secret_version.db.secret_string", files);
            assert.deepEqual(diagnostics, []);
            assert.ok(value.kind === "unknown", JSON.stringify(value));
            assert.deepEqual(value.refs, ["ephemeral.aws_secretsmanager_secret_version.db"]);
            assert.deepEqual(value.refinement?.attribute, { address: "ephemeral.aws_secretsmanager_secret_version.db", type: "aws_secretsmanager_secret_version", name: "secret_string" });
        });
        it("an undeclared one is an error, and a duplicate declaration is diagnosed", () => {
            const { diagnostics } = evalIn("ephemeral.aws_secretsmanager_secret_version.nope.secret_string", files);
            assert.ok(diagnostics.some((d) => d.summary === "Reference to undeclared ephemeral resource"), JSON.stringify(diagnostics));
            const { all } = evalIn("1", { ...files, "dup.tf": files["eph.tf"] });
            assert.ok(all.some((d) => d.summary === "Duplicate ephemeral resource" && /ephemeral\.aws_secretsmanager_secret_version\.db/.test(d.detail ?? "")), JSON.stringify(all));
        });
    });

    describe("templates", () => {
        const rows: Array<[string, unknown]> = [
            [`"a-\${1 + 2}-b"`, "a-3-b"],
            [`"%{ if true }yes%{ else }no%{ endif }"`, "yes"],
            [`"%{ for i, v in ["a", "b"] }\${i}=\${v};%{ endfor }"`, "0=a;1=b;"],
            [`"\${var.n}"`, 2],
            [`<<-EOT\n  x \${var.n}\n  EOT\n`, "x 2\n"],
            [`[for k, v in { a = 1, b = 2 } : "\${k}\${v}" if v > 1]`, ["b2"]],
            [`{ for s in ["a", "b", "a"] : s => s... }`, { a: ["a", "a"], b: ["b"] }],
        ];
        for (const [expr, expected] of rows) {
            it(`${expr.replace(/\n/g, "\\n")} → ${JSON.stringify(expected)}`, () => {
                const { value, diagnostics } = evalIn(expr, { "v.tf": `variable "n" {\n  default = 2\n}\n` });
                assert.deepEqual(diagnostics, []);
                assert.deepEqual(plain(value), expected);
            });
        }
    });

    describe("count and for_each", () => {
        const files = {
            "main.tf": `
variable "names" {
  default = ["b", "a"]
}
resource "aws_s3_bucket" "counted" {
  count  = 2
  bucket = "data-\${count.index}"
}
resource "aws_s3_bucket" "each_set" {
  for_each = toset(var.names)
  bucket   = "data-\${each.key}"
}
resource "aws_s3_bucket" "each_map" {
  for_each = { logs = "x", models = "y" }
  bucket   = each.value
}
resource "aws_s3_bucket" "none" {
  count = 0
}
resource "aws_s3_bucket" "unknown" {
  count = length(aws_s3_bucket.counted[0].arn) > 3 ? 1 : 0
}
`,
        };
        const tree = evaluateSources(files);
        it("expand to Terraform instance addresses", () => {
            assert.deepEqual(ids(tree.resources), [
                "aws_s3_bucket.counted[0]",
                "aws_s3_bucket.counted[1]",
                'aws_s3_bucket.each_set["a"]',
                'aws_s3_bucket.each_set["b"]',
                'aws_s3_bucket.each_map["logs"]',
                'aws_s3_bucket.each_map["models"]',
                "aws_s3_bucket.unknown",
            ]);
        });
        it("bind count.index, each.key and each.value", () => {
            const value = (id: string) => anyProp(tree.resources.find((r) => r.id === id)!, "bucket").value;
            assert.equal(value("aws_s3_bucket.counted[1]"), "data-1");
            assert.equal(value('aws_s3_bucket.each_set["a"]'), "data-a");
            assert.equal(value('aws_s3_bucket.each_map["models"]'), "y");
        });
        it("an unknown count gives one instance and a diagnostic", () => {
            assert.ok(tree.diagnostics.some((d) => d.summary === "Unknown count" && /aws_s3_bucket.unknown/.test(d.detail ?? "")));
        });
    });

    describe("dynamic blocks", () => {
        const files = {
            "main.tf": `
variable "routes" {
  default = [{ cidr = "0.0.0.0/0", gw = "igw-1" }, { cidr = "10.0.0.0/8", gw = "vgw-2" }]
}
resource "aws_route_table" "rt" {
  vpc_id = "vpc-1"
  dynamic "route" {
    for_each = var.routes
    iterator = r
    content {
      cidr_block = r.value.cidr
      gateway_id = r.value.gw
    }
  }
  route {
    cidr_block = "192.168.0.0/16"
    gateway_id = "local"
  }
}
`,
        };
        it("expand into blocks of that name, with the iterator bound", () => {
            const { resources } = evaluateSources(files);
            const routes = anyProp(resources[0], "routes");
            assert.deepEqual(plain(routes.node as never), [
                { cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" },
                { cidrBlock: "10.0.0.0/8", gatewayId: "vgw-2" },
                { cidrBlock: "192.168.0.0/16", gatewayId: "local" },
            ]);
        });
        it("a computed for_each yields one block of unknowns", () => {
            const { resources } = evaluateSources({
                "main.tf": `resource "aws_route_table" "rt" {\n  dynamic "route" {\n    for_each = aws_s3_bucket.b.tags\n    content {\n      gateway_id = route.value\n    }\n  }\n}\nresource "aws_s3_bucket" "b" {}\n`,
            });
            assert.deepEqual(plain(anyProp(resources[0], "routes").node as never), [{ gatewayId: U }]);
        });
        it("content sees the resource's each and count as well as the iterator, nested blocks included", () => {
            const { resources, diagnostics } = evaluateSources({
                "main.tf": `
resource "aws_security_group" "sg" {
  for_each = toset(["a"])
  dynamic "ingress" {
    for_each = [443]
    content {
      description = "\${each.key}-\${ingress.value}"
      from_port   = ingress.value
    }
  }
}
resource "aws_route_table" "rt" {
  count = 1
  dynamic "route" {
    for_each = ["0.0.0.0/0"]
    content {
      cidr_block = route.value
      gateway_id = "igw-\${count.index}"
    }
  }
}
`,
            });
            assert.deepEqual(diagnostics, []);
            assert.deepEqual(plain(anyProp(resources[0], "ingress").node as never), [{ description: "a-443", fromPort: 443 }]);
            assert.deepEqual(plain(anyProp(resources[1], "routes").node as never), [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0" }]);
        });
    });

    describe("modules", () => {
        const files = {
            "main.tf": `
module "net" {
  source = "./modules/net"
  cidr   = "10.0.0.0/16"
}
module "buckets" {
  source   = "./modules/bucket"
  for_each = toset(["logs", "models"])
  name     = each.key
  subnet   = module.net.subnet_id
}
module "counted" {
  source = "./modules/bucket"
  count  = 2
  name   = "c\${count.index}"
}
output "first" {
  value = module.buckets["logs"].bucket_name
}
`,
            "modules/net/main.tf": `
variable "cidr" {}
resource "aws_subnet" "a" {
  cidr_block = cidrsubnet(var.cidr, 8, 1)
}
output "subnet_id" {
  value = aws_subnet.a.id
}
`,
            "modules/bucket/main.tf": `
variable "name" {}
variable "subnet" {
  default = "none"
}
resource "aws_s3_bucket" "this" {
  bucket = "ml-\${var.name}"
  tags   = { subnet = var.subnet }
}
output "bucket_name" {
  value = aws_s3_bucket.this.bucket
}
`,
        };
        const tree = evaluateSources(files);
        it("evaluate local modules with their inputs, with module instance addresses", () => {
            assert.deepEqual(ids(tree.resources), [
                "module.net.aws_subnet.a",
                'module.buckets["logs"].aws_s3_bucket.this',
                'module.buckets["models"].aws_s3_bucket.this',
                "module.counted[0].aws_s3_bucket.this",
                "module.counted[1].aws_s3_bucket.this",
            ]);
            assert.equal(anyProp(tree.resources[0], "cidrBlock").value, "10.0.1.0/24");
            assert.equal(anyProp(tree.resources[2], "bucket").value, "ml-models");
            assert.equal(anyProp(tree.resources[3], "bucket").value, "ml-c0");
            assert.deepEqual(tree.resources[1].modulePath, ['module.buckets["logs"]']);
        });
        it("an input's origin names the module call", () => {
            const bucket = anyProp(tree.resources[1], "bucket");
            assert.equal(bucket.location.kind === "file" && bucket.location.file, "modules/bucket/main.tf");
            const name = tree.root.childInstances("buckets").get('["logs"]')!;
            assert.ok(name);
        });
        it("outputs flow back to the caller, references intact", () => {
            const tags = anyProp(tree.resources[1], "tags.subnet");
            assert.equal(tags.state, "unknown");
            assert.deepEqual(tree.references.filter((r) => r.from === 'module.buckets["logs"].aws_s3_bucket.this'), [
                { from: 'module.buckets["logs"].aws_s3_bucket.this', path: "tags", to: "module.net.aws_subnet.a" },
            ]);
        });
        it("a module cycle is diagnosed, not followed", () => {
            const { diagnostics } = evaluateSources({
                "main.tf": `module "a" {\n  source = "./a"\n}\n`,
                "a/main.tf": `module "b" {\n  source = "../b"\n}\n`,
                "b/main.tf": `module "a" {\n  source = "../a"\n}\nresource "aws_s3_bucket" "x" {}\n`,
            });
            assert.ok(diagnostics.some((d) => d.summary === "Module cycle"), JSON.stringify(diagnostics));
        });
        it("a registry module is read from .terraform/modules when installed, skipped with a note otherwise", () => {
            const tree2 = evaluateSources({
                "main.tf": `module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\nmodule "gone" {\n  source = "git::https://example.com/x.git"\n}\n`,
                ".terraform/modules/modules.json": JSON.stringify({ Modules: [{ Key: "", Source: "", Dir: "." }, { Key: "vpc", Source: "registry.terraform.io/terraform-aws-modules/vpc/aws", Dir: ".terraform/modules/vpc" }] }),
                ".terraform/modules/vpc/main.tf": `resource "aws_vpc" "this" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
            });
            assert.deepEqual(ids(tree2.resources), ["module.vpc.aws_vpc.this"]);
            const note = tree2.diagnostics.find((d) => d.summary === "Module not installed");
            assert.ok(note && note.severity === "info" && /gone/.test(note.detail ?? ""));
        });
        it("a missing required input is an error diagnostic", () => {
            const { diagnostics } = evaluateSources({ "main.tf": `module "b" {\n  source = "./b"\n}\n`, "b/main.tf": `variable "name" {}\nresource "aws_s3_bucket" "x" {\n  bucket = var.name\n}\n` });
            assert.ok(diagnostics.some((d) => d.summary === "Missing required argument" && d.file === "main.tf"));
        });
    });

    describe("data \"aws_iam_policy_document\"", () => {
        const doc = `
data "aws_iam_policy_document" "d" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::ml/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-1"]
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = ["s3:*", "kms:*"]
    not_resources = ["*"]
  }
}
data "aws_iam_policy_document" "computed" {
  statement {
    actions   = ["*"]
    resources = [aws_s3_bucket.b.arn]
  }
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents   = [data.aws_iam_policy_document.d.json]
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "Read", Effect = "Deny", Action = "*", Resource = "*" }] })]
}
data "aws_iam_policy_document" "combined" {
  source_policy_documents = compact([data.aws_iam_policy_document.computed.json, "", null])
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "Tls", Effect = "Deny", Action = "s3:*", Resource = aws_s3_bucket.b.arn }] })]
}
`;
        it("renders the provider's JSON (single values collapse to strings, Effect defaults to Allow)", () => {
            const { value } = evalIn("jsondecode(data.aws_iam_policy_document.d.json)", { "doc.tf": doc });
            assert.deepEqual(plain(value), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "Read",
                        Effect: "Allow",
                        Action: "s3:GetObject",
                        Resource: "arn:aws:s3:::ml/*",
                        Principal: { AWS: "arn:aws:iam::111122223333:root" },
                        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } },
                    },
                    { Effect: "Deny", NotAction: ["s3:*", "kms:*"], NotResource: "*" },
                ],
            });
        });
        it("is unknown to expressions when a part is computed, but keeps its structure and references", () => {
            const { value } = evalIn("data.aws_iam_policy_document.computed.json", { "doc.tf": doc });
            assert.equal(value.kind, "unknown");
            assert.deepEqual(value.refs, ["aws_s3_bucket.b"]);
            assert.deepEqual(plain(value.kind === "unknown" ? value.partial! : value), { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: U }] });
        });
        it("is a JSON object that is not null, so compact() keeps it while its ARNs are computed", () => {
            const { value } = evalIn("compact([data.aws_iam_policy_document.computed.json, \"\"])", { "doc.tf": doc });
            assert.equal(value.kind, "list");
            assert.equal(value.kind === "list" && value.items.length, 1);
            const [json] = value.kind === "list" ? value.items : [];
            assert.deepEqual(json.kind === "unknown" && json.refinement, { notNull: true, prefix: "{" });
        });
        it("merges computed source and override documents by their known structure", () => {
            const { value } = evalIn("data.aws_iam_policy_document.combined.json", { "doc.tf": doc });
            assert.equal(value.kind, "unknown");
            assert.deepEqual(plain(value.kind === "unknown" ? value.partial! : value), {
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "*", Resource: U },
                    { Sid: "Tls", Effect: "Deny", Action: "s3:*", Resource: U },
                ],
            });
        });
        it("a heredoc JSON document that interpolates computed values keeps its structure; each interpolation is an unknown leaf", () => {
            const heredoc = `<<-EOT\n  {\n    "Statement": [{ "Action": "s3:*", "Resource": ["\${aws_s3_bucket.b.arn}", "\${aws_s3_bucket.b.arn}/*", "x-\${aws_s3_bucket.b.id}"] }]\n  }\n  EOT\n`;
            const { value } = evalIn(heredoc);
            assert.equal(value.kind, "unknown");
            const partial = value.kind === "unknown" ? value.partial : undefined;
            assert.deepEqual(plain(partial!), { Statement: [{ Action: "s3:*", Resource: [U, U, U] }] });
            const resources = partial?.kind === "map" && partial.entries.Statement.kind === "list" && partial.entries.Statement.items[0].kind === "map" ? partial.entries.Statement.items[0].entries.Resource : undefined;
            const [arn, objects, other] = resources?.kind === "list" ? resources.items : [];
            // The ARN itself, refined and located where the JSON element is written (line 3 of the heredoc).
            assert.deepEqual(arn.kind === "unknown" && arn.refinement?.attribute, { address: "aws_s3_bucket.b", type: "aws_s3_bucket", name: "arn" });
            assert.equal(arn.source?.kind === "file" && arn.source.start.line, 3);
            assert.deepEqual(objects.kind === "unknown" && objects.refinement, { notNull: true, prefix: "arn:" });
            assert.deepEqual(other.kind === "unknown" && other.refinement, { notNull: true, prefix: "x-" });
            assert.deepEqual(other.refs, ["aws_s3_bucket.b"]);
        });
        for (const [name, text] of [
            ["an interpolation outside a JSON string", `"{ \\"Resource\\": \${jsonencode(aws_s3_bucket.b.arn)} }"`],
            ["a computed key", `"{ \\"\${aws_s3_bucket.b.id}\\": 1 }"`],
            ["a computed %{ if }", `<<EOT\n{ %{ if aws_s3_bucket.b.id == "x" }"a": 1%{ endif } }\nEOT\n`],
            ["text that is not JSON", `"{ not json \${aws_s3_bucket.b.arn}"`],
            ["a sensitive value in it (never echoed)", `"{ \\"Token\\": \\"\${var.token}\\", \\"Resource\\": \\"\${aws_s3_bucket.b.arn}\\" }"`],
        ]) {
            it(`a template with ${name} has no structure: wholly unknown, as before`, () => {
                const { value, diagnostics } = evalIn(text, { "secret.tf": `variable "token" {\n  sensitive = true\n  default = "s3cr3t"\n}\n` });
                assert.deepEqual(diagnostics, []);
                assert.equal(value.kind, "unknown");
                assert.equal(value.kind === "unknown" && value.partial, undefined);
            });
        }
        it("merges source and override documents by Sid", () => {
            const { value } = evalIn("jsondecode(data.aws_iam_policy_document.merged.json).Statement[0]", { "doc.tf": doc });
            assert.deepEqual(plain(value), { Sid: "Read", Effect: "Deny", Action: "*", Resource: "*" });
        });
    });
});
