import control from "../../catalog/controls/aws-ml-customer-managed-keys";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, type TableResource, edgeCases } from "../support/controls";

const key: TableResource = { type: types.kmsKey, name: "ml", props: {} };
const notebook = (kmsKeyId: unknown, deps?: string[]): TableResource => ({
    type: types.sagemakerNotebookInstance,
    name: "nb",
    props: { kmsKeyId },
    ...(deps ? { deps: { kmsKeyId: deps } } : {}),
});
const alias = (name: string, deps = true): TableResource => ({ type: types.kmsAlias, name: "alias", props: { name, targetKeyId: UNKNOWN }, ...(deps ? { deps: { targetKeyId: ["ml"] } } : {}) });

edgeCases(control, [
    { name: "a key of the stack passes", resources: [key, notebook(UNKNOWN, ["ml"])], expect: ["pass"] },
    { name: "an alias of the stack passes", resources: [key, alias("alias/ml"), notebook(UNKNOWN, ["alias"])], expect: ["pass"] },
    { name: "alias/aws/sagemaker fails", resources: [notebook("alias/aws/sagemaker")], expect: ["fail"], message: /AWS-managed/ },
    { name: "an alias ARN in the aws/ namespace fails", resources: [notebook("arn:aws:kms:eu-west-1:111122223333:alias/aws/sagemaker")], expect: ["fail"] },
    { name: "a literal key ARN passes", resources: [notebook("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")], expect: ["pass"] },
    { name: "a literal alias declared here with a stack key passes", resources: [key, alias("alias/ml"), notebook("alias/ml")], expect: ["pass"] },
    { name: "a literal alias not declared here is not verifiable", resources: [notebook("alias/team-key")], expect: ["unknown"] },
    { name: "a declared alias whose key is elsewhere is not verifiable", resources: [alias("alias/ml", false), notebook("alias/ml")], expect: ["unknown"] },
    { name: "a computed key from outside the stack is not verifiable", resources: [notebook(UNKNOWN)], expect: ["unknown"] },
    { name: "no key reference is not applicable", resources: [{ type: types.sagemakerNotebookInstance, name: "nb", props: {} }], expect: ["not-applicable"] },
    {
        name: "every reference of a resource is judged (endpoint volume and data capture)",
        resources: [key, { type: types.sagemakerEndpointConfiguration, name: "ec", props: { kmsKeyArn: UNKNOWN, dataCaptureConfig: { kmsKeyId: "alias/aws/s3" } }, deps: { kmsKeyArn: ["ml"] } }],
        expect: ["pass", "fail"],
    },
    { name: "ECR repositories are checked", resources: [{ type: types.ecrRepository, name: "r", props: { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "alias/aws/ecr" }] } }], expect: ["fail"] },
    { name: "a non-string key fails without throwing", resources: [notebook(42)], expect: ["fail"] },
]);
