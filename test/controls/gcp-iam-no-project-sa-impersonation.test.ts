import * as assert from "node:assert/strict";
import control from "../../catalog/controls/gcp-iam-no-project-sa-impersonation";
import { types } from "../../catalog/resource-types";
import { type EdgeCase, UNKNOWN, edgeCases } from "../support/controls";

const SA = "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com";
const USER = "user:alice@example.com";
const DEPLOYER = "serviceAccount:deployer@ci.iam.gserviceaccount.com";
const ACT_AS = "roles/iam.serviceAccountUser";
const TOKENS = "roles/iam.serviceAccountTokenCreator";

const member = (props: Record<string, unknown>) => [
    { type: types.projectIamMember, name: "grant", props: { project: "ml-prod", role: "roles/aiplatform.user", member: USER, ...props } },
];
const binding = (props: Record<string, unknown>) => [
    { type: types.folderIamBinding, name: "grant", props: { folder: "folders/1", role: "roles/aiplatform.user", members: [USER], ...props } },
];
const policy = (policyData: unknown) => [
    { type: types.organizationIamPolicy, name: "grant", props: { orgId: "123456789012", policyData } },
];
const bindings = (...list: unknown[]) => JSON.stringify({ bindings: list });
const allow = (...members: unknown[]) => ({ allowedMembers: members });

const levelSubjects = control.subjects.filter((t) => !t.token.startsWith("gcp:serviceaccount/"));
const everySubjectType: EdgeCase[] = levelSubjects.flatMap((type) => {
    const props = (role: string) =>
        /Policy:/.test(type.token)
            ? { policyData: bindings({ role, members: [USER] }) }
            : /Binding:/.test(type.token)
              ? { role, members: [USER] }
              : { role, member: USER };
    return [ACT_AS, TOKENS].map((role): EdgeCase => ({ name: `${role} on ${type.token} fails`, resources: [{ type, name: "grant", props: props(role) }], expect: ["fail"] }));
});

const serviceAccountSubjects: EdgeCase[] = [
    { type: types.serviceAccountIamMember, props: { serviceAccountId: "projects/ml-prod/serviceAccounts/trainer@ml-prod.iam.gserviceaccount.com", role: ACT_AS, member: USER } },
    { type: types.serviceAccountIamBinding, props: { serviceAccountId: "projects/ml-prod/serviceAccounts/trainer@ml-prod.iam.gserviceaccount.com", role: TOKENS, members: [USER] } },
    { type: types.serviceAccountIamPolicy, props: { serviceAccountId: "projects/ml-prod/serviceAccounts/x@ml-prod.iam.gserviceaccount.com", policyData: bindings({ role: ACT_AS, members: [USER] }) } },
].map(({ type, props }): EdgeCase => ({ name: `a grant on one service account (${type.token}) passes`, resources: [{ type, name: "grant", props }], expect: ["pass"] }));

