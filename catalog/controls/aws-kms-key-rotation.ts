import { defineControl } from "../control";
import { prop } from "../helpers/props";
import { expectOneOf, fail, notApplicable, pass, unknown } from "../helpers/results";
import { types } from "../resource-types";

export default defineControl<import("@pulumi/aws/kms").KeyArgs, { maxRotationPeriodDays: number }>({
    id: "aws-kms-key-rotation",
    title: "KMS keys must have automatic rotation enabled",
    severity: "medium",
    provider: "aws",
    rationale:
        "Automatic rotation limits how much data one key version protects and how long a leaked version is useful. " +
        "`enable_key_rotation` defaults to false. Rotation applies to symmetric encryption keys; asymmetric and HMAC " +
        "keys cannot rotate automatically and are not applicable.",
    remediation: {
        terraform: "Set `enable_key_rotation = true` (optionally `rotation_period_in_days` ≤ 365) on the `aws_kms_key`.",
        pulumi: "Set `enableKeyRotation: true` (optionally `rotationPeriodInDays` ≤ 365) on the `aws.kms.Key`.",
    },
    frameworks: {
        "aws-fsbp": ["KMS.4"],
        "aws-config": ["cmk-backing-key-rotation-enabled"],
        "cis-aws": ["3.6"],
        prowler: ["kms_cmk_rotation_enabled"],
        "nist-800-53": ["SC-12"],
    },
    tags: ["kms", "encryption"],
    aliases: { checkov: ["CKV_AWS_7"], tfsec: ["aws-kms-auto-rotate-keys"], trivy: ["AVD-AWS-0065"] },
    subjects: [types.kmsKey],
    scope: "resource",
    options: {
        maxRotationPeriodDays: {
            description: "Longest acceptable rotation period in days when `rotationPeriodInDays` is set (AWS allows 90–2560; the default is 365).",
            schema: { type: "integer", minimum: 90, maximum: 2560 },
            default: 365,
        },
    },
    autofix: [{ path: "enableKeyRotation", value: true }],
    check(key, { options }) {
        const keySpec = prop(key, "customerMasterKeySpec");
        const usage = prop(key, "keyUsage");
        const specValue = typeof keySpec.value === "string" ? keySpec.value : undefined;
        if (specValue && specValue !== "SYMMETRIC_DEFAULT") {
            return [notApplicable(keySpec, `Automatic rotation does not apply to ${specValue} keys.`)];
        }
        if (typeof usage.value === "string" && usage.value !== "ENCRYPT_DECRYPT") {
            return [notApplicable(usage, `Automatic rotation does not apply to ${usage.value} keys.`)];
        }
        const enabled = expectOneOf(prop(key, "enableKeyRotation"), [true], { defaultValue: false, what: "Key rotation" });
        if (enabled.status !== "pass") return [enabled];
        const period = prop(key, "rotationPeriodInDays");
        if (period.state === "unknown") return [unknown(period, "The rotation period (rotationPeriodInDays) is computed.")];
        if (period.state === "explicit") {
            if (typeof period.value !== "number") return [fail(period, "rotationPeriodInDays is not a number of days.")];
            if (period.value > options.maxRotationPeriodDays) {
                return [fail(period, `The rotation period (rotationPeriodInDays) exceeds the allowed ${options.maxRotationPeriodDays} days.`)];
            }
        }
        return [enabled];
    },
    examples: {
        pulumi: {
            good: [[{ type: types.kmsKey, name: "ml", props: { description: "ML data", enableKeyRotation: true } }]],
            bad: [
                [{ type: types.kmsKey, name: "ml", props: { description: "ML data" } }],
                [{ type: types.kmsKey, name: "ml", props: { description: "ML data", enableKeyRotation: false } }],
            ],
        },
        terraform: {
            good: [
                `resource "aws_kms_key" "ml" {
  description         = "ML data"
  enable_key_rotation = true
}
`,
            ],
            bad: [
                `resource "aws_kms_key" "ml" {
  description = "ML data"
}
`,
                `resource "aws_kms_key" "ml" {
  description         = "ML data"
  enable_key_rotation = false
}
`,
            ],
        },
    },
});
