import { defineControl } from "../control";
import { globToRegExp } from "../run";
import { stringList } from "../helpers/coerce";
import { type Attr, anyProp, listItems } from "../helpers/props";
import { nested } from "../helpers/sagemaker";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import type { ResourceGraph } from "../graph";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

type Options = { allowedHosts: string[] };

/** CodeCommit Git endpoints: authenticated with the execution role, no secret needed. */
const CODECOMMIT_HOST = /^git-codecommit(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/**
 * Judges one repository URL. Messages never show the URL: it may embed credentials. `needsSecret`
 * is set for a CodeRepository, where a non-CodeCommit host needs a Secrets Manager secret.
 */
function judgeUrl(attr: Attr, allowed: RegExp[], secret?: Attr): CheckResult {
    const raw = attr.value;
    if (typeof raw !== "string") return fail(attr, `${attr.path} is not a repository URL.`);
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        return fail(attr, `${attr.path} is not a valid URL.`);
    }
    if (url.username || url.password) {
        const r = fail(attr, `The repository URL (${attr.path}) embeds credentials; store them in Secrets Manager (a code repository's secretArn) instead.`);
        // Reports show the evidence value: never the credentials.
        if (r.evidence) r.evidence.value = `${url.protocol}//***@${url.host}/…`;
        return r;
    }
    if (url.protocol !== "https:") return fail(attr, `The repository URL (${attr.path}) must use https://.`);
    const host = url.hostname.toLowerCase();
    if (!CODECOMMIT_HOST.test(host) && !allowed.some((re) => re.test(host))) {
        return fail(attr, `The repository host of ${attr.path} is not an approved Git host (allowedHosts).`);
    }
    if (secret && !CODECOMMIT_HOST.test(host)) {
        if (secret.state === "absent" || secret.value === "") {
            return fail(secret, "A repository outside CodeCommit needs its credentials in Secrets Manager (gitConfig.secretArn).");
        }
    }
    return pass(attr, "The repository is on an approved host over HTTPS without embedded credentials.");
}

function judgeCodeRepository(repo: Resource, allowed: RegExp[]): CheckResult[] {
    const url = nested(repo, "gitConfig.repositoryUrl");
    if (url.state === "unknown") return [unknown(url, "The repository URL (gitConfig.repositoryUrl) is computed; its host cannot be checked yet.")];
    if (url.state === "absent") return [fail(url, "The code repository sets no gitConfig.repositoryUrl.")];
    return [judgeUrl(url, allowed, nested(repo, "gitConfig.secretArn"))];
}

/** A notebook's repositories: only raw URLs are judged here (names refer to code-repository resources). */
function judgeNotebook(notebook: Resource, allowed: RegExp[], graph: ResourceGraph): CheckResult[] {
    const refs: Attr[] = [];
    const primary = anyProp(notebook, "defaultCodeRepository");
    if (primary.state !== "absent") refs.push(primary);
    const extra = anyProp(notebook, "additionalCodeRepositories");
    if (extra.state === "unknown") refs.push(extra);
    else refs.push(...listItems(notebook, extra));
    const results: CheckResult[] = [];
    for (const attr of refs) {
        if (attr.state === "unknown" && graph.targets(notebook, attr.path, [types.sagemakerCodeRepository]).length > 0) {
            results.push(pass(attr, "The repository is a SageMaker code repository of the stack (judged on its own resource)."));
        } else if (attr.state === "unknown") {
            results.push(unknown(attr, `The code repository (${attr.path}) is computed; whether it is a trusted URL cannot be checked yet.`));
        } else if (typeof attr.value === "string" && /^[a-z][a-z0-9+.-]*:/i.test(attr.value)) {
            results.push(judgeUrl(attr, allowed));
        } else if (typeof attr.value === "string" && attr.value !== "") {
            results.push(pass(attr, "The repository is a SageMaker code repository (judged on its own resource)."));
        } else {
            results.push(fail(attr, `${attr.path} is not a repository name or URL.`));
        }
    }
    return results.length > 0 ? results : [notApplicable(notebook, "The notebook uses no code repository.")];
}

export default defineControl<unknown, Options>({
    id: "aws-sagemaker-code-repository-trusted",
    title: "SageMaker code repositories must come from approved Git hosts, with credentials in Secrets Manager",
    severity: "low",
    provider: "aws",
    rationale:
        "A notebook clones its Git repositories at start-up, so the repository host is part of the notebook's supply " +
        "chain, and credentials written into a repository URL end up in the resource's state and API responses in clear " +
        "text. Repositories must use HTTPS on an approved host; repositories outside CodeCommit keep their credentials " +
        "in a Secrets Manager secret.",
    remediation: {
        terraform:
            "Use an `https://` URL on an approved host in `git_config.repository_url`, without `user:password@`, and set `git_config.secret_arn` for hosts other than CodeCommit; on notebooks, refer to an `aws_sagemaker_code_repository` by name instead of a raw URL.",
        pulumi:
            "Use an `https://` URL on an approved host in `gitConfig.repositoryUrl`, without `user:password@`, and set `gitConfig.secretArn` for hosts other than CodeCommit; on notebooks, refer to a `CodeRepository` by name instead of a raw URL.",
    },
    frameworks: { "nist-800-53": ["IA-5(7)", "SR-3"], "owasp-ml": ["ML06"] },
    tags: ["sagemaker", "notebook", "supply-chain", "secrets"],
    aliases: {},
    subjects: [types.sagemakerCodeRepository, types.sagemakerNotebookInstance],
    scope: "stack",
    options: {
        allowedHosts: {
            description:
                "Approved Git host names besides CodeCommit (`*` matches any run of characters), e.g. `git.example.com` or `*.ghe.com`.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(subject, { graph, options }) {
        const allowed = stringList(options.allowedHosts).map((h) => globToRegExp(h.toLowerCase()));
        return subject.type === types.sagemakerCodeRepository.token ? judgeCodeRepository(subject, allowed) : judgeNotebook(subject, allowed, graph);
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.sagemakerCodeRepository,
                        name: "features",
                        props: {
                            codeRepositoryName: "features",
                            gitConfig: { repositoryUrl: "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/features" },
                        },
                    },
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            defaultCodeRepository: ref("features", "codeRepositoryName"),
                        },
                    },
                ],
                [
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            defaultCodeRepository: "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/features",
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.sagemakerCodeRepository,
                        name: "features",
                        props: { codeRepositoryName: "features", gitConfig: { repositoryUrl: "https://github.com/example/features.git" } },
                    },
                ],
                [
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            defaultCodeRepository: "http://git.example.com/ml/features.git",
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_sagemaker_code_repository" "features" {
  code_repository_name = "features"

  git_config {
    repository_url = "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/features"
  }
}

resource "aws_sagemaker_notebook_instance" "research" {
  name                    = "research"
  instance_type           = "ml.t3.medium"
  role_arn                = "arn:aws:iam::111122223333:role/sagemaker-research"
  default_code_repository = aws_sagemaker_code_repository.features.code_repository_name
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_code_repository" "features" {
  code_repository_name = "features"

  git_config {
    repository_url = "https://github.com/example/features.git"
  }
}
`,
                `resource "aws_sagemaker_notebook_instance" "research" {
  name                    = "research"
  instance_type           = "ml.t3.medium"
  role_arn                = "arn:aws:iam::111122223333:role/sagemaker-research"
  default_code_repository = "http://git.example.com/ml/features.git"
}
`,
            ],
        },
    },
});
