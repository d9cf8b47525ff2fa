import control from "../../catalog/controls/gcp-gcs-cmek";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const KEY = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/training-data";
const keyIn = (location: string) => `projects/ml-prod/locations/${location}/keyRings/ml/cryptoKeys/k`;

const bucket = (props: Record<string, unknown>) => [
    { type: types.storageBucket, name: "bucket", props: { location: "US-CENTRAL1", encryption: { defaultKmsKeyName: KEY }, ...props } },
];
const encryption = (props: Record<string, unknown>) => bucket({ encryption: { defaultKmsKeyName: KEY, ...props } });
const ENFORCED = {
    googleManagedEncryptionEnforcementConfig: { restrictionMode: "FullyRestricted" },
    customerSuppliedEncryptionEnforcementConfig: { restrictionMode: "FullyRestricted" },
};
const enforce = { requireEncryptionEnforcement: true };

edgeCases(control, [
    { name: "a key in the bucket's region passes", resources: bucket({}), expect: ["pass"] },
    { name: "absent encryption fails: the default is Google-managed", resources: bucket({ encryption: undefined }), expect: ["fail"], message: /Google-managed/ },
    { name: "encryption without a key fails", resources: bucket({ encryption: {} }), expect: ["fail"] },
    { name: "null key is absent and fails", resources: encryption({ defaultKmsKeyName: null }), expect: ["fail"] },
    { name: "a computed key (key.id during preview) counts as present", resources: encryption({ defaultKmsKeyName: UNKNOWN }), expect: ["pass"] },
    { name: "a computed encryption block is not verifiable yet", resources: bucket({ encryption: UNKNOWN }), expect: ["unknown"] },
    { name: "an empty key fails", resources: encryption({ defaultKmsKeyName: "" }), expect: ["fail"] },
    { name: "a key that is not a key name fails", resources: encryption({ defaultKmsKeyName: "my-key" }), expect: ["fail"], message: /projects\// },
    { name: "a key version is not a key name and fails", resources: encryption({ defaultKmsKeyName: `${KEY}/cryptoKeyVersions/1` }), expect: ["fail"] },
    { name: "a number key fails without throwing", resources: encryption({ defaultKmsKeyName: 42 }), expect: ["fail"] },
    { name: "an object key fails without throwing", resources: encryption({ defaultKmsKeyName: { id: KEY } }), expect: ["fail"] },
    { name: "a key in another region fails", resources: encryption({ defaultKmsKeyName: keyIn("europe-west4") }), expect: ["fail"], message: /location differs/ },
    { name: "a global key fails for a regional bucket", resources: encryption({ defaultKmsKeyName: keyIn("global") }), expect: ["fail"] },
    { name: "location case does not matter", resources: bucket({ location: "us-central1" }), expect: ["pass"] },
    { name: "a multi-region bucket needs the multi-region key", resources: bucket({ location: "US", encryption: { defaultKmsKeyName: keyIn("us") } }), expect: ["pass"] },
    { name: "a multi-region bucket with a regional key fails", resources: bucket({ location: "US" }), expect: ["fail"] },
    { name: "a dual-region bucket accepts its multi-region key", resources: bucket({ location: "NAM4", encryption: { defaultKmsKeyName: keyIn("us") } }), expect: ["pass"] },
    { name: "a dual-region bucket accepts a key in the dual-region", resources: bucket({ location: "EUR4", encryption: { defaultKmsKeyName: keyIn("eur4") } }), expect: ["pass"] },
    { name: "a computed bucket location is not verifiable yet", resources: bucket({ location: UNKNOWN }), expect: ["unknown"] },
    { name: "a one-element list (Terraform block shape) reads like an object", resources: bucket({ encryption: [{ defaultKmsKeyName: KEY }] }), expect: ["pass"] },
    { name: "option: enforcement configs are not required by default", resources: bucket({}), expect: ["pass"] },
    { name: "option: FullyRestricted enforcement passes when required", resources: encryption(ENFORCED), settings: enforce, expect: ["pass"] },
    { name: "option: absent enforcement configs fail when required", resources: bucket({}), settings: enforce, expect: ["fail", "fail"], message: /NotRestricted/ },
    {
        name: "option: NotRestricted Google-managed encryption fails when required",
        resources: encryption({ ...ENFORCED, googleManagedEncryptionEnforcementConfig: { restrictionMode: "NotRestricted" } }),
        settings: enforce,
        expect: ["fail"],
    },
    {
        name: "option: computed restriction mode is not verifiable yet",
        resources: encryption({ ...ENFORCED, customerSuppliedEncryptionEnforcementConfig: { restrictionMode: UNKNOWN } }),
        settings: enforce,
        expect: ["unknown"],
    },
    { name: "auto scope: in an ML stack, a bucket no ML resource uses and without the label is not applicable", resources: [...bucket({ encryption: undefined }), { type: types.vertexIndex, name: "ml", props: { displayName: "ml", region: "us-central1" } }], settings: { scopeLabel: "ml-data-class" }, expect: ["not-applicable"] },
    {
        name: "option: scopeLabel checks buckets with the label",
        resources: bucket({ encryption: undefined, labels: { "ml-data-class": "models" } }),
        settings: { scopeLabel: "ml-data-class" },
        expect: ["fail"],
    },
    {
        name: "an exemption with a reason still evaluates but marks the finding",
        resources: bucket({ encryption: undefined }),
        settings: { exemptions: [{ resource: "bucket", reason: "public sample data, no PII" }] },
        expect: ["fail"],
    },
]);
