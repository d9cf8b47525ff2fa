import control from "../../catalog/controls/aws-ecr-kms-encrypted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const repo = (props: Record<string, unknown>) => ({ type: types.ecrRepository, name: "r", props });
const enc = (c: Record<string, unknown>) => repo({ encryptionConfigurations: [c] });

edgeCases(control, [
    { name: "KMS with a key ARN passes", resources: [enc({ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:111122223333:key/abc" })], expect: ["pass"] },
    { name: "KMS with a key from the stack passes", resources: [enc({ encryptionType: "KMS", kmsKey: UNKNOWN })], expect: ["pass"] },
    { name: "absent fails: AES256 by default", resources: [repo({})], expect: ["fail"], message: /AES256/, evidence: "AES256" },
    { name: "AES256 fails", resources: [enc({ encryptionType: "AES256" })], expect: ["fail"] },
    { name: "a configuration without a type fails (AES256)", resources: [enc({})], expect: ["fail"] },
    { name: "KMS without a key fails: aws/ecr", resources: [enc({ encryptionType: "KMS" })], expect: ["fail"], message: /aws\/ecr/ },
    { name: "alias/aws/ecr fails", resources: [enc({ encryptionType: "KMS", kmsKey: "alias/aws/ecr" })], expect: ["fail"] },
    { name: "a computed type is not verifiable", resources: [enc({ encryptionType: UNKNOWN, kmsKey: "k" })], expect: ["unknown"] },
    { name: "computed configurations are not verifiable", resources: [repo({ encryptionConfigurations: UNKNOWN })], expect: ["unknown"] },
    { name: "an empty list fails", resources: [repo({ encryptionConfigurations: [] })], expect: ["fail"] },
]);
