import { defineControl } from "../control";
import { scalarBoolean } from "../helpers/coerce";
import { prop } from "../helpers/props";
import { expectCustomerKey, nested } from "../helpers/sagemaker";
import { notApplicable, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

const BASE = {
    featureGroupName: "customers",
    recordIdentifierFeatureName: "customer_id",
    eventTimeFeatureName: "event_time",
    roleArn: "arn:aws:iam::111122223333:role/sagemaker-features",
    featureDefinitions: [
        { featureName: "customer_id", featureType: "String" },
        { featureName: "event_time", featureType: "String" },
    ],
};

export default defineControl({
    id: "aws-sagemaker-feature-group-kms-encrypted",
    title: "SageMaker Feature Store online and offline stores must be encrypted with a customer-managed KMS key",
    severity: "medium",
    provider: "aws",
    rationale:
        "Feature groups hold the curated training and inference features of a model, often derived from personal data. " +
        "Without a key the online store and the offline store's S3 objects are encrypted with AWS-managed keys, " +
        "outside your key policy. Every store that is configured needs a customer-managed key; the in-memory online " +
        "tier takes none and is not applicable.",
    remediation: {
        terraform:
            "Set `online_store_config.security_config.kms_key_id` (when `enable_online_store = true`) and `offline_store_config.s3_storage_config.kms_key_id` to a customer-managed key.",
        pulumi:
            "Set `onlineStoreConfig.securityConfig.kmsKeyId` (when `enableOnlineStore: true`) and `offlineStoreConfig.s3StorageConfig.kmsKeyId` to a customer-managed key.",
    },
    frameworks: { "aws-config": ["sagemaker-featuregroup-online-store-encryption"], "nist-800-53": ["SC-28"], "owasp-ml": ["ML02"] },
    tags: ["sagemaker", "feature-store", "encryption", "kms"],
    aliases: {},
    subjects: [types.sagemakerFeatureGroup],
    scope: "resource",
    options: {},
    check(group) {
        const results: CheckResult[] = [];
        const online = prop(group, "onlineStoreConfig");
        if (online.state === "unknown") results.push(unknown(online, "The online store configuration is computed; its encryption cannot be checked yet."));
        else if (online.state === "explicit") {
            const enabled = nested(group, "onlineStoreConfig.enableOnlineStore");
            const on = enabled.state === "unknown" ? undefined : scalarBoolean(enabled.value ?? false);
            const tier = nested(group, "onlineStoreConfig.storageType");
            if (on !== false && tier.value !== "InMemory") {
                results.push(expectCustomerKey(nested(group, "onlineStoreConfig.securityConfig.kmsKeyId"), "the online store"));
            }
        }
        const offline = prop(group, "offlineStoreConfig");
        if (offline.state === "unknown") results.push(unknown(offline, "The offline store configuration is computed; its encryption cannot be checked yet."));
        else if (offline.state === "explicit") {
            results.push(expectCustomerKey(nested(group, "offlineStoreConfig.s3StorageConfig.kmsKeyId"), "the offline store"));
        }
        return results.length > 0 ? results : [notApplicable(group, "The feature group configures neither an online nor an offline store.")];
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKey, name: "ml", props: { enableKeyRotation: true } },
                    {
                        type: types.sagemakerFeatureGroup,
                        name: "customers",
                        props: {
                            ...BASE,
                            onlineStoreConfig: { enableOnlineStore: true, securityConfig: { kmsKeyId: ref("ml", "arn") } },
                            offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://acme-ml-features/customers", kmsKeyId: ref("ml", "arn") } },
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.sagemakerFeatureGroup, name: "customers", props: { ...BASE, onlineStoreConfig: { enableOnlineStore: true } } }],
                [
                    {
                        type: types.sagemakerFeatureGroup,
                        name: "customers",
                        props: { ...BASE, offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://acme-ml-features/customers" } } },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_sagemaker_feature_group" "customers" {
  feature_group_name             = "customers"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = "arn:aws:iam::111122223333:role/sagemaker-features"

  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }

  feature_definition {
    feature_name = "event_time"
    feature_type = "String"
  }

  online_store_config {
    enable_online_store = true

    security_config {
      kms_key_id = aws_kms_key.ml.arn
    }
  }

  offline_store_config {
    s3_storage_config {
      s3_uri     = "s3://acme-ml-features/customers"
      kms_key_id = aws_kms_key.ml.arn
    }
  }
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_feature_group" "customers" {
  feature_group_name             = "customers"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = "arn:aws:iam::111122223333:role/sagemaker-features"

  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }

  online_store_config {
    enable_online_store = true
  }
}
`,
                `resource "aws_sagemaker_feature_group" "customers" {
  feature_group_name             = "customers"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = "arn:aws:iam::111122223333:role/sagemaker-features"

  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }

  offline_store_config {
    s3_storage_config {
      s3_uri = "s3://acme-ml-features/customers"
    }
  }
}
`,
            ],
        },
    },
});
