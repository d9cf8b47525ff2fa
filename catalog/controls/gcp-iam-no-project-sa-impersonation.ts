import { defineControl } from "../control";
import { ref } from "../examples";
import { scalarBoolean, stringList } from "../helpers/coerce";
import { type IamGrant, iamGrants, sameMember } from "../helpers/gcp-iam";
import { allOf } from "../helpers/outcomes";
import { type Attr, UNKNOWN } from "../helpers/props";
import { refinementOf } from "../helpers/refinements";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";

/**
 * Roles whose holders act as service accounts: `serviceAccountUser` (`iam.serviceAccounts.actAs`,
 * attach an account to a notebook, job or VM) and `serviceAccountTokenCreator` (mint access and ID
 * tokens, sign blobs and JWTs). Granted on a project, folder or organization they reach every
 * service account beneath it, the Vertex AI and Workbench runtime identities included.
 */
const IMPERSONATION_ROLES = ["roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"];

/** Basic roles that include every admin permission of the project; other admin roles are matched by name. */
const BROAD_ROLES = ["roles/owner", "roles/editor"];

const SA_PREFIX = "serviceaccount:";

interface Options {
    allowedMembers: string[];
    serviceAccountAdminRoles: boolean;
}

const SERVICE_ACCOUNT_IAM = new Set([types.serviceAccountIamMember.token, types.serviceAccountIamBinding.token, types.serviceAccountIamPolicy.token]);

function level(resource: Resource): string {
    if (resource.type.startsWith("gcp:folder/")) return "folder";
    if (resource.type.startsWith("gcp:organizations/")) return "organization";
    return "project";
}

/** A predefined admin role (`roles/aiplatform.admin`, `roles/iam.serviceAccountAdmin`, `roles/resourcemanager.projectIamAdmin` …) or owner/editor. Custom roles are judged by their permissions elsewhere, not by name. */
function isAdminRole(role: string): boolean {
    if (BROAD_ROLES.includes(role)) return true;
    return /^roles\/[^/]*admin$/i.test(role);
}

/** Whether the grant's member is a service account: "yes", "no", or "maybe" while it is computed. */
function memberIsServiceAccount(grant: IamGrant): "yes" | "no" | "maybe" {
    if (typeof grant.member === "string") return grant.member.trim().toLowerCase().startsWith(SA_PREFIX) ? "yes" : "no";
    if (grant.member !== UNKNOWN) return "no";
    const r = refinementOf(grant.memberNode);
    if (r?.attribute?.type === types.serviceAccount.terraform && r.attribute.name === "member") return "yes";
    const prefix = r?.prefix?.trimStart().toLowerCase();
    if (prefix) {
        if (prefix.startsWith(SA_PREFIX)) return "yes";
        return SA_PREFIX.startsWith(prefix) ? "maybe" : "no";
    }
    return "maybe";
}

function roleAttr(grant: IamGrant, role: string): Attr {
    return { path: grant.rolePath, state: "explicit", value: role, location: grant.roleLocation };
}

