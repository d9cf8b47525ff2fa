import { defineControl } from "../control";
import { stringList } from "../helpers/coerce";
import { type IamGrant, iamGrants, sameMember } from "../helpers/gcp-iam";
import { allOf } from "../helpers/outcomes";
import { type Attr, UNKNOWN } from "../helpers/props";
import { fail, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";

const BASIC_ROLES = ["roles/owner", "roles/editor", "roles/viewer"];

interface Options {
    allowedMembers: string[];
}

function grantAttr(grant: IamGrant, state: Attr["state"]): Attr {
    return { path: grant.path, state, value: typeof grant.member === "string" ? grant.member : undefined, location: grant.location };
}

export default defineControl<unknown, Options>({
    id: "gcp-iam-no-basic-roles",
    title: "GCP projects, folders and organizations must not grant basic roles (owner, editor, viewer)",
    severity: "high",
    provider: "gcp",
    rationale:
        "The basic roles `roles/owner`, `roles/editor` and `roles/viewer` predate IAM's predefined roles and span every " +
        "service in the project: an editor can read and overwrite training data, swap model artifacts, deploy endpoints and " +
        "act as service accounts. Granted on a project, folder or organization they reach every ML resource beneath it. " +
        "Grant predefined or custom roles scoped to the job instead; keep basic roles for an audited break-glass group at most.",
    remediation: {
        terraform:
            "Replace `roles/owner`, `roles/editor` and `roles/viewer` in `google_project_iam_*` / `google_folder_iam_*` / " +
            "`google_organization_iam_*` (`role`, and the `bindings` of `policy_data`) with predefined roles such as " +
            "`roles/aiplatform.user` or `roles/storage.objectViewer`. List break-glass principals in the `allowedMembers` option.",
        pulumi:
            "Replace `roles/owner`, `roles/editor` and `roles/viewer` in `gcp.projects.IAMMember` / `IAMBinding` / `IAMPolicy` " +
            "(and the folder and organization equivalents; `role`, and the `bindings` of `policyData`) with predefined roles such as " +
            "`roles/aiplatform.user` or `roles/storage.objectViewer`. List break-glass principals in the `allowedMembers` option.",
    },
    frameworks: {
        "gcp-scc": ["PRIMITIVE_ROLES_USED"],
        "gcp-org-policy": ["custom.iamDisableBasicRoles"],
        "nist-800-53": ["AC-6"],
        "owasp-ml": ["ML06"],
    },
    tags: ["iam", "least-privilege"],
    aliases: {},
    subjects: [
        types.projectIamMember, types.projectIamBinding, types.projectIamPolicy,
        types.folderIamMember, types.folderIamBinding, types.folderIamPolicy,
        types.organizationIamMember, types.organizationIamBinding, types.organizationIamPolicy,
    ],
    scope: "resource",
    options: {
        allowedMembers: {
            description:
                'Break-glass principals allowed to hold basic roles, as IAM members (e.g. "group:gcp-break-glass@example.com"); compared without regard to case.',
            schema: { type: "array", items: { type: "string", minLength: 1 } },
            default: [],
        },
    },
    check(resource, { options }) {
        const allowed = stringList(options.allowedMembers);
        const isAllowed = (member: IamGrant["member"]) => typeof member === "string" && allowed.some((a) => sameMember(a, member));
        const { grants, unreadable } = iamGrants(resource);
        const results: CheckResult[] = [];
        for (const grant of grants) {
            if (isAllowed(grant.member)) continue;
            if (grant.role === UNKNOWN) {
                results.push(unknown(grantAttr(grant, "unknown"), `The role granted by ${grant.path} is computed; it must not be a basic role (owner, editor, viewer).`));
                continue;
            }
            if (typeof grant.role !== "string" || !BASIC_ROLES.includes(grant.role.trim())) continue;
            const role = grant.role.trim();
            if (grant.member === UNKNOWN && allowed.length > 0) {
                results.push(unknown(grantAttr(grant, "unknown"), `${grant.path} is computed; ${role} may only be granted to the allowed break-glass members.`));
                continue;
            }
            results.push(
                fail(
                    // At the role line (the value to change), with the role as evidence.
                    { path: grant.rolePath, state: "explicit", value: role, location: grant.roleLocation },
                    `${grant.rolePath} grants the basic role ${role} (to ${grant.path}, a principal not in allowedMembers); grant a predefined or custom role scoped to the task instead.`,
                ),
            );
        }
        for (const u of unreadable) {
            const at: Attr = { path: u.path, state: u.reason === "unknown" ? "unknown" : "explicit", value: undefined, location: u.location };
            results.push(
                u.reason === "unknown"
                    ? unknown(at, `${u.path} is computed; its bindings must not grant basic roles (owner, editor, viewer).`)
                    : fail(at, `${u.path} is not a JSON IAM policy with a list of bindings, so it cannot be verified; write it as {"bindings": [{"role": …, "members": […]}]}.`),
            );
        }
        return allOf(resource, results, "No basic role (owner, editor, viewer) is granted.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.projectIamMember,
                        name: "trainer-vertex-user",
                        props: {
                            project: "ml-prod",
                            role: "roles/aiplatform.user",
                            member: "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com",
                        },
                    },
                    {
                        type: types.folderIamBinding,
                        name: "ml-auditors",
                        props: { folder: "folders/123456789012", role: "roles/iam.securityReviewer", members: ["group:ml-auditors@example.com"] },
                    },
                    {
                        type: types.projectIamPolicy,
                        name: "ml-sandbox",
                        props: {
                            project: "ml-sandbox",
                            policyData: JSON.stringify({
                                bindings: [{ role: "roles/notebooks.runner", members: ["group:ml-researchers@example.com"] }],
                            }),
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.projectIamMember,
                        name: "trainer-editor",
                        props: { project: "ml-prod", role: "roles/editor", member: "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com" },
                    },
                ],
                [
                    {
                        type: types.organizationIamBinding,
                        name: "org-viewers",
                        props: { orgId: "123456789012", role: "roles/viewer", members: ["group:everyone@example.com"] },
                    },
                ],
                [
                    {
                        type: types.projectIamPolicy,
                        name: "ml-sandbox",
                        props: {
                            project: "ml-sandbox",
                            policyData: JSON.stringify({
                                bindings: [{ role: "roles/owner", members: ["user:alice@example.com"] }],
                            }),
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_project_iam_member" "trainer_vertex_user" {
  project = "ml-prod"
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com"
}

resource "google_folder_iam_binding" "ml_auditors" {
  folder  = "folders/123456789012"
  role    = "roles/iam.securityReviewer"
  members = ["group:ml-auditors@example.com"]
}
`,
            ],
            bad: [
                `resource "google_project_iam_member" "trainer_editor" {
  project = "ml-prod"
  role    = "roles/editor"
  member  = "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com"
}
`,
                `resource "google_organization_iam_binding" "org_viewers" {
  org_id  = "123456789012"
  role    = "roles/viewer"
  members = ["group:everyone@example.com"]
}
`,
                `resource "google_project_iam_policy" "ml_sandbox" {
  project = "ml-sandbox"
  policy_data = jsonencode({
    bindings = [
      {
        role    = "roles/owner"
        members = ["user:alice@example.com"]
      },
    ]
  })
}
`,
            ],
        },
    },
});
