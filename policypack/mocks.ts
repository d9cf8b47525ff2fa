/**
 * The default answers `mlguard/policypack/testing` gives a program run under mocks: the identity
 * and policy-document look-ups of both clouds, and plausible computed outputs (ARNs, ids, emails)
 * during an update. Without them `aws.getCallerIdentity()` and `gcp.organizations.getProject()`
 * return their own inputs (`projects/undefined/…`) and `aws.iam.getPolicyDocument()` has no `json`,
 * so trust and bucket policies silently disappear from the analysis. Every function here is
 * exported so a test can call it from its own `call` / `outputs` override and change one field.
 */

export const MOCK_ACCOUNT_ID = "111122223333";
export const MOCK_AWS_REGION = "eu-west-1";
export const MOCK_GCP_PROJECT = "ml-research-prod";
export const MOCK_GCP_PROJECT_NUMBER = "123456789012";
export const MOCK_GCP_REGION = "europe-west4";

type Inputs = Record<string, any>;

/** A statement of `aws.iam.getPolicyDocument` (the SDK's `GetPolicyDocumentStatement`). */
interface PolicyStatementInput {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: Array<{ type: string; identifiers: string[] }>;
    notPrincipals?: Array<{ type: string; identifiers: string[] }>;
    conditions?: Array<{ test: string; variable: string; values: string[] }>;
}

/** The provider writes a one-element list as a plain string and sorts set members. */
function stringOrList(values: readonly string[] | undefined): string | string[] | undefined {
    if (!Array.isArray(values) || values.length === 0) return undefined;
    const sorted = [...new Set(values.map(String))].sort();
    return sorted.length === 1 ? sorted[0] : sorted;
}

function principalSet(principals: PolicyStatementInput["principals"]): unknown {
    if (!Array.isArray(principals) || principals.length === 0) return undefined;
    // `type = "*"` with `identifiers = ["*"]` is the anonymous principal, written as "*".
    if (principals.length === 1 && principals[0]?.type === "*") return "*";
    const byType: Record<string, string[]> = {};
    for (const p of principals) (byType[String(p?.type)] ??= []).push(...(Array.isArray(p?.identifiers) ? p.identifiers.map(String) : []));
    const out: Record<string, unknown> = {};
    for (const type of Object.keys(byType).sort()) out[type] = stringOrList(byType[type]);
    return out;
}

function conditionMap(conditions: PolicyStatementInput["conditions"]): unknown {
    if (!Array.isArray(conditions) || conditions.length === 0) return undefined;
    const out: Record<string, Record<string, unknown>> = {};
    for (const c of conditions) {
        const byVariable = (out[String(c?.test)] ??= {});
        const previous = byVariable[String(c?.variable)];
        const values = [...(previous === undefined ? [] : Array.isArray(previous) ? previous : [previous]), ...(Array.isArray(c?.values) ? c.values.map(String) : [])];
        byVariable[String(c?.variable)] = stringOrList(values as string[]);
    }
    return out;
}

/**
 * `aws.iam.getPolicyDocument` as the provider renders it: `Version` (default `2012-10-17`), `Id`,
 * then `Statement` with keys in the order Sid, Effect (default `Allow`), Action, NotAction,
 * Resource, NotResource, Principal, NotPrincipal, Condition; empty keys left out, one-element lists
 * written as strings, `json` indented by two spaces and `minifiedJson` without whitespace.
 * `sourcePolicyDocuments` statements come first and `overridePolicyDocuments` replace statements
 * with the same `Sid`, as the provider merges them. The provider orders the members of a set by
 * hash; here they are sorted, so compare documents as JSON values rather than as text.
 */
