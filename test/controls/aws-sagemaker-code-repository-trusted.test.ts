import control from "../../catalog/controls/aws-sagemaker-code-repository-trusted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, check, edgeCases } from "../support/controls";
import * as assert from "node:assert/strict";

const repo = (gitConfig: unknown) => [{ type: types.sagemakerCodeRepository, name: "repo", props: { codeRepositoryName: "repo", gitConfig } }];
const nb = (props: Record<string, unknown>) => [{ type: types.sagemakerNotebookInstance, name: "nb", props }];
const CC = "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/features";
const SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:git-abc";

edgeCases(control, [
    { name: "a CodeCommit URL passes without a secret", resources: repo({ repositoryUrl: CC }), expect: ["pass"] },
    { name: "a FIPS CodeCommit URL passes", resources: repo({ repositoryUrl: "https://git-codecommit-fips.us-east-1.amazonaws.com/v1/repos/x" }), expect: ["pass"] },
    { name: "an unapproved host fails", resources: repo({ repositoryUrl: "https://github.com/a/b.git", secretArn: SECRET }), expect: ["fail"], message: /approved/ },
    {
        name: "an approved host with a secret passes",
        resources: repo({ repositoryUrl: "https://git.example.com/ml/b.git", secretArn: SECRET }),
        settings: { allowedHosts: ["git.example.com"] },
        expect: ["pass"],
    },
    {
        name: "an approved host without a secret fails at the secret",
        resources: repo({ repositoryUrl: "https://git.example.com/ml/b.git" }),
        settings: { allowedHosts: ["*.example.com"] },
        expect: ["fail"],
        message: /Secrets Manager/,
    },
    { name: "http fails", resources: repo({ repositoryUrl: "http://git-codecommit.eu-west-1.amazonaws.com/v1/repos/x" }), expect: ["fail"], message: /https/ },
    { name: "ssh fails", resources: repo({ repositoryUrl: "ssh://git-codecommit.eu-west-1.amazonaws.com/v1/repos/x" }), expect: ["fail"] },
    { name: "embedded credentials fail", resources: repo({ repositoryUrl: "https://bob:hunter2@git-codecommit.eu-west-1.amazonaws.com/v1/repos/x" }), expect: ["fail"], message: /embeds credentials/ },
    { name: "a computed URL is not verifiable", resources: repo({ repositoryUrl: UNKNOWN }), expect: ["unknown"] },
    { name: "a computed git config is not verifiable", resources: repo(UNKNOWN), expect: ["unknown"] },
    { name: "no URL fails", resources: repo({}), expect: ["fail"] },
    { name: "a garbage URL fails without throwing", resources: repo({ repositoryUrl: "::::" }), expect: ["fail"] },
    { name: "a notebook without repositories is not applicable", resources: nb({}), expect: ["not-applicable"] },
    { name: "a notebook naming a code repository passes", resources: nb({ defaultCodeRepository: "features" }), expect: ["pass"] },
    { name: "a notebook with a raw CodeCommit URL passes", resources: nb({ defaultCodeRepository: CC }), expect: ["pass"] },
    {
        name: "a notebook's additional raw URL with credentials fails",
        resources: nb({ defaultCodeRepository: "features", additionalCodeRepositories: ["https://t:x@github.com/a/b.git"] }),
        expect: ["pass", "fail"],
    },
    { name: "a computed repository not from the stack is not verifiable", resources: nb({ defaultCodeRepository: UNKNOWN }), expect: ["unknown"] },
    {
        name: "a computed repository from a code repository of the stack passes (the repository is judged itself)",
        resources: [
            ...repo({ repositoryUrl: CC }),
            { type: types.sagemakerNotebookInstance, name: "nb", props: { defaultCodeRepository: UNKNOWN }, deps: { defaultCodeRepository: ["repo"] } },
        ],
        expect: ["pass", "pass"],
    },
]);

describe("aws-sagemaker-code-repository-trusted never echoes a URL", () => {
    it("keeps credentials out of messages and evidence", () => {
        const findings = check(control, repo({ repositoryUrl: "https://bob:hunter2@github.com/a/b.git" }));
        assert.equal(findings.length, 1);
        for (const f of findings) {
            assert.doesNotMatch(f.message, /hunter2|bob/);
            assert.doesNotMatch(JSON.stringify(f.evidence), /hunter2|bob/);
        }
    });
});