edgeCases(control, [
    { name: "a predefined non-admin role passes", resources: member({}), expect: ["pass"] },
    { name: "serviceAccountUser at project level fails", resources: member({ role: ACT_AS }), expect: ["fail"], message: /serviceAccountUser at project level/, evidence: ACT_AS },
    { name: "serviceAccountTokenCreator at project level fails", resources: member({ role: TOKENS }), expect: ["fail"], evidence: TOKENS },
    { name: "surrounding space does not hide the role", resources: member({ role: ` ${ACT_AS} ` }), expect: ["fail"] },
    { name: "a custom role named like it passes (its permissions are not known by name)", resources: member({ role: "projects/ml-prod/roles/iam.serviceAccountUser" }), expect: ["pass"] },
    { name: "serviceAccountAdmin to a user is not impersonation", resources: member({ role: "roles/iam.serviceAccountAdmin" }), expect: ["pass"] },
    { name: "roles/iam.workloadIdentityUser is not in scope", resources: member({ role: "roles/iam.workloadIdentityUser" }), expect: ["pass"] },
    {
        name: "a condition does not rescue a project-wide serviceAccountUser",
        resources: member({ role: ACT_AS, condition: { title: "t", expression: "request.time < timestamp('2030-01-01T00:00:00Z')" } }),
        expect: ["fail"],
    },
    { name: "absent role grants nothing and passes", resources: member({ role: undefined }), expect: ["pass"] },
    { name: "computed role is not verifiable yet", resources: member({ role: UNKNOWN }), expect: ["unknown"] },
    { name: "a number role does not throw", resources: member({ role: 7 }), expect: ["pass"] },
    { name: "a list role does not throw", resources: member({ role: [ACT_AS] }), expect: ["pass"] },
    { name: "an object member does not throw", resources: member({ role: ACT_AS, member: { user: "x" } }), expect: ["fail"] },
    { name: "computed member with serviceAccountUser fails (any member is too broad)", resources: member({ role: ACT_AS, member: UNKNOWN }), expect: ["fail"] },
    { name: "computed member is not verifiable when members are allowed", resources: member({ role: ACT_AS, member: UNKNOWN }), settings: allow(DEPLOYER), expect: ["unknown"] },

    // (b) service accounts with admin roles
    { name: "a service account with roles/aiplatform.admin fails", resources: member({ role: "roles/aiplatform.admin", member: SA }), expect: ["fail"], message: /admin role roles\/aiplatform.admin/ },
    { name: "a service account with roles/owner fails", resources: member({ role: "roles/owner", member: SA }), expect: ["fail"] },
    { name: "a service account with roles/editor fails", resources: member({ role: "roles/editor", member: SA }), expect: ["fail"] },
    { name: "a service account with roles/resourcemanager.projectIamAdmin fails", resources: member({ role: "roles/resourcemanager.projectIamAdmin", member: SA }), expect: ["fail"] },
    { name: "a service account with roles/iam.serviceAccountAdmin fails", resources: member({ role: "roles/iam.serviceAccountAdmin", member: SA }), expect: ["fail"] },
    { name: "the member prefix compares without regard to case", resources: member({ role: "roles/storage.admin", member: " SERVICEACCOUNT:x@p.iam.gserviceaccount.com" }), expect: ["fail"] },
    { name: "a service account with roles/aiplatform.user passes", resources: member({ member: SA }), expect: ["pass"] },
    { name: "a service account with roles/viewer passes here (gcp-iam-no-basic-roles judges it)", resources: member({ role: "roles/viewer", member: SA }), expect: ["pass"] },
    { name: "a role merely containing admin passes", resources: member({ role: "roles/storage.objectAdminViewer", member: SA }), expect: ["pass"] },
    { name: "a deleted service account is not a service account", resources: member({ role: "roles/storage.admin", member: "deleted:serviceAccount:x@p.iam.gserviceaccount.com?uid=1" }), expect: ["pass"] },
    { name: "a user with an admin role is out of scope", resources: member({ role: "roles/aiplatform.admin", member: USER }), expect: ["pass"] },
    { name: "a computed member with an admin role is not verifiable yet", resources: member({ role: "roles/aiplatform.admin", member: UNKNOWN }), expect: ["unknown"] },
    { name: "option: serviceAccountAdminRoles false skips (b)", resources: member({ role: "roles/aiplatform.admin", member: SA }), settings: { serviceAccountAdminRoles: false }, expect: ["pass"] },
    { name: "option: serviceAccountAdminRoles false still fails (a)", resources: member({ role: ACT_AS }), settings: { serviceAccountAdminRoles: false }, expect: ["fail"] },
    { name: "option: a non-boolean serviceAccountAdminRoles keeps the default", resources: member({ role: "roles/owner", member: SA }), settings: { serviceAccountAdminRoles: "nope" }, expect: ["fail"] },

    // allowedMembers
    { name: "option: an allowed member may hold serviceAccountUser project-wide", resources: member({ role: ACT_AS, member: DEPLOYER }), settings: allow(DEPLOYER), expect: ["pass"] },
    { name: "option: an allowed service account may hold an admin role", resources: member({ role: "roles/storage.admin", member: DEPLOYER }), settings: allow(DEPLOYER), expect: ["pass"] },
    { name: "option: allowed members compare without regard to case", resources: member({ role: ACT_AS, member: DEPLOYER.toUpperCase() }), settings: allow(DEPLOYER), expect: ["pass"] },
    { name: "option: other members still fail", resources: member({ role: ACT_AS }), settings: allow(DEPLOYER), expect: ["fail"] },
    { name: "option: a malformed allow-list is ignored, not thrown on", resources: member({ role: ACT_AS }), settings: { allowedMembers: USER }, expect: ["fail"] },

    { name: "binding: a predefined role passes", resources: binding({}), expect: ["pass"] },
    { name: "binding: each member of a Token Creator binding is reported", resources: binding({ role: TOKENS, members: [USER, "group:ci@example.com"] }), expect: ["fail", "fail"] },
    { name: "binding: the allowed member is left out", resources: binding({ role: TOKENS, members: [DEPLOYER, USER] }), settings: allow(DEPLOYER), expect: ["fail"] },
    { name: "binding: empty members pass", resources: binding({ role: ACT_AS, members: [] }), expect: ["pass"] },
    { name: "binding: computed members with serviceAccountUser fail", resources: binding({ role: ACT_AS, members: UNKNOWN }), expect: ["fail"] },
    { name: "binding: computed members with an admin role are not verifiable", resources: binding({ role: "roles/aiplatform.admin", members: UNKNOWN }), expect: ["unknown"] },
    { name: "binding: only the service account of an admin binding fails", resources: binding({ role: "roles/aiplatform.admin", members: [USER, SA] }), expect: ["fail"], message: /members\.1/ },
    { name: "binding: folder level is named", resources: binding({ role: ACT_AS }), expect: ["fail"], message: /at folder level/ },

    { name: "policy: predefined roles pass", resources: policy(bindings({ role: "roles/aiplatform.user", members: [SA] })), expect: ["pass"] },
    {
        name: "policy: a serviceAccountUser binding fails at its role",
        resources: policy(bindings({ role: "roles/aiplatform.user", members: [SA] }, { role: ACT_AS, members: [USER] })),
        expect: ["fail"],
        message: /policyData\.bindings\.1\.role grants roles\/iam\.serviceAccountUser at organization level/,
    },
    { name: "policy: an admin role for a service account fails", resources: policy(bindings({ role: "roles/owner", members: [SA] })), expect: ["fail"] },
    { name: "policy: absent policyData passes", resources: policy(undefined), expect: ["pass"] },
    { name: "policy: computed policyData is not verifiable yet", resources: policy(UNKNOWN), expect: ["unknown"] },
    { name: "policy: invalid JSON fails without throwing", resources: policy("not json"), expect: ["fail"], message: /not a JSON IAM policy/ },
    { name: "policy: bindings that are not a list fail without throwing", resources: policy(JSON.stringify({ bindings: { role: ACT_AS } })), expect: ["fail"] },
    { name: "policy: a role that is not a string does not throw", resources: policy(bindings({ role: { name: ACT_AS }, members: [USER] })), expect: ["pass"] },

    ...everySubjectType,
    ...serviceAccountSubjects,
    {
        name: "token spelling: a lower-cased token is not the project IAM type and is not judged",
        resources: [{ type: { ...types.projectIamMember, token: "gcp:projects/iamMember:IamMember" }, name: "grant", props: { project: "p", role: ACT_AS, member: USER } }],
        expect: [],
    },
    {
        name: "an exemption with a reason still evaluates but marks the finding",
        resources: member({ role: ACT_AS }),
        settings: { exemptions: [{ resource: "grant", reason: "bootstrap project, removed after setup" }] },
        expect: ["fail"],
        exempted: true,
    },
]);