export function renderPolicyDocument(inputs: Inputs): { json: string; minifiedJson: string; id: string } {
    const statements: Record<string, unknown>[] = [];
    const bySid = new Map<string, number>();
    const add = (stmt: Record<string, unknown>, override: boolean) => {
        const sid = typeof stmt.Sid === "string" && stmt.Sid !== "" ? stmt.Sid : undefined;
        if (sid !== undefined && bySid.has(sid)) {
            if (override) statements[bySid.get(sid)!] = stmt;
            return;
        }
        if (sid !== undefined) bySid.set(sid, statements.length);
        statements.push(stmt);
    };
    const fromDocuments = (docs: unknown, override: boolean) => {
        if (!Array.isArray(docs)) return;
        for (const text of docs) {
            try {
                const doc = JSON.parse(String(text)) as { Statement?: unknown };
                const list = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
                for (const s of list) if (s && typeof s === "object") add(s as Record<string, unknown>, override);
            } catch {
                // The provider rejects a document that is not JSON; the mock leaves it out.
            }
        }
    };
    fromDocuments(inputs.sourcePolicyDocuments, false);
    for (const s of (Array.isArray(inputs.statements) ? inputs.statements : []) as PolicyStatementInput[]) {
        const stmt: Record<string, unknown> = {};
        const put = (key: string, value: unknown) => {
            if (value !== undefined && value !== "") stmt[key] = value;
        };
        put("Sid", s?.sid);
        put("Effect", s?.effect ?? "Allow");
        put("Action", stringOrList(s?.actions));
        put("NotAction", stringOrList(s?.notActions));
        put("Resource", stringOrList(s?.resources));
        put("NotResource", stringOrList(s?.notResources));
        put("Principal", principalSet(s?.principals));
        put("NotPrincipal", principalSet(s?.notPrincipals));
        put("Condition", conditionMap(s?.conditions));
        add(stmt, true);
    }
    fromDocuments(inputs.overridePolicyDocuments, true);
    const doc: Record<string, unknown> = { Version: inputs.version ?? "2012-10-17" };
    if (inputs.policyId) doc.Id = inputs.policyId;
    if (statements.length > 0) doc.Statement = statements;
    const json = JSON.stringify(doc, null, 2);
    return { json, minifiedJson: JSON.stringify(doc), id: String(hash(json)) };
}

/** The provider's id of a policy document is a hash of its text; any stable number does here. */
function hash(text: string): number {
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
    return h >>> 0;
}

/**
 * Answers to the data-source look-ups programs make to learn who and where they are, by invoke
 * token; `undefined` for any other token. `MOCK_*` constants are the values.
 */
