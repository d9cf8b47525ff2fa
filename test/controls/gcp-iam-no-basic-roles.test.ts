import * as assert from "node:assert/strict";
import control from "../../catalog/controls/gcp-iam-no-basic-roles";
import { types } from "../../catalog/resource-types";
import { type EdgeCase, UNKNOWN, edgeCases } from "../support/controls";

const SA = "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com";
const BREAK_GLASS = "group:gcp-break-glass@example.com";

const member = (props: Record<string, unknown>) => [
    { type: types.projectIamMember, name: "grant", props: { project: "ml-prod", role: "roles/aiplatform.user", member: SA, ...props } },
];
const binding = (props: Record<string, unknown>) => [
    { type: types.folderIamBinding, name: "grant", props: { folder: "folders/1", role: "roles/aiplatform.user", members: [SA], ...props } },
];
const policy = (policyData: unknown) => [
    { type: types.organizationIamPolicy, name: "grant", props: { orgId: "123456789012", policyData } },
];
const bindings = (...list: unknown[]) => JSON.stringify({ bindings: list });
const allow = (...members: unknown[]) => ({ allowedMembers: members });

const everySubjectType: EdgeCase[] = control.subjects.map((type) => {
    const props = /Policy:/.test(type.token)
        ? { policyData: bindings({ role: "roles/owner", members: [SA] }) }
        : /Binding:/.test(type.token)
          ? { role: "roles/owner", members: [SA] }
          : { role: "roles/owner", member: SA };
    return { name: `roles/owner on ${type.token} fails`, resources: [{ type, name: "grant", props }], expect: ["fail"] };
});