describe("gcp-iam-no-project-sa-impersonation in Terraform", () => {
    const scan = async (files: Record<string, string>) => {
        const { scanTerraformSources } = await import("../../terraform-checks");
        const { findings } = await scanTerraformSources(files, { controls: [control] });
        return findings.map((f) => ({ id: f.resourceId, status: f.status, path: f.path, line: f.location.kind === "file" ? f.location.start.line : 0, value: f.evidence?.value }));
    };

    it("points at the role line, with the role as evidence", async () => {
        const found = await scan({
            "main.tf": `resource "google_project_iam_member" "ops" {
  project = "ml-prod"
  member  = "user:ops@example.com"
  role    = "roles/iam.serviceAccountTokenCreator"
}
`,
        });
        assert.deepEqual(found, [{ id: "google_project_iam_member.ops", status: "fail", path: "role", line: 4, value: TOKENS }]);
    });

    it("for_each over roles: only the impersonation role fails", async () => {
        const found = await scan({
            "main.tf": `resource "google_project_iam_member" "alice" {
  for_each = toset(["roles/aiplatform.user", "roles/iam.serviceAccountUser"])
  project  = "ml-prod"
  role     = each.value
  member   = "user:alice@example.com"
}
`,
        });
        assert.deepEqual(found.map((f) => [f.id, f.status]).sort(), [
            ['google_project_iam_member.alice["roles/aiplatform.user"]', "pass"],
            ['google_project_iam_member.alice["roles/iam.serviceAccountUser"]', "fail"],
        ]);
    });

    it("a role passed as a module input is judged inside the module", async () => {
        const found = await scan({
            "main.tf": `module "grant" {
  source = "./grant"
  role   = "roles/iam.serviceAccountUser"
}
`,
            "grant/main.tf": `variable "role" {}
resource "google_folder_iam_member" "this" {
  folder = "folders/1"
  role   = var.role
  member = "group:ml@example.com"
}
`,
        });
        assert.deepEqual(found.map((f) => [f.id, f.status]), [["module.grant.google_folder_iam_member.this", "fail"]]);
    });

    it("a variable without a value is unknown, never a violation", async () => {
        const found = await scan({
            "main.tf": `variable "role" {}
resource "google_project_iam_member" "x" {
  project = "ml-prod"
  role    = var.role
  member  = "user:alice@example.com"
}
`,
        });
        assert.deepEqual(found.map((f) => f.status), ["unknown"]);
    });

    it("a dynamic condition block does not rescue the grant, and does not crash", async () => {
        const found = await scan({
            "main.tf": `variable "conditions" {
  default = [{ title = "t", expression = "true" }]
}
resource "google_project_iam_member" "x" {
  project = "ml-prod"
  role    = "roles/iam.serviceAccountUser"
  member  = "user:alice@example.com"
  dynamic "condition" {
    for_each = var.conditions
    content {
      title      = condition.value.title
      expression = condition.value.expression
    }
  }
}
`,
        });
        assert.deepEqual(found.map((f) => f.status), ["fail"]);
    });

    it("an admin role for a service account created in the tree fails; for a user it passes", async () => {
        const found = await scan({
            "main.tf": `resource "google_service_account" "trainer" {
  account_id = "trainer"
}
resource "google_project_iam_member" "sa_admin" {
  project = "ml-prod"
  role    = "roles/aiplatform.admin"
  member  = google_service_account.trainer.member
}
resource "google_project_iam_member" "sa_admin_template" {
  project = "ml-prod"
  role    = "roles/storage.admin"
  member  = "serviceAccount:\${google_service_account.trainer.email}"
}
resource "google_project_iam_member" "user_admin" {
  project = "ml-prod"
  role    = "roles/aiplatform.admin"
  member  = "user:\${var.user}"
}
variable "user" {}
`,
        });
        assert.deepEqual(found.map((f) => [f.id, f.status]).sort(), [
            ["google_project_iam_member.sa_admin", "fail"],
            ["google_project_iam_member.sa_admin_template", "fail"],
            ["google_project_iam_member.user_admin", "pass"],
        ]);
    });

    it("a policy_data written with jsonencode fails on the impersonation binding", async () => {
        const found = await scan({
            "main.tf": `resource "google_project_iam_policy" "p" {
  project = "ml-prod"
  policy_data = jsonencode({
    bindings = [
      { role = "roles/aiplatform.user", members = ["group:ml@example.com"] },
      { role = "roles/iam.serviceAccountTokenCreator", members = ["group:ml@example.com"] },
    ]
  })
}
`,
        });
        assert.deepEqual(found.map((f) => [f.status, f.path]), [["fail", "policyData.bindings.1.role"]]);
    });

    it("google_service_account_iam_member passes", async () => {
        const found = await scan({
            "main.tf": `resource "google_service_account" "trainer" {
  account_id = "trainer"
}
resource "google_service_account_iam_member" "act_as" {
  service_account_id = google_service_account.trainer.name
  role               = "roles/iam.serviceAccountUser"
  member             = "user:alice@example.com"
}
`,
        });
        assert.deepEqual(found.map((f) => [f.id, f.status]), [["google_service_account_iam_member.act_as", "pass"]]);
    });
});
