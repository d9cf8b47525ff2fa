import control from "../../catalog/controls/gcp-kms-key-rotation";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const key = (props: Record<string, unknown>) => [
    {
        type: types.kmsCryptoKey,
        name: "key",
        props: { name: "models", keyRing: "projects/p/locations/us-central1/keyRings/ml", rotationPeriod: "7776000s", ...props },
    },
];

edgeCases(control, [
    { name: "90 days passes", resources: key({}), expect: ["pass"] },
    { name: "30 days passes", resources: key({ rotationPeriod: "2592000s" }), expect: ["pass"] },
    { name: "a fractional period within the limit passes", resources: key({ rotationPeriod: "7775999.5s" }), expect: ["pass"] },
    { name: "a fraction over the limit fails", resources: key({ rotationPeriod: "7776000.000000001s" }), expect: ["fail"] },
    { name: "one year fails", resources: key({ rotationPeriod: "31536000s" }), expect: ["fail"], message: /31536000s \(365 days\)/ },
    { name: "absent fails: Cloud KMS does not rotate by default", resources: key({ rotationPeriod: undefined }), expect: ["fail"], message: /not set/ },
    { name: "null is absent and fails", resources: key({ rotationPeriod: null }), expect: ["fail"] },
    { name: "computed is not verifiable yet", resources: key({ rotationPeriod: UNKNOWN }), expect: ["unknown"] },
    { name: "a number of seconds is accepted", resources: key({ rotationPeriod: 7776000 }), expect: ["pass"] },
    { name: "a number over the limit fails", resources: key({ rotationPeriod: 7776001 }), expect: ["fail"] },
    { name: "a duration in another unit fails without throwing", resources: key({ rotationPeriod: "90d" }), expect: ["fail"], message: /not a duration/ },
    { name: "an empty string fails", resources: key({ rotationPeriod: "" }), expect: ["fail"] },
    { name: "a negative number fails", resources: key({ rotationPeriod: -1 }), expect: ["fail"] },
    { name: "a boolean fails without throwing", resources: key({ rotationPeriod: true }), expect: ["fail"] },
    { name: "an object fails without throwing", resources: key({ rotationPeriod: { seconds: 100 } }), expect: ["fail"] },
    { name: "a list fails without throwing", resources: key({ rotationPeriod: ["7776000s"] }), expect: ["fail"] },
    { name: "explicit ENCRYPT_DECRYPT is checked", resources: key({ purpose: "ENCRYPT_DECRYPT", rotationPeriod: undefined }), expect: ["fail"] },
    { name: "an asymmetric signing key is not applicable", resources: key({ purpose: "ASYMMETRIC_SIGN", rotationPeriod: undefined }), expect: ["not-applicable"] },
    { name: "a MAC key is not applicable", resources: key({ purpose: "MAC", rotationPeriod: undefined }), expect: ["not-applicable"] },
    { name: "a computed purpose with no rotation is not verifiable yet", resources: key({ purpose: UNKNOWN, rotationPeriod: undefined }), expect: ["unknown"] },
    { name: "a computed purpose with a good rotation passes", resources: key({ purpose: UNKNOWN }), expect: ["pass"] },
    { name: "a non-string purpose is treated as applicable", resources: key({ purpose: 1, rotationPeriod: undefined }), expect: ["fail"] },
    { name: "option: a shorter maximum fails 90 days", resources: key({}), settings: { maxRotationDays: 30 }, expect: ["fail"], message: /30 days/ },
    { name: "option: a longer maximum accepts one year", resources: key({ rotationPeriod: "31536000s" }), settings: { maxRotationDays: 365 }, expect: ["pass"] },
    { name: "option: a malformed maximum falls back to 90 days", resources: key({ rotationPeriod: "31536000s" }), settings: { maxRotationDays: "365" }, expect: ["fail"] },
    {
        name: "an exemption with a reason still evaluates but marks the finding",
        resources: key({ rotationPeriod: undefined }),
        settings: { exemptions: [{ resource: "key", reason: "imported key, rotated by the HSM team" }] },
        expect: ["fail"],
    },
]);
