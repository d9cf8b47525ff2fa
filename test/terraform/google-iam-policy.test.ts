import * as assert from "node:assert/strict";
import noBasicRoles from "../../catalog/controls/gcp-iam-no-basic-roles";
import noPublicMembers from "../../catalog/controls/gcp-iam-no-public-members";
import type { Finding } from "../../catalog/model";
import { scanTerraformSources } from "../../terraform-checks";
import { U, evalIn, plain } from "./support";

const policy = `
data "google_iam_policy" "p" {
  binding {
    role = "roles/storage.objectViewer"
    members = [
      "group:ml@example.com",
      "allUsers",
    ]
  }

  binding {
    role    = "roles/editor"
    members = ["serviceAccount:trainer@ml-prod.iam.gserviceaccount.com"]
    condition {
      title      = "until 2027"
      expression = "request.time < timestamp(\\"2027-01-01T00:00:00Z\\")"
    }
  }

  audit_config {
    service = "aiplatform.googleapis.com"
    audit_log_configs {
      log_type         = "DATA_READ"
      exempted_members = ["user:alice@example.com"]
    }
  }
}

resource "google_project_iam_policy" "project" {
  project     = "ml-prod"
  policy_data = data.google_iam_policy.p.policy_data
}
`;

const computed = `
resource "google_service_account" "trainer" {
  account_id = "trainer"
}

data "google_iam_policy" "c" {
  binding {
    role    = "roles/owner"
    members = ["serviceAccount:\${google_service_account.trainer.email}", "allAuthenticatedUsers"]
  }
}

resource "google_project_iam_policy" "project" {
  project     = "ml-prod"
  policy_data = data.google_iam_policy.c.policy_data
}
`;

const line = (f: Finding) => (f.location.kind === "file" ? f.location.start.line : -1);

async function findings(source: string, control: typeof noBasicRoles | typeof noPublicMembers): Promise<Finding[]> {
    const { findings: all, diagnostics } = await scanTerraformSources({ "main.tf": source }, { controls: [control] });
    assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), []);
    return all.filter((f) => f.controlId === control.id);
}

describe('data "google_iam_policy"', () => {
    it("renders the provider's policy_data JSON (bindings, members, conditions, audit configs)", () => {
        const { value } = evalIn("jsondecode(data.google_iam_policy.p.policy_data)", { "main.tf": policy });
        assert.deepEqual(plain(value), {
            bindings: [
                { role: "roles/storage.objectViewer", members: ["group:ml@example.com", "allUsers"] },
                {
                    role: "roles/editor",
                    members: ["serviceAccount:trainer@ml-prod.iam.gserviceaccount.com"],
                    condition: { title: "until 2027", expression: 'request.time < timestamp("2027-01-01T00:00:00Z")' },
                },
            ],
            auditConfigs: [{ service: "aiplatform.googleapis.com", auditLogConfigs: [{ logType: "DATA_READ", exemptedMembers: ["user:alice@example.com"] }] }],
        });
    });

    it("is unknown to expressions when a member is computed", () => {
        const { value } = evalIn("data.google_iam_policy.c.policy_data", { "main.tf": computed });
        assert.equal(value.kind, "unknown");
        assert.deepEqual(plain(value.kind === "unknown" ? value.partial! : value), { bindings: [{ role: "roles/owner", members: [U, "allAuthenticatedUsers"] }] });
    });

    it("a public member of a *_iam_policy fails at the member's line in the data source", async () => {
        const fails = (await findings(policy, noPublicMembers)).filter((f) => f.status === "fail");
        assert.equal(fails.length, 1, fails.map((f) => f.message).join("\n"));
        assert.equal(line(fails[0]), 7);
    });

    it("a basic role fails at the binding's role line", async () => {
        const fails = (await findings(policy, noBasicRoles)).filter((f) => f.status === "fail");
        assert.equal(fails.length, 1, fails.map((f) => f.message).join("\n"));
        assert.equal(line(fails[0]), 12);
    });

    it("a partly computed policy is still judged: the literal public member and basic role fail, the computed member does not", async () => {
        const pub = (await findings(computed, noPublicMembers)).filter((f) => f.status === "fail");
        assert.deepEqual(pub.map(line), [9]);
        const basic = (await findings(computed, noBasicRoles)).filter((f) => f.status === "fail");
        assert.ok(basic.length >= 1 && basic.every((f) => line(f) === 8), basic.map((f) => `${line(f)} ${f.message}`).join("\n"));
    });
});
