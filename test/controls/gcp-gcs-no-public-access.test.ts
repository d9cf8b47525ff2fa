import control from "../../catalog/controls/gcp-gcs-no-public-access";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const bucket = (props: Record<string, unknown>) => [
    { type: types.storageBucket, name: "b", props: { name: "ml-data", location: "US", uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", ...props } },
];

edgeCases(control, [
    { name: "UBLA and enforced PAP passes", resources: bucket({}), expect: ["pass"] },
    { name: "a bare bucket fails on both: UBLA defaults false, PAP inherited", resources: bucket({ uniformBucketLevelAccess: undefined, publicAccessPrevention: undefined }), expect: ["fail", "fail"] },
    { name: "UBLA off fails", resources: bucket({ uniformBucketLevelAccess: false }), expect: ["fail"], message: /Uniform/ },
    { name: 'UBLA "true" as a string passes', resources: bucket({ uniformBucketLevelAccess: "true" }), expect: ["pass"] },
    { name: "PAP inherited fails with the value as evidence", resources: bucket({ publicAccessPrevention: "inherited" }), expect: ["fail"], evidence: "inherited" },
    { name: "PAP absent fails at the default", resources: bucket({ publicAccessPrevention: undefined }), expect: ["fail"], message: /default "inherited"/ },
    { name: "PAP in another case is not the API value and fails", resources: bucket({ publicAccessPrevention: "ENFORCED" }), expect: ["fail"] },
    { name: "a computed UBLA is not verifiable yet", resources: bucket({ uniformBucketLevelAccess: UNKNOWN }), expect: ["unknown"] },
    { name: "a computed PAP is not verifiable yet", resources: bucket({ publicAccessPrevention: UNKNOWN }), expect: ["unknown"] },
    { name: "a number PAP fails without throwing", resources: bucket({ publicAccessPrevention: 1 }), expect: ["fail"] },
    { name: "auto scope: in an ML stack, a bucket no ML resource uses and without the label is not applicable", resources: [...bucket({ publicAccessPrevention: undefined }), { type: types.vertexIndex, name: "ml", props: { displayName: "ml", region: "us-central1" } }], settings: { scopeLabel: "ml-data-class" }, expect: ["not-applicable"] },
    { name: "option: a labelled bucket is checked", resources: bucket({ publicAccessPrevention: undefined, labels: { "ml-data-class": "training" } }), settings: { scopeLabel: "ml-data-class" }, expect: ["fail"] },
    { name: "option: computed labels are checked", resources: bucket({ publicAccessPrevention: undefined, labels: UNKNOWN }), settings: { scopeLabel: "ml-data-class" }, expect: ["fail"] },
]);
