import * as assert from "node:assert/strict";
import gcpPublic from "../../catalog/controls/gcp-iam-no-public-members";
import passRole from "../../catalog/controls/aws-iam-passrole-scoped";
import type { Value } from "../../catalog/model";
import { couldBeNull, couldBeOneOf, couldBeWildcard, knownPrefix, lengthBounds, refinementOf } from "../../catalog/helpers/refinements";
import { types } from "../../catalog/resource-types";
import { scanTerraformSources } from "../../terraform-checks";
import { UNKNOWN, statuses } from "../support/controls";
import { evalIn } from "./support";

const PUBLIC = ["allUsers", "allAuthenticatedUsers"];

describe("refined unknown values", () => {
    describe("the evaluator refines unknowns", () => {
        const base = {
            "r.tf": `resource "google_service_account" "x" {\n  account_id = "a"\n}\nresource "aws_iam_role" "x" {\n  name = "x"\n}\nvariable "who" {}\nlocals {\n  sa = "serviceAccount:\${google_service_account.x.email}"\n}\n`,
            "m.tf": `module "m" {\n  source = "./m"\n  arn = aws_iam_role.x.arn\n}\n`,
            "m/m.tf": `variable "arn" {\n  type = string\n}\noutput "arn" {\n  value = var.arn\n}\n`,
        };
        const rows: Array<{ expr: string; prefix?: string; notNull?: boolean; attribute?: string }> = [
            { expr: `"serviceAccount:\${google_service_account.x.email}"`, prefix: "serviceAccount:", notNull: true },
            { expr: `"a-\${var.who}-b"`, prefix: "a-", notNull: true },
            { expr: `"%{ if true }x%{ endif }y\${var.who}"`, prefix: "xy", notNull: true },
            { expr: `"\${var.who}tail"`, notNull: true },
            { expr: `aws_iam_role.x.arn`, prefix: "arn:", notNull: true, attribute: "aws_iam_role.x.arn" },
            { expr: `aws_iam_role.x.id`, notNull: true, attribute: "aws_iam_role.x.id" },
            { expr: `google_service_account.x.email`, notNull: true, attribute: "google_service_account.x.email" },
            { expr: `aws_iam_role.x.tags`, attribute: "aws_iam_role.x.tags" },
            { expr: `local.sa`, prefix: "serviceAccount:", notNull: true },
            { expr: `module.m.arn`, prefix: "arn:", notNull: true, attribute: "aws_iam_role.x.arn" },
            // An attribute of an instance that exists cannot fail once known, so try() keeps it as it is.
            { expr: `try(aws_iam_role.x.arn, var.who)`, prefix: "arn:", notNull: true, attribute: "aws_iam_role.x.arn" },
            { expr: `coalesce(null, try(aws_iam_role.x.arn, null))`, prefix: "arn:", notNull: true, attribute: "aws_iam_role.x.arn" },
        ];
        for (const row of rows) {
            it(`${row.expr}: prefix ${JSON.stringify(row.prefix)}, not null ${!!row.notNull}, attribute ${row.attribute ?? "none"}`, () => {
                const { value } = evalIn(row.expr, base);
                assert.equal(value.kind, "unknown");
                const r = refinementOf(value as Value);
                assert.equal(r?.prefix, row.prefix);
                assert.equal(!!r?.notNull, !!row.notNull);
                assert.equal(r?.attribute ? `${r.attribute.address}.${r.attribute.name}` : undefined, row.attribute);
            });
        }
        it("a `for` with a computed condition: not null, length bounded by the collection", () => {
            const list = evalIn(`[for x in ["a", "b", "c"] : x if x == "a" || x == var.who]`, base).value as Value;
            assert.deepEqual(lengthBounds(list), { min: 1, max: 3 });
            assert.equal(couldBeNull(list), false);
            const obj = evalIn(`{ for x in ["a", "b"] : x => x if x == var.who }`, base).value as Value;
            assert.deepEqual(lengthBounds(obj), { min: 0, max: 2 });
        });
        it("a comparison with null is decided by a not-null refinement, and only by it", () => {
            const known = (expr: string) => {
                const v = evalIn(expr, base).value;
                return v.kind === "scalar" ? v.value : v.kind;
            };
            assert.equal(known(`"a-\${var.who}" == null`), false);
            assert.equal(known(`null != aws_iam_role.x.arn`), true);
            assert.equal(known(`module.m.arn == null ? "none" : "set"`), "set");
            // The same decision inside collections and functions that compare elements.
            assert.equal(known(`[aws_iam_role.x.arn] == [null]`), false);
            assert.equal(known(`contains([aws_iam_role.x.arn], null)`), false);
            assert.equal(known(`contains([var.who], null)`), "unknown");
            // Nothing is known of these: a variable without a value, an attribute that may be null, two unknowns.
            assert.equal(known(`var.who == null`), "unknown");
            assert.equal(known(`aws_iam_role.x.tags == null`), "unknown");
            assert.equal(known(`aws_iam_role.x.arn == var.who`), "unknown");
        });
        it("a known prefix decides comparisons and startswith() with strings that do not share it", () => {
            const known = (expr: string) => {
                const v = evalIn(expr, base).value;
                return v.kind === "scalar" ? v.value : v.kind;
            };
            assert.equal(known(`aws_iam_role.x.arn == ""`), false);
            assert.equal(known(`aws_iam_role.x.arn != "*"`), true);
            assert.equal(known(`"user:\${var.who}" == "allUsers"`), false);
            assert.equal(known(`"user:\${var.who}" == 1`), false);
            assert.equal(known(`startswith(local.sa, "serviceAccount:")`), true);
            assert.equal(known(`startswith(local.sa, "service")`), true);
            assert.equal(known(`startswith(local.sa, "user:")`), false);
            // The prefix does not decide these: the rest of the string is not known.
            assert.equal(known(`"user:\${var.who}" == "user:a@example.com"`), "unknown");
            assert.equal(known(`startswith(local.sa, "serviceAccount:ml-")`), "unknown");
            assert.equal(known(`startswith(var.who, "a")`), "unknown");
        });
        it("a plain unknown (a variable without a value) carries no refinement", () => {
            assert.equal(refinementOf(evalIn("var.who", base).value as Value), undefined);
        });
    });

    describe("the read API", () => {
        const u = (refinement?: Value extends infer V ? (V extends { kind: "unknown"; refinement?: infer R } ? R : never) : never): Value => ({ kind: "unknown", refinement });
        it("couldBeOneOf", () => {
            assert.equal(couldBeOneOf(u(), PUBLIC), true);
            assert.equal(couldBeOneOf(u({ prefix: "serviceAccount:" }), PUBLIC, { ignoreCase: true }), false);
            assert.equal(couldBeOneOf(u({ prefix: "all" }), PUBLIC, { ignoreCase: true }), true);
            assert.equal(couldBeOneOf(u({ prefix: "ALL" }), PUBLIC, { ignoreCase: true }), true);
            assert.equal(couldBeOneOf(u({ prefix: "ALL" }), PUBLIC), false);
            assert.equal(couldBeOneOf(u({ prefix: "  " }), PUBLIC), true);
            assert.equal(couldBeOneOf(u({ attribute: { address: "google_service_account.x", type: "google_service_account", name: "email" } }), PUBLIC), false);
            assert.equal(couldBeOneOf(u({ attribute: { address: "google_x.y", type: "google_x", name: "value" } }), PUBLIC), true);
            assert.equal(couldBeOneOf({ kind: "scalar", value: " allUsers " }, PUBLIC), true);
            assert.equal(couldBeOneOf({ kind: "scalar", value: "user:a@b" }, PUBLIC), false);
        });
        it("couldBeWildcard, couldBeNull, knownPrefix, lengthBounds", () => {
            assert.equal(couldBeWildcard(u()), true);
            assert.equal(couldBeWildcard(u({ prefix: "arn:aws:iam::111122223333:role/" })), true);
            assert.equal(couldBeWildcard(u({ attribute: { address: "aws_iam_role.x", type: "aws_iam_role", name: "arn" } })), false);
            assert.equal(couldBeWildcard({ kind: "scalar", value: "arn:aws:iam::1:role/x" }), false);
            assert.equal(couldBeWildcard({ kind: "scalar", value: "arn:aws:iam::1:role/*" }), true);
            assert.equal(couldBeNull(u()), true);
            assert.equal(couldBeNull(u({ notNull: true })), false);
            assert.equal(knownPrefix(u({ prefix: "p" })), "p");
            assert.equal(knownPrefix({ kind: "scalar", value: "whole" }), "whole");
            assert.deepEqual(lengthBounds(u({ minLength: 1, maxLength: 3 })), { min: 1, max: 3 });
            assert.deepEqual(lengthBounds({ kind: "list", items: [] }), { min: 0, max: 0 });
        });
    });

    describe("controls use them (Terraform)", () => {
        const scan = async (main: string) => {
            const r = await scanTerraformSources({ "main.tf": `variable "who" {}\nresource "google_service_account" "x" {\n  account_id = "a"\n}\nresource "aws_iam_role" "x" {\n  name = "x"\n}\n${main}` }, {});
            return (control: string) => r.findings.filter((f) => f.controlId === control && f.status !== "not-applicable").map((f) => f.status);
        };
        const gcp: Array<[string, string, string[]]> = [
            ["a serviceAccount: member with a computed e-mail is not public", `member = "serviceAccount:\${google_service_account.x.email}"`, ["pass"]],
            ["a service account's own member attribute is not public", `member = google_service_account.x.member`, ["pass"]],
            ["a member with a known user: prefix is not public", `member = "user:\${var.who}@example.com"`, ["pass"]],
            ["a member whose prefix could still be allUsers is not verifiable", `member = "all\${var.who}"`, ["unknown"]],
            ["a wholly computed member stays not verifiable", `member = var.who`, ["unknown"]],
        ];
        for (const [name, member, expect] of gcp) {
            it(`gcp-iam-no-public-members: ${name}`, async () => {
                const of = await scan(`resource "google_storage_bucket_iam_member" "m" {\n  bucket = "b"\n  role = "roles/storage.objectViewer"\n  ${member}\n}\n`);
                assert.deepEqual(of("gcp-iam-no-public-members"), expect);
            });
        }
        it("gcp-iam-no-public-members: binding members are refined one by one", async () => {
            const of = await scan(`resource "google_storage_bucket_iam_binding" "b" {\n  bucket = "b"\n  role = "roles/storage.objectViewer"\n  members = ["serviceAccount:\${google_service_account.x.email}", var.who]\n}\n`);
            assert.deepEqual(of("gcp-iam-no-public-members"), ["unknown"]);
        });
        const aws: Array<[string, string, string[]]> = [
            ["Resource = one role's ARN is scoped", `Resource = aws_iam_role.x.arn`, ["pass"]],
            ["Resource = a list of role ARNs is scoped", `Resource = [aws_iam_role.x.arn, "arn:aws:iam::111122223333:role/y"]`, ["pass"]],
            ["Resource = a role ARN pattern with a computed tail is not verifiable", `Resource = "arn:aws:iam::111122223333:role/\${var.who}"`, ["unknown"]],
            ["Resource = a wholly computed value is not verifiable", `Resource = var.who`, ["unknown"]],
            ["Resource = a role ARN next to * still fails", `Resource = [aws_iam_role.x.arn, "*"]`, ["fail"]],
        ];
        for (const [name, resource, expect] of aws) {
            it(`aws-iam-passrole-scoped: ${name}`, async () => {
                const of = await scan(`resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "iam:PassRole", ${resource} }]\n  })\n}\n`);
                assert.deepEqual(of("aws-iam-passrole-scoped"), expect);
            });
        }
        it("aws-iam-passrole-scoped: a policy document data source naming one role's ARN is scoped", async () => {
            const of = await scan(`data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["iam:PassRole"]\n    resources = [aws_iam_role.x.arn]\n  }\n}\nresource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.d.json\n}\n`);
            assert.deepEqual(of("aws-iam-passrole-scoped"), ["pass"]);
        });
        it("aws-s3-tls-only-policy: a TLS Deny naming the bucket's own ARNs, merged through compact() into a combined document, passes", async () => {
            // The shape of the widely used S3 bucket module: optional documents, "" when off, merged by source_policy_documents.
            const of = await scan(`resource "aws_s3_bucket" "b" {
  bucket = "ml-data"
}
data "aws_iam_policy_document" "tls" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.b.arn, "\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
data "aws_iam_policy_document" "combined" {
  source_policy_documents = compact([data.aws_iam_policy_document.tls.json, false ? "x" : ""])
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.combined.json
}
`);
            assert.deepEqual(of("aws-s3-tls-only-policy"), ["pass"]);
            assert.deepEqual(of("aws-iam-no-not-action-allow"), ["pass"]);
        });
    });

    describe("the Pulumi front-end keeps today's behaviour (an Output carries no refinement)", () => {
        it("gcp-iam-no-public-members: a computed member is not verifiable", () => {
            assert.deepEqual(statuses(gcpPublic, [{ type: types.storageBucketIamMember, name: "m", props: { bucket: "b", role: "roles/viewer", member: UNKNOWN } }]), ["unknown"]);
        });
        it("aws-iam-passrole-scoped: a computed Resource is not verifiable", () => {
            const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: UNKNOWN }] };
            assert.deepEqual(statuses(passRole, [{ type: types.iamPolicy, name: "p", props: { policy } }]), ["unknown"]);
        });
    });
});