export default defineControl<unknown, Options>({
    id: "gcp-iam-no-project-sa-impersonation",
    title: "GCP service-account impersonation roles must be granted per service account, not project-wide, and service accounts must not hold admin roles",
    severity: "high",
    provider: "gcp",
    rationale:
        "`roles/iam.serviceAccountUser` lets its holder run notebooks, training jobs and VMs as a service account, and " +
        "`roles/iam.serviceAccountTokenCreator` lets it mint that account's tokens. Granted on a project, folder or " +
        "organization, either role reaches every service account beneath it: whoever holds it becomes the Vertex AI and " +
        "Workbench runtime identities, with all the data, keys and models they can touch. Grant the role on the one " +
        "service account a principal needs to use. Likewise a service account holding owner, editor or an admin role at " +
        "project level turns any workload that runs as it (a notebook, a pipeline step) into a project administrator.",
    remediation: {
        terraform:
            "Replace project/folder/organization grants of `roles/iam.serviceAccountUser` and `roles/iam.serviceAccountTokenCreator` " +
            "(`google_project_iam_*`, `google_folder_iam_*`, `google_organization_iam_*`, including the `bindings` of `policy_data`) with a " +
            "`google_service_account_iam_member` on the service account the principal must act as. Give service accounts " +
            "`roles/aiplatform.user` and data-scoped roles (bucket, dataset, key) instead of owner, editor or `*Admin` roles. " +
            "List deliberate exceptions (a deployment pipeline's account) in the `allowedMembers` option.",
        pulumi:
            "Replace `gcp.projects.IAMMember` / `IAMBinding` / `IAMPolicy` grants (and the folder and organization equivalents) of " +
            "`roles/iam.serviceAccountUser` and `roles/iam.serviceAccountTokenCreator` with a `gcp.serviceaccount.IAMMember` on the " +
            "service account the principal must act as (`serviceAccountId`). Give service accounts `roles/aiplatform.user` and " +
            "data-scoped roles instead of owner, editor or `*Admin` roles. List deliberate exceptions in the `allowedMembers` option.",
    },
    frameworks: {
        "cis-gcp": ["1.6", "1.5"],
        "gcp-scc": ["OVER_PRIVILEGED_SERVICE_ACCOUNT_USER", "ADMIN_SERVICE_ACCOUNT"],
        prowler: ["iam_no_service_roles_at_project_level", "iam_sa_no_administrative_privileges"],
        "nist-800-53": ["AC-6", "AC-6(5)"],
        "owasp-ml": ["ML06"],
    },
    tags: ["iam", "least-privilege", "service-accounts"],
    aliases: {},
    subjects: [
        types.projectIamMember, types.projectIamBinding, types.projectIamPolicy,
        types.folderIamMember, types.folderIamBinding, types.folderIamPolicy,
        types.organizationIamMember, types.organizationIamBinding, types.organizationIamPolicy,
        types.serviceAccountIamMember, types.serviceAccountIamBinding, types.serviceAccountIamPolicy,
    ],
    scope: "resource",
    options: {
        allowedMembers: {
            description:
                'Principals allowed these grants anyway, as IAM members (e.g. "serviceAccount:deployer@ci-project.iam.gserviceaccount.com"); compared without regard to case.',
            schema: { type: "array", items: { type: "string", minLength: 1 } },
            default: [],
        },
        serviceAccountAdminRoles: {
            description:
                "Also fail a service-account member granted roles/owner, roles/editor or a predefined `*Admin` role at project, folder or organization level (CIS GCP 1.5).",
            schema: { type: "boolean" },
            default: true,
        },
    },
    check(resource, { options }) {
        if (SERVICE_ACCOUNT_IAM.has(resource.type)) {
            return [pass(resource, "Grants on one service account are the scoped form of impersonation roles; they reach no other account.")];
        }
        const where = level(resource);
        const allowed = stringList(options.allowedMembers);
        const adminRoles = scalarBoolean(options.serviceAccountAdminRoles as unknown as boolean) !== false;
        const isAllowed = (member: IamGrant["member"]) => typeof member === "string" && allowed.some((a) => sameMember(a, member));
        const { grants, unreadable } = iamGrants(resource);
        const results: CheckResult[] = [];
        for (const grant of grants) {
            if (isAllowed(grant.member)) continue;
            if (grant.role === UNKNOWN) {
                results.push(
                    unknown(
                        { path: grant.rolePath, state: "unknown", value: undefined, location: grant.roleLocation },
                        `The role granted by ${grant.path} is computed; at ${where} level it must not be Service Account User or Token Creator${adminRoles ? ", nor an admin role for a service account" : ""}.`,
                    ),
                );
                continue;
            }
            if (typeof grant.role !== "string") continue;
            const role = grant.role.trim();
            if (IMPERSONATION_ROLES.includes(role)) {
                if (grant.member === UNKNOWN && allowed.length > 0) {
                    results.push(unknown({ ...roleAttr(grant, role), state: "unknown" }, `${grant.path} is computed; ${role} at ${where} level may only go to the allowed members.`));
                    continue;
                }
                results.push(
                    fail(
                        roleAttr(grant, role),
                        `${grant.rolePath} grants ${role} at ${where} level (to ${grant.path}), which lets it act as every service account of the ${where}; grant it on the one service account instead (google_service_account_iam_member / gcp.serviceaccount.IAMMember).`,
                    ),
                );
                continue;
            }
            if (!adminRoles || !isAdminRole(role)) continue;
            const isSa = memberIsServiceAccount(grant);
            if (isSa === "no") continue;
            if (isSa === "maybe" || (grant.member === UNKNOWN && allowed.length > 0)) {
                results.push(
                    unknown(
                        { ...roleAttr(grant, role), state: "unknown" },
                        `${grant.path} is computed; ${role} at ${where} level must not go to a service account${allowed.length > 0 ? " outside allowedMembers" : ""}.`,
                    ),
                );
                continue;
            }
            results.push(
                fail(
                    roleAttr(grant, role),
                    `${grant.rolePath} grants the admin role ${role} at ${where} level to a service account (${grant.path}); give the account roles/aiplatform.user and data-scoped roles instead.`,
                ),
            );
        }
        for (const u of unreadable) {
            const at: Attr = { path: u.path, state: u.reason === "unknown" ? "unknown" : "explicit", value: undefined, location: u.location };
            results.push(
                u.reason === "unknown"
                    ? unknown(at, `${u.path} is computed; its bindings must not grant Service Account User or Token Creator at ${where} level.`)
                    : fail(at, `${u.path} is not a JSON IAM policy with a list of bindings, so it cannot be verified; write it as {"bindings": [{"role": …, "members": […]}]}.`),
            );
        }
        return allOf(resource, results, `No service-account impersonation role, and no admin role for a service account, is granted at ${where} level.`);
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.serviceAccount, name: "trainer", props: { accountId: "trainer", project: "ml-prod" } },
                    {
                        type: types.projectIamMember,
                        name: "trainer-vertex-user",
                        props: { project: "ml-prod", role: "roles/aiplatform.user", member: "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com" },
                    },
                    {
                        type: types.serviceAccountIamMember,
                        name: "alice-acts-as-trainer",
                        props: { serviceAccountId: ref("trainer", "name"), role: "roles/iam.serviceAccountUser", member: "user:alice@example.com" },
                    },
                    {
                        type: types.projectIamPolicy,
                        name: "ml-sandbox",
                        props: {
                            project: "ml-sandbox",
                            policyData: JSON.stringify({ bindings: [{ role: "roles/notebooks.runner", members: ["group:ml-researchers@example.com"] }] }),
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.projectIamMember,
                        name: "alice-acts-as-any",
                        props: { project: "ml-prod", role: "roles/iam.serviceAccountUser", member: "user:alice@example.com" },
                    },
                ],
                [
                    {
                        type: types.folderIamBinding,
                        name: "ci-token-creators",
                        props: { folder: "folders/123456789012", role: "roles/iam.serviceAccountTokenCreator", members: ["group:ci@example.com"] },
                    },
                ],
                [
                    {
                        type: types.projectIamMember,
                        name: "trainer-vertex-admin",
                        props: { project: "ml-prod", role: "roles/aiplatform.admin", member: "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com" },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_service_account" "trainer" {
  account_id = "trainer"
}

resource "google_project_iam_member" "trainer_vertex_user" {
  project = "ml-prod"
  role    = "roles/aiplatform.user"
  member  = google_service_account.trainer.member
}

resource "google_service_account_iam_member" "alice_acts_as_trainer" {
  service_account_id = google_service_account.trainer.name
  role               = "roles/iam.serviceAccountUser"
  member             = "user:alice@example.com"
}
`,
            ],
            bad: [
                `resource "google_project_iam_member" "alice_acts_as_any" {
  project = "ml-prod"
  role    = "roles/iam.serviceAccountUser"
  member  = "user:alice@example.com"
}
`,
                `resource "google_organization_iam_binding" "token_creators" {
  org_id  = "123456789012"
  role    = "roles/iam.serviceAccountTokenCreator"
  members = ["group:ci@example.com"]
}
`,
                `resource "google_service_account" "trainer" {
  account_id = "trainer"
}

resource "google_project_iam_member" "trainer_storage_admin" {
  project = "ml-prod"
  role    = "roles/storage.admin"
  member  = google_service_account.trainer.member
}
`,
            ],
        },
    },
});
