import control from "../../catalog/controls/aws-sagemaker-feature-group-kms-encrypted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/abc";
const fg = (props: Record<string, unknown>) => [{ type: types.sagemakerFeatureGroup, name: "fg", props: { featureGroupName: "fg", ...props } }];

edgeCases(control, [
    { name: "no store configured is not applicable", resources: fg({}), expect: ["not-applicable"] },
    { name: "an online store with a key passes", resources: fg({ onlineStoreConfig: { enableOnlineStore: true, securityConfig: { kmsKeyId: KEY } } }), expect: ["pass"] },
    { name: "an online store without a key fails", resources: fg({ onlineStoreConfig: { enableOnlineStore: true } }), expect: ["fail"], message: /online store/ },
    { name: "a disabled online store is not judged", resources: fg({ onlineStoreConfig: { enableOnlineStore: false } }), expect: ["not-applicable"] },
    { name: "enableOnlineStore absent defaults to false", resources: fg({ onlineStoreConfig: { ttlDuration: { unit: "Days", value: 1 } } }), expect: ["not-applicable"] },
    { name: "a computed enableOnlineStore still needs the key", resources: fg({ onlineStoreConfig: { enableOnlineStore: UNKNOWN } }), expect: ["fail"] },
    { name: "the in-memory tier takes no key", resources: fg({ onlineStoreConfig: { enableOnlineStore: true, storageType: "InMemory" } }), expect: ["not-applicable"] },
    { name: "an offline store with a key passes", resources: fg({ offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://b/p", kmsKeyId: KEY } } }), expect: ["pass"] },
    { name: "an offline store without a key fails", resources: fg({ offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://b/p" } } }), expect: ["fail"], message: /offline store/ },
    { name: "an AWS-managed offline key fails", resources: fg({ offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://b/p", kmsKeyId: "alias/aws/s3" } } }), expect: ["fail"] },
    {
        name: "both stores are judged",
        resources: fg({ onlineStoreConfig: { enableOnlineStore: true, securityConfig: { kmsKeyId: UNKNOWN } }, offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://b/p" } } }),
        expect: ["pass", "fail"],
    },
    { name: "a computed offline block is not verifiable", resources: fg({ offlineStoreConfig: UNKNOWN }), expect: ["unknown"] },
]);