edgeCases(control, [
    { name: "a predefined role passes", resources: member({}), expect: ["pass"] },
    { name: "roles/owner fails", resources: member({ role: "roles/owner" }), expect: ["fail"], message: /roles\/owner/ },
    { name: "roles/editor fails", resources: member({ role: "roles/editor" }), expect: ["fail"], message: /roles\/editor/ },
    { name: "roles/viewer fails", resources: member({ role: "roles/viewer" }), expect: ["fail"] },
    { name: "surrounding space does not hide a basic role", resources: member({ role: " roles/editor " }), expect: ["fail"] },
    { name: "a custom role named like a basic one passes", resources: member({ role: "projects/ml-prod/roles/editor" }), expect: ["pass"] },
    { name: "an admin predefined role is out of this control's scope", resources: member({ role: "roles/aiplatform.admin" }), expect: ["pass"] },
    {
        name: "a condition does not rescue a basic role",
        resources: member({ role: "roles/owner", condition: { title: "t", expression: "request.time < timestamp('2030-01-01T00:00:00Z')" } }),
        expect: ["fail"],
    },
    { name: "absent role grants nothing and passes", resources: member({ role: undefined }), expect: ["pass"] },
    { name: "computed role is not verifiable yet", resources: member({ role: UNKNOWN }), expect: ["unknown"] },
    { name: "a number role does not throw", resources: member({ role: 7 }), expect: ["pass"] },
    { name: "a list role does not throw", resources: member({ role: ["roles/owner"] }), expect: ["pass"] },
    { name: "computed member with a basic role fails when no member is allowed", resources: member({ role: "roles/owner", member: UNKNOWN }), expect: ["fail"] },
    {
        name: "computed member with a basic role is not verifiable yet when break-glass members are allowed",
        resources: member({ role: "roles/owner", member: UNKNOWN }),
        settings: allow(BREAK_GLASS),
        expect: ["unknown"],
    },
    { name: "option: an allowed break-glass member may hold roles/owner", resources: member({ role: "roles/owner", member: BREAK_GLASS }), settings: allow(BREAK_GLASS), expect: ["pass"] },
    {
        name: "option: allowed members compare without regard to case",
        resources: member({ role: "roles/owner", member: "group:GCP-Break-Glass@example.com" }),
        settings: allow(BREAK_GLASS),
        expect: ["pass"],
    },
    { name: "option: an allowed member with a computed role passes", resources: member({ role: UNKNOWN, member: BREAK_GLASS }), settings: allow(BREAK_GLASS), expect: ["pass"] },
    { name: "option: other members still fail", resources: member({ role: "roles/owner" }), settings: allow(BREAK_GLASS), expect: ["fail"] },
    { name: "option: a malformed allow-list is ignored, not thrown on", resources: member({ role: "roles/owner" }), settings: { allowedMembers: "group:x" }, expect: ["fail"] },
    { name: "option: non-string entries in the allow-list are ignored", resources: member({ role: "roles/owner" }), settings: allow(42, null, SA), expect: ["pass"] },

    { name: "binding: a predefined role passes", resources: binding({}), expect: ["pass"] },
    { name: "binding: each member of a basic-role binding is reported", resources: binding({ role: "roles/editor", members: [SA, "group:devs@example.com"] }), expect: ["fail", "fail"] },
    { name: "binding: the allowed member is left out", resources: binding({ role: "roles/owner", members: [BREAK_GLASS, SA] }), settings: allow(BREAK_GLASS), expect: ["fail"] },
    { name: "binding: empty members pass", resources: binding({ role: "roles/owner", members: [] }), expect: ["pass"] },
    { name: "binding: computed members with a basic role fail when no member is allowed", resources: binding({ role: "roles/owner", members: UNKNOWN }), expect: ["fail"] },
    { name: "binding: computed members with a predefined role pass", resources: binding({ members: UNKNOWN }), expect: ["pass"] },

    { name: "policy: predefined roles pass", resources: policy(bindings({ role: "roles/aiplatform.user", members: [SA] })), expect: ["pass"] },
    {
        name: "policy: a basic role binding fails",
        resources: policy(bindings({ role: "roles/aiplatform.user", members: [SA] }, { role: "roles/viewer", members: ["domain:example.com"] })),
        expect: ["fail"],
        message: /policyData\.bindings\.1\.members\.0/,
    },
    { name: "policy: an allowed member may hold a basic role", resources: policy(bindings({ role: "roles/owner", members: [BREAK_GLASS] })), settings: allow(BREAK_GLASS), expect: ["pass"] },
    { name: "policy: a binding without a role passes", resources: policy(bindings({ members: [SA] })), expect: ["pass"] },
    { name: "policy: absent policyData passes", resources: policy(undefined), expect: ["pass"] },
    { name: "policy: computed policyData is not verifiable yet", resources: policy(UNKNOWN), expect: ["unknown"] },
    { name: "policy: invalid JSON fails without throwing", resources: policy("not json"), expect: ["fail"], message: /not a JSON IAM policy/ },
    { name: "policy: a role that is not a string does not throw", resources: policy(bindings({ role: { name: "roles/owner" }, members: [SA] })), expect: ["pass"] },

    ...everySubjectType,

    {
        name: "an exemption with a reason still evaluates but marks the finding",
        resources: member({ role: "roles/owner" }),
        settings: { exemptions: [{ resource: "grant", reason: "bootstrap project, owner removed after setup" }] },
        expect: ["fail"],
    },
]);

describe("gcp-iam-no-basic-roles points at the role", () => {
    it("a Terraform member grant fails at its role line, with the role as evidence", async () => {
        const { scanTerraformSources } = await import("../../terraform-checks");
        const source = `resource "google_project_iam_member" "ops" {
  project = "ml-prod"
  member  = "user:ops@example.com"
  role    = "roles/editor"
}
`;
        const { findings } = await scanTerraformSources({ "main.tf": source }, { controls: [control] });
        const failed = findings.filter((f) => f.status === "fail");
        assert.deepEqual(failed.map((f) => [f.path, f.location.kind === "file" ? f.location.start.line : 0, f.evidence?.value]), [["role", 4, "roles/editor"]]);
    });
});