export function defaultCall(token: string, inputs: Inputs = {}): Record<string, unknown> | undefined {
    const project = (inputs.project ?? inputs.projectId ?? MOCK_GCP_PROJECT) as string;
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/deployer`, userId: "AIDAEXAMPLEDEPLOYER", id: MOCK_ACCOUNT_ID };
        case "aws:index/getRegion:getRegion": {
            const region = (inputs.region ?? inputs.name ?? MOCK_AWS_REGION) as string;
            return { region, name: region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region === MOCK_AWS_REGION ? "Europe (Ireland)" : region };
        }
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return { ...inputs, ...renderPolicyDocument(inputs) };
        case "gcp:organizations/getProject:getProject":
            return { projectId: project, number: MOCK_GCP_PROJECT_NUMBER, name: project, id: `projects/${project}`, labels: {}, effectiveLabels: {} };
        case "gcp:projects/getProject:getProject":
            return { filter: inputs.filter, id: String(inputs.filter ?? ""), projects: [{ projectId: project, number: MOCK_GCP_PROJECT_NUMBER, name: project, lifecycleState: "ACTIVE" }] };
        case "gcp:organizations/getClientConfig:getClientConfig":
            // A fixed placeholder: programs must never see a real token.
            return { accessToken: "mock-access-token", project: MOCK_GCP_PROJECT, region: MOCK_GCP_REGION, zone: `${MOCK_GCP_REGION}-a`, id: `projects/${MOCK_GCP_PROJECT}/regions/${MOCK_GCP_REGION}/zones/${MOCK_GCP_REGION}-a`, defaultLabels: {} };
        case "gcp:serviceaccount/getAccount:getAccount": {
            const id = String(inputs.accountId ?? "service-account");
            const email = id.includes("@") ? id : `${id}@${project}.iam.gserviceaccount.com`;
            return { accountId: email.split("@")[0], email, member: `serviceAccount:${email}`, name: `projects/${project}/serviceAccounts/${email}`, uniqueId: "100000000000000000001", displayName: "", project, id: `projects/${project}/serviceAccounts/${email}` };
        }
        case "gcp:storage/getProjectServiceAccount:getProjectServiceAccount":
            return serviceAgent(project, `service-${MOCK_GCP_PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`, "emailAddress");
        case "gcp:compute/getDefaultServiceAccount:getDefaultServiceAccount":
            return serviceAgent(project, `${MOCK_GCP_PROJECT_NUMBER}-compute@developer.gserviceaccount.com`, "email");
        case "gcp:bigquery/getDefaultServiceAccount:getDefaultServiceAccount":
            return serviceAgent(project, `bq-${MOCK_GCP_PROJECT_NUMBER}@bigquery-encryption.iam.gserviceaccount.com`, "email");
        default:
            return undefined;
    }
}

function serviceAgent(project: string, email: string, emailKey: "email" | "emailAddress"): Record<string, unknown> {
    return { [emailKey]: email, member: `serviceAccount:${email}`, project, id: email, name: `projects/${project}/serviceAccounts/${email}`, uniqueId: "100000000000000000002", displayName: "" };
}

/**
 * Plausible computed outputs of a created resource during an update (never in preview, where the
 * engine does not know them), so joins on ARNs, ids and emails resolve as they would after
 * `pulumi up`. Inputs are echoed by the caller; this adds what the provider computes.
 */
export function defaultOutputs(type: string, name: string, inputs: Inputs = {}): Record<string, unknown> {
    const [pkg, mod] = type.split(":");
    if (pkg === "aws") {
        const service = (mod ?? "").split("/")[0];
        const out: Record<string, unknown> = {
            arn: `arn:aws:${service}:${MOCK_AWS_REGION}:${MOCK_ACCOUNT_ID}:${name}`,
            tagsAll: inputs.tags ?? {},
            // Auto-named resources get their physical name from the provider.
            name: inputs.name ?? `${name}-abc123`,
        };
        switch (type) {
            case "aws:s3/bucket:Bucket":
            case "aws:s3/bucketV2:BucketV2": {
                const bucket = (inputs.bucket as string | undefined) ?? `${name}-abc123`;
                Object.assign(out, { id: bucket, bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com` });
                break;
            }
            case "aws:iam/role:Role":
                Object.assign(out, { arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${(inputs.name as string) ?? name}`, name: inputs.name ?? name });
                break;
            case "aws:kms/key:Key":
                Object.assign(out, { keyId: `${name}-key-id`, arn: `arn:aws:kms:${MOCK_AWS_REGION}:${MOCK_ACCOUNT_ID}:key/${name}-key-id` });
                break;
            case "aws:ecr/repository:Repository":
                Object.assign(out, { repositoryUrl: `${MOCK_ACCOUNT_ID}.dkr.ecr.${MOCK_AWS_REGION}.amazonaws.com/${inputs.name ?? name}` });
                break;
            case "aws:ec2/vpcEndpoint:VpcEndpoint":
                Object.assign(out, { prefixListId: "pl-6da54004" });
                break;
            case "aws:sagemaker/domain:Domain":
                Object.assign(out, { homeEfsFileSystemId: "fs-123", securityGroupIdForDomainBoundary: "sg-boundary" });
                break;
        }
        return out;
    }
    if (pkg === "gcp") {
        const project = (inputs.project as string | undefined) ?? MOCK_GCP_PROJECT;
        const out: Record<string, unknown> = {};
        switch (type) {
            case "gcp:kms/keyRing:KeyRing":
                out.id = `projects/${project}/locations/${inputs.location}/keyRings/${inputs.name ?? name}`;
                break;
            case "gcp:kms/cryptoKey:CryptoKey":
                out.id = `${inputs.keyRing}/cryptoKeys/${inputs.name ?? name}`;
                break;
            case "gcp:serviceaccount/account:Account": {
                const email = `${inputs.accountId}@${project}.iam.gserviceaccount.com`;
                Object.assign(out, { email, member: `serviceAccount:${email}`, name: `projects/${project}/serviceAccounts/${email}` });
                break;
            }
            case "gcp:storage/bucket:Bucket":
                Object.assign(out, { name: inputs.name ?? `${name}-abc123`, url: `gs://${inputs.name ?? name}` });
                break;
            case "gcp:projects/serviceIdentity:ServiceIdentity":
                out.email = `service-${MOCK_GCP_PROJECT_NUMBER}@gcp-sa-${String(inputs.service).split(".")[0]}.iam.gserviceaccount.com`;
                out.member = `serviceAccount:${out.email}`;
                break;
            case "gcp:accesscontextmanager/accessPolicy:AccessPolicy":
                out.name = "987654321";
                break;
        }
        return out;
    }
    return {};
}

/** The id a created resource gets during an update: a computed one when the provider's is known, else `<name>-id`. */
export function defaultId(type: string, name: string, inputs: Inputs = {}): string {
    const id = defaultOutputs(type, name, inputs).id;
    return typeof id === "string" ? id : `${name}-id`;
}
