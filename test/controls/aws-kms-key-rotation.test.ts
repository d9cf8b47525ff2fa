import control from "../../catalog/controls/aws-kms-key-rotation";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const key = (props: Record<string, unknown>) => [{ type: types.kmsKey, name: "k", props }];

edgeCases(control, [
    { name: "rotation on passes", resources: key({ enableKeyRotation: true }), expect: ["pass"] },
    { name: "rotation off fails", resources: key({ enableKeyRotation: false }), expect: ["fail"] },
    { name: "absent fails: rotation is off by default", resources: key({}), expect: ["fail"], message: /default false/ },
    { name: 'the string "true" fails (not a boolean)', resources: key({ enableKeyRotation: "true" }), expect: ["fail"] },
    { name: "computed is not verifiable yet", resources: key({ enableKeyRotation: UNKNOWN }), expect: ["unknown"] },
    { name: "asymmetric keys are not applicable", resources: key({ customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }), expect: ["not-applicable"] },
    { name: "HMAC keys are not applicable", resources: key({ customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }), expect: ["not-applicable"] },
    { name: "an explicit symmetric spec without rotation fails", resources: key({ customerMasterKeySpec: "SYMMETRIC_DEFAULT" }), expect: ["fail"] },
    { name: "a 365-day period passes", resources: key({ enableKeyRotation: true, rotationPeriodInDays: 365 }), expect: ["pass"] },
    { name: "a 730-day period fails the default maximum", resources: key({ enableKeyRotation: true, rotationPeriodInDays: 730 }), expect: ["fail"], message: /exceeds the allowed 365 days/, evidence: 730 },
    {
        name: "a configured maximum is honoured",
        resources: key({ enableKeyRotation: true, rotationPeriodInDays: 730 }),
        settings: { maxRotationPeriodDays: 1000 },
        expect: ["pass"],
    },
    { name: "a computed period is not verifiable", resources: key({ enableKeyRotation: true, rotationPeriodInDays: UNKNOWN }), expect: ["unknown"] },
]);
