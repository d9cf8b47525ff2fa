import control from "../../catalog/controls/aws-sagemaker-notebook-kms-encrypted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const nb = (props: Record<string, unknown>) => [{ type: types.sagemakerNotebookInstance, name: "nb", props }];

edgeCases(control, [
    { name: "a key ARN passes", resources: nb({ kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }), expect: ["pass"] },
    { name: "a customer alias passes", resources: nb({ kmsKeyId: "alias/ml-data" }), expect: ["pass"] },
    { name: "absent fails: AWS-managed key", resources: nb({}), expect: ["fail"], message: /AWS-managed/ },
    { name: "an empty string fails", resources: nb({ kmsKeyId: "" }), expect: ["fail"] },
    { name: "alias/aws/sagemaker fails", resources: nb({ kmsKeyId: "alias/aws/sagemaker" }), expect: ["fail"], message: /AWS-managed/ },
    {
        name: "an alias ARN of an AWS-managed key fails",
        resources: nb({ kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/sagemaker" }),
        expect: ["fail"],
    },
    { name: "a computed key (a key resource's ARN) is present and passes", resources: nb({ kmsKeyId: UNKNOWN }), expect: ["pass"] },
    { name: "an object fails without throwing", resources: nb({ kmsKeyId: { id: "x" } }), expect: ["fail"] },
]);
