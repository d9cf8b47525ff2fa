import type { CryptoKeyArgs } from "@pulumi/gcp/kms";
import { defineControl } from "../control";
import { ref } from "../examples";
import { numberOption, parseSeconds } from "../helpers/coerce";
import { prop } from "../helpers/props";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import { types } from "../resource-types";

interface Options {
    maxRotationDays: number;
}

const DAY = 86400;

export default defineControl<CryptoKeyArgs, Options>({
    id: "gcp-kms-key-rotation",
    title: "Cloud KMS symmetric keys must rotate automatically at least every 90 days",
    severity: "medium",
    provider: "gcp",
    rationale:
        "Automatic rotation limits how much ML data (training sets, model artifacts, Workbench disks) a single key version " +
        "protects and bounds the damage of a leaked version. Without `rotationPeriod` Cloud KMS never rotates the key. " +
        "Automatic rotation applies to `ENCRYPT_DECRYPT` keys (the default purpose); other purposes are not applicable.",
    remediation: {
        terraform: 'Set `rotation_period = "7776000s"` (90 days) or shorter on the `google_kms_crypto_key`.',
        pulumi: 'Set `rotationPeriod: "7776000s"` (90 days) or shorter on the `gcp.kms.CryptoKey`.',
    },
    frameworks: {
        "cis-gcp": ["1.10"],
        prowler: ["kms_key_rotation_max_90_days", "kms_key_rotation_enabled"],
        "gcp-scc": ["KMS_KEY_NOT_ROTATED"],
        "nist-800-53": ["SC-12"],
    },
    tags: ["kms", "encryption"],
    aliases: { checkov: ["CKV_GCP_43"], tfsec: ["google-kms-rotate-kms-keys"], trivy: ["AVD-GCP-0065"] },
    subjects: [types.kmsCryptoKey],
    scope: "resource",
    options: {
        maxRotationDays: {
            description: "The longest accepted rotation period, in days.",
            schema: { type: "integer", minimum: 1 },
            default: 90,
        },
    },
    check(key, { options }) {
        const maxDays = numberOption(options.maxRotationDays, 90);
        const purpose = prop(key, "purpose");
        if (purpose.state === "explicit" && typeof purpose.value === "string" && purpose.value !== "ENCRYPT_DECRYPT") {
            return [notApplicable(purpose, `Automatic rotation applies to ENCRYPT_DECRYPT keys; this key's purpose is ${purpose.value}.`)];
        }
        const purposeUnknown = purpose.state === "unknown";
        const rotation = prop(key, "rotationPeriod");
        if (rotation.state === "unknown") {
            return [unknown(rotation, `The rotation period (rotationPeriod) is computed; it must be at most ${maxDays} days.`)];
        }
        if (rotation.state === "absent") {
            if (purposeUnknown) {
                return [unknown(purpose, "The key purpose is computed and no rotation period is set; an ENCRYPT_DECRYPT key needs one.")];
            }
            return [
                fail(
                    rotation,
                    `The rotation period (rotationPeriod) is not set, so the key is never rotated automatically; set it to at most ${maxDays * DAY}s (${maxDays} days).`,
                ),
            ];
        }
        const seconds = parseSeconds(rotation.value);
        if (seconds === undefined) {
            return [fail(rotation, `The rotation period (rotationPeriod) is not a duration in seconds such as "${90 * DAY}s".`)];
        }
        if (seconds > maxDays * DAY) {
            return [fail(rotation, `The rotation period is ${seconds}s (${Math.round((seconds / DAY) * 10) / 10} days); it must be at most ${maxDays * DAY}s (${maxDays} days).`)];
        }
        return [pass(rotation, `The key rotates every ${seconds}s, within ${maxDays} days.`)];
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKeyRing, name: "ml", props: { name: "ml", location: "us-central1" } },
                    {
                        type: types.kmsCryptoKey,
                        name: "models",
                        props: { name: "models", keyRing: ref("ml", "id"), rotationPeriod: "7776000s" },
                    },
                    {
                        type: types.kmsCryptoKey,
                        name: "model-signing",
                        props: {
                            name: "model-signing",
                            keyRing: ref("ml", "id"),
                            purpose: "ASYMMETRIC_SIGN",
                            versionTemplate: { algorithm: "EC_SIGN_P256_SHA256" },
                        },
                    },
                ],
            ],
            bad: [
                [
                    { type: types.kmsKeyRing, name: "ml", props: { name: "ml", location: "us-central1" } },
                    { type: types.kmsCryptoKey, name: "models", props: { name: "models", keyRing: ref("ml", "id") } },
                ],
                [
                    {
                        type: types.kmsCryptoKey,
                        name: "models",
                        props: {
                            name: "models",
                            keyRing: "projects/ml-prod/locations/us-central1/keyRings/ml",
                            rotationPeriod: "31536000s",
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_kms_key_ring" "ml" {
  name     = "ml"
  location = "us-central1"
}

resource "google_kms_crypto_key" "models" {
  name            = "models"
  key_ring        = google_kms_key_ring.ml.id
  rotation_period = "7776000s"

  lifecycle {
    prevent_destroy = true
  }
}
`,
            ],
            bad: [
                `resource "google_kms_crypto_key" "models" {
  name     = "models"
  key_ring = "projects/ml-prod/locations/us-central1/keyRings/ml"
}
`,
                `resource "google_kms_crypto_key" "models" {
  name            = "models"
  key_ring        = "projects/ml-prod/locations/us-central1/keyRings/ml"
  rotation_period = "31536000s"
}
`,
            ],
        },
    },
});
